//! Files changed on disk (kittest): Ctrl+S over a changed file asks — overwrite, save as, or
//! reload — and each choice does what it says; a clean document offers a reload; a dirty one
//! says so in the status line; a large file loads in the background while the window runs.

use crate::common;

use common::harness_with;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zonewright::model::{Project, ZoneKind};
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{DesignerApp, Intent};

fn water() -> Project {
    zonewright::cli::load_project("sample:water").expect("sample")
}

/// A designer with `x.ron` open, edited (unsaved), and the file then changed by "someone else".
fn edited_then_changed_elsewhere(
    dir: &Path,
    answers: Vec<DialogResult>,
) -> (Harness<'static, DesignerApp>, PathBuf, Project) {
    let x = dir.join("x.ron");
    zonewright::file::save(&water(), &x).expect("save");
    let mut h = harness_with(answers);
    h.run();
    h.state_mut().open_path(&x);
    h.run();
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Wireless,
            center: (4000.0, 4000.0),
        }));
    h.run();
    let mut theirs = water();
    theirs.meta.title = "Changed by a colleague".into();
    std::fs::write(&x, zonewright::file::to_string(&theirs).expect("serialise"))
        .expect("external change");
    (h, x, theirs)
}

fn press_save(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
    h.get_by_label("Overwrite");
    h.get_by_label("Save as…");
    h.get_by_label("Reload (discard my changes)");
}

fn project<'a>(h: &'a Harness<'_, DesignerApp>) -> &'a Project {
    &h.state().doc.as_ref().expect("document").project
}

#[test]
fn save_over_a_changed_file_asks_and_overwrite_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, x, theirs) = edited_then_changed_elsewhere(dir.path(), Vec::new());
    press_save(&mut h);
    let on_disk = zonewright::file::load(&x).expect("loads");
    assert_eq!(on_disk, theirs, "nothing saved before the answer");
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(h.state().modal.is_none());
    let on_disk = zonewright::file::load(&x).expect("loads");
    assert_eq!(&on_disk, project(&h));
    assert!(!h.state().doc.as_ref().expect("doc").is_dirty());
    // saved: the next save does not ask again
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Control,
            center: (5000.0, 5000.0),
        }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(&zonewright::file::load(&x).expect("loads"), project(&h));
}

#[test]
fn save_over_a_changed_file_and_save_as_keeps_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("mine.ron");
    let (mut h, x, theirs) =
        edited_then_changed_elsewhere(dir.path(), vec![DialogResult::Picked(copy.clone())]);
    press_save(&mut h);
    h.get_by_label("Save as…").click();
    h.run();
    assert_eq!(
        zonewright::file::load(&x).expect("loads"),
        theirs,
        "theirs kept"
    );
    assert_eq!(&zonewright::file::load(&copy).expect("loads"), project(&h));
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(copy)
    );
}

#[test]
fn save_over_a_changed_file_and_reload_discards_mine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, x, theirs) = edited_then_changed_elsewhere(dir.path(), Vec::new());
    press_save(&mut h);
    h.get_by_label("Reload (discard my changes)").click();
    h.run();
    assert_eq!(project(&h), &theirs);
    assert!(!h.state().doc.as_ref().expect("doc").is_dirty());
    assert_eq!(zonewright::file::load(&x).expect("loads"), theirs);
}

#[test]
fn a_dirty_document_says_at_once_that_its_file_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _x, _theirs) = edited_then_changed_elsewhere(dir.path(), Vec::new());
    h.state_mut().sessions.poll_interval = Duration::ZERO;
    h.run();
    h.get_by_label("The file changed on disk since you opened it: saving will ask");
    assert!(h.state().modal.is_none(), "no question while editing");
}

#[test]
fn a_clean_document_offers_a_reload_when_its_file_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let x = dir.path().join("x.ron");
    zonewright::file::save(&water(), &x).expect("save");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(&x);
    h.run();
    h.state_mut().check_disk_now();
    h.run();
    assert!(h.state().modal.is_none(), "unchanged: nothing to offer");

    let mut theirs = water();
    theirs.meta.title = "After git pull".into();
    std::fs::write(&x, zonewright::file::to_string(&theirs).expect("serialise"))
        .expect("external change");
    h.state_mut().check_disk_now();
    h.run();
    h.get_by_label("Keep this version").click();
    h.run();
    assert_eq!(project(&h), &water());
    h.state_mut().check_disk_now();
    h.run();
    assert!(
        h.state().modal.is_none(),
        "the declined change is not offered again"
    );

    theirs.meta.title = "After another git pull".into();
    std::fs::write(&x, zonewright::file::to_string(&theirs).expect("serialise"))
        .expect("external change");
    h.state_mut().check_disk_now();
    h.run();
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(project(&h), &theirs);
}

