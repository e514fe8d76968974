//! Deterministic generator of realistic large plants, for benchmarks and for users who want a
//! big design to try the program on (`zonewright generate`). Sites with Purdue-like layers
//! (enterprise, DMZ, remote access, external) and process units (supervisory, control, safety,
//! field, wireless, maintenance); assets whose component types fit their zone; conduits mostly
//! between neighbouring layers of one site, with boundary devices and controls; a partial
//! requirement assessment; zones laid out on a non-overlapping grid large enough for every chip.

use crate::catalog::Catalog;
use crate::model::layout::zone_size_for;
use crate::model::{
    Asset, AssetId, Characteristics, Compensation, Conduit, ConduitId, Criticality, DataFlow,
    Direction, Fr, Meta, Project, Rect, RequirementAssessment, Requirements, SlOverride, SlVector,
    Status, Zone, ZoneId, ZoneKind,
};
use std::collections::BTreeSet;

/// What to generate. The same parameters always give the same project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GenerateParams {
    pub zones: usize,
    /// Every asset: those in zones and the devices on conduits.
    pub assets: usize,
    pub conduits: usize,
    pub seed: u64,
}

impl Default for GenerateParams {
    /// The plant of the performance budgets: 150 zones, 3,000 assets, 400 conduits.
    fn default() -> Self {
        GenerateParams {
            zones: 150,
            assets: 3_000,
            conduits: 400,
            seed: 1,
        }
    }
}

/// Parameters that cannot give a valid project.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("{total} zones, assets and conduits requested; a project holds at most {max} elements")]
    TooLarge { total: usize, max: usize },
    #[error("{conduits} conduits need at least 2 zones to connect (got {zones})")]
    ConduitsNeedZones { conduits: usize, zones: usize },
    #[error("{assets} assets need at least one zone to sit in")]
    AssetsNeedZone { assets: usize },
    /// The plant would break one of the file limits (`file::limits`): nothing is written.
    #[error("the plant would be refused when opened: {0}")]
    OverLimits(String),
}

impl GenerateParams {
    /// Whether [`generate`] can honour these parameters exactly with a project that `load`
    /// accepts once saved: within every limit of `file::limits`, its text included. Large
    /// parameters are checked by generating the plant, so this costs about as much as
    /// [`generate`].
    pub fn check(&self) -> Result<(), ParamError> {
        let total = self
            .zones
            .saturating_add(self.assets)
            .saturating_add(self.conduits);
        if total > crate::file::MAX_ELEMENTS {
            return Err(ParamError::TooLarge {
                total,
                max: crate::file::MAX_ELEMENTS,
            });
        }
        if self.conduits > 0 && self.zones < 2 {
            return Err(ParamError::ConduitsNeedZones {
                conduits: self.conduits,
                zones: self.zones,
            });
        }
        if self.assets > 0 && self.zones == 0 {
            return Err(ParamError::AssetsNeedZone {
                assets: self.assets,
            });
        }
        use crate::file::limits::{MAX_CONDUITS, MAX_FILE_BYTES, MAX_ZONES};
        for (n, what, max) in [
            (self.zones, "zones", MAX_ZONES),
            (self.conduits, "conduits", MAX_CONDUITS),
        ] {
            if n > max {
                return Err(ParamError::OverLimits(format!(
                    "{n} {what}; a project holds at most {max}"
                )));
            }
        }
        // How assets spread over zones and how long the text gets depend on the seed: make
        // the plant and read it back as `load` would, against the same limits.
        let text = crate::file::to_string(&generate(self))
            .map_err(|e| ParamError::OverLimits(e.to_string()))?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(ParamError::OverLimits(format!(
                "its file would be {:.1} MB; project files larger than {} MB are refused",
                text.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            )));
        }
        crate::file::from_str(&text).map_err(|e| ParamError::OverLimits(e.to_string()))?;
        Ok(())
    }
}

/// splitmix64: tiny, fast, and good enough to make plants look varied.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5A0E_3A1C_62A4_43F1)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Picks from (weight, item) pairs.
    fn weighted<'a, T>(&mut self, items: &'a [(usize, T)]) -> &'a T {
        let total: usize = items.iter().map(|(w, _)| w).sum();
        let mut r = self.below(total);
        for (w, item) in items {
            if r < *w {
                return item;
            }
            r -= w;
        }
        &items[items.len() - 1].1
    }
}

/// One zone to be: where it sits in the plant and what it is.
#[derive(Debug, Clone)]
struct ZonePlan {
    kind: ZoneKind,
    site: usize,
    /// Process unit within the site; `None` for site-wide zones (enterprise, DMZ …).
    unit: Option<usize>,
    /// Ordinal among the zones of this kind in the same unit (or site).
    ordinal: usize,
}

impl ZonePlan {
    fn name(&self) -> String {
        let what = match (self.kind, self.ordinal) {
            (ZoneKind::Enterprise, _) => "corporate IT".to_owned(),
            (ZoneKind::Dmz, _) => "DMZ".to_owned(),
            (ZoneKind::RemoteAccess, _) => "vendor remote access".to_owned(),
            (ZoneKind::External, _) => "cloud and Internet services".to_owned(),
            (ZoneKind::Supervisory, _) => "supervisory".to_owned(),
            (ZoneKind::Control, n) => format!("control network {}", n + 1),
            (ZoneKind::Safety, _) => "safety instrumented system".to_owned(),
            (ZoneKind::Field, n) => format!("field devices {}", n + 1),
            (ZoneKind::Wireless, _) => "wireless instrumentation".to_owned(),
            (ZoneKind::Other, _) => "maintenance devices".to_owned(),
        };
        match self.unit {
            Some(u) => format!("Site {} unit {:02} {what}", self.site + 1, u + 1),
            None => format!("Site {} {what}", self.site + 1),
        }
    }

    /// Short tag used in asset names, e.g. "S2-U03-C1".
    fn tag(&self) -> String {
        let code = match self.kind {
            ZoneKind::Enterprise => "IT",
            ZoneKind::Dmz => "DMZ",
            ZoneKind::RemoteAccess => "RA",
            ZoneKind::External => "EXT",
            ZoneKind::Supervisory => "SUP",
            ZoneKind::Control => "C",
            ZoneKind::Safety => "SIS",
            ZoneKind::Field => "F",
            ZoneKind::Wireless => "WL",
            ZoneKind::Other => "MNT",
        };
        let numbered = matches!(self.kind, ZoneKind::Control | ZoneKind::Field);
        let kind = if numbered {
            format!("{code}{}", self.ordinal + 1)
        } else {
            code.to_owned()
        };
        match self.unit {
            Some(u) => format!("S{}-U{:02}-{kind}", self.site + 1, u + 1),
            None => format!("S{}-{kind}", self.site + 1),
        }
    }

