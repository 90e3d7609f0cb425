//! The namespaces a cmi5 course structure or a TinCan descriptor uses, recognised by URI (never by
//! prefix).

/// The cmi5 course structure namespace (cmi5 Quartz §14, `CourseStructure.xsd`).
pub(crate) const CMI5: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
/// The pre-Quartz draft namespaces (reported as legacy).
pub(crate) const CMI5_LEGACY: [&str; 2] = [
    "http://www.adlnet.gov/cmi5/CourseStructure.xsd",
    "http://aicc.org/CMI5/CourseStructure.xsd",
];
/// The TinCan package descriptor namespace.
pub(crate) const TINCAN: &str = "http://projecttincan.com/tincan.xsd";

/// A namespace known to this crate, or another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ns {
    /// No namespace.
    None,
    /// The cmi5 course structure namespace.
    Cmi5,
    /// A pre-Quartz cmi5 namespace.
    Cmi5Legacy,
    /// The TinCan descriptor namespace.
    TinCan,
    /// The `xml:` namespace.
    Xml,
    /// Any other namespace.
    Other,
}

impl learnwire_package::xml::Namespace for Ns {
    const NONE: Self = Self::None;

    fn from_uri(uri: &str) -> Self {
        Self::from_uri(uri)
    }

    /// Another namespace keeps its URI: vendor extensions are reported with it.
    fn keeps_uri(self) -> bool {
        self == Self::Other
    }
}

impl Ns {
    /// Classifies a namespace URI.
    pub(crate) fn from_uri(uri: &str) -> Self {
        match uri.trim() {
            CMI5 => Self::Cmi5,
            TINCAN => Self::TinCan,
            "http://www.w3.org/XML/1998/namespace" => Self::Xml,
            other if CMI5_LEGACY.contains(&other) => Self::Cmi5Legacy,
            _ => Self::Other,
        }
    }

    /// True for the cmi5 namespace and its legacy forms.
    pub(crate) fn is_cmi5(self) -> bool {
        matches!(self, Self::Cmi5 | Self::Cmi5Legacy)
    }
}
