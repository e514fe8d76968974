//! Narrow windows (a 1024 × 768 projector, a small laptop): the palette becomes a strip of
//! icons and the inspector takes at most 30 %, so the canvas keeps at least 60 % of the width;
//! the strip's entries still drag onto the canvas. At 1600 points the full palette is back.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::ui::DesignerApp;

fn designer(w: f32, h: f32) -> Harness<'static, DesignerApp> {
    let mut h = crate::common::harness_sized(w, h);
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.run();
    h
}

#[test]
fn below_1280_points_the_canvas_keeps_sixty_percent_of_the_width() {
    for (w, hgt) in [(1024.0, 768.0), (1100.0, 700.0)] {
        let h = designer(w, hgt);
        let canvas = h.state().canvas.screen_rect();
        assert!(
            canvas.width() >= 0.6 * w,
            "at {w} the canvas is {} wide",
            canvas.width()
        );
        // the strip: badges without names, the tool as an icon
        assert!(h.query_by_label(" PLC ").is_some(), "the PLC badge");
        assert!(h.query_by_label("Conduit tool").is_none());
    }
    let h = designer(1600.0, 1000.0);
    assert!(h.query_by_label("Conduit tool").is_some());
}

#[test]
fn a_zone_dragged_from_the_icon_strip_lands_on_the_canvas() {
    let mut h = designer(1024.0, 768.0);
    let before = crate::common::project(&h).zones.len();
    let from = h
        .get_all_by_label(" Z ")
        .next()
        .expect("a zone badge")
        .rect()
        .center();
    let to = h.state().canvas.screen_rect().center() + egui::vec2(0.0, 120.0);
    crate::common::drag(&mut h, from, to);
    h.run();
    assert_eq!(crate::common::project(&h).zones.len(), before + 1);
}
