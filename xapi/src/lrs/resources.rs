//! The Agents and Activities resources (Communication §2.4, §2.5): parameters and the Person object.

use learnwire_report::{Report, quote};
use serde_json::{Map, Value};

use crate::query::values::{self, MISSING, UNKNOWN};
use crate::query::{AgentKind, at, split_query};

/// Reads the query of GET `/agents`: the required `agent` (an Agent, not a Group). Returns the Agent JSON.
///
/// # Errors
///
/// The [`Report`] of every problem when any is an error.
///
/// # Example
///
/// ```
/// let agent = learnwire_xapi::lrs::parse_agents_query("agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D")?;
/// assert_eq!(agent["mbox"], "mailto:a@b.c");
/// # Ok::<(), learnwire_report::Report>(())
/// ```
pub fn parse_agents_query(query: &str) -> Result<Value, Report> {
    let mut report = Report::new();
    let mut agent = None;
    let mut seen = false;
    for (name, value) in split_query(query, &mut report).unwrap_or_default() {
        if name == "agent" {
            seen = true;
            agent = values::agent(&name, &value, AgentKind::AgentOnly, &mut report);
        } else {
            unknown(&name, "agents", &mut report);
        }
    }
    required(agent, seen, "agent", report)
}

/// Reads the query of GET `/activities`: the required `activityId` (an IRI).
///
/// # Errors
///
/// The [`Report`] of every problem when any is an error.
pub fn parse_activities_query(query: &str) -> Result<String, Report> {
    let mut report = Report::new();
    let mut id = None;
    let mut seen = false;
    for (name, value) in split_query(query, &mut report).unwrap_or_default() {
        if name == "activityId" {
            seen = true;
            id = values::iri(&name, &value, &mut report);
        } else {
            unknown(&name, "activities", &mut report);
        }
    }
    required(id, seen, "activityId", report)
}

fn unknown(name: &str, resource: &str, report: &mut Report) {
    report.error(
        UNKNOWN,
        values::at_untrusted(name),
        format!("{} is not a parameter of {resource}", quote(name)),
    );
}

fn required<T>(value: Option<T>, seen: bool, name: &str, mut report: Report) -> Result<T, Report> {
    if !seen {
        report.error(MISSING, at(name), format!("{name} is required"));
    }
    match value {
        Some(value) if report.is_valid() => Ok(value),
        _ => Err(report),
    }
}

/// The Person object answered by GET `/agents` (Communication §2.4): every identifier and name the LRS
/// knows for one person, as arrays.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Person {
    /// `name`.
    pub name: Vec<String>,
    /// `mbox` (`mailto:` IRIs).
    pub mbox: Vec<String>,
    /// `mbox_sha1sum`.
    pub mbox_sha1sum: Vec<String>,
    /// `openid`.
    pub openid: Vec<String>,
    /// `account` objects (`homePage` and `name`).
    pub account: Vec<Value>,
}

impl Person {
    /// The Person combining `agents` (Agent objects), each value once, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_xapi::lrs::Person;
    /// use serde_json::json;
    ///
    /// let person = Person::from_agents(&[json!({"name": "Ann", "mbox": "mailto:a@b.c"}),
    ///                                    json!({"name": "Ann", "account": {"homePage": "http://x", "name": "ann"}})]);
    /// assert_eq!(person.to_json(), json!({"objectType": "Person", "name": ["Ann"], "mbox": ["mailto:a@b.c"],
    ///                                     "account": [{"homePage": "http://x", "name": "ann"}]}));
    /// ```
    pub fn from_agents(agents: &[Value]) -> Self {
        let mut person = Self::default();
        for agent in agents {
            let text = |key: &str| agent.get(key).and_then(Value::as_str).map(str::to_owned);
            push_unique(&mut person.name, text("name"));
            push_unique(&mut person.mbox, text("mbox"));
            push_unique(&mut person.mbox_sha1sum, text("mbox_sha1sum"));
            push_unique(&mut person.openid, text("openid"));
            push_unique(
                &mut person.account,
                agent.get("account").filter(|a| a.is_object()).cloned(),
            );
        }
        person
    }

    /// The JSON object, `objectType` `Person`, empty arrays left out.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("objectType".into(), Value::String("Person".into()));
        let strings =
            |list: &[String]| Value::Array(list.iter().cloned().map(Value::String).collect());
        for (key, list) in [
            ("name", &self.name),
            ("mbox", &self.mbox),
            ("mbox_sha1sum", &self.mbox_sha1sum),
            ("openid", &self.openid),
        ] {
            if !list.is_empty() {
                map.insert(key.into(), strings(list));
            }
        }
        if !self.account.is_empty() {
            map.insert("account".into(), Value::Array(self.account.clone()));
        }
        Value::Object(map)
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: Option<T>) {
    if let Some(value) = value
        && !list.contains(&value)
    {
        list.push(value);
    }
}
