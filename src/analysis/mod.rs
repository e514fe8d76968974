//! `assess`: the pure function from project and catalog to SL-T, SL-C, SL-A, gaps and design
//! findings. Every view (canvas, inspector, matrix, CLI, PDF) shows what this returns.

pub mod addresses;
pub mod approval;
pub mod components;
mod conflicts;
mod discipline;
mod findings;
pub mod flows;
pub mod groups;
mod lookup;
mod names;
mod progress;
mod reach;
mod record;
pub mod register;
pub mod risk;
pub mod rules;
pub mod traffic;

pub use findings::{Finding, FindingCode, FindingSeverity};
pub use progress::FrProgress;

use crate::catalog::Catalog;
use crate::model::text::is_blank;
use crate::model::{
    Compensation, Conduit, ConduitId, ElementRef, MAX_SL, MaybeLevels, Project, Requirements,
    SlVector, Status, ZoneId,
};
use lookup::Lookup;
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
    pub(crate) fn from_gap(gap: Option<u8>) -> GapSeverity {
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
    /// Marked met with an empty evidence reference.
    pub evidence_missing: bool,
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
    /// Where each FR's SL-C comes from: the source of its weakest asset.
    pub sl_c_source: [Option<components::SlCSource>; 7],
    /// The IEC 62443-4-2 rows each component class here must meet at the SL-T.
    pub suppliers: Vec<components::ClassRequirements>,
    /// Achieved: from the requirement statuses; `None` = nothing assessed in that FR.
    pub sl_a: MaybeLevels,
    /// SL-T − SL-C when positive (0 when met, `None` when unknown).
    pub capability_gap: MaybeLevels,
    /// SL-T − SL-A when positive.
    pub achievement_gap: MaybeLevels,
    /// The severity of the capability gap, per FR.
    pub capability_severity: [GapSeverity; 7],
    /// The severity of the achievement gap, per FR.
    pub achievement_severity: [GapSeverity; 7],
    /// Worst of both gaps, per FR.
    pub fr_severity: [GapSeverity; 7],
    /// Worst over all FRs: the colour on the canvas.
    pub worst: GapSeverity,
    pub applicable: Vec<Applicable>,
    /// Per FR: how many applicable items carry a status (what a partial SL-A rests on).
    pub progress: [FrProgress; 7],
    /// Findings on this element or on the assets in it.
    pub finding_count: usize,
    /// The most serious of those findings (the colour of the element's finding badge).
    pub worst_finding: Option<FindingSeverity>,
    /// Its threat scenarios rated, and the SL-T they propose.
    pub risk: risk::ElementRiskAssessment,
    /// Its assets (a conduit's devices) by component type, largest group first.
    pub asset_groups: Vec<groups::AssetGroup>,
}

impl ElementAssessment {
    /// Applicable items that are not satisfied.
    pub(crate) fn open_items(&self) -> usize {
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
    /// The initial risk assessment and the approval's state.
    pub risk: risk::ProjectRiskAssessment,
    /// One shortest path per safety zone that data from an untrusted zone reaches without
    /// passing a DMZ (zone ids, untrusted end first), in zone order.
    pub untrusted_paths: Vec<Vec<ZoneId>>,
    /// The conduits that carry data along a hop of those paths, sorted.
    pub untrusted_path_conduits: Vec<ConduitId>,
    /// SL-C and its source for every asset, in `Project::all_assets` order.
    pub assets: Vec<components::AssetCapability>,
    /// The date certificates are judged on (see `model::component::assessment_date`).
    pub assessment_date: Option<crate::model::component::Date>,
    /// The communication matrix: one row per data flow ([`flows::matrix`]).
    pub flows: Vec<flows::FlowRow>,
    /// The observed traffic mapped to assets and zones and judged against the conduits.
    pub traffic: traffic::TrafficAssessment,
}

impl Assessment {
    pub fn error_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count()
    }

