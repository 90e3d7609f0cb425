//! The report walker shared by both documents: reads members of a JSON object, reporting each problem
//! with its JSON pointer and going on.

use learnwire_jose::{JsonError, read_json};
use learnwire_report::{Code, JsonPointer, Location, Report, Severity, quote};
use serde_json::{Map, Value};
use url::Url;

use crate::codes;
use crate::limits::Limits;

/// Reads `bytes` as a strict JSON object within the limits, or reports why not at the root.
pub(super) fn read_object(
    bytes: &[u8],
    limits: &Limits,
    report: &mut Report,
) -> Option<Map<String, Value>> {
    let root = Location::json(JsonPointer::root());
    if bytes.len() > limits.max_oauth_body_bytes() {
        report.error(
            codes::DR_JSON,
            root,
            format!(
                "the document is {} bytes, more than the limit of {}",
                bytes.len(),
                limits.max_oauth_body_bytes()
            ),
        );
        return None;
    }
    match read_json(bytes, &limits.oauth_json()) {
        Ok(Value::Object(object)) => Some(object),
        Ok(_) => {
            report.error(codes::DR_JSON, root, "the document is not a JSON object");
            None
        }
        Err(error) => {
            let what = match &error {
                JsonError::DuplicateMember { .. } => "repeats a member",
                JsonError::TooDeep { .. } => "nests deeper than the limit",
                _ => "is not valid JSON",
            };
            report.error(
                codes::DR_JSON,
                root,
                format!("the document {what}: {error}"),
            );
            None
        }
    }
}

/// One object being checked: its members and where it is.
pub(super) struct Walk<'a> {
    pub(super) object: &'a Map<String, Value>,
    pub(super) at: JsonPointer,
}

impl<'a> Walk<'a> {
    pub(super) fn new(object: &'a Map<String, Value>, at: JsonPointer) -> Self {
        Self { object, at }
    }

    fn location(&self, name: &str) -> Location {
        Location::json(self.at.key(name))
    }

    fn missing(&self, name: &str, report: &mut Report) {
        report.error(
            codes::DR_MISSING,
            self.location(name),
            format!("{name} is required"),
        );
    }

    fn wrong_type(&self, name: &str, expected: &str, report: &mut Report) {
        report.error(
            codes::DR_TYPE,
            self.location(name),
            format!("{name} must be {expected}"),
        );
    }

    /// A string member; `None` (reported when required) when absent or not a string.
    pub(super) fn string(
        &self,
        name: &str,
        required: bool,
        report: &mut Report,
    ) -> Option<&'a str> {
        match self.object.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(name, report);
                }
                None
            }
            Some(Value::String(text)) if required && text.is_empty() => {
                self.missing(name, report);
                None
            }
            Some(Value::String(text)) => Some(text),
            Some(_) => {
                self.wrong_type(name, "a string", report);
                None
            }
        }
    }

    /// An absolute `https` URL member.
    pub(super) fn https_url(&self, name: &str, required: bool, report: &mut Report) -> Option<Url> {
        let text = self.string(name, required, report)?;
        check_https(text, Location::json(self.at.key(name)), name, report)
    }

    /// An array of strings; `None` (reported when required) when absent or not one.
    pub(super) fn strings(
        &self,
        name: &str,
        required: bool,
        report: &mut Report,
    ) -> Option<Vec<&'a str>> {
        match self.object.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(name, report);
                }
                None
            }
            Some(Value::Array(values)) => {
                let mut strings = Vec::with_capacity(values.len());
                for (index, value) in values.iter().enumerate() {
                    match value {
                        Value::String(text) => strings.push(text.as_str()),
                        _ => report.error(
                            codes::DR_TYPE,
                            Location::json(self.at.key(name).index(index)),
                            format!("{name} must hold strings"),
                        ),
                    }
                }
                Some(strings)
            }
            Some(_) => {
                self.wrong_type(name, "an array of strings", report);
                None
            }
        }
    }

    /// An object member.
    pub(super) fn object(
        &self,
        name: &str,
        required: bool,
        report: &mut Report,
    ) -> Option<&'a Map<String, Value>> {
        match self.object.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(name, report);
                }
                None
            }
            Some(Value::Object(object)) => Some(object),
            Some(_) => {
                self.wrong_type(name, "an object", report);
                None
            }
        }
    }

    /// An array of objects, each with its pointer.
    pub(super) fn objects(&self, name: &str, required: bool, report: &mut Report) -> Vec<Walk<'a>> {
        match self.object.get(name) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(name, report);
                }
                Vec::new()
            }
            Some(Value::Array(values)) => values
                .iter()
                .enumerate()
                .filter_map(|(index, value)| match value {
                    Value::Object(object) => {
                        Some(Walk::new(object, self.at.key(name).index(index)))
                    }
                    _ => {
                        report.error(
                            codes::DR_TYPE,
                            Location::json(self.at.key(name).index(index)),
                            format!("{name} must hold objects"),
                        );
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.wrong_type(name, "an array of objects", report);
                Vec::new()
            }
        }
    }

    /// Reports `code` at member `name` unless `ok`.
    pub(super) fn require(
        &self,
        ok: bool,
        code: Code,
        name: &str,
        message: impl Into<String>,
        report: &mut Report,
    ) {
        if !ok {
            report.push(learnwire_report::Issue::new(
                code,
                severity_of(code),
                self.location(name),
                message,
            ));
        }
    }
}

/// The severity [`crate::CODES`] gives `code`.
pub(super) fn severity_of(code: Code) -> Severity {
    learnwire_report::find_code(crate::CODES, code.as_str())
        .map_or(Severity::Error, |info| info.severity)
}

/// Reads an absolute `https` URL, reporting `lti.dynamic-registration.insecure-url` otherwise.
pub(super) fn check_https(
    text: &str,
    location: Location,
    name: &str,
    report: &mut Report,
) -> Option<Url> {
    match Url::parse(text) {
        Ok(url) if url.scheme() == "https" && url.host().is_some() => Some(url),
        _ => {
            report.error(
                codes::DR_INSECURE_URL,
                location,
                format!("{name} {} is not an absolute https URL", quote(text)),
            );
            None
        }
    }
}
