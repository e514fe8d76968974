//! `assess`: the pure function from project and catalog to SL-T, SL-C, SL-A, gaps and design
//! findings. Every view (canvas, inspector, matrix, CLI, PDF) shows what this returns.

mod findings;

pub use findings::{Finding, FindingCode, FindingSeverity, untrusted_paths_to_safety};

use crate::catalog::Catalog;
use crate::model::{
    Asset, Compensation, Conduit, ElementRef, Fr, MAX_SL, MaybeLevels, Project, Requirements,
    SlVector, Status,
};
use serde::Serialize;

/// How far an element falls short of its target in one FR (or overall).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum GapSeverity {
    /// Target reached.
    None,
    /// Not enough is known (no SL-T, no assets, nothing assessed).
    Unknown,
    /// One level short.
    One,
    /// Two or more levels short.
    Two,
}

impl GapSeverity {
    /// From a gap value (`None` = unknown).
    pub fn from_gap(gap: Option<u8>) -> GapSeverity {
        match gap {
            None => GapSeverity::Unknown,
            Some(0) => GapSeverity::None,
            Some(1) => GapSeverity::One,
            Some(_) => GapSeverity::Two,
        }
    }

    /// Order used to pick the worst: a known shortfall outranks "unknown", which outranks none.
    pub fn rank(self) -> u8 {
        match self {
            GapSeverity::None => 0,
            GapSeverity::Unknown => 1,
            GapSeverity::One => 2,
            GapSeverity::Two => 3,
        }
    }

    pub fn worst(self, other: GapSeverity) -> GapSeverity {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GapSeverity::None => "no gap",
            GapSeverity::Unknown => "unknown",
            GapSeverity::One => "1 level",
            GapSeverity::Two => "≥ 2 levels",
        }
    }

    /// One letter for greyscale prints and tight cells.
    pub fn letter(self) -> &'static str {
        match self {
            GapSeverity::None => "OK",
            GapSeverity::Unknown => "?",
            GapSeverity::One => "1",
            GapSeverity::Two => "2+",
        }
    }
}

/// One applicable requirement of a zone or conduit and how it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Applicable {
    /// Index into `Catalog::requirements`.
    pub requirement: usize,
    pub status: Status,
    /// Counts towards SL-A (met, or compensated / not applicable with a written reason).
    pub satisfied: bool,
}

/// Everything `assess` computes for one zone or conduit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementAssessment {
    pub element: ElementRef,
    /// Target: set on the zone; on a conduit, the override or the element-wise maximum of its
    /// two zones.
    pub sl_t: Option<SlVector>,
    /// Capability: minimum over the assets per FR, raised by a justified compensation.
    pub sl_c: MaybeLevels,
    /// Achieved: from the requirement statuses; `None` = nothing assessed in that FR.
    pub sl_a: MaybeLevels,
    /// SL-T − SL-C when positive (0 when met, `None` when unknown).
    pub capability_gap: MaybeLevels,
    /// SL-T − SL-A when positive.
    pub achievement_gap: MaybeLevels,
    /// Worst of both gaps, per FR.
    pub fr_severity: [GapSeverity; 7],
    /// Worst over all FRs: the colour on the canvas.
    pub worst: GapSeverity,
    pub applicable: Vec<Applicable>,
    /// Findings on this element or on the assets in it.
    pub finding_count: usize,
}

impl ElementAssessment {
    pub fn capability_severity(&self) -> GapSeverity {
        worst_of(
            self.capability_gap
                .iter()
                .map(|g| GapSeverity::from_gap(*g)),
        )
    }

    pub fn achievement_severity(&self) -> GapSeverity {
        worst_of(
            self.achievement_gap
                .iter()
                .map(|g| GapSeverity::from_gap(*g)),
        )
    }

    /// Applicable items that are not satisfied.
    pub fn open_items(&self) -> usize {
        self.applicable.iter().filter(|a| !a.satisfied).count()
    }
}

