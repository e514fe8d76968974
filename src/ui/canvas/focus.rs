//! Presentation mode's focus on one zone: a click on a zone zooms it to the left of the screen
//! and shows a card beside it with its SL-T, SL-C and SL-A per FR and its open gaps in large
//! type (as `assess` reports them); Escape goes back to the view before.

use crate::analysis::{ElementAssessment, GapSeverity};
use crate::model::{ElementRef, Fr, Project, ZoneId};
use crate::ui::theme;
use egui::{Color32, RichText};

/// The focused zone and the view to return to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    pub zone: ZoneId,
    /// The scene rectangle shown before the focus (restored on Escape).
    pub before: egui::Rect,
}

/// The scene rectangle that shows `zone` on the left 60 % of the canvas (the card takes the
/// rest), with a margin.
pub(super) fn view_of(zone: &crate::model::Rect) -> egui::Rect {
    let margin = 0.08 * zone.w.max(zone.h);
    let min = egui::pos2(zone.x - margin, zone.y - margin);
    let w = (zone.w + 2.0 * margin) / 0.58;
    egui::Rect::from_min_size(min, egui::vec2(w, zone.h + 2.0 * margin))
}

/// Open gaps of an element in words, one line per FR short of its target: "SI (FR 3):
/// SL-T 3 · SL-C 2 · SL-A 1".
pub(crate) fn open_gap_lines(e: &ElementAssessment) -> Vec<(GapSeverity, String)> {
    let lvl = |l: Option<u8>| l.map_or_else(|| "–".to_owned(), |l| l.to_string());
    Fr::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(e.fr_severity[*i], GapSeverity::One | GapSeverity::Two))
        .map(|(i, fr)| {
            (
                e.fr_severity[i],
                format!(
                    "{} {}: SL-T {} · SL-C {} · SL-A {}",
                    fr.code(),
                    fr.title(),
                    lvl(e.sl_t.map(|t| t.0[i])),
                    lvl(e.sl_c[i]),
                    lvl(e.sl_a[i])
                ),
            )
        })
        .collect()
}

/// The card of the focused zone, over the right part of `canvas_rect` (screen).
pub(super) fn focus_card_ui(
    ctx: &egui::Context,
    canvas_rect: egui::Rect,
    project: &Project,
    assessment: &crate::analysis::Assessment,
    zone: ZoneId,
) {
    let (Some(z), Some(e)) = (
        project.zone(zone),
        assessment.element(project, ElementRef::Zone(zone)),
    ) else {
        return;
    };
    let width = (canvas_rect.width() * 0.38).max(280.0);
    egui::Area::new(egui::Id::new("zw-presentation-focus"))
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(
            canvas_rect.right() - width - 12.0,
            canvas_rect.top() + 12.0,
        ))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(width - 16.0);
                let max_height = (canvas_rect.height() - 48.0).max(120.0);
                egui::ScrollArea::vertical()
                    .max_height(max_height)
                    .min_scrolled_height(max_height)
                    .show(ui, |ui| card_ui(ui, z, e));
            });
        });
}

/// The card's content, in large type.
fn card_ui(ui: &mut egui::Ui, z: &crate::model::Zone, e: &ElementAssessment) {
    // everything in the card half as large again: read from the back of a room
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= 1.5;
    }
    ui.label(RichText::new(crate::model::text::visible(&z.name)).heading());
    ui.label(RichText::new(z.kind.label()).weak());
    ui.add_space(6.0);
    crate::ui::inspector::levels_table_ui(ui, "focus", e);
    ui.add_space(6.0);
    let gaps = open_gap_lines(e);
    if gaps.is_empty() {
        let text = if e.worst == GapSeverity::None {
            "OK: every FR at its target".to_owned()
        } else {
            format!("No open gap known ({})", e.worst.label())
        };
        ui.label(RichText::new(text).strong());
    } else {
        ui.label(RichText::new("Open gaps").strong());
        for (sev, line) in gaps {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(" {} ", sev.letter()))
                        .color(theme::gap_text_color(sev))
                        .background_color(theme::gap_color(sev)),
                );
                ui.label(line);
            });
        }
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new("Esc: back to the plant")
            .small()
            .color(Color32::GRAY),
    );
}
