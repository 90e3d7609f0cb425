//! What a path holds: a package to open, a lone manifest, or a reason it cannot be read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use learnwire_package::{Descriptor, Package, PackageError, Standard};
use learnwire_report::Issue;

use crate::Options;
use learnwire_package::xml::root_element;

/// An opened input.
pub(super) enum Input {
    /// A zip file or a folder, opened.
    Package(Package),
    /// The bytes of a lone manifest (at most `max_input_bytes + 1`).
    Manifest(Vec<u8>),
    /// The package or file could not be opened or read: the refusal as an issue.
    Refused(Issue),
}

/// Opens `path`: a folder or a zip (a `.zip` name, or content starting with `PK`) as a package with
/// [`Options::package_limits`], any other regular file as a manifest.
pub(super) fn open(path: &Path, options: &Options) -> Input {
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
        Ok(true) => match Package::open(path, &options.package_limits) {
            Ok(package) => Input::Package(package),
            Err(error) => Input::Refused(error.to_issue()),
        },
        Ok(false) => read_manifest(path, options),
        Err(error) => Input::Refused(io_issue(path, error)),
    }
}

/// Reads a lone manifest, one byte past the limit so that the check reports `scorm.limit.input-size`.
fn read_manifest(path: &Path, options: &Options) -> Input {
    let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    match File::open(path)
        .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
    {
        Ok(_) => Input::Manifest(bytes),
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

/// The standard a lone descriptor file belongs to, from its root element's namespace.
pub(super) fn lone_descriptor(path: &Path, bytes: &[u8]) -> Option<Descriptor> {
    let root = root_element(bytes)?;
    let standard = Standard::from_root_element(root.namespace.as_deref(), &root.local_name)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    Some(Descriptor::new(standard, name, ""))
}
