//! Where a dragged zone lands: alignment guides to the other zones' edges, centres and
//! middles (within a few points on screen), else the grid. Pure functions of scene
//! rectangles, tested without egui painting.

use crate::command::arrange::{self, Sides};
use crate::model::Rect;
use egui::{Pos2, Vec2, vec2};

/// A guide line shown while dragging, in scene units: vertical at `at` = x from `from` to
/// `to` (y), or horizontal at `at` = y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Guide {
    pub vertical: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

impl Guide {
    /// The line's two ends in scene coordinates.
    pub(crate) fn ends_in_scene(&self) -> (Pos2, Pos2) {
        if self.vertical {
            (Pos2::new(self.at, self.from), Pos2::new(self.at, self.to))
        } else {
            (Pos2::new(self.from, self.at), Pos2::new(self.to, self.at))
        }
    }
}

/// Start, middle and end of `r` along x (`vertical` guides) or y.
fn stops(r: &Rect, vertical: bool) -> [f32; 3] {
    let (s, l) = if vertical { (r.x, r.w) } else { (r.y, r.h) };
    [s, s + l / 2.0, s + l]
}

/// The nearest alignment of `moved` with one of `others` along one axis within `tolerance`:
/// the correction to add, where the guide is, and the rectangle aligned with.
fn align_axis<'a>(
    moved: &Rect,
    others: &'a [Rect],
    vertical: bool,
    tolerance: f32,
) -> Option<(f32, f32, &'a Rect)> {
    let mut best: Option<(f32, f32, &Rect)> = None;
    for o in others {
        for a in stops(moved, vertical) {
            for b in stops(o, vertical) {
                let d = b - a;
                if d.abs() <= tolerance && best.is_none_or(|(bd, _, _)| d.abs() < bd.abs()) {
                    best = Some((d, b, o));
                }
            }
        }
    }
    best
}

/// The offset a zone at `rect` dragged by `delta` ends up with, and the guides shown: along
/// each axis an alignment with one of `others` (within `tolerance` scene units) wins, else the
/// grid when `grid` is on, else the raw offset.
pub(super) fn snapped_move(
    rect: &Rect,
    others: &[Rect],
    delta: Vec2,
    tolerance: f32,
    grid: bool,
) -> (Vec2, [Option<Guide>; 2]) {
    let moved = Rect::new(rect.x + delta.x, rect.y + delta.y, rect.w, rect.h);
    let (gx, gy) = arrange::snapped_offset(rect, delta.x, delta.y);
    let mut out = if grid { vec2(gx, gy) } else { delta };
    let x = align_axis(&moved, others, true, tolerance);
    let y = align_axis(&moved, others, false, tolerance);
    if let Some((d, _, _)) = x {
        out.x = delta.x + d;
    }
    if let Some((d, _, _)) = y {
        out.y = delta.y + d;
    }
    // each guide spans the landed rectangle and the one it lines up with
    let landed = Rect::new(rect.x + out.x, rect.y + out.y, rect.w, rect.h);
    let guide = |vertical: bool, (_, at, o): (f32, f32, &Rect)| {
        let (from, to) = if vertical {
            (landed.y.min(o.y), (landed.y + landed.h).max(o.y + o.h))
        } else {
            (landed.x.min(o.x), (landed.x + landed.w).max(o.x + o.w))
        };
        Guide {
            vertical,
            at,
            from,
            to,
        }
    };
    (out, [x.map(|a| guide(true, a)), y.map(|a| guide(false, a))])
}

/// The pointer of a resize that began at `start` on the `sides` of `rect`, moved so that the
/// sides it drags land on the grid.
pub(super) fn snapped_resize_pointer(rect: &Rect, sides: Sides, start: Pos2, p: Pos2) -> Pos2 {
    let d = p - start;
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h);
    let mut out = p;
    if sides.left {
        out.x = start.x + arrange::snap(x0 + d.x) - x0;
    } else if sides.right {
        out.x = start.x + arrange::snap(x1 + d.x) - x1;
    }
    if sides.top {
        out.y = start.y + arrange::snap(y0 + d.y) - y0;
    } else if sides.bottom {
        out.y = start.y + arrange::snap(y1 + d.y) - y1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn a_near_edge_wins_over_the_grid_and_shows_a_guide() {
        let moving = Rect::new(0.0, 0.0, 100.0, 50.0);
        let other = Rect::new(203.0, 300.0, 80.0, 40.0);
        // dragged by (205, 7): the left edge at 205 is 2 from the other's left (203)
        let (d, guides) = snapped_move(&moving, &[other], vec2(205.0, 7.0), 4.0, true);
        assert_eq!(d, vec2(203.0, 10.0), "x aligned, y on the grid");
        let g = guides[0].expect("a vertical guide");
        assert!(g.vertical && g.at == 203.0);
        assert_eq!((g.from, g.to), (10.0, 340.0));
        assert_eq!(guides[1], None);
        // far from everything: the grid; with the grid off, the raw offset
        let (d, guides) = snapped_move(&moving, &[other], vec2(47.0, 13.0), 4.0, true);
        assert_eq!((d, guides), (vec2(50.0, 10.0), [None, None]));
        let (d, _) = snapped_move(&moving, &[other], vec2(47.0, 13.0), 4.0, false);
        assert_eq!(d, vec2(47.0, 13.0));
        // centres: moving's centre x 50+dx against the other's centre 243
        let (d, guides) = snapped_move(&moving, &[other], vec2(191.0, 500.0), 4.0, false);
        assert_eq!(d.x, 193.0);
        assert_eq!(guides[0].map(|g| g.at), Some(243.0));
    }

    #[test]
    fn resizing_puts_the_dragged_side_on_the_grid() {
        let r = Rect::new(3.0, 7.0, 100.0, 100.0);
        let sides = Sides {
            right: true,
            bottom: true,
            ..Sides::default()
        };
        // right edge 103 dragged by 12 → 115 → 120; bottom 107 by 1 → 108 → 110
        let p = snapped_resize_pointer(&r, sides, pos2(103.0, 107.0), pos2(115.0, 108.0));
        assert_eq!(p, pos2(120.0, 110.0));
    }
}
