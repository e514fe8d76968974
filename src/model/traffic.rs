//! Observed traffic kept with a project: a bounded summary of what a capture, a Zeek
//! `conn.log` or a flows export showed (the files read, the period, the counts, and one
//! aggregate per source, destination, transport and port), never the packets themselves.

use super::Transport;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// What one or more traffic files showed, aggregated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObservedTraffic {
    /// The names of the files read (no folders), in the order read.
    #[serde(deserialize_with = "crate::file::limits::traffic_sources")]
    pub sources: Vec<String>,
    /// The first and last time seen, in seconds since 1970-01-01 UTC (`None` when no record
    /// carried a time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<i64>,
    /// Records read: log lines, CSV rows or packets.
    pub records: u64,
    /// Records that were not IP traffic or could not be read (ARP, a bad line …).
    pub skipped: u64,
    /// Aggregates left out because the summary holds at most
    /// [`MAX_OBSERVED_FLOWS`](crate::file::limits::MAX_OBSERVED_FLOWS) (the busiest are kept).
    pub flows_left_out: u64,
    /// What the reader had to say: a truncated capture, lines skipped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::file::limits::traffic_notes")]
    pub notes: Vec<String>,
    /// The aggregates, busiest first.
    #[serde(deserialize_with = "crate::file::limits::observed_flows")]
    pub flows: Vec<ObservedFlow>,
}

impl ObservedTraffic {
    pub fn connections(&self) -> u64 {
        self.flows.iter().map(|f| f.connections).sum()
    }

    /// "conn.log, capture.pcapng".
    pub fn sources_text(&self) -> String {
        self.sources.join(", ")
    }

    /// "2024-05-01 10:00 – 2024-05-02 09:59 UTC", or "" when no time was seen.
    pub fn period_text(&self) -> String {
        match (self.first_seen, self.last_seen) {
            (Some(a), Some(b)) => format!("{} – {} UTC", time_text(a), time_text(b)),
            _ => String::new(),
        }
    }
}

/// A time in seconds since 1970 as "2024-05-01 10:00:00" (UTC).
pub fn time_text(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

/// Traffic from one address to another on one transport and destination port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedFlow {
    /// Who opened the connection (the TCP SYN's sender; the sender of datagrams).
    pub source: IpAddr,
    pub destination: IpAddr,
    pub transport: Transport,
    /// The destination port; 0 for transports without ports.
    #[serde(default)]
    pub port: u16,
    #[serde(default)]
    pub connections: u64,
    #[serde(default)]
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<i64>,
}

impl ObservedFlow {
    /// "TCP 502", "UDP 47808", "ICMP".
    pub fn service_text(&self) -> String {
        if self.transport.has_ports() {
            format!("{} {}", self.transport.label(), self.port)
        } else {
            self.transport.label()
        }
    }
}
