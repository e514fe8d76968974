//! File → Import assets…: the inventory import dialog. Picks a file (dialog or typed path) and
//! a sheet, reads it on a background thread with a row count as progress, shows the preview
//! (rejected rows first), the column mapping with each column's first values, and the zone
//! rules and their tables; Import pushes the preview's one edit (one undo step), Cancel
//! changes nothing. The import itself is `crate::import`.

use super::dialogs::DialogResult;
use super::{DesignerApp, Intent};
use crate::import::{self, ImportError, Preview, Table};
use crate::model::network::{
    Cidr, ColumnChoice, ImportField, ImportSettings, LevelZone, PurdueLevel, SubnetZone, VlanZone,
    ZoneRule,
};
use crate::model::text::visible;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Rejected rows, changed and missing assets listed in the dialog; the rest are counted.
const MAX_SHOWN: usize = 200;

/// Sample values shown beside each column of the mapping.
const SAMPLES_PER_COLUMN: usize = 3;

/// A table read, with its columns' sample values (found on the reading thread too).
type Read = Result<(Table, Vec<Vec<String>>), ImportError>;

/// A file being read on a background thread.
struct Reading {
    rows: Arc<AtomicUsize>,
    result: mpsc::Receiver<Read>,
}

/// The dialog's state: closed, or open with its file, settings and preview.
#[derive(Default)]
pub struct ImportDialog {
    open: bool,
    /// The path field takes the keyboard focus on the first frame after opening.
    focus_path: bool,
    path: String,
    sheet: String,
    settings: ImportSettings,
    /// The three rule tables as typed, one entry a line.
    subnets_text: String,
    vlans_text: String,
    levels_text: String,
    tables_error: Option<String>,
    reading: Option<Reading>,
    table: Option<Arc<Table>>,
    /// The first non-empty values of each column of `table`, one line each.
    samples: Vec<Vec<String>>,
    preview: Option<Result<Preview, String>>,
}

impl ImportDialog {
    /// Opens the dialog with the project's import settings.
    pub fn open(&mut self, settings: &ImportSettings) {
        *self = ImportDialog {
            open: true,
            focus_path: true,
            settings: settings.clone(),
            subnets_text: settings
                .subnets
                .iter()
                .map(|s| format!("{} = {}\n", s.subnet, s.zone))
                .collect(),
            vlans_text: settings
                .vlans
                .iter()
                .map(|s| format!("{} = {}\n", s.vlan, s.zone))
                .collect(),
            levels_text: settings
                .levels
                .iter()
                .map(|s| format!("{} = {}\n", level_code(s.level), s.zone))
                .collect(),
            ..ImportDialog::default()
        };
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// A file is being read in the background.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// The preview shown, if the file was read and planned.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref().and_then(|p| p.as_ref().ok())
    }

    fn start_reading(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let sheet = Some(self.sheet.trim().to_owned()).filter(|s| !s.is_empty());
        let rows = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let counter = Arc::clone(&rows);
        std::thread::spawn(move || {
            // a panic in the reader becomes the dialog's message; the window stays
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                import::read_path_counting(&path, sheet.as_deref(), &counter).map(|t| {
                    let samples = t.samples(SAMPLES_PER_COLUMN);
                    (t, samples)
                })
            }))
            .unwrap_or_else(|payload| {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "an internal error".to_owned());
                Err(import::ImportError::file(
                    &path.display().to_string(),
                    format!("the file could not be read ({why})"),
                ))
            });
            let _ = tx.send(r);
        });
        self.reading = Some(Reading { rows, result: rx });
        self.table = None;
        self.samples.clear();
        self.preview = None;
    }

    fn replan(&mut self, project: &crate::model::Project) {
        if let Some(t) = &self.table {
            self.preview =
                Some(import::plan(project, t, &self.settings).map_err(|e| e.to_string()));
        }
    }
}

fn level_code(l: PurdueLevel) -> &'static str {
    match l {
        PurdueLevel::Level0 => "0",
        PurdueLevel::Level1 => "1",
        PurdueLevel::Level2 => "2",
        PurdueLevel::Level3 => "3",
        PurdueLevel::Dmz => "3.5",
        PurdueLevel::Level4 => "4",
        PurdueLevel::Level5 => "5",
    }
}

