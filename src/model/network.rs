//! An asset's network address and identity (hostname, IP addresses, MAC, VLAN, Purdue level,
//! protocols, location, tags) and the inventory-import settings kept with a project (column
//! mapping, zone-assignment rules and their tables, component-type choices).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::net::IpAddr;
use std::ops::RangeInclusive;

/// The 802.1Q VLAN ids a VLAN field may hold.
pub const VLAN_IDS: RangeInclusive<u16> = 1..=4094;

/// The Purdue reference-model level of a device (ISA-95 / IEC 62443 usage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PurdueLevel {
    Level0,
    Level1,
    Level2,
    Level3,
    /// Level 3.5: the industrial DMZ.
    Dmz,
    Level4,
    Level5,
}

impl PurdueLevel {
    pub const ALL: [PurdueLevel; 7] = [
        PurdueLevel::Level0,
        PurdueLevel::Level1,
        PurdueLevel::Level2,
        PurdueLevel::Level3,
        PurdueLevel::Dmz,
        PurdueLevel::Level4,
        PurdueLevel::Level5,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PurdueLevel::Level0 => "Level 0",
            PurdueLevel::Level1 => "Level 1",
            PurdueLevel::Level2 => "Level 2",
            PurdueLevel::Level3 => "Level 3",
            PurdueLevel::Dmz => "Level 3.5 (DMZ)",
            PurdueLevel::Level4 => "Level 4",
            PurdueLevel::Level5 => "Level 5",
        }
    }

    /// Reads "1", "L1", "Level 1", "level_1", "3.5", "L3.5", "DMZ" and its own labels
    /// ("Level 3.5 (DMZ)"), case-insensitively.
    pub fn parse(text: &str) -> Option<PurdueLevel> {
        let t: String = text
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect();
        // the label this program writes, "Level 3.5 (DMZ)", reads back too
        let t = t.strip_suffix("(dmz)").unwrap_or(&t);
        let t = t
            .strip_prefix("purdue")
            .unwrap_or(t)
            .trim_start_matches("level")
            .trim_start_matches('l');
        Some(match t {
            "0" => PurdueLevel::Level0,
            "1" => PurdueLevel::Level1,
            "2" => PurdueLevel::Level2,
            "3" => PurdueLevel::Level3,
            "3.5" | "3,5" | "dmz" => PurdueLevel::Dmz,
            "4" => PurdueLevel::Level4,
            "5" => PurdueLevel::Level5,
            _ => return None,
        })
    }
}

/// A 48-bit MAC address; written as lower-case `aa:bb:cc:dd:ee:ff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacAddr(pub [u8; 6]);

impl MacAddr {
    /// Reads `aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff` or `aabbccddeeff`.
    pub fn parse(text: &str) -> Option<MacAddr> {
        let hex: Vec<u8> = text
            .trim()
            .bytes()
            .filter(|b| !matches!(b, b':' | b'-' | b'.'))
            .collect();
        if hex.len() != 12 || !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        // the separators must sit where one of the three notations puts them
        let t = text.trim();
        let seps: Vec<usize> = t
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b':' | b'-' | b'.'))
            .map(|(i, _)| i)
            .collect();
        let ok = seps.is_empty() || seps == [2, 5, 8, 11, 14] || seps == [4, 9];
        if !ok {
            return None;
        }
        let mut out = [0u8; 6];
        for (i, pair) in hex.chunks(2).enumerate() {
            let s = std::str::from_utf8(pair).ok()?;
            out[i] = u8::from_str_radix(s, 16).ok()?;
        }
        Some(MacAddr(out))
    }
}

impl fmt::Display for MacAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

impl Serialize for MacAddr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MacAddr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = crate::model::limits::text(d)?;
        MacAddr::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{}\" is not a MAC address (aa:bb:cc:dd:ee:ff)",
                crate::model::text::short(&text)
            ))
        })
    }
}

/// An IP network: an address and a prefix length, written `10.1.20.0/24` or `fd00::/64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cidr {
    pub addr: IpAddr,
    pub prefix: u8,
}

impl Cidr {
    /// Reads `a.b.c.d/n` or `v6/n`; a bare address is a single-host network.
    pub fn parse(text: &str) -> Option<Cidr> {
        let t = text.trim();
        let (a, p) = match t.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (t, None),
        };
        let addr: IpAddr = a.trim().parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p.trim().parse::<u8>().ok().filter(|&n| n <= max)?,
            None => max,
        };
        Some(Cidr { addr, prefix })
    }

    pub fn contains(&self, ip: &IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(*ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(*ip) & mask
            }
            _ => false,
        }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl Serialize for Cidr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cidr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = crate::model::limits::text(d)?;
        Cidr::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{}\" is not a subnet (e.g. 10.1.20.0/24)",
                crate::model::text::short(&text)
            ))
        })
    }
}

