//! Purdue bands: the horizontal stripes (Level 5 at the top … Level 0 at the bottom, with the
//! Level 3.5 DMZ) drawn behind the zones when the project's `purdue_bands` setting is on.
//! The layout is computed from the zones' kinds and positions here, without any drawing code,
//! for the canvas, the PDF drawing and the SVG alike.
//!
//! The rule:
//! 1. A zone's kind suggests its level ([`level_of`]): External → 5, Enterprise → 4, DMZ and
//!    remote access → 3.5, Supervisory → 3, Control → 2, Safety → 1, Field → 0; wireless and
//!    other zones belong to no band.
//! 2. Each level with zones spans its zones' vertical extent.
//! 3. Levels are taken from 5 down to 0. A level whose extent overlaps the band above it by
//!    more than half of the smaller of the two joins that band (one band, both labels:
//!    "Level 5 / Level 4"), so zones side by side share a band instead of being cut.
//! 4. Bands tile: the boundary between two bands lies halfway between them (halfway through
//!    an overlap), and the outer bands reach [`PAD`] beyond the outer zones.

use super::{Project, Rect, ZoneKind, network::PurdueLevel};

/// How far the top and bottom bands reach beyond the zones, in scene units.
pub const PAD: f32 = 30.0;

/// The Purdue level a zone of `kind` suggests, if any.
pub fn level_of(kind: ZoneKind) -> Option<PurdueLevel> {
    match kind {
        ZoneKind::External => Some(PurdueLevel::Level5),
        ZoneKind::Enterprise => Some(PurdueLevel::Level4),
        ZoneKind::Dmz | ZoneKind::RemoteAccess => Some(PurdueLevel::Dmz),
        ZoneKind::Supervisory => Some(PurdueLevel::Level3),
        ZoneKind::Control => Some(PurdueLevel::Level2),
        ZoneKind::Safety => Some(PurdueLevel::Level1),
        ZoneKind::Field => Some(PurdueLevel::Level0),
        ZoneKind::Wireless | ZoneKind::Other => None,
    }
}

/// One band: the levels it shows (top one first) and its vertical extent in scene units.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub levels: Vec<PurdueLevel>,
    pub y0: f32,
    pub y1: f32,
}

impl Band {
    /// "Level 3", or "Level 5 / Level 4" for a shared band.
    pub fn label(&self) -> String {
        let labels: Vec<&str> = self.levels.iter().map(|l| l.label()).collect();
        labels.join(" / ")
    }

    /// Whether it is the DMZ band (drawn in its own tint).
    pub(crate) fn is_dmz(&self) -> bool {
        self.levels.contains(&PurdueLevel::Dmz)
    }
}

/// The bands of `project`, top to bottom (empty when no zone suggests a level).
pub fn bands(project: &Project) -> Vec<Band> {
    // step 2: each level's extent, from Level 5 down
    let mut extents: Vec<(PurdueLevel, f32, f32)> = Vec::new();
    for level in PurdueLevel::ALL.iter().rev() {
        let rects = project
            .zones
            .iter()
            .filter(|z| level_of(z.kind) == Some(*level))
            .map(|z| z.rect)
            .filter(|r| r.y.is_finite() && r.h.is_finite());
        if let Some(r) = rects.reduce(|a, b| a.union(&b)) {
            extents.push((*level, r.y, r.y + r.h));
        }
    }
    // step 3: levels side by side share a band
    let mut out: Vec<Band> = Vec::new();
    for (level, y0, y1) in extents {
        if let Some(last) = out.last_mut() {
            let overlap = last.y1.min(y1) - last.y0.max(y0);
            let smaller = (last.y1 - last.y0).min(y1 - y0).max(1.0);
            if overlap > smaller / 2.0 {
                last.levels.push(level);
                last.y0 = last.y0.min(y0);
                last.y1 = last.y1.max(y1);
                continue;
            }
        }
        out.push(Band {
            levels: vec![level],
            y0,
            y1,
        });
    }
    // step 4: tile
    let first_top = out.first().map(|b| b.y0);
    let last_bottom = out.last().map(|b| b.y1);
    for i in 1..out.len() {
        let boundary = (out[i - 1].y1 + out[i].y0) / 2.0;
        out[i - 1].y1 = boundary;
        out[i].y0 = boundary;
    }
    if let (Some(top), Some(first)) = (first_top, out.first_mut()) {
        first.y0 = top - PAD;
    }
    if let (Some(bottom), Some(last)) = (last_bottom, out.last_mut()) {
        last.y1 = bottom + PAD;
    }
    // zones far out of order can leave a band with no height: it is not drawn
    out.retain(|b| b.y1 - b.y0 >= 1.0);
    out
}

