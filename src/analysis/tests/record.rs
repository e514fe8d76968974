//! Hand-computed cases for the records of the risk assessment (issue 23 items 9, 10): who
//! assessed an element, when and against which method; the likelihood's rationale; the threat
//! source a scenario picks; the acceptance of a residual risk, above the tolerable only
//! explicitly and with a justification.

use super::*;
use crate::model::{Acceptance, ThreatScenario, ThreatSource};

fn of(p: &Project, code: FindingCode) -> Vec<Finding> {
    assess(p, &catalog())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

/// 4 × 5 = 20 Critical unmitigated; residual likelihood 3 × 5 = 15, Critical: intolerable.
fn intolerable() -> ThreatScenario {
    ThreatScenario {
        title: "Remote access abuse".into(),
        likelihood: 4,
        consequence: vec![5],
        residual_likelihood: 3,
        likelihood_rationale: "Vendor access used weekly".into(),
        ..Default::default()
    }
}

fn acceptance() -> Acceptance {
    Acceptance {
        by: "J. de Vries".into(),
        role: "Plant manager".into(),
        date: "2026-03-10".into(),
        justification:
            "SIS replaced in the 2027 turnaround; until then the vendor session is supervised"
                .into(),
    }
}

#[test]
fn the_baseline_has_no_record_findings() {
    assert_eq!(codes(&clean()), vec![]);
}

#[test]
fn an_intolerable_residual_accepted_with_a_justification_is_a_warning_of_its_own() {
    let mut p = clean();
    p.zones[0].risk.scenarios[0] = intolerable();
    // 20 Critical proposes SL-T 4; the zone keeps 2 for a reason (not what this test is about)
    p.zones[0].risk.sl_t_rationale = "Accepted with the residual".into();
    // not accepted: the error
    assert_eq!(codes(&p), vec![FindingCode::RiskResidualIntolerable]);
    // accepted without a justification: still the error, saying what the acceptance lacks
    p.zones[0].risk.scenarios[0].acceptance = Some(Acceptance {
        justification: " ".into(),
        ..acceptance()
    });
    assert_eq!(codes(&p), vec![FindingCode::RiskResidualIntolerable]);
    let f = of(&p, FindingCode::RiskResidualIntolerable);
    assert!(
        f[0].message
            .ends_with("Its acceptance does not count: it lacks justification."),
        "{}",
        f[0].message
    );
    // an unreadable date does not count either
    p.zones[0].risk.scenarios[0].acceptance = Some(Acceptance {
        date: "10.03.2026".into(),
        ..acceptance()
    });
    assert_eq!(codes(&p), vec![FindingCode::RiskResidualIntolerable]);
    // complete: RISK-ACCEPTED-INTOLERABLE, a warning, and the scenario stays intolerable
    p.zones[0].risk.scenarios[0].acceptance = Some(acceptance());
    assert_eq!(codes(&p), vec![FindingCode::RiskAcceptedIntolerable]);
    let a = assess(&p, &catalog());
    assert_eq!(a.error_count(), 0);
    assert_eq!(
        FindingCode::RiskAcceptedIntolerable.severity(),
        FindingSeverity::Warning
    );
    let e = &a.zones[0].risk;
    assert_eq!((e.intolerable, e.accepted_intolerable), (1, 1));
    assert!(e.scenarios[0].accepted_although_intolerable);
    assert_eq!(e.scenarios[0].residual.map(|r| r.score), Some(15));
    let f = of(&p, FindingCode::RiskAcceptedIntolerable);
    assert_eq!(
        f[0].message,
        "The residual risk of \"Remote access abuse\" in \"Control\" is Critical (score 15), above the tolerable risk (Medium or lower), and accepted although intolerable by J. de Vries (Plant manager), 2026-03-10: SIS replaced in the 2027 turnaround; until then the vendor session is supervised."
    );
}

#[test]
fn an_acceptance_of_a_tolerable_residual_needs_no_justification_but_a_name_role_and_date() {
    let mut p = clean();
    // 1 × 3 = 3 Low: tolerable
    p.zones[0].risk.scenarios[0].acceptance = Some(Acceptance {
        justification: String::new(),
        ..acceptance()
    });
    assert_eq!(codes(&p), vec![]);
    p.zones[0].risk.scenarios[0].acceptance = Some(Acceptance {
        role: String::new(),
        date: "2026-02-30".into(),
        ..acceptance()
    });
    let f = of(&p, FindingCode::RiskAcceptanceIncomplete);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "The acceptance of the residual risk of \"Malware on a laptop\" of \"Control\" lacks role, readable date (YYYY-MM-DD)."
    );
    assert!(!assess(&p, &catalog()).zones[0].risk.scenarios[0].accepted_although_intolerable);
    // an acceptance with nothing filled in is no acceptance (and no finding)
    p.zones[0].risk.scenarios[0].acceptance = Some(Acceptance::default());
    assert_eq!(codes(&p), vec![]);
}

