//! Advisory locks: a small file in the state folder saying "this document is open in a running
//! zonewright" (process id, host, instance), and the keys that name a document's lock and
//! recovery files.

use super::SaveError;
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The value of the `format` field of every lock file.
pub const LOCK_FORMAT: &str = "zonewright-lock";
/// The lock file format version.
pub const LOCK_VERSION: u32 = 1;
/// How often a running instance refreshes the modification time of its lock files.
pub const LOCK_HEARTBEAT: Duration = Duration::from_secs(60);
/// Where a process cannot be asked whether it runs (another host, no `/proc`), a lock whose
/// file was not refreshed for this long is stale.
pub const LOCK_STALE_AFTER: Duration = Duration::from_secs(300);
/// Lock files larger than this are not lock files (and are treated as stale).
const MAX_LOCK_BYTES: u64 = 16 * 1024;

/// Who holds a lock: a process on a host, and one designer instance inside it (tests run two
/// designers in one process; each has its own instance number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub pid: u32,
    pub host: String,
    pub instance: u64,
}

impl Owner {
    /// A new instance of this process on this host.
    pub fn new_instance() -> Owner {
        let instance = random_u64();
        if let Ok(mut mine) = INSTANCES.lock() {
            mine.push(instance);
        }
        Owner {
            pid: std::process::id(),
            host: host_name(),
            instance,
        }
    }
}

/// The instances made in this process. A lock naming this process's id but none of these was
/// left by an earlier process whose id the system has given to this one (Windows, and Wine
/// even more, reuse ids soon).
static INSTANCES: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());

/// A random number from the standard library's per-process random hasher keys.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    h.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// This computer's name, as well as it can be found without a system call.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        for f in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
            if let Ok(s) = std::fs::read_to_string(f) {
                let s = s.trim();
                if !s.is_empty() && s.len() < 256 {
                    return s.to_owned();
                }
            }
        }
        std::env::var("HOSTNAME").unwrap_or_else(|_| "unknown".to_owned())
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").unwrap_or_else(|_| "unknown".to_owned())
    }
}

/// Whether a process of this host runs: `Some(answer)` where the system can tell (Linux:
/// `/proc/<pid>`; Windows: the process's exit code), `None` elsewhere (macOS; then the lock
/// file's heartbeat decides).
pub fn pid_alive(pid: u32) -> Option<bool> {
    #[cfg(target_os = "linux")]
    {
        Some(Path::new("/proc").join(pid.to_string()).exists())
    }
    #[cfg(windows)]
    {
        windows_pid_alive(pid)
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    {
        let _ = pid;
        None
    }
}

/// Windows: a process that cannot be opened because there is none with this id is gone; one
/// that can be opened runs while its exit code is `STILL_ACTIVE`; any other failure (access
/// denied) cannot tell.
#[cfg(windows)]
fn windows_pid_alive(pid: u32) -> Option<bool> {
    use windows_sys::Win32::Foundation::{
        CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: the handle is checked before use and closed once; `code` outlives the call.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            return (GetLastError() == ERROR_INVALID_PARAMETER).then_some(false);
        }
        let mut code = 0u32;
        let ok = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        (ok != 0).then_some(code == STILL_ACTIVE as u32)
    }
}

/// The key of a project file: `f` and 16 hex digits of the SHA-256 of its canonical path (the
/// path as given, made absolute, when it cannot be canonicalised).
pub fn key_for_path(path: &Path) -> String {
    use sha2::Digest;
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_owned())
    });
    let text = canonical.to_string_lossy();
    // Windows file names ignore case
    #[cfg(windows)]
    let text = text.to_lowercase();
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut key = String::from("f");
    for b in &digest[..8] {
        key.push_str(&format!("{b:02x}"));
    }
    key
}

/// A new key for a document that has no file yet (or a second copy of one): `u` or `<base>-`
/// followed by 16 random hex digits.
pub(crate) fn fresh_key(base: Option<&str>) -> String {
    match base {
        Some(b) => format!("{b}-{:016x}", random_u64()),
        None => format!("u{:016x}", random_u64()),
    }
}

/// The lock file of a key in a state folder.
pub fn lock_file(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("lock-{key}.ron"))
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockData {
    format: String,
    version: u32,
    owner: Owner,
    /// The document's file, for the message shown to the other window.
    path: Option<String>,
    since_unix: u64,
}

/// What a lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockInfo {
    pub owner: Owner,
    pub path: Option<PathBuf>,
    /// When the lock was taken, seconds since 1970-01-01 UTC.
    pub since_unix: u64,
    /// The lock file.
    pub file: PathBuf,
    /// The lock file's last heartbeat.
    pub modified: Option<SystemTime>,
}

