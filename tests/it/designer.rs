//! Drives the real designer with egui_kittest: palette drags, canvas gestures, inspector edits,
//! requirement statuses, undo/redo, files.

use egui::{Event, Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::model::{AssetParent, ElementRef, Fr, SlVector, Status, ZoneKind};
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{DesignerApp, DockTab};

use crate::common;
use common::{drag, harness_with, pointer, project};

fn harness() -> Harness<'static, DesignerApp> {
    harness_with(Vec::new())
}

fn new_project(h: &mut Harness<'_, DesignerApp>) {
    h.get_by_label("New project").click();
    h.run();
    assert!(h.state().doc.is_some(), "New project opens a document");
}

fn click_at(h: &mut Harness<'_, DesignerApp>, pos: Pos2) {
    common::click_at(h, pos);
    h.run();
}

fn scene_to_screen(h: &Harness<'_, DesignerApp>, x: f32, y: f32) -> Pos2 {
    h.state().canvas.scene_to_screen(x, y)
}

fn canvas_center(h: &Harness<'_, DesignerApp>) -> Pos2 {
    // the canvas lies between the palette (left), inspector (right) and dock (bottom)
    let node = h.get_by_label("Zones");
    let left = node.rect().right() + 260.0;
    pos2(left, 300.0)
}

fn undo(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn redo(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
}

/// Drags the palette entry with this label onto the canvas at `to`.
fn drag_from_palette(h: &mut Harness<'_, DesignerApp>, label: &str, to: Pos2) {
    let from = h
        .get_all_by_label(label)
        // the palette is the left panel, above the status line
        .find(|n| n.rect().left() < 260.0 && n.rect().bottom() < 900.0)
        .map(|n| n.rect().center())
        .expect("palette entry");
    drag(h, from, to);
}

fn zone_center_on_screen(h: &Harness<'_, DesignerApp>, index: usize) -> Pos2 {
    let r = project(h).zones[index].rect;
    scene_to_screen(h, r.x + r.w / 2.0, r.y + r.h * 0.75)
}

#[test]
fn start_page_offers_new_samples_and_opens_a_sample() {
    let mut h = harness();
    h.run();
    h.get_by_label("New project");
    h.get_by_label_contains("Refinery").click();
    h.run();
    let p = project(&h);
    assert_eq!(p.zones.len(), 8);
    // canvas items carry accessible labels
    h.get_by_label("Zone Basic process control system (BPCS)");
    h.get_by_label("Conduit BPCS ↔ SIS");
}

#[test]
fn drag_zone_kind_from_palette_creates_a_zone_and_undo_redo_it() {
    let mut h = harness();
    h.run();
    // free placement, to the point (snapping: tests/it/canvas_fluency.rs)
    h.state_mut().canvas.snap_to_grid = false;
    new_project(&mut h);
    let target = canvas_center(&h);
    drag_from_palette(&mut h, "Control", target);
    assert_eq!(
        project(&h).zones.len(),
        1,
        "dropping a zone kind adds a zone"
    );
    let z = &project(&h).zones[0];
    assert_eq!(z.kind, ZoneKind::Control);
    let (cx, cy) = z.rect.center();
    let on_screen = scene_to_screen(&h, cx, cy);
    assert!(
        (on_screen - target).length() < 3.0,
        "the zone is centred where it was dropped: {on_screen:?} vs {target:?}"
    );
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.history.undo_label()),
        Some("Add zone Control")
    );
    undo(&mut h);
    assert!(project(&h).zones.is_empty());
    redo(&mut h);
    assert_eq!(project(&h).zones.len(), 1);
}

