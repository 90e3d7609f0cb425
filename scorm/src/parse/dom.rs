//! The manifest's element tree: learnwire-package's bounded reader ([`xml::parse_dom`]) over the
//! SCORM namespaces, its problems as this crate's rules.

use learnwire_package::xml::{self, Problem};

use super::ns::Ns;
use crate::Limits;

pub(crate) use learnwire_package::xml::NO_PARENT;

/// One attribute, namespace resolved.
pub(crate) type Attr<'a> = xml::Attr<'a, Ns>;
/// One element, namespace resolved.
pub(crate) type Element<'a> = xml::Element<'a, Ns>;
/// The element tree of a manifest.
pub(crate) type Dom<'a> = xml::Dom<'a, Ns>;

/// Reads `text` into a [`Dom`]: every event of the document, well-formedness and limits checked, until
/// the end or the first fatal error (its problem mapped to a rule by [`rule_of`](super::rule_of)).
#[inline]
pub(crate) fn read<'a>(text: &'a str, limits: &Limits) -> Result<Dom<'a>, xml::DomError> {
    xml::parse_dom(text, limits.reader()).map_err(|mut error| {
        if error.problem == Problem::Doctype {
            // The manifest's own words, as before the reader was shared.
            error.message =
                "a DOCTYPE declaration is not allowed in a manifest (no DTD, no entities)"
                    .to_owned();
        }
        error
    })
}
