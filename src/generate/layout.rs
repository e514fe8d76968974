//! The generator's layout: zone positions per site and Purdue row, without overlap, sites
//! packed into a landscape block.

use super::plan::{ROWS, ZonePlan};
use crate::model::Rect;

/// Chip columns for a zone of `n` assets: roughly 3 rows per column, at most 12 columns.
pub(super) fn columns_for(n: usize) -> usize {
    let mut c = 1;
    while c < 12 && c * c * 3 < n {
        c += 1;
    }
    c
}

pub(super) const GAP_X: f32 = 140.0;
pub(super) const GAP_Y: f32 = 160.0;
pub(super) const SITE_GAP: f32 = 400.0;

/// Places every zone: per site, Purdue rows top to bottom, the site-wide zones centred above
/// their process units, units side by side; sites packed in shelves into a landscape block.
pub(super) fn layout(plan: &[ZonePlan], sizes: &[(f32, f32)]) -> Vec<Rect> {
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let mut rects = vec![Rect::new(0.0, 0.0, 1.0, 1.0); plan.len()];
    // per site: (zone index, rectangle relative to the site), width, height
    type Block = (Vec<(usize, Rect)>, f32, f32);
    let mut blocks: Vec<Block> = Vec::with_capacity(sites);
    for site in 0..sites {
        let members: Vec<usize> = (0..plan.len()).filter(|&i| plan[i].site == site).collect();
        let units = members
            .iter()
            .filter_map(|&i| plan[i].unit)
            .max()
            .map_or(0, |u| u + 1);
        // group 0 = site-wide zones, 1 + u = unit u
        let group = |i: usize| plan[i].unit.map_or(0, |u| u + 1);
        let mut row_h = [0.0f32; ROWS];
        for &i in &members {
            let r = plan[i].row();
            row_h[r] = row_h[r].max(sizes[i].1);
        }
        let mut row_y = [0.0f32; ROWS];
        let mut y = 0.0;
        for r in 0..ROWS {
            row_y[r] = y;
            if row_h[r] > 0.0 {
                y += row_h[r] + GAP_Y;
            }
        }
        let height = (y - GAP_Y).max(0.0);
        // width of each (group, row) cell: zones side by side
        let mut cell_w = vec![[0.0f32; ROWS]; units + 1];
        for &i in &members {
            let cell = &mut cell_w[group(i)][plan[i].row()];
            *cell += sizes[i].0 + if *cell > 0.0 { GAP_X } else { 0.0 };
        }
        let group_w: Vec<f32> = cell_w
            .iter()
            .map(|rows| rows.iter().copied().fold(0.0, f32::max))
            .collect();
        let units_w: f32 = group_w[1..].iter().map(|w| w + GAP_X).sum::<f32>() - GAP_X;
        let units_w = units_w.max(0.0);
        let header_w = group_w[0];
        let width = units_w.max(header_w);
        let mut group_x = vec![0.0f32; units + 1];
        group_x[0] = (width - header_w) / 2.0;
        let mut x = (width - units_w) / 2.0;
        for g in 1..=units {
            group_x[g] = x;
            x += group_w[g] + GAP_X;
        }
        let mut cursor = vec![[0.0f32; ROWS]; units + 1];
        let mut placed = Vec::with_capacity(members.len());
        for &i in &members {
            let (g, r) = (group(i), plan[i].row());
            let rect = Rect::new(group_x[g] + cursor[g][r], row_y[r], sizes[i].0, sizes[i].1);
            cursor[g][r] += sizes[i].0 + GAP_X;
            placed.push((i, rect));
        }
        blocks.push((placed, width, height));
    }
    let area: f32 = blocks
        .iter()
        .map(|(_, w, h)| (w + SITE_GAP) * (h + SITE_GAP))
        .sum();
    let target_w = (area * 16.0 / 9.0).sqrt();
    let (mut x, mut y, mut shelf_h) = (0.0f32, 0.0f32, 0.0f32);
    for (placed, w, h) in blocks {
        if x > 0.0 && x + w > target_w {
            x = 0.0;
            y += shelf_h + SITE_GAP;
            shelf_h = 0.0;
        }
        for (i, r) in placed {
            rects[i] = Rect::new(x + r.x, y + r.y, r.w, r.h);
        }
        x += w + SITE_GAP;
        shelf_h = shelf_h.max(h);
    }
    rects
}
