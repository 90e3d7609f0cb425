//! The JOSE header of a compact JWS, checked in the order of RFC 8725 §3 before any key is looked at.

use std::collections::BTreeSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use crate::alg::Algorithm;
use crate::error::{JoseError, X5cProblem};
use learnwire_report::Untrusted;

/// Header members that carry a key or point at one: always refused. Keys come only from the caller
/// (RFC 8725 §3.10; CVE-2018-0114).
const KEY_MEMBERS: [&str; 3] = ["jwk", "jku", "x5u"];

/// Certificate members, refused unless the verifier reads `x5c` (LTI never trusts certificates).
const CERTIFICATE_MEMBERS: [&str; 2] = ["x5c", "x5t#S256"];

/// Header names registered by RFC 7515 and RFC 7518 (and RFC 7516 for JWE): never valid in `crit`
/// (RFC 7515 §4.1.11).
const REGISTERED: [&str; 17] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv",
];

/// A checked JOSE header: its `alg` is in the verifier's allow-list and no refused member is present.
///
/// # Example
///
/// ```
/// use learnwire_jose::{Algorithm, SigningKey, Verifier};
///
/// let key = SigningKey::generate(2048)?;
/// let header = serde_json::json!({ "kid": "k1", "typ": "JWT" });
/// let token = key.sign(Algorithm::Rs256, header.as_object().unwrap(), b"{}")?;
/// let read = Verifier::new(&[Algorithm::Rs256]).read(&token)?;
/// assert_eq!(read.header().alg(), Algorithm::Rs256);
/// assert_eq!(read.header().kid(), Some("k1"));
/// assert_eq!(read.header().typ(), Some("JWT"));
/// assert_eq!(read.header().x5c(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    alg: Algorithm,
    x5c: Option<Vec<Vec<u8>>>,
    members: Map<String, Value>,
}

impl Header {
    /// The algorithm (one of the verifier's).
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// `kid`, when present (a string: any other type was refused).
    pub fn kid(&self) -> Option<&str> {
        self.text("kid")
    }

    /// `typ`, when present (a string, not interpreted: the caller's profile decides).
    pub fn typ(&self) -> Option<&str> {
        self.text("typ")
    }

    /// `cty`, when present (a string; never `JWT`, which was refused).
    pub fn cty(&self) -> Option<&str> {
        self.text("cty")
    }

    /// The DER certificates of `x5c`, signer's first, when the verifier reads `x5c` and the header has
    /// it. Whether to trust them, and parsing them, are the caller's.
    pub fn x5c(&self) -> Option<&[Vec<u8>]> {
        self.x5c.as_deref()
    }

    /// A header member by name, as read.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// Every header member, as read.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }
}

/// What a verifier allows in a header.
pub(crate) struct HeaderPolicy<'a> {
    pub(crate) algorithms: &'a [Algorithm],
    pub(crate) read_x5c: bool,
    pub(crate) max_x5c: usize,
    pub(crate) critical: &'a [String],
    pub(crate) kid_required: bool,
}

/// The header checks, in order: `alg` (missing, `none`, HMAC, allow-list), embedded keys, `crit`, `b64`,
/// `typ` a string, `cty` a string that is not JWT, `kid` a string (and present when required), then
/// `x5c` when read.
pub(crate) fn check_header(
    members: Map<String, Value>,
    policy: &HeaderPolicy<'_>,
) -> Result<Header, JoseError> {
    let alg = check_alg(&members, policy.algorithms)?;
    let certificates: &[&'static str] = if policy.read_x5c {
        &[]
    } else {
        &CERTIFICATE_MEMBERS
    };
    if let Some(member) = KEY_MEMBERS
        .iter()
        .chain(certificates)
        .find(|member| members.contains_key(**member))
    {
        return Err(JoseError::EmbeddedKey { member });
    }
    if let Some(crit) = members.get("crit") {
        check_crit(crit, policy.critical)?;
    }
    if members
        .get("b64")
        .is_some_and(|b64| b64 != &Value::Bool(true))
    {
        return Err(JoseError::UnsupportedCritical {
            name: Untrusted::new("b64"),
        });
    }
    if members.get("typ").is_some_and(|typ| !typ.is_string()) {
        return Err(JoseError::InvalidHeaderMember { name: "typ" });
    }
    match members.get("cty") {
        None => {}
        Some(Value::String(cty)) if is_nested_jwt(cty) => {
            return Err(JoseError::NestedJwt {
                cty: Untrusted::new(cty),
            });
        }
        Some(Value::String(_)) => {}
        Some(_) => return Err(JoseError::InvalidHeaderMember { name: "cty" }),
    }
    match members.get("kid") {
        None if policy.kid_required => {
            return Err(JoseError::MissingHeaderMember { name: "kid" });
        }
        None | Some(Value::String(_)) => {}
        Some(_) => return Err(JoseError::InvalidHeaderMember { name: "kid" }),
    }
    let x5c = match members.get("x5c") {
        Some(list) if policy.read_x5c => Some(read_x5c(list, policy.max_x5c)?),
        _ => None,
    };
    Ok(Header { alg, x5c, members })
}

