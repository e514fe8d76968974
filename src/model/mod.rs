//! The document model: project, zones, assets, conduits, requirement assessments, geometry in
//! scene units. Knows nothing of the UI, the catalog contents or the file format.

pub mod badges;
pub mod component;
pub mod conflict;
mod content;
pub mod flow;
pub mod layout;
pub mod limits;
pub mod network;
pub mod purdue;
pub mod purdue_layout;
pub mod requirement;
pub mod risk;
pub(crate) mod risk_record;
mod sl;
pub mod text;
pub mod traffic;

pub use conflict::MergeConflict;
pub use content::{content_hash, hash as json_sha256, legacy_content_hash};
pub use flow::{DataFlow, Endpoint, PortRange, Transport};
pub use network::{AssetNetwork, ImportSettings, MacAddr, PurdueLevel, VLAN_IDS};
pub use requirement::{RequirementAssessment, Requirements, Status};
pub use risk::{
    Approval, Countermeasure, Decision, ElementRisk, MeasureStatus, ProjectRisk, RiskLevel,
    RiskMatrix, ScaleStep, ThreatScenario,
};
pub use risk_record::{Acceptance, AssessmentRecord, Assessor, MethodReference, ThreatSource};
pub(crate) use sl::format_levels;
pub use sl::{Fr, MAX_SL, MaybeLevels, SlVector};

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($name:ident, $prefix:literal) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(ZoneId, "Z");
id_type!(ConduitId, "C");
id_type!(AssetId, "A");

/// An axis-aligned rectangle in scene units (y grows downwards, as on the canvas).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite() && self.w.is_finite() && self.h.is_finite()
    }

    /// Smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x0 = self.x.min(other.x);
        let y0 = self.y.min(other.y);
        let x1 = (self.x + self.w).max(other.x + other.w);
        let y1 = (self.y + self.h).max(other.y + other.h);
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// What a zone is for; drives the design findings (untrusted, DMZ, safety) and its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ZoneKind {
    Enterprise,
    Dmz,
    Supervisory,
    Control,
    Safety,
    Field,
    RemoteAccess,
    External,
    Wireless,
    Other,
}

impl ZoneKind {
    pub const ALL: [ZoneKind; 10] = [
        ZoneKind::Enterprise,
        ZoneKind::Dmz,
        ZoneKind::Supervisory,
        ZoneKind::Control,
        ZoneKind::Safety,
        ZoneKind::Field,
        ZoneKind::RemoteAccess,
        ZoneKind::External,
        ZoneKind::Wireless,
        ZoneKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ZoneKind::Enterprise => "Enterprise",
            ZoneKind::Dmz => "DMZ",
            ZoneKind::Supervisory => "Supervisory",
            ZoneKind::Control => "Control",
            ZoneKind::Safety => "Safety",
            ZoneKind::Field => "Field",
            ZoneKind::RemoteAccess => "Remote access",
            ZoneKind::External => "External / untrusted",
            ZoneKind::Wireless => "Wireless",
            ZoneKind::Other => "Other",
        }
    }

    /// Zones from which an attacker is assumed to start (enterprise, external, internet).
    pub(crate) fn is_untrusted(self) -> bool {
        matches!(self, ZoneKind::Enterprise | ZoneKind::External)
    }

    /// A typical SL-T for a new zone of this kind; the user sets the real one from the risk
    /// assessment.
    pub fn default_sl_t(self) -> SlVector {
        match self {
            ZoneKind::Enterprise | ZoneKind::External => SlVector::uniform(1),
            ZoneKind::Safety => SlVector::uniform(3),
            _ => SlVector::uniform(2),
        }
    }
}

/// How important an asset is to the process (ZCR 6.4 j).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Criticality {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Criticality {
    pub const ALL: [Criticality; 4] = [
        Criticality::Low,
        Criticality::Medium,
        Criticality::High,
        Criticality::Critical,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Criticality::Low => "Low",
            Criticality::Medium => "Medium",
            Criticality::High => "High",
            Criticality::Critical => "Critical",
        }
    }
}

/// A capability taken from a vendor's IEC 62443-4-2 certificate instead of the catalog's
/// typical value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlOverride {
    pub sl: SlVector,
    /// Where the value comes from, e.g. "4-2 certificate no. 1234".
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub source: String,
}

/// A compensating countermeasure that raises a zone's or conduit's SL-C above what its weakest
/// component offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    pub sl: SlVector,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub justification: String,
}

