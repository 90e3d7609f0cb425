//! `roles` claim (LTI Core 1.3 §5.3.7) and the role vocabularies (§A.2).
//!
//! A [`Role`] keeps the string exactly as the platform sent it (so it round-trips and can be logged) and
//! its classification, [`RoleKind`]. Recognised spellings:
//!
//! | Form ([`RoleForm`]) | Example | Status |
//! |---|---|---|
//! | `Long` | `http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor` | the LTI 1.3 form |
//! | `Long` (sub-role) | `http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant` | LTI 1.3 |
//! | `Long` | `http://purl.imsglobal.org/vocab/lti/system/person#TestUser` | LTI 1.3 (§A.2.4) |
//! | `Short` | `Instructor` | context roles only; deprecated by LTI Core 1.3 §A.2.3 |
//! | `Lti11Urn` | `urn:lti:role:ims/lis/Instructor`, `urn:lti:instrole:ims/lis/Student`, `urn:lti:sysrole:ims/lis/SysAdmin` | LTI 1.1, deprecated, still sent by bridges |
//!
//! `TeachingAssistant` as a principal context role (`urn:lti:role:ims/lis/TeachingAssistant`, the short
//! name, or `…/membership#TeachingAssistant`) is an LTI 1.1 leftover; it is read as
//! `Instructor#TeachingAssistant` with a deprecated form. Anything else is kept as
//! [`RoleKind::Unrecognized`] with its text.

mod vocabulary;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use vocabulary::{ContextRole, InstitutionRole, SubRole, SystemRole};

const LIS: &str = "http://purl.imsglobal.org/vocab/lis/v2/";
const SYSTEM: &str = "system/person#";
const INSTITUTION: &str = "institution/person#";
const MEMBERSHIP: &str = "membership";
const LTI_SYSTEM: &str = "http://purl.imsglobal.org/vocab/lti/system/person#";
const URN_CONTEXT: &str = "urn:lti:role:ims/lis/";
const URN_INSTITUTION: &str = "urn:lti:instrole:ims/lis/";
const URN_SYSTEM: &str = "urn:lti:sysrole:ims/lis/";
const TEACHING_ASSISTANT: &str = "TeachingAssistant";

/// What a role means, once classified.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RoleKind {
    /// A system role (§A.2.1, §A.2.4).
    System(SystemRole),
    /// An institution role (§A.2.2).
    Institution(InstitutionRole),
    /// A context (membership) role, with an optional sub-role (§A.2.3, §A.2.3.1).
    Context {
        /// The principal role (`Instructor` in `membership/Instructor#TeachingAssistant`).
        role: ContextRole,
        /// The sub-role (`TeachingAssistant`), if any.
        sub_role: Option<SubRole>,
    },
    /// A role outside these vocabularies; the text is in [`Role::as_str`].
    Unrecognized,
}

/// How a recognised role was spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RoleForm {
    /// The full LTI 1.3 URI.
    Long,
    /// A simple context role name such as `Instructor` (deprecated).
    Short,
    /// An LTI 1.1 URN such as `urn:lti:role:ims/lis/Instructor` (deprecated).
    Lti11Urn,
    /// A non-standard spelling read for compatibility (`membership#TeachingAssistant`).
    Nonstandard,
    /// Not recognised.
    Unrecognized,
}

/// One entry of the `https://purl.imsglobal.org/spec/lti/claim/roles` claim (LTI Core 1.3 §5.3.7).
///
/// Parsing never fails: unknown roles are kept. Serialization writes the original text.
///
/// # Example
/// ```
/// use learnwire_lti::claims::{ContextRole, Role, RoleForm, RoleKind, SubRole};
/// let ta = Role::parse("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant");
/// assert!(ta.is_instructor() && ta.is_teaching_assistant());
/// assert_eq!(Role::parse("Learner").form(), RoleForm::Short);
/// assert!(Role::parse("Learner").is_learner());
/// let custom = Role::parse("https://example.edu/roles#Proctor");
/// assert_eq!(custom.kind(), &RoleKind::Unrecognized);
/// assert_eq!(custom.as_str(), "https://example.edu/roles#Proctor");
/// assert_eq!(Role::from(ContextRole::Instructor).as_str(),
///            "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Role {
    text: String,
    kind: RoleKind,
    form: RoleForm,
}

impl Role {
    /// Reads a role string; never fails (unknown roles are kept as [`RoleKind::Unrecognized`]).
    pub fn parse(text: impl Into<String>) -> Self {
        let text = text.into();
        let (kind, form) = classify(&text);
        Self { text, kind, form }
    }

