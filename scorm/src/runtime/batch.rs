//! A browser runtime's commit applied on the server: a batch of `SetValue` calls re-validated one by
//! one (rules RT-06, PM-02, PM-08), and the JSON shapes scorm-again sends (rule DV-SA-15).

use std::cmp::Ordering;
use std::fmt;

use learnwire_report::{Code, JsonPointer, Location, Report, quote};
use serde_json::Value;

use super::error::Op;
use super::model::{Access, definition};
use super::path::Path;
use super::{Api, SessionState};
use crate::Version;

/// One element of a batch with its value.
pub type Set = (String, String);

impl Api {
    /// Applies `sets` in order as `SetValue` calls of a running session. A rejected element is
    /// reported (its code, the SCORM error number and why, located at its index in the batch) and
    /// leaves the data as it was; the others are kept. Never half-applies one element (rule P-09).
    ///
    /// The last error afterwards is that of the last set.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_scorm::Version;
    /// use learnwire_scorm::runtime::{Api, Attempt, Options, Setup};
    ///
    /// let mut api = Api::new(Version::Scorm12, Attempt::new(), Setup::new("u1", "Doe, Jane"), Options::default());
    /// api.initialize("");
    /// let report = api.apply_sets(&[
    ///     ("cmi.core.score.raw".into(), "85".into()),
    ///     ("cmi.core.lesson_status".into(), "done".into()),
    /// ]);
    /// assert_eq!(report.issues().len(), 1);
    /// assert_eq!(report.issues()[0].code.as_str(), "scorm.runtime.type-mismatch");
    /// assert_eq!(api.get_value("cmi.core.score.raw"), "85");
    /// ```
    pub fn apply_sets(&mut self, sets: &[Set]) -> Report {
        let mut report = Report::new();
        if self.state() != SessionState::Running {
            report.error(
                crate::rules::RUNTIME_STATE.code,
                Location::Whole,
                format!(
                    "{}: a batch needs a running session (Initialize first, not after Terminate)",
                    crate::rules::RUNTIME_STATE.code
                ),
            );
            return report;
        }
        let root = JsonPointer::default();
        for (index, (element, value)) in sets.iter().enumerate() {
            if let Err(Some(fault)) = self.set_checked(element, value) {
                let number = fault.number(self.version(), Op::Set);
                report.error(
                    fault.rule().code,
                    Location::json(root.index(index)),
                    format!(
                        "SetValue({}, {}) failed with error {number}: {}",
                        quote(element),
                        quote(value),
                        fault.explain()
                    ),
                );
            }
        }
        report
    }

    /// Applies a commit read by [`read_scorm_again_commit`]: like [`apply_sets`](Self::apply_sets),
    /// except that an empty value for an element that has no value yet is skipped (scorm-again sends
    /// every element, `""` for those the SCO never set).
    pub fn apply_commit(&mut self, commit: &Commit) -> Report {
        let sets: Vec<Set> = commit
            .sets
            .iter()
            .filter(|(element, value)| !value.is_empty() || self.has_value(element))
            .cloned()
            .collect();
        self.apply_sets(&sets)
    }

    fn has_value(&self, element: &str) -> bool {
        Path::parse(element).is_some_and(|path| {
            self.attempt()
                .data
                .walk(&path.steps)
                .is_some_and(|record| record.value(&path.leaf).is_some())
        })
    }
}

/// A commit body read from JSON: the sets to apply, in an order that sets each record's `id` and
/// `type` before its other elements, and the LMS-owned elements the body carried and that were left
/// out (rule PM-08).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Commit {
    /// `(element, value)` to apply.
    pub sets: Vec<Set>,
    /// Read-only elements and keywords found in the body and ignored.
    pub ignored: Vec<String>,
}

/// Why a commit body could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum CommitError {
    /// Larger than the limit.
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON, or JSON of another shape.
    Malformed(Box<dyn std::error::Error + Send + Sync>),
    /// No `cmi` object and no dotted `cmi.*` keys.
    NoCmi,
}

impl CommitError {
    /// The stable code: `scorm.runtime.commit-invalid`.
    pub fn code(&self) -> Code {
        crate::rules::RUNTIME_COMMIT.code
    }
}

