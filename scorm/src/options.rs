//! How a manifest is checked: profile and limits.

/// Which spec deviations are errors.
///
/// The rules behind this crate have three levels: **E** (the spec says MUST and importers reject), **S**
/// (a spec violation that real authoring tools emit and real LMSs accept) and **W** (a recommendation).
/// `Lenient` reports S rules as warnings, `Strict` as errors. E rules are errors and W rules warnings in
/// both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// Accept what mainstream LMSs accept (S rules are warnings). The default.
    #[default]
    Lenient,
    /// Follow the specification to the letter (S rules are errors).
    Strict,
}

/// Resource limits applied while reading a manifest. Hitting one is a reported issue
/// (`scorm.limit.*`), never a crash. Reading stops at a limit of the XML reader; an href over
/// [`max_path_components`](Self::max_path_components) or [`max_path_bytes`](Self::max_path_bytes) is
/// refused alone, and past [`max_reference_bytes`](Self::max_reference_bytes) or
/// [`max_launch_bytes`](Self::max_launch_bytes) the rest is skipped; the check goes on.
///
/// # Example
///
/// ```
/// use learnwire_scorm::Limits;
///
/// let limits = Limits::default().with_max_depth(64);
/// assert_eq!(limits.max_depth(), 64);
/// assert_eq!(limits.max_input_bytes(), 16 * 1024 * 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_input_bytes: usize,
    /// The shared XML reader's limits: depth, attributes, attribute bytes, text bytes, elements
    /// (their defaults are learnwire-package's, the same for scorm and cmi5).
    reader: learnwire_package::xml::Limits,
    max_path_components: usize,
    max_path_bytes: usize,
    max_reference_bytes: usize,
    max_launch_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 16 * 1024 * 1024,
            reader: learnwire_package::xml::Limits::default(),
            max_path_components: 64,
            max_path_bytes: 4096,
            max_reference_bytes: 16 * 1024 * 1024,
            max_launch_bytes: 16 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The limits of the shared XML reader (`learnwire_package::xml::parse_dom`).
    pub(crate) fn reader(&self) -> &learnwire_package::xml::Limits {
        &self.reader
    }

    /// Largest manifest accepted, in bytes as given (before decoding). Default 16 MiB (the largest real
    /// manifest seen is 782 KB).
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }
    /// Deepest element nesting. Default 256.
    pub fn max_depth(&self) -> usize {
        self.reader.max_depth()
    }
    /// Most attributes (namespace declarations included) on one element. Default 256.
    pub fn max_attributes(&self) -> usize {
        self.reader.max_attributes()
    }
    /// Longest attribute value, in bytes. Default 64 KiB.
    pub fn max_attribute_bytes(&self) -> usize {
        self.reader.max_attribute_bytes()
    }
    /// Longest text content of one element, in bytes. Default 1 MiB.
    pub fn max_text_bytes(&self) -> usize {
        self.reader.max_text_bytes()
    }
    /// Most elements in the document. Default 200 000 (the largest real manifest seen has 9 564).
    pub fn max_elements(&self) -> usize {
        self.reader.max_elements()
    }
    /// Most `/`-separated components in the package path an href names, counted as written with its
    /// xml:base chain and before `.` and `..` are resolved. Default 64, the default of
    /// `learnwire_package::Limits::max_path_components` (no entry of a package opened with the default
    /// package limits is deeper). A deeper href is refused with `scorm.limit.path-components`: it is
    /// neither looked for in the package nor launched.
    pub fn max_path_components(&self) -> usize {
        self.max_path_components
    }
    /// Longest reference an href may make, in bytes: its xml:base chain and the href as written, without
    /// the href's query and fragment. Default 4096, twice the smallest permitted maximum of an xml:base
    /// and href together (2000 characters, XB-02). A longer href is refused with
    /// `scorm.limit.path-length`. This bounds the work per href however long the xml:base chain above
    /// it is.
    pub fn max_path_bytes(&self) -> usize {
        self.max_path_bytes
    }
    /// Most bytes of package paths kept from one manifest for the presence checks (every `href` and
    /// `adlcp:location` resolved against its xml:base chain). Default 16 MiB; real manifests need well
    /// under 1 MiB. Past it, `scorm.limit.references` is reported once and the remaining references
    /// are not looked for: a long xml:base shared by many files cannot multiply memory.
    pub fn max_reference_bytes(&self) -> usize {
        self.max_reference_bytes
    }
    /// Most bytes kept for launches: per launch, its item, organization and resource identifiers, its
    /// URL and a fixed overhead. Default 16 MiB. Past it, or when expanding items that reference
    /// sub-manifests would visit more items than [`max_elements`](Self::max_elements),
    /// `scorm.limit.launches` is reported and the remaining items are not resolved: one long
    /// identifier or xml:base shared by many items cannot multiply memory, and sub-manifests referenced
    /// from many organizations cannot multiply work.
    pub fn max_launch_bytes(&self) -> usize {
        self.max_launch_bytes
    }
    /// Sets [`max_input_bytes`](Self::max_input_bytes).
    #[must_use]
    pub fn with_max_input_bytes(mut self, value: usize) -> Self {
        self.max_input_bytes = value;
        self
    }
    /// Sets [`max_depth`](Self::max_depth).
    #[must_use]
    pub fn with_max_depth(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_depth(value);
        self
    }
    /// Sets [`max_attributes`](Self::max_attributes).
    #[must_use]
    pub fn with_max_attributes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_attributes(value);
        self
    }
    /// Sets [`max_attribute_bytes`](Self::max_attribute_bytes).
    #[must_use]
    pub fn with_max_attribute_bytes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_attribute_bytes(value);
        self
    }
    /// Sets [`max_text_bytes`](Self::max_text_bytes).
    #[must_use]
    pub fn with_max_text_bytes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_text_bytes(value);
        self
    }
    /// Sets [`max_elements`](Self::max_elements).
    #[must_use]
    pub fn with_max_elements(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_elements(value);
        self
    }
    /// Sets [`max_path_components`](Self::max_path_components).
    #[must_use]
    pub fn with_max_path_components(mut self, value: usize) -> Self {
        self.max_path_components = value;
        self
    }
    /// Sets [`max_path_bytes`](Self::max_path_bytes).
    #[must_use]
    pub fn with_max_path_bytes(mut self, value: usize) -> Self {
        self.max_path_bytes = value;
        self
    }
    /// Sets [`max_reference_bytes`](Self::max_reference_bytes).
    #[must_use]
    pub fn with_max_reference_bytes(mut self, value: usize) -> Self {
        self.max_reference_bytes = value;
        self
    }
    /// Sets [`max_launch_bytes`](Self::max_launch_bytes).
    #[must_use]
    pub fn with_max_launch_bytes(mut self, value: usize) -> Self {
        self.max_launch_bytes = value;
        self
    }
}

/// Options of every check.
///
/// # Example
///
/// ```
/// use learnwire_scorm::{Options, Profile};
///
/// let mut options = Options::default();
/// options.profile = Profile::Strict;
/// options.package_limits = options.package_limits.with_max_entries(5_000);
/// assert!(!options.allow_external_launch_urls_silently);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Lenient (default) or strict.
    pub profile: Profile,
    /// Limits of reading the manifest.
    pub limits: Limits,
    /// Limits of opening a package ([`check_path`](crate::check_path), [`check_zip`](crate::check_zip)):
    /// archive size, entries, names, sizes and ratios, and
    /// [`max_manifest_bytes`](learnwire_package::Limits::max_manifest_bytes), the largest
    /// `imsmanifest.xml` read from a package (`package.manifest-too-large`). [`check_package`](crate::check_package)
    /// uses the limits its package was opened with.
    pub package_limits: learnwire_package::Limits,
    /// When true, external `http(s)` launch URLs are not reported at all (by default they are a warning,
    /// `scorm.href.external`). They are never an error.
    pub allow_external_launch_urls_silently: bool,
}

impl Options {
    /// Default options with the given profile.
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            ..Self::default()
        }
    }
}
