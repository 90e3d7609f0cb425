//! What `Initialize` loads: a new attempt after a 2004 attempt ended, the entry, the LMS values of the
//! [`Setup`](crate::runtime::Setup) and the defaults.

use crate::Version;
use crate::runtime::Record;
use crate::runtime::attempt::Attempt;
use crate::runtime::engine::{READ_KEY, WRITE_KEY};
use crate::runtime::model::{Initial, definitions};
use crate::runtime::setup::{Credit, Mode};

use super::Api;

impl Api {
    /// `Initialize`'s loading: a new attempt after a 2004 attempt ended, the entry, the LMS values
    /// and the defaults (rules F04-01..F04-11, ST04-20, ST12-01, ST12-08, PM-08).
    pub(super) fn load(&mut self) {
        let is_2004 = self.version.is_2004();
        if self.attempt.ended {
            // Shared data belongs to the learner and target, not to the attempt (rule N04-12), and
            // preferences to the learner (rule F04-09).
            let shared = self.attempt.data.lists.remove("adl.data");
            let mut preferences = std::mem::take(&mut self.attempt.data.values);
            preferences.retain(|key, _| {
                key.starts_with("cmi.learner_preference.")
                    || key.starts_with("cmi.student_preference.")
            });
            self.attempt = Attempt::new();
            self.attempt.data.values = preferences;
            if let Some(shared) = shared {
                self.attempt.data.lists.insert("adl.data".into(), shared);
            }
        }
        let entry = self.setup.entry.clone().unwrap_or_else(|| {
            if is_2004 && self.setup.mode == Mode::Review {
                String::new()
            } else if self.attempt.sessions == 0 {
                "ab-initio".to_owned()
            } else if self.attempt.suspended {
                "resume".to_owned()
            } else {
                String::new()
            }
        });
        let setup = &self.setup;
        let credit = match setup.credit {
            Credit::Credit => "credit",
            Credit::NoCredit => "no-credit",
        };
        let mode = match setup.mode {
            Mode::Normal => "normal",
            Mode::Browse => "browse",
            Mode::Review => "review",
        };
        let data = &mut self.attempt.data;
        let mut put = |key: &str, value: Option<&str>| match value {
            Some(value) => {
                data.values.insert(key.to_owned(), value.to_owned());
            }
            None => {
                data.values.remove(key);
            }
        };
        if is_2004 {
            put("cmi.learner_id", Some(&setup.learner_id));
            put("cmi.learner_name", Some(&setup.learner_name));
            put("cmi.credit", Some(credit));
            put("cmi.mode", Some(mode));
            put("cmi.entry", Some(&entry));
            put("cmi.launch_data", setup.launch_data.as_deref());
            put(
                "cmi.completion_threshold",
                setup.completion_threshold.as_deref(),
            );
            put(
                "cmi.scaled_passing_score",
                setup.scaled_passing_score.as_deref(),
            );
            put("cmi.max_time_allowed", setup.max_time_allowed.as_deref());
            put(
                "cmi.time_limit_action",
                Some(
                    setup
                        .time_limit_action
                        .as_deref()
                        .unwrap_or("continue,no message"),
                ),
            );
            let comments = setup
                .comments_from_lms
                .iter()
                .map(|c| {
                    let mut record = Record::default();
                    record.values.insert("comment".into(), c.comment.clone());
                    if let Some(location) = &c.location {
                        record.values.insert("location".into(), location.clone());
                    }
                    if let Some(timestamp) = &c.timestamp {
                        record.values.insert("timestamp".into(), timestamp.clone());
                    }
                    record
                })
                .collect();
            data.lists.insert("cmi.comments_from_lms".into(), comments);
            data.values
                .retain(|key, _| !key.starts_with("adl.nav.request_valid."));
            for (key, answer) in &setup.request_valid {
                data.values
                    .insert(format!("adl.nav.request_valid.{key}"), answer.clone());
            }
            let cap = self.options.limits.max_records();
            let objectives = data.lists.entry("cmi.objectives".into()).or_default();
            for id in &setup.objectives {
                if objectives.len() < cap && !objectives.iter().any(|r| r.value("id") == Some(id)) {
                    let mut record = Record::default();
                    record.values.insert("id".into(), id.clone());
                    record
                        .values
                        .insert("success_status".into(), "unknown".into());
                    record
                        .values
                        .insert("completion_status".into(), "unknown".into());
                    objectives.push(record);
                }
            }
            if self.version == Version::Scorm2004Edition4 {
                let old = data.lists.remove("adl.data").unwrap_or_default();
                let maps = setup
                    .shared_data
                    .iter()
                    .map(|map| {
                        let mut record = old
                            .iter()
                            .find(|r| r.value("id") == Some(map.target_id.as_str()))
                            .cloned()
                            .unwrap_or_default();
                        record.values.insert("id".into(), map.target_id.clone());
                        record
                            .values
                            .insert(READ_KEY.into(), map.read_shared_data.to_string());
                        record
                            .values
                            .insert(WRITE_KEY.into(), map.write_shared_data.to_string());
                        record
                    })
                    .collect();
                data.lists.insert("adl.data".into(), maps);
            }
        } else {
            put("cmi.core.student_id", Some(&setup.learner_id));
            put("cmi.core.student_name", Some(&setup.learner_name));
            put("cmi.core.credit", Some(credit));
            put("cmi.core.lesson_mode", Some(mode));
            put("cmi.core.entry", Some(&entry));
            put(
                "cmi.launch_data",
                Some(setup.launch_data.as_deref().unwrap_or("")),
            );
            let comments: Vec<&str> = setup
                .comments_from_lms
                .iter()
                .map(|c| c.comment.as_str())
                .collect();
            put("cmi.comments_from_lms", Some(&comments.join("\n")));
            put(
                "cmi.student_data.mastery_score",
                Some(setup.mastery_score.as_deref().unwrap_or("")),
            );
            put(
                "cmi.student_data.max_time_allowed",
                Some(setup.max_time_allowed.as_deref().unwrap_or("")),
            );
            put(
                "cmi.student_data.time_limit_action",
                Some(setup.time_limit_action.as_deref().unwrap_or("")),
            );
        }
        for def in definitions(self.version) {
            if let Initial::Default(value) = def.initial
                && !def.name.contains(".n.")
                && !def.name.contains("{target=}")
            {
                data.values
                    .entry(def.name.to_owned())
                    .or_insert_with(|| value.to_owned());
            }
        }
        self.size = self.attempt.data.size();
    }
}
