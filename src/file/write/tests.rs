//! The write path under faults: every step of a save is made to fail in turn, and a writer on
//! `/dev/full` gives a real "no space left"; each time the file and its backup stay exactly
//! as they were and no temporary file is left behind.

use super::*;
use crate::model::{Rect, Zone, ZoneId, ZoneKind};

/// A project whose text spans several chunks, so that writes and copies take several steps.
fn project(title: &str) -> Project {
    let mut p = Project::default();
    p.meta.title = title.to_owned();
    for i in 0..1500 {
        p.zones.push(Zone::new(
            ZoneId(i + 1),
            format!("zone {i} of {title}"),
            ZoneKind::Control,
            Rect::new(i as f32 * 10.0, 0.0, 5.0, 5.0),
        ));
    }
    p
}

fn text(title: &str) -> Vec<u8> {
    to_string(&project(title)).expect("serialise").into_bytes()
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    names.sort();
    names
}

/// A folder with `plant.ron` holding "second" and `plant.ron.bak` holding "first".
fn two_versions() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    write_atomic(&path, &text("first")).expect("first save");
    write_atomic(&path, &text("second")).expect("second save");
    assert_eq!(
        std::fs::read(backup_path(&path)).expect("bak"),
        text("first")
    );
    (dir, path)
}

#[derive(Default)]
struct Record(Vec<Step>);

impl Hook for Record {
    fn before(&mut self, step: Step) -> io::Result<()> {
        self.0.push(step);
        Ok(())
    }
}

/// Fails the `n`-th step (from 0).
struct FailAt {
    n: usize,
    seen: usize,
}

impl Hook for FailAt {
    fn before(&mut self, _step: Step) -> io::Result<()> {
        self.seen += 1;
        if self.seen - 1 == self.n {
            Err(io::Error::other("injected fault"))
        } else {
            Ok(())
        }
    }
}

#[test]
fn a_save_goes_through_every_step_in_order() {
    let (_dir, path) = two_versions();
    let mut rec = Record::default();
    write_atomic_hooked(&path, &text("third"), true, &mut rec).expect("save");
    let steps = rec.0;
    let at = |s: Step| steps.iter().position(|&x| x == s).expect("step seen");
    assert!(steps.contains(&Step::WriteTemp(2)), "{steps:?}");
    assert!(steps.contains(&Step::CopyBackup(2)), "{steps:?}");
    assert!(at(Step::CreateTemp) < at(Step::WriteTemp(0)));
    assert!(at(Step::SyncTemp) < at(Step::CreateBackupTemp));
    assert!(at(Step::CopyBackup(0)) < at(Step::SyncBackup));
    assert!(at(Step::SyncBackup) < at(Step::RenameBackup));
    assert!(at(Step::RenameBackup) < at(Step::SyncDir));
    assert!(at(Step::RenameBackup) < at(Step::RenameTemp));
    assert_eq!(steps.last(), Some(&Step::SyncDir));
}

#[test]
fn a_fault_at_any_step_leaves_the_file_and_its_backup_intact() {
    let (_dir, path) = two_versions();
    let mut rec = Record::default();
    write_atomic_hooked(&path, &text("third"), true, &mut rec).expect("save");
    let steps = rec.0;
    assert!(steps.len() > 10, "{steps:?}");

    for (n, step) in steps.iter().enumerate() {
        let (dir, path) = two_versions();
        let result = write_atomic_hooked(&path, &text("third"), true, &mut FailAt { n, seen: 0 });
        if *step == Step::SyncDir {
            // the rename is done; a folder that cannot be synced is not an error
            assert!(result.is_ok(), "{step:?}: {result:?}");
        } else {
            let e = result.expect_err("the save fails");
            let message = e.to_string();
            assert!(message.contains("injected fault"), "{step:?}: {message}");
            assert!(message.contains("plant.ron"), "{step:?}: {message}");
            let main = std::fs::read(&path).expect("main");
            let bak = std::fs::read(backup_path(&path)).expect("bak");
            if *step == Step::RenameTemp {
                // the backup was already replaced by the version on disk: both complete
                assert_eq!(main, text("second"), "{step:?}");
                assert_eq!(bak, text("second"), "{step:?}");
            } else {
                assert_eq!(main, text("second"), "{step:?}: file unchanged");
                assert_eq!(bak, text("first"), "{step:?}: backup unchanged");
            }
        }
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{step:?}");
    }
}

