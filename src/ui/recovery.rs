//! Never lose work in the designer: unsaved changes go to the document's own recovery file at
//! an interval (on a background thread) and from the panic hook; at the next start every
//! recovery left behind is offered back, in a list.

use super::{DesignerApp, Modal};
use crate::file::recovery::{Recovered, RecoveryError, RecoveryStore, Snapshot, SnapshotDoc};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often unsaved work is written to the recovery file while the user keeps editing.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// The designer's recovery state.
pub struct Autosave {
    pub store: Option<RecoveryStore>,
    /// The latest unsaved project, for the panic hook.
    pub snapshot: Snapshot,
    /// (document generation, revision) last put in the snapshot and last written.
    snapshot_of: Option<(u64, u64)>,
    written_of: Option<(u64, u64)>,
    last_write: Option<Instant>,
    /// Orders background writes with removals: a write holds the lock while it writes and
    /// skips writing if the count moved on since it was started; a removal counts up under the
    /// lock. Without it, a write still running when the user saved would put the recovery file
    /// back after the save removed it.
    write_gate: Arc<Mutex<u64>>,
    /// The recoveries found at start, waiting for the user's answers.
    pub offered: Vec<Result<Recovered, RecoveryError>>,
}

/// What the user is told (once, in the status line and on stderr) when the OS names no folder
/// for the program's state.
pub const NO_STATE_FOLDER: &str = "No folder for zonewright's state was found (no home or \
     local application data folder; set ZONEWRIGHT_STATE_DIR): crash recovery and the locks \
     that warn about a file open in another window are off";

impl Autosave {
    pub fn new(store: Option<RecoveryStore>) -> Autosave {
        Autosave {
            store,
            snapshot: Arc::new(Mutex::new(None)),
            snapshot_of: None,
            written_of: None,
            last_write: None,
            write_gate: Arc::new(Mutex::new(0)),
            offered: Vec::new(),
        }
    }

    /// True when a recovery file was written for work that is still unsaved.
    pub(crate) fn has_written(&self) -> bool {
        self.written_of.is_some()
    }
}

/// How the start-up offer reads: "Unsaved work from 2026-11-23 15:02 CET: changes to …",
/// in the time zone `tz` (the system's on screen).
fn describe(r: &Recovered, tz: &jiff::tz::TimeZone) -> String {
    let source = match &r.source {
        Some(p) => format!("changes to {}", p.display()),
        None => "a project that was never saved".to_owned(),
    };
    format!(
        "Unsaved work from {}: {source}.",
        local_time(r.saved_at_unix, tz)
    )
}

/// Seconds since 1970-01-01 UTC as "2026-11-23 15:02 CET" in the time zone `tz`.
pub(super) fn local_time(since_unix: u64, tz: &jiff::tz::TimeZone) -> String {
    i64::try_from(since_unix)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || "an unknown time".to_owned(),
            |t| {
                t.to_zoned(tz.clone())
                    .strftime("%Y-%m-%d %H:%M %Z")
                    .to_string()
            },
        )
}

impl DesignerApp {
    /// Uses `store` for recovery (tests pass a temporary folder) and offers back every recovery
    /// left behind in it (not those of documents open in a running instance).
    pub fn set_recovery(&mut self, store: Option<RecoveryStore>) {
        self.autosave = Autosave::new(store);
        let Some(store) = &self.autosave.store else {
            self.status = Some(NO_STATE_FOLDER.to_owned());
            return;
        };
        self.autosave.offered = store.find_all(Some(&self.sessions.owner));
        if !self.autosave.offered.is_empty() {
            self.modal = Some(Modal::Recover);
        }
    }

