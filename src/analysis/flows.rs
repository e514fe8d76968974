//! The communication matrix: one row per data flow, by id, with both ends resolved to zones,
//! assets and IPs, the protocol from the catalog, the enforcing boundary devices and the SL-T
//! of both ends; and the findings on flows. Every export of the matrix and the rule schedule
//! reads these rows.

use super::findings::{FindingCode, Sink};
use crate::catalog::Catalog;
use crate::model::{
    AssetId, Conduit, ConduitId, DataFlow, Direction, ElementRef, Endpoint, Fr, Project, SlVector,
    Transport, Zone, ZoneId,
};
use serde::Serialize;
use std::collections::HashMap;
use std::net::IpAddr;

/// An asset at one end of a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Host {
    pub asset: AssetId,
    pub name: String,
    /// Empty when the asset has no IP address recorded.
    pub ips: Vec<IpAddr>,
}

/// One end of a flow, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct End {
    pub zone: Option<ZoneId>,
    /// The zone's name; empty when the zone is unset or unknown.
    pub zone_name: String,
    /// Named assets found in the zone (unknown ids are left out; a finding names them).
    pub hosts: Vec<Host>,
    pub subnet: Option<String>,
    pub sl_t: Option<SlVector>,
}

impl End {
    /// The whole zone: no asset or subnet narrows it.
    pub(crate) fn is_whole_zone(&self) -> bool {
        self.hosts.is_empty() && self.subnet.is_none()
    }

    /// "PLC-1 (10.0.1.5), HMI-2 (no IP)", the subnet, or "whole zone".
    pub(crate) fn members_text(&self) -> String {
        if let Some(s) = &self.subnet {
            return format!("subnet {s}");
        }
        if self.hosts.is_empty() {
            return "whole zone".to_owned();
        }
        let v: Vec<String> = self
            .hosts
            .iter()
            .map(|h| {
                if h.ips.is_empty() {
                    format!("{} (no IP)", h.name)
                } else {
                    let ips: Vec<String> = h.ips.iter().map(IpAddr::to_string).collect();
                    format!("{} ({})", h.name, ips.join(", "))
                }
            })
            .collect();
        v.join(", ")
    }
}

/// A boundary device enforcing a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enforcer {
    pub asset: AssetId,
    pub name: String,
}

/// One row of the communication matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowRow {
    /// Stable id: conduit id and the flow's 1-based position, "C3-F2".
    pub id: String,
    pub conduit: ConduitId,
    pub conduit_name: String,
    /// Index of the flow in the conduit's list.
    pub index: usize,
    pub source: End,
    pub destination: End,
    pub transport: Transport,
    /// Destination ports as written ("502", "8530-8531"); empty for all ports or none.
    pub ports: String,
    pub port_ranges: Vec<crate::model::PortRange>,
    /// The catalog's name of the protocol, else the text as entered.
    pub protocol: String,
    /// The catalog id when the protocol is in the catalog.
    pub protocol_id: Option<String>,
    pub authenticates: Option<bool>,
    pub encrypts: Option<bool>,
    /// Who opens the connection: the source, in words.
    pub initiator: String,
    /// The flow's device, else every boundary device on the conduit.
    pub devices: Vec<Enforcer>,
    pub justification: String,
    /// Free text kept from a file before format version 5 ("port: …; initiator: …").
    pub unstructured: String,
}

impl FlowRow {
    pub(crate) fn devices_text(&self) -> String {
        let v: Vec<&str> = self.devices.iter().map(|d| d.name.as_str()).collect();
        v.join(", ")
    }
}

/// Zones and assets by id, built once per call.
struct Index<'a> {
    zones: HashMap<ZoneId, &'a Zone>,
    /// Asset → (zone it sits in, its IPs, its name).
    assets: HashMap<AssetId, (ZoneId, &'a crate::model::Asset)>,
}

impl<'a> Index<'a> {
    fn new(p: &'a Project) -> Index<'a> {
        let mut assets = HashMap::new();
        for z in &p.zones {
            for a in &z.assets {
                assets.entry(a.id).or_insert((z.id, a));
            }
        }
        Index {
            zones: p.zones.iter().map(|z| (z.id, z)).collect(),
            assets,
        }
    }

    fn end(&self, e: &Endpoint) -> End {
        let zone = e.zone.and_then(|z| self.zones.get(&z));
        End {
            zone: e.zone,
            zone_name: zone.map(|z| z.name.clone()).unwrap_or_default(),
            hosts: e
                .assets
                .iter()
                .filter_map(|id| self.assets.get(id))
                .map(|(_, a)| Host {
                    asset: a.id,
                    name: a.name.clone(),
                    ips: a.network.ip_addresses.clone(),
                })
                .collect(),
            subnet: e.subnet.map(|s| s.to_string()),
            sl_t: zone.and_then(|z| z.sl_t),
        }
    }
}

/// The boundary devices of a conduit (catalog flag), in order.
fn boundary_devices<'a>(c: &'a Conduit, catalog: &Catalog) -> Vec<&'a crate::model::Asset> {
    c.devices
        .iter()
        .filter(|d| catalog.component(&d.component).is_some_and(|t| t.boundary))
        .collect()
}

