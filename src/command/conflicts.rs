//! Resolving a merge conflict as one undo step: the project with the conflict resolved
//! ([`crate::revision::resolved`]) is reached by replacing only the elements that differ, and
//! the conflict leaves the list.

use super::{NoPlan, Plan, Selection};
use crate::edit::Edit;
use crate::model::conflict::element_words;
use crate::model::{ElementRef, Project};
use crate::revision::{Resolution, resolved};

/// Plans the resolution of conflict `index` of `project`.
pub fn plan_resolve(project: &Project, index: usize, how: &Resolution) -> Result<Plan, NoPlan> {
    let conflict = project.conflicts.get(index).ok_or(NoPlan::Nothing)?;
    let after = resolved(project, index, how)
        .map_err(|why| NoPlan::Refused(format!("Conflict not resolved: {why}.")))?;
    let verb = match how {
        Resolution::Ours => "keep ours",
        Resolution::Theirs => "take theirs",
        Resolution::Value(_) => "edited",
    };
    let label = format!(
        "Resolve conflict on {} ({}): {verb}",
        element_words(project, conflict.element),
        conflict.field_label()
    );
    let selection_after = match conflict.element {
        ElementRef::Project => None,
        e if element_exists(&after, e) => Some(Selection::from([e])),
        _ => Some(Selection::new()),
    };
    Ok(Plan {
        label,
        edit: Edit::Batch(edits_between(project, &after)),
        selection_after,
        merge_key: None,
    })
}

pub fn element_exists(p: &Project, e: ElementRef) -> bool {
    match e {
        ElementRef::Project => true,
        ElementRef::Zone(id) => p.zone(id).is_some(),
        ElementRef::Conduit(id) => p.conduit(id).is_some(),
        ElementRef::Asset(id) => p.asset(id).is_some(),
    }
}

/// The edits that turn `before` into `after`, element by element: zones added, then zones
/// replaced, conduits added or replaced, conduits removed, zones removed, and the project's
/// own fields. A zone is replaced whole (its assets with it).
pub fn edits_between(before: &Project, after: &Project) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (index, z) in after.zones.iter().enumerate() {
        match before.zone(z.id) {
            None => edits.push(Edit::AddZone {
                index,
                zone: z.clone(),
            }),
            Some(old) if old != z => edits.push(Edit::ReplaceZone(z.clone())),
            Some(_) => {}
        }
    }
    for (index, c) in after.conduits.iter().enumerate() {
        match before.conduit(c.id) {
            None => edits.push(Edit::AddConduit {
                index,
                conduit: c.clone(),
            }),
            Some(old) if old != c => edits.push(Edit::ReplaceConduit(c.clone())),
            Some(_) => {}
        }
    }
    for c in &before.conduits {
        if after.conduit(c.id).is_none() {
            edits.push(Edit::RemoveConduit { id: c.id });
        }
    }
    for z in &before.zones {
        if after.zone(z.id).is_none() {
            edits.push(Edit::RemoveZone { id: z.id });
        }
    }
    if before.meta != after.meta {
        edits.push(Edit::SetMeta(after.meta.clone()));
    }
    if before.risk != after.risk {
        edits.push(Edit::SetRisk(after.risk.clone()));
    }
    if before.approval != after.approval {
        edits.push(Edit::SetApproval(after.approval.clone()));
    }
    if before.import_settings != after.import_settings {
        edits.push(Edit::SetImportSettings(Box::new(
            after.import_settings.clone(),
        )));
    }
    if before.conflicts != after.conflicts {
        edits.push(Edit::SetConflicts(after.conflicts.clone()));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::*;

    fn conflicted() -> Project {
        let mut base = Project::default();
        base.zones.push(Zone::new(
            ZoneId(1),
            "A",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 100.0),
        ));
        base.zones.push(Zone::new(
            ZoneId(2),
            "B",
            ZoneKind::Dmz,
            Rect::new(200.0, 0.0, 100.0, 100.0),
        ));
        base.conduits
            .push(Conduit::new(ConduitId(1), "A-B", ZoneId(1), ZoneId(2)));
        let mut ours = base.clone();
        ours.zones[0].description = "ours".into();
        ours.meta.revision = "C".into();
        let mut theirs = base.clone();
        theirs.zones[0].description = "theirs".into();
        theirs.meta.revision = "C1".into();
        theirs.zones.remove(1);
        theirs.conduits.clear();
        ours.conduits[0].owner = "kept".into();
        crate::revision::merge(&base, &ours, &theirs)
            .expect("merges")
            .project
    }

    #[test]
    fn each_resolution_is_one_undo_step_that_undoes_exactly() {
        let p = conflicted();
        // zone A's description, the revision, conduit A-B removed there but changed here, and
        // zone B removed there but kept here for the conduit
        assert_eq!(p.conflicts.len(), 4, "{:?}", p.conflicts);
        let mut project = p.clone();
        let mut history = History::default();
        let i = project
            .conflicts
            .iter()
            .position(|c| c.element == ElementRef::Zone(ZoneId(1)))
            .expect("zone conflict");
        let plan = plan_resolve(&project, i, &Resolution::Theirs).expect("plans");
        assert_eq!(
            plan.label,
            "Resolve conflict on zone \"A\" (description): take theirs"
        );
        history
            .apply_merging(&mut project, plan.label, plan.edit, None)
            .expect("applies");
        assert_eq!(project.zones[0].description, "theirs");
        assert_eq!(project.conflicts.len(), 3);
        let i = project
            .conflicts
            .iter()
            .position(|c| c.element == ElementRef::Project)
            .expect("meta");
        let plan = plan_resolve(&project, i, &Resolution::Value("C2".into())).expect("plans");
        history
            .apply_merging(&mut project, plan.label, plan.edit, None)
            .expect("applies");
        assert_eq!(project.meta.revision, "C2");
        // the conduit and zone B: theirs removed them
        for _ in 0..2 {
            let plan = plan_resolve(&project, 0, &Resolution::Theirs).expect("plans");
            history
                .apply_merging(&mut project, plan.label, plan.edit, None)
                .expect("applies");
        }
        assert!(project.conduits.is_empty());
        assert!(project.zone(ZoneId(2)).is_none());
        assert!(project.conflicts.is_empty(), "{:?}", project.conflicts);
        for _ in 0..4 {
            assert!(history.undo(&mut project).expect("undo"));
        }
        assert_eq!(project, p);
        // a stale index plans nothing
        assert_eq!(
            plan_resolve(&project, 9, &Resolution::Ours),
            Err(NoPlan::Nothing)
        );
    }
}
