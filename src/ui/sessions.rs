//! Two windows and files changed on disk: the document's lock and key, read-only opening, the
//! check before saving over a changed file, the reload offer, and loading in the background.

use super::{DesignerApp, Document, Modal, Pending};
use crate::file::disk::{self, DiskCheck, DiskStamp};
use crate::file::lock::{self, HeldLock, LockInfo, Owner};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often an open document's file is looked at (its metadata only, unless it changed).
pub const DISK_POLL_INTERVAL: Duration = Duration::from_secs(3);
/// Files at least this large are loaded on a background thread; smaller ones at once.
pub const BACKGROUND_LOAD_BYTES: u64 = 1024 * 1024;

/// How a document was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenMode {
    #[default]
    Normal,
    /// Open in another window: no save, no autosave, no lock.
    ReadOnly,
    /// Open in another window, opened anyway: a lock and recovery of its own.
    Anyway,
}

/// The questions this module asks.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionModal {
    /// The file is open in another running instance.
    Locked { path: PathBuf, holders: String },
    /// Saving over a file that changed on disk since it was loaded or saved.
    SaveConflict { path: PathBuf },
    /// The clean document's file changed on disk.
    ReloadOffer { path: PathBuf },
}

type LoadOutcome = Result<(Box<Document>, Option<DiskStamp>), crate::file::FileError>;

/// A project being loaded on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    pub bytes: u64,
    started: Instant,
    mode: OpenMode,
    /// (document generation, revision) of the open document when the load started.
    open_then: Option<(u64, u64)>,
    rx: mpsc::Receiver<LoadOutcome>,
}

/// The designer's per-window state for locks, disk changes and loading.
pub struct Sessions {
    /// This window's identity in lock files.
    pub owner: Owner,
    /// The open document's key: its recovery is `recovery-<key>.ron`, its lock
    /// `lock-<key>.ron`. `None` for a read-only document (no recovery).
    pub key: Option<String>,
    lock: Option<HeldLock>,
    pub read_only: bool,
    /// Opened although another window has it.
    pub opened_anyway: bool,
    /// What the file held when the document was loaded or last saved.
    pub stamp: Option<DiskStamp>,
    /// What the file holds now, when that differs from the stamp.
    pub changed_on_disk: Option<DiskStamp>,
    pub missing_on_disk: bool,
    /// A change the user chose not to reload (not offered again).
    declined: Option<DiskStamp>,
    /// How often the watch looks at the file; `Duration::ZERO` (tests) checks every frame.
    pub poll_interval: Duration,
    last_poll: Instant,
    last_heartbeat: Instant,
    /// The background watch of the open file (wakes the window only on a change).
    watch: Option<super::watch::FileWatch>,
    /// Files at least this large load in the background (tests lower it).
    pub background_from_bytes: u64,
    pub load: Option<LoadJob>,
    arrived: Option<(Box<Document>, OpenMode, Option<DiskStamp>)>,
    next_mode: OpenMode,
    next_key: Option<String>,
    overwrite_confirmed: bool,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions {
            owner: Owner::new_instance(),
            key: None,
            lock: None,
            read_only: false,
            opened_anyway: false,
            stamp: None,
            changed_on_disk: None,
            missing_on_disk: false,
            declined: None,
            poll_interval: DISK_POLL_INTERVAL,
            last_poll: Instant::now(),
            last_heartbeat: Instant::now(),
            watch: None,
            background_from_bytes: BACKGROUND_LOAD_BYTES,
            load: None,
            arrived: None,
            next_mode: OpenMode::Normal,
            next_key: None,
            overwrite_confirmed: false,
        }
    }
}

impl Sessions {
    /// The next document set takes this key (a restored recovery).
    pub(crate) fn adopt_key(&mut self, key: Option<String>) {
        self.next_key = key;
    }

    /// The lock file this window holds for its document.
    pub fn lock_file(&self) -> Option<&Path> {
        self.lock.as_ref().map(|l| l.file())
    }
}

