//! Observed traffic in the designer: File → Import traffic… (a Zeek conn.log, flows CSV, pcap
//! or pcapng read on a background thread, then a preview of what it shows against the design
//! and the proposed conduits and flows to tick; Import keeps the summary and applies the
//! ticked proposals as one undo step), and the Observed traffic dock tab (every observed flow
//! with its status, filtered by finding; a click selects its conduit or zones). The reading is
//! `crate::import::traffic`, the judging `crate::analysis::traffic`, the planning
//! `crate::command::traffic`.

use super::dialogs::DialogResult;
use super::view::{Intents, View};
use super::{DesignerApp, Intent};
use crate::analysis::FindingCode;
use crate::analysis::traffic::{TrafficRow, TrafficStatus};
use crate::command::traffic::{Proposal, TrafficAction, proposals};
use crate::import::traffic::{TrafficError, read_paths};
use crate::model::text::visible;
use crate::model::traffic::ObservedTraffic;
use crate::model::{ElementRef, Project};
use std::path::PathBuf;
use std::sync::mpsc;

/// What the preview shows of the traffic read.
pub struct TrafficPreview {
    pub traffic: ObservedTraffic,
    /// (status, observed flows with it), in a fixed order; only those that occur.
    pub counts: Vec<(&'static str, usize)>,
    /// (finding code, how many) the traffic would raise.
    pub findings: Vec<(&'static str, usize)>,
    /// The proposals, each with whether it is ticked.
    pub proposals: Vec<(Proposal, bool)>,
}

fn preview_of(project: &Project, traffic: ObservedTraffic) -> TrafficPreview {
    let mut with = project.clone();
    with.traffic = Some(traffic);
    let a = crate::analysis::assess(&with, crate::catalog::Catalog::embedded());
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for r in &a.traffic.rows {
        let l = r.status.label();
        match counts.iter_mut().find(|(k, _)| *k == l) {
            Some(c) => c.1 += 1,
            None => counts.push((l, 1)),
        }
    }
    let mut findings: Vec<(&'static str, usize)> = Vec::new();
    for f in a.findings.iter().filter(|f| is_traffic_code(f.code)) {
        match findings.iter_mut().find(|(k, _)| *k == f.code.code()) {
            Some(c) => c.1 += 1,
            None => findings.push((f.code.code(), 1)),
        }
    }
    let proposals = proposals(&with, &a.traffic)
        .into_iter()
        .map(|p| (p, true))
        .collect();
    let traffic = with.traffic.take().unwrap_or_default();
    TrafficPreview {
        traffic,
        counts,
        findings,
        proposals,
    }
}

fn is_traffic_code(c: FindingCode) -> bool {
    matches!(
        c,
        FindingCode::TrafficNoConduit
            | FindingCode::TrafficUndeclared
            | FindingCode::TrafficAgainstOneWay
            | FindingCode::TrafficUnknownHost
            | FindingCode::FlowUnobserved
    )
}

/// File → Import traffic…: closed, or open with its path, the read under way and the preview.
#[derive(Default)]
pub struct TrafficDialog {
    open: bool,
    focus_path: bool,
    pub path: String,
    reading: Option<mpsc::Receiver<Result<ObservedTraffic, TrafficError>>>,
    preview: Option<Result<TrafficPreview, String>>,
}

impl TrafficDialog {
    pub fn open(&mut self) {
        *self = TrafficDialog {
            open: true,
            focus_path: true,
            ..TrafficDialog::default()
        };
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    pub fn preview(&self) -> Option<&TrafficPreview> {
        self.preview.as_ref().and_then(|p| p.as_ref().ok())
    }

    /// Ticks or unticks proposal `i` of the preview.
    pub fn tick(&mut self, i: usize, ticked: bool) {
        if let Some(Ok(p)) = &mut self.preview
            && let Some(slot) = p.proposals.get_mut(i)
        {
            slot.1 = ticked;
        }
    }

    fn start_reading(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r =
                std::panic::catch_unwind(|| read_paths(&[path.as_path()])).unwrap_or_else(|_| {
                    Err(TrafficError::file(
                        &path.display().to_string(),
                        "the file could not be read (an internal error)",
                    ))
                });
            let _ = tx.send(r);
        });
        self.reading = Some(rx);
        self.preview = None;
    }
}

fn preview_ui(ui: &mut egui::Ui, p: &mut TrafficPreview) {
    let t = &p.traffic;
    ui.label(format!(
        "{}: {}, {}, {}",
        visible(&t.sources_text()),
        crate::count_of(t.records as usize, "record", "records"),
        crate::count_of(t.flows.len(), "observed flow", "observed flows"),
        crate::count_of(t.connections() as usize, "connection", "connections"),
    ));
    let period = t.period_text();
    if !period.is_empty() {
        ui.label(format!("Period: {period}"));
    }
    for n in &t.notes {
        ui.colored_label(ui.visuals().warn_fg_color, visible(n));
    }
    let counts: Vec<String> = p.counts.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    if !counts.is_empty() {
        ui.label(format!("Observed flows — {}", counts.join(" · ")));
    }
    if !p.findings.is_empty() {
        let f: Vec<String> = p
            .findings
            .iter()
            .map(|(c, n)| format!("{c} × {n}"))
            .collect();
        ui.label(format!("Findings: {}", f.join(", ")));
    }
    ui.separator();
    if p.proposals.is_empty() {
        ui.label("No conduits or flows to propose: every zone pair that talks has its conduit and flows.");
        return;
    }
    ui.label(egui::RichText::new("Proposed conduits and flows (tick what to add)").strong());
    for (pr, ticked) in &mut p.proposals {
        let flows = crate::count_of(pr.flows.len(), "flow", "flows");
        ui.checkbox(ticked, format!("{} ({flows})", visible(&pr.summary)));
    }
}

/// Draws the dialog when it is open and handles its buttons.
pub fn traffic_dialog_ui(app: &mut DesignerApp, ctx: &egui::Context) {
    if !app.traffic.open {
        return;
    }
    let Some(doc) = app.doc.as_ref() else {
        app.traffic.open = false;
        return;
    };
    let d = &mut app.traffic;
    if let Some(rx) = &d.reading {
        match rx.try_recv() {
            Ok(Ok(t)) => {
                d.reading = None;
                d.preview = Some(Ok(preview_of(&doc.project, t)));
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
    let (mut import_now, mut cancel, mut browse) = (false, false, false);
    let screen = ctx.content_rect();
    egui::Window::new("Import traffic")
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(screen.center_top() + egui::vec2(0.0, 48.0))
        .max_height(screen.height() - 96.0)
        .constrain_to(screen)
        .collapsible(false)
        .resizable([true, false])
        .default_width(600.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("File");
                let enter = super::dialogs::path_field_ui(
                    ui,
                    &mut d.path,
                    &mut d.focus_path,
                    "conn.log, flows .csv, .pcap or .pcapng",
                );
                browse = ui.button("Browse…").clicked();
                let can_read = !d.path.trim().is_empty() && d.reading.is_none();
                let read = ui
                    .add_enabled(can_read, egui::Button::new("Read file"))
                    .clicked();
                if can_read && (read || enter) {
                    d.start_reading();
                }
            });
            if d.reading.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading…");
                });
            }
            egui::ScrollArea::vertical()
                .max_height((screen.height() - 260.0).max(160.0))
                .auto_shrink([false, true])
                .show(ui, |ui| match &mut d.preview {
                    Some(Ok(p)) => preview_ui(ui, p),
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, visible(e));
                    }
                    None => {}
                });
            ui.separator();
            ui.horizontal(|ui| {
                let ready = d.preview().is_some();
                let ticked = d
                    .preview()
                    .map_or(0, |p| p.proposals.iter().filter(|(_, t)| *t).count());
                let text = if ticked > 0 {
                    format!(
                        "Import and add {}",
                        crate::count_of(ticked, "proposal", "proposals")
                    )
                } else {
                    "Import".to_owned()
                };
                import_now = ui.add_enabled(ready, egui::Button::new(text)).clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
    if browse {
        match app.ask_dialog(|dialogs| dialogs.open_traffic()) {
            DialogResult::Picked(p) => {
                app.traffic.path = p.display().to_string();
                app.traffic.start_reading();
            }
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => {
                app.status = Some(
                    "No file dialog here: type the traffic file's path and press Enter".into(),
                );
            }
        }
        return;
    }
    if import_now {
        if let Some(Ok(p)) = app.traffic.preview.take() {
            let ticked: Vec<Proposal> = p
                .proposals
                .into_iter()
                .filter_map(|(pr, t)| t.then_some(pr))
                .collect();
            let status = format!(
                "Traffic imported: {} observed flows from {}",
                p.traffic.flows.len(),
                p.traffic.sources_text()
            );
            app.intents
                .push(Intent::Act(crate::command::Action::Traffic(
                    TrafficAction::Import {
                        traffic: Box::new(p.traffic),
                        proposals: ticked,
                    },
                )));
            app.intents.push(Intent::Status(status));
            app.dock_tab = super::DockTab::Traffic;
        }
        app.traffic = TrafficDialog::default();
    } else if cancel {
        app.traffic = TrafficDialog::default();
    }
}

/// Which observed flows the tab lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrafficFilter {
    #[default]
    All,
    /// Those that raise this finding.
    Finding(FindingCode),
    /// Those with an end that is no asset.
    UnknownHost,
    /// Those a declared flow covers.
    Declared,
}

