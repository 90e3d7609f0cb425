//! How a course structure, a TinCan descriptor or a package is checked: profile and limits.

/// Which reading of the rules applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// What mainstream LMSs import (the default): spec violations that real authoring tools emit and
    /// LMSs accept are warnings.
    #[default]
    Lenient,
    /// The letter of the spec and its XSD: those violations are errors.
    Strict,
}

/// Bounds on the work and memory spent reading a `cmi5.xml` or `tincan.xml` (one family: both
/// documents go through the same reader). Hitting one is a `cmi5.limit.*` error, never a crash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_input_bytes: usize,
    /// The shared XML reader's limits: depth, attributes, attribute bytes, text bytes, elements
    /// (their defaults are learnwire-package's, the same for scorm and cmi5).
    reader: learnwire_package::xml::Limits,
    max_course_nodes: usize,
    max_url_bytes: usize,
}

impl Default for Limits {
    /// 16 MiB input, depth 256, 256 attributes per element, 64 KiB per attribute value, 1 MiB per text
    /// node, 200 000 elements, 10 000 AUs plus blocks (or TinCan activities), 8 KiB per URL.
    fn default() -> Self {
        Self {
            max_input_bytes: 16 * 1024 * 1024,
            reader: learnwire_package::xml::Limits::default(),
            max_course_nodes: 10_000,
            max_url_bytes: 8 * 1024,
        }
    }
}

impl Limits {
    /// The limits of the shared XML reader (`learnwire_package::xml::parse_dom`).
    pub(crate) fn reader(&self) -> &learnwire_package::xml::Limits {
        &self.reader
    }

    /// Largest document read, in bytes (default 16 MiB; `cmi5.limit.input-size`).
    #[must_use]
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }
    /// Deepest element nesting (default 256; `cmi5.limit.depth`). Blocks nest, so this bounds them too.
    #[must_use]
    pub fn max_depth(&self) -> usize {
        self.reader.max_depth()
    }
    /// Most attributes on one element (default 256; `cmi5.limit.attributes`).
    #[must_use]
    pub fn max_attributes(&self) -> usize {
        self.reader.max_attributes()
    }
    /// Longest attribute value in bytes (default 64 KiB; `cmi5.limit.attribute-length`).
    #[must_use]
    pub fn max_attribute_bytes(&self) -> usize {
        self.reader.max_attribute_bytes()
    }
    /// Longest text node in bytes (default 1 MiB; `cmi5.limit.text-length`).
    #[must_use]
    pub fn max_text_bytes(&self) -> usize {
        self.reader.max_text_bytes()
    }
    /// Most elements in a document (default 200 000; `cmi5.limit.elements`).
    #[must_use]
    pub fn max_elements(&self) -> usize {
        self.reader.max_elements()
    }
    /// Most AUs plus blocks in a course, or activities in a TinCan descriptor (default 10 000;
    /// `cmi5.limit.course-size`). cmi5 §6.1 requires at least 1 000.
    #[must_use]
    pub fn max_course_nodes(&self) -> usize {
        self.max_course_nodes
    }
    /// Longest AU url or TinCan launch in bytes (default 8 KiB; `cmi5.au.url-invalid`,
    /// `cmi5.tincan.launch-invalid`).
    #[must_use]
    pub fn max_url_bytes(&self) -> usize {
        self.max_url_bytes
    }
    /// Sets [`Limits::max_input_bytes`].
    #[must_use]
    pub fn with_max_input_bytes(mut self, value: usize) -> Self {
        self.max_input_bytes = value;
        self
    }
    /// Sets [`Limits::max_depth`].
    #[must_use]
    pub fn with_max_depth(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_depth(value);
        self
    }
    /// Sets [`Limits::max_attributes`].
    #[must_use]
    pub fn with_max_attributes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_attributes(value);
        self
    }
    /// Sets [`Limits::max_attribute_bytes`].
    #[must_use]
    pub fn with_max_attribute_bytes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_attribute_bytes(value);
        self
    }
    /// Sets [`Limits::max_text_bytes`].
    #[must_use]
    pub fn with_max_text_bytes(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_text_bytes(value);
        self
    }
    /// Sets [`Limits::max_elements`].
    #[must_use]
    pub fn with_max_elements(mut self, value: usize) -> Self {
        self.reader = self.reader.with_max_elements(value);
        self
    }
    /// Sets [`Limits::max_course_nodes`].
    #[must_use]
    pub fn with_max_course_nodes(mut self, value: usize) -> Self {
        self.max_course_nodes = value;
        self
    }
    /// Sets [`Limits::max_url_bytes`].
    #[must_use]
    pub fn with_max_url_bytes(mut self, value: usize) -> Self {
        self.max_url_bytes = value;
        self
    }
}

/// Everything a check takes: the profile, the document limits and the package limits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Lenient (default) or strict.
    pub profile: Profile,
    /// Limits on reading `cmi5.xml` and `tincan.xml`.
    pub limits: Limits,
    /// Limits on opening a package (archive size, entries, ratios, the descriptor read from it).
    pub package_limits: learnwire_package::Limits,
}

impl Options {
    /// Default limits under `profile`.
    #[must_use]
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            ..Self::default()
        }
    }
}
