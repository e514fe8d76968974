//! File actions: new, open, save, save as, close and quit (with the unsaved-changes guard),
//! dropped files, the window's close button and title.

use super::dialogs::{DialogResult, FileDialogs};
use super::{DesignerApp, DockTab, Document, Modal, PathPurpose, Pending, canvas, inspector};
use crate::model::Project;
use std::path::{Path, PathBuf};

impl DesignerApp {
    /// Opens a project as the current document (no unsaved-changes check).
    pub fn set_document(&mut self, project: Project, path: Option<PathBuf>) {
        if let Some(p) = &path {
            self.recent.add(p);
        }
        let doc = Document::new(project, path, self.catalog);
        self.install_document(doc);
    }

    /// Makes `doc` the current document (no unsaved-changes check).
    pub(crate) fn install_document(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.doc_generation += 1;
        self.document_opened();
        self.topology.request_fit();
        self.select([]);
        self.canvas.reset_view();
        self.inspector = inspector::InspectorState::default();
        self.modal = None;
        self.conflicts = super::revisions::ConflictsState::default();
        // a file a merge left conflicts in opens on them
        if self
            .doc
            .as_ref()
            .is_some_and(|d| !d.project.conflicts.is_empty())
        {
            self.dock_tab = DockTab::Conflicts;
        }
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

    pub(super) fn run_pending(&mut self, then: Pending) {
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
                self.select([]);
                // drops the closed plant's retained drawing too
                self.canvas = canvas::CanvasState::default();
            }
            Pending::Quit => self.quit_confirmed = true,
            Pending::InstallLoaded => self.install_arrived(),
            Pending::OpenTemplate(name) => self.open_template(name),
        }
    }

    /// Asks the file dialogs (starting in the last folder used) and remembers the folder of the
    /// file picked.
    pub(super) fn ask_dialog(
        &mut self,
        ask: impl FnOnce(&mut dyn FileDialogs) -> DialogResult,
    ) -> DialogResult {
        self.dialogs.start_in(self.last_folder.as_deref());
        let answer = ask(self.dialogs.as_mut());
        if let DialogResult::Picked(p) = &answer
            && let Some(dir) = p.parent()
            && !dir.as_os_str().is_empty()
        {
            self.last_folder = Some(dir.to_owned());
        }
        answer
    }

    fn open_dialog(&mut self) {
        match self.ask_dialog(|d| d.open()) {
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
        match self.ask_dialog(|d| d.save(&suggested)) {
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

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
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

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
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
}

pub(super) fn sanitize_file_name(s: &str) -> String {
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