#[test]
fn an_element_with_scenarios_needs_assessors_a_date_and_the_method_version() {
    let mut p = clean();
    p.zones[1].risk.record = Default::default();
    assert_eq!(codes(&p), vec![FindingCode::RiskRecordIncomplete]);
    let f = of(&p, FindingCode::RiskRecordIncomplete);
    assert_eq!(f[0].element, ElementRef::Zone(ZoneId(2)));
    assert_eq!(
        f[0].message,
        "Zone \"DMZ\" has threat scenarios, but its assessment record lacks who assessed it (assessors by name and role, or the workshop); the date of the assessment; the version of the method document it followed."
    );
    // a workshop names who assessed it; an unreadable date is named
    p.zones[1].risk.record.workshop = "Risk workshop: operations, maintenance, OT security".into();
    p.zones[1].risk.record.date = "2026-13-01".into();
    p.zones[1].risk.record.method_version = "3".into();
    let f = of(&p, FindingCode::RiskRecordIncomplete);
    assert!(
        f[0].message
            .ends_with("lacks a readable date (\"2026-13-01\" is not a calendar date YYYY-MM-DD)."),
        "{}",
        f[0].message
    );
    p.zones[1].risk.record.date = "2026-03-02".into();
    assert_eq!(codes(&p), vec![]);
    // an element without scenarios needs no record (RISK-NONE says what is missing)
    p.zones[1].risk = Default::default();
    assert_eq!(codes(&p), vec![FindingCode::RiskNoScenario]);
}

#[test]
fn an_element_assessed_against_another_method_version_is_noted() {
    let mut p = clean();
    p.conduits[2].risk.record.method_version = "2".into();
    let f = of(&p, FindingCode::RiskMethodVersion);
    assert_eq!(codes(&p), vec![FindingCode::RiskMethodVersion]);
    assert_eq!(f[0].element, ElementRef::Conduit(ConduitId(3)));
    assert_eq!(
        f[0].message,
        "Conduit \"C-SIS\" was assessed against method version 2, but the project's method is version 3."
    );
    // " 3 " is version 3
    p.conduits[2].risk.record.method_version = " 3 ".into();
    assert_eq!(codes(&p), vec![]);
}

#[test]
fn scenarios_need_a_method_document_with_a_version() {
    let mut p = clean();
    p.risk.method.version = String::new();
    // the elements' "3" is no longer compared (nothing to compare with)
    assert_eq!(codes(&p), vec![FindingCode::RiskMethodMissing]);
    let f = of(&p, FindingCode::RiskMethodMissing);
    assert_eq!(f[0].element, ElementRef::Project);
    assert!(
        f[0].message.contains("without a version"),
        "{}",
        f[0].message
    );
    p.risk.method = Default::default();
    assert!(
        of(&p, FindingCode::RiskMethodMissing)[0]
            .message
            .contains("names no method document")
    );
    // no scenario anywhere: no method needed
    let mut bare = clean_without_risk();
    bare.risk.method = Default::default();
    assert!(of(&bare, FindingCode::RiskMethodMissing).is_empty());
}

#[test]
fn a_rated_likelihood_without_a_reason_is_noted_once_per_element() {
    let mut p = clean();
    p.zones[0].risk.scenarios[0].likelihood_rationale = "  ".into();
    let mut second = low_scenario("USB stick");
    second.likelihood_rationale = String::new();
    p.zones[0].risk.scenarios.push(second);
    // an unrated likelihood has nothing to explain (RISK-UNRATED covers it)
    let mut unrated = low_scenario("Unrated");
    unrated.likelihood = 0;
    unrated.likelihood_rationale = String::new();
    p.zones[0].risk.scenarios.push(unrated);
    let f = of(&p, FindingCode::RiskLikelihoodNoRationale);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, FindingSeverity::Info);
    assert_eq!(
        f[0].message,
        "2 threat scenarios of \"Control\" give no reason for the likelihood: \"Malware on a laptop\", \"USB stick\"."
    );
}

#[test]
fn a_scenario_picks_a_listed_threat_source() {
    let mut p = clean();
    p.risk.threat_sources = vec![ThreatSource {
        id: 4,
        source: "Criminal group (ransomware)".into(),
        capability: "Commodity tools, bought access".into(),
        motivation: "Extortion".into(),
        in_scope: true,
    }];
    p.zones[0].risk.scenarios[0].source = 4;
    assert_eq!(codes(&p), vec![]);
    assert_eq!(
        p.risk.source_text(&p.zones[0].risk.scenarios[0]),
        "Criminal group (ransomware)"
    );
    p.risk.initial[0].source = 7;
    let f = of(&p, FindingCode::RiskSourceUnknown);
    assert_eq!(codes(&p), vec![FindingCode::RiskSourceUnknown]);
    assert_eq!(f[0].element, ElementRef::Project);
    assert_eq!(
        f[0].message,
        "Threat scenario \"Worst case for the plant\" of the initial assessment names threat source 7, which is not in the project's list."
    );
    assert_eq!(p.risk.next_threat_source_id(), 5);
}
