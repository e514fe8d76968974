//! The Requirements dock tab: the applicable requirements of the selected zone or conduit in
//! one table with fixed columns (the same in every FR group; the countermeasure column takes the
//! remaining width and wraps), filling the dock; row selection (click, Shift-click range,
//! Ctrl-click toggle, all visible) and the bulk actions on it: status, reason or evidence for
//! all selected rows, "everything up to SL n is met", and copying the assessment to other
//! zones and conduits. Every change is an intent; the bulk ones are planned in
//! `command::bulk`.

use super::dock::{DockState, requirements_target};
use super::inspector::widgets::TextField;
use super::view::{Intents, View};
use super::{Intent, theme};
use crate::analysis::ElementAssessment;
use crate::command::Action;
use crate::command::bulk::{BulkAction, RequirementChange, copy_assessment_plan, met_up_to_count};
use crate::command::form::FormAction;
use crate::model::text::visible;
use crate::model::{ElementRef, Fr, MAX_SL, RequirementAssessment, Requirements, Status};
use std::collections::BTreeSet;

mod commands;

/// Rows picked for a bulk change, and the bulk dialogs' inputs.
#[derive(Debug, Clone, Default)]
pub struct RowSelection {
    /// The zone or conduit the rows belong to: a new target starts with no rows picked.
    pub target: Option<ElementRef>,
    /// Catalog ids of the picked rows.
    pub ids: BTreeSet<String>,
    /// The row a Shift-click range starts from.
    pub anchor: Option<String>,
    pub reason: String,
    pub evidence: String,
    /// "Everything up to SL n is met": the level offered.
    pub met_level: u8,
    /// The confirmation is open for this level.
    pub confirm_met: Option<u8>,
    /// The "Copy assessment to…" picker is open, with the targets ticked.
    pub copy_open: bool,
    pub copy_to: BTreeSet<ElementRef>,
}

/// Column widths (points); the countermeasure column takes what is left.
const ID_W: f32 = 96.0;
const TITLE_W: f32 = 230.0;
const FROM_W: f32 = 40.0;
const STATUS_W: f32 = 128.0;
const EVIDENCE_W: f32 = 170.0;
const MIN_TEXT_W: f32 = 220.0;

/// A cell of a fixed width; its content wraps inside it.
fn cell_ui<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            add(ui)
        },
    )
    .inner
}

/// The applicable rows shown under the filters, in table order (by FR).
fn visible_rows<'a>(
    view: View<'a>,
    ea: &'a ElementAssessment,
    filters: &DockState,
) -> Vec<(Fr, &'a crate::analysis::Applicable)> {
    let catalog = view.catalog;
    let mut rows = Vec::new();
    for fr in Fr::ALL {
        if filters.fr.is_some_and(|f| f != fr) {
            continue;
        }
        for x in &ea.applicable {
            let Some(r) = catalog.requirements.get(x.requirement) else {
                continue;
            };
            if r.fr != fr
                || (filters.only_open && x.satisfied)
                || (filters.only_no_evidence && !x.evidence_missing)
                || filters.level.is_some_and(|l| r.level != l)
            {
                continue;
            }
            rows.push((fr, x));
        }
    }
    rows
}

