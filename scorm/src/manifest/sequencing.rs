//! `imsss:sequencing` (IMS Simple Sequencing with the ADL extensions), defaults applied.
//!
//! Vocabulary values (`condition`, `action`, timings) are kept as validated strings exactly as the
//! specification spells them.

mod written;

use serde::Serialize;

pub(crate) use written::Written;

/// One `imsss:sequencing` element.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Sequencing {
    /// `@ID` (only inside `sequencingCollection`).
    pub id: Option<String>,
    /// `@IDRef` (a `sequencingCollection` member this one extends).
    pub id_ref: Option<String>,
    /// `controlMode`, defaults applied.
    pub control_mode: ControlMode,
    /// `sequencingRules`.
    pub sequencing_rules: SequencingRules,
    /// `limitConditions`.
    pub limit_conditions: LimitConditions,
    /// `rollupRules`, defaults applied.
    pub rollup_rules: RollupRules,
    /// `objectives`, if any.
    pub objectives: Option<Objectives>,
    /// `randomizationControls`, defaults applied.
    pub randomization_controls: RandomizationControls,
    /// `deliveryControls`, defaults applied.
    pub delivery_controls: DeliveryControls,
    /// `adlseq:constrainedChoiceConsiderations/@preventActivation`; default `false`.
    pub prevent_activation: bool,
    /// `adlseq:constrainedChoiceConsiderations/@constrainChoice`; default `false`.
    pub constrain_choice: bool,
    /// `adlseq:rollupConsiderations`, defaults applied.
    pub rollup_considerations: RollupConsiderations,
    /// `adlseq:objectives/adlseq:objective/@objectiveID` values.
    pub adl_objective_ids: Vec<String>,
    /// What the document wrote (for [`applied_over`](Self::applied_over)).
    #[serde(skip)]
    pub(crate) written: Written,
}

impl Sequencing {
    /// This sequencing applied over `base`, the `sequencingCollection` member its `IDRef` names: what the
    /// activity's sequencing is. [`Manifest::resolve_sequencing`](crate::Manifest::resolve_sequencing)
    /// finds `base` and calls this.
    ///
    /// As the ADL sample run-time environment does (it appends the local elements to a copy of the
    /// referenced ones, then reads them in order): every attribute written here replaces the referenced
    /// one (`controlMode`, `limitConditions`, `randomizationControls`, `deliveryControls`, the attributes of
    /// `rollupRules`, `adlseq:constrainedChoiceConsiderations`, `adlseq:rollupConsiderations`); a
    /// `rollupRules` element written here replaces the referenced rollup rules, as do `objectives` and
    /// `adlseq:objectives`; pre-, exit- and post-condition rules written here replace the referenced
    /// rules of their kind. Everything else comes from `base`. `id` and `id_ref` stay this sequencing's.
    ///
    /// Only what the document wrote counts: a value set on the model in code is not "written".
    pub fn applied_over(&self, base: &Sequencing) -> Sequencing {
        written::apply(self, base)
    }
}

/// `controlMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ControlMode {
    /// `@choice`; default `true`.
    pub choice: bool,
    /// `@choiceExit`; default `true`.
    pub choice_exit: bool,
    /// `@flow`; default `false`.
    pub flow: bool,
    /// `@forwardOnly`; default `false`.
    pub forward_only: bool,
    /// `@useCurrentAttemptObjectiveInfo`; default `true`.
    pub use_current_attempt_objective_info: bool,
    /// `@useCurrentAttemptProgressInfo`; default `true`.
    pub use_current_attempt_progress_info: bool,
}

impl Default for ControlMode {
    fn default() -> Self {
        Self {
            choice: true,
            choice_exit: true,
            flow: false,
            forward_only: false,
            use_current_attempt_objective_info: true,
            use_current_attempt_progress_info: true,
        }
    }
}

/// `sequencingRules`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SequencingRules {
    /// `preConditionRule` elements.
    pub pre_condition: Vec<SequencingRule>,
    /// `exitConditionRule` elements.
    pub exit_condition: Vec<SequencingRule>,
    /// `postConditionRule` elements.
    pub post_condition: Vec<SequencingRule>,
}

/// How conditions combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ConditionCombination {
    /// Every condition must hold.
    #[default]
    All,
    /// One condition suffices.
    Any,
}

/// One sequencing rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SequencingRule {
    /// `ruleConditions/@conditionCombination`; default `all`.
    pub condition_combination: ConditionCombination,
    /// `ruleCondition` elements.
    pub conditions: Vec<RuleCondition>,
    /// `ruleAction/@action`.
    pub action: String,
}

/// One `ruleCondition` or `rollupCondition`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RuleCondition {
    /// `@condition`.
    pub condition: String,
    /// `@operator` is `not`; default `noOp` (false).
    pub not: bool,
    /// `@measureThreshold` (-1..=1), if any.
    pub measure_threshold: Option<f64>,
    /// `@referencedObjective`, if any.
    pub referenced_objective: Option<String>,
}

