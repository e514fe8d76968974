//! The start page shown when no document is open: new, open, samples, templates and recent
//! files. Its
//! buttons run the commands of [`super::commands`].

use super::commands::UiCommand;
use super::{DesignerApp, Pending};

impl DesignerApp {
    pub(super) fn start_page_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new("zonewright").size(34.0).strong());
            ui.label("IEC 62443 zone-and-conduit design");
            ui.add_space(24.0);
            ui.horizontal(|ui| {
                ui.add_space((ui.available_width() - 480.0).max(0.0) / 2.0);
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new("New project").size(18.0),
                    ))
                    .on_hover_text(UiCommand::New.tooltip())
                    .clicked()
                {
                    self.run_command(UiCommand::New, ui.ctx());
                }
                if ui
                    .add(egui::Button::new(egui::RichText::new("Open…").size(18.0)))
                    .on_hover_text(UiCommand::Open.tooltip())
                    .clicked()
                {
                    self.run_command(UiCommand::Open, ui.ctx());
                }
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new("Open by path…").size(18.0),
                    ))
                    .on_hover_text(UiCommand::OpenByPath.tooltip())
                    .clicked()
                {
                    self.run_command(UiCommand::OpenByPath, ui.ctx());
                }
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new("Import assets…").size(18.0),
                    ))
                    .on_hover_text(UiCommand::ImportAssets.tooltip())
                    .clicked()
                {
                    self.run_command(UiCommand::ImportAssets, ui.ctx());
                }
            });
            ui.add_space(28.0);
            ui.label(egui::RichText::new("Samples").strong().size(18.0));
            for s in crate::samples::SAMPLES {
                if ui.link(s.title).clicked() {
                    self.run_command(UiCommand::OpenSample(s.name), ui.ctx());
                }
            }
            ui.add_space(20.0);
            ui.label(
                egui::RichText::new("New from a template")
                    .strong()
                    .size(18.0),
            );
            for t in crate::samples::TEMPLATES {
                if ui.link(t.title).on_hover_text(t.description).clicked() {
                    self.run_command(UiCommand::NewFromTemplate(t.name), ui.ctx());
                }
            }
            ui.add_space(20.0);
            ui.label(egui::RichText::new("Recent files").strong().size(18.0));
            if self.recent.paths().is_empty() {
                ui.label("None yet — files you open or save appear here.");
            }
            for p in self.recent.paths().to_vec() {
                if ui.link(p.display().to_string()).clicked() {
                    self.guarded(Pending::OpenPath(p));
                }
            }
        });
    }
}
