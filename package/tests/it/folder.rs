//! Folder packages: same name policy and limits, symlinks reported and never followed.

use std::path::{Path, PathBuf};

use learnwire_package::{Limits, Package, PackageError, PackageKind};

use crate::{assert_error, paths};

/// A unique temporary directory, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "learnwire-package-{tag}-{}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }

    pub(crate) fn write(&self, rel: &str, data: &[u8]) {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn baseline(dir: &TempDir) {
    dir.write("imsmanifest.xml", b"<manifest/>");
    dir.write("content/index.html", b"<p>hello</p>");
    dir.write("content/img/a.png", b"\x89PNG");
}

#[test]
fn clean_folder_control() {
    let dir = TempDir::new("clean");
    baseline(&dir);
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    assert_eq!(package.kind(), PackageKind::Folder);
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    assert_eq!(
        paths(&package),
        ["content/img/a.png", "content/index.html", "imsmanifest.xml"]
    );
    assert!(package.is_dir("content/img"));
    let entry = package.file("imsmanifest.xml").unwrap();
    assert_eq!(package.read_to_vec(entry, 100).unwrap(), b"<manifest/>");
    assert!(package.verify_contents().is_empty());
}

#[cfg(unix)]
#[test]
fn folder_symlinks_are_reported_not_followed() {
    let dir = TempDir::new("symlink");
    baseline(&dir);
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("content/passwd")).unwrap();
    std::os::unix::fs::symlink("/", dir.path().join("content/root")).unwrap();
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    assert_error(package.report(), "package.symlink");
    assert_eq!(package.report().errors().count(), 2);
    assert_eq!(
        paths(&package).len(),
        3,
        "nothing under the linked root was walked"
    );
}

#[test]
fn folder_case_collision_and_names() {
    let dir = TempDir::new("case");
    dir.write("content/index.html", b"a");
    if std::fs::write(dir.path().join("content/Index.html"), b"b").is_ok()
        && std::fs::read_dir(dir.path().join("content"))
            .unwrap()
            .count()
            == 2
    {
        let package = Package::open(dir.path(), &Limits::default()).unwrap();
        assert_error(package.report(), "package.case-collision");
    }
    let dir = TempDir::new("names");
    dir.write("a/CON.txt", b"x");
    dir.write("b\\c.txt", b"x");
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    assert_error(package.report(), "package.name-reserved");
    assert_error(package.report(), "package.name-backslash");
    assert!(paths(&package).is_empty());
}

#[test]
fn folder_limits() {
    let dir = TempDir::new("limits");
    for i in 0..30 {
        dir.write(&format!("f{i}.txt"), b"0123456789");
    }
    let err = Package::open(dir.path(), &Limits::default().with_max_entries(10)).unwrap_err();
    assert!(
        matches!(err, PackageError::TooManyEntries { .. }),
        "{err:?}"
    );
    let package = Package::open(
        dir.path(),
        &Limits::default().with_max_total_uncompressed(100),
    )
    .unwrap();
    assert_error(package.report(), "package.total-too-large");
    let deep = TempDir::new("deep");
    deep.write("a/b/c/d/e/f.txt", b"x");
    let package =
        Package::open(deep.path(), &Limits::default().with_max_path_components(3)).unwrap();
    assert_error(package.report(), "package.name-too-deep");
    assert!(paths(&package).is_empty());
}

#[test]
fn folder_file_changed_after_the_walk() {
    let dir = TempDir::new("changed");
    baseline(&dir);
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    let entry = package.file("content/index.html").unwrap().clone();
    dir.write("content/index.html", b"<p>a longer body now</p>");
    let err = package.read_to_vec(&entry, 1000).unwrap_err();
    assert!(matches!(err, PackageError::SizeMismatch { .. }), "{err:?}");
}
