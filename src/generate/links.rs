//! The generator's conduits: the links every plant of this shape has, common extras, random
//! ones to reach the requested count, and the boundary devices and controls on each.

use super::Rng;
use super::plan::ZonePlan;
use crate::model::ZoneKind;
use std::collections::BTreeSet;

/// An edge between two planned zones, by index into the plan.
#[derive(Debug, Clone, Copy)]
pub(super) struct Link {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) one_way: bool,
}

/// Conduits every plant of this shape has (priority 0) and common extras (priority 1).
pub(super) fn candidate_links(plan: &[ZonePlan], rng: &mut Rng) -> (Vec<Link>, Vec<Link>) {
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let find = |site: usize, unit: Option<usize>, kind: ZoneKind| -> Vec<usize> {
        (0..plan.len())
            .filter(|&i| plan[i].site == site && plan[i].unit == unit && plan[i].kind == kind)
            .collect()
    };
    let both = |from, to| Link {
        from,
        to,
        one_way: false,
    };
    let mut main = Vec::new();
    let mut extra = Vec::new();
    let ent0 = find(0, None, ZoneKind::Enterprise).first().copied();
    for site in 0..sites {
        let ent = find(site, None, ZoneKind::Enterprise).first().copied();
        let dmz = find(site, None, ZoneKind::Dmz).first().copied();
        let ra = find(site, None, ZoneKind::RemoteAccess).first().copied();
        let ext = find(0, None, ZoneKind::External).first().copied();
        if let (Some(e), Some(d)) = (ent, dmz) {
            main.push(both(e, d));
        }
        if site > 0
            && let (Some(e0), Some(e)) = (ent0, ent)
        {
            main.push(both(e0, e)); // corporate WAN
        }
        if let Some(r) = ra {
            if let Some(x) = ext {
                main.push(both(x, r));
            }
            if let Some(d) = dmz {
                main.push(both(r, d));
            }
        }
        if site == 0
            && let (Some(x), Some(d)) = (ext, dmz)
        {
            extra.push(both(d, x)); // DMZ publishes to the cloud
        }
        let units = plan
            .iter()
            .filter(|p| p.site == site)
            .filter_map(|p| p.unit)
            .max()
            .map_or(0, |u| u + 1);
        let mut prev_sup = None;
        for unit in 0..units {
            let u = Some(unit);
            let sup = find(site, u, ZoneKind::Supervisory).first().copied();
            let controls = find(site, u, ZoneKind::Control);
            let sis = find(site, u, ZoneKind::Safety).first().copied();
            let fields = find(site, u, ZoneKind::Field);
            let wireless = find(site, u, ZoneKind::Wireless).first().copied();
            let maint = find(site, u, ZoneKind::Other).first().copied();
            if let (Some(d), Some(s)) = (dmz, sup) {
                main.push(both(d, s));
            }
            for &c in &controls {
                if let Some(s) = sup {
                    main.push(both(s, c));
                }
            }
            if let (Some(&c), Some(s)) = (controls.first(), sis) {
                main.push(Link {
                    from: s,
                    to: c,
                    one_way: rng.percent(30),
                });
            }
            for (k, &f) in fields.iter().enumerate() {
                if let Some(&c) = controls.get(k % controls.len().max(1)) {
                    main.push(both(c, f));
                }
            }
            if let Some(w) = wireless {
                match (fields.first(), controls.first()) {
                    (Some(&f), _) => main.push(both(f, w)),
                    (None, Some(&c)) => main.push(both(c, w)),
                    _ => {}
                }
            }
            if let (Some(m), Some(s)) = (maint, sup) {
                main.push(both(s, m));
            }
            // extras
            for pair in controls.windows(2) {
                extra.push(both(pair[0], pair[1]));
            }
            if let (Some(&c), Some(d)) = (controls.first(), dmz) {
                extra.push(Link {
                    from: c,
                    to: d,
                    one_way: true,
                }); // historian feed through a data diode
            }
            if let (Some(s), Some(x)) = (sup, sis) {
                extra.push(both(s, x)); // SIS engineering
            }
            if let (Some(r), Some(s)) = (ra, sup) {
                extra.push(both(r, s)); // vendor support sessions
            }
            if let (Some(p), Some(s)) = (prev_sup, sup) {
                extra.push(both(p, s));
            }
            if let (Some(m), Some(&c)) = (maint, controls.first()) {
                extra.push(both(m, c));
            }
            prev_sup = sup.or(prev_sup);
        }
    }
    (main, extra)
}

