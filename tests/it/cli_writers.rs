//! Command-line writers side by side, as real processes: two `import --into same.ron -o
//! same.ron` at once keep both imports, and `approve` during an import keeps the approval (each
//! command holds the file's lock from before it reads until it has written); a designer's lock
//! on the file makes a command fail clearly; saving through a dangling symbolic link is refused.

use std::path::Path;
use std::process::{Command, Output};

fn zonewright(state: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zonewright"));
    c.args(args).env("ZONEWRIGHT_STATE_DIR", state);
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An inventory of `n` devices named `<prefix>-<i>`.
fn inventory(path: &Path, prefix: &str, n: usize) {
    let mut s = String::from("name,ip,zone\n");
    for i in 0..n {
        s.push_str(&format!(
            "{prefix}-{i},10.{}.{}.{},Zone {prefix}\n",
            u32::from(prefix.as_bytes()[0]),
            i / 256 % 256,
            i % 256
        ));
    }
    std::fs::write(path, s).expect("written");
}

fn names(project: &Path, prefix: &str) -> usize {
    let p = zonewright::file::load(project).expect("loads");
    p.zones
        .iter()
        .flat_map(|z| z.assets.iter())
        .filter(|a| a.name.starts_with(&format!("{prefix}-")))
        .count()
}

#[test]
fn two_imports_into_one_file_at_once_keep_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let plant = dir.path().join("same.ron");
    zonewright::file::save(&zonewright::model::Project::default(), &plant).expect("saved");
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    inventory(&a, "A", 3_000);
    inventory(&b, "B", 3_000);
    let p = plant.to_str().expect("utf-8");
    for _ in 0..3 {
        let ca = zonewright(
            &state,
            &["import", a.to_str().unwrap(), "--into", p, "-o", p],
        )
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
        let cb = zonewright(
            &state,
            &["import", b.to_str().unwrap(), "--into", p, "-o", p],
        )
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
        let (oa, ob) = (
            ca.wait_with_output().expect("waits"),
            cb.wait_with_output().expect("waits"),
        );
        assert_eq!(oa.status.code(), Some(0), "{}", stderr(&oa));
        assert_eq!(ob.status.code(), Some(0), "{}", stderr(&ob));
        assert_eq!(names(&plant, "A"), 3_000, "the first import is kept");
        assert_eq!(names(&plant, "B"), 3_000, "the second import is kept");
    }
}

#[test]
fn an_approval_during_an_import_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let plant = dir.path().join("plant.ron");
    zonewright::file::save(&zonewright::model::Project::default(), &plant).expect("saved");
    let a = dir.path().join("a.csv");
    inventory(&a, "A", 5_000);
    let p = plant.to_str().expect("utf-8");
    for _ in 0..3 {
        let import = zonewright(
            &state,
            &["import", a.to_str().unwrap(), "--into", p, "-o", p],
        )
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
        std::thread::sleep(std::time::Duration::from_millis(30));
        let approve = zonewright(
            &state,
            &[
                "approve",
                p,
                "--approver",
                "Ana Ruiz",
                "--date",
                "2026-01-31",
            ],
        )
        .output()
        .expect("runs");
        let oi = import.wait_with_output().expect("waits");
        assert_eq!(oi.status.code(), Some(0), "{}", stderr(&oi));
        assert_eq!(approve.status.code(), Some(0), "{}", stderr(&approve));
        let project = zonewright::file::load(&plant).expect("loads");
        assert!(project.approval.is_some(), "the approval is kept");
        assert!(names(&plant, "A") >= 5_000, "the import is kept");
        // withdraw for the next round
        let w = zonewright(&state, &["approve", p, "--withdraw"])
            .output()
            .expect("runs");
        assert_eq!(w.status.code(), Some(0), "{}", stderr(&w));
    }
}

#[test]
fn a_designer_holding_the_file_makes_a_command_fail_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let plant = dir.path().join("plant.ron");
    zonewright::file::save(&zonewright::model::Project::default(), &plant).expect("saved");
    let before = std::fs::read(&plant).expect("read");
    let key = zonewright::file::lock::key_for_path(&plant);
    // a designer of this very test process holds the file's lock
    let owner = zonewright::file::lock::Owner::new_instance();
    let _held = zonewright::file::lock::HeldLock::acquire(&state, &key, &owner, Some(&plant))
        .expect("lock");
    let p = plant.to_str().expect("utf-8");
    let o = zonewright(
        &state,
        &[
            "approve",
            p,
            "--approver",
            "Ana Ruiz",
            "--date",
            "2026-01-31",
        ],
    )
    .output()
    .expect("runs");
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("is open in zonewright"), "{e}");
    assert_eq!(std::fs::read(&plant).expect("read"), before);
}

#[cfg(unix)]
#[test]
fn saving_through_a_dangling_link_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let plant = dir.path().join("plant.ron");
    std::os::unix::fs::symlink(dir.path().join("moved-away.ron"), &plant).expect("link");
    let o = zonewright(
        &state,
        &[
            "generate",
            "-o",
            plant.to_str().expect("utf-8"),
            "--zones",
            "2",
            "--assets",
            "4",
            "--conduits",
            "1",
        ],
    )
    .output()
    .expect("runs");
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("symbolic link") && e.contains("moved-away.ron"),
        "{e}"
    );
    assert!(!dir.path().join("moved-away.ron").exists());
}
