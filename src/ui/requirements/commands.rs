//! The Requirements tab's bulk actions as commands of the table (menus, palette): pick every
//! visible row, "everything up to SL n is met…", "copy assessment to…".

use super::{RowSelection, View, requirements_target, visible_rows};
use crate::model::ElementRef;
use std::collections::BTreeSet;

/// The bulk actions of the Requirements tab as commands (menus, palette): they act on the zone
/// or conduit the tab shows and bring the tab up.
impl crate::ui::DesignerApp {
    /// The zone or conduit the Requirements tab shows, if any.
    pub fn requirements_tab_target(&self) -> Option<ElementRef> {
        let doc = self.doc.as_ref()?;
        requirements_target(View {
            doc,
            selection: &self.selection,
            catalog: self.catalog,
            dark: self.dark,
            presentation: self.presentation,
        })
    }

    /// Picks every requirement row the filters show.
    pub fn select_all_requirements(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        let Some(doc) = self.doc.as_ref() else { return };
        let view = View {
            doc,
            selection: &self.selection,
            catalog: self.catalog,
            dark: self.dark,
            presentation: self.presentation,
        };
        let Some(ea) = doc.assessment.element(&doc.project, target) else {
            return;
        };
        let ids: BTreeSet<String> = visible_rows(view, ea, &self.dock)
            .iter()
            .filter_map(|(_, x)| self.catalog.requirements.get(x.requirement))
            .map(|r| r.id.clone())
            .collect();
        if self.dock.rows.target != Some(target) {
            self.dock.rows = RowSelection {
                target: Some(target),
                ..Default::default()
            };
        }
        self.dock.rows.ids = ids;
        self.dock_tab = crate::ui::DockTab::Requirements;
    }

    /// Opens the "everything up to SL n is met" confirmation at the level last offered.
    pub fn ask_met_up_to(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        if self.dock.rows.target != Some(target) {
            self.dock.rows = RowSelection {
                target: Some(target),
                met_level: self.dock.rows.met_level,
                ..Default::default()
            };
        }
        let level = self.dock.rows.met_level.max(1);
        self.dock.rows.met_level = level;
        self.dock.rows.confirm_met = Some(level);
        self.dock_tab = crate::ui::DockTab::Requirements;
    }

    /// Opens the "Copy assessment to…" picker.
    pub fn ask_copy_assessment(&mut self) {
        let Some(target) = self.requirements_tab_target() else {
            return;
        };
        if self.dock.rows.target != Some(target) {
            self.dock.rows = RowSelection {
                target: Some(target),
                met_level: self.dock.rows.met_level,
                ..Default::default()
            };
        }
        self.dock.rows.copy_open = true;
        self.dock_tab = crate::ui::DockTab::Requirements;
    }
}
