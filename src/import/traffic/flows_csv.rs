//! A flows CSV as OT-monitoring platforms export it: one row per flow with source and
//! destination IP, transport or protocol, destination port, connections, packets or bytes,
//! first and last seen. Headers are recognised as in the inventory import (case, spaces and
//! punctuation ignored, common synonyms); `,`, `;` or tab between cells.

use super::zeek::{BadLines, for_each_line};
use super::{Aggregator, Location, Record, TrafficError, parse_time, parse_transport};
use crate::import::mapping::normalise;
use crate::model::Transport;
use std::io::Read;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Source,
    Destination,
    Port,
    Transport,
    Connections,
    Bytes,
    Packets,
    First,
    Last,
}

const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Source,
        &[
            "sourceip",
            "srcip",
            "source",
            "src",
            "sourceaddress",
            "srcaddr",
            "sourceipaddress",
            "clientip",
            "client",
            "initiatorip",
            "initiator",
            "origh",
            "idorigh",
            "ipsrc",
        ],
    ),
    (
        Field::Destination,
        &[
            "destinationip",
            "dstip",
            "destination",
            "dst",
            "destinationaddress",
            "dstaddr",
            "destaddr",
            "destip",
            "destinationipaddress",
            "serverip",
            "server",
            "responderip",
            "responder",
            "resph",
            "idresph",
            "ipdst",
        ],
    ),
    (
        Field::Port,
        &[
            "destinationport",
            "dstport",
            "destport",
            "dport",
            "port",
            "serverport",
            "responderport",
            "respp",
            "idrespp",
            "service port",
        ],
    ),
    (
        Field::Transport,
        &[
            "transport",
            "proto",
            "protocol",
            "ipprotocol",
            "l4protocol",
            "transportprotocol",
            "applicationprotocol",
            "application",
            "service",
        ],
    ),
    (
        Field::Connections,
        &[
            "connections",
            "connectioncount",
            "conncount",
            "sessions",
            "flows",
            "count",
        ],
    ),
    (
        Field::Bytes,
        &[
            "bytes",
            "totalbytes",
            "bytecount",
            "octets",
            "volume",
            "size",
        ],
    ),
    (
        Field::Packets,
        &["packets", "pkts", "packetcount", "totalpackets"],
    ),
    (
        Field::First,
        &[
            "firstseen",
            "first",
            "start",
            "starttime",
            "firsttime",
            "begin",
            "ts",
            "timestamp",
        ],
    ),
    (
        Field::Last,
        &["lastseen", "last", "end", "endtime", "lasttime", "stop"],
    ),
];

fn field_of(header: &str) -> Option<Field> {
    let h = normalise(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.iter().any(|n| normalise(n) == h))
        .map(|(f, _)| *f)
}

/// The cell separator: the one of `,`, `;` and tab that the header line holds most of.
fn delimiter(header: &str) -> char {
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())
        .unwrap_or(',')
}

/// Splits one CSV line (quotes with doubled quotes inside; no line breaks in cells).
fn cells(line: &str, delim: char, out: &mut Vec<String>) {
    out.clear();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delim && !quoted => out.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    out.push(cell);
}

/// The transport (and the protocol's default port) of a cell: "TCP", "17", or a protocol of
/// the catalog ("Modbus/TCP", "S7comm").
fn transport_of(value: &str) -> Option<(Transport, Option<u16>)> {
    if let Some(t) = parse_transport(value) {
        return Some((t, None));
    }
    let catalog = crate::catalog::Catalog::embedded();
    let p = crate::catalog::protocols::find(&catalog.protocols, value)?;
    Some((p.transport, p.ports.first().map(|r| r.0)))
}

