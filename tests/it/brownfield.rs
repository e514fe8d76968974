//! A brownfield start: no project open, Import assets… on the start page starts a new project
//! and opens the import dialog; the inventory lands in it as one undo step.

use crate::common;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use zonewright::ui::dialogs::DialogResult;

#[test]
fn import_assets_on_the_start_page_starts_a_new_project() {
    let inventory =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/ot_monitoring.csv");
    let mut h = common::harness_with(vec![DialogResult::Picked(inventory)]);
    h.run();
    assert!(h.state().doc.is_none(), "the start page");
    h.get_by_label("Import assets…").click();
    h.run();
    assert!(h.state().doc.is_some(), "a new project");
    assert!(h.state().import.is_open(), "with the import dialog open");
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    common::until_read(&mut h);
    h.get_by_label("Import").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("open");
    assert_eq!(doc.project.asset_count(), 10);
    assert_eq!(
        doc.history.undo_label(),
        Some("Import 10 assets from ot_monitoring.csv")
    );
}
