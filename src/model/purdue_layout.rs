//! Arranging zones in Purdue rows, without egui: one row per level (Level 5 at the top, the
//! Level 3.5 DMZ between 4 and 3, Level 0 at the bottom, zones with no level last), zones in a
//! row ordered so that conduits run short and cross little. "Arrange by Purdue level" and the
//! inventory import (for the zones it creates) both place zones with [`rows_by_level`].
//!
//! The order within a row is the barycentre heuristic of layered drawing: a zone sits at the
//! mean position of the zones it has conduits to in the rows already placed (two sweeps, top
//! down then bottom up); a zone without such neighbours keeps its place in the current order
//! (its position from left to right before the arrangement).

use super::network::PurdueLevel;
use super::{Project, Rect, ZoneId, purdue};

/// Horizontal gap between zones in a row, in scene units.
pub const GAP_X: f32 = 60.0;
/// Vertical gap between rows, in scene units (room for the conduits' labels).
pub const GAP_Y: f32 = 140.0;

/// One zone to place: its level (none: the last row), its size and its current centre x (the
/// tie-break that keeps the user's left-to-right order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub level: Option<PurdueLevel>,
    pub w: f32,
    pub h: f32,
    pub x: f32,
}

/// The level a zone is arranged at: the one its kind suggests, else the level most of its
/// assets were given (an inventory's Purdue column; the higher level on a tie), else none.
pub fn zone_level(z: &super::Zone) -> Option<PurdueLevel> {
    if let Some(l) = purdue::level_of(z.kind) {
        return Some(l);
    }
    let mut counts = [0usize; 7];
    for a in &z.assets {
        if let Some(l) = a.network.purdue_level {
            counts[rank(l)] += 1;
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (*n > 0).then(|| PurdueLevel::ALL[6 - best])
}

/// Row index of a level: Level 5 is 0, Level 0 is 6.
fn rank(l: PurdueLevel) -> usize {
    6 - PurdueLevel::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

/// How wide a row may grow before it wraps: a block about 1.6 times as wide as high (a
/// laptop screen), never narrower than the widest zone or 2,400 units.
pub(crate) fn block_width(items: &[Item]) -> f32 {
    let area: f32 = items.iter().map(|i| (i.w + GAP_X) * (i.h + GAP_Y)).sum();
    let widest = items.iter().map(|i| i.w).fold(0.0, f32::max);
    (area * 1.6).sqrt().max(widest).max(2_400.0)
}

/// The rectangles of `items` (same order) in rows by level, top-left of the block at
/// (`left`, `top`), each row centred on the widest; a level wider than `max_width` wraps onto
/// more rows. `links` are the index pairs joined by conduits. Positions are rounded to whole
/// grid units (10).
pub(crate) fn rows_by_level(
    items: &[Item],
    links: &[(usize, usize)],
    left: f32,
    top: f32,
    max_width: f32,
) -> Vec<Rect> {
    // rows top to bottom, each in its current left-to-right order
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); 8];
    for (i, it) in items.iter().enumerate() {
        rows[it.level.map_or(7, rank)].push(i);
    }
    rows.retain(|r| !r.is_empty());
    for r in &mut rows {
        r.sort_by(|a, b| items[*a].x.total_cmp(&items[*b].x).then(a.cmp(b)));
    }
    // neighbours of each zone (bounded by the conduits given)
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for &(a, b) in links {
        if a < items.len() && b < items.len() && a != b {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let mut row_of = vec![0usize; items.len()];
    for (k, r) in rows.iter().enumerate() {
        for &i in r {
            row_of[i] = k;
        }
    }
    // position of each zone within its row, 0..1
    let mut pos = vec![0.0f32; items.len()];
    let place = |rows: &[Vec<usize>], pos: &mut [f32]| {
        for r in rows {
            for (j, &i) in r.iter().enumerate() {
                pos[i] = (j as f32 + 0.5) / r.len() as f32;
            }
        }
    };
    place(&rows, &mut pos);
    let sweep = |k: usize, from_above: bool, rows: &mut [Vec<usize>], pos: &mut [f32]| {
        let key = |i: usize| {
            let near: Vec<f32> = neighbours[i]
                .iter()
                .filter(|n| {
                    if from_above {
                        row_of[**n] < k
                    } else {
                        row_of[**n] > k
                    }
                })
                .map(|n| pos[*n])
                .collect();
            if near.is_empty() {
                pos[i]
            } else {
                near.iter().sum::<f32>() / near.len() as f32
            }
        };
        let mut keyed: Vec<(f32, f32, usize)> =
            rows[k].iter().map(|&i| (key(i), pos[i], i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        rows[k] = keyed.into_iter().map(|(_, _, i)| i).collect();
        let n = rows[k].len() as f32;
        for (j, &i) in rows[k].iter().enumerate() {
            pos[i] = (j as f32 + 0.5) / n;
        }
    };
    for k in 1..rows.len() {
        sweep(k, true, &mut rows, &mut pos);
    }
    for k in (0..rows.len().saturating_sub(1)).rev() {
        sweep(k, false, &mut rows, &mut pos);
    }
    // a level too wide for the block wraps onto more rows, in its order (closer together than
    // rows of different levels: no conduit runs between them)
    let rows: Vec<(bool, Vec<usize>)> = rows
        .into_iter()
        .flat_map(|r| {
            let mut lines: Vec<Vec<usize>> = vec![Vec::new()];
            let mut w = 0.0f32;
            for i in r {
                let add = items[i].w + GAP_X;
                if let Some(line) = lines.last_mut() {
                    if !line.is_empty() && w + items[i].w > max_width {
                        lines.push(vec![i]);
                        w = add;
                    } else {
                        line.push(i);
                        w += add;
                    }
                }
            }
            lines
                .into_iter()
                .enumerate()
                .map(|(k, line)| (k > 0, line))
                .collect::<Vec<_>>()
        })
        .collect();
    // coordinates: rows centred on the widest
    let width = |r: &Vec<usize>| {
        r.iter().map(|i| items[*i].w).sum::<f32>() + GAP_X * r.len().saturating_sub(1) as f32
    };
    let widest = rows.iter().map(|(_, r)| width(r)).fold(0.0, f32::max);
    let snap = |v: f32| (v / 10.0).round() * 10.0;
    let mut out = vec![Rect::new(0.0, 0.0, 0.0, 0.0); items.len()];
    let mut y = top;
    for (k, (wrapped, r)) in rows.iter().enumerate() {
        if k > 0 {
            y += if *wrapped { GAP_X } else { GAP_Y };
        }
        let mut x = left + (widest - width(r)) / 2.0;
        let mut row_h = 0.0f32;
        for &i in r {
            out[i] = Rect::new(snap(x), snap(y), items[i].w, items[i].h);
            x += items[i].w + GAP_X;
            row_h = row_h.max(items[i].h);
        }
        y += row_h;
    }
    out
}

/// Every zone of `project` arranged in Purdue rows from the top left of the drawing: the new
/// rectangle of each zone, by id, in project order.
pub(crate) fn arrange_project(project: &Project) -> Vec<(ZoneId, Rect)> {
    let items: Vec<Item> = project
        .zones
        .iter()
        .map(|z| Item {
            level: zone_level(z),
            w: z.rect.w,
            h: z.rect.h,
            x: z.rect.x + z.rect.w / 2.0,
        })
        .collect();
    let index: std::collections::HashMap<ZoneId, usize> = project
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id, i))
        .collect();
    let links: Vec<(usize, usize)> = project
        .conduits
        .iter()
        .filter_map(|c| Some((*index.get(&c.from)?, *index.get(&c.to)?)))
        .collect();
    let (left, top) = project
        .zones
        .iter()
        .map(|z| z.rect)
        .reduce(|a, b| a.union(&b))
        .map_or((0.0, 0.0), |b| (b.x, b.y));
    let rects = rows_by_level(&items, &links, left, top, block_width(&items));
    project.zones.iter().map(|z| z.id).zip(rects).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(level: Option<PurdueLevel>, x: f32) -> Item {
        Item {
            level,
            w: 200.0,
            h: 100.0,
            x,
        }
    }

    #[test]
    fn rows_run_from_level_5_to_no_level_centred_on_the_widest() {
        use PurdueLevel::*;
        let items = [
            item(Some(Level2), 0.0),
            item(None, 0.0),
            item(Some(Level4), 0.0),
            item(Some(Dmz), 0.0),
            item(Some(Level2), 500.0),
        ];
        let r = rows_by_level(&items, &[], 0.0, 0.0, 10_000.0);
        // rows: Level 4 (y 0), DMZ (240), Level 2 (480, two zones), none (720)
        assert_eq!(
            (r[2].y, r[3].y, r[0].y, r[4].y, r[1].y),
            (0.0, 240.0, 480.0, 480.0, 720.0)
        );
        // the Level 2 row is 200 + 60 + 200 = 460 wide; the others are centred on it: 130
        assert_eq!((r[0].x, r[4].x), (0.0, 260.0));
        assert_eq!((r[2].x, r[3].x, r[1].x), (130.0, 130.0, 130.0));
    }

    #[test]
    fn a_level_wider_than_the_block_wraps() {
        // five zones of 200 at Level 2 in 700 units: 200 + 60 + 200 = 460 fits, a third
        // (720) does not; rows of 2, 2, 1, 60 apart (wrapped rows of one level)
        let items = [item(Some(PurdueLevel::Level2), 0.0); 5];
        let r = rows_by_level(&items, &[], 0.0, 0.0, 700.0);
        let ys: Vec<f32> = r.iter().map(|r| r.y).collect();
        assert_eq!(ys, [0.0, 0.0, 160.0, 160.0, 320.0]);
        assert_eq!((r[0].x, r[1].x, r[4].x), (0.0, 260.0, 130.0));
    }

    #[test]
    fn zones_sit_under_the_zones_they_talk_to() {
        use PurdueLevel::*;
        // top row: A (left), B (right); bottom row in the order b-child, a-child
        let items = [
            item(Some(Level3), 0.0),
            item(Some(Level3), 1_000.0),
            item(Some(Level2), 0.0),
            item(Some(Level2), 1_000.0),
        ];
        // A—3, B—2: crossing in the current order; arranged, 3 goes left and 2 right
        let r = rows_by_level(&items, &[(0, 3), (1, 2)], 0.0, 0.0, 10_000.0);
        assert!(r[3].x < r[2].x, "{r:?}");
        assert!(r[0].x < r[1].x, "the top row keeps its order");
    }

    #[test]
    fn a_zone_takes_the_level_of_most_of_its_assets_when_its_kind_has_none() {
        use crate::model::{Asset, AssetId, Zone, ZoneKind};
        let mut z = Zone::new(
            ZoneId(1),
            "Cell",
            ZoneKind::Other,
            Rect::new(0.0, 0.0, 1.0, 1.0),
        );
        assert_eq!(zone_level(&z), None);
        for (i, l) in [
            PurdueLevel::Level1,
            PurdueLevel::Level2,
            PurdueLevel::Level1,
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = Asset::new(AssetId(i as u32 + 1), "x", "plc");
            a.network.purdue_level = Some(l);
            z.assets.push(a);
        }
        assert_eq!(zone_level(&z), Some(PurdueLevel::Level1));
        z.kind = ZoneKind::Dmz;
        assert_eq!(zone_level(&z), Some(PurdueLevel::Dmz));
    }
}
