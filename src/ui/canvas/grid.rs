//! The snap grid behind the drawing (only when zoomed in far enough that it is not noise) and
//! the alignment guides over it while a zone is dragged.

use super::guides::Guide;
use crate::command::arrange::GRID;
use egui::emath::TSTransform;
use egui::{Stroke, pos2};

/// Grid lines closer than this on screen (points) are not drawn.
const MIN_SPACING: f32 = 10.0;
/// Every this many grid steps a stronger line.
const MAJOR_EVERY: f32 = 10.0;
/// Major lines closer than this on screen (points) are not drawn either.
const MIN_MAJOR_SPACING: f32 = 40.0;

/// The grid lines of `screen_rect` at the scene → screen transform `to_screen`.
pub(super) fn paint_grid(
    painter: &egui::Painter,
    to_screen: &TSTransform,
    screen_rect: egui::Rect,
    dark: bool,
) {
    let zoom = to_screen.scaling;
    if !(zoom.is_finite() && zoom > 0.0 && screen_rect.is_positive()) {
        return;
    }
    let (minor, major) = (
        crate::ui::theme::themed_rgba(crate::palette::GRID_MINOR, dark),
        crate::ui::theme::themed_rgba(crate::palette::GRID_MAJOR, dark),
    );
    let scene = to_screen.inverse() * screen_rect;
    for (step, color, min) in [
        (GRID, minor, MIN_SPACING),
        (GRID * MAJOR_EVERY, major, MIN_MAJOR_SPACING),
    ] {
        if step * zoom < min {
            continue;
        }
        let mut x = (scene.min.x / step).ceil() * step;
        while x <= scene.max.x {
            // a major line is drawn once, in the major colour
            if step == GRID * MAJOR_EVERY || (x / (GRID * MAJOR_EVERY)).fract().abs() > 1e-3 {
                let sx = to_screen.translation.x + x * zoom;
                painter.vline(sx, screen_rect.y_range(), Stroke::new(1.0, color));
            }
            x += step;
        }
        let mut y = (scene.min.y / step).ceil() * step;
        while y <= scene.max.y {
            if step == GRID * MAJOR_EVERY || (y / (GRID * MAJOR_EVERY)).fract().abs() > 1e-3 {
                let sy = to_screen.translation.y + y * zoom;
                painter.hline(screen_rect.x_range(), sy, Stroke::new(1.0, color));
            }
            y += step;
        }
    }
}

/// The alignment guides of a zone drag, as thin lines on screen.
pub(super) fn paint_guides(
    painter: &egui::Painter,
    to_screen: &TSTransform,
    guides: &[Option<Guide>; 2],
) {
    let color = crate::ui::theme::rgb(crate::palette::SNAP_GUIDE);
    for g in guides.iter().flatten() {
        let (a, b) = g.ends_in_scene();
        let (a, b) = (*to_screen * a, *to_screen * b);
        let pad = 12.0;
        let (a, b) = if g.vertical {
            (pos2(a.x, a.y - pad), pos2(b.x, b.y + pad))
        } else {
            (pos2(a.x - pad, a.y), pos2(b.x + pad, b.y))
        };
        painter.line_segment([a, b], Stroke::new(1.0, color));
    }
}