    pub(crate) fn warning_count(&self) -> usize {
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

    /// The assessment of the zone or conduit `element`, which stands at `position` in the
    /// project's list: checked by id, and searched for when the assessment is not of this
    /// project revision (constant time when it is).
    pub(crate) fn element_at(
        &self,
        element: ElementRef,
        position: usize,
    ) -> Option<&ElementAssessment> {
        let list = match element {
            ElementRef::Zone(_) => &self.zones,
            ElementRef::Conduit(_) => &self.conduits,
            ElementRef::Asset(_) | ElementRef::Project => return None,
        };
        list.get(position)
            .filter(|e| e.element == element)
            .or_else(|| list.iter().find(|e| e.element == element))
    }

    /// Each zone of `project` with its assessment, paired by id (a zone this assessment does
    /// not know is left out).
    pub(crate) fn zones_of<'a>(
        &'a self,
        project: &'a Project,
    ) -> impl Iterator<Item = (&'a crate::model::Zone, &'a ElementAssessment)> + 'a {
        project
            .zones
            .iter()
            .enumerate()
            .filter_map(|(i, z)| Some((z, self.element_at(ElementRef::Zone(z.id), i)?)))
    }

    /// Each conduit of `project` with its assessment, paired by id.
    pub(crate) fn conduits_of<'a>(
        &'a self,
        project: &'a Project,
    ) -> impl Iterator<Item = (&'a Conduit, &'a ElementAssessment)> + 'a {
        project
            .conduits
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((c, self.element_at(ElementRef::Conduit(c.id), i)?)))
    }

    /// The SL-C of an asset (the first with this id).
    pub fn asset(&self, id: crate::model::AssetId) -> Option<&components::AssetCapability> {
        self.assets.iter().find(|a| a.asset == id)
    }

    pub(crate) fn findings_for(&self, element: ElementRef) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.element == element)
    }
}

/// The SL-T a conduit gets when none is entered: element-wise maximum of its zones' SL-T.
pub(crate) fn conduit_default_sl_t(project: &Project, conduit: &Conduit) -> Option<SlVector> {
    let a = project.zone(conduit.from).and_then(|z| z.sl_t);
    let b = project.zone(conduit.to).and_then(|z| z.sl_t);
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(&b)),
        (a, b) => a.or(b),
    }
}

/// [`conduit_default_sl_t`] through the lookup tables.
fn default_sl_t(lookup: &Lookup, conduit: &Conduit) -> Option<SlVector> {
    let a = lookup.zone(conduit.from).and_then(|z| z.sl_t);
    let b = lookup.zone(conduit.to).and_then(|z| z.sl_t);
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(&b)),
        (a, b) => a.or(b),
    }
}

/// SL-C of a group of asset capabilities, raised by a justified compensation.
fn capability(
    caps: &[&components::AssetCapability],
    compensation: Option<&Compensation>,
) -> (MaybeLevels, [Option<components::SlCSource>; 7]) {
    let (mut out, mut source) = components::group_capability(caps);
    if let Some(c) = compensation
        && !is_blank(&c.justification)
    {
        for ((o, s), level) in out.iter_mut().zip(&mut source).zip(c.sl.0) {
            if let Some(v) = *o
                && level > v
            {
                *o = Some(level);
                *s = Some(components::SlCSource::Compensated);
            }
        }
    }
    (out, source)
}

/// How one catalog requirement stands for one element: its status, whether it counts towards
/// SL-A and whether it is met without evidence. `None` when the element has no entry for it.
type Entry = Option<(Status, bool, bool)>;

/// Fills `table` (indexed like `Catalog::requirements`) from an element's requirement
/// statuses; unknown ids are skipped (a finding reports them). `table` is reused from element
/// to element, so one assessment allocates it once. Returns whether every id was known.
fn status_table(requirements: &Requirements, lookup: &Lookup, table: &mut Vec<Entry>) -> bool {
    table.clear();
    table.resize(lookup.requirement_count(), None);
    let mut all_known = true;
    for (id, ra) in requirements {
        match lookup.requirement_position(id) {
            Some(i) => {
                let no_evidence = ra.status == Status::Met && is_blank(&ra.evidence);
                table[i] = Some((ra.status, ra.satisfies(), no_evidence));
            }
            None => all_known = false,
        }
    }
    all_known
}

