//! Bulk plans on a hand-made catalog of six requirements, counts worked out by hand.

use super::*;
use crate::catalog::{Catalog, Requirement};
use crate::edit::History;
use crate::model::{Asset, Conduit, ConduitId, Rect, Zone};

fn req(id: &str, fr: Fr, level: u8) -> Requirement {
    Requirement {
        id: id.into(),
        fr,
        title: id.into(),
        level,
        explanation: "x".into(),
    }
}

/// FR 1: levels 1, 2, 2, 3; FR 5: levels 1, 2.
fn catalog() -> Catalog {
    Catalog::new(
        vec![
            req("SR 1.1", Fr::Iac, 1),
            req("SR 1.1 RE 1", Fr::Iac, 2),
            req("SR 1.2", Fr::Iac, 2),
            req("SR 1.1 RE 2", Fr::Iac, 3),
            req("SR 5.1", Fr::Rdf, 1),
            req("SR 5.1 RE 1", Fr::Rdf, 2),
        ],
        Vec::new(),
        Vec::new(),
    )
}

fn zone(id: u32, name: &str, sl: Option<u8>) -> Zone {
    let mut z = Zone::new(
        ZoneId(id),
        name,
        ZoneKind::Control,
        Rect::new(id as f32 * 400.0, 0.0, 300.0, 200.0),
    );
    z.sl_t = sl.map(SlVector::uniform);
    z
}

/// BPCS (SL-T 3, one asset), DMZ (SL-T 1), Office (no SL-T), a conduit BPCS – DMZ.
fn plant() -> Project {
    let mut p = Project::default();
    let mut bpcs = zone(1, "BPCS", Some(3));
    bpcs.assets.push(Asset::new(AssetId(10), "PLC 1", "plc"));
    bpcs.assets.push(Asset::new(AssetId(11), "PLC 2", "plc"));
    p.zones.push(bpcs);
    p.zones.push(zone(2, "DMZ", Some(1)));
    p.zones.push(zone(3, "Office", None));
    p.conduits.push(Conduit::new(
        ConduitId(1),
        "BPCS – DMZ",
        ZoneId(1),
        ZoneId(2),
    ));
    p
}

/// Plans, applies as one step, checks that one undo restores the project; returns the plan
/// and the project after it.
fn run(action: BulkAction, p: &Project) -> (Plan, Project) {
    let plan = plan_bulk(&action, p, &catalog()).expect("a plan");
    let mut after = p.clone();
    let mut h = History::default();
    h.apply(&mut after, plan.label.clone(), plan.edit.clone())
        .expect("applies");
    let mut undone = after.clone();
    assert!(h.undo(&mut undone).expect("undo"));
    assert_eq!(undone, *p, "one undo step restores the project");
    (plan, after)
}

fn status(p: &Project, zone: u32, id: &str) -> Status {
    p.zone(ZoneId(zone))
        .and_then(|z| z.requirements.get(id))
        .map_or(Status::NotAssessed, |r| r.status)
}

#[test]
fn sl_t_of_several_zones_is_one_step_named_by_count() {
    let p = plant();
    let ids = vec![ZoneId(1), ZoneId(2), ZoneId(3)];
    let (plan, after) = run(
        BulkAction::Zones {
            ids: ids.clone(),
            change: ZoneChange::SlT(Some(SlVector::uniform(2))),
        },
        &p,
    );
    assert_eq!(plan.label, "Set SL-T of 3 zones to (2,…)");
    assert!(
        after
            .zones
            .iter()
            .all(|z| z.sl_t == Some(SlVector::uniform(2)))
    );
    // one FR only: the office starts from its kind's default, BPCS keeps its other FRs
    let (plan, after) = run(
        BulkAction::Zones {
            ids: ids.clone(),
            change: ZoneChange::SlTFr(Fr::Rdf, 1),
        },
        &p,
    );
    // the DMZ has SL-T 1 already: two zones change
    assert_eq!(plan.label, "Set RDF SL-T of 2 zones to 1");
    let bpcs = after.zone(ZoneId(1)).and_then(|z| z.sl_t).expect("SL-T");
    assert_eq!(bpcs.get(Fr::Rdf), 1);
    assert_eq!(bpcs.get(Fr::Iac), 3);
    assert!(after.zone(ZoneId(3)).is_some_and(|z| z.sl_t.is_some()));
    // zones that already have the value are not counted
    let (plan, _) = run(
        BulkAction::Zones {
            ids,
            change: ZoneChange::Organisation("OT operations".into()),
        },
        &p,
    );
    assert_eq!(plan.label, "Set accountable organisation of 3 zones");
    let same = plan_bulk(
        &BulkAction::Zones {
            ids: vec![ZoneId(2)],
            change: ZoneChange::SlT(Some(SlVector::uniform(1))),
        },
        &p,
        &catalog(),
    );
    assert_eq!(same, Err(NoPlan::Nothing));
}

#[test]
fn assets_get_one_vendor_and_move_to_a_zone_together() {
    let p = plant();
    let ids = vec![AssetId(10), AssetId(11)];
    let (plan, after) = run(
        BulkAction::Assets {
            ids: ids.clone(),
            change: AssetChange::Vendor("Siemens".into()),
        },
        &p,
    );
    assert_eq!(plan.label, "Set vendor of 2 assets");
    assert!(after.zones[0].assets.iter().all(|a| a.vendor == "Siemens"));
    let (plan, after) = run(
        BulkAction::Assets {
            ids,
            change: AssetChange::Zone(ZoneId(2)),
        },
        &p,
    );
    assert_eq!(plan.label, "Move 2 assets to zone DMZ");
    assert!(after.zones[0].assets.is_empty());
    assert_eq!(after.zones[1].assets.len(), 2);
    let (plan, _) = run(
        BulkAction::Assets {
            ids: vec![AssetId(10)],
            change: AssetChange::Criticality(Criticality::High),
        },
        &p,
    );
    assert_eq!(plan.label, "Set criticality of 1 asset to High");
}

