//! Typed LTI 1.3 / LTI Advantage message claims.
//!
//! One module per claim family, each mapping the full claim name
//! (`https://purl.imsglobal.org/spec/lti/claim/...`) with serde, and [`MessageClaims`], the aggregate
//! that reads a whole JWT payload and keeps unknown claims. [`rules`] is the one table of which claims
//! each message type requires or may carry (with their shapes, codes and spec sections), read by the
//! verifiers, the platform's builders and [`validate_message_claims`]; [`missing_required_claims`] says
//! which required claims a typed message lacks.
//!
//! Wire models follow one pattern: public fields, `#[non_exhaustive]`, a `new(required…)` constructor,
//! optional members as `Option`, unknown members kept in an `extensions` map. Identifiers are validated
//! newtypes ([`DeploymentId`], [`ResourceLinkId`], [`ContextId`], [`UserId`]); open vocabularies
//! ([`MessageType`], [`ContextType`], [`DocumentTarget`], [`AgsScope`], [`ContentItemType`], [`SubRole`])
//! keep values they do not know, readable with `as_str()`.
//!
//! Leniency (reading only, each for a deviation seen in real platforms): `tool_platform` without its
//! `guid` reads with `guid: None` (so such a platform still launches); optional URL members sent as
//! `""` read as absent (the 1EdTech reference platform sends `tool_platform.url: ""`; AGS allows a
//! blank `lineitem`); the AGS `scope` and NRPS `service_versions` arrays read as empty when absent;
//! `launch_presentation` sizes are hints (fractions rounded, junk ignored); `exp`/`iat`/`nbf` accept
//! fractional NumericDates (rounded down). Everything else is read strictly: a claim with the wrong
//! shape fails to read, it is never taken as absent.

mod audience;
mod context;
mod deep_linking_settings;
mod identifier;
mod launch_presentation;
mod lenient;
mod lis;
mod message;
mod message_type;
mod migration;
pub mod names;
mod required;
mod resource_link;
pub mod roles;
pub mod rules;
mod services;
mod submission_review;
mod tool_platform;
pub mod validate;
pub(crate) mod vocabulary;

pub use audience::Audience;
pub use context::{Context, ContextType};
pub use deep_linking_settings::{ContentItemType, DeepLinkingSettings};
pub use identifier::{
    ContextId, DeploymentId, InvalidIdentifier, MAX_IDENTIFIER_LEN, ResourceLinkId, UserId,
};
pub use launch_presentation::{DocumentTarget, LaunchPresentation};
pub use lis::Lis;
pub use message::MessageClaims;
pub use message_type::{LtiVersion, MessageType};
pub use migration::{Lti1p1, MigrationError};
pub use required::{RequiredClaim, missing_required_claims, required_claims};
pub use resource_link::ResourceLink;
pub use roles::{ContextRole, InstitutionRole, Role, RoleForm, RoleKind, SubRole, SystemRole};
pub use services::{AgsEndpoint, AgsScope, NamesRoleService};
pub use submission_review::ForUser;
pub use tool_platform::ToolPlatform;
pub use validate::validate_message_claims;
#[doc(hidden)]
pub use vocabulary::UnrecognizedValue;
