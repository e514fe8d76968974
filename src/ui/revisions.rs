//! The designer's side of revisions and teams: File → Compare with… (the changes since an
//! older revision marked on the canvas and listed in the Changes tab, a click selects the
//! element) and the Conflicts tab, where what a merge left is resolved — keep ours, take
//! theirs, or edit — one undo step each.

use super::view::{Intents, View};
use super::{DesignerApp, DockTab, Intent, Modal, PathPurpose};
use crate::analysis::assess;
use crate::command::Action;
use crate::model::conflict::element_words;
use crate::model::text::visible;
use crate::model::{ElementRef, Project};
use crate::revision::{ChangeKind, Diff, Resolution, diff};
use egui::{Color32, Stroke};
use std::path::{Path, PathBuf};

/// An older revision the open document is compared with.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub path: PathBuf,
    pub old: Project,
    old_assessment: crate::analysis::Assessment,
    pub diff: Diff,
    /// The document (generation, history revision) the diff was made for.
    made_for: (u64, u64),
}

/// The edit field of the Conflicts tab.
#[derive(Debug, Clone, Default)]
pub struct ConflictsState {
    /// The conflict being edited and the text typed.
    pub editing: Option<(usize, String)>,
}

/// Colours of the marks: added, changed, removed.
fn mark_colour(kind: ChangeKind) -> Color32 {
    match kind {
        ChangeKind::Added => Color32::from_rgb(0x1b, 0x9e, 0x4b),
        ChangeKind::Changed => Color32::from_rgb(0xe0, 0x8a, 0x00),
        ChangeKind::Removed => Color32::from_rgb(0xc6, 0x28, 0x28),
    }
}

impl DesignerApp {
    /// File → Compare with…: asks for the older revision.
    pub(super) fn ask_compare(&mut self) {
        match self.ask_dialog(|d| d.open()) {
            super::dialogs::DialogResult::Picked(p) => self.compare_with(&p),
            super::dialogs::DialogResult::Cancelled => {}
            super::dialogs::DialogResult::Unavailable => {
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::Compare,
                    text: String::new(),
                });
            }
        }
    }

    /// Compares the open document with the project in `path` and shows the Changes tab.
    pub fn compare_with(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        match crate::file::load(path) {
            Ok(old) => {
                let old_assessment = assess(&old, self.catalog);
                let diff = diff(&old, &old_assessment, &doc.project, &doc.assessment);
                self.status = Some(format!(
                    "Compared with {}: {}",
                    visible(&path.display().to_string()),
                    crate::count_of(diff.changes.len(), "change", "changes")
                ));
                self.comparison = Some(Comparison {
                    path: path.to_owned(),
                    old,
                    old_assessment,
                    diff,
                    made_for: (self.doc_generation, doc.history.revision()),
                });
                self.dock_tab = DockTab::Changes;
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot compare".to_owned(),
                    message: e.to_string(),
                });
            }
        }
    }

    /// Keeps the comparison in step with the document: dropped for another document, the
    /// diff made again after an edit.
    pub(super) fn refresh_comparison(&mut self) {
        let (Some(c), Some(doc)) = (&mut self.comparison, &self.doc) else {
            self.comparison = None;
            return;
        };
        if c.made_for.0 != self.doc_generation {
            self.comparison = None;
            return;
        }
        let now = (self.doc_generation, doc.history.revision());
        if c.made_for != now {
            c.diff = diff(&c.old, &c.old_assessment, &doc.project, &doc.assessment);
            c.made_for = now;
        }
    }

    /// Whether a dock tab has something to show now.
    pub(super) fn dock_tab_shown(&self, tab: DockTab) -> bool {
        match tab {
            DockTab::Changes => self.comparison.is_some(),
            DockTab::Conflicts => self
                .doc
                .as_ref()
                .is_some_and(|d| !d.project.conflicts.is_empty()),
            _ => true,
        }
    }
}

