//! IEC 62443-4-2 in `assess`: each asset's SL-C and where it comes from (certificate,
//! assessment, override, typical default), what each zone and conduit must ask its suppliers
//! for, the 3-3 ↔ 4-2 crosswalk, and the component findings.

use super::findings::{FindingCode, Sink};
use crate::catalog::{Catalog, ComponentClass, ComponentRequirement, ComponentType};
use crate::model::component::{CheckStatus, Date, DateProblem, Validity};
use crate::model::text::is_blank;
use crate::model::{Asset, AssetId, ElementRef, MAX_SL, MaybeLevels, SlVector};
use serde::Serialize;

/// Where an SL-C value comes from, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SlCSource {
    /// A zone's or conduit's compensating countermeasure (with its justification) raises the
    /// SL-C of its weakest asset to this value. Never the source of an asset's own SL-C.
    Compensated,
    /// The product's IEC 62443-4-2 certificate, valid on the assessment date.
    Certificate,
    /// The asset's per-requirement 4-2 assessment.
    Assessment,
    /// A value typed in by hand, with its stated source.
    Override,
    /// The component type's typical value from the catalog.
    Typical,
}

impl SlCSource {
    pub fn label(self) -> &'static str {
        match self {
            SlCSource::Compensated => "compensated",
            SlCSource::Certificate => "certificate",
            SlCSource::Assessment => "assessment",
            SlCSource::Override => "override",
            SlCSource::Typical => "typical default",
        }
    }

    /// One letter for tight cells: X (compensated), C, A, O, T.
    pub fn letter(self) -> &'static str {
        match self {
            SlCSource::Compensated => "X",
            SlCSource::Certificate => "C",
            SlCSource::Assessment => "A",
            SlCSource::Override => "O",
            SlCSource::Typical => "T",
        }
    }
}

/// The SL-C of one asset, per FR, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetCapability {
    pub asset: AssetId,
    /// The class of its component type; `None` when the type is not in the catalog.
    pub class: Option<ComponentClass>,
    pub sl_c: MaybeLevels,
    pub source: [Option<SlCSource>; 7],
    /// How its certificate stands on the assessment date, if it has one.
    pub certificate: Option<Validity>,
}

impl AssetCapability {
    /// Every known FR rests on the typical default (or nothing is known).
    pub(crate) fn typical_only(&self) -> bool {
        self.source
            .iter()
            .all(|s| matches!(s, None | Some(SlCSource::Typical)))
    }

    /// The distinct sources, strongest first, e.g. "certificate, typical default".
    pub(crate) fn sources_label(&self) -> String {
        sources_label(&self.source)
    }
}

/// The distinct sources of a per-FR source vector, strongest first.
pub(crate) fn sources_label(source: &[Option<SlCSource>; 7]) -> String {
    let mut s: Vec<SlCSource> = source.iter().flatten().copied().collect();
    s.sort_unstable();
    s.dedup();
    if s.is_empty() {
        return "unknown".to_owned();
    }
    s.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
}

/// Whether row `r` is one an asset of `class` is assessed against (CR rows only when the class
/// is unknown).
fn row_applies(r: &ComponentRequirement, class: Option<ComponentClass>) -> bool {
    match r.class() {
        None => true,
        Some(c) => Some(c) == class,
    }
}

/// The status an asset gives a 4-2 row (its first entry for the id).
fn check_of(asset: &Asset, id: &str) -> Option<CheckStatus> {
    asset
        .component_checks
        .iter()
        .find(|c| c.requirement == id)
        .map(|c| c.status)
}

