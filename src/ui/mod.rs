//! The designer: an eframe app and its state. Views read the project each frame and emit
//! [`Intent`]s; the app plans and applies them in one place ([`apply`]) as undoable edits. This
//! file owns the app's state, the intents, and the layout of one frame.

mod apply;
pub mod apply_matrix;
mod arrange;
pub(crate) mod asset_network;
pub mod canvas;
mod clipboard;
pub mod command_palette;
pub mod commands;
pub mod context_menu;
pub(crate) mod crosswalk;
pub mod dialogs;
pub mod dock;
mod document;
pub mod export;
mod file_actions;
pub mod find;
pub mod help;
pub mod import;
pub mod inspector;
mod menus;
mod modals;
pub mod palette;
pub mod prefs;
pub mod recovery;
pub mod register;
pub mod rename;
pub mod requirements;
pub mod revisions;
pub mod risk;
pub(crate) mod risk_matrix;
pub(crate) mod risk_record;
pub mod sessions;
mod start_page;
pub mod templates;
pub mod theme;
pub mod topology;
pub mod traffic;
pub mod view;
pub mod visible;
pub(crate) mod watch;

use crate::catalog::Catalog;

use crate::model::{AssetParent, ElementRef, Project, Rect};
use dialogs::{FileDialogs, RecentFiles};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub use document::Document;
use file_actions::sanitize_file_name;

/// What the user asked for. Views emit these; [`DesignerApp::apply_intent`] carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A change to the document (create, move, delete, paste, rename, a form's value, …):
    /// planned by [`crate::command::plan`] into one undo step. The one vocabulary of changes.
    Act(crate::command::Action),
    Select(Vec<ElementRef>),
    ToggleSelect(ElementRef),
    /// Selects every zone and conduit.
    SelectAll,
    /// The field being edited lost focus: the next edit starts a new undo step.
    SealEdit,
    Undo,
    Redo,
    FocusElement(ElementRef),
    Status(String),
    /// Opens the inline rename field on an element (double-click on the canvas).
    BeginRename(ElementRef),
}

impl From<crate::command::Action> for Intent {
    fn from(action: crate::command::Action) -> Self {
        Intent::Act(action)
    }
}

/// Bottom dock tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DockTab {
    Findings,
    Requirements,
    Topology,
    /// Every threat scenario with its risk.
    Risk,
    /// The changes since the revision compared with (File → Compare with…); shown while one is.
    Changes,
    /// The conflicts a merge left; shown while there are any.
    Conflicts,
    /// The observed traffic against the design.
    Traffic,
}

impl DockTab {
    pub const ALL: [DockTab; 5] = [
        DockTab::Findings,
        DockTab::Requirements,
        DockTab::Topology,
        DockTab::Risk,
        DockTab::Traffic,
    ];

    /// The name in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            DockTab::Findings => "Findings",
            DockTab::Requirements => "Requirements",
            DockTab::Topology => "Topology",
            DockTab::Risk => "Risk register",
            DockTab::Changes => "Changes",
            DockTab::Conflicts => "Conflicts",
            DockTab::Traffic => "Observed traffic",
        }
    }
}