impl TrafficFilter {
    const ALL: [TrafficFilter; 6] = [
        TrafficFilter::All,
        TrafficFilter::Finding(FindingCode::TrafficNoConduit),
        TrafficFilter::Finding(FindingCode::TrafficAgainstOneWay),
        TrafficFilter::Finding(FindingCode::TrafficUndeclared),
        TrafficFilter::UnknownHost,
        TrafficFilter::Declared,
    ];

    fn label(self) -> &'static str {
        match self {
            TrafficFilter::All => "All observed flows",
            TrafficFilter::Finding(c) => c.code(),
            TrafficFilter::UnknownHost => "TRAFFIC-UNKNOWN-HOST",
            TrafficFilter::Declared => "Declared",
        }
    }

    fn keeps(self, r: &TrafficRow) -> bool {
        match self {
            TrafficFilter::All => true,
            TrafficFilter::Finding(c) => r.status.finding() == Some(c),
            TrafficFilter::UnknownHost => r.source.unknown() || r.destination.unknown(),
            TrafficFilter::Declared => matches!(r.status, TrafficStatus::Declared(..)),
        }
    }
}

/// What a click on a row selects: its conduit, else the zones of both ends, else its assets.
fn selection_of(r: &TrafficRow) -> Vec<ElementRef> {
    match r.status {
        TrafficStatus::Declared(c, _)
        | TrafficStatus::Undeclared(c)
        | TrafficStatus::AgainstOneWay(c) => vec![ElementRef::Conduit(c)],
        TrafficStatus::NoConduit => [r.source.zone, r.destination.zone]
            .into_iter()
            .flatten()
            .map(ElementRef::Zone)
            .collect(),
        TrafficStatus::WithinZone | TrafficStatus::Unmapped => {
            [r.source.asset, r.destination.asset]
                .into_iter()
                .flatten()
                .map(ElementRef::Asset)
                .collect()
        }
    }
}

