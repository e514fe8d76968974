//! The assets of a zone or conduit grouped by component type — "PLC × 42" with the group's
//! weakest SL-C — for drawings too small to give each asset a chip of its own.

use super::components::{AssetCapability, group_capability};
use crate::catalog::Catalog;
use crate::model::{Asset, MaybeLevels, format_levels};
use serde::Serialize;

/// The assets of one component type in one zone or conduit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetGroup {
    /// The component type's id.
    pub component: String,
    /// Its short code ("PLC", "HMI"), as asset tags start with.
    pub code: String,
    pub count: usize,
    /// The weakest SL-C per FR of the group's assets (`None` where one of them is unknown).
    pub sl_c: MaybeLevels,
}

impl AssetGroup {
    /// "PLC × 42".
    pub fn label(&self) -> String {
        format!("{} × {}", self.code, self.count)
    }
}

/// `assets` grouped by component type, largest group first (then by code); `caps` is parallel
/// to `assets`.
pub(crate) fn asset_groups(
    assets: &[Asset],
    caps: &[&AssetCapability],
    catalog: &Catalog,
) -> Vec<AssetGroup> {
    // a handful of types per zone: a linear search beats hashing
    let mut members: Vec<(&str, Vec<&AssetCapability>)> = Vec::new();
    for (a, cap) in assets.iter().zip(caps) {
        match members.iter_mut().find(|(c, _)| *c == a.component) {
            Some((_, list)) => list.push(cap),
            None => members.push((a.component.as_str(), vec![*cap])),
        }
    }
    let mut groups: Vec<AssetGroup> = members
        .into_iter()
        .map(|(component, caps)| AssetGroup {
            component: component.to_owned(),
            code: catalog.short_code(component),
            count: caps.len(),
            sl_c: group_capability(&caps).0,
        })
        .collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    groups
}

/// The lines a zone too small for chips gives its assets within `rows` rows: the count, then a
/// line per component type ("PLC × 42 · SL-C 1"), the last saying how many types are left out
/// when not all fit; just the count when no type line fits beside it.
pub(crate) fn summary_lines(groups: &[AssetGroup], assets: usize, rows: usize) -> Vec<String> {
    if rows == 0 {
        return Vec::new();
    }
    let count = crate::count_of(assets, "asset", "assets");
    let room = rows - 1;
    let shown = if groups.len() <= room {
        groups.len()
    } else if room >= 2 {
        room - 1
    } else {
        0
    };
    let mut lines = vec![count];
    for g in &groups[..shown] {
        lines.push(format!(
            "{} · SL-C {}",
            g.label(),
            uniform_or_vector(&g.sl_c)
        ));
    }
    if shown > 0 && shown < groups.len() {
        let rest: usize = groups[shown..].iter().map(|g| g.count).sum();
        lines.push(format!(
            "+ {} ({})",
            crate::count_of(groups.len() - shown, "more type", "more types"),
            crate::count_of(rest, "asset", "assets")
        ));
    }
    lines
}

/// "1" when every FR has the same level, else the vector; "–" where nothing is known.
pub(crate) fn uniform_or_vector(l: &MaybeLevels) -> String {
    match l[0] {
        Some(n) if l.iter().all(|x| *x == Some(n)) => n.to_string(),
        None if l.iter().all(Option::is_none) => "–".to_owned(),
        _ => format_levels(l),
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::model::{Asset, AssetId, Rect, Zone, ZoneId, ZoneKind};

    /// Three PLCs (typical SL-C (1,1,1,0,1,1,1)), one of them certified higher, two DCS
    /// controllers ((2,2,2,1,2,1,2)) and one type the catalog does not know: groups PLC × 3,
    /// DCS × 2, MYBOX × 1 — the PLCs' weakest SL-C is the typical one, the unknown type's
    /// SL-C is unknown in every FR.
    #[test]
    fn groups_by_type_largest_first_with_the_weakest_sl_c() {
        let mut z = Zone::new(
            ZoneId(1),
            "Z",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 400.0, 200.0),
        );
        for (i, c) in [
            "plc",
            "dcs_controller",
            "plc",
            "my_box",
            "dcs_controller",
            "plc",
        ]
        .iter()
        .enumerate()
        {
            z.assets
                .push(Asset::new(AssetId(i as u32 + 1), format!("A{i}"), *c));
        }
        let mut p = crate::model::Project::default();
        p.zones.push(z);
        let a = crate::analysis::assess(&p, Catalog::embedded());
        let g = &a.zones[0].asset_groups;
        let shown: Vec<String> = g.iter().map(|g| g.label()).collect();
        assert_eq!(shown, ["PLC × 3", "DCS × 2", "MYBOX × 1"]);
        assert_eq!(
            g[0].sl_c,
            [
                Some(1),
                Some(1),
                Some(1),
                Some(0),
                Some(1),
                Some(1),
                Some(1)
            ]
        );
        assert_eq!(
            g[1].sl_c,
            [
                Some(2),
                Some(2),
                Some(2),
                Some(1),
                Some(2),
                Some(1),
                Some(2)
            ]
        );
        assert_eq!(g[2].sl_c, [None; 7]);
        assert_eq!(g[2].component, "my_box");
    }

    fn group(code: &str, count: usize, sl: u8) -> super::AssetGroup {
        super::AssetGroup {
            component: code.to_lowercase(),
            code: code.into(),
            count,
            sl_c: [Some(sl); 7],
        }
    }

    /// 3 types (72 + 20 + 8 = 100 assets): with 4 rows, the count and every type; with 3 rows,
    /// the count, the largest type and "+ 2 more types (28 assets)"; with 2 rows only the
    /// count (one type line would leave nothing but "+ n more"); none with 0 rows.
    #[test]
    fn summary_lines_fill_the_rows_they_are_given() {
        let g = [group("PLC", 72, 1), group("HMI", 20, 2), group("SW", 8, 2)];
        assert_eq!(
            super::summary_lines(&g, 100, 4),
            [
                "100 assets",
                "PLC × 72 · SL-C 1",
                "HMI × 20 · SL-C 2",
                "SW × 8 · SL-C 2"
            ]
        );
        assert_eq!(
            super::summary_lines(&g, 100, 3),
            [
                "100 assets",
                "PLC × 72 · SL-C 1",
                "+ 2 more types (28 assets)"
            ]
        );
        assert_eq!(super::summary_lines(&g, 100, 2), ["100 assets"]);
        assert!(super::summary_lines(&g, 100, 0).is_empty());
        let mut mixed = group("PLC", 1, 1);
        mixed.sl_c[3] = Some(0);
        mixed.sl_c[6] = None;
        assert_eq!(super::uniform_or_vector(&mixed.sl_c), "(1,1,1,0,1,1,–)");
    }
}