/// "key = zone" lines; `Err` names the first bad line.
fn parse_table<T>(
    text: &str,
    what: &str,
    entry: impl Fn(&str, String) -> Option<T>,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = line.split_once('=').and_then(|(k, z)| {
            entry(k.trim(), z.trim().to_owned()).filter(|_| !z.trim().is_empty())
        });
        match parsed {
            Some(e) => out.push(e),
            None => {
                return Err(format!(
                    "{what}, line {}: write \"{what} = zone name\"",
                    n + 1
                ));
            }
        }
        if out.len() > crate::file::limits::MAX_IMPORT_TABLE {
            return Err(format!("{what}: too many lines"));
        }
    }
    Ok(out)
}

/// The subnet, VLAN and level tables as typed.
type Tables = (Vec<SubnetZone>, Vec<VlanZone>, Vec<LevelZone>);

fn parse_tables(d: &ImportDialog) -> Result<Tables, String> {
    let mut subnets = parse_table(&d.subnets_text, "subnet", |k, zone| {
        Cidr::parse(k).map(|subnet| SubnetZone { subnet, zone })
    })?;
    subnets.sort_by_key(|z| std::cmp::Reverse(z.subnet.prefix));
    let vlans = parse_table(&d.vlans_text, "VLAN", |k, zone| {
        k.parse::<u16>()
            .ok()
            .filter(|v| crate::model::VLAN_IDS.contains(v))
            .map(|vlan| VlanZone { vlan, zone })
    })?;
    let levels = parse_table(&d.levels_text, "level", |k, zone| {
        PurdueLevel::parse(k).map(|level| LevelZone { level, zone })
    })?;
    Ok((subnets, vlans, levels))
}

/// The file row: path, Browse…, sheet, Read.
/// The file row and the sheet row; returns whether Browse… was clicked (the app asks its file
/// dialog, which starts in and remembers the last folder).
fn file_ui(d: &mut ImportDialog, ui: &mut egui::Ui) -> bool {
    let mut browse = false;
    ui.horizontal(|ui| {
        ui.label("File");
        let enter = super::dialogs::path_field_ui(
            ui,
            &mut d.path,
            &mut d.focus_path,
            "path of a .csv or .xlsx inventory",
        );
        // Enter in the path field reads the file, as "Read file" does
        if enter && !d.path.trim().is_empty() && d.reading.is_none() {
            d.start_reading();
        }
        browse = ui.button("Browse…").clicked();
    });
    ui.horizontal(|ui| {
        ui.label("Sheet");
        let sheets = d
            .table
            .as_ref()
            .map(|t| t.sheets.clone())
            .unwrap_or_default();
        if sheets.is_empty() {
            ui.add(
                egui::TextEdit::singleline(&mut d.sheet)
                    .desired_width(160.0)
                    .hint_text("first sheet"),
            );
        } else {
            let before = d.sheet.clone();
            let shown = d
                .table
                .as_ref()
                .and_then(|t| t.sheet.clone())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("import-sheet")
                .selected_text(if d.sheet.is_empty() {
                    shown
                } else {
                    d.sheet.clone()
                })
                .show_ui(ui, |ui| {
                    for s in &sheets {
                        ui.selectable_value(&mut d.sheet, s.clone(), s);
                    }
                });
            if d.sheet != before {
                d.start_reading();
            }
        }
        let can_read = !d.path.trim().is_empty() && d.reading.is_none();
        if ui
            .add_enabled(can_read, egui::Button::new("Read file"))
            .clicked()
        {
            d.start_reading();
        }
    });
    browse
}

/// Width of the sample values beside a column's field; longer samples are cut with "…" and
/// shown whole on hover.
const SAMPLES_WIDTH: f32 = 300.0;

/// Column → field choices, each column with its first sample values; returns whether one
/// changed.
fn mapping_ui(d: &mut ImportDialog, ui: &mut egui::Ui, mapping: &[(String, ImportField)]) -> bool {
    let mut changed = false;
    egui::ScrollArea::vertical()
        .id_salt("import-mapping")
        .max_height(160.0)
        .show(ui, |ui| {
            egui::Grid::new("import-mapping-grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("Column of the file").weak());
                    ui.label(egui::RichText::new("Imported as").weak());
                    ui.label(egui::RichText::new("First values").weak());
                    ui.end_row();
                    for (i, (header, field)) in mapping.iter().enumerate() {
                        ui.label(visible(header));
                        let mut f = *field;
                        egui::ComboBox::from_id_salt(("import-col", i))
                            .selected_text(f.label())
                            .show_ui(ui, |ui| {
                                for option in ImportField::ALL {
                                    ui.selectable_value(&mut f, option, option.label());
                                }
                            });
                        if f != *field {
                            let n = import::mapping::normalise(header);
                            d.settings
                                .columns
                                .retain(|c| import::mapping::normalise(&c.header) != n);
                            d.settings.columns.push(ColumnChoice {
                                header: header.clone(),
                                field: f,
                            });
                            changed = true;
                        }
                        let samples = d.samples.get(i).map_or(&[][..], Vec::as_slice);
                        let text = if samples.is_empty() {
                            "(empty)".to_owned()
                        } else {
                            samples
                                .iter()
                                .map(|v| visible(v))
                                .collect::<Vec<_>>()
                                .join("  ·  ")
                        };
                        ui.scope(|ui| {
                            ui.set_max_width(SAMPLES_WIDTH);
                            ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
                        });
                        ui.end_row();
                    }
                });
        });
    changed
}

