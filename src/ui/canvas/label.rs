//! A zone's text at every zoom: its name never smaller than a readable screen size (two rows,
//! then cut with "…", the whole name on hover), its kind and SL summary, and — when chips would
//! be too small to read — its assets as groups by component type ("PLC × 42 · SL-C 1", from
//! `assess`), down to a bare asset count, as far as the zone's height on screen allows.

use super::paint::{Geometry, Greys, Text, sl_summary};
use super::scene::Frame;
use super::{chip_text_zoom, theme};
use crate::analysis::groups::summary_lines;
use crate::analysis::{ElementAssessment, GapSeverity};
use crate::model::{Zone, layout};
use egui::{CornerRadius, pos2, vec2};

/// The smallest on-screen size of a zone's name, in points: at the desk, and in presentation
/// mode (label scale above 1), where the back of the room must read it.
const NAME_MIN_PX: f32 = 13.0;
const NAME_MIN_PX_PRESENTING: f32 = 24.0;
/// The smallest on-screen size of the summary line and the group lines (presenting: 16).
const SMALL_MIN_PX: f32 = 11.0;
const SMALL_MIN_PX_PRESENTING: f32 = 16.0;

fn small_min_px(label_scale: f32) -> f32 {
    if label_scale > 1.0 {
        SMALL_MIN_PX_PRESENTING
    } else {
        SMALL_MIN_PX
    }
}
/// Scene size of the name and the summary line when zoomed in far enough.
const NAME_SIZE: f32 = 17.0;
const SUMMARY_SIZE: f32 = 12.5;

/// Scene size of text drawn at `scene` units but never under `min_px` on screen.
fn at_least(scene: f32, min_px: f32, zoom: f32) -> f32 {
    scene.max(min_px / zoom.max(1e-3))
}

/// Paints the zone's name and summary inside `er` (scene), left of `right_w` scene units kept
/// for the FR strip and badges; returns the scene y below the text. With chips drawn (zoomed in
/// far enough for their names) the text stays within the header's one name row and one summary
/// row; without them, the name takes two rows and the summary follows when there is room.
pub(super) fn zone_text(
    t: &Text,
    f: &Frame,
    z: &Zone,
    er: egui::Rect,
    ea: Option<&ElementAssessment>,
    right_w: f32,
) -> f32 {
    let zoom = f.zoom.max(1e-3);
    let ls = f.label_scale;
    let Greys { text, sub, .. } = Greys::of(f.dark);
    let shown = crate::model::Rect::new(er.min.x, er.min.y, er.width(), er.height());
    let chips =
        zoom >= chip_text_zoom(ls) && crate::model::layout::capacity(&shown) >= z.assets.len();
    let pad = 14.0_f32.min(8.0 / zoom);
    let width = er.width() - pad - 8.0 - right_w;
    if width * zoom < 12.0 {
        return er.max.y; // a sliver on screen: its hover still names it
    }
    let name_min = if ls > 1.0 {
        NAME_MIN_PX_PRESENTING
    } else {
        NAME_MIN_PX
    };
    let name_size = at_least(NAME_SIZE * ls, name_min, zoom);
    let top = er.min.y + 7.0_f32.min(4.0 / zoom);
    // two rows where chips leave the room, one where the zone is too low for two; nothing
    // (the hover names it) where not even one fits — and then nothing below it either
    let mut g = t.fitted_rows(&z.name, name_size, text, width, if chips { 1 } else { 2 });
    if top + t.scene_size(&g).y > er.max.y && g.rows.len() > 1 {
        g = t.fitted_rows(&z.name, name_size, text, width, 1);
    }
    let name_h = t.scene_size(&g).y;
    if top + name_h > er.max.y {
        return er.max.y;
    }
    t.galley(pos2(er.min.x + pad, top), g, text);
    let summary = match ea {
        Some(e) => format!("{} · {}", z.kind.label(), sl_summary(e.sl_t, &e.sl_a)),
        None => z.kind.label().to_owned(),
    };
    let sub_size = at_least(SUMMARY_SIZE * ls.min(1.2), small_min_px(ls), zoom);
    let g = t.fitted(&summary, sub_size, sub, er.width() - pad - 8.0);
    let sub_top = if chips && name_size <= NAME_SIZE * ls {
        er.min.y + 31.0 // the header's own place for it
    } else {
        top + name_h + 1.0 / zoom
    };
    let sub_h = t.scene_size(&g).y;
    let limit = if chips {
        er.min.y + layout::HEADER_H
    } else {
        er.max.y
    };
    if sub_top + sub_h > limit + 0.5 / zoom {
        return top + name_h;
    }
    t.galley(pos2(er.min.x + pad, sub_top), g, sub);
    sub_top + sub_h
}

/// A badge with the zone's worst gap as a letter (OK, 1, 2+, ?) at its top right, for when the
/// FR strip is not drawn: the colour alone does not survive a greyscale print or a projector.
pub(super) fn gap_badge(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    er: egui::Rect,
    worst: GapSeverity,
    right_w: f32,
) -> f32 {
    let zoom = f.zoom.max(1e-3);
    let size = at_least(11.0, small_min_px(f.label_scale), zoom);
    let letter = worst.letter();
    let w = size * (0.9 + 0.6 * letter.len() as f32);
    let h = size * 1.35;
    let pad = 4.0 / zoom;
    let r = egui::Rect::from_min_size(
        pos2(er.max.x - right_w - pad - w, er.min.y + pad),
        vec2(w, h),
    );
    if r.min.x < er.min.x + w || r.max.y > er.max.y {
        return 0.0;
    }
    painter.rect_filled(r, CornerRadius::same(3), theme::gap_color(worst));
    t.text(
        r.center(),
        egui::Align2::CENTER_CENTER,
        letter,
        size,
        theme::gap_text_color(worst),
    );
    w + 2.0 * pad
}

/// The assets of a zone drawn without chips, below `top` (scene y): a line per component type
/// as long as there is room (the last line saying how many more types there are), else the
/// bare count, else nothing.
pub(super) fn asset_groups(
    t: &Text,
    f: &Frame,
    z: &Zone,
    er: egui::Rect,
    ea: Option<&ElementAssessment>,
    top: f32,
) {
    if z.assets.is_empty() {
        return;
    }
    let zoom = f.zoom.max(1e-3);
    let ls = f.label_scale;
    let sub = Greys::of(f.dark).sub;
    let text = Greys::of(f.dark).text;
    let size = at_least(12.0 * ls.min(1.2), small_min_px(ls), zoom);
    let pad = 14.0_f32.min(8.0 / zoom);
    let width = er.width() - 2.0 * pad;
    let line_h = size * 1.3;
    let y0 = top + 6.0_f32.min(3.0 / zoom);
    let rows = ((er.max.y - y0) / line_h).floor().max(0.0) as usize;
    if rows == 0 || width * zoom < 24.0 {
        return;
    }
    let groups = ea.map_or(&[][..], |e| e.asset_groups.as_slice());
    // the count in the text colour, the types below it in the quieter one
    let lines: Vec<(String, egui::Color32)> = summary_lines(groups, z.assets.len(), rows)
        .into_iter()
        .enumerate()
        .map(|(i, l)| (l, if i == 0 { text } else { sub }))
        .collect();
    for (i, (line, color)) in lines.iter().enumerate() {
        let g = t.fitted(line, size, *color, width);
        t.galley(pos2(er.min.x + pad, y0 + i as f32 * line_h), g, *color);
    }
}
