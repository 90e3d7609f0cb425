//! The SCORM 1.2 data model (RTE12 §3.4.4; rules D12-01..D12-57, vocabularies K1, `_children` K3).

use super::{Access, DataType, ElementDef, Initial};

use Access::{ReadOnly as RO, ReadWrite as RW, WriteOnly as WO};
use DataType as T;

/// `cmi.core.lesson_status` tokens a SCO may set (`not attempted` is the LMS's, rule D12-08).
pub(crate) const STATUS_SET: &[&str] = &["passed", "completed", "failed", "incomplete", "browsed"];
/// Every Status token (K12-02).
pub(crate) const STATUS: &[&str] = &[
    "passed",
    "completed",
    "failed",
    "incomplete",
    "browsed",
    "not attempted",
];
/// Exit (K12-03).
pub(crate) const EXIT: &[&str] = &["time-out", "suspend", "logout", ""];
/// Credit (K12-04).
pub(crate) const CREDIT: &[&str] = &["credit", "no-credit"];
/// Entry (K12-05).
pub(crate) const ENTRY: &[&str] = &["ab-initio", "resume", ""];
/// Mode (K12-01).
pub(crate) const MODE: &[&str] = &["normal", "review", "browse"];
/// Interaction (K12-06).
pub(crate) const INTERACTION: &[&str] = &[
    "true-false",
    "choice",
    "fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
];
/// Time Limit Action (K12-08).
pub(crate) const TIME_LIMIT_ACTION: &[&str] = &[
    "exit,message",
    "exit,no message",
    "continue,message",
    "continue,no message",
];

const SCORE: DataType = T::Decimal {
    min: Some(0),
    max: Some(100),
    blank: true,
    strict_range: true,
};

