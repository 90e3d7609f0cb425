//! cmi5 for learning platforms: course structures (`cmi5.xml`), package checks, LMS launch, the cmi5
//! statement rules and moveOn; TinCan (`tincan.xml`) packages.
//!
//! Work in progress (issue #10): the modules land one by one.

#![forbid(unsafe_code)]

pub use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity};

pub mod codes;
pub mod fetch;
mod input;
pub mod launch;
mod launch_path;
mod model;
pub mod move_on;
mod options;
mod package;
pub mod session;
mod structure;
pub mod tincan;
mod values;
mod xml;

pub use codes::CODES;
pub use learnwire_package::{Descriptor, Package, Standard};
pub use model::{
    Au, Block, Course, CourseNode, Extension, LangString, LanguageMap, Nodes, Objective,
};
pub use options::{Limits, Options, Profile};
pub use package::{AuLaunch, PackageCheck, check_package, check_path, check_zip};
pub use structure::{
    CourseStructureCheck, check_course_structure, parse_course_structure, validate_course_structure,
};
pub use values::{LaunchMethod, MasteryScore, MasteryScoreError, MoveOn};
