//! The generator's risk assessment: threat scenarios for each zone and conduit whose
//! unmitigated risk proposes about the SL-T the generator chose, countermeasures that bring
//! most residual risks to the tolerable level, and an initial assessment of the whole plant.

use super::Rng;
use crate::model::{
    AssessmentRecord, Assessor, AssetId, Countermeasure, ElementRisk, MethodReference, SlVector,
    ThreatScenario, ZoneKind,
};

/// The method document every generated plant follows.
pub(super) fn method() -> MethodReference {
    MethodReference {
        document: "OT-RA-01 OT risk assessment procedure".to_owned(),
        version: "1".to_owned(),
    }
}

/// Who assessed each generated element with scenarios, when, by which method version.
fn record() -> AssessmentRecord {
    AssessmentRecord {
        assessors: vec![Assessor {
            name: "OT security team".to_owned(),
            role: "risk assessors".to_owned(),
        }],
        date: "2026-01-15".to_owned(),
        method_version: "1".to_owned(),
        ..AssessmentRecord::default()
    }
}

/// (threat source, capability, vector, vulnerability, title) by zone kind.
fn templates(
    kind: ZoneKind,
) -> &'static [(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)] {
    match kind {
        ZoneKind::Enterprise | ZoneKind::External => &[(
            "Criminal group",
            "Commodity ransomware, moderate resources",
            "Phishing e-mail to office users",
            "Users open attachments; flat office network",
            "Ransomware in the office network",
        )],
        ZoneKind::Dmz | ZoneKind::RemoteAccess => &[(
            "Criminal group",
            "Exploits for public VPN and server flaws",
            "Unpatched server reachable from the office network",
            "Patch backlog on DMZ servers",
            "Foothold on a DMZ server",
        )],
        ZoneKind::Safety => &[(
            "State-sponsored group",
            "IACS-specific skills, extended resources",
            "Compromised engineering station",
            "Logic solver accepts downloads while in run mode",
            "Safety logic changed from an engineering station",
        )],
        _ => &[
            (
                "Insider (contractor)",
                "Engineering knowledge, legitimate access",
                "Engineering tool on a maintenance laptop",
                "Shared engineering accounts",
                "Unauthorised change of control logic",
            ),
            (
                "Criminal group",
                "Ransomware spreading over Windows shares",
                "Lateral movement from the supervisory network",
                "Legacy Windows hosts without application allow-listing",
                "Ransomware on operator and server hosts",
            ),
        ],
    }
}

/// Unmitigated (likelihood, consequence) on the default 5 × 5 matrix whose level proposes
/// `sl`: Low 1×3 → 1, Medium 2×3 → 2, High 3×4 → 3, Critical 4×4 → 4.
fn ranks_for(sl: u8) -> (u8, u8) {
    match sl {
        0 | 1 => (1, 3),
        2 => (2, 3),
        3 => (3, 4),
        _ => (4, 4),
    }
}

/// Scenarios for one element with target `sl_t` (none when the element has no SL-T); most
/// elements get one or two, a few none (a finding), and a few keep an intolerable residual.
pub(super) fn element_risk(
    kind: ZoneKind,
    sl_t: Option<SlVector>,
    assets: &[AssetId],
    rng: &mut Rng,
) -> ElementRisk {
    let Some(t) = sl_t else {
        return ElementRisk::default();
    };
    if rng.percent(4) {
        return ElementRisk::default();
    }
    // the lowest FR target: the proposal then never lies above the chosen SL-T
    let top = t.0.iter().copied().min().unwrap_or(0);
    let list = templates(kind);
    let count = 1 + rng.below(list.len());
    let scenarios = list[..count]
        .iter()
        .enumerate()
        .map(|(i, &(source, capability, vector, vulnerability, title))| {
            // the first scenario is the worst one and proposes the SL-T; later ones less
            let (l, c) = ranks_for(if i == 0 { top } else { top.saturating_sub(1) });
            let mitigated = !rng.percent(3);
            let affected = assets.iter().take(3).copied().collect();
            ThreatScenario {
                title: title.to_owned(),
                threat_source: source.to_owned(),
                source_capability: capability.to_owned(),
                vector: vector.to_owned(),
                vulnerability: vulnerability.to_owned(),
                affected_assets: affected,
                consequence: vec![c.saturating_sub(1), 1, c, 1],
                likelihood: l,
                likelihood_rationale: format!("Usual for this source; way in: {vector}"),
                existing_countermeasures: "Zone boundary firewall, antivirus on hosts".to_owned(),
                residual_likelihood: if mitigated { 1 } else { l },
                residual_consequence: vec![c.saturating_sub(1), 1, c, 1],
                additional_countermeasures: vec![Countermeasure {
                    measure: "Application allow-listing and MFA for engineering access".to_owned(),
                    owner: "OT security".to_owned(),
                    ..Countermeasure::default()
                }],
                ..ThreatScenario::default()
            }
        })
        .collect();
    ElementRisk {
        scenarios,
        record: record(),
        ..ElementRisk::default()
    }
}

/// The initial (worst-case) assessment of the whole plant.
pub(super) fn initial() -> Vec<ThreatScenario> {
    vec![
        ThreatScenario {
            title: "Ransomware stops production at every site".to_owned(),
            threat_source: "Criminal group".to_owned(),
            source_capability: "Commodity ransomware, moderate resources".to_owned(),
            vector: "Corporate network".to_owned(),
            vulnerability: "Paths from the office networks into the control networks".to_owned(),
            consequence: vec![2, 2, 5, 4],
            likelihood: 4,
            likelihood_rationale: "Ransomware reaches manufacturers every year".to_owned(),
            ..Default::default()
        },
        ThreatScenario {
            title: "Safety function defeated by a targeted attack".to_owned(),
            threat_source: "State-sponsored group".to_owned(),
            source_capability: "IACS-specific skills, extended resources".to_owned(),
            vector: "Engineering stations".to_owned(),
            vulnerability: "Engineering access to the safety systems".to_owned(),
            consequence: vec![5, 4, 5, 5],
            likelihood: 2,
            likelihood_rationale: "Needs IACS skills and time; seen against the sector".to_owned(),
            ..Default::default()
        },
    ]
}
