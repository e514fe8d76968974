//! PDF export from the designer: the options dialog, and the export itself on a background
//! thread so that a large plant never freezes the window.

use super::{DesignerApp, Modal, PathPurpose, dialogs::DialogResult};
use crate::report::{ExportOptions, Paper, Sections};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An export under way: the file it writes and where its result arrives.
pub struct ExportJob {
    pub path: PathBuf,
    pub started: Instant,
    /// The size written and the warnings about characters no bundled font has.
    result: mpsc::Receiver<Result<(usize, Vec<String>), String>>,
}

impl ExportJob {
    /// Starts writing the tender pack of `project` to `path` on its own thread.
    pub fn start(
        project: crate::model::Project,
        catalog: &'static crate::catalog::Catalog,
        options: ExportOptions,
        path: PathBuf,
    ) -> ExportJob {
        let (tx, rx) = mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let result = crate::report::export_pdf(&project, catalog, &options)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::file::replace_atomic(&target, &bytes)
                        .map(|()| bytes.len())
                        .map_err(|e| e.to_string())
                })
                .map(|size| (size, glyph_warnings(&project)));
            // the app may have been closed meanwhile; nobody to tell then
            let _ = tx.send(result);
        });
        ExportJob {
            path,
            started: Instant::now(),
            result: rx,
        }
    }
}

/// What `export` on the command line warns about too: text that prints as boxes.
fn glyph_warnings(project: &crate::model::Project) -> Vec<String> {
    crate::report::glyphs::shared_fonts()
        .map(|fonts| crate::report::glyphs::missing_glyphs(project, fonts))
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The name offered for the PDF: the project file's name, else the document number or title.
pub fn suggested_pdf_name(app: &DesignerApp) -> String {
    let Some(doc) = &app.doc else {
        return "plant.pdf".to_owned();
    };
    if let Some(stem) = doc.path.as_deref().and_then(Path::file_stem) {
        return format!("{}.pdf", stem.to_string_lossy());
    }
    let meta = &doc.project.meta;
    let base = if meta.document_number.trim().is_empty() {
        &meta.title
    } else {
        &meta.document_number
    };
    format!("{}.pdf", super::sanitize_file_name(base))
}

impl DesignerApp {
    /// File → Export PDF…: the options dialog (paper and sections).
    pub fn ask_export(&mut self) {
        if self.doc.is_some() {
            self.modal = Some(Modal::Export);
        }
    }

    /// After the options: ask where to write, then start.
    pub fn choose_export_path(&mut self) {
        let suggested = suggested_pdf_name(self);
        match self.ask_dialog(|d| d.export_pdf(&suggested)) {
            DialogResult::Picked(p) => self.start_export(p),
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => {
                let text = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path.as_deref())
                    .and_then(Path::parent)
                    .map(|dir| dir.join(&suggested).display().to_string())
                    .unwrap_or(suggested);
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::ExportPdf,
                    text,
                });
            }
        }
    }

    /// Exports the current project to `path` in the background with the chosen options.
    pub fn start_export(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        if self.export.is_some() {
            self.status = Some("An export is already running".to_owned());
            return;
        }
        self.status = Some(format!("Exporting {} …", path.display()));
        self.export = Some(ExportJob::start(
            doc.project.clone(),
            self.catalog,
            self.export_options,
            path,
        ));
    }

    /// Collects the result of a running export; while it runs, asks for a repaint now and
    /// then so the result is seen (and nothing at all once it is done).
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export else { return };
        match job.result.try_recv() {
            Ok(Ok((bytes, warnings))) => {
                let mut status = format!(
                    "Exported {} ({} KB in {:.1} s)",
                    job.path.display(),
                    bytes.div_ceil(1024),
                    job.started.elapsed().as_secs_f32()
                );
                if let Some(first) = warnings.first() {
                    status.push_str(&format!(" — warning: {first}"));
                    if warnings.len() > 1 {
                        status.push_str(&format!(" (and {} more)", warnings.len() - 1));
                    }
                }
                self.status = Some(status);
                self.export = None;
            }
            Ok(Err(message)) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot export the PDF".to_owned(),
                    message,
                });
                self.status = None;
                self.export = None;
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(mpsc::TryRecvError::Disconnected) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot export the PDF".to_owned(),
                    message: "the export stopped before it finished (an internal error)".to_owned(),
                });
                self.status = None;
                self.export = None;
            }
        }
    }

    /// Waits for a running export to finish (tests and scripted use).
    pub fn wait_for_export(&mut self, ctx: &egui::Context, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while self.export.is_some() && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(20));
            self.poll_export(ctx);
        }
        self.export.is_none()
    }
}

/// The body of the export options dialog. Returns true when the user asked to go on.
pub fn export_options_ui(options: &mut ExportOptions, ui: &mut egui::Ui) -> Option<bool> {
    ui.heading("Export PDF tender pack");
    ui.add_space(4.0);
    ui.label(
        "Text pages are A4 portrait; the architecture drawing gets a landscape page of its own.",
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Drawing paper:");
        ui.radio_value(&mut options.paper, Paper::A4, "A4 landscape");
        ui.radio_value(&mut options.paper, Paper::A3, "A3 landscape");
    });
    ui.add_space(6.0);
    ui.label("Sections:");
    let s: &mut Sections = &mut options.sections;
    ui.checkbox(
        &mut s.title,
        "Title page with title block and revision history",
    );
    ui.checkbox(&mut s.drawing, "Architecture drawing");
    ui.checkbox(
        &mut s.summary,
        "Zone and conduit summary (SL-T, SL-C, SL-A)",
    );
    ui.checkbox(
        &mut s.risk,
        "Risk assessment: method and matrix, initial assessment, risk register",
    );
    ui.checkbox(
        &mut s.details,
        "Per zone and conduit: characteristics, assets, flows, requirement matrix",
    );
    ui.checkbox(&mut s.matrix, "Overview matrix");
    ui.checkbox(&mut s.components, "Component requirements for suppliers");
    ui.checkbox(&mut s.findings, "Findings register");
    let any = s.title
        || s.drawing
        || s.summary
        || s.risk
        || s.details
        || s.matrix
        || s.components
        || s.findings;
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.add_enabled(any, egui::Button::new("Export…")).clicked() {
            answer = Some(true);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(false);
        }
    });
    if !any {
        ui.label("Choose at least one section.");
    }
    answer
}
