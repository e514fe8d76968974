//! Atomic save: when a save fails after the temporary file was written, the previous file is
//! byte for byte what it was and no temporary file is left; a successful save keeps the
//! previous version as `<name>.bak`. (Tests may run as root, so failures are made with
//! folders in the way rather than with permissions.)

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
