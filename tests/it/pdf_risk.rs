//! The risk assessment and the approval in the PDF tender pack, read back with lopdf: the risk
//! matrix, the initial assessment, the register, each element's scenarios and SL-T proposal,
//! and the approval block, "OUTDATED" only when the content or revision changed.

use crate::pdf_text;
use crate::risk_fixture;

use pdf_text::{NONE, pdf_text};
use risk_fixture::{INITIAL, RANSOMWARE, SIS_ATTACK, project};
use zonewright::catalog::Catalog;
use zonewright::model::{Project, SlVector};
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};

fn text(p: &Project, sections: Sections) -> String {
    let options = ExportOptions {
        paper: Paper::A4,
        sections,
        compact: false,
    };
    pdf_text(&export_pdf(p, Catalog::embedded(), &options).expect("export works"))
}

#[test]
fn the_risk_section_has_the_matrix_scales_levels_initial_assessment_and_register() {
    let all = text(&project(), Sections { risk: true, ..NONE });
    for heading in [
        "Risk assessment method",
        "Risk matrix",
        "Risk levels and the SL-T they propose",
        "Likelihood scale",
        "Consequence scale",
        "Consequence categories",
        "Initial risk assessment (ZCR 2, 4)",
        "Risk register (ZCR 5)",
    ] {
        assert!(all.contains(heading), "missing {heading}: {all}");
    }
    // the grid: row 5 Almost certain × column 5 Catastrophic is Critical 25; 1 × 1 Low 1
    assert!(
        all.contains("5 Almost certain Medium 5 High 10 Critical 15 Critical 20 Critical 25"),
        "{all}"
    );
    assert!(all.contains("Critical 25"));
    assert!(
        all.contains("1 Rare Low 1 Low 2 Low 3 Medium 4 Medium 5"),
        "{all}"
    );
    // levels with their proposals, the tolerable threshold
    assert!(
        all.contains("Critical not tolerable (4,4,4,4,4,4,4)"),
        "{all}"
    );
    assert!(all.contains("Medium tolerable (2,2,2,2,2,2,2)"), "{all}");
    assert!(all.contains("The tolerable risk is Medium or lower"));
    assert!(
        all.contains("Expected about once a year"),
        "scale descriptions"
    );
    assert!(all.contains("Health and safety; Environment; Production / financial; Reputation"));
    // initial assessment: 3 × 4 = 12 High
    assert!(all.contains("The worst unmitigated risk is High, above the tolerable risk"));
    assert!(
        all.contains(&format!(
            "{INITIAL} Any attacker – High 12 L3 × C4 no (above Medium)"
        )),
        "{all}"
    );
    // the register: element, scenario, source, vector, unmitigated, residual, tolerable, owner
    assert!(
        all.contains(&format!(
            "Z1 Control network {RANSOMWARE} Criminal group Phishing e-mail High 12 L4 × C3 Medium 6 L2 × C3 yes (planned) Segment the control network (owner OT engineering, planned)"
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "Z2 Safety system {SIS_ATTACK} State actor Engineering station Critical 15 L3 × C5 High 12 L3 × C4 no (above Medium)"
        )),
        "{all}"
    );
    // the title page is not part of this section
    assert!(!all.contains("Asset-owner approval"));
}

#[test]
fn each_element_shows_its_scenarios_and_the_proposed_next_to_the_chosen_sl_t() {
    let all = text(
        &project(),
        Sections {
            details: true,
            ..NONE
        },
    );
    assert!(all.contains("Risk assessment (ZCR 5)"));
    assert!(
        all.contains(
            "SL-T proposed (3,3,3,3,3,3,3) (worst unmitigated risk High) SL-T chosen (2,2,2,2,2,2,2) Below the proposal in IAC, UC, SI, DC, RDF, TRE, RA Rationale none given"
        ),
        "{all}"
    );
    assert!(
        all.contains("Rationale The SIS engineering station is kept offline"),
        "{all}"
    );
    assert!(all.contains("1 scenario(s) above the tolerable risk (Medium or lower)"));
    assert!(
        all.contains(&format!("{RANSOMWARE} Affects: Unit controller")),
        "{all}"
    );
    assert!(all.contains("Criminal group Off-the-shelf ransomware kits"));
    assert!(all.contains("Office firewall"));
    assert!(
        all.contains("No threat scenarios recorded."),
        "the conduit has none"
    );
}

