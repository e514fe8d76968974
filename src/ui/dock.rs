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
    /// Which observed flows the traffic tab lists.
    pub traffic: super::traffic::TrafficFilter,
}

/// The zone or conduit the requirements tab shows: the selection, or the container of a
/// selected asset.
pub(crate) fn requirements_target(view: View) -> Option<ElementRef> {
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

pub(crate) fn dock_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let (errors, warnings) = app.doc.as_ref().map_or((0, 0), |d| {
        (d.assessment.error_count(), d.assessment.warning_count())
    });
    if !app.dock_tab_shown(app.dock_tab) {
        app.dock_tab = DockTab::Findings;
    }
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
            (DockTab::Changes, "Changes"),
            (DockTab::Conflicts, "Conflicts"),
            (DockTab::Traffic, "Observed traffic"),
        ] {
            if !app.dock_tab_shown(tab) {
                continue;
            }
            if ui
                .add(egui::Button::selectable(app.dock_tab == tab, name))
                .clicked()
            {
                app.dock_tab = tab;
            }
        }
    });
    ui.separator();
    let Some(view) = super::view::view_of!(app) else {
        return;
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
        DockTab::Changes => {
            if let Some(c) = &app.comparison
                && super::revisions::changes_ui(view, c, &mut intents, ui)
            {
                app.comparison = None;
            }
        }
        DockTab::Conflicts => {
            super::revisions::conflicts_ui(view, &mut app.conflicts, &mut intents, ui);
        }
        DockTab::Traffic => {
            super::traffic::traffic_tab_ui(view, &mut app.dock.traffic, &mut intents, ui);
        }
    }
    for i in intents {
        app.emit(i);
    }
}

/// Every design finding, errors first, then warnings, then notes; a click focuses its element.
/// Rows have one height and fixed columns, and only the rows in view are built (a large plant
/// has thousands of findings).
pub(crate) fn findings_ui(view: View, out: &mut Intents, ui: &mut egui::Ui) {
    let doc = view.doc;
    let mut clicked = None;
    if doc.assessment.findings.is_empty() {
        ui.label("No design findings.");
    }
    let row_height = ui.spacing().interact_size.y;
    // fixed column widths: severity, code (as wide as the longest code here), element, then
    // the message
    let longest_code = doc
        .assessment
        .findings
        .iter()
        .map(|f| f.code.code().len())
        .max()
        .unwrap_or(8)
        .clamp(8, 32);
    let code_width = ui
        .fonts_mut(|fonts| fonts.glyph_width(&egui::TextStyle::Monospace.resolve(ui.style()), 'M'))
        * longest_code as f32
        + 4.0;
    let widths = [72.0, code_width, 190.0];
    let row_ui = |ui: &mut egui::Ui, cells: &mut dyn FnMut(&mut egui::Ui, usize)| {
        ui.horizontal(|ui| {
            for (i, w) in widths.iter().enumerate() {
                ui.allocate_ui_with_layout(
                    egui::vec2(*w, row_height),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_size(egui::vec2(*w, row_height));
                        cells(ui, i);
                    },
                );
            }
            cells(ui, 3);
        });
    };
    let headers = [
        "Severity",
        "Code",
        "Element",
        "Finding (hover for what to do)",
    ];
    row_ui(ui, &mut |ui, i| {
        ui.label(egui::RichText::new(headers[i]).strong());
    });
    // errors first, then warnings, then notes; in `assess`'s order within each
    let mut order: Vec<&crate::analysis::Finding> = doc.assessment.findings.iter().collect();
    order.sort_by_key(|f| f.severity);
    let findings = &order;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, findings.len(), |ui, rows| {
            let first = rows.start;
            for (k, f) in findings
                .get(rows)
                .unwrap_or_default()
                .iter()
                .copied()
                .enumerate()
            {
                if (first + k) % 2 == 1 {
                    let r = egui::Rect::from_min_size(
                        ui.cursor().min,
                        egui::vec2(ui.available_width(), row_height),
                    );
                    ui.painter()
                        .rect_filled(r, 0.0, ui.visuals().faint_bg_color);
                }
                row_ui(ui, &mut |ui, i| match i {
                    0 => {
                        ui.colored_label(
                            theme::finding_color(f.severity),
                            f.severity.label().to_uppercase(),
                        );
                    }
                    1 => {
                        ui.label(egui::RichText::new(f.code.code()).monospace());
                    }
                    2 => {
                        let name = doc.project.element_name(f.element);
                        if ui
                            .add(egui::Link::new(super::risk::shortened(&visible(&name), 26)))
                            .on_hover_text(format!("{}: select and centre it", visible(&name)))
                            .clicked()
                        {
                            clicked = Some(f.element);
                        }
                    }
                    _ => {
                        if ui
                            .add(
                                egui::Label::new(visible(&f.message))
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .on_hover_text(format!(
                                "{}\nWhat to do: {}",
                                visible(&f.message),
                                visible(f.remedy)
                            ))
                            .clicked()
                        {
                            clicked = Some(f.element);
                        }
                    }
                });
            }
        });
    if let Some(e) = clicked {
        out.push(Intent::FocusElement(e));
    }
}
