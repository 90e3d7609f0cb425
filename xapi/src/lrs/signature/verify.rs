//! Verifying signed statements (Data §2.6 "LRS Requirements").

use std::collections::BTreeMap;

use learnwire_jose::{JoseError, KeyPolicy, KeyProblem, Part, RsaPublicKey, UnverifiedJws};
use learnwire_report::quote;
use serde_json::{Map, Value};

use super::error::SignatureError;
use super::jws::{JwsRules, SignatureAlgorithm, from_jose, read_jws};
use super::key::VerificationKey;
use super::x5c::{Certificate, read_x5c};
use crate::equivalence::{EquivalenceOptions, statements_equivalent_with};
use crate::multipart::matching::{is_hex_digest, sha2_hex};
use crate::multipart::{
    DeclaredAttachment, SIGNATURE_USAGE_TYPE, StatementRequest, parse_media_type,
};

const OCTET_STREAM: &str = "application/octet-stream";

/// Largest RSA modulus accepted from `x5c` (bounds the cost of one verification).
const MAX_RSA_BITS: usize = 8192;

/// What a signature must satisfy. Private fields, secure defaults, setters.
///
/// | setting | default |
/// |---|---|
/// | algorithms | RS256, RS384, RS512 |
/// | [`min_rsa_bits`](Self::min_rsa_bits) (x5c keys; signature length without x5c) | 2048 (at most 8192 are ever accepted; below 2048 through [`KeyPolicy::danger_with_min_bits`], never below 1024) |
/// | [`max_jws_len`](Self::max_jws_len) | 64 KiB |
/// | [`max_certificates`](Self::max_certificates) in `x5c` | 10 |
/// | trusted keys | none |
/// | [`require_key`](Self::require_key) | false (Data §2.6: only `x5c` must be checked) |
/// | [`with_xapi_version`](Self::with_xapi_version) | 1.0.3 comparison (durations as strings) |
/// | [`with_certificate_time`](Self::with_certificate_time) | validity periods not checked |
#[derive(Debug, Clone)]
pub struct SignaturePolicy {
    algorithms: Vec<SignatureAlgorithm>,
    min_rsa_bits: usize,
    max_jws_len: usize,
    max_certificates: usize,
    trusted_keys: Vec<VerificationKey>,
    require_key: bool,
    durations_at_hundredths: bool,
    certificate_time: Option<chrono::DateTime<chrono::Utc>>,
}

impl Default for SignaturePolicy {
    fn default() -> Self {
        Self {
            algorithms: SignatureAlgorithm::ALL.to_vec(),
            min_rsa_bits: 2048,
            max_jws_len: 64 << 10,
            max_certificates: 10,
            trusted_keys: Vec::new(),
            require_key: false,
            durations_at_hundredths: false,
            certificate_time: None,
        }
    }
}

impl SignaturePolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }
    /// Restricts the allowed algorithms (only RS256/384/512 can ever be allowed).
    #[must_use]
    pub fn with_algorithms(mut self, algorithms: &[SignatureAlgorithm]) -> Self {
        self.algorithms = algorithms.to_vec();
        self
    }
    /// Sets the smallest RSA modulus accepted from `x5c`. Without `x5c`, a signature shorter than this
    /// (and than every trusted key's modulus) is malformed, since no accepted key could have made it.
    /// Below 2048 bits the `x5c` key is read under [`KeyPolicy::danger_with_min_bits`], whose floor is
    /// 1024 bits: a smaller key is refused as weak whatever this says.
    #[must_use]
    pub fn with_min_rsa_bits(mut self, bits: usize) -> Self {
        self.min_rsa_bits = bits;
        self
    }
    /// Sets the longest JWS accepted, in bytes.
    #[must_use]
    pub fn with_max_jws_len(mut self, bytes: usize) -> Self {
        self.max_jws_len = bytes;
        self
    }
    /// Adds a key to verify signatures without `x5c` with.
    #[must_use]
    pub fn with_trusted_key(mut self, key: VerificationKey) -> Self {
        self.trusted_keys.push(key);
        self
    }
    /// Refuses signatures that no key verified (no `x5c` and no trusted key).
    #[must_use]
    pub fn require_key(mut self, require: bool) -> Self {
        self.require_key = require;
        self
    }
    /// Compares the payload as xAPI `version` does: under 2.0, durations at hundredths of a second
    /// (an LRS may truncate them), see [`EquivalenceOptions::durations_at_hundredths`].
    #[must_use]
    pub fn with_xapi_version(mut self, version: crate::XapiVersion) -> Self {
        self.durations_at_hundredths = version == crate::XapiVersion::V2_0_0;
        self
    }
    /// Refuses `x5c` chains with a certificate that is not valid at `now` (time is the caller's). Off by
    /// default: Data §2.6 uses `x5c` to catch mistakes, and statements are often verified long after
    /// they were signed.
    #[must_use]
    pub fn with_certificate_time(mut self, now: chrono::DateTime<chrono::Utc>) -> Self {
        self.certificate_time = Some(now);
        self
    }
    /// True when payloads are compared as `version` compares them.
    pub(crate) fn compares_as(&self, version: crate::XapiVersion) -> bool {
        self.durations_at_hundredths == (version == crate::XapiVersion::V2_0_0)
    }
    /// The smallest RSA modulus accepted from `x5c`, in bits.
    pub fn min_rsa_bits(&self) -> usize {
        self.min_rsa_bits
    }
    /// The `learnwire-jose` key policy `x5c` keys are read under: at least
    /// [`min_rsa_bits`](Self::min_rsa_bits) (through [`KeyPolicy::danger_with_min_bits`] below 2048),
    /// at most 8192 bits, e = 65537.
    pub fn key_policy(&self) -> KeyPolicy {
        if self.min_rsa_bits < 2048 {
            KeyPolicy::default().danger_with_min_bits(self.min_rsa_bits)
        } else {
            KeyPolicy::default().with_min_bits(self.min_rsa_bits)
        }
    }
    /// The longest JWS accepted, in bytes.
    pub fn max_jws_len(&self) -> usize {
        self.max_jws_len
    }
    /// The most certificates accepted in `x5c`.
    pub fn max_certificates(&self) -> usize {
        self.max_certificates
    }
}

