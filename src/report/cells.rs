//! The colours and cells of gap, finding and requirement status in the tender pack's tables
//! (fill and text colour, the letter or code that carries the meaning in greyscale).

use super::layout::{Cell, Rgb};
use crate::analysis::{FindingSeverity, GapSeverity};
use crate::model::Status;

/// Fill and text colour of a gap severity; the letter carries the meaning in greyscale.
pub fn gap_colors(s: GapSeverity) -> (Rgb, Rgb) {
    (
        Rgb::of(crate::palette::gap(s)),
        Rgb::of(crate::palette::gap_text(s)),
    )
}

/// Fill and text colour of a finding severity (the designer's badge colours).
pub(crate) fn finding_colors(s: FindingSeverity) -> (Rgb, Rgb) {
    (
        Rgb::of(crate::palette::finding(s)),
        Rgb::of(crate::palette::finding_text(s)),
    )
}

/// Light tint of a gap colour for large areas.
pub(crate) fn gap_tint(s: GapSeverity) -> Rgb {
    let (c, _) = gap_colors(s);
    let t = |v: u8| (255 - (255 - u16::from(v)) * 18 / 100) as u8;
    Rgb(t(c.0), t(c.1), t(c.2))
}

pub(super) fn gap_cell(s: GapSeverity) -> Cell {
    let (fill, fg) = gap_colors(s);
    // the mark first (it carries the meaning in greyscale), then the words
    let words = match s {
        GapSeverity::None => "no gap",
        GapSeverity::One => "one level",
        GapSeverity::Two => "two or more",
        GapSeverity::Unknown => "unknown",
    };
    Cell::filled(format!("{}  {words}", s.letter()), fill, fg)
}

/// Fill and text colour of a requirement status (`satisfied`: compensated or not applicable
/// with its text).
pub(crate) fn status_colors(s: Status, satisfied: bool) -> (Rgb, Rgb) {
    match s {
        Status::Met => gap_colors(GapSeverity::None),
        Status::Compensated | Status::NotApplicable if satisfied => {
            (Rgb::of(crate::palette::INFO), Rgb::WHITE)
        }
        Status::Compensated | Status::NotApplicable => gap_colors(GapSeverity::One),
        Status::NotMet => gap_colors(GapSeverity::Two),
        Status::NotAssessed => (Rgb(225, 227, 230), Rgb::BLACK),
    }
}

pub(super) fn status_cell(s: Status, satisfied: bool) -> Cell {
    let (fill, fg) = status_colors(s, satisfied);
    Cell::filled(s.label(), fill, fg)
}

/// Short code of a status for the overview matrix.
pub(super) fn status_code(s: Status) -> &'static str {
    match s {
        Status::Met => "M",
        Status::Compensated => "C",
        Status::NotApplicable => "NA",
        Status::NotMet => "X",
        Status::NotAssessed => "–",
    }
}
