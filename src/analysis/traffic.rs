//! Observed traffic against the design: each observed aggregate with its ends mapped to
//! assets (by their addresses), else to zones (by the import's subnet rules), else "unknown
//! host"; the conduit that carries it and the declared flow it matches; and the conformance
//! findings `TRAFFIC-NO-CONDUIT`, `TRAFFIC-AGAINST-ONEWAY`, `TRAFFIC-UNDECLARED`,
//! `TRAFFIC-UNKNOWN-HOST` and `FLOW-UNOBSERVED`. The Traffic tab, the canvas and the command
//! line show these rows; the proposals are planned from them.

use super::addresses::Addresses;
use super::findings::{FindingCode, Sink};
use crate::catalog::Catalog;
use crate::model::traffic::ObservedFlow;
use crate::model::{
    AssetId, ConduitId, DataFlow, Direction, ElementRef, Endpoint, Project, Transport, ZoneId,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::net::IpAddr;

/// One end of an observed flow, mapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrafficEnd {
    pub ip: IpAddr,
    /// The asset with this address.
    pub asset: Option<AssetId>,
    /// The asset's zone, else the zone of the subnet rule holding the address.
    pub zone: Option<ZoneId>,
    /// The asset's name, else the address.
    pub name: String,
    /// "PLC-1 (Control)", "10.0.1.9 (Control)", "10.9.9.9".
    pub label: String,
    /// A multicast, broadcast, loopback or unspecified address: no host.
    pub special: bool,
}

impl TrafficEnd {
    /// No asset has the address (and it is a host's).
    pub fn unknown(&self) -> bool {
        self.asset.is_none() && !self.special
    }
}

/// How an observed flow stands against the design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TrafficStatus {
    /// A declared flow of a conduit covers it (conduit, index of the flow).
    Declared(ConduitId, usize),
    /// Within one zone: no conduit is needed.
    WithinZone,
    /// Between zones, on a conduit that does not declare it.
    Undeclared(ConduitId),
    /// Opened from the `to` zone of a one-way conduit, against its direction.
    AgainstOneWay(ConduitId),
    /// Between zones that no conduit joins.
    NoConduit,
    /// An end has no zone (unknown host, a device on a conduit, multicast …).
    Unmapped,
}

impl TrafficStatus {
    /// The finding the flow gives rise to, if any.
    pub fn finding(self) -> Option<FindingCode> {
        match self {
            TrafficStatus::Undeclared(_) => Some(FindingCode::TrafficUndeclared),
            TrafficStatus::AgainstOneWay(_) => Some(FindingCode::TrafficAgainstOneWay),
            TrafficStatus::NoConduit => Some(FindingCode::TrafficNoConduit),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TrafficStatus::Declared(..) => "declared",
            TrafficStatus::WithinZone => "within a zone",
            TrafficStatus::Undeclared(_) => "not declared",
            TrafficStatus::AgainstOneWay(_) => "against one-way",
            TrafficStatus::NoConduit => "no conduit",
            TrafficStatus::Unmapped => "no zone",
        }
    }
}

/// One observed aggregate, mapped and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrafficRow {
    /// Index into `ObservedTraffic::flows`.
    pub index: usize,
    pub source: TrafficEnd,
    pub destination: TrafficEnd,
    pub transport: Transport,
    pub port: u16,
    /// The catalog protocol on this port and transport, if any.
    pub protocol_id: Option<String>,
    /// "Modbus/TCP (TCP 502)", "TCP 8081".
    pub service: String,
    pub connections: u64,
    pub bytes: u64,
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
    pub status: TrafficStatus,
}

/// What `assess` computes on observed traffic.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TrafficAssessment {
    pub rows: Vec<TrafficRow>,
    /// Zone pairs (initiator's zone first) seen talking with no conduit between them, each
    /// pair once in either order: the canvas draws them.
    pub missing_conduits: Vec<(ZoneId, ZoneId)>,
}

/// The catalog protocol a transport and port belong to (the first in catalog order).
pub fn protocol_by_port(
    catalog: &Catalog,
    transport: Transport,
    port: u16,
) -> Option<&crate::catalog::Protocol> {
    catalog.protocols.iter().find(|p| {
        p.transport == transport
            && (!transport.has_ports() || p.ports.iter().any(|r| r.0 <= port && port <= r.1))
    })
}

fn special(ip: &IpAddr) -> bool {
    ip.is_multicast()
        || ip.is_unspecified()
        || ip.is_loopback()
        || matches!(ip, IpAddr::V4(v4) if v4.is_broadcast())
}

fn end(p: &Project, addr: &Addresses, ip: IpAddr) -> TrafficEnd {
    let special = special(&ip);
    let host = addr.hosts.get(&ip).copied();
    let zone = match host {
        Some((_, z)) => z,
        None if special => None,
        None => addr.subnet_zone(&ip),
    };
    let who = match host {
        Some((a, _)) => p.element_name(ElementRef::Asset(a)),
        None => ip.to_string(),
    };
    let label = match zone {
        Some(z) => format!("{who} ({})", p.element_name(ElementRef::Zone(z))),
        None => who.clone(),
    };
    TrafficEnd {
        ip,
        asset: host.map(|(a, _)| a),
        zone,
        name: who,
        label,
        special,
    }
}

