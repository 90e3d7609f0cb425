//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod cmi5;
pub(crate) mod lti;
pub(crate) mod scorm;
pub(crate) mod xapi;
