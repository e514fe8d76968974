//! The structured data flows of a conduit: source and destination (a zone, named assets or a
//! subnet in a zone), transport, destination ports, application protocol, the boundary device
//! that enforces the flow, and its justification. The source opens the connection (it is the
//! initiator); for UDP and other datagrams it is the sender.

use super::network::Cidr;
use super::{AssetId, ZoneId, text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The transport of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Transport {
    #[default]
    Tcp,
    Udp,
    Icmp,
    /// Another IP protocol, by its number (47 GRE, 50 ESP …).
    Ip(u8),
    /// Every IP protocol: the broadest rule there is.
    Any,
}

impl Transport {
    pub const CHOICES: [Transport; 4] = [
        Transport::Tcp,
        Transport::Udp,
        Transport::Icmp,
        Transport::Any,
    ];

    /// Whether the transport has ports.
    pub(crate) fn has_ports(self) -> bool {
        matches!(self, Transport::Tcp | Transport::Udp)
    }

    pub fn label(self) -> String {
        match self {
            Transport::Tcp => "TCP".into(),
            Transport::Udp => "UDP".into(),
            Transport::Icmp => "ICMP".into(),
            Transport::Ip(n) => format!("IP proto {n}"),
            Transport::Any => "any".into(),
        }
    }
}

/// An inclusive range of ports; `PortRange(502, 502)` is one port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PortRange(pub u16, pub u16);

impl PortRange {
    pub fn one(p: u16) -> PortRange {
        PortRange(p, p)
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == self.1 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{}-{}", self.0, self.1)
        }
    }
}

/// Ports as written in the matrix: "502", "2222, 44818", "1024-65535"; empty for none.
pub(crate) fn ports_text(ports: &[PortRange]) -> String {
    let v: Vec<String> = ports.iter().map(PortRange::to_string).collect();
    v.join(", ")
}

/// Reads "502", "80, 443", "1024-65535" (commas, semicolons or spaces between). `None` when
/// any part is not a port or range (0 is no port; a range runs upwards). An empty text is no
/// ports.
pub(crate) fn parse_ports(text: &str) -> Option<Vec<PortRange>> {
    let mut out = Vec::new();
    for part in text
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let a: u16 = a.parse().ok().filter(|&p| p > 0)?;
        let b: u16 = b.parse().ok().filter(|&p| p >= a)?;
        out.push(PortRange(a, b));
        if out.len() > crate::model::limits::MAX_PORT_RANGES {
            return None;
        }
    }
    Some(out)
}

/// Reads the free text of a flow's port before format version 5: "502", "443/tcp",
/// "514/udp", "8530-8531/tcp", "tcp/102". `None` when it is not that.
pub(crate) fn parse_legacy_port(text: &str) -> Option<(Transport, Vec<PortRange>)> {
    let t = text.trim().to_ascii_lowercase();
    let mut transport = None;
    let mut ports = Vec::new();
    // "102/tcp, 44818/tcp": every part with the same transport
    for part in t.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let (p, tr) = match part.split_once('/') {
            Some((a, b)) if a.trim().chars().all(|c| c.is_ascii_alphabetic()) => (b, Some(a)),
            Some((a, b)) => (a, Some(b)),
            None => (part, None),
        };
        let tr = match tr.map(str::trim) {
            Some("tcp") | None => Transport::Tcp,
            Some("udp") => Transport::Udp,
            Some(_) => return None,
        };
        if transport.is_some_and(|t| t != tr) {
            return None;
        }
        transport = Some(tr);
        ports.extend(parse_ports(p)?);
    }
    let transport = transport?;
    (!ports.is_empty() && ports.len() <= crate::model::limits::MAX_PORT_RANGES)
        .then_some((transport, ports))
}

/// One end of a flow: a zone, some of its assets, or a subnet in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Endpoint {
    /// `None` until it is chosen (a flow read from free text whose end was not a zone).
    pub zone: Option<ZoneId>,
    /// Named assets of the zone; empty = the whole zone (or the subnet).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::endpoint_assets")]
    pub assets: Vec<AssetId>,
    /// A subnet inside the zone, used when no assets are named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<Cidr>,
}

impl Endpoint {
    pub fn zone(zone: ZoneId) -> Endpoint {
        Endpoint {
            zone: Some(zone),
            ..Endpoint::default()
        }
    }

