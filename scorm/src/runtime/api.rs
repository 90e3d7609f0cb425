//! The API instance of one SCO session: the state machine of rules Part A (SCORM 1.2) and Part B
//! (SCORM 2004), the last error, and the calls on the attempt's data.

use learnwire_report::quote;

use crate::{Profile, Version};

use super::Options;

mod load;
mod scorm12;
use super::attempt::Attempt;
use super::call::{ApiCall, CallOutcome};
use super::engine::{self, Ctx};
use super::error::{ErrorCode, Fault, Op, error_string};
use super::setup::{Mode, Setup};
use super::status::{self, SessionEnd};
use super::transfer::transfer_2004;

/// The conceptual communication state (RTE04 §3.1.6; 1.2: not initialized, running, finished).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionState {
    /// Before a successful `Initialize`.
    #[default]
    NotInitialized,
    /// Between `Initialize` and `Terminate`.
    Running,
    /// After a successful `Terminate` (1.2: `LMSFinish`).
    Terminated,
}

/// One API instance: the object a SCO finds as `API` (1.2) or `API_1484_11` (2004), for one session
/// of one attempt. Sans-IO: it answers every call synchronously from the [`Attempt`] it was given;
/// the host persists [`attempt`](Self::attempt) on each successful `Commit`/`Terminate` (or through
/// [`commit_with`](Self::commit_with)/[`terminate_with`](Self::terminate_with), which let the
/// persistence fail with the spec's codes).
///
/// In review mode ([`Mode::Review`]) the SCO's sets succeed and read back during the session, but
/// what `Commit`/`Terminate` store is the attempt as it was loaded: a review never changes the
/// recorded attempt (rule ST04-30).
///
/// Every method returns exactly the string the JavaScript function returns; the error code is then
/// [`last_error`](Self::last_error) (`GetLastError`).
///
/// # Example
///
/// ```
/// use learnwire_scorm::Version;
/// use learnwire_scorm::runtime::{Api, Attempt, Options, Setup};
///
/// let mut api = Api::new(Version::Scorm2004Edition4, Attempt::new(), Setup::new("u1", "Jane"), Options::default());
/// assert_eq!(api.initialize(""), "true");
/// assert_eq!(api.set_value("cmi.score.scaled", "2"), "false");
/// assert_eq!(api.get_last_error(), "407");
/// assert_eq!(api.get_value("cmi.entry"), "ab-initio");
/// assert_eq!(api.terminate(""), "true");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Api {
    version: Version,
    options: Options,
    setup: Setup,
    state: SessionState,
    attempt: Attempt,
    size: usize,
    last_error: ErrorCode,
    diagnostic: String,
    session_end: Option<SessionEnd>,
    /// Review mode: the attempt as loaded, which is what gets stored (rule ST04-30).
    review: Option<Attempt>,
    /// The SCO set `cmi.success_status` to `unknown` in this session (rule HO-05).
    success_set_unknown: bool,
}

const TRUE: &str = "true";
const FALSE: &str = "false";

impl Api {
    /// An API instance for a session of `attempt` (loaded at `Initialize`).
    pub fn new(version: Version, attempt: Attempt, setup: Setup, options: Options) -> Self {
        Self {
            version,
            options,
            setup,
            state: SessionState::NotInitialized,
            size: attempt.data.size(),
            attempt,
            last_error: ErrorCode::NONE,
            diagnostic: String::new(),
            session_end: None,
            review: None,
            success_set_unknown: false,
        }
    }

    /// The SCORM version this instance speaks.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The state of the session.
    pub fn state(&self) -> SessionState {
        self.state
    }

    /// The attempt's data as it stands (persist it after a successful `Commit` or `Terminate`).
    pub fn attempt(&self) -> &Attempt {
        &self.attempt
    }

    /// The attempt, for storage.
    pub fn into_attempt(self) -> Attempt {
        self.attempt
    }

    /// How the session ended, after a successful `Terminate`.
    pub fn session_end(&self) -> Option<&SessionEnd> {
        self.session_end.as_ref()
    }

    /// The last error code.
    pub fn last_error(&self) -> ErrorCode {
        self.last_error
    }

    /// Characters the attempt holds, as counted against
    /// [`Limits::max_total_chars`](super::Limits::max_total_chars).
    pub fn size(&self) -> usize {
        self.size
    }

    fn fail(&mut self, number: u16, detail: impl Into<String>) -> String {
        self.last_error = ErrorCode::of(number);
        self.diagnostic = cut(detail.into());
        FALSE.to_owned()
    }

    fn ok(&mut self) {
        self.last_error = ErrorCode::NONE;
        self.diagnostic.clear();
    }

    /// `Initialize("")` (2004) / `LMSInitialize("")` (1.2): loads the attempt and the LMS values and
    /// starts the session (rules A12-01..A12-05, A04-01..A04-05).
    pub fn initialize(&mut self, parameter: &str) -> String {
        self.initialize_with(parameter, || true)
    }

