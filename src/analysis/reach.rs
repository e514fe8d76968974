//! Where data can flow: which one-way conduits are enforced, which zones are safety zones, and
//! the paths along which data from an untrusted zone reaches a safety zone without passing a
//! DMZ (computed once per `assess`).

use super::lookup::Lookup;
use crate::catalog::ComponentType;
use crate::model::{Conduit, ConduitId, Direction, Project, ZoneId, ZoneKind};
use std::collections::VecDeque;

/// The catalog id of the unidirectional gateway, both as a component type and as a control.
pub(super) const UNIDIRECTIONAL_GATEWAY: &str = "unidirectional_gateway";

/// Whether something on the conduit makes data flow one way only: a device of the
/// unidirectional-gateway type, or the unidirectional-gateway control.
pub(super) fn one_way_enforced(conduit: &Conduit, device_types: &[Option<&ComponentType>]) -> bool {
    device_types
        .iter()
        .any(|t| t.is_some_and(|t| t.id == UNIDIRECTIONAL_GATEWAY))
        || conduit.controls.iter().any(|c| c == UNIDIRECTIONAL_GATEWAY)
}

/// A safety zone: of kind Safety, or holding an asset whose component type is safety-related,
/// whatever its kind.
pub(super) fn is_safety_zone(kind: ZoneKind, asset_types: &[Option<&ComponentType>]) -> bool {
    kind == ZoneKind::Safety || asset_types.iter().any(|t| t.is_some_and(|t| t.safety))
}

/// What the reachability search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Reach {
    /// Per conduit (project order): whether it carries data only from `from` to `to` (one-way
    /// and enforced). Every other conduit carries data both ways.
    pub one_way: Vec<bool>,
    /// One shortest path per exposed safety zone (zone ids, untrusted end first), in zone order.
    pub paths: Vec<Vec<ZoneId>>,
    /// Every conduit that carries data along a hop of a path, sorted.
    pub path_conduits: Vec<ConduitId>,
}

/// A multi-source breadth-first search from every untrusted zone along the direction of data.
/// The search stops at DMZ zones (data has to pass them) and goes on through safety zones. A
/// safety zone that is untrusted itself (a safety PLC in a zone of kind Enterprise) is exposed
/// whatever its conduits: its path is the one by which data from another untrusted zone flows
/// into it, else the zone alone.
pub(super) fn reach(project: &Project, lookup: &Lookup) -> Reach {
    let one_way: Vec<bool> = project
        .conduits
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.direction == Direction::OneWay && one_way_enforced(c, lookup.conduit_device_types(i))
        })
        .collect();
    let n = project.zones.len();
    // a zone id used twice resolves to its first zone, as everywhere else
    let ends = |c: &Conduit| Some((lookup.zone_index(c.from)?, lookup.zone_index(c.to)?));
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, &one_way) in project.conduits.iter().zip(&one_way) {
        if let Some((a, b)) = ends(c) {
            adjacency[a].push(b);
            if !one_way {
                adjacency[b].push(a);
            }
        }
    }
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut depth: Vec<usize> = vec![0; n];
    // the untrusted zone each reached zone's path starts from
    let mut root: Vec<usize> = (0..n).collect();
    let mut seen = vec![false; n];
    let mut queue = VecDeque::new();
    for (i, z) in project.zones.iter().enumerate() {
        if z.kind.is_untrusted() {
            seen[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        if project.zones[i].kind == ZoneKind::Dmz {
            continue;
        }
        for &j in &adjacency[i] {
            if !seen[j] {
                seen[j] = true;
                parent[j] = Some(i);
                depth[j] = depth[i] + 1;
                root[j] = root[i];
                queue.push_back(j);
            }
        }
    }
    let safety: Vec<bool> = project
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| is_safety_zone(z.kind, lookup.zone_asset_types(i)))
        .collect();
    // An untrusted safety zone is a seed of the search; the zone that data reaching it comes
    // from is its nearest reached, non-DMZ neighbour upstream (the first on a tie).
    let mut inflow: Vec<Option<usize>> = vec![None; n];
    if (0..n).any(|i| safety[i] && project.zones[i].kind.is_untrusted()) {
        for (j, next) in adjacency.iter().enumerate() {
            if !seen[j] || project.zones[j].kind == ZoneKind::Dmz {
                continue;
            }
            for &i in next {
                if root[j] != i
                    && safety[i]
                    && project.zones[i].kind.is_untrusted()
                    && inflow[i].is_none_or(|k| depth[j] < depth[k])
                {
                    inflow[i] = Some(j);
                }
            }
        }
    }
    let mut paths = Vec::new();
    for (i, z) in project.zones.iter().enumerate() {
        if !safety[i] || !(parent[i].is_some() || z.kind.is_untrusted()) {
            continue;
        }
        let mut path = vec![z.id];
        let mut at = i;
        if let Some(j) = inflow[i] {
            path.push(project.zones[j].id);
            at = j;
        }
        while let Some(p) = parent[at] {
            path.push(project.zones[p].id);
            at = p;
        }
        path.reverse();
        paths.push(path);
    }
    let mut path_conduits = Vec::new();
    if !paths.is_empty() {
        let mut hops: Vec<(ZoneId, ZoneId)> = paths
            .iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
            .collect();
        hops.sort_unstable();
        hops.dedup();
        let on_hop = |a: ZoneId, b: ZoneId| hops.binary_search(&(a, b)).is_ok();
        for (c, &one_way) in project.conduits.iter().zip(&one_way) {
            if on_hop(c.from, c.to) || (!one_way && on_hop(c.to, c.from)) {
                path_conduits.push(c.id);
            }
        }
        path_conduits.sort_unstable();
        path_conduits.dedup();
    }
    Reach {
        one_way,
        paths,
        path_conduits,
    }
}
