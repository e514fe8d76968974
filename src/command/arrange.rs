//! Arranging zones, without egui: the grid that moves, resizes and new zones snap to, and the
//! align and distribute plans for the selected zones (one undo step each).

use super::{NoPlan, Plan, Selection, keep_selection};
use crate::edit::Edit;
use crate::model::{ElementRef, Project, Rect, ZoneId};

/// The grid spacing, in scene units.
pub const GRID: f32 = 10.0;

/// `v` on the nearest grid line.
pub fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

/// The offset `(dx, dy)` changed so that `rect` moved by it has its top-left corner on the grid.
pub(crate) fn snapped_offset(rect: &Rect, dx: f32, dy: f32) -> (f32, f32) {
    (snap(rect.x + dx) - rect.x, snap(rect.y + dy) - rect.y)
}

/// Which sides of a rectangle a resize moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sides {
    pub left: bool,
    pub right: bool,
    pub top: bool,
    pub bottom: bool,
}

#[cfg(test)]
/// `r` (as resized) with the sides the resize moves on the grid, never below the least zone
/// size (the moved side gives way).
pub(crate) fn snapped_sides(r: &Rect, sides: Sides) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    if sides.left {
        x0 = snap(x0).min(x1 - crate::model::layout::MIN_ZONE_W);
    }
    if sides.right {
        x1 = snap(x1).max(x0 + crate::model::layout::MIN_ZONE_W);
    }
    if sides.top {
        y0 = snap(y0).min(y1 - crate::model::layout::MIN_ZONE_H);
    }
    if sides.bottom {
        y1 = snap(y1).max(y0 + crate::model::layout::MIN_ZONE_H);
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// An Arrange menu action on the selected zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arrangement {
    AlignLeft,
    AlignRight,
    AlignTop,
    AlignBottom,
    /// Centres on one vertical line.
    AlignCentres,
    /// Middles on one horizontal line.
    AlignMiddles,
    /// Equal gaps from left to right; the leftmost and rightmost stay.
    DistributeHorizontally,
    /// Equal gaps from top to bottom; the topmost and bottommost stay.
    DistributeVertically,
    /// Every zone in rows by Purdue level, conduits short and uncrossed where possible
    /// (`model::purdue_layout`); needs no selection.
    ByPurdueLevel,
}

impl Arrangement {
    pub const ALL: [Arrangement; 9] = [
        Arrangement::AlignLeft,
        Arrangement::AlignRight,
        Arrangement::AlignTop,
        Arrangement::AlignBottom,
        Arrangement::AlignCentres,
        Arrangement::AlignMiddles,
        Arrangement::DistributeHorizontally,
        Arrangement::DistributeVertically,
        Arrangement::ByPurdueLevel,
    ];

    /// The menu text and undo label.
    pub fn label(self) -> &'static str {
        match self {
            Arrangement::AlignLeft => "Align left edges",
            Arrangement::AlignRight => "Align right edges",
            Arrangement::AlignTop => "Align top edges",
            Arrangement::AlignBottom => "Align bottom edges",
            Arrangement::AlignCentres => "Align centres",
            Arrangement::AlignMiddles => "Align middles",
            Arrangement::DistributeHorizontally => "Distribute horizontally",
            Arrangement::DistributeVertically => "Distribute vertically",
            Arrangement::ByPurdueLevel => "Arrange by Purdue level",
        }
    }

    /// How many zones it needs.
    pub(crate) fn min_zones(self) -> usize {
        match self {
            Arrangement::DistributeHorizontally | Arrangement::DistributeVertically => 3,
            Arrangement::ByPurdueLevel => 0,
            _ => 2,
        }
    }
}

/// The selected zones' ids, in project order.
pub(crate) fn selected_zones(project: &Project, selection: &Selection) -> Vec<ZoneId> {
    project
        .zones
        .iter()
        .filter(|z| selection.contains(&ElementRef::Zone(z.id)))
        .map(|z| z.id)
        .collect()
}

