//! The overview map (View → Overview map): the whole plant small in the canvas's bottom-right
//! corner, each zone in its gap colour, the part on screen outlined; a click or drag in it
//! centres the view there.

use crate::analysis::GapSeverity;
use crate::model::{ElementRef, Rect};
use crate::ui::theme;
use egui::{Pos2, Stroke, StrokeKind, pos2, vec2};

/// The map's largest size on screen, in points.
const MAX_W: f32 = 220.0;
const MAX_H: f32 = 150.0;
/// Gap to the canvas's edges, in points (the legend sits bottom-left).
const MARGIN: f32 = 10.0;

/// The scene area the map shows: the plant's bounds with a margin, and the view if it lies
/// outside them.
fn world(bounds: Rect, view_in_scene: egui::Rect) -> egui::Rect {
    let pad = 0.04 * bounds.w.max(bounds.h);
    let b =
        egui::Rect::from_min_size(pos2(bounds.x, bounds.y), vec2(bounds.w, bounds.h)).expand(pad);
    if view_in_scene.is_finite() {
        b.union(view_in_scene)
    } else {
        b
    }
}

/// Where on screen the map goes for a world of this shape, in the corner of `canvas`.
pub(super) fn map_rect(canvas: egui::Rect, world: egui::Rect) -> egui::Rect {
    let aspect = (world.width() / world.height().max(1e-3)).clamp(0.2, 5.0);
    let (w, h) = if aspect * MAX_H > MAX_W {
        (MAX_W, MAX_W / aspect)
    } else {
        (MAX_H * aspect, MAX_H)
    };
    egui::Rect::from_min_size(canvas.max - vec2(w + MARGIN, h + MARGIN), vec2(w, h))
}

/// A scene point to the map (screen) and back.
fn to_map(world: egui::Rect, map: egui::Rect, p: Pos2) -> Pos2 {
    let t = (p - world.min) / world.size();
    map.min + t * map.size()
}

pub(super) fn to_scene(world: egui::Rect, map: egui::Rect, p: Pos2) -> Pos2 {
    let t = (p - map.min) / map.size();
    world.min + t * world.size()
}

/// Draws the map over `canvas` (screen) and returns the scene point the user clicked or
/// dragged to, if any.
pub(super) fn overview_ui(
    ctx: &egui::Context,
    canvas: egui::Rect,
    doc: &crate::ui::document::Document,
    view_in_scene: egui::Rect,
    dark: bool,
) -> Option<Pos2> {
    let bounds = doc.project.bounds()?;
    let world = world(bounds, view_in_scene);
    let map = map_rect(canvas, world);
    let mut go_to = None;
    egui::Area::new(egui::Id::new("zw-overview-map"))
        .fixed_pos(map.min)
        .show(ctx, |ui| {
            let (rect, response) =
                ui.allocate_exact_size(map.size(), egui::Sense::click_and_drag());
            let painter = ui.painter();
            let (bg, edge) = (
                crate::ui::theme::themed_rgba(crate::palette::OVERVIEW_FILL, dark),
                crate::ui::theme::themed(crate::palette::OVERVIEW_BORDER, dark),
            );
            painter.rect_filled(rect, 4.0, bg);
            for (i, z) in doc.project.zones.iter().enumerate() {
                let worst = doc
                    .assessment
                    .zones
                    .get(i)
                    .filter(|e| e.element == ElementRef::Zone(z.id))
                    .map_or(GapSeverity::Unknown, |e| e.worst);
                let r = egui::Rect::from_two_pos(
                    to_map(world, rect, pos2(z.rect.x, z.rect.y)),
                    to_map(world, rect, pos2(z.rect.x + z.rect.w, z.rect.y + z.rect.h)),
                );
                painter.rect_filled(r, 1.0, theme::gap_fill(worst, dark, true));
            }
            let view = egui::Rect::from_two_pos(
                to_map(world, rect, view_in_scene.min),
                to_map(world, rect, view_in_scene.max),
            )
            .intersect(rect);
            painter.rect_stroke(
                view,
                1.0,
                Stroke::new(2.0, theme::SELECTION),
                StrokeKind::Inside,
            );
            painter.rect_stroke(rect, 4.0, Stroke::new(1.0, edge), StrokeKind::Inside);
            if (response.clicked() || response.dragged())
                && let Some(p) = response.interact_pointer_pos()
            {
                go_to = Some(to_scene(world, rect, p));
            }
            response.on_hover_text("Overview: click or drag to move the view");
        });
    go_to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_keeps_the_plants_shape_in_the_corner() {
        let canvas = egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 700.0));
        // a plant twice as wide as high: 220 × 110 in the bottom-right corner
        let world = egui::Rect::from_min_size(pos2(0.0, 0.0), vec2(2000.0, 1000.0));
        let m = map_rect(canvas, world);
        assert_eq!(
            m,
            egui::Rect::from_min_max(pos2(770.0, 580.0), pos2(990.0, 690.0))
        );
        // a tall plant: 75 × 150
        let tall = egui::Rect::from_min_size(pos2(0.0, 0.0), vec2(500.0, 1000.0));
        assert_eq!(map_rect(canvas, tall).size(), vec2(75.0, 150.0));
        // the map's centre is the world's centre
        assert_eq!(to_scene(world, m, m.center()), pos2(1000.0, 500.0));
    }
}
