//! The CMI data models as data: one definition per element, for SCORM 1.2 ([`SCORM_12`]) and SCORM
//! 2004 ([`SCORM_2004`], with the 2nd/3rd/4th Edition differences as edition ranges).
//!
//! Element names are templates: `n` stands for a collection index (`cmi.interactions.n.id`). The
//! engine, the documentation table ([`data_model_table`](crate::runtime::data_model_table)) and the
//! tests all read these tables; nothing else lists elements.

mod scorm12;
mod scorm2004;

pub use scorm12::SCORM_12;
pub use scorm2004::SCORM_2004;

use crate::Version;

/// Who may read and write an element (rules Part E, Part F).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Access {
    /// Set by the LMS; `SetValue` fails (1.2: 403, 2004: 404).
    ReadOnly,
    /// Set by the SCO, never read back (1.2: 404, 2004: 405).
    WriteOnly,
    /// Read and written by the SCO.
    ReadWrite,
}

impl Access {
    /// `RO`, `WO` or `RW`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ReadOnly => "RO",
            Self::WriteOnly => "WO",
            Self::ReadWrite => "RW",
        }
    }
}

/// The data type of an element: what `SetValue` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataType {
    /// The `_children` keyword with its value.
    Children(&'static str),
    /// The `_count` keyword: the number of records of the collection.
    Count,
    /// The `_version` keyword with its value.
    Version(&'static str),
    /// 1.2 `CMIString255`.
    String255,
    /// 1.2 `CMIString4096`.
    String4096,
    /// 1.2 `CMIIdentifier`.
    Identifier,
    /// 1.2 `CMIDecimal` within a range (bounds inclusive; `None` = open). With `blank`, `""` is accepted
    /// too (`CMIBlank`, rule D12-54).
    Decimal {
        /// Lower bound.
        min: Option<i64>,
        /// Upper bound.
        max: Option<i64>,
        /// `CMIDecimal or CMIBlank`.
        blank: bool,
        /// The range is a strict-profile check only (rule D12-57).
        strict_range: bool,
    },
    /// 1.2 `CMISInteger` within a range.
    SInteger {
        /// Lower bound.
        min: i64,
        /// Upper bound.
        max: i64,
    },
    /// 1.2 `CMITime`.
    Time,
    /// 1.2 `CMITimespan`.
    Timespan,
    /// A vocabulary (1.2 `CMIVocabulary`, 2004 `state`): one of the tokens, exactly.
    Vocabulary(&'static [&'static str]),
    /// 1.2 `CMIFeedback`: format by interaction type (Part H2).
    Feedback,
    /// 1.2 interaction result: `correct`, `wrong`, `unanticipated`, `neutral` or a CMIDecimal.
    Result12,
    /// 2004 `characterstring`.
    CharacterString,
    /// 2004 `localized_string_type`.
    LocalizedString,
    /// 2004 `language_type`, or `""`.
    Language,
    /// 2004 `long_identifier_type` (URI).
    LongIdentifier,
    /// 2004 `real(10,7)` within a range.
    Real {
        /// Lower bound.
        min: Option<i64>,
        /// Upper bound.
        max: Option<i64>,
    },
    /// 2004 `time (second,10,0)`.
    Timestamp,
    /// 2004 `timeinterval (second,10,2)`.
    TimeInterval,
    /// 2004 interaction result: a state or a real.
    Result2004,
    /// 2004 `learner_response`: format by interaction type (Part H1).
    LearnerResponse,
    /// 2004 `correct_responses.n.pattern`: format by interaction type (Part H1).
    Pattern,
    /// 2004 `adl.nav.request`.
    NavRequest,
}

impl DataType {
    /// A short name for tables and diagnostics.
    pub fn describe(self) -> String {
        match self {
            Self::Children(children) => format!("keyword `_children` = `{children}`"),
            Self::Count => "keyword `_count` (integer)".into(),
            Self::Version(version) => format!("keyword `_version` = `{version}`"),
            Self::String255 => "CMIString255".into(),
            Self::String4096 => "CMIString4096".into(),
            Self::Identifier => "CMIIdentifier".into(),
            Self::Decimal {
                min,
                max,
                blank,
                strict_range,
            } => {
                let mut text = String::from("CMIDecimal");
                if blank {
                    text.push_str(" or CMIBlank");
                }
                if min.is_some() || max.is_some() {
                    text.push_str(&format!(", {}", range(min, max)));
                    if strict_range {
                        text.push_str(" (strict)");
                    }
                }
                text
            }
            Self::SInteger { min, max } => format!("CMISInteger, {min}..{max}"),
            Self::Time => "CMITime".into(),
            Self::Timespan => "CMITimespan".into(),
            Self::Vocabulary(tokens) => {
                let tokens: Vec<String> = tokens.iter().map(|t| format!("`{t}`")).collect();
                format!("vocabulary: {}", tokens.join(", ").replace("``", "`\"\"`"))
            }
            Self::Feedback => "CMIFeedback (by interaction type)".into(),
            Self::Result12 => "`correct`, `wrong`, `unanticipated`, `neutral` or CMIDecimal".into(),
            Self::CharacterString => "characterstring".into(),
            Self::LocalizedString => "localized_string_type".into(),
            Self::Language => "language_type or `\"\"`".into(),
            Self::LongIdentifier => "long_identifier_type".into(),
            Self::Real { min, max } => {
                if min.is_none() && max.is_none() {
                    "real(10,7)".into()
                } else {
                    format!("real(10,7), {}", range(min, max))
                }
            }
            Self::Timestamp => "time (second,10,0)".into(),
            Self::TimeInterval => "timeinterval (second,10,2)".into(),
            Self::Result2004 => {
                "`correct`, `incorrect`, `unanticipated`, `neutral` or real(10,7)".into()
            }
            Self::LearnerResponse => "characterstring, format by interaction type".into(),
            Self::Pattern => "characterstring, format by interaction type".into(),
            Self::NavRequest => "navigation request".into(),
        }
    }
}

