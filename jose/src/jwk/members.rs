//! The JWK members every key has to get right before its type-specific members are read.

use serde_json::{Map, Value};

/// JWK members that only a private key (RFC 7518 §6.3.2) or a symmetric key (§6.4.1, `k`) has. A public
/// key holding any is refused.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// The common members of a JWK, type-checked.
pub(crate) struct Members<'a> {
    pub(crate) kty: &'a str,
    pub(crate) kid: Option<&'a str>,
    pub(crate) use_: Option<&'a str>,
    pub(crate) alg: Option<&'a str>,
    pub(crate) key_ops: Option<Vec<&'a str>>,
}

/// Why the common members are unusable.
pub(crate) enum MemberError {
    /// A private or symmetric member is present.
    Private(&'static str),
    /// A member is missing (`kty`) or of the wrong type.
    Malformed(&'static str),
}

/// Reads `kty`, `kid`, `use`, `alg` and `key_ops`, after refusing private members.
pub(crate) fn read_members(jwk: &Map<String, Value>) -> Result<Members<'_>, MemberError> {
    if let Some(member) = PRIVATE_MEMBERS
        .into_iter()
        .find(|member| jwk.contains_key(*member))
    {
        return Err(MemberError::Private(member));
    }
    let text = |name: &'static str| match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.as_str())),
        Some(_) => Err(MemberError::Malformed(name)),
    };
    let kty = text("kty")?.ok_or(MemberError::Malformed("kty"))?;
    let key_ops = match jwk.get("key_ops") {
        None => None,
        Some(Value::Array(ops)) => Some(
            ops.iter()
                .map(Value::as_str)
                .collect::<Option<Vec<_>>>()
                .ok_or(MemberError::Malformed("key_ops"))?,
        ),
        Some(_) => return Err(MemberError::Malformed("key_ops")),
    };
    Ok(Members {
        kty,
        kid: text("kid")?,
        use_: text("use")?,
        alg: text("alg")?,
        key_ops,
    })
}
