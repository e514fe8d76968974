//! Deterministic generator of realistic large plants, for benchmarks and for users who want a
//! big design to try the program on (`zonewright generate`). Sites with Purdue-like layers
//! (enterprise, DMZ, remote access, external) and process units (supervisory, control, safety,
//! field, wireless, maintenance); assets whose component types fit their zone; conduits mostly
//! between neighbouring layers of one site, with boundary devices and controls; a partial
//! requirement assessment; zones laid out on a non-overlapping grid large enough for every chip.
//! This module holds the parameters, the random stream and [`generate`], which strings the parts
//! together: `plan`, `layout`, `links`, `assessment`, `risk` and the static `data`.

use crate::catalog::Catalog;
use crate::model::layout::zone_size_for;
use crate::model::{
    AssetId, Compensation, Conduit, ConduitId, DataFlow, Direction, Meta, Project, Zone, ZoneId,
    ZoneKind,
};
use assessment::{assess_some, characteristics, conduit_characteristics, zone_sl_t};
use data::{components_for, style};
use layout::{columns_for, layout};
use links::{choose_links, conduit_devices, controls_for_devices, push_unique};
use plan::{Ids, apportion, asset_weight, make_asset, plan_zones};
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
            .map(|(protocol, port, description)| {
                // a named host at each end: generated plants do not allow any-to-any
                let first = |z: ZoneId| {
                    zones
                        .get(z.0 as usize - 1)
                        .and_then(|z: &Zone| z.assets.first())
                        .map(|a| a.id)
                        .into_iter()
                        .collect()
                };
                let mut f = DataFlow {
                    source: crate::model::Endpoint::of_assets(c.from, first(c.from)),
                    destination: crate::model::Endpoint::of_assets(c.to, first(c.to)),
                    ..DataFlow::default()
                };
                f.protocol = (*protocol).to_owned();
                match crate::model::flow::parse_legacy_port(port) {
                    Some((transport, ports)) => {
                        f.transport = transport;
                        f.ports = ports;
                    }
                    None => f.port_text = (*port).to_owned(),
                }
                f.justification = (*description).to_owned();
                f
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
    project.risk.method = risk::method();
    project
}

mod assessment;
mod data;
mod layout;
mod links;
mod plan;
mod risk;

#[cfg(test)]
mod tests;
