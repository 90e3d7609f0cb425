//! Tells the conventions test which crates expose `CODES` at their root yet.
//!
//! For each crate whose feature is on, emits `--cfg lw_codes_<crate>` when its `src/lib.rs` defines or
//! re-exports `CODES` (the word `CODES` in a `pub const` or `pub use` item outside comments), so
//! `tests/conventions.rs` reads `learnwire_<crate>::CODES` for exactly those crates and reports the
//! others by name, without a hand-kept list to update when a crate adds its registry.

use std::path::Path;

const CRATES: [&str; 6] = ["package", "scorm", "xapi", "lti", "jose", "cmi5"];

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let root = Path::new(&manifest_dir).join("..");
    for krate in CRATES {
        println!("cargo::rustc-check-cfg=cfg(lw_codes_{krate})");
        let lib = root.join(krate).join("src").join("lib.rs");
        println!("cargo::rerun-if-changed={}", lib.display());
        let feature_on =
            std::env::var_os(format!("CARGO_FEATURE_{}", krate.to_uppercase())).is_some();
        let text = std::fs::read_to_string(&lib).unwrap_or_default();
        if feature_on && exports_codes(&text) {
            println!("cargo::rustc-cfg=lw_codes_{krate}");
        }
    }
}

/// True when a `pub const CODES` or a `pub use` naming `CODES` appears outside line comments.
fn exports_codes(lib: &str) -> bool {
    let code: String = lib
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    code.split(';').any(|item| {
        let item = item.trim_start();
        let names_codes = item
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == "CODES");
        names_codes
            && (item.contains("pub const CODES")
                || item.starts_with("pub use")
                || item.contains("\npub use"))
    })
}