/// Writes the chunks of one kind of step to `/dev/full`, which fails every write with
/// "no space left on device", as a full disk does.
#[cfg(target_os = "linux")]
struct FullDisk {
    backup: bool,
    current: Option<Step>,
}

#[cfg(target_os = "linux")]
impl Hook for FullDisk {
    fn before(&mut self, step: Step) -> io::Result<()> {
        self.current = Some(step);
        Ok(())
    }

    fn write_chunk(&mut self, file: &mut File, chunk: &[u8]) -> io::Result<()> {
        let full = matches!(
            (self.backup, self.current),
            (false, Some(Step::WriteTemp(_))) | (true, Some(Step::CopyBackup(_)))
        );
        if full {
            OpenOptions::new()
                .write(true)
                .open("/dev/full")?
                .write_all(chunk)
        } else {
            file.write_all(chunk)
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_while_writing_or_keeping_the_backup_changes_nothing() {
    for backup in [false, true] {
        let (dir, path) = two_versions();
        let mut hook = FullDisk {
            backup,
            current: None,
        };
        let e = write_atomic_hooked(&path, &text("third"), true, &mut hook)
            .expect_err("the save fails");
        let message = e.to_string();
        assert!(message.contains("No space left"), "{message}");
        assert_eq!(message.contains("backup"), backup, "{message}");
        assert_eq!(std::fs::read(&path).expect("main"), text("second"));
        assert_eq!(
            std::fs::read(backup_path(&path)).expect("bak"),
            text("first")
        );
        assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    }
}

#[cfg(unix)]
#[test]
fn the_temporary_file_is_private_while_it_is_written() {
    use std::os::unix::fs::PermissionsExt;
    struct Modes {
        dir: PathBuf,
        seen: Vec<u32>,
    }
    impl Hook for Modes {
        fn before(&mut self, step: Step) -> io::Result<()> {
            if let Step::WriteTemp(_) | Step::CopyBackup(_) | Step::SyncBackup = step {
                for e in std::fs::read_dir(&self.dir)? {
                    let e = e?;
                    if e.file_name().to_string_lossy().contains(".tmp-") {
                        self.seen.push(e.metadata()?.permissions().mode() & 0o777);
                    }
                }
            }
            Ok(())
        }
    }
    let (dir, path) = two_versions();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut hook = Modes {
        dir: dir.path().to_owned(),
        seen: Vec::new(),
    };
    write_atomic_hooked(&path, &text("third"), true, &mut hook).expect("save");
    assert!(!hook.seen.is_empty());
    assert!(hook.seen.iter().all(|&m| m == 0o600), "{:?}", hook.seen);
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o644, "the file's mode once renamed");
    assert_eq!(mode(&backup_path(&path)), 0o644, "the backup's mode");
}

#[test]
fn a_failed_or_empty_serialisation_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let failed = Err(SerializeError {
        message: "boom".to_owned(),
    });
    let e = save_serialised(failed, &path).expect_err("refused");
    assert!(e.to_string().contains("boom"), "{e}");
    assert!(e.to_string().contains("plant.ron"), "{e}");
    assert!(!path.exists(), "no file is created");

    save(&project("kept"), &path).expect("save");
    let before = std::fs::read(&path).expect("read");
    for empty in ["", " \n\t"] {
        let e = save_serialised(Ok(empty.to_owned()), &path).expect_err("refused");
        assert!(e.to_string().contains("empty"), "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }
    assert!(!backup_path(&path).exists(), "nothing was backed up either");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn temporary_names_of_a_file_and_its_backup_are_recognised() {
    let name = OsStr::new("plant.ron");
    for yes in [".plant.ron.tmp-12-0", ".plant.ron.bak.tmp-4711-33"] {
        assert!(is_temp_of(yes, name), "{yes}");
    }
    for no in [
        "plant.ron",
        "plant.ron.bak",
        "plant.ron.tmp-1-1",
        ".plant.ron.tmp-1-",
        ".plant.ron.tmp--1",
        ".plant.ron.tmp-x-1",
        ".plant.ron.tmp-1-2-3",
        ".other.ron.tmp-1-1",
        ".plant.ron.old.tmp-1-1",
        ".xplant.ron.tmp-1-1",
    ] {
        assert!(!is_temp_of(no, name), "{no}");
    }
}
