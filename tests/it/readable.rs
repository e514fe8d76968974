//! A real plant in a real room: a 2,000-asset inventory imported and fitted at 1280 × 720 (a
//! projector) shows every zone whole on screen with its name, and its assets as groups by
//! component type ("PLC × 72 · SL-C …") instead of chips too small to read; in presentation
//! mode (F5, which fits the plant) too.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::process::Command;
use zonewright::ui::DesignerApp;

/// `rows` devices as an OT-monitoring export lists them; with `vlans` the import makes a zone
/// per VLAN (25 zones of 50 or 100), without it a zone per Purdue level (4 zones of 500).
fn inventory(rows: usize, vlans: bool) -> String {
    let roles = [
        "PLC",
        "HMI",
        "I/O",
        "switch",
        "Engineering Workstation",
        "camera",
        "drive",
    ];
    let mut s = String::from("name,ips,mac_address,");
    if vlans {
        s.push_str("vlan_id,");
    }
    s.push_str("vendor,product_name,roles,level,protocols\n");
    for i in 0..rows {
        let cell = i % 40;
        s.push_str(&format!(
            "dev-{i},10.{cell}.{}.{},02:00:00:00:{:02x}:{:02x},",
            (i / 250) % 256,
            i % 250 + 1,
            (i >> 8) & 0xff,
            i & 0xff
        ));
        if vlans {
            s.push_str(&format!("{},", cell % 25 + 1));
        }
        s.push_str(&format!(
            "Vendor {},Model {},\"{}\",{},\"Modbus/TCP, S7comm\"\n",
            i % 13,
            i % 17,
            roles[i % roles.len()],
            i % 4
        ));
    }
    s
}

/// The inventory imported by the command line into a project file in `dir`.
fn imported(dir: &Path, vlans: bool) -> PathBuf {
    let csv = dir.join(format!("inventory-{vlans}.csv"));
    std::fs::write(&csv, inventory(2000, vlans)).expect("write the inventory");
    let plant = dir.join(format!("plant-{vlans}.ron"));
    let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&plant)
        .output()
        .expect("import runs");
    assert!(o.status.success(), "{o:?}");
    plant
}

fn projector() -> Harness<'static, DesignerApp> {
    crate::common::harness_sized(1280.0, 720.0)
}

/// Every zone lies wholly inside the canvas, at least 40 points tall, and its name is drawn at
/// `min_size` points or more.
fn every_zone_readable(h: &Harness<'_, DesignerApp>, what: &str, min_size: f32) {
    let canvas = &h.state().canvas;
    let screen = canvas.screen_rect().expand(1.0);
    let texts = canvas.drawn_texts();
    let sizes = canvas.drawn_text_sizes();
    let doc = h.state().doc.as_ref().expect("open");
    for z in &doc.project.zones {
        let min = canvas.scene_to_screen(z.rect.x, z.rect.y);
        let max = canvas.scene_to_screen(z.rect.x + z.rect.w, z.rect.y + z.rect.h);
        assert!(
            screen.contains(min) && screen.contains(max),
            "{what}: zone {} at {min:?}–{max:?} lies outside the canvas {screen:?}",
            z.name
        );
        assert!(
            max.y - min.y >= 40.0,
            "{what}: zone {} only {} points tall",
            z.name,
            max.y - min.y
        );
        let at = texts.iter().position(|t| t == &z.name);
        assert!(
            at.is_some(),
            "{what}: the name of zone {} is not drawn (drawn: {:?})",
            z.name,
            &texts[..texts.len().min(20)]
        );
        let size = at.and_then(|i| sizes.get(i)).copied().unwrap_or(0.0);
        assert!(
            size >= min_size,
            "{what}: zone {} named at {size} pt",
            z.name
        );
    }
}

#[test]
fn a_2000_asset_plant_fitted_at_1280_by_720_shows_every_zone_name_and_its_asset_groups() {
    let dir = tempfile::tempdir().expect("temp dir");
    for vlans in [false, true] {
        let plant = imported(dir.path(), vlans);
        let mut h = projector();
        h.run();
        h.state_mut().open_path(&plant);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
        h.run();
        let zones = h.state().doc.as_ref().map_or(0, |d| d.project.zones.len());
        assert_eq!(zones, if vlans { 25 } else { 4 });
        assert!(
            h.state().canvas.zoom() < 0.42,
            "fitted this plant is too small for chips with names: zoom {}",
            h.state().canvas.zoom()
        );
        every_zone_readable(&h, "fitted", 13.0);
        let texts = h.state().canvas.drawn_texts();
        // four zones of 500 have room for every group; 25 zones of 50 or 100 for their counts
        let wanted = if vlans { "100 assets" } else { "PLC × " };
        assert!(
            texts.iter().any(|t| t.starts_with(wanted)),
            "asset groups or counts drawn: {:?}",
            &texts[..texts.len().min(30)]
        );
        assert!(
            !texts.iter().any(|t| t.starts_with("dev-")),
            "no chip names at this zoom"
        );
        // presentation mode fits the plant to the larger canvas
        let before = h.state().canvas.zoom();
        h.key_press(Key::F5);
        h.run();
        assert!(h.state().presentation);
        assert!(
            h.state().canvas.zoom() > before * 1.1,
            "F5 fitted the plant to the wider canvas: zoom {before} → {}",
            h.state().canvas.zoom()
        );
        every_zone_readable(&h, "presentation", 24.0);
    }
}

