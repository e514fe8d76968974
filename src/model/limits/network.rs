//! The limits of the asset network fields and of the import settings kept in a project.

use super::*;
use crate::model::network::{ColumnChoice, LevelZone, SubnetZone, TypeChoice, VlanZone, ZoneRule};
use std::net::IpAddr;

/// Most IP addresses of one asset (a router or server with many interfaces).
pub const MAX_IPS_PER_ASSET: usize = 64;
/// Most protocols listed on one asset.
pub const MAX_PROTOCOLS_PER_ASSET: usize = 256;
/// Most free tags on one asset.
pub const MAX_TAGS_PER_ASSET: usize = 256;
/// Most column choices kept in the import settings.
pub const MAX_IMPORT_COLUMNS: usize = 1_024;
/// Most entries of each import table (subnets, VLANs, levels, type choices).
pub const MAX_IMPORT_TABLE: usize = 10_000;

pub(crate) fn ip_addresses<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<IpAddr>, D::Error> {
    seq(
        d,
        list("IP addresses", MAX_IPS_PER_ASSET, "an asset"),
        plain(),
    )
}

pub(crate) fn protocols<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    seq(
        d,
        list("protocols", MAX_PROTOCOLS_PER_ASSET, "an asset"),
        Text { name: false },
    )
}

pub(crate) fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    seq(
        d,
        list("tags", MAX_TAGS_PER_ASSET, "an asset"),
        Text { name: false },
    )
}

/// Why `v` is no VLAN id, naming its owner; `None` when it is one (loading and saving say the same).
pub(crate) fn vlan_problem(v: u16, owner: &str) -> Option<String> {
    (!crate::model::VLAN_IDS.contains(&v))
        .then(|| format!("VLAN {v} of {owner} is not a VLAN id (1–4094)"))
}

fn check_vlan<E: de::Error>(v: u16) -> Result<u16, E> {
    let owner = || current_element().unwrap_or_else(|| "the import settings".to_owned());
    match vlan_problem(v, &owner()) {
        None => Ok(v),
        Some(problem) => Err(E::custom(problem)),
    }
}

pub(crate) fn vlan_id<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    check_vlan(u16::deserialize(d)?)
}

pub(crate) fn vlan<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Option::<u16>::deserialize(d)?.map(check_vlan).transpose()
}

pub(crate) fn import_columns<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<ColumnChoice>, D::Error> {
    let l = list("column choices", MAX_IMPORT_COLUMNS, "the import settings");
    seq(d, l, plain())
}

/// Each rule at most once.
pub(crate) fn zone_rules<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ZoneRule>, D::Error> {
    let l = list("zone rules", ZoneRule::ALL.len(), "the import settings");
    let rules: Vec<ZoneRule> = seq(d, l, plain())?;
    for (i, r) in rules.iter().enumerate() {
        if rules[..i].contains(r) {
            return Err(de::Error::custom(format!(
                "the import settings list the zone rule {r:?} twice"
            )));
        }
    }
    Ok(rules)
}

pub(crate) fn subnet_zones<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SubnetZone>, D::Error> {
    let l = list("subnet rules", MAX_IMPORT_TABLE, "the import settings");
    seq(d, l, plain())
}

pub(crate) fn vlan_zones<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<VlanZone>, D::Error> {
    let l = list("VLAN rules", MAX_IMPORT_TABLE, "the import settings");
    seq(d, l, plain())
}

pub(crate) fn level_zones<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LevelZone>, D::Error> {
    let l = list("level rules", MAX_IMPORT_TABLE, "the import settings");
    seq(d, l, plain())
}

pub(crate) fn type_choices<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<TypeChoice>, D::Error> {
    let l = list("type choices", MAX_IMPORT_TABLE, "the import settings");
    seq(d, l, plain())
}
