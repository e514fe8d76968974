//! Planning of changes to many elements or many requirement items at once (without egui): one
//! field set on several zones or assets, one status, reason or evidence set on several
//! requirement items, "everything up to SL n is met", and copying one element's assessment to
//! others. Each gives one labelled edit (one undo step).

use super::{NoPlan, Plan, with_growth};
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::model::{
    AssetId, AssetParent, Criticality, ElementRef, Fr, Project, RequirementAssessment,
    Requirements, SlVector, Status, ZoneId, ZoneKind,
};

/// A change to many elements or requirement items.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkAction {
    Zones {
        ids: Vec<ZoneId>,
        change: ZoneChange,
    },
    Assets {
        ids: Vec<AssetId>,
        change: AssetChange,
    },
    /// Items (catalog ids) of one zone or conduit.
    Requirements {
        target: ElementRef,
        ids: Vec<String>,
        change: RequirementChange,
    },
    /// Every applicable item up to `level` that does not count yet becomes met.
    MetUpTo { target: ElementRef, level: u8 },
    /// The assessment entries of `from` onto each of `to`, where they apply.
    CopyAssessment {
        from: ElementRef,
        to: Vec<ElementRef>,
    },
}

/// One field of several zones.
#[derive(Debug, Clone, PartialEq)]
pub enum ZoneChange {
    /// The whole target (`None` clears it).
    SlT(Option<SlVector>),
    /// One FR of the target; zones without a target start from their kind's default.
    SlTFr(Fr, u8),
    Kind(ZoneKind),
    Organisation(String),
}

/// One field of several assets.
#[derive(Debug, Clone, PartialEq)]
pub enum AssetChange {
    Component(String),
    Vendor(String),
    Criticality(Criticality),
    /// Moves them into this zone.
    Zone(ZoneId),
}

/// One part of several requirement items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementChange {
    Status(Status),
    Text(String),
    Evidence(String),
}

/// The one edit carrying out `action`.
pub(crate) fn plan_bulk(
    action: &BulkAction,
    p: &Project,
    catalog: &Catalog,
) -> Result<Plan, NoPlan> {
    match action {
        BulkAction::Zones { ids, change } => zones(p, ids, change),
        BulkAction::Assets { ids, change } => assets(p, ids, change),
        BulkAction::Requirements {
            target,
            ids,
            change,
        } => requirements(p, *target, ids, change),
        BulkAction::MetUpTo { target, level } => met_up_to(p, catalog, *target, *level),
        BulkAction::CopyAssessment { from, to } => copy_assessment(p, catalog, *from, to),
    }
}

fn plan(label: String, edits: Vec<Edit>) -> Result<Plan, NoPlan> {
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    Ok(Plan {
        label,
        edit: Edit::Batch(edits),
        selection_after: None,
        merge_key: None,
    })
}

/// "(2, 2, 1, 1, 2, 1, 1)", or "(2,…)" when every FR has the same level.
fn vector_text(v: SlVector) -> String {
    if v.0.iter().all(|l| *l == v.0[0]) {
        format!("({},…)", v.0[0])
    } else {
        v.to_string()
    }
}

fn zones(p: &Project, ids: &[ZoneId], change: &ZoneChange) -> Result<Plan, NoPlan> {
    let mut edits = Vec::new();
    for id in ids {
        let Some(z) = p.zone(*id) else { continue };
        let mut n = z.clone();
        match change {
            ZoneChange::SlT(v) => n.sl_t = *v,
            ZoneChange::SlTFr(fr, l) => {
                let mut v = n.sl_t.unwrap_or_else(|| n.kind.default_sl_t());
                v.set(*fr, *l);
                n.sl_t = Some(v);
            }
            ZoneChange::Kind(k) => n.kind = *k,
            ZoneChange::Organisation(o) => n.characteristics.accountable_organisation = o.clone(),
        }
        if n != *z {
            edits.push(Edit::ReplaceZone(n));
        }
    }
    let what = crate::count_of(edits.len(), "zone", "zones");
    let label = match change {
        ZoneChange::SlT(Some(v)) => format!("Set SL-T of {what} to {}", vector_text(*v)),
        ZoneChange::SlT(None) => format!("Clear SL-T of {what}"),
        ZoneChange::SlTFr(fr, l) => format!("Set {} SL-T of {what} to {l}", fr.code()),
        ZoneChange::Kind(k) => format!("Change kind of {what} to {}", k.label()),
        ZoneChange::Organisation(_) => format!("Set accountable organisation of {what}"),
    };
    plan(label, edits)
}