/// The requirements table of the selected zone or conduit, filtered by `filters`; status,
/// reason and evidence edits and the bulk actions become intents.
pub(crate) fn requirements_ui(
    view: View,
    filters: &mut DockState,
    out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let Some(target) = requirements_target(view) else {
        ui.label("Select a zone or conduit to assess its requirements.");
        return;
    };
    let doc = view.doc;
    let catalog = view.catalog;
    let (name, reqs): (String, &Requirements) = match target {
        ElementRef::Zone(id) => match doc.project.zone(id) {
            Some(z) => (format!("Zone {}", visible(&z.name)), &z.requirements),
            None => return,
        },
        ElementRef::Conduit(id) => match doc.project.conduit(id) {
            Some(c) => (format!("Conduit {}", visible(&c.name)), &c.requirements),
            None => return,
        },
        _ => return,
    };
    let Some(ea) = doc.assessment.element(&doc.project, target) else {
        return;
    };
    if filters.rows.target != Some(target) {
        filters.rows = RowSelection {
            target: Some(target),
            met_level: filters.rows.met_level,
            ..Default::default()
        };
    }
    filters_ui(ui, filters, &name, ea);
    if ea.sl_t.is_none() {
        ui.label("Set an SL-T first: the applicable requirements follow from it.");
        return;
    }
    let rows = visible_rows(view, ea, filters);
    let order: Vec<&str> = rows
        .iter()
        .filter_map(|(_, x)| catalog.requirements.get(x.requirement))
        .map(|r| r.id.as_str())
        .collect();
    bulk_bar_ui(ui, view, target, &name, &order, &mut filters.rows, out);
    if rows.is_empty() {
        ui.label("No requirement matches the filters.");
        return;
    }
    let full_width = ui.available_width();
    let spacing = ui.spacing().item_spacing.x;
    let text_w = (full_width - ID_W - TITLE_W - FROM_W - STATUS_W - EVIDENCE_W - 6.0 * spacing)
        .max(MIN_TEXT_W);
    let mut intents: Vec<Intent> = Vec::new();
    let mut clicked: Option<(String, egui::Modifiers)> = None;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            header_row_ui(ui, text_w);
            let mut last_fr = None;
            for (n, (fr, x)) in rows.iter().enumerate() {
                if last_fr != Some(*fr) {
                    last_fr = Some(*fr);
                    fr_heading_ui(ui, ea, *fr);
                }
                let Some(r) = catalog.requirements.get(x.requirement) else {
                    continue;
                };
                let picked = filters.rows.ids.contains(&r.id);
                // stripes and the picked rows' highlight go under the row
                let background = ui.painter().add(egui::Shape::Noop);
                let row = ui.horizontal(|ui| {
                    let id_cell = cell_ui(ui, ID_W, |ui| {
                        ui.add(egui::Button::selectable(
                            picked,
                            egui::RichText::new(&r.id).monospace(),
                        ))
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
                            );
                            ui.label(
                                egui::RichText::new(
                                    "Click to pick this row, Shift-click a range, Ctrl-click to add or remove",
                                )
                                .small()
                                .weak(),
                            );
                        })
                    });
                    if id_cell.clicked() {
                        clicked = Some((r.id.clone(), ui.input(|i| i.modifiers)));
                    }
                    cell_ui(ui, TITLE_W, |ui| {
                        ui.add(egui::Label::new(&r.title).wrap())
                            .on_hover_text(&r.explanation);
                    });
                    cell_ui(ui, FROM_W, |ui| ui.label(format!("SL {}", r.level)));
                    let current = reqs.get(&r.id).cloned().unwrap_or_default();
                    let edit = cell_ui(ui, STATUS_W, |ui| {
                        status_combo_ui(ui, (&name, &r.id), current.status)
                    })
                    .map(|status| {
                        let mut next = current.clone();
                        next.status = status;
                        let label = format!(
                            "Set {} of {name} to {}",
                            r.id,
                            status.label().to_lowercase()
                        );
                        (next, label, None)
                    });
                    let hint = match current.status {
                        Status::Compensated => "compensating countermeasure (required)",
                        Status::NotApplicable => "justification (required)",
                        _ => "",
                    };
                    let mut sink = Intents::new();
                    let text = cell_ui(ui, text_w, |ui| {
                        TextField::cell(("text", &name, &r.id), &current.text, text_w)
                            .multiline(true)
                            .hint(hint)
                            .show_ui(ui, &mut sink)
                    });
                    let evidence = cell_ui(ui, EVIDENCE_W, |ui| {
                        TextField::cell(("ev", &name, &r.id), &current.evidence, EVIDENCE_W)
                            .hint("document, report …")
                            .hover_value()
                            .show_ui(ui, &mut sink)
                    });
                    intents.extend(sink);
                    let edit = edit
                        .or_else(|| {
                            text.map(|t| {
                                let mut next = current.clone();
                                next.text = t;
                                (
                                    next,
                                    format!("Edit {} reason of {name}", r.id),
                                    Some(format!("{name}.{}.text", r.id)),
                                )
                            })
                        })
                        .or_else(|| {
                            evidence.map(|e| {
                                let mut next = current.clone();
                                next.evidence = e;
                                (
                                    next,
                                    format!("Edit {} evidence of {name}", r.id),
                                    Some(format!("{name}.{}.evidence", r.id)),
                                )
                            })
                        });
                    if let Some((next, label, key)) = edit
                        && let Some(i) = requirement_edit(doc, target, &r.id, next, label, key)
                    {
                        intents.push(i);
                    }
                });
                let rect = row.response.rect.expand2(egui::vec2(2.0, 1.0));
                let fill = if picked {
                    Some(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
                } else if n % 2 == 1 {
                    Some(ui.visuals().faint_bg_color)
                } else {
                    None
                };
                if let Some(fill) = fill {
                    ui.painter().set(
                        background,
                        egui::Shape::rect_filled(rect, 2.0, fill),
                    );
                }
            }
        });
    if let Some((id, m)) = clicked {
        pick_row(&mut filters.rows, &order, &id, m);
    }
    out.extend(intents);
}

