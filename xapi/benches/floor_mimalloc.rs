//! The floor of `xapi/benches/e2e.sh` (`serde_json::from_slice::<Value>` on each line of a JSON Lines
//! file) built with mimalloc, the allocator the `learnwire` binary uses, so that the end-to-end
//! comparison can be made allocator for allocator: `LEARNWIRE_XAPI_FLOOR=FILE <this binary>`.
//! Without the variable (as under `cargo bench`) it does nothing.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "a bench program on a file the script wrote; a panic is a broken bench"
)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "e2e/floor.rs"]
mod floor;

fn main() {
    match std::env::var("LEARNWIRE_XAPI_FLOOR") {
        Ok(path) => floor::floor_lines(&path),
        Err(_) => println!("floor_mimalloc: nothing to do (xapi/benches/e2e.sh runs it)"),
    }
}
