//! The SCORM 2004 data model, 2nd to 4th Edition (RTE04 §4.2 and the ADL navigation and shared-data
//! models; rules D04-01..D04-61, N04-01..N04-09, vocabularies K2, `_children` K3, editions K-21).

use super::{Access, DataType, ElementDef, Initial, Needs};

use Access::{ReadOnly as RO, ReadWrite as RW, WriteOnly as WO};
use DataType as T;

/// `completion_status` (K04-01).
pub(crate) const COMPLETION: &[&str] = &["completed", "incomplete", "not attempted", "unknown"];
/// `success_status` (K04-02).
pub(crate) const SUCCESS: &[&str] = &["passed", "failed", "unknown"];
/// `cmi.credit` (K04-03).
pub(crate) const CREDIT: &[&str] = &["credit", "no-credit"];
/// `cmi.entry` (K04-04).
pub(crate) const ENTRY: &[&str] = &["ab-initio", "resume", ""];
/// `cmi.exit` (K04-05; `logout` is deprecated in the 4th Edition and still accepted).
pub(crate) const EXIT: &[&str] = &["time-out", "suspend", "logout", "normal", ""];
/// `cmi.mode` (K04-06).
pub(crate) const MODE: &[&str] = &["browse", "normal", "review"];
/// `cmi.time_limit_action` (K04-07).
pub(crate) const TIME_LIMIT_ACTION: &[&str] = &[
    "exit,message",
    "continue,message",
    "exit,no message",
    "continue,no message",
];
/// `cmi.interactions.n.type` (K04-08).
pub(crate) const INTERACTION: &[&str] = &[
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "likert",
    "matching",
    "performance",
    "sequencing",
    "numeric",
    "other",
];
/// `cmi.learner_preference.audio_captioning` (K04-10).
pub(crate) const CAPTIONING: &[&str] = &["-1", "0", "1"];
/// `adl.nav.request_valid.*` (K04-12).
pub(crate) const VALID: &[&str] = &["true", "false", "unknown"];

const fn d(
    name: &'static str,
    data_type: DataType,
    access: Access,
    rule: &'static str,
) -> ElementDef {
    ElementDef::new(name, data_type, access, rule).editions(2, 4)
}

const SCALED: DataType = T::Real {
    min: Some(-1),
    max: Some(1),
};
const REAL: DataType = T::Real {
    min: None,
    max: None,
};
const UNIT: DataType = T::Real {
    min: Some(0),
    max: Some(1),
};
const NON_NEGATIVE: DataType = T::Real {
    min: Some(0),
    max: None,
};
const COMMENT_CHILDREN: DataType = T::Children("comment,location,timestamp");
const SCORE_CHILDREN: DataType = T::Children("scaled,raw,min,max");

