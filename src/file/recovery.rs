//! Crash recovery: the unsaved project is kept in a recovery file in the state folder, written
//! by the designer and by a panic hook, offered again at the next start.

use super::{LoadError, SaveError};
use crate::model::Project;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, TryLockError};

/// The value of the `format` field of every recovery file.
pub const RECOVERY_FORMAT: &str = "zonewright-recovery";
/// The recovery file format version this program writes and reads.
pub const RECOVERY_VERSION: u32 = 1;
/// The name of the recovery file inside the store's folder.
pub const RECOVERY_FILE: &str = "recovery.ron";
/// Larger recovery files are refused: the project text is limited to
/// [`super::MAX_FILE_BYTES`], and escaping can at most double it.
const MAX_RECOVERY_BYTES: u64 = 2 * super::MAX_FILE_BYTES + 64 * 1024;

/// The folder for the program's own state (recent files, recovery): `$ZONEWRIGHT_STATE_DIR`,
/// else `$XDG_STATE_HOME/zonewright`, else `~/.local/state/zonewright`.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("ZONEWRIGHT_STATE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_STATE_HOME") {
        return Some(PathBuf::from(d).join("zonewright"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state/zonewright"))
}

#[derive(Serialize)]
struct RecoveryOut<'a> {
    format: &'a str,
    version: u32,
    /// The project file the unsaved work belongs to; `None` for a project never saved.
    source: Option<String>,
    /// When the recovery was written, seconds since 1970-01-01 UTC.
    saved_at_unix: u64,
    /// The project exactly as [`super::to_string`] writes it.
    project_text: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryIn {
    format: String,
    version: u32,
    source: Option<String>,
    saved_at_unix: u64,
    project_text: String,
}

/// A project read back from the recovery file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub project: Project,
    /// The file the project was opened from or last saved to, if any.
    pub source: Option<PathBuf>,
    /// When the recovery was written, seconds since 1970-01-01 UTC.
    pub saved_at_unix: u64,
}

/// Why an existing recovery file cannot be used. It is reported, never silently dropped: the
/// file stays where it is until [`RecoveryStore::discard`] is called, so the user (or support)
/// can still rescue the text by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryError {
    /// The recovery file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: String,
}

impl fmt::Display for RecoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the recovery file {} cannot be used: {}",
            self.path.display(),
            self.problem
        )
    }
}

impl std::error::Error for RecoveryError {}

/// The latest unsaved project and the file it belongs to, shared with the panic hook (which
/// serialises it: cloning after each edit is much cheaper than writing text every time). The
/// designer replaces the content after each edit; holders must keep the lock briefly.
pub type Snapshot = Arc<Mutex<Option<(Option<PathBuf>, Project)>>>;

/// Where the recovery file lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// A store in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecoveryStore { dir: dir.into() }
    }

    /// A store in [`state_dir`], or `None` when no state folder can be determined.
    pub fn default_location() -> Option<Self> {
        state_dir().map(RecoveryStore::new)
    }

    /// The recovery file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(RECOVERY_FILE)
    }

    /// Writes `project` as the recovery, atomically (a crash while writing leaves the previous
    /// recovery intact).
    pub fn write(&self, project: &Project, source: Option<&Path>) -> Result<(), SaveError> {
        let text = super::to_string(project).map_err(|e| e.at(&self.path()))?;
        self.write_text(&text, source)
    }

    /// Writes already serialised project text as the recovery. Never panics, so it is safe to
    /// call from the panic hook.
    pub fn write_text(&self, project_text: &str, source: Option<&Path>) -> Result<(), SaveError> {
        let path = self.path();
        std::fs::create_dir_all(&self.dir).map_err(|e| SaveError {
            path: path.clone(),
            message: format!("cannot create the folder {}: {e}", self.dir.display()),
        })?;
        let saved_at_unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let out = RecoveryOut {
            format: RECOVERY_FORMAT,
            version: RECOVERY_VERSION,
            source: source.map(|p| p.to_string_lossy().into_owned()),
            saved_at_unix,
            project_text,
        };
        let text =
            ron::ser::to_string_pretty(&out, ron::ser::PrettyConfig::new()).map_err(|e| {
                SaveError {
                    path: path.clone(),
                    message: format!("cannot serialise the recovery: {e}"),
                }
            })?;
        super::write_atomic(&path, text.as_bytes())
    }

    /// The recovery, if there is one. `Ok(None)` when there is no recovery file; `Err` when a
    /// recovery file exists but cannot be read or does not hold a valid project.
    pub fn find(&self) -> Result<Option<Recovered>, RecoveryError> {
        let path = self.path();
        let err = |problem: String| RecoveryError {
            path: path.clone(),
            problem,
        };
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(err(format!("cannot read it: {e}"))),
        };
        if !meta.is_file() {
            return Err(err("it is not a regular file".to_owned()));
        }
        if meta.len() > MAX_RECOVERY_BYTES {
            return Err(err(format!(
                "it is {} bytes long, more than any project can need",
                meta.len()
            )));
        }
        let bytes = std::fs::read(&path).map_err(|e| err(format!("cannot read it: {e}")))?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| err("it is not UTF-8 text".to_owned()))?;
        let file: RecoveryIn = super::ron_options().from_str(text).map_err(|e| {
            err(format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            ))
        })?;
        if file.format != RECOVERY_FORMAT {
            return Err(err(format!(
                "it is not a zonewright recovery file (format \"{}\")",
                file.format
            )));
        }
        if file.version != RECOVERY_VERSION {
            return Err(err(format!(
                "it has recovery format version {}; this version reads version {RECOVERY_VERSION}",
                file.version
            )));
        }
        let project = super::from_str(&file.project_text)
            .map_err(|e: LoadError| err(format!("the project inside is not readable: {e}")))?;
        Ok(Some(Recovered {
            project,
            source: file.source.map(PathBuf::from),
            saved_at_unix: file.saved_at_unix,
        }))
    }

    /// Removes the recovery file and its backup; a missing file is not an error, other failures
    /// are ignored (the worst case is the same offer again at the next start).
    pub fn discard(&self) {
        let path = self.path();
        let _ = std::fs::remove_file(super::backup_path(&path));
        let _ = std::fs::remove_file(path);
    }
}

