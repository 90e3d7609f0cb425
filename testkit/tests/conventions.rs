//! The workspace conventions (issue #8, "One house"), checked on every `cargo test --workspace` by
//! reading the crates' `src/` and `Cargo.toml` (nothing is built or run):
//!
//! 1. **Codes.** Every code literal in a crate's `src/` is listed in that crate's `CODES`
//!    (`learnwire_report::CodeInfo`); `CODES` has no duplicates and every code in it starts with the
//!    crate's family. A crate without `CODES` fails, naming itself, unless it is in
//!    [`PENDING_CRATES`].
//! 2. **`code()`** returns `Code`: every `fn code(` in `src/` is declared `-> Code` (or
//!    `-> learnwire_report::Code`).
//! 3. **`Limits`** has no public field: no `pub struct Limits` (or `pub struct …Limits`) in `src/` has
//!    a field marked plain `pub` (`pub(crate)` and narrower are fine).
//! 4. **No test-only module in `src/`**: no `fuzz_support.rs` or `doc_support.rs` file, no
//!    `mod fuzz_support`/`mod doc_support`, no `#[doc(hidden)]` on a `pub mod`. Test support lives in
//!    `learnwire-testkit`.
//! 5. **No `jsonwebtoken`** among the normal dependencies of lti and xapi, followed through the
//!    workspace crates they depend on (what `cargo tree -e normal` would show), read from the
//!    `Cargo.toml` files (`[dependencies]` and `[target.*.dependencies]`, optional ones included).
//!
//! # What counts as a code literal
//!
//! The source is lexed, not grepped: comments (line, block, doc) are skipped, so doc examples and
//! prose never count; string literals (plain, byte, raw) are read whole; char literals and lifetimes
//! are told apart. Items under `#[cfg(test)]` (the attribute and the item after it, up to its
//! matching `}` or `;`) are skipped: unit tests may name codes that must *not* appear. A literal is a
//! code literal when
//!
//! - it is the first argument of `Code::new(` (whatever its text: a code without a family is caught by
//!   the family check), or
//! - its whole text matches `^(package|scorm|xapi|lti|jose|cmi5|check)\.[a-z0-9.-]+$`.
//!
//! A code literal of the crate's own family must be in the crate's `CODES`. One of another family (a
//! crate reporting or matching a dependency's code, such as scorm re-reporting `package.*`) must be in
//! the `CODES` of the crate that owns that family. Codes built at run time (`format!`, `concat!`)
//! are not seen; keep codes as literals.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(all(
    feature = "package",
    feature = "scorm",
    feature = "xapi",
    feature = "lti",
    feature = "jose"
))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use learnwire_report::CodeInfo;

/// The crates checked, with their code family (`None`: the crate emits no code of its own).
const CRATES: &[(&str, Option<&str>)] = &[
    ("report", None),
    ("package", Some("package")),
    ("scorm", Some("scorm")),
    ("xapi", Some("xapi")),
    ("lti", Some("lti")),
    ("jose", Some("jose")),
    ("cmi5", Some("cmi5")),
];

/// Crates whose root does not expose `CODES` yet. For these alone a missing `CODES` is not a failure;
/// every other check still runs on them. Empty it when they have landed: the test then fails for any
/// crate still without `CODES`, naming it.
///
/// Empty: cmi5, the last one, has its registry (cmi5/src/codes.rs).
const PENDING_CRATES: &[&str] = &[];

/// Crates still allowed `jsonwebtoken` among their normal dependencies while they move onto
/// `learnwire-jose` (issue #8). Empty: lti and xapi have moved.
const PENDING_JSONWEBTOKEN: &[&str] = &[];

/// The families a code literal may have.
const FAMILIES: &[&str] = &["package", "scorm", "xapi", "lti", "jose", "cmi5", "check"];

/// `CODES` of the crates that expose it (see `build.rs`: a crate's entry appears when its `lib.rs`
/// defines or re-exports `CODES`).
fn registry(krate: &str) -> Option<&'static [CodeInfo]> {
    match krate {
        #[cfg(lw_codes_package)]
        "package" => Some(learnwire_package::CODES),
        #[cfg(lw_codes_scorm)]
        "scorm" => Some(learnwire_scorm::CODES),
        #[cfg(lw_codes_xapi)]
        "xapi" => Some(learnwire_xapi::CODES),
        #[cfg(lw_codes_lti)]
        "lti" => Some(learnwire_lti::CODES),
        #[cfg(lw_codes_jose)]
        "jose" => Some(learnwire_jose::CODES),
        #[cfg(lw_codes_cmi5)]
        "cmi5" => Some(learnwire_cmi5::CODES),
        _ => None,
    }
}

