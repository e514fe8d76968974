//! Two windows on one state folder: each keeps its own recovery, a save in one leaves the
//! other's; a file open in a running instance is offered read-only (or anyway); the lock of a
//! dead process is taken over. Proven once with a real second process (this test binary run
//! again as a child, a designer in a headless harness), and with two designers in one process.

use crate::common;

use common::harness_with;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use zonewright::file::lock::{self, HeldLock, Owner};
use zonewright::file::recovery::RecoveryStore;
use zonewright::model::ZoneKind;
use zonewright::ui::{DesignerApp, Intent};

const CHILD_STATE: &str = "ZW_TEST_CHILD_STATE";
const CHILD_FILE: &str = "ZW_TEST_CHILD_FILE";

fn sample_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let sample = zonewright::cli::load_project("sample:water").expect("sample");
    zonewright::file::save(&sample, &path).expect("save");
    path
}

fn designer(store: &RecoveryStore) -> Harness<'static, DesignerApp> {
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().set_recovery(Some(store.clone()));
    h.run();
    h
}

fn edit(h: &mut Harness<'_, DesignerApp>) {
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Wireless,
            center: (4000.0, 4000.0),
        }));
    h.run();
}

/// Writes the recovery now; a loaded machine may still be settling the new document's session,
/// so a few frames are given, and a failure says what was missing.
fn write_recovery(h: &mut Harness<'_, DesignerApp>) {
    let written = (0..50).any(|_| {
        if h.state_mut().write_recovery_now() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
        false
    });
    assert!(
        written,
        "the recovery is written: document {}, dirty {}, key {:?}",
        h.state().doc.is_some(),
        h.state().doc.as_ref().is_some_and(|d| d.is_dirty()),
        h.state().sessions.key
    );
}

fn recovery_keys(store: &RecoveryStore) -> Vec<String> {
    let mut keys: Vec<String> = std::fs::read_dir(store.dir())
        .expect("state folder")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix("recovery-")
                .and_then(|k| k.strip_suffix(".ron"))
                .map(str::to_owned)
        })
        .collect();
    keys.sort();
    keys
}

/// The second instance of [`two_processes_keep_their_own_recovery_and_lock`]: does nothing
/// unless started by it. Opens the file, edits it, writes its recovery, says READY, and when
/// its stdin closes exits at once, like a crash (no lock released, no recovery removed).
#[test]
fn child_instance_of_the_two_process_test() {
    let (Some(state), Some(file)) = (std::env::var_os(CHILD_STATE), std::env::var_os(CHILD_FILE))
    else {
        return;
    };
    let store = RecoveryStore::new(PathBuf::from(state));
    let mut h = designer(&store);
    h.state_mut().open_path(Path::new(&file));
    h.run();
    edit(&mut h);
    assert!(
        h.state_mut().write_recovery_now(),
        "child wrote its recovery"
    );
    println!(
        "READY {}",
        h.state().sessions.key.clone().unwrap_or_default()
    );
    std::io::stdout().flush().expect("flush");
    let mut rest = String::new();
    let _ = std::io::stdin().read_line(&mut rest);
    std::process::exit(0);
}

