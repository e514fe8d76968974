//! Design findings: checks of the zone-and-conduit design beyond the SL numbers (ZCR 3.2–3.6,
//! conduit documentation, boundary devices, untrusted paths to safety zones, hygiene).

use super::lookup::Lookup;
use crate::catalog::{ComponentClass, ComponentType};
use crate::model::{Asset, ElementRef, Project, Status, ZoneId, ZoneKind};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

/// How serious a finding is. Errors make `zonewright check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FindingSeverity {
    Error,
    Warning,
    Info,
}

impl FindingSeverity {
    pub fn label(self) -> &'static str {
        match self {
            FindingSeverity::Error => "error",
            FindingSeverity::Warning => "warning",
            FindingSeverity::Info => "info",
        }
    }
}

/// Stable identifiers of the design checks. The code strings never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FindingCode {
    AssetDuplicate,
    ComponentUnknown,
    BusinessMixed,
    SafetyMixed,
    TemporaryMixed,
    WirelessMixed,
    ExternalMixed,
    ConduitNoOwner,
    ConduitNoPurpose,
    ConduitNoControl,
    ConduitNoTest,
    ControlUnknown,
    BoundaryMissing,
    ConduitSlTBelowZones,
    UntrustedPathToSafety,
    ZoneEmpty,
    ZoneNoSlT,
    NameDuplicate,
    RequirementNoText,
    RequirementUnknown,
    OverrideNoSource,
    CompensationNoJustification,
    OneWayUnenforced,
    DeviceDuplicate,
    SlAAboveSlC,
    MetNoEvidence,
    CompensationEmpty,
    CrsIncomplete,
    RiskNoScenario,
    RiskUnrated,
    RiskResidualIntolerable,
    SlTBelowProposal,
    RiskInitialMissing,
    ApprovalOutdated,
    ApprovalRejected,
}

impl FindingCode {
    pub const ALL: [FindingCode; 35] = [
        FindingCode::AssetDuplicate,
        FindingCode::ComponentUnknown,
        FindingCode::BusinessMixed,
        FindingCode::SafetyMixed,
        FindingCode::TemporaryMixed,
        FindingCode::WirelessMixed,
        FindingCode::ExternalMixed,
        FindingCode::ConduitNoOwner,
        FindingCode::ConduitNoPurpose,
        FindingCode::ConduitNoControl,
        FindingCode::ConduitNoTest,
        FindingCode::ControlUnknown,
        FindingCode::BoundaryMissing,
        FindingCode::ConduitSlTBelowZones,
        FindingCode::UntrustedPathToSafety,
        FindingCode::ZoneEmpty,
        FindingCode::ZoneNoSlT,
        FindingCode::NameDuplicate,
        FindingCode::RequirementNoText,
        FindingCode::RequirementUnknown,
        FindingCode::OverrideNoSource,
        FindingCode::CompensationNoJustification,
        FindingCode::OneWayUnenforced,
        FindingCode::DeviceDuplicate,
        FindingCode::SlAAboveSlC,
        FindingCode::MetNoEvidence,
        FindingCode::CompensationEmpty,
        FindingCode::CrsIncomplete,
        FindingCode::RiskNoScenario,
        FindingCode::RiskUnrated,
        FindingCode::RiskResidualIntolerable,
        FindingCode::SlTBelowProposal,
        FindingCode::RiskInitialMissing,
        FindingCode::ApprovalOutdated,
        FindingCode::ApprovalRejected,
    ];

