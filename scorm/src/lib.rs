//! SCORM 1.2 and SCORM 2004 (2nd, 3rd, 4th Edition) content packages: a typed model of
//! `imsmanifest.xml`, validation that reports every problem, launch resolution and package checks.
//!
//! # Overview
//!
//! - [`check_path`] is the front door: a `.zip`, a folder or an `imsmanifest.xml` on disk, one call, one
//!   [`ManifestCheck`]: the detected [`Version`], the [`Manifest`] model, a [`Report`] of every issue
//!   (stable `scorm.*` codes with element path, line and column; the package's `package.*` codes, a
//!   package that cannot be opened included), every [`Launch`], the content root of a package zipped one
//!   folder too high, and the course [`Descriptor`]s found (cmi5, SCORM, TinCan, AICC). [`check_zip`] does
//!   the same for zip bytes in memory. [`Options`] holds every limit, the package's too
//!   ([`Options::package_limits`]).
//! - [`ManifestCheck::items`] walks the course tree, each item with its launch;
//!   [`Manifest::resolve_sequencing`] gives an activity's sequencing with its `IDRef` resolved against the
//!   `sequencingCollection`.
//! - Lower-level doors: [`check_manifest`] reads a lone manifest from memory, [`parse_manifest`] returns
//!   the model only when the report has no error, [`check_package`] checks a [`Package`] already opened,
//!   [`check_files`] checks a manifest against any list of files ([`PackageFiles`]).
//!
//! - [`runtime`] is the LMS's run-time half: the SCORM 1.2 and 2004 CMI data models as tables, one
//!   [`runtime::Api`] per SCO session with the spec's return strings, error codes and state machine,
//!   the status rules, and browser commits (scorm-again's JSON) re-validated on the server.
//!
//! Elements and attributes are matched by namespace URI and local name, never by prefix. The
//! [`Profile`] decides whether spec violations that real LMSs tolerate are errors (`Strict`) or warnings
//! (`Lenient`, the default); [`rules::ALL`] lists every rule with its level, [`CODES`] every code this
//! crate emits (and [`PACKAGE_CODES`] those of the package checks it merges).
//!
//! # Quick start
//!
//! ```
//! use learnwire_scorm::{check_path, Options};
//!
//! # let dir = std::env::temp_dir().join(format!("learnwire-scorm-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(dir.join("content")).unwrap();
//! # std::fs::write(dir.join("imsmanifest.xml"), br#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O"><title>First aid</title><item identifier="I" identifierref="R"><title>Lesson 1</title></item></organization></organizations><resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="content/index.html"><file href="content/index.html"/></resource></resources></manifest>"#).unwrap();
//! # std::fs::write(dir.join("content/index.html"), b"<p>hi</p>").unwrap();
//! # let path = dir.as_path();
//! let check = check_path(path, &Options::default()); // a .zip, a folder or an imsmanifest.xml
//! for issue in check.report.issues() {
//!     eprintln!("{} at {}: {}", issue.code, issue.location, issue.message);
//! }
//! for entry in check.items().filter(|entry| entry.launch.is_some()) {
//!     println!("{} -> {}", entry.item.title, entry.launch.map_or("", |launch| &launch.url));
//! }
//! assert!(check.is_valid() && check.launches[0].url == "content/index.html");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! A manifest in memory:
//!
//! ```
//! use learnwire_scorm::{check_manifest, Options, Profile, Version};
//!
//! let xml = br#"<?xml version="1.0"?>
//! <manifest identifier="COURSE" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
//!     xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
//!   <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
//!   <organizations default="ORG">
//!     <organization identifier="ORG"><title>Safety</title>
//!       <item identifier="ITEM" identifierref="RES" parameters="?lang=en"><title>Lesson 1</title></item>
//!     </organization>
//!   </organizations>
//!   <resources xml:base="content/">
//!     <resource identifier="RES" type="webcontent" adlcp:scormType="sco" href="index.html">
//!       <file href="index.html"/>
//!     </resource>
//!   </resources>
//! </manifest>"#;
//! let check = check_manifest(xml, &Options::new(Profile::Strict));
//! assert!(check.is_valid(), "{:#?}", check.report);
//! assert_eq!(check.version, Some(Version::Scorm2004Edition4));
//! assert_eq!(check.launches[0].url, "content/index.html?lang=en");
//! let organization = check.manifest.as_ref().unwrap().default_organization().unwrap();
//! assert_eq!(organization.items[0].title, "Lesson 1");
//! ```
//!
//! # Crate features
//!
//! None.
//!
//! # Spec coverage
//!
//! Covered: the CP structure of both versions (manifest, metadata, organizations, items, resources,
//! files, dependencies, sub-manifests), every ADL item extension of each edition, IMS Simple Sequencing
//! and the ADL sequencing extensions (vocabularies, ranges, structure, defaults, `ID`/`IDRef`,
//! objective references, single-writer global objectives per activity), xml:base chains, `parameters`,
//! items that reference a sub-manifest (its default organization is launched in place), and the
//! package rules P-02, P-03, P-09..P-14.
//!
//! Not covered (honest gaps): XSD child *order* is not checked (only presence and multiplicity);
//! LOM metadata content is not validated (only detected); AICC prerequisite scripts are kept as text
//! (their item references are not resolved); `xsi:schemaLocation` files are not looked for; when neither schemaversion nor 4th-Edition-only elements
//! say which 2004 edition a package is, 3rd Edition is assumed (and reported as inferred).
//!
//! Objective identifiers are compared as the ADL conformance suite does: percent-decoded and whitespace
//! collapsed (CTS OB-02a, OB-12a), while the model keeps them as written.
//!
//! # Untrusted input
//!
//! Every input is assumed hostile. DOCTYPE declarations are refused outright (no DTD, no entity
//! expansion, no external fetch: XXE and entity bombs are impossible). Only the five predefined
//! entities and valid character references are accepted. Reading is bounded by [`Limits`]: input size
//! (16 MiB), depth (256), attributes per element (256), attribute value (64 KiB), text node (1 MiB),
//! elements (200 000), path components an href names (64), bytes of an href with its xml:base chain
//! (4096), bytes of the package paths kept for presence checks (16 MiB) and of launches (16 MiB), items
//! visited while expanding sub-manifests (the element limit). Hitting a limit is an issue
//! (`scorm.limit.*`), not a crash. Work is linear in the input size, and memory too: a long xml:base or
//! identifier shared by many hrefs or items cannot multiply either. A package is opened within
//! [`Options::package_limits`] (archive size, entries, names, ratios, total size, and the manifest read
//! from it: 16 MiB, `package.manifest-too-large`); see `learnwire-package` for its checks. Text from the
//! document appears in messages only through [`quote`](learnwire_report::quote).
//!
//! # Security
//!
//! Launch URLs are built with the `url` crate: `javascript:`, `data:`, `file:`, `vbscript:` and every
//! non-web scheme are refused, as are backslashes, absolute paths, drive letters, encoded separators and
//! any path that climbs out of the package root after percent-decoding (also through `xml:base`).
//! External `http(s)` URLs are allowed with a warning. No network access happens here; files are only
//! read by [`check_path`], and package reading (zip safety, limits) is delegated to `learnwire-package`.

#![forbid(unsafe_code)]

mod build;
mod check;
mod files;
mod keyed;
mod launch;
pub mod manifest;
mod options;
mod package;
mod parse;
mod presence;
pub mod rules;
pub mod runtime;
mod validate;
mod version;
mod walk;

pub use check::{ManifestCheck, check_manifest, parse_manifest};
pub use files::PackageFiles;
pub use launch::{Launch, merge_parameters};
pub use learnwire_package::xml::{RootElement, root_element};
pub use learnwire_package::{
    CODES as PACKAGE_CODES, Descriptor, Limits as PackageLimits, Package, PackageError, Standard,
    codes as package_codes,
};
pub use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity};
pub use manifest::Manifest;
pub use options::{Limits, Options, Profile};
pub use package::{check_files, check_package, check_path, check_zip};
pub use rules::CODES;
pub use version::Version;
pub use walk::{CourseItem, CourseItems};
