//! What a path holds: a package to open, a lone descriptor, or a reason it cannot be read (the same
//! decision as learnwire-scorm's `check_path`).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use learnwire_package::{Package, PackageError};
use learnwire_report::Issue;

/// An opened input.
pub(crate) enum Input {
    /// A zip file or a folder, opened.
    Package(Package),
    /// The bytes of a lone descriptor (at most `max_bytes + 1`) and its file name.
    Document(Vec<u8>, String),
    /// The package or file could not be opened or read: the refusal as an issue.
    Refused(Issue),
}

/// Opens `path`: a folder or a zip (a `.zip` name, or content starting with `PK`) as a package within
/// `limits`, any other regular file as a lone document read up to `max_bytes + 1` bytes.
pub(crate) fn open(path: &Path, limits: &learnwire_package::Limits, max_bytes: usize) -> Input {
    let opened = std::fs::metadata(path).and_then(|metadata| {
        if !metadata.is_file() {
            // A folder, or something Package::open refuses without opening it.
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
            Ok(package) => Input::Package(package),
            Err(error) => Input::Refused(error.to_issue()),
        },
        Ok(false) => {
            let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
            let mut bytes = Vec::new();
            match File::open(path)
                .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
            {
                Ok(_) => {
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
                    Input::Document(bytes, name)
                }
                Err(error) => Input::Refused(io_issue(path, error)),
            }
        }
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