/// Which key verified a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeySource {
    /// The first certificate of the JWS `x5c` header.
    X5c,
    /// The trusted key at this index of the policy.
    TrustedKey(usize),
    /// No key was available: only the form and the payload equivalence were checked.
    None,
}

/// A signature that passed every check of the policy.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CheckedSignature {
    /// 0-based index of the statement in its request.
    pub statement: usize,
    /// The JWS algorithm.
    pub algorithm: SignatureAlgorithm,
    /// Which key verified the signature.
    pub key_source: KeySource,
    /// The `x5c` chain as sent (empty without `x5c`); trusting it is the caller's decision.
    pub certificates: Vec<Certificate>,
    /// The signed statement (the JWS payload).
    pub payload: Value,
}

/// Checks a statement against its JWS signature (the bytes of its signature attachment).
///
/// `statement` is the statement as received, with its signature attachment: exactly one, with
/// `contentType` `application/octet-stream` and the `sha2` and `length` of `jws`.
///
/// # Errors
///
/// The first [`SignatureError`] found, in the order listed in [the module docs](crate::signature).
///
/// # Example
///
/// ```
/// use learnwire_xapi::signature::{sign_statement, verify_signed_statement, KeySource, SignatureAlgorithm,
///     SignaturePolicy, SigningKey, VerificationKey};
/// use serde_json::json;
///
/// let key = SigningKey::from_rsa_pem(include_bytes!("../../../testdata/signature/signer.key.pem"))?;
/// let statement = json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
///                        "object": {"id": "http://x/a"}});
/// let signed = sign_statement(&statement, &key, SignatureAlgorithm::Rs256, &[])?;
/// let trusted = VerificationKey::from_rsa_pem(include_bytes!("../../../testdata/signature/signer.pub.pem"))?;
/// let policy = SignaturePolicy::new().with_trusted_key(trusted);
/// let checked = verify_signed_statement(&signed.statement, signed.jws.as_bytes(), &policy)?;
/// assert_eq!(checked.key_source, KeySource::TrustedKey(0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_signed_statement(
    statement: &Value,
    jws: &[u8],
    policy: &SignaturePolicy,
) -> Result<CheckedSignature, SignatureError> {
    let rules = JwsRules {
        algorithms: &policy.algorithms,
        max_len: policy.max_jws_len,
        max_certificates: policy.max_certificates,
        max_depth: crate::Limits::default().effective_depth(),
    };
    let unverified = read_jws(jws, &rules)?;
    let algorithm = SignatureAlgorithm::from_jose(unverified.header().alg()).ok_or(
        SignatureError::UnsupportedAlgorithm {
            alg: quote(unverified.header().alg().as_str()),
        },
    )?;
    let (certificates, key_source, payload) = verify_crypto(&unverified, policy)?;
    check_attachment(statement, jws)?;
    let payload = Value::Object(payload?);
    let options = EquivalenceOptions::new()
        .with_attachments(true)
        .with_durations_at_hundredths(policy.durations_at_hundredths);
    let received = without_signature(statement);
    let signed = without_signature(&payload);
    if !statements_equivalent_with(&signed, &received, options) {
        return Err(SignatureError::SignatureMismatch);
    }
    Ok(CheckedSignature {
        statement: 0,
        algorithm,
        key_source,
        certificates,
        payload,
    })
}

