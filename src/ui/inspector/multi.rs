//! The form of a selection of several elements: how many, duplicate and delete.

use crate::ui::Intent;
use crate::ui::view::Intents;

pub fn multi_ui(ui: &mut egui::Ui, out: &mut Intents, count: usize) {
    ui.heading(format!("{count} items selected"));
    ui.horizontal(|ui| {
        if ui.button("Duplicate").clicked() {
            out.push(Intent::DuplicateSelection);
        }
        if ui.button("Delete").clicked() {
            out.push(Intent::DeleteSelection);
        }
    });
    ui.label("Drag a selected zone to move them all; arrow keys nudge.");
}
