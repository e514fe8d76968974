//! The bottom dock: its tab bar, the findings register, the requirements table of the
//! selected zone or conduit, the topology view and the risk register. The findings and
//! requirements tabs read a [`View`] and push [`Intent`]s.

use super::view::{Intents, View};
use super::{DesignerApp, DockTab, Intent, theme};
use crate::model::text::visible;
use crate::model::{AssetParent, ElementRef, Fr};

/// Filters of the requirements table.
#[derive(Debug, Clone, Default)]
pub struct DockState {
    pub only_open: bool,
    /// Only items marked met that name no evidence (`Applicable::evidence_missing`).
    pub only_no_evidence: bool,
    pub fr: Option<Fr>,
    pub level: Option<u8>,
    /// Sort order of the risk register.
    pub register: super::register::RegisterState,
    /// Rows picked in the requirements table and the bulk dialogs' inputs.
    pub rows: super::requirements::RowSelection,
}

/// The zone or conduit the requirements tab shows: the selection, or the container of a
/// selected asset.
pub fn requirements_target(view: View) -> Option<ElementRef> {
    let doc = view.doc;
    if view.selection.len() != 1 {
        return None;
    }
    match *view.selection.iter().next()? {
        e @ (ElementRef::Zone(_) | ElementRef::Conduit(_)) => Some(e),
        ElementRef::Asset(a) => match doc.project.asset(a)?.1 {
            AssetParent::Zone(z) => Some(ElementRef::Zone(z)),
            AssetParent::Conduit(c) => Some(ElementRef::Conduit(c)),
        },
        ElementRef::Project => None,
    }
}

pub fn dock_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let (errors, warnings) = app.doc.as_ref().map_or((0, 0), |d| {
        (d.assessment.error_count(), d.assessment.warning_count())
    });
    ui.horizontal(|ui| {
        let findings = format!(
            "Findings ({}, {})",
            crate::count_of(errors, "error", "errors"),
            crate::count_of(warnings, "warning", "warnings")
        );
        for (tab, name) in [
            (DockTab::Findings, findings.as_str()),
            (DockTab::Requirements, "Requirements"),
            (DockTab::Topology, "Topology"),
            (DockTab::Risk, "Risk register"),
        ] {
            if ui
                .add(egui::Button::selectable(app.dock_tab == tab, name))
                .clicked()
            {
                app.dock_tab = tab;
            }
        }
    });
    ui.separator();
    let Some(doc) = app.doc.as_ref() else { return };
    let view = View {
        doc,
        selection: &app.selection,
        catalog: app.catalog,
        dark: app.dark,
        presentation: app.presentation,
    };
    let mut intents = Intents::new();
    match app.dock_tab {
        DockTab::Findings => findings_ui(view, &mut intents, ui),
        DockTab::Requirements => {
            super::requirements::requirements_ui(view, &mut app.dock, &mut intents, ui);
        }
        DockTab::Topology => {
            super::topology::topology_tab_ui(view, &mut app.topology, &mut intents, ui);
        }
        DockTab::Risk => {
            super::register::register_ui(view, &mut app.dock.register, &mut intents, ui);
        }
    }
    for i in intents {
        app.emit(i);
    }
}

/// Every design finding, worst first as `assess` ordered them; a click focuses its element.
pub fn findings_ui(view: View, out: &mut Intents, ui: &mut egui::Ui) {
    let doc = view.doc;
    let mut clicked = None;
    if doc.assessment.findings.is_empty() {
        ui.label("No design findings.");
    }
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("findings")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for h in [
                        "Severity",
                        "Code",
                        "Element",
                        "Finding (hover for what to do)",
                    ] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for f in &doc.assessment.findings {
                        ui.colored_label(
                            theme::finding_color(f.severity),
                            f.severity.label().to_uppercase(),
                        );
                        ui.label(egui::RichText::new(f.code.code()).monospace());
                        if ui
                            .link(visible(&doc.project.element_name(f.element)))
                            .on_hover_text("Select and centre it")
                            .clicked()
                        {
                            clicked = Some(f.element);
                        }
                        if ui
                            .add(egui::Label::new(visible(&f.message)).sense(egui::Sense::click()))
                            .on_hover_text(format!("What to do: {}", visible(f.remedy)))
                            .clicked()
                        {
                            clicked = Some(f.element);
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(e) = clicked {
        out.push(Intent::FocusElement(e));
    }
}
