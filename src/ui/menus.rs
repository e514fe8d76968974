//! The menu bar, generated from the command table, and the status line.

use super::commands::{Check, UiCommand};
use super::{DesignerApp, DockTab, Pending, sessions, theme};

impl DesignerApp {
    /// One menu item for `command`: its text, shortcut, tooltip and enabled state from the table.
    /// A menu item for `command`, run when clicked; whether it ran.
    pub(super) fn command_item_ui(&mut self, ui: &mut egui::Ui, command: UiCommand) -> bool {
        let enabled = command.enabled(self);
        let text = command.menu_text(self);
        let response = match command.check(self) {
            Check::Toggle(on) => {
                let mut on = on;
                ui.add_enabled(enabled, egui::Checkbox::new(&mut on, text))
            }
            check => {
                let mut button = match check {
                    Check::Selected(on) => egui::Button::selectable(on, text),
                    _ => egui::Button::new(text),
                };
                if let Some(s) = command.shortcuts().first() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(s));
                }
                ui.add_enabled(enabled, button)
            }
        };
        let clicked = response.on_hover_text(command.tooltip()).clicked();
        if clicked {
            self.run_command(command, ui.ctx());
        }
        clicked
    }

    fn command_items_ui(&mut self, ui: &mut egui::Ui, commands: &[UiCommand]) {
        for c in commands {
            self.command_item_ui(ui, *c);
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        use UiCommand::*;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.command_items_ui(ui, &[New]);
                ui.menu_button("New from template", |ui| {
                    for t in crate::samples::TEMPLATES {
                        self.command_item_ui(ui, NewFromTemplate(t.name));
                    }
                });
                self.command_items_ui(ui, &[Open, OpenByPath]);
                ui.menu_button("Open sample", |ui| {
                    for s in crate::samples::SAMPLES {
                        self.command_item_ui(ui, OpenSample(s.name));
                    }
                });
                ui.menu_button("Open recent", |ui| {
                    if self.recent.paths().is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.recent.paths().to_vec() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guarded(Pending::OpenPath(p));
                        }
                    }
                });
                ui.separator();
                self.command_items_ui(ui, &[Save, SaveAs, SaveAsByPath]);
                ui.separator();
                self.command_items_ui(
                    ui,
                    &[
                        ExportPdf,
                        ImportAssets,
                        ImportTraffic,
                        ApplyMatrix,
                        CompareWith,
                    ],
                );
                ui.separator();
                self.command_items_ui(ui, &[Close, Quit]);
            });
            ui.menu_button("Edit", |ui| {
                self.command_items_ui(ui, &[Undo, Redo]);
                ui.separator();
                self.command_items_ui(ui, &[Cut, Copy, Paste, Duplicate, Delete, SelectAll]);
                ui.separator();
                self.command_items_ui(ui, &[Rename, Find]);
                ui.separator();
                self.command_items_ui(ui, &[SelectAllRequirements, MarkMetUpTo, CopyAssessment]);
            });
            ui.menu_button("Arrange", |ui| {
                use crate::command::arrange::Arrangement;
                for how in Arrangement::ALL {
                    if how == Arrangement::ByPurdueLevel {
                        ui.separator();
                    }
                    self.command_item_ui(ui, Arrange(how));
                }
            });
            ui.menu_button("View", |ui| {
                self.command_items_ui(
                    ui,
                    &[
                        ZoomToFit,
                        ResetZoom,
                        ZoomIn,
                        ZoomOut,
                        Presentation,
                        SnapToGrid,
                        OverviewMap,
                        ShowEveryAsset,
                        PurdueBands,
                        TrafficLines,
                        DarkTheme,
                        CommandPalette,
                    ],
                );
                ui.separator();
                for tab in DockTab::ALL {
                    self.command_item_ui(ui, ShowTab(tab));
                }
            });
            ui.menu_button("Help", |ui| {
                self.command_item_ui(ui, Shortcuts);
                self.command_item_ui(ui, Documentation);
                ui.separator();
                self.command_item_ui(ui, About);
            });
        });
    }

    pub(super) fn status_line_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(doc) = &self.doc {
                let a = &doc.assessment;
                ui.label(format!("Zoom {:.0}%", self.canvas.zoom() * 100.0));
                ui.separator();
                let sel = match self.selection.len() {
                    0 => "Nothing selected".to_owned(),
                    1 => self
                        .selection
                        .iter()
                        .next()
                        .map(|e| doc.project.element_name(*e))
                        .unwrap_or_default(),
                    n => format!("{n} selected"),
                };
                ui.label(sel);
                ui.separator();
                ui.label(format!(
                    "{} · {} · {}",
                    crate::count_of(doc.project.zones.len(), "zone", "zones"),
                    crate::count_of(doc.project.conduits.len(), "conduit", "conduits"),
                    crate::count_of(doc.project.asset_count(), "asset", "assets")
                ));
                ui.separator();
                ui.colored_label(
                    theme::gap_color(crate::analysis::GapSeverity::Two),
                    format!("{} with gaps", a.gap_count()),
                );
                ui.colored_label(
                    theme::finding_color(crate::analysis::FindingSeverity::Error),
                    crate::count_of(a.error_count(), "error", "errors"),
                );
                ui.colored_label(
                    theme::finding_color(crate::analysis::FindingSeverity::Warning),
                    crate::count_of(a.warning_count(), "warning", "warnings"),
                );
            }
            if self.export.is_some() {
                ui.separator();
                ui.spinner();
            }
            sessions::sessions_status_ui(self, ui);
            if let Some(s) = &self.status {
                ui.separator();
                ui.label(s);
            }
        });
    }
}