fn row(ix: &Index, catalog: &Catalog, c: &Conduit, index: usize, f: &DataFlow) -> FlowRow {
    let source = ix.end(&f.source);
    let destination = ix.end(&f.destination);
    let protocol = catalog.protocol(&f.protocol);
    let devices = match f.device.and_then(|d| c.devices.iter().find(|a| a.id == d)) {
        Some(d) => vec![d],
        None => boundary_devices(c, catalog),
    }
    .into_iter()
    .map(|d| Enforcer {
        asset: d.id,
        name: d.name.clone(),
    })
    .collect();
    let mut unstructured = Vec::new();
    if !f.port_text.trim().is_empty() {
        unstructured.push(format!("port: {}", f.port_text.trim()));
    }
    if !f.initiator_text.trim().is_empty() {
        unstructured.push(format!("initiator: {}", f.initiator_text.trim()));
    }
    let initiator = if source.hosts.is_empty() {
        source.zone_name.clone()
    } else {
        let v: Vec<&str> = source.hosts.iter().map(|h| h.name.as_str()).collect();
        v.join(", ")
    };
    FlowRow {
        id: format!("{}-F{}", c.id, index + 1),
        conduit: c.id,
        conduit_name: c.name.clone(),
        index,
        transport: f.transport,
        ports: f.ports_label(),
        port_ranges: f.ports.clone(),
        protocol: protocol.map_or_else(|| f.protocol.trim().to_owned(), |p| p.name.clone()),
        protocol_id: protocol.map(|p| p.id.clone()),
        authenticates: protocol.map(|p| p.authenticates),
        encrypts: protocol.map(|p| p.encrypts),
        initiator,
        devices,
        justification: f.justification.clone(),
        unstructured: unstructured.join("; "),
        source,
        destination,
    }
}

/// The communication matrix: one row per flow that is not blank, conduit by conduit in
/// project order, flows in their order.
pub fn matrix(project: &Project, catalog: &Catalog) -> Vec<FlowRow> {
    let ix = Index::new(project);
    let mut out = Vec::new();
    for c in &project.conduits {
        for (i, f) in c.flows.iter().enumerate() {
            if !f.is_blank() {
                out.push(row(&ix, catalog, c, i, f));
            }
        }
    }
    out
}

/// Whether a conduit carries a control or a device of this kind (control id = component id
/// for the boundary devices that implement it).
fn has(c: &Conduit, id: &str) -> bool {
    c.controls.iter().any(|x| x == id) || c.devices.iter().any(|d| d.component == id)
}

/// The findings on flows (codes `FLOW-*` and `CONDUIT-NO-FLOW`), conduit by conduit.
pub(super) fn flow_findings(project: &Project, catalog: &Catalog, rows: &[FlowRow], s: &mut Sink) {
    let ix = Index::new(project);
    let mut rows = rows.iter().peekable();
    for c in &project.conduits {
        let el = ElementRef::Conduit(c.id);
        if c.flows.iter().all(DataFlow::is_blank) {
            s.push(
                FindingCode::ConduitNoFlow,
                el,
                format!("Conduit \"{}\" has no data flow.", c.name),
                "List the flows the conduit carries (source, destination, protocol, ports): they are its contract and the firewall rules follow from them (CRS item h).",
            );
        }
        while let Some(r) = rows.next_if(|r| r.conduit == c.id) {
            if let Some(f) = c.flows.get(r.index) {
                one_flow(&ix, catalog, c, f, r, s);
            }
        }
    }
}