    /// Purdue-like drawing row: 0 enterprise/external, 1 DMZ/remote access, 2 supervisory,
    /// 3 control/safety, 4 field/wireless/maintenance.
    fn row(&self) -> usize {
        match self.kind {
            ZoneKind::Enterprise | ZoneKind::External => 0,
            ZoneKind::Dmz | ZoneKind::RemoteAccess => 1,
            ZoneKind::Supervisory => 2,
            ZoneKind::Control | ZoneKind::Safety => 3,
            ZoneKind::Field | ZoneKind::Wireless | ZoneKind::Other => 4,
        }
    }
}

const ROWS: usize = 5;

/// The zone kinds of one process unit, in order.
fn unit_kinds(rng: &mut Rng) -> Vec<ZoneKind> {
    let mut kinds = vec![
        ZoneKind::Supervisory,
        ZoneKind::Control,
        ZoneKind::Safety,
        ZoneKind::Field,
    ];
    for _ in 0..rng.below(3) {
        kinds.push(ZoneKind::Control);
    }
    if rng.percent(50) {
        kinds.push(ZoneKind::Wireless);
    }
    if rng.percent(40) {
        kinds.push(ZoneKind::Field);
    }
    if rng.percent(30) {
        kinds.push(ZoneKind::Other);
    }
    kinds
}

fn plan_zones(count: usize, rng: &mut Rng) -> Vec<ZonePlan> {
    let mut plan: Vec<ZonePlan> = Vec::with_capacity(count);
    let mut site = 0;
    while plan.len() < count {
        let mut site_zones: Vec<(ZoneKind, Option<usize>)> =
            vec![(ZoneKind::Enterprise, None), (ZoneKind::Dmz, None)];
        let units = 3 + rng.below(4);
        for unit in 0..units {
            site_zones.extend(unit_kinds(rng).into_iter().map(|k| (k, Some(unit))));
            if unit == 0 {
                // the first unit comes early, so that a small plant still reaches the field
                if site == 0 {
                    site_zones.push((ZoneKind::RemoteAccess, None));
                    site_zones.push((ZoneKind::External, None));
                } else if rng.percent(40) {
                    site_zones.push((ZoneKind::RemoteAccess, None));
                }
            }
        }
        let start = plan.len();
        for (kind, unit) in site_zones {
            if plan.len() == count {
                break;
            }
            let ordinal = plan[start..]
                .iter()
                .filter(|p| p.kind == kind && p.unit == unit)
                .count();
            plan.push(ZonePlan {
                kind,
                site,
                unit,
                ordinal,
            });
        }
        site += 1;
    }
    plan
}

fn zone_sl_t(kind: ZoneKind, rng: &mut Rng) -> Option<SlVector> {
    let v = |a: [u8; 7]| SlVector(a);
    if kind != ZoneKind::Safety && rng.percent(3) {
        return None; // not decided yet: a finding
    }
    Some(match kind {
        ZoneKind::Enterprise | ZoneKind::External => SlVector::uniform(1),
        ZoneKind::Dmz => *rng.weighted(&[(7, SlVector::uniform(2)), (3, v([3, 3, 3, 2, 3, 2, 2]))]),
        ZoneKind::RemoteAccess => {
            *rng.weighted(&[(6, v([3, 3, 2, 2, 3, 2, 2])), (4, SlVector::uniform(2))])
        }
        ZoneKind::Supervisory => {
            *rng.weighted(&[(8, SlVector::uniform(2)), (2, v([2, 2, 2, 2, 2, 2, 3]))])
        }
        ZoneKind::Control => {
            *rng.weighted(&[(7, SlVector::uniform(2)), (3, v([2, 2, 3, 1, 2, 2, 3]))])
        }
        ZoneKind::Safety => {
            *rng.weighted(&[(6, SlVector::uniform(3)), (4, v([3, 3, 3, 2, 3, 3, 3]))])
        }
        ZoneKind::Field => {
            *rng.weighted(&[(6, SlVector::uniform(1)), (4, v([2, 2, 2, 1, 2, 1, 2]))])
        }
        ZoneKind::Wireless => v([2, 2, 2, 3, 2, 2, 2]),
        ZoneKind::Other => SlVector::uniform(2),
    })
}

/// Component types that belong in a zone of this kind, with relative frequencies.
fn components_for(kind: ZoneKind) -> &'static [(usize, &'static str)] {
    match kind {
        ZoneKind::Enterprise => &[
            (12, "corporate_workstation"),
            (2, "erp_server"),
            (1, "email_server"),
        ],
        ZoneKind::External => &[
            (3, "cloud_service"),
            (2, "iiot_gateway"),
            (2, "cellular_router"),
        ],
        ZoneKind::Dmz => &[
            (3, "historian"),
            (2, "patch_server"),
            (2, "antimalware_server"),
            (2, "opc_ua_server"),
            (1, "backup_server"),
        ],
        ZoneKind::RemoteAccess => &[(3, "jump_host"), (1, "remote_access_gateway")],
        ZoneKind::Supervisory => &[
            (8, "operator_workstation"),
            (2, "engineering_workstation"),
            (2, "scada_server"),
            (1, "historian"),
            (1, "domain_controller"),
            (1, "opc_ua_server"),
            (1, "mes_server"),
            (1, "backup_server"),
            (1, "managed_switch"),
        ],
        ZoneKind::Control => &[
            (8, "plc"),
            (4, "dcs_controller"),
            (3, "hmi_panel"),
            (2, "drive"),
            (1, "robot_controller"),
            (1, "rtu"),
            (2, "managed_switch"),
        ],
        ZoneKind::Safety => &[(6, "safety_plc"), (1, "sis_engineering_workstation")],
        ZoneKind::Field => &[
            (10, "field_instrument"),
            (3, "drive"),
            (1, "rtu"),
            (1, "managed_switch"),
        ],
        ZoneKind::Wireless => &[
            (3, "wireless_ap"),
            (3, "wireless_gateway"),
            (1, "radio_modem"),
        ],
        ZoneKind::Other => &[(4, "maintenance_laptop"), (1, "router")],
    }
}

/// How many assets a zone of this kind holds, relative to others.
fn asset_weight(kind: ZoneKind) -> usize {
    match kind {
        ZoneKind::Enterprise => 6,
        ZoneKind::External => 2,
        ZoneKind::Dmz => 3,
        ZoneKind::RemoteAccess => 2,
        ZoneKind::Supervisory => 7,
        ZoneKind::Control => 10,
        ZoneKind::Safety => 4,
        ZoneKind::Field => 14,
        ZoneKind::Wireless => 4,
        ZoneKind::Other => 2,
    }
}

/// Products seen in plants, per component type: (vendor, model, firmware versions).
type Product = (&'static str, &'static str, &'static [&'static str]);