#[test]
fn two_processes_keep_their_own_recovery_and_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let a = sample_file(dir.path(), "a.ron");
    let b = sample_file(dir.path(), "b.ron");
    let b_before = std::fs::read(&b).expect("read b");

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "two_windows::child_instance_of_the_two_process_test",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_STATE, store.dir())
        .env(CHILD_FILE, &b)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the second instance");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let child_key = loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).expect("child output") > 0,
            "the child ended before it was ready"
        );
        // the test harness may print its own text on the same line first
        if let Some((_, k)) = line.trim().split_once("READY ") {
            break k.to_owned();
        }
    };
    assert_eq!(child_key, lock::key_for_path(&b));
    assert_eq!(recovery_keys(&store), vec![child_key.clone()]);

    // this window starts while the other runs: its unsaved work is not offered here
    let mut h = designer(&store);
    assert!(
        h.state().modal.is_none(),
        "a live window's recovery is not offered"
    );
    h.state_mut().open_path(&a);
    h.run();
    edit(&mut h);
    assert!(h.state_mut().write_recovery_now());
    let mine = h.state().sessions.key.clone().expect("key");
    assert_eq!(recovery_keys(&store).len(), 2, "one recovery per document");
    // a save here removes this window's recovery only
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.as_ref().expect("doc").is_dirty());
    assert_eq!(recovery_keys(&store), vec![child_key.clone()]);
    assert!(!store.file_for(&mine).exists());

    // the file the other process has open is offered read-only
    h.state_mut().open_path(&b);
    h.run();
    h.get_by_label("The file is open in another window");
    h.get_by_label("Open read-only").click();
    h.run();
    assert!(h.state().sessions.read_only);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(b.clone())
    );
    edit(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        std::fs::read(&b).expect("read b"),
        b_before,
        "read-only: not saved"
    );
    assert!(
        h.state()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("read-only")
    );
    assert!(
        !h.state_mut().write_recovery_now(),
        "read-only: no autosave"
    );
    h.get_by_label_contains("Read-only");
    drop(h);

    // the other process dies without cleaning up: its work is offered, its lock is stale
    drop(child.stdin.take());
    assert!(child.wait().expect("child exit").success());
    let mut h = designer(&store);
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("changes to");
    h.get_by_label("Restore").click();
    h.run();
    let app = h.state();
    assert_eq!(app.sessions.key.as_deref(), Some(child_key.as_str()));
    assert_eq!(
        app.doc.as_ref().and_then(|d| d.path.clone()),
        Some(b.clone())
    );
    let held = lock::read_lock(&lock::lock_file(store.dir(), &child_key)).expect("lock");
    assert_eq!(
        held.owner, app.sessions.owner,
        "the dead process's lock is taken over"
    );
    // saving removes the recovery it restored
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(recovery_keys(&store).is_empty());
    drop(h);
    assert!(
        !lock::lock_file(store.dir(), &child_key).exists(),
        "released when the window goes"
    );
}

#[test]
fn a_stale_lock_of_a_dead_process_is_taken_over_without_asking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let x = sample_file(dir.path(), "x.ron");
    // a process that has ended: its pid is not alive
    let mut gone = Command::new(std::env::current_exe().expect("test binary"))
        .arg("--list")
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = gone.id();
    gone.wait().expect("wait");
    let dead = Owner {
        pid,
        host: lock::host_name(),
        instance: 7,
    };
    let key = lock::key_for_path(&x);
    std::mem::forget(HeldLock::acquire(store.dir(), &key, &dead, Some(&x)).expect("lock"));
    if lock::pid_alive(pid).is_none() {
        return; // no way to ask for a process here: the heartbeat rule applies instead
    }
    let mut h = designer(&store);
    h.state_mut().open_path(&x);
    h.run();
    assert!(h.state().modal.is_none(), "no question for a stale lock");
    assert!(!h.state().sessions.read_only);
    let held = lock::read_lock(&lock::lock_file(store.dir(), &key)).expect("lock");
    assert_eq!(held.owner, h.state().sessions.owner);
}

#[test]
fn two_designers_in_one_process_keep_their_own_recovery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let mut one = designer(&store);
    let mut two = designer(&store);
    for h in [&mut one, &mut two] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run();
        edit(h);
        write_recovery(h);
    }
    let k1 = one.state().sessions.key.clone().expect("key");
    let k2 = two.state().sessions.key.clone().expect("key");
    assert_ne!(k1, k2, "untitled documents get keys of their own");
    assert_eq!(recovery_keys(&store).len(), 2);
    let saved = dir.path().join("one.ron");
    assert!(one.state_mut().save_to(&saved));
    one.run();
    assert_eq!(
        recovery_keys(&store),
        vec![k2.clone()],
        "the other's is kept"
    );
    assert_eq!(
        one.state().sessions.key.as_deref(),
        Some(lock::key_for_path(&saved).as_str()),
        "saved: keyed by its path now"
    );
    // window two "crashes"; a new window offers its work, not window one's
    drop(two);
    let three = designer(&store);
    assert_eq!(three.state().autosave.offered.len(), 1);
    let offered = three.state().autosave.offered[0]
        .as_ref()
        .expect("readable");
    assert_eq!(offered.key.as_deref(), Some(k2.as_str()));
}

