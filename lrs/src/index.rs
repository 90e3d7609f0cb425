//! What the queries filter on, read from a stored statement's JSON: agent keys (an Agent's or identified
//! Group's inverse functional identifier, and a Group's members) and activity ids, each marked direct
//! (actor/object: the plain filter) or related (`related_agents`, `related_activities`).

use serde_json::Value;

/// The key of an Agent or identified Group: its inverse functional identifier, `None` for an anonymous
/// Group or a value without one.
pub(crate) fn agent_key(agent: &Value) -> Option<String> {
    let text = |key: &str| agent.get(key).and_then(Value::as_str);
    if let Some(mbox) = text("mbox") {
        return Some(format!("mbox {mbox}"));
    }
    if let Some(sha1) = text("mbox_sha1sum") {
        return Some(format!("mbox_sha1sum {sha1}"));
    }
    if let Some(openid) = text("openid") {
        return Some(format!("openid {openid}"));
    }
    let account = agent.get("account")?;
    let home = account.get("homePage").and_then(Value::as_str)?;
    let name = account.get("name").and_then(Value::as_str)?;
    Some(format!("account {home} {name}"))
}

/// Agent keys and activity ids of a statement, with the Agent and Activity objects seen.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub(crate) agents: Vec<(String, bool)>,
    pub(crate) activities: Vec<(String, bool)>,
    pub(crate) agent_objects: Vec<(String, String)>,
    pub(crate) activity_objects: Vec<(String, String)>,
}

impl Index {
    /// Indexes `statement` (the stored JSON).
    pub(crate) fn of(statement: &Value) -> Self {
        let mut index = Self::default();
        if let Some(actor) = statement.get("actor") {
            index.actor(actor, true);
        }
        if let Some(object) = statement.get("object") {
            index.object(object, true);
        }
        if let Some(authority) = statement.get("authority") {
            index.actor(authority, false);
        }
        if let Some(context) = statement.get("context") {
            index.context(context);
        }
        index
    }

    fn actor(&mut self, actor: &Value, direct: bool) {
        if let Some(key) = agent_key(actor) {
            if actor.get("objectType").and_then(Value::as_str) != Some("Group") {
                self.agent_objects.push((key.clone(), actor.to_string()));
            }
            self.agents.push((key, direct));
        }
        for member in actor
            .get("member")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(key) = agent_key(member) {
                self.agent_objects.push((key.clone(), member.to_string()));
                self.agents.push((key, direct));
            }
        }
    }

    fn activity(&mut self, activity: &Value, direct: bool) {
        if let Some(id) = activity.get("id").and_then(Value::as_str) {
            if activity.get("definition").is_some() {
                self.activity_objects
                    .push((id.to_owned(), activity.to_string()));
            }
            self.activities.push((id.to_owned(), direct));
        }
    }

    fn object(&mut self, object: &Value, direct: bool) {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => self.activity(object, direct),
            Some("Agent" | "Group") => self.actor(object, direct),
            Some("SubStatement") => {
                if let Some(actor) = object.get("actor") {
                    self.actor(actor, false);
                }
                if let Some(inner) = object.get("object") {
                    self.object(inner, false);
                }
                if let Some(context) = object.get("context") {
                    self.context(context);
                }
            }
            _ => {}
        }
    }

    fn context(&mut self, context: &Value) {
        for key in ["instructor", "team"] {
            if let Some(agent) = context.get(key) {
                self.actor(agent, false);
            }
        }
        for (list, inner) in [("contextAgents", "agent"), ("contextGroups", "group")] {
            for item in context
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(agent) = item.get(inner) {
                    self.actor(agent, false);
                }
            }
        }
        if let Some(lists) = context.get("contextActivities").and_then(Value::as_object) {
            for value in lists.values() {
                match value {
                    Value::Array(items) => {
                        for item in items {
                            self.activity(item, false);
                        }
                    }
                    Value::Object(_) => self.activity(value, false),
                    _ => {}
                }
            }
        }
    }
}

/// The canonical Activity after a newer one arrives: the newer definition's properties win, language
/// maps (`name`, `description`) keep the languages only the older one has.
pub(crate) fn merge_activity(existing: &str, newer: &str) -> String {
    let (Ok(old), Ok(mut new)) = (
        serde_json::from_str::<Value>(existing),
        serde_json::from_str::<Value>(newer),
    ) else {
        return newer.to_owned();
    };
    let old_definition = old.get("definition").and_then(Value::as_object);
    let new_definition = new.get_mut("definition").and_then(Value::as_object_mut);
    if let (Some(old_definition), Some(new_definition)) = (old_definition, new_definition) {
        for (key, old_value) in old_definition {
            match (new_definition.get_mut(key), old_value) {
                (None, _) => {
                    new_definition.insert(key.clone(), old_value.clone());
                }
                (Some(Value::Object(new_map)), Value::Object(old_map))
                    if key == "name" || key == "description" =>
                {
                    for (language, text) in old_map {
                        new_map
                            .entry(language.clone())
                            .or_insert_with(|| text.clone());
                    }
                }
                _ => {}
            }
        }
    }
    new.to_string()
}
