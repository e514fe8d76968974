//! Observed traffic read from files, UI-free and streamed with bounded memory: Zeek `conn.log`
//! (TSV with its `#fields` header, or JSON lines), a flows CSV as OT-monitoring platforms
//! export it, and pcap / pcapng captures. Every reader feeds one [`Aggregator`], which keeps
//! one entry per (source, destination, transport, port) and at most [`MAX_AGGREGATES`] of
//! them, so memory does not grow with the file; [`Aggregator::finish`] gives the summary a
//! project keeps.

mod capture;
mod flows_csv;
pub mod wire;
mod zeek;

use crate::model::Transport;
use crate::model::traffic::{ObservedFlow, ObservedTraffic};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;

/// Most distinct (source, destination, transport, port) entries held while reading; records of
/// further entries are counted and left out.
pub const MAX_AGGREGATES: usize = 200_000;
/// Longest line of a log or CSV file read, in bytes.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Most files read into one summary.
pub const MAX_FILES: usize = crate::file::limits::MAX_TRAFFIC_SOURCES;

/// Where in a file something is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// 1-based line of a log or CSV file.
    Line(u64),
    /// Byte offset in a capture.
    Offset(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Offset(n) => write!(f, "byte offset {n}"),
        }
    }
}

/// Why a traffic file cannot be read: the file, where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrafficError {
    pub file: String,
    pub at: Option<Location>,
    pub message: String,
}

impl TrafficError {
    pub fn file(file: &str, message: impl Into<String>) -> TrafficError {
        TrafficError {
            file: file.to_owned(),
            at: None,
            message: message.into(),
        }
    }

    pub fn at(file: &str, at: Location, message: impl Into<String>) -> TrafficError {
        TrafficError {
            file: file.to_owned(),
            at: Some(at),
            message: message.into(),
        }
    }
}

impl fmt::Display for TrafficError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}: {at}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for TrafficError {}

/// The kinds of traffic file, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    ZeekTsv,
    ZeekJson,
    FlowsCsv,
    Pcap,
    PcapNg,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::ZeekTsv => "Zeek conn.log (TSV)",
            Format::ZeekJson => "Zeek conn.log (JSON lines)",
            Format::FlowsCsv => "flows CSV",
            Format::Pcap => "pcap capture",
            Format::PcapNg => "pcapng capture",
        }
    }

    /// The format of a file starting with `head`.
    pub fn detect(head: &[u8]) -> Format {
        const PCAP_MAGICS: [[u8; 4]; 4] = [
            [0xd4, 0xc3, 0xb2, 0xa1],
            [0xa1, 0xb2, 0xc3, 0xd4],
            [0x4d, 0x3c, 0xb2, 0xa1],
            [0xa1, 0xb2, 0x3c, 0x4d],
        ];
        if head.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
            return Format::PcapNg;
        }
        if head.len() >= 4 && PCAP_MAGICS.iter().any(|m| head[..4] == *m) {
            return Format::Pcap;
        }
        let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = text
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&[][..], |i| &text[i..]);
        if start.starts_with(b"#separator") || start.starts_with(b"#fields") {
            Format::ZeekTsv
        } else if start.starts_with(b"{") {
            Format::ZeekJson
        } else {
            Format::FlowsCsv
        }
    }
}

/// One connection (or flow record, or packet) as a reader hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub source: IpAddr,
    pub destination: IpAddr,
    pub transport: Transport,
    pub port: u16,
    /// Connections this record stands for (a log line: 1; a CSV row: its count; a packet
    /// that opens nothing: 0).
    pub connections: u64,
    pub bytes: u64,
    /// Seconds since 1970 (UTC).
    pub time: Option<i64>,
    /// For a CSV row, its last time (its first is `time`).
    pub last: Option<i64>,
}

type Key = (IpAddr, IpAddr, Transport, u16);

#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    connections: u64,
    bytes: u64,
    first: Option<i64>,
    last: Option<i64>,
}