/// The rectangles `rects` arranged (same order); positions are rounded to whole units.
pub fn arranged(rects: &[Rect], how: Arrangement) -> Vec<Rect> {
    let fold =
        |init: f32, f: fn(f32, f32) -> f32, v: fn(&Rect) -> f32| rects.iter().map(v).fold(init, f);
    let mut out = rects.to_vec();
    match how {
        Arrangement::AlignLeft => {
            let x = fold(f32::INFINITY, f32::min, |r| r.x);
            out.iter_mut().for_each(|r| r.x = x);
        }
        Arrangement::AlignRight => {
            let x = fold(f32::NEG_INFINITY, f32::max, |r| r.x + r.w);
            out.iter_mut().for_each(|r| r.x = x - r.w);
        }
        Arrangement::AlignTop => {
            let y = fold(f32::INFINITY, f32::min, |r| r.y);
            out.iter_mut().for_each(|r| r.y = y);
        }
        Arrangement::AlignBottom => {
            let y = fold(f32::NEG_INFINITY, f32::max, |r| r.y + r.h);
            out.iter_mut().for_each(|r| r.y = y - r.h);
        }
        Arrangement::AlignCentres => {
            let x0 = fold(f32::INFINITY, f32::min, |r| r.x);
            let x1 = fold(f32::NEG_INFINITY, f32::max, |r| r.x + r.w);
            let c = (x0 + x1) / 2.0;
            out.iter_mut().for_each(|r| r.x = c - r.w / 2.0);
        }
        Arrangement::AlignMiddles => {
            let y0 = fold(f32::INFINITY, f32::min, |r| r.y);
            let y1 = fold(f32::NEG_INFINITY, f32::max, |r| r.y + r.h);
            let m = (y0 + y1) / 2.0;
            out.iter_mut().for_each(|r| r.y = m - r.h / 2.0);
        }
        Arrangement::DistributeHorizontally => {
            distribute(&mut out, |r| (r.x, r.w), |r, v| r.x = v);
        }
        Arrangement::DistributeVertically => {
            distribute(&mut out, |r| (r.y, r.h), |r, v| r.y = v);
        }
        // needs the conduits and kinds: planned by `plan_by_purdue_level`
        Arrangement::ByPurdueLevel => {}
    }
    for r in &mut out {
        r.x = r.x.round();
        r.y = r.y.round();
    }
    out
}

/// Equal gaps along one axis (`get` gives start and length, `set` the start): ordered by
/// centre, the first and last stay where they are.
fn distribute(rects: &mut [Rect], get: fn(&Rect) -> (f32, f32), set: fn(&mut Rect, f32)) {
    if rects.len() < 3 {
        return;
    }
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by(|a, b| {
        let c = |i: usize| {
            let (s, l) = get(&rects[i]);
            s + l / 2.0
        };
        c(*a).total_cmp(&c(*b))
    });
    let (first, last) = (order[0], order[order.len() - 1]);
    let start = get(&rects[first]).0;
    let (end_s, end_l) = get(&rects[last]);
    let lengths: f32 = order.iter().map(|i| get(&rects[*i]).1).sum();
    let gap = (end_s + end_l - start - lengths) / (order.len() - 1) as f32;
    let mut at = start;
    for i in order {
        let (_, l) = get(&rects[i]);
        if i != first && i != last {
            set(&mut rects[i], at);
        }
        at += l + gap;
    }
}

/// The plan that arranges the selected zones; refused with fewer than the arrangement needs.
pub(crate) fn plan_arrangement(
    project: &Project,
    selection: &Selection,
    how: Arrangement,
) -> Result<Plan, NoPlan> {
    if how == Arrangement::ByPurdueLevel {
        return plan_by_purdue_level(project);
    }
    let ids = selected_zones(project, selection);
    if ids.len() < how.min_zones() {
        return Err(NoPlan::Refused(format!(
            "{} needs at least {} selected zones.",
            how.label(),
            how.min_zones()
        )));
    }
    let rects: Vec<Rect> = ids
        .iter()
        .filter_map(|id| project.zone(*id).map(|z| z.rect))
        .collect();
    let edits: Vec<Edit> = ids
        .iter()
        .zip(rects.iter().zip(arranged(&rects, how)))
        .filter(|(_, (old, new))| old != &new)
        .map(|(id, (_, rect))| Edit::SetZoneRect { id: *id, rect })
        .collect();
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    Ok(keep_selection(
        format!(
            "{} ({})",
            how.label(),
            crate::count_of(ids.len(), "zone", "zones")
        ),
        Edit::Batch(edits),
    ))
}

