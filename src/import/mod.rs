//! Asset inventory import from CSV and XLSX, UI-free: reading the table (`table`, `xlsx`),
//! the column mapping (`mapping`), component types (`types`), one row to a device (`rows`),
//! zone rules and layout (`zones`), and the merge into a project as one previewed change
//! (`merge`, planned by `command::import`); a filled-in compliance matrix read back
//! (`compliance`). The mapping file of the command line is read here too.

pub mod compliance;
pub mod mapping;
pub mod merge;
pub mod rows;
pub mod table;
pub mod traffic;
pub mod types;
pub mod workbook;
mod xlsx;
pub mod zones;

pub use merge::{Added, Changed, Preview, Rejected, plan, thousands};
pub(crate) use table::read_path_counting;
pub use table::{
    MAX_CELL_BYTES, MAX_COLUMNS, MAX_INPUT_BYTES, MAX_ROWS, Table, read_bytes, read_path,
};

use crate::model::network::{
    Cidr, ColumnChoice, ImportSettings, LevelZone, PurdueLevel, SubnetZone, TypeChoice, VlanZone,
    ZoneRule,
};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Why an inventory (or a mapping file) cannot be imported: the file, the row when one is to
/// blame, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub row: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub fn file(file: &str, message: String) -> Self {
        ImportError {
            file: file.to_owned(),
            row: None,
            message,
        }
    }

    pub fn row(file: &str, row: usize, message: String) -> Self {
        ImportError {
            file: file.to_owned(),
            row: Some(row),
            message,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(r) => write!(f, "{}: row {r}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Largest mapping file read.
pub const MAX_MAPPING_BYTES: u64 = 1024 * 1024;

/// A mapping file (JSON); every part optional, each given part replaces the project's.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    columns: Option<BTreeMap<String, String>>,
    rules: Option<Vec<String>>,
    subnets: Option<BTreeMap<String, String>>,
    vlans: Option<BTreeMap<String, String>>,
    levels: Option<BTreeMap<String, String>>,
    types: Option<BTreeMap<String, String>>,
}

fn rule_from_str(s: &str) -> Option<ZoneRule> {
    Some(match mapping::normalise(s).as_str() {
        "zonecolumn" | "zone" => ZoneRule::ZoneColumn,
        "subnet" | "cidr" => ZoneRule::Subnet,
        "vlan" => ZoneRule::Vlan,
        "purduelevel" | "level" => ZoneRule::PurdueLevel,
        _ => return None,
    })
}

/// Reads a mapping file and lays it over `base` (the project's settings).
pub(crate) fn read_mapping(
    path: &Path,
    base: &ImportSettings,
) -> Result<ImportSettings, ImportError> {
    let name = path.display().to_string();
    let err = |m: String| ImportError::file(&name, m);
    let meta = std::fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if !meta.is_file() || meta.len() > MAX_MAPPING_BYTES {
        return Err(err(format!(
            "not a mapping file (a regular file of at most {} KB is read)",
            MAX_MAPPING_BYTES / 1024
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    parse_mapping(&name, &text, base)
}

/// Parses the text of a mapping file (see `docs/import.md`).
pub fn parse_mapping(
    name: &str,
    text: &str,
    base: &ImportSettings,
) -> Result<ImportSettings, ImportError> {
    let err = |m: String| ImportError::file(name, m);
    let f: MappingFile =
        serde_json::from_str(text).map_err(|e| err(format!("not a mapping file: {e}")))?;
    let max = crate::file::limits::MAX_IMPORT_TABLE;
    let sizes = [
        f.columns.as_ref().map_or(0, BTreeMap::len),
        f.subnets.as_ref().map_or(0, BTreeMap::len),
        f.vlans.as_ref().map_or(0, BTreeMap::len),
        f.levels.as_ref().map_or(0, BTreeMap::len),
        f.types.as_ref().map_or(0, BTreeMap::len),
    ];
    if sizes.iter().any(|&n| n > max)
        || f.columns
            .as_ref()
            .is_some_and(|c| c.len() > crate::file::limits::MAX_IMPORT_COLUMNS)
    {
        return Err(err(format!(
            "a table has more than {max} entries (the limit)"
        )));
    }
    let mut s = base.clone();
    if let Some(cols) = f.columns {
        s.columns = cols
            .into_iter()
            .map(|(header, field)| {
                mapping::field_from_str(&field)
                    .map(|field| ColumnChoice { header: header.clone(), field })
                    .ok_or_else(|| err(format!("column \"{header}\": \"{field}\" is not a field (name, hostname, ip, mac, vlan, vendor, model, firmware, serial, type, level, protocols, zone, building, cabinet, tags, tag, notes, ignore)")))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(rules) = f.rules {
        let mut out = Vec::new();
        for r in rules {
            let rule = rule_from_str(&r).ok_or_else(|| {
                err(format!(
                    "\"{r}\" is not a zone rule (zone_column, subnet, vlan, purdue_level)"
                ))
            })?;
            if out.contains(&rule) {
                return Err(err(format!("the rule \"{r}\" is listed twice")));
            }
            out.push(rule);
        }
        s.rules = out;
    }
    if let Some(subnets) = f.subnets {
        s.subnets = subnets
            .into_iter()
            .map(|(cidr, zone)| {
                Cidr::parse(&cidr)
                    .map(|subnet| SubnetZone { subnet, zone })
                    .ok_or_else(|| err(format!("\"{cidr}\" is not a subnet (e.g. 10.1.20.0/24)")))
            })
            .collect::<Result<_, _>>()?;
        // the most specific subnet first
        s.subnets
            .sort_by_key(|z| std::cmp::Reverse(z.subnet.prefix));
    }
    if let Some(vlans) = f.vlans {
        s.vlans = vlans
            .into_iter()
            .map(|(v, zone)| {
                v.trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|n| crate::model::VLAN_IDS.contains(n))
                    .map(|vlan| VlanZone { vlan, zone })
                    .ok_or_else(|| err(format!("\"{v}\" is not a VLAN id (1–4094)")))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(levels) = f.levels {
        s.levels = levels
            .into_iter()
            .map(|(l, zone)| {
                PurdueLevel::parse(&l)
                    .map(|level| LevelZone { level, zone })
                    .ok_or_else(|| err(format!("\"{l}\" is not a Purdue level (0–5, 3.5)")))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(types) = f.types {
        s.types = types
            .into_iter()
            .map(|(value, component)| TypeChoice { value, component })
            .collect();
    }
    for t in &s.types {
        if crate::catalog::Catalog::embedded()
            .component(&t.component)
            .is_none()
        {
            return Err(err(format!(
                "type \"{}\": \"{}\" is not a component type of the catalog (see `zonewright catalog`)",
                t.value, t.component
            )));
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests;