fn worst_of(it: impl Iterator<Item = GapSeverity>) -> GapSeverity {
    it.fold(GapSeverity::None, GapSeverity::worst)
}

/// The result of [`assess`]: one entry per zone and per conduit, in project order, and the
/// design findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub zones: Vec<ElementAssessment>,
    pub conduits: Vec<ElementAssessment>,
    pub findings: Vec<Finding>,
}

impl Assessment {
    pub fn error_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Warning)
            .count()
    }

    /// Zones and conduits whose worst gap is one level or more.
    pub fn gap_count(&self) -> usize {
        self.zones
            .iter()
            .chain(&self.conduits)
            .filter(|e| matches!(e.worst, GapSeverity::One | GapSeverity::Two))
            .count()
    }

    /// The assessment of a zone or conduit.
    pub fn element(&self, project: &Project, element: ElementRef) -> Option<&ElementAssessment> {
        match element {
            ElementRef::Zone(id) => self.zones.get(project.zone_index(id)?),
            ElementRef::Conduit(id) => self.conduits.get(project.conduit_index(id)?),
            _ => None,
        }
    }

    pub fn findings_for(&self, element: ElementRef) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.element == element)
    }
}

/// SL-C of one asset: its certificate override, else its component type's typical value.
/// `None` when the component type is not in the catalog.
pub fn asset_sl_c(asset: &Asset, catalog: &Catalog) -> Option<SlVector> {
    match &asset.sl_c_override {
        Some(o) => Some(o.sl),
        None => catalog.component(&asset.component).map(|c| c.sl_c),
    }
}

/// The SL-T a conduit gets when none is entered: element-wise maximum of its zones' SL-T.
pub fn conduit_default_sl_t(project: &Project, conduit: &Conduit) -> Option<SlVector> {
    let a = project.zone(conduit.from).and_then(|z| z.sl_t);
    let b = project.zone(conduit.to).and_then(|z| z.sl_t);
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(&b)),
        (a, b) => a.or(b),
    }
}

fn capability(
    assets: &[Asset],
    compensation: Option<&Compensation>,
    catalog: &Catalog,
) -> MaybeLevels {
    let mut out: MaybeLevels = [None; 7];
    if !assets.is_empty() {
        let mut min = Some(SlVector::uniform(MAX_SL));
        for a in assets {
            min = match (min, asset_sl_c(a, catalog)) {
                (Some(m), Some(s)) => Some(m.min(&s)),
                _ => None,
            };
        }
        if let Some(m) = min {
            out = m.0.map(Some);
        }
    }
    if let Some(c) = compensation
        && !c.justification.trim().is_empty()
    {
        for (o, level) in out.iter_mut().zip(c.sl.0) {
            *o = o.map(|v| v.max(level));
        }
    }
    out
}

/// Per-catalog-index status table for one element; unknown ids are skipped (a finding reports
/// them).
fn status_table<'a>(
    requirements: &'a Requirements,
    catalog: &Catalog,
) -> Vec<Option<&'a crate::model::RequirementAssessment>> {
    let mut table = vec![None; catalog.requirements.len()];
    for (id, ra) in requirements {
        if let Some(i) = catalog.requirement_position(id) {
            table[i] = Some(ra);
        }
    }
    table
}

fn achievement(
    table: &[Option<&crate::model::RequirementAssessment>],
    catalog: &Catalog,
) -> MaybeLevels {
    let mut assessed = [false; 7];
    // lowest level in each FR with an unsatisfied item (5 = none)
    let mut first_open = [MAX_SL + 1; 7];
    for (req, ra) in catalog.requirements.iter().zip(table) {
        let fr = req.fr.index();
        let satisfied = match ra {
            Some(ra) => {
                if ra.status != Status::NotAssessed {
                    assessed[fr] = true;
                }
                ra.satisfies()
            }
            None => false,
        };
        if !satisfied {
            first_open[fr] = first_open[fr].min(req.level);
        }
    }
    let mut out = [None; 7];
    for fr in 0..7 {
        if assessed[fr] {
            out[fr] = Some(first_open[fr].saturating_sub(1).min(MAX_SL));
        }
    }
    out
}

