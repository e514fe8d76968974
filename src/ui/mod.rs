//! The designer: an eframe app. Views read the project each frame and emit [`Intent`]s; the
//! app applies them in one place ([`DesignerApp::apply_intent`]) as undoable edits.

pub mod apply_matrix;
pub mod canvas;
pub mod dialogs;
pub mod dock;
pub mod export;
pub mod inspector;
pub mod palette;
pub mod recovery;
pub mod register;
pub mod risk;
pub mod risk_matrix;
pub mod sessions;
pub mod theme;
pub mod topology;
pub mod view;
pub mod visible;
pub mod watch;

use crate::analysis::{Assessment, assess};
use crate::catalog::Catalog;
use crate::edit::{Edit, History};
use crate::model::{
    Asset, AssetId, AssetParent, Conduit, ElementRef, Project, Rect, Zone, ZoneId, ZoneKind, layout,
};
use dialogs::{DialogResult, FileDialogs, RecentFiles};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// An open project with its undo history and its current assessment.
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub history: History,
    saved_state: u64,
    pub assessment: Assessment,
    assessed_revision: u64,
    /// Derived drawing data, refreshed with the assessment.
    pub cache: canvas::DrawCache,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>, catalog: &Catalog) -> Self {
        let assessment = assess(&project, catalog);
        let cache = canvas::DrawCache::new(&project, &assessment);
        Document {
            cache,
            project,
            path,
            history: History::default(),
            saved_state: 0,
            assessment,
            assessed_revision: 0,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Marks the document as holding changes that are in no file (restored unsaved work).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Re-runs `assess` when the project changed since the last run.
    fn refresh(&mut self, catalog: &Catalog) {
        if self.assessed_revision != self.history.revision() {
            self.assessment = assess(&self.project, catalog);
            self.cache = canvas::DrawCache::new(&self.project, &self.assessment);
            self.assessed_revision = self.history.revision();
        }
    }

    /// The file name or title, control and bidirectional characters shown as escapes.
    pub fn display_name(&self) -> String {
        let name = match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None if !self.project.meta.title.is_empty() => self.project.meta.title.clone(),
            None => "Untitled".to_owned(),
        };
        crate::model::text::visible(&name).into_owned()
    }
}

/// What the user asked for. Views emit these; [`DesignerApp::apply_intent`] carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Select(Vec<ElementRef>),
    ToggleSelect(ElementRef),
    CreateZone {
        kind: ZoneKind,
        center: (f32, f32),
    },
    CreateAsset {
        zone: ZoneId,
        component: String,
        index: usize,
    },
    CreateConduit {
        from: ZoneId,
        to: ZoneId,
    },
    MoveZones {
        ids: Vec<ZoneId>,
        dx: f32,
        dy: f32,
    },
    ResizeZone {
        id: ZoneId,
        rect: Rect,
    },
    MoveAsset {
        id: AssetId,
        to: AssetParent,
        index: usize,
    },
    DeleteSelection,
    DuplicateSelection,
    /// An edit built by the inspector or the requirement table.
    Edit {
        label: String,
        edit: Box<Edit>,
        merge_key: Option<String>,
    },
    /// The field being edited lost focus: the next edit starts a new undo step.
    SealEdit,
    Undo,
    Redo,
    FocusElement(ElementRef),
    Status(String),
}

