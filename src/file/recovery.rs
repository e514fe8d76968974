//! Crash recovery: each unsaved document is kept in a recovery file of its own in the state
//! folder, written by the designer and by a panic hook, offered again at the next start.

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
/// The single recovery file of versions before one recovery per document; read, never written.
pub const RECOVERY_FILE: &str = "recovery.ron";
/// Larger recovery files are refused: the project text is limited to
/// [`super::MAX_FILE_BYTES`], and escaping can at most double it.
const MAX_RECOVERY_BYTES: u64 = 2 * super::MAX_FILE_BYTES + 64 * 1024;

/// The folder for the program's own state (recovery files, locks): `$ZONEWRIGHT_STATE_DIR`
/// when set, else where the OS keeps a program's local state: `%LOCALAPPDATA%\zonewright` on
/// Windows, `~/Library/Application Support/zonewright` on macOS, `$XDG_STATE_HOME/zonewright`
/// (`~/.local/state/zonewright`) elsewhere. `None` when the OS names no such folder (no home
/// folder): then there is no recovery and no locks, and the designer says so.
pub(crate) fn state_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("ZONEWRIGHT_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let base = directories::BaseDirs::new()?;
    // only Linux (XDG) has a state folder of its own; elsewhere it is the local data folder
    let dir = base.state_dir().unwrap_or_else(|| base.data_local_dir());
    Some(dir.join("zonewright"))
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

/// A project read back from a recovery file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub project: Project,
    /// The file the project was opened from or last saved to, if any.
    pub source: Option<PathBuf>,
    /// When the recovery was written, seconds since 1970-01-01 UTC.
    pub saved_at_unix: u64,
    /// The recovery file it was read from.
    pub file: PathBuf,
    /// The document key in the recovery file's name; `None` for the single `recovery.ron` of
    /// earlier versions.
    pub key: Option<String>,
}

/// Why an existing recovery file cannot be used. It is reported, never silently dropped: the
/// file stays where it is until [`RecoveryStore::discard_file`] is called, so the user (or
/// support) can still rescue the text by hand.
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

/// What the panic hook needs to write a document's recovery.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotDoc {
    /// The document's key (its recovery file is `recovery-<key>.ron`).
    pub key: String,
    pub source: Option<PathBuf>,
    pub project: Project,
}

/// The latest unsaved project and the file it belongs to, shared with the panic hook (which
/// serialises it: cloning after each edit is much cheaper than writing text every time). The
/// designer replaces the content after each edit; holders must keep the lock briefly.
pub type Snapshot = Arc<Mutex<Option<SnapshotDoc>>>;

/// Most recovery files looked at in one state folder.
const MAX_RECOVERY_FILES: usize = 1_000;