#[test]
fn drag_component_into_zone_and_outside_any_zone() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let target = canvas_center(&h);
    drag_from_palette(&mut h, "Control", target);
    let into = zone_center_on_screen(&h, 0);
    drag_from_palette(&mut h, "PLC", into);
    let z = &project(&h).zones[0];
    assert_eq!(z.assets.len(), 1, "the PLC was dropped into the zone");
    assert_eq!(z.assets[0].component, "plc");
    // the zone's capability follows the asset: SL-C is no longer unknown
    let a = &h.state().doc.as_ref().expect("doc").assessment;
    assert!(a.zones[0].sl_c.iter().all(Option::is_some));
    // outside any zone: nothing is added and the status line says why
    drag_from_palette(&mut h, "PLC", pos2(into.x + 450.0, into.y));
    assert_eq!(project(&h).asset_count(), 1);
    assert!(
        h.state()
            .status
            .as_deref()
            .is_some_and(|s| s.contains("into a zone"))
    );
    undo(&mut h);
    assert_eq!(project(&h).asset_count(), 0);
    redo(&mut h);
    assert_eq!(project(&h).asset_count(), 1);
}

#[test]
fn conduit_tool_joins_two_zones_and_undo_removes_it() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let c = canvas_center(&h);
    drag_from_palette(&mut h, "Control", c);
    drag_from_palette(&mut h, "DMZ", pos2(c.x, c.y + 260.0));
    assert_eq!(project(&h).zones.len(), 2);
    h.get_by_label("Conduit tool").click();
    h.run();
    let a = zone_center_on_screen(&h, 0);
    let b = zone_center_on_screen(&h, 1);
    click_at(&mut h, a);
    click_at(&mut h, b);
    let p = project(&h);
    assert_eq!(p.conduits.len(), 1);
    assert_eq!(
        (p.conduits[0].from, p.conduits[0].to),
        (p.zones[0].id, p.zones[1].id)
    );
    // the conduit's SL-T defaults to the maximum of its zones
    let e = &h.state().doc.as_ref().expect("doc").assessment.conduits[0];
    assert_eq!(e.sl_t, Some(SlVector::uniform(2)));
    undo(&mut h);
    assert!(project(&h).conduits.is_empty());
    redo(&mut h);
    assert_eq!(project(&h).conduits.len(), 1);
}

#[test]
fn dragging_a_zone_moves_it_in_one_undo_step() {
    let mut h = harness();
    h.run();
    // free placement, to the point (snapping: tests/it/canvas_fluency.rs)
    h.state_mut().canvas.snap_to_grid = false;
    new_project(&mut h);
    let to = canvas_center(&h);
    drag_from_palette(&mut h, "Control", to);
    let before = project(&h).zones[0].rect;
    let from = zone_center_on_screen(&h, 0);
    let zoom = h.state().canvas.zoom();
    drag(&mut h, from, from + egui::vec2(120.0, 60.0));
    let after = project(&h).zones[0].rect;
    assert!(
        ((after.x - before.x) - 120.0 / zoom).abs() < 2.0,
        "{before:?} → {after:?}"
    );
    assert!(((after.y - before.y) - 60.0 / zoom).abs() < 2.0);
    undo(&mut h);
    assert_eq!(
        project(&h).zones[0].rect,
        before,
        "one undo reverts the whole drag"
    );
}

/// Clicks the "Set all" button with this level in the inspector.
fn set_all(h: &mut Harness<'_, DesignerApp>, level: &str) {
    let row_y = h.get_by_label("Set all:").rect().center().y;
    let x0 = h.get_by_label("Set all:").rect().right();
    let button = h
        .get_all_by_label(level)
        .find(|n| (n.rect().center().y - row_y).abs() < 6.0 && n.rect().left() >= x0)
        .map(|n| n.rect().center())
        .expect("Set all button");
    click_at(h, button);
}