/// Reads a lock file; `None` when it is missing or is not a lock file (an unreadable lock is
/// treated as no lock: it cannot name a running owner).
pub fn read_lock(file: &Path) -> Option<LockInfo> {
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.len() > MAX_LOCK_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let data: LockData = super::ron_options().from_str(&text).ok()?;
    if data.format != LOCK_FORMAT || data.version != LOCK_VERSION {
        return None;
    }
    Some(LockInfo {
        owner: data.owner,
        path: data.path.map(PathBuf::from),
        since_unix: data.since_unix,
        file: file.to_owned(),
        modified: meta.modified().ok(),
    })
}

impl LockInfo {
    /// Whether the owner still runs: on this host, its process is asked where the system can
    /// tell; otherwise the lock counts as live while its heartbeat is recent.
    pub(crate) fn is_live(&self) -> bool {
        if self.owner.host == host_name() {
            if self.owner.pid == std::process::id() {
                return INSTANCES
                    .lock()
                    .map_or(true, |mine| mine.contains(&self.owner.instance));
            }
            if let Some(alive) = pid_alive(self.owner.pid) {
                return alive;
            }
        }
        self.modified
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_none_or(|age| age < LOCK_STALE_AFTER)
    }
}

/// Live locks on the file with key `path_key` held by anyone but `me` (its own lock and the
/// locks of windows that opened it anyway, `<key>-<suffix>`).
pub(crate) fn live_holders(dir: &Path, path_key: &str, me: &Owner) -> Vec<LockInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let exact = format!("lock-{path_key}.ron");
    let prefix = format!("lock-{path_key}-");
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name == exact || (name.starts_with(&prefix) && name.ends_with(".ron"))
        })
        .filter_map(|e| read_lock(&e.path()))
        .filter(|l| &l.owner != me && l.is_live())
        .collect()
}

/// Whether the lock of `key` is held by a running instance other than `me`.
pub(crate) fn held_by_other(dir: &Path, key: &str, me: Option<&Owner>) -> bool {
    read_lock(&lock_file(dir, key)).is_some_and(|l| Some(&l.owner) != me && l.is_live())
}

/// A lock this instance holds; removed when dropped (if it still names this instance).
#[derive(Debug)]
pub struct HeldLock {
    file: PathBuf,
    owner: Owner,
    /// The document's file, written into the lock again when the heartbeat puts it back.
    path: Option<PathBuf>,
    pub key: String,
}

