//! The firewall rule schedule of each boundary device: the ordered allow rules the flows it
//! enforces imply (one per flow, id = the flow's id, so ids stay stable across exports),
//! address objects named after assets and subnets, address groups named after zones or a
//! flow's ends, service objects named after the protocols, the explicit default deny last, and
//! the open items (a rule that needs an address an asset does not have). Vendor-neutral; the
//! configuration texts are written from it in `export::rules`.

use super::flows::{End, FlowRow};
use crate::model::{AssetId, PortRange, Project, Transport};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::IpAddr;

/// The id of the last rule of every schedule.
pub const DEFAULT_DENY: &str = "DEFAULT-DENY";

/// A named address: one host (its IPv4 addresses) or one subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressObject {
    pub name: String,
    /// What it stands for: the asset or subnet, in words.
    pub of: String,
    /// Host addresses (/32) or one network.
    pub addresses: Vec<Network>,
}

/// An IPv4 network: address and prefix length (32 for a host).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Network {
    pub addr: std::net::Ipv4Addr,
    pub prefix: u8,
}

impl Network {
    /// The dotted mask: 255.255.255.0 for /24.
    pub(crate) fn mask(&self) -> std::net::Ipv4Addr {
        let m = u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0);
        std::net::Ipv4Addr::from(m)
    }
}

impl std::fmt::Display for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prefix == 32 {
            write!(f, "{}", self.addr)
        } else {
            write!(f, "{}/{}", self.addr, self.prefix)
        }
    }
}

/// A named group of address objects: a zone, or the assets of one end of a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressGroup {
    pub name: String,
    pub of: String,
    pub members: Vec<String>,
}

/// A named service: transport and destination ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceObject {
    pub name: String,
    pub transport: Transport,
    pub ports: Vec<PortRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RuleAction {
    Allow,
    Deny,
}

/// One rule of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The flow's id ("C3-F2"), or [`DEFAULT_DENY`].
    pub id: String,
    /// 1-based position in the schedule.
    pub position: usize,
    /// Address group name; "any" for the default deny.
    pub source: String,
    pub destination: String,
    /// Service object name; "any" for the default deny.
    pub service: String,
    pub action: RuleAction,
    pub conduit: String,
    pub protocol: String,
    pub justification: String,
    /// Why the rule cannot be configured yet; `None` when it can.
    pub open: Option<String>,
}

/// The rule schedule of one boundary device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub device: AssetId,
    pub device_name: String,
    pub addresses: Vec<AddressObject>,
    pub groups: Vec<AddressGroup>,
    pub services: Vec<ServiceObject>,
    /// Allow rules in flow order, then the default deny.
    pub rules: Vec<Rule>,
}

impl Schedule {
    /// The rules that cannot be configured yet, with the reason.
    pub(crate) fn open_items(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.open.is_some())
    }
}

/// A configuration-safe name: letters, digits and `_` (others become `_`), starting with a
/// letter, at most 40 characters.
pub(crate) fn object_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let mut out = out.trim_matches('_').to_owned();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "n_");
    }
    out.truncate(40);
    out
}

/// The code in a name's closing brackets when it looks like one ("DCS engineering station
/// (EWS-01)" → "EWS-01", "Basic process control system (BPCS)" → "BPCS"), else the name.
pub(crate) fn short_name(name: &str) -> &str {
    name.trim()
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
        .map(|(_, inner)| inner.trim())
        .filter(|inner| {
            !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        })
        .unwrap_or(name)
}

/// Hands out unique names: the base, else `base_2`, `base_3` …
#[derive(Default)]
struct Names {
    taken: BTreeMap<String, String>,
}

impl Names {
    /// The name of `key` (one per key), made from `base`.
    fn name(&mut self, key: &str, base: &str) -> String {
        if let Some(n) = self.taken.get(key) {
            return n.clone();
        }
        let base = object_name(base);
        let used = |n: &str, t: &BTreeMap<String, String>| t.values().any(|v| v == n);
        let mut name = base.clone();
        let mut k = 2;
        while used(&name, &self.taken) {
            name = format!("{base}_{k}");
            k += 1;
        }
        self.taken.insert(key.to_owned(), name.clone());
        name
    }
}