/// The Changes tab: every change since the compared revision; a click selects the element.
pub fn changes_ui(
    view: View,
    comparison: &Comparison,
    out: &mut Intents,
    ui: &mut egui::Ui,
) -> bool {
    let mut close = false;
    let d = &comparison.diff;
    ui.horizontal(|ui| {
        ui.label(format!(
            "Since {}: {}, {} appeared, {} resolved",
            visible(&comparison.path.display().to_string()),
            crate::count_of(d.changes.len(), "change", "changes"),
            crate::count_of(d.findings_appeared.len(), "finding", "findings"),
            d.findings_resolved.len()
        ));
        if ui.button("End comparison").clicked() {
            close = true;
        }
    });
    if d.layout_only > 0 {
        ui.label(format!(
            "Layout only: {} moved or resized.",
            crate::count_of(d.layout_only, "zone", "zones")
        ));
    }
    if d.is_empty() {
        ui.label("No differences.");
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for c in &d.changes {
                let head = format!(
                    "{} {}: {}",
                    c.kind_of_element,
                    visible(&c.name),
                    c.change.label()
                );
                let exists = c.element != ElementRef::Project
                    && crate::command::conflicts::element_exists(&view.doc.project, c.element);
                let r = ui.add(
                    egui::Button::selectable(view.selection.contains(&c.element), head)
                        .frame(false),
                );
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::WidgetType::Button,
                        true,
                        format!("Change {}", c.name),
                    )
                });
                if r.clicked() && exists {
                    out.push(Intent::FocusElement(c.element));
                }
                for f in &c.fields {
                    ui.label(
                        egui::RichText::new(format!(
                            "    {}: {} → {}",
                            visible(&f.field),
                            visible(&f.old),
                            visible(&f.new)
                        ))
                        .color(mark_colour(ChangeKind::Changed).gamma_multiply(0.9)),
                    );
                }
            }
            for (title, list) in [
                ("Findings that appeared", &d.findings_appeared),
                ("Findings resolved", &d.findings_resolved),
            ] {
                if !list.is_empty() {
                    ui.strong(format!("{title} ({})", list.len()));
                    for f in list {
                        ui.label(format!(
                            "    {} {}: {}",
                            f.severity,
                            f.code,
                            visible(&f.message)
                        ));
                    }
                }
            }
        });
    close
}

/// The Conflicts tab: each conflict with base, ours and theirs; keep ours, take theirs, or
/// type a value.
pub fn conflicts_ui(view: View, state: &mut ConflictsState, out: &mut Intents, ui: &mut egui::Ui) {
    let p = &view.doc.project;
    ui.label(format!(
        "{} from a merge: the file holds ours until each is resolved.",
        crate::count_of(p.conflicts.len(), "conflict", "conflicts")
    ));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, c) in p.conflicts.iter().enumerate() {
                ui.separator();
                let title = format!(
                    "{}: {}",
                    visible(&element_words(p, c.element)),
                    visible(&c.field_label())
                );
                if ui.link(&title).clicked() && c.element != ElementRef::Project {
                    out.push(Intent::FocusElement(c.element));
                }
                for (side, value) in [("Base", &c.base), ("Ours", &c.ours), ("Theirs", &c.theirs)] {
                    ui.label(format!(
                        "{side}: {}",
                        visible(&c.side_words(value.as_deref()))
                    ));
                }
                ui.horizontal(|ui| {
                    if ui.button("Keep ours").clicked() {
                        out.push(Intent::Act(Action::ResolveConflict {
                            index: i,
                            how: Resolution::Ours,
                        }));
                    }
                    if ui.button("Take theirs").clicked() {
                        out.push(Intent::Act(Action::ResolveConflict {
                            index: i,
                            how: Resolution::Theirs,
                        }));
                    }
                    // a whole element is kept or taken; a field can be typed
                    if !c.field.is_empty() {
                        match &mut state.editing {
                            Some((at, text)) if *at == i => {
                                ui.add(
                                    egui::TextEdit::singleline(text)
                                        .desired_width(260.0)
                                        .hint_text("the value to keep"),
                                );
                                if ui.button("Use this value").clicked() {
                                    out.push(Intent::Act(Action::ResolveConflict {
                                        index: i,
                                        how: Resolution::Value(text.clone()),
                                    }));
                                    state.editing = None;
                                }
                            }
                            _ => {
                                if ui.button("Edit…").clicked() {
                                    let current = c
                                        .ours
                                        .as_deref()
                                        .and_then(|t| {
                                            serde_json::from_str::<serde_json::Value>(t).ok()
                                        })
                                        .map(|v| match v {
                                            serde_json::Value::String(s) => s,
                                            v => v.to_string(),
                                        })
                                        .unwrap_or_default();
                                    state.editing = Some((i, current));
                                }
                            }
                        }
                    }
                });
            }
        });
}