    pub(crate) fn of_assets(zone: ZoneId, assets: Vec<AssetId>) -> Endpoint {
        Endpoint {
            zone: Some(zone),
            assets,
            subnet: None,
        }
    }

    /// The whole zone: neither assets nor a subnet narrow it.
    pub(crate) fn is_whole_zone(&self) -> bool {
        self.assets.is_empty() && self.subnet.is_none()
    }
}

/// One data flow carried by a conduit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataFlow {
    /// Who opens the connection (or sends, for datagrams).
    pub source: Endpoint,
    pub destination: Endpoint,
    pub transport: Transport,
    /// Destination ports; empty with TCP or UDP means every port.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::port_ranges")]
    pub ports: Vec<PortRange>,
    /// A protocol id from the protocol catalog ("modbus_tcp"), or free text.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub protocol: String,
    /// The boundary device on the conduit that enforces the flow (one of its devices); `None`
    /// = every boundary device on the conduit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<AssetId>,
    /// Why the flow is needed.
    #[serde(alias = "description")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub justification: String,
    /// The free-text port of a file before format version 5 that could not be read as
    /// transport and ports; kept so that nothing written is lost.
    #[serde(alias = "port", skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub port_text: String,
    /// The free-text initiator of a file before format version 5 that named neither zone of
    /// the conduit.
    #[serde(alias = "initiator", skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub initiator_text: String,
}

impl DataFlow {
    /// A flow from one zone to another, every field else empty.
    pub fn between(from: ZoneId, to: ZoneId) -> DataFlow {
        DataFlow {
            source: Endpoint::zone(from),
            destination: Endpoint::zone(to),
            ..DataFlow::default()
        }
    }

    /// Nothing but (at most) the zones filled in: a row nobody filled in, which documents no
    /// data flow.
    pub(crate) fn is_blank(&self) -> bool {
        self.source.is_whole_zone()
            && self.destination.is_whole_zone()
            && self.ports.is_empty()
            && self.device.is_none()
            && [
                &self.protocol,
                &self.justification,
                &self.port_text,
                &self.initiator_text,
            ]
            .iter()
            .all(|f| text::is_blank(f))
    }

    /// The ports as the matrix writes them: the structured ones, else the kept free text.
    pub(crate) fn ports_label(&self) -> String {
        if self.ports.is_empty() && !self.port_text.is_empty() {
            return self.port_text.clone();
        }
        ports_text(&self.ports)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_parse_singles_lists_and_ranges() {
        assert_eq!(parse_ports("502"), Some(vec![PortRange::one(502)]));
        assert_eq!(
            parse_ports("2222, 44818"),
            Some(vec![PortRange::one(2222), PortRange::one(44818)])
        );
        assert_eq!(
            parse_ports("1024-65535"),
            Some(vec![PortRange(1024, 65535)])
        );
        assert_eq!(parse_ports(""), Some(vec![]));
        assert_eq!(parse_ports("0"), None);
        assert_eq!(parse_ports("70000"), None);
        assert_eq!(parse_ports("600-500"), None);
        assert_eq!(parse_ports("http"), None);
        assert_eq!(ports_text(&[PortRange(1, 2), PortRange::one(9)]), "1-2, 9");
    }

    #[test]
    fn legacy_ports_with_and_without_transport() {
        assert_eq!(
            parse_legacy_port("443/tcp"),
            Some((Transport::Tcp, vec![PortRange::one(443)]))
        );
        assert_eq!(
            parse_legacy_port("514/UDP"),
            Some((Transport::Udp, vec![PortRange::one(514)]))
        );
        assert_eq!(
            parse_legacy_port("tcp/102"),
            Some((Transport::Tcp, vec![PortRange::one(102)]))
        );
        assert_eq!(
            parse_legacy_port("8530-8531/tcp"),
            Some((Transport::Tcp, vec![PortRange(8530, 8531)]))
        );
        assert_eq!(
            parse_legacy_port("502"),
            Some((Transport::Tcp, vec![PortRange::one(502)]))
        );
        assert_eq!(
            parse_legacy_port("102/tcp, 44818/tcp"),
            Some((
                Transport::Tcp,
                vec![PortRange::one(102), PortRange::one(44818)]
            ))
        );
        assert_eq!(parse_legacy_port("53/udp, 53/tcp"), None);
        assert_eq!(parse_legacy_port("dynamic"), None);
        assert_eq!(parse_legacy_port("443/sctp"), None);
        assert_eq!(parse_legacy_port(""), None);
    }
}