    /// The stable code printed in reports, e.g. `ZCR3.3-SAFETY`.
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::AssetDuplicate => "ASSET-DUP",
            FindingCode::ComponentUnknown => "ASSET-TYPE",
            FindingCode::BusinessMixed => "ZCR3.2-BUSINESS",
            FindingCode::SafetyMixed => "ZCR3.3-SAFETY",
            FindingCode::TemporaryMixed => "ZCR3.4-TEMPORARY",
            FindingCode::WirelessMixed => "ZCR3.5-WIRELESS",
            FindingCode::ExternalMixed => "ZCR3.6-EXTERNAL",
            FindingCode::ConduitNoOwner => "CONDUIT-OWNER",
            FindingCode::ConduitNoPurpose => "CONDUIT-PURPOSE",
            FindingCode::ConduitNoControl => "CONDUIT-CONTROL",
            FindingCode::ConduitNoTest => "CONDUIT-TEST",
            FindingCode::ControlUnknown => "CONDUIT-CONTROL-TYPE",
            FindingCode::BoundaryMissing => "CONDUIT-BOUNDARY",
            FindingCode::ConduitSlTBelowZones => "CONDUIT-SLT-LOW",
            FindingCode::UntrustedPathToSafety => "PATH-TO-SAFETY",
            FindingCode::ZoneEmpty => "ZONE-EMPTY",
            FindingCode::ZoneNoSlT => "ZONE-NO-SLT",
            FindingCode::NameDuplicate => "NAME-DUP",
            FindingCode::RequirementNoText => "REQ-NO-REASON",
            FindingCode::RequirementUnknown => "REQ-UNKNOWN",
            FindingCode::OverrideNoSource => "SLC-NO-SOURCE",
            FindingCode::CompensationNoJustification => "SLC-COMP-NO-REASON",
            FindingCode::OneWayUnenforced => "CONDUIT-ONEWAY-CLAIM",
            FindingCode::DeviceDuplicate => "DEVICE-DUP",
            FindingCode::SlAAboveSlC => "SLA-ABOVE-SLC",
            FindingCode::MetNoEvidence => "REQ-NO-EVIDENCE",
            FindingCode::CompensationEmpty => "SLC-COMP-EMPTY",
            FindingCode::CrsIncomplete => "CRS-INCOMPLETE",
            FindingCode::RiskNoScenario => "RISK-NONE",
            FindingCode::RiskUnrated => "RISK-UNRATED",
            FindingCode::RiskResidualIntolerable => "RISK-RESIDUAL",
            FindingCode::SlTBelowProposal => "RISK-SLT-LOW",
            FindingCode::RiskInitialMissing => "RISK-INITIAL-NONE",
            FindingCode::ApprovalOutdated => "APPROVAL-OUTDATED",
            FindingCode::ApprovalRejected => "APPROVAL-REJECTED",
        }
    }

    pub fn severity(self) -> FindingSeverity {
        use FindingCode::*;
        match self {
            AssetDuplicate
            | BusinessMixed
            | SafetyMixed
            | BoundaryMissing
            | UntrustedPathToSafety
            | RiskResidualIntolerable => FindingSeverity::Error,
            OverrideNoSource | MetNoEvidence | CrsIncomplete | RiskNoScenario
            | RiskInitialMissing => FindingSeverity::Info,
            _ => FindingSeverity::Warning,
        }
    }
}

/// One design finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: FindingSeverity,
    pub element: ElementRef,
    pub message: String,
    /// What to do about it.
    pub remedy: String,
}

struct Sink {
    out: Vec<Finding>,
}

impl Sink {
    fn push(&mut self, code: FindingCode, element: ElementRef, message: String, remedy: &str) {
        self.out.push(Finding {
            code,
            severity: code.severity(),
            element,
            message,
            remedy: remedy.to_owned(),
        });
    }
}

/// Network infrastructure without any special flag (switches, routers, firewalls) may sit in any
/// zone without breaking the separation rules.
fn is_neutral(c: &ComponentType) -> bool {
    c.class == ComponentClass::NetworkDevice
        && !(c.business_it || c.safety || c.wireless || c.temporary || c.external)
}

/// All findings, in a stable order: zones, conduits, then project-wide checks.
///
/// `zones_known` / `conduits_known` say, per element, whether all its requirement ids are in
/// the catalog (then they are not looked up again).
pub(super) fn design_findings(
    project: &Project,
    lookup: &Lookup,
    zones_known: &[bool],
    conduits_known: &[bool],
) -> Vec<Finding> {
    let mut s = Sink { out: Vec::new() };
    asset_findings(project, lookup, &mut s);
    for (i, z) in project.zones.iter().enumerate() {
        let el = ElementRef::Zone(z.id);
        if z.assets.is_empty() {
            s.push(
                FindingCode::ZoneEmpty,
                el,
                format!("Zone \"{}\" has no assets.", z.name),
                "Place the zone's assets in it, or delete the zone if it is not needed.",
            );
        }
        if z.sl_t.is_none() {
            s.push(
                FindingCode::ZoneNoSlT,
                el,
                format!("Zone \"{}\" has no target security level (SL-T).", z.name),
                "Set the SL-T from the detailed risk assessment (ZCR 5.6).",
            );
        }
        let types = lookup.zone_asset_types(i);
        separation_findings(&z.name, el, &z.assets, types, z.kind, &mut s);
        let known = zones_known.get(i).copied().unwrap_or(false);
        requirement_findings(&z.name, el, &z.requirements, lookup, known, &mut s);
        if let Some(c) = &z.compensation
            && c.justification.trim().is_empty()
        {
            s.push(
                FindingCode::CompensationNoJustification,
                el,
                format!("Zone \"{}\" raises its SL-C by a compensation without a justification; it is ignored.", z.name),
                "Describe the compensating countermeasure, or remove the compensation.",
            );
        }
    }
    for (i, c) in project.conduits.iter().enumerate() {
        let known = conduits_known.get(i).copied().unwrap_or(false);
        conduit_findings(lookup, c, lookup.conduit_device_types(i), known, &mut s);
    }
    duplicate_names(project, &mut s);
    untrusted_path_findings(project, &mut s);
    s.out
}

