//! Planning of a filled-in compliance matrix applied to the project (without egui): every
//! requirement assessment it sets, on the zones and conduits it names, as one labelled edit.
//! `import::compliance` reads the workbook; this builds the edit.

use super::{NoPlan, Plan, plan_of};
use crate::edit::Edit;
use crate::model::{Conduit, ElementRef, Project, RequirementAssessment, Zone};

/// One requirement assessment a matrix sets (a default one is removed, as the forms do).
#[derive(Debug, Clone, PartialEq)]
pub struct SetRequirement {
    pub element: ElementRef,
    /// The catalog id ("SR 1.1").
    pub requirement: String,
    pub after: RequirementAssessment,
}

/// The assessments as one edit, or `None` when there are none or one names an element that is
/// gone (the matrix must be read again).
pub fn edit(sets: &[SetRequirement], project: &Project) -> Option<Edit> {
    let mut zones: Vec<Zone> = Vec::new();
    let mut conduits: Vec<Conduit> = Vec::new();
    for s in sets {
        let target = match s.element {
            ElementRef::Zone(id) => {
                if !zones.iter().any(|z| z.id == id) {
                    zones.push(project.zone(id)?.clone());
                }
                zones
                    .iter_mut()
                    .find(|z| z.id == id)
                    .map(|z| &mut z.requirements)
            }
            ElementRef::Conduit(id) => {
                if !conduits.iter().any(|k| k.id == id) {
                    conduits.push(project.conduit(id)?.clone());
                }
                conduits
                    .iter_mut()
                    .find(|k| k.id == id)
                    .map(|k| &mut k.requirements)
            }
            ElementRef::Asset(_) | ElementRef::Project => None,
        }?;
        if s.after.is_default() {
            target.remove(&s.requirement);
        } else {
            target.insert(s.requirement.clone(), s.after.clone());
        }
    }
    let mut edits: Vec<Edit> = zones.into_iter().map(Edit::ReplaceZone).collect();
    edits.extend(conduits.into_iter().map(Edit::ReplaceConduit));
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The matrix `name` applied as one undo step: "Apply compliance matrix m.xlsx (3 changes)".
pub fn plan(name: &str, sets: &[SetRequirement], project: &Project) -> Result<Plan, NoPlan> {
    let edit = edit(sets, project).ok_or(NoPlan::Nothing)?;
    Ok(plan_of(
        format!(
            "Apply compliance matrix {name} ({})",
            crate::count_of(sets.len(), "change", "changes")
        ),
        edit,
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConduitId, Rect, Status, ZoneId, ZoneKind};

    fn set(element: ElementRef, id: &str, status: Status) -> SetRequirement {
        SetRequirement {
            element,
            requirement: id.into(),
            after: RequirementAssessment {
                status,
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_matrix_is_one_step_per_element_touched() {
        let mut p = Project::default();
        let rect = Rect::new(0.0, 0.0, 300.0, 200.0);
        let mut z = Zone::new(ZoneId(1), "Cell", ZoneKind::Control, rect);
        z.requirements.insert(
            "SR 2.1".into(),
            RequirementAssessment {
                status: Status::NotMet,
                ..Default::default()
            },
        );
        p.zones.push(z);
        p.zones
            .push(Zone::new(ZoneId(2), "Office", ZoneKind::Enterprise, rect));
        p.conduits
            .push(Conduit::new(ConduitId(1), "c", ZoneId(1), ZoneId(2)));
        let before = p.clone();
        let zone = ElementRef::Zone(ZoneId(1));
        let sets = [
            set(zone, "SR 1.1", Status::Met),
            set(zone, "SR 2.1", Status::NotAssessed),
            set(ElementRef::Conduit(ConduitId(1)), "SR 5.1", Status::Met),
        ];
        let step = plan("m.xlsx", &sets, &p).expect("a plan");
        assert_eq!(step.label, "Apply compliance matrix m.xlsx (3 changes)");
        match &step.edit {
            Edit::Batch(edits) => assert_eq!(edits.len(), 2, "one zone, one conduit"),
            other => panic!("{other:?}"),
        }
        let undo = step.edit.apply(&mut p).expect("applies");
        let z = p.zone(ZoneId(1)).expect("the zone");
        assert_eq!(
            z.requirements.get("SR 1.1").map(|r| r.status),
            Some(Status::Met)
        );
        assert!(
            !z.requirements.contains_key("SR 2.1"),
            "a default entry goes"
        );
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before);
        // nothing to set, or an element gone: no plan
        assert_eq!(plan("m.xlsx", &[], &p), Err(NoPlan::Nothing));
        let gone = [set(ElementRef::Zone(ZoneId(9)), "SR 1.1", Status::Met)];
        assert_eq!(plan("m.xlsx", &gone, &p), Err(NoPlan::Nothing));
    }
}
