//! The colours that carry meaning — gap and finding severities, zone kinds, the selection,
//! untrusted paths — defined once as plain RGB, free of any UI type: `ui::theme` turns them
//! into egui colours for the screen and the PDF report prints them.

use crate::analysis::{FindingSeverity, GapSeverity};
use crate::model::ZoneKind;

/// Red, green, blue.
pub type Rgb = [u8; 3];

/// Target met.
pub const GAP_MET: Rgb = [0x2e, 0x7d, 0x32];
/// One level short (small gap).
pub const GAP_SMALL: Rgb = [0xef, 0x9a, 0x00];
/// Two or more levels short (large gap).
pub const GAP_LARGE: Rgb = [0xc6, 0x28, 0x28];
/// Not enough known to tell.
pub const GAP_UNKNOWN: Rgb = [0x8a, 0x8f, 0x98];
/// Finding severity "info".
pub const INFO: Rgb = [0x1e, 0x6f, 0xd9];
/// Selection outline (screen only).
pub const SELECTION: Rgb = [0x19, 0x76, 0xd2];
/// Zones and conduits on a path from an untrusted zone to a safety zone (darker than
/// [`GAP_LARGE`] so that a ring stays visible around a red zone).
pub const UNTRUSTED_PATH: Rgb = [0xa5, 0x00, 0x26];
/// Dark text on light fills.
pub const TEXT_DARK: Rgb = [0x20, 0x20, 0x20];
pub const WHITE: Rgb = [0xff, 0xff, 0xff];

/// A boundary device (firewall, gateway) on a conduit: its chip on the canvas, in the PDF
/// drawing and in draw.io, and a boundary component's badge.
pub const BOUNDARY_DEVICE: Rgb = [0x26, 0x32, 0x38];
/// A component of a known type with no role of its own (its badge, the PDF's device chip).
pub const DEVICE: Rgb = [0x45, 0x5a, 0x64];
/// Any other device in the draw.io export.
pub const DEVICE_LIGHT: Rgb = [0x78, 0x7c, 0x82];
/// A conduit's control badges.
pub const CONTROL_BADGE: Rgb = [0x00, 0x5f, 0x73];
/// Purdue bands on the canvas: the DMZ band's tint, the other bands' stripe tint on the light
/// and on the dark theme (drawn translucent).
pub const PURDUE_DMZ: Rgb = [0xf5, 0xa6, 0x23];
pub const PURDUE_STRIPE: Rgb = [0x5c, 0x6b, 0xc0];
pub const PURDUE_STRIPE_DARK: Rgb = [0x9f, 0xa8, 0xda];
/// The same bands printed on paper (opaque): the DMZ, the even and the odd bands.
pub const PURDUE_DMZ_PAPER: Rgb = [253, 240, 220];
pub const PURDUE_EVEN_PAPER: Rgb = [234, 236, 247];
pub const PURDUE_ODD_PAPER: Rgb = [245, 246, 251];
/// The guide line a dragged zone snaps to.
pub const SNAP_GUIDE: Rgb = [0xe0, 0x3c, 0x8a];
/// The canvas behind the zones, light and dark theme.
pub const CANVAS_LIGHT: Rgb = [0xf4, 0xf5, 0xf7];
pub const CANVAS_DARK: Rgb = [0x1c, 0x1e, 0x22];

/// Red, green, blue and alpha (not premultiplied): the translucent chrome over the drawing.
pub type Rgba = [u8; 4];

/// A grey of this brightness.
const fn grey(v: u8) -> Rgb {
    [v, v, v]
}

