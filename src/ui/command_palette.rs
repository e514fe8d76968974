//! The command palette (Ctrl+Shift+P): a modal list of every command filtered as you type
//! (case-insensitive, words in any order), each with its shortcut; arrows and Enter run one, Esc
//! closes. Disabled commands are shown greyed and never run.

use super::DesignerApp;
use super::commands::UiCommand;

/// Whether the palette is open, what was typed and which row is highlighted.
#[derive(Debug, Default)]
pub struct CommandPaletteState {
    open: bool,
    pub query: String,
    /// Index into the filtered rows.
    pub highlighted: usize,
    /// The text field takes the keyboard on the first frame.
    focus_pending: bool,
}

impl CommandPaletteState {
    pub fn open(&mut self) {
        *self = CommandPaletteState {
            open: true,
            focus_pending: true,
            ..Default::default()
        };
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// Whether every word of `query` occurs in `text` (case-insensitive, any order).
pub fn matches(query: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| text.contains(word))
}

/// The commands the palette lists for `query`, in table order.
pub(crate) fn filtered(query: &str) -> Vec<UiCommand> {
    UiCommand::all()
        .into_iter()
        .filter(|c| matches(query, &c.text()))
        .collect()
}

impl DesignerApp {
    /// Shows the palette when it is open; runs the command picked.
    pub(super) fn command_palette_ui(&mut self, ctx: &egui::Context) {
        if !self.command_palette.is_open() {
            return;
        }
        let rows = filtered(&self.command_palette.query);
        let (escape, enter, down, up) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            )
        });
        let state = &mut self.command_palette;
        if down {
            state.highlighted = (state.highlighted + 1).min(rows.len().saturating_sub(1));
        }
        if up {
            state.highlighted = state.highlighted.saturating_sub(1);
        }
        state.highlighted = state.highlighted.min(rows.len().saturating_sub(1));
        let moved = down || up;
        let mut picked = enter
            .then(|| rows.get(state.highlighted).copied())
            .flatten();
        let mut close = escape;
        let response = egui::Modal::new(egui::Id::new("zw-command-palette")).show(ctx, |ui| {
            ui.set_width(460.0);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.command_palette.query)
                    .hint_text("Type a command…")
                    .desired_width(f32::INFINITY),
            );
            if self.command_palette.focus_pending || !field.has_focus() {
                field.request_focus();
                self.command_palette.focus_pending = false;
            }
            if field.changed() {
                self.command_palette.highlighted = 0;
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    if rows.is_empty() {
                        ui.weak("No command matches.");
                    }
                    for (i, command) in rows.iter().enumerate() {
                        let enabled = command.enabled(self);
                        let mut button = egui::Button::selectable(
                            i == self.command_palette.highlighted,
                            command.text(),
                        );
                        if let Some(s) = command.shortcuts().first() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(s));
                        }
                        let r = ui
                            .add_enabled_ui(enabled, |ui| {
                                ui.add_sized([ui.available_width(), 0.0], button)
                            })
                            .inner
                            .on_hover_text(command.tooltip());
                        if moved && i == self.command_palette.highlighted {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            picked = Some(*command);
                        }
                    }
                });
        });
        if response.should_close() {
            close = true;
        }
        if let Some(command) = picked
            && command.enabled(self)
        {
            self.command_palette.close();
            self.run_command(command, ctx);
            return;
        }
        if close {
            self.command_palette.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_any_order_ignoring_case() {
        assert!(matches("zoom FIT", "Zoom to fit"));
        assert!(matches("fit zoom", "Zoom to fit"));
        assert!(matches("", "Zoom to fit"));
        assert!(!matches("zoom out fit", "Zoom to fit"));
    }

    #[test]
    fn filtering_keeps_table_order() {
        let rows = filtered("zoom");
        assert_eq!(
            rows,
            vec![
                UiCommand::ZoomToFit,
                UiCommand::ResetZoom,
                UiCommand::ZoomIn,
                UiCommand::ZoomOut
            ]
        );
        assert_eq!(filtered("").len(), UiCommand::all().len());
    }
}
