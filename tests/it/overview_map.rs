//! View → Overview map (Ctrl+Shift+M): the whole plant small in the canvas's corner; a click
//! in it moves the view there. Off by default; the choice is kept in the preferences.

use egui::{Key, Modifiers};

use crate::common;

#[test]
fn a_click_on_the_overview_map_moves_the_view_there() {
    let mut h = common::with_sample("refinery");
    h.run();
    assert!(!h.state().canvas.overview_map);
    // zoomed in to 100 %, the plant is larger than the canvas
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    assert!(h.state().canvas.overview_map);
    assert!(h.state().prefs().overview_map, "kept in the preferences");
    let canvas = h.state().canvas.screen_rect();
    let centre_before = h.state().canvas.screen_to_scene(canvas.center());
    // the map's top-left corner shows the top-left of the plant
    let map_corner = canvas.max - egui::vec2(10.0, 10.0);
    let bounds = common::project(&h).bounds().expect("zones");
    // a point inside the map, near its bottom-right: the plant's bottom-right
    common::click_at(&mut h, map_corner - egui::vec2(8.0, 8.0));
    h.run();
    let centre_after = h.state().canvas.screen_to_scene(canvas.center());
    assert!(
        centre_after.x > centre_before.x + 100.0 && centre_after.y > centre_before.y + 100.0,
        "the view moved towards the plant's bottom right: {centre_before:?} → {centre_after:?}"
    );
    assert!(
        centre_after.x > bounds.x + bounds.w * 0.6 && centre_after.y > bounds.y + bounds.h * 0.6,
        "centred near the plant's bottom right ({bounds:?}): {centre_after:?}"
    );
}