/// Bottom dock tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockTab {
    Findings,
    Requirements,
    Topology,
    /// Every threat scenario with its risk.
    Risk,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ExportPdf,
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
    dialogs: Box<dyn FileDialogs>,
    intents: Vec<Intent>,
    title_shown: String,
    quit_confirmed: bool,
    /// The path prompt whose typed path just failed: it reopens with that text when the error
    /// is dismissed.
    prompt_after_error: Option<(PathPurpose, String)>,
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
            status: None,
            recent,
            presentation: false,
            dark: false,
            topology: topology::TopologyView::new(),
            export_options: export::ExportSettings::default(),
            export: None,
            apply_matrix: None,
            autosave: recovery::Autosave::new(None),
            sessions: sessions::Sessions::default(),
            doc_generation: 0,
            pending_open: None,
            dialogs,
            intents: Vec::new(),
            title_shown: String::new(),
            quit_confirmed: false,
            prompt_after_error: None,
        }
    }

    /// Opens a project as the current document (no unsaved-changes check).
    pub fn set_document(&mut self, project: Project, path: Option<PathBuf>) {
        if let Some(p) = &path {
            self.recent.add(p);
        }
        let doc = Document::new(project, path, self.catalog);
        self.install_document(doc);
    }

    /// Makes `doc` the current document (no unsaved-changes check).
    pub fn install_document(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.doc_generation += 1;
        self.document_opened();
        self.topology.request_fit();
        self.selection.clear();
        self.canvas.reset_view();
        self.inspector = inspector::InspectorState::default();
        self.modal = None;
    }

    /// Loads a file (a large one in the background, see [`sessions`]); on error the open
    /// document stays as it was and a dialog says why. A file open in another window is asked
    /// about first.
    pub fn open_path(&mut self, path: &Path) {
        self.open_checked(path);
    }

    pub fn open_sample(&mut self, name: &str) {
        match crate::samples::find(name).map(|s| crate::file::from_str(s.text)) {
            Some(Ok(project)) => {
                self.set_document(project, None);
                self.status = Some(format!(
                    "Opened sample \"{name}\" — Save As to keep your changes"
                ));
            }
            Some(Err(e)) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot open the sample".into(),
                    message: e.to_string(),
                })
            }
            None => {
                self.modal = Some(Modal::Error {
                    title: "No such sample".into(),
                    message: name.to_owned(),
                })
            }
        }
    }

    /// Runs `then` now, or first asks what to do with unsaved changes.
    pub fn guarded(&mut self, then: Pending) {
        if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            self.modal = Some(Modal::ConfirmDiscard { then });
        } else {
            self.run_pending(then);
        }
    }

    fn run_pending(&mut self, then: Pending) {
        match then {
            Pending::New => {
                let mut p = Project::default();
                p.meta.title = "New plant".to_owned();
                p.meta.revision = "A".to_owned();
                self.set_document(p, None);
            }
            Pending::Open => self.open_dialog(),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenSample(name) => self.open_sample(name),
            Pending::Close => {
                self.doc = None;
                self.document_closed();
                self.selection.clear();
                // drops the closed plant's retained drawing too
                self.canvas = canvas::CanvasState::default();
            }
            Pending::Quit => self.quit_confirmed = true,
            Pending::InstallLoaded => self.install_arrived(),
        }
    }

    fn open_dialog(&mut self) {
        match self.dialogs.open() {
            DialogResult::Picked(p) => self.open_path(&p),
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => {
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::Open,
                    text: String::new(),
                })
            }
        }
    }

    /// Saves to the document's path, or asks for one.
    pub fn save(&mut self) -> bool {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(path) => self.save_to(&path),
            None => {
                self.save_as();
                false
            }
        }
    }

    pub fn save_as(&mut self) {
        let Some(doc) = &self.doc else { return };
        let suggested = match &doc.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!("{}.ron", sanitize_file_name(&doc.project.meta.title)),
        };
        match self.dialogs.save(&suggested) {
            DialogResult::Picked(p) => {
                self.save_to(&p);
            }
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => {
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::SaveAs,
                    text: suggested,
                })
            }
        }
    }

    pub fn save_to(&mut self, path: &Path) -> bool {
        if self.save_blocked(path) {
            return false;
        }
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match crate::file::save(&doc.project, path) {
            Ok(()) => {
                doc.path = Some(path.to_owned());
                doc.saved_state = doc.history.state();
                self.recent.add(path);
                self.status = Some(format!("Saved {}", path.display()));
                self.discard_recovery();
                self.saved(path);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot save".to_owned(),
                    message: e.to_string(),
                });
                false
            }
        }
    }

    /// Queues an intent to be applied at the end of the frame.
    pub fn emit(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// Applies every queued intent.
    pub fn apply_intents(&mut self) {
        let intents = std::mem::take(&mut self.intents);
        for intent in intents {
            self.apply_intent(intent);
        }
        if let Some(doc) = &mut self.doc {
            doc.refresh(self.catalog);
            // drop selected elements that no longer exist (after undo or delete)
            let p = &doc.project;
            self.selection.retain(|e| match *e {
                ElementRef::Zone(id) => p.zone(id).is_some(),
                ElementRef::Conduit(id) => p.conduit(id).is_some(),
                ElementRef::Asset(id) => p.asset(id).is_some(),
                ElementRef::Project => false,
            });
        }
    }

    fn edit(&mut self, label: String, edit: Edit) {
        self.edit_merging(label, edit, None);
    }

    fn edit_merging(&mut self, label: String, edit: Edit, key: Option<String>) {
        let Some(doc) = &mut self.doc else { return };
        if let Err(e) = doc
            .history
            .apply_merging(&mut doc.project, label, edit, key)
        {
            self.status = Some(format!("Not changed: {e}"));
        }
    }

    /// The one place where user intents change the document.
    pub fn apply_intent(&mut self, intent: Intent) {
        match intent {
            Intent::Select(items) => {
                self.selection = items.into_iter().collect();
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Intent::ToggleSelect(item) => {
                if !self.selection.remove(&item) {
                    self.selection.insert(item);
                }
            }
            Intent::Status(s) => self.status = Some(s),
            Intent::FocusElement(e) => {
                self.selection = [e].into_iter().collect();
                if let Some(doc) = &self.doc
                    && let Some(r) = element_rect(&doc.project, e)
                {
                    self.canvas.center_on(r);
                }
            }
            Intent::Undo => {
                if let Some(doc) = &mut self.doc {
                    let label = doc.history.undo_label().map(str::to_owned);
                    match doc.history.undo(&mut doc.project) {
                        Ok(true) => self.status = label.map(|l| format!("Undid: {l}")),
                        Ok(false) => {}
                        Err(e) => self.status = Some(format!("Cannot undo: {e}")),
                    }
                }
            }
            Intent::Redo => {
                if let Some(doc) = &mut self.doc {
                    let label = doc.history.redo_label().map(str::to_owned);
                    match doc.history.redo(&mut doc.project) {
                        Ok(true) => self.status = label.map(|l| format!("Redid: {l}")),
                        Ok(false) => {}
                        Err(e) => self.status = Some(format!("Cannot redo: {e}")),
                    }
                }
            }
            Intent::SealEdit => {
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Intent::Edit {
                label,
                edit,
                merge_key,
            } => self.edit_merging(label, *edit, merge_key),
            Intent::CreateZone { kind, center } => {
                let Some(doc) = &self.doc else { return };
                let p = &doc.project;
                let id = p.next_zone_id();
                let name = unique_name(kind.label(), p.zones.iter().map(|z| z.name.as_str()));
                let (w, h) = layout::zone_size_for(4, 2);
                let rect = Rect::new(
                    (center.0 - w / 2.0).round(),
                    (center.1 - h / 2.0).round(),
                    w,
                    h,
                );
                let zone = Zone::new(id, name.clone(), kind, rect);
                let index = p.zones.len();
                self.edit(format!("Add zone {name}"), Edit::AddZone { index, zone });
                self.selection = [ElementRef::Zone(id)].into_iter().collect();
            }
            Intent::CreateAsset {
                zone,
                component,
                index,
            } => {
                let Some(doc) = &self.doc else { return };
                let p = &doc.project;
                let id = p.next_asset_id();
                let base = self
                    .catalog
                    .component(&component)
                    .map_or("Asset", |c| c.name.as_str());
                let name = unique_name(base, p.all_assets().map(|(a, _)| a.name.as_str()));
                let asset = Asset::new(id, name.clone(), component);
                let grow = p.zone(zone).map(|z| (z.rect, z.assets.len() + 1));
                self.edit(
                    format!("Add asset {name}"),
                    Edit::AddAsset {
                        parent: AssetParent::Zone(zone),
                        index,
                        asset,
                    },
                );
                self.grow_zone_to_fit(zone, grow);
                self.selection = [ElementRef::Asset(id)].into_iter().collect();
            }
            Intent::CreateConduit { from, to } => {
                let Some(doc) = &self.doc else { return };
                let p = &doc.project;
                if from == to {
                    self.status = Some("A conduit joins two different zones.".into());
                    return;
                }
                let id = p.next_conduit_id();
                let name = format!(
                    "{} – {}",
                    p.element_name(ElementRef::Zone(from)),
                    p.element_name(ElementRef::Zone(to))
                );
                let name = unique_name(&name, p.conduits.iter().map(|c| c.name.as_str()));
                let conduit = Conduit::new(id, name.clone(), from, to);
                let index = p.conduits.len();
                self.edit(
                    format!("Add conduit {name}"),
                    Edit::AddConduit { index, conduit },
                );
                self.selection = [ElementRef::Conduit(id)].into_iter().collect();
            }
            Intent::MoveZones { ids, dx, dy } => {
                let Some(doc) = &self.doc else { return };
                let edits: Vec<Edit> = ids
                    .iter()
                    .filter_map(|id| doc.project.zone(*id))
                    .map(|z| {
                        let mut z = z.clone();
                        z.rect.x = (z.rect.x + dx).round();
                        z.rect.y = (z.rect.y + dy).round();
                        Edit::ReplaceZone(z)
                    })
                    .collect();
                let label = match ids.as_slice() {
                    [one] => format!(
                        "Move zone {}",
                        doc.project.element_name(ElementRef::Zone(*one))
                    ),
                    _ => format!("Move {}", crate::count_of(ids.len(), "zone", "zones")),
                };
                if !edits.is_empty() {
                    self.edit(label, Edit::Batch(edits));
                }
            }
            Intent::ResizeZone { id, rect } => {
                let Some(doc) = &self.doc else { return };
                if let Some(z) = doc.project.zone(id) {
                    let mut z = z.clone();
                    z.rect = rect;
                    let label = format!("Resize zone {}", z.name);
                    self.edit(label, Edit::ReplaceZone(z));
                }
            }
            Intent::MoveAsset { id, to, index } => {
                let Some(doc) = &self.doc else { return };
                let name = doc.project.element_name(ElementRef::Asset(id));
                let target = match to {
                    AssetParent::Zone(z) => doc.project.element_name(ElementRef::Zone(z)),
                    AssetParent::Conduit(c) => doc.project.element_name(ElementRef::Conduit(c)),
                };
                let grow = match to {
                    AssetParent::Zone(z) => {
                        doc.project.zone(z).map(|z| (z.rect, z.assets.len() + 1))
                    }
                    AssetParent::Conduit(_) => None,
                };
                let same_parent = doc.project.asset(id).map(|(_, p)| p) == Some(to);
                self.edit(
                    format!("Move asset {name} to {target}"),
                    Edit::MoveAsset { id, to, index },
                );
                if let (AssetParent::Zone(z), false) = (to, same_parent) {
                    self.grow_zone_to_fit(z, grow);
                }
            }
            Intent::DeleteSelection => self.delete_selection(),
            Intent::DuplicateSelection => self.duplicate_selection(),
        }
    }

    /// After an asset was added, grows the zone (as part of the same undo step) when its chips
    /// no longer fit.
    fn grow_zone_to_fit(&mut self, zone: ZoneId, before: Option<(Rect, usize)>) {
        let Some((rect, count)) = before else { return };
        if layout::asset_chips(&rect, count).hidden == 0 {
            return;
        }
        let Some(doc) = &mut self.doc else { return };
        let Some(z) = doc.project.zone(zone) else {
            return;
        };
        let columns = layout::asset_chips(&rect, count).columns;
        let (_, h) = layout::zone_size_for(count, columns);
        let mut z = z.clone();
        z.rect.h = z.rect.h.max(h);
        let label = doc.history.undo_label().unwrap_or("Grow zone").to_owned();
        if doc
            .history
            .apply(&mut doc.project, label, Edit::ReplaceZone(z))
            .is_ok()
        {
            // one undo step: the add or move together with the growth it caused
            doc.history.fold_last_two();
        }
    }

    fn delete_selection(&mut self) {
        let Some(doc) = &self.doc else { return };
        let p = &doc.project;
        let mut edits = Vec::new();
        let zones: Vec<ZoneId> = self
            .selection
            .iter()
            .filter_map(|e| {
                if let ElementRef::Zone(z) = e {
                    Some(*z)
                } else {
                    None
                }
            })
            .collect();
        // conduits first (those attached to deleted zones go with the zone), then assets, then zones
        for e in &self.selection {
            if let ElementRef::Conduit(id) = e
                && let Some(c) = p.conduit(*id)
                && !zones.contains(&c.from)
                && !zones.contains(&c.to)
            {
                edits.push(Edit::RemoveConduit { id: *id });
            }
        }
        for e in &self.selection {
            if let ElementRef::Asset(id) = e
                && let Some((_, parent)) = p.asset(*id)
            {
                let in_deleted_zone = matches!(parent, AssetParent::Zone(z) if zones.contains(&z));
                let on_deleted_conduit = matches!(parent, AssetParent::Conduit(c) if self.selection.contains(&ElementRef::Conduit(c)));
                if !in_deleted_zone && !on_deleted_conduit {
                    edits.push(Edit::RemoveAsset { id: *id });
                }
            }
        }
        for z in &zones {
            edits.push(Edit::RemoveZone { id: *z });
        }
        if edits.is_empty() {
            return;
        }
        let label = match self.selection.iter().next() {
            Some(e) if self.selection.len() == 1 => {
                let kind = match e {
                    ElementRef::Zone(_) => "zone",
                    ElementRef::Conduit(_) => "conduit",
                    ElementRef::Asset(_) => "asset",
                    ElementRef::Project => "",
                };
                format!("Delete {kind} {}", p.element_name(*e))
            }
            _ => format!(
                "Delete {}",
                crate::count_of(self.selection.len(), "item", "items")
            ),
        };
        self.edit(label, Edit::Batch(edits));
        self.selection.clear();
    }

    fn duplicate_selection(&mut self) {
        let Some(doc) = &self.doc else { return };
        let p = &doc.project;
        let mut next_zone = p.next_zone_id().0;
        let mut next_asset = p.next_asset_id().0;
        let mut edits = Vec::new();
        let mut new_selection = Vec::new();
        let mut names: Vec<String> = p.zones.iter().map(|z| z.name.clone()).collect();
        let mut asset_names: Vec<String> = p.all_assets().map(|(a, _)| a.name.clone()).collect();
        for e in &self.selection {
            match *e {
                ElementRef::Zone(id) => {
                    let Some(z) = p.zone(id) else { continue };
                    let mut copy = z.clone();
                    copy.id = ZoneId(next_zone);
                    next_zone += 1;
                    copy.name = unique_name(&z.name, names.iter().map(String::as_str));
                    names.push(copy.name.clone());
                    copy.rect.x += 40.0;
                    copy.rect.y += 40.0;
                    for a in &mut copy.assets {
                        a.id = AssetId(next_asset);
                        next_asset += 1;
                    }
                    new_selection.push(ElementRef::Zone(copy.id));
                    edits.push(Edit::AddZone {
                        index: usize::MAX,
                        zone: copy,
                    });
                }
                ElementRef::Asset(id) => {
                    let Some((a, parent)) = p.asset(id) else {
                        continue;
                    };
                    if let AssetParent::Zone(z) = parent
                        && self.selection.contains(&ElementRef::Zone(z))
                    {
                        continue;
                    }
                    let mut copy = a.clone();
                    copy.id = AssetId(next_asset);
                    next_asset += 1;
                    copy.name = unique_name(&a.name, asset_names.iter().map(String::as_str));
                    asset_names.push(copy.name.clone());
                    new_selection.push(ElementRef::Asset(copy.id));
                    edits.push(Edit::AddAsset {
                        parent,
                        index: usize::MAX,
                        asset: copy,
                    });
                }
                _ => {}
            }
        }
        if edits.is_empty() {
            self.status = Some("Select zones or assets to duplicate.".into());
            return;
        }
        self.edit(
            format!(
                "Duplicate {}",
                crate::count_of(edits.len(), "item", "items")
            ),
            Edit::Batch(edits),
        );
        self.selection = new_selection.into_iter().collect();
    }

    /// Moves the selected zones by a few units (arrow keys): one undo step per key press.
    fn nudge(&mut self, dx: f32, dy: f32) {
        let ids: Vec<ZoneId> = self
            .selection
            .iter()
            .filter_map(|e| {
                if let ElementRef::Zone(z) = e {
                    Some(*z)
                } else {
                    None
                }
            })
            .collect();
        if !ids.is_empty() {
            self.apply_intent(Intent::MoveZones { ids, dx, dy });
        }
    }

    /// Presentation mode: side panels hidden, labels enlarged, the plant fitted to the window.
    pub fn toggle_presentation(&mut self) {
        self.presentation = !self.presentation;
        self.canvas.request_fit();
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(d) => format!(
                "{}{}{} — zonewright",
                if d.is_dirty() { "● " } else { "" },
                d.display_name(),
                self.title_note()
            ),
            None => "zonewright".to_owned(),
        };
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let text_focused = ctx.memory(|m| m.focused().is_some());
        let sc = |m, k| KeyboardShortcut::new(m, k);
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let pressed = |s: KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(&s));
        if pressed(sc(cmd, Key::N)) {
            self.guarded(Pending::New);
        }
        if pressed(sc(cmd, Key::O)) {
            self.guarded(Pending::Open);
        }
        if pressed(sc(cmd_shift, Key::S)) {
            self.save_as();
        }
        if pressed(sc(cmd, Key::S)) {
            self.save();
        }
        if pressed(sc(cmd, Key::E)) && self.modal.is_none() {
            self.ask_export();
        }
        if self.doc.is_none() || self.modal.is_some() {
            return;
        }
        if !text_focused {
            if pressed(sc(cmd_shift, Key::Z)) || pressed(sc(cmd, Key::Y)) {
                self.emit(Intent::Redo);
            }
            if pressed(sc(cmd, Key::Z)) {
                self.emit(Intent::Undo);
            }
            if pressed(sc(cmd, Key::D)) {
                self.emit(Intent::DuplicateSelection);
            }
            if pressed(sc(Modifiers::NONE, Key::Delete))
                || pressed(sc(Modifiers::NONE, Key::Backspace))
            {
                self.emit(Intent::DeleteSelection);
            }
            let step = if ctx.input(|i| i.modifiers.shift) {
                1.0
            } else {
                10.0
            };
            for (key, dx, dy) in [
                (Key::ArrowLeft, -step, 0.0),
                (Key::ArrowRight, step, 0.0),
                (Key::ArrowUp, 0.0, -step),
                (Key::ArrowDown, 0.0, step),
            ] {
                if ctx.input_mut(|i| {
                    i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key)
                }) {
                    self.nudge(dx, dy);
                }
            }
            if pressed(sc(cmd, Key::Num0)) {
                self.canvas.request_fit();
            }
            if pressed(sc(cmd, Key::Plus)) || pressed(sc(cmd, Key::Equals)) {
                self.canvas.zoom_by(1.25);
            }
            if pressed(sc(cmd, Key::Minus)) {
                self.canvas.zoom_by(0.8);
            }
            if pressed(sc(Modifiers::NONE, Key::F5)) {
                self.toggle_presentation();
            }
            if pressed(sc(Modifiers::NONE, Key::Escape))
                && !self.canvas.cancel_gesture()
                && !self.palette.cancel_tool()
            {
                self.selection.clear();
            }
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New").shortcut_text("Ctrl+N"))
                    .clicked()
                {
                    self.guarded(Pending::New);
                }
                if ui
                    .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.guarded(Pending::Open);
                }
                if ui.button("Open by path…").clicked() {
                    self.modal = Some(Modal::PathPrompt {
                        purpose: PathPurpose::Open,
                        text: String::new(),
                    });
                }
                ui.menu_button("Open sample", |ui| {
                    for s in crate::samples::SAMPLES {
                        if ui.button(s.title).clicked() {
                            self.guarded(Pending::OpenSample(s.name));
                        }
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
                let has_doc = self.doc.is_some();
                if ui
                    .add_enabled(has_doc, egui::Button::new("Save").shortcut_text("Ctrl+S"))
                    .clicked()
                {
                    self.save();
                }
                if ui
                    .add_enabled(
                        has_doc,
                        egui::Button::new("Save As…").shortcut_text("Ctrl+Shift+S"),
                    )
                    .clicked()
                {
                    self.save_as();
                }
                if ui
                    .add_enabled(has_doc, egui::Button::new("Save As by path…"))
                    .clicked()
                {
                    let text = self
                        .doc
                        .as_ref()
                        .and_then(|d| d.path.as_ref())
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    self.modal = Some(Modal::PathPrompt {
                        purpose: PathPurpose::SaveAs,
                        text,
                    });
                }
                ui.separator();
                let exporting = self.export.is_some();
                if ui
                    .add_enabled(
                        has_doc && !exporting,
                        egui::Button::new("Export…").shortcut_text("Ctrl+E"),
                    )
                    .clicked()
                {
                    self.ask_export();
                }
                if ui
                    .add_enabled(has_doc, egui::Button::new("Apply compliance matrix…"))
                    .clicked()
                {
                    self.ask_apply_matrix();
                }
                ui.separator();
                if ui
                    .add_enabled(has_doc, egui::Button::new("Close"))
                    .clicked()
                {
                    self.guarded(Pending::Close);
                }
                if ui.button("Quit").clicked() {
                    self.guarded(Pending::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = match &self.doc {
                    Some(d) => (
                        d.history.undo_label().map(str::to_owned),
                        d.history.redo_label().map(str::to_owned),
                    ),
                    None => (None, None),
                };
                let undo_text = undo
                    .as_ref()
                    .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
                if ui
                    .add_enabled(
                        undo.is_some(),
                        egui::Button::new(undo_text).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    self.emit(Intent::Undo);
                }
                let redo_text = redo
                    .as_ref()
                    .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
                if ui
                    .add_enabled(
                        redo.is_some(),
                        egui::Button::new(redo_text).shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    self.emit(Intent::Redo);
                }
                ui.separator();
                let any = !self.selection.is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Duplicate").shortcut_text("Ctrl+D"))
                    .clicked()
                {
                    self.emit(Intent::DuplicateSelection);
                }
                if ui
                    .add_enabled(any, egui::Button::new("Delete").shortcut_text("Del"))
                    .clicked()
                {
                    self.emit(Intent::DeleteSelection);
                }
                if ui
                    .add_enabled(self.doc.is_some(), egui::Button::new("Select all zones"))
                    .clicked()
                    && let Some(d) = &self.doc
                {
                    let all = d
                        .project
                        .zones
                        .iter()
                        .map(|z| ElementRef::Zone(z.id))
                        .collect();
                    self.emit(Intent::Select(all));
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text("Ctrl+0"))
                    .clicked()
                {
                    self.canvas.request_fit();
                }
                if ui
                    .add(egui::Button::new("Zoom in").shortcut_text("Ctrl++"))
                    .clicked()
                {
                    self.canvas.zoom_by(1.25);
                }
                if ui
                    .add(egui::Button::new("Zoom out").shortcut_text("Ctrl+-"))
                    .clicked()
                {
                    self.canvas.zoom_by(0.8);
                }
                if ui
                    .add(
                        egui::Button::selectable(self.presentation, "Presentation mode")
                            .shortcut_text("F5"),
                    )
                    .clicked()
                {
                    self.toggle_presentation();
                }
                let mut dark = self.dark;
                if ui.checkbox(&mut dark, "Dark theme").clicked() {
                    self.dark = dark;
                    ui.ctx().set_theme(if self.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
                ui.separator();
                for (tab, name) in [
                    (DockTab::Findings, "Findings"),
                    (DockTab::Requirements, "Requirements"),
                    (DockTab::Topology, "Topology"),
                    (DockTab::Risk, "Risk register"),
                ] {
                    if ui
                        .add(egui::Button::selectable(self.dock_tab == tab, name))
                        .clicked()
                    {
                        self.dock_tab = tab;
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About zonewright").clicked() {
                    self.modal = Some(Modal::About);
                }
            });
        });
    }

    fn status_line_ui(&mut self, ui: &mut egui::Ui) {
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

    fn modal_ui(&mut self, ctx: &egui::Context) {
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
                        PathPurpose::ExportPdf => "Export PDF",
                    });
                    ui.label(match purpose {
                        PathPurpose::ExportPdf => "Type the path of the PDF file to write:",
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
                    let mut options = self.export_options;
                    let answer = export::export_options_ui(&mut options, ui);
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
            && matches!(self.modal, Some(Modal::PathPrompt { .. }))
        {
            self.modal = Some(n);
        }
    }

    fn start_page_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new("zonewright").size(34.0).strong());
            ui.label("IEC 62443 zone-and-conduit design");
            ui.add_space(24.0);
            ui.horizontal(|ui| {
                ui.add_space((ui.available_width() - 330.0).max(0.0) / 2.0);
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new("New project").size(18.0),
                    ))
                    .clicked()
                {
                    self.guarded(Pending::New);
                }
                if ui
                    .add(egui::Button::new(egui::RichText::new("Open…").size(18.0)))
                    .clicked()
                {
                    self.guarded(Pending::Open);
                }
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new("Open by path…").size(18.0),
                    ))
                    .clicked()
                {
                    self.modal = Some(Modal::PathPrompt {
                        purpose: PathPurpose::Open,
                        text: String::new(),
                    });
                }
            });
            ui.add_space(28.0);
            ui.label(egui::RichText::new("Samples").strong().size(18.0));
            for s in crate::samples::SAMPLES {
                if ui.link(s.title).clicked() {
                    self.guarded(Pending::OpenSample(s.name));
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

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.guarded(Pending::OpenPath(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quit_confirmed
            && self.doc.as_ref().is_some_and(|d| d.is_dirty())
        {
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::ConfirmDiscard {
                    then: Pending::Quit,
                });
            }
        }
        if self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// One frame of the whole designer.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.shortcuts(&ctx);
        self.apply_intents();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_line_ui(ui));
        if self.doc.is_none() {
            egui::CentralPanel::default().show(ui, |ui| self.start_page_ui(ui));
        } else {
            if !self.presentation {
                egui::Panel::left("palette")
                    .resizable(true)
                    .default_size(210.0)
                    .show(ui, |ui| {
                        palette::palette_ui(self, ui);
                    });
                egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| {
                        inspector::inspector_ui(self, ui);
                    });
                egui::Panel::bottom("dock")
                    .resizable(true)
                    .default_size(230.0)
                    .show(ui, |ui| {
                        dock::dock_ui(self, ui);
                    });
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    canvas::canvas_ui(self, ui);
                });
        }
        apply_matrix::apply_matrix_ui(self, &ctx);
        self.modal_ui(&ctx);
        self.apply_intents();
        self.update_title(&ctx);
        self.poll_export(&ctx);
        self.sessions_tick(&ctx);
        self.autosave_tick(&ctx);
        self.canvas.end_frame(&ctx);
    }
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // releases the document's lock even where the app is never dropped
        self.document_closed();
    }
}

