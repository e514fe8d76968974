//! File → Apply compliance matrix…: a window with the path of a filled-in matrix, the preview
//! of every change, of what it does to SL-A (as `apply-matrix` prints it, from `assess` before
//! and after) and of every skipped row, and Apply, which makes all the changes as ONE
//! undoable edit. The matrix is read again against the document when Apply is pressed, so a
//! document changed meanwhile never gets a stale change.

use super::dialogs::DialogResult;
use super::{DesignerApp, Intent};
use crate::export::matrix_effect::{SlAChange, preview_sl_a};
use crate::import::compliance::{MatrixOptions, Plan, read_matrix_with};
use crate::model::text::visible;
use std::path::PathBuf;

/// The state of the open dialog.
#[derive(Debug, Default)]
pub struct ApplyMatrixDialog {
    /// The path as typed or picked.
    pub path: String,
    /// The workbook read and its plan against the document as it was then.
    read: Option<(PathBuf, Vec<u8>, Plan)>,
    /// What the plan does to SL-A (worked out once, when the workbook is read), or why that
    /// could not be worked out.
    sl_a: Option<Result<Vec<SlAChange>, String>>,
    /// Why the last read failed.
    error: Option<String>,
    /// Rows that do not match the project (or a matrix of another project) are skipped and
    /// listed instead of refusing the workbook.
    pub skip_mismatched: bool,
}

impl ApplyMatrixDialog {
    /// The plan of the workbook read, if one was read.
    pub fn plan(&self) -> Option<&Plan> {
        self.read.as_ref().map(|(_, _, p)| p)
    }

    /// The SL-A changes the plan read would make.
    pub fn sl_a_changes(&self) -> &[SlAChange] {
        match &self.sl_a {
            Some(Ok(v)) => v,
            _ => &[],
        }
    }

    /// Why the last read failed, if it did.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn options(&self) -> MatrixOptions {
        MatrixOptions {
            skip_mismatched: self.skip_mismatched,
        }
    }

    /// Reads the workbook at `path` against `app`'s document.
    fn read(&mut self, project: &crate::model::Project, catalog: &crate::catalog::Catalog) {
        self.read = None;
        self.error = None;
        self.sl_a = None;
        let path = PathBuf::from(self.path.trim());
        let result = crate::cli::matrix::read_file(&path).and_then(|bytes| {
            read_matrix_with(project, catalog, &bytes, self.options())
                .map(|plan| (bytes, plan))
                .map_err(|e| format!("{}: {e}", path.display()))
        });
        match result {
            Ok((bytes, plan)) => {
                self.sl_a = Some(preview_sl_a(&plan, project, catalog));
                self.read = Some((path, bytes, plan));
            }
            Err(e) => self.error = Some(e),
        }
    }
}

impl DesignerApp {
    /// File → Apply compliance matrix…: opens the dialog (and the file dialog, when there is
    /// one).
    pub(crate) fn ask_apply_matrix(&mut self) {
        if self.doc.is_none() {
            return;
        }
        let mut dialog = ApplyMatrixDialog::default();
        match self.dialogs.open_matrix() {
            DialogResult::Picked(p) => {
                dialog.path = p.display().to_string();
                if let Some(doc) = &self.doc {
                    dialog.read(&doc.project, self.catalog);
                }
            }
            DialogResult::Cancelled => return,
            DialogResult::Unavailable => {}
        }
        self.apply_matrix = Some(dialog);
    }

    /// Applies the matrix read in the dialog to the document as one undo step and closes it.
    pub(crate) fn apply_matrix_now(&mut self) {
        let (Some(dialog), Some(doc)) = (&mut self.apply_matrix, &self.doc) else {
            return;
        };
        let Some((path, bytes, _)) = &dialog.read else {
            return;
        };
        // read again: the document may have changed since the preview
        let plan = match read_matrix_with(&doc.project, self.catalog, bytes, dialog.options()) {
            Ok(p) => p,
            Err(e) => {
                dialog.error = Some(e.to_string());
                return;
            }
        };
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let n = plan.changes.len();
        if n > 0 {
            self.emit(Intent::SealEdit);
            self.emit(Intent::Act(plan.action(&name)));
            self.emit(Intent::SealEdit);
            self.status = Some(format!(
                "Applied {} from {name}",
                crate::count_of(n, "change", "changes")
            ));
        }
        self.apply_matrix = None;
    }
}

/// The dialog's window, while it is open.
pub(crate) fn apply_matrix_ui(app: &mut DesignerApp, ctx: &egui::Context) {
    let Some(dialog) = &mut app.apply_matrix else {
        return;
    };
    let mut open = true;
    let mut read = false;
    let mut apply = false;
    let mut cancel = false;
    egui::Window::new("Apply compliance matrix")
        .id(egui::Id::new("zw-apply-matrix"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 48.0))
        .collapsible(false)
        .default_width(640.0)
        .show(ctx, |ui| {
            ui.label("A compliance matrix exported with Export → Compliance matrix, filled in by a supplier:");
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut dialog.path)
                        .hint_text("/home/me/matrix-filled.xlsx")
                        .desired_width(440.0),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Read").clicked() || entered {
                    read = true;
                }
            });
            if ui
                .checkbox(&mut dialog.skip_mismatched, "Skip rows that do not match")
                .on_hover_text("A matrix made for another project, or rows whose element name is not this project's: list those rows as skipped and apply the rest. Without it such a matrix is refused.")
                .changed()
                && !dialog.path.trim().is_empty()
            {
                read = true;
            }
            if let Some(e) = &dialog.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some((_, _, plan)) = &dialog.read {
                plan_ui(plan, &dialog.sl_a, ui);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let n = dialog.plan().map_or(0, |p| p.changes.len());
                let label = format!("Apply {}", crate::count_of(n, "change", "changes"));
                if ui.add_enabled(n > 0, egui::Button::new(label)).clicked() {
                    apply = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    if read && let Some(doc) = &app.doc {
        dialog.read(&doc.project, app.catalog);
    }
    if apply {
        app.apply_matrix_now();
    } else if cancel || !open {
        app.apply_matrix = None;
    }
}

fn plan_ui(plan: &Plan, sl_a: &Option<Result<Vec<SlAChange>, String>>, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    for w in &plan.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {w}"));
    }
    ui.label(format!(
        "{}, {} unchanged, {} skipped",
        crate::count_of(plan.changes.len(), "change", "changes"),
        crate::count_of(plan.unchanged, "row", "rows"),
        crate::count_of(plan.skipped.len(), "row", "rows")
    ));
    // what the changes do to SL-A, as `apply-matrix` prints it
    match sl_a {
        Some(Ok(changes)) if changes.is_empty() && !plan.changes.is_empty() => {
            ui.label("SL-A: no zone or conduit changes");
        }
        Some(Ok(changes)) => {
            for c in changes {
                ui.label(egui::RichText::new(visible(&c.describe())).strong());
            }
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {}
    }
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("zw-matrix-changes")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    ui.strong("Row");
                    ui.strong("Element");
                    ui.strong("Requirement");
                    ui.strong("Change");
                    ui.end_row();
                    for c in &plan.changes {
                        ui.label(c.row.to_string());
                        ui.label(format!(
                            "{} {}",
                            crate::export::element_id(c.element),
                            c.element_name
                        ));
                        ui.label(&c.requirement);
                        ui.label(c.describe());
                        ui.end_row();
                    }
                });
            if !plan.skipped.is_empty() {
                ui.add_space(6.0);
                ui.strong("Skipped rows");
                for s in &plan.skipped {
                    ui.label(format!("row {}: {}", s.row, s.reason));
                }
            }
        });
}
