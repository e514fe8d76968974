//! The canvas's fluency with the real designer (egui_kittest): the view never moves unless the
//! user moves it, panels keep their size, zones snap to the grid, arrange commands, Purdue
//! bands and the topology view's fit.

use crate::common;
use common::drag;
use egui::{Event, Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::model::{ElementRef, ZoneId};
use zonewright::ui::{DesignerApp, DockTab};

fn refinery() -> Harness<'static, DesignerApp> {
    common::with_sample("refinery")
}

/// The zoom and the scene point under a fixed screen point.
fn camera(h: &Harness<'_, DesignerApp>) -> (f32, Pos2) {
    let c = &h.state().canvas;
    (c.zoom(), c.screen_to_scene(pos2(700.0, 300.0)))
}

fn assert_same_camera(before: (f32, Pos2), after: (f32, Pos2), what: &str) {
    assert!(
        (before.0 - after.0).abs() < 1e-4,
        "{what}: zoom {} → {}",
        before.0,
        after.0
    );
    assert!(
        (before.1 - after.1).length() < 0.5,
        "{what}: the scene under the pointer moved {:?} → {:?}",
        before.1,
        after.1
    );
}

fn zone_on_screen(h: &Harness<'_, DesignerApp>, id: u32) -> Pos2 {
    let doc = h.state().doc.as_ref().expect("a document");
    let r = doc.project.zone(ZoneId(id)).expect("zone").rect;
    h.state()
        .canvas
        .scene_to_screen(r.x + r.w / 2.0, r.y + r.h * 0.8)
}

fn click(h: &mut Harness<'_, DesignerApp>, at: Pos2) {
    common::click_at(h, at);
    h.run();
}

#[test]
fn selecting_deselecting_presentation_and_the_dock_divider_never_move_the_view() {
    let mut h = refinery();
    let start = camera(&h);
    let dock = h.state().panels.dock_height;
    // select a zone on the canvas, then clear the selection
    let at = zone_on_screen(&h, 4);
    click(&mut h, at);
    assert!(!h.state().selection.is_empty(), "the click selected");
    assert_same_camera(start, camera(&h), "selecting a zone");
    assert_eq!(
        h.state().panels.dock_height,
        dock,
        "the dock kept its height"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().selection.is_empty());
    assert_same_camera(start, camera(&h), "clearing the selection");
    assert_eq!(h.state().panels.dock_height, dock);
    // into presentation (which fits the plant: F5 is for showing it to a room) and out again
    // (which keeps the view the presentation had)
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presentation);
    let presented = camera(&h);
    h.key_press(Key::F5);
    h.run();
    assert_same_camera(presented, camera(&h), "leaving presentation");
    let start = camera(&h);
    // the dock divider dragged up by 120 points
    let divider = h.state().canvas.screen_rect().max.y + 1.0;
    drag(&mut h, pos2(700.0, divider), pos2(700.0, divider - 120.0));
    let grown = h.state().panels.dock_height;
    assert!(grown > dock + 60.0, "the divider moved: {dock} → {grown}");
    assert_same_camera(start, camera(&h), "dragging the dock divider");
    // and the dragged height stays through selection changes
    let at = zone_on_screen(&h, 1);
    click(&mut h, at);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().panels.dock_height, grown);
}

#[test]
fn moved_zones_land_on_the_grid_and_align_commands_are_one_step() {
    let mut h = refinery();
    // the zone's header (below it are the asset chips)
    let from = h.state().canvas.scene_to_screen(850.0, 760.0);
    drag(&mut h, from, from + egui::vec2(37.0, 23.0));
    let r = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(4)))
        .map(|z| z.rect);
    let r = r.expect("zone 4");
    assert_ne!((r.x, r.y), (600.0, 720.0), "it moved");
    // on the grid, or lined up with another zone's edge or centre
    let others: Vec<_> = h
        .state()
        .doc
        .as_ref()
        .map(|d| {
            d.project
                .zones
                .iter()
                .filter(|z| z.id != ZoneId(4))
                .map(|z| z.rect)
                .collect()
        })
        .unwrap_or_default();
    let lined_up_x = others.iter().any(|o| {
        [o.x, o.x + o.w / 2.0, o.x + o.w]
            .iter()
            .any(|v| [r.x, r.x + r.w / 2.0, r.x + r.w].contains(v))
    });
    assert!(r.x % 10.0 == 0.0 || lined_up_x, "x {} on the grid", r.x);
    // select two zones and align their left edges: one undo step
    h.state_mut()
        .apply_intent(zonewright::ui::Intent::Select(vec![
            ElementRef::Zone(ZoneId(1)),
            ElementRef::Zone(ZoneId(3)),
        ]));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::ArrowLeft);
    h.run();
    let x = |h: &Harness<'_, DesignerApp>, id| {
        h.state()
            .doc
            .as_ref()
            .and_then(|d| d.project.zone(ZoneId(id)))
            .map(|z| z.rect.x)
    };
    assert_eq!(x(&h, 1), Some(0.0));
    assert_eq!(x(&h, 3), Some(0.0));
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.history.undo_label()),
        Some("Align left edges (2 zones)")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(x(&h, 1), Some(280.0), "one undo puts it back");
}

#[test]
fn purdue_bands_are_a_project_setting_shown_on_the_canvas() {
    let mut h = refinery();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Purdue bands").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("a document");
    assert!(doc.project.meta.purdue_bands);
    assert_eq!(doc.history.undo_label(), Some("Show Purdue bands"));
    let texts = h.state().canvas.drawn_texts().join("|");
    assert!(texts.contains("Level 3.5 (DMZ)"), "{texts}");
    assert!(texts.contains("Level 2"), "{texts}");
}

#[test]
fn the_topology_view_fits_itself_when_shown_and_when_the_dock_grows() {
    let mut h = refinery();
    h.state_mut().dock_tab = DockTab::Topology;
    h.run();
    let width = |h: &Harness<'_, DesignerApp>| -> f32 {
        let rects: Vec<_> = (1..=8)
            .filter_map(|i| h.state().topology.zone_screen_rect(ZoneId(i)))
            .collect();
        let all = rects.iter().copied().reduce(|a, b| a.union(b));
        all.map_or(0.0, |r| r.width())
    };
    let first = width(&h);
    assert!(first > 300.0, "drawn at a readable size at once: {first}");
    let divider = h.state().canvas.screen_rect().max.y + 1.0;
    drag(&mut h, pos2(700.0, divider), pos2(700.0, divider - 200.0));
    h.run();
    let grown = width(&h);
    assert!(
        grown > first * 1.1,
        "fitted again to the taller dock: {first} → {grown}"
    );
}

#[test]
fn alt_while_dragging_places_the_zone_off_the_grid() {
    let mut h = refinery();
    let zoom = h.state().canvas.zoom();
    let before = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(4)))
        .map(|z| z.rect)
        .expect("zone 4");
    let from = h.state().canvas.scene_to_screen(850.0, 760.0);
    h.event(Event::ModifiersChanged(Modifiers::ALT));
    drag(&mut h, from, from + egui::vec2(37.0, 23.0));
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let after = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(4)))
        .map(|z| z.rect)
        .expect("zone 4");
    // exactly where the pointer took it: 37 × 23 screen points at this zoom
    assert!(
        (after.x - before.x - 37.0 / zoom).abs() < 0.6,
        "x {} → {}",
        before.x,
        after.x
    );
    assert!((after.y - before.y - 23.0 / zoom).abs() < 0.6);
    assert!(after.x % 10.0 != 0.0, "off the grid: {}", after.x);
}