/// An asset with its name and addresses, as a group is built from them.
type HostAddrs = (AssetId, String, Vec<IpAddr>);

struct Builder<'a> {
    project: &'a Project,
    names: Names,
    addresses: Vec<AddressObject>,
    groups: Vec<AddressGroup>,
    services: Vec<ServiceObject>,
}

fn v4(ips: &[IpAddr]) -> Vec<Network> {
    ips.iter()
        .filter_map(|ip| match ip {
            IpAddr::V4(a) => Some(Network {
                addr: *a,
                prefix: 32,
            }),
            IpAddr::V6(_) => None,
        })
        .collect()
}

impl Builder<'_> {
    /// The object of one host; `None` when it has no IPv4 address.
    fn host(&mut self, id: AssetId, name: &str, ips: &[IpAddr]) -> Option<String> {
        let addresses = v4(ips);
        if addresses.is_empty() {
            return None;
        }
        let key = format!("host:{}", id.0);
        let tag = self
            .project
            .asset(id)
            .map(|(a, _)| a.tag.trim())
            .filter(|t| !t.is_empty());
        let n = self
            .names
            .name(&key, tag.unwrap_or_else(|| short_name(name)));
        if !self.addresses.iter().any(|a| a.name == n) {
            self.addresses.push(AddressObject {
                name: n.clone(),
                of: format!("asset {name}"),
                addresses,
            });
        }
        Some(n)
    }

    fn group(&mut self, key: &str, base: &str, of: String, members: Vec<String>) -> String {
        let n = self.names.name(key, base);
        if !self.groups.iter().any(|g| g.name == n) {
            self.groups.push(AddressGroup {
                name: n.clone(),
                of,
                members,
            });
        }
        n
    }

    /// The address group of one end, or what is missing.
    fn end(&mut self, e: &End, flow: &str, side: &str) -> Result<String, String> {
        if let Some(s) = &e.subnet {
            let net = crate::model::network::Cidr::parse(s)
                .and_then(|c| match c.addr {
                    IpAddr::V4(addr) => Some(Network {
                        addr,
                        prefix: c.prefix,
                    }),
                    IpAddr::V6(_) => None,
                })
                .ok_or_else(|| format!("subnet {s} is not IPv4"))?;
            let key = format!("net:{s}");
            let n = self.names.name(&key, &format!("net_{s}"));
            if !self.addresses.iter().any(|a| a.name == n) {
                self.addresses.push(AddressObject {
                    name: n.clone(),
                    of: format!("subnet {s} of zone {}", e.zone_name),
                    addresses: vec![net],
                });
            }
            return Ok(n);
        }
        let (hosts, key, base, of): (Vec<HostAddrs>, String, String, String) = if e.hosts.is_empty()
        {
            let zone = e.zone.and_then(|z| self.project.zone(z));
            let Some(zone) = zone else {
                return Err("the end has no zone".to_owned());
            };
            (
                zone.assets
                    .iter()
                    .map(|a| (a.id, a.name.clone(), a.network.ip_addresses.clone()))
                    .collect(),
                format!("zone:{}", zone.id.0),
                short_name(&zone.name).to_owned(),
                format!("zone {}", zone.name),
            )
        } else {
            let hosts: Vec<_> = e
                .hosts
                .iter()
                .map(|h| (h.asset, h.name.clone(), h.ips.clone()))
                .collect();
            let ids: Vec<String> = hosts.iter().map(|h| h.0.0.to_string()).collect();
            let base = format!("{}_{flow}_{side}", short_name(&e.zone_name));
            (
                hosts,
                format!("hosts:{}", ids.join(",")),
                base,
                format!("assets of zone {} in flow {flow}", e.zone_name),
            )
        };
        let mut members = Vec::new();
        let mut missing = Vec::new();
        for (id, name, ips) in &hosts {
            match self.host(*id, name, ips) {
                Some(n) => members.push(n),
                None => missing.push(name.clone()),
            }
        }
        if !missing.is_empty() || members.is_empty() {
            if missing.is_empty() {
                missing.push(format!("zone {} has no assets", e.zone_name));
            }
            return Err(format!("no IPv4 address for {}", missing.join(", ")));
        }
        // one named asset is its own object; a zone or several assets make a group
        if !e.hosts.is_empty()
            && members.len() == 1
            && self
                .addresses
                .iter()
                .any(|a| a.name == members[0] && a.addresses.len() == 1)
        {
            return Ok(members.remove(0));
        }
        Ok(self.group(&key, &base, of, members))
    }

    fn service(&mut self, r: &FlowRow, catalog: &crate::catalog::Catalog) -> String {
        let default = r.protocol_id.as_deref().and_then(|id| catalog.protocol(id));
        let base = match default {
            Some(p) if p.transport == r.transport && p.ports == r.port_ranges => p.id.clone(),
            _ => {
                let ports: Vec<String> = r.port_ranges.iter().map(PortRange::to_string).collect();
                match r.transport {
                    Transport::Ip(n) => format!("ip_{n}"),
                    t if ports.is_empty() => t.label().to_lowercase(),
                    t => format!("{}_{}", t.label().to_lowercase(), ports.join("_")),
                }
            }
        };
        let key = format!("svc:{:?}:{:?}", r.transport, r.port_ranges);
        let n = self.names.name(&key, &base);
        if !self.services.iter().any(|s| s.name == n) {
            self.services.push(ServiceObject {
                name: n.clone(),
                transport: r.transport,
                ports: r.port_ranges.clone(),
            });
        }
        n
    }
}

