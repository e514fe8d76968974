//! The generator's assessment data: zone targets (SL-T), a partial requirement assessment and
//! the ZCR 6.4 characteristics of zones and conduits. The threat scenarios are in `risk`.

use super::Rng;
use super::plan::ZonePlan;
use crate::catalog::Catalog;
use crate::model::{
    Characteristics, Fr, RequirementAssessment, Requirements, SlVector, Status, ZoneKind,
};

pub(super) fn zone_sl_t(kind: ZoneKind, rng: &mut Rng) -> Option<SlVector> {
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

/// An assessment of the requirements that apply at `sl_t`, as a workshop leaves it: per FR,
/// everything up to some achieved level is satisfied (met, or compensated / not applicable
/// with a reason), the items above it are partly assessed and partly open.
pub(super) fn assess_some(
    sl_t: SlVector,
    catalog: &Catalog,
    rng: &mut Rng,
    report: &mut u32,
) -> Requirements {
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

pub(super) fn characteristics(plan: &ZonePlan, index: usize, rng: &mut Rng) -> Characteristics {
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
pub(super) fn conduit_characteristics(owner: &str, rng: &mut Rng) -> Characteristics {
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
