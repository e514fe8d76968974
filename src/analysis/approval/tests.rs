//! Hand-computed cases of what an approval covers: content (document date included), revision,
//! assessment result; approvals of earlier versions.

use super::*;
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::{Asset, AssetId, Rect, SlVector, Zone, ZoneId, ZoneKind};

fn plant() -> Project {
    let mut p = Project::default();
    p.meta.revision = "B".into();
    p.meta.date = "2026-03-01".into();
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 100.0),
    );
    z.sl_t = Some(SlVector::uniform(2));
    z.assets.push(Asset::new(AssetId(1), "PLC", "plc"));
    p.zones.push(z);
    p
}

fn approve(p: &mut Project, decision: Decision) {
    let base = Approval {
        approver: "M. Owner".into(),
        decision,
        ..Default::default()
    };
    p.approval = Some(record(p, Catalog::embedded(), base));
}

fn state(p: &Project) -> ApprovalState {
    assess(p, Catalog::embedded()).risk.approval
}

fn outdated(content: bool, revision: bool, result: bool, legacy: bool) -> ApprovalState {
    ApprovalState::Outdated {
        decision: Decision::ApprovedWithConditions,
        content_changed: content,
        revision_changed: revision,
        result_changed: result,
        legacy,
    }
}

#[test]
fn a_recorded_approval_is_current_and_its_hashes_are_whole() {
    let mut p = plant();
    approve(&mut p, Decision::ApprovedWithConditions);
    let a = p.approval.clone().unwrap_or_default();
    assert_eq!(a.revision, "B");
    assert_eq!(a.content_hash.len(), 64);
    assert_eq!(a.assessment_hash.len(), 64);
    assert_eq!(
        state(&p),
        ApprovalState::Current {
            decision: Decision::ApprovedWithConditions
        }
    );
    // moving a box changes nothing it covers
    p.zones[0].rect.x = 500.0;
    assert!(matches!(state(&p), ApprovalState::Current { .. }));
}

#[test]
fn the_document_date_is_part_of_the_content() {
    let mut p = plant();
    approve(&mut p, Decision::ApprovedWithConditions);
    p.meta.date = "2026-04-01".into();
    // no certificate here: the result is the same, only the content changed
    assert_eq!(state(&p), outdated(true, false, false, false));
    let f = assess(&p, Catalog::embedded())
        .findings
        .into_iter()
        .find(|f| f.code == FindingCode::ApprovalOutdated)
        .map(|f| f.message)
        .unwrap_or_default();
    assert_eq!(
        f,
        "The approval by M. Owner of revision B is outdated: the content has changed since."
    );
}

#[test]
fn a_changed_result_with_the_same_content_is_outdated() {
    let mut p = plant();
    approve(&mut p, Decision::ApprovedWithConditions);
    // what a corrected rule in a newer program would do: the same file, another digest
    if let Some(a) = &mut p.approval {
        a.assessment_hash = "0".repeat(64);
    }
    assert_eq!(state(&p), outdated(false, false, true, false));
    assert_eq!(
        state(&p).why_outdated().as_deref(),
        Some("the assessment result has changed")
    );
    // the digest itself follows the result: a lower SL-T changes gaps and codes
    let before = assess(&p, Catalog::embedded()).risk.assessment_hash;
    p.zones[0].sl_t = Some(SlVector::uniform(1));
    let after = assess(&p, Catalog::embedded()).risk.assessment_hash;
    assert_ne!(before, after);
    assert_eq!(state(&p), outdated(true, false, true, false));
    assert_eq!(
        state(&p).why_outdated().as_deref(),
        Some("the content and the assessment result have changed")
    );
    p.meta.revision = "C".into();
    assert_eq!(
        state(&p).why_outdated().as_deref(),
        Some("the content, the document revision and the assessment result have changed")
    );
}

#[test]
fn an_approval_of_an_earlier_version_is_outdated_and_says_why() {
    let mut p = plant();
    p.approval = Some(Approval {
        approver: "M. Owner".into(),
        decision: Decision::ApprovedWithConditions,
        revision: "B".into(),
        content_hash: legacy_content_hash(&p),
        ..Default::default()
    });
    assert_eq!(state(&p), outdated(false, false, false, true));
    p.zones[0].name = "BPCS north".into();
    assert_eq!(state(&p), outdated(true, false, false, true));
    assert_eq!(
        state(&p).why_outdated().as_deref(),
        Some(
            "it was recorded by an earlier zonewright and covers neither the document date nor the assessment result, and the content has changed"
        )
    );
}

#[test]
fn a_rejection_of_the_current_revision_is_a_warning() {
    let mut p = plant();
    approve(&mut p, Decision::Rejected);
    let codes: Vec<FindingCode> = assess(&p, Catalog::embedded())
        .findings
        .iter()
        .map(|f| f.code)
        .filter(|c| {
            matches!(
                c,
                FindingCode::ApprovalOutdated | FindingCode::ApprovalRejected
            )
        })
        .collect();
    assert_eq!(codes, vec![FindingCode::ApprovalRejected]);
    p.approval = None;
    assert_eq!(state(&p), ApprovalState::None);
}