/// Every SCORM 2004 element of every edition, keywords included; `ElementDef::editions` says which
/// editions each applies to.
pub const SCORM_2004: &[ElementDef] = &[
    d("cmi._version", T::Version("1.0"), RO, "D04-01").initial(Initial::Keyword),
    d("cmi.comments_from_learner._children", COMMENT_CHILDREN, RO, "D04-02")
        .initial(Initial::Keyword),
    d("cmi.comments_from_learner._count", T::Count, RO, "D04-03")
        .spm(250)
        .initial(Initial::Keyword),
    d("cmi.comments_from_learner.n.comment", T::LocalizedString, RW, "D04-04").spm(4000),
    d("cmi.comments_from_learner.n.location", T::CharacterString, RW, "D04-05").spm(250),
    d("cmi.comments_from_learner.n.timestamp", T::Timestamp, RW, "D04-06"),
    d("cmi.comments_from_lms._children", COMMENT_CHILDREN, RO, "D04-07").initial(Initial::Keyword),
    d("cmi.comments_from_lms._count", T::Count, RO, "D04-08")
        .spm(100)
        .initial(Initial::Keyword),
    d("cmi.comments_from_lms.n.comment", T::LocalizedString, RO, "D04-09")
        .spm(4000)
        .initial(Initial::Launch),
    d("cmi.comments_from_lms.n.location", T::CharacterString, RO, "D04-10")
        .spm(250)
        .initial(Initial::Launch),
    d("cmi.comments_from_lms.n.timestamp", T::Timestamp, RO, "D04-11").initial(Initial::Launch),
    d("cmi.completion_status", T::Vocabulary(COMPLETION), RW, "D04-12")
        .initial(Initial::Default("unknown")),
    d("cmi.completion_threshold", UNIT, RO, "D04-13").initial(Initial::Launch),
    d("cmi.credit", T::Vocabulary(CREDIT), RO, "D04-14").initial(Initial::Launch),
    d("cmi.entry", T::Vocabulary(ENTRY), RO, "D04-15").initial(Initial::Launch),
    d("cmi.exit", T::Vocabulary(EXIT), WO, "D04-16"),
    d(
        "cmi.interactions._children",
        T::Children(
            "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
        ),
        RO,
        "D04-17",
    )
    .initial(Initial::Keyword),
    d("cmi.interactions._count", T::Count, RO, "D04-18")
        .spm(250)
        .initial(Initial::Keyword),
    d("cmi.interactions.n.id", T::LongIdentifier, RW, "D04-19").spm(4000),
    d("cmi.interactions.n.type", T::Vocabulary(INTERACTION), RW, "D04-20").needs(Needs::Id),
    d("cmi.interactions.n.objectives._count", T::Count, RO, "D04-21")
        .spm(10)
        .initial(Initial::Keyword),
    d("cmi.interactions.n.objectives.n.id", T::LongIdentifier, RW, "D04-22")
        .spm(4000)
        .needs(Needs::Id)
        .unique(),
    d("cmi.interactions.n.timestamp", T::Timestamp, RW, "D04-23").needs(Needs::Id),
    d("cmi.interactions.n.correct_responses._count", T::Count, RO, "D04-24")
        .initial(Initial::Keyword),
    d("cmi.interactions.n.correct_responses.n.pattern", T::Pattern, RW, "D04-25")
        .needs(Needs::IdAndType),
    d("cmi.interactions.n.weighting", REAL, RW, "D04-26").needs(Needs::Id),
    d("cmi.interactions.n.learner_response", T::LearnerResponse, RW, "D04-27")
        .needs(Needs::IdAndType),
    d("cmi.interactions.n.result", T::Result2004, RW, "D04-28").needs(Needs::Id),
    d("cmi.interactions.n.latency", T::TimeInterval, RW, "D04-29").needs(Needs::Id),
    d("cmi.interactions.n.description", T::LocalizedString, RW, "D04-30")
        .spm(250)
        .needs(Needs::Id),
    d("cmi.launch_data", T::CharacterString, RO, "D04-31")
        .spm(4000)
        .initial(Initial::Launch),
    d("cmi.learner_id", T::LongIdentifier, RO, "D04-32")
        .spm(4000)
        .initial(Initial::Launch),
    d("cmi.learner_name", T::LocalizedString, RO, "D04-33")
        .spm(250)
        .initial(Initial::Launch),
    d(
        "cmi.learner_preference._children",
        T::Children("audio_level,language,delivery_speed,audio_captioning"),
        RO,
        "D04-34",
    )
    .initial(Initial::Keyword),
    d("cmi.learner_preference.audio_level", NON_NEGATIVE, RW, "D04-35")
        .initial(Initial::Default("1")),
    d("cmi.learner_preference.language", T::Language, RW, "D04-36")
        .spm(250)
        .initial(Initial::Default("")),
    d("cmi.learner_preference.delivery_speed", NON_NEGATIVE, RW, "D04-37")
        .initial(Initial::Default("1")),
    d(
        "cmi.learner_preference.audio_captioning",
        T::Vocabulary(CAPTIONING),
        RW,
        "D04-38",
    )
    .initial(Initial::Default("0")),
    d("cmi.location", T::CharacterString, RW, "D04-39").spm(1000),
    d("cmi.max_time_allowed", T::TimeInterval, RO, "D04-40").initial(Initial::Launch),
    d("cmi.mode", T::Vocabulary(MODE), RO, "D04-41").initial(Initial::Launch),
    d(
        "cmi.objectives._children",
        T::Children("id,score,success_status,completion_status,progress_measure,description"),
        RO,
        "D04-42",
    )
    .initial(Initial::Keyword),
    d("cmi.objectives._count", T::Count, RO, "D04-43")
        .spm(100)
        .initial(Initial::Keyword),
    d("cmi.objectives.n.id", T::LongIdentifier, RW, "D04-44")
        .spm(4000)
        .unique(),
    d("cmi.objectives.n.score._children", SCORE_CHILDREN, RO, "D04-45").initial(Initial::Keyword),
    d("cmi.objectives.n.score.scaled", SCALED, RW, "D04-46").needs(Needs::Id),
    d("cmi.objectives.n.score.raw", REAL, RW, "D04-47").needs(Needs::Id),
    d("cmi.objectives.n.score.min", REAL, RW, "D04-47").needs(Needs::Id),
    d("cmi.objectives.n.score.max", REAL, RW, "D04-47").needs(Needs::Id),
    d("cmi.objectives.n.success_status", T::Vocabulary(SUCCESS), RW, "D04-48")
        .needs(Needs::Id)
        .initial(Initial::Default("unknown")),
    d(
        "cmi.objectives.n.completion_status",
        T::Vocabulary(COMPLETION),
        RW,
        "D04-49",
    )
    .needs(Needs::Id)
    .initial(Initial::Default("unknown")),
    d("cmi.objectives.n.progress_measure", UNIT, RW, "D04-50").needs(Needs::Id),
    d("cmi.objectives.n.description", T::LocalizedString, RW, "D04-51")
        .spm(250)
        .needs(Needs::Id),
    d("cmi.progress_measure", UNIT, RW, "D04-52"),
    d("cmi.scaled_passing_score", SCALED, RO, "D04-53").initial(Initial::Launch),
    d("cmi.score._children", SCORE_CHILDREN, RO, "D04-54").initial(Initial::Keyword),
    d("cmi.score.scaled", SCALED, RW, "D04-55"),
    d("cmi.score.raw", REAL, RW, "D04-56"),
    d("cmi.score.min", REAL, RW, "D04-56"),
    d("cmi.score.max", REAL, RW, "D04-56"),
    d("cmi.session_time", T::TimeInterval, WO, "D04-57"),
    d("cmi.success_status", T::Vocabulary(SUCCESS), RW, "D04-58")
        .initial(Initial::Default("unknown")),
    d("cmi.suspend_data", T::CharacterString, RW, "D04-59")
        .spm(4000)
        .editions(2, 3),
    d("cmi.suspend_data", T::CharacterString, RW, "D04-59")
        .spm(64000)
        .editions(4, 4),
    d(
        "cmi.time_limit_action",
        T::Vocabulary(TIME_LIMIT_ACTION),
        RO,
        "D04-60",
    )
    .initial(Initial::Launch),
    d("cmi.total_time", T::TimeInterval, RO, "D04-61").initial(Initial::Default("PT0H0M0S")),
    d("adl.nav.request", T::NavRequest, RW, "N04-01").initial(Initial::Default("_none_")),
    d("adl.nav.request_valid.continue", T::Vocabulary(VALID), RO, "N04-02")
        .initial(Initial::Launch),
    d("adl.nav.request_valid.previous", T::Vocabulary(VALID), RO, "N04-03")
        .initial(Initial::Launch),
    d(
        "adl.nav.request_valid.choice.{target=}",
        T::Vocabulary(VALID),
        RO,
        "N04-04",
    )
    .initial(Initial::Launch),
    d("adl.nav.request_valid.jump.{target=}", T::Vocabulary(VALID), RO, "N04-05")
        .initial(Initial::Launch)
        .editions(4, 4),
    d("adl.data._children", T::Children("id,store"), RO, "N04-06")
        .initial(Initial::Keyword)
        .editions(4, 4),
    d("adl.data._count", T::Count, RO, "N04-07")
        .spm(250)
        .initial(Initial::Keyword)
        .editions(4, 4),
    d("adl.data.n.id", T::LongIdentifier, RO, "N04-08")
        .spm(4000)
        .initial(Initial::Launch)
        .editions(4, 4),
    d("adl.data.n.store", T::CharacterString, RW, "N04-09")
        .spm(64000)
        .editions(4, 4),
];