/// The state folder holding one recovery file per document: `recovery-<key>.ron`, where the
/// key is derived from the document's path ([`super::lock::key_for_path`]) or random for an
/// untitled document. Each file is written and removed only by the instance that owns the
/// document (it holds the lock of the same key).
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
    pub(crate) fn default_location() -> Option<Self> {
        state_dir().map(RecoveryStore::new)
    }

    /// The state folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The single recovery file written by earlier versions: still read (and offered) once.
    pub fn path(&self) -> PathBuf {
        self.dir.join(RECOVERY_FILE)
    }

    /// The recovery file of the document with `key`.
    pub fn file_for(&self, key: &str) -> PathBuf {
        self.dir.join(format!("recovery-{key}.ron"))
    }

    /// Writes `project` as a recovery of its own (keyed by `source`, or a new untitled key)
    /// and returns the key. Tests use it to leave work behind as a crashed window would.
    pub fn write(&self, project: &Project, source: Option<&Path>) -> Result<String, SaveError> {
        let key = match source {
            Some(p) => super::lock::key_for_path(p),
            None => super::lock::fresh_key(None),
        };
        self.write_for(&key, project, source)?;
        Ok(key)
    }

    /// Writes `project` as the recovery of `key`, atomically (a crash while writing leaves the
    /// previous recovery intact).
    pub(crate) fn write_for(
        &self,
        key: &str,
        project: &Project,
        source: Option<&Path>,
    ) -> Result<(), SaveError> {
        let text = super::to_string(project).map_err(|e| e.at(&self.file_for(key)))?;
        self.write_text_for(key, &text, source)
    }

    /// Writes already serialised project text as the recovery of `key`. Never panics, so it
    /// is safe to call from the panic hook.
    pub(crate) fn write_text_for(
        &self,
        key: &str,
        project_text: &str,
        source: Option<&Path>,
    ) -> Result<(), SaveError> {
        let path = self.file_for(key);
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

    /// Every recovery left behind: the recovery files whose document is not open in a running
    /// instance (its lock is missing or stale; `me`'s own locks do not count), and the
    /// `recovery.ron` of earlier versions. Newest first; unreadable files after the readable
    /// ones. No state folder is an empty list.
    pub(crate) fn find_all(
        &self,
        me: Option<&super::lock::Owner>,
    ) -> Vec<Result<Recovered, RecoveryError>> {
        let mut found = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            let keyed = entries.flatten().filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let key = name.strip_prefix("recovery-")?.strip_suffix(".ron")?;
                Some((e.path(), key.to_owned()))
            });
            for (path, key) in keyed.take(MAX_RECOVERY_FILES) {
                if !super::lock::held_by_other(&self.dir, &key, me) {
                    found.push(read_recovery(&path, Some(key)));
                }
            }
        }
        let legacy = self.path();
        if std::fs::symlink_metadata(&legacy).is_ok() {
            found.push(read_recovery(&legacy, None));
        }
        found.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => b
                .saved_at_unix
                .cmp(&a.saved_at_unix)
                .then(a.file.cmp(&b.file)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(a), Err(b)) => a.path.cmp(&b.path),
        });
        found
    }

    /// The newest recovery left behind, or the first unreadable one when none is readable.
    pub fn find(&self) -> Result<Option<Recovered>, RecoveryError> {
        self.find_all(None).into_iter().next().transpose()
    }

    /// Removes the recovery of `key` and its backup.
    pub(crate) fn discard_key(&self, key: &str) {
        self.discard_file(&self.file_for(key));
    }

    /// Removes one recovery file and its backup; a missing file is not an error, other failures
    /// are ignored (the worst case is the same offer again at the next start).
    pub fn discard_file(&self, file: &Path) {
        let _ = std::fs::remove_file(super::backup_path(file));
        let _ = std::fs::remove_file(file);
    }
}