/// Click (only this row), Shift-click (the range from the anchor), Ctrl-click (toggle).
pub(crate) fn pick_row(rows: &mut RowSelection, order: &[&str], id: &str, m: egui::Modifiers) {
    if m.shift
        && let Some(anchor) = rows.anchor.as_deref()
        && let (Some(a), Some(b)) = (
            order.iter().position(|x| *x == anchor),
            order.iter().position(|x| *x == id),
        )
    {
        let (lo, hi) = (a.min(b), a.max(b));
        if !m.command {
            rows.ids.clear();
        }
        rows.ids
            .extend(order[lo..=hi].iter().map(|s| (*s).to_owned()));
        return;
    }
    if m.command {
        if !rows.ids.remove(id) {
            rows.ids.insert(id.to_owned());
        }
    } else if rows.ids.len() == 1 && rows.ids.contains(id) {
        rows.ids.clear();
    } else {
        rows.ids = BTreeSet::from([id.to_owned()]);
    }
    rows.anchor = Some(id.to_owned());
}

fn filters_ui(ui: &mut egui::Ui, filters: &mut DockState, name: &str, ea: &ElementAssessment) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(name).strong());
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
}

/// The status combo of a row (or of the bulk bar); returns the status picked.
fn status_combo_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    status: Status,
) -> Option<Status> {
    let mut next = status;
    egui::ComboBox::from_id_salt(("status", id))
        .selected_text(
            egui::RichText::new(status.label())
                .color(theme::status_color(status, ui.visuals().dark_mode)),
        )
        .width(STATUS_W - 8.0)
        .show_ui(ui, |ui| {
            for s in Status::ALL {
                ui.selectable_value(&mut next, s, s.label());
            }
        });
    (next != status).then_some(next)
}

fn header_row_ui(ui: &mut egui::Ui, text_w: f32) {
    ui.horizontal(|ui| {
        for (h, w) in [
            ("Id", ID_W),
            ("Title", TITLE_W),
            ("From", FROM_W),
            ("Status", STATUS_W),
            ("Countermeasure / justification", text_w),
            ("Evidence", EVIDENCE_W),
        ] {
            cell_ui(ui, w, |ui| {
                ui.label(egui::RichText::new(h).small().strong());
            });
        }
    });
}

/// The FR's levels above its rows; a partly assessed SL-A says how far it has got.
fn fr_heading_ui(ui: &mut egui::Ui, ea: &ElementAssessment, fr: Fr) {
    let i = fr.index();
    let p = ea.progress[i];
    let sl_a = if ea.sl_a_partial(fr) {
        format!(
            "SL-A {} so far ({})",
            ea.sl_a[i].map_or_else(|| "–".into(), |l| l.to_string()),
            p.text().trim_start_matches("SL-A: ")
        )
    } else {
        format!(
            "SL-A {}",
            ea.sl_a[i].map_or_else(|| "–".into(), |l| l.to_string())
        )
    };
    let sev = theme::gap_color(ea.capability_severity[i].worst(ea.sl_a_severity(fr)));
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(format!(
            "{fr} — SL-T {} · SL-C {} · {sl_a}",
            ea.sl_t.map_or(0, |t| t.0[i]),
            ea.sl_c[i].map_or_else(|| "–".into(), |l| l.to_string()),
        ))
        .strong()
        .color(sev),
    );
}