fn end_covers(e: &Endpoint, end: &TrafficEnd) -> bool {
    if e.zone.is_none() || e.zone != end.zone {
        return false;
    }
    if !e.assets.is_empty() {
        return end.asset.is_some_and(|a| e.assets.contains(&a));
    }
    match e.subnet {
        Some(s) => s.contains(&end.ip),
        None => true,
    }
}

/// Whether a declared flow covers observed traffic: both ends, transport and port.
pub fn flow_covers(
    f: &DataFlow,
    src: &TrafficEnd,
    dst: &TrafficEnd,
    t: Transport,
    port: u16,
) -> bool {
    let service = match f.transport {
        Transport::Any => true,
        ft if ft != t => false,
        ft if ft.has_ports() => {
            f.ports.is_empty() || f.ports.iter().any(|r| r.0 <= port && port <= r.1)
        }
        _ => true,
    };
    service && end_covers(&f.source, src) && end_covers(&f.destination, dst)
}

fn status(p: &Project, src: &TrafficEnd, dst: &TrafficEnd, o: &ObservedFlow) -> TrafficStatus {
    let (Some(a), Some(b)) = (src.zone, dst.zone) else {
        return TrafficStatus::Unmapped;
    };
    if a == b {
        return TrafficStatus::WithinZone;
    }
    let mut first = None;
    let mut against = None;
    for c in p
        .conduits
        .iter()
        .filter(|c| (c.from == a && c.to == b) || (c.from == b && c.to == a))
    {
        if let Some(i) = c
            .flows
            .iter()
            .position(|f| flow_covers(f, src, dst, o.transport, o.port))
        {
            return TrafficStatus::Declared(c.id, i);
        }
        if c.direction == Direction::OneWay && c.from == b {
            against.get_or_insert(c.id);
        } else {
            first.get_or_insert(c.id);
        }
    }
    match (first, against) {
        (Some(c), _) => TrafficStatus::Undeclared(c),
        (None, Some(c)) => TrafficStatus::AgainstOneWay(c),
        (None, None) => TrafficStatus::NoConduit,
    }
}

/// The observed traffic of the project, mapped and judged (empty without traffic).
pub fn traffic_assessment(p: &Project, catalog: &Catalog, addr: &Addresses) -> TrafficAssessment {
    let Some(t) = &p.traffic else {
        return TrafficAssessment::default();
    };
    let mut rows = Vec::with_capacity(t.flows.len());
    let mut pairs: BTreeSet<(ZoneId, ZoneId)> = BTreeSet::new();
    let mut missing = Vec::new();
    for (index, o) in t.flows.iter().enumerate() {
        let source = end(p, addr, o.source);
        let destination = end(p, addr, o.destination);
        let status = status(p, &source, &destination, o);
        if status == TrafficStatus::NoConduit
            && let (Some(a), Some(b)) = (source.zone, destination.zone)
            && pairs.insert((a.min(b), a.max(b)))
        {
            missing.push((a, b));
        }
        let protocol = protocol_by_port(catalog, o.transport, o.port);
        let service = match protocol {
            Some(pr) => format!("{} ({})", pr.name, o.service_text()),
            None => o.service_text(),
        };
        rows.push(TrafficRow {
            index,
            source,
            destination,
            transport: o.transport,
            port: o.port,
            protocol_id: protocol.map(|pr| pr.id.clone()),
            service,
            connections: o.connections,
            bytes: o.bytes,
            first_seen: o.first_seen,
            last_seen: o.last_seen,
            status,
        });
    }
    TrafficAssessment {
        rows,
        missing_conduits: missing,
    }
}

/// Most `TRAFFIC-UNKNOWN-HOST` findings, one per address; the rest are counted in the last.
pub const MAX_UNKNOWN_HOST_FINDINGS: usize = 100;

fn services(set: &BTreeSet<String>) -> String {
    let v: Vec<&str> = set.iter().map(String::as_str).take(8).collect();
    let more = set.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", v.join(", "))
    } else {
        v.join(", ")
    }
}

fn connections(n: u64) -> String {
    crate::count_of(
        usize::try_from(n).unwrap_or(usize::MAX),
        "connection",
        "connections",
    )
}

fn zone_name(p: &Project, z: ZoneId) -> String {
    p.element_name(ElementRef::Zone(z))
}

/// What a finding on traffic lists (services or host pairs) and the connections it counts.
type Seen = (BTreeSet<String>, u64);