/// Reads one recovery file.
fn read_recovery(path: &Path, key: Option<String>) -> Result<Recovered, RecoveryError> {
    let err = |problem: String| RecoveryError {
        path: path.to_owned(),
        problem,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        return Err(err("it is not a regular file".to_owned()));
    }
    if meta.len() > MAX_RECOVERY_BYTES {
        return Err(err(format!(
            "it is {} bytes long, more than any project can need",
            meta.len()
        )));
    }
    // however long the file system says it is, never read more than a recovery can be
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            f.take(MAX_RECOVERY_BYTES + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| err(format!("cannot read it: {e}")))?;
    if bytes.len() as u64 > MAX_RECOVERY_BYTES {
        return Err(err("it is longer than any project can need".to_owned()));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| err("it is not UTF-8 text".to_owned()))?;
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
    Ok(Recovered {
        project,
        source: file.source.map(PathBuf::from),
        saved_at_unix: file.saved_at_unix,
        file: path.to_owned(),
        key,
    })
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
            && let Some(doc) = guard.as_ref()
        {
            let _ = store.write_for(&doc.key, &doc.project, doc.source.as_deref());
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
        let key = store.write(&project(), Some(source)).expect("write");
        assert!(key.starts_with('f'), "{key}");
        let r = store.find().expect("readable").expect("present");
        assert_eq!(r.project, project());
        assert_eq!(r.source.as_deref(), Some(source));
        assert_eq!(r.key.as_deref(), Some(key.as_str()));
        assert_eq!(r.file, store.file_for(&key));
        assert!(r.saved_at_unix > 0);
        store.discard_key(&key);

        store
            .write_text_for(
                "uabc",
                &crate::file::to_string(&project()).expect("serialise"),
                None,
            )
            .expect("write text");
        let r = store.find().expect("readable").expect("present");
        assert_eq!(r.project, project());
        assert_eq!(r.source, None);
        assert_eq!(r.key.as_deref(), Some("uabc"));
    }

    #[test]
    fn missing_recovery_is_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path().join("never-created"));
        assert_eq!(store.find(), Ok(None));
        assert!(store.find_all(None).is_empty());
    }

    #[test]
    fn every_document_has_its_own_recovery_and_discarding_one_keeps_the_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path());
        let a = store
            .write(&project(), Some(Path::new("/plants/a.ron")))
            .expect("a");
        let b = store
            .write(&project(), Some(Path::new("/plants/b.ron")))
            .expect("b");
        let u1 = store.write(&project(), None).expect("untitled");
        let u2 = store.write(&project(), None).expect("untitled");
        assert_eq!(
            [&a, &b, &u1, &u2]
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
            4
        );
        assert_eq!(store.find_all(None).len(), 4);
        store
            .write_for(&a, &project(), Some(Path::new("/plants/a.ron")))
            .expect("write again, keeping a .bak");
        store.discard_key(&a);
        assert!(!store.file_for(&a).exists());
        assert!(!crate::file::backup_path(&store.file_for(&a)).exists());
        let left: Vec<_> = store
            .find_all(None)
            .into_iter()
            .map(|r| r.expect("readable").key.expect("keyed"))
            .collect();
        assert_eq!(left.len(), 3);
        assert!(!left.contains(&a));
        store.discard_key(&a);
    }

    #[test]
    fn the_recovery_of_a_document_open_in_a_running_instance_is_not_offered() {
        use crate::file::lock::{HeldLock, Owner};
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path());
        let (other, me) = (Owner::new_instance(), Owner::new_instance());
        let key = store.write(&project(), None).expect("write");
        let held = HeldLock::acquire(dir.path(), &key, &other, None).expect("lock");
        assert!(
            store.find_all(Some(&me)).is_empty(),
            "the other one is live"
        );
        assert_eq!(
            store.find_all(Some(&other)).len(),
            1,
            "its own lock does not hide it"
        );
        drop(held);
        assert_eq!(store.find_all(Some(&me)).len(), 1, "released: left behind");
    }

    #[test]
    fn the_single_recovery_file_of_earlier_versions_is_offered_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = RecoveryStore::new(dir.path());
        let text = crate::file::to_string(&project()).expect("serialise");
        let old = format!(
            "(format: \"zonewright-recovery\", version: 1, source: Some(\"/plants/old.ron\"), saved_at_unix: 5, project_text: {text:?})"
        );
        std::fs::write(store.path(), old).expect("write the old file");
        store.write(&project(), None).expect("a new one");
        let all = store.find_all(None);
        assert_eq!(all.len(), 2);
        let legacy = all[1].as_ref().expect("readable");
        assert_eq!(legacy.key, None, "the oldest, and not keyed");
        assert_eq!(legacy.file, store.path());
        assert_eq!(legacy.source.as_deref(), Some(Path::new("/plants/old.ron")));
        store.discard_file(&legacy.file);
        assert!(!store.path().exists());
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
        for file in [store.path(), store.file_for("u0123")] {
            for (bytes, expected) in cases {
                std::fs::write(&file, bytes).expect("write corrupt file");
                let e = store.find().expect_err("corrupt file is an error");
                let shown = e.to_string();
                assert!(shown.contains(expected), "{shown}");
                assert!(shown.contains(&file.display().to_string()), "{shown}");
                assert!(file.exists(), "a corrupt recovery is not deleted");
            }
            store.discard_file(&file);
        }
    }
}
