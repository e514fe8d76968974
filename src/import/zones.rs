//! Which zone an imported device goes to (the rules, in the user's order) and where zones
//! created by an import are placed: below everything, in rows, without overlap, each sized to
//! hold its assets.

use super::rows::Device;
use crate::model::layout::zone_size_for;
use crate::model::network::{ImportSettings, PurdueLevel, ZoneRule};
use crate::model::{Rect, ZoneKind};

/// The zone of devices no rule placed.
pub const UNASSIGNED: &str = "Unassigned (imported)";

/// The zone name for one device: the first rule that gives one, else [`UNASSIGNED`].
pub(crate) fn zone_for(d: &Device, settings: &ImportSettings) -> String {
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
pub(crate) fn kind_for(name: &str, level: Option<PurdueLevel>) -> ZoneKind {
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
pub(crate) fn columns_for(count: usize) -> usize {
    let mut c = 1;
    while c < 32 && c * c < count.div_ceil(2) {
        c += 1;
    }
    c
}

/// A zone rectangle at (`x`, `y`) for `count` assets: every chip up to
/// [`layout::CHIPS_UP_TO`](crate::model::layout::CHIPS_UP_TO), else sized for the assets'
/// groups by type (the designer expands it to every chip on request).
pub(crate) fn rect_for(x: f32, y: f32, count: usize) -> Rect {
    let (w, h) = if count > crate::model::layout::CHIPS_UP_TO {
        crate::model::layout::group_zone_size()
    } else {
        zone_size_for(count, columns_for(count))
    };
    Rect::new(x, y, w, h)
}

/// The rectangle of an existing zone grown (never shrunk) to hold `count` chips at its width;
/// a zone already showing groups (too small for its chips) stays as it is.
pub fn grown(r: Rect, count: usize) -> Rect {
    if count > crate::model::layout::CHIPS_UP_TO && crate::model::layout::capacity(&r) < count {
        return r;
    }
    crate::model::layout::grown_to_hold(r, count)
}

/// Gap between zones placed by an import.
pub const ZONE_GAP: f32 = 60.0;

/// Moves zones down so that none overlaps a zone that grew (`grew[i]`), keeping each one's x;
/// zones that overlapped before are left as the user drew them.
pub(crate) fn push_apart(rects: &mut [Rect], grew: &[bool]) {
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
