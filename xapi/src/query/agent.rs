//! The `agent` parameter: an Agent (or identified Group) as JSON (Data §2.4.2).

use iri_string::types::{IriStr, UriStr};
use learnwire_report::{Code, JsonPointer, Location, Report, quote};
use serde_json::{Map, Value};

pub(crate) const AGENT: Code = Code::new("xapi.query.agent");

const IFIS: [&str; 4] = ["mbox", "mbox_sha1sum", "openid", "account"];

/// What an `agent` parameter may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentKind {
    /// An Agent or an identified Group (GET `/statements`).
    AgentOrIdentifiedGroup,
    /// An Agent only (document resources: "the agent parameter is an Agent Object and not a Group").
    AgentOnly,
}

/// Checks an `agent` parameter value, reporting every problem at `at`.
pub(crate) fn check_agent(value: &Value, at: &JsonPointer, kind: AgentKind, report: &mut Report) {
    let mut fail = |pointer: &JsonPointer, message: String| {
        report.error(AGENT, Location::json(pointer.clone()), message);
    };
    let Some(map) = value.as_object() else {
        fail(at, "agent is not a JSON object".into());
        return;
    };
    let is_group = match map.get("objectType") {
        None => false,
        Some(Value::String(kind)) if kind == "Agent" => false,
        Some(Value::String(kind)) if kind == "Group" => true,
        Some(other) => {
            fail(
                &at.key("objectType"),
                format!(
                    "objectType {} is not Agent or Group",
                    quote(&other.to_string())
                ),
            );
            return;
        }
    };
    if is_group && kind == AgentKind::AgentOnly {
        fail(
            &at.key("objectType"),
            "a Group is not allowed here, only an Agent".into(),
        );
    }
    let allowed: &[&str] = if is_group {
        &[
            "objectType",
            "name",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
            "member",
        ]
    } else {
        &[
            "objectType",
            "name",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
        ]
    };
    for key in map.keys().filter(|key| !allowed.contains(&key.as_str())) {
        fail(
            &key_at(at, key),
            format!("{} is not a property of an Agent", quote(key)),
        );
    }
    let found = IFIS.iter().filter(|ifi| map.contains_key(**ifi)).count();
    if found != 1 {
        fail(
            at,
            format!("an Agent or identified Group needs exactly one identifier, found {found}"),
        );
    }
    if let Some(name) = map.get("name")
        && !name.is_string()
    {
        fail(&at.key("name"), "name is not a string".into());
    }
    check_ifis(map, at, &mut fail);
}

fn check_ifis(
    map: &Map<String, Value>,
    at: &JsonPointer,
    fail: &mut impl FnMut(&JsonPointer, String),
) {
    if let Some(mbox) = map.get("mbox") {
        let ok = mbox.as_str().is_some_and(|mbox| {
            mbox.strip_prefix("mailto:")
                .is_some_and(|address| address.contains('@') && IriStr::new(mbox).is_ok())
        });
        if !ok {
            fail(&at.key("mbox"), "mbox is not a mailto: IRI".into());
        }
    }
    if let Some(sum) = map.get("mbox_sha1sum") {
        let ok = sum
            .as_str()
            .is_some_and(|sum| sum.len() == 40 && sum.bytes().all(|b| b.is_ascii_hexdigit()));
        if !ok {
            fail(
                &at.key("mbox_sha1sum"),
                "mbox_sha1sum is not 40 hex digits".into(),
            );
        }
    }
    if let Some(openid) = map.get("openid")
        && openid.as_str().is_none_or(|uri| UriStr::new(uri).is_err())
    {
        fail(&at.key("openid"), "openid is not an absolute URI".into());
    }
    if let Some(account) = map.get("account") {
        let here = at.key("account");
        let Some(account) = account.as_object() else {
            fail(&here, "account is not an object".into());
            return;
        };
        let home_page = account.get("homePage").and_then(Value::as_str);
        if home_page.is_none_or(|page| IriStr::new(page).is_err()) {
            fail(
                &here.key("homePage"),
                "account.homePage is not an absolute IRL".into(),
            );
        }
        if !account.get("name").is_some_and(Value::is_string) {
            fail(&here.key("name"), "account.name is not a string".into());
        }
        for key in account
            .keys()
            .filter(|key| *key != "homePage" && *key != "name")
        {
            fail(
                &key_at(&here, key),
                format!("{} is not a property of an account", quote(key)),
            );
        }
    }
}

/// The pointer to an input key, or to its object when the key is not printable.
fn key_at(at: &JsonPointer, key: &str) -> JsonPointer {
    if super::values::printable(key) {
        at.key(key)
    } else {
        at.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(value: Value, kind: AgentKind) -> usize {
        let mut report = Report::new();
        check_agent(&value, &JsonPointer::root().key("agent"), kind, &mut report);
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
}
