//! An LRS receiving `POST /statements` through the front door: one call reads the whole HTTP request
//! (version negotiation, content type, limits, every statement rule under the negotiated version,
//! attachments and signatures) and gives either typed statements with their ids, ready to store, or
//! the response to send: here a `400` listing every problem with its code and where it is.
//!
//! ```sh
//! cargo run --example receive_statements
//! ```

use learnwire_xapi::lrs::{ReceiveOptions, StatementsRequest};

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

/// The second statement fixed; it has no id, so the LRS assigns one.
const FIXED: &str = r#"[
  {
    "id": "6f0c2a5e-3c1b-4a7e-9d5e-2b8f0c1d3e4f",
    "actor": {"mbox": "mailto:ada@example.com", "name": "Ada"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
    "object": {"id": "http://example.com/courses/workshop-safety"}
  },
  {
    "actor": {"mbox": "mailto:ada@example.com"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
    "object": {"id": "http://example.com/courses/workshop-safety/quiz"},
    "result": {"score": {"scaled": 0.9}}
  }
]"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = ReceiveOptions::default();
    for body in [BODY, FIXED] {
        let request = http::Request::post("/xapi/statements")
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json")
            .body(body.as_bytes().to_vec())?;
        // A batch is atomic: one bad statement refuses the whole request.
        let response = match StatementsRequest::from_http_request(&request, &options) {
            Ok(received) => {
                for statement in received.statements() {
                    // Store it here; every statement now has its id.
                    let id = statement.id.as_ref().map_or("", |id| id.as_str());
                    println!("store {id}: {}", statement.verb.id);
                }
                received.to_http_response()
            }
            Err(error) => {
                eprintln!("refused: {error}");
                error.to_http_response_for(&request, &options)
            }
        };
        println!(
            "{} {}\n",
            response.status(),
            String::from_utf8_lossy(response.body())
        );
    }
    Ok(())
}
