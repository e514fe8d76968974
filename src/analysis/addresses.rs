//! Where the assets sit on the network, compared with the zones: an IP on two assets
//! (`IP-DUPLICATE`), an asset with addresses in the subnets of two zones (`ASSET-MULTIHOMED`),
//! and a subnet rule or VLAN whose assets sit in several zones (`SUBNET-SPANS-ZONES`). The
//! address-to-zone map the traffic findings use is built here too.

use super::findings::{FindingCode, Sink};
use crate::model::network::Cidr;
use crate::model::{AssetId, ElementRef, Project, ZoneId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;

/// A zone name compared as the design findings compare names: trimmed, inner whitespace
/// collapsed, case folded.
fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The project's addresses: every asset IP with its asset and zone, and the subnet rules of the
/// import settings with the zone each names (most specific first).
pub struct Addresses {
    /// IP → (asset, its zone; `None` for a device on a conduit), the first asset in document
    /// order.
    pub hosts: HashMap<IpAddr, (AssetId, Option<ZoneId>)>,
    /// (subnet, zone) for the rules whose zone exists.
    pub subnets: Vec<(Cidr, ZoneId)>,
}

impl Addresses {
    pub fn new(p: &Project) -> Addresses {
        let mut hosts = HashMap::new();
        for (a, parent) in p.all_assets() {
            let zone = match parent {
                crate::model::AssetParent::Zone(z) => Some(z),
                crate::model::AssetParent::Conduit(_) => None,
            };
            for ip in &a.network.ip_addresses {
                hosts.entry(*ip).or_insert((a.id, zone));
            }
        }
        let by_name: HashMap<String, ZoneId> = p
            .zones
            .iter()
            .rev()
            .map(|z| (name_key(&z.name), z.id))
            .collect();
        let mut subnets: Vec<(Cidr, ZoneId)> = p
            .import_settings
            .subnets
            .iter()
            .filter_map(|s| Some((s.subnet, *by_name.get(&name_key(&s.zone))?)))
            .collect();
        subnets.sort_by_key(|(c, _)| std::cmp::Reverse(c.prefix));
        Addresses { hosts, subnets }
    }

    /// The zone whose subnet rule (the most specific) holds `ip`.
    pub fn subnet_zone(&self, ip: &IpAddr) -> Option<ZoneId> {
        self.subnets
            .iter()
            .find(|(c, _)| c.contains(ip))
            .map(|(_, z)| *z)
    }
}

fn zone_names(p: &Project, zones: &BTreeSet<ZoneId>) -> String {
    let v: Vec<String> = zones
        .iter()
        .map(|z| format!("\"{}\"", p.element_name(ElementRef::Zone(*z))))
        .collect();
    v.join(", ")
}

/// `IP-DUPLICATE`, `ASSET-MULTIHOMED` and `SUBNET-SPANS-ZONES`, in that order.
pub(super) fn address_findings(p: &Project, addr: &Addresses, s: &mut Sink) {
    // one IP on two assets: reported on the later asset, once per pair
    let mut first: HashMap<IpAddr, (AssetId, &str)> = HashMap::new();
    for (a, _) in p.all_assets() {
        for ip in &a.network.ip_addresses {
            if ip.is_unspecified() {
                continue;
            }
            match first.get(ip) {
                None => {
                    first.insert(*ip, (a.id, &a.name));
                }
                Some((other, other_name)) if *other != a.id => s.push(
                    FindingCode::IpDuplicate,
                    ElementRef::Asset(a.id),
                    format!("IP {ip} is on asset \"{}\" and on asset \"{other_name}\".", a.name),
                    "Correct the address of one of them; if they are one device modelled twice, delete one.",
                ),
                Some(_) => {}
            }
        }
    }
    if !addr.subnets.is_empty() {
        for (a, _) in p.all_assets() {
            let mut zones: BTreeMap<ZoneId, IpAddr> = BTreeMap::new();
            for ip in &a.network.ip_addresses {
                if let Some(z) = addr.subnet_zone(ip) {
                    zones.entry(z).or_insert(*ip);
                }
            }
            if zones.len() > 1 {
                let v: Vec<String> = zones
                    .iter()
                    .map(|(z, ip)| format!("\"{}\" ({ip})", p.element_name(ElementRef::Zone(*z))))
                    .collect();
                s.push(
                    FindingCode::AssetMultihomed,
                    ElementRef::Asset(a.id),
                    format!(
                        "Asset \"{}\" has addresses in the subnets of zones {}: it bridges them.",
                        a.name,
                        v.join(" and ")
                    ),
                    "Connect the asset to one zone and reach the other through a conduit, or model it as a device on a conduit between them.",
                );
            }
        }
    }
    // a subnet rule whose assets sit in several zones
    let rules = &p.import_settings.subnets;
    for (i, rule) in rules.iter().enumerate() {
        if rules[..i].iter().any(|r| r.subnet == rule.subnet) {
            continue;
        }
        let mut zones = BTreeSet::new();
        for z in &p.zones {
            if z.assets.iter().any(|a| {
                a.network
                    .ip_addresses
                    .iter()
                    .any(|ip| rule.subnet.contains(ip))
            }) {
                zones.insert(z.id);
            }
        }
        if zones.len() > 1 {
            s.push(
                FindingCode::SubnetSpansZones,
                ElementRef::Project,
                format!(
                    "Subnet {} (rule: zone \"{}\") holds assets of zones {}.",
                    rule.subnet,
                    rule.zone,
                    zone_names(p, &zones)
                ),
                "A zone boundary runs between subnets: re-address the assets, move them into one zone, or split the subnet rule.",
            );
        }
    }
    let mut vlans: BTreeMap<u16, BTreeSet<ZoneId>> = BTreeMap::new();
    for z in &p.zones {
        for a in &z.assets {
            if let Some(v) = a.network.vlan {
                vlans.entry(v).or_default().insert(z.id);
            }
        }
    }
    for (v, zones) in vlans {
        if zones.len() > 1 {
            s.push(
                FindingCode::SubnetSpansZones,
                ElementRef::Project,
                format!("VLAN {v} holds assets of zones {}.", zone_names(p, &zones)),
                "One VLAN joins its devices without a boundary: give each zone its own VLAN, or move the assets into one zone.",
            );
        }
    }
}
