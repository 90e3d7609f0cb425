//! Oracle of the `package_zip` fuzz target.

use learnwire_package::{Limits, Package};

/// Oracle for arbitrary bytes as a zip package: every entry `files()` hands out has a safe normalised
/// path and is found again by `file()`; `verify_contents` keeps every open-time issue; a successful
/// read returns exactly the declared size. Small limits keep each run cheap.
///
/// # Panics
///
/// When an oracle fails.
pub fn zip_oracle(data: &[u8]) {
    let limits = Limits::default()
        .with_max_entries(64)
        .with_max_total_uncompressed(1 << 20)
        .with_max_name_bytes(256);
    let Ok(package) = Package::from_zip_bytes(data.to_vec(), &limits) else {
        return;
    };
    let verdict = package.verify_contents();
    assert!(verdict.issues().len() >= package.report().issues().len());
    for entry in package.files() {
        assert!(
            !entry.path.is_empty() && !entry.path.starts_with('/') && !entry.path.contains('\\'),
            "unsafe entry path {:?}",
            entry.path
        );
        assert!(
            !entry
                .path
                .split('/')
                .any(|c| c == ".." || c == "." || c.is_empty()),
            "entry path {:?} is not normalised",
            entry.path
        );
        assert_eq!(package.file(&entry.path), Some(entry));
        if let Ok(bytes) = package.read_to_vec(entry, 64 * 1024) {
            assert_eq!(bytes.len() as u64, entry.size);
        }
    }
}
