//! The canvas's right-click menu: on a zone it selects the zone and offers the command
//! table's element commands (running one is one undo step); on empty canvas it offers the
//! view and arrange commands; Escape closes it. A right-drag still pans.

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::model::ElementRef;
use zonewright::ui::DesignerApp;

use crate::common;

fn right_click(h: &mut Harness<'_, DesignerApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

#[test]
fn a_right_click_on_a_zone_selects_it_and_offers_its_commands() {
    let mut h = common::with_sample("water");
    h.run();
    let zones_before = common::project(&h).zones.len();
    let zone = common::project(&h).zones[0].clone();
    let r = zone.rect;
    let at = h
        .state()
        .canvas
        .scene_to_screen(r.x + r.w * 0.3, r.y + 12.0);
    right_click(&mut h, at);
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Zone(zone.id)]
    );
    for item in ["Cut", "Copy", "Duplicate", "Delete", "Rename"] {
        assert!(
            h.query_all_by_label_contains(item).next().is_some(),
            "the menu offers {item}"
        );
    }
    // the view commands belong to the empty canvas's menu
    assert!(h.query_by_label("Zoom to fit").is_none());
    h.get_by_label("Duplicate Ctrl+D").click();
    h.run();
    assert_eq!(common::project(&h).zones.len(), zones_before + 1);
    assert!(
        h.state().canvas.context_menu.is_none(),
        "closed after running"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        common::project(&h).zones.len(),
        zones_before,
        "one undo step"
    );
}

#[test]
fn a_right_click_on_empty_canvas_offers_the_view_and_escape_closes_it() {
    let mut h = common::with_sample("water");
    h.run();
    let canvas = h.state().canvas.screen_rect();
    // the canvas's top-left corner: the fitted drawing leaves a margin there
    let at = canvas.min + egui::vec2(6.0, 6.0);
    right_click(&mut h, at);
    assert!(h.state().selection.is_empty());
    assert!(h.state().canvas.context_menu.is_some());
    for item in [
        "Paste",
        "Select all",
        "Zoom to fit",
        "Arrange by Purdue level",
    ] {
        assert!(
            h.query_all_by_label_contains(item).next().is_some(),
            "the menu offers {item}"
        );
    }
    assert!(h.query_by_label("Delete").is_none());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().canvas.context_menu.is_none());
    assert!(h.query_by_label("Zoom to fit").is_none());
}