impl fmt::Display for CommitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { size, limit } => write!(
                f,
                "{}: the commit body has {size} bytes, more than the limit of {limit}",
                self.code()
            ),
            Self::Malformed(_) => write!(f, "{}: the commit body is not JSON", self.code()),
            Self::NoCmi => write!(
                f,
                "{}: the commit body has neither a cmi object nor cmi.* keys",
                self.code()
            ),
        }
    }
}

impl std::error::Error for CommitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Malformed(source) => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// The largest commit body [`read_scorm_again_commit`] reads: 16 MiB.
pub const MAX_COMMIT_BYTES: usize = 16 * 1024 * 1024;

/// Reads a commit body in the shapes scorm-again sends: its CMI object (`{"cmi": {"core": {...},
/// "objectives": {"0": {...}}}}`, arrays as objects keyed by index or as JSON arrays), the same
/// inside `runtimeData`, or flattened (`{"cmi.core.score.raw": "85"}`). Keys starting with `_`
/// (keywords), read-only elements and the client's derived summaries (`completionStatus`,
/// `totalTimeSeconds`) are not taken (rules PM-08, PM-09); numbers and booleans become their JSON
/// text.
///
/// # Errors
///
/// [`CommitError`] when the body is larger than [`MAX_COMMIT_BYTES`], is not JSON, or holds no CMI
/// data.
///
/// # Example
///
/// ```
/// use learnwire_scorm::Version;
/// use learnwire_scorm::runtime::read_scorm_again_commit;
///
/// let body = br#"{"cmi":{"interactions":{"0":{"type":"choice","id":"q1"}},"learner_id":"x"}}"#;
/// let commit = read_scorm_again_commit(Version::Scorm2004Edition4, body)?;
/// assert_eq!(commit.sets[0], ("cmi.interactions.0.id".to_owned(), "q1".to_owned()));
/// assert_eq!(commit.ignored, ["cmi.learner_id"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_scorm_again_commit(version: Version, body: &[u8]) -> Result<Commit, CommitError> {
    if body.len() > MAX_COMMIT_BYTES {
        return Err(CommitError::TooLarge {
            size: body.len(),
            limit: MAX_COMMIT_BYTES,
        });
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|error| CommitError::Malformed(Box::new(error)))?;
    let Value::Object(mut object) = value else {
        return Err(CommitError::NoCmi);
    };
    if let Some(Value::Object(runtime)) = object.remove("runtimeData") {
        object = runtime;
    }
    let mut flat = Vec::new();
    for (key, value) in &object {
        let cmi = key == "cmi" || key.starts_with("cmi.");
        if cmi || key == "adl" || key.starts_with("adl.") {
            flatten(key, value, &mut flat);
        }
    }
    if flat.is_empty() && !object.contains_key("cmi") {
        return Err(CommitError::NoCmi);
    }
    flat.sort_by(|a, b| order(&a.0, &b.0));
    let mut commit = Commit::default();
    for (element, value) in flat {
        let owned = Path::parse(&element)
            .and_then(|path| definition(version, &path.template))
            .is_some_and(|def| def.is_keyword() || def.access == Access::ReadOnly);
        let keyword = element.split('.').any(|s| s.starts_with('_'));
        if owned || keyword {
            commit.ignored.push(element);
        } else {
            commit.sets.push((element, value));
        }
    }
    Ok(commit)
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<Set>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                flatten(&format!("{prefix}.{key}"), child, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                flatten(&format!("{prefix}.{index}"), child, out);
            }
        }
        Value::String(text) => out.push((prefix.to_owned(), text.clone())),
        Value::Number(number) => out.push((prefix.to_owned(), number.to_string())),
        Value::Bool(flag) => out.push((prefix.to_owned(), flag.to_string())),
        Value::Null => {}
    }
}

/// Element order for a batch: segment by segment, indices by number, `id` then `type` before other
/// names, the rest alphabetically (so dependencies are set first, rule P-08).
fn order(a: &str, b: &str) -> Ordering {
    let rank = |s: &str| match s {
        "id" => 0,
        "type" => 1,
        _ => 2,
    };
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let numbers = (x.parse::<u64>(), y.parse::<u64>());
                let step = match numbers {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => rank(x).cmp(&rank(y)).then_with(|| x.cmp(y)),
                };
                if step != Ordering::Equal {
                    return step;
                }
            }
        }
    }
}
