//! An LRS receiving `POST /statements`: validate the body under the negotiated xAPI version and answer
//! 200 with the ids, or 400 with every problem and where it is.
//!
//! ```sh
//! cargo run --example receive_statements
//! ```

use learnwire_xapi::{Options, XapiVersion, validate_statement_body};

/// A batch as a Learning Record Provider would send it: the second statement has two problems.
const BODY: &str = r#"[
  {
    "id": "6f0c2a5e-3c1b-4a7e-9d5e-2b8f0c1d3e4f",
    "actor": {"mbox": "mailto:ada@example.com", "name": "Ada"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
    "object": {"id": "http://example.com/courses/workshop-safety"},
    "result": {"completion": true, "duration": "PT12M30S"}
  },
  {
    "actor": {"mbox": "ada@example.com"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
    "object": {"id": "http://example.com/courses/workshop-safety/quiz"},
    "result": {"score": {"scaled": 1.5}}
  }
]"#;

fn main() {
    let options = Options::new(XapiVersion::V1_0_3);
    let verdict = validate_statement_body(BODY.as_bytes(), &options);
    if verdict.is_valid() {
        let ids: Vec<_> = verdict.statements.iter().map(|s| s.id.clone()).collect();
        println!("200 OK {ids:?}");
        return;
    }
    // A batch is atomic: one bad statement refuses the whole request.
    println!("400 Bad Request");
    for issue in verdict.flatten().issues() {
        println!("  {} at {}: {}", issue.code, issue.location, issue.message);
    }
}
