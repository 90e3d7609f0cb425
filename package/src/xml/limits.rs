//! The bounds of one XML read.

/// What one [`parse_dom`](super::parse_dom) may read. Each crate builds it from its own `Limits`
/// (learnwire-scorm's and learnwire-cmi5's have the same defaults, these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    max_depth: usize,
    max_attributes: usize,
    max_attribute_bytes: usize,
    max_text_bytes: usize,
    max_elements: usize,
}

impl Default for Limits {
    /// Depth 256, 256 attributes an element, 64 KiB an attribute value, 1 MiB of text an element,
    /// 200 000 elements.
    fn default() -> Self {
        Self {
            max_depth: 256,
            max_attributes: 256,
            max_attribute_bytes: 64 * 1024,
            max_text_bytes: 1024 * 1024,
            max_elements: 200_000,
        }
    }
}

impl Limits {
    /// How deep elements may nest (default 256): [`Problem::LimitDepth`](super::Problem::LimitDepth)
    /// past it.
    #[must_use]
    #[inline]
    pub const fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// How many attributes one element may have, namespace declarations included (default 256).
    #[must_use]
    #[inline]
    pub const fn max_attributes(&self) -> usize {
        self.max_attributes
    }

    /// How long one attribute value may be, in bytes as written (default 64 KiB).
    #[must_use]
    #[inline]
    pub const fn max_attribute_bytes(&self) -> usize {
        self.max_attribute_bytes
    }

    /// How much text one element may hold directly, in bytes (default 1 MiB).
    #[must_use]
    #[inline]
    pub const fn max_text_bytes(&self) -> usize {
        self.max_text_bytes
    }

    /// How many elements the document may have (default 200 000).
    #[must_use]
    #[inline]
    pub const fn max_elements(&self) -> usize {
        self.max_elements
    }

    /// Sets [`max_depth`](Self::max_depth).
    #[must_use]
    pub const fn with_max_depth(mut self, value: usize) -> Self {
        self.max_depth = value;
        self
    }

    /// Sets [`max_attributes`](Self::max_attributes).
    #[must_use]
    pub const fn with_max_attributes(mut self, value: usize) -> Self {
        self.max_attributes = value;
        self
    }

    /// Sets [`max_attribute_bytes`](Self::max_attribute_bytes).
    #[must_use]
    pub const fn with_max_attribute_bytes(mut self, value: usize) -> Self {
        self.max_attribute_bytes = value;
        self
    }

    /// Sets [`max_text_bytes`](Self::max_text_bytes).
    #[must_use]
    pub const fn with_max_text_bytes(mut self, value: usize) -> Self {
        self.max_text_bytes = value;
        self
    }

    /// Sets [`max_elements`](Self::max_elements).
    #[must_use]
    pub const fn with_max_elements(mut self, value: usize) -> Self {
        self.max_elements = value;
        self
    }
}