/// The font sizes (points) and texts of an SVG drawing (its user unit is the millimetre).
fn svg_texts(svg: &str) -> Vec<(f32, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let mm: f32 = n
                .attribute("font-size")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            (mm * 72.0 / 25.4, n.text().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The drawing of a 2,000-asset imported plant and of the refinery, as printed on the page:
/// no text under 6 pt, every zone's whole name (its rows joined), and groups by type where
/// chips would be smaller than that.
#[test]
fn drawings_of_real_plants_print_no_text_under_6_pt_and_every_whole_zone_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plants = [
        imported(dir.path(), false),
        imported(dir.path(), true),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/refinery.ron"),
    ];
    for plant in plants {
        let svg = dir.path().join("drawing.svg");
        let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
            .arg("export")
            .arg(&plant)
            .arg("-o")
            .arg(&svg)
            .output()
            .expect("export runs");
        assert!(o.status.success(), "{o:?}");
        let texts = svg_texts(&std::fs::read_to_string(&svg).expect("written"));
        for (pt, text) in &texts {
            assert!(*pt >= 5.99, "{}: \"{text}\" at {pt:.2} pt", plant.display());
        }
        let all: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        let joined = all.join(" ");
        let project = zonewright::file::load(&plant).expect("loads");
        for z in &project.zones {
            assert!(
                joined.contains(&z.name),
                "{}: zone name \"{}\" not printed whole",
                plant.display(),
                z.name
            );
        }
        if project.asset_count() >= 2000 {
            assert!(
                all.iter().any(|t| t.contains(" × ") && t.contains("SL-C")),
                "groups by type on the drawing of {}",
                plant.display()
            );
        }
    }
}

/// Find + Enter on a 2,000-asset plant whose zones show their assets as groups (sized for
/// them, 500 assets each): the asset is selected, its zone shown with every chip, and the chip
/// brought into view at a zoom where its name is drawn; Enter again goes on to the next result.
#[test]
fn find_and_enter_bring_an_asset_of_a_big_zone_into_readable_view_and_enter_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plant = imported(dir.path(), false);
    let mut h = projector();
    h.run();
    h.state_mut().open_path(&plant);
    h.run();
    assert!(
        !h.state()
            .canvas
            .drawn_texts()
            .iter()
            .any(|t| t.starts_with("dev-")),
        "groups, no chips"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("dev-137".to_owned()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let first = h.state().selection.iter().next().copied();
    let Some(zonewright::model::ElementRef::Asset(id)) = first else {
        panic!("an asset selected: {first:?}");
    };
    let name = zonewright::ui::focus_rect(
        &h.state().doc.as_ref().expect("open").project,
        zonewright::model::ElementRef::Asset(id),
    )
    .expect("its chip");
    h.run();
    let canvas = &h.state().canvas;
    assert_eq!(
        canvas.expanded.len(),
        1,
        "the asset's zone shows every chip"
    );
    assert!(
        canvas.zoom() >= 0.42,
        "zoomed in to read chips: {}",
        canvas.zoom()
    );
    let (cx, cy) = name.center();
    assert!(
        canvas
            .screen_rect()
            .contains(canvas.scene_to_screen(cx, cy)),
        "the chip is on screen"
    );
    let asset_name = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.asset(id))
        .map(|(a, _)| a.name.clone());
    assert!(
        asset_name.is_some_and(|n| canvas.drawn_texts().contains(&n)),
        "its name is drawn"
    );
    h.key_press(Key::Enter);
    h.run();
    let second = h.state().selection.iter().next().copied();
    assert!(
        matches!(second, Some(zonewright::model::ElementRef::Asset(_))) && second != first,
        "Enter again went on to the next result: {first:?} → {second:?}"
    );
}

/// An imported zone of 500 assets is sized for its groups; View → Show every asset
/// (Ctrl+Shift+E) draws it with a chip for every asset, over its neighbours, without changing
/// the document; again goes back to the groups.
#[test]
fn a_zone_sized_for_its_groups_expands_to_every_chip_and_back_as_a_view_setting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plant = imported(dir.path(), false);
    let mut h = projector();
    h.run();
    h.state_mut().open_path(&plant);
    h.run();
    let project = h.state().doc.as_ref().expect("open").project.clone();
    let z = project
        .zones
        .iter()
        .max_by_key(|z| z.assets.len())
        .expect("zones")
        .clone();
    assert!(z.assets.len() >= 400);
    let (w, hgt) = zonewright::model::layout::group_zone_size();
    assert_eq!((z.rect.w, z.rect.h), (w, hgt), "sized for its groups");
    h.state_mut().selection = [zonewright::model::ElementRef::Zone(z.id)]
        .into_iter()
        .collect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    let chip_names = |h: &Harness<'_, DesignerApp>| {
        h.state()
            .canvas
            .drawn_texts()
            .iter()
            .filter(|t| t.starts_with("dev-"))
            .count()
    };
    assert_eq!(chip_names(&h), 0, "groups, not chips");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    h.run();
    assert!(h.state().canvas.expanded.contains(&z.id));
    assert!(
        chip_names(&h) > 20,
        "every chip with its name: {}",
        chip_names(&h)
    );
    assert_eq!(
        h.state().doc.as_ref().expect("open").project,
        project,
        "a view setting: the document is unchanged"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    h.run();
    assert!(h.state().canvas.expanded.is_empty());
    assert_eq!(chip_names(&h), 0, "back to the groups");
}
