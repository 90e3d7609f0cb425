//! What a path holds: a package to open, a lone descriptor, or a reason it cannot be read (the one
//! decision behind learnwire-scorm's and learnwire-cmi5's `check_path`).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use learnwire_report::Issue;

use crate::{Limits, Package, PackageError};

/// An input named by a path, opened ([`Input::open`]).
#[derive(Debug)]
#[expect(
    clippy::exhaustive_enums,
    reason = "each caller handles every case (there is no sensible default for an unknown kind of input): a new kind is a breaking change on purpose"
)]
pub enum Input {
    /// A zip file or a folder, opened (its own problems are in [`Package::report`]).
    Package(Package),
    /// A lone descriptor file (`imsmanifest.xml`, `cmi5.xml`, `tincan.xml`...), read.
    Document {
        /// Its bytes: at most the caller's `max_document_bytes + 1`, so that a document over the
        /// limit is still seen to be over it.
        bytes: Vec<u8>,
        /// Its file name (lossy UTF-8), the path of its [`Descriptor`](crate::Descriptor).
        name: String,
    },
    /// The package or file could not be opened or read: the refusal as an issue (its
    /// [`PackageError`] code; for an I/O error `package.io` with the operating system's reason).
    Refused(Issue),
}

impl Input {
    /// Opens `path`: a folder or a zip (a `.zip` name, or content starting with `PK`) as a
    /// [`Package`] within `limits`, any other regular file as a lone document read up to
    /// `max_document_bytes + 1` bytes. Never panics; every failure is [`Input::Refused`].
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Input, Limits};
    ///
    /// let input = Input::open("/no/such/course.zip".as_ref(), &Limits::default(), 1024);
    /// let Input::Refused(issue) = input else { panic!("a missing file is refused") };
    /// assert_eq!(issue.code, learnwire_package::codes::IO);
    /// ```
    #[must_use]
    pub fn open(path: &Path, limits: &Limits, max_document_bytes: usize) -> Self {
        let opened = std::fs::metadata(path).and_then(|metadata| {
            if !metadata.is_file() {
                // A folder, or something Package::open refuses without opening it (a FIFO would block).
                return Ok(true);
            }
            let mut head = Vec::with_capacity(2);
            File::open(path)?.take(2).read_to_end(&mut head)?;
            let zip_name = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("zip"));
            Ok(zip_name || head == b"PK")
        });
        match opened {
            Ok(true) => match Package::open(path, limits) {
                Ok(package) => Self::Package(package),
                Err(error) => Self::Refused(error.to_issue()),
            },
            Ok(false) => read_document(path, max_document_bytes),
            Err(error) => Self::Refused(io_issue(path, error)),
        }
    }
}

/// Reads a lone document, one byte past `max_bytes` so that the caller can report it as too large.
fn read_document(path: &Path, max_bytes: usize) -> Input {
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    match File::open(path).and_then(|file| {
        // Room for the whole file up front (within the limit): one allocation of the right size,
        // not a doubling vector holding up to twice the document.
        let expected = file.metadata().map_or(0, |metadata| metadata.len());
        bytes.reserve(usize::try_from(expected.min(limit.saturating_add(1))).unwrap_or(0));
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)
    }) {
        Ok(_) => Input::Document {
            bytes,
            name: path
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
        },
        Err(error) => Input::Refused(io_issue(path, error)),
    }
}

/// An I/O error on `path` as a `package.io` issue carrying the operating system's reason.
fn io_issue(path: &Path, source: std::io::Error) -> Issue {
    PackageError::Io {
        path: Some(path.to_path_buf()),
        source,
    }
    .to_issue()
}
