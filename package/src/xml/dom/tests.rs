//! Tree shape and sibling indexes (unit tests: compiled only under `#[cfg(test)]`, see `dom.rs`).

use super::*;

/// A namespace table for the tests: the SCORM CP and ADL CP URIs, `xml:`, and the rest (which keeps
/// its URI).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ns {
    None,
    Cp,
    Adlcp,
    Imsss,
    Xml,
    Other,
}

impl Namespace for Ns {
    const NONE: Self = Ns::None;

    fn from_uri(uri: &str) -> Self {
        match uri {
            "http://www.imsglobal.org/xsd/imscp_v1p1" => Ns::Cp,
            "http://www.adlnet.org/xsd/adlcp_v1p3" => Ns::Adlcp,
            "http://www.imsglobal.org/xsd/imsss" => Ns::Imsss,
            "http://www.w3.org/XML/1998/namespace" => Ns::Xml,
            _ => Ns::Other,
        }
    }

    fn keeps_uri(self) -> bool {
        self == Ns::Other
    }
}

fn read<'a>(xml: &'a str, limits: &Limits) -> Result<Dom<'a, Ns>, DomError> {
    parse_dom(xml, limits)
}

/// The 1-based index of `el` among earlier siblings with the same namespace and local name, counted
/// the slow way.
fn nth_by_walking(dom: &Dom<'_, Ns>, el: usize) -> u32 {
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
    assert_eq!(error.problem, Problem::DuplicateAttribute);
    // Same local name, different prefixes: distinct as written.
    assert!(read("<r xmlns:p='urn:p' a='1' p:a='2'/>", &limits).is_ok());
    let many: String = (0..40).map(|n| format!(" a{n}='{n}'")).collect();
    assert!(read(&format!("<r{many}/>"), &limits).is_ok());
    let error = read(&format!("<r{many} a7='again'/>"), &limits).unwrap_err();
    assert_eq!(error.problem, Problem::DuplicateAttribute);
    // The duplicate is reported before a later attribute's own problem, as before.
    let error = read("<r a='1' a='2' b='&bogus;'/>", &limits).unwrap_err();
    assert_eq!(error.problem, Problem::DuplicateAttribute);
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

/// Every element's and attribute's namespace as `NsReader` resolves it (it reads every start tag's
/// attributes twice), or the `NsReader` error's code.
fn resolved_by_ns_reader(xml: &str) -> Result<Vec<(Ns, String)>, Problem> {
    use quick_xml::name::QName;
    use quick_xml::reader::NsReader;
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().enable_all_checks(true);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Err(error) => return Err(map_error(&error, 0).problem),
            Ok(Event::Eof) => return Ok(names),
            Ok(Event::Start(start) | Event::Empty(start)) => {
                let (resolved, local) = reader.resolver().resolve_element(start.name());
                let ns = match resolved {
                    ResolveResult::Bound(uri) => Ns::from_uri(uri.into_inner()),
                    ResolveResult::Unbound => Ns::None,
                    ResolveResult::Unknown(_) => return Err(Problem::Namespace),
                };
                names.push((ns, local.into_inner().to_owned()));
                for attr in start.attributes() {
                    let attr = attr.map_err(|_| Problem::Malformed)?;
                    let key = attr.key.into_inner();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let (resolved, local) = reader.resolver().resolve_attribute(QName(key));
                    let ns = match resolved {
                        ResolveResult::Bound(uri) => Ns::from_uri(uri.into_inner()),
                        ResolveResult::Unbound => Ns::None,
                        ResolveResult::Unknown(_) => return Err(Problem::Namespace),
                    };
                    names.push((ns, local.into_inner().to_owned()));
                }
            }
            Ok(_) => {}
        }
    }
}

use quick_xml::name::ResolveResult;