fn assets(p: &Project, ids: &[AssetId], change: &AssetChange) -> Result<Plan, NoPlan> {
    let mut edits = Vec::new();
    if let AssetChange::Zone(zone) = change {
        let z = p.zone(*zone).ok_or(NoPlan::Nothing)?;
        let to = AssetParent::Zone(*zone);
        let mut count = z.assets.len();
        for id in ids {
            match p.asset(*id) {
                Some((_, from)) if from != to => {
                    count += 1;
                    edits.push(Edit::MoveAsset {
                        id: *id,
                        to,
                        index: usize::MAX,
                    });
                }
                _ => {}
            }
        }
        let label = format!(
            "Move {} to zone {}",
            crate::count_of(edits.len(), "asset", "assets"),
            z.name
        );
        if edits.is_empty() {
            return Err(NoPlan::Nothing);
        }
        let grown = with_growth(Edit::Batch(edits), z, count);
        return plan(label, vec![grown]);
    }
    for id in ids {
        let Some((a, _)) = p.asset(*id) else { continue };
        let mut n = a.clone();
        match change {
            AssetChange::Component(c) => n.component = c.clone(),
            AssetChange::Vendor(v) => n.vendor = v.clone(),
            AssetChange::Criticality(c) => n.criticality = *c,
            AssetChange::Zone(_) => {}
        }
        if n != *a {
            edits.push(Edit::ReplaceAsset(n));
        }
    }
    let what = crate::count_of(edits.len(), "asset", "assets");
    let label = match change {
        AssetChange::Component(_) => format!("Change type of {what}"),
        AssetChange::Vendor(_) => format!("Set vendor of {what}"),
        AssetChange::Criticality(c) => format!("Set criticality of {what} to {}", c.label()),
        AssetChange::Zone(_) => String::new(),
    };
    plan(label, edits)
}

/// The requirement table of a zone or conduit, its name ("zone BPCS") and its SL-T.
fn target_of(p: &Project, e: ElementRef) -> Option<(&Requirements, String, Option<SlVector>)> {
    match e {
        ElementRef::Zone(id) => {
            let z = p.zone(id)?;
            Some((&z.requirements, format!("zone {}", z.name), z.sl_t))
        }
        ElementRef::Conduit(id) => {
            let c = p.conduit(id)?;
            let sl_t = c
                .sl_t_override
                .or_else(|| crate::analysis::conduit_default_sl_t(p, c));
            Some((&c.requirements, format!("conduit {}", c.name), sl_t))
        }
        _ => None,
    }
}

/// The edit replacing the requirement table of `e` by `reqs` (default entries dropped).
fn replace_requirements(p: &Project, e: ElementRef, mut reqs: Requirements) -> Option<Edit> {
    reqs.retain(|_, ra| !ra.is_default());
    match e {
        ElementRef::Zone(id) => {
            let mut z = p.zone(id)?.clone();
            z.requirements = reqs;
            Some(Edit::ReplaceZone(z))
        }
        ElementRef::Conduit(id) => {
            let mut c = p.conduit(id)?.clone();
            c.requirements = reqs;
            Some(Edit::ReplaceConduit(c))
        }
        _ => None,
    }
}

fn requirements(
    p: &Project,
    target: ElementRef,
    ids: &[String],
    change: &RequirementChange,
) -> Result<Plan, NoPlan> {
    let (reqs, name, _) = target_of(p, target).ok_or(NoPlan::Nothing)?;
    let mut next = reqs.clone();
    let mut changed = 0;
    for id in ids {
        let entry = next.entry(id.clone()).or_default();
        let before = entry.clone();
        match change {
            RequirementChange::Status(s) => entry.status = *s,
            RequirementChange::Text(t) => entry.text = t.clone(),
            RequirementChange::Evidence(ev) => entry.evidence = ev.clone(),
        }
        if *entry != before {
            changed += 1;
        }
    }
    if changed == 0 {
        return Err(NoPlan::Nothing);
    }
    let items = crate::count_of(changed, "item", "items");
    let label = match change {
        RequirementChange::Status(s) => {
            format!("Set {items} of {name} to {}", s.label().to_lowercase())
        }
        RequirementChange::Text(_) => format!("Set the reason of {items} of {name}"),
        RequirementChange::Evidence(_) => format!("Set the evidence of {items} of {name}"),
    };
    let edit = replace_requirements(p, target, next).ok_or(NoPlan::Nothing)?;
    plan(label, vec![edit])
}