#[test]
fn set_sl_t_and_a_requirement_status_change_sl_a_and_gap_colours() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let to = canvas_center(&h);
    drag_from_palette(&mut h, "Control", to);
    let to = zone_center_on_screen(&h, 0);
    drag_from_palette(&mut h, "PLC", to);
    // select the zone and set SL-T 1 everywhere
    let id = project(&h).zones[0].id;
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(id)]));
    h.run();
    set_all(&mut h, "1");
    assert_eq!(project(&h).zones[0].sl_t, Some(SlVector::uniform(1)));
    let label = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label())
        .map(str::to_owned);
    assert_eq!(
        label.as_deref(),
        Some("Set SL-T of zone Control to (1,1,1,1,1,1,1)")
    );
    let tre = Fr::Tre.index();
    let before = h.state().doc.as_ref().expect("doc").assessment.zones[0].clone();
    assert_eq!(before.sl_a[tre], None, "nothing assessed: unknown");

    // Requirements tab, FR6 only: at SL-T 1 that is SR 6.1 alone
    h.state_mut().dock_tab = DockTab::Requirements;
    h.state_mut().dock.fr = Some(Fr::Tre);
    h.run();
    h.get_by_label("SR 6.1");
    let row_y = h.get_by_label("SR 6.1").rect().center().y;
    let combo = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| (n.rect().center().y - row_y).abs() < 8.0)
        .map(|n| n.rect().center())
        .expect("status selector in the SR 6.1 row");
    click_at(&mut h, combo);
    let met = h
        .get_all_by_label("Met")
        .last()
        .map(|n| n.rect().center())
        .expect("Met in the popup");
    click_at(&mut h, met);
    let z = &project(&h).zones[0];
    assert_eq!(
        z.requirements.get("SR 6.1").map(|r| r.status),
        Some(Status::Met)
    );
    let after = h.state().doc.as_ref().expect("doc").assessment.zones[0].clone();
    assert_eq!(
        after.sl_a[tre],
        Some(1),
        "SL-A(TRE) follows the status at once"
    );
    assert_ne!(
        after.fr_severity[tre], before.fr_severity[tre],
        "the FR's gap colour changes"
    );
    undo(&mut h);
    assert!(!project(&h).zones[0].requirements.contains_key("SR 6.1"));
    assert_eq!(
        h.state().doc.as_ref().expect("doc").assessment.zones[0].sl_a[tre],
        None
    );
    redo(&mut h);
    assert_eq!(
        h.state().doc.as_ref().expect("doc").assessment.zones[0].sl_a[tre],
        Some(1)
    );
    // and the SL-T edit undoes too
    undo(&mut h);
    undo(&mut h);
    assert_eq!(
        project(&h).zones[0].sl_t,
        Some(ZoneKind::Control.default_sl_t())
    );
}

#[test]
fn typing_a_name_is_one_undo_step() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let to = canvas_center(&h);
    drag_from_palette(&mut h, "Safety", to);
    let id = project(&h).zones[0].id;
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(id)]));
    h.run();
    let name_label_y = h.get_by_label("Name").rect().bottom();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|n| n.rect().left() > 1000.0 && n.rect().top() >= name_label_y - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center())
        .expect("name field in the inspector");
    click_at(&mut h, field);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("SIS 東".into()));
    h.run();
    h.event(Event::Text("京".into()));
    h.run();
    assert_eq!(project(&h).zones[0].name, "SIS 東京");
    // leave the field, then undo once
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    undo(&mut h);
    assert_eq!(project(&h).zones[0].name, "Safety");
}

#[test]
fn delete_and_duplicate_with_keys() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    let zones = project(&h).zones.len();
    let conduits = project(&h).conduits.len();
    let bpcs = project(&h)
        .zones
        .iter()
        .find(|z| z.name.contains("BPCS"))
        .map(|z| z.id)
        .expect("BPCS");
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(bpcs)]));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(project(&h).zones.len(), zones + 1);
    undo(&mut h);
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(bpcs)]));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(project(&h).zones.len(), zones - 1);
    assert!(
        project(&h).conduits.len() < conduits,
        "its conduits go with it"
    );
    undo(&mut h);
    assert_eq!(project(&h).zones.len(), zones);
    assert_eq!(project(&h).conduits.len(), conduits);
}

