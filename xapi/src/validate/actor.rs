//! Agents, Groups, inverse functional identifiers, accounts, authority (Data 2.4.2, 2.4.9).

use crate::json::node::{Node, Object};
use learnwire_report::quote;

use super::Walker;
use crate::Rule;
use crate::json::path::Path;
use crate::types::{check_iri, check_mbox, check_sha1};

const GROUP_KEYS: &[&str] = &[
    "objectType",
    "name",
    "mbox",
    "mbox_sha1sum",
    "openid",
    "account",
    "member",
];
const IFIS: [&str; 4] = ["mbox", "mbox_sha1sum", "openid", "account"];
const ACCOUNT_KEYS: &[&str] = &["homePage", "name"];

/// Where an actor appears; decides which `objectType` values are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ActorRole {
    /// `actor`, `context.instructor`: Agent or Group.
    Actor,
    /// An Agent or Group object (objectType already checked).
    Object,
    /// `authority`: Agent or a three-legged OAuth Group.
    Authority,
    /// `context.team`: a Group.
    Team,
    /// A Group's `member` entry: an Agent.
    Member,
    /// 2.0 `contextAgents[].agent`: an Agent.
    ContextAgent,
    /// 2.0 `contextGroups[].group`: a Group.
    ContextGroup,
}

/// Checks an Agent or Group.
pub(super) fn actor(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>, role: ActorRole) {
    let Some(map) = walker.object(value, at, "an Agent or Group object") else {
        return;
    };
    let is_group = match map.get("objectType") {
        None => false,
        Some(kind) => {
            let child = at.key("objectType");
            match walker.string(kind, &child, "\"Agent\" or \"Group\"") {
                Some("Agent") => false,
                Some("Group") => true,
                Some(other) => {
                    let rule = if other.eq_ignore_ascii_case("agent")
                        || other.eq_ignore_ascii_case("group")
                    {
                        Rule::EnumValue
                    } else {
                        Rule::ActorObjectType
                    };
                    walker.error(rule, &child, || {
                        format!("objectType {} is not \"Agent\" or \"Group\"", quote(other))
                    });
                    return;
                }
                None => return,
            }
        }
    };
    match (role, is_group) {
        (ActorRole::Member, true) => {
            walker.error(Rule::NestedGroup, at, || {
                "a Group's member must not be a Group".to_owned()
            });
            return;
        }
        (ActorRole::ContextAgent, true) => {
            walker.error(Rule::ContextAgents, at, || {
                "contextAgents[].agent must be an Agent".to_owned()
            });
            return;
        }
        (ActorRole::Team, false) => {
            walker.error(Rule::ContextTeam, at, || {
                "team must be a Group (objectType \"Group\")".to_owned()
            });
            return;
        }
        (ActorRole::ContextGroup, false) => {
            walker.error(Rule::ContextGroups, at, || {
                "contextGroups[].group must be a Group (objectType \"Group\")".to_owned()
            });
            return;
        }
        _ => {}
    }
    if is_group {
        walker.keys(map, GROUP_KEYS, at);
    } else {
        if map.contains_key("member") {
            let child = at.key("member");
            walker.error(Rule::MemberOnAgent, &child, || {
                "only a Group has members".to_owned()
            });
        }
        // `member` was reported above with its own code.
        walker.keys(map, GROUP_KEYS, at);
    }
    if let Some(name) = map.get("name") {
        walker.string(name, &at.key("name"), "a string");
    }
    let count = identifiers(walker, map, at);
    if is_group {
        if count > 1 {
            walker.error(Rule::IfiCount, at, || {
                format!("an identified Group needs exactly one identifier, found {count}")
            });
        }
        match map.get("member") {
            Some(members) => group_members(walker, members, &at.key("member"), count == 0),
            None if count == 0 => walker.error(Rule::AnonymousGroupMembers, at, || {
                "an anonymous Group must list its members".to_owned()
            }),
            None => {}
        }
        if role == ActorRole::Authority {
            if count > 0 {
                walker.error(Rule::Authority, at, || {
                    "an authority Group (three-legged OAuth) must be anonymous".to_owned()
                });
            }
            authority_group(walker, map, at);
        }
    } else if count != 1 {
        walker.error(Rule::IfiCount, at, || {
            format!("an Agent needs exactly one identifier (mbox, mbox_sha1sum, openid, account), found {count}")
        });
    }
}

/// Checks each identifier present; returns how many there are.
fn identifiers(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>) -> usize {
    let mut count = 0;
    for name in IFIS {
        let Some(value) = map.get(name) else {
            continue;
        };
        count += 1;
        let child = at.key(name);
        match name {
            "mbox" => {
                if let Some(text) = walker.string(value, &child, "a mailto IRI")
                    && !check_mbox(text)
                {
                    walker.error(Rule::Mbox, &child, || {
                        format!(
                            "{} is not a mailto: IRI with an e-mail address",
                            quote(text)
                        )
                    });
                }
            }
            "mbox_sha1sum" => {
                if let Some(text) = walker.string(value, &child, "a SHA-1 hex digest")
                    && !check_sha1(text)
                {
                    walker.error(Rule::MboxSha1, &child, || {
                        format!("{} is not 40 hex digits", quote(text))
                    });
                }
            }
            "openid" => {
                if let Some(text) = walker.string(value, &child, "a URI")
                    && !check_iri(text)
                {
                    walker.error(Rule::Uri, &child, || {
                        format!("{} is not an absolute URI (or IRI)", quote(text))
                    });
                }
            }
            _ => account(walker, value, &child),
        }
    }
    count
}

fn account(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "an account object") else {
        return;
    };
    walker.keys(map, ACCOUNT_KEYS, at);
    for name in ACCOUNT_KEYS {
        if !map.contains_key(name) {
            let child = at.key(name);
            walker.error(Rule::Account, &child, || {
                format!("an account requires {name:?}")
            });
        }
    }
    if let Some(home) = map.get("homePage") {
        walker.iri(home, &at.key("homePage"));
    }
    if let Some(name) = map.get("name") {
        walker.string(name, &at.key("name"), "a string");
    }
}

fn group_members(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>, anonymous: bool) {
    let Some(members) = walker.array(value, at, "an array of Agents") else {
        return;
    };
    if members.is_empty() && anonymous {
        walker.error(Rule::AnonymousGroupMembers, at, || {
            "an anonymous Group must have at least one member".to_owned()
        });
    }
    for (index, member) in members.iter().enumerate() {
        let child = at.index(index);
        actor(walker, member, &child, ActorRole::Member);
    }
}

/// Three-legged OAuth: a Group of exactly two Agents, one identified by an account.
fn authority_group(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>) {
    let Some(Node::Array(members)) = map.get("member") else {
        return;
    };
    let with_account = members
        .iter()
        .filter(|member| member.get("account").is_some())
        .count();
    if members.len() != 2 || with_account == 0 {
        walker.error(Rule::Authority, at, || {
            "an authority Group must be two Agents, one of them the OAuth consumer identified by an account".to_owned()
        });
    }
}
