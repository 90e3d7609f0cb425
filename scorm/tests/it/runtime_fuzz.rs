//! The `scorm_runtime` fuzz target's oracle on its committed seeds and on a few thousand
//! pseudo-random inputs (a stable stand-in for a fuzz run).

use learnwire_testkit::scorm::runtime::runtime_oracle;
use learnwire_testkit::seeds::seeds;

#[test]
fn scorm_runtime_seeds_pass_the_oracle() {
    let seeds = seeds("scorm_runtime");
    assert!(seeds.len() >= 5);
    for (name, bytes) in seeds {
        let outcome = std::panic::catch_unwind(|| runtime_oracle(&bytes));
        assert!(outcome.is_ok(), "seed {name}");
    }
}

#[test]
fn pseudo_random_call_sequences_pass_the_oracle() {
    let mut state: u64 = 0x5eed_cafe_f00d_1234;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for run in 0..20000 {
        let len = (next() % 400) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (next() % 256) as u8).collect();
        let outcome = std::panic::catch_unwind(|| runtime_oracle(&bytes));
        assert!(outcome.is_ok(), "run {run}: {bytes:?}");
    }
}