#[test]
fn moving_an_asset_to_another_zone() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let c = canvas_center(&h);
    drag_from_palette(&mut h, "Control", c);
    drag_from_palette(&mut h, "Supervisory", pos2(c.x, c.y + 260.0));
    let to = zone_center_on_screen(&h, 0);
    drag_from_palette(&mut h, "PLC", to);
    let asset = project(&h).zones[0].assets[0].id;
    let slot = zonewright::model::layout::asset_chips(&project(&h).zones[0].rect, 1).slots[0];
    let from = scene_to_screen(&h, slot.x + 20.0, slot.y + slot.h / 2.0);
    let to = zone_center_on_screen(&h, 1);
    drag(&mut h, from, to);
    let to = project(&h).zones[1].id;
    assert_eq!(
        project(&h).asset(asset).map(|(_, p)| p),
        Some(AssetParent::Zone(to))
    );
    undo(&mut h);
    assert_eq!(
        project(&h).asset(asset).map(|(_, p)| p),
        Some(AssetParent::Zone(project(&h).zones[0].id))
    );
}

#[test]
fn sample_save_reload_compare_and_bad_file_keeps_the_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("refinery.ron");
    let mut h = harness_with(vec![DialogResult::Picked(path.clone())]);
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let saved = zonewright::file::load(&path).expect("saved file loads");
    assert_eq!(&saved, project(&h));
    assert!(!h.state().doc.as_ref().expect("doc").is_dirty());

    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"zonewright\", version: 1, project: (zones: [oops]))",
    )
    .expect("write");
    h.state_mut().open_path(&bad);
    h.run();
    assert_eq!(&saved, project(&h), "the open document is untouched");
    h.get_by_label("Cannot open the project");
    h.get_by_label_contains("line 1, column");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal.is_none());

    // reopening the saved file gives the same project
    h.state_mut().open_path(&path);
    h.run();
    assert_eq!(&saved, project(&h));
}

#[test]
fn unsaved_changes_are_asked_about_before_opening_another_file() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let to = canvas_center(&h);
    drag_from_palette(&mut h, "Control", to);
    assert!(h.state().doc.as_ref().expect("doc").is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(project(&h).zones.len(), 1, "cancel keeps the work");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(project(&h).zones.is_empty());
}

#[test]
fn idle_designer_settles_without_repainting_in_every_tab() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("water");
    // kittest's run() fails with "exceeded max_steps" if the app keeps asking for repaints
    for tab in [DockTab::Findings, DockTab::Requirements] {
        h.state_mut().dock_tab = tab;
        let first = project(&h).zones[0].id;
        h.state_mut()
            .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(
                first,
            )]));
        let steps = h.run();
        assert!(steps < 10, "{tab:?} settles after {steps} steps");
    }
    // the topology tab animates its layout, then goes idle too
    h.state_mut().dock_tab = DockTab::Topology;
    let mut settled = false;
    for _ in 0..600 {
        h.step();
        if h.state().topology.is_settled() {
            settled = true;
            break;
        }
    }
    assert!(settled, "the topology layout settles");
    let steps = h.run();
    assert!(steps < 10, "Topology settles after {steps} steps");
}

#[test]
fn presentation_mode_hides_the_side_panels_and_f5_toggles_it() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    assert!(h.query_by_label("Conduit tool").is_some(), "palette shown");
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presentation);
    assert!(h.query_by_label("Conduit tool").is_none(), "palette hidden");
    assert!(h.state().canvas.label_scale > 1.0, "labels enlarged");
    h.get_by_label("Zone Safety instrumented system (SIS)");
    h.key_press(Key::F5);
    h.run();
    assert!(!h.state().presentation);
    assert!(h.query_by_label("Conduit tool").is_some());
}

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_project_file_on_the_window_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("water.ron");
    let sample = zonewright::cli::load_project("sample:water").expect("sample");
    zonewright::file::save(&sample, &path).expect("save");
    let mut h = harness();
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.clone())));
    h.run();
    assert_eq!(project(&h), &sample);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(path)
    );
}