/// SL-C per FR from the asset's assessment: the highest level whose applicable items are all
/// met or not applicable; `None` in an FR without any assessed applicable item.
pub(crate) fn assessed_sl_c(
    asset: &Asset,
    class: Option<ComponentClass>,
    catalog: &Catalog,
) -> MaybeLevels {
    let mut assessed = [false; 7];
    let mut first_open = [MAX_SL + 1; 7];
    if asset.component_checks.is_empty() {
        return [None; 7];
    }
    for r in &catalog.component_requirements {
        if !row_applies(r, class) {
            continue;
        }
        let fr = r.fr.index();
        let status = check_of(asset, &r.id);
        if status.is_some() {
            assessed[fr] = true;
        }
        if !status.is_some_and(CheckStatus::satisfies) {
            first_open[fr] = first_open[fr].min(r.level);
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

/// SL-C of one asset per FR: a certificate valid on `date` (dates checkable), else its assessment,
/// else its override, else its type's typical value.
pub(crate) fn asset_capability(
    asset: &Asset,
    ty: Option<&ComponentType>,
    catalog: &Catalog,
    date: Option<Date>,
) -> AssetCapability {
    let class = ty.map(|t| t.class);
    let validity = asset.certificate.as_ref().map(|c| c.validity_on(date));
    let certified = match (&asset.certificate, validity) {
        (Some(c), Some(v)) if v.counts() => Some(c.sl_c),
        _ => None,
    };
    let assessed = assessed_sl_c(asset, class, catalog);
    let mut sl_c = [None; 7];
    let mut source = [None; 7];
    for fr in 0..7 {
        let pick: Option<(u8, SlCSource)> = if let Some(c) = certified {
            Some((c.0[fr], SlCSource::Certificate))
        } else if let Some(level) = assessed[fr] {
            Some((level, SlCSource::Assessment))
        } else if let Some(o) = &asset.sl_c_override {
            Some((o.sl.0[fr], SlCSource::Override))
        } else {
            ty.map(|t| (t.sl_c.0[fr], SlCSource::Typical))
        };
        if let Some((level, s)) = pick {
            sl_c[fr] = Some(level.min(MAX_SL));
            source[fr] = Some(s);
        }
    }
    AssetCapability {
        asset: asset.id,
        class,
        sl_c,
        source,
        certificate: validity,
    }
}

/// SL-C of a group of assets: the minimum per FR (unknown if any asset's is), and the source
/// of the weakest asset in each FR (on a tie, the weakest source).
pub(crate) fn group_capability(caps: &[&AssetCapability]) -> (MaybeLevels, [Option<SlCSource>; 7]) {
    let mut sl_c = [None; 7];
    let mut source = [None; 7];
    if caps.is_empty() {
        return (sl_c, source);
    }
    for fr in 0..7 {
        let mut best: Option<(u8, SlCSource)> = None;
        let mut unknown = false;
        for c in caps {
            match (c.sl_c[fr], c.source[fr]) {
                (Some(l), Some(s)) => {
                    best = Some(match best {
                        Some((bl, bs))
                            if (bl, std::cmp::Reverse(bs)) <= (l, std::cmp::Reverse(s)) =>
                        {
                            (bl, bs)
                        }
                        _ => (l, s),
                    });
                }
                _ => unknown = true,
            }
        }
        if !unknown && let Some((l, s)) = best {
            sl_c[fr] = Some(l);
            source[fr] = Some(s);
        }
    }
    (sl_c, source)
}

/// Whether an asset meets one 4-2 row: `Some(true)` when certified at that level or assessed
/// met / not applicable, `Some(false)` when assessed not met or certified below it, `None`
/// when nothing says.
pub(crate) fn asset_meets(
    asset: &Asset,
    cap: &AssetCapability,
    row: &ComponentRequirement,
) -> Option<bool> {
    if cap.source[row.fr.index()] == Some(SlCSource::Certificate) {
        return cap.sl_c[row.fr.index()].map(|l| l >= row.level);
    }
    check_of(asset, &row.id).map(CheckStatus::satisfies)
}

/// The 4-2 rows one component class of a zone or conduit must meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassRequirements {
    pub class: ComponentClass,
    /// The element's assets of this class.
    pub assets: Vec<AssetId>,
    /// Indices into `Catalog::component_requirements`, in catalog order.
    pub requirements: Vec<usize>,
    /// Per entry of `requirements`: how many of `assets` are shown to meet it.
    pub met_by: Vec<usize>,
    /// Required rows that some asset of the class is not shown to meet.
    pub open: usize,
}

/// What to ask suppliers for: per class present among `assets`, the 4-2 rows required at
/// `sl_t` (a row is required when its level ≤ SL-T in its FR). Empty without an SL-T.
pub(crate) fn supplier_requirements(
    sl_t: Option<SlVector>,
    assets: &[Asset],
    caps: &[&AssetCapability],
    catalog: &Catalog,
) -> Vec<ClassRequirements> {
    let Some(sl_t) = sl_t else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for class in ComponentClass::ALL {
        let members: Vec<(&Asset, &AssetCapability)> = assets
            .iter()
            .zip(caps)
            .filter(|(_, c)| c.class == Some(class))
            .map(|(a, c)| (a, *c))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut requirements = Vec::new();
        let mut met_by = Vec::new();
        let mut open = 0;
        for (i, r) in catalog.component_requirements.iter().enumerate() {
            if r.applies_to(class) && r.level <= sl_t.0[r.fr.index()] {
                let met = members
                    .iter()
                    .filter(|(a, c)| asset_meets(a, c, r) == Some(true))
                    .count();
                requirements.push(i);
                met_by.push(met);
                if met < members.len() {
                    open += 1;
                }
            }
        }
        out.push(ClassRequirements {
            class,
            assets: members.iter().map(|(a, _)| a.id).collect(),
            requirements,
            met_by,
            open,
        });
    }
    out
}

/// How a zone's assets stand on one 4-2 row that supports a 3-3 SR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CrossSupport {
    /// Index into `Catalog::component_requirements`.
    pub requirement: usize,
    /// Assets the row applies to, and how many of them are shown to meet it / not to.
    pub assets: usize,
    pub met: usize,
    pub not_met: usize,
}

/// The crosswalk for one 3-3 SR id: the 4-2 rows of the same number that apply to some class
/// among `assets`, with how the assets stand on each.
pub(crate) fn crosswalk(
    sr_id: &str,
    assets: &[Asset],
    caps: &[&AssetCapability],
    catalog: &Catalog,
) -> Vec<CrossSupport> {
    let mut out = Vec::new();
    for (i, r) in catalog.component_requirements.iter().enumerate() {
        if !r.supports_sr(sr_id) {
            continue;
        }
        let (mut n, mut met, mut not_met) = (0, 0, 0);
        for (a, c) in assets.iter().zip(caps) {
            if c.class.is_some_and(|class| r.applies_to(class)) {
                n += 1;
                match asset_meets(a, c, r) {
                    Some(true) => met += 1,
                    Some(false) => not_met += 1,
                    None => {}
                }
            }
        }
        if n > 0 {
            out.push(CrossSupport {
                requirement: i,
                assets: n,
                met,
                not_met,
            });
        }
    }
    out
}

/// Findings: expired certificates, 4-2 statuses the asset's class does not have, zones whose
/// SL-C rests only on typical defaults.
pub(super) fn component_findings(
    project: &crate::model::Project,
    caps: &[AssetCapability],
    catalog: &Catalog,
    date: Option<Date>,
) -> Vec<super::Finding> {
    let mut s = Sink::new();
    for ((a, _), cap) in project.all_assets().zip(caps) {
        let el = ElementRef::Asset(a.id);
        if cap.certificate == Some(Validity::Expired)
            && let Some(c) = &a.certificate
        {
            s.push(
                FindingCode::CertificateExpired,
                el,
                format!(
                    "The IEC 62443-4-2 certificate {} of asset \"{}\" expired on {}; its SL-C comes from {} instead.",
                    c.number,
                    a.name,
                    c.valid_until.trim(),
                    cap.sources_label()
                ),
                "Ask the supplier for the renewed certificate, or assess the asset against the 4-2 items.",
            );
        }
        if let (Some(Validity::Unchecked(problem)), Some(c)) = (cap.certificate, &a.certificate) {
            s.push(
                FindingCode::CertificateDate,
                el,
                format!(
                    "The IEC 62443-4-2 certificate {} of asset \"{}\" does not count: {}; its SL-C comes from {} instead.",
                    if is_blank(&c.number) { "(no number)" } else { c.number.trim() },
                    a.name,
                    problem.describe(c, date),
                    cap.sources_label()
                ),
                match problem {
                    DateProblem::NoAssessmentDate => "Write the document date in the title block (the date the assessment is made on).",
                    DateProblem::NotYetIssued => "Check the certificate's issue date and the document date; a certificate counts from the day it is issued.",
                    _ => "Copy the certificate's issue and expiry dates as YYYY-MM-DD, the days printed on it.",
                },
            );
        }
        let unknown: Vec<&str> = a
            .component_checks
            .iter()
            .filter(|c| {
                catalog
                    .component_requirement(&c.requirement)
                    .is_none_or(|r| !row_applies(r, cap.class))
            })
            .map(|c| c.requirement.as_str())
            .collect();
        if let Some(first) = unknown.first() {
            s.push(
                FindingCode::ComponentCheckUnknown,
                el,
                format!(
                    "Asset \"{}\" has {} for \"{}\"{}, which is not an IEC 62443-4-2 item of its component class; {} ignored.",
                    a.name,
                    crate::count_of(unknown.len(), "assessed item", "assessed items"),
                    crate::file::short(first),
                    if unknown.len() > 1 { " and others" } else { "" },
                    if unknown.len() > 1 { "they are" } else { "it is" },
                ),
                "Use the ids of `zonewright catalog --standard 4-2` for the asset's class.",
            );
        }
    }
    // the remedy is 4-2 evidence: a catalog without 4-2 rows (a reduced test catalog) has none
    // to ask for
    if catalog.component_requirements.is_empty() {
        return s.finish();
    }
    let mut at = 0;
    for z in &project.zones {
        let zone_caps = caps.get(at..at + z.assets.len()).unwrap_or_default();
        at += z.assets.len();
        if !zone_caps.is_empty() && zone_caps.iter().all(AssetCapability::typical_only) {
            s.push(
                FindingCode::SlCTypicalOnly,
                ElementRef::Zone(z.id),
                format!(
                    "The SL-C of zone \"{}\" rests only on typical defaults of its component types.",
                    z.name
                ),
                "Enter the suppliers' IEC 62443-4-2 certificates, or assess the components against the 4-2 items.",
            );
        }
    }
    s.finish()
}

#[cfg(test)]
mod tests;