/// Where a new zone of `kind` and height `h` goes vertically when bands are shown: its centre
/// y moved into its level's band (`None`: leave it where it was dropped — the level has no
/// band yet, or the zone is taller than the band).
pub(crate) fn centre_y_in_band(
    bands: &[Band],
    kind: ZoneKind,
    h: f32,
    centre_y: f32,
) -> Option<f32> {
    let level = level_of(kind)?;
    let band = bands.iter().find(|b| b.levels.contains(&level))?;
    let (lo, hi) = (band.y0 + h / 2.0, band.y1 - h / 2.0);
    (lo <= hi).then(|| centre_y.clamp(lo, hi))
}

/// The horizontal extent bands are drawn over: the zones' extent and [`PAD`] on each side.
pub(crate) fn band_x_range(project: &Project) -> Option<(f32, f32)> {
    project.bounds().map(|b: Rect| (b.x - PAD, b.x + b.w + PAD))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Zone, ZoneId};

    fn plant(zones: &[(ZoneKind, f32, f32)]) -> Project {
        Project {
            zones: zones
                .iter()
                .enumerate()
                .map(|(i, (k, y, h))| {
                    Zone::new(
                        ZoneId(i as u32 + 1),
                        format!("Z{i}"),
                        *k,
                        Rect::new(i as f32 * 300.0, *y, 200.0, *h),
                    )
                })
                .collect(),
            ..Project::default()
        }
    }

    #[test]
    fn bands_run_from_level_5_down_and_tile() {
        let p = plant(&[
            (ZoneKind::Field, 600.0, 100.0),
            (ZoneKind::Enterprise, 0.0, 100.0),
            (ZoneKind::Dmz, 200.0, 100.0),
            (ZoneKind::Control, 400.0, 100.0),
            (ZoneKind::Wireless, 2000.0, 100.0),
        ]);
        let b = bands(&p);
        let labels: Vec<String> = b.iter().map(Band::label).collect();
        assert_eq!(labels, ["Level 4", "Level 3.5 (DMZ)", "Level 2", "Level 0"]);
        // enterprise 0…100, DMZ 200…300: boundary at 150; the outer ones padded
        assert_eq!((b[0].y0, b[0].y1), (-PAD, 150.0));
        assert_eq!((b[1].y0, b[1].y1), (150.0, 350.0));
        assert_eq!((b[3].y0, b[3].y1), (550.0, 700.0 + PAD));
        assert!(b[1].is_dmz() && !b[0].is_dmz());
    }

    #[test]
    fn zones_side_by_side_share_a_band() {
        // the refinery: the Internet zone beside corporate IT, the SIS beside the field
        let p = plant(&[
            (ZoneKind::Enterprise, 0.0, 150.0),
            (ZoneKind::External, 0.0, 120.0),
            (ZoneKind::Safety, 970.0, 110.0),
            (ZoneKind::Field, 970.0, 110.0),
        ]);
        let b = bands(&p);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].label(), "Level 5 / Level 4");
        assert_eq!(b[1].label(), "Level 1 / Level 0");
        assert_eq!(b[0].y1, b[1].y0, "tiled");
        assert!(bands(&Project::default()).is_empty());
    }

    #[test]
    fn a_new_zone_goes_into_its_band() {
        let p = plant(&[
            (ZoneKind::Enterprise, 0.0, 100.0),
            (ZoneKind::Control, 400.0, 100.0),
        ]);
        let b = bands(&p);
        // the control band runs 250…530: a 100-high zone's centre between 300 and 480
        assert_eq!(
            centre_y_in_band(&b, ZoneKind::Control, 100.0, 0.0),
            Some(300.0)
        );
        assert_eq!(
            centre_y_in_band(&b, ZoneKind::Control, 100.0, 350.0),
            Some(350.0)
        );
        assert_eq!(centre_y_in_band(&b, ZoneKind::Field, 100.0, 350.0), None);
        assert_eq!(centre_y_in_band(&b, ZoneKind::Other, 100.0, 350.0), None);
    }
}