/// Checks every signed statement of a `multipart/mixed` request: the signature attachment rules, then
/// [`verify_signed_statement`]. Statements without a signature attachment are skipped.
///
/// # Errors
///
/// The first [`SignatureError`] of any statement.
pub fn verify_request_signatures(
    request: &StatementRequest<'_>,
    policy: &SignaturePolicy,
) -> Result<Vec<CheckedSignature>, SignatureError> {
    let mut by_statement: BTreeMap<usize, Vec<&DeclaredAttachment>> = BTreeMap::new();
    for attachment in request.declared.iter().filter(|att| att.is_signature()) {
        by_statement
            .entry(attachment.statement)
            .or_default()
            .push(attachment);
    }
    let mut checked = Vec::new();
    for (index, signatures) in by_statement {
        let (Some(attachment), None) = (signatures.first(), signatures.get(1)) else {
            return Err(SignatureError::MultipleSignatures { statement: index });
        };
        let Some(statement) = request.statements.get(index) else {
            continue;
        };
        check_octet_stream(attachment.content_type.as_deref().unwrap_or(""))?;
        let part =
            request
                .part_for(&attachment.sha2)
                .ok_or_else(|| SignatureError::MissingPart {
                    sha2: quote(&attachment.sha2),
                })?;
        if let Some(found) = part.content_type {
            check_octet_stream(found)?;
        }
        let mut result = verify_signed_statement(statement, part.content, policy)?;
        result.statement = index;
        checked.push(result);
    }
    Ok(checked)
}

/// The statement's one signature attachment must be `application/octet-stream` and describe `jws`.
fn check_attachment(statement: &Value, jws: &[u8]) -> Result<(), SignatureError> {
    let mut signatures = statement
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|att| att.get("usageType").and_then(Value::as_str) == Some(SIGNATURE_USAGE_TYPE));
    let attachment = signatures
        .next()
        .ok_or(SignatureError::NoSignatureAttachment)?;
    if signatures.next().is_some() {
        return Err(SignatureError::MultipleSignatures { statement: 0 });
    }
    check_octet_stream(
        attachment
            .get("contentType")
            .and_then(Value::as_str)
            .unwrap_or(""),
    )?;
    let sha2 = attachment.get("sha2").and_then(Value::as_str).unwrap_or("");
    if !is_hex_digest(sha2) || !sha2_hex(sha2.len(), jws).eq_ignore_ascii_case(sha2) {
        return Err(SignatureError::AttachmentMismatch { field: "sha2" });
    }
    let length = attachment.get("length").and_then(Value::as_u64);
    if length != u64::try_from(jws.len()).ok() {
        return Err(SignatureError::AttachmentMismatch { field: "length" });
    }
    Ok(())
}

/// Whether `content_type` is `application/octet-stream`, the content type of every signature (Data §2.6):
/// type and subtype compared case-insensitively (RFC 2045 §5.1), parameters allowed. The statement
/// validator applies the same test to a signature attachment's `contentType`.
pub(crate) fn is_octet_stream(content_type: &str) -> bool {
    parse_media_type(content_type).is_some_and(|media| media.is(OCTET_STREAM))
}

fn check_octet_stream(content_type: &str) -> Result<(), SignatureError> {
    if is_octet_stream(content_type) {
        Ok(())
    } else {
        Err(SignatureError::ContentType {
            found: quote(content_type),
        })
    }
}

/// The payload object once the signature verified (or, without a key, once the form was checked), or
/// why it is not a statement: reported after the attachment checks, as before the JOSE layer moved.
type Payload = Result<Map<String, Value>, SignatureError>;