/// `limitConditions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LimitConditions {
    /// `@attemptLimit`, if any.
    pub attempt_limit: Option<u64>,
    /// `@attemptAbsoluteDurationLimit` (xs:duration), if any.
    pub attempt_absolute_duration_limit: Option<String>,
}

/// `rollupRules`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RollupRules {
    /// `@rollupObjectiveSatisfied`; default `true`.
    pub rollup_objective_satisfied: bool,
    /// `@rollupProgressCompletion`; default `true`.
    pub rollup_progress_completion: bool,
    /// `@objectiveMeasureWeight`; default `1.0`.
    pub objective_measure_weight: f64,
    /// `rollupRule` elements.
    pub rules: Vec<RollupRule>,
}

impl Default for RollupRules {
    fn default() -> Self {
        Self {
            rollup_objective_satisfied: true,
            rollup_progress_completion: true,
            objective_measure_weight: 1.0,
            rules: Vec::new(),
        }
    }
}

/// One `rollupRule`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RollupRule {
    /// `@childActivitySet`; default `all`.
    pub child_activity_set: String,
    /// `@minimumCount`; default `0`.
    pub minimum_count: u64,
    /// `@minimumPercent`; default `0.0`.
    pub minimum_percent: f64,
    /// `rollupConditions/@conditionCombination`; default `any`.
    pub condition_combination: ConditionCombination,
    /// `rollupCondition` elements.
    pub conditions: Vec<RuleCondition>,
    /// `rollupAction/@action`.
    pub action: String,
}

impl Default for RollupRule {
    fn default() -> Self {
        Self {
            child_activity_set: "all".to_owned(),
            minimum_count: 0,
            minimum_percent: 0.0,
            condition_combination: ConditionCombination::Any,
            conditions: Vec::new(),
            action: String::new(),
        }
    }
}

/// `objectives`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Objectives {
    /// `primaryObjective`.
    pub primary: Objective,
    /// `objective` elements.
    pub others: Vec<Objective>,
}

/// One objective.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Objective {
    /// `@objectiveID` (whitespace collapsed, never percent-decoded), if any.
    pub id: Option<String>,
    /// `@satisfiedByMeasure`; default `false`.
    pub satisfied_by_measure: bool,
    /// `minNormalizedMeasure`; default `1.0`.
    pub min_normalized_measure: f64,
    /// `mapInfo` elements.
    pub map_info: Vec<MapInfo>,
}

impl Default for Objective {
    fn default() -> Self {
        Self {
            id: None,
            satisfied_by_measure: false,
            min_normalized_measure: 1.0,
            map_info: Vec::new(),
        }
    }
}

/// One `mapInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MapInfo {
    /// `@targetObjectiveID`.
    pub target_objective_id: String,
    /// `@readSatisfiedStatus`; default `true`.
    pub read_satisfied_status: bool,
    /// `@readNormalizedMeasure`; default `true`.
    pub read_normalized_measure: bool,
    /// `@writeSatisfiedStatus`; default `false`.
    pub write_satisfied_status: bool,
    /// `@writeNormalizedMeasure`; default `false`.
    pub write_normalized_measure: bool,
}

/// `randomizationControls`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RandomizationControls {
    /// `@randomizationTiming`; default `never`.
    pub randomization_timing: String,
    /// `@selectCount`, if any.
    pub select_count: Option<u64>,
    /// `@reorderChildren`; default `false`.
    pub reorder_children: bool,
    /// `@selectionTiming`; default `never`.
    pub selection_timing: String,
}

impl Default for RandomizationControls {
    fn default() -> Self {
        Self {
            randomization_timing: "never".to_owned(),
            select_count: None,
            reorder_children: false,
            selection_timing: "never".to_owned(),
        }
    }
}

/// `deliveryControls`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeliveryControls {
    /// `@tracked`; default `true`.
    pub tracked: bool,
    /// `@completionSetByContent`; default `false`.
    pub completion_set_by_content: bool,
    /// `@objectiveSetByContent`; default `false`.
    pub objective_set_by_content: bool,
}

impl Default for DeliveryControls {
    fn default() -> Self {
        Self {
            tracked: true,
            completion_set_by_content: false,
            objective_set_by_content: false,
        }
    }
}

/// `adlseq:rollupConsiderations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RollupConsiderations {
    /// `@requiredForSatisfied`; default `always`.
    pub required_for_satisfied: String,
    /// `@requiredForNotSatisfied`; default `always`.
    pub required_for_not_satisfied: String,
    /// `@requiredForCompleted`; default `always`.
    pub required_for_completed: String,
    /// `@requiredForIncomplete`; default `always`.
    pub required_for_incomplete: String,
    /// `@measureSatisfactionIfActive`; default `true`.
    pub measure_satisfaction_if_active: bool,
}

impl Default for RollupConsiderations {
    fn default() -> Self {
        Self {
            required_for_satisfied: "always".to_owned(),
            required_for_not_satisfied: "always".to_owned(),
            required_for_completed: "always".to_owned(),
            required_for_incomplete: "always".to_owned(),
            measure_satisfaction_if_active: true,
        }
    }
}