fn achievement(table: &[Entry], lookup: &Lookup) -> MaybeLevels {
    let mut assessed = [false; 7];
    // lowest level in each FR with an unsatisfied item (5 = none)
    let mut first_open = [MAX_SL + 1; 7];
    for (&(fr, level), entry) in lookup.requirement_levels().iter().zip(table) {
        let satisfied = match *entry {
            Some((status, satisfied, _)) => {
                if status != Status::NotAssessed {
                    assessed[fr] = true;
                }
                satisfied
            }
            None => false,
        };
        if !satisfied {
            first_open[fr] = first_open[fr].min(level);
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

/// The applicable requirements at `sl_t`, with their entries from `table`.
fn applicable(sl_t: SlVector, table: &[Entry], lookup: &Lookup) -> Vec<Applicable> {
    let levels = lookup.requirement_levels();
    let applies = |&(fr, level): &(usize, u8)| level <= sl_t.0[fr];
    // sized exactly, so the vector is allocated once
    let mut v = Vec::with_capacity(levels.iter().filter(|l| applies(l)).count());
    for (i, (l, entry)) in levels.iter().zip(table).enumerate() {
        if applies(l) {
            let (status, satisfied, evidence_missing) =
                entry.unwrap_or((Status::NotAssessed, false, false));
            v.push(Applicable {
                requirement: i,
                status,
                satisfied,
                evidence_missing,
            });
        }
    }
    v
}

/// Buffers reused from element to element during one `assess`.
#[derive(Default)]
struct Scratch {
    table: Vec<Entry>,
    /// Applicable lists of elements without any requirement entry, per SL-T: most plants use
    /// a handful of targets, so most elements get a copy instead of a walk of the catalog.
    unassessed: Vec<(SlVector, Vec<Applicable>)>,
}

/// At most this many SL-T vectors are remembered in `Scratch::unassessed`.
const MAX_REMEMBERED_TARGETS: usize = 16;

fn element_assessment(
    element: ElementRef,
    sl_t: Option<SlVector>,
    sl_c: MaybeLevels,
    requirements: &Requirements,
    lookup: &Lookup,
    scratch: &mut Scratch,
) -> (ElementAssessment, bool) {
    let mut all_known = true;
    let (sl_a, applicable) = if requirements.is_empty() {
        let applicable = match sl_t {
            Some(t) => match scratch.unassessed.iter().find(|(k, _)| *k == t) {
                Some((_, list)) => list.clone(),
                None => {
                    let empty = vec![None; lookup.requirement_count()];
                    let list = applicable(t, &empty, lookup);
                    if scratch.unassessed.len() < MAX_REMEMBERED_TARGETS {
                        scratch.unassessed.push((t, list.clone()));
                    }
                    list
                }
            },
            None => Vec::new(),
        };
        ([None; 7], applicable)
    } else {
        all_known = status_table(requirements, lookup, &mut scratch.table);
        let applicable = match sl_t {
            Some(t) => applicable(t, &scratch.table, lookup),
            None => Vec::new(),
        };
        (achievement(&scratch.table, lookup), applicable)
    };
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
    let mut capability_severity = [GapSeverity::Unknown; 7];
    let mut achievement_severity = [GapSeverity::Unknown; 7];
    for fr in 0..7 {
        capability_gap[fr] = gap(sl_c[fr], fr);
        achievement_gap[fr] = gap(sl_a[fr], fr);
        capability_severity[fr] = GapSeverity::from_gap(capability_gap[fr]);
        achievement_severity[fr] = GapSeverity::from_gap(achievement_gap[fr]);
        fr_severity[fr] = capability_severity[fr].worst(achievement_severity[fr]);
    }
    let progress = progress::progress(&applicable, lookup.requirement_levels());
    let assessment = ElementAssessment {
        progress,
        element,
        sl_t,
        sl_c,
        sl_c_source: [None; 7],
        suppliers: Vec::new(),
        sl_a,
        capability_gap,
        achievement_gap,
        worst: worst_of(fr_severity.iter().copied()),
        capability_severity,
        achievement_severity,
        fr_severity,
        applicable,
        finding_count: 0,
        worst_finding: None,
        risk: risk::ElementRiskAssessment::default(),
        asset_groups: Vec::new(),
    };
    (assessment, all_known)
}

/// Assesses a whole project against the catalog. Pure and deterministic.
pub fn assess(project: &Project, catalog: &Catalog) -> Assessment {
    let lookup = Lookup::new(project, catalog);
    let mut scratch = Scratch::default();
    let assessment_date = crate::model::component::assessment_date(&project.meta);
    let mut asset_caps = Vec::with_capacity(project.asset_count());
    for (i, z) in project.zones.iter().enumerate() {
        for (a, t) in z.assets.iter().zip(lookup.zone_asset_types(i)) {
            asset_caps.push(components::asset_capability(
                a,
                *t,
                catalog,
                assessment_date,
            ));
        }
    }
    for (i, c) in project.conduits.iter().enumerate() {
        for (a, t) in c.devices.iter().zip(lookup.conduit_device_types(i)) {
            asset_caps.push(components::asset_capability(
                a,
                *t,
                catalog,
                assessment_date,
            ));
        }
    }
    let mut caps_at = 0;
    let mut caps_of = |n: usize| -> Vec<&components::AssetCapability> {
        let slice = asset_caps.get(caps_at..caps_at + n).unwrap_or_default();
        caps_at += n;
        slice.iter().collect()
    };
    // whether all requirement ids of an element are in the catalog (spares the findings a
    // second lookup of every id)
    let mut zones_known = Vec::with_capacity(project.zones.len());
    let mut conduits_known = Vec::with_capacity(project.conduits.len());
    let mut zones: Vec<ElementAssessment> = project
        .zones
        .iter()
        .map(|z| {
            let caps = caps_of(z.assets.len());
            let (sl_c, sl_c_source) = capability(&caps, z.compensation.as_ref());
            let (mut e, known) = element_assessment(
                ElementRef::Zone(z.id),
                z.sl_t,
                sl_c,
                &z.requirements,
                &lookup,
                &mut scratch,
            );
            e.sl_c_source = sl_c_source;
            e.suppliers = components::supplier_requirements(z.sl_t, &z.assets, &caps, catalog);
            e.asset_groups = groups::asset_groups(&z.assets, &caps, catalog);
            zones_known.push(known);
            e
        })
        .collect();
    let mut conduits: Vec<ElementAssessment> = project
        .conduits
        .iter()
        .map(|c| {
            let sl_t = c.sl_t_override.or_else(|| default_sl_t(&lookup, c));
            let caps = caps_of(c.devices.len());
            let (sl_c, sl_c_source) = capability(&caps, c.compensation.as_ref());
            let (mut e, known) = element_assessment(
                ElementRef::Conduit(c.id),
                sl_t,
                sl_c,
                &c.requirements,
                &lookup,
                &mut scratch,
            );
            e.sl_c_source = sl_c_source;
            e.suppliers = components::supplier_requirements(sl_t, &c.devices, &caps, catalog);
            e.asset_groups = groups::asset_groups(&c.devices, &caps, catalog);
            conduits_known.push(known);
            e
        })
        .collect();
    let matrix = &project.risk.matrix;
    for (e, z) in zones.iter_mut().zip(&project.zones) {
        e.risk = risk::element_risk(matrix, &z.risk, e.sl_t, assessment_date);
    }
    for (e, c) in conduits.iter_mut().zip(&project.conduits) {
        e.risk = risk::element_risk(matrix, &c.risk, e.sl_t, assessment_date);
    }
    let mut project_risk = risk::project_risk(project);
    let reach = reach::reach(project, &lookup);
    let mut findings = findings::design_findings(
        project,
        &lookup,
        &findings::Inputs {
            zones: &zones,
            conduits: &conduits,
            zones_known: &zones_known,
            conduits_known: &conduits_known,
            reach: &reach,
        },
    );
    let flow_rows = flows::matrix(project, catalog);
    let mut sink = findings::Sink::new();
    flows::flow_findings(project, catalog, &flow_rows, &mut sink);
    let addresses = addresses::Addresses::new(project);
    addresses::address_findings(project, &addresses, &mut sink);
    let traffic = traffic::traffic_assessment(project, catalog, &addresses);
    traffic::traffic_findings(project, &traffic, &flow_rows, &mut sink);
    findings.extend(sink.finish());
    findings.extend(components::component_findings(
        project,
        &asset_caps,
        catalog,
        assessment_date,
    ));
    findings.extend(risk::risk_findings(
        project,
        &zones,
        &conduits,
        assessment_date,
    ));
    findings.extend(record::record_findings(project, &zones, &conduits));
    // the approval covers the result so far (its own findings follow from it)
    project_risk.assessment_hash = approval::assessment_hash(project, &zones, &conduits, &findings);
    project_risk.approval = approval::approval_state(
        project,
        project.approval.as_ref(),
        &project_risk.assessment_hash,
    );
    findings.extend(approval::approval_findings(project, project_risk.approval));
    findings.extend(conflicts::conflict_findings(project));
    // Attribute findings (including those on assets) to their zone or conduit. An asset id
    // used twice belongs to its first container in document order.
    let mut asset_owner: Vec<(crate::model::AssetId, usize, crate::model::AssetParent)> =
        Vec::new();
    if findings
        .iter()
        .any(|f| matches!(f.element, ElementRef::Asset(_)))
    {
        asset_owner = project
            .all_assets()
            .enumerate()
            .map(|(i, (a, parent))| (a.id, i, parent))
            .collect();
        asset_owner.sort_unstable_by_key(|&(id, i, _)| (id, i));
        asset_owner.dedup_by_key(|&mut (id, _, _)| id);
    }
    for f in &findings {
        let target = match f.element {
            ElementRef::Asset(id) => {
                match asset_owner
                    .binary_search_by_key(&id, |&(a, _, _)| a)
                    .map(|i| asset_owner[i].2)
                {
                    Ok(crate::model::AssetParent::Zone(z)) => ElementRef::Zone(z),
                    Ok(crate::model::AssetParent::Conduit(c)) => ElementRef::Conduit(c),
                    Err(_) => continue,
                }
            }
            other => other,
        };
        let slot = match target {
            ElementRef::Zone(id) => lookup.zone_index(id).and_then(|i| zones.get_mut(i)),
            ElementRef::Conduit(id) => lookup.conduit_index(id).and_then(|i| conduits.get_mut(i)),
            _ => None,
        };
        if let Some(e) = slot {
            e.finding_count += 1;
            // Error < Warning < Info: the smallest is the most serious
            e.worst_finding = Some(e.worst_finding.map_or(f.severity, |w| w.min(f.severity)));
        }
    }
    Assessment {
        zones,
        conduits,
        findings,
        risk: project_risk,
        untrusted_paths: reach.paths,
        untrusted_path_conduits: reach.path_conduits,
        assets: asset_caps,
        assessment_date,
        flows: flow_rows,
        traffic,
    }
}

#[cfg(test)]
/// The paths [`Assessment::untrusted_paths`] holds, without the rest of the assessment.
pub(crate) fn untrusted_paths_to_safety(project: &Project, catalog: &Catalog) -> Vec<Vec<ZoneId>> {
    reach::reach(project, &Lookup::new(project, catalog)).paths
}

#[cfg(test)]
mod tests;
