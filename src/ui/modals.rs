//! The modal dialogs over the window: errors, unsaved changes, typed paths, PDF export options,
//! recovery, sessions and About.

use super::{DesignerApp, Modal, PathPurpose, export, recovery, sessions};
use std::path::PathBuf;

impl DesignerApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut next: Option<Modal> = None;
        let response = egui::Modal::new(egui::Id::new("zw-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &modal {
                Modal::Error { title, message } => {
                    ui.heading(title);
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(message).monospace());
                    ui.add_space(10.0);
                    if self.doc.is_some() {
                        ui.label("The document you had open is unchanged.");
                    }
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Modal::ConfirmDiscard { then } => {
                    let name = self.doc.as_ref().map(|d| d.display_name()).unwrap_or_default();
                    ui.heading("Unsaved changes");
                    ui.label(format!("\"{name}\" has changes that are not saved."));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            if self.save() {
                                self.modal = None;
                                self.run_pending(then.clone());
                                return;
                            }
                            close = self.modal.is_none();
                        }
                        if ui.button("Discard changes").clicked() {
                            self.modal = None;
                            if let Some(d) = &mut self.doc {
                                d.saved_state = d.history.state();
                            }
                            self.discard_recovery();
                            self.run_pending(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::PathPrompt { purpose, text } => {
                    let mut text = text.clone();
                    ui.heading(match purpose {
                        PathPurpose::Open => "Open project",
                        PathPurpose::SaveAs => "Save project as",
                        PathPurpose::ExportPdf => "Export to a file",
                        PathPurpose::Compare => "Compare with an older revision",
                    });
                    ui.label(match purpose {
                        PathPurpose::ExportPdf => {
                            "Type the path of the file to write (.pdf, .svg, .png, .drawio, .xlsx or .csv):"
                        }
                        _ => "Type the path of the project file (.ron):",
                    });
                    let hint = match purpose {
                        PathPurpose::ExportPdf => "/home/me/plant.pdf",
                        _ => "/home/me/plant.ron",
                    };
                    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0).hint_text(hint));
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    // ready to type: the field has the keyboard unless something else took it
                    if !enter && ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    ui.horizontal(|ui| {
                        let go = ui.add_enabled(!text.trim().is_empty(), egui::Button::new(match purpose {
                            PathPurpose::Open => "Open",
                            PathPurpose::SaveAs => "Save",
                            PathPurpose::ExportPdf => "Export",
                            PathPurpose::Compare => "Compare",
                        }));
                        if (go.clicked() || enter) && !text.trim().is_empty() {
                            let path = PathBuf::from(text.trim());
                            self.modal = None;
                            match purpose {
                                PathPurpose::Open => self.open_path(&path),
                                PathPurpose::SaveAs => {
                                    self.save_to(&path);
                                }
                                PathPurpose::ExportPdf => self.start_export(path),
                                PathPurpose::Compare => self.compare_with(&path),
                            }
                            if matches!(self.modal, Some(Modal::Error { .. })) {
                                self.prompt_after_error = Some((*purpose, text.clone()));
                            }
                            return;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                    next = Some(Modal::PathPrompt { purpose: *purpose, text });
                }
                Modal::Export => {
                    let mut options = self.export_options.clone();
                    let devices = export::rule_devices(self);
                    let answer = export::export_options_ui(&mut options, &devices, ui);
                    self.export_options = options;
                    match answer {
                        Some(true) => {
                            self.modal = None;
                            self.choose_export_path();
                        }
                        Some(false) => close = true,
                        None => {}
                    }
                }
                Modal::Recover => recovery::recovery_list_ui(self, ui),
                Modal::Session(m) => {
                    close = sessions::sessions_modal_ui(self, ui, m);
                }
                Modal::Help(page) => {
                    ui.set_max_width(820.0);
                    ui.set_min_width(720.0);
                    let mut page = *page;
                    close = super::help::help_ui(ui, &mut page);
                    if !close {
                        next = Some(Modal::Help(page));
                    }
                }
                Modal::About => {
                    ui.heading("zonewright");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Design IEC 62443 zone-and-conduit architectures: SL-T, SL-C and SL-A per zone and conduit, gaps and design findings against the IEC 62443-3-3 catalog.");
                    ui.label("Requirement titles and levels are facts of the standard; every explanation is written in our own words.");
                    ui.label("Fonts: DejaVu Sans (Bitstream Vera licence), WenQuanYi Micro Hei (Apache-2.0).");
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close()
            && !matches!(
                modal,
                Modal::ConfirmDiscard { .. } | Modal::Recover | Modal::Session(_)
            )
        {
            close = true;
        }
        if close {
            self.modal = None;
            if matches!(modal, Modal::Error { .. })
                && let Some((purpose, text)) = self.prompt_after_error.take()
            {
                self.modal = Some(Modal::PathPrompt { purpose, text });
            }
        } else if let (Some(n), Some(_)) = (next, &self.modal)
            && matches!(self.modal, Some(Modal::PathPrompt { .. } | Modal::Help(_)))
        {
            self.modal = Some(n);
        }
    }
}