// The neutral chrome of the canvas (light theme, dark theme): it carries no meaning, so that
// the colours above stand out.
/// Zone names, and the smaller text under them.
pub const ZONE_TEXT: [Rgb; 2] = [grey(25), grey(230)];
pub const ZONE_SUB: [Rgb; 2] = [grey(70), grey(180)];
/// Asset chips and conduit labels: fill; the chip's border.
pub const CHIP_FILL: [Rgb; 2] = [WHITE, grey(45)];
pub const LABEL_FILL: [Rgb; 2] = [WHITE, grey(40)];
pub const CHIP_BORDER: Rgb = grey(150);
/// The Purdue band labels.
pub const BAND_LABEL: [Rgb; 2] = [grey(90), grey(170)];
/// The legend's text, background and border.
pub const LEGEND_TEXT: [Rgb; 2] = [grey(30), grey(225)];
pub const LEGEND_FILL: [Rgba; 2] = [[255, 255, 255, 235], [28, 30, 34, 230]];
pub const LEGEND_BORDER: [Rgb; 2] = [grey(190), grey(80)];
/// The overview map's background and border.
pub const OVERVIEW_FILL: [Rgba; 2] = [[255, 255, 255, 235], [30, 32, 36, 235]];
pub const OVERVIEW_BORDER: [Rgb; 2] = [grey(150), grey(110)];
/// The grid's minor and major lines.
pub const GRID_MINOR: [Rgba; 2] = [[0, 0, 0, 12], [255, 255, 255, 10]];
pub const GRID_MAJOR: [Rgba; 2] = [[0, 0, 0, 26], [255, 255, 255, 22]];
/// Outlines of the topology view's boxes and badges.
pub const OUTLINE: Rgb = grey(0x40);

/// The badge of an asset chip by its component's role: safety, boundary, business IT, reached
/// from outside (wireless, external, temporary), any other; a type the catalog does not know
/// in the large-gap red.
pub(crate) fn component_badge(c: Option<&crate::catalog::ComponentType>) -> Rgb {
    match c {
        Some(c) if c.safety => zone_kind(ZoneKind::Safety),
        Some(c) if c.boundary => BOUNDARY_DEVICE,
        Some(c) if c.business_it => zone_kind(ZoneKind::Enterprise),
        Some(c) if c.wireless || c.external || c.temporary => zone_kind(ZoneKind::RemoteAccess),
        Some(_) => DEVICE,
        None => GAP_LARGE,
    }
}

/// The strong colour of a gap severity (zone outlines, conduits, FR cells, table cells).
pub fn gap(s: GapSeverity) -> Rgb {
    match s {
        GapSeverity::None => GAP_MET,
        GapSeverity::One => GAP_SMALL,
        GapSeverity::Two => GAP_LARGE,
        GapSeverity::Unknown => GAP_UNKNOWN,
    }
}

/// Text that reads on top of [`gap`]: dark on amber, white on the others.
pub(crate) fn gap_text(s: GapSeverity) -> Rgb {
    match s {
        GapSeverity::One => TEXT_DARK,
        _ => WHITE,
    }
}

/// The colour of a finding severity: errors red and warnings amber like the gaps.
pub fn finding(s: FindingSeverity) -> Rgb {
    match s {
        FindingSeverity::Error => GAP_LARGE,
        FindingSeverity::Warning => GAP_SMALL,
        FindingSeverity::Info => INFO,
    }
}

/// Text that reads on top of [`finding`].
pub(crate) fn finding_text(s: FindingSeverity) -> Rgb {
    match s {
        FindingSeverity::Warning => TEXT_DARK,
        _ => WHITE,
    }
}

/// The accent of a zone kind (header stripe, palette badge, PDF drawing).
pub(crate) fn zone_kind(kind: ZoneKind) -> Rgb {
    match kind {
        ZoneKind::Enterprise => [0x5c, 0x6b, 0xc0],
        ZoneKind::Dmz => [0x8e, 0x24, 0xaa],
        ZoneKind::Supervisory => [0x00, 0x83, 0x8f],
        ZoneKind::Control => [0x1e, 0x88, 0xe5],
        ZoneKind::Safety => [0xd8, 0x43, 0x15],
        ZoneKind::Field => [0x6d, 0x4c, 0x41],
        ZoneKind::RemoteAccess => [0x00, 0x89, 0x7b],
        ZoneKind::External => [0x54, 0x6e, 0x7a],
        ZoneKind::Wireless => [0x7c, 0xb3, 0x42],
        ZoneKind::Other => [0x75, 0x75, 0x75],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_have_distinct_colours_and_findings_share_the_gap_ones() {
        let gaps = [
            GapSeverity::None,
            GapSeverity::One,
            GapSeverity::Two,
            GapSeverity::Unknown,
        ]
        .map(gap);
        for (i, a) in gaps.iter().enumerate() {
            for b in &gaps[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(finding(FindingSeverity::Error), gap(GapSeverity::Two));
        assert_eq!(finding(FindingSeverity::Warning), gap(GapSeverity::One));
        assert_ne!(finding(FindingSeverity::Info), gap(GapSeverity::None));
        assert_ne!(UNTRUSTED_PATH, GAP_LARGE);
    }
}
