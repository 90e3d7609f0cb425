//! The files of a package as the checks see them: [`PackageFiles`] and its implementations.

use std::collections::BTreeSet;

use learnwire_package::{Package, Rerooted};

/// The files of a package, as the checks need them. Implemented for [`learnwire_package::Package`];
/// implement it for any other listing (an extracted folder, a storage bucket, a `*.files.txt`).
pub trait PackageFiles {
    /// True when a regular file has exactly this path (`/`-separated, relative to the package root).
    fn contains(&self, path: &str) -> bool;
    /// The stored path of a file whose path equals `path` ignoring letter case, if any.
    fn find_ignoring_case(&self, path: &str) -> Option<String>;
    /// Every file path of the package.
    fn paths(&self) -> Vec<String>;
    /// The entry name to show in an issue's location for the file at `path`: `path` itself unless the
    /// files are seen from a sub-folder.
    fn entry_name(&self, path: &str) -> String {
        path.to_owned()
    }
}

impl PackageFiles for Package {
    fn contains(&self, path: &str) -> bool {
        self.file(path).is_some()
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        self.file_ignoring_case(path)
            .map(|entry| entry.path.clone())
    }
    fn paths(&self) -> Vec<String> {
        self.files().map(|entry| entry.path.clone()).collect()
    }
}

/// The files of a package seen from one of its folders (a package zipped one folder too high): paths
/// are relative to that folder, and issue locations name the full entry path.
impl PackageFiles for Rerooted<'_> {
    fn contains(&self, path: &str) -> bool {
        self.file(path).is_some()
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        self.file_ignoring_case(path)
            .and_then(|entry| self.relative_path(entry))
            .map(str::to_owned)
    }
    fn paths(&self) -> Vec<String> {
        self.files()
            .filter_map(|entry| self.relative_path(entry))
            .map(str::to_owned)
            .collect()
    }
    fn entry_name(&self, path: &str) -> String {
        self.package_path(path)
    }
}

impl PackageFiles for BTreeSet<String> {
    fn contains(&self, path: &str) -> bool {
        BTreeSet::contains(self, path)
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        let wanted = path.to_lowercase();
        self.iter()
            .find(|candidate| candidate.to_lowercase() == wanted)
            .cloned()
    }
    fn paths(&self) -> Vec<String> {
        self.iter().cloned().collect()
    }
}
