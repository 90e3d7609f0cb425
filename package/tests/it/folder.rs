//! Folder packages: same name policy and limits, symlinks reported and never followed.

use std::path::{Path, PathBuf};

use learnwire_package::{Limits, Package, PackageError, PackageKind};

#[cfg(target_os = "linux")]
use crate::bytes_read_by_this_thread;
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

#[test]
fn folder_checks_take_sizes_from_metadata_without_reading_files() {
    // A sparse 3 GiB file: no disk used, and far more bytes than this test could read unnoticed.
    const SIZE: u64 = 3 << 30;
    let dir = TempDir::new("sparse");
    baseline(&dir);
    let file = std::fs::File::create(dir.path().join("content/video.bin")).unwrap();
    file.set_len(SIZE).unwrap();
    drop(file);
    #[cfg(target_os = "linux")]
    let before = bytes_read_by_this_thread();

    // Default limits (2 GiB in total): refused from its size, at open and again by verify_contents.
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    assert_eq!(package.file("content/video.bin").unwrap().size, SIZE);
    assert_error(package.report(), "package.total-too-large");
    assert_error(&package.verify_contents(), "package.total-too-large");

    // A higher limit accepts it, and verify_contents still reads nothing.
    let limits = Limits::default().with_max_total_uncompressed(4 << 30);
    let package = Package::open(dir.path(), &limits).unwrap();
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    let verdict = package.verify_contents();
    assert!(verdict.is_empty(), "{:#?}", verdict.issues());
    let entry = package.file("content/video.bin").unwrap();
    assert_eq!(entry.size, SIZE);
    // Reading content stays bounded by the caller's cap, decided from the size before a byte is read.
    let err = package.read_to_vec(entry, 1 << 20).unwrap_err();
    assert!(matches!(err, PackageError::EntryTooLarge { .. }), "{err:?}");
    #[cfg(target_os = "linux")]
    {
        let read = bytes_read_by_this_thread() - before;
        assert!(read < 1 << 20, "the checks read {read} bytes");
    }

    // A size changed after the walk is still seen, from the metadata.
    std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join("content/video.bin"))
        .unwrap()
        .set_len(SIZE + 1)
        .unwrap();
    assert_error(&package.verify_contents(), "package.size-mismatch");
}

#[cfg(unix)]
#[test]
fn folder_file_replaced_by_a_fifo_is_never_opened() {
    // Opening a FIFO for reading blocks until a writer comes: the checks must refuse it from its metadata.
    let dir = TempDir::new("fifo");
    baseline(&dir);
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    let target = dir.path().join("content/index.html");
    std::fs::remove_file(&target).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&target).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let verdict = package.verify_contents();
    assert_error(&verdict, "package.io");
    let entry = package.file("content/index.html").unwrap();
    let err = package.read_to_vec(entry, 1000).unwrap_err();
    assert_eq!(err.code().as_str(), "package.io");
    // A fresh walk reports it as a special file, as before.
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    assert_error(package.report(), "package.special-file");
}
