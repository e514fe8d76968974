//! Design findings: checks of the zone-and-conduit design beyond the SL numbers (ZCR 3.2–3.6,
//! conduit documentation, boundary devices, one-way claims, untrusted paths to safety zones,
//! hygiene), in a stable order. Names, SL discipline and reachability live in sibling modules.

use super::ElementAssessment;
use super::discipline;
use super::lookup::Lookup;
use super::names;
use super::reach::Reach;
use crate::catalog::{ComponentClass, ComponentType};
use crate::model::text::is_blank;
use crate::model::{Asset, Direction, ElementRef, Project, Status};
use serde::Serialize;

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
    CertificateExpired,
    ComponentCheckUnknown,
    SlCTypicalOnly,
    CertificateDate,
    RiskReliesOnPlanned,
    RiskAcceptedIntolerable,
    RiskAcceptanceIncomplete,
    RiskRecordIncomplete,
    RiskMethodMissing,
    RiskMethodVersion,
    RiskLikelihoodNoRationale,
    RiskSourceUnknown,
    ConduitNoFlow,
    FlowOutsideConduit,
    FlowAgainstOneWay,
    FlowTooBroad,
    FlowCleartext,
    FlowNoDpi,
    FlowUnstructured,
    MergeConflict,
    TrafficNoConduit,
    TrafficUndeclared,
    TrafficAgainstOneWay,
    FlowUnobserved,
    TrafficUnknownHost,
    AssetMultihomed,
    SubnetSpansZones,
    IpDuplicate,
}

impl FindingCode {
    pub const ALL: [FindingCode; 63] = [
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
        FindingCode::CertificateExpired,
        FindingCode::ComponentCheckUnknown,
        FindingCode::SlCTypicalOnly,
        FindingCode::CertificateDate,
        FindingCode::RiskReliesOnPlanned,
        FindingCode::RiskAcceptedIntolerable,
        FindingCode::RiskAcceptanceIncomplete,
        FindingCode::RiskRecordIncomplete,
        FindingCode::RiskMethodMissing,
        FindingCode::RiskMethodVersion,
        FindingCode::RiskLikelihoodNoRationale,
        FindingCode::RiskSourceUnknown,
        FindingCode::ConduitNoFlow,
        FindingCode::FlowOutsideConduit,
        FindingCode::FlowAgainstOneWay,
        FindingCode::FlowTooBroad,
        FindingCode::FlowCleartext,
        FindingCode::FlowNoDpi,
        FindingCode::FlowUnstructured,
        FindingCode::MergeConflict,
        FindingCode::TrafficNoConduit,
        FindingCode::TrafficUndeclared,
        FindingCode::TrafficAgainstOneWay,
        FindingCode::FlowUnobserved,
        FindingCode::TrafficUnknownHost,
        FindingCode::AssetMultihomed,
        FindingCode::SubnetSpansZones,
        FindingCode::IpDuplicate,
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
            FindingCode::CertificateExpired => "SLC-CERT-EXPIRED",
            FindingCode::ComponentCheckUnknown => "SLC-CHECK-UNKNOWN",
            FindingCode::SlCTypicalOnly => "SLC-TYPICAL-ONLY",
            FindingCode::CertificateDate => "SLC-CERT-DATE",
            FindingCode::RiskReliesOnPlanned => "RISK-RELIES-ON-PLANNED",
            FindingCode::RiskAcceptedIntolerable => "RISK-ACCEPTED-INTOLERABLE",
            FindingCode::RiskAcceptanceIncomplete => "RISK-ACCEPTANCE-INCOMPLETE",
            FindingCode::RiskRecordIncomplete => "RISK-RECORD-INCOMPLETE",
            FindingCode::RiskMethodMissing => "RISK-METHOD-NONE",
            FindingCode::RiskMethodVersion => "RISK-METHOD-VERSION",
            FindingCode::RiskLikelihoodNoRationale => "RISK-LIKELIHOOD-NO-REASON",
            FindingCode::RiskSourceUnknown => "RISK-SOURCE-UNKNOWN",
            FindingCode::ConduitNoFlow => "CONDUIT-NO-FLOW",
            FindingCode::FlowOutsideConduit => "FLOW-OUTSIDE-CONDUIT",
            FindingCode::FlowAgainstOneWay => "FLOW-AGAINST-ONEWAY",
            FindingCode::FlowTooBroad => "FLOW-TOO-BROAD",
            FindingCode::FlowCleartext => "FLOW-CLEARTEXT",
            FindingCode::FlowNoDpi => "FLOW-NO-DPI",
            FindingCode::FlowUnstructured => "FLOW-UNSTRUCTURED",
            FindingCode::MergeConflict => "MERGE-CONFLICT",
            FindingCode::TrafficNoConduit => "TRAFFIC-NO-CONDUIT",
            FindingCode::TrafficUndeclared => "TRAFFIC-UNDECLARED",
            FindingCode::TrafficAgainstOneWay => "TRAFFIC-AGAINST-ONEWAY",
            FindingCode::FlowUnobserved => "FLOW-UNOBSERVED",
            FindingCode::TrafficUnknownHost => "TRAFFIC-UNKNOWN-HOST",
            FindingCode::AssetMultihomed => "ASSET-MULTIHOMED",
            FindingCode::SubnetSpansZones => "SUBNET-SPANS-ZONES",
            FindingCode::IpDuplicate => "IP-DUPLICATE",
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
            | RiskResidualIntolerable
            | FlowOutsideConduit
            | FlowAgainstOneWay
            | MergeConflict
            | TrafficNoConduit
            | TrafficAgainstOneWay
            | IpDuplicate => FindingSeverity::Error,
            OverrideNoSource
            | MetNoEvidence
            | CrsIncomplete
            | RiskNoScenario
            | RiskInitialMissing
            | SlCTypicalOnly
            | RiskLikelihoodNoRationale
            | FlowUnstructured
            | FlowUnobserved => FindingSeverity::Info,
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
    pub remedy: &'static str,
}

pub(super) struct Sink {
    out: Vec<Finding>,
}

impl Sink {
    pub(super) fn new() -> Sink {
        Sink { out: Vec::new() }
    }