    /// `Initialize("")` / `LMSInitialize("")` for a host that may fail to set the session up (its
    /// storage is unreachable, the learner's record is locked): `ready` false answers `"false"` with
    /// 2004 102 "General Initialization Failure" (1.2 101) and the session stays Not Initialized, so
    /// the SCO may try again (rule A04-01).
    pub fn initialize_with(&mut self, parameter: &str, ready: impl FnOnce() -> bool) -> String {
        let is_2004 = self.version.is_2004();
        match self.state {
            SessionState::Terminated if is_2004 => {
                return self.fail(104, "this API instance's session was terminated");
            }
            _ if !parameter.is_empty() => {
                return self.fail(201, "the parameter must be the empty string");
            }
            SessionState::Running => {
                return self.fail(if is_2004 { 103 } else { 101 }, "already initialized");
            }
            SessionState::Terminated => return self.fail(101, "the session was finished"),
            SessionState::NotInitialized => {}
        }
        if !ready() {
            return self.fail(
                if is_2004 { 102 } else { 101 },
                "the LMS could not set the session up",
            );
        }
        self.load();
        if self.setup.mode == Mode::Review {
            self.review = Some(self.attempt.clone());
        }
        self.state = SessionState::Running;
        self.ok();
        TRUE.to_owned()
    }

    /// `Terminate("")` / `LMSFinish("")` with a persistence step that always succeeds.
    pub fn terminate(&mut self, parameter: &str) -> String {
        self.terminate_with(parameter, |_| true)
    }

    /// `Terminate("")` / `LMSFinish("")`: end-of-session processing (statuses, total time, exit and
    /// entry), then `persist` (false = storage failed: 2004 111, 1.2 101, and the session stays
    /// Running with the data as before; rules A04-06, A04-07, A12-06, A12-07).
    pub fn terminate_with(
        &mut self,
        parameter: &str,
        persist: impl FnOnce(&Attempt) -> bool,
    ) -> String {
        let is_2004 = self.version.is_2004();
        if is_2004 {
            match self.state {
                SessionState::Terminated => return self.fail(113, "already terminated"),
                SessionState::NotInitialized => return self.fail(112, "not initialized"),
                SessionState::Running if !parameter.is_empty() => {
                    return self.fail(201, "the parameter must be the empty string");
                }
                SessionState::Running => {}
            }
        } else {
            match self.state {
                _ if !parameter.is_empty() => {
                    return self.fail(201, "the parameter must be the empty string");
                }
                SessionState::NotInitialized => return self.fail(301, "not initialized"),
                SessionState::Terminated => return self.fail(101, "already finished"),
                SessionState::Running => {}
            }
        }
        let before = self.attempt.clone();
        let saturate = self.options.profile == Profile::Strict;
        let end = if is_2004 {
            let mut end = status::terminate_2004(&mut self.attempt.data);
            // A review changes no tracking (rule ST04-30).
            if self.review.is_none() {
                end.transfer = Some(transfer_2004(&self.attempt.data, self.success_set_unknown));
            }
            end
        } else {
            status::finish_12(
                &mut self.attempt.data,
                self.options.mastery_override,
                self.options.new_attempt_12,
                saturate,
            )
        };
        self.attempt.sessions = self.attempt.sessions.saturating_add(1);
        self.attempt.suspended = end.suspended;
        self.attempt.ended = end.attempt_ended;
        if let Some(reviewed) = &self.review {
            self.attempt = reviewed.clone();
        }
        if !persist(&self.attempt) {
            self.attempt = before;
            return self.fail(
                if is_2004 { 111 } else { 101 },
                "the LMS could not store the data",
            );
        }
        self.size = self.attempt.data.size();
        self.session_end = Some(end);
        self.state = SessionState::Terminated;
        self.ok();
        TRUE.to_owned()
    }

    /// `Commit("")` / `LMSCommit("")` with a persistence step that always succeeds.
    pub fn commit(&mut self, parameter: &str) -> String {
        self.commit_with(parameter, |_| true)
    }

    /// `Commit("")` / `LMSCommit("")`: `persist` the attempt (false = storage failed: 2004 391,
    /// 1.2 101; rules A04-09, A04-10, A12-06..A12-09).
    pub fn commit_with(
        &mut self,
        parameter: &str,
        persist: impl FnOnce(&Attempt) -> bool,
    ) -> String {
        let is_2004 = self.version.is_2004();
        if is_2004 {
            match self.state {
                SessionState::Terminated => return self.fail(143, "already terminated"),
                _ if !parameter.is_empty() => {
                    return self.fail(201, "the parameter must be the empty string");
                }
                SessionState::NotInitialized => return self.fail(142, "not initialized"),
                SessionState::Running => {}
            }
        } else {
            match self.state {
                _ if !parameter.is_empty() => {
                    return self.fail(201, "the parameter must be the empty string");
                }
                SessionState::NotInitialized => return self.fail(301, "not initialized"),
                SessionState::Terminated => return self.fail(101, "already finished"),
                SessionState::Running => {}
            }
        }
        if !persist(self.review.as_ref().unwrap_or(&self.attempt)) {
            return self.fail(
                if is_2004 { 391 } else { 101 },
                "the LMS could not store the data",
            );
        }
        self.ok();
        TRUE.to_owned()
    }

