//! Drawing geometry shared by the canvas and the PDF drawing, in scene units: where asset chips
//! sit inside a zone and where a conduit meets the zone borders.

use super::{Conduit, Project, Rect, ZoneId};
use std::collections::HashMap;

/// Height of a zone's header band (name, kind, SL-T).
pub const HEADER_H: f32 = 56.0;
/// Asset chip size and spacing.
pub const CHIP_W: f32 = 150.0;
pub const CHIP_H: f32 = 28.0;
pub const CHIP_GAP: f32 = 8.0;
/// Smallest zone size a user can resize to.
pub const MIN_ZONE_W: f32 = CHIP_W + 2.0 * CHIP_GAP;
pub const MIN_ZONE_H: f32 = HEADER_H + CHIP_H + 2.0 * CHIP_GAP;
/// Distance between parallel conduits joining the same two zones.
pub const LANE_SPACING: f32 = 26.0;

/// Where a zone's asset chips go.
#[derive(Debug, Clone, PartialEq)]
pub struct ChipLayout {
    /// One rectangle for each of the first `slots.len()` assets, in order.
    pub slots: Vec<Rect>,
    /// Assets that do not fit; shown as "+N more" in `overflow_slot`.
    pub hidden: usize,
    pub overflow_slot: Option<Rect>,
    pub columns: usize,
}

fn grid(zone: &Rect) -> (usize, usize) {
    let columns = (((zone.w - CHIP_GAP) / (CHIP_W + CHIP_GAP)).floor() as i64).max(1) as usize;
    let rows =
        (((zone.h - HEADER_H - CHIP_GAP) / (CHIP_H + CHIP_GAP)).floor() as i64).max(0) as usize;
    (columns, rows)
}

fn slot(zone: &Rect, columns: usize, i: usize) -> Rect {
    let col = i % columns;
    let row = i / columns;
    // chips share the zone's width evenly when there is more room than needed
    let chip_w =
        ((zone.w - CHIP_GAP) / columns as f32 - CHIP_GAP).max(CHIP_W.min(zone.w - 2.0 * CHIP_GAP));
    Rect::new(
        zone.x + CHIP_GAP + col as f32 * (chip_w + CHIP_GAP),
        zone.y + HEADER_H + CHIP_GAP + row as f32 * (CHIP_H + CHIP_GAP),
        chip_w,
        CHIP_H,
    )
}

/// Lays out `count` asset chips in rows inside `zone`.
pub fn asset_chips(zone: &Rect, count: usize) -> ChipLayout {
    let (columns, rows) = grid(zone);
    let capacity = columns * rows;
    if count <= capacity {
        let slots = (0..count).map(|i| slot(zone, columns, i)).collect();
        return ChipLayout {
            slots,
            hidden: 0,
            overflow_slot: None,
            columns,
        };
    }
    if capacity == 0 {
        return ChipLayout {
            slots: Vec::new(),
            hidden: count,
            overflow_slot: None,
            columns,
        };
    }
    let shown = capacity - 1;
    ChipLayout {
        slots: (0..shown).map(|i| slot(zone, columns, i)).collect(),
        hidden: count - shown,
        overflow_slot: Some(slot(zone, columns, shown)),
        columns,
    }
}

/// The insertion index for an asset dropped at (`x`, `y`) inside `zone` holding `count` assets.
pub(crate) fn drop_index(zone: &Rect, count: usize, x: f32, y: f32) -> usize {
    let (columns, _) = grid(zone);
    let col = (((x - zone.x - CHIP_GAP) / (CHIP_W + CHIP_GAP))
        .floor()
        .max(0.0) as usize)
        .min(columns - 1);
    let row = ((y - zone.y - HEADER_H - CHIP_GAP) / (CHIP_H + CHIP_GAP))
        .floor()
        .max(0.0) as usize;
    (row * columns + col).min(count)
}

/// The size a zone needs to show `count` chips in `columns` columns.
pub(crate) fn zone_size_for(count: usize, columns: usize) -> (f32, f32) {
    let columns = columns.max(1);
    let rows = count.div_ceil(columns).max(1);
    (
        CHIP_GAP + columns as f32 * (CHIP_W + CHIP_GAP),
        HEADER_H + CHIP_GAP + rows as f32 * (CHIP_H + CHIP_GAP),
    )
}

/// How many chips `zone` shows whole.
pub(crate) fn capacity(zone: &Rect) -> usize {
    let (columns, rows) = grid(zone);
    columns * rows
}

/// `r` grown downwards (never shrunk) to hold `count` chips at its width: a zone expanded to
/// show every asset.
pub(crate) fn grown_to_hold(r: Rect, count: usize) -> Rect {
    let (columns, _) = grid(&r);
    let rows = count.div_ceil(columns).max(1);
    let h = HEADER_H + CHIP_GAP + rows as f32 * (CHIP_H + CHIP_GAP);
    Rect::new(r.x, r.y, r.w, r.h.max(h))
}

/// More assets than this and a zone the import creates is sized for its groups by type, not
/// for every chip.
pub const CHIPS_UP_TO: usize = 24;

/// The size of a zone drawn with its assets as groups by component type: three chip columns
/// wide, six chip rows high (room for about a dozen group lines at full size).
pub fn group_zone_size() -> (f32, f32) {
    zone_size_for(18, 3)
}