    pub(super) fn finish(self) -> Vec<Finding> {
        self.out
    }

    pub(super) fn push(
        &mut self,
        code: FindingCode,
        element: ElementRef,
        message: String,
        remedy: &'static str,
    ) {
        self.out.push(Finding {
            code,
            severity: code.severity(),
            element,
            message,
            remedy,
        });
    }
}

/// Network infrastructure without any special flag (switches, routers, firewalls) may sit in any
/// zone without breaking the separation rules.
fn is_neutral(c: &ComponentType) -> bool {
    c.class == ComponentClass::NetworkDevice
        && !(c.business_it || c.safety || c.wireless || c.temporary || c.external)
}

/// What the findings need from the rest of `assess`.
pub(super) struct Inputs<'a> {
    /// The element assessments of zones and conduits, in project order.
    pub zones: &'a [ElementAssessment],
    pub conduits: &'a [ElementAssessment],
    /// Per element, whether all its requirement ids are in the catalog (then they are not
    /// looked up again).
    pub zones_known: &'a [bool],
    pub conduits_known: &'a [bool],
    pub reach: &'a Reach,
}

/// All findings, in a stable order: assets, zones, conduits, then project-wide checks.
pub(super) fn design_findings(project: &Project, lookup: &Lookup, inputs: &Inputs) -> Vec<Finding> {
    let mut s = Sink::new();
    asset_findings(project, lookup, &mut s);
    names::duplicate_devices(project, lookup, &mut s);
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
        separation_findings(&z.name, el, &z.assets, types, &mut s);
        let known = inputs.zones_known.get(i).copied().unwrap_or(false);
        let no_evidence = requirement_findings(&z.name, el, &z.requirements, lookup, known, &mut s);
        discipline::evidence_finding("Zone", &z.name, el, no_evidence, &mut s);
        if let Some(c) = &z.compensation
            && is_blank(&c.justification)
        {
            s.push(
                FindingCode::CompensationNoJustification,
                el,
                format!("Zone \"{}\" raises its SL-C by a compensation without a justification; it is ignored.", z.name),
                "Describe the compensating countermeasure, or remove the compensation.",
            );
        }
        discipline::compensation_findings("Zone", &z.name, el, z.compensation.as_ref(), &mut s);
        if let Some(e) = inputs.zones.get(i) {
            discipline::sl_a_above_sl_c("Zone", &z.name, el, &e.sl_a, &e.sl_c, &mut s);
        }
        discipline::crs_element("Zone", &z.name, el, &z.characteristics, false, &mut s);
    }
    for (i, c) in project.conduits.iter().enumerate() {
        let el = ElementRef::Conduit(c.id);
        let known = inputs.conduits_known.get(i).copied().unwrap_or(false);
        let one_way = inputs.reach.one_way.get(i).copied().unwrap_or(false);
        let no_evidence = conduit_findings(
            lookup,
            c,
            lookup.conduit_device_types(i),
            known,
            one_way,
            &mut s,
        );
        discipline::evidence_finding("Conduit", &c.name, el, no_evidence, &mut s);
        discipline::compensation_findings("Conduit", &c.name, el, c.compensation.as_ref(), &mut s);
        if let Some(e) = inputs.conduits.get(i) {
            discipline::sl_a_above_sl_c("Conduit", &c.name, el, &e.sl_a, &e.sl_c, &mut s);
        }
        discipline::crs_element(
            "Conduit",
            &c.name,
            el,
            &c.characteristics,
            c.flows.iter().all(crate::model::DataFlow::is_blank),
            &mut s,
        );
    }
    names::duplicate_names(project, &mut s);
    untrusted_path_findings(project, &inputs.reach.paths, &mut s);
    discipline::crs_project(&project.meta, &mut s);
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
            && is_blank(&o.source)
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
) -> usize {
    let mut no_evidence = 0;
    for (id, ra) in reqs {
        if !all_known && lookup.requirement(id).is_none() {
            s.push(
                FindingCode::RequirementUnknown,
                el,
                format!("\"{name}\" has a status for \"{id}\", which is not an IEC 62443-3-3 requirement."),
                "Correct the requirement id, or remove the entry.",
            );
            continue;
        }
        if ra.status == Status::Met && is_blank(&ra.evidence) {
            no_evidence += 1;
        } else if ra.status.needs_text() && is_blank(&ra.text) {
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
    no_evidence
}

/// The conduit's own findings; returns how many of its requirements are met without evidence.
/// `one_way` says whether its one-way direction is enforced.
fn conduit_findings(
    lookup: &Lookup,
    c: &crate::model::Conduit,
    device_types: &[Option<&ComponentType>],
    requirements_known: bool,
    one_way: bool,
    s: &mut Sink,
) -> usize {
    let el = ElementRef::Conduit(c.id);
    let missing: [(bool, FindingCode, &str, &str); 4] = [
        (
            is_blank(&c.owner),
            FindingCode::ConduitNoOwner,
            "owner",
            "Name the organisation or role that owns the conduit.",
        ),
        (
            is_blank(&c.purpose),
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
            is_blank(&c.test_method),
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
    if c.direction == Direction::OneWay && !one_way {
        s.push(
            FindingCode::OneWayUnenforced,
            el,
            format!(
                "Conduit \"{}\" is drawn one-way, but neither a unidirectional gateway among its devices nor the unidirectional-gateway control enforces it; it is treated as two-way.",
                c.name
            ),
            "Put a unidirectional gateway on the conduit (device or control), or draw it two-way.",
        );
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
    let no_evidence =
        requirement_findings(&c.name, el, &c.requirements, lookup, requirements_known, s);
    if let Some(comp) = &c.compensation
        && is_blank(&comp.justification)
    {
        s.push(
            FindingCode::CompensationNoJustification,
            el,
            format!("Conduit \"{}\" raises its SL-C by a compensation without a justification; it is ignored.", c.name),
            "Describe the compensating countermeasure, or remove the compensation.",
        );
    }
    no_evidence
}

/// One finding per exposed safety zone, on that zone, with the path data takes to reach it.
fn untrusted_path_findings(project: &Project, paths: &[Vec<crate::model::ZoneId>], s: &mut Sink) {
    for path in paths {
        let names: Vec<String> = path
            .iter()
            .map(|id| project.element_name(ElementRef::Zone(*id)))
            .collect();
        let (Some(&target), Some(first), Some(last)) = (path.last(), names.first(), names.last())
        else {
            continue;
        };
        if path.len() == 1 {
            let kind = project.zone(target).map_or("untrusted", |z| z.kind.label());
            s.push(
                FindingCode::UntrustedPathToSafety,
                ElementRef::Zone(target),
                format!(
                    "Safety zone \"{last}\" is itself an untrusted zone (kind {kind}): whatever reaches it comes from an untrusted zone without passing a DMZ."
                ),
                "Give the safety-related assets a zone of kind Safety of their own, reached from untrusted zones only through a DMZ, or change the zone's kind if it is not untrusted.",
            );
            continue;
        }
        s.push(
            FindingCode::UntrustedPathToSafety,
            ElementRef::Zone(target),
            format!(
                "Data from untrusted zone \"{first}\" can reach safety zone \"{last}\" without passing a DMZ: {}.",
                names.join(" → ")
            ),
            "Route the connection through a DMZ, or put a unidirectional gateway on a conduit of the path that lets data only leave the safety side; a one-way conduit into the safety zone, or one without a gateway, does not protect it.",
        );
    }
}
