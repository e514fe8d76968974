//! The communication matrix as a register (XLSX sheet, `--table flows` CSV): one row per row
//! of [`crate::analysis::flows::matrix`], nothing computed here.

use super::tables::{Column, Register, Value};
use crate::analysis::Assessment;
use crate::analysis::flows::FlowRow;
use crate::model::SlVector;

/// "Modbus/TCP — TCP 502", "TCP 8530-8531", "ICMP".
pub(crate) fn service_text(r: &FlowRow) -> String {
    let mut transport = r.transport.label();
    if !r.ports.is_empty() {
        transport = format!("{transport} {}", r.ports);
    } else if r.transport.has_ports() {
        transport = format!("{transport} all ports");
    }
    if r.protocol.is_empty() {
        transport
    } else {
        format!("{} — {transport}", r.protocol)
    }
}

fn yes_no(v: Option<bool>) -> Value {
    Value::Text(match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "unknown".into(),
    })
}

fn sl(v: Option<SlVector>) -> Value {
    Value::Text(v.map_or_else(|| "not set".to_owned(), |t| t.to_string()))
}

const fn col(title: &'static str, width: f64) -> Column {
    Column { title, width }
}

/// The communication matrix register.
pub fn matrix(a: &Assessment) -> Register {
    let columns = vec![
        col("Flow", 9.0),
        col("Source zone", 22.0),
        col("Source assets (IP)", 34.0),
        col("Destination zone", 22.0),
        col("Destination assets (IP)", 34.0),
        col("Transport", 10.0),
        col("Ports", 14.0),
        col("Protocol", 18.0),
        col("Authenticates", 8.0),
        col("Encrypts", 8.0),
        col("Initiator", 22.0),
        col("Conduit", 26.0),
        col("Enforcing device", 22.0),
        col("Justification", 40.0),
        col("SL-T source", 16.0),
        col("SL-T destination", 16.0),
        col("Unread text", 20.0),
    ];
    let rows = a
        .flows
        .iter()
        .map(|r| {
            vec![
                Value::Text(r.id.clone()),
                Value::Text(r.source.zone_name.clone()),
                Value::Text(r.source.members_text()),
                Value::Text(r.destination.zone_name.clone()),
                Value::Text(r.destination.members_text()),
                Value::Text(r.transport.label()),
                Value::Text(if r.ports.is_empty() && r.transport.has_ports() {
                    "all".to_owned()
                } else {
                    r.ports.clone()
                }),
                Value::Text(r.protocol.clone()),
                yes_no(r.authenticates),
                yes_no(r.encrypts),
                Value::Text(r.initiator.clone()),
                Value::Text(r.conduit_name.clone()),
                Value::Text(r.devices_text()),
                Value::Text(r.justification.clone()),
                sl(r.source.sl_t),
                sl(r.destination.sl_t),
                Value::Text(r.unstructured.clone()),
            ]
        })
        .collect();
    Register {
        name: "Flows",
        columns,
        rows,
    }
}
