//! The asset list of `check --format json`: every asset with its zone or conduit and its
//! identity and network fields (added with file format 3; the other keys are unchanged).

use crate::model::{AssetParent, Project};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct JsonAsset<'a> {
    id: String,
    name: &'a str,
    component: &'a str,
    /// "zone" or "conduit".
    parent_kind: &'static str,
    parent: String,
    parent_name: &'a str,
    vendor: &'a str,
    model: &'a str,
    firmware: &'a str,
    tag: &'a str,
    serial_number: &'a str,
    criticality: &'static str,
    hostname: &'a str,
    ip_addresses: Vec<String>,
    mac: Option<String>,
    vlan: Option<u16>,
    purdue_level: Option<&'static str>,
    protocols: &'a [String],
    building: &'a str,
    cabinet: &'a str,
    tags: &'a [String],
}

pub(super) fn json(project: &Project) -> Vec<JsonAsset<'_>> {
    project
        .all_assets()
        .map(|(a, parent)| {
            let (parent_kind, parent, parent_name) = match parent {
                AssetParent::Zone(id) => (
                    "zone",
                    id.to_string(),
                    project.zone(id).map_or("", |z| z.name.as_str()),
                ),
                AssetParent::Conduit(id) => (
                    "conduit",
                    id.to_string(),
                    project.conduit(id).map_or("", |c| c.name.as_str()),
                ),
            };
            let n = &a.network;
            JsonAsset {
                id: a.id.to_string(),
                name: &a.name,
                component: &a.component,
                parent_kind,
                parent,
                parent_name,
                vendor: &a.vendor,
                model: &a.model,
                firmware: &a.firmware,
                tag: &a.tag,
                serial_number: &a.serial_number,
                criticality: a.criticality.label(),
                hostname: &n.hostname,
                ip_addresses: n.ip_addresses.iter().map(|i| i.to_string()).collect(),
                mac: n.mac.map(|m| m.to_string()),
                vlan: n.vlan,
                purdue_level: n.purdue_level.map(|l| l.label()),
                protocols: &n.protocols,
                building: &n.building,
                cabinet: &n.cabinet,
                tags: &n.tags,
            }
        })
        .collect()
}
