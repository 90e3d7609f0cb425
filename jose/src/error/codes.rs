//! The registry of every stable code this crate reports.

use learnwire_report::CodeInfo;

const fn info(code: &'static str, summary: &'static str, reference: &'static str) -> CodeInfo {
    CodeInfo::error(code, summary, reference)
}

/// Every code of [`JoseError`](crate::JoseError), [`KeyProblem`](crate::KeyProblem) and
/// [`JsonError`](crate::JsonError). Codes are never renamed or reused; new ones are added here.
///
/// # Example
///
/// ```
/// use learnwire_jose::CODES;
///
/// let none = CODES.iter().find(|info| info.code.as_str() == "jose.jws.alg-none").unwrap();
/// assert!(none.reference.contains("RFC 8725"));
/// ```
pub const CODES: &[CodeInfo] = &[
    info(
        "jose.json.too-large",
        "JSON document longer than the limit",
        "RFC 8725 §3.12 (limits); Learnwire security catalogue §0",
    ),
    info(
        "jose.json.too-deep",
        "JSON nests deeper than the limit",
        "RFC 8259 §9 (implementations may limit nesting)",
    ),
    info(
        "jose.json.duplicate-member",
        "JSON object repeats a member name",
        "RFC 8259 §4; RFC 7493 §2.3; RFC 7515 §5.2 step 4",
    ),
    info(
        "jose.json.syntax",
        "not valid JSON (syntax, UTF-8, surrogates, number range, trailing data)",
        "RFC 8259 §2–§8",
    ),
    info(
        "jose.jws.too-large",
        "compact JWS longer than the limit",
        "RFC 8725 §3.12; Learnwire security catalogue LTI-44",
    ),
    info(
        "jose.jws.json-serialization",
        "JWS JSON serialization; only the compact one is read",
        "RFC 7515 §7.1, §7.2",
    ),
    info(
        "jose.jws.segments",
        "compact JWS without exactly three segments (JWE has five)",
        "RFC 7515 §7.1; RFC 7516 §7.1",
    ),
    info(
        "jose.jws.base64",
        "segment not canonical unpadded base64url",
        "RFC 7515 §2, §7.1; RFC 4648 §3.5, §5",
    ),
    info(
        "jose.jws.not-object",
        "header or payload is JSON but not an object",
        "RFC 7515 §4; RFC 7519 §7.2 step 10",
    ),
    info(
        "jose.jws.alg-none",
        "alg none (any case): unsecured JWS",
        "RFC 8725 §2.1, §3.1; RFC 7518 §3.6",
    ),
    info(
        "jose.jws.alg-hmac",
        "HMAC alg (HS256/384/512) refused: key confusion",
        "RFC 8725 §2.1, §3.1; CVE-2015-9235",
    ),
    info(
        "jose.jws.alg-not-allowed",
        "alg not in the verifier's allow-list",
        "RFC 8725 §3.1; RFC 7515 §5.2 step 6",
    ),
    info(
        "jose.jws.header-missing",
        "required header member missing (alg; kid with a key set)",
        "RFC 7515 §4.1.1; RFC 8725 §3.1",
    ),
    info(
        "jose.jws.header-type",
        "header member of the wrong JSON type",
        "RFC 7515 §4.1",
    ),
    info(
        "jose.jws.embedded-key",
        "header carries a key or key location (jwk, jku, x5u, x5c)",
        "RFC 8725 §3.10; RFC 7515 §4.1.2–§4.1.6; CVE-2018-0114",
    ),
    info(
        "jose.jws.crit",
        "crit lists an extension not understood, or b64 is not true",
        "RFC 7515 §4.1.11; RFC 7797 §3, §6",
    ),
    info(
        "jose.jws.nested",
        "cty JWT: nested token refused",
        "RFC 7519 §5.2, §7.2 step 8; RFC 7515 §4.1.10",
    ),
    info(
        "jose.jws.x5c",
        "x5c not a non-empty array of standard base64 within the limit",
        "RFC 7515 §4.1.6",
    ),
    info(
        "jose.jws.signature-missing",
        "empty signature segment",
        "RFC 7515 §7.1; RFC 8725 §3.1",
    ),
    info(
        "jose.jws.signature-length",
        "signature length differs from the key's modulus length",
        "RFC 8017 §8.2.2 step 1",
    ),
    info(
        "jose.jws.signature",
        "signature does not verify",
        "RFC 7515 §5.2 step 8; RFC 7518 §3.3",
    ),
    info(
        "jose.jwk.kty",
        "key type not RSA",
        "RFC 7517 §4.1; RFC 7518 §6.1",
    ),
    info("jose.jwk.use", "JWK use is not sig", "RFC 7517 §4.2"),
    info(
        "jose.jwk.key-ops",
        "JWK key_ops does not list verify",
        "RFC 7517 §4.3",
    ),
    info(
        "jose.jwk.alg",
        "JWK alg is not RS256, RS384 or RS512",
        "RFC 7517 §4.4; RFC 7518 §3.1",
    ),
    info(
        "jose.jwk.alg-mismatch",
        "key restricted to another alg than the token's",
        "RFC 7517 §4.4; RFC 8725 §3.1",
    ),
    info(
        "jose.jwk.leading-zero",
        "n or e with a leading zero octet",
        "RFC 7518 §2 (Base64urlUInt), §6.3.1",
    ),
    info(
        "jose.jwk.malformed",
        "n or e missing, not base64url, zero or even; DER key unreadable",
        "RFC 7518 §6.3.1; RFC 8017 §3.1",
    ),
    info(
        "jose.jwk.exponent",
        "public exponent is not 65537",
        "Learnwire security catalogue LTI-18; RFC 8017 §3.1",
    ),
    info(
        "jose.jwk.size",
        "modulus size outside the policy (2048–8192 bits by default)",
        "RFC 7518 §3.3; RFC 8725 §3.5",
    ),
    info(
        "jose.jwk.private-member",
        "public key with a private member (d, p, q, dp, dq, qi, oth) or k",
        "RFC 7518 §6.3.2, §6.4; RFC 7517 §5",
    ),
    info(
        "jose.jwks.shape",
        "JWKS not an object with a keys array of objects",
        "RFC 7517 §5",
    ),
    info(
        "jose.jwks.too-many-keys",
        "JWKS has more keys than the limit",
        "Learnwire security catalogue LTI-52",
    ),
    info(
        "jose.jwks.malformed-key",
        "JWKS key without kty, or a member of the wrong type",
        "RFC 7517 §4, §5",
    ),
    info(
        "jose.jwks.duplicate-kid",
        "two JWKS keys share a kid",
        "RFC 7517 §4.5; RFC 8725 §3.10",
    ),
    info(
        "jose.jwks.unknown-kid",
        "no key with the token's kid",
        "RFC 7515 §4.1.4; 1EdTech Security Framework §6.3",
    ),
    info("jose.key.pem", "not a PEM document", "RFC 7468 §2"),
    info(
        "jose.key.pem-label",
        "PEM label not one the operation reads",
        "RFC 7468 §4, §10, §13",
    ),
    info(
        "jose.key.rejected",
        "private key refused by aws-lc-rs",
        "RFC 5208 §5; RFC 8017 §A.1.2",
    ),
    info(
        "jose.key.generate",
        "RSA key generation failed or size unsupported",
        "RFC 7518 §3.3",
    ),
    info(
        "jose.key.encode",
        "key could not be serialised",
        "RFC 5208 §5",
    ),
    info(
        "jose.sign.header",
        "signing header sets alg or a member the reader refuses",
        "RFC 7515 §4.1; RFC 8725 §3.10",
    ),
    info(
        "jose.sign.failed",
        "the signing operation failed",
        "RFC 7515 §5.1",
    ),
];