#[test]
fn status_of_many_items_is_one_step_and_counts_only_changes() {
    let mut p = plant();
    p.zones[0].requirements.insert(
        "SR 1.1".into(),
        RequirementAssessment {
            status: Status::Met,
            ..Default::default()
        },
    );
    let ids: Vec<String> = ["SR 1.1", "SR 1.2", "SR 5.1"].map(String::from).to_vec();
    let (plan, after) = run(
        BulkAction::Requirements {
            target: ElementRef::Zone(ZoneId(1)),
            ids: ids.clone(),
            change: RequirementChange::Status(Status::Met),
        },
        &p,
    );
    assert_eq!(plan.label, "Set 2 items of zone BPCS to met");
    assert_eq!(status(&after, 1, "SR 5.1"), Status::Met);
    let (plan, after) = run(
        BulkAction::Requirements {
            target: ElementRef::Zone(ZoneId(1)),
            ids,
            change: RequirementChange::Evidence("FAT report 7".into()),
        },
        &p,
    );
    assert_eq!(plan.label, "Set the evidence of 3 items of zone BPCS");
    assert_eq!(
        after.zones[0].requirements["SR 1.2"].evidence,
        "FAT report 7"
    );
}

#[test]
fn everything_up_to_a_level_is_met_except_what_already_counts() {
    let mut p = plant();
    // SR 1.1 already met: up to SL 2 at SL-T 3 leaves SR 1.1 RE 1, SR 1.2, SR 5.1, SR 5.1 RE 1
    p.zones[0].requirements.insert(
        "SR 1.1".into(),
        RequirementAssessment {
            status: Status::Met,
            ..Default::default()
        },
    );
    // not applicable without a reason does not count: it becomes met
    p.zones[0].requirements.insert(
        "SR 5.1".into(),
        RequirementAssessment {
            status: Status::NotApplicable,
            ..Default::default()
        },
    );
    let bpcs = ElementRef::Zone(ZoneId(1));
    assert_eq!(met_up_to_count(&p, &catalog(), bpcs, 2), 4);
    let (plan, after) = run(
        BulkAction::MetUpTo {
            target: bpcs,
            level: 2,
        },
        &p,
    );
    assert_eq!(plan.label, "Mark 4 items of zone BPCS met (up to SL 2)");
    assert_eq!(status(&after, 1, "SR 5.1"), Status::Met);
    assert_eq!(
        status(&after, 1, "SR 1.1 RE 2"),
        Status::NotAssessed,
        "SL 3 item"
    );
    // the DMZ has SL-T 1: only the two level-1 items apply even when asked for SL 4
    assert_eq!(
        met_up_to_count(&p, &catalog(), ElementRef::Zone(ZoneId(2)), 4),
        2
    );
    // the conduit takes the element-wise maximum of its zones: SL-T 3, all five up to SL 2
    assert_eq!(
        met_up_to_count(&p, &catalog(), ElementRef::Conduit(ConduitId(1)), 2),
        5
    );
    // no SL-T: refused with a reason
    let office = plan_bulk(
        &BulkAction::MetUpTo {
            target: ElementRef::Zone(ZoneId(3)),
            level: 1,
        },
        &p,
        &catalog(),
    );
    assert!(matches!(office, Err(NoPlan::Refused(_))));
    // nothing left to do
    let done = plan_bulk(
        &BulkAction::MetUpTo {
            target: bpcs,
            level: 2,
        },
        &after,
        &catalog(),
    );
    assert!(matches!(done, Err(NoPlan::Refused(_))));
}

#[test]
fn copying_an_assessment_skips_and_counts_what_does_not_apply() {
    let mut p = plant();
    for (id, s) in [
        ("SR 1.1", Status::Met),
        ("SR 1.2", Status::NotMet),
        ("SR 1.1 RE 2", Status::Met),
        ("SR 5.1", Status::Met),
    ] {
        p.zones[0].requirements.insert(
            id.into(),
            RequirementAssessment {
                status: s,
                evidence: "doc".into(),
                ..Default::default()
            },
        );
    }
    let to = vec![
        ElementRef::Zone(ZoneId(2)),
        ElementRef::Zone(ZoneId(3)),
        ElementRef::Zone(ZoneId(1)),
    ];
    // DMZ (SL-T 1): SR 1.1 and SR 5.1 copied, SR 1.2 and SR 1.1 RE 2 skipped; Office (no
    // SL-T): all 4 skipped; the source itself is left out
    let (counts, _) = copy_assessment_plan(&p, &catalog(), ElementRef::Zone(ZoneId(1)), &to);
    assert_eq!(
        counts,
        CopyCounts {
            copied: 2,
            skipped: 6
        }
    );
    let (plan, after) = run(
        BulkAction::CopyAssessment {
            from: ElementRef::Zone(ZoneId(1)),
            to,
        },
        &p,
    );
    assert_eq!(
        plan.label,
        "Copy assessment of zone BPCS to 2 elements (2 items copied, 6 skipped)"
    );
    assert_eq!(status(&after, 2, "SR 5.1"), Status::Met);
    assert_eq!(status(&after, 2, "SR 1.2"), Status::NotAssessed);
    assert!(
        after
            .zone(ZoneId(3))
            .is_some_and(|z| z.requirements.is_empty())
    );
}
