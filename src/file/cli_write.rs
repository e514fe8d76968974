//! A command-line command that writes a project file: from before it reads its input until the
//! output is written it holds an exclusive operating-system lock on the output (std's
//! `File::lock`), so two commands on one file wait for each other instead of losing a write; it
//! takes the designer's advisory lock of the file too (and fails clearly while a designer has
//! the file open), and checks that the file did not change on disk before it writes.

use super::disk::{DiskCheck, DiskStamp, check};
use super::lock::{self, HeldLock, Owner};
use crate::model::Project;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a command waits for another one writing the same file.
pub const WAIT: Duration = Duration::from_secs(20);

/// The write of one command, begun.
#[derive(Debug)]
pub struct CliWrite {
    path: PathBuf,
    /// Dropped (removed) before the operating-system lock is released: the next command must
    /// never see it.
    _presence: Option<HeldLock>,
    /// Held (locked) until dropped.
    _os_lock: File,
    stamp: Option<DiskStamp>,
}

/// The path made absolute (canonical where it exists; its folder canonical where it does not).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs),
        _ => abs,
    }
}

impl CliWrite {
    /// Locks `output` for this command, waiting up to [`WAIT`] for another command writing it.
    /// Call it before the input is read.
    pub(crate) fn begin(output: &Path) -> Result<CliWrite, String> {
        let shown = output.display();
        let path = absolute(output);
        let key = lock::key_for_path(&path);
        let state = super::recovery::state_dir();
        // the operating-system lock lives in the state folder, else beside the file
        let lock_dir = state
            .clone()
            .or_else(|| path.parent().map(Path::to_owned))
            .ok_or_else(|| format!("{shown} has no folder"))?;
        std::fs::create_dir_all(&lock_dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", lock_dir.display()))?;
        let lock_path = lock_dir.join(format!(".write-{key}.lock"));
        let os_lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("cannot open the lock {}: {e}", lock_path.display()))?;
        let started = Instant::now();
        loop {
            match os_lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(format!(
                        "another zonewright command has been writing {shown} for {} s; nothing was written, try again",
                        WAIT.as_secs()
                    ));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(format!("cannot lock {}: {e}", lock_path.display()));
                }
            }
        }
        let mut presence = None;
        if let Some(dir) = &state {
            let me = Owner::new_instance();
            if let Some(h) = lock::live_holders(dir, &key, &me).first() {
                return Err(format!(
                    "{shown} is open in zonewright (process {} on {}); save or close it there first. Nothing was written",
                    h.owner.pid, h.owner.host
                ));
            }
            presence = HeldLock::acquire(dir, &key, &me, Some(&path)).ok();
        }
        let stamp = DiskStamp::read(&path).ok();
        Ok(CliWrite {
            path,
            _presence: presence,
            _os_lock: os_lock,
            stamp,
        })
    }

    /// Writes `project` (atomically, as [`super::save`]) unless the file changed on disk since
    /// [`CliWrite::begin`].
    pub fn save(&self, project: &Project) -> Result<(), String> {
        let shown = self.path.display();
        let changed = || {
            format!(
                "{shown} changed on disk while this command ran (another program wrote it); nothing was written"
            )
        };
        match &self.stamp {
            Some(stamp) => match check(&self.path, stamp, true) {
                DiskCheck::Unchanged | DiskCheck::Touched(_) => {}
                DiskCheck::Changed(_) | DiskCheck::Missing => return Err(changed()),
                DiskCheck::Unreadable(e) => return Err(format!("cannot read {shown}: {e}")),
            },
            None => {
                if std::fs::symlink_metadata(&self.path).is_ok()
                    && DiskStamp::read(&self.path).is_ok()
                {
                    return Err(changed());
                }
            }
        }
        super::save(project, &self.path).map_err(|e| e.to_string())
    }
}
