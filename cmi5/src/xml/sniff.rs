//! Naming the standard of a lone document from its root element, cheaply.

use learnwire_package::Standard;
use learnwire_package::xml::root_element;

/// The standard whose descriptor `bytes` is, from its root element's namespace and name. `None` when
/// the document cannot be decoded, has a DOCTYPE, or is not well-formed before its first element.
pub(crate) fn root_standard(bytes: &[u8]) -> Option<Standard> {
    let root = root_element(bytes)?;
    Standard::from_root_element(root.namespace.as_deref(), &root.local_name)
}