fn products(component: &str) -> &'static [Product] {
    match component {
        "plc" => &[
            (
                "Siemens",
                "SIMATIC S7-1500",
                &["V2.9.7", "V3.0.3", "V3.1.0"],
            ),
            (
                "Rockwell Automation",
                "ControlLogix 5580",
                &["33.011", "34.014", "35.011"],
            ),
            ("Schneider Electric", "Modicon M580", &["SV4.10", "SV4.20"]),
        ],
        "dcs_controller" => &[
            ("Yokogawa", "CENTUM VP FCS", &["R6.10.10", "R6.11.10"]),
            ("Emerson", "DeltaV PK controller", &["14.3.1", "15.1"]),
            ("ABB", "800xA AC 800M", &["6.1.1", "6.2"]),
        ],
        "rtu" => &[
            ("Schneider Electric", "SCADAPack 470", &["9.2", "9.3"]),
            ("Siemens", "SICAM A8000", &["V05.40", "V06.00"]),
        ],
        "robot_controller" => &[
            ("KUKA", "KR C5", &["8.7.4", "8.7.6"]),
            ("FANUC", "R-30iB Plus", &["V9.40", "V9.30"]),
        ],
        "drive" => &[
            ("ABB", "ACS880", &["3.51", "3.60"]),
            ("Siemens", "SINAMICS G120", &["4.7 SP14", "6.1"]),
            ("Danfoss", "VLT AutomationDrive FC 302", &["8.52"]),
        ],
        "field_instrument" => &[
            ("Endress+Hauser", "Promag 300", &["01.06.00", "01.07.02"]),
            ("Emerson", "Rosemount 3051S", &["7.2", "8.0"]),
            ("VEGA", "VEGAPULS 64", &["2.1.0", "2.3.0"]),
            ("Samson", "TROVIS SAFE 3793", &["1.10"]),
        ],
        "safety_plc" => &[
            ("HIMA", "HIMax", &["V8.2", "V10.1"]),
            ("Triconex", "Tricon CX", &["11.6", "11.7"]),
            ("Siemens", "SIMATIC S7-1500F", &["V3.0.3"]),
        ],
        "sis_engineering_workstation" => &[
            ("HIMA", "SILworX station", &["13.0.2", "14.0"]),
            ("Schneider Electric", "TriStation 1131", &["4.16", "4.17"]),
        ],
        "hmi_panel" => &[
            (
                "Siemens",
                "SIMATIC HMI TP1200 Comfort",
                &["V17 Upd 6", "V18"],
            ),
            ("Rockwell Automation", "PanelView 5510", &["8.001", "9.001"]),
        ],
        "scada_server" => &[
            ("AVEVA", "System Platform 2023", &["R2 SP1", "P01"]),
            ("Siemens", "WinCC OA", &["3.19 P012", "3.20"]),
            ("Inductive Automation", "Ignition", &["8.1.38", "8.1.44"]),
        ],
        "operator_workstation" | "engineering_workstation" => &[
            (
                "Dell",
                "Precision 3680 Tower",
                &["Windows 10 LTSC 2021", "Windows 11 IoT LTSC"],
            ),
            (
                "HP",
                "Z2 G9",
                &["Windows 10 LTSC 2021", "Windows 11 IoT LTSC"],
            ),
            ("Siemens", "SIMATIC IPC847E", &["Windows 10 LTSC 2019"]),
        ],
        "historian" => &[
            ("AVEVA", "PI Server 2024", &["2024 SP1", "2023 SP1"]),
            ("Canary Labs", "Canary Historian", &["24.1", "23.3"]),
        ],
        "opc_ua_server" => &[
            ("Kepware", "KEPServerEX", &["6.15", "6.16"]),
            ("Softing", "dataFEED OPC Suite", &["5.30", "5.40"]),
        ],
        "mes_server" => &[
            ("Siemens", "Opcenter Execution", &["2404", "2310"]),
            (
                "Rockwell Automation",
                "FactoryTalk ProductionCentre",
                &["10.4"],
            ),
        ],
        "domain_controller" | "patch_server" | "backup_server" => &[
            ("Microsoft", "Windows Server 2022", &["21H2", "20348.2340"]),
            ("Microsoft", "Windows Server 2019", &["1809"]),
        ],
        "antimalware_server" => &[
            ("Trend Micro", "Apex One server", &["14.0.12", "14.0.13"]),
            ("Sophos", "Central on-premise relay", &["2023.2"]),
        ],
        "jump_host" => &[
            ("Microsoft", "Windows Server 2022 RDS", &["21H2"]),
            ("CyberArk", "Privileged Session Manager", &["13.2", "14.0"]),
        ],
        "remote_access_gateway" => &[
            ("Siemens", "SINEMA Remote Connect", &["3.2", "3.3"]),
            ("Secomea", "GateManager", &["11.2"]),
        ],
        "firewall" => &[
            (
                "Palo Alto Networks",
                "PA-3410",
                &["PAN-OS 11.1.4", "PAN-OS 10.2.9"],
            ),
            (
                "Cisco",
                "Secure Firewall ISA3000",
                &["FTD 7.4.1", "FTD 7.2.5"],
            ),
            (
                "Fortinet",
                "FortiGate Rugged 70F",
                &["FortiOS 7.4.5", "FortiOS 7.2.8"],
            ),
        ],
        "dpi_firewall" => &[
            ("Fortinet", "FortiGate Rugged 60F", &["FortiOS 7.4.5"]),
            ("Tofino", "Xenon Security Appliance", &["4.2"]),
            ("Claroty", "xDome Secure Access", &["2.9"]),
        ],
        "unidirectional_gateway" => &[
            (
                "Waterfall Security",
                "Unidirectional Security Gateway",
                &["8.4", "9.0"],
            ),
            ("Owl Cyber Defense", "OPDS-1000", &["3.4"]),
        ],
        "managed_switch" => &[
            ("Cisco", "IE-9320", &["IOS XE 17.12", "IOS XE 17.9"]),
            ("Hirschmann", "RSP35", &["HiOS 09.4", "HiOS 10.0"]),
            ("Moxa", "EDS-G4012", &["4.0", "4.1"]),
        ],
        "router" => &[
            ("Cisco", "IR1101", &["IOS XE 17.12"]),
            ("Siemens", "SCALANCE M876-4", &["V7.2"]),
        ],
        "wireless_ap" => &[
            ("Siemens", "SCALANCE W1788", &["V3.0", "V3.1"]),
            ("Cisco", "Catalyst IW9167", &["17.12"]),
        ],
        "wireless_gateway" => &[
            ("Emerson", "Wireless 1410S Gateway", &["4.7.84"]),
            ("Honeywell", "OneWireless WDM", &["R320"]),
        ],
        "radio_modem" => &[
            ("Satel", "SATELLAR XT 5RC", &["1.8"]),
            ("Moxa", "AWK-1137C", &["1.7"]),
        ],
        "maintenance_laptop" | "vendor_laptop" => &[
            ("Panasonic", "Toughbook 40", &["Windows 11 23H2"]),
            (
                "Dell",
                "Latitude 7330 Rugged",
                &["Windows 10 22H2", "Windows 11 23H2"],
            ),
        ],
        "corporate_workstation" => &[
            ("Dell", "OptiPlex 7010", &["Windows 11 23H2"]),
            (
                "HP",
                "EliteDesk 800 G9",
                &["Windows 11 23H2", "Windows 11 24H2"],
            ),
            ("Lenovo", "ThinkCentre M90q", &["Windows 11 23H2"]),
        ],
        "erp_server" => &[("SAP", "S/4HANA 2023", &["FPS02", "FPS01"])],
        "email_server" => &[("Microsoft", "Exchange Server SE", &["CU1", "RTM"])],
        "cloud_service" => &[
            ("Microsoft", "Azure IoT Hub", &["2024-03"]),
            ("Siemens", "Insights Hub", &["2024.2"]),
        ],
        "iiot_gateway" => &[
            ("Siemens", "SIMATIC IOT2050", &["1.4.0", "1.3.1"]),
            ("Moxa", "UC-8200", &["3.2"]),
        ],
        "cellular_router" => &[
            ("Teltonika", "RUTX50", &["RUTX_R_00.07.08"]),
            ("Sierra Wireless", "AirLink RX55", &["4.17"]),
        ],
        _ => &[("Generic", "Unbranded", &["1.0"])],
    }
}

