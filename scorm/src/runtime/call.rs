//! API calls as values: the eight functions of each version by their JavaScript names, for hosts that
//! replay calls (a server re-running a browser session, the CLI, the fuzz target).

use std::fmt;

use learnwire_report::{Code, Untrusted};
use serde::Serialize;

use super::ErrorCode;

/// One API call. Both families' names are read (`SetValue` and `LMSSetValue`); what the call returns
/// depends on the [`Api`](super::Api)'s version, never on the name used (rule RT-01).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiCall {
    /// `Initialize(parameter)` / `LMSInitialize`.
    Initialize(String),
    /// `Terminate(parameter)` / `LMSFinish`.
    Terminate(String),
    /// `GetValue(element)` / `LMSGetValue`.
    GetValue(String),
    /// `SetValue(element, value)` / `LMSSetValue`.
    SetValue(String, String),
    /// `Commit(parameter)` / `LMSCommit`.
    Commit(String),
    /// `GetLastError()` / `LMSGetLastError`.
    GetLastError,
    /// `GetErrorString(code)` / `LMSGetErrorString`.
    GetErrorString(String),
    /// `GetDiagnostic(code)` / `LMSGetDiagnostic`.
    GetDiagnostic(String),
}

/// A call that names no API function or has too many arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallError {
    /// Not one of the sixteen function names.
    UnknownFunction(Untrusted),
    /// More arguments than the function takes.
    TooManyArguments {
        /// The function.
        function: &'static str,
        /// How many it takes.
        takes: usize,
        /// How many were given.
        given: usize,
    },
}

impl CallError {
    /// The stable code: `scorm.runtime.call-invalid`.
    pub fn code(&self) -> Code {
        crate::rules::RUNTIME_CALL.code
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownFunction(name) => {
                write!(f, "{}: {name} is not a SCORM API function", self.code())
            }
            Self::TooManyArguments {
                function,
                takes,
                given,
            } => write!(
                f,
                "{}: {function} takes {takes} argument(s), {given} given",
                self.code()
            ),
        }
    }
}

impl std::error::Error for CallError {}

impl ApiCall {
    /// Reads a call from a function name of either family and its arguments; a missing argument is the
    /// empty string.
    ///
    /// # Errors
    ///
    /// [`CallError`] for an unknown name or too many arguments.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_scorm::runtime::ApiCall;
    ///
    /// let call = ApiCall::parse("LMSSetValue", &["cmi.core.score.raw".into(), "85".into()])?;
    /// assert_eq!(call, ApiCall::SetValue("cmi.core.score.raw".into(), "85".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(name: &str, args: &[String]) -> Result<Self, CallError> {
        let (function, takes): (&'static str, usize) = match name {
            "Initialize" | "LMSInitialize" => ("Initialize", 1),
            "Terminate" | "LMSFinish" => ("Terminate", 1),
            "GetValue" | "LMSGetValue" => ("GetValue", 1),
            "SetValue" | "LMSSetValue" => ("SetValue", 2),
            "Commit" | "LMSCommit" => ("Commit", 1),
            "GetLastError" | "LMSGetLastError" => ("GetLastError", 0),
            "GetErrorString" | "LMSGetErrorString" => ("GetErrorString", 1),
            "GetDiagnostic" | "LMSGetDiagnostic" => ("GetDiagnostic", 1),
            _ => return Err(CallError::UnknownFunction(Untrusted::new(name))),
        };
        if args.len() > takes {
            return Err(CallError::TooManyArguments {
                function,
                takes,
                given: args.len(),
            });
        }
        let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
        Ok(match function {
            "Initialize" => Self::Initialize(arg(0)),
            "Terminate" => Self::Terminate(arg(0)),
            "GetValue" => Self::GetValue(arg(0)),
            "SetValue" => Self::SetValue(arg(0), arg(1)),
            "Commit" => Self::Commit(arg(0)),
            "GetLastError" => Self::GetLastError,
            "GetErrorString" => Self::GetErrorString(arg(0)),
            _ => Self::GetDiagnostic(arg(0)),
        })
    }

    /// The SCORM 2004 name of the function (`SetValue`).
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Initialize(_) => "Initialize",
            Self::Terminate(_) => "Terminate",
            Self::GetValue(_) => "GetValue",
            Self::SetValue(..) => "SetValue",
            Self::Commit(_) => "Commit",
            Self::GetLastError => "GetLastError",
            Self::GetErrorString(_) => "GetErrorString",
            Self::GetDiagnostic(_) => "GetDiagnostic",
        }
    }
}

/// What a call returned and the last error after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CallOutcome {
    /// The returned string.
    pub result: String,
    /// `GetLastError()` after the call.
    pub error: ErrorCode,
}