/// The plan that places every zone in rows by Purdue level (one undo step); the selection
/// stays.
fn plan_by_purdue_level(project: &Project) -> Result<Plan, NoPlan> {
    if project.zones.is_empty() {
        return Err(NoPlan::Refused("There are no zones to arrange.".to_owned()));
    }
    let edits: Vec<Edit> = crate::model::purdue_layout::arrange_project(project)
        .into_iter()
        .filter(|(id, rect)| project.zone(*id).is_some_and(|z| z.rect != *rect))
        .map(|(id, rect)| Edit::SetZoneRect { id, rect })
        .collect();
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    Ok(keep_selection(
        format!(
            "Arrange by Purdue level ({})",
            crate::count_of(project.zones.len(), "zone", "zones")
        ),
        Edit::Batch(edits),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Zone, ZoneKind};

    fn r(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::new(x, y, w, h)
    }

    #[test]
    fn snapping_goes_to_the_nearest_grid_line() {
        assert_eq!(snap(14.0), 10.0);
        assert_eq!(snap(15.5), 20.0);
        assert_eq!(snap(-6.0), -10.0);
        assert_eq!(
            snapped_offset(&r(3.0, 7.0, 50.0, 50.0), 10.0, -1.0),
            (7.0, 3.0)
        );
        let resized = snapped_sides(
            &r(3.0, 7.0, 204.0, 196.0),
            Sides {
                right: true,
                bottom: true,
                ..Sides::default()
            },
        );
        // left and top stay, right 207 → 210, bottom 203 → 200
        assert_eq!(resized, r(3.0, 7.0, 207.0, 193.0));
        let tiny = snapped_sides(
            &r(0.0, 0.0, 4.0, 4.0),
            Sides {
                right: true,
                ..Sides::default()
            },
        );
        assert_eq!(tiny.w, crate::model::layout::MIN_ZONE_W);
    }

    #[test]
    fn align_by_hand_computed_rects() {
        let rects = [r(10.0, 0.0, 100.0, 50.0), r(40.0, 100.0, 60.0, 30.0)];
        let xs = |v: Vec<Rect>| v.iter().map(|r| (r.x, r.y)).collect::<Vec<_>>();
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignLeft)),
            [(10.0, 0.0), (10.0, 100.0)]
        );
        // right edges at 110
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignRight)),
            [(10.0, 0.0), (50.0, 100.0)]
        );
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignTop)),
            [(10.0, 0.0), (40.0, 0.0)]
        );
        // bottoms at 130
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignBottom)),
            [(10.0, 80.0), (40.0, 100.0)]
        );
        // the extent is 10…110: centre 60
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignCentres)),
            [(10.0, 0.0), (30.0, 100.0)]
        );
        // the extent is 0…130: middle 65
        assert_eq!(
            xs(arranged(&rects, Arrangement::AlignMiddles)),
            [(10.0, 40.0), (40.0, 50.0)]
        );
    }

    #[test]
    fn distribute_leaves_equal_gaps_and_keeps_the_outer_ones() {
        // widths 100, 50, 100 from 0 to 400: 150 free, gaps of 75; the middle one is listed last
        let rects = [
            r(0.0, 0.0, 100.0, 10.0),
            r(300.0, 0.0, 100.0, 10.0),
            r(120.0, 5.0, 50.0, 10.0),
        ];
        let out = arranged(&rects, Arrangement::DistributeHorizontally);
        assert_eq!(out[0], rects[0]);
        assert_eq!(out[1], rects[1]);
        assert_eq!(out[2], r(175.0, 5.0, 50.0, 10.0));
        let tall = [
            r(0.0, 0.0, 10.0, 20.0),
            r(0.0, 30.0, 10.0, 20.0),
            r(0.0, 200.0, 10.0, 20.0),
        ];
        let out = arranged(&tall, Arrangement::DistributeVertically);
        assert_eq!(out[1].y, 100.0);
    }

    #[test]
    fn plans_need_enough_zones_and_are_one_step() {
        let zone = |id: u32, x: f32| {
            Zone::new(
                ZoneId(id),
                format!("Z{id}"),
                ZoneKind::Control,
                r(x, x, 100.0, 80.0),
            )
        };
        let p = Project {
            zones: vec![zone(1, 0.0), zone(2, 50.0), zone(3, 300.0)],
            ..Project::default()
        };
        let sel = |ids: &[u32]| -> Selection {
            ids.iter().map(|i| ElementRef::Zone(ZoneId(*i))).collect()
        };
        assert!(matches!(
            plan_arrangement(&p, &sel(&[1]), Arrangement::AlignLeft),
            Err(NoPlan::Refused(_))
        ));
        assert!(matches!(
            plan_arrangement(&p, &sel(&[1, 2]), Arrangement::DistributeVertically),
            Err(NoPlan::Refused(_))
        ));
        let plan = plan_arrangement(&p, &sel(&[1, 2, 3]), Arrangement::AlignTop);
        let Ok(plan) = plan else {
            panic!("a plan: {plan:?}")
        };
        assert_eq!(plan.label, "Align top edges (3 zones)");
        let Edit::Batch(edits) = &plan.edit else {
            panic!("one batch")
        };
        // zone 1 is already at the top
        assert_eq!(edits.len(), 2);
        assert!(edits.contains(&Edit::SetZoneRect {
            id: ZoneId(3),
            rect: r(300.0, 0.0, 100.0, 80.0)
        }));
    }
}