/// Marks the compared changes on the canvas: a coloured frame around added and changed zones
/// (and zones whose assets changed), a dashed one where a removed zone was, a dot on the middle
/// of changed conduits.
pub fn marks_ui(app: &DesignerApp, ui: &egui::Ui) {
    let (Some(c), Some(doc)) = (&app.comparison, &app.doc) else {
        return;
    };
    let layer = egui::LayerId::new(ui.layer_id().order, ui.id().with("zw-compare-marks"));
    ui.ctx().set_sublayer(ui.layer_id(), layer);
    let painter = egui::Painter::new(ui.ctx().clone(), layer, app.canvas.screen_rect());
    let canvas = &app.canvas;
    let screen = |r: &crate::model::Rect| {
        egui::Rect::from_two_pos(
            canvas.scene_to_screen(r.x, r.y),
            canvas.scene_to_screen(r.x + r.w, r.y + r.h),
        )
    };
    let project = &doc.project;
    for ch in &c.diff.changes {
        let colour = mark_colour(ch.change);
        match ch.element {
            ElementRef::Zone(id) => {
                let rect = match ch.change {
                    ChangeKind::Removed => c.old.zone(id).map(|z| z.rect),
                    _ => project.zone(id).map(|z| z.rect),
                };
                if let Some(r) = rect {
                    let r = screen(&r).expand(4.0);
                    if ch.change == ChangeKind::Removed {
                        let pts = [
                            r.left_top(),
                            r.right_top(),
                            r.right_bottom(),
                            r.left_bottom(),
                            r.left_top(),
                        ];
                        painter.extend(egui::Shape::dashed_line(
                            &pts,
                            Stroke::new(2.5, colour),
                            8.0,
                            6.0,
                        ));
                    } else {
                        painter.rect_stroke(
                            r,
                            6.0,
                            Stroke::new(3.0, colour),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            ElementRef::Conduit(id) => {
                if let Some(k) = project.conduit(id)
                    && let (Some(a), Some(b)) = (project.zone(k.from), project.zone(k.to))
                {
                    let (ax, ay) = a.rect.center();
                    let (bx, by) = b.rect.center();
                    let mid = canvas.scene_to_screen((ax + bx) / 2.0, (ay + by) / 2.0);
                    painter.circle(mid, 7.0, colour, Stroke::new(1.5, Color32::WHITE));
                }
            }
            ElementRef::Asset(id) => {
                let zone = match project.asset(id) {
                    Some((_, crate::model::AssetParent::Zone(z))) => project.zone(z),
                    _ => None,
                };
                let marked =
                    zone.is_some_and(|z| c.diff.change_of(ElementRef::Zone(z.id)).is_some());
                if let Some(z) = zone
                    && !marked
                {
                    let r = screen(&z.rect).expand(4.0);
                    painter.rect_stroke(
                        r,
                        6.0,
                        Stroke::new(2.0, mark_colour(ChangeKind::Changed)),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            ElementRef::Project => {}
        }
    }
}
