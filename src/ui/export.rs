//! Export from the designer: the dialog with the format choice and its options, and the
//! export itself on a background thread so that a large plant never freezes the window. The
//! format follows the extension of the chosen file, as on the command line.

use super::{DesignerApp, Modal, PathPurpose, dialogs::DialogResult};
use crate::export::{Format, PngOptions, Request, Table};
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

/// The choices of the Export dialog, offered again next time.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSettings {
    /// The PDF's (and the Word document's) paper and sections (the paper also shapes the SVG
    /// and PNG drawing).
    pub pdf: ExportOptions,
    /// Word: the path of a company template (.docx or .dotx); empty for none.
    pub word_template: String,
    pub format: Format,
    /// XLSX: the supplier compliance matrix instead of the registers.
    pub compliance: bool,
    /// SVG and PNG: the title block under the drawing.
    pub title_block: bool,
    pub png_width: u32,
    pub transparent: bool,
    /// CSV: the register.
    pub table: Table,
    /// nftables, FortiOS, ASA: the boundary device whose rules are written.
    pub device: Option<crate::model::AssetId>,
    /// PDF and Word: the older revision (.ron) whose changes the pack lists and marks; empty
    /// for none.
    pub changes_since: String,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            // the designer leaves unassessed requirement rows out unless asked
            pdf: ExportOptions {
                compact: true,
                ..ExportOptions::default()
            },
            format: Format::Pdf,
            word_template: String::new(),
            compliance: false,
            title_block: true,
            png_width: crate::export::png::DEFAULT_WIDTH,
            transparent: false,
            table: Table::Zones,
            device: None,
            changes_since: String::new(),
        }
    }
}

impl ExportSettings {
    /// The request for a file at `path`: its extension chooses the format.
    pub(crate) fn request_for(
        &self,
        path: &Path,
        project: &crate::model::Project,
    ) -> Result<Request, String> {
        let format = Format::from_path(path).map_err(|e| e.to_string())?;
        let mut r = Request::new(format);
        if format.is_rules() {
            r.device = self
                .device
                .and_then(|d| project.asset(d))
                .map(|(a, _)| a.name.clone());
        }
        r.pdf = self.pdf;
        r.title_block = self.title_block;
        r.table = (format == Format::Csv).then_some(self.table);
        r.compliance = (format == Format::Xlsx && self.compliance).then(Vec::new);
        let template = self.word_template.trim();
        if format == Format::Docx && !template.is_empty() {
            r.template = Some(crate::export::Template::read(Path::new(template))?);
        }
        if format == Format::Png {
            r.png = PngOptions {
                width: Some(self.png_width),
                dpi: None,
                transparent: self.transparent,
            };
        }
        Ok(r)
    }

    /// The file name offered for `stem`.
    fn file_name(&self, stem: &str) -> String {
        let ext = self.format.extension();
        match self.format {
            Format::Csv => format!("{stem}-{}.{ext}", self.table.name()),
            Format::Xlsx if self.compliance => format!("{stem}-compliance.{ext}"),
            f if f.is_rules() => format!("{stem}-rules.{ext}"),
            _ => format!("{stem}.{ext}"),
        }
    }
}