fn min_time(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_time(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Sums records into one entry per (source, destination, transport, port), at most
/// [`MAX_AGGREGATES`] of them.
#[derive(Debug, Default)]
pub struct Aggregator {
    map: HashMap<Key, Agg>,
    sources: Vec<String>,
    records: u64,
    skipped: u64,
    /// Records whose entry did not fit.
    overflow: u64,
    notes: Vec<String>,
}

impl Aggregator {
    pub fn new() -> Aggregator {
        Aggregator::default()
    }

    /// Counts one record read (whatever it held).
    pub fn count_record(&mut self) {
        self.records += 1;
    }

    /// Counts one record that was not IP traffic or could not be read.
    pub fn skip(&mut self) {
        self.skipped += 1;
    }

    /// Something the user should know about a file (kept in the summary).
    pub fn note(&mut self, note: String) {
        if self.notes.len() < crate::file::limits::MAX_TRAFFIC_SOURCES {
            self.notes.push(note);
        }
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    pub fn records(&self) -> u64 {
        self.records
    }

    /// Adds a record to its entry.
    pub fn add(&mut self, r: Record) {
        let key = (r.source, r.destination, r.transport, r.port);
        let len = self.map.len();
        let agg = match self.map.get_mut(&key) {
            Some(a) => a,
            None if len >= MAX_AGGREGATES => {
                self.overflow += 1;
                return;
            }
            None => self.map.entry(key).or_default(),
        };
        agg.connections = agg.connections.saturating_add(r.connections);
        agg.bytes = agg.bytes.saturating_add(r.bytes);
        agg.first = min_time(agg.first, r.time);
        agg.last = max_time(agg.last, r.last.or(r.time));
    }

    /// Whether an entry exists for this key (a capture's reply packets find their connection).
    fn has(&self, key: &Key) -> bool {
        self.map.contains_key(key)
    }

    /// Adds bytes (and the time) of a packet to an existing entry.
    fn add_bytes(&mut self, key: &Key, bytes: u64, time: Option<i64>) {
        if let Some(a) = self.map.get_mut(key) {
            a.bytes = a.bytes.saturating_add(bytes);
            a.first = min_time(a.first, time);
            a.last = max_time(a.last, time);
        }
    }

    /// The summary a project keeps: the busiest [`MAX_OBSERVED_FLOWS`] entries (by
    /// connections, then bytes), the period and the counts.
    ///
    /// [`MAX_OBSERVED_FLOWS`]: crate::file::limits::MAX_OBSERVED_FLOWS
    pub fn finish(self) -> ObservedTraffic {
        let mut flows: Vec<ObservedFlow> = self
            .map
            .into_iter()
            .map(|((source, destination, transport, port), a)| ObservedFlow {
                source,
                destination,
                transport,
                port,
                connections: a.connections,
                bytes: a.bytes,
                first_seen: a.first,
                last_seen: a.last,
            })
            .collect();
        flows.sort_by(|a, b| {
            b.connections
                .cmp(&a.connections)
                .then(b.bytes.cmp(&a.bytes))
                .then_with(|| {
                    (a.source, a.destination, a.port).cmp(&(b.source, b.destination, b.port))
                })
                .then_with(|| a.transport.label().cmp(&b.transport.label()))
        });
        let max = crate::file::limits::MAX_OBSERVED_FLOWS;
        let mut left_out = self.overflow;
        if flows.len() > max {
            left_out += (flows.len() - max) as u64;
            flows.truncate(max);
        }
        let mut notes = self.notes;
        if self.overflow > 0 && notes.len() < crate::file::limits::MAX_TRAFFIC_SOURCES {
            notes.push(format!(
                "{} records of pairs beyond the first {} were left out",
                self.overflow, MAX_AGGREGATES
            ));
        }
        ObservedTraffic {
            sources: self.sources,
            first_seen: flows.iter().filter_map(|f| f.first_seen).min(),
            last_seen: flows.iter().filter_map(|f| f.last_seen).max(),
            records: self.records,
            skipped: self.skipped,
            flows_left_out: left_out,
            notes,
            flows,
        }
    }
}

/// The file name of a path, without its folders.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads one traffic file into `agg`, its format told by its first bytes. A truncated capture
/// is read up to the break and says so in a note; other damage is an error naming the line
/// or byte offset, and then `agg` must be dropped (it may hold part of the file).
pub fn read_into(path: &Path, agg: &mut Aggregator) -> Result<Format, TrafficError> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| TrafficError::file(&name, e.to_string()))?;
    if !meta.is_file() {
        return Err(TrafficError::file(&name, "not a file"));
    }
    let mut file =
        std::fs::File::open(path).map_err(|e| TrafficError::file(&name, e.to_string()))?;
    let mut head = [0u8; 64];
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(TrafficError::file(&name, e.to_string())),
        }
    }
    if n == 0 {
        return Err(TrafficError::file(&name, "the file is empty"));
    }
    let format = Format::detect(&head[..n]);
    let reader = std::io::Cursor::new(head[..n].to_vec()).chain(file);
    read_from(&name, format, reader, agg)?;
    if agg.sources.len() < MAX_FILES {
        agg.sources.push(name);
    }
    Ok(format)
}

/// Reads traffic of a known format from any reader (the tests and benchmarks read memory).
pub fn read_from(
    name: &str,
    format: Format,
    reader: impl Read + Send,
    agg: &mut Aggregator,
) -> Result<(), TrafficError> {
    match format {
        Format::ZeekTsv | Format::ZeekJson => zeek::read(name, reader, agg),
        Format::FlowsCsv => flows_csv::read(name, reader, agg),
        Format::Pcap | Format::PcapNg => capture::read(name, reader, agg),
    }
}

/// Reads traffic files into one summary. Any file that cannot be read fails the whole read
/// (nothing half-read is kept).
pub fn read_paths(paths: &[&Path]) -> Result<ObservedTraffic, TrafficError> {
    if paths.len() > MAX_FILES {
        return Err(TrafficError::file(
            "",
            format!("at most {MAX_FILES} traffic files are read at once"),
        ));
    }
    let mut agg = Aggregator::new();
    for p in paths {
        read_into(p, &mut agg)?;
    }
    Ok(agg.finish())
}

/// Reads a time: seconds since 1970 (with a fraction; milliseconds when it is that large) or
/// an ISO 8601 / "YYYY-MM-DD HH:MM:SS" time (UTC unless it says otherwise).
pub fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() || t == "-" {
        return None;
    }
    if let Ok(v) = t.parse::<f64>() {
        if !v.is_finite() || v < 0.0 {
            return None;
        }
        // after 5138 as seconds: it is milliseconds
        let s = if v > 1.0e11 { v / 1000.0 } else { v };
        return Some(s as i64);
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    let civil = t.replacen(' ', "T", 1);
    civil
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_second())
}

/// A transport named in a log or CSV: "tcp", "UDP", "6", "17", "icmp", "ipv6-icmp".
pub fn parse_transport(text: &str) -> Option<Transport> {
    let t = text.trim().to_ascii_lowercase();
    Some(match t.as_str() {
        "tcp" | "6" => Transport::Tcp,
        "udp" | "17" => Transport::Udp,
        "icmp" | "1" | "icmpv6" | "ipv6-icmp" | "icmp6" | "58" => Transport::Icmp,
        _ => match t.parse::<u8>() {
            Ok(n) => Transport::Ip(n),
            Err(_) => return None,
        },
    })
}

#[cfg(test)]
mod tests;
