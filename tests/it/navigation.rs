//! Navigation on a full canvas: middle-drag, right-drag and Space + drag pan the view wherever
//! they start — over a zone too — and move nothing; a plain drag on the zone still moves it.

use crate::common;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::ui::DesignerApp;

fn button(h: &Harness<'_, DesignerApp>, pos: Pos2, button: PointerButton, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// A drag with `b` from `from` to `to` in six steps, one frame each.
fn drag_with(h: &mut Harness<'_, DesignerApp>, b: PointerButton, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    button(h, from, b, true);
    h.step();
    for i in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.step();
    }
    button(h, to, b, false);
    h.step();
    h.run();
}

/// The scene point under a fixed screen point, and a zone's rectangle.
fn state(
    h: &Harness<'_, DesignerApp>,
    zone: zonewright::model::ZoneId,
) -> (Pos2, zonewright::model::Rect) {
    let p = h.state().canvas.screen_to_scene(pos2(700.0, 300.0));
    let r = common::project(h).zone(zone).expect("zone").rect;
    (p, r)
}

#[test]
fn middle_right_and_space_drags_pan_over_a_zone_and_move_nothing() {
    let mut h = common::with_sample("refinery");
    let id = common::zone_named(&h, "BPCS");
    let r = common::project(&h).zone(id).expect("zone").rect;
    let on_zone = h
        .state()
        .canvas
        .scene_to_screen(r.x + r.w / 2.0, r.y + r.h * 0.7);
    for how in ["middle", "right", "space"] {
        let (before, zone_before) = state(&h, id);
        let to = on_zone + egui::vec2(-120.0, 60.0);
        match how {
            "middle" => drag_with(&mut h, PointerButton::Middle, on_zone, to),
            "right" => drag_with(&mut h, PointerButton::Secondary, on_zone, to),
            _ => {
                h.event(Event::Key {
                    key: Key::Space,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                });
                drag_with(&mut h, PointerButton::Primary, on_zone, to);
                h.event(Event::Key {
                    key: Key::Space,
                    physical_key: None,
                    pressed: false,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                });
                h.run();
            }
        }
        let (after, zone_after) = state(&h, id);
        let zoom = h.state().canvas.zoom();
        // the drawing followed the pointer: the scene point under a fixed screen point moved
        // the other way by the drag's length in scene units
        assert!(
            (after.x - (before.x + 120.0 / zoom)).abs() < 2.0 / zoom
                && (after.y - (before.y - 60.0 / zoom)).abs() < 2.0 / zoom,
            "{how}-drag panned: {before:?} → {after:?} at zoom {zoom}"
        );
        assert_eq!(zone_before, zone_after, "{how}-drag moved no zone");
        assert!(!common::project(&h).zones.is_empty());
        assert_eq!(
            h.state()
                .doc
                .as_ref()
                .map(|d| d.history.undo_label().is_some()),
            Some(false),
            "{how}-drag recorded no edit"
        );
    }
    // a plain drag on the zone's header still moves it (lower down it would take a chip)
    let r = common::project(&h).zone(id).expect("zone").rect;
    let on_header = h
        .state()
        .canvas
        .scene_to_screen(r.x + r.w / 2.0, r.y + 20.0);
    common::drag(&mut h, on_header, on_header + egui::vec2(80.0, 0.0));
    let moved = common::project(&h).zone(id).expect("zone").rect;
    assert!(
        moved.x > r.x + 20.0,
        "a primary drag moved the zone: {} → {}",
        r.x,
        moved.x
    );
}

/// The wheel over the canvas zooms it; over a window lying on the canvas (the import dialog)
/// it leaves the canvas alone.
#[test]
fn the_wheel_zooms_the_canvas_but_not_through_a_window_over_it() {
    let mut h = common::with_sample("refinery");
    let wheel = |h: &mut Harness<'_, DesignerApp>, at: Pos2| {
        h.event(Event::PointerMoved(at));
        h.step();
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 120.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
        });
        for _ in 0..30 {
            h.step();
        }
        h.run();
    };
    let canvas = h.state().canvas.screen_rect();
    let before = h.state().canvas.zoom();
    wheel(&mut h, canvas.center());
    let zoomed = h.state().canvas.zoom();
    assert!(
        zoomed > before * 1.05,
        "the wheel zoomed: {before} → {zoomed}"
    );
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_command(zonewright::ui::commands::UiCommand::ImportAssets, &ctx);
    h.run();
    assert!(h.state().import.is_open());
    let dialog = h.get_by_label("Browse…").rect().center();
    assert!(canvas.contains(dialog), "the dialog lies over the canvas");
    wheel(&mut h, dialog);
    assert_eq!(
        h.state().canvas.zoom(),
        zoomed,
        "the wheel over the dialog left the canvas alone"
    );
}

/// While the wheel zooms, the canvas scales the drawing it has instead of building it every
/// frame; once the wheel rests it builds it once at the zoom reached (sharp text, the level of
/// detail of that zoom) and asks for no further frames.
#[test]
fn a_wheel_zoom_scales_the_drawing_and_builds_it_once_when_it_rests() {
    let mut h = common::with_sample("refinery");
    let centre = h.state().canvas.screen_rect().center();
    h.event(Event::PointerMoved(centre));
    h.run();
    let (zoom, built) = (h.state().canvas.zoom(), h.state().canvas.drawing_builds());
    let mut zooms = vec![zoom];
    for _ in 0..4 {
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 10.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
        });
        h.step();
        zooms.push(h.state().canvas.zoom());
    }
    assert!(
        zooms.windows(2).all(|w| w[1] > w[0]),
        "each wheel step zoomed in: {zooms:?}"
    );
    assert_eq!(
        h.state().canvas.drawing_builds(),
        built,
        "the drawing was scaled while the wheel turned"
    );
    // once 0.15 s have passed since the last step: built once at the new zoom, then idle
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(h.state().canvas.drawing_builds(), built + 1);
    h.run();
    assert_eq!(
        h.state().canvas.drawing_builds(),
        built + 1,
        "and only once"
    );
}