    /// Restores offer `i` as the current document. The others stay on disk, offered again at
    /// the next start.
    pub(crate) fn restore_offer(&mut self, i: usize) {
        let Some(Ok(r)) = self.autosave.offered.get(i).cloned() else {
            return;
        };
        let kept = self.autosave.offered.len() - 1;
        self.autosave.offered.clear();
        let pending = self.pending_open.take();
        let title = r.project.meta.title.clone();
        // a keyed recovery becomes this instance's: same key, so the autosave replaces it and a
        // save removes it
        self.sessions.adopt_key(r.key.clone());
        // a relative source (written by an older version) names no file for sure: it would
        // resolve against whatever folder this instance was started in, so Save asks where
        let source = r.source.clone().filter(|p| p.is_absolute());
        self.set_document(r.project, source.clone());
        if let Some(doc) = &mut self.doc {
            doc.mark_unsaved();
        }
        if let Some(p) = &source {
            self.sessions.stamp = crate::file::disk::DiskStamp::read(p).ok();
        }
        // the old single recovery file moves under this document's key at once
        if self.write_recovery_now()
            && r.key.is_none()
            && let Some(store) = &self.autosave.store
        {
            store.discard_file(&r.file);
        }
        let mut status = match pending {
            Some(p) => format!(
                "Restored unsaved work on \"{title}\" instead of opening {} — save it to keep it",
                p.display()
            ),
            None => format!("Restored unsaved work on \"{title}\" — save it to keep it"),
        };
        if kept > 0 {
            status.push_str(&format!(
                "; {kept} other unsaved document(s) are kept and offered at the next start"
            ));
        }
        self.status = Some(status);
    }

    /// Deletes the recovery file of offer `i` (declined, or unreadable and not wanted).
    pub(crate) fn discard_offer(&mut self, i: usize) {
        if i >= self.autosave.offered.len() {
            return;
        }
        let file = match self.autosave.offered.remove(i) {
            Ok(r) => r.file,
            Err(e) => e.path,
        };
        if let Some(store) = &self.autosave.store {
            store.discard_file(&file);
        }
        self.offers_answered();
    }

    /// Leaves the recovery file of offer `i` where it is and takes it off the list.
    pub(crate) fn keep_offer(&mut self, i: usize) {
        if i < self.autosave.offered.len() {
            let _ = self.autosave.offered.remove(i);
        }
        self.offers_answered();
    }

    /// Once every offer is answered, the list closes and a file named on the command line opens.
    fn offers_answered(&mut self) {
        if !self.autosave.offered.is_empty() {
            return;
        }
        self.modal = None;
        if let Some(p) = self.pending_open.take() {
            self.open_path(&p);
        }
    }

    /// Removes this document's recovery file (after a save, or when the user declines it); the
    /// recovery files of other documents and other windows are left alone.
    pub(crate) fn discard_recovery(&mut self) {
        if let (Some(store), Some(key)) = (&self.autosave.store, &self.sessions.key) {
            // waits for a background write in progress, and stops one not yet started
            let mut gate = match self.autosave.write_gate.lock() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            *gate += 1;
            store.discard_key(key);
        }
        self.autosave.written_of = None;
        if let Ok(mut s) = self.autosave.snapshot.lock() {
            *s = None;
        }
        self.autosave.snapshot_of = None;
    }

