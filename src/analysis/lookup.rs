//! Lookup tables built once per `assess`: catalog ids through an FxHash map (`rustc-hash`; the keys
//! are the catalog's own ids, so no project file can make the table degenerate), zone and
//! conduit ids through sorted tables. They answer exactly like `Catalog::component`,
//! `Catalog::requirement_position`, `Catalog::control`, `Project::zone` and
//! `Project::zone_index` / `conduit_index`, without SipHash or linear scans.

use crate::catalog::{Catalog, ComponentType, Requirement};
use crate::model::{ConduitId, Project, Zone, ZoneId};
use std::collections::HashMap;

/// Catalog ids through rustc's FxHash: a handful of instructions for the short ids, where
/// SipHash spends most of `assess`.
type IdMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Indexes `items` by key; a later duplicate key wins, as in the catalog's own indexes.
fn index_by<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> IdMap<&'a str, usize> {
    let mut map = IdMap::with_capacity_and_hasher(items.len(), rustc_hash::FxBuildHasher);
    for (i, item) in items.iter().enumerate() {
        map.insert(key(item), i);
    }
    map
}

/// (id, position) sorted by id; the first position of a duplicate id wins, as in a linear
/// search from the start.
fn sorted_positions<K: Ord + Copy>(ids: impl Iterator<Item = K>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    v.sort_by_key(|&(id, i)| (id, i));
    v.dedup_by_key(|&mut (id, _)| id);
    v
}

