//! Zeek `conn.log`, in both of Zeek's formats: TSV with its `#separator` and `#fields`
//! header (`-` unset, `(empty)` empty), and JSON lines with the same keys as Malcolm writes
//! them. One line is one connection; `id.orig_h` opened it.

use super::{Aggregator, Location, Record, TrafficError, parse_time, parse_transport};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::net::IpAddr;

/// Lines that could not be read are skipped and the first few named in the notes; a file
/// none of whose lines can be read is refused with the first problem.
pub(super) struct BadLines {
    first: Option<TrafficError>,
    count: u64,
}

/// How many skipped lines are named in the notes.
const NAMED_BAD_LINES: u64 = 3;

impl BadLines {
    pub(super) fn new() -> BadLines {
        BadLines {
            first: None,
            count: 0,
        }
    }

    pub(super) fn push(&mut self, e: TrafficError, agg: &mut Aggregator) {
        self.count += 1;
        agg.skip();
        if self.count <= NAMED_BAD_LINES {
            agg.note(format!("{e} (skipped)"));
        }
        if self.first.is_none() {
            self.first = Some(e);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// `Err` when lines were bad and none was good.
    pub(super) fn finish(
        self,
        name: &str,
        good: u64,
        agg: &mut Aggregator,
    ) -> Result<(), TrafficError> {
        if self.count > NAMED_BAD_LINES {
            agg.note(format!(
                "{name}: {} lines could not be read and were skipped",
                self.count
            ));
        }
        match self.first {
            Some(e) if good == 0 => Err(e),
            _ => Ok(()),
        }
    }
}

/// Reads lines of at most [`super::MAX_LINE_BYTES`]; `f` gets the line number and the line
/// without its end. A longer line is an error naming it.
pub(super) fn for_each_line(
    name: &str,
    reader: impl Read,
    mut f: impl FnMut(u64, &str) -> Result<(), TrafficError>,
) -> Result<(), TrafficError> {
    let mut r = BufReader::with_capacity(256 * 1024, reader);
    let mut buf = Vec::with_capacity(1024);
    let mut line = 0u64;
    loop {
        buf.clear();
        let n = (&mut r)
            .take(super::MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| TrafficError::at(name, Location::Line(line + 1), e.to_string()))?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        if buf.len() > super::MAX_LINE_BYTES {
            return Err(TrafficError::at(
                name,
                Location::Line(line),
                format!(
                    "the line is longer than {} KB; this is not a log or CSV file",
                    super::MAX_LINE_BYTES / 1024
                ),
            ));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let text = String::from_utf8_lossy(&buf);
        let text = if line == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            &text
        };
        f(line, text)?;
    }
}

pub(super) fn read(
    name: &str,
    reader: impl Read,
    agg: &mut Aggregator,
) -> Result<(), TrafficError> {
    let mut tsv = Tsv::default();
    let mut bad = BadLines::new();
    let mut good = 0u64;
    for_each_line(name, reader, |line, text| {
        let at = |m: String| TrafficError::at(name, Location::Line(line), m);
        if text.trim().is_empty() {
            return Ok(());
        }
        if let Some(header) = text.strip_prefix('#') {
            return tsv.header(header).map_err(at);
        }
        agg.count_record();
        let record = if text.trim_start().starts_with('{') {
            json_record(text)
        } else {
            tsv.record(text)
        };
        match record {
            Ok(r) => {
                good += 1;
                agg.add(r);
                Ok(())
            }
            Err(Problem::Fatal(m)) => Err(at(m)),
            Err(Problem::Line(m)) => {
                bad.push(at(m), agg);
                Ok(())
            }
        }
    })?;
    if good == 0 && bad.is_empty() {
        return Err(TrafficError::file(name, "the log holds no connections"));
    }
    bad.finish(name, good, agg)
}

enum Problem {
    /// The file cannot be read on.
    Fatal(String),
    /// This line is skipped.
    Line(String),
}

/// The header of a TSV log, as far as read.
#[derive(Default)]
struct Tsv {
    separator: Option<String>,
    unset: Option<String>,
    empty: Option<String>,
    /// Column of each field read, once `#fields` was seen.
    columns: Option<Columns>,
}

struct Columns {
    ts: Option<usize>,
    orig_h: usize,
    resp_h: usize,
    resp_p: usize,
    proto: usize,
    orig_bytes: Option<usize>,
    resp_bytes: Option<usize>,
    orig_ip_bytes: Option<usize>,
    resp_ip_bytes: Option<usize>,
    count: usize,
}

/// `\x09` → a tab; other text as it is.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\x") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 4);
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[i + 4..];
            }
            None => {
                out.push_str("\\x");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Tsv {
    fn separator(&self) -> &str {
        self.separator.as_deref().unwrap_or("\t")
    }

    fn header(&mut self, h: &str) -> Result<(), String> {
        if let Some(v) = h.strip_prefix("separator ") {
            let sep = unescape(v.trim_end_matches(['\r', '\n']));
            if sep.is_empty() {
                return Err("the #separator line names no separator".into());
            }
            self.separator = Some(sep);
            return Ok(());
        }
        let (key, value) = match h.split_once(self.separator()) {
            Some(kv) => kv,
            None => (h, ""),
        };
        match key {
            "unset_field" => self.unset = Some(value.to_owned()),
            "empty_field" => self.empty = Some(value.to_owned()),
            "fields" => {
                let names: Vec<&str> = value.split(self.separator()).collect();
                let find = |n: &str| names.iter().position(|x| *x == n);
                let need = |n: &str| {
                    find(n).ok_or_else(|| {
                        format!("the #fields line has no \"{n}\" field; is this a conn.log?")
                    })
                };
                self.columns = Some(Columns {
                    ts: find("ts"),
                    orig_h: need("id.orig_h")?,
                    resp_h: need("id.resp_h")?,
                    resp_p: need("id.resp_p")?,
                    proto: need("proto")?,
                    orig_bytes: find("orig_bytes"),
                    resp_bytes: find("resp_bytes"),
                    orig_ip_bytes: find("orig_ip_bytes"),
                    resp_ip_bytes: find("resp_ip_bytes"),
                    count: names.len(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn record(&self, line: &str) -> Result<Record, Problem> {
        let c = self.columns.as_ref().ok_or_else(|| {
            Problem::Fatal("a connection before the #fields header; is this a Zeek log?".into())
        })?;
        let mut cells: [&str; 128] = [""; 128];
        let mut n = 0;
        for cell in line.split(self.separator()) {
            if n < cells.len() {
                cells[n] = cell;
            }
            n += 1;
        }
        if n != c.count {
            return Err(Problem::Line(format!(
                "{n} fields where the #fields line names {}",
                c.count
            )));
        }
        let unset = self.unset.as_deref().unwrap_or("-");
        let empty = self.empty.as_deref().unwrap_or("(empty)");
        let get = |i: Option<usize>| -> Option<&str> {
            let v = *cells.get(i?)?;
            (v != unset && v != empty && !v.is_empty()).then_some(v)
        };
        let bytes = |i: Option<usize>| get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        let conn = Conn {
            ts: get(c.ts).and_then(parse_time),
            orig_h: get(Some(c.orig_h)).unwrap_or(""),
            resp_h: get(Some(c.resp_h)).unwrap_or(""),
            resp_p: get(Some(c.resp_p)).unwrap_or(""),
            proto: get(Some(c.proto)).unwrap_or(""),
            bytes: (
                bytes(c.orig_bytes) + bytes(c.resp_bytes),
                bytes(c.orig_ip_bytes) + bytes(c.resp_ip_bytes),
            ),
        };
        conn.record().map_err(Problem::Line)
    }
}

/// The fields of one connection, as text.
struct Conn<'a> {
    ts: Option<i64>,
    orig_h: &'a str,
    resp_h: &'a str,
    resp_p: &'a str,
    proto: &'a str,
    /// (payload bytes, IP bytes) of both directions.
    bytes: (u64, u64),
}

impl Conn<'_> {
    fn record(&self) -> Result<Record, String> {
        let ip = |v: &str, what: &str| {
            v.trim()
                .parse::<IpAddr>()
                .map_err(|_| format!("\"{}\" ({what}) is not an IP address", short(v)))
        };
        let source = ip(self.orig_h, "id.orig_h")?;
        let destination = ip(self.resp_h, "id.resp_h")?;
        let transport = parse_transport(self.proto)
            .ok_or_else(|| format!("\"{}\" (proto) is not a transport", short(self.proto)))?;
        let port = if transport.has_ports() {
            self.resp_p
                .trim()
                .parse::<u16>()
                .map_err(|_| format!("\"{}\" (id.resp_p) is not a port", short(self.resp_p)))?
        } else {
            0
        };
        // IP bytes count the headers too: the better measure when Zeek wrote them
        let bytes = if self.bytes.1 > 0 {
            self.bytes.1
        } else {
            self.bytes.0
        };
        Ok(Record {
            source,
            destination,
            transport,
            port,
            connections: 1,
            bytes,
            time: self.ts,
            last: None,
        })
    }
}

/// At most 40 characters of a value, for messages.
fn short(v: &str) -> String {
    crate::file::short(v)
}

/// One JSON line of Zeek (`"id.orig_h": …`); other keys are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonConn {
    ts: Option<serde_json::Value>,
    #[serde(rename = "id.orig_h")]
    orig_h: Option<String>,
    #[serde(rename = "id.resp_h")]
    resp_h: Option<String>,
    #[serde(rename = "id.resp_p")]
    resp_p: Option<serde_json::Value>,
    proto: Option<String>,
    orig_bytes: Option<u64>,
    resp_bytes: Option<u64>,
    orig_ip_bytes: Option<u64>,
    resp_ip_bytes: Option<u64>,
}

fn json_record(line: &str) -> Result<Record, Problem> {
    let j: JsonConn = serde_json::from_str(line)
        .map_err(|e| Problem::Line(format!("not a JSON object of Zeek: {e}")))?;
    let value_text = |v: &Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let missing = |k: &str| Problem::Line(format!("the line has no \"{k}\""));
    let orig_h = j.orig_h.as_deref().ok_or_else(|| missing("id.orig_h"))?;
    let resp_h = j.resp_h.as_deref().ok_or_else(|| missing("id.resp_h"))?;
    let proto = j.proto.as_deref().ok_or_else(|| missing("proto"))?;
    let resp_p = value_text(&j.resp_p);
    let sum = |a: Option<u64>, b: Option<u64>| a.unwrap_or(0).saturating_add(b.unwrap_or(0));
    Conn {
        ts: parse_time(&value_text(&j.ts)),
        orig_h,
        resp_h,
        resp_p: &resp_p,
        proto,
        bytes: (
            sum(j.orig_bytes, j.resp_bytes),
            sum(j.orig_ip_bytes, j.resp_ip_bytes),
        ),
    }
    .record()
    .map_err(Problem::Line)
}
