//! The one place state, nonce and jti values come from: 256 bits of the system CSPRNG (aws-lc-rs).

use aws_lc_rs::rand::{SecureRandom as _, SystemRandom};

use learnwire_jose::base64url;

/// 32 random bytes as unpadded base64url (43 characters), or `None` if the generator fails.
pub(crate) fn random_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).ok()?;
    Some(base64url::encode(bytes))
}