/// The catalog ids of the items that apply at `sl_t` up to `level`.
fn applicable_ids(catalog: &Catalog, sl_t: SlVector, level: u8) -> Vec<&str> {
    catalog
        .requirements
        .iter()
        .filter(|r| r.level <= level && r.level <= sl_t.get(r.fr))
        .map(|r| r.id.as_str())
        .collect()
}

/// How many items [`BulkAction::MetUpTo`] would change (for its confirmation).
pub fn met_up_to_count(p: &Project, catalog: &Catalog, target: ElementRef, level: u8) -> usize {
    let Some((reqs, _, Some(sl_t))) = target_of(p, target) else {
        return 0;
    };
    applicable_ids(catalog, sl_t, level)
        .into_iter()
        .filter(|id| !reqs.get(*id).is_some_and(RequirementAssessment::satisfies))
        .count()
}

fn met_up_to(
    p: &Project,
    catalog: &Catalog,
    target: ElementRef,
    level: u8,
) -> Result<Plan, NoPlan> {
    let (reqs, name, sl_t) = target_of(p, target).ok_or(NoPlan::Nothing)?;
    let Some(sl_t) = sl_t else {
        return Err(NoPlan::Refused(format!(
            "Set an SL-T of {name} first: the applicable requirements follow from it."
        )));
    };
    let mut next = reqs.clone();
    let mut changed = 0;
    for id in applicable_ids(catalog, sl_t, level) {
        let entry = next.entry(id.to_owned()).or_default();
        if !entry.satisfies() {
            entry.status = Status::Met;
            changed += 1;
        }
    }
    if changed == 0 {
        return Err(NoPlan::Refused(format!(
            "Every applicable item up to SL {level} of {name} already counts."
        )));
    }
    let edit = replace_requirements(p, target, next).ok_or(NoPlan::Nothing)?;
    plan(
        format!(
            "Mark {} of {name} met (up to SL {level})",
            crate::count_of(changed, "item", "items")
        ),
        vec![edit],
    )
}

/// What copying an assessment does: entries written and entries skipped (they do not apply
/// at the target's SL-T, or the target has none), over all targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CopyCounts {
    pub copied: usize,
    pub skipped: usize,
}

/// The counts of [`BulkAction::CopyAssessment`] (for the dialog) and its edits.
pub(crate) fn copy_assessment_plan(
    p: &Project,
    catalog: &Catalog,
    from: ElementRef,
    to: &[ElementRef],
) -> (CopyCounts, Vec<Edit>) {
    let mut counts = CopyCounts::default();
    let mut edits = Vec::new();
    let Some((source, _, _)) = target_of(p, from) else {
        return (counts, edits);
    };
    for t in to {
        if *t == from {
            continue;
        }
        let Some((reqs, _, sl_t)) = target_of(p, *t) else {
            continue;
        };
        let mut next = reqs.clone();
        for (id, ra) in source {
            let applies = sl_t.is_some_and(|sl_t| {
                catalog
                    .requirement(id)
                    .is_some_and(|r| r.level <= sl_t.get(r.fr))
            });
            if applies {
                next.insert(id.clone(), ra.clone());
                counts.copied += 1;
            } else {
                counts.skipped += 1;
            }
        }
        if next != *reqs
            && let Some(e) = replace_requirements(p, *t, next)
        {
            edits.push(e);
        }
    }
    (counts, edits)
}

fn copy_assessment(
    p: &Project,
    catalog: &Catalog,
    from: ElementRef,
    to: &[ElementRef],
) -> Result<Plan, NoPlan> {
    let (_, name, _) = target_of(p, from).ok_or(NoPlan::Nothing)?;
    let (counts, edits) = copy_assessment_plan(p, catalog, from, to);
    let targets = to.iter().filter(|t| **t != from).count();
    let label = format!(
        "Copy assessment of {name} to {} ({} copied, {} skipped)",
        crate::count_of(targets, "element", "elements"),
        crate::count_of(counts.copied, "item", "items"),
        counts.skipped
    );
    if edits.is_empty() {
        return Err(NoPlan::Refused(format!(
            "Nothing to copy: {} copied, {} skipped (they do not apply there).",
            crate::count_of(counts.copied, "item", "items"),
            counts.skipped
        )));
    }
    plan(label, edits)
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
