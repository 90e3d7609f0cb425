//! `learnwire-lrs`: a Learning Record Store built from `learnwire-xapi` (issue #11, in progress).

#![forbid(unsafe_code)]

fn main() {
    eprintln!("learnwire-lrs: not built yet (issue #11)");
    std::process::exit(2);
}