    /// `GetValue(element)` / `LMSGetValue(element)`: the value, or `""` with the error set (rules N1).
    pub fn get_value(&mut self, element: &str) -> String {
        if let Some(number) = self.state_fault(122, 123) {
            self.fail(number, "the session is not running");
            return String::new();
        }
        let ctx = Ctx {
            version: self.version,
            options: &self.options,
        };
        match engine::get(ctx, &self.attempt.data, element) {
            Ok(value) => {
                self.ok();
                value
            }
            Err(fault) => {
                let number = fault.number(self.version, Op::Get).as_u16();
                if number == 0 {
                    self.ok();
                } else {
                    self.fail(number, format!("{}: {}", quote(element), fault.explain()));
                }
                String::new()
            }
        }
    }

    /// `SetValue(element, value)` / `LMSSetValue(element, value)`: `"true"`, or `"false"` with the
    /// error set and nothing changed (rules N2, P-09).
    pub fn set_value(&mut self, element: &str, value: &str) -> String {
        match self.set_checked(element, value) {
            Ok(()) => TRUE.to_owned(),
            Err(_) => FALSE.to_owned(),
        }
    }

    /// `SetValue` returning the fault, for batches.
    pub(crate) fn set_checked(&mut self, element: &str, value: &str) -> Result<(), Option<Fault>> {
        if let Some(number) = self.state_fault(132, 133) {
            self.fail(number, "the session is not running");
            return Err(None);
        }
        let ctx = Ctx {
            version: self.version,
            options: &self.options,
        };
        match engine::set(ctx, &mut self.attempt.data, &mut self.size, element, value) {
            Ok(()) => {
                if element == "cmi.success_status" {
                    self.success_set_unknown = value == "unknown";
                }
                self.ok();
                Ok(())
            }
            Err(fault) => {
                let number = fault.number(self.version, Op::Set).as_u16();
                self.fail(number, format!("{}: {}", quote(element), fault.explain()));
                Err(Some(fault))
            }
        }
    }

    /// The error number of a get/set outside Running: 2004 `before`/`after`, 1.2 301/101.
    fn state_fault(&self, before: u16, after: u16) -> Option<u16> {
        let is_2004 = self.version.is_2004();
        match self.state {
            SessionState::Running => None,
            SessionState::NotInitialized => Some(if is_2004 { before } else { 301 }),
            SessionState::Terminated => Some(if is_2004 { after } else { 101 }),
        }
    }

    /// `GetLastError()`: the last error as a string (`"0"` for none); changes nothing (rule RT-03).
    pub fn get_last_error(&self) -> String {
        self.last_error.to_string()
    }

    /// `GetErrorString(code)`: the text of a defined code, `""` otherwise (rules A12-12, A04-13).
    pub fn get_error_string(&self, code: &str) -> String {
        error_string(self.version, code).to_owned()
    }

    /// `GetDiagnostic(code)`: for `""` or the last error's number, what went wrong in the last call
    /// (element and reason); for another defined code its text; at most 255 characters (rules A12-13,
    /// A04-14).
    pub fn get_diagnostic(&self, code: &str) -> String {
        let last = self.last_error.to_string();
        if code.is_empty() || code == last {
            if self.diagnostic.is_empty() {
                return error_string(self.version, &last).to_owned();
            }
            return format!("{last}: {}", self.diagnostic)
                .chars()
                .take(255)
                .collect();
        }
        error_string(self.version, code).to_owned()
    }

    /// Runs one [`ApiCall`].
    pub fn call(&mut self, call: &ApiCall) -> CallOutcome {
        let result = match call {
            ApiCall::Initialize(p) => self.initialize(p),
            ApiCall::Terminate(p) => self.terminate(p),
            ApiCall::GetValue(e) => self.get_value(e),
            ApiCall::SetValue(e, v) => self.set_value(e, v),
            ApiCall::Commit(p) => self.commit(p),
            ApiCall::GetLastError => self.get_last_error(),
            ApiCall::GetErrorString(c) => self.get_error_string(c),
            ApiCall::GetDiagnostic(c) => self.get_diagnostic(c),
        };
        CallOutcome {
            result,
            error: self.last_error,
        }
    }
}

/// At most 255 characters (rule A04-14).
fn cut(text: String) -> String {
    if text.chars().nth(255).is_some() {
        text.chars().take(255).collect()
    } else {
        text
    }
}