#[cfg(test)]
mod purdue_tests {
    use crate::command::arrange::Arrangement;
    use crate::command::{Action, NoPlan, Selection, plan};
    use crate::model::{purdue, purdue_layout};

    /// The refinery arranged by Purdue level: every zone with a level lies wholly below every
    /// zone of a higher level, nothing overlaps, and it is one edit whose inverse restores it.
    #[test]
    fn the_refinery_arranged_by_purdue_level_reads_top_down() {
        let sample = crate::samples::find("refinery").expect("sample");
        let project = crate::file::from_str(sample.text).expect("loads");
        let catalog = crate::catalog::Catalog::embedded();
        let action = Action::Arrange(Arrangement::ByPurdueLevel);
        let p = plan(&action, &project, &Selection::default(), catalog).expect("a plan");
        let mut after = project.clone();
        let inverse = p.edit.clone().apply(&mut after).expect("applies");
        for a in &after.zones {
            for b in &after.zones {
                if a.id == b.id {
                    continue;
                }
                let overlap = a.rect.x < b.rect.x + b.rect.w
                    && b.rect.x < a.rect.x + a.rect.w
                    && a.rect.y < b.rect.y + b.rect.h
                    && b.rect.y < a.rect.y + a.rect.h;
                assert!(!overlap, "{} overlaps {}", a.name, b.name);
                if let (Some(la), Some(lb)) =
                    (purdue_layout::zone_level(a), purdue_layout::zone_level(b))
                    && la > lb
                {
                    assert!(
                        a.rect.y + a.rect.h <= b.rect.y,
                        "{} ({la:?}) is not above {} ({lb:?})",
                        a.name,
                        b.name
                    );
                }
            }
        }
        // the bands drawn from the arranged zones do not overlap each other's zones
        assert!(!purdue::bands(&after).is_empty());
        // one undo step restores every rectangle
        inverse.apply(&mut after).expect("undoes");
        assert_eq!(after, project);
        // arranged again: nothing to do
        let mut again = project.clone();
        p.edit.apply(&mut again).expect("applies");
        assert!(matches!(
            plan(&action, &again, &Selection::default(), catalog),
            Err(NoPlan::Nothing)
        ));
    }
}
