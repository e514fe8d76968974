//! The canvas's right-click menu: which commands of the command table it offers (on an
//! element, or on empty canvas), in groups; shown where the right-click was, each item run and
//! enabled exactly as in the menu bar.

use super::DesignerApp;
use super::commands::UiCommand;
use crate::command::arrange::Arrangement;

/// The group (separators between groups) a command has in the context menu, if it is in it:
/// on a selected element, or on empty canvas.
pub(crate) fn context_group(command: UiCommand, on_element: bool) -> Option<u8> {
    use UiCommand::*;
    match (command, on_element) {
        (Cut | Copy | Paste | Duplicate | Delete, true) => Some(0),
        (Rename | ShowEveryAsset, true) => Some(1),
        (SelectAllRequirements | MarkMetUpTo | CopyAssessment, true) => Some(2),
        (Arrange(how), true) if how != Arrangement::ByPurdueLevel => Some(3),
        (Paste | SelectAll, false) => Some(0),
        (ZoomToFit | ResetZoom, false) => Some(1),
        (Arrange(Arrangement::ByPurdueLevel) | SnapToGrid | OverviewMap | PurdueBands, false) => {
            Some(2)
        }
        _ => None,
    }
}

/// The context menu's commands in order with their groups: every command of the table that
/// has a group here. Arrange commands are offered only when they apply (two or more zones
/// selected), so a single zone's menu stays short.
pub(crate) fn context_commands(app: &DesignerApp, on_element: bool) -> Vec<(u8, UiCommand)> {
    let mut items: Vec<(u8, UiCommand)> = UiCommand::all()
        .into_iter()
        .filter_map(|c| context_group(c, on_element).map(|g| (g, c)))
        .filter(|(_, c)| !matches!(c, UiCommand::Arrange(_)) || !on_element || c.enabled(app))
        .collect();
    items.sort_by_key(|(g, _)| *g);
    items
}

impl DesignerApp {
    /// Shows the canvas's context menu while it is open; a command run, Escape, or a press
    /// outside it closes it.
    pub(super) fn context_menu_ui(&mut self, ctx: &egui::Context) {
        let Some(at) = self.canvas.context_menu else {
            return;
        };
        if self.doc.is_none() {
            self.canvas.context_menu = None;
            return;
        }
        let on_element = !self.selection.is_empty();
        let items = context_commands(self, on_element);
        let mut ran = false;
        let area = egui::Area::new(egui::Id::new("zw-canvas-context-menu"))
            .order(egui::Order::Foreground)
            .fixed_pos(at)
            .constrain(true)
            .show(ctx, |ui| {
                egui::Frame::menu(ui.style()).show(ui, |ui| {
                    ui.set_min_width(220.0);
                    let mut group = None;
                    for (g, c) in items {
                        if group.is_some_and(|last| last != g) {
                            ui.separator();
                        }
                        group = Some(g);
                        ran |= self.command_item_ui(ui, c);
                    }
                });
            });
        let pressed_outside = ctx.input(|i| {
            i.pointer.any_pressed()
                && i.pointer
                    .interact_pos()
                    .is_some_and(|p| !area.response.rect.contains(p))
        });
        if ran || pressed_outside || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.canvas.context_menu = None;
        }
    }
}
