//! Fuzz target: arbitrary bytes as `cmi5.xml` (`learnwire_cmi5::check_course_structure`,
//! `parse_course_structure`) and as `tincan.xml` (`tincan::check_tincan`, `parse_tincan`).
//!
//! Oracle: `learnwire_testkit::cmi5::course_structure_oracle` (parse is `Ok` exactly when check has
//! no error, in each profile; strict validity implies lenient validity; registered codes with XML
//! locations; a valid course has unique ids within the node limit and safe AU urls; TinCan launches
//! are safe).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::cmi5::course_structure_oracle(data);
});