/// The rules in order (on/off, up/down) and the three tables; returns whether one changed.
fn rules_ui(d: &mut ImportDialog, ui: &mut egui::Ui) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new("Zone rules, tried in this order").strong());
    let mut order: Vec<(ZoneRule, bool)> = d.settings.rules.iter().map(|r| (*r, true)).collect();
    for r in ZoneRule::ALL {
        if !d.settings.rules.contains(&r) {
            order.push((r, false));
        }
    }
    let mut swap = None;
    for (i, (rule, on)) in order.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            if ui.checkbox(on, rule.label()).changed() {
                changed = true;
            }
            if ui
                .add_enabled(i > 0, egui::Button::new("↑").small())
                .clicked()
            {
                swap = Some(i);
            }
        });
    }
    if let Some(i) = swap {
        order.swap(i - 1, i);
        changed = true;
    }
    if changed {
        d.settings.rules = order
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(r, _)| r)
            .collect();
    }
    ui.label("Otherwise: the zone \"Unassigned (imported)\".");
    let mut tables = false;
    ui.columns(3, |c| {
        c[0].label("Subnet = zone");
        tables |= c[0]
            .add(
                egui::TextEdit::multiline(&mut d.subnets_text)
                    .desired_rows(3)
                    .hint_text("10.1.20.0/24 = Cell 1"),
            )
            .changed();
        c[1].label("VLAN = zone");
        tables |= c[1]
            .add(
                egui::TextEdit::multiline(&mut d.vlans_text)
                    .desired_rows(3)
                    .hint_text("20 = Cell 1"),
            )
            .changed();
        c[2].label("Purdue level = zone");
        tables |= c[2]
            .add(
                egui::TextEdit::multiline(&mut d.levels_text)
                    .desired_rows(3)
                    .hint_text("1 = Control"),
            )
            .changed();
    });
    if tables {
        match parse_tables(d) {
            Ok((s, v, l)) => {
                d.settings.subnets = s;
                d.settings.vlans = v;
                d.settings.levels = l;
                d.tables_error = None;
                changed = true;
            }
            Err(e) => d.tables_error = Some(e),
        }
    }
    if let Some(e) = &d.tables_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    changed
}

/// The summary, then the rejected rows first (what needs the user's attention), then new
/// zones, unmapped types, changed and missing assets.
fn preview_ui(ui: &mut egui::Ui, p: &Preview) {
    ui.label(egui::RichText::new(p.summary()).strong());
    egui::ScrollArea::vertical()
        .id_salt("import-preview")
        .max_height(180.0)
        .show(ui, |ui| {
            for r in p.rejected.iter().take(MAX_SHOWN) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Rejected row {}: {}", r.row, visible(&r.reason)),
                );
            }
            let hidden = p.rejected.len().saturating_sub(MAX_SHOWN);
            if hidden > 0 {
                ui.label(format!(
                    "and {} more rejected rows",
                    import::thousands(hidden)
                ));
            }
            if !p.new_zones.is_empty() {
                ui.label(format!("New zones: {}", visible(&p.new_zones.join(", "))));
            }
            for (value, n) in &p.unmapped_types {
                ui.label(format!(
                    "Unmapped type \"{}\": {} → Unclassified device",
                    visible(value),
                    crate::count_of(*n, "asset", "assets")
                ));
            }
            for c in p.changed.iter().take(MAX_SHOWN) {
                ui.label(format!(
                    "Row {}: {} — {}",
                    c.row,
                    visible(&c.name),
                    c.fields.join(", ")
                ));
            }
            for (_, name) in p.missing.iter().take(MAX_SHOWN) {
                ui.label(format!("Not in the file (kept): {}", visible(name)));
            }
        });
}

