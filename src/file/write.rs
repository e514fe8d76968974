//! Writing files: project text, and the atomic replace behind every save (temporary file,
//! fsync, rename), with the previous version kept as `<name>.bak` written the same way, the
//! file's permissions and owner kept, symbolic links saved through, and leftovers of
//! interrupted saves removed. The rules are in `docs/files.md`, section "Saving".

use super::{FORMAT, SaveError, VERSION};
use crate::model::Project;
use serde::Serialize;
use std::ffi::{OsStr, OsString};
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    project: &'a Project,
}

/// Nesting depth up to which `to_string` puts every field on its own line: the file, the
/// project, the list of zones, a zone, and the fields of a zone.
const FILE_DEPTH_LIMIT: usize = 5;

/// Why a project could not be turned into file text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the project cannot be written as text: {message}")]
pub struct SerializeError {
    pub message: String,
}

impl SerializeError {
    /// This error as the failure to save `path`.
    pub fn at(self, path: &Path) -> SaveError {
        SaveError {
            path: path.to_owned(),
            message: self.to_string(),
        }
    }
}

/// The project as file text: stable field and map order, so a small edit gives a small diff.
/// A serialisation failure is an error, never an empty text.
pub fn to_string(project: &Project) -> Result<String, SerializeError> {
    // Deeper than the fields of a zone or conduit, items are written one per line: an asset,
    // a requirement status, a data flow, a rectangle. That keeps diffs line-sized, and it
    // halves the size of large plants (indentation was most of their bytes) and their load
    // and save times.
    // LF on every OS (ron would write CRLF on Windows): a plant saved on Windows is the same
    // file, byte for byte, as one saved on Linux, so mixed teams get no line-ending diffs
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n".to_owned())
        .indentor("    ".to_owned())
        .struct_names(false)
        .depth_limit(FILE_DEPTH_LIMIT);
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        project,
    };
    let text = ron::ser::to_string_pretty(&out, config).map_err(|e| SerializeError {
        message: e.to_string(),
    })?;
    if text.trim().is_empty() {
        return Err(SerializeError {
            message: "the serialiser produced no text".to_owned(),
        });
    }
    Ok(text)
}

/// The name of the backup kept beside a saved file: `plant.ron` → `plant.ron.bak`. (For a
/// symbolic link, the backup is kept beside the file the link leads to.)
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// Saves atomically: writes a temporary file in the same folder, flushes it to disk, keeps the
/// previous version as `<name>.bak` (written the same way), then renames the temporary file
/// over the target. If any step fails, the file and its backup are untouched. A project that
/// cannot be serialised is an error, and nothing is written.
///
/// A project that `load` would refuse (over a limit, inconsistent) is not written: a saved file
/// always opens again. The previous file is then untouched.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    let refused = |why: String| SaveError {
        path: path.to_owned(),
        message: format!(
            "the project would be refused when opened again, so it is not saved: {why}"
        ),
    };
    super::validate(project).map_err(|e| refused(e.to_string()))?;
    let text = to_string(project);
    if let Ok(t) = &text
        && t.len() as u64 > super::MAX_FILE_BYTES
    {
        return Err(refused(
            super::LoadError::TooLarge {
                bytes: t.len() as u64,
            }
            .to_string(),
        ));
    }
    save_serialised(text, path)
}

/// Writes the result of [`to_string`]: a failed serialisation or an empty text is an error,
/// and nothing is written.
fn save_serialised(text: Result<String, SerializeError>, path: &Path) -> Result<(), SaveError> {
    let text = text.map_err(|e| e.at(path))?;
    if text.trim().is_empty() {
        return Err(SerializeError {
            message: "the text to save is empty".to_owned(),
        }
        .at(path));
    }
    write_atomic(path, text.as_bytes())
}

/// The atomic write behind [`save`], usable for any file (recovery files): the previous
/// version is kept as `<name>.bak`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_hooked(path, bytes, true, &mut NoHook)
}

/// Atomic write of a file that is produced from the project and can be made again (exported
/// PDFs): no backup of the previous version is kept.
pub(crate) fn replace_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_hooked(path, bytes, false, &mut NoHook)
}

/// The steps of an atomic write, in order, as a [`Hook`] sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Creating the temporary file of the new version.
    CreateTemp,
    /// Writing chunk `n` (from 0) of the new version to the temporary file.
    WriteTemp(usize),
    /// Flushing the temporary file to disk.
    SyncTemp,
    /// Creating the temporary file of the backup.
    CreateBackupTemp,
    /// Copying chunk `n` of the previous version into the backup's temporary file.
    CopyBackup(usize),
    /// Flushing the backup's temporary file to disk.
    SyncBackup,
    /// Renaming the backup's temporary file over `<name>.bak`.
    RenameBackup,
    /// Renaming the temporary file over the file.
    RenameTemp,
    /// Syncing the folder (after each rename); a failure here is not an error.
    SyncDir,
}

