//! Finding the root element of a document cheaply (to tell a SCORM manifest from a cmi5 course
//! structure or a TinCan descriptor).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::decode;

/// Events read at most before giving up on finding the root element.
const MAX_EVENTS: usize = 10_000;

/// The root element of an XML document: namespace URI (if any) and local name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RootElement {
    /// The namespace URI, resolved (never the prefix).
    pub namespace: Option<String>,
    /// The local name.
    pub local_name: String,
}

/// Reads just enough of `bytes` to name its root element. `None` when the document is not decodable,
/// has a DOCTYPE, or is not well-formed before its first element (or has none in its first 10 000
/// events).
///
/// # Example
///
/// ```
/// let root = learnwire_package::xml::root_element(b"<?xml version='1.0'?><c:courseStructure xmlns:c='urn:x'/>").unwrap();
/// assert_eq!(root.local_name, "courseStructure");
/// assert_eq!(root.namespace.as_deref(), Some("urn:x"));
/// ```
pub fn root_element(bytes: &[u8]) -> Option<RootElement> {
    let (decoded, _) = decode::decode(bytes).ok()?;
    let mut reader = NsReader::from_str(&decoded.text);
    for _ in 0..MAX_EVENTS {
        match reader.read_resolved_event().ok()? {
            (resolved, Event::Start(start) | Event::Empty(start)) => {
                let namespace = match resolved {
                    ResolveResult::Bound(namespace) => Some(namespace.into_inner().to_owned()),
                    _ => None,
                };
                return Some(RootElement {
                    namespace,
                    local_name: start.local_name().into_inner().to_owned(),
                });
            }
            (_, Event::DocType(_) | Event::Eof) => return None,
            _ => {}
        }
    }
    None
}
