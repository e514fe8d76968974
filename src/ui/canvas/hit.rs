//! Hit testing in scene coordinates: which zone, conduit line or label is at a point (the
//! topmost — last drawn — first), and what a rubber band encloses. Pure functions of the
//! project, its drawing cache and positions.

use super::DrawCache;
use super::gesture::{Gesture, displayed_rect};
use crate::model::{ConduitId, ElementRef, Project, Rect, ZoneId, layout};
use egui::{Pos2, pos2};

/// The topmost zone (last in drawing order) whose rectangle contains `p`.
pub(super) fn zone_at(zone_rects: &[(ZoneId, Rect)], p: Pos2) -> Option<ZoneId> {
    zone_rects
        .iter()
        .rev()
        .find(|(_, r)| r.contains(p.x, p.y))
        .map(|(id, _)| *id)
}

/// Distance from `p` to the segment `a`–`b`.
pub(super) fn dist_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t - p).length()
}

/// The line of conduit `index` as drawn while `gesture` moves or resizes zones.
pub(super) fn segment_of(
    project: &Project,
    cache: &DrawCache,
    index: usize,
    gesture: &Gesture,
) -> Option<(Pos2, Pos2)> {
    let c = project.conduits.get(index)?;
    let a = project.zone(c.from)?;
    let b = project.zone(c.to)?;
    let ra = displayed_rect(gesture, a.id, &a.rect);
    let rb = displayed_rect(gesture, b.id, &b.rect);
    let ((x0, y0), (x1, y1)) = layout::conduit_segment(&ra, &rb, cache.lane(index));
    Some((pos2(x0, y0), pos2(x1, y1)))
}

/// The first conduit whose line passes within `tolerance` of `p`.
pub(super) fn conduit_at(
    project: &Project,
    cache: &DrawCache,
    p: Pos2,
    tolerance: f32,
) -> Option<ConduitId> {
    (0..project.conduits.len()).find_map(|i| {
        let (a, b) = segment_of(project, cache, i, &Gesture::None)?;
        (dist_to_segment(p, a, b) <= tolerance).then(|| project.conduits[i].id)
    })
}

/// The zones wholly inside `band`, then the conduits whose both ends are inside it.
pub(super) fn rubber_band_pick(
    project: &Project,
    cache: &DrawCache,
    band: egui::Rect,
) -> Vec<ElementRef> {
    let mut picked: Vec<ElementRef> = project
        .zones
        .iter()
        .filter(|z| band.contains_rect(super::to_egui(&z.rect)))
        .map(|z| ElementRef::Zone(z.id))
        .collect();
    for (i, c) in project.conduits.iter().enumerate() {
        if let Some((a, b)) = segment_of(project, cache, i, &Gesture::None)
            && band.contains(a)
            && band.contains(b)
        {
            picked.push(ElementRef::Conduit(c.id));
        }
    }
    picked
}