fn find<K: Ord + Copy>(table: &[(K, usize)], id: K) -> Option<usize> {
    table
        .binary_search_by_key(&id, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// The numbers of a requirement id written exactly as "SR x.y" or "SR x.y RE z" (one or two
/// digits each): (x, y, 0) or (x, y, z + 1).
fn parse_requirement_id(id: &str) -> Option<(usize, usize, usize)> {
    let b = id.as_bytes();
    // one or two digits at `*at`
    let number = |at: &mut usize| -> Option<usize> {
        let d = |i: usize| {
            b.get(i)
                .filter(|c| c.is_ascii_digit())
                .map(|c| usize::from(c - b'0'))
        };
        let first = d(*at)?;
        *at += 1;
        match d(*at) {
            Some(second) => {
                *at += 1;
                if d(*at).is_some() {
                    return None;
                }
                Some(first * 10 + second)
            }
            None => Some(first),
        }
    };
    if !b.starts_with(b"SR ") {
        return None;
    }
    let mut at = 3;
    let x = number(&mut at)?;
    if b.get(at) != Some(&b'.') {
        return None;
    }
    at += 1;
    let y = number(&mut at)?;
    if at == b.len() {
        return Some((x, y, 0));
    }
    if b.get(at..at + 4) != Some(b" RE ".as_slice()) {
        return None;
    }
    at += 4;
    let z = number(&mut at)?;
    (at == b.len()).then_some((x, y, z + 1))
}

/// Catalog requirements by the numbers of their ids, so that a lookup parses a few bytes and
/// compares one string instead of hashing. Only built when every catalog id has that shape
/// and no two ids share numbers; a string that does not parse then cannot be a catalog id.
struct RequirementGrid {
    dims: (usize, usize, usize),
    cells: Vec<Option<usize>>,
}

impl RequirementGrid {
    fn new(catalog: &Catalog) -> Option<RequirementGrid> {
        let keys: Vec<(usize, usize, usize)> = catalog
            .requirements
            .iter()
            .map(|r| parse_requirement_id(&r.id))
            .collect::<Option<_>>()?;
        let dims = keys.iter().fold((0, 0, 0), |(a, b, c), &(x, y, z)| {
            (a.max(x + 1), b.max(y + 1), c.max(z + 1))
        });
        let mut grid = RequirementGrid {
            dims,
            cells: vec![None; dims.0 * dims.1 * dims.2],
        };
        for (i, &key) in keys.iter().enumerate() {
            let cell = grid.cell(key)?;
            if let Some(j) = grid.cells[cell]
                && catalog.requirements[j].id != catalog.requirements[i].id
            {
                return None; // e.g. "SR 1.1" and "SR 01.1"
            }
            // a later duplicate id wins, as in the catalog's own index
            grid.cells[cell] = Some(i);
        }
        Some(grid)
    }

    fn cell(&self, (x, y, z): (usize, usize, usize)) -> Option<usize> {
        let (a, b, c) = self.dims;
        (x < a && y < b && z < c).then_some((x * b + y) * c + z)
    }
}

pub(super) struct Lookup<'a> {
    catalog: &'a Catalog,
    project: &'a Project,
    components: IdMap<&'a str, usize>,
    requirements: IdMap<&'a str, usize>,
    requirement_grid: Option<RequirementGrid>,
    controls: IdMap<&'a str, usize>,
    /// (FR index, level) of every catalog requirement, in catalog order.
    requirement_levels: Vec<(usize, u8)>,
    zones: Vec<(ZoneId, usize)>,
    conduits: Vec<(ConduitId, usize)>,
    /// The component type of every asset, in `Project::all_assets` order (zones, then
    /// conduits), resolved once.
    asset_types: Vec<Option<&'a ComponentType>>,
    /// Where each zone's assets start in `asset_types`, and where the conduits' devices
    /// start; one more entry than zones (conduits).
    zone_starts: Vec<usize>,
    conduit_starts: Vec<usize>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(project: &'a Project, catalog: &'a Catalog) -> Self {
        let starts = |lens: &mut dyn Iterator<Item = usize>, first: usize| {
            let mut v = vec![first];
            let mut at = first;
            for n in lens {
                at += n;
                v.push(at);
            }
            v
        };
        let zone_starts = starts(&mut project.zones.iter().map(|z| z.assets.len()), 0);
        let conduit_starts = starts(
            &mut project.conduits.iter().map(|c| c.devices.len()),
            zone_starts.last().copied().unwrap_or(0),
        );
        let mut lookup = Lookup {
            catalog,
            project,
            components: index_by(&catalog.components, |c| c.id.as_str()),
            requirements: index_by(&catalog.requirements, |r| r.id.as_str()),
            requirement_grid: RequirementGrid::new(catalog),
            controls: index_by(&catalog.controls, |c| c.id.as_str()),
            requirement_levels: catalog
                .requirements
                .iter()
                .map(|r| (r.fr.index(), r.level))
                .collect(),
            zones: sorted_positions(project.zones.iter().map(|z| z.id)),
            conduits: sorted_positions(project.conduits.iter().map(|c| c.id)),
            asset_types: Vec::new(),
            zone_starts,
            conduit_starts,
        };
        let mut types = Vec::with_capacity(lookup.conduit_starts.last().copied().unwrap_or(0));
        types.extend(
            project
                .all_assets()
                .map(|(a, _)| lookup.component(&a.component)),
        );
        lookup.asset_types = types;
        lookup
    }

    /// Component types of all assets, in `Project::all_assets` order.
    pub(super) fn asset_types(&self) -> &[Option<&'a ComponentType>] {
        &self.asset_types
    }

    /// Component types of the assets of the zone at `index`, in order.
    pub(super) fn zone_asset_types(&self, index: usize) -> &[Option<&'a ComponentType>] {
        &self.asset_types[self.zone_starts[index]..self.zone_starts[index + 1]]
    }

    /// Component types of the devices of the conduit at `index`, in order.
    pub(super) fn conduit_device_types(&self, index: usize) -> &[Option<&'a ComponentType>] {
        &self.asset_types[self.conduit_starts[index]..self.conduit_starts[index + 1]]
    }

    pub(super) fn component(&self, id: &str) -> Option<&'a ComponentType> {
        let catalog = self.catalog;
        self.components.get(id).map(|&i| &catalog.components[i])
    }

    pub(super) fn requirement_position(&self, id: &str) -> Option<usize> {
        match &self.requirement_grid {
            Some(grid) => {
                let i = grid.cells[grid.cell(parse_requirement_id(id)?)?]?;
                (self.catalog.requirements[i].id == id).then_some(i)
            }
            None => self.requirements.get(id).copied(),
        }
    }

    pub(super) fn requirement_count(&self) -> usize {
        self.requirement_levels.len()
    }

    pub(super) fn requirement_levels(&self) -> &[(usize, u8)] {
        &self.requirement_levels
    }

    pub(super) fn requirement(&self, id: &str) -> Option<&'a Requirement> {
        let catalog = self.catalog;
        self.requirement_position(id)
            .map(|i| &catalog.requirements[i])
    }

    pub(super) fn has_control(&self, id: &str) -> bool {
        self.controls.contains_key(id)
    }

    pub(super) fn zone_index(&self, id: ZoneId) -> Option<usize> {
        find(&self.zones, id)
    }

    pub(super) fn conduit_index(&self, id: ConduitId) -> Option<usize> {
        find(&self.conduits, id)
    }

    pub(super) fn zone(&self, id: ZoneId) -> Option<&'a Zone> {
        let project = self.project;
        self.zone_index(id).map(|i| &project.zones[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn requirement_ids_parse_only_in_the_catalog_shape() {
        assert_eq!(parse_requirement_id("SR 1.1"), Some((1, 1, 0)));
        assert_eq!(parse_requirement_id("SR 7.8 RE 1"), Some((7, 8, 2)));
        assert_eq!(parse_requirement_id("SR 3.14 RE 12"), Some((3, 14, 13)));
        for bad in [
            "",
            "SR",
            "SR 1",
            "SR 1.",
            "SR .1",
            "SR 1.1 ",
            " SR 1.1",
            "sr 1.1",
            "SR 1.1 RE",
            "SR 1.1 RE 1 ",
            "SR 1.1RE 1",
            "SR 100.1",
            "SR 1.1 RE 123",
            "SR 1.1.1",
            "SR １.1",
        ] {
            assert_eq!(parse_requirement_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn grid_lookup_agrees_with_the_catalog() {
        let catalog = Catalog::embedded();
        let project = Project::default();
        let lookup = Lookup::new(&project, catalog);
        assert!(lookup.requirement_grid.is_some());
        let mut probes: Vec<String> = catalog.requirements.iter().map(|r| r.id.clone()).collect();
        probes.extend(
            [
                "SR 01.1",
                "SR 1.01",
                "SR 1.1 RE 01",
                "SR 9.9",
                "SR 1.1 RE 9",
                "SR 2.1 RE 0",
                "SR 0.0",
                "SR 1.1 ",
                "x",
            ]
            .map(String::from),
        );
        for id in &probes {
            assert_eq!(
                lookup.requirement_position(id),
                catalog.requirement_position(id),
                "{id:?}"
            );
        }
    }

    #[test]
    fn unusual_catalog_ids_fall_back_to_the_map() {
        let mut catalog = Catalog::embedded().clone();
        let mut odd = catalog.requirements[0].clone();
        odd.id = "SR 01.1".into(); // same numbers as "SR 1.1"
        catalog.requirements.push(odd);
        let catalog = Catalog::new(
            catalog.requirements.clone(),
            catalog.components.clone(),
            catalog.controls.clone(),
        );
        let project = Project::default();
        let lookup = Lookup::new(&project, &catalog);
        assert!(lookup.requirement_grid.is_none());
        for id in ["SR 1.1", "SR 01.1", "SR 7.8 RE 1", "nope"] {
            assert_eq!(
                lookup.requirement_position(id),
                catalog.requirement_position(id),
                "{id:?}"
            );
        }
    }
}