#[test]
fn an_open_file_is_polled_without_keeping_the_window_busy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let x = dir.path().join("x.ron");
    zonewright::file::save(&water(), &x).expect("save");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(&x);
    // kittest's run() fails with "exceeded max_steps" on immediate repaints
    let steps = h.run();
    assert!(steps < 10, "settles after {steps} steps");
    // and no delayed repaint either: the file is watched on a thread that wakes the window
    // only when the file changes
    h.step();
    assert!(
        !h.ctx.has_requested_repaint(),
        "an idle window with a file open asks for a repaint: {:?}",
        h.ctx.repaint_causes()
    );
    // a change on disk wakes it and is noticed without any input
    let mut theirs = water();
    theirs.meta.title = "Changed elsewhere".into();
    std::fs::write(&x, zonewright::file::to_string(&theirs).expect("serialise"))
        .expect("external change");
    let started = std::time::Instant::now();
    while h.state().modal.is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the change on disk was not offered"
        );
        std::thread::sleep(Duration::from_millis(100));
        if h.ctx.has_requested_repaint() {
            h.step();
        }
    }
    h.run();
    h.get_by_label("Keep this version");
}

fn large_plant(dir: &Path) -> (PathBuf, u64) {
    let p = zonewright::generate::generate(&zonewright::generate::GenerateParams {
        zones: 600,
        assets: 12_000,
        conduits: 1_200,
        seed: 3,
    });
    let path = dir.join("large.ron");
    zonewright::file::save(&p, &path).expect("save");
    let bytes = std::fs::metadata(&path).expect("meta").len();
    (path, bytes)
}

#[test]
fn a_large_file_loads_in_the_background_and_the_old_document_stays_until_it_arrives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (large, bytes) = large_plant(dir.path());
    assert!(
        bytes >= zonewright::ui::sessions::BACKGROUND_LOAD_BYTES,
        "{bytes} bytes: loaded in the background"
    );
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.state_mut().open_path(&large);
    assert!(h.state().sessions.load.is_some(), "loading started");
    h.step();
    h.get_by_label_contains("Loading");
    let mut frames_while_loading = 0;
    let deadline = Instant::now() + Duration::from_secs(300);
    while h.state().sessions.load.is_some() && Instant::now() < deadline {
        assert_eq!(project(&h), &water(), "the old document stays");
        h.step();
        frames_while_loading += 1;
    }
    assert!(h.state().sessions.load.is_none(), "loaded in time");
    assert!(frames_while_loading >= 1, "frames ran while loading");
    let doc = h.state().doc.as_ref().expect("document");
    assert_eq!(doc.project.zones.len(), 600);
    assert_eq!(doc.path.as_deref(), Some(large.as_path()));
    h.step();
    assert!(h.query_by_label_contains("Loading").is_none());
}

#[test]
fn a_failed_background_load_leaves_the_document_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"zonewright\", version: 1, project: (zones: [oops]))",
    )
    .expect("write");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.state_mut().sessions.background_from_bytes = 0;
    h.state_mut().open_path(&bad);
    assert!(h.state().sessions.load.is_some());
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().sessions.load.is_some() && Instant::now() < deadline {
        h.step();
    }
    h.run();
    h.get_by_label("Cannot open the project");
    assert_eq!(project(&h), &water());
}

#[test]
fn edits_made_while_loading_are_asked_about_before_the_new_document_replaces_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.ron");
    let mut p = water();
    p.meta.title = "Other".into();
    zonewright::file::save(&p, &other).expect("save");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.state_mut().sessions.background_from_bytes = 0;
    h.state_mut().open_path(&other);
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Control,
            center: (4000.0, 4000.0),
        }));
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().sessions.load.is_some() && Instant::now() < deadline {
        h.step();
    }
    h.run();
    h.get_by_label("Unsaved changes");
    assert_eq!(
        project(&h).zones.len(),
        water().zones.len() + 1,
        "still mine"
    );
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(project(&h), &p);
}

#[test]
fn opening_another_file_while_loading_supersedes_the_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (large, _) = large_plant(dir.path());
    let small = dir.path().join("small.ron");
    zonewright::file::save(&water(), &small).expect("save");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(&large);
    assert!(h.state().sessions.load.is_some());
    h.state_mut().open_path(&small);
    assert!(
        h.state().sessions.load.is_none(),
        "the small file came first"
    );
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(small),
        "the large one never replaces it"
    );
}
