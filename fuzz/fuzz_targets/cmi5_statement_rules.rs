//! Fuzz target: a recorded cmi5 AU session judged statement by statement
//! (`learnwire_cmi5::session::SessionJudge`, fixed launch).
//! Input: a JSON array of statements, or one statement.
//!
//! Oracles: `learnwire_testkit::cmi5_session::statement_rules_oracle` (deterministic verdicts, every
//! code registered and located, the accepted statements obey the ordering rules, progress is what the
//! accepted statements say).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::cmi5_session::statement_rules_oracle(data);
});