#[test]
fn resize_from_the_right_edge_and_undo() {
    let mut h = harness();
    h.run();
    // free placement, to the point (snapping: tests/it/canvas_fluency.rs)
    h.state_mut().canvas.snap_to_grid = false;
    new_project(&mut h);
    let to = canvas_center(&h);
    drag_from_palette(&mut h, "Control", to);
    let before = project(&h).zones[0].rect;
    let zoom = h.state().canvas.zoom();
    // a quarter down the right edge (its middle holds the connector handle)
    let edge = scene_to_screen(&h, before.x + before.w - 1.0, before.y + before.h / 4.0);
    drag(&mut h, edge, edge + egui::vec2(80.0, 0.0));
    let after = project(&h).zones[0].rect;
    assert_eq!(
        (after.x, after.y, after.h),
        (before.x, before.y, before.h),
        "only the width changes"
    );
    assert!(
        (after.w - before.w - 80.0 / zoom).abs() < 2.0,
        "{before:?} → {after:?}"
    );
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.history.undo_label()),
        Some("Resize zone Control")
    );
    undo(&mut h);
    assert_eq!(project(&h).zones[0].rect, before);
}

#[test]
fn dragging_the_connector_handle_to_another_zone_creates_a_conduit() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let c = canvas_center(&h);
    drag_from_palette(&mut h, "Supervisory", c);
    drag_from_palette(&mut h, "Control", pos2(c.x + 100.0, c.y + 260.0));
    let r = project(&h).zones[0].rect;
    let handle = scene_to_screen(&h, r.x + r.w, r.y + r.h / 2.0);
    let target = zone_center_on_screen(&h, 1);
    drag(&mut h, handle, target);
    let p = project(&h);
    assert_eq!(p.conduits.len(), 1);
    assert_eq!(
        (p.conduits[0].from, p.conduits[0].to),
        (p.zones[0].id, p.zones[1].id)
    );
    // released over empty canvas: no conduit, a hint instead
    let r = project(&h).zones[0].rect;
    let handle = scene_to_screen(&h, r.x + r.w, r.y + r.h / 2.0);
    drag(&mut h, handle, handle + egui::vec2(0.0, -150.0));
    assert_eq!(project(&h).conduits.len(), 1);
}

#[test]
fn shift_drag_selects_with_a_rubber_band_and_arrows_nudge_the_selection() {
    let mut h = harness();
    h.run();
    new_project(&mut h);
    let c = canvas_center(&h) + egui::vec2(200.0, 0.0);
    drag_from_palette(&mut h, "Control", c);
    drag_from_palette(&mut h, "Field", pos2(c.x, c.y + 250.0));
    let r0 = project(&h).zones[0].rect;
    let r1 = project(&h).zones[1].rect;
    let from = scene_to_screen(&h, r0.x.min(r1.x) - 30.0, r0.y - 30.0);
    let to = scene_to_screen(
        &h,
        r0.x.max(r1.x) + r0.w.max(r1.w) + 30.0,
        r1.y + r1.h + 30.0,
    );
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(Event::PointerMoved(from));
    h.step();
    pointer(&h, from, true, Modifiers::SHIFT);
    h.step();
    for i in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.step();
    }
    pointer(&h, to, false, Modifiers::SHIFT);
    h.step();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let ids: Vec<ElementRef> = project(&h)
        .zones
        .iter()
        .map(|z| ElementRef::Zone(z.id))
        .collect();
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        ids,
        "both zones selected"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(project(&h).zones[0].rect.x, r0.x + 10.0);
    assert_eq!(project(&h).zones[1].rect.x, r1.x + 10.0);
    undo(&mut h);
    assert_eq!(project(&h).zones[0].rect, r0);
}

