//! cmi5 for learning platforms: course structures (`cmi5.xml`), package checks, LMS launch, the cmi5
//! statement rules and moveOn; TinCan (`tincan.xml`) packages.
//!
//! Work in progress (issue #10): the modules land one by one.

#![forbid(unsafe_code)]

pub use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity};

mod values;

pub use values::{LaunchMethod, MasteryScore, MasteryScoreError, MoveOn};
