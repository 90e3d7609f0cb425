//! Resolving an href against its xml:base chain: refusals, external URLs, the package path.

use url::Url;

use super::path::{normalize_key, normalize_scanned, scan};
use super::{HrefIssue, issue, trim};
use crate::{Limits, rules};

/// Where an href points after resolution.
#[cfg(test)]
#[derive(Debug)]
pub(crate) enum Target {
    /// A file of the package: normalized, percent-decoded path.
    Package(String),
    /// An external URL.
    External(Url),
}

/// A resolved href.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Resolved {
    pub(crate) target: Target,
    /// The launch URL before parameters: relative (as written, bases joined) or absolute.
    pub(crate) url: String,
}

const WEB_SCHEMES: [&str; 4] = ["http", "https", "ftp", "ftps"];

/// What one pass over a component found.
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    backslash: bool,
    space: bool,
    /// A ':' before the first '/', '?' or '#' (RFC 3986 §4.2: only then can there be a scheme).
    scheme: bool,
}

impl Seen {
    fn of(component: &str) -> Self {
        let mut seen = Self::default();
        let mut in_head = true;
        for byte in component.bytes() {
            match byte {
                b'\\' => seen.backslash = true,
                b' ' => seen.space = true,
                b':' if in_head => seen.scheme = true,
                b'/' | b'?' | b'#' => in_head = false,
                _ => {}
            }
        }
        seen
    }
}

/// Checks one raw component (an xml:base or an href) for what is never allowed in a package reference.
fn check_raw(component: &str, seen: Seen, issues: &mut Vec<HrefIssue>) -> bool {
    let shown = || learnwire_report::quote(component);
    if seen.backslash {
        issues.push(issue(
            rules::HREF_INVALID,
            format!("{} contains a backslash", shown()),
        ));
        return false;
    }
    let bytes = component.as_bytes();
    if matches!(bytes, [letter, b':', ..] if letter.is_ascii_alphabetic())
        && !component.contains("//")
    {
        issues.push(issue(
            rules::HREF_INVALID,
            format!("{} is a drive path", shown()),
        ));
        return false;
    }
    if component.starts_with('/') {
        issues.push(issue(
            rules::HREF_INVALID,
            format!(
                "{} starts with '/': package references are relative to the package root",
                shown()
            ),
        ));
        return false;
    }
    if seen.space {
        issues.push(issue(
            rules::HREF_SPACE,
            format!("{} contains a literal space", shown()),
        ));
    }
    true
}

/// `Url::parse`, skipped when `component` cannot have a scheme: RFC 3986 §4.2, a relative reference
/// has no ':' before its first '/', '?' or '#'.
fn parse_absolute(component: &str, seen: Seen) -> Result<Url, url::ParseError> {
    if seen.scheme {
        Url::parse(component)
    } else {
        Err(url::ParseError::RelativeUrlWithoutBase)
    }
}

/// Resolves `href` against the xml:base chain (outermost first), allocating the result (tests).
///
/// Returns the resolution (None when refused) and every issue found.
#[cfg(test)]
pub(crate) fn resolve(bases: &[&str], href: &str) -> (Option<Resolved>, Vec<HrefIssue>) {
    let mut resolver = Resolver::default();
    let resolved = resolver.run(bases, href).map(|outcome| match outcome {
        Outcome::Package => Resolved {
            target: Target::Package(resolver.path().to_owned()),
            url: resolver.url().to_owned(),
        },
        Outcome::External(url) => Resolved {
            url: url.to_string(),
            target: Target::External(url),
        },
    });
    (resolved, resolver.issues)
}

/// Whether `bases` and `href` are the components whose lengths are `lengths` and whose text, end to
/// end, is `text`.
fn same_inputs(lengths: &[usize], text: &str, bases: &[&str], href: &str) -> bool {
    if lengths.len() != bases.len() + 1 {
        return false;
    }
    let mut rest = text;
    for (component, length) in bases.iter().copied().chain([href]).zip(lengths) {
        match rest.split_at_checked(*length) {
            Some((head, tail)) if head == component => rest = tail,
            _ => return false,
        }
    }
    rest.is_empty()
}

