//! Names of thousands of characters on a thousand assets (a hostile or careless inventory):
//! the designer lays out only what can be seen — the canvas chips a cut name, the zone
//! inspector builds only the asset rows in view — so memory stays bounded (a 27 MB clip of
//! such assets once left gigabytes of glyphs in the layout cache).

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::process::Command;
use zonewright::model::ElementRef;

use crate::common;

#[test]
fn long_names_are_laid_out_only_as_far_as_they_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("long.csv");
    let mut rows = String::from("name,type,zone\n");
    for i in 0..1_000 {
        rows.push_str(&format!("PLC {i} {},PLC,Cell\n", "x".repeat(3_000)));
    }
    std::fs::write(&csv, rows).expect("write the inventory");
    let plant = dir.path().join("long.ron");
    let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&plant)
        .output()
        .expect("import runs");
    assert!(o.status.success(), "{o:?}");

    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(&plant);
    for _ in 0..500 {
        h.step();
        if h.state().doc.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let zone = common::zone_named(&h, "Cell");
    h.state_mut().selection = [ElementRef::Zone(zone)].into_iter().collect();
    // the zone is sized for its groups: shown with every chip (a view setting)
    h.state_mut().canvas.expanded.insert(zone);
    // 100 %: chips with their names
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    h.run();
    let texts = h.state().canvas.drawn_texts();
    let chip_names: Vec<&String> = texts.iter().filter(|t| t.starts_with("PLC ")).collect();
    assert!(!chip_names.is_empty(), "chips drawn with names: {texts:?}");
    for t in &chip_names {
        assert!(
            t.chars().count() < 200 && t.ends_with('…'),
            "a chip lays out {} characters of a 3,000-character name",
            t.chars().count()
        );
    }
    // the inspector lists the zone's 1,000 assets, building only the rows in view
    let rows = h.query_all_by_label_contains("x… — ").count();
    assert!(
        (1..=40).contains(&rows),
        "{rows} asset rows built for a zone of 1,000 assets"
    );
}
