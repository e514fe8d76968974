//! The generator's plan: which zones a plant has (sites, process units, Purdue rows), how
//! many assets each zone gets, and the assets themselves with their products and criticality.

use super::Rng;
use super::data::products;
use crate::catalog::Catalog;
use crate::model::{Asset, AssetId, Criticality, SlOverride, ZoneKind};

/// One zone to be: where it sits in the plant and what it is.
#[derive(Debug, Clone)]
pub(super) struct ZonePlan {
    pub(super) kind: ZoneKind,
    pub(super) site: usize,
    /// Process unit within the site; `None` for site-wide zones (enterprise, DMZ …).
    pub(super) unit: Option<usize>,
    /// Ordinal among the zones of this kind in the same unit (or site).
    pub(super) ordinal: usize,
}

impl ZonePlan {
    pub(super) fn name(&self) -> String {
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
    pub(super) fn tag(&self) -> String {
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
    pub(super) fn row(&self) -> usize {
        match self.kind {
            ZoneKind::Enterprise | ZoneKind::External => 0,
            ZoneKind::Dmz | ZoneKind::RemoteAccess => 1,
            ZoneKind::Supervisory => 2,
            ZoneKind::Control | ZoneKind::Safety => 3,
            ZoneKind::Field | ZoneKind::Wireless | ZoneKind::Other => 4,
        }
    }
}

pub(super) const ROWS: usize = 5;

/// The zone kinds of one process unit, in order.
pub(super) fn unit_kinds(rng: &mut Rng) -> Vec<ZoneKind> {
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

pub(super) fn plan_zones(count: usize, rng: &mut Rng) -> Vec<ZonePlan> {
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

/// How many assets a zone of this kind holds, relative to others.
pub(super) fn asset_weight(kind: ZoneKind) -> usize {
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

pub(super) fn criticality(kind: ZoneKind, component: &str, rng: &mut Rng) -> Criticality {
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

pub(super) struct Ids {
    pub(super) next_asset: u32,
}

impl Ids {
    pub(super) fn asset(&mut self) -> AssetId {
        let id = AssetId(self.next_asset);
        self.next_asset += 1;
        id
    }
}

pub(super) fn make_asset(
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
pub(super) fn apportion(total: usize, weights: &[usize]) -> Vec<usize> {
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
