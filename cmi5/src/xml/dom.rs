//! The element tree of `cmi5.xml` or `tincan.xml`: learnwire-package's bounded reader
//! ([`xml::parse_dom`]) over this crate's namespaces, its problems as this crate's rules.

use learnwire_package::xml;

use super::ns::Ns;
use crate::Limits;

pub(crate) use learnwire_package::xml::NO_PARENT;

/// One attribute, namespace resolved (another namespace's URI kept).
pub(crate) type Attr<'a> = xml::Attr<'a, Ns>;
/// One element, namespace resolved (another namespace's URI kept).
pub(crate) type Element<'a> = xml::Element<'a, Ns>;
/// The element tree of a document.
pub(crate) type Dom<'a> = xml::Dom<'a, Ns>;

/// Reads `text` into a [`Dom`]: every event of the document, well-formedness and limits checked, until
/// the end or the first fatal error (its problem mapped to a rule by [`rule_of`](super::rule_of)).
pub(crate) fn read<'a>(text: &'a str, limits: &Limits) -> Result<Dom<'a>, xml::DomError> {
    xml::parse_dom(text, limits.reader())
}
