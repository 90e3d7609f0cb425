//! The `agent` parameter: an Agent (or identified Group) as JSON (Data §2.4.2).

use learnwire_report::{JsonPointer, Location, Report};
use serde_json::Value;

use super::codes::AGENT;

const IFIS: [&str; 4] = ["mbox", "mbox_sha1sum", "openid", "account"];

/// What an `agent` parameter may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentKind {
    /// An Agent or an identified Group (GET `/statements`).
    AgentOrIdentifiedGroup,
    /// An Agent only (document resources: "the agent parameter is an Agent Object and not a Group").
    AgentOnly,
}

/// Checks an `agent` parameter value, reporting every problem under `/{name}` with the code
/// [`AGENT`]: the statement validator's Agent and Group rules, plus what a parameter adds (an
/// identified Group at most, and on document resources an Agent only).
pub(crate) fn check_agent(value: &Value, name: &str, kind: AgentKind, report: &mut Report) {
    for issue in crate::validate::validate_actor_parameter(value, name).into_issues() {
        report.error(AGENT, issue.location, issue.message);
    }
    let Some(map) = value.as_object() else {
        return; // reported by the validator
    };
    if map.get("objectType").and_then(Value::as_str) != Some("Group") {
        return;
    }
    let at = JsonPointer::root().key(name);
    if kind == AgentKind::AgentOnly {
        report.error(
            AGENT,
            Location::json(at.key("objectType")),
            "a Group is not allowed here, only an Agent",
        );
    }
    if !IFIS.iter().any(|ifi| map.contains_key(*ifi)) {
        report.error(
            AGENT,
            Location::json(at),
            "an anonymous Group is not allowed here: it needs one identifier",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(value: Value, kind: AgentKind) -> usize {
        let mut report = Report::new();
        check_agent(&value, "agent", kind, &mut report);
        report.errors().count()
    }

    #[test]
    fn agents() {
        assert_eq!(
            codes(json!({"mbox": "mailto:a@b.c"}), AgentKind::AgentOnly),
            0
        );
        assert_eq!(
            codes(
                json!({"account": {"homePage": "http://x", "name": "n"}}),
                AgentKind::AgentOnly
            ),
            0
        );
        assert_eq!(codes(json!({"mbox": "a@b.c"}), AgentKind::AgentOnly), 1);
        assert_eq!(codes(json!({"name": "x"}), AgentKind::AgentOnly), 1);
        assert_eq!(
            codes(
                json!({"objectType": "Group", "mbox": "mailto:g@b.c"}),
                AgentKind::AgentOnly
            ),
            1
        );
        assert_eq!(
            codes(
                json!({"objectType": "Group", "mbox": "mailto:g@b.c"}),
                AgentKind::AgentOrIdentifiedGroup
            ),
            0
        );
        assert_eq!(
            codes(
                json!({"mbox_sha1sum": "abc", "openid": 3}),
                AgentKind::AgentOnly
            ),
            3
        );
    }

    #[test]
    fn validator_rules_apply_under_the_parameter_with_the_query_code() {
        let mut report = Report::new();
        let anonymous = json!({"objectType": "Group", "member": [{"mbox": "mailto:a@b.c"}]});
        check_agent(
            &anonymous,
            "agent",
            AgentKind::AgentOrIdentifiedGroup,
            &mut report,
        );
        assert_eq!(report.errors().count(), 1, "{report:?}");
        let mut report = Report::new();
        check_agent(
            &json!({"mbox": "a@b.c", "extra": 1}),
            "agent",
            AgentKind::AgentOnly,
            &mut report,
        );
        let pointers: Vec<String> = report
            .issues()
            .iter()
            .map(|i| i.location.to_string())
            .collect();
        assert_eq!(pointers, ["/agent/extra", "/agent/mbox"], "{report:?}");
        assert!(report.issues().iter().all(|issue| issue.code == AGENT));
    }
}