fn criticality(kind: ZoneKind, component: &str, rng: &mut Rng) -> Criticality {
    match (kind, component) {
        (ZoneKind::Safety, _) => Criticality::Critical,
        (_, "dcs_controller" | "scada_server" | "plc" | "robot_controller") => {
            if rng.percent(30) {
                Criticality::Critical
            } else {
                Criticality::High
            }
        }
        (ZoneKind::Enterprise | ZoneKind::External | ZoneKind::Other, _) => Criticality::Low,
        (ZoneKind::Field, _) => Criticality::Medium,
        _ => *rng.pick(&[Criticality::Medium, Criticality::High]),
    }
}

struct Ids {
    next_asset: u32,
}

impl Ids {
    fn asset(&mut self) -> AssetId {
        let id = AssetId(self.next_asset);
        self.next_asset += 1;
        id
    }
}

fn make_asset(
    id: AssetId,
    name: String,
    component: &str,
    kind: ZoneKind,
    catalog: &Catalog,
    rng: &mut Rng,
) -> Asset {
    let mut a = Asset::new(id, name, component);
    let (vendor, model, firmware) = *rng.pick(products(component));
    a.vendor = vendor.to_owned();
    a.model = model.to_owned();
    a.firmware = (*rng.pick(firmware)).to_owned();
    a.criticality = criticality(kind, component, rng);
    if rng.percent(4)
        && let Some(ct) = catalog.component(component)
    {
        // a vendor certificate better than the catalog's typical value
        let mut sl = ct.sl_c;
        for level in sl.0.iter_mut() {
            *level = (*level + 1).min(crate::model::MAX_SL);
        }
        a.sl_c_override = Some(SlOverride {
            sl,
            source: if rng.percent(90) {
                format!(
                    "IEC 62443-4-2 certificate {}-{:05}",
                    vendor,
                    rng.below(100_000)
                )
            } else {
                String::new()
            },
        });
    }
    a
}