impl ExportJob {
    /// Starts writing the export of `project` to `path` on its own thread.
    pub fn start(
        project: crate::model::Project,
        catalog: &'static crate::catalog::Catalog,
        request: Request,
        path: PathBuf,
        changes_since: Option<PathBuf>,
    ) -> ExportJob {
        let (tx, rx) = mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let mut cuts = crate::export::xlsx::Cuts::default();
            let mut request = request;
            let result = amendments(&project, catalog, changes_since.as_deref())
                .and_then(|a| {
                    request.amendments = a;
                    crate::export::export_noting(&project, catalog, &request, &mut cuts)
                        .map_err(|e| e.to_string())
                })
                .and_then(|bytes| {
                    crate::file::replace_atomic(&target, &bytes)
                        .map(|()| bytes.len())
                        .map_err(|e| e.to_string())
                })
                .map(|size| {
                    // texts cut to fit Excel's cells first: the workbook lists them too
                    let mut warnings: Vec<String> = cuts
                        .0
                        .iter()
                        .map(|c| {
                            format!(
                                "text cut to fit an Excel cell ({c}; see the sheet \"{}\")",
                                crate::export::xlsx::CUTS_SHEET
                            )
                        })
                        .collect();
                    warnings.extend(glyph_warnings(&project));
                    (size, warnings)
                });
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
/// The amendments since the older revision in `since`, if one is given.
fn amendments(
    project: &crate::model::Project,
    catalog: &crate::catalog::Catalog,
    since: Option<&Path>,
) -> Result<Option<crate::report::amendments::Amendments>, String> {
    let Some(path) = since else { return Ok(None) };
    let old = crate::file::load(path).map_err(|e| format!("Compare with: {e}"))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Some(crate::report::amendments::Amendments::between(
        &old, project, catalog, &name,
    )))
}

fn glyph_warnings(project: &crate::model::Project) -> Vec<String> {
    crate::report::glyphs::shared_fonts()
        .map(|fonts| crate::report::glyphs::missing_glyphs(project, fonts))
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The name offered for the export: the project file's name, else the document number or
/// title, with the chosen format's extension.
pub fn suggested_pdf_name(app: &DesignerApp) -> String {
    let settings = &app.export_options;
    let Some(doc) = &app.doc else {
        return settings.file_name("plant");
    };
    if let Some(stem) = doc.path.as_deref().and_then(Path::file_stem) {
        return settings.file_name(&stem.to_string_lossy());
    }
    let meta = &doc.project.meta;
    let base = if meta.document_number.trim().is_empty() {
        &meta.title
    } else {
        &meta.document_number
    };
    settings.file_name(&super::sanitize_file_name(base))
}

impl DesignerApp {
    /// File → Export PDF…: the options dialog (paper and sections).
    pub(crate) fn ask_export(&mut self) {
        if self.doc.is_some() {
            // the revision the designer compares with is offered for the amendments
            if let Some(c) = &self.comparison
                && self.export_options.changes_since.trim().is_empty()
            {
                self.export_options.changes_since = c.path.display().to_string();
            }
            self.modal = Some(Modal::Export);
        }
    }

    /// After the options: ask where to write, then start.
    pub(crate) fn choose_export_path(&mut self) {
        let suggested = suggested_pdf_name(self);
        let format = self.export_options.format;
        match self.ask_dialog(|d| d.export_as(&suggested, format.label(), format.extension())) {
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
        let request = match self.export_options.request_for(&path, &doc.project) {
            Ok(r) => r,
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot export".to_owned(),
                    message,
                });
                return;
            }
        };
        let since = self.export_options.changes_since.trim();
        let since = (matches!(request.format, Format::Pdf | Format::Docx) && !since.is_empty())
            .then(|| PathBuf::from(since));
        self.status = Some(format!("Exporting {} …", path.display()));
        self.export = Some(ExportJob::start(
            doc.project.clone(),
            self.catalog,
            request,
            path,
            since,
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
                    title: "Cannot export".to_owned(),
                    message,
                });
                self.status = None;
                self.export = None;
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(mpsc::TryRecvError::Disconnected) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot export".to_owned(),
                    message: "the export stopped before it finished (an internal error)".to_owned(),
                });
                self.status = None;
                self.export = None;
            }
        }
    }
}

/// The body of the Export dialog: the format and its options. Returns `Some(true)` when the
/// user asked to go on, `Some(false)` on Cancel.
/// The boundary devices with a rule schedule, by id and name (for the Export dialog).
pub(crate) fn rule_devices(app: &DesignerApp) -> Vec<(crate::model::AssetId, String)> {
    app.doc.as_ref().map_or_else(Vec::new, |d| {
        crate::analysis::rules::schedules(&d.project, app.catalog, &d.assessment.flows)
            .into_iter()
            .map(|s| (s.device, s.device_name))
            .collect()
    })
}