/// Package hrefs already resolved while building, by a number the caller chooses (a resource's
/// position in the root manifest): what a later resolution of the very same inputs would find, so
/// that the launch walk need not resolve them again. Only runs that found a package path without any
/// issue are kept, with their inputs, their launch URL and whether it names a file; everything sits
/// in a few buffers, not a string per entry.
#[derive(Debug, Default)]
pub(crate) struct ResolvedHrefs {
    /// By number: the ranges of the entry's component lengths, of its inputs' text and of its URL in
    /// the buffers below, and whether the URL names a file.
    entries: Vec<Option<ResolvedEntry>>,
    lengths: Vec<usize>,
    text: String,
}

#[derive(Debug, Clone)]
struct ResolvedEntry {
    lengths: std::ops::Range<usize>,
    inputs: std::ops::Range<usize>,
    url: std::ops::Range<usize>,
    names_file: bool,
}

impl ResolvedHrefs {
    /// Room for `resources` entries (numbers below it), each with a chain of `components` inputs.
    pub(crate) fn reserve(&mut self, resources: usize, components: usize) {
        self.entries
            .reserve(resources.saturating_sub(self.entries.len()));
        self.lengths.reserve(resources.saturating_mul(components));
    }

    /// Keeps what `resolver`'s last [`run_remembering`](Resolver::run_remembering) found, as number
    /// `number`, when it found a package path without any issue.
    pub(crate) fn keep(&mut self, number: usize, resolver: &Resolver) {
        if resolver.last_lengths.is_empty() {
            return;
        }
        let lengths_start = self.lengths.len();
        self.lengths.extend_from_slice(&resolver.last_lengths);
        let inputs_start = self.text.len();
        self.text.push_str(&resolver.last_text);
        let url_start = self.text.len();
        self.text.push_str(resolver.url());
        if self.entries.len() <= number {
            self.entries.resize(number + 1, None);
        }
        if let Some(slot) = self.entries.get_mut(number) {
            *slot = Some(ResolvedEntry {
                lengths: lengths_start..self.lengths.len(),
                inputs: inputs_start..url_start,
                url: url_start..self.text.len(),
                names_file: resolver.names_file(),
            });
        }
    }

    /// The launch URL (before parameters) and whether it names a file, when entry `number` was
    /// resolved from exactly `bases` and `href`.
    pub(crate) fn get(&self, number: usize, bases: &[&str], href: &str) -> Option<(&str, bool)> {
        let entry = self.entries.get(number)?.as_ref()?;
        let lengths = self.lengths.get(entry.lengths.clone())?;
        let inputs = self.text.get(entry.inputs.clone())?;
        if !same_inputs(lengths, inputs, bases, href) {
            return None;
        }
        Some((self.text.get(entry.url.clone())?, entry.names_file))
    }
}

/// What [`Resolver::run`] found.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A file of the package: see [`Resolver::path`] and [`Resolver::url`].
    Package,
    /// An external URL.
    External(Url),
}

/// `resolve` (the test helper) with buffers reused from one href to the next.
#[derive(Debug)]
pub(crate) struct Resolver {
    /// The launch URL of the last package href (bases joined, query and fragment kept).
    raw: String,
    /// The package path of the last package href.
    path: String,
    /// The issues of the last run.
    pub(crate) issues: Vec<HrefIssue>,
    /// [`Limits::max_path_components`].
    max_components: usize,
    /// [`Limits::max_path_bytes`].
    max_bytes: usize,
    /// Whether the last package href names a file (see [`Resolver::names_file`]).
    names_file: bool,
    /// The inputs of the last run, when it found a package path without any issue (a resource's
    /// href and the file that lists it are usually the same text on the same chain): the length of
    /// each component (bases, then the href) and their text end to end. Empty otherwise.
    last_lengths: Vec<usize>,
    /// See `last_lengths`.
    last_text: String,
}

impl Default for Resolver {
    fn default() -> Self {
        Self::new(&Limits::default())
    }
}