fn verify_crypto(
    jws: &UnverifiedJws<'_>,
    policy: &SignaturePolicy,
) -> Result<(Vec<Certificate>, KeySource, Payload), SignatureError> {
    let signature_len = jws.signature().len();
    if let Some(chain) = jws.header().x5c() {
        let (certificates, leaf) = read_x5c(chain)?;
        if let Some(now) = policy.certificate_time
            && !certificates.iter().all(|cert| cert.is_valid_at(now))
        {
            return Err(SignatureError::Certificate {
                reason: "a certificate is not valid at the time given",
            });
        }
        let bits = certificates.first().map_or(0, |cert| cert.rsa_bits);
        if bits > MAX_RSA_BITS {
            return Err(SignatureError::Certificate {
                reason: "the x5c RSA key is larger than 8192 bits",
            });
        }
        if bits < policy.min_rsa_bits {
            return Err(SignatureError::WeakKey {
                bits,
                min: policy.min_rsa_bits,
            });
        }
        let key = RsaPublicKey::from_der(&leaf, &policy.key_policy()).map_err(x5c_key_error)?;
        if signature_len != key.modulus_len() {
            return Err(SignatureError::Malformed {
                reason: "the signature is not as long as the x5c key's modulus",
            });
        }
        return match verified(jws, &key) {
            Some(payload) => Ok((certificates, KeySource::X5c, payload)),
            None => Err(SignatureError::BadSignature),
        };
    }
    check_signature_len(signature_len, policy)?;
    if policy.trusted_keys.is_empty() {
        return if policy.require_key {
            Err(SignatureError::NoKey)
        } else {
            let payload = jws.danger_unverified_claims().map_err(from_jose);
            Ok((Vec::new(), KeySource::None, payload))
        };
    }
    policy
        .trusted_keys
        .iter()
        .enumerate()
        .filter(|(_, key)| key.modulus_len() == signature_len)
        .find_map(|(index, key)| {
            verified(jws, key.public_key())
                .map(|payload| (Vec::new(), KeySource::TrustedKey(index), payload))
        })
        .ok_or(SignatureError::BadSignature)
}

/// `Some` (with the payload, or why it is not a statement) when `key` verifies the signature; `None`
/// when it does not.
fn verified(jws: &UnverifiedJws<'_>, key: &RsaPublicKey) -> Option<Payload> {
    match jws.verify(key) {
        Ok(verified) => Some(Ok(verified.into_parts().1)),
        Err(
            error @ (JoseError::Base64 {
                part: Part::Payload,
            }
            | JoseError::Json {
                part: Part::Payload,
                ..
            }
            | JoseError::NotAnObject {
                part: Part::Payload,
            }),
        ) => Some(Err(from_jose(error))),
        Err(_) => None,
    }
}

/// Why the first `x5c` certificate's key cannot be used.
fn x5c_key_error(error: JoseError) -> SignatureError {
    match error {
        JoseError::KeyRejected {
            problem: KeyProblem::Size { bits, min, .. },
            ..
        } if bits < min => SignatureError::WeakKey { bits, min },
        JoseError::KeyRejected {
            problem: KeyProblem::Exponent,
            ..
        } => SignatureError::Certificate {
            reason: "the x5c RSA key's public exponent is not 65537",
        },
        _ => SignatureError::Certificate {
            reason: "the first x5c certificate has no usable RSA key",
        },
    }
}

/// Without `x5c`: an RS256/384/512 signature is exactly as long as the signer's RSA modulus
/// (RFC 8017 §8.2.2), so one whose length fits no key this policy could accept is malformed, even
/// when no key is there to verify it: shorter than [`SignaturePolicy::min_rsa_bits`] (and than
/// every trusted key), or longer than 8192 bits (and than every trusted key).
fn check_signature_len(
    signature_len: usize,
    policy: &SignaturePolicy,
) -> Result<(), SignatureError> {
    let trusted = policy.trusted_keys.iter().map(VerificationKey::modulus_len);
    let shortest = trusted
        .clone()
        .fold(policy.min_rsa_bits.div_ceil(8), usize::min);
    let longest = trusted.fold(MAX_RSA_BITS / 8, usize::max);
    if (shortest..=longest).contains(&signature_len) {
        Ok(())
    } else {
        Err(SignatureError::Malformed {
            reason: "the signature's length is not that of an RSA key this policy accepts",
        })
    }
}

/// The statement without its signature attachment(s); an `attachments` array left empty is removed.
fn without_signature(statement: &Value) -> Value {
    let mut statement = statement.clone();
    if let Some(map) = statement.as_object_mut() {
        let now_empty = match map.get_mut("attachments") {
            Some(Value::Array(list)) => {
                list.retain(|att| {
                    att.get("usageType").and_then(Value::as_str) != Some(SIGNATURE_USAGE_TYPE)
                });
                list.is_empty()
            }
            _ => false,
        };
        if now_empty {
            map.remove("attachments");
        }
    }
    statement
}
