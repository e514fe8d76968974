//! The Find window (Ctrl+F): a text field and the matching elements ([`crate::command::find`]);
//! Up/Down move in the list, Enter or a click selects the result and brings it into view at a
//! readable zoom, Enter again goes on to the next result; Esc closes.

use super::{DesignerApp, Intent};
use crate::command::find::{FindResult, find};

/// Whether Find is open, what was typed and which result is highlighted.
#[derive(Debug, Default)]
pub struct FindState {
    open: bool,
    pub query: String,
    pub highlighted: usize,
    focus_pending: bool,
    /// The result the last Enter went to: Enter again goes on to the next one.
    entered: Option<usize>,
}

impl FindState {
    /// Opens Find with the text field focused and the last query kept (selected).
    pub fn open(&mut self) {
        self.open = true;
        self.focus_pending = true;
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }
}

const FIELD_ID: &str = "zw-find-field";

impl DesignerApp {
    /// The Find window, while open.
    pub(super) fn find_ui(&mut self, ctx: &egui::Context) {
        if !self.find.is_open() {
            return;
        }
        let Some(doc) = &self.doc else {
            self.find.close();
            return;
        };
        let results: Vec<FindResult> = find(
            &doc.project,
            self.catalog,
            Some(&doc.assessment),
            &self.find.query,
        );
        let field_id = egui::Id::new(FIELD_ID);
        let focused = ctx.memory(|m| m.has_focus(field_id));
        let (escape, enter, down, up) = if focused {
            ctx.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                )
            })
        } else {
            (false, false, false, false)
        };
        let state = &mut self.find;
        if down {
            state.highlighted = (state.highlighted + 1).min(results.len().saturating_sub(1));
        }
        if up {
            state.highlighted = state.highlighted.saturating_sub(1);
        }
        if down || up {
            state.entered = None;
        }
        if enter && !results.is_empty() && state.entered == Some(state.highlighted) {
            state.highlighted = (state.highlighted + 1) % results.len();
        }
        state.highlighted = state.highlighted.min(results.len().saturating_sub(1));
        let mut picked = enter
            .then(|| results.get(state.highlighted).map(|r| r.element))
            .flatten();
        if picked.is_some() {
            state.entered = Some(state.highlighted);
        }
        let mut open = true;
        let focus_pending = std::mem::take(&mut state.focus_pending);
        egui::Window::new("Find")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-300.0, 40.0))
            .default_width(340.0)
            .show(ctx, |ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .id(field_id)
                        .hint_text("Name, tag, IP, hostname, component or SR 1.1")
                        .desired_width(320.0),
                );
                if focus_pending {
                    field.request_focus();
                }
                if field.changed() {
                    self.find.highlighted = 0;
                    self.find.entered = None;
                }
                ui.separator();
                if self.find.query.trim().is_empty() {
                    ui.weak("Type to find zones, assets and conduits.");
                } else if results.is_empty() {
                    ui.weak("Nothing matches.");
                }
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for (i, r) in results.iter().enumerate() {
                            let text = if r.detail.is_empty() {
                                r.title.clone()
                            } else {
                                format!("{} — {}", r.title, r.detail)
                            };
                            let row =
                                ui.add(egui::Button::selectable(i == self.find.highlighted, text));
                            if (down || up) && i == self.find.highlighted {
                                row.scroll_to_me(None);
                            }
                            if row.clicked() {
                                self.find.highlighted = i;
                                self.find.entered = Some(i);
                                picked = Some(r.element);
                            }
                        }
                    });
                if results.len() == crate::command::find::MAX_RESULTS {
                    ui.weak(format!(
                        "The first {} results; type more to narrow them.",
                        crate::command::find::MAX_RESULTS
                    ));
                }
            });
        if let Some(e) = picked {
            self.emit(Intent::FocusElement(e));
        }
        if escape || !open {
            self.find.close();
        }
    }
}