    /// A system role in its long form.
    pub fn system(role: SystemRole) -> Self {
        let text = match role {
            SystemRole::TestUser => format!("{LTI_SYSTEM}{}", role.name()),
            _ => format!("{LIS}{SYSTEM}{}", role.name()),
        };
        Self {
            text,
            kind: RoleKind::System(role),
            form: RoleForm::Long,
        }
    }

    /// An institution role in its long form.
    pub fn institution(role: InstitutionRole) -> Self {
        let text = format!("{LIS}{INSTITUTION}{}", role.name());
        Self {
            text,
            kind: RoleKind::Institution(role),
            form: RoleForm::Long,
        }
    }

    /// A context role in its long form.
    pub fn context(role: ContextRole) -> Self {
        let text = format!("{LIS}{MEMBERSHIP}#{}", role.name());
        Self {
            text,
            kind: RoleKind::Context {
                role,
                sub_role: None,
            },
            form: RoleForm::Long,
        }
    }

    /// A context sub-role in its long form (`…/membership/Instructor#TeachingAssistant`).
    pub fn context_sub_role(role: ContextRole, sub_role: SubRole) -> Self {
        let text = format!("{LIS}{MEMBERSHIP}/{}#{}", role.name(), sub_role.as_str());
        Self {
            text,
            kind: RoleKind::Context {
                role,
                sub_role: Some(sub_role),
            },
            form: RoleForm::Long,
        }
    }

    /// The role exactly as sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The role's classification.
    pub fn kind(&self) -> &RoleKind {
        &self.kind
    }

    /// How the role was spelled.
    pub fn form(&self) -> RoleForm {
        self.form
    }

    /// Whether the spelling is deprecated (short name, LTI 1.1 URN, non-standard).
    pub fn is_deprecated_form(&self) -> bool {
        matches!(
            self.form,
            RoleForm::Short | RoleForm::Lti11Urn | RoleForm::Nonstandard
        )
    }

    /// The context role, if this is one.
    pub fn context_role(&self) -> Option<ContextRole> {
        match self.kind {
            RoleKind::Context { role, .. } => Some(role),
            _ => None,
        }
    }

    /// Context `Instructor`, with or without a sub-role (so a teaching assistant counts). Institution
    /// `Instructor`/`Faculty` are not context roles and do not count; see
    /// [`is_institution_instructor`](Self::is_institution_instructor).
    pub fn is_instructor(&self) -> bool {
        self.context_role() == Some(ContextRole::Instructor)
    }

    /// Context `Instructor#TeachingAssistant` (or the LTI 1.1 `TeachingAssistant` role).
    pub fn is_teaching_assistant(&self) -> bool {
        matches!(
            &self.kind,
            RoleKind::Context {
                role: ContextRole::Instructor,
                sub_role: Some(SubRole::TeachingAssistant)
            }
        )
    }

    /// Context `Learner`, with or without a sub-role.
    pub fn is_learner(&self) -> bool {
        self.context_role() == Some(ContextRole::Learner)
    }

    /// Context `Mentor`, with or without a sub-role (observers, advisors, parents).
    pub fn is_mentor(&self) -> bool {
        self.context_role() == Some(ContextRole::Mentor)
    }

    /// Context `ContentDeveloper`, with or without a sub-role.
    pub fn is_content_developer(&self) -> bool {
        self.context_role() == Some(ContextRole::ContentDeveloper)
    }

    /// Context `Administrator`, with or without a sub-role.
    pub fn is_context_admin(&self) -> bool {
        self.context_role() == Some(ContextRole::Administrator)
    }

    /// Institution `Administrator`.
    pub fn is_institution_admin(&self) -> bool {
        self.kind == RoleKind::Institution(InstitutionRole::Administrator)
    }

    /// System `Administrator` or `SysAdmin`.
    pub fn is_system_admin(&self) -> bool {
        matches!(
            self.kind,
            RoleKind::System(SystemRole::Administrator | SystemRole::SysAdmin)
        )
    }

    /// Any administrator: context, institution or system (see the three narrower predicates).
    pub fn is_admin(&self) -> bool {
        self.is_context_admin() || self.is_institution_admin() || self.is_system_admin()
    }

    /// Institution `Instructor` or `Faculty`.
    pub fn is_institution_instructor(&self) -> bool {
        matches!(
            self.kind,
            RoleKind::Institution(InstitutionRole::Instructor | InstitutionRole::Faculty)
        )
    }