fn asset_findings(project: &Project, lookup: &Lookup, s: &mut Sink) {
    // ids used more than once, sorted (usually none)
    let mut ids: Vec<crate::model::AssetId> = project.all_assets().map(|(a, _)| a.id).collect();
    ids.sort_unstable();
    let mut duplicated: Vec<crate::model::AssetId> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    duplicated.dedup();
    let mut reported = std::collections::HashSet::new();
    for ((a, _), t) in project.all_assets().zip(lookup.asset_types()) {
        let el = ElementRef::Asset(a.id);
        if !duplicated.is_empty()
            && duplicated.binary_search(&a.id).is_ok()
            && reported.insert(a.id)
        {
            s.push(
                FindingCode::AssetDuplicate,
                el,
                format!(
                    "Asset id {} (\"{}\") appears in more than one zone or conduit.",
                    a.id.0, a.name
                ),
                "Every asset belongs to exactly one zone or conduit (ZCR 6.3): remove the copy.",
            );
        }
        if a.sl_c_override.is_none() && t.is_none() {
            s.push(
                FindingCode::ComponentUnknown,
                el,
                format!("Asset \"{}\" has component type \"{}\", which is not in the catalog; its SL-C is unknown.", a.name, a.component),
                "Choose a component type from the catalog, or enter the SL-C from the vendor's certificate.",
            );
        }
        if let Some(o) = &a.sl_c_override
            && o.source.trim().is_empty()
        {
            s.push(
                FindingCode::OverrideNoSource,
                el,
                format!("Asset \"{}\" has an SL-C override with no source.", a.name),
                "Name the IEC 62443-4-2 certificate or test report the value comes from.",
            );
        }
    }
}

fn separation_findings(
    name: &str,
    el: ElementRef,
    assets: &[Asset],
    asset_types: &[Option<&ComponentType>],
    kind: ZoneKind,
    s: &mut Sink,
) {
    // assets of a known, non-neutral type
    let typed = || {
        assets
            .iter()
            .zip(asset_types)
            .filter_map(|(a, t)| t.map(|t| (a, t)))
            .filter(|(_, c)| !is_neutral(c))
    };
    type Flag = fn(&ComponentType) -> bool;
    let rules: [(FindingCode, Flag, &str, &str); 5] = [
        (
            FindingCode::BusinessMixed,
            |c| c.business_it,
            "business IT",
            "ZCR 3.2: put business assets and IACS assets in separate zones.",
        ),
        (
            FindingCode::SafetyMixed,
            |c| c.safety,
            "safety-related",
            "ZCR 3.3: put safety-related assets in a zone of their own.",
        ),
        (
            FindingCode::TemporaryMixed,
            |c| c.temporary,
            "temporarily connected",
            "ZCR 3.4: give temporarily connected devices (laptops, USB media) a zone of their own.",
        ),
        (
            FindingCode::WirelessMixed,
            |c| c.wireless,
            "wireless",
            "ZCR 3.5: give wireless devices a zone of their own, connected through a conduit.",
        ),
        (
            FindingCode::ExternalMixed,
            |c| c.external,
            "externally reached",
            "ZCR 3.6: put devices reached through external networks in a zone of their own.",
        ),
    ];
    for (code, flag, what, remedy) in rules {
        if code == FindingCode::ExternalMixed
            && matches!(kind, ZoneKind::External | ZoneKind::RemoteAccess)
        {
            continue;
        }
        // names are only collected for a zone that mixes
        if !(typed().any(|(_, c)| flag(c)) && typed().any(|(_, c)| !flag(c))) {
            continue;
        }
        let flagged: Vec<&str> = typed()
            .filter(|(_, c)| flag(c))
            .map(|(a, _)| a.name.as_str())
            .collect();
        let others: Vec<&str> = typed()
            .filter(|(_, c)| !flag(c))
            .map(|(a, _)| a.name.as_str())
            .collect();
        s.push(
            code,
            el,
            format!(
                "Zone \"{name}\" mixes {what} assets ({}) with other assets ({}).",
                list(&flagged),
                list(&others)
            ),
            remedy,
        );
    }
}

