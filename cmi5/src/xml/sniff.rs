//! Naming the standard of a lone document from its root element, cheaply.

use learnwire_package::Standard;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::decode;

/// Events read at most before giving up on finding the root element.
const MAX_EVENTS: usize = 10_000;

/// The standard whose descriptor `bytes` is, from its root element's namespace and name. `None` when
/// the document cannot be decoded, has a DOCTYPE, or is not well-formed before its first element.
pub(crate) fn root_standard(bytes: &[u8]) -> Option<Standard> {
    let (decoded, _) = decode::decode(bytes).ok()?;
    let mut reader = NsReader::from_str(&decoded.text);
    for _ in 0..MAX_EVENTS {
        match reader.read_resolved_event().ok()? {
            (resolved, Event::Start(start) | Event::Empty(start)) => {
                let namespace = match resolved {
                    ResolveResult::Bound(namespace) => Some(namespace.into_inner().to_owned()),
                    _ => None,
                };
                let local = start.local_name();
                return Standard::from_root_element(namespace.as_deref(), local.into_inner());
            }
            (_, Event::DocType(_) | Event::Eof) => return None,
            _ => {}
        }
    }
    None
}