impl Resolver {
    /// A resolver applying `limits`.
    pub(crate) fn new(limits: &Limits) -> Self {
        Self {
            raw: String::new(),
            path: String::new(),
            issues: Vec::new(),
            max_components: limits.max_path_components(),
            max_bytes: limits.max_path_bytes(),
            names_file: false,
            last_lengths: Vec::new(),
            last_text: String::new(),
        }
    }

    /// Whether the last [`Outcome::Package`] names a file: false when its path (xml:base chain
    /// included) is empty, ends with `/`, or ends with a `.` or `..` segment, that is when it names the
    /// package root or a folder, or when the href is only a query or a fragment (`""`, `"."`, `"?x=1"`,
    /// `"#top"`, `"content/"`).
    pub(crate) fn names_file(&self) -> bool {
        self.names_file
    }

    /// The launch URL (before parameters) of the last [`Outcome::Package`].
    pub(crate) fn url(&self) -> &str {
        &self.raw
    }

    /// The normalized, percent-decoded package path of the last [`Outcome::Package`].
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Resolves `href` against the xml:base chain (outermost first); `None` when refused. The issues
    /// found are in `self.issues`.
    pub(crate) fn run(&mut self, bases: &[&str], href: &str) -> Option<Outcome> {
        self.issues.clear();
        self.last_lengths.clear();
        self.last_text.clear();
        self.resolve(bases, href)
    }

    /// [`run`](Self::run), answered from memory when `bases` and `href` are the inputs of the last
    /// run of this kind and it found a package path without any issue (the same answer, issues
    /// included: none).
    pub(crate) fn run_remembering(&mut self, bases: &[&str], href: &str) -> Option<Outcome> {
        self.issues.clear();
        if self.is_last_input(bases, href) {
            // The same inputs as the last run, which found this package path without any issue:
            // `raw`, `path` and `names_file` still hold its answer.
            return Some(Outcome::Package);
        }
        let outcome = self.resolve(bases, href);
        self.last_lengths.clear();
        self.last_text.clear();
        if matches!(outcome, Some(Outcome::Package)) && self.issues.is_empty() {
            for component in bases.iter().copied().chain([href]) {
                self.last_lengths.push(component.len());
                self.last_text.push_str(component);
            }
        }
        outcome
    }

    /// Whether `bases` and `href` are the inputs remembered from the last run.
    fn is_last_input(&self, bases: &[&str], href: &str) -> bool {
        same_inputs(&self.last_lengths, &self.last_text, bases, href)
    }

    /// [`run`](Self::run) without the memory of the last inputs.
    fn resolve(&mut self, bases: &[&str], href: &str) -> Option<Outcome> {
        self.names_file = false;
        self.raw.clear();
        self.path.clear();
        if !self.within_length(bases, href) {
            return None;
        }
        match self.join(bases, href)? {
            Some(url) if !WEB_SCHEMES.contains(&url.scheme()) => {
                self.issues.push(issue(
                    rules::HREF_FORBIDDEN_SCHEME,
                    "the resolved URL does not use a web scheme",
                ));
                None
            }
            Some(url) => Some(Outcome::External(url)),
            None => self.package_path(href),
        }
    }

    /// Whether the href with its xml:base chain is within [`Limits::max_path_bytes`] (query and fragment
    /// aside). Checked first, in time linear in the number of bases: a long xml:base shared by many hrefs
    /// must not be walked once per href.
    fn within_length(&mut self, bases: &[&str], href: &str) -> bool {
        // '?' and '#' are ASCII: a byte search finds what a char search finds.
        let href_path = href
            .bytes()
            .position(|byte| matches!(byte, b'?' | b'#'))
            .map_or(href, |end| href.get(..end).unwrap_or(href));
        let length = bases
            .iter()
            .fold(href_path.len(), |sum, base| sum.saturating_add(base.len()));
        if length <= self.max_bytes {
            return true;
        }
        self.issues.push(issue(
            rules::LIMIT_PATH_LENGTH,
            format!(
                "{} with its xml:base chain is {length} bytes long (query and fragment aside), more than the limit of {}",
                learnwire_report::quote(href),
                self.max_bytes
            ),
        ));
        false
    }

