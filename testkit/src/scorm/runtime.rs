//! Oracle of the `scorm_runtime` fuzz target: random API call sequences against
//! `learnwire_scorm::runtime::Api`, and random commit bodies through `read_scorm_again_commit`.

use learnwire_scorm::runtime::{
    Api, ApiCall, Attempt, Limits, Options, SessionState, Setup, definitions, error_string,
    read_scorm_again_commit,
};
use learnwire_scorm::{Profile, Version};

/// Values worth trying: one or more of each data type, valid and not, and the vocabularies.
const VALUES: &[&str] = &[
    "",
    "true",
    "false",
    "t",
    "0",
    "1",
    "-1",
    "0.5",
    "50",
    "100",
    "101",
    "1.0000999",
    "-2",
    "7.000099999887765544",
    "abc",
    "1e3",
    "PT1M",
    "P1Y2M3DT4H5M6.7S",
    "P",
    "00:01:00",
    "0000:00:00.00",
    "24:00:00",
    "12:30:00",
    "2004-04-01T09:45:58.55Z",
    "2004-02-30",
    "{lang=en}x",
    "{lang=}",
    "{case_matters=true}{lang=en}z",
    "a[,]b",
    "a[,]a",
    "a[.]b",
    "[,]",
    "1[:]5",
    "5[:]1",
    "suspend",
    "normal",
    "time-out",
    "logout",
    "completed",
    "incomplete",
    "passed",
    "failed",
    "not attempted",
    "unknown",
    "browsed",
    "wrong",
    "incorrect",
    "correct",
    "choice",
    "true-false",
    "numeric",
    "fill-in",
    "long-fill-in",
    "sequencing",
    "matching",
    "performance",
    "likert",
    "other",
    "urn:x:1",
    "urn:",
    "q1",
    "q 1",
    "suspendAll",
    "{target=a}choice",
    "{target=a}jump",
    "_none_",
    "en-US",
    "ab-initio",
];

/// Odd names next to the model's own.
const NAMES: &[&str] = &[
    "",
    "cmi",
    "cmi.",
    "cmi..x",
    "cmi._children",
    "cmi.score",
    "cmi.objectives.01.id",
    "cmi.interactions.99999999999999999999.id",
    "adl.nav.request_valid.choice.{target=}",
    "adl.nav.request_valid.choice.{target=a}",
    "xyz.a",
];

