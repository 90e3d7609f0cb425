//! The bounded XML reader shared by learnwire-scorm (`imsmanifest.xml`) and learnwire-cmi5 (`cmi5.xml`,
//! `tincan.xml`): one reader, so that a fix to a security-relevant parser lands in both at once.
//!
//! # What it does
//!
//! 1. [`decode`] turns a descriptor's bytes into UTF-8 text per its byte order mark and XML declaration
//!    (XML 1.0 §4.3.3 and Appendix F): UTF-8, UTF-16 (LE/BE), ISO-8859-1, windows-1252 and US-ASCII;
//!    UTF-32, other encodings, conflicts between the BOM and the declaration and bytes the encoding does
//!    not define are refused; a single-byte declaration over bytes that look like UTF-8 is a warning.
//! 2. [`parse_dom`] reads the text into a [`Dom`]: a flat, namespace-aware element tree that borrows from
//!    the text wherever it can. It refuses a DOCTYPE (no DTD, no entity declaration, so no entity
//!    expansion of any kind), resolves only the five predefined entities and character references,
//!    checks the well-formedness rules quick-xml lets through (names, the XML declaration, processing
//!    instructions, references, white space around the root, `]]>` in text, characters XML forbids,
//!    unique attributes, bound prefixes) and applies [`Limits`] while reading. It stops at the first
//!    fatal error, as XML 1.0 §1.2 requires.
//! 3. [`LineIndex`] turns a decoded byte offset into a line, a column and the original byte offset
//!    (built lazily: a document without issues never pays for it).
//! 4. [`root_element`] names a document's root element cheaply (to tell one standard's descriptor from
//!    another's).
//!
//! # Codes
//!
//! The reader knows no code family. Every failure carries a family-neutral [`Problem`]; each crate maps
//! it to its own code (`scorm.xml.malformed`, `cmi5.xml.malformed`, ...) in its own registry, so codes
//! and verdicts stay those of the crate that reports them.
//!
//! # Namespaces
//!
//! Elements and attributes are resolved by namespace URI, never by prefix, into the caller's own table:
//! any type implementing [`Namespace`] (a small `Copy` enum of the URIs the caller knows, with a value
//! for no namespace and one for the others). [`Namespace::keeps_uri`] says which namespaces also keep
//! their URI on the element or attribute (vendor extensions name theirs).
//!
//! # Example
//!
//! ```
//! use learnwire_package::xml::{self, Namespace, Problem};
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
//! enum Ns { None, Course, Other }
//!
//! impl Namespace for Ns {
//!     const NONE: Self = Ns::None;
//!     fn from_uri(uri: &str) -> Self {
//!         if uri == "urn:course" { Ns::Course } else { Ns::Other }
//!     }
//! }
//!
//! let (decoded, warning) = xml::decode(b"<c:course xmlns:c='urn:course' id='1'><c:title>Hi</c:title></c:course>")?;
//! assert!(warning.is_none());
//! let dom = xml::parse_dom::<Ns>(&decoded.text, &xml::Limits::default())?;
//! assert_eq!((dom.elements[0].ns, dom.elements[0].local), (Ns::Course, "course"));
//! assert_eq!(dom.elements[1].text, "Hi");
//!
//! let refused = xml::parse_dom::<Ns>("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", &xml::Limits::default());
//! assert_eq!(refused.unwrap_err().problem, Problem::Doctype);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod decode;
mod dom;
mod limits;
mod position;
mod problem;
mod sniff;

pub use decode::{DecodeError, DecodeResult, Decoded, Unit, decode};
pub use dom::{Attr, Dom, DomError, Element, NO_PARENT, Namespace, is_xml_char, parse_dom};
pub use limits::Limits;
pub use position::LineIndex;
pub use problem::Problem;
pub use sniff::{RootElement, root_element};
