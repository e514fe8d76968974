//! The legend in the canvas's bottom-left corner: what the gap colours and letters mean, so a
//! room that sees the drawing for the first time can read it without the presenter.

use super::theme;
use crate::analysis::GapSeverity;
use egui::{CornerRadius, FontId, Stroke, StrokeKind, pos2, vec2};

/// Paints the legend on `painter` (screen coordinates) inside `screen_rect`, its text at
/// `size` points.
pub(super) fn paint_legend(
    painter: &egui::Painter,
    screen_rect: egui::Rect,
    dark: bool,
    size: f32,
) {
    let entries = [
        (GapSeverity::None, "no gap"),
        (GapSeverity::One, "1 level"),
        (GapSeverity::Two, "2 or more"),
        (GapSeverity::Unknown, "unknown"),
    ];
    let (text, bg, border) = {
        use crate::palette::{LEGEND_BORDER, LEGEND_FILL, LEGEND_TEXT};
        use crate::ui::theme::{themed, themed_rgba};
        (
            themed(LEGEND_TEXT, dark),
            themed_rgba(LEGEND_FILL, dark),
            themed(LEGEND_BORDER, dark),
        )
    };
    let font = FontId::proportional(size);
    let pad = size * 0.5;
    let galleys: Vec<_> = painter.fonts_mut(|f| {
        let mut v = vec![f.layout_no_wrap("Gap".to_owned(), font.clone(), text)];
        for (s, label) in entries {
            v.push(f.layout_no_wrap(
                s.letter().to_owned(),
                FontId::proportional(size * 0.85),
                theme::gap_text_color(s),
            ));
            v.push(f.layout_no_wrap(label.to_owned(), font.clone(), text));
        }
        v
    });
    let badge_w = size * 2.0;
    let row_h = size * 1.5;
    let mut width = galleys[0].size().x + pad;
    for pair in galleys[1..].chunks(2) {
        width += badge_w + pad * 0.5 + pair[1].size().x + pad;
    }
    let box_rect = egui::Rect::from_min_size(
        pos2(
            screen_rect.min.x + 8.0,
            screen_rect.max.y - 8.0 - row_h - pad,
        ),
        vec2(width + pad, row_h + pad),
    );
    if box_rect.width() > screen_rect.width() - 16.0
        || box_rect.height() > screen_rect.height() / 3.0
    {
        return; // a canvas this small has no room for it
    }
    painter.rect(
        box_rect,
        CornerRadius::same(4),
        bg,
        Stroke::new(1.0, border),
        StrokeKind::Inside,
    );
    let y = box_rect.center().y;
    let mut x = box_rect.min.x + pad;
    let head = &galleys[0];
    painter.galley(pos2(x, y - head.size().y / 2.0), head.clone(), text);
    x += head.size().x + pad;
    for ((s, _), pair) in entries.iter().zip(galleys[1..].chunks(2)) {
        let badge = egui::Rect::from_min_size(pos2(x, y - size * 0.6), vec2(badge_w, size * 1.2));
        painter.rect_filled(badge, CornerRadius::same(3), theme::gap_color(*s));
        let letter = &pair[0];
        painter.galley(badge.center() - letter.size() / 2.0, letter.clone(), text);
        x += badge_w + pad * 0.5;
        painter.galley(pos2(x, y - pair[1].size().y / 2.0), pair[1].clone(), text);
        x += pair[1].size().x + pad;
    }
}