    /// Keeps the snapshot for the panic hook current, and writes the recovery file when there
    /// is unsaved work not yet written and the interval has passed (the first change at once).
    /// Asks for one delayed repaint when a write is due later, so that the write happens even
    /// if the user stops touching the app; idle otherwise. A read-only document has none.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let (Some(doc), Some(key)) = (&self.doc, self.sessions.key.clone()) else {
            if self.autosave.has_written() || self.autosave.snapshot_of.is_some() {
                self.discard_recovery();
            }
            return;
        };
        let gen_rev = (self.doc_generation, doc.history.revision());
        if !doc.is_dirty() {
            if self.autosave.has_written() || self.autosave.snapshot_of.is_some() {
                self.discard_recovery();
            }
            return;
        }
        if self.autosave.snapshot_of != Some(gen_rev) {
            if let Ok(mut s) = self.autosave.snapshot.lock() {
                *s = Some(SnapshotDoc {
                    key: key.clone(),
                    source: doc.path.clone(),
                    project: doc.project.clone(),
                });
            }
            self.autosave.snapshot_of = Some(gen_rev);
        }
        let Some(store) = &self.autosave.store else {
            return;
        };
        if self.autosave.written_of == Some(gen_rev) {
            return;
        }
        let due = self.autosave.last_write.map_or(Duration::ZERO, |t| {
            AUTOSAVE_INTERVAL.saturating_sub(t.elapsed())
        });
        if !due.is_zero() {
            ctx.request_repaint_after(due);
            return;
        }
        let store = store.clone();
        let project = doc.project.clone();
        let source = doc.path.clone();
        self.autosave.written_of = Some(gen_rev);
        self.autosave.last_write = Some(Instant::now());
        let gate = self.autosave.write_gate.clone();
        let started_at = gate.lock().map_or(0, |g| *g);
        // written off the UI thread: serialising a large plant takes tens of milliseconds
        std::thread::spawn(move || {
            let Ok(removals) = gate.lock() else { return };
            if *removals == started_at {
                let _ = store.write_for(&key, &project, source.as_deref());
            }
        });
    }

    /// Writes the recovery now, on this thread (tests, and a restored recovery; the app uses
    /// [`Self::autosave_tick`]).
    pub fn write_recovery_now(&mut self) -> bool {
        let (Some(store), Some(doc), Some(key)) =
            (&self.autosave.store, &self.doc, &self.sessions.key)
        else {
            return false;
        };
        if !doc.is_dirty() {
            return false;
        }
        let ok = store
            .write_for(key, &doc.project, doc.path.as_deref())
            .is_ok();
        if ok {
            self.autosave.written_of = Some((self.doc_generation, doc.history.revision()));
            self.autosave.last_write = Some(Instant::now());
        }
        ok
    }
}

/// The start-up list of unsaved work: each readable recovery with Restore and Discard, each
/// unreadable one with Delete and Keep.
pub(crate) fn recovery_list_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    ui.heading("Restore unsaved work?");
    ui.add_space(4.0);
    ui.label("zonewright closed without saving these changes. Restore one to continue where you left off; discarding deletes its recovery file. What you do not answer is kept and offered again at the next start.");
    ui.add_space(6.0);
    let mut action: Option<(usize, u8)> = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (i, offer) in app.autosave.offered.iter().enumerate() {
                ui.push_id(i, |ui| {
                    ui.separator();
                    match offer {
                        Ok(r) => {
                            ui.label(describe(r, &jiff::tz::TimeZone::system()));
                            ui.horizontal(|ui| {
                                if ui.button("Restore").clicked() {
                                    action = Some((i, 0));
                                }
                                if ui.button("Discard").clicked() {
                                    action = Some((i, 1));
                                }
                            });
                        }
                        Err(e) => {
                            ui.label(egui::RichText::new("The recovery file cannot be used").strong());
                            ui.label(egui::RichText::new(e.to_string()).monospace());
                            ui.label("It stays where it is until you delete it, so its text can still be rescued by hand.");
                            ui.horizontal(|ui| {
                                if ui.button("Delete the recovery file").clicked() {
                                    action = Some((i, 1));
                                }
                                if ui.button("Keep it").clicked() {
                                    action = Some((i, 2));
                                }
                            });
                        }
                    }
                });
            }
        });
    ui.separator();
    if ui.button("Decide later").clicked() {
        app.autosave.offered.clear();
        app.offers_answered();
    }
    match action {
        Some((i, 0)) => app.restore_offer(i),
        Some((i, 1)) => app.discard_offer(i),
        Some((i, _)) => app.keep_offer(i),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    #[test]
    fn the_offer_names_the_time_in_utc_and_the_file() {
        let r = Recovered {
            project: Project::default(),
            source: Some("/plants/a.ron".into()),
            // 2026-11-23 14:02:00 UTC
            saved_at_unix: 1_795_442_520,
            file: "/state/recovery-f1.ron".into(),
            key: None,
        };
        assert_eq!(
            describe(&r, &jiff::tz::TimeZone::UTC),
            "Unsaved work from 2026-11-23 14:02 UTC: changes to /plants/a.ron."
        );
        let never = Recovered {
            source: None,
            saved_at_unix: 0,
            ..r
        };
        assert_eq!(
            describe(&never, &jiff::tz::TimeZone::UTC),
            "Unsaved work from 1970-01-01 00:00 UTC: a project that was never saved."
        );
    }
}