    /// Joins the xml:base chain and the href: `Some(Some(url))` once a component is an absolute web URL
    /// (later ones are joined to it), `Some(None)` for a package reference (joined into `self.raw`),
    /// `None` when a component is refused.
    fn join(&mut self, bases: &[&str], href: &str) -> Option<Option<Url>> {
        let mut external: Option<Url> = None;
        let components = bases.iter().copied().chain(std::iter::once(href));
        let count = bases.len() + 1;
        for (position, component) in components.enumerate() {
            let is_href = position + 1 == count;
            let component = trim(component);
            let seen = Seen::of(component);
            if !check_raw(component, seen, &mut self.issues) {
                return None;
            }
            let invalid = || {
                issue(
                    rules::HREF_INVALID,
                    format!(
                        "{} is not a valid URL reference",
                        learnwire_report::quote(component)
                    ),
                )
            };
            match parse_absolute(component, seen) {
                Ok(url) => {
                    if !WEB_SCHEMES.contains(&url.scheme()) {
                        self.issues.push(issue(
                            rules::HREF_FORBIDDEN_SCHEME,
                            format!(
                                "{} uses the scheme {}, which is never launched",
                                learnwire_report::quote(component),
                                learnwire_report::quote(url.scheme())
                            ),
                        ));
                        return None;
                    }
                    external = Some(url);
                    self.raw.clear();
                }
                Err(url::ParseError::RelativeUrlWithoutBase) => match &external {
                    Some(base) => match base.join(component) {
                        Ok(joined) => external = Some(joined),
                        Err(_) => {
                            self.issues.push(invalid());
                            return None;
                        }
                    },
                    None if is_href => self.raw.push_str(component),
                    None => {
                        // RFC 3986 §5.2.3: a base's last segment is replaced, so keep it only with a
                        // trailing '/'.
                        if let Some(slash) = component.rfind('/') {
                            self.raw.push_str(component.get(..=slash).unwrap_or(""));
                        }
                    }
                },
                Err(_) => {
                    self.issues.push(invalid());
                    return None;
                }
            }
        }
        Some(external)
    }