fn workspace() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The crates of [`CRATES`] whose folder exists.
fn present_crates() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    CRATES
        .iter()
        .copied()
        .filter(|(krate, _)| workspace().join(krate).join("src").is_dir())
}

#[test]
fn every_code_literal_is_in_its_crates_codes() {
    let mut problems = Vec::new();
    for (krate, family) in present_crates() {
        let own = registry(krate);
        if own.is_none() && family.is_some() && !PENDING_CRATES.contains(&krate) {
            problems.push(format!(
                "{krate}: no `pub const CODES: &[learnwire_report::CodeInfo]` at the crate root \
                 ({krate}/src/lib.rs); every crate lists the codes it emits (issue #8)"
            ));
        }
        for file in rust_files(&workspace().join(krate).join("src")) {
            let source = Source::read(&file);
            for literal in source.code_literals() {
                let literal_family = literal.text.split('.').next().unwrap_or("");
                let owner = if Some(literal_family) == family {
                    Some(krate)
                } else {
                    crate_of_family(literal_family)
                };
                let Some(owner) = owner else {
                    problems.push(format!(
                        "{}: code {:?} has no known family ({})",
                        source.place(literal.offset),
                        literal.text,
                        FAMILIES.join(", ")
                    ));
                    continue;
                };
                match registry(owner) {
                    Some(codes) if learnwire_report::find_code(codes, &literal.text).is_some() => {}
                    Some(_) => problems.push(format!(
                        "{}: code {:?} is not in {owner}'s CODES",
                        source.place(literal.offset),
                        literal.text
                    )),
                    None => {} // reported above for the crate itself, or pending
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_lists_have_no_duplicates_and_their_crates_family() {
    let mut problems = Vec::new();
    for (krate, family) in present_crates() {
        let Some(codes) = registry(krate) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for info in codes {
            let code = info.code.as_str();
            if !seen.insert(code) {
                problems.push(format!("{krate}: {code} is listed twice in CODES"));
            }
            if Some(info.code.family()) != family || !is_code_text(code) {
                problems.push(format!(
                    "{krate}: {code} in CODES is not of the form {}.<words>",
                    family.unwrap_or("?")
                ));
            }
            if info.summary.trim().is_empty() || info.reference.trim().is_empty() {
                problems.push(format!("{krate}: {code} has no summary or no reference"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_code_fn_returns_code() {
    let mut problems = Vec::new();
    for (krate, _) in present_crates() {
        for file in rust_files(&workspace().join(krate).join("src")) {
            let source = Source::read(&file);
            for at in source.find_outside_tests("fn code(") {
                let signature: String = source.code[at..]
                    .split(['{', ';'])
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let returns = signature.rsplit_once("->").map(|(_, ty)| ty.trim());
                if !matches!(returns, Some("Code" | "learnwire_report::Code")) {
                    problems.push(format!(
                        "{}: `{signature}` must return learnwire_report::Code",
                        source.place(at)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_limits_struct_has_a_public_field() {
    let mut problems = Vec::new();
    let mut found = 0;
    for (krate, _) in present_crates() {
        for file in rust_files(&workspace().join(krate).join("src")) {
            let source = Source::read(&file);
            for at in source.find_outside_tests("pub struct ") {
                let rest = &source.code[at + "pub struct ".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.ends_with("Limits") {
                    continue;
                }
                found += 1;
                let body_start = at + "pub struct ".len() + name.len();
                let Some(body) = source.item_body(body_start) else {
                    continue;
                };
                let fields = &source.code[body];
                let public = fields
                    .match_indices("pub")
                    .filter(|(index, _)| {
                        let before = fields[..*index].chars().next_back();
                        let after = fields[index + 3..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && after.is_some_and(char::is_whitespace)
                    })
                    .count();
                if public > 0 {
                    problems.push(format!(
                        "{}: {name} has {public} pub field(s); Limits keep private fields with \
                         getters and with_* setters",
                        source.place(at)
                    ));
                }
            }
        }
    }
    assert!(
        found >= 5,
        "found only {found} Limits structs: is the scan broken?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_src_holds_a_test_only_module() {
    let mut problems = Vec::new();
    for (krate, _) in present_crates() {
        for file in rust_files(&workspace().join(krate).join("src")) {
            let name = file.file_name().unwrap().to_string_lossy();
            if name == "fuzz_support.rs" || name == "doc_support.rs" {
                problems.push(format!(
                    "{}: test support belongs in learnwire-testkit",
                    file.display()
                ));
            }
            let source = Source::read(&file);
            for needle in ["mod fuzz_support", "mod doc_support"] {
                for at in source.find_outside_tests(needle) {
                    problems.push(format!(
                        "{}: `{needle}`: test support belongs in learnwire-testkit",
                        source.place(at)
                    ));
                }
            }
            for at in source.find_outside_tests("#[doc(hidden)]") {
                let next = source.next_item_start(at + "#[doc(hidden)]".len());
                if source.code[next..].starts_with("pub mod ") {
                    problems.push(format!(
                        "{}: a #[doc(hidden)] pub module is test or internal support in the \
                         public API; move it to learnwire-testkit or make it private",
                        source.place(at)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn lti_and_xapi_do_not_depend_on_jsonwebtoken() {
    let manifests = workspace_manifests();
    let mut problems = Vec::new();
    for krate in ["lti", "xapi"] {
        let package = format!("learnwire-{krate}");
        let mut path = Vec::new();
        if let Some(chain) = find_dependency(&manifests, &package, "jsonwebtoken", &mut path) {
            if PENDING_JSONWEBTOKEN.contains(&krate) {
                eprintln!("pending ({krate}): {}", chain.join(" -> "));
            } else {
                problems.push(format!(
                    "{} (normal dependencies; jsonwebtoken may only be a dev-dependency)",
                    chain.join(" -> ")
                ));
            }
        } else if PENDING_JSONWEBTOKEN.contains(&krate) {
            eprintln!(
                "note: {krate} no longer depends on jsonwebtoken: remove it from PENDING_JSONWEBTOKEN"
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pending_lists_name_known_crates() {
    for krate in PENDING_CRATES.iter().chain(PENDING_JSONWEBTOKEN) {
        assert!(
            CRATES.iter().any(|(name, _)| name == krate),
            "{krate} is pending but not a checked crate"
        );
    }
    for krate in PENDING_CRATES {
        if registry(krate).is_some() {
            eprintln!("note: {krate} now has CODES: remove it from PENDING_CRATES");
        }
    }
}

/// The lexer's own rules, on small inputs.
#[test]
fn the_lexer_finds_code_literals_in_code_only() {
    let source = Source::parse(
        PathBuf::from("example.rs"),
        r####"
        //! "lti.in-a-doc-comment"
        /* "lti.in-a-block" /* nested "lti.nested" */ still comment */
        const A: Code = Code::new("lti.one");
        fn f<'a>(x: &'a str) -> char { let _ = "lti.two"; let _ = r#"lti.three"#; '"' }
        fn g() { let _ = 'x'; let _ = "not lti.a-code"; let _ = "lti.Upper"; let _ = b"jose.four"; }
        fn h() { let _ = Code::new("nofamily"); let _ = "a \" lti.quoted \" b"; }
        #[cfg(test)]
        mod tests { const B: &str = "lti.in-tests"; fn t() { let _ = "lti.deep"; } }
        const C: &str = "xapi.after-tests";
        "####,
    );
    let found: Vec<String> = source.code_literals().into_iter().map(|l| l.text).collect();
    assert_eq!(
        found,
        [
            "lti.one",
            "lti.two",
            "lti.three",
            "jose.four",
            "nofamily",
            "xapi.after-tests"
        ]
    );
}

// ----- Cargo.toml reading --------------------------------------------------------------------------

/// Package name → its `Cargo.toml`, for every workspace member.
fn workspace_manifests() -> BTreeMap<String, toml::Table> {
    let root: toml::Table = read_toml(&workspace().join("Cargo.toml"));
    let members = root["workspace"]["members"].as_array().unwrap();
    members
        .iter()
        .filter_map(|member| {
            let path = workspace().join(member.as_str()?).join("Cargo.toml");
            let manifest = read_toml(&path);
            let name = manifest.get("package")?.get("name")?.as_str()?.to_owned();
            Some((name, manifest))
        })
        .collect()
}

fn read_toml(path: &Path) -> toml::Table {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .parse()
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The normal dependencies of a manifest: `[dependencies]` and every `[target.*.dependencies]`.
fn normal_dependencies(manifest: &toml::Table) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |table: Option<&toml::Value>| {
        if let Some(table) = table.and_then(toml::Value::as_table) {
            for (name, spec) in table {
                // `package = "…"` renames: the real package name is what counts.
                let real = spec
                    .get("package")
                    .and_then(toml::Value::as_str)
                    .unwrap_or(name);
                names.push(real.to_owned());
            }
        }
    };
    add(manifest.get("dependencies"));
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        for target in targets.values() {
            add(target.get("dependencies"));
        }
    }
    names
}

/// The chain from `package` to `wanted` through normal dependencies, following workspace members.
fn find_dependency(
    manifests: &BTreeMap<String, toml::Table>,
    package: &str,
    wanted: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    if path.iter().any(|seen| seen == package) {
        return None;
    }
    path.push(package.to_owned());
    let manifest = manifests.get(package)?;
    for dependency in normal_dependencies(manifest) {
        if dependency == wanted {
            let mut chain = path.clone();
            chain.push(dependency);
            return Some(chain);
        }
        if manifests.contains_key(&dependency)
            && let Some(chain) = find_dependency(manifests, &dependency, wanted, path)
        {
            return Some(chain);
        }
    }
    path.pop();
    None
}

// ----- Source reading ------------------------------------------------------------------------------

fn crate_of_family(family: &str) -> Option<&'static str> {
    CRATES
        .iter()
        .find(|(_, crate_family)| *crate_family == Some(family))
        .map(|(krate, _)| *krate)
}

/// Literals that have a code's shape but are not codes: file names the standards fix (cmi5 §14.1's
/// course structure file).
const NOT_CODES: &[&str] = &["cmi5.xml"];

/// `family.word…`: a known family, a dot, then lowercase letters, digits, dots and hyphens (and not one
/// of [`NOT_CODES`]).
fn is_code_text(text: &str) -> bool {
    if NOT_CODES.contains(&text) {
        return false;
    }
    let Some((family, rest)) = text.split_once('.') else {
        return false;
    };
    FAMILIES.contains(&family)
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A string literal: its text between the quotes (escapes kept as written) and where it starts.
struct Literal {
    text: String,
    offset: usize,
}

/// One source file lexed: `code` is the text with every comment and every literal's contents blanked
/// (same length, newlines kept), so structural searches never match inside them.
struct Source {
    path: PathBuf,
    text: String,
    code: String,
    literals: Vec<Literal>,
    test_ranges: Vec<std::ops::Range<usize>>,
}

impl Source {
    fn read(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap();
        Self::parse(path.to_path_buf(), &text)
    }

    fn parse(path: PathBuf, text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut code = bytes.to_vec();
        let mut literals = Vec::new();
        let blank = |code: &mut Vec<u8>, range: std::ops::Range<usize>| {
            for byte in &mut code[range] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        };
        let is_ident = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
        let mut at = 0;
        while at < bytes.len() {
            let rest = &bytes[at..];
            if rest.starts_with(b"//") {
                let end = rest
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |n| at + n);
                blank(&mut code, at..end);
                at = end;
            } else if rest.starts_with(b"/*") {
                let mut depth = 0;
                let mut end = at;
                while end < bytes.len() {
                    if bytes[end..].starts_with(b"/*") {
                        depth += 1;
                        end += 2;
                    } else if bytes[end..].starts_with(b"*/") {
                        depth -= 1;
                        end += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        end += 1;
                    }
                }
                blank(&mut code, at..end);
                at = end;
            } else if let Some(hashes) = raw_string_start(bytes, at, is_ident) {
                // r#"…"#, br#"…"#: the text runs to a quote followed by as many '#'.
                let open = at + rest.iter().position(|b| *b == b'"').unwrap() + 1;
                let mut closing = vec![b'"'];
                closing.extend(std::iter::repeat_n(b'#', hashes));
                let close = bytes[open..]
                    .windows(closing.len())
                    .position(|w| w == closing.as_slice())
                    .map_or(bytes.len(), |n| open + n);
                literals.push(Literal {
                    text: text[open..close].to_owned(),
                    offset: at,
                });
                blank(&mut code, open..close);
                at = (close + closing.len()).min(bytes.len());
            } else if rest[0] == b'"' {
                let open = at + 1;
                let mut end = open;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                let end = end.min(bytes.len());
                literals.push(Literal {
                    text: text[open..end].to_owned(),
                    offset: at,
                });
                blank(&mut code, open..end);
                at = end + 1;
            } else if rest[0] == b'\'' {
                // A char literal ('x', '\n', '\'', '\u{..}', 'é') or a lifetime/label ('a).
                if rest.get(1) == Some(&b'\\') {
                    let end = rest[2..]
                        .iter()
                        .position(|b| *b == b'\'')
                        .map_or(bytes.len(), |n| at + 2 + n);
                    blank(&mut code, at + 1..end);
                    at = end + 1;
                } else {
                    let width = text[at + 1..].chars().next().map_or(1, char::len_utf8);
                    if rest.get(1 + width) == Some(&b'\'') {
                        blank(&mut code, at + 1..at + 1 + width);
                        at += 2 + width;
                    } else {
                        at += 1;
                    }
                }
            } else {
                at += 1;
            }
        }
        let code = String::from_utf8(code).unwrap_or_else(|_| {
            // Blanking only ever writes ASCII over whole literals and comments, so this holds.
            panic!("{}: blanked text is not UTF-8", path.display())
        });
        let mut source = Self {
            path,
            text: text.to_owned(),
            code,
            literals,
            test_ranges: Vec::new(),
        };
        source.test_ranges = source
            .code
            .match_indices("#[cfg(test)]")
            .map(|(start, attribute)| {
                let item = start + attribute.len();
                let end = source.item_body(item).map_or(item, |body| body.end + 1);
                start..end
            })
            .collect();
        source
    }

    /// Code literals outside `#[cfg(test)]` items (see the module docs for the rule).
    fn code_literals(&self) -> Vec<Literal> {
        self.literals
            .iter()
            .filter(|literal| !self.in_tests(literal.offset))
            .filter(|literal| {
                let before = self.code[..literal.offset].trim_end();
                let before = before.strip_suffix('b').unwrap_or(before);
                before.ends_with("Code::new(") || is_code_text(&literal.text)
            })
            .map(|literal| Literal {
                text: literal.text.clone(),
                offset: literal.offset,
            })
            .collect()
    }

    fn in_tests(&self, offset: usize) -> bool {
        self.test_ranges.iter().any(|range| range.contains(&offset))
    }

    /// Offsets of `needle` in the code (comments and literals blanked), outside `#[cfg(test)]` items.
    fn find_outside_tests(&self, needle: &str) -> Vec<usize> {
        self.code
            .match_indices(needle)
            .map(|(at, _)| at)
            .filter(|at| !self.in_tests(*at))
            .collect()
    }

    /// The body of the item starting at or after `from`: the range inside its first `{…}` or `(…)`
    /// (matched), or `None` when a `;` comes first.
    fn item_body(&self, from: usize) -> Option<std::ops::Range<usize>> {
        let bytes = self.code.as_bytes();
        let open = from
            + bytes[from..]
                .iter()
                .position(|b| matches!(b, b'{' | b'(' | b';'))?;
        let (opening, closing) = match bytes[open] {
            b'{' => (b'{', b'}'),
            b'(' => (b'(', b')'),
            _ => return None,
        };
        let mut depth = 0usize;
        for (index, byte) in bytes.iter().enumerate().skip(open) {
            if *byte == opening {
                depth += 1;
            } else if *byte == closing {
                depth -= 1;
                if depth == 0 {
                    return Some(open + 1..index);
                }
            }
        }
        Some(open + 1..bytes.len())
    }

    /// Where the next item starts after `from`, skipping white space and further attributes.
    fn next_item_start(&self, mut from: usize) -> usize {
        loop {
            let rest = &self.code[from..];
            let trimmed = rest.trim_start();
            from += rest.len() - trimmed.len();
            if trimmed.starts_with("#[") {
                let close = trimmed.find(']').map_or(trimmed.len(), |n| n + 1);
                from += close;
            } else {
                return from;
            }
        }
    }

    /// `path:line` of a byte offset.
    fn place(&self, offset: usize) -> String {
        let line = self.text[..offset].matches('\n').count() + 1;
        let path = self
            .path
            .strip_prefix(workspace())
            .unwrap_or(&self.path)
            .display()
            .to_string();
        format!("{path}:{line}")
    }
}

/// When a raw string (`r"`, `r#"`, `br##"`…) starts at `at`, the number of `#`s.
fn raw_string_start(bytes: &[u8], at: usize, is_ident: impl Fn(u8) -> bool) -> Option<usize> {
    let start = if bytes[at] == b'b' && bytes.get(at + 1) == Some(&b'r') {
        at + 1
    } else if bytes[at] == b'r' {
        at
    } else {
        return None;
    };
    if at > 0 && is_ident(bytes[at - 1]) {
        return None;
    }
    let hashes = bytes[start + 1..]
        .iter()
        .take_while(|b| **b == b'#')
        .count();
    (bytes.get(start + 1 + hashes) == Some(&b'"')).then_some(hashes)
}