#[test]
fn namespaces_resolve_as_ns_reader_resolves_them() {
    let cp = "http://www.imsglobal.org/xsd/imscp_v1p1";
    let documents = [
        format!(
            "<r xmlns='{cp}' xmlns:a='http://www.adlnet.org/xsd/adlcp_v1p3'><i a:t='1' t='2'/><a:x/></r>"
        ),
        format!("<r><i xmlns='{cp}'><j/></i><k/></r>"),
        format!("<r xmlns='{cp}'><i xmlns=''><j/></i><k/></r>"),
        "<r xmlns:p='urn:p'><p:i xmlns:p=''/></r>".to_owned(),
        "<r xmlns:p='urn:p'><i xmlns:p='http://www.imsglobal.org/xsd/imsss'/><p:k/></r>".to_owned(),
        "<r><i xmlns:p='urn:p'/><p:k/></r>".to_owned(),
        "<r><p:i/></r>".to_owned(),
        "<r><i p:a='1'/></r>".to_owned(),
        "<r xml:lang='en'><i xml:base='a/'/></r>".to_owned(),
        "<r xmlns:xml='urn:other'/>".to_owned(),
        "<r xmlns:xmlns='urn:other'/>".to_owned(),
        "<r xmlns:x='http://www.w3.org/XML/1998/namespace'/>".to_owned(),
        "<r title='xmlns' data='xmlns:p'><p:i/></r>".to_owned(),
        "<r xmlnsx='1' xmlns-y='2'/>".to_owned(),
        "<r><p:i xmlns:p='urn:p' a='1'/></r>".to_owned(),
    ];
    for xml in &documents {
        let expected = resolved_by_ns_reader(xml);
        let read = read(xml, &Limits::default()).map_err(|error| error.problem);
        let names = read.map(|dom| {
            let mut names = Vec::new();
            for element in &dom.elements {
                names.push((element.ns, element.local.to_owned()));
                for attr in dom.attrs_of(element) {
                    names.push((attr.ns, attr.local.to_owned()));
                }
            }
            names
        });
        assert_eq!(names, expected, "{xml}");
    }
}

#[test]
fn other_namespaces_keep_their_uri_where_the_table_asks() {
    let xml = "<r xmlns='http://www.imsglobal.org/xsd/imscp_v1p1' xmlns:v='urn:vendor' v:a='1' b='2'>\
               <v:x/><i/></r>";
    let dom = read(xml, &Limits::default()).unwrap();
    let uris: Vec<Option<&str>> = dom.elements.iter().map(|el| el.uri.as_deref()).collect();
    assert_eq!(uris, [None, Some("urn:vendor"), None]);
    let attrs: Vec<(Ns, Option<&str>)> = dom
        .attrs_of(&dom.elements[0])
        .iter()
        .map(|attr| (attr.ns, attr.uri.as_deref()))
        .collect();
    assert_eq!(attrs, [(Ns::Other, Some("urn:vendor")), (Ns::None, None)]);
}

#[test]
fn a_doctype_is_refused_as_its_own_problem() {
    let error = read(
        "<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>",
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(error.problem, Problem::Doctype);
    assert_eq!(error.offset, 0);
}

#[test]
fn limits_are_reported_as_their_problems() {
    let deep = "<a>".repeat(5) + &"</a>".repeat(5);
    let limits = Limits::default().with_max_depth(4);
    assert_eq!(
        read(&deep, &limits).unwrap_err().problem,
        Problem::LimitDepth
    );
    let limits = Limits::default().with_max_elements(2);
    assert_eq!(
        read("<a><b/><c/></a>", &limits).unwrap_err().problem,
        Problem::LimitElements
    );
    let limits = Limits::default().with_max_attributes(1);
    assert_eq!(
        read("<a x='1' y='2'/>", &limits).unwrap_err().problem,
        Problem::LimitAttributes
    );
    let limits = Limits::default().with_max_attribute_bytes(3);
    assert_eq!(
        read("<a x='1234'/>", &limits).unwrap_err().problem,
        Problem::LimitAttributeLength
    );
    let limits = Limits::default().with_max_text_bytes(3);
    assert_eq!(
        read("<a>1234</a>", &limits).unwrap_err().problem,
        Problem::LimitTextLength
    );
}
