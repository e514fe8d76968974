//! Which column holds what: headers compared normalised (case, spaces and punctuation
//! ignored) against the synonyms real inventories use (DESIGN §2b), the user's choices kept in
//! the project's import settings first.

use crate::model::network::{ImportField, ImportSettings};

/// "Device Name", "device_name" and "DEVICE-NAME" all become "devicename".
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalised header synonyms, best first within each field.
const SYNONYMS: &[(ImportField, &[&str])] = &[
    (
        ImportField::Name,
        &[
            "name",
            "devicename",
            "assetname",
            "device",
            "asset",
            "displayname",
            "gerätename",
            "geraetename",
            "gerät",
            "geraet",
            "bezeichnung",
            "label",
        ],
    ),
    (
        ImportField::Hostname,
        &[
            "hostname",
            "host",
            "dnsname",
            "fqdn",
            "computername",
            "rechnername",
        ],
    ),
    (
        ImportField::IpAddresses,
        &[
            "ip",
            "ips",
            "ipaddress",
            "ipaddresses",
            "ipaddr",
            "ipadresse",
            "ipadressen",
            "ipv4",
            "ipv4address",
            "ipv6",
            "ipv6address",
            "addresses",
        ],
    ),
    (
        ImportField::Mac,
        &[
            "macaddress",
            "mac",
            "macs",
            "macaddresses",
            "macadresse",
            "physicaladdress",
        ],
    ),
    (ImportField::Vlan, &["vlanid", "vlan", "vlans", "vlanids"]),
    (
        ImportField::Vendor,
        &["vendor", "manufacturer", "hersteller", "make", "macvendor"],
    ),
    (
        ImportField::Model,
        &[
            "productname",
            "modelname",
            "model",
            "product",
            "modell",
            "produkt",
            "typenbezeichnung",
        ],
    ),
    (
        ImportField::Firmware,
        &[
            "firmwareversion",
            "firmware",
            "fwversion",
            "fw",
            "firmwarestand",
            "softwareversion",
            "version",
        ],
    ),
    (
        ImportField::Serial,
        &[
            "serialnumber",
            "serial",
            "serialno",
            "sn",
            "seriennummer",
            "snr",
        ],
    ),
    (
        ImportField::Type,
        &[
            "type",
            "devicetype",
            "assettype",
            "roles",
            "role",
            "category",
            "class",
            "gerätetyp",
            "geraetetyp",
            "typ",
            "kategorie",
            // the asset register's own header (its values are catalog names)
            "component",
            "componenttype",
        ],
    ),
    (
        ImportField::PurdueLevel,
        &["level", "purduelevel", "purdue", "ebene", "purdueebene"],
    ),
    (
        ImportField::Protocols,
        &["protocols", "protocol", "protokolle", "protokoll"],
    ),
    (
        ImportField::Zone,
        &[
            "zones",
            "zone",
            "securityzone",
            "zonename",
            "zonenname",
            // the asset register's own header
            "zoneorconduit",
        ],
    ),
    (
        ImportField::Building,
        &[
            "building", "location", "gebäude", "gebaeude", "standort", "site",
        ],
    ),
    (
        ImportField::Cabinet,
        &["cabinet", "rack", "schrank", "schaltschrank", "panel"],
    ),
    (ImportField::Tags, &["tags", "labels", "keywords"]),
    (
        ImportField::Tag,
        &[
            "tag",
            "planttag",
            "tagname",
            "kks",
            "aks",
            "anlagenkennzeichen",
        ],
    ),
    (
        ImportField::Notes,
        &[
            "notes",
            "note",
            "comment",
            "comments",
            "description",
            "bemerkung",
            "kommentar",
        ],
    ),
];

/// Fields that may come from several columns (their values are joined).
fn is_multi(f: ImportField) -> bool {
    matches!(
        f,
        ImportField::IpAddresses
            | ImportField::Type
            | ImportField::Protocols
            | ImportField::Tags
            | ImportField::Notes
    )
}

/// The field a header names on its own, and its rank among the field's synonyms.
pub(crate) fn guess(header: &str) -> Option<(ImportField, usize)> {
    let n = normalise(header);
    SYNONYMS
        .iter()
        .find_map(|(f, names)| names.iter().position(|s| *s == n).map(|rank| (*f, rank)))
}

/// The field of each column: the user's choice for its header if any, else the best-ranked
/// synonym (a single-valued field goes to its best column only; the others are not imported).
pub(crate) fn map_columns(headers: &[String], settings: &ImportSettings) -> Vec<ImportField> {
    let chosen = |h: &str| {
        let n = normalise(h);
        settings
            .columns
            .iter()
            .find(|c| normalise(&c.header) == n)
            .map(|c| c.field)
    };
    let mut out: Vec<ImportField> = vec![ImportField::Ignore; headers.len()];
    let mut guessed: Vec<Option<(ImportField, usize)>> = vec![None; headers.len()];
    for (i, h) in headers.iter().enumerate() {
        match chosen(h) {
            Some(f) => out[i] = f,
            None => guessed[i] = guess(h),
        }
    }
    for (i, g) in guessed.iter().enumerate() {
        let Some((f, rank)) = *g else { continue };
        let taken_by_choice = !is_multi(f) && out.contains(&f);
        let better_elsewhere = !is_multi(f)
            && guessed
                .iter()
                .enumerate()
                .any(|(j, o)| matches!(o, Some((g2, r2)) if *g2 == f && (*r2 < rank || (*r2 == rank && j < i))));
        if !taken_by_choice && !better_elsewhere {
            out[i] = f;
        }
    }
    out
}

/// Reads a field name of a mapping file: "name", "ip", "mac", "level" …
pub(crate) fn field_from_str(s: &str) -> Option<ImportField> {
    let n = normalise(s);
    Some(match n.as_str() {
        "name" => ImportField::Name,
        "hostname" => ImportField::Hostname,
        "ip" | "ips" | "ipaddresses" => ImportField::IpAddresses,
        "mac" => ImportField::Mac,
        "vlan" => ImportField::Vlan,
        "vendor" => ImportField::Vendor,
        "model" => ImportField::Model,
        "firmware" => ImportField::Firmware,
        "serial" | "serialnumber" => ImportField::Serial,
        "type" => ImportField::Type,
        "level" | "purduelevel" => ImportField::PurdueLevel,
        "protocols" => ImportField::Protocols,
        "zone" => ImportField::Zone,
        "building" => ImportField::Building,
        "cabinet" => ImportField::Cabinet,
        "tags" => ImportField::Tags,
        "tag" | "planttag" => ImportField::Tag,
        "notes" => ImportField::Notes,
        "ignore" => ImportField::Ignore,
        _ => return None,
    })
}