/// A question or message shown over the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Error {
        title: String,
        message: String,
    },
    /// Unsaved changes: save, discard or cancel before `then`.
    ConfirmDiscard {
        then: Pending,
    },
    /// No native dialog appeared: type a path.
    PathPrompt {
        purpose: PathPurpose,
        text: String,
    },
    About,
    /// Help → Keyboard shortcuts / Documentation: the page shown.
    Help(help::HelpPage),
    /// File → Export PDF…: paper and sections.
    Export,
    /// Unsaved work was found at start: the list of recoveries, restore or discard each.
    Recover,
    /// Another window has the file, it changed on disk: see [`sessions`].
    Session(sessions::SessionModal),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    OpenSample(&'static str),
    Close,
    Quit,
    /// The document loaded in the background replaces the open one.
    InstallLoaded,
    /// A new project from an embedded template, by name.
    OpenTemplate(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ExportPdf,
    /// File → Compare with…: the older revision.
    Compare,
}

/// The designer application.
pub struct DesignerApp {
    pub catalog: &'static Catalog,
    pub doc: Option<Document>,
    pub selection: BTreeSet<ElementRef>,
    pub canvas: canvas::CanvasState,
    pub dock_tab: DockTab,
    pub dock: dock::DockState,
    pub inspector: inspector::InspectorState,
    pub palette: palette::PaletteState,
    pub modal: Option<Modal>,
    /// The command palette (Ctrl+Shift+P).
    pub command_palette: command_palette::CommandPaletteState,
    pub status: Option<String>,
    pub recent: RecentFiles,
    pub presentation: bool,
    pub dark: bool,
    /// The topology tab's graph and layout.
    pub topology: topology::TopologyView,
    /// Paper and sections of the last PDF export (offered again).
    pub export_options: export::ExportSettings,
    /// A PDF export running in the background.
    pub export: Option<export::ExportJob>,
    /// File → Import assets…: the inventory import dialog.
    pub import: import::ImportDialog,
    /// File → Import traffic…: the observed-traffic import dialog.
    pub traffic: traffic::TrafficDialog,
    /// File → Apply compliance matrix…, while open.
    pub apply_matrix: Option<apply_matrix::ApplyMatrixDialog>,
    /// Recovery file and panic snapshot of unsaved work.
    pub autosave: recovery::Autosave,
    /// Locks, changes on disk and background loading.
    pub sessions: sessions::Sessions,
    /// Counts documents opened, so that revisions of different documents never compare equal.
    doc_generation: u64,
    /// A file named on the command line, opened once the recovery offer is answered.
    pub pending_open: Option<PathBuf>,
    /// Sizes of the palette, the inspector and the dock (kept in the preferences).
    pub panels: prefs::PanelSizes,
    /// The folder of the file last picked in a file dialog; the next dialog starts there.
    pub last_folder: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
    intents: Vec<Intent>,
    title_shown: String,
    quit_confirmed: bool,
    /// The path prompt whose typed path just failed: it reopens with that text when the error
    /// is dismissed.
    prompt_after_error: Option<(PathPurpose, String)>,
    /// The inline rename field (F2, double-click).
    pub rename: rename::RenameState,
    /// The Find window (Ctrl+F).
    pub find: find::FindState,
    /// File → Compare with…: the older revision and the changes since.
    pub comparison: Option<revisions::Comparison>,
    /// The Conflicts tab's edit field.
    pub conflicts: revisions::ConflictsState,
}

impl DesignerApp {
    /// A designer with these dialogs and recent-files store (tests pass fakes).
    pub fn new(ctx: &egui::Context, dialogs: Box<dyn FileDialogs>, recent: RecentFiles) -> Self {
        theme::install_fonts(ctx);
        ctx.set_theme(egui::Theme::Light);
        DesignerApp {
            catalog: Catalog::embedded(),
            doc: None,
            selection: BTreeSet::new(),
            canvas: canvas::CanvasState::default(),
            dock_tab: DockTab::Findings,
            dock: dock::DockState::default(),
            inspector: inspector::InspectorState::default(),
            palette: palette::PaletteState::default(),
            modal: None,
            command_palette: command_palette::CommandPaletteState::default(),
            status: None,
            recent,
            presentation: false,
            dark: false,
            topology: topology::TopologyView::new(),
            export_options: export::ExportSettings::default(),
            export: None,
            import: import::ImportDialog::default(),
            traffic: traffic::TrafficDialog::default(),
            apply_matrix: None,
            autosave: recovery::Autosave::new(None),
            sessions: sessions::Sessions::default(),
            doc_generation: 0,
            pending_open: None,
            panels: prefs::PanelSizes::default(),
            last_folder: None,
            dialogs,
            intents: Vec::new(),
            title_shown: String::new(),
            quit_confirmed: false,
            prompt_after_error: None,
            rename: rename::RenameState::default(),
            find: find::FindState::default(),
            comparison: None,
            conflicts: revisions::ConflictsState::default(),
        }
    }

    /// One frame of the whole designer.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.show_theme(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.handle_field_escape(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_clipboard_events(&ctx);
        self.apply_intents();
        self.refresh_comparison();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_line_ui(ui));
        if self.doc.is_none() {
            egui::CentralPanel::default().show(ui, |ui| self.start_page_ui(ui));
        } else {
            if !self.presentation {
                // below 1,280 points the palette becomes a strip of icons and the inspector
                // takes at most 30 %: the canvas keeps at least 60 % of the width
                let width = ctx.content_rect().width();
                let compact = width < COMPACT_BELOW;
                let palette = if compact {
                    egui::Panel::left("palette strip")
                        .resizable(false)
                        .exact_size(PALETTE_STRIP_WIDTH)
                        .show(ui, |ui| {
                            within_panel_ui(ui, |ui| palette::palette_strip_ui(self, ui));
                        })
                } else {
                    egui::Panel::left("palette")
                        .resizable(true)
                        .default_size(self.panels.palette_width)
                        .show(ui, |ui| {
                            within_panel_ui(ui, |ui| palette::palette_ui(self, ui));
                        })
                };
                let inspector_max = if compact { width * 0.3 } else { f32::INFINITY };
                let inspector = egui::Panel::right(if compact {
                    "inspector compact"
                } else {
                    "inspector"
                })
                .resizable(true)
                .default_size(self.panels.inspector_width.min(inspector_max))
                .max_size(inspector_max)
                .show(ui, |ui| {
                    within_panel_ui(ui, |ui| {
                        let Some(view) = view::view_of!(self) else {
                            return;
                        };
                        inspector::inspector_ui(view, &mut self.inspector, &mut self.intents, ui);
                    });
                });
                let dock = egui::Panel::bottom("dock")
                    .resizable(true)
                    .default_size(self.panels.dock_height)
                    .show(ui, |ui| {
                        within_panel_ui(ui, |ui| dock::dock_ui(self, ui));
                    });
                // the sizes the user gave the full panels are kept while they are compact
                if !compact {
                    self.panels.palette_width = palette.response.rect.width();
                    self.panels.inspector_width = inspector.response.rect.width();
                }
                self.panels.dock_height = dock.response.rect.height();
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    canvas::canvas_in_app_ui(self, ui);
                });
        }
        apply_matrix::apply_matrix_ui(self, &ctx);
        self.modal_ui(&ctx);
        self.command_palette_ui(&ctx);
        self.rename_ui(&ctx);
        self.find_ui(&ctx);
        import::import_dialog_ui(self, &ctx);
        traffic::traffic_dialog_ui(self, &ctx);
        self.apply_intents();
        self.update_title(&ctx);
        self.poll_export(&ctx);
        self.sessions_tick(&ctx);
        self.autosave_tick(&ctx);
        self.canvas.end_frame(&ctx);
    }
}

