//! The bottom dock: its tab bar, the findings register, the requirements table of the
//! selected zone or conduit, the topology view and the risk register. The findings and
//! requirements tabs read a [`View`] and push [`Intent`]s.

use super::inspector::widgets::TextField;
use super::view::{Intents, View};
use super::{DesignerApp, DockTab, Intent, theme};
use crate::analysis::ElementAssessment;
use crate::edit::Edit;
use crate::model::text::visible;
use crate::model::{AssetParent, ElementRef, Fr, RequirementAssessment, Requirements, Status};

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
        DockTab::Requirements => requirements_ui(view, &mut app.dock, &mut intents, ui),
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

/// The requirements table of the selected zone or conduit, filtered by `filters`; status,
/// reason and evidence edits become intents.
pub fn requirements_ui(view: View, filters: &mut DockState, out: &mut Intents, ui: &mut egui::Ui) {
    let Some(target) = requirements_target(view) else {
        ui.label("Select a zone or conduit to assess its requirements.");
        return;
    };
    let doc = view.doc;
    let catalog = view.catalog;
    let (name, reqs, ea): (String, &Requirements, Option<&ElementAssessment>) = match target {
        ElementRef::Zone(id) => match doc.project.zone(id) {
            Some(z) => (
                format!("Zone {}", visible(&z.name)),
                &z.requirements,
                doc.assessment.element(&doc.project, target),
            ),
            None => return,
        },
        ElementRef::Conduit(id) => match doc.project.conduit(id) {
            Some(c) => (
                format!("Conduit {}", visible(&c.name)),
                &c.requirements,
                doc.assessment.element(&doc.project, target),
            ),
            None => return,
        },
        _ => return,
    };
    let Some(ea) = ea else { return };
    let mut intents = Vec::new();
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(&name).strong());
        ui.separator();
        ui.checkbox(&mut filters.only_open, "Only open items");
        let missing = ea.applicable.iter().filter(|a| a.evidence_missing).count();
        ui.checkbox(
            &mut filters.only_no_evidence,
            format!("Only met without evidence ({missing})"),
        )
        .on_hover_text(
            "Requirements marked met whose evidence reference is empty: an auditor will ask for it",
        );
        egui::ComboBox::from_id_salt("req-fr")
            .selected_text(
                filters
                    .fr
                    .map_or_else(|| "All FRs".to_owned(), |f| f.to_string()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.fr, None, "All FRs");
                for fr in Fr::ALL {
                    ui.selectable_value(&mut filters.fr, Some(fr), fr.to_string());
                }
            });
        egui::ComboBox::from_id_salt("req-level")
            .selected_text(filters.level.map_or_else(
                || "All levels".to_owned(),
                |l| format!("Required from SL {l}"),
            ))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.level, None, "All levels");
                for l in 1..=4u8 {
                    ui.selectable_value(
                        &mut filters.level,
                        Some(l),
                        format!("Required from SL {l}"),
                    );
                }
            });
    });
    if ea.sl_t.is_none() {
        ui.label("Set an SL-T first: the applicable requirements follow from it.");
        return;
    }
    let filter = filters.clone();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for fr in Fr::ALL {
                if filter.fr.is_some_and(|f| f != fr) {
                    continue;
                }
                let rows: Vec<_> = ea
                    .applicable
                    .iter()
                    .filter(|x| {
                        catalog
                            .requirements
                            .get(x.requirement)
                            .is_some_and(|r| r.fr == fr)
                    })
                    .filter(|x| !filter.only_open || !x.satisfied)
                    .filter(|x| !filter.only_no_evidence || x.evidence_missing)
                    .filter(|x| {
                        filter.level.is_none_or(|l| {
                            catalog
                                .requirements
                                .get(x.requirement)
                                .is_some_and(|r| r.level == l)
                        })
                    })
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                let i = fr.index();
                ui.label(
                    egui::RichText::new(format!(
                        "{fr} — SL-T {} · SL-C {} · SL-A {}",
                        ea.sl_t.map_or(0, |t| t.0[i]),
                        ea.sl_c[i].map_or_else(|| "–".into(), |l| l.to_string()),
                        ea.sl_a[i].map_or_else(|| "–".into(), |l| l.to_string())
                    ))
                    .strong()
                    .color(theme::gap_color(ea.fr_severity[i])),
                );
                egui::Grid::new(("reqs", fr.index()))
                    .striped(true)
                    .num_columns(6)
                    .min_col_width(40.0)
                    .show(ui, |ui| {
                        for h in [
                            "Id",
                            "Title",
                            "From",
                            "Status",
                            "Countermeasure / justification",
                            "Evidence",
                        ] {
                            ui.label(egui::RichText::new(h).small().strong());
                        }
                        ui.end_row();
                        for x in rows {
                            let Some(r) = catalog.requirements.get(x.requirement) else {
                                continue;
                            };
                            let current = reqs.get(&r.id).cloned().unwrap_or_default();
                            ui.label(egui::RichText::new(&r.id).monospace())
                                .on_hover_ui(|ui| {
                                    crate::ui::crosswalk::requirement_hover_ui(
                                        ui,
                                        &r.explanation,
                                        || {
                                            crate::ui::crosswalk::crosswalk_lines(
                                                &doc.project,
                                                &doc.assessment,
                                                catalog,
                                                target,
                                                &r.id,
                                            )
                                        },
                                    )
                                });
                            ui.label(&r.title).on_hover_text(&r.explanation);
                            ui.label(format!("SL {}", r.level));
                            let mut status = current.status;
                            egui::ComboBox::from_id_salt(("status", &name, &r.id))
                                .selected_text(
                                    egui::RichText::new(status.label())
                                        .color(theme::status_color(status, ui.visuals().dark_mode)),
                                )
                                .width(120.0)
                                .show_ui(ui, |ui| {
                                    for s in Status::ALL {
                                        ui.selectable_value(&mut status, s, s.label());
                                    }
                                });
                            let mut next = current.clone();
                            let mut key = None;
                            let mut label = None;
                            if status != current.status {
                                next.status = status;
                                label = Some(format!(
                                    "Set {} of {name} to {}",
                                    r.id,
                                    status.label().to_lowercase()
                                ));
                            }
                            let hint = match current.status {
                                Status::Compensated => "compensating countermeasure (required)",
                                Status::NotApplicable => "justification (required)",
                                _ => "",
                            };
                            let mut sink = super::view::Intents::new();
                            if let Some(text) =
                                TextField::cell(("text", &name, &r.id), &current.text, 220.0)
                                    .hint(hint)
                                    .show_ui(ui, &mut sink)
                            {
                                next.text = text;
                                key = Some(format!("{name}.{}.text", r.id));
                                label = Some(format!("Edit {} reason of {name}", r.id));
                            }
                            if let Some(ev) =
                                TextField::cell(("ev", &name, &r.id), &current.evidence, 160.0)
                                    .hint("document, report …")
                                    .show_ui(ui, &mut sink)
                            {
                                next.evidence = ev;
                                key = Some(format!("{name}.{}.evidence", r.id));
                                label = Some(format!("Edit {} evidence of {name}", r.id));
                            }
                            intents.extend(sink.into_iter().map(Some));
                            if let Some(label) = label {
                                intents
                                    .push(requirement_edit(doc, target, &r.id, next, label, key));
                            }
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
            }
        });
    out.extend(intents.into_iter().flatten());
}

/// The edit that stores one requirement assessment on a zone or conduit (a default entry is
/// removed, so files stay small).
fn requirement_edit(
    doc: &super::Document,
    target: ElementRef,
    id: &str,
    ra: RequirementAssessment,
    label: String,
    merge_key: Option<String>,
) -> Option<Intent> {
    let put = |reqs: &mut Requirements| {
        if ra.is_default() {
            reqs.remove(id);
        } else {
            reqs.insert(id.to_owned(), ra.clone());
        }
    };
    let edit = match target {
        ElementRef::Zone(z) => {
            let mut z = doc.project.zone(z)?.clone();
            put(&mut z.requirements);
            Edit::ReplaceZone(z)
        }
        ElementRef::Conduit(c) => {
            let mut c = doc.project.conduit(c)?.clone();
            put(&mut c.requirements);
            Edit::ReplaceConduit(c)
        }
        _ => return None,
    };
    Some(Intent::Edit {
        label,
        edit: Box::new(edit),
        merge_key,
    })
}