fn element_assessment(
    element: ElementRef,
    sl_t: Option<SlVector>,
    sl_c: MaybeLevels,
    requirements: &Requirements,
    catalog: &Catalog,
) -> ElementAssessment {
    let table = status_table(requirements, catalog);
    let sl_a = achievement(&table, catalog);
    let gap = |have: Option<u8>, fr: usize| -> Option<u8> {
        let target = sl_t?.0[fr];
        if target == 0 {
            return Some(0);
        }
        Some(target.saturating_sub(have?))
    };
    let mut capability_gap = [None; 7];
    let mut achievement_gap = [None; 7];
    let mut fr_severity = [GapSeverity::Unknown; 7];
    for fr in 0..7 {
        capability_gap[fr] = gap(sl_c[fr], fr);
        achievement_gap[fr] = gap(sl_a[fr], fr);
        fr_severity[fr] = GapSeverity::from_gap(capability_gap[fr])
            .worst(GapSeverity::from_gap(achievement_gap[fr]));
    }
    let applicable = match sl_t {
        Some(t) => catalog
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| r.level <= t.get(r.fr))
            .map(|(i, _)| {
                let ra = table[i];
                Applicable {
                    requirement: i,
                    status: ra.map_or(Status::NotAssessed, |r| r.status),
                    satisfied: ra.is_some_and(|r| r.satisfies()),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    ElementAssessment {
        element,
        sl_t,
        sl_c,
        sl_a,
        capability_gap,
        achievement_gap,
        worst: worst_of(fr_severity.iter().copied()),
        fr_severity,
        applicable,
        finding_count: 0,
    }
}

/// Assesses a whole project against the catalog. Pure and deterministic.
pub fn assess(project: &Project, catalog: &Catalog) -> Assessment {
    let mut zones: Vec<ElementAssessment> = project
        .zones
        .iter()
        .map(|z| {
            let sl_c = capability(&z.assets, z.compensation.as_ref(), catalog);
            element_assessment(
                ElementRef::Zone(z.id),
                z.sl_t,
                sl_c,
                &z.requirements,
                catalog,
            )
        })
        .collect();
    let mut conduits: Vec<ElementAssessment> = project
        .conduits
        .iter()
        .map(|c| {
            let sl_t = c.sl_t_override.or_else(|| conduit_default_sl_t(project, c));
            let sl_c = capability(&c.devices, c.compensation.as_ref(), catalog);
            element_assessment(
                ElementRef::Conduit(c.id),
                sl_t,
                sl_c,
                &c.requirements,
                catalog,
            )
        })
        .collect();
    let findings = findings::design_findings(project, catalog);
    // Attribute findings (including those on assets) to their zone or conduit.
    let mut asset_owner = std::collections::HashMap::new();
    for (a, parent) in project.all_assets() {
        asset_owner.entry(a.id).or_insert(parent);
    }
    for f in &findings {
        let target = match f.element {
            ElementRef::Asset(id) => match asset_owner.get(&id) {
                Some(crate::model::AssetParent::Zone(z)) => ElementRef::Zone(*z),
                Some(crate::model::AssetParent::Conduit(c)) => ElementRef::Conduit(*c),
                None => continue,
            },
            other => other,
        };
        let slot = match target {
            ElementRef::Zone(id) => project.zone_index(id).and_then(|i| zones.get_mut(i)),
            ElementRef::Conduit(id) => project.conduit_index(id).and_then(|i| conduits.get_mut(i)),
            _ => None,
        };
        if let Some(e) = slot {
            e.finding_count += 1;
        }
    }
    Assessment {
        zones,
        conduits,
        findings,
    }
}

/// The FR of a catalog requirement index (helper for views).
pub fn requirement_fr(catalog: &Catalog, index: usize) -> Option<Fr> {
    catalog.requirements.get(index).map(|r| r.fr)
}

#[cfg(test)]
mod tests;