/// A component in a zone, or a device sitting on a conduit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: AssetId,
    #[serde(deserialize_with = "crate::model::limits::name")]
    pub name: String,
    /// Component type id from the catalog, e.g. "plc".
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub component: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub vendor: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub model: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub firmware: String,
    /// Plant tag of the device (e.g. "PLC-101"), unique in the plant.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub tag: String,
    /// Manufacturer's serial number; the same serial twice means one device modelled twice.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub serial_number: String,
    #[serde(default, skip_serializing_if = "AssetNetwork::is_empty")]
    pub network: AssetNetwork,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sl_c_override: Option<SlOverride>,
    /// The product's IEC 62443-4-2 certificate, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<component::Certificate>,
    /// Assessed IEC 62443-4-2 items of this asset, in entry order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::component_checks")]
    pub component_checks: Vec<component::ComponentCheck>,
    #[serde(default)]
    pub criticality: Criticality,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub notes: String,
}

impl Asset {
    pub fn new(id: AssetId, name: impl Into<String>, component: impl Into<String>) -> Self {
        Asset {
            id,
            name: name.into(),
            component: component.into(),
            vendor: String::new(),
            model: String::new(),
            firmware: String::new(),
            tag: String::new(),
            serial_number: String::new(),
            network: AssetNetwork::default(),
            sl_c_override: None,
            certificate: None,
            component_checks: Vec::new(),
            criticality: Criticality::default(),
            notes: String::new(),
        }
    }
}

/// The ZCR 6.4 characteristics of a zone or conduit that are free text (items b–g, m, n).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Characteristics {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub accountable_organisation: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub logical_boundary: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub physical_boundary: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub safety_designation: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub logical_access_points: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub physical_access_points: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub security_policies: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub assumptions: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub external_dependencies: String,
}

impl Characteristics {
    /// (label, value) pairs in ZCR 6.4 order, for inspectors and reports.
    pub fn fields(&self) -> [(&'static str, &str); 9] {
        [
            ("Accountable organisation", &self.accountable_organisation),
            ("Logical boundary", &self.logical_boundary),
            ("Physical boundary", &self.physical_boundary),
            ("Safety designation", &self.safety_designation),
            ("Logical access points", &self.logical_access_points),
            ("Physical access points", &self.physical_access_points),
            ("Applicable security policies", &self.security_policies),
            ("Assumptions", &self.assumptions),
            ("External dependencies", &self.external_dependencies),
        ]
    }

    pub(crate) fn fields_mut(&mut self) -> [(&'static str, &mut String); 9] {
        [
            (
                "Accountable organisation",
                &mut self.accountable_organisation,
            ),
            ("Logical boundary", &mut self.logical_boundary),
            ("Physical boundary", &mut self.physical_boundary),
            ("Safety designation", &mut self.safety_designation),
            ("Logical access points", &mut self.logical_access_points),
            ("Physical access points", &mut self.physical_access_points),
            ("Applicable security policies", &mut self.security_policies),
            ("Assumptions", &mut self.assumptions),
            ("External dependencies", &mut self.external_dependencies),
        ]
    }
}

/// A zone: a group of assets sharing security requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub id: ZoneId,
    #[serde(deserialize_with = "crate::model::limits::name")]
    pub name: String,
    pub kind: ZoneKind,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub description: String,
    /// Target security level from the risk assessment; `None` until it is set.
    #[serde(default)]
    pub sl_t: Option<SlVector>,
    #[serde(default)]
    pub compensation: Option<Compensation>,
    #[serde(default)]
    pub characteristics: Characteristics,
    /// Placement on the canvas, in scene units.
    pub rect: Rect,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::zone_assets")]
    pub assets: Vec<Asset>,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::requirements")]
    pub requirements: Requirements,
    /// The detailed risk assessment behind the SL-T (ZCR 5).
    #[serde(default, skip_serializing_if = "ElementRisk::is_empty")]
    pub risk: ElementRisk,
}

impl Zone {
    pub fn new(id: ZoneId, name: impl Into<String>, kind: ZoneKind, rect: Rect) -> Self {
        Zone {
            id,
            name: name.into(),
            kind,
            description: String::new(),
            sl_t: Some(kind.default_sl_t()),
            compensation: None,
            characteristics: Characteristics::default(),
            rect,
            assets: Vec::new(),
            requirements: Requirements::new(),
            risk: ElementRisk::default(),
        }
    }
}

/// Which way data may flow on a conduit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Both,
    /// Only from the conduit's `from` zone to its `to` zone (e.g. a unidirectional gateway).
    OneWay,
}

