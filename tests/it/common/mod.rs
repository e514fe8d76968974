//! What the egui_kittest tests of the designer share: the real app in a harness with scripted
//! file dialogs and in-memory recent files, and pointer clicks.
// each test crate uses a different part of this module
#![allow(dead_code)]

pub mod session;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use zonewright::ui::DesignerApp;
use zonewright::ui::dialogs::{DialogResult, RecentFiles, ScriptedDialogs};

/// The designer, its file dialogs answering `answers` in turn.
pub fn harness_with(answers: Vec<DialogResult>) -> Harness<'static, DesignerApp> {
    harness_sized_with(1500.0, 950.0, answers)
}

/// The designer in a window of `w` × `h` points (a projector, a narrow laptop, a window tall
/// enough for a whole scenario in the inspector), its file dialogs answering nothing.
pub fn harness_sized(w: f32, h: f32) -> Harness<'static, DesignerApp> {
    harness_sized_with(w, h, Vec::new())
}

fn harness_sized_with(w: f32, h: f32, answers: Vec<DialogResult>) -> Harness<'static, DesignerApp> {
    Harness::builder()
        .with_size([w, h])
        .build_eframe(move |cc| {
            let dialogs = ScriptedDialogs {
                answers: answers.into_iter().collect(),
            };
            DesignerApp::new(&cc.egui_ctx, Box::new(dialogs), RecentFiles::in_memory())
        })
}

/// A press or release of the primary button at `pos`.
pub fn pointer(h: &Harness<'_, DesignerApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

/// Moves to `pos`, presses and releases, one frame each.
pub fn click_at(h: &mut Harness<'_, DesignerApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    pointer(h, pos, true, Modifiers::NONE);
    h.step();
    pointer(h, pos, false, Modifiers::NONE);
    h.step();
}

/// The designer with the embedded sample `name` open.
pub fn with_sample(name: &str) -> Harness<'static, DesignerApp> {
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample(name);
    h.run();
    h
}

/// A press at `from`, a movement in six steps, a release at `to`, with frames in between.
pub fn drag(h: &mut Harness<'_, DesignerApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    pointer(h, from, true, Modifiers::NONE);
    h.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
        h.step();
    }
    pointer(h, to, false, Modifiers::NONE);
    h.step();
    h.run();
}

/// The open project.
pub fn project<'h>(h: &'h Harness<'_, DesignerApp>) -> &'h zonewright::model::Project {
    &h.state().doc.as_ref().expect("a document is open").project
}

/// The first zone whose name contains `part`.
pub fn zone_named(h: &Harness<'_, DesignerApp>, part: &str) -> zonewright::model::ZoneId {
    project(h)
        .zones
        .iter()
        .find(|z| z.name.contains(part))
        .map(|z| z.id)
        .expect("zone")
}

/// The centre of the first widget with one of `roles` under the (last) label `label`: the field
/// or drop-down a form puts below its label.
pub fn below_label(
    h: &Harness<'_, DesignerApp>,
    label: &str,
    roles: &[egui::accesskit::Role],
) -> Pos2 {
    use egui_kittest::kittest::Queryable;
    let below = h
        .get_all_by_label(label)
        .last()
        .map(|n| n.rect())
        .unwrap_or_else(|| panic!("a label {label:?}"));
    roles
        .iter()
        .flat_map(|role| h.get_all_by_role(*role))
        .map(|n| n.rect())
        .filter(|r| r.top() >= below.top() && r.left() >= below.left() - 8.0)
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .map(|r| r.center())
        .unwrap_or_else(|| panic!("a widget under {label:?}"))
}

/// Steps frames until the import dialog's background read is done (bounded; no timing
/// assertion).
pub fn until_read(h: &mut Harness<'_, DesignerApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().import.is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
}

/// Steps frames until the designer's background export is done (each frame polls it), for at
/// most `timeout`: whether it finished.
pub fn wait_for_export(h: &mut Harness<'_, DesignerApp>, timeout: std::time::Duration) -> bool {
    let end = std::time::Instant::now() + timeout;
    while h.state().export.is_some() && std::time::Instant::now() < end {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.state().export.is_none()
}

/// 2,000 devices over 12 cells and a few VLAN-only rows.
pub fn big_inventory() -> String {
    let mut s = String::from("name,ips,mac_address,vlan_id,roles,level,zones\n");
    let roles = [
        "PLC",
        "HMI",
        "I/O",
        "switch",
        "Engineering Workstation",
        "drive",
    ];
    for i in 0..2_000usize {
        let zone = if i % 50 == 0 {
            String::new()
        } else {
            format!("Cell {}", i % 12)
        };
        s.push_str(&format!(
            "dev-{i},10.{}.{}.{},02:00:00:00:{:02x}:{:02x},{},{},{},{zone}\n",
            i % 12,
            i / 250,
            i % 250 + 1,
            i >> 8,
            i & 0xff,
            i % 12 + 100,
            roles[i % roles.len()],
            i % 3,
        ));
    }
    s
}

/// The finding codes of `zonewright check --format json` output, in its order.
pub fn finding_codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|f| f["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
