//! The namespaces a SCORM manifest uses, recognised by URI (never by prefix).

/// A namespace known to this crate, or another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ns {
    /// No namespace.
    None,
    /// IMS CP 1.1.2 as bound by SCORM 1.2.
    Cp12,
    /// IMS CP 1.1.4 as bound by SCORM 2004.
    Cp2004,
    /// ADL CP extensions for SCORM 1.2.
    Adlcp12,
    /// ADL CP extensions for SCORM 2004.
    Adlcp2004,
    /// IMS Simple Sequencing.
    Imsss,
    /// ADL sequencing extensions.
    Adlseq,
    /// ADL navigation extensions.
    Adlnav,
    /// IEEE LOM or IMS metadata (any version).
    Metadata,
    /// The `xml:` namespace.
    Xml,
    /// Any other namespace.
    Other,
}

impl learnwire_package::xml::Namespace for Ns {
    const NONE: Self = Self::None;

    #[inline]
    fn from_uri(uri: &str) -> Self {
        Self::from_uri(uri)
    }
}

impl Ns {
    /// Classifies a namespace URI.
    #[inline]
    pub(crate) fn from_uri(uri: &str) -> Self {
        // Trim only when an end is not visible ASCII (the Unicode scan costs more than the match).
        let visible = |byte: Option<&u8>| matches!(byte, Some(0x21..=0x7E));
        let bytes = uri.as_bytes();
        let uri = if visible(bytes.first()) && visible(bytes.last()) {
            uri
        } else {
            uri.trim()
        };
        match uri {
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2" => Self::Cp12,
            "http://www.imsglobal.org/xsd/imscp_v1p1" => Self::Cp2004,
            "http://www.adlnet.org/xsd/adlcp_rootv1p2" => Self::Adlcp12,
            "http://www.adlnet.org/xsd/adlcp_v1p3" => Self::Adlcp2004,
            "http://www.imsglobal.org/xsd/imsss" => Self::Imsss,
            "http://www.adlnet.org/xsd/adlseq_v1p3" => Self::Adlseq,
            "http://www.adlnet.org/xsd/adlnav_v1p3" => Self::Adlnav,
            "http://www.w3.org/XML/1998/namespace" => Self::Xml,
            "http://ltsc.ieee.org/xsd/LOM" => Self::Metadata,
            other
                if other.starts_with("http://www.imsglobal.org/xsd/imsmd")
                    || other.starts_with("http://www.imsproject.org/xsd/imsmd") =>
            {
                Self::Metadata
            }
            _ => Self::Other,
        }
    }

    /// True for the IMS CP namespaces of either version.
    pub(crate) fn is_cp(self) -> bool {
        matches!(self, Self::Cp12 | Self::Cp2004)
    }

    /// True for the ADL CP namespaces of either version.
    pub(crate) fn is_adlcp(self) -> bool {
        matches!(self, Self::Adlcp12 | Self::Adlcp2004)
    }
}