/// The conformance findings, in a stable order: pairs without a conduit, traffic against
/// one-way conduits, undeclared traffic, unknown hosts, then declared flows never observed.
pub(super) fn traffic_findings(
    p: &Project,
    ta: &TrafficAssessment,
    flow_rows: &[super::flows::FlowRow],
    s: &mut Sink,
) {
    let Some(t) = &p.traffic else {
        return;
    };
    // (src zone, dst zone) → services and connections
    let mut no_conduit: BTreeMap<(ZoneId, ZoneId), Seen> = BTreeMap::new();
    let mut against: BTreeMap<ConduitId, Seen> = BTreeMap::new();
    // (conduit, src zone, dst zone, service) → host pairs and connections
    let mut undeclared: BTreeMap<(ConduitId, ZoneId, ZoneId, String), Seen> = BTreeMap::new();
    let mut unknown: BTreeMap<IpAddr, (Option<ZoneId>, u64)> = BTreeMap::new();
    let mut observed: HashSet<(ConduitId, usize)> = HashSet::new();
    for r in &ta.rows {
        // both ends have a zone whenever the status names a conduit or its absence
        let zones = r.source.zone.zip(r.destination.zone);
        let hosts = || format!("{} → {}", r.source.name, r.destination.name);
        match (r.status, zones) {
            (TrafficStatus::Declared(c, i), _) => {
                observed.insert((c, i));
            }
            (TrafficStatus::NoConduit, Some(pair)) => {
                let e = no_conduit.entry(pair).or_default();
                e.0.insert(r.service.clone());
                e.1 += r.connections;
            }
            (TrafficStatus::AgainstOneWay(c), _) => {
                let e = against.entry(c).or_default();
                e.0.insert(format!("{} {}", r.service, hosts()));
                e.1 += r.connections;
            }
            (TrafficStatus::Undeclared(c), Some((a, b))) => {
                let e = undeclared.entry((c, a, b, r.service.clone())).or_default();
                e.0.insert(hosts());
                e.1 += r.connections;
            }
            _ => {}
        }
        for e in [&r.source, &r.destination] {
            if e.unknown() {
                let u = unknown.entry(e.ip).or_insert((e.zone, 0));
                u.1 += r.connections;
            }
        }
    }
    for ((a, b), (svc, n)) in &no_conduit {
        s.push(
            FindingCode::TrafficNoConduit,
            ElementRef::Zone(*a),
            format!(
                "Traffic from zone \"{}\" to zone \"{}\" ({}; {}) but no conduit joins them.",
                zone_name(p, *a),
                zone_name(p, *b),
                services(svc),
                connections(*n)
            ),
            "Add a conduit with the flows that are needed (Traffic → Propose conduits), or stop the traffic: it crosses a zone boundary no control was designed for.",
        );
    }
    for (c, (svc, n)) in &against {
        s.push(
            FindingCode::TrafficAgainstOneWay,
            ElementRef::Conduit(*c),
            format!(
                "Conduit \"{}\" is one-way, but {} opened against its direction: {}.",
                p.element_name(ElementRef::Conduit(*c)),
                connections(*n),
                services(svc)
            ),
            "Find what opens these connections and stop it, or make the conduit two-way and review its SL-T and controls.",
        );
    }
    for ((c, a, b, service), (hosts, n)) in &undeclared {
        s.push(
            FindingCode::TrafficUndeclared,
            ElementRef::Conduit(*c),
            format!(
                "{service} from \"{}\" to \"{}\" ({}: {}) is not a declared flow of conduit \"{}\".",
                zone_name(p, *a),
                zone_name(p, *b),
                connections(*n),
                services(hosts),
                p.element_name(ElementRef::Conduit(*c))
            ),
            "Declare the flow on the conduit with its justification if it is needed, else block it at the boundary.",
        );
    }
    let total_unknown = unknown.len();
    for (k, (ip, (zone, n))) in unknown.iter().enumerate() {
        if k + 1 == MAX_UNKNOWN_HOST_FINDINGS && total_unknown > MAX_UNKNOWN_HOST_FINDINGS {
            s.push(
                FindingCode::TrafficUnknownHost,
                ElementRef::Project,
                format!(
                    "{} more addresses in the observed traffic are no asset of the project (from {ip}).",
                    total_unknown - k
                ),
                "Import the inventory again, or add the hosts as assets in their zones.",
            );
            break;
        }
        let (el, where_) = match zone {
            Some(z) => (
                ElementRef::Zone(*z),
                format!(" (subnet of zone \"{}\")", zone_name(p, *z)),
            ),
            None => (ElementRef::Project, String::new()),
        };
        s.push(
            FindingCode::TrafficUnknownHost,
            el,
            format!("Host {ip}{where_} talks in the observed traffic ({}) but is no asset of the project.", connections(*n)),
            "Add it as an asset in its zone (with its IP address), or find out what it is.",
        );
    }
    let period = match t.period_text() {
        x if x.is_empty() => t.sources_text(),
        x => x,
    };
    for f in flow_rows {
        let ends = f.source.zone.is_some() && f.destination.zone.is_some();
        if ends && !observed.contains(&(f.conduit, f.index)) {
            s.push(
                FindingCode::FlowUnobserved,
                ElementRef::Conduit(f.conduit),
                format!(
                    "Flow {} ({}, {} → {}) of conduit \"{}\" was not observed in the traffic ({period}).",
                    f.id,
                    super::flows::label(f),
                    f.source.zone_name,
                    f.destination.zone_name,
                    f.conduit_name
                ),
                "If the period covered the flow's use, it may no longer be needed: remove it and its firewall rule; else import traffic of a longer period.",
            );
        }
    }
}
