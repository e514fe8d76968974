//! The inspector (right panel): one form per selection — the project's title block, risk method
//! and approval when nothing is selected, a zone, an asset or a conduit, or several elements.
//! It reads through [`View`] and pushes intents; every field edit is one undo step (the shared
//! widgets are in [`widgets`]).

mod asset;
mod components;
mod conduit;
mod flows;
mod levels;
mod multi;
mod project;
mod sections;
pub(crate) mod widgets;
mod zone;

pub(crate) use levels::levels_table_ui;

use super::view::{Intents, View};
use crate::model::ElementRef;

/// What the inspector keeps between frames (nothing yet: the fields keep their own state).
#[derive(Debug, Default)]
pub struct InspectorState {}

/// The right panel.
pub(crate) fn inspector_ui(
    view: View<'_>,
    _state: &mut InspectorState,
    out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let doc = view.doc;
    let project = &doc.project;
    let a = &doc.assessment;
    // Both directions: a line wider than the panel scrolls instead of widening the panel,
    // so the layout never shifts under the pointer when the selection changes.
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            match view.selection.len() {
                0 => {
                    project::project_ui(ui, out, &project.meta);
                    super::risk_matrix::project_risk_ui(view, out, ui);
                }
                1 => match view.selection.iter().next().copied() {
                    Some(e @ ElementRef::Zone(id)) => {
                        if let (Some(z), Some(i)) = (project.zone(id), project.zone_index(id)) {
                            let ea = a.element_at(e, i);
                            zone::zone_ui(ui, out, view.catalog, project, z, ea);
                            ea.inspect(|e| components::suppliers_ui(ui, view.catalog, e));
                            sections::findings_list_ui(ui, a.findings_for(e));
                        }
                    }
                    Some(e @ ElementRef::Conduit(id)) => {
                        if let (Some(c), Some(i)) = (project.conduit(id), project.conduit_index(id))
                        {
                            let ea = a.element_at(e, i);
                            conduit::conduit_ui(ui, out, view.catalog, project, c, ea);
                            ea.inspect(|e| components::suppliers_ui(ui, view.catalog, e));
                            sections::findings_list_ui(ui, a.findings_for(e));
                        }
                    }
                    Some(e @ ElementRef::Asset(id)) => {
                        if let Some((asset, parent)) = project.asset(id) {
                            asset::asset_ui(ui, out, view.catalog, project, asset, parent);
                            let cap = a.asset(id);
                            components::asset_evidence_ui(ui, out, view.catalog, asset, cap);
                            sections::findings_list_ui(ui, a.findings_for(e));
                        }
                    }
                    _ => {}
                },
                _ => multi::multi_ui(ui, out, view.catalog, project, view.selection),
            }
        });
}

#[cfg(test)]
mod tests;
