//! The assets of a zone or conduit grouped by component type — "PLC × 42" with the group's
//! weakest SL-C — for drawings too small to give each asset a chip of its own.

use super::components::{AssetCapability, group_capability};
use crate::catalog::Catalog;
use crate::model::{Asset, MaybeLevels};
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
pub fn asset_groups(
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
}