fn list(names: &[&str]) -> String {
    if names.len() <= 3 {
        names.join(", ")
    } else {
        format!("{}, … {} in all", names[..3].join(", "), names.len())
    }
}

fn requirement_findings(
    name: &str,
    el: ElementRef,
    reqs: &crate::model::Requirements,
    lookup: &Lookup,
    all_known: bool,
    s: &mut Sink,
) {
    for (id, ra) in reqs {
        if !all_known && lookup.requirement(id).is_none() {
            s.push(
                FindingCode::RequirementUnknown,
                el,
                format!("\"{name}\" has a status for \"{id}\", which is not an IEC 62443-3-3 requirement."),
                "Correct the requirement id, or remove the entry.",
            );
        } else if ra.status.needs_text() && ra.text.trim().is_empty() {
            let what = if ra.status == Status::Compensated {
                "compensated"
            } else {
                "not applicable"
            };
            s.push(
                FindingCode::RequirementNoText,
                el,
                format!("{id} of \"{name}\" is marked {what} without a reason; it does not count towards SL-A."),
                "Write the compensating countermeasure or the justification.",
            );
        }
    }
}

fn conduit_findings(
    lookup: &Lookup,
    c: &crate::model::Conduit,
    device_types: &[Option<&ComponentType>],
    requirements_known: bool,
    s: &mut Sink,
) {
    let el = ElementRef::Conduit(c.id);
    let missing: [(bool, FindingCode, &str, &str); 4] = [
        (
            c.owner.trim().is_empty(),
            FindingCode::ConduitNoOwner,
            "owner",
            "Name the organisation or role that owns the conduit.",
        ),
        (
            c.purpose.trim().is_empty(),
            FindingCode::ConduitNoPurpose,
            "purpose",
            "Say why the conduit exists and which data it carries.",
        ),
        (
            c.controls.is_empty(),
            FindingCode::ConduitNoControl,
            "security control",
            "Choose at least one control (firewall, gateway, VPN …) from the catalog.",
        ),
        (
            c.test_method.trim().is_empty(),
            FindingCode::ConduitNoTest,
            "test method",
            "Say how the conduit's controls are tested (rule review, penetration test …).",
        ),
    ];
    for (is_missing, code, what, remedy) in missing {
        if is_missing {
            s.push(
                code,
                el,
                format!("Conduit \"{}\" has no {what}.", c.name),
                remedy,
            );
        }
    }
    for ctl in &c.controls {
        if !lookup.has_control(ctl) {
            s.push(
                FindingCode::ControlUnknown,
                el,
                format!(
                    "Conduit \"{}\" names control \"{ctl}\", which is not in the catalog.",
                    c.name
                ),
                "Choose the control from the catalog.",
            );
        }
    }
    let a = lookup.zone(c.from);
    let b = lookup.zone(c.to);
    if let (Some(za), Some(zb)) = (a, b)
        && let (Some(ta), Some(tb)) = (za.sl_t, zb.sl_t)
    {
        let diff =
            ta.0.iter()
                .zip(tb.0)
                .map(|(x, y)| x.abs_diff(y))
                .max()
                .unwrap_or(0);
        let has_boundary = device_types.iter().any(|t| t.is_some_and(|t| t.boundary));
        if diff >= 2 && !has_boundary {
            s.push(
                FindingCode::BoundaryMissing,
                el,
                format!(
                    "Conduit \"{}\" joins \"{}\" SL-T {} and \"{}\" SL-T {} (a difference of {diff} levels) without a boundary device.",
                    c.name, za.name, ta, zb.name, tb
                ),
                "Put a firewall, unidirectional gateway or other boundary device on the conduit.",
            );
        }
        if let Some(o) = c.sl_t_override {
            let default = ta.max(&tb);
            if o.0.iter().zip(default.0).any(|(x, d)| *x < d) {
                s.push(
                    FindingCode::ConduitSlTBelowZones,
                    el,
                    format!(
                        "Conduit \"{}\" has SL-T {o}, below the {default} of the zones it joins.",
                        c.name
                    ),
                    "Raise the conduit's SL-T, or record in the risk assessment why the lower target is tolerable.",
                );
            }
        }
    }
    requirement_findings(&c.name, el, &c.requirements, lookup, requirements_known, s);
    if let Some(comp) = &c.compensation
        && comp.justification.trim().is_empty()
    {
        s.push(
            FindingCode::CompensationNoJustification,
            el,
            format!("Conduit \"{}\" raises its SL-C by a compensation without a justification; it is ignored.", c.name),
            "Describe the compensating countermeasure, or remove the compensation.",
        );
    }
}

