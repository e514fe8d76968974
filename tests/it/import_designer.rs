//! The import dialog in the designer (headless): File → Import assets…, a file picked through
//! the scripted dialog, the preview counts, Import as one undo step, Cancel changing nothing.

use egui_kittest::kittest::Queryable;
use std::path::Path;
use zonewright::ui::Intent;
use zonewright::ui::dialogs::DialogResult;

use crate::common;
use common::{harness_with, until_read};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
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

#[test]
fn a_2000_row_inventory_fills_the_canvas_with_zones_that_do_not_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plant-inventory.csv");
    std::fs::write(&path, common::big_inventory()).unwrap();
    let mut h = harness_with(vec![DialogResult::Picked(path)]);
    h.run();
    h.get_by_label("New project").click();
    h.run();
    open_dialog(&mut h);
    h.get_by_label_contains("2,000 rows: 2,000 added");
    h.get_by_label("Import").click();
    h.run();
    let p = &h.state().doc.as_ref().unwrap().project;
    assert_eq!(p.asset_count(), 2_000);
    // 12 cells and the 6 VLAN zones of the rows without a zone (every 50th)
    assert_eq!(
        p.zones.len(),
        12 + 6,
        "{:?}",
        p.zones.iter().map(|z| &z.name).collect::<Vec<_>>()
    );
    for (i, a) in p.zones.iter().enumerate() {
        // a zone shows every chip up to 24 assets, and is sized for its groups above that
        let l = zonewright::model::layout::asset_chips(&a.rect, a.assets.len());
        if a.assets.len() <= zonewright::model::layout::CHIPS_UP_TO {
            assert_eq!(l.hidden, 0, "zone {} shows all its assets", a.name);
        } else {
            let (w, h) = zonewright::model::layout::group_zone_size();
            assert_eq!(
                (a.rect.w, a.rect.h),
                (w, h),
                "zone {} sized for groups",
                a.name
            );
        }
        for b in &p.zones[i + 1..] {
            let (r, s) = (a.rect, b.rect);
            let apart =
                r.x + r.w <= s.x || s.x + s.w <= r.x || r.y + r.h <= s.y || s.y + s.h <= r.y;
            assert!(apart, "{} overlaps {}", a.name, b.name);
        }
    }
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().history.undo_label(),
        Some("Import 2,000 assets from plant-inventory.csv")
    );
}

/// An inventory whose rows 2–301 are rejected (a bad IP) and whose last rows are imported into
/// two new zones, one with a type no table knows.
fn mostly_rejected() -> String {
    let mut s = String::from("name,ips,roles,zones\n");
    for i in 0..300 {
        s.push_str(&format!("bad-{i},10.0.0.{i}x,PLC,Cell A\n"));
    }
    s.push_str("good-1,10.0.1.1,PLC,Cell A\ngood-2,10.0.1.2,IP camera,Cell B\n");
    s
}

fn open_mostly_rejected(dir: &Path) -> egui_kittest::Harness<'static, zonewright::ui::DesignerApp> {
    let path = dir.join("mostly-rejected.csv");
    std::fs::write(&path, mostly_rejected()).unwrap();
    let mut h = harness_with(vec![DialogResult::Picked(path)]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    open_dialog(&mut h);
    h.get_by_label_contains("302 rows: 2 added, 0 changed, 0 unchanged, 300 rejected");
    h
}

#[test]
fn rejected_rows_are_listed_before_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let h = open_mostly_rejected(dir.path());
    let first_rejected = h
        .get_by_label_contains("Rejected row 2: bad IP address")
        .rect();
    let new_zones = h.get_by_label_contains("New zones: Cell A, Cell B").rect();
    let unmapped = h
        .get_by_label_contains("Unmapped type \"IP camera\"")
        .rect();
    assert!(
        first_rejected.top() < new_zones.top() && first_rejected.top() < unmapped.top(),
        "rejected rows first: {first_rejected:?}, new zones {new_zones:?}, unmapped {unmapped:?}"
    );
    // 200 listed, the rest counted, still above the zones
    let more = h.get_by_label("and 100 more rejected rows").rect();
    assert!(more.top() < new_zones.top());
    // and the preview comes before the file's columns and the rules that change it
    let columns = h.get_by_label("Columns").rect();
    assert!(first_rejected.top() < columns.top(), "{columns:?}");
}

#[test]
fn the_mapping_shows_each_columns_first_values() {
    let picked = DialogResult::Picked(fixture("ot_monitoring.csv"));
    let mut h = harness_with(vec![picked]);
    h.run();
    h.get_by_label("New project").click();
    h.run();
    open_dialog(&mut h);
    h.get_by_label("First values");
    // the first three non-empty values of a column, on one line, in file order
    let names = h.get_by_label("PLC-101  ·  PLC-102  ·  HMI-11").rect();
    let header = h.get_by_label("name").rect();
    assert!(
        (names.center().y - header.center().y).abs() < 4.0 && names.left() > header.right(),
        "beside its column: {names:?} {header:?}"
    );
    h.get_by_label("EtherNet/IP, CIP  ·  EtherNet/IP, CIP  ·  S7comm, HTTP");
    h.get_by_label("20  ·  20  ·  20");
}

#[test]
fn the_wheel_over_the_dialog_scrolls_its_list_and_never_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_mostly_rejected(dir.path());
    let canvas = h.state().canvas.screen_rect();
    let first = h
        .get_by_label_contains("Rejected row 2: bad IP address")
        .rect();
    assert!(
        canvas.contains(first.center()),
        "the list lies over the canvas"
    );
    let zoom = h.state().canvas.zoom();
    let probe = canvas.center();
    let scene_at_probe = h.state().canvas.screen_to_scene(probe);
    let wheel = |h: &mut egui_kittest::Harness<'_, zonewright::ui::DesignerApp>, dy: f32| {
        h.event(egui::Event::PointerMoved(first.center()));
        h.step();
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
        });
        for _ in 0..30 {
            h.step();
        }
        h.run();
    };
    wheel(&mut h, -200.0);
    let after = h
        .get_by_label_contains("Rejected row 2: bad IP address")
        .rect();
    assert!(
        after.top() < first.top() - 50.0,
        "the list scrolled: {first:?} → {after:?}"
    );
    // far past the end of the list, and back past its start: the canvas never moves
    wheel(&mut h, -50_000.0);
    wheel(&mut h, 50_000.0);
    wheel(&mut h, 50_000.0);
    assert_eq!(h.state().canvas.zoom(), zoom, "the canvas did not zoom");
    assert_eq!(
        h.state().canvas.screen_to_scene(probe),
        scene_at_probe,
        "the canvas did not pan"
    );
}