/// A seam for tests: called before every step of an atomic write. An error fails the step as
/// the real operation would; the real writes go through [`Hook::write_chunk`].
pub(crate) trait Hook {
    fn before(&mut self, step: Step) -> io::Result<()>;

    /// Writes one chunk of a temporary file (of the new version or of the backup).
    fn write_chunk(&mut self, file: &mut File, chunk: &[u8]) -> io::Result<()> {
        file.write_all(chunk)
    }
}

struct NoHook;

impl Hook for NoHook {
    fn before(&mut self, _step: Step) -> io::Result<()> {
        Ok(())
    }
}

/// Files are written and copied in chunks of this size (each one a [`Step`]).
pub(crate) const CHUNK: usize = 64 * 1024;

/// Leftover temporary files that cannot be locked (file systems without locks) are removed
/// once they are older than this.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Most symbolic links followed from a project path to the file.
const MAX_LINKS: usize = 40;

/// A temporary file, removed when dropped unless it was renamed into place.
struct Temp {
    path: PathBuf,
    file: File,
    renamed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// `.<name>.tmp-`: the start of the name of every temporary file of `name`.
fn temp_prefix(name: &OsStr) -> String {
    format!(".{}.tmp-", name.to_string_lossy())
}

impl Temp {
    /// Creates `.<name>.tmp-<pid>-<n>` in `dir`: exclusively (never an existing file or link),
    /// private (mode 0600) until it gets its final mode, and locked while this save runs, so
    /// that another save's clean-up knows it is in use.
    fn create(dir: &Path, name: &OsStr) -> io::Result<Temp> {
        // process id and a counter: two threads (say, a save and the panic hook) never share one
        static NEXT_TMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT_TMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut tmp_name = OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".tmp-{}-{n}", std::process::id()));
        let path = dir.join(tmp_name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path)?;
        // a file system without locks only loses the protection from a concurrent clean-up
        let _ = file.try_lock();
        Ok(Temp {
            path,
            file,
            renamed: false,
        })
    }
}

/// The folder of `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The file a path finally names: symbolic links followed (a link whose target does not exist
/// gives that target; the save refuses it), everything else as it is.
fn final_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    parent_dir(&p).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links lead to the file"
    )))
}

/// Whether `entry` is the name of a temporary file of `name` or of its backup:
/// `.<name>.tmp-<pid>-<n>` or `.<name>.bak.tmp-<pid>-<n>`.
fn is_temp_of(entry: &str, name: &OsStr) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut backup = name.to_owned();
    backup.push(".bak");
    [temp_prefix(name), temp_prefix(&backup)]
        .iter()
        .any(|prefix| {
            entry
                .strip_prefix(prefix.as_str())
                .and_then(|rest| rest.split_once('-'))
                .is_some_and(|(pid, n)| digits(pid) && digits(n))
        })
}

/// Whether a leftover temporary file is still being written by a running save: that save
/// holds a lock on it (a process that died holds none). Where locks do not work, a file
/// younger than [`LEFTOVER_AGE`] counts as in use.
fn in_use(path: &Path) -> bool {
    let young = || {
        std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age < LEFTOVER_AGE)
    };
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => match f.try_lock() {
            Ok(()) => false,
            Err(std::fs::TryLockError::WouldBlock) => true,
            Err(std::fs::TryLockError::Error(_)) => young(),
        },
        Err(_) => young(),
    }
}

