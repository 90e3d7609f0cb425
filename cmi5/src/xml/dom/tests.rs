//! Tree shape and sibling indexes (unit tests: compiled only under `#[cfg(test)]`, see `dom.rs`).

use super::*;

/// The 1-based index of `el` among earlier siblings with the same namespace and local name, counted
/// the slow way.
fn nth_by_walking(dom: &Dom<'_>, el: usize) -> u32 {
    let element = &dom.elements[el];
    if element.parent == NO_PARENT {
        return 1;
    }
    let mut child = dom.elements[element.parent].first_child;
    let mut count = 0;
    while child != NO_PARENT {
        let sibling = &dom.elements[child];
        if sibling.ns == element.ns && sibling.local == element.local {
            count += 1;
        }
        if child == el {
            return count;
        }
        child = sibling.next_sibling;
    }
    panic!("element {el} is not among its parent's children");
}

#[test]
fn sibling_indexes_with_few_and_many_names() {
    let mut xml = String::from("<r xmlns:x='urn:x'><a/><b><a/><a/></b><a/><x:a/>");
    for n in 0..30 {
        xml.push_str(&format!("<c{n}/><a><c{n}/><c{n}/></a>"));
    }
    xml.push_str("<b/><x:a/><a/></r>");
    let dom = read(&xml, &Limits::default()).unwrap();
    for el in 0..dom.elements.len() {
        assert_eq!(
            dom.elements[el].nth,
            nth_by_walking(&dom, el),
            "element {el}"
        );
    }
    let last_a = dom.elements.len() - 1;
    assert_eq!(dom.elements[last_a].nth, 33);
}

#[test]
fn blank_text_is_what_trim_says() {
    for text in ["", " \t\r\n", "\u{A0}", " \u{2003} "] {
        assert_eq!(is_blank(text), text.trim().is_empty(), "{text:?}");
    }
    for text in ["x", " x ", "\u{A0}x"] {
        assert!(!is_blank(text), "{text:?}");
    }
}

#[test]
fn duplicate_attributes_few_and_many() {
    let limits = Limits::default();
    let error = read("<r a='1' b='2' a='3'/>", &limits).unwrap_err();
    assert_eq!(error.rule.code, rules::XML_DUPLICATE_ATTRIBUTE.code);
    // Same local name, different prefixes: distinct as written.
    assert!(read("<r xmlns:p='urn:p' a='1' p:a='2'/>", &limits).is_ok());
    let many: String = (0..40).map(|n| format!(" a{n}='{n}'")).collect();
    assert!(read(&format!("<r{many}/>"), &limits).is_ok());
    let error = read(&format!("<r{many} a7='again'/>"), &limits).unwrap_err();
    assert_eq!(error.rule.code, rules::XML_DUPLICATE_ATTRIBUTE.code);
    // The duplicate is reported before a later attribute's own problem, as before.
    let error = read("<r a='1' a='2' b='&bogus;'/>", &limits).unwrap_err();
    assert_eq!(error.rule.code, rules::XML_DUPLICATE_ATTRIBUTE.code);
    // The scratch list is per element.
    assert!(read("<r a='1'><s a='1'/><s a='2'/></r>", &limits).is_ok());
}

#[test]
fn attribute_values_are_normalized_only_when_needed() {
    let dom = read(
        "<r a='x\ty\r\nz' b='1 &amp; 2' c='plain' d='&#x41;'/>",
        &Limits::default(),
    )
    .unwrap();
    let values: Vec<&str> = dom.attrs.iter().map(|attr| attr.value.as_ref()).collect();
    assert_eq!(values, ["x y z", "1 & 2", "plain", "A"]);
    assert!(matches!(dom.attrs[2].value, Cow::Borrowed(_)));
}
