//! The canvas camera: which scene rectangle the view shows, and how fitting, zooming (about
//! the middle or about the pointer) and panning change it. Pure functions of rectangles and
//! zoom factors; the scene → screen transform itself comes from `egui::Scene` each frame.

use crate::model::Rect;
use egui::emath::TSTransform;
use egui::{Pos2, Vec2, pos2, vec2};

/// Screen points per scene unit, least and most.
pub(super) const ZOOM_MIN: f32 = 0.03;
pub(super) const ZOOM_MAX: f32 = 4.0;

/// The scene rectangle that shows `bounds` (the drawing's extent; a default area when the
/// project is empty) with a margin around it.
pub(super) fn fit_rect(bounds: Option<Rect>) -> egui::Rect {
    let bounds = bounds.unwrap_or(Rect::new(0.0, 0.0, 1200.0, 800.0));
    let margin = 60.0;
    egui::Rect::from_min_size(
        pos2(bounds.x - margin, bounds.y - margin),
        vec2(bounds.w + 2.0 * margin, bounds.h + 2.0 * margin),
    )
}

/// `factor` limited so that the zoom `zoom` × `factor` stays within the zoom range.
pub(super) fn clamped_factor(zoom: f32, factor: f32) -> f32 {
    let zoom = zoom.max(1e-6);
    (zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX) / zoom
}

/// The view zoomed by `factor` (> 1 zooms in) about its middle.
pub(super) fn zoomed(scene_rect: egui::Rect, zoom: f32, factor: f32) -> egui::Rect {
    if !scene_rect.is_finite() || factor <= 0.0 {
        return scene_rect;
    }
    let factor = clamped_factor(zoom, factor);
    egui::Rect::from_center_size(scene_rect.center(), scene_rect.size() / factor)
}

/// The view zoomed by `factor` about `pivot_in_scene`, which stays where it is on screen
/// (the mouse wheel zooms about the pointer).
pub(super) fn zoomed_about(
    scene_rect: egui::Rect,
    zoom: f32,
    pivot_in_scene: Pos2,
    factor: f32,
) -> egui::Rect {
    let factor = clamped_factor(zoom, factor);
    let (r, p) = (scene_rect, pivot_in_scene);
    egui::Rect::from_min_max(p + (r.min - p) / factor, p + (r.max - p) / factor)
}

/// The view moved by `delta_on_screen` points (the drawing moves the other way).
pub(super) fn panned(scene_rect: egui::Rect, zoom: f32, delta_on_screen: Vec2) -> egui::Rect {
    scene_rect.translate(delta_on_screen / zoom.max(1e-6))
}

/// The view with the same zoom centred on `r`, or `None` when there is no view yet (fit
/// instead).
pub(super) fn centred_on(scene_rect: egui::Rect, r: &Rect) -> Option<egui::Rect> {
    if !scene_rect.is_finite() || scene_rect.width() <= 0.0 {
        return None;
    }
    let (cx, cy) = r.center();
    Some(egui::Rect::from_center_size(
        pos2(cx, cy),
        scene_rect.size(),
    ))
}

/// The view after the canvas's screen rectangle changed from `old_screen` to `new_screen`
/// (a panel shown, hidden or resized): the same zoom and every scene point where it was on
/// screen, so nothing moves under the pointer. Unchanged when the rectangle did not change or
/// there is no view yet.
pub(super) fn kept_on_resize(
    scene_rect: egui::Rect,
    old_screen: egui::Rect,
    to_screen: TSTransform,
    new_screen: egui::Rect,
) -> egui::Rect {
    let valid = old_screen.is_positive()
        && new_screen.is_positive()
        && scene_rect.is_finite()
        && to_screen.scaling > 0.0
        && to_screen.scaling.is_finite();
    if !valid || old_screen == new_screen {
        return scene_rect;
    }
    to_screen.inverse() * new_screen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_adds_a_margin_and_an_empty_plant_gets_a_default_area() {
        let r = fit_rect(Some(Rect::new(100.0, 50.0, 400.0, 300.0)));
        assert_eq!(
            r,
            egui::Rect::from_min_max(pos2(40.0, -10.0), pos2(560.0, 410.0))
        );
        assert_eq!(fit_rect(None).size(), vec2(1320.0, 920.0));
    }

    #[test]
    fn zooming_stays_in_range_and_keeps_the_pivot() {
        let view = egui::Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 500.0));
        // twice the zoom about the middle: half the area, same centre
        let z = zoomed(view, 1.0, 2.0);
        assert_eq!(z.size(), vec2(500.0, 250.0));
        assert_eq!(z.center(), view.center());
        // at the top of the range nothing more happens
        assert_eq!(zoomed(view, ZOOM_MAX, 2.0), view);
        assert!((clamped_factor(0.1, 0.01) - ZOOM_MIN / 0.1).abs() < 1e-6);
        // about a pivot: it keeps its relative place in the view
        let pivot = pos2(250.0, 100.0);
        let z = zoomed_about(view, 1.0, pivot, 2.0);
        let rel = |r: egui::Rect| (pivot - r.min) / r.size();
        assert!((rel(z) - rel(view)).length() < 1e-6);
        assert!(!zoomed(view, 1.0, 0.0).is_negative());
    }

    #[test]
    fn panning_moves_by_screen_points_at_the_zoom() {
        let view = egui::Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0));
        assert_eq!(panned(view, 2.0, vec2(10.0, -4.0)).min, pos2(5.0, -2.0));
        let c = centred_on(view, &Rect::new(500.0, 500.0, 20.0, 20.0));
        assert_eq!(c.map(|r| r.center()), Some(pos2(510.0, 510.0)));
        assert_eq!(
            centred_on(egui::Rect::NOTHING, &Rect::new(0.0, 0.0, 1.0, 1.0)),
            None
        );
    }

    #[test]
    fn a_resized_canvas_keeps_the_zoom_and_the_scene_under_each_screen_point() {
        let to_screen = TSTransform::new(vec2(100.0, 50.0), 0.5);
        let old = egui::Rect::from_min_max(pos2(200.0, 30.0), pos2(1200.0, 700.0));
        let view = to_screen.inverse() * old;
        // the dock grew by 200 points and the palette was hidden
        let new = egui::Rect::from_min_max(pos2(0.0, 30.0), pos2(1200.0, 500.0));
        let kept = kept_on_resize(view, old, to_screen, new);
        assert_eq!(
            kept,
            egui::Rect::from_min_max(pos2(-200.0, -40.0), pos2(2200.0, 900.0))
        );
        // the zoom egui::Scene derives from it is the same (width and height agree)
        assert!((new.width() / kept.width() - 0.5).abs() < 1e-6);
        assert!((new.height() / kept.height() - 0.5).abs() < 1e-6);
        assert_eq!(kept_on_resize(view, old, to_screen, old), view);
        assert_eq!(
            kept_on_resize(view, egui::Rect::NOTHING, to_screen, new),
            view
        );
    }
}
