//! Changed on disk: what a document loaded or last saved (size, modification time, content
//! hash), and a check whether the file still holds it.

use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

/// The state of a project file when it was loaded or saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// SHA-256 of the content.
    pub hash: [u8; 32],
}

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskCheck {
    /// Size and modification time are as stamped (and, for a full check, the content).
    Unchanged,
    /// The metadata changed but the content is the same (a `touch`, a checkout of the same
    /// text): the new stamp.
    Touched(DiskStamp),
    /// The content differs: the stamp of what is there now.
    Changed(DiskStamp),
    /// No file at the path any more.
    Missing,
    /// The file cannot be read now (what the system said).
    Unreadable(String),
}

impl DiskStamp {
    /// Stamps the file at `path`. Only regular files are read (a FIFO would block); at most
    /// [`super::MAX_FILE_BYTES`] + 1 bytes are hashed, whatever the metadata says.
    pub fn read(path: &Path) -> std::io::Result<DiskStamp> {
        use sha2::Digest;
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        let mut f = std::fs::File::open(path)?.take(super::MAX_FILE_BYTES + 1);
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut len = 0u64;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            len += n as u64;
            hasher.update(&buf[..n]);
        }
        Ok(DiskStamp {
            len,
            modified: meta.modified().ok(),
            hash: hasher.finalize().into(),
        })
    }
}

/// Compares the file at `path` with `stamp`. A quick check reads only the metadata while size
/// and modification time are unchanged; a full check (before saving) always hashes the content.
pub fn check(path: &Path, stamp: &DiskStamp, full: bool) -> DiskCheck {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return DiskCheck::Missing,
        Err(e) => return DiskCheck::Unreadable(e.to_string()),
    };
    if !full && meta.len() == stamp.len && meta.modified().ok() == stamp.modified {
        return DiskCheck::Unchanged;
    }
    match DiskStamp::read(path) {
        Ok(now) if now.hash == stamp.hash => {
            if now.modified == stamp.modified && now.len == stamp.len {
                DiskCheck::Unchanged
            } else {
                DiskCheck::Touched(now)
            }
        }
        Ok(now) => DiskCheck::Changed(now),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => DiskCheck::Missing,
        Err(e) => DiskCheck::Unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_found_and_a_touch_is_not_a_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plant.ron");
        std::fs::write(&path, "one").expect("write");
        let stamp = DiskStamp::read(&path).expect("stamp");
        assert_eq!(stamp.len, 3);
        assert_eq!(check(&path, &stamp, false), DiskCheck::Unchanged);
        assert_eq!(check(&path, &stamp, true), DiskCheck::Unchanged);

        // same text, other modification time
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        f.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000))
            .expect("set mtime");
        drop(f);
        assert!(matches!(check(&path, &stamp, false), DiskCheck::Touched(_)));

        // other text of the same length, the old modification time: only a full check sees it
        std::fs::write(&path, "two").expect("write");
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        if let Some(m) = stamp.modified {
            f.set_modified(m).expect("set mtime");
        }
        drop(f);
        assert_eq!(check(&path, &stamp, false), DiskCheck::Unchanged);
        assert!(matches!(check(&path, &stamp, true), DiskCheck::Changed(_)));

        std::fs::remove_file(&path).expect("remove");
        assert_eq!(check(&path, &stamp, false), DiskCheck::Missing);
        assert!(
            DiskStamp::read(dir.path()).is_err(),
            "a folder is not stamped"
        );
    }
}
