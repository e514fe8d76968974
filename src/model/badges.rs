//! The short marks conduit controls are drawn with on the conduit line (canvas, PDF drawing,
//! SVG): "FW" for a firewall, "1→" for a data diode, and so on. Display text only.

/// At most this many control badges are drawn on one conduit; the rest are counted ("+2").
pub const MAX_BADGES: usize = 4;

/// The badge text of the catalog control `id`; an unknown control gets the first letters of
/// its id in capitals.
pub(crate) fn control_badge(id: &str) -> String {
    let known = match id {
        "stateful_firewall" => "FW",
        "dpi_firewall" => "DPI",
        "unidirectional_gateway" => "1→",
        "vpn" => "VPN",
        "jump_host" => "JH",
        "mfa" => "MFA",
        "ids_monitoring" => "IDS",
        "protocol_break" => "PB",
        "allow_list" => "AL",
        "encryption" => "ENC",
        "session_recording" => "REC",
        "time_limited_access" => "TL",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let letters: String = id
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".to_owned()
    } else {
        letters
    }
}

/// The badges drawn for `controls`: at most [`MAX_BADGES`], the last one "+n" when there are
/// more.
pub(crate) fn control_badges(controls: &[String]) -> Vec<String> {
    if controls.len() <= MAX_BADGES {
        return controls.iter().map(|c| control_badge(c)).collect();
    }
    let mut out: Vec<String> = controls[..MAX_BADGES - 1]
        .iter()
        .map(|c| control_badge(c))
        .collect();
    out.push(format!("+{}", controls.len() - (MAX_BADGES - 1)));
    out
}

/// Badge height in scene units.
pub const BADGE_H: f32 = 16.0;

/// Where the badges of `controls` go on the conduit from `a` to `b` (scene units): a row
/// centred at 80 % of the way (the label sits at 55 %, a boundary device at 25 %), each with
/// its text.
pub(crate) fn badge_row(
    a: (f32, f32),
    b: (f32, f32),
    controls: &[String],
) -> Vec<(super::Rect, String)> {
    let texts = control_badges(controls);
    let width = |t: &str| 8.0 + 7.5 * t.chars().count() as f32;
    let gap = 3.0;
    let total: f32 =
        texts.iter().map(|t| width(t)).sum::<f32>() + gap * texts.len().saturating_sub(1) as f32;
    let (cx, cy) = (a.0 + (b.0 - a.0) * 0.8, a.1 + (b.1 - a.1) * 0.8);
    let mut x = cx - total / 2.0;
    texts
        .into_iter()
        .map(|t| {
            let w = width(&t);
            let r = super::Rect::new(x, cy - BADGE_H / 2.0, w, BADGE_H);
            x += w + gap;
            (r, t)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalog_control_has_its_own_badge() {
        let catalog = crate::catalog::Catalog::embedded();
        let mut seen = std::collections::HashSet::new();
        for c in &catalog.controls {
            let b = control_badge(&c.id);
            assert!(b.chars().count() <= 3, "{b}");
            assert!(seen.insert(b.clone()), "{} shares the badge {b}", c.id);
        }
        assert_eq!(control_badge("custom_thing"), "CUS");
        assert_eq!(control_badge("__"), "?");
    }

    #[test]
    fn many_controls_end_in_a_count() {
        let ids: Vec<String> = ["vpn", "mfa", "jump_host", "allow_list", "encryption"]
            .map(String::from)
            .to_vec();
        assert_eq!(control_badges(&ids), ["VPN", "MFA", "JH", "+2"]);
        assert_eq!(control_badges(&ids[..2]), ["VPN", "MFA"]);
    }

    #[test]
    fn the_badge_row_is_centred_at_four_fifths_of_the_conduit() {
        let row = badge_row((0.0, 0.0), (100.0, 50.0), &["vpn".into(), "mfa".into()]);
        assert_eq!(row.len(), 2);
        let (l, r) = (row[0].0, row[1].0);
        let centre = (l.x + r.x + r.w) / 2.0;
        assert!((centre - 80.0).abs() < 1e-3 && (l.y + BADGE_H / 2.0 - 40.0).abs() < 1e-3);
        assert!(l.x + l.w < r.x, "side by side");
        assert!(badge_row((0.0, 0.0), (1.0, 1.0), &[]).is_empty());
    }
}
