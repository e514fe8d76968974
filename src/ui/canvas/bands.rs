//! The Purdue bands behind the zones on the canvas (their layout is `model::purdue`'s).

use super::paint::{Geometry, Text};
use crate::model::{Project, purdue};
use crate::palette;
use egui::{Color32, CornerRadius, pos2};

/// Band fills: alternating light stripes, the DMZ band tinted.
fn fill(index: usize, dmz: bool, dark: bool) -> Color32 {
    let even = index.is_multiple_of(2);
    let (c, alpha) = match (dmz, dark) {
        (true, false) => (palette::PURDUE_DMZ, 34),
        (true, true) => (palette::PURDUE_DMZ, 26),
        (false, false) => (palette::PURDUE_STRIPE, if even { 22 } else { 10 }),
        (false, true) => (palette::PURDUE_STRIPE_DARK, if even { 20 } else { 9 }),
    };
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha)
}

/// Paints the bands of `project` (scene coordinates) with their labels at the top left.
pub(super) fn paint_bands(
    painter: &Geometry,
    t: &Text,
    project: &Project,
    dark: bool,
    label_scale: f32,
) {
    let Some((x0, x1)) = purdue::band_x_range(project) else {
        return;
    };
    let label_color = crate::ui::theme::themed(palette::BAND_LABEL, dark);
    for (i, band) in purdue::bands(project).iter().enumerate() {
        let r = egui::Rect::from_min_max(pos2(x0, band.y0), pos2(x1, band.y1));
        painter.rect_filled(r, CornerRadius::ZERO, fill(i, band.is_dmz(), dark));
        t.text(
            pos2(x0 + 6.0, band.y0 + 4.0),
            egui::Align2::LEFT_TOP,
            band.label(),
            12.0 * label_scale,
            label_color,
        );
    }
}
