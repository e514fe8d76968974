//! One data row to an imported device: cells parsed (addresses, MAC, VLAN, level, lists) and
//! the row rejected with its reason when a value is wrong; the device's merge key.

use super::types;
use crate::model::network::{AssetNetwork, ImportField, ImportSettings, MacAddr, PurdueLevel};
use std::net::IpAddr;

/// A device read from one row, before it is merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub row: usize,
    pub name: String,
    /// The name came from a name column (not from the hostname).
    pub name_given: bool,
    /// `Err(value)`: the value had no component type (listed as unmapped).
    pub component: Result<String, String>,
    pub vendor: String,
    pub model: String,
    pub firmware: String,
    pub serial: String,
    pub tag: String,
    pub notes: String,
    pub zone: String,
    pub network: AssetNetwork,
}

/// How a device is recognised again on the next import, best first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Serial(String),
    Mac(MacAddr),
    IpHost(IpAddr, String),
    Name(String),
}

impl Key {
    pub fn describe(&self) -> String {
        match self {
            Key::Serial(s) => format!("serial number {s}"),
            Key::Mac(m) => format!("MAC {m}"),
            Key::IpHost(ip, h) if h.is_empty() => format!("IP {ip}"),
            Key::IpHost(ip, h) => format!("IP {ip} with hostname {h}"),
            Key::Name(n) => format!("name {n}"),
        }
    }
}

/// The keys of a device or asset, best first: serial, MAC, first IP with hostname, name.
pub fn keys(serial: &str, network: &AssetNetwork, name: &str) -> Vec<Key> {
    let mut k = Vec::with_capacity(4);
    if !serial.trim().is_empty() {
        k.push(Key::Serial(serial.trim().to_uppercase()));
    }
    if let Some(m) = network.mac {
        k.push(Key::Mac(m));
    }
    if let Some(ip) = network.ip_addresses.first() {
        k.push(Key::IpHost(*ip, network.hostname.trim().to_lowercase()));
    }
    k.push(Key::Name(name.trim().to_lowercase()));
    k
}

/// Values are separated by these in list cells ("10.0.0.1; 10.0.0.2", one per line …).
fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

const NO_VALUE: [&str; 6] = ["-", "–", "n/a", "na", "none", "unknown"];

fn blank(s: &str) -> bool {
    s.is_empty() || NO_VALUE.iter().any(|n| s.eq_ignore_ascii_case(n))
}

fn join(into: &mut String, value: &str) {
    if value.is_empty() {
        return;
    }
    if !into.is_empty() {
        into.push_str("; ");
    }
    into.push_str(value);
}

/// Parses one row; `Err` is the reason it is rejected.
pub fn parse(
    row: usize,
    cells: &[String],
    fields: &[ImportField],
    settings: &ImportSettings,
) -> Result<Device, String> {
    let mut d = Device {
        row,
        name: String::new(),
        name_given: false,
        component: Err(String::new()),
        vendor: String::new(),
        model: String::new(),
        firmware: String::new(),
        serial: String::new(),
        tag: String::new(),
        notes: String::new(),
        zone: String::new(),
        network: AssetNetwork::default(),
    };
    let mut type_values: Vec<&str> = Vec::new();
    for (cell, field) in cells.iter().zip(fields) {
        let v = cell.as_str();
        match field {
            ImportField::Ignore => {}
            ImportField::Name => d.name = v.to_owned(),
            ImportField::Hostname => d.network.hostname = v.to_owned(),
            ImportField::IpAddresses => {
                for part in split_list(v).flat_map(str::split_whitespace) {
                    let ip: IpAddr = part
                        .parse()
                        .map_err(|_| format!("bad IP address \"{}\"", crate::file::short(part)))?;
                    if !d.network.ip_addresses.contains(&ip) {
                        d.network.ip_addresses.push(ip);
                    }
                }
                let max = crate::file::limits::MAX_IPS_PER_ASSET;
                if d.network.ip_addresses.len() > max {
                    return Err(format!("more than {max} IP addresses"));
                }
            }
            ImportField::Mac => {
                // several MACs (one device, several ports): the first is kept
                if d.network.mac.is_none()
                    && let Some(first) = split_list(v).next().filter(|s| !blank(s))
                {
                    d.network.mac = Some(MacAddr::parse(first).ok_or_else(|| {
                        format!("bad MAC address \"{}\"", crate::file::short(first))
                    })?);
                }
            }
            ImportField::Vlan => {
                if let Some(first) = split_list(v).next().filter(|s| !blank(s)) {
                    let vlan = first
                        .parse::<u16>()
                        .ok()
                        .filter(|n| crate::model::VLAN_IDS.contains(n))
                        .ok_or_else(|| {
                            format!("bad VLAN \"{}\" (1–4094)", crate::file::short(first))
                        })?;
                    d.network.vlan = Some(vlan);
                }
            }
            ImportField::Vendor => d.vendor = v.to_owned(),
            ImportField::Model => d.model = v.to_owned(),
            ImportField::Firmware => d.firmware = v.to_owned(),
            ImportField::Serial => {
                d.serial = if blank(v) {
                    String::new()
                } else {
                    v.to_owned()
                }
            }
            ImportField::Type => type_values.push(v),
            ImportField::PurdueLevel => {
                if !blank(v) {
                    d.network.purdue_level = Some(PurdueLevel::parse(v).ok_or_else(|| {
                        format!(
                            "bad Purdue level \"{}\" (0–5, 3.5 or DMZ)",
                            crate::file::short(v)
                        )
                    })?);
                }
            }
            ImportField::Protocols => {
                for p in split_list(v) {
                    if !d.network.protocols.iter().any(|x| x == p) {
                        d.network.protocols.push(p.to_owned());
                    }
                }
            }
            // OT exports list every zone the device is in: the first is its zone
            ImportField::Zone => {
                if d.zone.is_empty() {
                    d.zone = split_list(v).next().unwrap_or_default().to_owned();
                }
            }
            ImportField::Building => d.network.building = v.to_owned(),
            ImportField::Cabinet => d.network.cabinet = v.to_owned(),
            ImportField::Tags => {
                for t in split_list(v) {
                    if !d.network.tags.iter().any(|x| x == t) {
                        d.network.tags.push(t.to_owned());
                    }
                }
            }
            ImportField::Tag => d.tag = v.to_owned(),
            ImportField::Notes => join(&mut d.notes, v),
        }
    }
    if d.network.protocols.len() > crate::file::limits::MAX_PROTOCOLS_PER_ASSET
        || d.network.tags.len() > crate::file::limits::MAX_TAGS_PER_ASSET
    {
        return Err("too many protocols or tags".into());
    }
    d.name_given = !d.name.is_empty();
    if d.name.is_empty() {
        // OT monitoring exports often name a device by its hostname only
        d.name = d.network.hostname.clone();
    }
    if d.name.is_empty() {
        return Err("empty name".into());
    }
    d.component = types::classify(&type_values, &d.model, settings);
    Ok(d)
}
