//! Presentation mode for the back of the room: a click on a zone zooms it to the screen with a
//! card of its SL-T, SL-C and SL-A per FR and its open gaps in large type; Escape goes back to
//! the view before. Outside presentation mode a click only selects.

use egui::Key;
use egui_kittest::kittest::Queryable;

use crate::common;

#[test]
fn a_click_on_a_zone_in_presentation_zooms_to_its_card_and_escape_goes_back() {
    let mut h = common::with_sample("refinery");
    h.run();
    h.key_press(Key::F5);
    h.run();
    h.run();
    assert!(h.state().presentation);
    let fitted = h.state().canvas.zoom();
    let id = common::zone_named(&h, "Basic process control");
    let r = common::project(&h).zone(id).expect("zone").rect;
    let at = h
        .state()
        .canvas
        .scene_to_screen(r.x + r.w * 0.3, r.y + 12.0);
    common::click_at(&mut h, at);
    h.run();
    let focus = h.state().canvas.focus.expect("the zone is focused");
    assert_eq!(focus.zone, id);
    assert!(
        h.state().canvas.zoom() > fitted * 1.5,
        "zoomed to the zone: {fitted} → {}",
        h.state().canvas.zoom()
    );
    // the card: levels and the open gaps in words, from the assessment
    assert!(h.query_by_label("Open gaps").is_some());
    assert!(
        h.query_all_by_label_contains("DC Data confidentiality: SL-T 2 · SL-C 0")
            .next()
            .is_some()
    );
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert!(h.state().canvas.focus.is_none());
    assert!(h.query_by_label("Open gaps").is_none());
    assert!(
        (h.state().canvas.zoom() - fitted).abs() < fitted * 0.02,
        "back to the fitted view: {fitted} vs {}",
        h.state().canvas.zoom()
    );
    assert!(
        h.state().presentation,
        "Escape leaves the focus, not the presentation"
    );
}

#[test]
fn outside_presentation_a_click_on_a_zone_only_selects_it() {
    let mut h = common::with_sample("refinery");
    h.run();
    let zoom = h.state().canvas.zoom();
    let id = common::zone_named(&h, "Basic process control");
    let r = common::project(&h).zone(id).expect("zone").rect;
    let at = h
        .state()
        .canvas
        .scene_to_screen(r.x + r.w * 0.3, r.y + 12.0);
    common::click_at(&mut h, at);
    h.run();
    assert!(h.state().canvas.focus.is_none());
    assert_eq!(h.state().canvas.zoom(), zoom);
}

#[test]
fn conduit_names_are_read_from_the_back_of_the_room() {
    let mut h = common::with_sample("refinery");
    h.run();
    h.key_press(Key::F5);
    h.run();
    h.run();
    let canvas = &h.state().canvas;
    let sizes: Vec<(String, f32)> = canvas
        .drawn_texts()
        .iter()
        .cloned()
        .zip(canvas.drawn_text_sizes().iter().copied())
        .collect();
    let label = sizes
        .iter()
        .find(|(t, _)| t.starts_with("Corporate IT ↔ DMZ"))
        .unwrap_or_else(|| panic!("the conduit's name is drawn: {sizes:?}"));
    assert!(
        label.1 >= 13.5,
        "conduit name at {} pt in presentation",
        label.1
    );
}