/// Every SCORM 1.2 element, keywords included.
pub const SCORM_12: &[ElementDef] = &[
    ElementDef::new("cmi._version", T::Version("3.4"), RO, "D12-01").initial(Initial::Keyword),
    ElementDef::new(
        "cmi._children",
        T::Children(
            "core,suspend_data,launch_data,comments,comments_from_lms,objectives,student_data,student_preference,interactions",
        ),
        RO,
        "D12-02",
    )
    .initial(Initial::Keyword),
    ElementDef::new(
        "cmi.core._children",
        T::Children(
            "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
        ),
        RO,
        "D12-03",
    )
    .initial(Initial::Keyword),
    ElementDef::new("cmi.core.student_id", T::Identifier, RO, "D12-04")
        .spm(255)
        .initial(Initial::Launch),
    ElementDef::new("cmi.core.student_name", T::String255, RO, "D12-05")
        .spm(255)
        .initial(Initial::Launch),
    ElementDef::new("cmi.core.lesson_location", T::String255, RW, "D12-06")
        .spm(255)
        .initial(Initial::Default("")),
    ElementDef::new("cmi.core.credit", T::Vocabulary(CREDIT), RO, "D12-07")
        .initial(Initial::Launch),
    ElementDef::new("cmi.core.lesson_status", T::Vocabulary(STATUS_SET), RW, "D12-08")
        .initial(Initial::Default("not attempted")),
    ElementDef::new("cmi.core.entry", T::Vocabulary(ENTRY), RO, "D12-09")
        .initial(Initial::Launch),
    ElementDef::new("cmi.core.score._children", T::Children("raw,min,max"), RO, "D12-10")
        .initial(Initial::Keyword),
    ElementDef::new("cmi.core.score.raw", SCORE, RW, "D12-11").initial(Initial::Default("")),
    ElementDef::new("cmi.core.score.min", SCORE, RW, "D12-12").initial(Initial::Default("")),
    ElementDef::new("cmi.core.score.max", SCORE, RW, "D12-13").initial(Initial::Default("")),
    ElementDef::new("cmi.core.total_time", T::Timespan, RO, "D12-14")
        .initial(Initial::Default("0000:00:00.00")),
    ElementDef::new("cmi.core.lesson_mode", T::Vocabulary(MODE), RO, "D12-15")
        .initial(Initial::Launch),
    ElementDef::new("cmi.core.exit", T::Vocabulary(EXIT), WO, "D12-16"),
    ElementDef::new("cmi.core.session_time", T::Timespan, WO, "D12-17"),
    ElementDef::new("cmi.suspend_data", T::String4096, RW, "D12-18")
        .spm(4096)
        .initial(Initial::Default("")),
    ElementDef::new("cmi.launch_data", T::String4096, RO, "D12-19")
        .spm(4096)
        .initial(Initial::Launch),
    ElementDef::new("cmi.comments", T::String4096, RW, "D12-20")
        .spm(4096)
        .initial(Initial::Default("")),
    ElementDef::new("cmi.comments_from_lms", T::String4096, RO, "D12-21")
        .spm(4096)
        .initial(Initial::Launch),
    ElementDef::new("cmi.objectives._children", T::Children("id,score,status"), RO, "D12-22")
        .initial(Initial::Keyword),
    ElementDef::new("cmi.objectives._count", T::Count, RO, "D12-23").initial(Initial::Keyword),
    ElementDef::new("cmi.objectives.n.id", T::Identifier, RW, "D12-24").spm(255),
    ElementDef::new(
        "cmi.objectives.n.score._children",
        T::Children("raw,min,max"),
        RO,
        "D12-25",
    )
    .initial(Initial::Keyword),
    ElementDef::new("cmi.objectives.n.score.raw", SCORE, RW, "D12-26"),
    ElementDef::new("cmi.objectives.n.score.min", SCORE, RW, "D12-26"),
    ElementDef::new("cmi.objectives.n.score.max", SCORE, RW, "D12-26"),
    ElementDef::new("cmi.objectives.n.status", T::Vocabulary(STATUS), RW, "D12-27"),
    ElementDef::new(
        "cmi.student_data._children",
        T::Children("mastery_score,max_time_allowed,time_limit_action"),
        RO,
        "D12-28",
    )
    .initial(Initial::Keyword),
    ElementDef::new(
        "cmi.student_data.mastery_score",
        T::Decimal {
            min: Some(0),
            max: Some(100),
            blank: false,
            strict_range: false,
        },
        RO,
        "D12-29",
    )
    .initial(Initial::Launch),
    ElementDef::new("cmi.student_data.max_time_allowed", T::Timespan, RO, "D12-30")
        .initial(Initial::Launch),
    ElementDef::new(
        "cmi.student_data.time_limit_action",
        T::Vocabulary(TIME_LIMIT_ACTION),
        RO,
        "D12-31",
    )
    .initial(Initial::Launch),
    ElementDef::new(
        "cmi.student_preference._children",
        T::Children("audio,language,speed,text"),
        RO,
        "D12-32",
    )
    .initial(Initial::Keyword),
    ElementDef::new(
        "cmi.student_preference.audio",
        T::SInteger { min: -1, max: 100 },
        RW,
        "D12-33",
    )
    .initial(Initial::Default("0")),
    ElementDef::new("cmi.student_preference.language", T::String255, RW, "D12-34")
        .spm(255)
        .initial(Initial::Default("")),
    ElementDef::new(
        "cmi.student_preference.speed",
        T::SInteger {
            min: -100,
            max: 100,
        },
        RW,
        "D12-35",
    )
    .initial(Initial::Default("0")),
    ElementDef::new(
        "cmi.student_preference.text",
        T::SInteger { min: -1, max: 1 },
        RW,
        "D12-36",
    )
    .initial(Initial::Default("0")),
    ElementDef::new(
        "cmi.interactions._children",
        T::Children(
            "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
        ),
        RO,
        "D12-37",
    )
    .initial(Initial::Keyword),
    ElementDef::new("cmi.interactions._count", T::Count, RO, "D12-38").initial(Initial::Keyword),
    ElementDef::new("cmi.interactions.n.id", T::Identifier, WO, "D12-39").spm(255),
    ElementDef::new("cmi.interactions.n.objectives._count", T::Count, RO, "D12-40")
        .initial(Initial::Keyword),
    ElementDef::new("cmi.interactions.n.objectives.n.id", T::Identifier, WO, "D12-41").spm(255),
    ElementDef::new("cmi.interactions.n.time", T::Time, WO, "D12-42"),
    ElementDef::new("cmi.interactions.n.type", T::Vocabulary(INTERACTION), WO, "D12-43"),
    ElementDef::new(
        "cmi.interactions.n.correct_responses._count",
        T::Count,
        RO,
        "D12-44",
    )
    .initial(Initial::Keyword),
    ElementDef::new(
        "cmi.interactions.n.correct_responses.n.pattern",
        T::Feedback,
        WO,
        "D12-45",
    )
    .spm(255),
    ElementDef::new(
        "cmi.interactions.n.weighting",
        T::Decimal {
            min: None,
            max: None,
            blank: false,
            strict_range: false,
        },
        WO,
        "D12-46",
    ),
    ElementDef::new("cmi.interactions.n.student_response", T::Feedback, WO, "D12-47").spm(255),
    ElementDef::new("cmi.interactions.n.result", T::Result12, WO, "D12-48"),
    ElementDef::new("cmi.interactions.n.latency", T::Timespan, WO, "D12-49"),
];
