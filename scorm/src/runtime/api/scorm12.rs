//! The SCORM 1.2 names of the API functions (`LMSInitialize` …), the same calls as the 2004 ones: what
//! they return depends on the instance's version (rule RT-01).

use super::Api;

impl Api {
    /// The 1.2 name of [`initialize`](Self::initialize).
    pub fn lms_initialize(&mut self, parameter: &str) -> String {
        self.initialize(parameter)
    }

    /// The 1.2 name of [`terminate`](Self::terminate).
    pub fn lms_finish(&mut self, parameter: &str) -> String {
        self.terminate(parameter)
    }

    /// The 1.2 name of [`get_value`](Self::get_value).
    pub fn lms_get_value(&mut self, element: &str) -> String {
        self.get_value(element)
    }

    /// The 1.2 name of [`set_value`](Self::set_value).
    pub fn lms_set_value(&mut self, element: &str, value: &str) -> String {
        self.set_value(element, value)
    }

    /// The 1.2 name of [`commit`](Self::commit).
    pub fn lms_commit(&mut self, parameter: &str) -> String {
        self.commit(parameter)
    }

    /// The 1.2 name of [`get_last_error`](Self::get_last_error).
    pub fn lms_get_last_error(&self) -> String {
        self.get_last_error()
    }

    /// The 1.2 name of [`get_error_string`](Self::get_error_string).
    pub fn lms_get_error_string(&self, code: &str) -> String {
        self.get_error_string(code)
    }

    /// The 1.2 name of [`get_diagnostic`](Self::get_diagnostic).
    pub fn lms_get_diagnostic(&self, code: &str) -> String {
        self.get_diagnostic(code)
    }
}