/// Select all visible, the picked rows' count, and the bulk actions.
fn bulk_bar_ui(
    ui: &mut egui::Ui,
    view: View,
    target: ElementRef,
    name: &str,
    order: &[&str],
    rows: &mut RowSelection,
    out: &mut Intents,
) {
    let project = &view.doc.project;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Select all visible")
            .on_hover_text("Pick every row the filters show")
            .clicked()
        {
            rows.ids = order.iter().map(|s| (*s).to_owned()).collect();
        }
        // picked rows the filters now hide do not count
        rows.ids.retain(|id| order.contains(&id.as_str()));
        let picked: Vec<String> = rows.ids.iter().cloned().collect();
        if !picked.is_empty() {
            ui.label(format!(
                "{} picked:",
                crate::count_of(picked.len(), "row", "rows")
            ));
            let bulk = |change| {
                Intent::Act(Action::Bulk(BulkAction::Requirements {
                    target,
                    ids: picked.clone(),
                    change,
                }))
            };
            let mut picked_status = None;
            egui::ComboBox::from_id_salt("bulk-status")
                .selected_text("Set status…")
                .width(STATUS_W - 8.0)
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
                        if ui.selectable_label(false, s.label()).clicked() {
                            picked_status = Some(s);
                        }
                    }
                });
            if let Some(s) = picked_status {
                out.push(bulk(RequirementChange::Status(s)));
            }
            ui.add(
                egui::TextEdit::singleline(&mut rows.reason)
                    .hint_text("countermeasure / justification")
                    .desired_width(200.0),
            );
            if ui
                .add_enabled(
                    !rows.reason.trim().is_empty(),
                    egui::Button::new("Set reason"),
                )
                .clicked()
            {
                out.push(bulk(RequirementChange::Text(rows.reason.trim().to_owned())));
            }
            ui.add(
                egui::TextEdit::singleline(&mut rows.evidence)
                    .hint_text("evidence")
                    .desired_width(150.0),
            );
            if ui
                .add_enabled(
                    !rows.evidence.trim().is_empty(),
                    egui::Button::new("Set evidence"),
                )
                .clicked()
            {
                out.push(bulk(RequirementChange::Evidence(
                    rows.evidence.trim().to_owned(),
                )));
            }
            if ui.button("Clear picks").clicked() {
                rows.ids.clear();
            }
        }
        ui.separator();
        if rows.met_level == 0 {
            rows.met_level = 1;
        }
        ui.label("Everything up to");
        egui::ComboBox::from_id_salt("met-level")
            .width(56.0)
            .selected_text(format!("SL {}", rows.met_level))
            .show_ui(ui, |ui| {
                for l in 1..=MAX_SL {
                    ui.selectable_value(&mut rows.met_level, l, format!("SL {l}"));
                }
            });
        if ui
            .button("is met…")
            .on_hover_text("Mark every applicable item up to this level met (asks first)")
            .clicked()
        {
            rows.confirm_met = Some(rows.met_level);
        }
        if ui
            .selectable_label(rows.copy_open, "Copy assessment to…")
            .on_hover_text("Copy these statuses, reasons and evidence to other zones or conduits")
            .clicked()
        {
            rows.copy_open = !rows.copy_open;
        }
    });
    if rows.copy_open {
        copy_picker_ui(ui, view, target, rows, out);
    }
    if let Some(level) = rows.confirm_met {
        let n = met_up_to_count(project, view.catalog, target, level);
        let mut close = false;
        egui::Modal::new(egui::Id::new("confirm-met")).show(ui.ctx(), |ui| {
            ui.heading(format!("Everything up to SL {level} is met?"));
            if n == 0 {
                ui.label(format!(
                    "Every applicable item up to SL {level} of {name} already counts."
                ));
                if ui.button("Close").clicked() {
                    close = true;
                }
                return;
            }
            ui.label(format!(
                "{} of {name} will be marked met (those already met, or compensated or not applicable with a reason, stay as they are). One undo step.",
                crate::count_of(n, "item", "items")
            ));
            ui.horizontal(|ui| {
                if ui
                    .button(format!("Mark {} met", crate::count_of(n, "item", "items")))
                    .clicked()
                {
                    out.push(Intent::Act(Action::Bulk(BulkAction::MetUpTo { target, level })));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            rows.confirm_met = None;
        }
    }
}

/// Ticks the zones and conduits to copy to, with what the copy would do.
fn copy_picker_ui(
    ui: &mut egui::Ui,
    view: View,
    target: ElementRef,
    rows: &mut RowSelection,
    out: &mut Intents,
) {
    let project = &view.doc.project;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new("Copy the assessment to").strong());
        let all: Vec<ElementRef> = project
            .zones
            .iter()
            .map(|z| ElementRef::Zone(z.id))
            .chain(project.conduits.iter().map(|c| ElementRef::Conduit(c.id)))
            .filter(|e| *e != target)
            .collect();
        rows.copy_to.retain(|e| all.contains(e));
        egui::ScrollArea::vertical()
            .id_salt("copy-to")
            .max_height(120.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for e in &all {
                        let mut on = rows.copy_to.contains(e);
                        let kind = match e {
                            ElementRef::Zone(_) => "zone",
                            _ => "conduit",
                        };
                        if ui
                            .checkbox(
                                &mut on,
                                format!("{kind} {}", visible(&project.element_name(*e))),
                            )
                            .changed()
                        {
                            if on {
                                rows.copy_to.insert(*e);
                            } else {
                                rows.copy_to.remove(e);
                            }
                        }
                    }
                });
            });
        let to: Vec<ElementRef> = rows.copy_to.iter().copied().collect();
        let (counts, _) = copy_assessment_plan(project, view.catalog, target, &to);
        ui.horizontal(|ui| {
            let go = ui
                .add_enabled(
                    !to.is_empty(),
                    egui::Button::new(format!(
                        "Copy to {}",
                        crate::count_of(to.len(), "element", "elements")
                    )),
                )
                .on_hover_text("Items that do not apply at a target's SL-T are skipped");
            ui.label(format!(
                "{} copied, {} skipped (not applicable there)",
                crate::count_of(counts.copied, "item", "items"),
                counts.skipped
            ));
            if go.clicked() {
                out.push(Intent::Act(Action::Bulk(BulkAction::CopyAssessment {
                    from: target,
                    to,
                })));
                rows.copy_open = false;
                rows.copy_to.clear();
            }
            if ui.button("Cancel").clicked() {
                rows.copy_open = false;
            }
        });
    });
}

