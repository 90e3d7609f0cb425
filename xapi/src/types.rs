//! Validated newtypes: a value of one of these types is valid. Each has one check function that the
//! report walker calls too, so the typed model and the validator never disagree.
//!
//! Where a [`Policy`](crate::Policy) can loosen a check, the newtype accepts the loosest accepted
//! form (so a statement accepted under any policy can be built).

mod duration;
mod iri;
mod language;
mod macros;
mod mbox;
mod media_type;
mod timestamp;
mod uuid;
mod version;

pub use duration::{Duration, DurationComponents, InvalidDuration};
pub use iri::{InvalidIri, InvalidOpenId, Iri, OpenId};
pub use language::{InvalidLanguageTag, LanguageTag};
pub use mbox::{InvalidMbox, InvalidSha1Sum, InvalidSha2, MailtoIri, Sha1Sum, Sha2Sum};
pub use media_type::{InvalidMediaType, MediaType};
pub use timestamp::{InvalidTimestamp, Timestamp, TimestampSyntax};
pub use uuid::{InvalidUuid, XapiUuid};
pub use version::{InvalidVersion, Version};

pub(crate) use duration::check_duration;
pub(crate) use iri::check_iri;
pub(crate) use language::check_language_tag;
pub(crate) use mbox::{check_mbox, check_sha1, check_sha2};
pub(crate) use media_type::{check_media_type, is_ows};
pub(crate) use timestamp::{TimestampForms, TimestampProblem, check_timestamp};
pub(crate) use uuid::check_uuid;
pub(crate) use version::check_version;