/// A conduit: the communication channel between two zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conduit {
    pub id: ConduitId,
    #[serde(deserialize_with = "crate::model::limits::name")]
    pub name: String,
    pub from: ZoneId,
    pub to: ZoneId,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub description: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::flows")]
    pub flows: Vec<DataFlow>,
    /// Control ids from the catalog.
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::controls")]
    pub controls: Vec<String>,
    /// Devices sitting on the conduit (firewalls, gateways, switches).
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::devices")]
    pub devices: Vec<Asset>,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub owner: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub purpose: String,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub test_method: String,
    /// When `None` the SL-T is the element-wise maximum of the two zones' SL-T.
    #[serde(default)]
    pub sl_t_override: Option<SlVector>,
    #[serde(default)]
    pub compensation: Option<Compensation>,
    #[serde(default)]
    pub characteristics: Characteristics,
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::requirements")]
    pub requirements: Requirements,
    /// The detailed risk assessment behind the SL-T (ZCR 5).
    #[serde(default, skip_serializing_if = "ElementRisk::is_empty")]
    pub risk: ElementRisk,
}

impl Conduit {
    pub fn new(id: ConduitId, name: impl Into<String>, from: ZoneId, to: ZoneId) -> Self {
        Conduit {
            id,
            name: name.into(),
            from,
            to,
            direction: Direction::Both,
            description: String::new(),
            flows: Vec::new(),
            controls: Vec::new(),
            devices: Vec::new(),
            owner: String::new(),
            purpose: String::new(),
            test_method: String::new(),
            sl_t_override: None,
            compensation: None,
            characteristics: Characteristics::default(),
            requirements: Requirements::new(),
            risk: ElementRisk::default(),
        }
    }
}

/// One row of the revision history in the title block.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Revision {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub revision: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub date: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub author: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub change: String,
}

/// Title-block metadata and the CRS items that belong to the whole system under consideration
/// (ZCR 6.2, 6.5–6.9).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Meta {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub title: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub site: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub organisation: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub author: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub document_number: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub revision: String,
    /// Document date as written in the title block (the program never inserts the clock time).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub date: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub description: String,
    #[serde(deserialize_with = "crate::model::limits::revisions")]
    pub revisions: Vec<Revision>,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub operating_environment: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub threat_environment: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub security_policies: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub tolerable_risk: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub regulatory_requirements: String,
    /// Purdue bands (Level 0 … 5 and the 3.5 DMZ) drawn behind the zones, on the canvas and
    /// on the drawings (see [`purdue`]); written only when on.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub purdue_bands: bool,
}

/// Where something lives, for findings and selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ElementRef {
    Project,
    Zone(ZoneId),
    Conduit(ConduitId),
    Asset(AssetId),
}

/// Which container an asset sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssetParent {
    Zone(ZoneId),
    Conduit(ConduitId),
}

/// A whole plant design.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    pub meta: Meta,
    #[serde(deserialize_with = "crate::model::limits::zones")]
    pub zones: Vec<Zone>,
    #[serde(deserialize_with = "crate::model::limits::conduits")]
    pub conduits: Vec<Conduit>,
    /// The risk matrix and the initial risk assessment (ZCR 2, 4).
    #[serde(skip_serializing_if = "ProjectRisk::is_default")]
    pub risk: ProjectRisk,
    /// The asset owner's approval (ZCR 7), if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    #[serde(skip_serializing_if = "ImportSettings::is_default")]
    pub import_settings: ImportSettings,
    /// Conflicts left by a three-way merge (`zonewright merge`) until they are resolved;
    /// `check` reports each as an error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::conflicts")]
    pub conflicts: Vec<MergeConflict>,
    /// The observed traffic last imported (format version 6), compared with the design by
    /// `assess`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic: Option<traffic::ObservedTraffic>,
}

impl Project {
    pub fn zone(&self, id: ZoneId) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    pub(crate) fn zone_mut(&mut self, id: ZoneId) -> Option<&mut Zone> {
        self.zones.iter_mut().find(|z| z.id == id)
    }

    pub fn zone_index(&self, id: ZoneId) -> Option<usize> {
        self.zones.iter().position(|z| z.id == id)
    }

    pub fn conduit(&self, id: ConduitId) -> Option<&Conduit> {
        self.conduits.iter().find(|c| c.id == id)
    }

    pub(crate) fn conduit_mut(&mut self, id: ConduitId) -> Option<&mut Conduit> {
        self.conduits.iter_mut().find(|c| c.id == id)
    }

    pub(crate) fn conduit_index(&self, id: ConduitId) -> Option<usize> {
        self.conduits.iter().position(|c| c.id == id)
    }

    /// The asset with this id and the container it sits in.
    pub fn asset(&self, id: AssetId) -> Option<(&Asset, AssetParent)> {
        for z in &self.zones {
            if let Some(a) = z.assets.iter().find(|a| a.id == id) {
                return Some((a, AssetParent::Zone(z.id)));
            }
        }
        for c in &self.conduits {
            if let Some(a) = c.devices.iter().find(|a| a.id == id) {
                return Some((a, AssetParent::Conduit(c.id)));
            }
        }
        None
    }