/// Where an asset sits on the network and how it is identified there. All empty by default;
/// an asset drawn by hand has none of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssetNetwork {
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub hostname: String,
    /// IPv4 and IPv6 addresses, in the order the inventory gave them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::ip_addresses")]
    pub ip_addresses: Vec<IpAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac: Option<MacAddr>,
    /// 802.1Q VLAN id, 1–4094.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::limits::vlan")]
    pub vlan: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purdue_level: Option<PurdueLevel>,
    /// Protocols seen or configured, e.g. "Modbus/TCP", "S7comm".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::protocols")]
    pub protocols: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub building: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub cabinet: String,
    /// Free tags, e.g. "line 3", "vendor-managed".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::tags")]
    pub tags: Vec<String>,
}

impl AssetNetwork {
    pub fn is_empty(&self) -> bool {
        *self == AssetNetwork::default()
    }

    /// The IP addresses as one text: "10.0.0.1, fd00::1".
    pub(crate) fn ips_text(&self) -> String {
        let v: Vec<String> = self.ip_addresses.iter().map(IpAddr::to_string).collect();
        v.join(", ")
    }
}

/// What a column of an inventory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ImportField {
    Name,
    Hostname,
    IpAddresses,
    Mac,
    Vlan,
    Vendor,
    Model,
    Firmware,
    Serial,
    /// Device type or role: chooses the component type.
    Type,
    PurdueLevel,
    Protocols,
    Zone,
    Building,
    Cabinet,
    Tags,
    /// The plant tag ("PLC-101").
    Tag,
    Notes,
    /// The column is not imported.
    Ignore,
}

impl ImportField {
    pub const ALL: [ImportField; 19] = [
        ImportField::Name,
        ImportField::Hostname,
        ImportField::IpAddresses,
        ImportField::Mac,
        ImportField::Vlan,
        ImportField::Vendor,
        ImportField::Model,
        ImportField::Firmware,
        ImportField::Serial,
        ImportField::Type,
        ImportField::PurdueLevel,
        ImportField::Protocols,
        ImportField::Zone,
        ImportField::Building,
        ImportField::Cabinet,
        ImportField::Tags,
        ImportField::Tag,
        ImportField::Notes,
        ImportField::Ignore,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "Name",
            ImportField::Hostname => "Hostname",
            ImportField::IpAddresses => "IP addresses",
            ImportField::Mac => "MAC",
            ImportField::Vlan => "VLAN",
            ImportField::Vendor => "Vendor",
            ImportField::Model => "Model",
            ImportField::Firmware => "Firmware",
            ImportField::Serial => "Serial number",
            ImportField::Type => "Type / role",
            ImportField::PurdueLevel => "Purdue level",
            ImportField::Protocols => "Protocols",
            ImportField::Zone => "Zone",
            ImportField::Building => "Building",
            ImportField::Cabinet => "Cabinet",
            ImportField::Tags => "Tags",
            ImportField::Tag => "Plant tag",
            ImportField::Notes => "Notes",
            ImportField::Ignore => "(not imported)",
        }
    }
}

/// One way of choosing an imported asset's zone; tried in the user's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZoneRule {
    /// The file's zone column names the zone.
    ZoneColumn,
    /// The first subnet of the subnet table holding one of the asset's addresses.
    Subnet,
    /// The VLAN table, else a zone "VLAN n".
    Vlan,
    /// The level table, else a zone named after the level ("Level 2").
    PurdueLevel,
}

impl ZoneRule {
    pub const ALL: [ZoneRule; 4] = [
        ZoneRule::ZoneColumn,
        ZoneRule::Subnet,
        ZoneRule::Vlan,
        ZoneRule::PurdueLevel,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ZoneRule::ZoneColumn => "Zone column of the file",
            ZoneRule::Subnet => "Subnet (CIDR) → zone",
            ZoneRule::Vlan => "VLAN → zone",
            ZoneRule::PurdueLevel => "Purdue level → zone",
        }
    }
}

/// The user's choice for one header of the file (headers compared normalised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnChoice {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub header: String,
    pub field: ImportField,
}

