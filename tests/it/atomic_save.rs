//! Atomic save: when a save fails after the temporary file was written, the previous file is
//! byte for byte what it was and no temporary file is left; a successful save keeps the
//! previous version as `<name>.bak`. (Tests may run as root, so failures are made with
//! folders in the way rather than with permissions.) Also: backups never written through a
//! symlink, leftovers of interrupted saves removed, a BOM accepted, a real full disk.

use std::path::Path;
use zonewright::file::{backup_path, load, save};
use zonewright::model::{Project, Rect, Zone, ZoneId, ZoneKind};

fn project(title: &str) -> Project {
    let mut p = Project::default();
    p.meta.title = title.to_owned();
    p.zones.push(Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 50.0),
    ));
    p
}

/// The names in `dir` that look like temporary files of a save.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn failing_to_keep_the_backup_leaves_the_file_and_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    let before = std::fs::read(&path).expect("read");

    // a non-empty folder where the backup goes: the temporary file is written, then keeping
    // the backup fails
    let bak = backup_path(&path);
    std::fs::create_dir(&bak).expect("mkdir");
    std::fs::write(bak.join("keep.txt"), b"not mine").expect("write");

    let e = save(&project("second"), &path).expect_err("the save fails");
    assert!(e.to_string().contains("backup"), "{e}");
    assert!(e.to_string().contains("plant.ron"), "{e}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file unchanged"
    );
    assert_eq!(load(&path).expect("still loads"), project("first"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert_eq!(
        std::fs::read(bak.join("keep.txt")).expect("read"),
        b"not mine",
        "what was in the way is not touched"
    );
}

#[test]
fn a_folder_in_place_of_the_file_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("inside.txt"), b"data").expect("write");

    assert!(save(&project("x"), &path).is_err());
    assert!(path.is_dir());
    assert_eq!(
        std::fs::read(path.join("inside.txt")).expect("read"),
        b"data"
    );
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_missing_folder_fails_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no-such-folder").join("plant.ron");
    let e = save(&project("x"), &path).expect_err("the save fails");
    assert!(e.to_string().contains("temporary file"), "{e}");
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn a_successful_save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    assert!(
        !backup_path(&path).exists(),
        "no backup before there was a previous version"
    );
    let first = std::fs::read(&path).expect("read");

    save(&project("second"), &path).expect("second save");
    assert_eq!(std::fs::read(backup_path(&path)).expect("bak"), first);
    assert_eq!(load(&path).expect("load"), project("second"));
    assert_eq!(
        load(&backup_path(&path)).expect("bak loads"),
        project("first")
    );

    save(&project("third"), &path).expect("third save");
    assert_eq!(load(&backup_path(&path)).expect("bak"), project("second"));
    assert_eq!(load(&path).expect("load"), project("third"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_symlink_at_the_backup_path_is_replaced_never_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    let first = std::fs::read(&path).expect("read");
    // a hostile folder: the backup path leads to a file of the user's elsewhere
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write");
    let bak = backup_path(&path);
    link(&victim, &bak);

    save(&project("second"), &path).expect("second save");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
    let meta = std::fs::symlink_metadata(&bak).expect("bak");
    assert!(
        meta.file_type().is_file(),
        "the backup is a regular file now"
    );
    assert_eq!(std::fs::read(&bak).expect("bak"), first);
    assert_eq!(load(&path).expect("load"), project("second"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_dangling_symlink_at_the_backup_path_creates_nothing_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    let elsewhere = dir.path().join("elsewhere.ron");
    link(&elsewhere, &backup_path(&path));
    save(&project("second"), &path).expect("second save");
    assert!(!elsewhere.exists(), "the link's target was not created");
    assert_eq!(
        load(&backup_path(&path)).expect("bak loads"),
        project("first")
    );
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

#[cfg(windows)]
fn link(target: &Path, at: &Path) {
    std::os::windows::fs::symlink_file(target, at).expect("symlink");
}

#[test]
fn leftovers_of_interrupted_saves_of_the_same_file_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    let leftovers = [".plant.ron.tmp-4000000-3", ".plant.ron.bak.tmp-4000000-4"];
    let others = [
        ".other.ron.tmp-4000000-3",
        ".plant.ron.tmp-notes",
        "plant.ron.tmp-1-1",
    ];
    for name in leftovers.iter().chain(&others) {
        std::fs::write(dir.path().join(name), b"half a proj").expect("write");
    }
    // a save that is running (another process, or another thread) holds a lock on its file
    let running = dir.path().join(".plant.ron.tmp-1-7");
    let held = std::fs::File::create(&running).expect("create");
    held.try_lock().expect("lock");

    save(&project("second"), &path).expect("second save");
    let mut left = temp_files(dir.path());
    left.sort();
    let mut expected = vec![
        ".other.ron.tmp-4000000-3".to_owned(),
        ".plant.ron.tmp-1-7".to_owned(),
        ".plant.ron.tmp-notes".to_owned(),
        "plant.ron.tmp-1-1".to_owned(),
    ];
    expected.sort();
    assert_eq!(left, expected, "only unlocked leftovers of plant.ron went");

    drop(held);
    save(&project("third"), &path).expect("third save");
    assert!(!running.exists(), "removed once no save holds it");
    assert_eq!(load(&path).expect("load"), project("third"));
}

/// A FIFO at the project path would block a writer forever: it is refused before anything
/// is opened.
#[cfg(unix)]
#[test]
fn a_fifo_at_the_path_is_refused_without_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("note: mkfifo is not available; the FIFO case is skipped");
        return;
    }
    let e = save(&project("x"), &path).expect_err("refused");
    assert!(e.to_string().contains("not a regular file"), "{e}");
    assert!(!backup_path(&path).exists());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_file_with_a_utf8_bom_loads() {
    use zonewright::file::{from_bytes, from_str, to_string};
    let text = to_string(&project("bom")).expect("serialise");
    let with_bom = format!("\u{FEFF}{text}");
    assert_eq!(from_str(&with_bom).expect("loads"), project("bom"));
    assert_eq!(
        from_bytes(with_bom.as_bytes()).expect("loads"),
        project("bom")
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notepad.ron");
    std::fs::write(&path, with_bom.as_bytes()).expect("write");
    assert_eq!(load(&path).expect("loads"), project("bom"));
    // saving it again writes no BOM
    save(&project("bom"), &path).expect("save");
    assert!(std::fs::read(&path).expect("read").starts_with(b"("));

    // one mark is stripped, not more
    let e = from_str(&format!("\u{FEFF}{with_bom}")).expect_err("two marks");
    assert!(e.to_string().contains("not a zonewright project"), "{e}");
    // errors still point at the line and column an editor shows
    let broken = with_bom.replacen("zones: [", "zones: [[", 1);
    assert!(from_str(&broken).is_err());
}

/// A real full disk: a 64 KB tmpfs, mounted when the test runs as root and mounting works
/// (otherwise the test says so and passes). The new version does not fit, then the backup
/// does not fit: each time the file and the backup are as they were, and no temporary file
/// is left.
#[cfg(target_os = "linux")]
#[test]
fn a_full_file_system_leaves_the_file_and_backup_intact() {
    use std::process::Command;
    let dir = tempfile::tempdir().expect("tempdir");
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        println!("note: cannot mount a tmpfs here (not root?); the real full disk case is skipped");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mnt.clone());

    let path = mnt.join("plant.ron");
    save(&project("first"), &path).expect("first save");
    save(&project("second"), &path).expect("second save");
    let main = std::fs::read(&path).expect("main");
    let bak = std::fs::read(backup_path(&path)).expect("bak");

    // 1. a version far larger than the file system
    let mut big = project("big");
    big.meta.description = "x".repeat(60 * 1024);
    let e = save(&big, &path).expect_err("does not fit");
    assert!(e.to_string().contains("No space left"), "{e}");
    assert_eq!(std::fs::read(&path).expect("main"), main);
    assert_eq!(std::fs::read(backup_path(&path)).expect("bak"), bak);
    assert_eq!(temp_files(&mnt), Vec::<String>::new());

    // 2. the new version fits, the backup copy does not: fill the disk, then free just
    // enough pages for the new version
    let filler = mnt.join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let page = vec![7u8; 4096];
    let mut pages = 0u64;
    while std::io::Write::write_all(&mut f, &page).is_ok() {
        pages += 1;
    }
    let mut third = project("third");
    third.meta.description = "y".repeat(3 * 4096);
    let need = (zonewright::file::to_string(&third).expect("text").len() as u64).div_ceil(4096);
    f.set_len(pages.saturating_sub(need) * 4096)
        .expect("free pages");
    f.sync_all().expect("sync");
    drop(f);
    let e = save(&third, &path).expect_err("the backup does not fit");
    assert!(e.to_string().contains("backup"), "{e}");
    assert!(e.to_string().contains("No space left"), "{e}");
    assert_eq!(std::fs::read(&path).expect("main"), main);
    assert_eq!(std::fs::read(backup_path(&path)).expect("bak"), bak);
    assert_eq!(temp_files(&mnt), Vec::<String>::new());

    // with room again, the save goes through
    std::fs::remove_file(&filler).expect("rm");
    save(&third, &path).expect("save");
    assert_eq!(load(&path).expect("load"), third);
    assert_eq!(std::fs::read(backup_path(&path)).expect("bak"), main);
}

#[test]
fn a_project_that_would_not_open_again_is_not_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    let before = std::fs::read(&path).expect("read");
    // a designer field typed past the text limit: load would refuse the file
    let mut p = project("second");
    p.zones[0].description = "x".repeat(zonewright::file::MAX_TEXT_BYTES + 1);
    let e = save(&p, &path).expect_err("refused");
    assert!(
        e.to_string().contains("would be refused when opened again"),
        "{e}"
    );
    assert!(e.to_string().contains("64 KB"), "{e}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(temp_files(dir.path()).is_empty());
    assert_eq!(load(&path).expect("still loads").meta.title, "first");
}
