//! The Requirements tab's bulk actions as commands of the table (menus, palette): pick every
//! visible row, "everything up to SL n is met…", "copy assessment to…".

use super::{RowSelection, requirements_target, visible_rows};
use crate::model::ElementRef;
use std::collections::BTreeSet;

/// The bulk actions of the Requirements tab as commands (menus, palette): they act on the zone
/// or conduit the tab shows and bring the tab up.
impl crate::ui::DesignerApp {
    /// The zone or conduit the Requirements tab shows, if any.
    pub(crate) fn requirements_tab_target(&self) -> Option<ElementRef> {
        self.view().and_then(requirements_target)
    }

    /// The row selection of the tab for `target`: kept while it shows the same element, else
    /// started afresh (keeping the level last offered for "everything up to SL n").
    fn rows_for(&mut self, target: ElementRef) -> &mut RowSelection {
        if self.dock.rows.target != Some(target) {
            self.dock.rows = RowSelection {
                target: Some(target),
                met_level: self.dock.rows.met_level,
                ..Default::default()
            };
        }
        &mut self.dock.rows
    }

    /// Picks every requirement row the filters show.
    pub(crate) fn select_all_requirements(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        let Some(view) = self.view() else { return };
        let doc = view.doc;
        let Some(ea) = doc.assessment.element(&doc.project, target) else {
            return;
        };
        let ids: BTreeSet<String> = visible_rows(view, ea, &self.dock)
            .iter()
            .filter_map(|(_, x)| self.catalog.requirements.get(x.requirement))
            .map(|r| r.id.clone())
            .collect();
        self.rows_for(target).ids = ids;
        self.dock_tab = crate::ui::DockTab::Requirements;
    }

    /// Opens the "everything up to SL n is met" confirmation at the level last offered.
    pub(crate) fn ask_met_up_to(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        let rows = self.rows_for(target);
        rows.met_level = rows.met_level.max(1);
        rows.confirm_met = Some(rows.met_level);
        self.dock_tab = crate::ui::DockTab::Requirements;
    }

    /// Opens the "Copy assessment to…" picker.
    pub(crate) fn ask_copy_assessment(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        self.rows_for(target).copy_open = true;
        self.dock_tab = crate::ui::DockTab::Requirements;
    }
}
