//! A hand-built plant with a risk assessment and an approval, shared by the `check` and PDF
//! tests of the risk part, and the text of a PDF read back with lopdf.
// each test crate uses a different part of this module
#![allow(dead_code)]

use zonewright::model::{
    Approval, Asset, AssetId, Conduit, ConduitId, Countermeasure, Decision, ElementRisk, Project,
    Rect, SlVector, ThreatScenario, Zone, ZoneId, ZoneKind,
};

pub const RANSOMWARE: &str = "Ransomware through the corporate network";
pub const SIS_ATTACK: &str = "Attack on the SIS logic solver";
pub const INITIAL: &str = "Loss of control of the whole plant";
/// Longer than the 22 characters an element label keeps of a name.
pub const CONDUIT: &str = "Control to safety system conduit";

/// Two zones and a conduit, with these ratings on the default matrix (hand-computed):
/// - Z1 "Control network", SL-T 2: ransomware, likelihood 4 × worst consequence 3 = 12 High
///   (proposes SL-T 3: the chosen 2 is below in every FR, no rationale); residual
///   2 × 3 = 6 Medium, tolerable.
/// - Z2 "Safety system", SL-T 3: SIS attack, 3 × 5 = 15 Critical (proposes 4; rationale
///   given); residual likelihood not rated, so 3 × 4 = 12 High, above the tolerable risk.
/// - C1 joins them, no scenario.
/// - Initial assessment: 3 × 4 = 12 High, above the tolerable risk (Medium or lower).
/// - Approval of revision B, with conditions, over the content as built here (current).
pub fn project() -> Project {
    let mut p = Project::default();
    p.meta.title = "Risk test plant".into();
    p.meta.document_number = "D-17".into();
    p.meta.revision = "B".into();
    let mut z1 = Zone::new(
        ZoneId(1),
        "Control network",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    z1.sl_t = Some(SlVector::uniform(2));
    z1.assets
        .push(Asset::new(AssetId(1), "Unit controller", "dcs_controller"));
    z1.risk = ElementRisk {
        scenarios: vec![ThreatScenario {
            title: RANSOMWARE.into(),
            threat_source: "Criminal group".into(),
            source_capability: "Off-the-shelf ransomware kits".into(),
            vector: "Phishing e-mail".into(),
            vulnerability: "Flat network to the office".into(),
            affected_assets: vec![AssetId(1)],
            consequence: vec![2, 1, 3, 2],
            likelihood: 4,
            existing_countermeasures: "Office firewall".into(),
            residual_likelihood: 2,
            residual_consequence: vec![2, 1, 3, 1],
            additional_countermeasures: vec![Countermeasure {
                measure: "Segment the control network".into(),
                owner: "OT engineering".into(),
                ..Default::default()
            }],
            ..Default::default()
        }],
        sl_t_rationale: String::new(),
        ..Default::default()
    };
    let mut z2 = Zone::new(
        ZoneId(2),
        "Safety system",
        ZoneKind::Safety,
        Rect::new(400.0, 0.0, 300.0, 200.0),
    );
    z2.sl_t = Some(SlVector::uniform(3));
    z2.assets
        .push(Asset::new(AssetId(2), "SIS logic solver", "safety_plc"));
    z2.risk = ElementRisk {
        scenarios: vec![ThreatScenario {
            title: SIS_ATTACK.into(),
            threat_source: "State actor".into(),
            vector: "Engineering station".into(),
            affected_assets: vec![AssetId(2)],
            consequence: vec![5, 3, 4, 4],
            likelihood: 3,
            residual_consequence: vec![4],
            ..Default::default()
        }],
        sl_t_rationale: "The SIS engineering station is kept offline".into(),
        ..Default::default()
    };
    p.zones = vec![z1, z2];
    p.conduits = vec![Conduit::new(ConduitId(1), CONDUIT, ZoneId(1), ZoneId(2))];
    p.risk.initial = vec![ThreatScenario {
        title: INITIAL.into(),
        threat_source: "Any attacker".into(),
        consequence: vec![4],
        likelihood: 3,
        ..Default::default()
    }];
    let base = Approval {
        approver: "M. Owner".into(),
        role: "Plant manager".into(),
        organisation: "Acme Refining".into(),
        date: "2026-11-30".into(),
        decision: Decision::ApprovedWithConditions,
        conditions: "Close the remote access finding".into(),
        ..Default::default()
    };
    p.approval = Some(zonewright::analysis::approval::record(
        &p,
        zonewright::catalog::Catalog::embedded(),
        base,
    ));
    p
}
