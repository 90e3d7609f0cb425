//! OAuth scopes (RFC 6749 §3.3): one [`Scope`] is a scope-token, a [`ScopeSet`] the ordered set a
//! `scope` parameter lists, space-separated.

use std::collections::BTreeSet;
use std::fmt;

use learnwire_report::{Code, Untrusted};
use serde::{Deserialize, Serialize};

use crate::claims::AgsScope;
use crate::codes;

/// A value that is not an RFC 6749 §3.3 scope-token (one or more of the characters `%x21`,
/// `%x23-5B`, `%x5D-7E`: visible ASCII but `"` and `\`), or a `scope` list that is not such tokens
/// separated by single spaces.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: scope {found} is not an RFC 6749 scope-token list", self.code())]
#[non_exhaustive]
pub struct InvalidScope {
    /// The value read.
    pub found: Untrusted,
}

impl InvalidScope {
    /// The stable code, `lti.scope.invalid`.
    pub fn code(&self) -> Code {
        codes::SCOPE_INVALID
    }
}

/// One OAuth scope (RFC 6749 §3.3 scope-token), such as an AGS or NRPS scope URI. A value that exists is
/// valid: [`parse`](Self::parse) and serde go through the same check.
///
/// # Example
///
/// ```
/// use learnwire_lti::service_token::Scope;
/// let scope = Scope::parse(Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY)?;
/// assert_eq!(scope.as_str(), "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
/// assert_eq!(Scope::parse("two words").unwrap_err().code().as_str(), "lti.scope.invalid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Scope(String);

impl Scope {
    /// AGS 2.0 §3.1: manage line items.
    pub const AGS_LINE_ITEM: &'static str =
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    /// AGS 2.0 §3.1: read line items.
    pub const AGS_LINE_ITEM_READONLY: &'static str =
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    /// AGS 2.0 §3.1: read results.
    pub const AGS_RESULT_READONLY: &'static str =
        "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    /// AGS 2.0 §3.1: publish scores.
    pub const AGS_SCORE: &'static str = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    /// NRPS 2.0 §3.6.1: read the context membership.
    pub const NRPS_CONTEXT_MEMBERSHIP_READONLY: &'static str =
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    /// Reads one scope-token.
    ///
    /// # Errors
    /// [`InvalidScope`] when `value` is empty or has a character outside the scope-token grammar (a space,
    /// `"`, `\`, a control or non-ASCII character).
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidScope> {
        let value = value.into();
        if is_scope_token(&value) {
            Ok(Self(value))
        } else {
            Err(InvalidScope {
                found: Untrusted::new(&value),
            })
        }
    }

    /// The scope as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Scope {
    type Error = InvalidScope;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<Scope> for String {
    fn from(scope: Scope) -> Self {
        scope.0
    }
}

impl TryFrom<&AgsScope> for Scope {
    type Error = InvalidScope;

    fn try_from(scope: &AgsScope) -> Result<Self, Self::Error> {
        Self::parse(scope.as_str())
    }
}

/// Whether `value` is one RFC 6749 §3.3 scope-token.
fn is_scope_token(value: &str) -> bool {
    !value.is_empty()
        && value.bytes().all(|byte| {
            byte == 0x21 || (0x23..=0x5B).contains(&byte) || (0x5D..=0x7E).contains(&byte)
        })
}

/// The scopes of a `scope` parameter (RFC 6749 §3.3): an ordered set, so `"b a"` and `"a b a"` name the
/// same set (a token cache key, a grant). Written space-separated in order.
///
/// # Example
///
/// ```
/// use learnwire_lti::service_token::{Scope, ScopeSet};
/// let scopes = ScopeSet::parse("https://purl.imsglobal.org/spec/lti-ags/scope/score https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")?;
/// assert_eq!(scopes.len(), 2);
/// assert!(scopes.contains(Scope::AGS_SCORE));
/// assert_eq!(ScopeSet::parse("a  b").unwrap_err().code().as_str(), "lti.scope.invalid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScopeSet(BTreeSet<Scope>);

impl ScopeSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a `scope` parameter: scope-tokens separated by single spaces. The empty string is the empty
    /// set; repeated tokens count once.
    ///
    /// # Errors
    /// [`InvalidScope`] for a token outside the grammar, or leading, trailing or doubled spaces.
    pub fn parse(value: &str) -> Result<Self, InvalidScope> {
        if value.is_empty() {
            return Ok(Self::new());
        }
        value
            .split(' ')
            .map(|token| {
                if is_scope_token(token) {
                    Ok(Scope(token.to_owned()))
                } else {
                    Err(InvalidScope {
                        found: Untrusted::new(value),
                    })
                }
            })
            .collect::<Result<BTreeSet<_>, _>>()
            .map(Self)
    }

    /// Adds `scope`; returns whether it was new.
    pub fn insert(&mut self, scope: Scope) -> bool {
        self.0.insert(scope)
    }

    /// Whether `scope` is in the set.
    pub fn contains(&self, scope: &str) -> bool {
        self.0.iter().any(|held| held.as_str() == scope)
    }

    /// The scopes of both sets.
    pub fn intersection(&self, other: &Self) -> Self {
        Self(self.0.intersection(&other.0).cloned().collect())
    }

    /// Whether every scope of `self` is in `other`.
    pub fn is_subset(&self, other: &Self) -> bool {
        self.0.is_subset(&other.0)
    }

    /// The number of scopes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The scopes, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Scope> {
        self.0.iter()
    }
}

impl fmt::Display for ScopeSet {
    /// The `scope` parameter: the scopes in order, separated by single spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, scope) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            f.write_str(scope.as_str())?;
        }
        Ok(())
    }
}

impl FromIterator<Scope> for ScopeSet {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a ScopeSet {
    type Item = &'a Scope;
    type IntoIter = std::collections::btree_set::Iter<'a, Scope>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