    /// The package path of the joined reference in `self.raw`: within [`Limits::max_path_components`],
    /// naming a file or not ([`names_file`](Self::names_file)), normalized into `self.path`.
    fn package_path(&mut self, href: &str) -> Option<Outcome> {
        let scanned = scan(&self.raw);
        let path_part = self.raw.get(..scanned.path_end).unwrap_or("");
        let components = scanned.slashes + 1;
        if components > self.max_components {
            self.issues.push(issue(
                rules::LIMIT_PATH_COMPONENTS,
                format!(
                    "{} names a path of {components} components (xml:base included), more than the limit of {}",
                    learnwire_report::quote(href),
                    self.max_components
                ),
            ));
            return None;
        }
        let last = path_part.get(scanned.last_start..).unwrap_or(path_part);
        let is_dots = |segment: &str| matches!(segment, "." | "..");
        let names_folder =
            last.is_empty() || is_dots(last) || last.contains('%') && is_dots(&normalize_key(last));
        self.names_file = !names_folder;
        match normalize_scanned(path_part, scanned.plain, &mut self.path) {
            Ok(()) => Some(Outcome::Package),
            Err(problem) => {
                self.issues.push(problem);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package_path(bases: &[&str], href: &str) -> Option<String> {
        match resolve(bases, href).0?.target {
            Target::Package(path) => Some(path),
            Target::External(_) => None,
        }
    }

    #[test]
    fn bases_chain_and_decoding() {
        assert_eq!(
            package_path(&["a/", "b/"], "c%20d.html?x#y").as_deref(),
            Some("a/b/c d.html")
        );
        assert_eq!(
            package_path(&["a/x"], "c.html").as_deref(),
            Some("a/c.html")
        );
        assert_eq!(
            package_path(&[], "./a/../b.html").as_deref(),
            Some("b.html")
        );
        assert_eq!(
            resolve(&["a/"], "c.html?q=1").0.unwrap().url,
            "a/c.html?q=1"
        );
    }

    #[test]
    fn attacks_are_refused() {
        for (href, rule) in [
            ("../../../../etc/passwd", rules::HREF_ESCAPES_ROOT),
            ("a/%2e%2e/%2e%2e/x", rules::HREF_ESCAPES_ROOT),
            (
                "javascript:alert(document.domain)",
                rules::HREF_FORBIDDEN_SCHEME,
            ),
            ("JaVa\tScript:alert(1)", rules::HREF_FORBIDDEN_SCHEME),
            ("file:///etc/passwd", rules::HREF_FORBIDDEN_SCHEME),
            ("data:text/html,x", rules::HREF_FORBIDDEN_SCHEME),
            ("vbscript:x", rules::HREF_FORBIDDEN_SCHEME),
            ("/etc/passwd", rules::HREF_INVALID),
            ("C:\\x.html", rules::HREF_INVALID),
            ("a%2Fb.html", rules::HREF_INVALID),
            ("a%zz.html", rules::HREF_PERCENT),
        ] {
            let (resolved, issues) = resolve(&[], href);
            assert!(resolved.is_none(), "{href}");
            assert_eq!(issues.last().unwrap().rule, rule, "{href}");
        }
        let (resolved, _) = resolve(&["file:///etc/"], "passwd");
        assert!(resolved.is_none());
    }

    #[test]
    fn external_urls_resolve() {
        let (resolved, _) = resolve(&["https://cdn.example/x/"], "a.html");
        let resolved = resolved.unwrap();
        assert_eq!(resolved.url, "https://cdn.example/x/a.html");
        assert!(matches!(&resolved.target, Target::External(url) if url.as_str() == resolved.url));
    }

    /// A remembering run with the inputs of the last one answers from memory; any other run answers
    /// as a fresh resolver does.
    #[test]
    fn runs_in_a_row_answer_as_fresh_resolvers_do() {
        let inputs: [(&[&str], &str); 9] = [
            (&["a/"], "b.html"),
            (&["a/"], "b.html"),
            (&["a/b"], ".html"),
            (&[], "a/b.html"),
            (&["a/"], "b.html?x=1"),
            (&["a/"], "b.html?x=1"),
            (&["a/"], "../../x.html"),
            (&["a/"], "../../x.html"),
            (&["a/", "c/"], "b.html"),
        ];
        let mut reused = Resolver::default();
        for (at, (bases, href)) in inputs.into_iter().enumerate() {
            let mut fresh = Resolver::default();
            let expected = fresh.run(bases, href);
            // A plain run between remembering ones forgets.
            let got = if at == 7 {
                reused.run(bases, href)
            } else {
                reused.run_remembering(bases, href)
            };
            assert_eq!(
                format!("{got:?}"),
                format!("{expected:?}"),
                "{bases:?} {href}"
            );
            assert_eq!(reused.url(), fresh.url(), "{bases:?} {href}");
            assert_eq!(reused.path(), fresh.path(), "{bases:?} {href}");
            assert_eq!(reused.names_file(), fresh.names_file(), "{bases:?} {href}");
            assert_eq!(
                format!("{:?}", reused.issues),
                format!("{:?}", fresh.issues),
                "{bases:?} {href}"
            );
        }
    }

    #[test]
    fn one_pass_flags_match_the_plain_definitions() {
        for text in [
            "a b",
            "a\\b",
            "x:y/z",
            "a/b:c",
            "?q:1",
            "#f:x",
            "http://h/p",
            "",
            " : ",
            "\u{A0}a",
        ] {
            let seen = Seen::of(text);
            assert_eq!(seen.backslash, text.contains('\\'), "{text:?}");
            assert_eq!(seen.space, text.contains(' '), "{text:?}");
            let head = text.split(['/', '?', '#']).next().unwrap_or("");
            assert_eq!(seen.scheme, head.contains(':'), "{text:?}");
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
