//! The codes of request parameters (statement queries, the Agents, Activities and document resources,
//! `statementId` of a PUT, `more` cursors), each a constant, listed in [`PARAMETER_CODES`].

use learnwire_report::{Code, CodeInfo};

/// Declares each code as a `Code` constant and lists them all, with summary and reference, in one table.
macro_rules! parameter_codes {
    ($( $name:ident => $code:literal, $summary:literal, $reference:literal; )*) => {
        $( pub(crate) const $name: Code = Code::new($code); )*

        /// Every code of request parameters (statement queries, the Agents, Activities and document
        /// resources, `statementId` of a PUT, `more` cursors), with its summary and spec reference (part
        #[doc = "of the crate's [`CODES`](crate::CODES))."]
        pub const PARAMETER_CODES: &[CodeInfo] = &[
            $( CodeInfo::error($code, $summary, $reference), )*
        ];
    };
}

parameter_codes! {
    UNKNOWN => "xapi.query.unknown-parameter",
        "a parameter the resource does not define, or in the wrong case", "Communication §3.2; R-P05";
    MISSING => "xapi.query.missing-parameter", "a required parameter is missing", "Communication §2; R-P03";
    DUPLICATE => "xapi.query.duplicate-parameter", "a parameter is repeated", "Communication §3.2";
    ENCODING => "xapi.query.encoding", "a parameter is not UTF-8 once percent-decoded", "RFC 3986 §2.1";
    TOO_LONG => "xapi.query.too-long", "the query string is too long or has too many parameters", "limit";
    UUID => "xapi.query.uuid", "a parameter is not a hyphenated UUID", "Data 2.2; R-A12";
    IRI => "xapi.query.iri", "a parameter is not an absolute IRI", "Data 2.2; R-A12";
    BOOLEAN => "xapi.query.boolean", "a parameter is not exactly true or false", "Communication §2.1.3";
    TIMESTAMP => "xapi.query.timestamp", "a parameter is not an RFC 3339 timestamp", "Data 2.2; R-A12";
    AGENT_JSON => "xapi.query.agent-json",
        "an agent parameter is not JSON, or repeats a key", "Communication §2.1.3; R-A12";
    STRING => "xapi.query.string", "a parameter is empty or not a plain string", "Communication §2";
    AGENT => "xapi.query.agent",
        "an agent parameter is not a valid Agent (or identified Group)", "Data §2.4.2; R-A12";
    EXCLUSIVE_IDS => "xapi.query.exclusive-ids",
        "statementId and voidedStatementId are both given", "Communication §2.1.3";
    ID_WITH_FILTER => "xapi.query.id-with-filter",
        "statementId or voidedStatementId with a parameter other than attachments and format",
        "Communication §2.1.3";
    LIMIT => "xapi.query.limit", "limit is not a non-negative integer", "Communication §2.1.3";
    FORMAT => "xapi.query.format", "format is not ids, exact or canonical", "Communication §2.1.3";
    NOT_HERE => "xapi.query.unexpected-parameter",
        "a parameter the resource defines but not for this method", "Communication §2.3-§2.7";
    METHOD => "xapi.document.method", "a method the document resource does not take", "Communication §2.3-§2.7";
    CURSOR => "xapi.query.cursor", "the more cursor is empty", "Data §2.5";
}