fn unresolved(e: &End) -> String {
    format!("({}: {})", e.zone_name, e.members_text())
}

/// The rule schedule of every boundary device that enforces at least one flow, in the order
/// the devices first appear in the matrix.
pub(crate) fn schedules(
    project: &Project,
    catalog: &crate::catalog::Catalog,
    rows: &[FlowRow],
) -> Vec<Schedule> {
    let mut devices: Vec<(AssetId, String)> = Vec::new();
    for r in rows {
        for d in &r.devices {
            if !devices.iter().any(|(id, _)| *id == d.asset) {
                devices.push((d.asset, d.name.clone()));
            }
        }
    }
    devices
        .into_iter()
        .map(|(id, name)| schedule(project, catalog, rows, id, name))
        .collect()
}

fn schedule(
    project: &Project,
    catalog: &crate::catalog::Catalog,
    rows: &[FlowRow],
    device: AssetId,
    device_name: String,
) -> Schedule {
    let mut b = Builder {
        project,
        names: Names::default(),
        addresses: Vec::new(),
        groups: Vec::new(),
        services: Vec::new(),
    };
    let mut rules = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.devices.iter().any(|d| d.asset == device))
    {
        let src = b.end(&r.source, &r.id, "src");
        let dst = b.end(&r.destination, &r.id, "dst");
        let mut open = Vec::new();
        if let Err(e) = &src {
            open.push(format!("source: {e}"));
        }
        if let Err(e) = &dst {
            open.push(format!("destination: {e}"));
        }
        if !r.unstructured.is_empty() {
            open.push(format!("ports not structured ({})", r.unstructured));
        }
        let service = if r.unstructured.is_empty() {
            b.service(r, catalog)
        } else {
            String::new()
        };
        rules.push(Rule {
            id: r.id.clone(),
            position: rules.len() + 1,
            // an end without addresses is named in words: no object stands for it
            source: src.unwrap_or_else(|_| unresolved(&r.source)),
            destination: dst.unwrap_or_else(|_| unresolved(&r.destination)),
            service,
            action: RuleAction::Allow,
            conduit: r.conduit_name.clone(),
            protocol: r.protocol.clone(),
            justification: r.justification.clone(),
            open: (!open.is_empty()).then(|| open.join("; ")),
        });
    }
    rules.push(Rule {
        id: DEFAULT_DENY.to_owned(),
        position: rules.len() + 1,
        source: "any".into(),
        destination: "any".into(),
        service: "any".into(),
        action: RuleAction::Deny,
        conduit: String::new(),
        protocol: String::new(),
        justification: "Everything not allowed above is dropped and logged.".into(),
        open: None,
    });
    Schedule {
        device,
        device_name,
        addresses: b.addresses,
        groups: b.groups,
        services: b.services,
        rules,
    }
}