/// Installs a panic hook that writes the snapshot's text as the recovery, then runs the hook
/// that was installed before (which prints the panic message). The hook never blocks: when the
/// snapshot is locked at the moment of the panic, nothing is written. A poisoned lock is still
/// read, as its content is a complete string.
pub fn install_panic_hook(store: RecoveryStore, snapshot: Snapshot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let guard = match snapshot.try_lock() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        if let Some(guard) = guard
            && let Some((source, project)) = guard.as_ref()
        {
            let _ = store.write(project, source.as_deref());
        }
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rect, Zone, ZoneId, ZoneKind};

    fn project() -> Project {
        let mut p = Project::default();
        p.meta.title = "Raffinerie \"Süd\" \\ 東京 🚀\nzweite Zeile".into();
        p.zones.push(Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 50.0),
        ));
        p
    }

    #[test]
    fn written_recovery_is_found_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path().join("state"));
        let source = Path::new("/plants/süd.ron");
        store.write(&project(), Some(source)).expect("write");
        let r = store.find().expect("readable").expect("present");
        assert_eq!(r.project, project());
        assert_eq!(r.source.as_deref(), Some(source));
        assert!(r.saved_at_unix > 0);

        store
            .write_text(
                &crate::file::to_string(&project()).expect("serialise"),
                None,
            )
            .expect("write text");
        let r = store.find().expect("readable").expect("present");
        assert_eq!(r.project, project());
        assert_eq!(r.source, None);
    }

    #[test]
    fn missing_recovery_is_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path().join("never-created"));
        assert_eq!(store.find(), Ok(None));
    }

    #[test]
    fn discard_removes_the_recovery() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path());
        store.write(&project(), None).expect("write");
        store
            .write(&project(), None)
            .expect("write again, keeping a .bak");
        store.discard();
        assert_eq!(store.find(), Ok(None));
        assert!(!store.path().exists());
        assert!(!crate::file::backup_path(&store.path()).exists());
        store.discard();
    }

    #[test]
    fn corrupt_recovery_is_reported_with_its_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path());
        let cases: [(&[u8], &str); 5] = [
            (b"(format: \"zonewright-recovery\", vers", "line 1"),
            (b"\xff\xfe\x00garbage", "not UTF-8"),
            (
                b"(format: \"other\", version: 1, source: None, saved_at_unix: 1, project_text: \"\")",
                "not a zonewright recovery",
            ),
            (
                b"(format: \"zonewright-recovery\", version: 9, source: None, saved_at_unix: 1, project_text: \"\")",
                "version 9",
            ),
            (
                b"(format: \"zonewright-recovery\", version: 1, source: None, saved_at_unix: 1, project_text: \"(format: \\\"zonewright\\\", version: 1, project: (zones: 3))\")",
                "the project inside is not readable",
            ),
        ];
        for (bytes, expected) in cases {
            std::fs::write(store.path(), bytes).expect("write corrupt file");
            let e = store.find().expect_err("corrupt file is an error");
            let shown = e.to_string();
            assert!(shown.contains(expected), "{shown}");
            assert!(
                shown.contains(&store.path().display().to_string()),
                "{shown}"
            );
            assert!(store.path().exists(), "a corrupt recovery is not deleted");
        }
    }
}