fn range(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..{max}"),
        (Some(min), None) => format!(">= {min}"),
        (None, Some(max)) => format!("<= {max}"),
        (None, None) => "any".into(),
    }
}

/// What `GetValue` returns before anyone set the element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Initial {
    /// Nothing: 2004 answers 403, 1.2 answers `""` with 0.
    Unset,
    /// A fixed default, set when the attempt (or the record) is created.
    Default(&'static str),
    /// Provided by the LMS from the package or the caller at launch ([`Setup`](crate::runtime::Setup)).
    Launch,
    /// A keyword answered from the model (`_children`, `_count`, `_version`).
    Keyword,
}

/// What must be set in the same record before this element may be set (2004 error 408, rule P-08).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Needs {
    /// No dependency.
    Nothing,
    /// The record's `id`.
    Id,
    /// The interaction's `id` and `type`.
    IdAndType,
}

/// One element of a data model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ElementDef {
    /// The name, `n` standing for an index: `cmi.objectives.n.score.raw`.
    pub name: &'static str,
    /// Its type.
    pub data_type: DataType,
    /// Its access.
    pub access: Access,
    /// The smallest permitted maximum: characters for values, records for `_count`
    /// (2004: a floor, longer values are kept, rule P-16; 1.2 lengths are part of the type).
    pub spm: Option<u32>,
    /// Its value before any `SetValue`.
    pub initial: Initial,
    /// Its dependency in the record.
    pub needs: Needs,
    /// Unique within its collection (2004 351, rule P-11) and write-once (rule P-12) when set.
    pub unique: bool,
    /// First and last SCORM 2004 edition with this definition (`2..=4`); `0..=0` for SCORM 1.2.
    pub editions: (u8, u8),
    /// The rule id in the run-time checklist (`D12-11`, `D04-55`).
    pub rule: &'static str,
}

impl ElementDef {
    pub(crate) const fn new(
        name: &'static str,
        data_type: DataType,
        access: Access,
        rule: &'static str,
    ) -> Self {
        Self {
            name,
            data_type,
            access,
            spm: None,
            initial: Initial::Unset,
            needs: Needs::Nothing,
            unique: false,
            editions: (0, 0),
            rule,
        }
    }

    pub(crate) const fn spm(mut self, spm: u32) -> Self {
        self.spm = Some(spm);
        self
    }

    pub(crate) const fn initial(mut self, initial: Initial) -> Self {
        self.initial = initial;
        self
    }

    pub(crate) const fn needs(mut self, needs: Needs) -> Self {
        self.needs = needs;
        self
    }

    pub(crate) const fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    pub(crate) const fn editions(mut self, first: u8, last: u8) -> Self {
        self.editions = (first, last);
        self
    }

    /// True when this definition applies to `version`.
    pub fn applies_to(&self, version: Version) -> bool {
        let edition = edition_number(version);
        self.editions.0 <= edition && edition <= self.editions.1
    }

    /// True for `_children`, `_count` and `_version`.
    pub fn is_keyword(&self) -> bool {
        matches!(
            self.data_type,
            DataType::Children(_) | DataType::Count | DataType::Version(_)
        )
    }
}

/// `0` for SCORM 1.2, else the 2004 edition number.
pub(crate) const fn edition_number(version: Version) -> u8 {
    match version {
        Version::Scorm12 => 0,
        Version::Scorm2004Edition2 => 2,
        Version::Scorm2004Edition3 => 3,
        Version::Scorm2004Edition4 => 4,
    }
}

/// Every element definition of `version`, in table order.
///
/// # Example
///
/// ```
/// use learnwire_scorm::Version;
/// use learnwire_scorm::runtime::{Access, definitions};
///
/// let exit = definitions(Version::Scorm12).find(|d| d.name == "cmi.core.exit").unwrap();
/// assert_eq!(exit.access, Access::WriteOnly);
/// ```
pub fn definitions(version: Version) -> impl Iterator<Item = &'static ElementDef> {
    let table: &'static [ElementDef] = if version.is_2004() {
        SCORM_2004
    } else {
        SCORM_12
    };
    table.iter().filter(move |def| def.applies_to(version))
}

/// The definition of the element template `name` (`n` for indices) in `version`.
pub fn definition(version: Version, name: &str) -> Option<&'static ElementDef> {
    definitions(version).find(|def| def.name == name)
}

/// True when `template` names a container (a proper prefix of some element, or a collection record).
pub(crate) fn is_container(version: Version, template: &str) -> bool {
    definitions(version).any(|def| {
        def.name.len() > template.len()
            && def.name.starts_with(template)
            && def.name.as_bytes().get(template.len()) == Some(&b'.')
    })
}
