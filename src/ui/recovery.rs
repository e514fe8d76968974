//! Never lose work in the designer: unsaved changes go to the recovery file at an interval (on a
//! background thread) and from the panic hook; at the next start they are offered back.

use super::{DesignerApp, Modal};
use crate::file::recovery::{Recovered, RecoveryStore, Snapshot};
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
    /// A recovery found at start, waiting for the user's answer.
    pub offered: Option<Recovered>,
}

impl Autosave {
    pub fn new(store: Option<RecoveryStore>) -> Autosave {
        Autosave {
            store,
            snapshot: Arc::new(Mutex::new(None)),
            snapshot_of: None,
            written_of: None,
            last_write: None,
            write_gate: Arc::new(Mutex::new(0)),
            offered: None,
        }
    }

    /// True when a recovery file was written for work that is still unsaved.
    pub fn has_written(&self) -> bool {
        self.written_of.is_some()
    }
}

/// How the start-up offer reads: "from 14:02 UTC on 2026-11-23 (file …)".
fn describe(r: &Recovered) -> String {
    let secs = r.saved_at_unix;
    let days = secs / 86_400;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    let source = match &r.source {
        Some(p) => format!("changes to {}", p.display()),
        None => "a project that was never saved".to_owned(),
    };
    format!("Unsaved work from {y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC: {source}.")
}

impl DesignerApp {
    /// Uses `store` for recovery (tests pass a temporary folder) and offers back what it holds.
    pub fn set_recovery(&mut self, store: Option<RecoveryStore>) {
        self.autosave = Autosave::new(store);
        let Some(store) = &self.autosave.store else {
            return;
        };
        match store.find() {
            Ok(None) => {}
            Ok(Some(recovered)) => {
                self.modal = Some(Modal::Recover {
                    description: describe(&recovered),
                });
                self.autosave.offered = Some(recovered);
            }
            Err(e) => {
                self.modal = Some(Modal::RecoveryUnreadable {
                    message: e.to_string(),
                })
            }
        }
    }

    /// The user's answer to the start-up offer.
    pub fn answer_recovery(&mut self, restore: bool) {
        self.modal = None;
        let offered = self.autosave.offered.take();
        let pending = self.pending_open.take();
        if restore && let Some(r) = offered {
            let title = r.project.meta.title.clone();
            self.set_document(r.project, r.source);
            if let Some(doc) = &mut self.doc {
                doc.mark_unsaved();
            }
            self.status = Some(match pending {
                Some(p) => format!(
                    "Restored unsaved work on \"{title}\" instead of opening {} — save it to keep it",
                    p.display()
                ),
                None => format!("Restored unsaved work on \"{title}\" — save it to keep it"),
            });
        } else {
            self.discard_recovery();
            if let Some(p) = pending {
                self.open_path(&p);
            }
        }
    }

    /// Removes the recovery file (after a save, or when the user declines it).
    pub fn discard_recovery(&mut self) {
        if let Some(store) = &self.autosave.store {
            // waits for a background write in progress, and stops one not yet started
            let mut gate = match self.autosave.write_gate.lock() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            *gate += 1;
            store.discard();
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
    /// if the user stops touching the app; idle otherwise.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(doc) = &self.doc else {
            if self.autosave.has_written() {
                self.discard_recovery();
            }
            return;
        };
        let key = (self.doc_generation, doc.history.revision());
        if !doc.is_dirty() {
            if self.autosave.has_written() || self.autosave.snapshot_of.is_some() {
                self.discard_recovery();
            }
            return;
        }
        if self.autosave.snapshot_of != Some(key) {
            if let Ok(mut s) = self.autosave.snapshot.lock() {
                *s = Some((doc.path.clone(), doc.project.clone()));
            }
            self.autosave.snapshot_of = Some(key);
        }
        let Some(store) = &self.autosave.store else {
            return;
        };
        if self.autosave.written_of == Some(key) {
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
        self.autosave.written_of = Some(key);
        self.autosave.last_write = Some(Instant::now());
        let gate = self.autosave.write_gate.clone();
        let started_at = gate.lock().map_or(0, |g| *g);
        // written off the UI thread: serialising a large plant takes tens of milliseconds
        std::thread::spawn(move || {
            let Ok(removals) = gate.lock() else { return };
            if *removals == started_at {
                let _ = store.write(&project, source.as_deref());
            }
        });
    }

    /// Writes the recovery now, on this thread (tests; the app uses [`Self::autosave_tick`]).
    pub fn write_recovery_now(&mut self) -> bool {
        let (Some(store), Some(doc)) = (&self.autosave.store, &self.doc) else {
            return false;
        };
        if !doc.is_dirty() {
            return false;
        }
        let ok = store.write(&doc.project, doc.path.as_deref()).is_ok();
        if ok {
            self.autosave.written_of = Some((self.doc_generation, doc.history.revision()));
            self.autosave.last_write = Some(Instant::now());
        }
        ok
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
        };
        assert_eq!(
            describe(&r),
            "Unsaved work from 2026-11-23 14:02 UTC: changes to /plants/a.ron."
        );
        let never = Recovered {
            source: None,
            saved_at_unix: 0,
            ..r
        };
        assert_eq!(
            describe(&never),
            "Unsaved work from 1970-01-01 00:00 UTC: a project that was never saved."
        );
    }
}
