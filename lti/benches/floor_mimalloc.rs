//! The floor of `lti/benches/e2e.sh` (`jsonwebtoken::decode` on each line of a file of launches) built
//! with mimalloc, the allocator the `learnwire` binary uses, so that the end-to-end comparison can be
//! made allocator for allocator: `LEARNWIRE_LTI_FLOOR=DIR <this binary>` (DIR holds `jwks.json` and
//! `launches.jwt`). Without the variable (as under `cargo bench`) it does nothing.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "a bench program on files the script wrote; a panic is a broken bench"
)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "e2e/floor.rs"]
mod floor;

fn main() {
    match std::env::var("LEARNWIRE_LTI_FLOOR") {
        Ok(dir) => floor::decode_lines(std::path::Path::new(&dir)),
        Err(_) => println!("floor_mimalloc: nothing to do (lti/benches/e2e.sh runs it)"),
    }
}
