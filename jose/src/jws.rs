//! Compact JWS: strict reading, header checks, verification and signing.

mod header;
mod read;
mod sign;
mod verify;

pub use header::Header;
pub use read::{UnverifiedJws, Verifier};
pub(crate) use sign::compact;
pub use verify::VerifiedJws;