#[test]
fn open_anyway_gives_the_second_window_a_recovery_of_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let x = sample_file(dir.path(), "x.ron");
    let mut one = designer(&store);
    one.state_mut().open_path(&x);
    one.run();
    let mut two = designer(&store);
    two.state_mut().open_path(&x);
    two.run();
    two.get_by_label_contains("is open in another zonewright");
    two.get_by_label("Open anyway").click();
    two.run();
    assert!(!two.state().sessions.read_only);
    assert!(
        two.state()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("although another window has it open"),
        "a warning in the status line"
    );
    let k1 = one.state().sessions.key.clone().expect("key");
    let k2 = two.state().sessions.key.clone().expect("key");
    assert_eq!(k1, lock::key_for_path(&x));
    assert!(k2.starts_with(&format!("{k1}-")), "{k2}");
    for h in [&mut one, &mut two] {
        edit(h);
        write_recovery(h);
    }
    assert_eq!(recovery_keys(&store).len(), 2);
    // a third window sees both holders
    let mut three = designer(&store);
    three.state_mut().open_path(&x);
    three.run();
    three.get_by_label("Cancel").click();
    three.run();
    assert!(three.state().doc.is_none());
    // window one saves; window two is then asked before saving over it
    one.key_press_modifiers(Modifiers::COMMAND, Key::S);
    one.run();
    assert_eq!(recovery_keys(&store), vec![k2]);
    two.key_press_modifiers(Modifiers::COMMAND, Key::S);
    two.run();
    two.get_by_label("Overwrite");
}

#[test]
fn the_start_up_list_offers_every_recovery_left_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let x = sample_file(dir.path(), "x.ron");
    let mut p = zonewright::cli::load_project("sample:water").expect("sample");
    p.meta.title = "Left behind".into();
    let keyed = store.write(&p, Some(&x)).expect("write");
    let untitled = store.write(&p, None).expect("write");
    // the single file of earlier versions
    let text = zonewright::file::to_string(&p).expect("serialise");
    std::fs::write(
        store.path(),
        format!(
            "(format: \"zonewright-recovery\", version: 1, source: None, saved_at_unix: 1, project_text: {text:?})"
        ),
    )
    .expect("write the old recovery");

    let mut h = designer(&store);
    h.get_by_label("Restore unsaved work?");
    assert_eq!(h.get_all_by_label("Restore").count(), 3);
    h.get_by_label_contains(&format!("changes to {}", x.display()));
    assert_eq!(
        h.get_all_by_label_contains("a project that was never saved")
            .count(),
        2
    );
    // the newest first; discard the first entry, then restore the (old, legacy) last one
    let first_file = h.state().autosave.offered[0]
        .as_ref()
        .expect("readable")
        .file
        .clone();
    h.get_all_by_label("Discard")
        .next()
        .expect("a button")
        .click();
    h.run();
    assert!(!first_file.exists(), "discarded");
    assert_eq!(h.get_all_by_label("Restore").count(), 2);
    h.get_all_by_label("Restore")
        .last()
        .expect("a button")
        .click();
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().doc.as_ref().expect("doc").project, p);
    assert!(
        !store.path().exists(),
        "the old file moved under the document's key"
    );
    let key = h.state().sessions.key.clone().expect("key");
    assert!(store.file_for(&key).exists());
    // the one not answered is kept for the next start
    let left = recovery_keys(&store);
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&key));
    assert!(left.contains(&keyed) || left.contains(&untitled));
    drop(h);
    let h = designer(&store);
    assert_eq!(h.state().autosave.offered.len(), 2);
}
