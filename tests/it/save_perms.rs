//! Saving keeps the file what it was: its mode (and owner, when the test runs as root), and a
//! project opened through a symbolic link is saved to the link's final target, the link
//! staying a link. Unix only.
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
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

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o7777
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[test]
fn the_mode_of_the_file_is_kept_and_given_to_its_backup() {
    for kept in [0o600, 0o640, 0o664] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("plant.ron");
        save(&project("first"), &path).expect("first save");
        chmod(&path, kept);
        save(&project("second"), &path).expect("second save");
        assert_eq!(mode(&path), kept, "{kept:o}");
        assert_eq!(mode(&backup_path(&path)), kept, "the backup: {kept:o}");
        save(&project("third"), &path).expect("third save");
        assert_eq!(mode(&path), kept, "{kept:o}");
        assert_eq!(load(&path).expect("load"), project("third"));
    }
}

#[test]
fn a_new_file_gets_the_mode_any_new_file_gets_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, b"x").expect("write"); // 0666 less the umask
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("save");
    assert_eq!(mode(&path), mode(&plain));
}

#[test]
fn the_owner_is_kept_when_running_as_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    save(&project("first"), &path).expect("first save");
    if std::fs::metadata(&path).expect("meta").uid() != 0 {
        println!("note: not running as root; keeping another user's ownership is not tested");
        return;
    }
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).expect("chown");
    chmod(&path, 0o600);
    save(&project("second"), &path).expect("second save");
    let meta = std::fs::metadata(&path).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    assert_eq!(mode(&path), 0o600);
    let bak = std::fs::metadata(backup_path(&path)).expect("bak");
    assert_eq!((bak.uid(), bak.gid()), (4242, 4343));
}

#[test]
fn a_symlinked_project_is_saved_to_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("repo");
    std::fs::create_dir(&real_dir).expect("mkdir");
    let target = real_dir.join("real.ron");
    save(&project("first"), &target).expect("first save");
    chmod(&target, 0o600);
    // a relative link, through a second link: plant.ron → link2.ron → repo/real.ron
    let link2 = dir.path().join("link2.ron");
    std::os::unix::fs::symlink("repo/real.ron", &link2).expect("symlink");
    let link = dir.path().join("plant.ron");
    std::os::unix::fs::symlink("link2.ron", &link).expect("symlink");
    let first = std::fs::read(&target).expect("read");

    save(&project("second"), &link).expect("save through the link");
    for (l, to) in [(&link, "link2.ron"), (&link2, "repo/real.ron")] {
        let meta = std::fs::symlink_metadata(l).expect("link");
        assert!(
            meta.file_type().is_symlink(),
            "{} is still a link",
            l.display()
        );
        assert_eq!(std::fs::read_link(l).expect("read_link"), Path::new(to));
    }
    assert_eq!(load(&target).expect("target"), project("second"));
    assert_eq!(load(&link).expect("through the link"), project("second"));
    assert_eq!(mode(&target), 0o600);
    // the backup sits beside the file the link leads to
    assert_eq!(std::fs::read(backup_path(&target)).expect("bak"), first);
    assert!(!backup_path(&link).exists());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert_eq!(temp_files(&real_dir), Vec::<String>::new());
}

#[test]
fn a_dangling_link_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("gone.ron");
    let link = dir.path().join("plant.ron");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let e = save(&project("first"), &link).expect_err("refused");
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(e.to_string().contains("gone.ron"), "{e}");
    assert!(!target.exists(), "nothing created where the link points");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    let e = save(&project("x"), &a).expect_err("a loop");
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(e.to_string().contains("a.ron"), "{e}");
    assert!(
        std::fs::symlink_metadata(&a)
            .expect("a")
            .file_type()
            .is_symlink()
    );
}