fn check_alg(members: &Map<String, Value>, allowed: &[Algorithm]) -> Result<Algorithm, JoseError> {
    let name = match members.get("alg") {
        None => return Err(JoseError::MissingHeaderMember { name: "alg" }),
        Some(Value::String(name)) => name.as_str(),
        Some(_) => return Err(JoseError::InvalidHeaderMember { name: "alg" }),
    };
    if name.eq_ignore_ascii_case("none") {
        return Err(JoseError::UnsecuredJws);
    }
    if matches!(name, "HS256" | "HS384" | "HS512") {
        return Err(JoseError::HmacAlgorithm {
            alg: Untrusted::new(name),
        });
    }
    Algorithm::from_name(name)
        .filter(|alg| allowed.contains(alg))
        .ok_or_else(|| JoseError::AlgorithmNotAllowed {
            found: Untrusted::new(name),
        })
}

/// True when a `cty` names a JWT: `JWT`, or `application/jwt` (RFC 7515 §4.1.10: a value without `/`
/// is read with `application/` in front), in any letter case (media types are case-insensitive), with
/// or without parameters and spaces (fail closed: anything that could mean JWT counts).
fn is_nested_jwt(cty: &str) -> bool {
    let media_type = cty.split(';').next().unwrap_or_default().trim();
    let subtype = match media_type.split_once('/') {
        Some((kind, subtype)) if kind.trim().eq_ignore_ascii_case("application") => subtype.trim(),
        Some(_) => return false,
        None => media_type,
    };
    subtype.eq_ignore_ascii_case("jwt")
}

/// `crit` (RFC 7515 §4.1.11): a non-empty array of distinct strings, none a registered name, each one
/// the verifier understands.
fn check_crit(crit: &Value, understood: &[String]) -> Result<(), JoseError> {
    let invalid = || JoseError::InvalidHeaderMember { name: "crit" };
    let names = crit
        .as_array()
        .filter(|names| !names.is_empty())
        .ok_or_else(invalid)?
        .iter()
        .map(Value::as_str)
        .collect::<Option<Vec<&str>>>()
        .ok_or_else(invalid)?;
    // A set, not pairwise comparison: the list length is the attacker's.
    if names.iter().collect::<BTreeSet<_>>().len() != names.len() {
        return Err(invalid());
    }
    let refused = names.into_iter().find(|name| {
        REGISTERED.contains(name) || *name == "b64" || !understood.iter().any(|known| known == name)
    });
    match refused {
        Some(name) => Err(JoseError::UnsupportedCritical {
            name: Untrusted::new(name),
        }),
        None => Ok(()),
    }
}

/// `x5c` (RFC 7515 §4.1.6): a non-empty array, within the limit, of standard (not URL-safe) padded
/// base64 DER certificates.
fn read_x5c(list: &Value, max: usize) -> Result<Vec<Vec<u8>>, JoseError> {
    let problem = |problem| JoseError::X5c { problem };
    let list = list.as_array().ok_or(problem(X5cProblem::NotAnArray))?;
    if list.is_empty() {
        return Err(problem(X5cProblem::Empty));
    }
    if list.len() > max {
        return Err(problem(X5cProblem::TooMany {
            count: list.len(),
            limit: max,
        }));
    }
    list.iter()
        .enumerate()
        .map(|(index, entry)| {
            entry
                .as_str()
                .and_then(|text| STANDARD.decode(text).ok())
                .ok_or(problem(X5cProblem::NotBase64 { index }))
        })
        .collect()
}