#[test]
fn the_title_page_carries_the_approval_and_says_outdated_only_when_it_is() {
    let p = project();
    let hash = p
        .approval
        .as_ref()
        .map(|a| a.content_hash.clone())
        .expect("approved");
    let title = Sections {
        title: true,
        ..NONE
    };
    let all = text(&p, title);
    assert!(all.contains("Asset-owner approval (ZCR 7.1)"));
    for row in [
        "Approver M. Owner",
        "Role Plant manager",
        "Organisation Acme Refining",
        "Date 2026-11-30",
        "Decision Approved with conditions",
        "Conditions Close the remote access finding",
        "Revision approved B",
    ] {
        assert!(all.contains(row), "missing {row}: {all}");
    }
    // both hashes whole: 64 hex digits each
    assert!(
        all.contains(&format!("Content SHA-256 (document date included) {hash}")),
        "{all}"
    );
    let digest = p
        .approval
        .as_ref()
        .map(|a| a.assessment_hash.clone())
        .unwrap_or_default();
    assert_eq!(digest.len(), 64);
    assert!(
        all.contains(&format!("Assessment result SHA-256 {digest}")),
        "{all}"
    );
    assert!(all.contains(
        "Current — covers this revision, its content and document date, and the assessment result"
    ));
    assert!(!all.contains("OUTDATED"));

    // a higher SL-T: other content, and another result (other gaps)
    let mut changed = project();
    changed.zones[0].sl_t = Some(SlVector::uniform(3));
    let all = text(&changed, title);
    assert!(
        all.contains("OUTDATED — the content and the assessment result have changed"),
        "{all}"
    );
    assert!(!all.contains("Current — covers"));

    let mut redated = project();
    redated.meta.date = "2027-01-05".into();
    let all = text(&redated, title);
    assert!(all.contains("OUTDATED — the content has changed"), "{all}");

    let mut revised = project();
    revised.meta.revision = "C".into();
    let all = text(&revised, title);
    assert!(
        all.contains("OUTDATED — the document revision has changed (approved B, this is C)"),
        "{all}"
    );

    let mut none = project();
    none.approval = None;
    let all = text(&none, title);
    assert!(all.contains("No asset-owner approval is recorded"));
    assert!(!all.contains("OUTDATED"));
}

#[test]
fn the_full_pack_has_the_risk_section_and_the_cli_can_leave_it_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plant = dir.path().join("plant.ron");
    zonewright::file::save(&project(), &plant).expect("saves");
    let out = dir.path().join("pack.pdf");
    let run = |extra: &[&str]| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_zonewright"))
            .args(["export", plant.to_str().expect("utf-8"), "-o"])
            .arg(&out)
            .args(extra)
            .status()
            .expect("runs");
        assert!(status.success());
        pdf_text(&std::fs::read(&out).expect("written"))
    };
    let all = run(&[]);
    assert!(all.contains("Risk register (ZCR 5)"));
    assert!(all.contains("Asset-owner approval (ZCR 7.1)"));
    let all = run(&["--no-risk"]);
    assert!(!all.contains("Risk register (ZCR 5)"));
    assert!(all.contains("Asset-owner approval (ZCR 7.1)"));
    assert!(
        all.contains("Risk assessment (ZCR 5)"),
        "per element, with the details"
    );
}

#[test]
fn a_plant_without_a_risk_assessment_says_so_instead_of_empty_tables() {
    let mut p = project();
    p.risk.initial.clear();
    for z in &mut p.zones {
        z.risk = Default::default();
    }
    let all = text(
        &p,
        Sections {
            risk: true,
            details: true,
            ..NONE
        },
    );
    assert!(
        all.contains("No worst-case scenarios are recorded"),
        "{all}"
    );
    assert!(all.contains("No zone or conduit has a threat scenario yet."));
    assert!(
        all.contains("SL-T proposed — (no threat scenario)"),
        "{all}"
    );
    assert!(!all.contains(RANSOMWARE));
    // the matrix is still there: it is the method, not the result
    assert!(all.contains("Risk matrix"));
}
