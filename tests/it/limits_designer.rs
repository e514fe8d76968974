//! The designer and hostile files: a FIFO or a device given to Open is refused at once with a
//! dialog saying what it is (it is never opened, so the window never hangs), and the open
//! document stays as it was.

#![cfg(unix)]

use egui_kittest::kittest::Queryable;

use crate::common;
use common::harness_with;

/// Runs frames until a label containing `text` shows (loading may finish on another thread).
fn frames_until(h: &mut egui_kittest::Harness<'_, zonewright::ui::DesignerApp>, text: &str) {
    for _ in 0..1_000 {
        h.run();
        if h.query_by_label_contains(text).is_some() {
            return;
        }
    }
    panic!("`{text}` never shown");
}

#[test]
fn a_fifo_and_dev_zero_are_refused_in_the_designer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("plant.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    let before = h.state().doc.as_ref().map(|d| d.project.clone());
    assert!(before.is_some());
    // A writer waits for a reader: had the designer opened the FIFO, it would have read an
    // empty file and said so, never the refusal below.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || drop(std::fs::OpenOptions::new().write(true).open(fifo)))
    };
    h.state_mut().open_path(&fifo);
    frames_until(&mut h, "it is a named pipe (FIFO), not a project file");
    assert_eq!(h.state().doc.as_ref().map(|d| d.project.clone()), before);
    drop(std::fs::File::open(&fifo));
    writer.join().expect("writer");

    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(std::path::Path::new("/dev/zero"));
    frames_until(&mut h, "it is a device, not a project file");
}
