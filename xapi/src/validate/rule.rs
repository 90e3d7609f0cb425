//! Stable issue codes, one per checked rule, mapped onto the rule ids of the xAPI rules list.

use learnwire_report::{Code, CodeInfo, Severity};

macro_rules! rules {
    ($( $(#[doc = $doc:literal])+ $variant:ident => $code:literal, $rule_id:literal; )*) => {
        /// Every check the validator makes. [`Rule::code`] is the stable code that appears in reports
        /// (never renamed or reused); [`Rule::rule_id`] names the row of the xAPI rules list
        /// (`R-A01` … `R-P02`) the check implements. MUST rules are errors; the only warning is
        /// `xapi.voiding.target`.
        ///
        #[doc = include_str!("rule_codes.md")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[doc = $doc])+ $variant, )*
        }

        impl Rule {
            /// All rules, in declaration order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable code, such as `xapi.agent.ifi-count`.
            pub const fn code(self) -> Code {
                match self {
                    $( Self::$variant => Code::new($code), )*
                }
            }

            /// The rule id of the xAPI rules list (`R-D02`), or `internal`/`limit` for our own checks.
            pub const fn rule_id(self) -> &'static str {
                match self {
                    $( Self::$variant => $rule_id, )*
                }
            }

            /// Every rule's registry entry: its code, severity, summary (its documentation) and rule id,
            /// in declaration order (part of the crate's [`CODES`](crate::CODES)).
            pub const CODES: &'static [CodeInfo] = &[
                $( CodeInfo::new(
                    $code,
                    Rule::$variant.severity(),
                    concat!($($doc),+).trim_ascii(),
                    $rule_id,
                ), )*
            ];
        }
    };
}

