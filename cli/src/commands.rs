//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod lti;
pub(crate) mod scorm;
pub(crate) mod xapi;