/// A type/role/product value of the file and the component type it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeChoice {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub value: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub component: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetZone {
    pub subnet: Cidr,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VlanZone {
    #[serde(deserialize_with = "crate::model::limits::vlan_id")]
    pub vlan: u16,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelZone {
    pub level: PurdueLevel,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub zone: String,
}

/// How the last inventory import was set up, kept for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportSettings {
    /// Columns the user mapped differently from the automatic mapping.
    #[serde(deserialize_with = "crate::model::limits::import_columns")]
    pub columns: Vec<ColumnChoice>,
    /// Zone rules in the order they are tried; a rule not listed is not used.
    #[serde(deserialize_with = "crate::model::limits::zone_rules")]
    pub rules: Vec<ZoneRule>,
    #[serde(deserialize_with = "crate::model::limits::subnet_zones")]
    pub subnets: Vec<SubnetZone>,
    #[serde(deserialize_with = "crate::model::limits::vlan_zones")]
    pub vlans: Vec<VlanZone>,
    #[serde(deserialize_with = "crate::model::limits::level_zones")]
    pub levels: Vec<LevelZone>,
    /// Type values the user assigned a component type (before the built-in table).
    #[serde(deserialize_with = "crate::model::limits::type_choices")]
    pub types: Vec<TypeChoice>,
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings {
            columns: Vec::new(),
            rules: ZoneRule::ALL.to_vec(),
            subnets: Vec::new(),
            vlans: Vec::new(),
            levels: Vec::new(),
            types: Vec::new(),
        }
    }
}

impl ImportSettings {
    pub(crate) fn is_default(&self) -> bool {
        *self == ImportSettings::default()
    }
}

impl super::Asset {
    /// Hostname, addresses, MAC, VLAN, Purdue level, serial and location, " · "-separated
    /// (the PDF asset tables).
    pub(crate) fn network_text(&self) -> String {
        let n = &self.network;
        let mut parts: Vec<String> = Vec::new();
        if !n.hostname.is_empty() {
            parts.push(n.hostname.clone());
        }
        if !n.ip_addresses.is_empty() {
            parts.push(n.ips_text());
        }
        if let Some(m) = n.mac {
            parts.push(m.to_string());
        }
        if let Some(v) = n.vlan {
            parts.push(format!("VLAN {v}"));
        }
        if let Some(l) = n.purdue_level {
            parts.push(l.label().to_owned());
        }
        if !self.serial_number.is_empty() {
            parts.push(format!("S/N {}", self.serial_number));
        }
        let place: Vec<&str> = [n.building.as_str(), n.cabinet.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !place.is_empty() {
            parts.push(place.join(" / "));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_notations_parse_and_bad_ones_do_not() {
        let m = MacAddr([0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]);
        for t in [
            "00:1a:2b:3c:4d:5e",
            "00-1A-2B-3C-4D-5E",
            "001a.2b3c.4d5e",
            "001A2B3C4D5E",
        ] {
            assert_eq!(MacAddr::parse(t), Some(m), "{t}");
        }
        for t in [
            "",
            "00:1a:2b:3c:4d",
            "00:1a:2b:3c:4d:5g",
            "0:01a:2b:3c:4d:5e",
        ] {
            assert_eq!(MacAddr::parse(t), None, "{t}");
        }
        assert_eq!(m.to_string(), "00:1a:2b:3c:4d:5e");
    }

    #[test]
    fn cidr_contains_its_addresses_only() {
        let net = Cidr::parse("10.1.20.0/24").unwrap();
        assert!(net.contains(&"10.1.20.77".parse().unwrap()));
        assert!(!net.contains(&"10.1.21.1".parse().unwrap()));
        assert!(!net.contains(&"fd00::1".parse().unwrap()));
        let all = Cidr::parse("0.0.0.0/0").unwrap();
        assert!(all.contains(&"192.168.1.1".parse().unwrap()));
        let v6 = Cidr::parse("fd00:1::/32").unwrap();
        assert!(v6.contains(&"fd00:1::5".parse().unwrap()));
        assert_eq!(Cidr::parse("10.0.0.0/33"), None);
        assert_eq!(Cidr::parse("10.0.0/8"), None);
    }

    #[test]
    fn purdue_levels_parse_from_common_spellings() {
        assert_eq!(PurdueLevel::parse("1"), Some(PurdueLevel::Level1));
        assert_eq!(PurdueLevel::parse("L2"), Some(PurdueLevel::Level2));
        assert_eq!(PurdueLevel::parse("Level 3"), Some(PurdueLevel::Level3));
        assert_eq!(
            PurdueLevel::parse("Purdue Level 4"),
            Some(PurdueLevel::Level4)
        );
        assert_eq!(PurdueLevel::parse("3.5"), Some(PurdueLevel::Dmz));
        assert_eq!(PurdueLevel::parse("dmz"), Some(PurdueLevel::Dmz));
        for l in PurdueLevel::ALL {
            assert_eq!(PurdueLevel::parse(l.label()), Some(l), "{}", l.label());
        }
        assert_eq!(PurdueLevel::parse("6"), None);
        assert_eq!(PurdueLevel::parse(""), None);
    }
}
