//! The canvas's risk badge: a small "R" chip on a zone or conduit label whose residual risk is
//! above the tolerable risk in some threat scenario, and the words its hover shows. Painted into
//! the retained drawing like the finding badge (it follows the assessment, keyed with it).

use super::{Geometry, Text};
use crate::analysis::ElementAssessment;
use crate::model::RiskMatrix;
use egui::{Color32, CornerRadius, Pos2, Stroke, StrokeKind, vec2};

/// Width of the chip on a zone header, in scene units, with its gap.
pub const ZONE_W: f32 = 24.0;

/// Scenarios above the tolerable risk (0 when the element has no assessment).
pub fn intolerable(ea: Option<&ElementAssessment>) -> usize {
    ea.map_or(0, |e| e.risk.intolerable)
}

/// The chip of a zone, left of the finding badge when it has one (that badge is 30 wide, as
/// the zone header leaves room for it).
pub(crate) fn zone_rect(er: egui::Rect, ea: &ElementAssessment) -> egui::Rect {
    let finding_w = if ea.finding_count > 0 { 30.0 } else { 0.0 };
    let right = er.max.x - 8.0 - finding_w;
    egui::Rect::from_center_size(
        Pos2::new(right - ZONE_W / 2.0 + 2.0, er.min.y + 17.0),
        vec2(ZONE_W - 4.0, 18.0),
    )
}

/// The chip of a conduit label, on its top-left corner.
pub(crate) fn conduit_rect(label: egui::Rect) -> egui::Rect {
    egui::Rect::from_center_size(label.min + vec2(-2.0, -2.0), vec2(16.0, 14.0))
}

/// Paints the chip: red fill in the colour of the worst residual level, "R" in white.
pub(crate) fn paint(
    painter: &Geometry,
    t: &Text,
    rect: egui::Rect,
    matrix: &RiskMatrix,
    ea: &ElementAssessment,
) {
    let level = ea
        .risk
        .worst_residual
        .unwrap_or(matrix.tolerable.saturating_add(1));
    let fill = crate::ui::theme::risk_level_color(level, matrix.levels.len());
    painter.rect(
        rect,
        CornerRadius::same(3),
        fill,
        Stroke::new(1.0, Color32::WHITE),
        StrokeKind::Inside,
    );
    t.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "R",
        rect.height() * 0.7,
        Color32::WHITE,
    );
}

/// The hover text of the chip.
/// `accepted` of the `count` are accepted although intolerable: said, never hidden.
pub(crate) fn hover_text(count: usize, accepted: usize, matrix: &RiskMatrix) -> String {
    let accepted = match accepted {
        0 => String::new(),
        n if n == count => ", accepted although intolerable".to_owned(),
        n => format!(", {n} of them accepted although intolerable"),
    };
    format!(
        "Risk: {count} threat scenario{} above the tolerable risk ({}){accepted}",
        if count == 1 { "" } else { "s" },
        matrix.tolerable_text()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_text_counts_the_scenarios() {
        let m = RiskMatrix::default();
        assert_eq!(
            hover_text(1, 0, &m),
            "Risk: 1 threat scenario above the tolerable risk (Medium or lower)"
        );
        assert!(hover_text(3, 0, &m).starts_with("Risk: 3 threat scenarios above"));
        assert_eq!(
            hover_text(3, 1, &m),
            "Risk: 3 threat scenarios above the tolerable risk (Medium or lower), 1 of them accepted although intolerable"
        );
        assert!(hover_text(1, 1, &m).ends_with("(Medium or lower), accepted although intolerable"));
    }

    #[test]
    fn the_zone_chip_sits_left_of_the_finding_badge_inside_the_header() {
        let er = egui::Rect::from_min_size(Pos2::new(0.0, 0.0), vec2(300.0, 200.0));
        let mut p = crate::model::Project::default();
        p.zones.push(crate::model::Zone::new(
            crate::model::ZoneId(1),
            "Z",
            crate::model::ZoneKind::Control,
            crate::model::Rect::new(0.0, 0.0, 300.0, 200.0),
        ));
        let mut a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        let Some(mut ea) = a.zones.pop() else {
            panic!("one zone, one assessment");
        };
        ea.finding_count = 2;
        let with = zone_rect(er, &ea);
        ea.finding_count = 0;
        let without = zone_rect(er, &ea);
        // the finding badge spans x 270–292 (centre 281, radius 11)
        assert!(with.max.x <= 270.0 && with.min.x >= 300.0 - 8.0 - 30.0 - ZONE_W);
        assert!(without.max.x <= 292.0);
        assert!(with.min.y >= 0.0 && with.max.y <= 40.0);
    }
}
