//! Caps of the run-time engine (rules PM-06, P-16, P-17, I04-23).
//!
//! A separate `Limits` from the manifest's [`crate::Limits`]: the manifest limits bound an XML reader,
//! these bound the data one attempt may hold through API calls, a different input family with
//! different units (characters and records, not bytes and elements).

/// How much data one attempt may hold. A `SetValue` past a cap fails (2004: 351, 1.2: 405) and
/// changes nothing; SPMs below these caps are floors, so longer values are stored whole (rule P-16).
///
/// # Example
///
/// ```
/// use learnwire_scorm::runtime::Limits;
///
/// let limits = Limits::default().with_max_records(500);
/// assert_eq!(limits.max_records(), 500);
/// assert_eq!(limits.max_value_chars(), 1_048_576);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_records: usize,
    max_nested_records: usize,
    max_value_chars: usize,
    max_lenient_12_chars: usize,
    max_total_chars: usize,
}

impl Default for Limits {
    /// Records per collection 10 000 (`cmi.interactions`, `cmi.objectives`, comments), records per
    /// interaction list 250 (`objectives`, `correct_responses`), characters per value 1 048 576,
    /// characters of a SCORM 1.2 string over its type's length accepted in the lenient profile 64 000,
    /// characters of the whole attempt 16 000 000 (each record counts 32).
    fn default() -> Self {
        Self {
            max_records: 10_000,
            max_nested_records: 250,
            max_value_chars: 1_048_576,
            max_lenient_12_chars: 64_000,
            max_total_chars: 16_000_000,
        }
    }
}

impl Limits {
    /// Records per top-level collection (`cmi.interactions`, `cmi.objectives`,
    /// `cmi.comments_from_learner`); default 10 000.
    pub fn max_records(&self) -> usize {
        self.max_records
    }

    /// Sets [`max_records`](Self::max_records).
    #[must_use]
    pub fn with_max_records(mut self, value: usize) -> Self {
        self.max_records = value;
        self
    }

    /// Records per nested collection (`cmi.interactions.n.objectives`, `…correct_responses`); default
    /// 250.
    pub fn max_nested_records(&self) -> usize {
        self.max_nested_records
    }

    /// Sets [`max_nested_records`](Self::max_nested_records).
    #[must_use]
    pub fn with_max_nested_records(mut self, value: usize) -> Self {
        self.max_nested_records = value;
        self
    }

    /// Characters (Unicode scalar values) of one value; default 1 048 576.
    pub fn max_value_chars(&self) -> usize {
        self.max_value_chars
    }

    /// Sets [`max_value_chars`](Self::max_value_chars).
    #[must_use]
    pub fn with_max_value_chars(mut self, value: usize) -> Self {
        self.max_value_chars = value;
        self
    }

    /// In the lenient profile, the characters a SCORM 1.2 string element (CMIString255/4096,
    /// CMIIdentifier, CMIFeedback) may hold beyond its type's length (rule P-17); default 64 000.
    pub fn max_lenient_12_chars(&self) -> usize {
        self.max_lenient_12_chars
    }

    /// Sets [`max_lenient_12_chars`](Self::max_lenient_12_chars).
    #[must_use]
    pub fn with_max_lenient_12_chars(mut self, value: usize) -> Self {
        self.max_lenient_12_chars = value;
        self
    }

    /// Characters of every value of the attempt together, each record counting 32; default
    /// 16 000 000. This bounds the memory of an attempt whatever the calls.
    pub fn max_total_chars(&self) -> usize {
        self.max_total_chars
    }

    /// Sets [`max_total_chars`](Self::max_total_chars).
    #[must_use]
    pub fn with_max_total_chars(mut self, value: usize) -> Self {
        self.max_total_chars = value;
        self
    }
}