rules! {
    /// The body is not well-formed JSON (syntax, invalid UTF-8, lone surrogates, NaN, trailing data).
    JsonMalformed => "xapi.json.malformed", "R-A01";
    /// A number does not fit an IEEE-754 double (`1e400`).
    JsonNumberRange => "xapi.json.number-out-of-range", "R-A01";
    /// The body or a batch element is not a JSON object (a statement) or an array of them.
    StatementNotObject => "xapi.statement.not-object", "R-A01";
    /// A `null` value outside `extensions`.
    JsonNull => "xapi.json.null", "R-A02";
    /// A value has the wrong JSON type (string for number, object for array…).
    JsonType => "xapi.json.type", "R-A03";
    /// A property appears twice in one object.
    DuplicateKey => "xapi.json.duplicate-key", "R-A09";
    /// A property that the specification does not define for this object.
    UnknownKey => "xapi.json.unknown-key", "R-A07";
    /// A property whose case differs from the specification's (`Actor`).
    KeyCase => "xapi.json.key-case", "R-A05";
    /// An empty object where a sender SHOULD NOT send one (policy `reject_empty_objects`).
    EmptyObject => "xapi.json.empty-object", "R-A10";
    /// A required property is missing (`actor`, `verb`, `object`, `verb.id`…).
    MissingProperty => "xapi.statement.missing-property", "R-B01";
    /// The statement `id` (or another UUID) is not a UUID in `8-4-4-4-12` form.
    Uuid => "xapi.format.uuid", "R-C02";
    /// An IRI or IRL is not an absolute RFC 3987 IRI.
    Iri => "xapi.format.iri", "R-A08";
    /// `openid` is not an absolute RFC 3986 URI.
    Uri => "xapi.format.uri", "R-D11";
    /// A language tag is not a well-formed BCP 47 tag.
    LanguageTag => "xapi.format.language-tag", "R-N02";
    /// A language map holds one tag twice in different case (`en-US` and `en-us`): BCP 47 tags
    /// are case-insensitive (RFC 5646 §2.1.1), so the map is ambiguous.
    LanguageMapDuplicateTag => "xapi.language-map.duplicate-tag", "R-N02";
    /// A timestamp is not an accepted ISO 8601 / RFC 3339 date-time or not a real date.
    Timestamp => "xapi.format.timestamp", "R-I01";
    /// A timestamp uses the "unknown local offset" `-00:00` forms.
    TimestampUnknownOffset => "xapi.format.timestamp-unknown-offset", "R-I02";
    /// A duration is not an ISO 8601 §4.4.3.2 duration.
    Duration => "xapi.format.duration", "R-N03";
    /// `version` is not a version this LRS accepts.
    Version => "xapi.format.version", "R-K01";
    /// A `sha2` is not a hex SHA-2 digest.
    Sha2 => "xapi.format.sha2", "R-L02";
    /// A `contentType` is not an Internet media type.
    MediaType => "xapi.format.media-type", "R-L02";
    /// An enumerated value (objectType, interactionType) is not one of the allowed values (exact case).
    EnumValue => "xapi.format.enum-value", "R-A06";
    /// `objectType` of an actor is not `Agent` or `Group`.
    ActorObjectType => "xapi.actor.object-type", "R-D01";
    /// An Agent (or identified Group) does not have exactly one inverse functional identifier.
    IfiCount => "xapi.agent.ifi-count", "R-D02";
    /// `member` on an Agent.
    MemberOnAgent => "xapi.agent.member-on-agent", "R-D04";
    /// An anonymous Group without (or with an empty) `member` list.
    AnonymousGroupMembers => "xapi.group.anonymous-members", "R-D06";
    /// A Group inside a Group's `member` list.
    NestedGroup => "xapi.group.nested-group", "R-D08";
    /// `mbox` is not a `mailto:` IRI with an e-mail address.
    Mbox => "xapi.agent.mbox", "R-D09";
    /// `mbox_sha1sum` is not 40 hex characters.
    MboxSha1 => "xapi.agent.mbox-sha1sum", "R-D10";
    /// An `account` lacks `homePage` or `name`.
    Account => "xapi.agent.account", "R-D12";
    /// The object's `objectType` is not allowed here.
    ObjectType => "xapi.object.object-type", "R-F01";
    /// An Agent or Group used as an object lacks `objectType`.
    ObjectAgentType => "xapi.object.agent-object-type", "R-F08";
    /// `interactionType` is missing while interaction properties are present.
    InteractionTypeMissing => "xapi.activity.interaction-type-missing", "R-F07";
    /// An interaction component list is used with an interaction type that does not have it
    /// (policy `strict_interaction_components`).
    InteractionComponentsForType => "xapi.activity.components-for-type", "R-F06";
    /// Two interaction components of one list share an id.
    InteractionComponentDuplicateId => "xapi.activity.component-duplicate-id", "R-F06";
    /// A SubStatement carries `id`, `stored`, `version` or `authority`.
    SubStatementProperty => "xapi.substatement.forbidden-property", "R-F10";
    /// A SubStatement's object is a SubStatement.
    NestedSubStatement => "xapi.substatement.nested", "R-F10";
    /// `score.scaled` outside [-1, 1], `raw` outside [min, max], or `max` not above `min`.
    Score => "xapi.result.score", "R-G02";
    /// `revision` or `platform` while the object is not an Activity.
    ContextRevisionPlatform => "xapi.context.revision-platform", "R-H02";
    /// A `contextActivities` key is not parent, grouping, category or other, or a value is empty.
    ContextActivities => "xapi.context.context-activities", "R-H03";
    /// `team` is not a Group.
    ContextTeam => "xapi.context.team", "R-H05";
    /// A `contextAgents` entry is malformed (2.0).
    ContextAgents => "xapi.context.context-agents", "R-H06";
    /// A `contextGroups` entry is malformed (2.0).
    ContextGroups => "xapi.context.context-groups", "R-H07";
    /// `authority` is a Group that is not a three-legged OAuth pair.
    Authority => "xapi.authority.group", "R-J01";
    /// `attachments` is empty or an attachment is malformed.
    Attachment => "xapi.attachment.invalid", "R-L02";
    /// A signature attachment (`usageType` `http://adlnet.gov/expapi/attachments/signature`) whose
    /// `contentType` is not `application/octet-stream` (Data 2.6; type and subtype compared
    /// case-insensitively, parameters allowed).
    SignatureContentType => "xapi.attachment.signature-content-type", "R-M01";
    /// A voiding statement's object is not a StatementRef.
    VoidingObject => "xapi.voiding.object", "R-O01";
    /// A voiding statement targets another voiding statement (checked with the target).
    VoidingTarget => "xapi.voiding.target", "R-O02";
    /// Two statements of one batch share an id.
    BatchDuplicateId => "xapi.batch.duplicate-id", "R-P02";
    /// The body exceeds `Limits::max_body_bytes`.
    LimitBody => "xapi.limit.body-size", "limit";
    /// One statement exceeds `Limits::max_statement_bytes`.
    LimitStatement => "xapi.limit.statement-size", "limit";
    /// Nesting exceeds `Limits::max_depth`.
    LimitDepth => "xapi.limit.depth", "limit";
    /// A batch holds more than `Limits::max_batch_statements`.
    LimitBatch => "xapi.limit.batch-size", "limit";
    /// A string exceeds `Limits::max_string_bytes`.
    LimitString => "xapi.limit.string-length", "limit";
    /// An array or object exceeds `Limits::max_collection_items`.
    LimitCollection => "xapi.limit.collection-size", "limit";
    /// The typed model rejected a statement the validator accepted: a bug in this crate.
    Internal => "xapi.internal", "internal";
}

impl Rule {
    /// How the rule is reported: an error (a MUST broken), except `xapi.voiding.target`, a warning
    /// (voiding a voiding statement has no effect, R-O02).
    pub const fn severity(self) -> Severity {
        match self {
            Self::VoidingTarget => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The rule whose code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|rule| rule.code().as_str() == code)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::Rule;

    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = BTreeSet::new();
        for rule in Rule::ALL {
            let code = rule.code().as_str();
            assert!(code.starts_with("xapi."), "{code}");
            assert!(seen.insert(code), "duplicate code {code}");
            assert_eq!(Rule::from_code(code), Some(*rule));
        }
    }
}