pub(super) fn read(
    name: &str,
    reader: impl Read,
    agg: &mut Aggregator,
) -> Result<(), TrafficError> {
    let mut columns: Option<(char, Vec<Option<Field>>)> = None;
    let mut bad = BadLines::new();
    let mut good = 0u64;
    let mut row = Vec::new();
    for_each_line(name, reader, |line, text| {
        let at = |m: String| TrafficError::at(name, Location::Line(line), m);
        if text.trim().is_empty() {
            return Ok(());
        }
        let Some((delim, fields)) = &columns else {
            let d = delimiter(text);
            cells(text, d, &mut row);
            let fields: Vec<Option<Field>> = row.iter().map(|h| field_of(h)).collect();
            for (need, what) in [
                (Field::Source, "source IP"),
                (Field::Destination, "destination IP"),
            ] {
                if !fields.contains(&Some(need)) {
                    return Err(at(format!(
                        "no {what} column among the headers ({}); expected e.g. \"source_ip\", \"destination_ip\", \"protocol\", \"port\"",
                        crate::file::short(text)
                    )));
                }
            }
            columns = Some((d, fields));
            return Ok(());
        };
        agg.count_record();
        cells(text, *delim, &mut row);
        match csv_record(fields, &row) {
            Ok(r) => {
                good += 1;
                agg.add(r);
            }
            Err(m) => bad.push(at(m), agg),
        }
        Ok(())
    })?;
    if columns.is_none() || (good == 0 && bad.is_empty()) {
        return Err(TrafficError::file(name, "the file holds no flows"));
    }
    bad.finish(name, good, agg)
}

fn csv_record(fields: &[Option<Field>], row: &[String]) -> Result<Record, String> {
    let get = |f: Field| -> &str {
        fields
            .iter()
            .position(|x| *x == Some(f))
            .and_then(|i| row.get(i))
            .map_or("", |s| s.trim())
    };
    let ip = |f: Field, what: &str| {
        let v = get(f);
        v.parse::<IpAddr>().map_err(|_| {
            format!(
                "\"{}\" ({what}) is not an IP address",
                crate::file::short(v)
            )
        })
    };
    let source = ip(Field::Source, "source")?;
    let destination = ip(Field::Destination, "destination")?;
    let t = get(Field::Transport);
    let port_cell = get(Field::Port);
    // "502/tcp" in the port column says both
    let (port_text, transport_text) = match port_cell.split_once('/') {
        Some((p, tr)) if t.is_empty() => (p.trim(), tr.trim()),
        _ => (port_cell, t),
    };
    let (transport, default_port) = if transport_text.is_empty() {
        (Transport::Tcp, None)
    } else {
        transport_of(transport_text).ok_or_else(|| {
            format!(
                "\"{}\" is neither a transport (TCP, UDP, ICMP) nor a protocol of the catalog",
                crate::file::short(transport_text)
            )
        })?
    };
    let port = if !transport.has_ports() {
        0
    } else if port_text.is_empty() {
        default_port.ok_or("the row has no destination port")?
    } else {
        port_text
            .parse::<u16>()
            .map_err(|_| format!("\"{}\" is not a port", crate::file::short(port_text)))?
    };
    let number = |f: Field| -> Result<Option<u64>, String> {
        let v = get(f).replace([' ', '\u{a0}'], "");
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<u64>()
            .map(Some)
            .map_err(|_| format!("\"{}\" is not a count", crate::file::short(&v)))
    };
    let connections = number(Field::Connections)?.unwrap_or(1);
    let bytes = number(Field::Bytes)?.unwrap_or(0);
    // packets are checked like the other counts, but the summary keeps bytes and connections
    number(Field::Packets)?;
    let time = |f: Field| -> Result<Option<i64>, String> {
        let v = get(f);
        if v.is_empty() {
            return Ok(None);
        }
        parse_time(v)
            .map(Some)
            .ok_or_else(|| format!("\"{}\" is not a time", crate::file::short(v)))
    };
    Ok(Record {
        source,
        destination,
        transport,
        port,
        connections,
        bytes,
        time: time(Field::First)?,
        last: time(Field::Last)?,
    })
}