/// Draws the dialog when it is open and handles its buttons.
pub(crate) fn import_dialog_ui(app: &mut DesignerApp, ctx: &egui::Context) {
    if !app.import.open {
        return;
    }
    let Some(doc) = app.doc.as_ref() else {
        app.import.open = false;
        return;
    };
    let project = &doc.project;
    let d = &mut app.import;
    // a finished read: keep the table and plan it
    if let Some(r) = &d.reading {
        match r.result.try_recv() {
            Ok(Ok((t, samples))) => {
                d.reading = None;
                d.table = Some(Arc::new(t));
                d.samples = samples;
                d.replan(project);
            }
            Ok(Err(e)) => {
                d.reading = None;
                d.preview = Some(Err(e.to_string()));
            }
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                d.reading = None;
                d.preview = Some(Err("reading the file stopped unexpectedly".into()));
            }
        }
    }
    let mut import_now = false;
    let mut cancel = false;
    let mut replan = false;
    let mut browse = false;
    let screen = ctx.content_rect();
    egui::Window::new("Import assets")
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(screen.center_top() + egui::vec2(0.0, 48.0))
        .max_height(screen.height() - 96.0)
        // over the panels too: the whole window, not only the canvas, is its room
        .constrain_to(screen)
        .collapsible(false)
        // wider by hand, but as high as its content: the middle part scrolls, the buttons show
        .resizable([true, false])
        .default_width(640.0)
        .show(ctx, |ui| {
            browse = file_ui(d, ui);
            if let Some(r) = &d.reading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Reading… {} rows",
                        import::thousands(r.rows.load(Ordering::Relaxed))
                    ));
                });
            }
            // the preview, the file's columns and the rules scroll; Import and Cancel stay below
            egui::ScrollArea::vertical()
                // a window sizes itself to last frame's content: without a minimum the scroll
                // area would never grow past the height the empty dialog had
                .min_scrolled_height((screen.height() - 300.0).max(200.0))
                .max_height((screen.height() - 300.0).max(200.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    // what the import would do comes first, its rejected rows at the top:
                    // the file's columns and the rules below are what changes it
                    if let Some(t) = &d.table {
                        ui.label(format!(
                            "{}: {} rows, {}{}",
                            visible(&t.source),
                            import::thousands(t.rows.len()),
                            t.encoding,
                            t.delimiter
                                .map(|b| format!(", delimiter {}", delimiter_name(b)))
                                .unwrap_or_default()
                        ));
                    }
                    match &d.preview {
                        Some(Ok(p)) => preview_ui(ui, p),
                        Some(Err(e)) => {
                            ui.colored_label(ui.visuals().error_fg_color, e);
                        }
                        None => {}
                    }
                    if let Some(t) = &d.table {
                        let t = Arc::clone(t);
                        ui.separator();
                        ui.label(egui::RichText::new("Columns").strong());
                        let mapping: Vec<(String, ImportField)> = {
                            let fields = import::mapping::map_columns(&t.headers, &d.settings);
                            t.headers.iter().cloned().zip(fields).collect()
                        };
                        replan |= mapping_ui(d, ui, &mapping);
                        ui.separator();
                        replan |= rules_ui(d, ui);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let ready = d.preview().is_some_and(Preview::changes_anything);
                if ui.add_enabled(ready, egui::Button::new("Import")).clicked() {
                    import_now = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    if replan {
        d.replan(project);
    }
    if browse {
        match app.ask_dialog(|dialogs| dialogs.open_inventory()) {
            DialogResult::Picked(p) => {
                app.import.path = p.display().to_string();
                app.import.sheet.clear();
                app.import.start_reading();
            }
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => {
                app.status =
                    Some("No file dialog here: type the inventory's path and press Enter".into());
            }
        }
        return;
    }
    if import_now {
        if let Some(Ok(p)) = d.preview.take() {
            let status = format!("{}: {}", p.source, p.summary());
            // new zones land below the drawing: show the whole plant, as Zoom to fit would
            if !p.new_zones.is_empty() {
                app.canvas.request_fit();
            }
            app.intents.push(Intent::Act(p.action()));
            app.intents.push(Intent::Status(status));
        }
        app.import = ImportDialog::default();
    } else if cancel {
        app.import = ImportDialog::default();
    }
}

/// A delimiter byte as a word.
fn delimiter_name(b: u8) -> String {
    match b {
        b'\t' => "tab".to_owned(),
        b',' => "comma".to_owned(),
        b';' => "semicolon".to_owned(),
        b'|' => "pipe".to_owned(),
        _ => (b as char).to_string(),
    }
}
