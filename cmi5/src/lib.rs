//! cmi5 for learning platforms: course structures (`cmi5.xml`), package checks, LMS launch, the cmi5
//! statement rules and moveOn; TinCan (`tincan.xml`) packages.
//!
//! # Course structures and packages
//!
//! - [`check_path`] is the front door for a course on disk, in any of cmi5 §14's forms: a `.zip`, a
//!   folder, or a lone course structure XML file. [`check_zip`] takes zip bytes in memory,
//!   [`check_package`] a package already opened with `learnwire-package`. Each gives a
//!   [`PackageCheck`]: the [`Course`], a [`Report`] of every issue (stable `cmi5.*` codes located by
//!   XML path with line and column, and the package's `package.*` codes), each AU's [`AuLaunch`], and
//!   every course descriptor found ([`Descriptor`], cmi5 > SCORM > TinCan > AICC, rule V-01).
//! - [`check_course_structure`] reads a `cmi5.xml` in memory (the model and the report);
//!   [`parse_course_structure`] returns the [`Course`] or the [`Report`]; [`validate_course_structure`]
//!   only the report.
//! - The model: a [`Course`] with its [`Objective`]s and a tree of [`Block`]s and [`Au`]s
//!   ([`CourseNode`]); titles and descriptions are [`LanguageMap`]s; vendor elements and attributes
//!   are kept as [`Extension`]s; [`Course::aus`] and [`Course::nodes`] walk the tree without recursion.
//! - [`Profile::Lenient`] (the default) accepts what real authoring tools write and LMSs import (a
//!   block without a description, `launchMethod` written as an element, a pre-Quartz namespace, XSD
//!   order): those are warnings, and errors under [`Profile::Strict`]. [`codes::ALL`] gives each rule's
//!   level, [`CODES`] every code of the crate.
//!
//! ```
//! use learnwire_cmi5::{check_zip, Options};
//!
//! # let xml = br#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
//! #   <course id="https://example.com/c"><title><langstring>Safety</langstring></title><description><langstring/></description></course>
//! #   <au id="https://example.com/au/1" moveOn="Passed"><title><langstring>Lesson 1</langstring></title>
//! #     <description><langstring/></description><url>content/index.html?lang=en</url></au></courseStructure>"#;
//! # let zip = learnwire_testkit::tiny_zip(&[("cmi5.xml", xml), ("content/index.html", b"<p>hi</p>")]);
//! let check = check_zip(zip, &Options::default());
//! for issue in check.report.issues() {
//!     eprintln!("{} at {}: {}", issue.code, issue.location, issue.message);
//! }
//! assert!(check.is_valid());
//! assert_eq!(check.launches[0].path.as_deref(), Some("content/index.html"));
//! let course = check.course.unwrap();
//! assert_eq!(course.aus().next().unwrap().title.first_text(), "Lesson 1");
//! ```
//!
//! ## What is checked (rules of `rules/scorm-cmi5.md`)
//!
//! - C5S-01..C5S-17: the `courseStructure` root by namespace (never prefix), the XSD content model of
//!   course, objectives, blocks (nested), AUs and langstrings with its order, ids as absolute IRIs
//!   (RFC 3987, `iri-string`) unique across blocks, AUs and objectives, objective references resolved,
//!   `moveOn`, `launchMethod`, `masteryScore` (exact, at most four places), `activityType` (strict),
//!   AU urls (`http`/`https`, or a path that stays in the package once percent-decoded; no spaces,
//!   backslashes or `javascript:`), the query names the LMS adds (`endpoint`, `fetch`, `actor`,
//!   `registration`, `activityId`), `xs:language` tags, values trimmed, at least 1 000 AUs.
//! - C5P-01..C5P-05: the three forms, `cmi5.xml` at the root (a package zipped one folder too high is
//!   read from that folder, warned; a refused `cmi5.xml` entry says so), relative AU urls naming
//!   entries (query and fragment stripped; a match ignoring case is a strict error), a lone
//!   structure's urls fully qualified, and `learnwire-package`'s zip safety.
//! - Not checked: the `launchParameters`/`entitlementKey` content (opaque by §13.1.4), extension
//!   content against a vendor XSD (§13.1.5 lets an LMS ignore it), and a course-level objective's
//!   foreign attributes or elements (the XSD allows none; they are ignored).
//!
//! ## CATAPULT requirements covered (tests in `tests/it/`)
//!
//! | Requirement | Test |
//! |---|---|
//! | 3.0.0.0-1 | `security::cmi14_an_id_that_is_not_an_iri_is_refused`, corpus LTS 201-1..4 |
//! | 6.1.0.0-2 | `structure::one_thousand_aus_are_accepted`, corpus LTS 101 |
//! | 8.1.0.0-6 | `structure::reserved_launch_parameter_names_in_the_url_are_refused`, corpus LTS 204 |
//! | 13.1.0.0-1 | `structure::values_are_trimmed_before_they_are_read` |
//! | 13.1.2.0-1, 13.1.3.0-1, 13.1.4.0-1 | `security::cmi09_a_duplicate_au_id_is_refused`, corpus LTS 205-1..3 |
//! | 13.1.4.0-2 | `security::cmi07_…`, `cmi08_…`, `cmi24_…`, `package::a_literal_space_in_an_au_url_is_invalid`, corpus LTS 206 |
//! | 13.1.5.0-1, 13.1.5.0-2 | `structure::nested_blocks_objectives_and_opaque_values_are_kept`, corpus spec `extended-cmi5.xml` |
//! | 13.2.0.0-1 | `structure::schema_order_is_strict_only_and_located_with_a_line`, corpus LTS 207 |
//! | 14.0.0.0-1 | `package::anything_else_is_refused`, corpus LTS 208, 209 |
//! | 14.1.0.0-2 | `security::cmi18_a_zip_without_cmi5_xml_is_refused`, corpus LTS 210 |
//! | 14.1.0.0-3, 14.1.0.0-4 | `package::a_relative_au_url_without_its_file_is_an_error_at_the_url`, corpus LTS 203 |
//! | 14.2.0.0-1 | `package::a_lone_course_structure_needs_fully_qualified_urls`, corpus LTS 202-1..5 |
//!
//! ## TinCan packages
//!
//! [`tincan`] reads `tincan.xml` (Storyline, Captivate and Lectora xAPI exports), checks the package
//! and builds the TinCan launch URL. It lives here because it is the same job as cmi5's packaging (an
//! xAPI course, a descriptor at the zip root, the same reader, zip safety and launch resolution): see
//! the module for the rules it applies.
//!
//! ## Untrusted input
//!
//! Every input is assumed hostile. `cmi5.xml` and `tincan.xml` are read by the same bounded reader as
//! learnwire-scorm's manifests (`learnwire_package::xml`, its problems reported with this crate's codes):
//! encodings per XML 1.0 Appendix F (UTF-8 with or without BOM, UTF-16, ISO-8859-1, windows-1252,
//! US-ASCII), every DOCTYPE refused (no DTD, no entity, no external fetch), only the predefined
//! entities, and [`Limits`]: input 16 MiB, depth 256, 256 attributes per element, 64 KiB per
//! attribute, 1 MiB per text node, 200 000 elements, 10 000 AUs plus blocks, 8 KiB per URL. Blocks
//! are built recursively but never deeper than the depth limit (and 128 whatever it says). Packages are
//! opened within [`Options::package_limits`]. Hitting a limit is a `cmi5.limit.*` or `package.*`
//! issue, never a panic. No network is used and nothing is written.
//!
//! # LMS side
//!
//! [`launch`], [`fetch`], [`session`] and [`move_on`]: the launch URL and LaunchData, the fetch URL
//! exchange, the statement rules of a session and moveOn.
//!
//! - [`launch::build_launch_url`]: the AU url (absolute, or resolved under the LMS's content base) with
//!   `endpoint`, `fetch`, `actor`, `registration` and `activityId` form-encoded after its own query;
//!   [`launch::LaunchData`] (`LMS.LaunchData`, serde) and [`launch::LearnerPreferences`]
//!   (`cmi5LearnerPreferences`); [`launch::AuLaunchSettings`] comes from an [`Au`] with `From`.
//! - [`fetch::FetchRequest`]: `http::Request` in, `http::Response` out, the auth token handed out once
//!   from a [`fetch::TokenStore`], then cmi5's error codes with status 200.
//! - [`session::SessionJudge`]: fed an AU's statements in order, a [`session::Verdict`] each (every
//!   problem with a code and a JSON pointer, in CATAPULT's order); `launched`, `abandoned` and `waived`
//!   built for the LMS. The coverage table of CATAPULT requirement ids and tests is in [`session`].
//! - [`move_on::Registration`]: moveOn over the course tree ([`move_on::MoveOnTree::from_course`]) and
//!   the `satisfied` statements for blocks and the course, each once per registration.
//!
//! All sans-IO: no clock, no random source (ids and timestamps are the caller's), no network.

#![forbid(unsafe_code)]

pub use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity, Untrusted};

pub mod codes;
pub mod fetch;
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
pub use learnwire_package::{Descriptor, Limits as PackageLimits, Package, PackageError, Standard};
pub use model::{
    Au, Block, Course, CourseNode, Extension, LangString, LanguageMap, Nodes, Objective,
};
pub use options::{Limits, Options, Profile};
pub use package::{AuLaunch, PackageCheck, check_package, check_path, check_standalone, check_zip};
pub use structure::{
    CourseStructureCheck, check_course_structure, parse_course_structure, validate_course_structure,
};
pub use values::{LaunchMethod, MasteryScore, MasteryScoreError, MoveOn};