/// Windows narrower than this (points) show the palette as an icon strip.
pub const COMPACT_BELOW: f32 = 1_280.0;
/// The width of the palette's icon strip, in points.
const PALETTE_STRIP_WIDTH: f32 = 56.0;

/// Shows `add_contents` in the panel's present size: content larger than the panel is clipped
/// (the panels' own scroll areas show it) and never grows the panel, so a panel keeps the size
/// the user dragged it to whatever is selected.
fn within_panel_ui(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    add_contents(&mut child);
    ui.allocate_rect(rect, egui::Sense::hover());
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs().save(storage);
    }

    /// Preferences are kept in [`prefs::Prefs`]; egui's own memory (open menus, focus, scroll
    /// offsets) is transient.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        if let Some(gl) = gl {
            self.canvas.release_gpu(gl);
        }
        // releases the document's lock even where the app is never dropped
        self.document_closed();
    }
}

/// The scene rectangle of a zone, asset or conduit (for centring the view on it).
pub(crate) fn element_rect(p: &Project, e: ElementRef) -> Option<Rect> {
    match e {
        ElementRef::Zone(id) => p.zone(id).map(|z| z.rect),
        ElementRef::Conduit(id) => {
            let c = p.conduit(id)?;
            let a = p.zone(c.from)?.rect;
            let b = p.zone(c.to)?.rect;
            Some(a.union(&b))
        }
        ElementRef::Asset(id) => match p.asset(id)?.1 {
            AssetParent::Zone(z) => p.zone(z).map(|z| z.rect),
            AssetParent::Conduit(c) => element_rect(p, ElementRef::Conduit(c)),
        },
        ElementRef::Project => p.bounds(),
    }
}

/// Where an element is drawn, to bring it into view: an asset's chip (in its zone expanded to
/// every chip when the zone shows groups: see [`zone_to_expand`]), else as [`element_rect`].
pub fn focus_rect(p: &Project, e: ElementRef) -> Option<Rect> {
    use crate::model::layout;
    if let ElementRef::Asset(id) = e
        && let (_, AssetParent::Zone(zid)) = p.asset(id)?
        && let Some(z) = p.zone(zid)
        && let Some(i) = z.assets.iter().position(|a| a.id == id)
    {
        let rect = layout::grown_to_hold(z.rect, z.assets.len());
        let chips = layout::asset_chips(&rect, z.assets.len());
        return Some(chips.slots.get(i).copied().unwrap_or(z.rect));
    }
    element_rect(p, e)
}

/// The zone to show expanded so that the asset `e` has a chip: its zone, when that is too small
/// for all its chips (sized for its groups).
pub(crate) fn zone_to_expand(p: &Project, e: ElementRef) -> Option<crate::model::ZoneId> {
    let ElementRef::Asset(id) = e else {
        return None;
    };
    let (_, AssetParent::Zone(zid)) = p.asset(id)? else {
        return None;
    };
    let z = p.zone(zid)?;
    (crate::model::layout::capacity(&z.rect) < z.assets.len()).then_some(zid)
}

/// Starts the designer window, optionally with a file.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1500.0, 920.0])
        .with_title("zonewright");
    // the title bar and task bar icon (the Windows exe also embeds it, see build.rs)
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/zonewright.png"))
    {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "zonewright",
        options,
        Box::new(move |cc| {
            let mut app = DesignerApp::with_prefs(
                &cc.egui_ctx,
                Box::new(dialogs::NativeDialogs::default()),
                cc.storage,
                RecentFiles::legacy_store().as_deref(),
            );
            if cc.gl.is_some() {
                app.canvas.draw_on_gpu();
            }
            let store = crate::file::recovery::RecoveryStore::default_location();
            if store.is_none() {
                // the status line says it too (set_recovery); this is for the log
                eprintln!("warning: {}", recovery::NO_STATE_FOLDER);
            }
            if let Some(store) = &store {
                crate::file::recovery::install_panic_hook(
                    store.clone(),
                    app.autosave.snapshot.clone(),
                );
            }
            app.set_recovery(store);
            if let Some(f) = file {
                if app.modal.is_some() {
                    // the recovery offer comes first; the file is opened after it
                    app.pending_open = Some(f);
                } else {
                    app.open_path(&f);
                }
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