/// "process 123 on host, since 2026-11-23 15:02 CET" for each holder (the system's time zone).
fn describe_holders(holders: &[LockInfo]) -> String {
    let tz = jiff::tz::TimeZone::system();
    holders
        .iter()
        .map(|h| {
            format!(
                "process {} on {}, since {}",
                h.owner.pid,
                h.owner.host,
                super::recovery::local_time(h.since_unix, &tz)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl DesignerApp {
    fn state_dir(&self) -> Option<PathBuf> {
        self.autosave.store.as_ref().map(|s| s.dir().to_owned())
    }

    /// Opens a file: first asks when another running instance has it open, then loads it (a
    /// large file on a background thread).
    pub(super) fn open_checked(&mut self, path: &Path) {
        let path = &absolute(path);
        if let Some(dir) = self.state_dir() {
            let holders = lock::live_holders(&dir, &lock::key_for_path(path), &self.sessions.owner);
            if !holders.is_empty() {
                self.modal = Some(Modal::Session(SessionModal::Locked {
                    path: path.to_owned(),
                    holders: describe_holders(&holders),
                }));
                return;
            }
        }
        self.start_open(path, OpenMode::Normal);
    }

    /// Loads `path` as the next document; the open one stays until it has arrived, and stays
    /// for good when loading fails.
    pub(crate) fn start_open(&mut self, path: &Path, mode: OpenMode) {
        // the document's path is absolute: its lock, recovery and title never depend on the
        // folder the program was started in
        let path = &absolute(path);
        // a load still running is superseded
        self.sessions.load = None;
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes < self.sessions.background_from_bytes {
            let stamp = DiskStamp::read(path).ok();
            match crate::file::load(path) {
                Ok(project) => {
                    self.sessions.next_mode = mode;
                    self.set_document(project, Some(path.to_owned()));
                    self.sessions.stamp = stamp;
                    self.status = Some(self.opened_status(path));
                }
                Err(e) => self.load_failed(e.to_string()),
            }
            return;
        }
        let (tx, rx) = mpsc::channel();
        let catalog = self.catalog;
        let owned = path.to_owned();
        std::thread::spawn(move || {
            // stamped before reading: a change while loading is found by the next poll
            let stamp = DiskStamp::read(&owned).ok();
            let outcome = crate::file::load(&owned).map(|project| {
                (
                    Box::new(Document::new(project, Some(owned.clone()), catalog)),
                    stamp,
                )
            });
            let _ = tx.send(outcome);
        });
        self.sessions.load = Some(LoadJob {
            path: path.to_owned(),
            bytes,
            started: Instant::now(),
            mode,
            open_then: self
                .doc
                .as_ref()
                .map(|d| (self.doc_generation, d.history.revision())),
            rx,
        });
        self.sessions.arrived = None;
        // the status line shows the progress
        self.status = None;
    }

    fn opened_status(&self, path: &Path) -> String {
        if self.sessions.read_only {
            format!(
                "Opened {} read-only: it is open in another window. Save As saves a copy",
                path.display()
            )
        } else if self.sessions.opened_anyway {
            format!(
                "Opened {} although another window has it open: the later save overwrites the other unless you answer zonewright's warning",
                path.display()
            )
        } else {
            format!("Opened {}", path.display())
        }
    }

    fn load_failed(&mut self, message: String) {
        self.modal = Some(Modal::Error {
            title: "Cannot open the project".to_owned(),
            message,
        });
    }

    /// Takes a finished background load: installs it, or asks first when the open document
    /// was changed while it loaded.
    fn poll_load(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.sessions.load else {
            return;
        };
        let outcome = match job.rx.try_recv() {
            Ok(o) => o,
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(50));
                return;
            }
            Err(mpsc::TryRecvError::Disconnected) => Err(crate::file::FileError {
                path: job.path.clone(),
                error: crate::file::LoadError::Io {
                    message: "the loader stopped unexpectedly".to_owned(),
                },
            }),
        };
        let Some(job) = self.sessions.load.take() else {
            return;
        };
        self.status = None;
        match outcome {
            Ok((doc, stamp)) => {
                let now = self
                    .doc
                    .as_ref()
                    .map(|d| (self.doc_generation, d.history.revision()));
                let edited_meanwhile =
                    now != job.open_then && self.doc.as_ref().is_some_and(|d| d.is_dirty());
                self.sessions.arrived = Some((doc, job.mode, stamp));
                if edited_meanwhile {
                    self.modal = Some(Modal::ConfirmDiscard {
                        then: Pending::InstallLoaded,
                    });
                } else {
                    self.install_arrived();
                }
            }
            Err(e) => self.load_failed(e.to_string()),
        }
    }

    /// Makes the document loaded in the background the current one.
    pub(super) fn install_arrived(&mut self) {
        let Some((doc, mode, stamp)) = self.sessions.arrived.take() else {
            return;
        };
        let path = doc.path.clone();
        self.sessions.next_mode = mode;
        self.install_document(*doc);
        self.sessions.stamp = stamp;
        if let Some(p) = path {
            self.status = Some(self.opened_status(&p));
        }
    }

    /// Called whenever a document becomes the current one: its key, its lock, no stamp yet.
    pub(super) fn document_opened(&mut self) {
        let mode = std::mem::take(&mut self.sessions.next_mode);
        let adopted = self.sessions.next_key.take();
        let s = &mut self.sessions;
        // another document arrived first: a load still running would replace it
        s.load = None;
        s.read_only = mode == OpenMode::ReadOnly;
        s.opened_anyway = mode == OpenMode::Anyway;
        s.stamp = None;
        s.changed_on_disk = None;
        s.missing_on_disk = false;
        s.declined = None;
        s.last_poll = Instant::now();
        let path = self.doc.as_ref().and_then(|d| d.path.clone());
        let key = if s.read_only {
            None
        } else if adopted.is_some() {
            adopted
        } else {
            Some(self.key_for(path.as_deref(), mode))
        };
        self.take_key(key, path.as_deref());
    }

    /// The key for a document at `path`: its path's key, unless another window holds that or a
    /// recovery left behind under it waits for an answer (then a key of its own beside it).
    fn key_for(&self, path: Option<&Path>, mode: OpenMode) -> String {
        let Some(path) = path else {
            return lock::fresh_key(None);
        };
        let base = lock::key_for_path(path);
        if self.sessions.key.as_deref() == Some(base.as_str()) {
            return base;
        }
        let taken = mode == OpenMode::Anyway
            || self.autosave.store.as_ref().is_some_and(|store| {
                store.file_for(&base).exists()
                    || lock::held_by_other(store.dir(), &base, Some(&self.sessions.owner))
            });
        if taken {
            lock::fresh_key(Some(&base))
        } else {
            base
        }
    }

    /// Switches to `key`: releases the old lock, takes the new one.
    fn take_key(&mut self, key: Option<String>, path: Option<&Path>) {
        let same = self.sessions.lock.as_ref().map(|l| l.key.as_str()) == key.as_deref();
        if !same {
            self.sessions.lock = None;
            if let (Some(dir), Some(k)) = (self.state_dir(), &key) {
                self.sessions.lock = HeldLock::acquire(&dir, k, &self.sessions.owner, path).ok();
            }
        }
        self.sessions.key = key;
        self.sessions.last_heartbeat = Instant::now();
    }

    /// Called when the document is closed: the lock goes.
    pub(super) fn document_closed(&mut self) {
        let s = &mut self.sessions;
        s.load = None;
        s.lock = None;
        s.key = None;
        s.opened_anyway = false;
        s.read_only = false;
        s.stamp = None;
        s.changed_on_disk = None;
        s.missing_on_disk = false;
    }

    /// Before a save to `path`: `true` stops it. A read-only document is not saved over its
    /// file; a file changed on disk since it was loaded or saved is not overwritten without
    /// asking.
    pub(super) fn save_blocked(&mut self, path: &Path) -> bool {
        let Some(doc) = &self.doc else { return false };
        let own_file = doc.path.as_deref() == Some(path);
        if std::mem::take(&mut self.sessions.overwrite_confirmed) || !own_file {
            return false;
        }
        if self.sessions.read_only {
            self.status = Some(format!(
                "{} is open read-only (it is open in another window): use Save As to save a copy",
                path.display()
            ));
            return true;
        }
        let Some(stamp) = &self.sessions.stamp else {
            return false;
        };
        match disk::check(path, stamp, true) {
            DiskCheck::Changed(now) => {
                self.sessions.changed_on_disk = Some(now);
                self.modal = Some(Modal::Session(SessionModal::SaveConflict {
                    path: path.to_owned(),
                }));
                true
            }
            _ => false,
        }
    }

    /// After a successful save to `path`: the new stamp, and the key and lock of that path.
    pub(super) fn saved(&mut self, path: &Path) {
        let s = &mut self.sessions;
        s.stamp = DiskStamp::read(path).ok();
        s.changed_on_disk = None;
        s.missing_on_disk = false;
        s.declined = None;
        s.read_only = false;
        let path_key = lock::key_for_path(path);
        let ours = self
            .sessions
            .key
            .as_deref()
            .is_some_and(|k| k == path_key || k.starts_with(&format!("{path_key}-")));
        if !ours {
            let key = self.key_for(Some(path), OpenMode::Normal);
            self.take_key(Some(key), Some(path));
        }
    }

    /// Loads the document's file again, dropping the changes in memory.
    pub(crate) fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) else {
            return;
        };
        self.discard_recovery();
        let mode = if self.sessions.read_only {
            OpenMode::ReadOnly
        } else {
            OpenMode::Normal
        };
        if let Some(d) = &mut self.doc {
            // the reload replaces it: no question about unsaved changes when it arrives
            d.saved_state = d.history.state();
        }
        self.start_open(&path, mode);
    }

    /// Looks at the document's file now (the app does it every [`DISK_POLL_INTERVAL`]).
    pub fn check_disk_now(&mut self) {
        let (Some(doc), Some(stamp)) = (&self.doc, &self.sessions.stamp) else {
            return;
        };
        let Some(path) = doc.path.clone() else { return };
        let dirty = doc.is_dirty();
        self.sessions.last_poll = Instant::now();
        match disk::check(&path, stamp, false) {
            DiskCheck::Unchanged => self.sessions.missing_on_disk = false,
            DiskCheck::Touched(now) => {
                self.sessions.stamp = Some(now);
                self.sessions.changed_on_disk = None;
                self.sessions.missing_on_disk = false;
            }
            DiskCheck::Changed(now) => {
                self.sessions.missing_on_disk = false;
                if self.sessions.declined.as_ref() == Some(&now)
                    || self.sessions.changed_on_disk.as_ref() == Some(&now)
                {
                    return;
                }
                self.sessions.changed_on_disk = Some(now);
                if !dirty && self.modal.is_none() && self.sessions.load.is_none() {
                    self.modal = Some(Modal::Session(SessionModal::ReloadOffer { path }));
                }
            }
            DiskCheck::Missing => self.sessions.missing_on_disk = true,
            DiskCheck::Unreadable(_) => {}
        }
    }

    /// Each frame: a finished load, the lock's heartbeat (not on Linux), and what the file
    /// watch noticed. The watch runs on its own thread and wakes the window only when the file
    /// changed, so an idle window stays idle.
    pub(super) fn sessions_tick(&mut self, ctx: &egui::Context) {
        self.poll_load(ctx);
        // On Linux a lock's liveness is its process (`/proc/<pid>`): no heartbeat, no wake-up.
        #[cfg(not(target_os = "linux"))]
        if let Some(held) = &self.sessions.lock {
            let since = self.sessions.last_heartbeat.elapsed();
            if since >= lock::LOCK_HEARTBEAT {
                held.heartbeat();
                self.sessions.last_heartbeat = Instant::now();
                ctx.request_repaint_after(lock::LOCK_HEARTBEAT);
            } else {
                ctx.request_repaint_after(lock::LOCK_HEARTBEAT - since);
            }
        }
        let watched = match (&self.sessions.stamp, &self.doc) {
            (Some(_), Some(doc)) => doc.path.clone(),
            _ => None,
        };
        if self.sessions.watch.as_ref().map(|w| w.path()) != watched.as_deref() {
            self.sessions.watch = watched.map(|path| {
                super::watch::FileWatch::start(ctx.clone(), path, self.sessions.poll_interval)
            });
        }
        let due = self.sessions.poll_interval.is_zero()
            || self
                .sessions
                .watch
                .as_ref()
                .is_some_and(|w| w.take_changed());
        if due && self.sessions.stamp.is_some() {
            let before = (
                self.sessions.changed_on_disk.clone(),
                self.sessions.missing_on_disk,
            );
            self.check_disk_now();
            if before
                != (
                    self.sessions.changed_on_disk.clone(),
                    self.sessions.missing_on_disk,
                )
            {
                // the status line or the offer shows it at once
                ctx.request_repaint();
            }
        }
    }

    /// What the title adds: " (read-only)".
    pub(super) fn title_note(&self) -> &'static str {
        if self.sessions.read_only && self.doc.is_some() {
            " (read-only)"
        } else {
            ""
        }
    }
}

