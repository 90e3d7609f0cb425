//! Property tests: canonical base64url round trips, and no input makes reading or verifying panic.

use learnwire_jose::{Algorithm, Limits, Verifier, base64url, read_json};
use proptest::prelude::*;

use crate::support::*;

proptest! {
    #[test]
    fn base64url_round_trips_and_has_one_spelling(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = base64url::encode(&bytes);
        prop_assert_eq!(base64url::decode(&text).unwrap(), bytes);
        prop_assert!(!text.contains(['=', '+', '/']));
    }

    #[test]
    fn whatever_decodes_re_encodes_to_the_same_text(text in "[A-Za-z0-9_=+/-]{0,64}") {
        if let Ok(bytes) = base64url::decode(&text) {
            prop_assert_eq!(base64url::encode(bytes), text);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let verifier = Verifier::new(&Algorithm::ALL).with_x5c(true);
        let _ = verifier.verify_with_set(&bytes, &platform_set());
        let _ = read_json(&bytes, &Limits::default());
    }

    #[test]
    fn arbitrary_segments_never_panic(
        header in "\\{[ -~]{0,40}\\}",
        payload in "[ -~]{0,40}",
        signature in proptest::collection::vec(any::<u8>(), 0..300),
        dots in 0usize..4,
    ) {
        let mut token = format!("{}.{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()), b64(&signature));
        token.push_str(&".".repeat(dots));
        let verifier = Verifier::new(&Algorithm::ALL).with_x5c(true);
        if let Ok(read) = verifier.read(&token) {
            let _ = read.verify(platform_key().public_key());
            let _ = read.danger_unverified_claims();
        }
    }

    #[test]
    fn mutated_valid_tokens_never_verify(index in 0usize..400, byte in any::<u8>()) {
        let token = sign_header(&serde_json::json!({ "alg": "RS256", "kid": KID }));
        let mut bytes = token.into_bytes();
        let at = index % bytes.len();
        prop_assume!(bytes[at] != byte);
        bytes[at] = byte;
        prop_assert!(rs256().verify_with_set(&bytes, &platform_set()).is_err());
    }
}