#[test]
fn clicking_a_finding_selects_its_element() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    let conduit = project(&h)
        .conduits
        .iter()
        .find(|c| c.name == "DMZ ↔ supervisory")
        .map(|c| c.id)
        .expect("conduit");
    // the conduit has more than one finding (its WSUS flow is cleartext): click the first row
    h.get_all_by_label("DMZ ↔ supervisory")
        .next()
        .expect("a finding row")
        .click();
    h.run();
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Conduit(conduit)]
    );
    // the inspector now edits that conduit (its heading, beside the canvas label)
    assert_eq!(h.get_all_by_label("Conduit DMZ ↔ supervisory").count(), 2);
}

#[test]
fn canvas_reuses_its_drawing_until_what_it_shows_changes() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    let shows = |h: &Harness<'_, DesignerApp>, name: &str| {
        h.state()
            .canvas
            .drawn_texts()
            .iter()
            .any(|t| t == name || name.starts_with(t.trim_end_matches('…')) && t.ends_with('…'))
    };
    let first = project(&h).zones[0].clone();
    assert!(shows(&h, &first.name), "zone name on the canvas");
    let built = h.state().canvas.drawing_builds();

    // the pointer moving over zones and a small pan: the same drawing, moved
    for i in 0..4 {
        h.event(Event::PointerMoved(zone_center_on_screen(&h, i)));
        h.run();
    }
    h.state_mut().canvas.pan_by(egui::vec2(25.0, -10.0));
    h.run();
    assert_eq!(
        h.state().canvas.drawing_builds(),
        built,
        "nothing shown changed"
    );
    assert!(shows(&h, &first.name), "and it is still drawn");
    let on_screen = |h: &Harness<'_, DesignerApp>| {
        h.output().shapes.iter().any(|c| match &c.shape {
            egui::Shape::Mesh(m) => m.vertices.len() > 1_000,
            _ => false,
        })
    };
    assert!(on_screen(&h), "the retained mesh is painted in every frame");

    // an edit: drawn again, with the new name
    let mut renamed = first.clone();
    renamed.name = "Renamed zone".into();
    h.state_mut().apply_intent(zonewright::ui::Intent::Act(
        zonewright::command::Action::Form {
            label: "Rename".into(),
            form: Box::new(zonewright::command::form::FormAction::Zone(renamed)),
            merge_key: None,
        },
    ));
    h.run();
    assert!(h.state().canvas.drawing_builds() > built);
    assert!(shows(&h, "Renamed zone"));
    assert!(!shows(&h, &first.name), "the old name is gone");

    // undo and a selection change are drawn too
    let built = h.state().canvas.drawing_builds();
    undo(&mut h);
    assert!(shows(&h, &first.name));
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![ElementRef::Zone(
            first.id,
        )]));
    h.run();
    assert!(h.state().canvas.drawing_builds() >= built + 2);
}

#[test]
fn a_grown_font_atlas_after_closing_the_document_asks_for_no_frames() {
    let mut h = harness();
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.state_mut().guarded(zonewright::ui::Pending::Close);
    h.run();
    // new glyphs at new sizes grow the font atlas, as other text on the start page would
    let before = h.ctx.fonts(|f| f.font_image_size());
    let text: String = ('\u{4e00}'..='\u{4fff}').collect();
    for size in [20.0, 28.0, 36.0, 44.0] {
        h.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                text.clone(),
                egui::FontId::proportional(size),
                egui::Color32::BLACK,
            )
        });
    }
    assert_ne!(
        h.ctx.fonts(|f| f.font_image_size()),
        before,
        "the atlas grew"
    );
    // the canvas's retained drawing is not on screen: nothing may keep asking to repaint it
    let steps = h.run();
    assert!(steps < 10, "settles after {steps} steps");
}