    pub(crate) fn asset_mut(&mut self, id: AssetId) -> Option<&mut Asset> {
        let in_zones = self.zones.iter_mut().flat_map(|z| z.assets.iter_mut());
        let on_conduits = self.conduits.iter_mut().flat_map(|c| c.devices.iter_mut());
        in_zones.chain(on_conduits).find(|a| a.id == id)
    }

    /// Every asset with its container, zones first, in document order.
    pub fn all_assets(&self) -> impl Iterator<Item = (&Asset, AssetParent)> {
        let z = self
            .zones
            .iter()
            .flat_map(|z| z.assets.iter().map(move |a| (a, AssetParent::Zone(z.id))));
        let c = self.conduits.iter().flat_map(|c| {
            c.devices
                .iter()
                .map(move |a| (a, AssetParent::Conduit(c.id)))
        });
        z.chain(c)
    }

    pub fn asset_count(&self) -> usize {
        self.zones.iter().map(|z| z.assets.len()).sum::<usize>()
            + self.conduits.iter().map(|c| c.devices.len()).sum::<usize>()
    }

    /// A fresh zone id, larger than any in use.
    pub(crate) fn next_zone_id(&self) -> ZoneId {
        ZoneId(
            self.zones
                .iter()
                .map(|z| z.id.0)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    pub fn next_conduit_id(&self) -> ConduitId {
        ConduitId(
            self.conduits
                .iter()
                .map(|c| c.id.0)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    pub(crate) fn next_asset_id(&self) -> AssetId {
        AssetId(
            self.all_assets()
                .map(|(a, _)| a.id.0)
                .max()
                .map_or(1, |m| m.saturating_add(1)),
        )
    }

    /// Display name of an element, for findings and status lines.
    pub(crate) fn element_name(&self, element: ElementRef) -> String {
        match element {
            ElementRef::Project => "Project".to_owned(),
            ElementRef::Zone(id) => self
                .zone(id)
                .map_or_else(|| id.to_string(), |z| z.name.clone()),
            ElementRef::Conduit(id) => self
                .conduit(id)
                .map_or_else(|| id.to_string(), |c| c.name.clone()),
            ElementRef::Asset(id) => self
                .asset(id)
                .map_or_else(|| id.to_string(), |(a, _)| a.name.clone()),
        }
    }

    /// The bounding box of all zones, if any.
    pub fn bounds(&self) -> Option<Rect> {
        self.zones.iter().map(|z| z.rect).reduce(|a, b| a.union(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Project {
        let mut p = Project::default();
        let mut z1 = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 80.0),
        );
        z1.assets.push(Asset::new(AssetId(7), "PLC-1", "plc"));
        let z2 = Zone::new(
            ZoneId(4),
            "SIS",
            ZoneKind::Safety,
            Rect::new(200.0, 0.0, 50.0, 50.0),
        );
        p.zones = vec![z1, z2];
        let mut c = Conduit::new(ConduitId(2), "C1", ZoneId(1), ZoneId(4));
        c.devices.push(Asset::new(AssetId(9), "FW", "firewall"));
        p.conduits.push(c);
        p
    }

    #[test]
    fn lookups_find_assets_in_zones_and_on_conduits() {
        let p = sample();
        assert_eq!(
            p.asset(AssetId(7)).map(|(_, parent)| parent),
            Some(AssetParent::Zone(ZoneId(1)))
        );
        assert_eq!(
            p.asset(AssetId(9)).map(|(_, parent)| parent),
            Some(AssetParent::Conduit(ConduitId(2)))
        );
        assert!(p.asset(AssetId(8)).is_none());
        assert_eq!(p.asset_count(), 2);
    }

    #[test]
    fn next_ids_are_fresh() {
        let p = sample();
        assert_eq!(p.next_zone_id(), ZoneId(5));
        assert_eq!(p.next_conduit_id(), ConduitId(3));
        assert_eq!(p.next_asset_id(), AssetId(10));
        assert_eq!(Project::default().next_zone_id(), ZoneId(1));
    }

    #[test]
    fn bounds_cover_all_zones() {
        assert_eq!(sample().bounds(), Some(Rect::new(0.0, 0.0, 250.0, 80.0)));
        assert_eq!(Project::default().bounds(), None);
    }

    #[test]
    fn satisfies_needs_text_for_compensated_and_not_applicable() {
        let mut r = RequirementAssessment {
            status: Status::Met,
            ..Default::default()
        };
        assert!(r.satisfies());
        r.status = Status::Compensated;
        assert!(!r.satisfies());
        r.text = "Jump host with MFA".into();
        assert!(r.satisfies());
        r.status = Status::NotApplicable;
        assert!(r.satisfies());
        r.status = Status::NotMet;
        assert!(!r.satisfies());
    }
}