/// `str::to_lowercase`, without the Unicode tables for the usual ASCII names.
fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn duplicate_names(project: &Project, s: &mut Sink) {
    let keys: Vec<String> = project
        .zones
        .iter()
        .map(|z| fold_case(z.name.trim()))
        .collect();
    let mut zones: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for k in &keys {
        *zones.entry(k.as_str()).or_default() += 1;
    }
    for (z, k) in project.zones.iter().zip(&keys) {
        if zones.get(k.as_str()).copied().unwrap_or(0) > 1 {
            s.push(
                FindingCode::NameDuplicate,
                ElementRef::Zone(z.id),
                format!("More than one zone is named \"{}\".", z.name),
                "Give every zone a unique name, so that drawings and reports are unambiguous.",
            );
        }
    }
    let keys: Vec<String> = project
        .conduits
        .iter()
        .map(|c| fold_case(c.name.trim()))
        .collect();
    let mut conduits: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for k in &keys {
        *conduits.entry(k.as_str()).or_default() += 1;
    }
    for (c, k) in project.conduits.iter().zip(&keys) {
        if conduits.get(k.as_str()).copied().unwrap_or(0) > 1 {
            s.push(
                FindingCode::NameDuplicate,
                ElementRef::Conduit(c.id),
                format!("More than one conduit is named \"{}\".", c.name),
                "Give every conduit a unique name.",
            );
        }
    }
}

/// Paths of conduits from untrusted zones to safety zones that pass neither a DMZ nor a
/// one-way conduit: one shortest path (zone ids, untrusted end first) per safety zone reached.
/// A multi-source breadth-first search over the conduit graph.
pub fn untrusted_paths_to_safety(project: &Project) -> Vec<Vec<ZoneId>> {
    let index: HashMap<ZoneId, usize> = project
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id, i))
        .collect();
    let n = project.zones.len();
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in &project.conduits {
        if c.direction == crate::model::Direction::OneWay {
            continue;
        }
        if let (Some(&a), Some(&b)) = (index.get(&c.from), index.get(&c.to)) {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
    }
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut queue = VecDeque::new();
    for (i, z) in project.zones.iter().enumerate() {
        if z.kind.is_untrusted() {
            seen[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        let kind = project.zones[i].kind;
        if kind == ZoneKind::Dmz || kind == ZoneKind::Safety {
            continue;
        }
        for &j in &adjacency[i] {
            if !seen[j] {
                seen[j] = true;
                parent[j] = Some(i);
                queue.push_back(j);
            }
        }
    }
    let mut paths = Vec::new();
    for (i, z) in project.zones.iter().enumerate() {
        if z.kind != ZoneKind::Safety || parent[i].is_none() {
            continue;
        }
        let mut path = vec![z.id];
        let mut at = i;
        while let Some(p) = parent[at] {
            path.push(project.zones[p].id);
            at = p;
        }
        path.reverse();
        paths.push(path);
    }
    paths
}

fn untrusted_path_findings(project: &Project, s: &mut Sink) {
    for path in untrusted_paths_to_safety(project) {
        let names: Vec<String> = path
            .iter()
            .map(|id| project.element_name(ElementRef::Zone(*id)))
            .collect();
        let (Some(&target), Some(first), Some(last)) = (path.last(), names.first(), names.last())
        else {
            continue;
        };
        s.push(
            FindingCode::UntrustedPathToSafety,
            ElementRef::Zone(target),
            format!(
                "Safety zone \"{last}\" can be reached from untrusted zone \"{first}\" without passing a DMZ or a one-way conduit: {}.",
                names.join(" → ")
            ),
            "Route the connection through a DMZ, or make a conduit on the path one-way (unidirectional gateway).",
        );
    }
}