/// Splits `total` over `weights` exactly: everyone gets at least one when there is enough,
/// the rest in proportion (largest remainder).
fn apportion(total: usize, weights: &[usize]) -> Vec<usize> {
    let n = weights.len();
    let mut out = vec![0usize; n];
    if n == 0 {
        return out;
    }
    let mut rest = total;
    if total >= n {
        out.iter_mut().for_each(|o| *o = 1);
        rest -= n;
    }
    let sum: u128 = weights.iter().map(|&w| w as u128).sum::<u128>().max(1);
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(n);
    let mut given = 0usize;
    for (i, &w) in weights.iter().enumerate() {
        let exact = rest as u128 * w as u128;
        let share = (exact / sum) as usize;
        out[i] += share;
        given += share;
        remainders.push((exact % sum, i));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(rest - given) {
        out[i] += 1;
    }
    out
}

/// Chip columns for a zone of `n` assets: roughly 3 rows per column, at most 12 columns.
fn columns_for(n: usize) -> usize {
    let mut c = 1;
    while c < 12 && c * c * 3 < n {
        c += 1;
    }
    c
}

const GAP_X: f32 = 140.0;
const GAP_Y: f32 = 160.0;
const SITE_GAP: f32 = 400.0;

/// Places every zone: per site, Purdue rows top to bottom, the site-wide zones centred above
/// their process units, units side by side; sites packed in shelves into a landscape block.
fn layout(plan: &[ZonePlan], sizes: &[(f32, f32)]) -> Vec<Rect> {
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let mut rects = vec![Rect::new(0.0, 0.0, 1.0, 1.0); plan.len()];
    // per site: (zone index, rectangle relative to the site), width, height
    type Block = (Vec<(usize, Rect)>, f32, f32);
    let mut blocks: Vec<Block> = Vec::with_capacity(sites);
    for site in 0..sites {
        let members: Vec<usize> = (0..plan.len()).filter(|&i| plan[i].site == site).collect();
        let units = members
            .iter()
            .filter_map(|&i| plan[i].unit)
            .max()
            .map_or(0, |u| u + 1);
        // group 0 = site-wide zones, 1 + u = unit u
        let group = |i: usize| plan[i].unit.map_or(0, |u| u + 1);
        let mut row_h = [0.0f32; ROWS];
        for &i in &members {
            let r = plan[i].row();
            row_h[r] = row_h[r].max(sizes[i].1);
        }
        let mut row_y = [0.0f32; ROWS];
        let mut y = 0.0;
        for r in 0..ROWS {
            row_y[r] = y;
            if row_h[r] > 0.0 {
                y += row_h[r] + GAP_Y;
            }
        }
        let height = (y - GAP_Y).max(0.0);
        // width of each (group, row) cell: zones side by side
        let mut cell_w = vec![[0.0f32; ROWS]; units + 1];
        for &i in &members {
            let cell = &mut cell_w[group(i)][plan[i].row()];
            *cell += sizes[i].0 + if *cell > 0.0 { GAP_X } else { 0.0 };
        }
        let group_w: Vec<f32> = cell_w
            .iter()
            .map(|rows| rows.iter().copied().fold(0.0, f32::max))
            .collect();
        let units_w: f32 = group_w[1..].iter().map(|w| w + GAP_X).sum::<f32>() - GAP_X;
        let units_w = units_w.max(0.0);
        let header_w = group_w[0];
        let width = units_w.max(header_w);
        let mut group_x = vec![0.0f32; units + 1];
        group_x[0] = (width - header_w) / 2.0;
        let mut x = (width - units_w) / 2.0;
        for g in 1..=units {
            group_x[g] = x;
            x += group_w[g] + GAP_X;
        }
        let mut cursor = vec![[0.0f32; ROWS]; units + 1];
        let mut placed = Vec::with_capacity(members.len());
        for &i in &members {
            let (g, r) = (group(i), plan[i].row());
            let rect = Rect::new(group_x[g] + cursor[g][r], row_y[r], sizes[i].0, sizes[i].1);
            cursor[g][r] += sizes[i].0 + GAP_X;
            placed.push((i, rect));
        }
        blocks.push((placed, width, height));
    }
    let area: f32 = blocks
        .iter()
        .map(|(_, w, h)| (w + SITE_GAP) * (h + SITE_GAP))
        .sum();
    let target_w = (area * 16.0 / 9.0).sqrt();
    let (mut x, mut y, mut shelf_h) = (0.0f32, 0.0f32, 0.0f32);
    for (placed, w, h) in blocks {
        if x > 0.0 && x + w > target_w {
            x = 0.0;
            y += shelf_h + SITE_GAP;
            shelf_h = 0.0;
        }
        for (i, r) in placed {
            rects[i] = Rect::new(x + r.x, y + r.y, r.w, r.h);
        }
        x += w + SITE_GAP;
        shelf_h = shelf_h.max(h);
    }
    rects
}

/// An edge between two planned zones, by index into the plan.
#[derive(Debug, Clone, Copy)]
struct Link {
    from: usize,
    to: usize,
    one_way: bool,
}

/// Conduits every plant of this shape has (priority 0) and common extras (priority 1).
fn candidate_links(plan: &[ZonePlan], rng: &mut Rng) -> (Vec<Link>, Vec<Link>) {
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let find = |site: usize, unit: Option<usize>, kind: ZoneKind| -> Vec<usize> {
        (0..plan.len())
            .filter(|&i| plan[i].site == site && plan[i].unit == unit && plan[i].kind == kind)
            .collect()
    };
    let both = |from, to| Link {
        from,
        to,
        one_way: false,
    };
    let mut main = Vec::new();
    let mut extra = Vec::new();
    let ent0 = find(0, None, ZoneKind::Enterprise).first().copied();
    for site in 0..sites {
        let ent = find(site, None, ZoneKind::Enterprise).first().copied();
        let dmz = find(site, None, ZoneKind::Dmz).first().copied();
        let ra = find(site, None, ZoneKind::RemoteAccess).first().copied();
        let ext = find(0, None, ZoneKind::External).first().copied();
        if let (Some(e), Some(d)) = (ent, dmz) {
            main.push(both(e, d));
        }
        if site > 0
            && let (Some(e0), Some(e)) = (ent0, ent)
        {
            main.push(both(e0, e)); // corporate WAN
        }
        if let Some(r) = ra {
            if let Some(x) = ext {
                main.push(both(x, r));
            }
            if let Some(d) = dmz {
                main.push(both(r, d));
            }
        }
        if site == 0
            && let (Some(x), Some(d)) = (ext, dmz)
        {
            extra.push(both(d, x)); // DMZ publishes to the cloud
        }
        let units = plan
            .iter()
            .filter(|p| p.site == site)
            .filter_map(|p| p.unit)
            .max()
            .map_or(0, |u| u + 1);
        let mut prev_sup = None;
        for unit in 0..units {
            let u = Some(unit);
            let sup = find(site, u, ZoneKind::Supervisory).first().copied();
            let controls = find(site, u, ZoneKind::Control);
            let sis = find(site, u, ZoneKind::Safety).first().copied();
            let fields = find(site, u, ZoneKind::Field);
            let wireless = find(site, u, ZoneKind::Wireless).first().copied();
            let maint = find(site, u, ZoneKind::Other).first().copied();
            if let (Some(d), Some(s)) = (dmz, sup) {
                main.push(both(d, s));
            }
            for &c in &controls {
                if let Some(s) = sup {
                    main.push(both(s, c));
                }
            }
            if let (Some(&c), Some(s)) = (controls.first(), sis) {
                main.push(Link {
                    from: s,
                    to: c,
                    one_way: rng.percent(30),
                });
            }
            for (k, &f) in fields.iter().enumerate() {
                if let Some(&c) = controls.get(k % controls.len().max(1)) {
                    main.push(both(c, f));
                }
            }
            if let Some(w) = wireless {
                match (fields.first(), controls.first()) {
                    (Some(&f), _) => main.push(both(f, w)),
                    (None, Some(&c)) => main.push(both(c, w)),
                    _ => {}
                }
            }
            if let (Some(m), Some(s)) = (maint, sup) {
                main.push(both(s, m));
            }
            // extras
            for pair in controls.windows(2) {
                extra.push(both(pair[0], pair[1]));
            }
            if let (Some(&c), Some(d)) = (controls.first(), dmz) {
                extra.push(Link {
                    from: c,
                    to: d,
                    one_way: true,
                }); // historian feed through a data diode
            }
            if let (Some(s), Some(x)) = (sup, sis) {
                extra.push(both(s, x)); // SIS engineering
            }
            if let (Some(r), Some(s)) = (ra, sup) {
                extra.push(both(r, s)); // vendor support sessions
            }
            if let (Some(p), Some(s)) = (prev_sup, sup) {
                extra.push(both(p, s));
            }
            if let (Some(m), Some(&c)) = (maint, controls.first()) {
                extra.push(both(m, c));
            }
            prev_sup = sup.or(prev_sup);
        }
    }
    (main, extra)
}

/// `k` items of `items` chosen at random, in their original order.
fn sample<T: Copy>(items: &[T], k: usize, rng: &mut Rng) -> Vec<T> {
    if k >= items.len() {
        return items.to_vec();
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    for i in 0..k {
        let j = i + rng.below(items.len() - i);
        idx.swap(i, j);
    }
    let mut chosen = idx[..k].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| items[i]).collect()
}

fn pair_key(a: usize, b: usize) -> (usize, usize) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Exactly `count` links between distinct zones: the typical ones first, then random ones
/// between neighbouring layers of a site, then anywhere (parallel conduits only when the plant
/// is too small for more distinct pairs).
fn choose_links(plan: &[ZonePlan], count: usize, rng: &mut Rng) -> Vec<Link> {
    let n = plan.len();
    if n < 2 || count == 0 {
        return Vec::new();
    }
    let (main, extra) = candidate_links(plan, rng);
    let mut used: BTreeSet<(usize, usize)> = BTreeSet::new();
    let dedup = |links: Vec<Link>, used: &mut BTreeSet<(usize, usize)>| -> Vec<Link> {
        links
            .into_iter()
            .filter(|l| l.from != l.to && used.insert(pair_key(l.from, l.to)))
            .collect()
    };
    let main = dedup(main, &mut used);
    let extra = dedup(extra, &mut used);
    let mut links = sample(&main, count, rng);
    if links.len() < main.len() {
        return links;
    }
    links.extend(sample(&extra, count - links.len(), rng));
    let sites = plan.iter().map(|p| p.site + 1).max().unwrap_or(0);
    let by_site: Vec<Vec<usize>> = (0..sites)
        .map(|s| (0..n).filter(|&i| plan[i].site == s).collect())
        .collect();
    let mut attempts = 0usize;
    while links.len() < count && attempts < 40 * count {
        attempts += 1;
        let a = rng.below(n);
        let local = &by_site[plan[a].site];
        let b = local[rng.below(local.len())];
        if a == b || plan[a].row().abs_diff(plan[b].row()) > 1 {
            continue;
        }
        if used.insert(pair_key(a, b)) {
            links.push(Link {
                from: a.min(b),
                to: a.max(b),
                one_way: false,
            });
        }
    }
    let distinct_pairs = n.saturating_mul(n - 1) / 2;
    while links.len() < count {
        let a = rng.below(n);
        let b = (a + 1 + rng.below(n - 1)) % n;
        if used.len() >= distinct_pairs || used.insert(pair_key(a, b)) {
            links.push(Link {
                from: a,
                to: b,
                one_way: false,
            });
        }
    }
    links
}

/// What a conduit between two kinds of zone usually carries and who owns it.
struct ConduitStyle {
    flows: &'static [(&'static str, &'static str, &'static str)],
    controls: &'static [&'static str],
    owner: &'static str,
    purpose: &'static str,
    test: &'static str,
}

