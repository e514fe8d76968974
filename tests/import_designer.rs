//! The import dialog in the designer (headless): File → Import assets…, a file picked through
//! the scripted dialog, the preview counts, Import as one undo step, Cancel changing nothing.

use egui_kittest::kittest::Queryable;
use std::path::Path;
use zonewright::ui::Intent;
use zonewright::ui::dialogs::DialogResult;

mod common;
use common::harness_with;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

/// Steps frames until the background read is done (bounded; no timing assertion).
fn until_read(h: &mut egui_kittest::Harness<'_, zonewright::ui::DesignerApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().import.is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
}

fn open_dialog(h: &mut egui_kittest::Harness<'_, zonewright::ui::DesignerApp>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import assets…").click();
    h.run();
    assert!(h.state().import.is_open());
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    until_read(h);
}

#[test]
fn import_shows_the_preview_and_is_one_undo_step() {
    let picked = DialogResult::Picked(fixture("ot_monitoring.csv"));
    let mut h = harness_with(vec![picked]);
    h.run();
    h.get_by_label("New project").click();
    h.run();
    open_dialog(&mut h);
    h.get_by_label_contains("10 rows: 10 added, 0 changed, 0 unchanged, 0 rejected");
    h.get_by_label_contains("Unmapped type \"IP camera\"");
    h.get_by_label("Import").click();
    h.run();
    assert!(!h.state().import.is_open());
    let doc = h.state().doc.as_ref().expect("open");
    assert_eq!(doc.project.asset_count(), 10);
    assert_eq!(doc.project.zones.len(), 3);
    assert_eq!(
        doc.history.undo_label(),
        Some("Import 10 assets from ot_monitoring.csv")
    );
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    let doc = h.state().doc.as_ref().expect("open");
    assert_eq!(doc.project.asset_count(), 0, "one undo removes everything");
    assert!(doc.project.zones.is_empty());
}

#[test]
fn cancel_leaves_the_document_unchanged() {
    let picked = DialogResult::Picked(fixture("ot_monitoring.csv"));
    let mut h = harness_with(vec![picked]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    let before = h.state().doc.as_ref().unwrap().project.clone();
    open_dialog(&mut h);
    assert!(h.state().import.preview().is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().import.is_open());
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.project, before);
    assert!(!doc.is_dirty());
}

#[test]
fn a_changed_rule_order_changes_the_preview() {
    let picked = DialogResult::Picked(fixture("ot_monitoring.csv"));
    let mut h = harness_with(vec![picked]);
    h.run();
    h.get_by_label("New project").click();
    h.run();
    open_dialog(&mut h);
    assert_eq!(h.state().import.preview().unwrap().new_zones.len(), 3);
    // the zone column off: VLANs name the zones
    h.get_by_label("Zone column of the file").click();
    h.run();
    let zones = h.state().import.preview().unwrap().new_zones.clone();
    assert_eq!(zones, ["VLAN 20", "VLAN 30", "VLAN 40"]);
    h.get_by_label("Import").click();
    h.run();
    let s = &h.state().doc.as_ref().unwrap().project.import_settings;
    assert!(
        !s.rules
            .contains(&zonewright::model::network::ZoneRule::ZoneColumn),
        "kept for the next import"
    );
}
