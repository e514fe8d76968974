//! Which zone an imported device goes to (the rules, in the user's order) and where zones
//! created by an import are placed: below everything, in rows, without overlap, each sized to
//! hold its assets.

use super::rows::Device;
use crate::model::layout::{CHIP_GAP, CHIP_H, CHIP_W, HEADER_H, zone_size_for};
use crate::model::network::{ImportSettings, PurdueLevel, ZoneRule};
use crate::model::{Rect, ZoneKind};

/// The zone of devices no rule placed.
pub const UNASSIGNED: &str = "Unassigned (imported)";

/// The zone name for one device: the first rule that gives one, else [`UNASSIGNED`].
pub fn zone_for(d: &Device, settings: &ImportSettings) -> String {
    for rule in &settings.rules {
        if let Some(z) = apply(*rule, d, settings) {
            return z;
        }
    }
    UNASSIGNED.to_owned()
}

fn apply(rule: ZoneRule, d: &Device, s: &ImportSettings) -> Option<String> {
    let n = &d.network;
    match rule {
        ZoneRule::ZoneColumn => (!d.zone.is_empty()).then(|| d.zone.clone()),
        ZoneRule::Subnet => s
            .subnets
            .iter()
            .find(|z| n.ip_addresses.iter().any(|ip| z.subnet.contains(ip)))
            .map(|z| z.zone.clone()),
        ZoneRule::Vlan => n.vlan.map(|v| {
            s.vlans
                .iter()
                .find(|z| z.vlan == v)
                .map_or_else(|| format!("VLAN {v}"), |z| z.zone.clone())
        }),
        ZoneRule::PurdueLevel => n.purdue_level.map(|l| {
            s.levels
                .iter()
                .find(|z| z.level == l)
                .map_or_else(|| l.label().to_owned(), |z| z.zone.clone())
        }),
    }
}

/// The kind of a created zone: what its name says ("Historian DMZ", "SIS", "Office IT"),
/// else its devices' Purdue level, else Other. The name wins: whoever named the zone said what
/// it is, while the first device's level may be wrong or mixed.
pub fn kind_for(name: &str, level: Option<PurdueLevel>) -> ZoneKind {
    if let Some(k) = kind_named(name) {
        return k;
    }
    match level {
        Some(PurdueLevel::Level0) => ZoneKind::Field,
        Some(PurdueLevel::Level1) => ZoneKind::Control,
        Some(PurdueLevel::Level2 | PurdueLevel::Level3) => ZoneKind::Supervisory,
        Some(PurdueLevel::Dmz) => ZoneKind::Dmz,
        Some(PurdueLevel::Level4 | PurdueLevel::Level5) => ZoneKind::Enterprise,
        None => ZoneKind::Other,
    }
}

/// The kind a zone's name states, if it states one.
fn kind_named(name: &str) -> Option<ZoneKind> {
    let n = name.to_lowercase();
    let has = |k: &str| n.split(|c: char| !c.is_alphanumeric()).any(|w| w == k);
    Some(if has("dmz") {
        ZoneKind::Dmz
    } else if has("sis") || n.contains("safety") {
        ZoneKind::Safety
    } else if n.contains("enterprise") || n.contains("office") || has("it") {
        ZoneKind::Enterprise
    } else if n.contains("field") {
        ZoneKind::Field
    } else if n.contains("control") || has("bpcs") {
        ZoneKind::Control
    } else if n.contains("scada") || n.contains("supervis") {
        ZoneKind::Supervisory
    } else if n.contains("wireless") || has("wlan") {
        ZoneKind::Wireless
    } else if n.contains("remote") {
        ZoneKind::RemoteAccess
    } else {
        return None;
    })
}

/// Columns of chips for a zone of `count` assets: roughly twice as wide as high.
pub fn columns_for(count: usize) -> usize {
    let mut c = 1;
    while c < 32 && c * c < count.div_ceil(2) {
        c += 1;
    }
    c
}

/// A zone rectangle at (`x`, `y`) that holds `count` chips.
pub fn rect_for(x: f32, y: f32, count: usize) -> Rect {
    let (w, h) = zone_size_for(count, columns_for(count));
    Rect::new(x, y, w, h)
}