    /// Institution `Student` or `Learner`.
    pub fn is_institution_student(&self) -> bool {
        matches!(
            self.kind,
            RoleKind::Institution(InstitutionRole::Student | InstitutionRole::Learner)
        )
    }

    /// The LTI system role `TestUser` (a platform test or "student view" account).
    pub fn is_test_user(&self) -> bool {
        self.kind == RoleKind::System(SystemRole::TestUser)
    }
}

impl From<ContextRole> for Role {
    fn from(role: ContextRole) -> Self {
        Self::context(role)
    }
}

impl From<InstitutionRole> for Role {
    fn from(role: InstitutionRole) -> Self {
        Self::institution(role)
    }
}

impl From<SystemRole> for Role {
    fn from(role: SystemRole) -> Self {
        Self::system(role)
    }
}

impl From<&str> for Role {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

impl core::fmt::Display for Role {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::parse)
    }
}

/// Classifies a role string.
fn classify(text: &str) -> (RoleKind, RoleForm) {
    let found = if let Some(rest) = text.strip_prefix(LIS) {
        long_lis(rest)
    } else if let Some(name) = text.strip_prefix(LTI_SYSTEM) {
        SystemRole::from_name(name)
            .filter(|role| *role == SystemRole::TestUser)
            .map(|role| (RoleKind::System(role), RoleForm::Long))
    } else if let Some(name) = text.strip_prefix(URN_SYSTEM) {
        lis_system(name).map(|role| (RoleKind::System(role), RoleForm::Lti11Urn))
    } else if let Some(name) = text.strip_prefix(URN_INSTITUTION) {
        InstitutionRole::from_name(name)
            .map(|role| (RoleKind::Institution(role), RoleForm::Lti11Urn))
    } else if let Some(rest) = text.strip_prefix(URN_CONTEXT) {
        match rest.split_once('/') {
            Some((principal, sub)) => context_with_sub(principal, sub, RoleForm::Lti11Urn),
            None => simple_context(rest, RoleForm::Lti11Urn),
        }
    } else {
        simple_context(text, RoleForm::Short)
    };
    found.unwrap_or((RoleKind::Unrecognized, RoleForm::Unrecognized))
}

/// A system role from the LIS vocabulary (excludes the LTI-only `TestUser`).
fn lis_system(name: &str) -> Option<SystemRole> {
    SystemRole::from_name(name).filter(|role| *role != SystemRole::TestUser)
}

/// The part after `http://purl.imsglobal.org/vocab/lis/v2/`.
fn long_lis(rest: &str) -> Option<(RoleKind, RoleForm)> {
    if let Some(name) = rest.strip_prefix(SYSTEM) {
        return lis_system(name).map(|role| (RoleKind::System(role), RoleForm::Long));
    }
    if let Some(name) = rest.strip_prefix(INSTITUTION) {
        return InstitutionRole::from_name(name)
            .map(|role| (RoleKind::Institution(role), RoleForm::Long));
    }
    let rest = rest.strip_prefix(MEMBERSHIP)?;
    if let Some(name) = rest.strip_prefix('#') {
        if name == TEACHING_ASSISTANT {
            return simple_context(name, RoleForm::Nonstandard);
        }
        return simple_context(name, RoleForm::Long);
    }
    let (principal, sub) = rest.strip_prefix('/')?.split_once('#')?;
    context_with_sub(principal, sub, RoleForm::Long)
}

/// A principal context role by simple name (`TeachingAssistant` maps to `Instructor#TeachingAssistant`).
fn simple_context(name: &str, form: RoleForm) -> Option<(RoleKind, RoleForm)> {
    if name == TEACHING_ASSISTANT {
        let kind = RoleKind::Context {
            role: ContextRole::Instructor,
            sub_role: Some(SubRole::TeachingAssistant),
        };
        let form = if form == RoleForm::Short {
            RoleForm::Nonstandard
        } else {
            form
        };
        return Some((kind, form));
    }
    ContextRole::from_name(name).map(|role| {
        (
            RoleKind::Context {
                role,
                sub_role: None,
            },
            form,
        )
    })
}

/// A context role with a sub-role; the sub-role must be non-empty.
fn context_with_sub(principal: &str, sub: &str, form: RoleForm) -> Option<(RoleKind, RoleForm)> {
    let role = ContextRole::from_name(principal)?;
    if sub.is_empty() {
        return None;
    }
    Some((
        RoleKind::Context {
            role,
            sub_role: Some(SubRole::parse(sub)),
        },
        form,
    ))
}