/// Where the ray from (`px`, `py`) (inside `r`) in direction (`dx`, `dy`) leaves `r`.
fn exit_point(r: &Rect, px: f32, py: f32, dx: f32, dy: f32) -> (f32, f32) {
    let tx = if dx > f32::EPSILON {
        (r.x + r.w - px) / dx
    } else if dx < -f32::EPSILON {
        (r.x - px) / dx
    } else {
        f32::INFINITY
    };
    let ty = if dy > f32::EPSILON {
        (r.y + r.h - py) / dy
    } else if dy < -f32::EPSILON {
        (r.y - py) / dy
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    if t.is_finite() {
        (px + dx * t, py + dy * t)
    } else {
        (px, py)
    }
}

#[cfg(test)]
/// Where the line from the centre of `r` towards (`tx`, `ty`) leaves `r`.
pub(crate) fn border_point(r: &Rect, tx: f32, ty: f32) -> (f32, f32) {
    let (cx, cy) = r.center();
    exit_point(r, cx, cy, tx - cx, ty - cy)
}

/// The drawn segment of a conduit between zones `a` and `b`: from border to border along the
/// centre line, shifted sideways by `lane` lanes when several conduits join the same zones.
pub(crate) fn conduit_segment(a: &Rect, b: &Rect, lane: f32) -> ((f32, f32), (f32, f32)) {
    let (ax, ay) = a.center();
    let (bx, by) = b.center();
    let (dx, dy) = (bx - ax, by - ay);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    // sideways shift, kept inside both rectangles
    let max_shift = (a.w.min(a.h).min(b.w).min(b.h) / 2.0 - 4.0).max(0.0);
    let shift = (lane * LANE_SPACING).clamp(-max_shift, max_shift);
    let (nx, ny) = (-dy / len * shift, dx / len * shift);
    let start = exit_point(a, ax + nx, ay + ny, dx, dy);
    let end = exit_point(b, bx + nx, by + ny, -dx, -dy);
    (start, end)
}

/// Lane of every conduit: 0 for a single conduit between two zones, ±0.5, ±1 … for parallel
/// ones, so they are drawn side by side. Indexed like `project.conduits`.
pub(crate) fn conduit_lanes(project: &Project) -> Vec<f32> {
    let mut groups: HashMap<(ZoneId, ZoneId), Vec<usize>> = HashMap::new();
    for (i, c) in project.conduits.iter().enumerate() {
        groups.entry(pair(c)).or_default().push(i);
    }
    let mut lanes = vec![0.0; project.conduits.len()];
    for members in groups.values() {
        let n = members.len() as f32;
        for (k, &i) in members.iter().enumerate() {
            let c = &project.conduits[i];
            // lanes are measured from the lower zone id, so both directions agree
            let sign = if c.from <= c.to { 1.0 } else { -1.0 };
            lanes[i] = (k as f32 - (n - 1.0) / 2.0) * sign;
        }
    }
    lanes
}

fn pair(c: &Conduit) -> (ZoneId, ZoneId) {
    if c.from <= c.to {
        (c.from, c.to)
    } else {
        (c.to, c.from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chips_fill_rows_and_overflow() {
        let zone = Rect::new(0.0, 0.0, 8.0 + 2.0 * 158.0, 64.0 + 2.0 * 36.0);
        let l = asset_chips(&zone, 3);
        assert_eq!(l.columns, 2);
        assert_eq!(l.slots.len(), 3);
        assert_eq!(l.slots[0], Rect::new(8.0, 64.0, 150.0, 28.0));
        assert_eq!(l.slots[2].y, 100.0);
        let l = asset_chips(&zone, 7);
        assert_eq!(l.slots.len(), 3);
        assert_eq!(l.hidden, 4);
        assert!(l.overflow_slot.is_some());
        // every chip lies inside the zone
        for s in asset_chips(&zone, 4).slots {
            assert!(
                zone.contains(s.x, s.y) && zone.contains(s.x + s.w, s.y + s.h),
                "{s:?}"
            );
        }
    }

    #[test]
    fn drop_index_follows_the_grid() {
        let zone = Rect::new(0.0, 0.0, 324.0, 200.0);
        assert_eq!(drop_index(&zone, 5, 10.0, 70.0), 0);
        assert_eq!(drop_index(&zone, 5, 200.0, 70.0), 1);
        assert_eq!(drop_index(&zone, 5, 10.0, 110.0), 2);
        assert_eq!(drop_index(&zone, 2, 200.0, 190.0), 2, "clamped to the end");
    }

    #[test]
    fn zone_size_holds_its_chips() {
        let (w, h) = zone_size_for(5, 2);
        let l = asset_chips(&Rect::new(0.0, 0.0, w, h), 5);
        assert_eq!(l.slots.len(), 5);
        assert_eq!(l.hidden, 0);
    }

    #[test]
    fn border_points_lie_on_the_border() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        assert_eq!(border_point(&r, 500.0, 25.0), (100.0, 25.0));
        assert_eq!(border_point(&r, 50.0, -300.0), (50.0, 0.0));
        let ((x0, _), (x1, _)) = conduit_segment(&r, &Rect::new(300.0, 0.0, 100.0, 50.0), 0.0);
        assert_eq!((x0, x1), (100.0, 300.0));
    }
}