/// Removes the temporary files of interrupted saves of `name` in `dir` (see [`is_temp_of`]),
/// unless a running save is writing them. Only regular files are removed; failures are
/// ignored (the save itself does not depend on them).
fn remove_leftovers(dir: &Path, name: &OsStr) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        if !is_temp_of(&entry_name.to_string_lossy(), name) {
            continue;
        }
        let path = entry.path();
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        if regular && !in_use(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The mode a new file gets here: 0666 less the umask (read on Linux; 022 assumed elsewhere).
#[cfg(unix)]
fn default_mode() -> u32 {
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    0o666 & !umask
}

/// Gives a temporary file the owner (where the system allows: as root, or the same user
/// keeping a group it belongs to) and permissions of `like`, or the default mode for a new
/// file. A file system that keeps no permissions (FAT, some network shares) is not an error.
#[cfg(unix)]
fn set_owner_and_mode(file: &File, like: Option<&Metadata>) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    let mode = match like {
        Some(m) => {
            let mine = file.metadata().ok();
            if mine.is_none_or(|mine| mine.uid() != m.uid() || mine.gid() != m.gid())
                && fchown(file, Some(m.uid()), Some(m.gid())).is_err()
            {
                let _ = fchown(file, None, Some(m.gid()));
            }
            m.mode() & 0o7777
        }
        None => default_mode(),
    };
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

/// Windows: a new file gets the folder's permissions; nothing to copy.
#[cfg(not(unix))]
fn set_owner_and_mode(_file: &File, _like: Option<&Metadata>) {}

/// Syncs the folder, so that a rename in it is durable; a folder that cannot be synced (some
/// network file systems, Windows) is not an error: the file is in place either way.
fn sync_dir(dir: &Path, hook: &mut dyn Hook) {
    if hook.before(Step::SyncDir).is_ok()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// The atomic write with a [`Hook`] before every step; `keep_backup` keeps the previous
/// version as `<name>.bak`.
pub(crate) fn write_atomic_hooked(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    hook: &mut dyn Hook,
) -> Result<(), SaveError> {
    let err = |message: String| SaveError {
        path: path.to_owned(),
        message,
    };
    let target =
        final_target(path).map_err(|e| err(format!("cannot follow the symbolic link: {e}")))?;
    // a link whose file is gone (a file replaced by a dangling link) is not followed: the save
    // would create a file somewhere the user never chose
    if target != path && std::fs::symlink_metadata(&target).is_err() {
        return Err(err(format!(
            "it is a symbolic link to {}, which does not exist; nothing was written (remove the link, or save under another name)",
            target.display()
        )));
    }
    let dir = parent_dir(&target);
    let name = target
        .file_name()
        .ok_or_else(|| err("the path has no file name".to_owned()))?
        .to_owned();
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_file() => Some(m),
        Ok(_) => {
            return Err(err(
                "it is not a regular file (a folder, pipe, device or socket is there); nothing was written"
                    .to_owned(),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(format!("cannot read what is there now: {e}"))),
    };
    remove_leftovers(&dir, &name);

    let mut tmp = hook
        .before(Step::CreateTemp)
        .and_then(|()| Temp::create(&dir, &name))
        .map_err(|e| {
            err(format!(
                "creating the temporary file in {} failed: {e}",
                dir.display()
            ))
        })?;
    let written = (|| -> io::Result<()> {
        for (n, chunk) in bytes.chunks(CHUNK).enumerate() {
            hook.before(Step::WriteTemp(n))?;
            hook.write_chunk(&mut tmp.file, chunk)?;
        }
        hook.before(Step::SyncTemp)?;
        tmp.file.sync_all()
    })();
    // on every error from here on, dropping `tmp` removes the temporary file
    written.map_err(|e| {
        err(format!(
            "writing the temporary file {} failed: {e}",
            tmp.path.display()
        ))
    })?;

    if keep_backup && let Some(meta) = &existing {
        write_backup(&target, &dir, meta, hook).map_err(|e| {
            err(format!(
                "keeping the previous version as a backup failed: {e}"
            ))
        })?;
        sync_dir(&dir, hook);
    }

    // private until now; the owner and mode are metadata, made durable by the folder sync
    set_owner_and_mode(&tmp.file, existing.as_ref());
    hook.before(Step::RenameTemp)
        .and_then(|()| std::fs::rename(&tmp.path, &target))
        .map_err(|e| err(format!("replacing the file failed: {e}")))?;
    tmp.renamed = true;
    sync_dir(&dir, hook);
    Ok(())
}

/// Copies the current `target` to `<target>.bak` the way the file itself is saved: into a new
/// temporary file (with the file's owner and mode), flushed to disk, renamed over the backup.
/// The rename replaces whatever is at the backup path (a symbolic link is replaced, never
/// followed); a folder there fails the save.
fn write_backup(target: &Path, dir: &Path, meta: &Metadata, hook: &mut dyn Hook) -> io::Result<()> {
    let bak = backup_path(target);
    let bak_name = bak
        .file_name()
        .ok_or_else(|| io::Error::other("the backup path has no file name"))?;
    let mut from = File::open(target)?;
    hook.before(Step::CreateBackupTemp)?;
    let mut t = Temp::create(dir, bak_name)?;
    let mut buf = vec![0; CHUNK];
    for n in 0.. {
        hook.before(Step::CopyBackup(n))?;
        let got = read_full(&mut from, &mut buf)?;
        if got == 0 {
            break;
        }
        hook.write_chunk(&mut t.file, &buf[..got])?;
    }
    hook.before(Step::SyncBackup)?;
    t.file.sync_all()?;
    set_owner_and_mode(&t.file, Some(meta));
    hook.before(Step::RenameBackup)?;
    std::fs::rename(&t.path, &bak)?;
    t.renamed = true;
    Ok(())
}

/// Reads until `buf` is full or the file ends; the number of bytes read.
fn read_full(from: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match from.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

#[cfg(test)]
mod tests;
