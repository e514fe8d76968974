//! Planning of an inventory import (without egui): the zones it fills or moves, the zones it
//! creates, the conduits whose devices it updates and the import settings kept for next time,
//! as one labelled edit. `import::merge` works out what changes; this builds the edit.

use super::{NoPlan, Plan, plan_of};
use crate::edit::Edit;
use crate::model::{Conduit, ImportSettings, Zone};

/// What an import changes, element by element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportChanges {
    /// Existing zones as the import leaves them (assets updated or added, moved apart).
    pub zones: Vec<Zone>,
    /// Zones the import creates, appended in this order.
    pub new_zones: Vec<Zone>,
    /// Conduits whose devices the file updates.
    pub conduits: Vec<Conduit>,
    /// The mapping and zoning kept for the next import, when they differ from the project's.
    pub settings: Option<Box<ImportSettings>>,
}

impl ImportChanges {
    /// Whether the import changes no zone, conduit or asset (the settings alone are not kept).
    pub fn is_empty(&self) -> bool {
        self.zones.is_empty() && self.new_zones.is_empty() && self.conduits.is_empty()
    }
}

/// The one edit that makes `changes` (an empty batch when there are none).
pub fn edit(changes: &ImportChanges) -> Edit {
    if changes.is_empty() {
        return Edit::Batch(Vec::new());
    }
    let mut edits: Vec<Edit> = changes
        .zones
        .iter()
        .cloned()
        .map(Edit::ReplaceZone)
        .collect();
    edits.extend(changes.new_zones.iter().cloned().map(|zone| Edit::AddZone {
        index: usize::MAX,
        zone,
    }));
    edits.extend(changes.conduits.iter().cloned().map(Edit::ReplaceConduit));
    if let Some(s) = &changes.settings {
        edits.push(Edit::SetImportSettings(s.clone()));
    }
    Edit::Batch(edits)
}

/// The import as one undo step named `label`.
pub fn plan(label: &str, changes: &ImportChanges) -> Result<Plan, NoPlan> {
    if changes.is_empty() {
        return Err(NoPlan::Nothing);
    }
    Ok(plan_of(label.to_owned(), edit(changes), None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConduitId, Project, Rect, ZoneId, ZoneKind};

    #[test]
    fn an_import_is_one_step_and_undoes_whole() {
        let mut p = Project::default();
        let rect = Rect::new(0.0, 0.0, 300.0, 200.0);
        p.zones
            .push(Zone::new(ZoneId(1), "Cell", ZoneKind::Control, rect));
        p.zones
            .push(Zone::new(ZoneId(2), "Office", ZoneKind::Enterprise, rect));
        p.conduits.push(Conduit::new(
            ConduitId(1),
            "Cell – Office",
            ZoneId(1),
            ZoneId(2),
        ));
        let before = p.clone();
        let mut moved = p.zones[0].clone();
        moved.rect.x = 400.0;
        let mut conduit = p.conduits[0].clone();
        conduit.name = "updated".into();
        let changes = ImportChanges {
            zones: vec![moved.clone()],
            new_zones: vec![Zone::new(ZoneId(3), "New", ZoneKind::Control, rect)],
            conduits: vec![conduit.clone()],
            settings: Some(Box::default()),
        };
        let plan = plan("Import 3 assets from a.csv", &changes).expect("a plan");
        assert_eq!(plan.label, "Import 3 assets from a.csv");
        let undo = plan.edit.apply(&mut p).expect("applies");
        assert_eq!(p.zones.len(), 3);
        assert_eq!(p.zones[0], moved);
        assert_eq!(p.zones[2].name, "New", "created zones come last");
        assert_eq!(p.conduits[0], conduit);
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before);
        // settings alone change nothing that an import is for
        let only_settings = ImportChanges {
            settings: Some(Box::default()),
            ..Default::default()
        };
        assert!(only_settings.is_empty());
        assert_eq!(super::plan("x", &only_settings), Err(NoPlan::Nothing));
        assert_eq!(edit(&only_settings), Edit::Batch(Vec::new()));
    }
}