impl HeldLock {
    /// Writes the lock of `key` for `owner`, replacing a stale one.
    pub fn acquire(
        dir: &Path,
        key: &str,
        owner: &Owner,
        path: Option<&Path>,
    ) -> Result<HeldLock, SaveError> {
        let file = lock_file(dir, key);
        std::fs::create_dir_all(dir).map_err(|e| SaveError {
            path: file.clone(),
            message: format!("cannot create the folder {}: {e}", dir.display()),
        })?;
        let data = LockData {
            format: LOCK_FORMAT.to_owned(),
            version: LOCK_VERSION,
            owner: owner.clone(),
            path: path.map(|p| p.to_string_lossy().into_owned()),
            since_unix: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let text = ron::ser::to_string(&data).map_err(|e| SaveError {
            path: file.clone(),
            message: format!("cannot serialise the lock: {e}"),
        })?;
        super::replace_atomic(&file, text.as_bytes())?;
        Ok(HeldLock {
            file,
            owner: owner.clone(),
            path: path.map(Path::to_owned),
            key: key.to_owned(),
        })
    }

    /// The lock file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Refreshes the lock file's modification time (the heartbeat); puts it back if someone
    /// removed it.
    pub fn heartbeat(&self) {
        let touched = std::fs::OpenOptions::new()
            .write(true)
            .open(&self.file)
            .and_then(|f| f.set_modified(SystemTime::now()));
        let lost = touched.is_err() || read_lock(&self.file).is_none_or(|l| l.owner != self.owner);
        if lost && let Some(dir) = self.file.parent() {
            let _ = HeldLock::acquire(dir, &self.key, &self.owner, self.path.as_deref())
                .map(std::mem::forget);
        }
    }
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        if read_lock(&self.file).is_none_or(|l| l.owner == self.owner) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_seen_by_others_not_by_its_owner_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (Owner::new_instance(), Owner::new_instance());
        assert_ne!(a, b);
        let file = dir.path().join("plant.ron");
        std::fs::write(&file, "x").expect("write");
        let key = key_for_path(&file);
        assert_eq!(key, key_for_path(&dir.path().join(".").join("plant.ron")));
        let held = HeldLock::acquire(dir.path(), &key, &a, Some(&file)).expect("lock");
        assert!(live_holders(dir.path(), &key, &a).is_empty());
        let others = live_holders(dir.path(), &key, &b);
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].owner, a);
        assert_eq!(others[0].path.as_deref(), Some(file.as_path()));
        held.heartbeat();
        assert!(held_by_other(dir.path(), &key, Some(&b)));
        drop(held);
        assert!(!lock_file(dir.path(), &key).exists());
        assert!(live_holders(dir.path(), &key, &b).is_empty());
    }

    #[test]
    fn a_lock_of_a_dead_process_is_stale_and_garbage_is_no_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dead = Owner {
            // above the kernel's pid_max on Linux: never a running process
            pid: 4_194_304 + 17,
            host: host_name(),
            instance: 1,
        };
        let held = HeldLock::acquire(dir.path(), "fabc", &dead, None).expect("lock");
        std::mem::forget(held);
        let info = read_lock(&lock_file(dir.path(), "fabc")).expect("readable");
        if pid_alive(1).is_some() {
            assert!(!info.is_live(), "dead pid on this host");
        }
        std::fs::write(lock_file(dir.path(), "fdef"), "garbage").expect("write");
        assert_eq!(read_lock(&lock_file(dir.path(), "fdef")), None);
        let me = Owner::new_instance();
        assert!(!held_by_other(dir.path(), "fdef", Some(&me)));
    }

    /// Where the owner's process cannot be asked (another host; macOS), the lock file's
    /// modification time decides: live while it is younger than `LOCK_STALE_AFTER`, which the
    /// owner's heartbeat keeps it; the heartbeat also puts back a lock someone removed.
    #[test]
    fn without_a_process_to_ask_the_heartbeat_decides() {
        let dir = tempfile::tempdir().expect("tempdir");
        let remote = Owner {
            pid: std::process::id(),
            host: format!("{}-elsewhere", host_name()),
            instance: 7,
        };
        let me = Owner::new_instance();
        let path = dir.path().join("plant.ron");
        let held = HeldLock::acquire(dir.path(), "fabc", &remote, Some(&path)).expect("lock");
        let file = lock_file(dir.path(), "fabc");
        assert!(read_lock(&file).expect("readable").is_live(), "just taken");
        assert!(held_by_other(dir.path(), "fabc", Some(&me)));

        let set_age = |age: Duration| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(&file)
                .and_then(|f| f.set_modified(SystemTime::now() - age))
                .expect("set the modification time");
        };
        set_age(LOCK_STALE_AFTER - Duration::from_secs(30));
        assert!(
            read_lock(&file).expect("readable").is_live(),
            "a heartbeat missed: still live"
        );
        set_age(LOCK_STALE_AFTER + Duration::from_secs(30));
        assert!(
            !read_lock(&file).expect("readable").is_live(),
            "no heartbeat: stale"
        );
        assert!(!held_by_other(dir.path(), "fabc", Some(&me)));
        assert!(live_holders(dir.path(), "fabc", &me).is_empty());

        held.heartbeat();
        let info = read_lock(&file).expect("readable");
        assert!(info.is_live(), "the heartbeat made it live again");
        assert_eq!(info.owner, remote);
        assert_eq!(live_holders(dir.path(), "fabc", &me).len(), 1);

        std::fs::remove_file(&file).expect("remove");
        held.heartbeat();
        let info = read_lock(&file).expect("the heartbeat put it back");
        assert_eq!(info.owner, remote);
        assert_eq!(
            info.path.as_deref(),
            Some(path.as_path()),
            "with the document's path"
        );
        assert!(info.is_live());
        drop(held);
        assert!(!file.exists(), "released on drop");
    }

    #[test]
    fn a_lock_naming_this_process_but_none_of_its_instances_is_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let earlier = Owner {
            pid: std::process::id(),
            host: host_name(),
            instance: 42,
        };
        std::mem::forget(HeldLock::acquire(dir.path(), "fabc", &earlier, None).expect("lock"));
        let me = Owner::new_instance();
        assert!(
            !read_lock(&lock_file(dir.path(), "fabc"))
                .expect("readable")
                .is_live()
        );
        assert!(!held_by_other(dir.path(), "fabc", Some(&me)));
        let other = Owner::new_instance();
        let held = HeldLock::acquire(dir.path(), "fdef", &other, None).expect("lock");
        assert!(
            held_by_other(dir.path(), "fdef", Some(&me)),
            "an instance of this process"
        );
        drop(held);
    }

    #[test]
    fn this_process_is_alive_where_the_system_can_tell() {
        if let Some(alive) = pid_alive(std::process::id()) {
            assert!(alive);
        }
        #[cfg(any(target_os = "linux", windows))]
        assert_eq!(pid_alive(std::process::id()), Some(true));
    }
}
