//! Safe reading of course packages (SCORM, cmi5): a `.zip` file, zip bytes in memory, or a folder.
//!
//! # Overview
//!
//! [`Package`] opens a package, walks its whole structure once, and records every problem in a
//! [`Report`] with a stable `package.*` code ([`codes`]). Nothing is ever
//! extracted or written. Entries with a problem are left out of [`Package::files`], so the SCORM and cmi5
//! validators built on top only ever read unambiguous, safe entries. Data is read with
//! [`Package::read_to_vec`] (bounded, streaming) or checked in full with [`Package::verify_contents`].
//!
//! A hostile or broken archive that leaves nothing trustworthy to look at (not a zip, truncated, lying end
//! record, too many entries) is refused with a [`PackageError`]; [`PackageError::to_issue`] turns it into an
//! issue of the same shape as every other problem (its code, and for an I/O error the operating system's
//! reason). [`CODES`] lists every code with its severity and reference.
//!
//! [`detect`] names the course descriptors at the package's content root (`imsmanifest.xml`, `cmi5.xml`,
//! `tincan.xml`, an AICC `.crs`/`.au`/`.des`/`.cst` set) in the priority order peers use, and
//! [`Standard::from_root_element`] tells a lone descriptor by its root element's namespace ([`namespaces`]
//! holds each standard's, once for the workspace).
//!
//! [`xml`] is the bounded XML reader both standards read their descriptors with (`imsmanifest.xml`,
//! `cmi5.xml`, `tincan.xml`): decoding, DOCTYPE refusal, well-formedness, limits, positions. It knows
//! no code family: each crate maps its [`xml::Problem`]s to its own codes.
//!
//! # Quick start
//!
//! ```
//! use learnwire_package::{Limits, Package, Standard, detect};
//!
//! # let bytes = learnwire_testkit::tiny_zip(&[
//! #     ("imsmanifest.xml", b"<manifest/>"), ("content/index.html", b"<p>hi</p>")]);
//! let limits = Limits::default();
//! let package = Package::from_zip_bytes(bytes, &limits)?; // or Package::open(path, &limits)
//! for issue in package.report().issues() {
//!     println!("{}: {} at {}", issue.code, issue.message, issue.location);
//! }
//! let found = detect(&package); // which standards' descriptors sit at the content root
//! assert_eq!(found[0].standard, Standard::Scorm);
//! let manifest = package.file(&found[0].path).expect("manifest at the root");
//! let xml = package.read_manifest(manifest)?; // at most Limits::max_manifest_bytes
//! assert_eq!(xml, b"<manifest/>");
//! assert!(package.is_dir("content"));
//!
//! // `learnwire check`: stream every entry (CRC, real sizes, ratios, total) and get the full verdict.
//! let verdict = package.verify_contents();
//! assert!(verdict.is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! | Feature | Default | What it adds |
//! |---|---|---|
//! | (none) | | The crate has no features. Decompression is `flate2`'s raw deflate over the range our own walk located (the `zlib-rs` backend, pure Rust). |
//!
//! # Spec coverage
//!
//! - PKWARE APPNOTE 6.3: end of central directory (with comment and trailing-data detection), ZIP64 end
//!   record and locator, ZIP64 extra field (sizes and offset), central and local headers, data descriptors
//!   (flag bit 3: sizes come from the central directory), the UTF-8 flag (bit 11) and CP437 names without it,
//!   the Info-ZIP Unicode Path extra field (0x7075: used when its CRC-32 matches the stored name, as Info-ZIP
//!   and 7-Zip do, and judged by the same name policy as the stored name).
//! - Compression methods: stored (0) and deflate (8), the two that SCORM's PIF and cmi5 §14 packages use.
//!   Others (deflate64, bzip2, LZMA, zstd...) are reported as `package.unsupported-method`.
//! - Not supported (refused): multi-disk archives, encryption (ZipCrypto, strong encryption, WinZip AES),
//!   central-directory encryption.
//! - SCORM CAM package rules P-04..P-08 and cmi5 §14 C5P-05 (same zip rules); the manifest rules themselves
//!   (P-02 manifest at the root, P-09 references) belong to the SCORM and cmi5 crates.
//!
//! # Untrusted input
//!
//! Every input is assumed hostile. No input makes the crate panic (no `unwrap`, no indexing; the fuzz target
//! `package_zip` exercises [`Package::from_zip_bytes`], [`Package::verify_contents`] and
//! [`Package::read_to_vec`]). Every resource is bounded by [`Limits`], checked *before* the work:
//! the entry count comes from the end record and is checked before one record is read; the central
//! directory must hold exactly the declared number of records; names are kept to `max_name_bytes + 1` bytes;
//! no buffer is sized from a declared number that was not first checked against a limit. Opening is linear in
//! the number of entries (plus a sort for the overlap check and B-tree maps for collisions) and in the bytes
//! it scans (gaps between entries, stored data ended by a descriptor): only entries that overlap no other are
//! scanned, so each byte of the file is scanned at most once. Reading streams in 64 KiB chunks and never asks
//! the decompressor for more than the declared size plus one byte.
//!
//! # Security
//!
//! Checked while opening, each with its own code (see [`codes`]), judged on the **raw** name before any
//! sanitising (the `zip` crate's `enclosed_name` would silently turn `/x` into `x`):
//!
//! - zip slip: `..` components (with `/` or `\`), absolute names, drive letters, UNC paths, backslashes;
//! - hostile names: NUL and control characters, invalid UTF-8, empty names, overlong names, too many
//!   components, Windows device names (`CON`, `COM1`...), `:` (NTFS streams), non-portable characters;
//! - symbolic links and special files (Unix mode in the external attributes), encrypted entries, unsupported
//!   compression methods;
//! - one end record: a second well-formed one in the comment or trailing bytes, which backward-searching
//!   readers would take instead, is refused;
//! - our own walk of the central directory: duplicates the `zip` crate's index hides, extra fields repeated
//!   in a record, local header vs central directory (name and Info-ZIP Unicode Path name, flags, method,
//!   CRC, sizes with their ZIP64 forms; zero or equal values with a data descriptor), data ranges inside the
//!   file and before the central directory, data descriptors against the central directory,
//!   pairwise-disjoint entry ranges (overlapping-entries bombs), and local headers anywhere in bytes no
//!   record covers (entries hidden from the index but seen by streaming extractors);
//! - what a streaming extractor (which never reads the central directory) would see: stored data ended only
//!   by a data descriptor must hold no record signature and its descriptor must be signed, and a deflate
//!   stream must end exactly at the declared compressed size, otherwise such a reader would split the entry
//!   elsewhere and read the rest as other entries (`package.stream-split`);
//! - collisions: exact duplicates, case-folded, NFC-normalised, and file-versus-directory conflicts;
//! - bombs: declared ratio and total, then again while streaming, with the real size compared to the declared
//!   one and the CRC-32 checked at the end.
//!
//! A folder is walked without following symbolic links (they are reported), with the same name policy and
//! limits. Its checks use metadata only (type, size, device and inode): no file is read unless a caller reads
//! its content, and a file read later must still be the file that was walked.
//!
//! There are no `danger_*` knobs: every weakening is a [`Limits`] value you choose.

#![forbid(unsafe_code)]

mod archive;
pub mod codes;
mod collisions;
mod detect;
mod entry;
mod error;
mod folder;
mod input;
mod limits;
mod names;
mod package;
mod read;
mod reroot;
mod source;
pub mod xml;

pub use codes::CODES;
pub use detect::{Descriptor, Standard, detect, namespaces};
pub use entry::{Entry, PackageKind};
pub use error::PackageError;
pub use input::Input;
pub use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity};
pub use limits::Limits;
pub use package::Package;
pub use reroot::{ContentRoot, MAX_NESTED_CANDIDATES, Rerooted, find_content_root, is_os_junk};