/// The status line's part: loading progress, read-only, changed on disk.
pub(crate) fn sessions_status_ui(app: &DesignerApp, ui: &mut egui::Ui) {
    let s = &app.sessions;
    if let Some(job) = &s.load {
        ui.separator();
        ui.spinner();
        ui.label(format!(
            "Loading {} ({:.1} MB)… {:.0} s",
            job.path.display(),
            job.bytes as f64 / 1_048_576.0,
            job.started.elapsed().as_secs_f32().floor()
        ));
    }
    if s.read_only && app.doc.is_some() {
        ui.separator();
        ui.label("Read-only: open in another window");
    }
    let dirty = app.doc.as_ref().is_some_and(|d| d.is_dirty());
    if s.changed_on_disk.is_some() && dirty {
        ui.separator();
        ui.colored_label(
            super::theme::finding_color(crate::analysis::FindingSeverity::Warning),
            "The file changed on disk since you opened it: saving will ask",
        );
    } else if s.missing_on_disk {
        ui.separator();
        ui.colored_label(
            super::theme::finding_color(crate::analysis::FindingSeverity::Warning),
            "The file was removed from disk: saving writes it again",
        );
    }
}

/// The questions: locked file, save over a changed file, reload a changed file. `true` closes.
pub(crate) fn sessions_modal_ui(
    app: &mut DesignerApp,
    ui: &mut egui::Ui,
    m: &SessionModal,
) -> bool {
    let mut close = false;
    match m {
        SessionModal::Locked { path, holders } => {
            ui.heading("The file is open in another window");
            ui.label(format!(
                "{} is open in another zonewright ({holders}).",
                path.display()
            ));
            ui.label("Open it read-only to look at it, or open it anyway: then both windows can save, and the later save overwrites the earlier one unless you answer the warning zonewright shows before saving over a changed file.");
            ui.horizontal(|ui| {
                if ui.button("Open read-only").clicked() {
                    app.modal = None;
                    app.start_open(path, OpenMode::ReadOnly);
                }
                if ui.button("Open anyway").clicked() {
                    app.modal = None;
                    app.start_open(path, OpenMode::Anyway);
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        }
        SessionModal::SaveConflict { path } => {
            ui.heading("The file changed on disk");
            ui.label(format!("{} was changed by someone else (another window, a git pull, a colleague) since you opened or saved it.", path.display()));
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    app.modal = None;
                    app.sessions.overwrite_confirmed = true;
                    app.save_to(path);
                }
                if ui.button("Save as…").clicked() {
                    app.modal = None;
                    app.save_as();
                }
                if ui.button("Reload (discard my changes)").clicked() {
                    app.modal = None;
                    app.reload_from_disk();
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        }
        SessionModal::ReloadOffer { path } => {
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed outside this window. Your document has no unsaved changes.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Reload").clicked() {
                    app.modal = None;
                    app.reload_from_disk();
                }
                if ui.button("Keep this version").clicked() {
                    app.sessions.declined = app.sessions.changed_on_disk.clone();
                    close = true;
                }
            });
        }
    }
    close
}

/// `path` made absolute against the current folder (symbolic links kept, as the user named it).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