/// The topology tab: zones and conduits as a graph (egui_graphs), untrusted paths to safety
/// zones highlighted; clicking a zone selects it and centres it on the canvas.
pub fn topology_tab_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let Some(doc) = app.doc.as_ref() else { return };
    let revision = (app.doc_generation << 40) | doc.history.revision();
    app.topology.sync(&doc.project, &doc.assessment, revision);
    let selected = match app.selection.iter().next() {
        Some(ElementRef::Zone(z)) if app.selection.len() == 1 => Some(*z),
        _ => None,
    };
    if let Some(zone) = app.topology.show_ui(ui, selected) {
        app.emit(Intent::FocusElement(ElementRef::Zone(zone)));
    }
}

/// `base`, or `base 2`, `base 3` … whichever is not taken.
pub fn unique_name<'a>(base: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = taken.collect();
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

fn sanitize_file_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "plant".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The scene rectangle of a zone, asset or conduit (for centring the view on it).
pub fn element_rect(p: &Project, e: ElementRef) -> Option<Rect> {
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

/// Starts the designer window, optionally with a file.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1500.0, 920.0])
            .with_title("zonewright"),
        ..Default::default()
    };
    eframe::run_native(
        "zonewright",
        options,
        Box::new(move |cc| {
            let mut app = DesignerApp::new(
                &cc.egui_ctx,
                Box::new(dialogs::NativeDialogs),
                RecentFiles::load_default(),
            );
            let store = crate::file::recovery::RecoveryStore::default_location();
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
