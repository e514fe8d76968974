//! The designer's colours — gap and finding severities, zone kinds, selection and untrusted
//! paths as egui colours of the shared [`crate::palette`] (the PDF prints the same
//! definitions), status and risk colours — and fonts with Latin/Greek/Cyrillic/CJK coverage.

use crate::analysis::{FindingSeverity, GapSeverity};
use crate::model::{Status, ZoneKind};
use crate::palette;
use egui::Color32;

/// An RGB definition of [`crate::palette`] as an egui colour.
pub const fn rgb(c: palette::Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// A translucent [`crate::palette`] colour as an egui colour.
pub fn rgba(c: palette::Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// The light-theme or the dark-theme member of a [`crate::palette`] pair.
pub fn themed(pair: [palette::Rgb; 2], dark: bool) -> Color32 {
    rgb(pair[usize::from(dark)])
}

/// [`themed`] for a translucent pair.
pub fn themed_rgba(pair: [palette::Rgba; 2], dark: bool) -> Color32 {
    rgba(pair[usize::from(dark)])
}

/// Strong colour of a gap severity (strokes, FR cells), the same on both themes.
pub(crate) fn gap_color(s: GapSeverity) -> Color32 {
    rgb(palette::gap(s))
}

/// Text colour that reads on top of [`gap_color`].
pub(crate) fn gap_text_color(s: GapSeverity) -> Color32 {
    rgb(palette::gap_text(s))
}

/// Fill of a zone body with this severity: a light tint for work at the desk, a `strong` one
/// that a room can tell apart from its back row (presentation mode).
pub(crate) fn gap_fill(s: GapSeverity, dark: bool, strong: bool) -> Color32 {
    let c = gap_color(s);
    if dark {
        let k = if strong { 55 } else { 35 };
        Color32::from_rgb(
            (c.r() as u16 * k / 100 + 30) as u8,
            (c.g() as u16 * k / 100 + 30) as u8,
            (c.b() as u16 * k / 100 + 30) as u8,
        )
    } else {
        let k = if strong { 34 } else { 14 };
        Color32::from_rgb(
            (255 - (255 - c.r() as u16) * k / 100) as u8,
            (255 - (255 - c.g() as u16) * k / 100) as u8,
            (255 - (255 - c.b() as u16) * k / 100) as u8,
        )
    }
}

/// Text colour of a requirement status, readable on the panel background of either theme
/// (contrast at least 4.5:1 against egui's light and dark panels).
pub(crate) fn status_color(s: Status, dark: bool) -> Color32 {
    let (light, on_dark) = match s {
        Status::Met => ((0x1b, 0x5e, 0x20), (0x81, 0xc7, 0x84)),
        Status::Compensated | Status::NotApplicable => ((0x0d, 0x47, 0xa1), (0x90, 0xca, 0xf9)),
        Status::NotMet => ((0xb7, 0x1c, 0x1c), (0xef, 0x9a, 0x9a)),
        Status::NotAssessed => ((0x5f, 0x63, 0x68), (0xbd, 0xc1, 0xc6)),
    };
    let (r, g, b) = if dark { on_dark } else { light };
    Color32::from_rgb(r, g, b)
}

/// Colour of a finding severity (badges, register, markers), the same on both themes.
pub(crate) fn finding_color(s: FindingSeverity) -> Color32 {
    rgb(palette::finding(s))
}

/// A small accent per zone kind, used in the header stripe and the palette.
pub(crate) fn kind_color(kind: ZoneKind) -> Color32 {
    rgb(palette::zone_kind(kind))
}

/// Zones and conduits on an untrusted-to-safety path (topology).
pub const UNTRUSTED_PATH: Color32 = rgb(palette::UNTRUSTED_PATH);

/// Colour of the selection outline.
pub const SELECTION: Color32 = rgb(palette::SELECTION);

/// Installs DejaVu Sans (Latin, Greek, Cyrillic) and WenQuanYi Micro Hei (CJK) as fallbacks
/// behind egui's default fonts, so names in any of these scripts render.
pub(crate) fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    fonts.font_data.insert(
        "wqy".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/wqy-microhei.ttc"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        if let Some(list) = fonts.families.get_mut(&family) {
            list.push("dejavu".to_owned());
            list.push("wqy".to_owned());
        }
    }
    ctx.set_fonts(fonts);
}

/// Colour of risk level `level` out of `levels` (lowest first): green through amber and orange
/// to deep red, spread over however many levels the matrix has.
pub(crate) fn risk_level_color(level: u8, levels: usize) -> Color32 {
    const STOPS: [(u8, u8, u8); 4] = [
        (
            palette::GAP_MET[0],
            palette::GAP_MET[1],
            palette::GAP_MET[2],
        ),
        (
            palette::GAP_SMALL[0],
            palette::GAP_SMALL[1],
            palette::GAP_SMALL[2],
        ),
        (0xe6, 0x51, 0x00),
        (0xb7, 0x1c, 0x1c),
    ];
    let t = if levels <= 1 {
        0.0
    } else {
        (f32::from(level) / (levels - 1) as f32).clamp(0.0, 1.0)
    };
    let x = t * (STOPS.len() - 1) as f32;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f32;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |p: u8, q: u8| (f32::from(p) + (f32::from(q) - f32::from(p)) * f).round() as u8;
    Color32::from_rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text colour that reads on top of a fill (dark on light fills, white on dark ones).
pub(crate) fn text_on(fill: Color32) -> Color32 {
    let lum =
        0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if lum > 150.0 {
        Color32::from_rgb(0x20, 0x20, 0x20)
    } else {
        Color32::WHITE
    }
}

/// Fill of an unrated risk.
pub const RISK_UNRATED: Color32 = rgb(palette::GAP_UNKNOWN);

/// Warning tint of a required field left empty.
pub(crate) fn missing_field_color() -> Color32 {
    finding_color(FindingSeverity::Warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f32 {
        let ch = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn status_colours_read_on_both_themes() {
        for dark in [false, true] {
            let visuals = if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            for bg in [visuals.panel_fill, visuals.widgets.inactive.weak_bg_fill] {
                for s in Status::ALL {
                    let c = contrast(status_color(s, dark), bg);
                    assert!(c >= 4.5, "{s:?} dark={dark}: contrast {c:.2} on {bg:?}");
                }
            }
        }
    }

    #[test]
    fn risk_colours_run_from_green_to_red_and_text_stays_readable() {
        assert_eq!(risk_level_color(0, 4), Color32::from_rgb(0x2e, 0x7d, 0x32));
        assert_eq!(risk_level_color(3, 4), Color32::from_rgb(0xb7, 0x1c, 0x1c));
        assert_eq!(risk_level_color(1, 4), Color32::from_rgb(0xef, 0x9a, 0x00));
        // out of range clamps to the top; a one-level matrix is green
        assert_eq!(risk_level_color(9, 4), risk_level_color(3, 4));
        assert_eq!(risk_level_color(0, 1), risk_level_color(0, 4));
        // amber takes dark text, green and red white
        assert_eq!(
            text_on(risk_level_color(1, 4)),
            Color32::from_rgb(0x20, 0x20, 0x20)
        );
        assert_eq!(text_on(risk_level_color(0, 4)), Color32::WHITE);
        assert_eq!(text_on(risk_level_color(3, 4)), Color32::WHITE);
    }
}