fn style(a: ZoneKind, b: ZoneKind) -> ConduitStyle {
    use ZoneKind::*;
    let has = |k: ZoneKind| a == k || b == k;
    if has(Enterprise) && a == b {
        ConduitStyle {
            flows: &[
                ("MPLS WAN (IPsec)", "various", "Site office networks"),
                (
                    "Active Directory replication",
                    "389/tcp, 88/tcp",
                    "Domain controllers",
                ),
            ],
            controls: &["encryption", "stateful_firewall"],
            owner: "Group IT network operations",
            purpose: "Connect the site office networks over the corporate WAN.",
            test: "Annual WAN rule review and penetration test by group IT.",
        }
    } else if has(Enterprise) {
        ConduitStyle {
            flows: &[
                (
                    "HTTPS (historian web)",
                    "443/tcp",
                    "Business users' trend and report views",
                ),
                (
                    "WSUS upstream sync",
                    "8531/tcp",
                    "Patch staging fetches updates",
                ),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Group IT network operations",
            purpose: "Give the business read access to process data and bring updates into OT.",
            test: "Quarterly rule-base review against the flow list; annual external scan.",
        }
    } else if has(External) {
        ConduitStyle {
            flows: &[
                (
                    "MQTT over TLS",
                    "8883/tcp",
                    "Telemetry to the cloud analytics service",
                ),
                (
                    "IPsec VPN",
                    "500/udp, 4500/udp",
                    "Vendor remote service tunnel",
                ),
            ],
            controls: &["encryption", "mfa"],
            owner: "OT security",
            purpose: "Connect cloud services and remote vendors through controlled entry points.",
            test: "Monthly review of tunnel logs; annual penetration test from the Internet.",
        }
    } else if has(RemoteAccess) {
        ConduitStyle {
            flows: &[
                (
                    "RDP via jump host",
                    "3389/tcp",
                    "Vendor engineers' supervised sessions",
                ),
                ("SSH", "22/tcp", "Network device maintenance"),
            ],
            controls: &[
                "jump_host",
                "mfa",
                "session_recording",
                "time_limited_access",
            ],
            owner: "OT security",
            purpose: "Supervised, time-limited vendor access to named systems only.",
            test: "Review of recorded sessions after each access; quarterly account review.",
        }
    } else if has(Dmz) {
        ConduitStyle {
            flows: &[
                ("OPC UA", "4840/tcp", "Process values to the DMZ historian"),
                ("WSUS", "8530/tcp", "Approved patches for OT hosts"),
                ("Anti-malware agent", "8080/tcp", "Signature updates"),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "OT security",
            purpose: "Bring maintenance services into OT and process data out of it.",
            test: "Rule review at every MOC; annual comparison of a traffic capture with the flow list.",
        }
    } else if has(Safety) {
        ConduitStyle {
            flows: &[
                (
                    "Modbus/TCP (read only)",
                    "502/tcp",
                    "SIS status and trips to the BPCS",
                ),
                (
                    "Vendor safety protocol",
                    "vendor-defined",
                    "SIS engineering downloads",
                ),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Process control engineering (SIS team)",
            purpose: "Show SIS status to operators; engineer safety logic under MOC.",
            test: "Proof test of the write protection at every SIS proof-test interval.",
        }
    } else if has(Wireless) {
        ConduitStyle {
            flows: &[
                (
                    "WirelessHART via gateway",
                    "5094/tcp (HART-IP)",
                    "Wireless transmitters",
                ),
                ("WPA3-Enterprise Wi-Fi", "802.1X", "Tablets and AGVs"),
            ],
            controls: &["encryption", "allow_list"],
            owner: "Instrumentation and control maintenance",
            purpose: "Bring wireless measurements into the control system.",
            test: "Annual wireless survey and key rotation check.",
        }
    } else if has(Other) {
        ConduitStyle {
            flows: &[(
                "Engineering tool protocols",
                "various",
                "Maintenance laptops while connected",
            )],
            controls: &["time_limited_access", "allow_list"],
            owner: "Maintenance",
            purpose: "Connect maintenance laptops for diagnostics under a work permit.",
            test: "Check of the connection log against work permits every month.",
        }
    } else if has(Field) {
        ConduitStyle {
            flows: &[
                (
                    "PROFINET",
                    "34962-34964/udp",
                    "Cyclic I/O with field devices",
                ),
                ("HART-IP", "5094/tcp", "Instrument diagnostics"),
            ],
            controls: &["allow_list"],
            owner: "Instrumentation and control maintenance",
            purpose: "Cyclic I/O between controllers and field devices.",
            test: "Comparison of a traffic capture with the engineered I/O list at each turnaround.",
        }
    } else {
        ConduitStyle {
            flows: &[
                (
                    "S7comm / EtherNet/IP",
                    "102/tcp, 44818/tcp",
                    "Controller programming",
                ),
                ("OPC UA", "4840/tcp", "Operator displays and alarms"),
                ("Modbus/TCP", "502/tcp", "Values from package units"),
            ],
            controls: &["allow_list", "ids_monitoring"],
            owner: "Process control engineering",
            purpose: "Operation and engineering of the controllers from the control room.",
            test: "Rule review at every MOC; annual comparison of a traffic capture with the flow list.",
        }
    }
}

/// The boundary and network devices wanted on a conduit, most important first.
fn conduit_devices(a: ZoneKind, b: ZoneKind, one_way: bool, rng: &mut Rng) -> Vec<&'static str> {
    use ZoneKind::*;
    let has = |k: ZoneKind| a == k || b == k;
    let mut out = Vec::new();
    if one_way {
        out.push("unidirectional_gateway");
    } else if has(RemoteAccess) && has(External) {
        out.push("remote_access_gateway");
    } else if a != b {
        if !rng.percent(6) {
            // the rest are findings waiting to happen
            out.push(if has(Safety) || has(Dmz) || rng.percent(25) {
                "dpi_firewall"
            } else {
                "firewall"
            });
        }
    } else if a == Enterprise {
        out.push("router");
    }
    if matches!((a, b), (Control, _) | (_, Control)) && rng.percent(40) {
        out.push("managed_switch");
    }
    out
}

fn controls_for_devices(devices: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for d in devices {
        match *d {
            "firewall" => out.push("stateful_firewall"),
            "dpi_firewall" => out.push("dpi_firewall"),
            "unidirectional_gateway" => out.extend(["unidirectional_gateway", "protocol_break"]),
            "remote_access_gateway" => out.extend(["vpn", "mfa"]),
            _ => {}
        }
    }
    out
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

/// An assessment of the requirements that apply at `sl_t`, as a workshop leaves it: per FR,
/// everything up to some achieved level is satisfied (met, or compensated / not applicable
/// with a reason), the items above it are partly assessed and partly open.
fn assess_some(sl_t: SlVector, catalog: &Catalog, rng: &mut Rng, report: &mut u32) -> Requirements {
    let mut achieved = [0u8; 7];
    for (a, t) in achieved.iter_mut().zip(sl_t.0) {
        // mostly at or one below the target, sometimes far below
        *a = match rng.below(10) {
            0..=4 => t,
            5..=7 => t.saturating_sub(1),
            _ => t.saturating_sub(2),
        };
    }
    let mut out = Requirements::new();
    for r in &catalog.requirements {
        if r.level > sl_t.get(r.fr) {
            continue;
        }
        let below = r.level <= achieved[r.fr.index()];
        let status = if below {
            *rng.weighted(&[
                (85, Status::Met),
                (10, Status::Compensated),
                (5, Status::NotApplicable),
            ])
        } else {
            *rng.weighted(&[
                (30, Status::NotMet),
                (25, Status::NotAssessed),
                (45, Status::Met),
            ])
        };
        if !below && status == Status::NotAssessed && rng.percent(70) {
            continue; // nothing written yet
        }
        *report += 1;
        let mut ra = RequirementAssessment {
            status,
            ..Default::default()
        };
        match status {
            Status::Met => ra.evidence = format!("Test report TR-{:05}", *report),
            Status::NotMet => {
                ra.notes = "Gap accepted into the security improvement plan.".to_owned();
            }
            Status::Compensated => {
                if rng.percent(97) {
                    ra.text = match r.fr {
                        Fr::Iac | Fr::Uc => {
                            "Access only from the jump host with MFA; accounts reviewed quarterly."
                        }
                        Fr::Si | Fr::Tre => {
                            "Network monitoring on the zone boundary raises alarms in the SOC."
                        }
                        Fr::Dc => "Traffic stays inside the locked rack room; no external path.",
                        Fr::Rdf => "The boundary firewall enforces the flow list for the zone.",
                        Fr::Ra => "Redundant controller pair and offline spares on site.",
                    }
                    .to_owned();
                }
                ra.evidence = format!("Risk assessment RA-{:04}", *report % 10_000);
            }
            Status::NotApplicable => {
                if rng.percent(97) {
                    ra.text =
                        "The zone has no interface of the kind this item addresses.".to_owned();
                }
            }
            Status::NotAssessed => ra.notes = "Scheduled for the next workshop.".to_owned(),
        }
        out.insert(r.id.clone(), ra);
    }
    out
}

fn characteristics(plan: &ZonePlan, index: usize, rng: &mut Rng) -> Characteristics {
    if !rng.percent(70) {
        return Characteristics::default();
    }
    let org = match plan.kind {
        ZoneKind::Enterprise => "Group IT",
        ZoneKind::External => "Service providers (contracted)",
        ZoneKind::Dmz | ZoneKind::RemoteAccess => "OT security",
        ZoneKind::Safety => "Process control engineering (SIS team)",
        ZoneKind::Field | ZoneKind::Wireless => "Instrumentation and control maintenance",
        _ => "Process control engineering",
    };
    Characteristics {
        accountable_organisation: format!("{org}, site {}", plan.site + 1),
        logical_boundary: format!(
            "VLAN {}, 10.{}.{}.0/24",
            100 + index % 3_900,
            plan.site % 256,
            index % 256
        ),
        physical_boundary: match plan.unit {
            Some(u) => format!("Rack room of unit {:02}, site {}", u + 1, plan.site + 1),
            None => format!("Server room, site {}", plan.site + 1),
        },
        safety_designation: if plan.kind == ZoneKind::Safety {
            "Safety-related (IEC 61511 SIS)".to_owned()
        } else {
            "None".to_owned()
        },
        logical_access_points: format!("Boundary firewall of zone {}", index + 1),
        physical_access_points: "Locked rack room; switch ports disabled when unused".to_owned(),
        security_policies: format!("Site {} OT security policy", plan.site + 1),
        assumptions: "Only the listed conduits connect the zone.".to_owned(),
        external_dependencies: "Site time and name services".to_owned(),
    }
}

/// The ZCR 6.4 characteristics of a generated conduit (most are filled in).
fn conduit_characteristics(owner: &str, rng: &mut Rng) -> Characteristics {
    if !rng.percent(80) {
        return Characteristics::default();
    }
    Characteristics {
        accountable_organisation: owner.to_owned(),
        logical_boundary: "The firewall rule set of the conduit".to_owned(),
        physical_boundary: "Patch panels and fibre between the two rack rooms".to_owned(),
        safety_designation: "None".to_owned(),
        logical_access_points: "Firewall management interface".to_owned(),
        physical_access_points: "Rack rooms at both ends".to_owned(),
        security_policies: "Site OT security policy, firewall rule standard".to_owned(),
        assumptions: "Only the listed data flows cross the conduit.".to_owned(),
        external_dependencies: "None".to_owned(),
    }
}

/// Generates a plant. With parameters that pass [`GenerateParams::check`], the project has
/// exactly the requested numbers of zones, conduits and assets (zone assets plus conduit
/// devices) and passes `file::validate`; otherwise what cannot exist is left out (conduits
/// without two zones, assets without a zone). Deterministic: the same parameters give the
/// same project.
pub fn generate(params: &GenerateParams) -> Project {
    let catalog = Catalog::embedded();
    let mut rng = Rng::new(params.seed);
    let plan = plan_zones(params.zones, &mut rng);
    let asset_total = if plan.is_empty() { 0 } else { params.assets };
    let links = choose_links(&plan, params.conduits, &mut rng);

    // devices on conduits come out of the asset budget, leaving most assets to the zones
    let mut device_budget = asset_total / 4;
    let wanted: Vec<Vec<&'static str>> = links
        .iter()
        .map(|l| {
            let mut d = conduit_devices(plan[l.from].kind, plan[l.to].kind, l.one_way, &mut rng);
            d.truncate(device_budget.min(d.len()));
            device_budget -= d.len();
            d
        })
        .collect();
    let device_count: usize = wanted.iter().map(Vec::len).sum();
    let zone_assets = asset_total - device_count;

    let weights: Vec<usize> = plan
        .iter()
        .map(|p| asset_weight(p.kind) * (50 + rng.below(101)))
        .collect();
    let counts = apportion(zone_assets, &weights);
    let sizes: Vec<(f32, f32)> = counts
        .iter()
        .map(|&n| zone_size_for(n, columns_for(n)))
        .collect();
    let rects = layout(&plan, &sizes);

    let mut ids = Ids { next_asset: 1 };
    let mut report = 0u32;
    // its own stream, so the risk data leaves the rest of the plant as it was before
    let mut risk_rng = Rng::new(params.seed ^ 0x0052_4953_4B00_0001);
    let mut zones = Vec::with_capacity(plan.len());
    for (i, p) in plan.iter().enumerate() {
        let mut z = Zone::new(ZoneId(i as u32 + 1), p.name(), p.kind, rects[i]);
        z.sl_t = zone_sl_t(p.kind, &mut rng);
        z.description = format!(
            "{} zone of site {}{}.",
            p.kind.label(),
            p.site + 1,
            p.unit
                .map(|u| format!(", process unit {:02}", u + 1))
                .unwrap_or_default()
        );
        z.characteristics = characteristics(p, i, &mut rng);
        let tag = p.tag();
        let choices = components_for(p.kind);
        for k in 0..counts[i] {
            let mut component = *rng.weighted(choices);
            if rng.percent(1) {
                // a stray device from elsewhere: something for the findings to report
                component = *rng.pick(&["corporate_workstation", "vendor_laptop", "wireless_ap"]);
            }
            let icon = catalog
                .component(component)
                .map_or("DEV", |c| c.icon.as_str());
            let name = format!("{icon} {tag}-{:03}", k + 1);
            z.assets.push(make_asset(
                ids.asset(),
                name,
                component,
                p.kind,
                catalog,
                &mut rng,
            ));
        }
        if let Some(t) = z.sl_t {
            if rng.percent(30) {
                z.requirements = assess_some(t, catalog, &mut rng, &mut report);
            }
            if rng.percent(3) {
                z.compensation = Some(Compensation {
                    sl: t,
                    justification: if rng.percent(85) {
                        "Zone boundary firewall with IDS compensates for legacy controllers."
                            .to_owned()
                    } else {
                        String::new()
                    },
                });
            }
        }
        let asset_ids: Vec<AssetId> = z.assets.iter().map(|a| a.id).collect();
        z.risk = risk::element_risk(p.kind, z.sl_t, &asset_ids, &mut risk_rng);
        zones.push(z);
    }

    let mut conduits = Vec::with_capacity(links.len());
    let mut seen_names: BTreeSet<String> = BTreeSet::new();
    for (k, (l, devices)) in links.iter().zip(&wanted).enumerate() {
        let id = ConduitId(k as u32 + 1);
        let (a, b) = (&plan[l.from], &plan[l.to]);
        let arrow = if l.one_way { "→" } else { "↔" };
        let mut name = format!("{} {arrow} {}", a.tag(), b.tag());
        if !seen_names.insert(name.clone()) {
            name = format!("{name} ({id})");
            seen_names.insert(name.clone());
        }
        let mut c = Conduit::new(id, name, ZoneId(l.from as u32 + 1), ZoneId(l.to as u32 + 1));
        if l.one_way {
            c.direction = Direction::OneWay;
        }
        let st = style(a.kind, b.kind);
        c.description = st.purpose.to_owned();
        let flow_count = 1 + rng.below(st.flows.len());
        c.flows = st.flows[..flow_count]
            .iter()
            .map(|(protocol, port, description)| DataFlow {
                protocol: (*protocol).to_owned(),
                port: (*port).to_owned(),
                initiator: a.name(),
                description: (*description).to_owned(),
            })
            .collect();
        if !rng.percent(5) {
            for ctl in controls_for_devices(devices) {
                push_unique(&mut c.controls, ctl);
            }
            for ctl in st.controls {
                if rng.percent(70) {
                    push_unique(&mut c.controls, ctl);
                }
            }
            if c.controls.is_empty() {
                push_unique(&mut c.controls, "allow_list");
            }
        }
        for (n, component) in devices.iter().enumerate() {
            let icon = catalog
                .component(component)
                .map_or("DEV", |t| t.icon.as_str());
            let name = format!("{icon} {id}-{}", n + 1);
            c.devices.push(make_asset(
                ids.asset(),
                name,
                component,
                ZoneKind::Dmz,
                catalog,
                &mut rng,
            ));
        }
        if rng.percent(90) {
            c.owner = st.owner.to_owned();
        }
        if rng.percent(92) {
            c.purpose = st.purpose.to_owned();
        }
        if rng.percent(80) {
            c.test_method = st.test.to_owned();
        }
        // the conduit's default target: the element-wise maximum of its zones'
        let t = match (zones[l.from].sl_t, zones[l.to].sl_t) {
            (Some(x), Some(y)) => Some(x.max(&y)),
            (x, y) => x.or(y),
        };
        if rng.percent(20)
            && let Some(t) = t
        {
            c.requirements = assess_some(t, catalog, &mut rng, &mut report);
        }
        c.characteristics = conduit_characteristics(st.owner, &mut risk_rng);
        let device_ids: Vec<AssetId> = c.devices.iter().map(|a| a.id).collect();
        c.risk = risk::element_risk(ZoneKind::Dmz, t, &device_ids, &mut risk_rng);
        conduits.push(c);
    }

    let mut meta = Meta {
        title: format!(
            "Generated plant: {}, {}, {} (seed {})",
            crate::count_of(params.zones, "zone", "zones"),
            crate::count_of(params.assets, "asset", "assets"),
            crate::count_of(params.conduits, "conduit", "conduits"),
            params.seed
        ),
        site: "Generated sites".to_owned(),
        organisation: "zonewright generator".to_owned(),
        author: "zonewright generate".to_owned(),
        document_number: format!("GEN-{}", params.seed),
        revision: "A".to_owned(),
        description: "A synthetic plant for benchmarks and trials: sites with Purdue-like layers, process units, conduits between neighbouring layers and a partial requirement assessment.".to_owned(),
        ..Default::default()
    };
    meta.tolerable_risk =
        "No single cyber event may defeat a safety function or stop more than one unit.".to_owned();
    let mut project = Project {
        meta,
        zones,
        conduits,
        ..Default::default()
    };
    project.risk.initial = risk::initial();
    project
}

mod risk;

#[cfg(test)]
mod tests;
