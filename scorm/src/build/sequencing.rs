//! `imsss:sequencing` and the ADL sequencing extensions (S04-40..52).

use std::collections::BTreeSet;

use learnwire_report::quote;

use super::Ctx;
use super::manifest::{is_scorm_ns, unexpected};
use super::values::collapse;
use crate::manifest::Sequencing;
use crate::parse::ns::Ns;
use crate::rules;

mod elements;
mod parts;
mod vocabulary;

use parts::objectives;
use vocabulary::objective_key;

/// Where a sequencing element sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Item,
    Organization,
    Collection,
}

/// Builds one `imsss:sequencing`: its `ID`/`IDRef`, every child element, then the checks across them
/// (objective references, one writer per global objective).
pub(crate) fn build_sequencing(ctx: &mut Ctx<'_, '_>, el: usize, place: Place) -> Sequencing {
    let mut seq = Sequencing {
        id: ctx.plain(el, "ID").map(|v| collapse(v).into_owned()),
        id_ref: ctx.plain(el, "IDRef").map(|v| collapse(v).into_owned()),
        ..Sequencing::default()
    };
    check_ids(ctx, el, place, &seq);
    let mut referenced = Vec::new();
    read_children(ctx, el, place, &mut seq, &mut referenced);
    if seq.id_ref.is_none() && place != Place::Collection {
        // Collection members are completed by the items that reference them.
        check_objective_refs(ctx, &seq, &referenced);
    }
    check_single_writers(ctx, el, &seq);
    seq
}

/// `@ID` only (and always) inside the collection, `@IDRef` only outside it (S04-41); records both for the
/// document-wide checks.
fn check_ids(ctx: &mut Ctx<'_, '_>, el: usize, place: Place, seq: &Sequencing) {
    match (place, &seq.id) {
        (Place::Collection, Some(id)) => {
            ctx.seq_ids.push((id.clone(), el));
            ctx.declare_id(std::borrow::Cow::Owned(id.clone()), el);
        }
        (Place::Collection, None) => ctx.emit(
            rules::SEQ_ID,
            el,
            "a sequencing of the collection needs an ID",
        ),
        (_, Some(_)) => ctx.emit(
            rules::SEQ_ID,
            el,
            "sequencing/@ID is allowed only inside sequencingCollection",
        ),
        (_, None) => {}
    }
    if let Some(id_ref) = &seq.id_ref {
        if place == Place::Collection {
            ctx.emit(
                rules::SEQ_ID,
                el,
                "sequencing/@IDRef is not allowed inside sequencingCollection",
            );
        } else {
            ctx.seq_refs.push((id_ref.clone(), el));
        }
    }
}

/// Reads every child element of the sequencing into `seq`; objective identifiers that rules and
/// `adlseq:objectives` name go to `referenced`.
fn read_children(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    place: Place,
    seq: &mut Sequencing,
    referenced: &mut Vec<(String, usize)>,
) {
    let mut seen = BTreeSet::new();
    for child in ctx.children(el) {
        let element = ctx.el(child);
        let (ns, local) = (element.ns, element.local);
        if matches!(ns, Ns::Imsss | Ns::Adlseq) && !seen.insert((ns == Ns::Adlseq, local)) {
            ctx.emit(
                rules::MANIFEST_DUPLICATE_CHILD,
                child,
                format!("{} may appear only once", quote(element.qname)),
            );
        }
        match (ns, local) {
            (Ns::Imsss, "controlMode") => elements::control_mode(ctx, child, seq),
            (Ns::Imsss, "sequencingRules") => {
                elements::sequencing_rules(ctx, child, place, seq, referenced)
            }
            (Ns::Imsss, "limitConditions") => elements::limit_conditions(ctx, child, seq),
            (Ns::Imsss, "auxiliaryResources") => ctx.emit(
                rules::SEQ_CAUTION,
                child,
                "ADL advises caution with auxiliaryResources",
            ),
            (Ns::Imsss, "rollupRules") => elements::rollup_rules(ctx, child, seq),
            (Ns::Imsss, "objectives") => seq.objectives = Some(objectives(ctx, child)),
            (Ns::Imsss, "randomizationControls") => {
                elements::randomization_controls(ctx, child, seq)
            }
            (Ns::Imsss, "deliveryControls") => elements::delivery_controls(ctx, child, seq),
            (Ns::Adlseq, "constrainedChoiceConsiderations") => {
                elements::constrained_choice(ctx, child, seq)
            }
            (Ns::Adlseq, "rollupConsiderations") => {
                elements::rollup_considerations(ctx, child, seq)
            }
            (Ns::Adlseq, "objectives") => elements::adl_objectives(ctx, child, seq, referenced),
            (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
            _ => {}
        }
    }
}

/// Every objective a rule or `adlseq:objective` names is an objective of this activity (S04-44, S04-51).
/// ADL compares objective identifiers as anyURI values: percent-decoded, whitespace collapsed (CTS OB-02a,
/// OB-12a).
fn check_objective_refs(ctx: &mut Ctx<'_, '_>, seq: &Sequencing, referenced: &[(String, usize)]) {
    let known: BTreeSet<String> = seq
        .objectives
        .iter()
        .flat_map(|o| std::iter::once(&o.primary).chain(o.others.iter()))
        .filter_map(|o| o.id.as_deref())
        .map(objective_key)
        .collect();
    for (id, at) in referenced {
        if !known.contains(&objective_key(id)) {
            ctx.emit(
                rules::SEQ_OBJECTIVE_REF,
                *at,
                format!(
                    "objective {} is not an objective of this activity",
                    quote(id)
                ),
            );
        }
    }
}

/// S04-48: within one activity, one writer per global objective and field.
fn check_single_writers(ctx: &mut Ctx<'_, '_>, el: usize, seq: &Sequencing) {
    let Some(objectives) = &seq.objectives else {
        return;
    };
    let mut writers = BTreeSet::new();
    for objective in std::iter::once(&objectives.primary).chain(objectives.others.iter()) {
        for map in &objective.map_info {
            for (field, writes) in [
                ("writeSatisfiedStatus", map.write_satisfied_status),
                ("writeNormalizedMeasure", map.write_normalized_measure),
            ] {
                if writes && !writers.insert((map.target_objective_id.clone(), field)) {
                    ctx.emit(
                        rules::SEQ_MULTIPLE_WRITERS,
                        el,
                        format!("more than one mapInfo of this activity sets {field} for global objective {}", quote(&map.target_objective_id)),
                    );
                }
            }
        }
    }
}
