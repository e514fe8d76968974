//! The component type of an imported device, from its type/role column and, failing that, its
//! product name: the user's choices first, then a catalog type named by its id or name (as the
//! asset register writes it), then a table of keywords; anything else becomes the catalog's
//! "unclassified_device".

use crate::model::network::ImportSettings;

/// The catalog type of a device whose type is not known.
pub const UNCLASSIFIED: &str = "unclassified_device";

/// (keyword, component id), most specific first. A keyword of up to four letters must be a
/// whole word of the value ("io", "plc"); longer ones may appear anywhere ("controller").
const TABLE: &[(&str, &str)] = &[
    ("safety plc", "safety_plc"),
    ("safety controller", "safety_plc"),
    ("sis", "safety_plc"),
    ("engineering", "engineering_workstation"),
    ("ews", "engineering_workstation"),
    ("operator station", "operator_workstation"),
    ("operator workstation", "operator_workstation"),
    ("ows", "operator_workstation"),
    ("workstation", "operator_workstation"),
    ("hmi", "hmi_panel"),
    ("operator panel", "hmi_panel"),
    ("touch panel", "hmi_panel"),
    ("historian", "historian"),
    ("scada", "scada_server"),
    ("opc", "opc_ua_server"),
    ("domain controller", "domain_controller"),
    ("jump", "jump_host"),
    ("backup", "backup_server"),
    ("antivirus", "antimalware_server"),
    ("antimalware", "antimalware_server"),
    ("wsus", "patch_server"),
    ("patch", "patch_server"),
    ("mes", "mes_server"),
    ("erp", "erp_server"),
    ("dcs", "dcs_controller"),
    ("rtu", "rtu"),
    ("robot", "robot_controller"),
    ("plc", "plc"),
    ("controller", "plc"),
    ("remote i/o", "remote_io"),
    ("i/o", "remote_io"),
    ("io", "remote_io"),
    ("rio", "remote_io"),
    ("coupler", "remote_io"),
    ("drive", "drive"),
    ("vfd", "drive"),
    ("inverter", "drive"),
    ("sensor", "field_instrument"),
    ("transmitter", "field_instrument"),
    ("instrument", "field_instrument"),
    ("field device", "field_instrument"),
    ("unidirectional", "unidirectional_gateway"),
    ("diode", "unidirectional_gateway"),
    ("firewall", "firewall"),
    ("switch", "managed_switch"),
    ("router", "router"),
    ("access point", "wireless_ap"),
    ("wireless", "wireless_ap"),
    ("wlan", "wireless_ap"),
    ("modem", "radio_modem"),
    ("cellular", "cellular_router"),
    ("lte", "cellular_router"),
    ("laptop", "maintenance_laptop"),
    ("server", "ot_server"),
    ("pc", "operator_workstation"),
];

fn words(value: &str) -> Vec<&str> {
    value
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The component for one value from the table, if a keyword fits.
fn from_table(value: &str) -> Option<&'static str> {
    let lower = value.to_lowercase();
    let ws = words(&lower);
    TABLE.iter().find_map(|(k, id)| {
        let hit = if k.len() <= 4 && !k.contains(' ') {
            ws.contains(k)
        } else {
            lower.contains(k)
        };
        hit.then_some(*id)
    })
}

/// The user's choice for this value (compared case-insensitively), else the table.
pub(crate) fn classify_value(value: &str, settings: &ImportSettings) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Some(t) = settings
        .types
        .iter()
        .find(|t| t.value.trim().eq_ignore_ascii_case(v))
    {
        return Some(t.component.clone());
    }
    from_catalog(v).or_else(|| from_table(v)).map(str::to_owned)
}

/// A catalog component type named by its id ("safety_plc") or its name ("Safety controller"),
/// as the asset register writes it.
fn from_catalog(value: &str) -> Option<&'static str> {
    let catalog = crate::catalog::Catalog::embedded();
    if let Some(c) = catalog.component(value) {
        return Some(c.id.as_str());
    }
    catalog
        .components
        .iter()
        .find(|c| c.id.eq_ignore_ascii_case(value) || c.name.eq_ignore_ascii_case(value))
        .map(|c| c.id.as_str())
}

/// The component of a device from its type values (in column order) and its product name.
/// `Err` carries the value to list as unmapped ("" when the row gave none).
pub(crate) fn classify(
    types: &[&str],
    product: &str,
    settings: &ImportSettings,
) -> Result<String, String> {
    for t in types {
        // roles columns list several: "PLC; Modbus server"
        for part in t.split([';', ',', '|', '\n']) {
            if let Some(c) = classify_value(part, settings) {
                return Ok(c);
            }
        }
    }
    if let Some(c) = classify_value(product, settings) {
        return Ok(c);
    }
    Err(types
        .iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or(product.trim())
        .to_owned())
}
