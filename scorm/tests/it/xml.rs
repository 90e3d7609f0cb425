//! Well-formedness (XML 1.0 §2.1, §2.3, §2.4, §2.6, §2.8, §3.1, §4.1) where quick-xml is lenient, and
//! declared encodings (§4.3.3): refused in both profiles with a stable code and a position.

use learnwire_scorm::ManifestCheck;

use crate::support::{assert_error, baseline, lenient, strict};

/// Both profiles refuse `bytes` with `code`, first issue at `line`:`column` when given.
fn refused(bytes: &[u8], code: &str, at: Option<(u32, u32)>) {
    for check in [lenient(bytes), strict(bytes)] {
        assert_error(&check, code);
        assert!(check.manifest.is_none(), "a fatal error leaves no model");
        if let Some((line, column)) = at {
            let shown = check.report.issues()[0].location.to_string();
            assert!(
                shown.contains(&format!("line {line}, column {column}")),
                "{shown} for {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

fn valid(bytes: &[u8]) -> ManifestCheck {
    let check = strict(bytes);
    assert!(
        check.is_valid(),
        "{:?}: {:#?}",
        String::from_utf8_lossy(bytes),
        check.report
    );
    check
}

/// The baseline with `text` inserted just before `</manifest>`.
fn inside_root(text: &str) -> String {
    baseline().replace("</manifest>", &format!("{text}</manifest>"))
}

/// The baseline without its XML declaration (it starts with `<manifest`).
fn without_declaration() -> String {
    let text = baseline();
    text.split_once("?>\n").unwrap().1.to_owned()
}

#[test]
fn a_second_xml_declaration_or_an_xml_named_processing_instruction_is_malformed() {
    refused(
        inside_root(r#"<?xml version="1.0"?>"#).as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    refused(
        format!("{}<?xml version=\"1.0\"?>", baseline()).as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    for pi in ["<?XmL version=\"1.0\"?>", "<?XML?>", "<?xml?>", "<?xMl x?>"] {
        refused(inside_root(pi).as_bytes(), "scorm.xml.malformed", None);
        refused(
            format!("{pi}{}", without_declaration()).as_bytes(),
            "scorm.xml.malformed",
            Some((1, 1)),
        );
    }
    // Other targets that merely start with "xml" are allowed, as are PIs around the root.
    valid(format!("<?xml-stylesheet href='a.css'?>{}", without_declaration()).as_bytes());
    valid(format!("{}<?pi after?>\n", baseline()).as_bytes());
    refused(
        inside_root("<? pi?>").as_bytes(),
        "scorm.xml.malformed",
        None,
    );
}

#[test]
fn white_space_before_the_xml_declaration_is_malformed() {
    for before in [" ", "\n", "\t\r\n"] {
        refused(
            format!("{before}{}", baseline()).as_bytes(),
            "scorm.xml.malformed",
            None,
        );
    }
    // With a byte order mark the declaration still comes first.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(baseline().as_bytes());
    valid(&bom);
    bom.insert(3, b' ');
    refused(&bom, "scorm.xml.malformed", Some((1, 2)));
    // Without a declaration, white space may open the document.
    valid(format!("\n {}", without_declaration()).as_bytes());
}

#[test]
fn the_xml_declaration_follows_its_grammar() {
    for declaration in [
        "<?xml?>",
        "<?xml encoding=\"UTF-8\"?>",
        "<?xml version=\"2.0\"?>",
        "<?xml version=\"1.0\"encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" standalone=\"maybe\"?>",
    ] {
        let text = format!("{declaration}{}", without_declaration());
        refused(text.as_bytes(), "scorm.xml.malformed", Some((1, 1)));
    }
    valid(
        format!(
            "<?xml version='1.0' encoding='utf-8' standalone='no' ?>{}",
            without_declaration()
        )
        .as_bytes(),
    );
}

/// Only S (#x20, #x9, #xD, #xA), comments and PIs may follow the root element; U+00A0 is not S.
#[test]
fn a_no_break_space_or_other_text_after_the_root_is_malformed() {
    let lines = baseline().lines().count() as u32;
    let after = |tail: &str| format!("{}{tail}", baseline());
    refused(
        after("\u{A0}").as_bytes(),
        "scorm.xml.malformed",
        Some((lines, 12)),
    );
    refused(
        after("\n\u{3000}").as_bytes(),
        "scorm.xml.malformed",
        Some((lines + 1, 1)),
    );
    refused(after("\u{2003}").as_bytes(), "scorm.xml.malformed", None);
    refused(
        after("  x").as_bytes(),
        "scorm.xml.malformed",
        Some((lines, 14)),
    );
    refused(
        after("<![CDATA[x]]>").as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    refused(after("&amp;").as_bytes(), "scorm.xml.malformed", None);
    refused(
        after("<manifest/>").as_bytes(),
        "scorm.xml.multiple-roots",
        None,
    );
    valid(after(" \t\r\n<!-- done -->\n<?pi x?>\r\n").as_bytes());
}

/// Before the root: only S, comments, PIs (and a DOCTYPE, refused on its own grounds).
#[test]
fn content_before_the_root_other_than_space_comments_and_pis_is_malformed() {
    let before = |head: &str| format!("{head}{}", without_declaration());
    refused(
        before("\u{A0}").as_bytes(),
        "scorm.xml.malformed",
        Some((1, 1)),
    );
    refused(before("x").as_bytes(), "scorm.xml.malformed", Some((1, 1)));
    refused(
        before(" <![CDATA[ ]]>").as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    refused(before("&#32;").as_bytes(), "scorm.xml.malformed", None);
    refused(
        before("<!DOCTYPE manifest>").as_bytes(),
        "scorm.xml.doctype",
        None,
    );
    valid(before("<!-- a comment -->\n<?pi?>\n").as_bytes());
}

#[test]
fn a_less_than_sign_inside_an_attribute_value_is_malformed() {
    let text = baseline().replace(r#"identifier="ITEM-1""#, r#"identifier="ITEM<1""#);
    refused(text.as_bytes(), "scorm.xml.malformed", None);
    let text = baseline().replace(r#"version="1.0" xmlns"#, r#"version="<" xmlns"#);
    refused(text.as_bytes(), "scorm.xml.malformed", Some((2, 1)));
    // Escaped, it is a plain character of the value.
    let text = baseline().replace(r#"version="1.0" xmlns"#, r#"version="&lt;1" xmlns"#);
    assert_eq!(
        valid(text.as_bytes()).manifest.unwrap().version.unwrap(),
        "<1"
    );
}

#[test]
fn an_ampersand_that_starts_no_reference_is_malformed() {
    for value in ["a & b", "a &amp b", "&;", "&#;", "&#X41;", "&#12a;"] {
        let text = baseline().replace(
            r#"version="1.0" xmlns"#,
            &format!(r#"version="{value}" xmlns"#),
        );
        refused(text.as_bytes(), "scorm.xml.malformed", Some((2, 1)));
    }
    for content in ["a & b;", "&#;", "&;"] {
        let text = baseline().replace(
            "<title>Lesson</title>",
            &format!("<title>{content}</title>"),
        );
        refused(text.as_bytes(), "scorm.xml.malformed", None);
    }
    // A well-formed reference to an entity nobody declared keeps its own code.
    let text = baseline().replace(r#"version="1.0" xmlns"#, r#"version="&nbsp;" xmlns"#);
    refused(text.as_bytes(), "scorm.xml.unknown-entity", None);
}

#[test]
fn cdata_section_close_in_text_is_malformed() {
    let text = baseline().replace("<title>Lesson</title>", "<title>a ]]> b</title>");
    refused(text.as_bytes(), "scorm.xml.malformed", None);
    let text = baseline().replace("<title>Lesson</title>", "<title>a ]]&gt; b</title>");
    valid(text.as_bytes());
}

#[test]
fn names_and_attribute_separators_follow_the_grammar() {
    refused(inside_root("<1a/>").as_bytes(), "scorm.xml.malformed", None);
    refused(
        inside_root("<a 1b='x'/>").as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    refused(
        inside_root("<a b='1'c='2'/>").as_bytes(),
        "scorm.xml.malformed",
        None,
    );
    valid(inside_root("<x:a xmlns:x='urn:x' b='1'\n\tc='2' />").as_bytes());
}

/// The baseline declared in `encoding`, with its lesson title replaced by `title` (bytes as given).
fn declared(encoding: &str, title: &[u8]) -> Vec<u8> {
    let text = baseline().replacen("UTF-8", encoding, 1);
    let (head, tail) = text.split_once("Lesson").unwrap();
    let mut bytes = head.as_bytes().to_vec();
    bytes.extend_from_slice(title);
    bytes.extend_from_slice(tail.as_bytes());
    bytes
}

/// Line and column (1-based) of byte `offset` in a single-byte document.
fn line_column(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    (line as u32, (offset - start + 1) as u32)
}

#[test]
fn a_byte_outside_the_declared_encoding_is_a_fatal_error() {
    for (encoding, byte) in [
        ("US-ASCII", 0xE9),
        ("us-ascii", 0x80),
        ("ascii", 0xFF),
        ("windows-1252", 0x81),
        ("CP1252", 0x9D),
    ] {
        let bytes = declared(encoding, &[b'L', byte, b'o', b'n']);
        let offset = bytes.iter().position(|b| *b == byte).unwrap();
        refused(
            &bytes,
            "scorm.xml.invalid-encoding",
            Some(line_column(&bytes, offset)),
        );
        let check = lenient(&bytes);
        assert!(
            check.report.issues()[0]
                .message
                .contains(&format!("0x{byte:02X}")),
            "{:?}",
            check.report.issues()[0]
        );
    }
    // The same text in plain ASCII is fine.
    valid(&declared("US-ASCII", b"Lesson"));
}

/// encoding_rs maps the ISO-8859-1 label to windows-1252; XML's ISO-8859-1 maps every byte to the code
/// point of the same value, so 0x80..=0x9F are U+0080..U+009F (not the euro sign and friends).
#[test]
fn iso_8859_1_is_latin1_not_windows_1252() {
    let title = |check: ManifestCheck| {
        check.manifest.unwrap().organizations.list[0].items[0]
            .title
            .clone()
    };
    for label in [
        "ISO-8859-1",
        "iso-8859-1",
        "latin1",
        "ISO_8859-1",
        "csISOLatin1",
        "l1",
    ] {
        let check = valid(&declared(label, &[0xE9, 0x80, 0x9F, 0xFF]));
        assert_eq!(title(check), "\u{E9}\u{80}\u{9F}\u{FF}", "{label}");
    }
    let check = valid(&declared("windows-1252", &[0xE9, 0x80, 0x9F, 0xFF]));
    assert_eq!(title(check), "é€Ÿÿ");
}