struct Input<'a> {
    bytes: &'a [u8],
}

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(*first)
    }

    fn text(&mut self) -> String {
        let len = usize::from(self.byte().unwrap_or(0) % 64);
        let len = len.min(self.bytes.len());
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8_lossy(head).into_owned()
    }

    fn value(&mut self) -> String {
        match self.byte() {
            Some(b) if usize::from(b) < VALUES.len() => {
                VALUES.get(usize::from(b)).copied().unwrap_or("").to_owned()
            }
            Some(250) => "x".repeat(300),
            Some(251) => "\u{4e2d}".repeat(260),
            Some(_) => self.text(),
            None => String::new(),
        }
    }

    fn element(&mut self, names: &[String]) -> String {
        let pick = usize::from(self.byte().unwrap_or(0));
        let index = self.byte().unwrap_or(0) % 4;
        match names.get(pick) {
            Some(name) => name
                .split('.')
                .map(|s| {
                    if s == "n" {
                        index.to_string()
                    } else {
                        s.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("."),
            None => match NAMES.get(pick - names.len()) {
                Some(name) => (*name).to_owned(),
                None => self.text(),
            },
        }
    }
}

/// Runs the calls `bytes` encode and checks, after each: a get that failed returned `""` (rule
/// RT-02); set, initialize, commit and terminate return `"true"` exactly when the error is 0; the
/// last error is a code of the version (never a 2004 code in a 1.2 session, rule RT-01); support
/// calls leave it alone (RT-03); the attempt's size bookkeeping equals its recount and stays within
/// `Limits::max_total_chars`; after `Terminate`, data calls fail and change nothing. The same bytes
/// are then read as a scorm-again commit and applied to a running session under the same checks.
///
/// # Panics
///
/// When an oracle fails.
pub fn runtime_oracle(bytes: &[u8]) {
    let mut input = Input { bytes };
    let version = match input.byte().unwrap_or(0) % 4 {
        0 => Version::Scorm12,
        1 => Version::Scorm2004Edition2,
        2 => Version::Scorm2004Edition3,
        _ => Version::Scorm2004Edition4,
    };
    let profile = if input.byte().unwrap_or(0).is_multiple_of(2) {
        Profile::Lenient
    } else {
        Profile::Strict
    };
    let limits = Limits::default()
        .with_max_records(8)
        .with_max_nested_records(4)
        .with_max_value_chars(512)
        .with_max_total_chars(4096);
    let options = Options::new(profile).with_limits(limits.clone());
    let names: Vec<String> = definitions(version).map(|d| d.name.to_owned()).collect();
    let mut api = Api::new(
        version,
        Attempt::new(),
        Setup::new("u", "n"),
        options.clone(),
    );
    let mut steps = 0;
    while !input.bytes.is_empty() && steps < 512 {
        steps += 1;
        let call = match input.byte().unwrap_or(0) % 10 {
            0 => ApiCall::Initialize(if input.byte().unwrap_or(0) < 240 {
                String::new()
            } else {
                input.text()
            }),
            1 => ApiCall::Terminate(if input.byte().unwrap_or(0) < 240 {
                String::new()
            } else {
                input.text()
            }),
            2 | 3 => ApiCall::GetValue(input.element(&names)),
            4..=6 => {
                let element = input.element(&names);
                ApiCall::SetValue(element, input.value())
            }
            7 => ApiCall::Commit(String::new()),
            8 => ApiCall::GetErrorString(input.text()),
            _ => ApiCall::GetDiagnostic(input.text()),
        };
        check_call(&mut api, &call, &limits);
    }
    let mut api = Api::new(version, Attempt::new(), Setup::new("u", "n"), options);
    api.initialize("");
    if let Ok(commit) = read_scorm_again_commit(version, bytes) {
        let report = api.apply_commit(&commit);
        assert!(
            report.issues().len() <= commit.sets.len(),
            "more issues than sets"
        );
        check_size(&api, &limits);
    }
}

fn check_call(api: &mut Api, call: &ApiCall, limits: &Limits) {
    let version = api.version();
    let before = api.last_error();
    let was_terminated = api.state() == SessionState::Terminated;
    let data_before = was_terminated.then(|| api.attempt().clone());
    let outcome = api.call(call);
    let error = outcome.error;
    if !error_string(version, &error.to_string()).is_empty() || error.is_none() {
        // A defined code of this version.
    } else {
        panic!("{version}: error {error} is not a code of this version ({call:?})");
    }
    match call {
        ApiCall::GetValue(_) => {
            assert!(
                error.is_none() || outcome.result.is_empty(),
                "failed get returned {:?}",
                outcome.result
            );
        }
        ApiCall::SetValue(..)
        | ApiCall::Initialize(_)
        | ApiCall::Terminate(_)
        | ApiCall::Commit(_) => {
            let expected = if error.is_none() { "true" } else { "false" };
            assert_eq!(
                outcome.result, expected,
                "{call:?} returned {} with error {error}",
                outcome.result
            );
        }
        ApiCall::GetLastError | ApiCall::GetErrorString(_) | ApiCall::GetDiagnostic(_) => {
            assert_eq!(error, before, "support call changed the last error");
            assert!(
                outcome.result.chars().count() <= 255,
                "support text over 255 characters"
            );
        }
        _ => {}
    }
    if let Some(data) = data_before
        && !matches!(
            call,
            ApiCall::GetLastError | ApiCall::GetErrorString(_) | ApiCall::GetDiagnostic(_)
        )
    {
        assert!(!error.is_none(), "{call:?} succeeded after Terminate");
        assert_eq!(
            &data,
            api.attempt(),
            "{call:?} changed data after Terminate"
        );
    }
    check_size(api, limits);
}

fn check_size(api: &Api, limits: &Limits) {
    let recount = api.attempt().data.clone();
    let counted = api.size();
    let actual = size_of(&recount);
    assert_eq!(counted, actual, "size bookkeeping drifted");
    assert!(
        counted <= limits.max_total_chars(),
        "attempt holds {counted} characters"
    );
}

/// The size as `Record::size` counts it (characters of keys and values, 32 per record).
fn size_of(record: &learnwire_scorm::runtime::Record) -> usize {
    let values: usize = record
        .values
        .iter()
        .map(|(k, v)| k.chars().count() + v.chars().count())
        .sum();
    let lists: usize = record
        .lists
        .values()
        .flatten()
        .map(|r| size_of(r) + 32)
        .sum();
    values + lists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_empty_inputs_pass() {
        runtime_oracle(b"");
        runtime_oracle(&[3, 0, 0, 0]);
        runtime_oracle(&[0, 1, 0, 5, 0, 0, 4, 3, 2, 1]);
    }
}
