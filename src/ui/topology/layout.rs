//! Where the zones of the topology go: start positions from the canvas, the force-directed
//! algorithm's setup, turning the drawing wide with untrusted zones left, overlap removal.
//! Pure functions over positions.

use super::*;

pub(super) fn new_layout(zone_count: usize) -> FruchtermanReingoldWithCenterGravity {
    let mut state = FruchtermanReingoldWithCenterGravityState::default();
    state.base.is_running = true;
    // Gentle gravity keeps unconnected zones near the rest without crushing the graph.
    state.extras.0.params.c = if zone_count > 1 { 0.05 } else { 0.0 };
    FruchtermanReingoldWithCenterGravity::from_state(state)
}

/// A first guess of a box size before the fonts are available.
pub(super) fn estimate_size(name: &str) -> Vec2 {
    let chars = name.chars().count().max(1) as f32;
    let width = (chars * LABEL_FONT * 0.55).min(LABEL_WRAP);
    let lines = (chars * LABEL_FONT * 0.55 / LABEL_WRAP).ceil().max(1.0);
    Vec2::new(width, lines * LABEL_FONT * 1.3) + PILL_PADDING * 2.0
}

/// Greedy word wrap: joins words into lines no wider than `max` (a single longer word gets a
/// line of its own).
pub(crate) fn wrap_words(text: &str, max: f32, mut width: impl FnMut(&str) -> f32) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
            continue;
        }
        let candidate = format!("{line} {word}");
        if width(&candidate) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// Starting positions: the zones' canvas centres, normalised to the layout's scale, with a
/// small deterministic offset so that coincident zones can separate.
pub(super) fn seed_positions(project: &Project) -> Vec<Pos2> {
    let centers: Vec<Vec2> = project
        .zones
        .iter()
        .map(|z| {
            let (x, y) = z.rect.center();
            if x.is_finite() && y.is_finite() {
                Vec2::new(x, y)
            } else {
                Vec2::ZERO
            }
        })
        .collect();
    let n = centers.len().max(1) as f32;
    let mean = centers.iter().fold(Vec2::ZERO, |a, c| a + *c) / n;
    let spread = centers
        .iter()
        .map(|c| (*c - mean).length())
        .fold(0.0f32, f32::max)
        .max(1.0);
    let target = IDEAL_EDGE * n.sqrt() / 2.0;
    centers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let jitter =
                Vec2::new(((i * 7) % 13) as f32, ((i * 11) % 17) as f32) - Vec2::splat(7.0);
            ((*c - mean) * (target / spread) + jitter).to_pos2()
        })
        .collect()
}

/// Turns the drawing so that its longest extent is horizontal (the view is a wide bottom dock)
/// and, when there are untrusted and safety zones, so that the untrusted ones are on the left.
pub fn orient(pos: &mut [Pos2], kinds: &[ZoneKind]) {
    if pos.len() < 2 {
        return;
    }
    let n = pos.len() as f32;
    let c = pos.iter().fold(Vec2::ZERO, |a, p| a + p.to_vec2()) / n;
    let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
    for p in pos.iter() {
        let d = p.to_vec2() - c;
        sxx += d.x * d.x;
        syy += d.y * d.y;
        sxy += d.x * d.y;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (sin, cos) = (-angle).sin_cos();
    for p in pos.iter_mut() {
        let d = p.to_vec2() - c;
        *p = Pos2::new(d.x * cos - d.y * sin, d.x * sin + d.y * cos);
    }
    let mean_x = |f: fn(ZoneKind) -> bool| {
        let xs: Vec<f32> = pos
            .iter()
            .zip(kinds)
            .filter(|(_, k)| f(**k))
            .map(|(p, _)| p.x)
            .collect();
        (!xs.is_empty()).then(|| xs.iter().sum::<f32>() / xs.len() as f32)
    };
    if let (Some(u), Some(s)) = (
        mean_x(ZoneKind::is_untrusted),
        mean_x(|k| k == ZoneKind::Safety),
    ) && u > s
    {
        for p in pos.iter_mut() {
            p.x = -p.x;
        }
    }
}

/// Squeezes the drawing vertically (to no less than half) when it is taller than `aspect` allows,
/// so that a fit in a wide, low dock does not shrink everything.
pub fn flatten(pos: &mut [Pos2], aspect: f32) {
    let Some(bounds) = bounds_of(pos) else {
        return;
    };
    let (w, h) = (bounds.width(), bounds.height());
    if h <= f32::EPSILON || w / h >= aspect {
        return;
    }
    let factor = (w / h / aspect).max(0.5);
    let cy = bounds.center().y;
    for p in pos.iter_mut() {
        p.y = cy + (p.y - cy) * factor;
    }
}

pub(super) fn bounds_of(pos: &[Pos2]) -> Option<Rect> {
    let first = pos.first()?;
    Some(pos.iter().fold(Rect::from_min_max(*first, *first), |r, p| {
        r.union(Rect::from_min_max(*p, *p))
    }))
}

/// Pushes apart boxes (centres `pos`, sizes `sizes`) that overlap or come closer than `margin`,
/// along the axis that needs the smaller move.
pub(crate) fn separate_boxes(pos: &mut [Pos2], sizes: &[Vec2], margin: f32) {
    let n = pos.len().min(sizes.len());
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let d = pos[j] - pos[i];
                let need = (sizes[i] + sizes[j]) / 2.0 + Vec2::splat(margin);
                let over = need - d.abs();
                if over.x <= 0.0 || over.y <= 0.0 {
                    continue;
                }
                moved = true;
                // Prefer horizontal moves a little: the view is wide.
                let push = if over.x <= over.y * 1.5 {
                    let s = if d.x >= 0.0 { 1.0 } else { -1.0 };
                    Vec2::new(s * (over.x / 2.0 + 0.5), 0.0)
                } else {
                    let s = if d.y >= 0.0 { 1.0 } else { -1.0 };
                    Vec2::new(0.0, s * (over.y / 2.0 + 0.5))
                };
                let push = if d == Vec2::ZERO {
                    Vec2::new(over.x / 2.0 + 0.5, 0.0)
                } else {
                    push
                };
                pos[i] -= push;
                pos[j] += push;
            }
        }
        if !moved {
            break;
        }
    }
}