pub(crate) fn export_options_ui(
    settings: &mut ExportSettings,
    devices: &[(crate::model::AssetId, String)],
    ui: &mut egui::Ui,
) -> Option<bool> {
    ui.heading(format!("Export {}", choice_label(settings)));
    ui.add_space(4.0);
    ui.label("Format:");
    for (format, compliance) in CHOICES {
        let selected = settings.format == format && settings.compliance == compliance;
        let label = format!(
            "{} (.{})",
            choice_text(format, compliance),
            format.extension()
        );
        if ui.radio(selected, label).clicked() {
            settings.format = format;
            settings.compliance = compliance;
        }
    }
    ui.add_space(6.0);
    let mut can_go = true;
    match settings.format {
        Format::Pdf => {
            can_go = pdf_options_ui(&mut settings.pdf, ui);
            changes_since_ui(&mut settings.changes_since, ui);
        }
        Format::Docx => {
            can_go = pdf_options_ui(&mut settings.pdf, ui);
            changes_since_ui(&mut settings.changes_since, ui);
            ui.add_space(6.0);
            ui.label("Its styles, header, footer and first page come from a company template, when given; the pack follows its first page.");
            ui.horizontal(|ui| {
                let label = ui.label("Company template (.docx or .dotx):");
                ui.add(
                    egui::TextEdit::singleline(&mut settings.word_template)
                        .hint_text("path, or empty for none")
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            });
        }
        Format::Svg | Format::Png => {
            ui.horizontal(|ui| {
                ui.label("Paper shape:");
                ui.radio_value(&mut settings.pdf.paper, Paper::A4, "A4 landscape");
                ui.radio_value(&mut settings.pdf.paper, Paper::A3, "A3 landscape");
            });
            ui.checkbox(
                &mut settings.title_block,
                "Title block under the drawing (the legend is always there)",
            );
            if settings.format == Format::Png {
                ui.horizontal(|ui| {
                    ui.label("Width:");
                    ui.add(
                        egui::DragValue::new(&mut settings.png_width)
                            .range(100..=crate::export::png::MAX_WIDTH)
                            .suffix(" px"),
                    );
                });
                ui.checkbox(&mut settings.transparent, "Transparent background");
            }
        }
        Format::Drawio => {
            ui.label(
                "Zones as containers with their assets, conduits as edges with their devices; \
                 SL-T and the other fields as shape data.",
            );
        }
        Format::Xlsx if settings.compliance => {
            ui.label(
                "Every applicable requirement of every zone and conduit, with a status drop-down \
                 and columns for countermeasure, evidence and notes. Read it back with \
                 File → Apply compliance matrix…",
            );
        }
        Format::Xlsx => {
            ui.label("Sheets Zones, Conduits, Assets, Requirements, Findings, Supplier requirements, Flows (the communication matrix), Rules (every firewall's rule schedule) and Risk.");
        }
        Format::Nftables | Format::FortiOs | Format::Asa => {
            ui.label("The rule schedule of one boundary device: its flows as allow rules, the default deny last; rules with an open item are written as comments.");
            if devices.is_empty() {
                ui.label("No boundary device enforces a data flow yet: add flows to a conduit with a firewall on it.");
                can_go = false;
            } else {
                if !devices.iter().any(|(id, _)| Some(*id) == settings.device) {
                    settings.device = devices.first().map(|(id, _)| *id);
                }
                ui.label("Device:");
                for (id, name) in devices {
                    ui.radio_value(&mut settings.device, Some(*id), name);
                }
            }
        }
        Format::Csv => {
            ui.horizontal(|ui| {
                ui.label("Register:");
                for t in Table::ALL {
                    ui.radio_value(&mut settings.table, t, t.name());
                }
            });
        }
    }
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(can_go, egui::Button::new("Export…"))
            .clicked()
        {
            answer = Some(true);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(false);
        }
    });
    answer
}

/// The formats of the dialog, in their order; `true` is the compliance matrix.
const CHOICES: [(Format, bool); 11] = [
    (Format::Pdf, false),
    (Format::Docx, false),
    (Format::Svg, false),
    (Format::Png, false),
    (Format::Drawio, false),
    (Format::Xlsx, false),
    (Format::Xlsx, true),
    (Format::Csv, false),
    (Format::Nftables, false),
    (Format::FortiOs, false),
    (Format::Asa, false),
];

fn choice_text(format: Format, compliance: bool) -> String {
    if compliance {
        "compliance matrix for suppliers".to_owned()
    } else if format == Format::Xlsx {
        "registers workbook".to_owned()
    } else {
        format.label().to_owned()
    }
}

fn choice_label(s: &ExportSettings) -> String {
    choice_text(s.format, s.format == Format::Xlsx && s.compliance)
}

/// "Compare with…": the older revision whose changes the pack lists and marks.
fn changes_since_ui(path: &mut String, ui: &mut egui::Ui) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label("Compare with… (older revision, .ron):");
        ui.add(
            egui::TextEdit::singleline(path)
                .hint_text("path, or empty for no amendments")
                .desired_width(300.0),
        )
        .labelled_by(label.id);
    });
    ui.label("With an older revision the pack lists the amendments after the revision history, marks changed zones and conduits in the drawing and changed table rows with a bar.");
}

/// The PDF's paper and sections; false when no section is chosen.
fn pdf_options_ui(options: &mut ExportOptions, ui: &mut egui::Ui) -> bool {
    ui.label(
        "Text pages are A4 portrait; the architecture drawing gets a landscape page of its own.",
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Drawing paper:");
        ui.radio_value(&mut options.paper, Paper::A4, "A4 landscape");
        ui.radio_value(&mut options.paper, Paper::A3, "A3 landscape");
    });
    ui.checkbox(
        &mut options.compact,
        "Compact: leave out requirement rows nobody has assessed",
    );
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
    ui.checkbox(
        &mut s.flows,
        "Communication matrix and firewall rule schedules",
    );
    ui.checkbox(&mut s.findings, "Findings register");
    let any = s.title
        || s.drawing
        || s.summary
        || s.risk
        || s.details
        || s.matrix
        || s.components
        || s.flows
        || s.findings;
    if !any {
        ui.label("Choose at least one section.");
    }
    any
}