/// `k` items of `items` chosen at random, in their original order.
pub(super) fn sample<T: Copy>(items: &[T], k: usize, rng: &mut Rng) -> Vec<T> {
    if k >= items.len() {
        return items.to_vec();
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    for i in 0..k {
        let j = i + rng.below(items.len() - i);
        idx.swap(i, j);
    }
    let mut chosen = idx[..k].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| items[i]).collect()
}

pub(super) fn pair_key(a: usize, b: usize) -> (usize, usize) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Exactly `count` links between distinct zones: the typical ones first, then random ones
/// between neighbouring layers of a site, then anywhere (parallel conduits only when the plant
/// is too small for more distinct pairs).
pub(super) fn choose_links(plan: &[ZonePlan], count: usize, rng: &mut Rng) -> Vec<Link> {
    let n = plan.len();
    if n < 2 || count == 0 {
        return Vec::new();
    }
    let (main, extra) = candidate_links(plan, rng);
    let mut used: BTreeSet<(usize, usize)> = BTreeSet::new();
    let dedup = |links: Vec<Link>, used: &mut BTreeSet<(usize, usize)>| -> Vec<Link> {
        links
            .into_iter()
            .filter(|l| l.from != l.to && used.insert(pair_key(l.from, l.to)))
            .collect()
    };
    let main = dedup(main, &mut used);
    let extra = dedup(extra, &mut used);
    let mut links = sample(&main, count, rng);
    if links.len() < main.len() {
        return links;
    }
    links.extend(sample(&extra, count - links.len(), rng));
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let by_site: Vec<Vec<usize>> = (0..sites)
        .map(|s| (0..n).filter(|&i| plan[i].site == s).collect())
        .collect();
    let mut attempts = 0usize;
    while links.len() < count && attempts < 40 * count {
        attempts += 1;
        let a = rng.below(n);
        let local = &by_site[plan[a].site];
        let b = local[rng.below(local.len())];
        if a == b || plan[a].row().abs_diff(plan[b].row()) > 1 {
            continue;
        }
        if used.insert(pair_key(a, b)) {
            links.push(Link {
                from: a.min(b),
                to: a.max(b),
                one_way: false,
            });
        }
    }
    let distinct_pairs = n.saturating_mul(n - 1) / 2;
    while links.len() < count {
        let a = rng.below(n);
        let b = (a + 1 + rng.below(n - 1)) % n;
        if used.len() >= distinct_pairs || used.insert(pair_key(a, b)) {
            links.push(Link {
                from: a,
                to: b,
                one_way: false,
            });
        }
    }
    links
}

/// The boundary and network devices wanted on a conduit, most important first.
pub(super) fn conduit_devices(
    a: ZoneKind,
    b: ZoneKind,
    one_way: bool,
    rng: &mut Rng,
) -> Vec<&'static str> {
    use ZoneKind::*;
    let has = |k: ZoneKind| a == k || b == k;
    let mut out = Vec::new();
    if one_way {
        out.push("unidirectional_gateway");
    } else if has(RemoteAccess) && has(External) {
        out.push("remote_access_gateway");
    } else if a != b {
        if !rng.percent(6) {
            // the rest are findings waiting to happen
            out.push(if has(Safety) || has(Dmz) || rng.percent(25) {
                "dpi_firewall"
            } else {
                "firewall"
            });
        }
    } else if a == Enterprise {
        out.push("router");
    }
    if matches!((a, b), (Control, _) | (_, Control)) && rng.percent(40) {
        out.push("managed_switch");
    }
    out
}

pub(super) fn controls_for_devices(devices: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for d in devices {
        match *d {
            "firewall" => out.push("stateful_firewall"),
            "dpi_firewall" => out.push("dpi_firewall"),
            "unidirectional_gateway" => out.extend(["unidirectional_gateway", "protocol_break"]),
            "remote_access_gateway" => out.extend(["vpn", "mfa"]),
            _ => {}
        }
    }
    out
}

pub(super) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}