fn one_flow(ix: &Index, catalog: &Catalog, c: &Conduit, f: &DataFlow, r: &FlowRow, s: &mut Sink) {
    let el = ElementRef::Conduit(c.id);
    let what = format!("Flow {} ({}) of conduit \"{}\"", r.id, label(r), c.name);
    // ends in the conduit's zones, one at each end
    let ends = (f.source.zone, f.destination.zone);
    let fits = matches!(ends, (Some(a), Some(b)) if (a == c.from && b == c.to) || (a == c.to && b == c.from));
    let mut outside = Vec::new();
    if !fits {
        outside.push(format!(
            "runs from \"{}\" to \"{}\", not between the conduit's zones",
            zone_word(&r.source),
            zone_word(&r.destination)
        ));
    }
    for (e, end) in [(&f.source, &r.source), (&f.destination, &r.destination)] {
        for a in &e.assets {
            if ix.assets.get(a).map(|(z, _)| Some(*z)) != Some(e.zone) {
                outside.push(format!(
                    "names asset {} which is not in zone \"{}\"",
                    ix.assets
                        .get(a)
                        .map_or_else(|| a.to_string(), |(_, x)| x.name.clone()),
                    zone_word(end)
                ));
            }
        }
    }
    if let Some(d) = f.device
        && !c.devices.iter().any(|x| x.id == d)
    {
        outside.push(format!(
            "is enforced by {d}, which is not a device on the conduit"
        ));
    }
    if !outside.is_empty() {
        s.push(
            FindingCode::FlowOutsideConduit,
            el,
            format!("{what} {}.", outside.join("; ")),
            "Choose the source and destination from the conduit's two zones and their assets, and the enforcing device from the conduit's devices.",
        );
    }
    if c.direction == Direction::OneWay && ends == (Some(c.to), Some(c.from)) {
        s.push(
            FindingCode::FlowAgainstOneWay,
            el,
            format!("{what} is sent from \"{}\" into \"{}\", against the conduit's one-way direction.", zone_word(&r.source), zone_word(&r.destination)),
            "Reverse the flow (the data source initiates across a one-way conduit), or make the conduit two-way and justify it.",
        );
    }
    let any_any = r.source.is_whole_zone() && r.destination.is_whole_zone();
    let all_ports = f.transport == Transport::Any
        || (f.transport.has_ports() && f.ports.is_empty() && f.port_text.trim().is_empty());
    if any_any || all_ports {
        let mut why = Vec::new();
        if any_any {
            why.push("from any host of its zone to any host of the other");
        }
        if all_ports {
            why.push("on every port");
        }
        s.push(
            FindingCode::FlowTooBroad,
            el,
            format!("{what} is allowed {}.", why.join(" and ")),
            "Name the source and destination assets (or a subnet) and the destination ports the flow needs.",
        );
    }
    if let Some(p) = catalog.protocol(&f.protocol) {
        // ICMP carries no application data to protect
        let carries_data = p.transport != Transport::Icmp;
        let sl = |fr: Fr| r.destination.sl_t.map_or(0, |v| v.get(fr));
        let mut weak = Vec::new();
        if !p.encrypts && sl(Fr::Dc) >= 2 {
            weak.push(format!("is not encrypted (SL-T FR4 DC {})", sl(Fr::Dc)));
        }
        if !p.authenticates && sl(Fr::Iac) >= 2 {
            weak.push(format!(
                "does not authenticate (SL-T FR1 IAC {})",
                sl(Fr::Iac)
            ));
        }
        if carries_data && !weak.is_empty() && !has(c, "vpn") && !has(c, "encryption") {
            s.push(
                FindingCode::FlowCleartext,
                el,
                format!(
                    "{what}: {} {} into zone \"{}\".",
                    p.name,
                    weak.join(" and "),
                    r.destination.zone_name
                ),
                "Use the protocol's secured variant, or put the flow through a VPN or link encryption on the conduit (controls vpn, encryption).",
            );
        }
        if p.industrial
            && let (Some(a), Some(b)) = (r.source.sl_t, r.destination.sl_t)
            && a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) >= 2)
            && !has(c, "dpi_firewall")
        {
            s.push(
                FindingCode::FlowNoDpi,
                el,
                format!("{what}: the industrial protocol {} crosses zones whose SL-T differ by 2 or more without deep packet inspection.", p.name),
                "Enforce the flow with an industrial DPI firewall (control dpi_firewall) that allows only the needed function codes.",
            );
        }
    }
    if !r.unstructured.is_empty() {
        s.push(
            FindingCode::FlowUnstructured,
            el,
            format!(
                "{what} keeps free text from an older file that was not understood ({}).",
                r.unstructured
            ),
            "Enter the ports and the source in the flow's fields, then clear the old text.",
        );
    }
}

pub(super) fn label(r: &FlowRow) -> String {
    let mut s = if r.protocol.is_empty() {
        r.transport.label()
    } else {
        r.protocol.clone()
    };
    if !r.ports.is_empty() {
        s.push(' ');
        s.push_str(&r.ports);
    }
    s
}

fn zone_word(e: &End) -> String {
    match (e.zone, e.zone_name.is_empty()) {
        (None, _) => "(no zone)".to_owned(),
        (Some(z), true) => format!("unknown zone {z}"),
        (Some(_), false) => e.zone_name.clone(),
    }
}