/// The intent that stores one requirement assessment on a zone or conduit (a default entry is
/// removed, so files stay small).
fn requirement_edit(
    doc: &super::Document,
    target: ElementRef,
    id: &str,
    ra: RequirementAssessment,
    label: String,
    merge_key: Option<String>,
) -> Option<Intent> {
    match target {
        ElementRef::Zone(z) => doc.project.zone(z).map(|_| ()),
        ElementRef::Conduit(c) => doc.project.conduit(c).map(|_| ()),
        ElementRef::Asset(_) | ElementRef::Project => None,
    }?;
    Some(Intent::Act(Action::Form {
        label,
        form: Box::new(FormAction::Requirement {
            element: target,
            id: id.to_owned(),
            assessment: ra,
        }),
        merge_key,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picking_rows_by_click_shift_and_ctrl() {
        let order = ["a", "b", "c", "d"];
        let mut rows = RowSelection::default();
        let none = egui::Modifiers::NONE;
        pick_row(&mut rows, &order, "b", none);
        assert_eq!(rows.ids, BTreeSet::from(["b".to_owned()]));
        pick_row(&mut rows, &order, "d", egui::Modifiers::SHIFT);
        let ids: Vec<&str> = rows.ids.iter().map(String::as_str).collect();
        assert_eq!(ids, ["b", "c", "d"]);
        pick_row(&mut rows, &order, "c", egui::Modifiers::COMMAND);
        let ids: Vec<&str> = rows.ids.iter().map(String::as_str).collect();
        assert_eq!(ids, ["b", "d"]);
        pick_row(&mut rows, &order, "a", egui::Modifiers::COMMAND);
        assert_eq!(rows.ids.len(), 3);
        // a plain click picks only that row; clicking it again clears
        pick_row(&mut rows, &order, "a", none);
        assert_eq!(rows.ids, BTreeSet::from(["a".to_owned()]));
        pick_row(&mut rows, &order, "a", none);
        assert!(rows.ids.is_empty());
    }
}