fn bytes_text(b: u64) -> String {
    match b {
        0..1_000 => format!("{b} B"),
        1_000..1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        _ => format!("{:.1} GB", b as f64 / 1e9),
    }
}

/// The Observed traffic tab.
pub fn traffic_tab_ui(
    view: View,
    filter: &mut TrafficFilter,
    out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let doc = view.doc;
    let Some(t) = &doc.project.traffic else {
        ui.label("No observed traffic: File → Import traffic… reads a Zeek conn.log, a flows CSV or a pcap/pcapng capture.");
        return;
    };
    let rows = &doc.assessment.traffic.rows;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} — {}",
            visible(&t.sources_text()),
            crate::count_of(rows.len(), "observed flow", "observed flows")
        ));
        let period = t.period_text();
        if !period.is_empty() {
            ui.label(egui::RichText::new(period).weak());
        }
        egui::ComboBox::from_id_salt("traffic-filter")
            .selected_text(filter.label())
            .show_ui(ui, |ui| {
                for f in TrafficFilter::ALL {
                    ui.selectable_value(filter, f, f.label());
                }
            });
        if ui
            .button("Remove traffic")
            .on_hover_text("Remove the observed traffic from the project (and its findings)")
            .clicked()
        {
            out.push(Intent::Act(crate::command::Action::Traffic(
                TrafficAction::Forget,
            )));
        }
    });
    let shown: Vec<&TrafficRow> = rows.iter().filter(|r| filter.keeps(r)).collect();
    let row_height = ui.spacing().interact_size.y;
    let widths = [120.0, 210.0, 210.0, 170.0, 90.0];
    let headers = [
        "Status",
        "Source",
        "Destination",
        "Service",
        "Connections",
        "Bytes",
    ];
    let row_ui = |ui: &mut egui::Ui, cells: &mut dyn FnMut(&mut egui::Ui, usize)| {
        ui.horizontal(|ui| {
            for (i, w) in widths.iter().enumerate() {
                ui.allocate_ui_with_layout(
                    egui::vec2(*w, row_height),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_min_size(egui::vec2(*w, row_height));
                        ui.set_max_width(*w);
                        cells(ui, i);
                    },
                );
            }
            cells(ui, widths.len());
        });
    };
    row_ui(ui, &mut |ui, i| {
        ui.label(egui::RichText::new(headers[i]).strong());
    });
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for r in shown.get(range).unwrap_or_default() {
                let status = r.status.label();
                let colour = match r.status.finding() {
                    Some(c) => super::theme::finding_color(c.severity()),
                    None => ui.visuals().text_color(),
                };
                row_ui(ui, &mut |ui, i| {
                    let text = match i {
                        0 => status.to_owned(),
                        1 => visible(&r.source.label).into_owned(),
                        2 => visible(&r.destination.label).into_owned(),
                        3 => r.service.clone(),
                        4 => r.connections.to_string(),
                        _ => bytes_text(r.bytes),
                    };
                    let label = egui::Label::new(if i == 0 {
                        egui::RichText::new(text).color(colour)
                    } else {
                        egui::RichText::new(text)
                    })
                    .truncate()
                    .sense(egui::Sense::click());
                    if ui.add(label).clicked() {
                        clicked = Some(selection_of(r));
                    }
                });
            }
        });
    if let Some(sel) = clicked
        && !sel.is_empty()
    {
        out.push(Intent::Select(sel));
    }
}
