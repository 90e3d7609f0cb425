//! The entry-name policy, applied to the raw name before any sanitising.

use learnwire_report::{Code, Severity, quote};

use crate::Limits;
use crate::codes;

/// Code page 437, bytes 0x80..=0xFF (APPNOTE appendix D: names without the UTF-8 flag).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐\
└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// Windows device names, refused as the base of any component (`CON`, `con.txt`, `COM1.html`).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4", "COM5",
    "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5",
    "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// One problem with a name.
#[derive(Debug)]
pub(crate) struct NameIssue {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    pub(crate) message: String,
}

/// What the policy made of a raw name.
#[derive(Debug)]
pub(crate) struct NameVerdict {
    /// The decoded name, as a person would read it.
    pub(crate) decoded: String,
    /// The normalised relative path: components joined with `/`, no `.`/empty components, no trailing `/`.
    pub(crate) path: String,
    /// The name ends with a separator.
    pub(crate) is_dir: bool,
    /// Problems found, at most one per code.
    pub(crate) issues: Vec<NameIssue>,
}

impl NameVerdict {
    /// True when no error was found (warnings allowed).
    pub(crate) fn is_safe(&self) -> bool {
        !self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    fn add(&mut self, code: Code, severity: Severity, message: String) {
        if !self.issues.iter().any(|i| i.code == code) {
            self.issues.push(NameIssue {
                code,
                severity,
                message,
            });
        }
    }
}

/// How the raw bytes are to be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Zip general-purpose flag bit 11 set, or a file-system name: must be UTF-8.
    Utf8,
    /// Zip without bit 11: CP437 by the APPNOTE, though many tools write UTF-8.
    Unflagged,
}

/// Decodes a name without the UTF-8 flag from code page 437.
pub(crate) fn decode_cp437(raw: &[u8]) -> String {
    raw.iter()
        .map(|&b| {
            if b < 0x80 {
                char::from(b)
            } else {
                CP437_HIGH
                    .chars()
                    .nth(usize::from(b - 0x80))
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            }
        })
        .collect()
}

/// Judges a raw entry name (zip bytes, or a folder entry's relative path with `/` separators).
pub(crate) fn judge_name(raw: &[u8], encoding: Encoding, limits: &Limits) -> NameVerdict {
    let mut verdict = NameVerdict {
        decoded: String::new(),
        path: String::new(),
        is_dir: false,
        issues: Vec::new(),
    };
    verdict.decoded = decode(raw, encoding, &mut verdict);
    let name = verdict.decoded.clone();
    let shown = quote(&name);
    if raw.is_empty() {
        verdict.add(
            codes::NAME_EMPTY,
            Severity::Error,
            "empty entry name".into(),
        );
        return verdict;
    }
    if raw.len() > limits.max_name_bytes() {
        verdict.add(
            codes::NAME_TOO_LONG,
            Severity::Error,
            format!(
                "name {shown} is longer than the limit of {} bytes",
                limits.max_name_bytes()
            ),
        );
    }
    if name.chars().any(char::is_control) {
        verdict.add(
            codes::NAME_CONTROL_CHAR,
            Severity::Error,
            format!("name {shown} contains NUL or another control character"),
        );
    }
    if name.chars().any(is_format_char) {
        verdict.add(
            codes::NAME_FORMAT_CHAR,
            Severity::Warning,
            format!("name {shown} contains an invisible formatting character (bidirectional override or zero-width)"),
        );
    }
    check_prefix(&name, &shown, &mut verdict);
    if name.contains('\\') {
        verdict.add(
            codes::BACKSLASH,
            Severity::Error,
            format!("name {shown} uses a backslash, a path separator on Windows"),
        );
    }
    check_components(&name, &shown, limits, &mut verdict);
    verdict
}

fn decode(raw: &[u8], encoding: Encoding, verdict: &mut NameVerdict) -> String {
    match (std::str::from_utf8(raw), encoding) {
        (Ok(text), _) if text.is_ascii() => text.to_owned(),
        (Ok(text), Encoding::Utf8) => text.to_owned(),
        (Ok(text), Encoding::Unflagged) => {
            verdict.add(
                codes::NAME_ENCODING,
                Severity::Warning,
                format!(
                    "name {} is UTF-8 but the UTF-8 flag is not set: tools that follow the zip specification read it as CP437",
                    quote(text)
                ),
            );
            text.to_owned()
        }
        (Err(_), Encoding::Utf8) => {
            let lossy = String::from_utf8_lossy(raw).into_owned();
            verdict.add(
                codes::NAME_INVALID_UTF8,
                Severity::Error,
                format!("name {} is not valid UTF-8", quote(&lossy)),
            );
            lossy
        }
        (Err(_), Encoding::Unflagged) => {
            let text = decode_cp437(raw);
            verdict.add(
                codes::NAME_ENCODING,
                Severity::Warning,
                format!(
                    "name {} is not UTF-8 and was read as CP437: tools disagree on such names",
                    quote(&text)
                ),
            );
            text
        }
    }
}

