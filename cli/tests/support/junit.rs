//! Reads a JUnit document back in the CLI's report-format tests (`learnwire check --format junit`,
//! `learnwire xapi validate --format junit`); included by path from each test file.

use quick_xml::events::Event;

/// A JUnit test case as parsed back.
#[derive(Debug, Default)]
pub(crate) struct Case {
    pub(crate) classname: String,
    pub(crate) name: String,
    /// message, type, text
    pub(crate) failure: Option<(String, String, String)>,
    pub(crate) system_out: String,
}

fn attribute(element: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    element
        .attributes()
        .map(Result::unwrap)
        .find(|attribute| attribute.key.as_ref() == name)
        .map(|attribute| {
            attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        })
        .unwrap_or_default()
}

/// Parses a JUnit document: its suites' names and its test cases.
pub(crate) fn junit(xml: &str) -> (Vec<String>, Vec<Case>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut suites = Vec::new();
    let mut cases = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut raw_text = String::new();
    loop {
        let event = reader.read_event().unwrap();
        let (element, empty) = match &event {
            Event::Start(element) => (Some(element), false),
            Event::Empty(element) => (Some(element), true),
            _ => (None, false),
        };
        if let Some(element) = element {
            let name = element.name().as_ref().to_owned();
            match name.as_str() {
                "testsuite" => suites.push(attribute(element, "name")),
                "testcase" => cases.push(Case {
                    classname: attribute(element, "classname"),
                    name: attribute(element, "name"),
                    ..Case::default()
                }),
                "failure" => {
                    cases.last_mut().unwrap().failure = Some((
                        attribute(element, "message"),
                        attribute(element, "type"),
                        String::new(),
                    ));
                }
                _ => {}
            }
            raw_text.clear();
            if !empty {
                stack.push(name);
            }
            continue;
        }
        match event {
            Event::Text(text) => raw_text.push_str(text.as_ref()),
            Event::GeneralRef(reference) => {
                raw_text.push('&');
                raw_text.push_str(reference.as_ref());
                raw_text.push(';');
            }
            Event::End(_) => {
                let text = quick_xml::escape::unescape(&raw_text).unwrap().into_owned();
                match stack.pop().as_deref() {
                    Some("failure") => cases.last_mut().unwrap().failure.as_mut().unwrap().2 = text,
                    Some("system-out") => cases.last_mut().unwrap().system_out = text,
                    _ => {}
                }
                raw_text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (suites, cases)
}