/// The rectangle of an existing zone grown (never shrunk) to hold `count` chips at its width.
pub fn grown(r: Rect, count: usize) -> Rect {
    let columns = (((r.w - CHIP_GAP) / (CHIP_W + CHIP_GAP)).floor() as i64).max(1) as usize;
    let rows = count.div_ceil(columns).max(1);
    let h = HEADER_H + CHIP_GAP + rows as f32 * (CHIP_H + CHIP_GAP);
    Rect::new(r.x, r.y, r.w, r.h.max(h))
}

/// Gap between zones placed by an import.
pub const ZONE_GAP: f32 = 60.0;
/// Rows of created zones are at least this wide (a few small zones stay side by side).
pub const MIN_ROW_WIDTH: f32 = 2_400.0;
/// The shape aimed at for the block of created zones: width over height of a laptop screen.
const ASPECT: f32 = 1.6;

/// How wide the rows of created zones may grow: wide enough for the widest zone and for a
/// block about [`ASPECT`] times as wide as it is high (so many big zones do not end up in one
/// tall column), never less than [`MIN_ROW_WIDTH`].
pub fn row_width(sizes: &[(f32, f32)]) -> f32 {
    let area: f32 = sizes
        .iter()
        .map(|(w, h)| (w + ZONE_GAP) * (h + ZONE_GAP))
        .sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    (area * ASPECT).sqrt().max(widest).max(MIN_ROW_WIDTH)
}

/// Places zones of the given chip counts below `below` (the bottom of the drawing), left to
/// right in rows of about [`row_width`]; returns their rectangles, which overlap neither each other
/// nor anything above.
pub fn place_new(counts: &[usize], left: f32, below: f32) -> Vec<Rect> {
    let sizes: Vec<(f32, f32)> = counts
        .iter()
        .map(|&n| {
            let r = rect_for(0.0, 0.0, n);
            (r.w, r.h)
        })
        .collect();
    let width = row_width(&sizes);
    let mut out = Vec::with_capacity(counts.len());
    let (mut x, mut y, mut row_h) = (left, below + ZONE_GAP, 0.0f32);
    for &(w, h) in &sizes {
        // a zone starts a new row when more than half of it would stick out
        if x > left && x + w / 2.0 > left + width {
            x = left;
            y += row_h + ZONE_GAP;
            row_h = 0.0;
        }
        out.push(Rect::new(x, y, w, h));
        x += w + ZONE_GAP;
        row_h = row_h.max(h);
    }
    out
}

/// Moves zones down so that none overlaps a zone that grew (`grew[i]`), keeping each one's x;
/// zones that overlapped before are left as the user drew them.
pub fn push_apart(rects: &mut [Rect], grew: &[bool]) {
    // a zone that was pushed pushes the ones below it in turn
    let mut pushes = grew.to_vec();
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by(|a, b| rects[*a].y.total_cmp(&rects[*b].y));
    for (k, &i) in order.iter().enumerate() {
        // each move can meet another zone further down: repeat until clear (bounded)
        for _ in 0..order.len() {
            let mut moved = false;
            for &j in &order[..k] {
                if !pushes[j] {
                    continue;
                }
                let (a, b) = (rects[j], rects[i]);
                let overlap_x = a.x < b.x + b.w && b.x < a.x + a.w;
                let overlap_y = a.y < b.y + b.h && b.y < a.y + a.h;
                if overlap_x && overlap_y {
                    rects[i].y = a.y + a.h + ZONE_GAP / 2.0;
                    pushes[i] = true;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name says what a zone is, whatever level its first device reports; a name that
    /// says nothing leaves it to the level.
    #[test]
    fn a_zone_named_dmz_safety_or_enterprise_is_that_kind_whatever_the_level() {
        let l2 = Some(PurdueLevel::Level2);
        assert_eq!(kind_for("Historian DMZ", l2), ZoneKind::Dmz);
        assert_eq!(
            kind_for("SIS cell 4", Some(PurdueLevel::Level1)),
            ZoneKind::Safety
        );
        assert_eq!(kind_for("Safety PLCs", l2), ZoneKind::Safety);
        assert_eq!(
            kind_for("Enterprise servers", Some(PurdueLevel::Level0)),
            ZoneKind::Enterprise
        );
        assert_eq!(kind_for("Office IT", l2), ZoneKind::Enterprise);
        assert_eq!(kind_for("Cell 7", l2), ZoneKind::Supervisory);
        assert_eq!(
            kind_for("Cell 7", Some(PurdueLevel::Level0)),
            ZoneKind::Field
        );
        assert_eq!(kind_for("Cell 7", None), ZoneKind::Other);
    }
}