/// Bidirectional controls, zero-width characters and the BOM: they make a name display as another.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Absolute names, drive letters, UNC paths and colons.
fn check_prefix(name: &str, shown: &str, verdict: &mut NameVerdict) {
    let mut chars = name.chars();
    let first = chars.next();
    let second = chars.next();
    let is_sep = |c: Option<char>| matches!(c, Some('/' | '\\'));
    let drive = first.is_some_and(|c| c.is_ascii_alphabetic()) && second == Some(':');
    if is_sep(first) && is_sep(second) {
        verdict.add(
            codes::ABSOLUTE_PATH,
            Severity::Error,
            format!("name {shown} is a UNC path"),
        );
    } else if is_sep(first) {
        verdict.add(
            codes::ABSOLUTE_PATH,
            Severity::Error,
            format!("name {shown} is an absolute path"),
        );
    } else if drive {
        verdict.add(
            codes::ABSOLUTE_PATH,
            Severity::Error,
            format!("name {shown} starts with a drive letter"),
        );
    }
    let colon_after_drive = name
        .char_indices()
        .any(|(i, c)| c == ':' && !(drive && i == 1));
    if colon_after_drive {
        verdict.add(
            codes::NAME_COLON,
            Severity::Error,
            format!("name {shown} contains ':' (an NTFS alternate data stream on Windows)"),
        );
    }
}

fn check_components(name: &str, shown: &str, limits: &Limits, verdict: &mut NameVerdict) {
    let body = if name.get(1..2) == Some(":") {
        name.get(2..).unwrap_or("")
    } else {
        name
    };
    let body = body.trim_start_matches(['/', '\\']);
    verdict.is_dir = body.ends_with(['/', '\\']) || body.is_empty() && name.ends_with(['/', '\\']);
    let body = body.trim_end_matches(['/', '\\']);
    let mut kept: Vec<&str> = Vec::new();
    let mut count = 0usize;
    for component in body.split(['/', '\\']) {
        count = count.saturating_add(1);
        match component {
            "" | "." => verdict.add(
                codes::NAME_NOT_NORMALIZED,
                Severity::Warning,
                format!("name {shown} has empty or '.' components"),
            ),
            ".." => verdict.add(
                codes::PATH_TRAVERSAL,
                Severity::Error,
                format!("name {shown} has a '..' component"),
            ),
            other => {
                check_component(other, shown, verdict);
                kept.push(other);
            }
        }
    }
    if count > limits.max_path_components() {
        verdict.add(
            codes::NAME_TOO_DEEP,
            Severity::Error,
            format!(
                "name {shown} has {count} components, more than the limit of {}",
                limits.max_path_components()
            ),
        );
    }
    verdict.path = kept.join("/");
    if verdict.path.is_empty() {
        verdict.add(
            codes::NAME_EMPTY,
            Severity::Error,
            format!("name {shown} names no file or folder"),
        );
    }
}

fn check_component(component: &str, shown: &str, verdict: &mut NameVerdict) {
    let base = component
        .split('.')
        .next()
        .unwrap_or(component)
        .trim_end_matches(' ');
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base)) {
        verdict.add(
            codes::NAME_RESERVED,
            Severity::Error,
            format!("name {shown} uses the Windows device name {}", quote(base)),
        );
    }
    if component.contains(['<', '>', '"', '|', '?', '*']) || component.ends_with(['.', ' ']) {
        verdict.add(
            codes::NAME_NOT_PORTABLE,
            Severity::Warning,
            format!("name {shown} cannot be created on Windows (reserved character, or a trailing dot or space)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(raw: &[u8], encoding: Encoding) -> Vec<&'static str> {
        judge_name(raw, encoding, &Limits::default())
            .issues
            .iter()
            .map(|i| i.code.as_str())
            .collect()
    }

    #[test]
    fn clean_names_pass_and_normalise() {
        let v = judge_name(b"content/index.html", Encoding::Utf8, &Limits::default());
        assert!(v.issues.is_empty() && v.path == "content/index.html" && !v.is_dir);
        let v = judge_name(b"content/", Encoding::Unflagged, &Limits::default());
        assert!(v.issues.is_empty() && v.path == "content" && v.is_dir);
        let v = judge_name(b"./a//b", Encoding::Utf8, &Limits::default());
        assert_eq!(v.path, "a/b");
        assert!(v.is_safe());
    }

    #[test]
    fn hostile_names_get_their_codes() {
        assert!(codes_of(b"../x", Encoding::Utf8).contains(&"package.path-traversal"));
        assert!(codes_of(b"..\\x", Encoding::Utf8).contains(&"package.path-traversal"));
        assert!(codes_of(b"/x", Encoding::Utf8).contains(&"package.absolute-path"));
        assert!(codes_of(b"C:/x", Encoding::Utf8).contains(&"package.absolute-path"));
        assert!(codes_of(b"\\\\h\\s\\x", Encoding::Utf8).contains(&"package.absolute-path"));
        assert!(codes_of(b"a/CON", Encoding::Utf8).contains(&"package.name-reserved"));
        assert!(codes_of(b"a/lpt1.txt", Encoding::Utf8).contains(&"package.name-reserved"));
        assert!(codes_of(b"a.html:evil", Encoding::Utf8).contains(&"package.name-colon"));
        assert!(codes_of(b"a\0b", Encoding::Utf8).contains(&"package.name-control-char"));
        assert!(codes_of(b"a\xff", Encoding::Utf8).contains(&"package.name-invalid-utf8"));
        assert!(codes_of(b"a\xff", Encoding::Unflagged).contains(&"package.name-encoding"));
        assert!(codes_of(b"", Encoding::Utf8).contains(&"package.name-empty"));
        assert!(codes_of(b"./", Encoding::Utf8).contains(&"package.name-empty"));
        assert_eq!(
            codes_of("invoice\u{202e}lmth.exe".as_bytes(), Encoding::Utf8),
            ["package.name-format-char"]
        );
    }

    #[test]
    fn cp437_decodes_high_bytes() {
        assert_eq!(decode_cp437(b"caf\x82"), "café");
        assert_eq!(decode_cp437(b"\xff"), "\u{a0}");
        assert_eq!(CP437_HIGH.chars().count(), 128);
    }
}
