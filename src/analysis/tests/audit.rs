//! Hand-computed cases for the third audit round (issue 23): residual risk per category and in
//! two steps, residual above the tolerable always an error, certificates only on checkable
//! dates, safety zones of every kind, blank data flows, the "compensated" SL-C source.

use super::*;
use crate::analysis::components::SlCSource;
use crate::model::component::{Certificate, DateProblem, Validity};
use crate::model::{Countermeasure, DataFlow, MeasureStatus, RiskMatrix, ThreatScenario};

fn findings_of(p: &Project, code: FindingCode) -> Vec<Finding> {
    assess(p, &catalog())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn scenario(l: u8, c: &[u8], rl: u8, rc: &[u8]) -> ThreatScenario {
    ThreatScenario {
        title: "Ransomware".into(),
        likelihood: l,
        consequence: c.to_vec(),
        residual_likelihood: rl,
        residual_consequence: rc.to_vec(),
        ..Default::default()
    }
}

// --- 1. residual consequence per category ---------------------------------------------------

#[test]
fn an_unrated_residual_category_keeps_its_unmitigated_consequence() {
    let m = RiskMatrix::default();
    // likelihood 3, consequences (1, 1, 5, 1), only H&S re-rated to 1, likelihood not re-rated:
    // per category (1, 1, 5, 1) → worst 5; 3 × 5 = 15 → Critical (level 3), not tolerable.
    // (The old all-or-nothing rule took (1) → 3 × 1 = 3 Low.)
    let r = risk::scenario_risk(&m, &scenario(3, &[1, 1, 5, 1], 0, &[1]));
    let res = r.residual.unwrap_or_else(|| panic!("rated"));
    assert_eq!(
        (res.likelihood, res.consequence, res.score, res.level),
        (3, 5, 15, 3)
    );
    assert!(!res.tolerable);
    // re-rating production to 2 as well: (1, 1, 2, 1) → 3 × 2 = 6, Medium, tolerable
    let r = risk::scenario_risk(&m, &scenario(3, &[1, 1, 5, 1], 0, &[1, 0, 2]));
    let res = r.residual.unwrap_or_else(|| panic!("rated"));
    assert_eq!((res.score, res.level, res.tolerable), (6, 1, true));
    // an unrated residual likelihood keeps the unmitigated one: 4 × (1,1,2,1) = 8 Medium
    let r = risk::scenario_risk(&m, &scenario(4, &[1, 1, 5, 1], 0, &[1, 0, 2]));
    assert_eq!(r.residual.map(|r| r.score), Some(8));
}

#[test]
fn the_residual_in_two_steps_carries_each_category_forward() {
    let m = RiskMatrix::default();
    // unmitigated: L4 × (2, 4, 5) = 20 Critical
    // after existing: L3 (re-rated) × (2, 3 re-rated, 5 kept) = 15 Critical
    // final: L3 kept × (2, 3 kept, 2 re-rated) = 9 High
    let s = ThreatScenario {
        likelihood: 4,
        consequence: vec![2, 4, 5],
        existing_likelihood: 3,
        existing_consequence: vec![0, 3],
        residual_consequence: vec![0, 0, 2],
        ..Default::default()
    };
    let r = risk::scenario_risk(&m, &s);
    assert_eq!(r.unmitigated.map(|r| (r.score, r.level)), Some((20, 3)));
    assert_eq!(r.after_existing.map(|r| (r.score, r.level)), Some((15, 3)));
    assert_eq!(r.residual.map(|r| (r.score, r.level)), Some((9, 2)));
    assert_eq!(s.consequence_after_existing(), vec![2, 3, 5]);
    assert_eq!(s.consequence_after_all(), vec![2, 3, 2]);
}

// --- 2. a residual above the tolerable is always an error -----------------------------------

#[test]
fn an_intolerable_residual_is_an_error_also_when_the_unmitigated_risk_is_unrated() {
    // zone 1: no unmitigated likelihood or consequence, residual 5 × 5 = 25 Critical
    let mut p = clean();
    p.zones[0].risk.scenarios = vec![scenario(0, &[], 5, &[5])];
    let a = assess(&p, &catalog());
    let codes: Vec<FindingCode> = a
        .findings
        .iter()
        .filter(|f| f.element == ElementRef::Zone(ZoneId(1)))
        .map(|f| f.code)
        .collect();
    assert_eq!(
        codes,
        vec![
            FindingCode::RiskUnrated,
            FindingCode::RiskResidualIntolerable
        ]
    );
    assert_eq!(a.zones[0].risk.intolerable, 1);
    assert_eq!(a.error_count(), 1);
    let f = findings_of(&p, FindingCode::RiskResidualIntolerable);
    assert!(
        f[0].message.contains("Critical (score 25)"),
        "{}",
        f[0].message
    );
}

// --- 3. certificates only on checkable dates ------------------------------------------------

fn certified(issued: &str, until: &str, date: &str) -> Project {
    let mut p = clean();
    p.meta.date = date.into();
    // the SIS PLC (typical SL-C 2) with a certificate for SL 3
    p.zones[3].assets[0].certificate = Some(Certificate {
        number: "CB-7".into(),
        issued: issued.into(),
        valid_until: until.into(),
        sl_c: SlVector::uniform(3),
        ..Certificate::default()
    });
    p
}

#[test]
fn a_certificate_counts_only_between_its_real_issue_and_expiry_dates() {
    let p = certified("2025-01-15", "2028-01-14", "2026-03-01");
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[3].sl_c, [Some(3); 7]);
    assert_eq!(a.zones[3].sl_c_source, [Some(SlCSource::Certificate); 7]);
    assert!(findings_of(&p, FindingCode::CertificateDate).is_empty());
    // each case: (issued, valid until, document date, problem)
    let cases = [
        (
            "30.04.2026",
            "2028-01-14",
            "2026-06-01",
            DateProblem::IssuedUnreadable,
        ),
        (
            "2025-01-15",
            "2026-02-31",
            "2026-01-01",
            DateProblem::ExpiryUnreadable,
        ),
        (
            "2026-04-01",
            "2028-01-14",
            "2026-03-01",
            DateProblem::NotYetIssued,
        ),
        (
            "2027-01-01",
            "2026-12-31",
            "2026-03-01",
            DateProblem::IssuedAfterExpiry,
        ),
        (
            "2017-01-01",
            "2020-01-01",
            "",
            DateProblem::NoAssessmentDate,
        ),
    ];
    for (issued, until, date, problem) in cases {
        let p = certified(issued, until, date);
        let a = assess(&p, &catalog());
        // not counted: the typical SL-C 2 of the safety PLC
        assert_eq!(a.zones[3].sl_c, [Some(2); 7], "{issued} {until} {date}");
        assert_eq!(a.zones[3].sl_c_source, [Some(SlCSource::Typical); 7]);
        assert_eq!(
            a.asset(AssetId(5)).and_then(|c| c.certificate),
            Some(Validity::Unchecked(problem))
        );
        let f = findings_of(&p, FindingCode::CertificateDate);
        assert_eq!(f.len(), 1, "{issued} {until} {date}");
        assert_eq!(f[0].element, ElementRef::Asset(AssetId(5)));
        assert_eq!(f[0].severity, FindingSeverity::Warning);
        assert_eq!(f[0].code.code(), "SLC-CERT-DATE");
    }
    let f = findings_of(
        &certified("30.04.2026", "2028-01-14", "2026-06-01"),
        FindingCode::CertificateDate,
    );
    assert_eq!(
        f[0].message,
        "The IEC 62443-4-2 certificate CB-7 of asset \"A5\" does not count: its issue date \"30.04.2026\" is not a calendar date YYYY-MM-DD; its SL-C comes from typical default instead."
    );
    // an expired certificate keeps its own code
    let p = certified("2020-01-01", "2025-12-31", "2026-03-01");
    assert_eq!(findings_of(&p, FindingCode::CertificateExpired).len(), 1);
    assert!(findings_of(&p, FindingCode::CertificateDate).is_empty());
}

// --- 4. safety zones whatever their kind ----------------------------------------------------

#[test]
fn a_safety_plc_in_an_enterprise_zone_is_an_exposed_safety_zone() {
    // zone 5 "Plant IT", kind Enterprise, holding only a safety PLC, wired to the Office
    // (zone 3, Enterprise) by a two-way conduit: data from the Office reaches it directly.
    let mut p = clean();
    p.zones.push(zone(
        5,
        "Plant IT",
        ZoneKind::Enterprise,
        3,
        vec![asset(6, "safety_plc")],
    ));
    p.zones[4].characteristics = described();
    p.zones[4].risk.scenarios.push(low_scenario("x"));
    let mut c = documented_conduit(4, "Office-Plant IT", 3, 5);
    c.characteristics = described();
    c.flows = p.conduits[0].flows.clone();
    c.risk.scenarios.push(low_scenario("y"));
    p.conduits.push(c);
    let a = assess(&p, &catalog());
    assert_eq!(a.untrusted_paths, vec![vec![ZoneId(3), ZoneId(5)]]);
    let f = findings_of(&p, FindingCode::UntrustedPathToSafety);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Zone(ZoneId(5)));
    assert_eq!(
        f[0].message,
        "Data from untrusted zone \"Office\" can reach safety zone \"Plant IT\" without passing a DMZ: Office → Plant IT."
    );
    // without the conduit it is still untrusted itself: the zone alone is the path
    p.conduits.pop();
    assert_eq!(
        untrusted_paths_to_safety(&p, &catalog()),
        vec![vec![ZoneId(5)]]
    );
    let f = findings_of(&p, FindingCode::UntrustedPathToSafety);
    assert_eq!(
        f[0].message,
        "Safety zone \"Plant IT\" is itself an untrusted zone (kind Enterprise): whatever reaches it comes from an untrusted zone without passing a DMZ."
    );
    // an External zone with a safety PLC, reached only from itself through a control zone,
    // is reported alone (no loop through itself)
    p.zones[4].kind = ZoneKind::External;
    let mut c = documented_conduit(5, "Plant IT-Control", 5, 1);
    c.characteristics = described();
    p.conduits.push(c);
    let paths = untrusted_paths_to_safety(&p, &catalog());
    assert!(paths.contains(&vec![ZoneId(5)]), "{paths:?}");
}

// --- 5. a data flow whose fields are all blank is no data flow -----------------------------

#[test]
fn a_conduit_whose_flows_are_all_blank_has_no_data_flow() {
    let mut p = clean();
    p.conduits[0].flows = vec![
        DataFlow::default(),
        DataFlow {
            protocol: "  ".into(),
            port_text: "\t".into(),
            initiator_text: "\n".into(),
            justification: " ".into(),
            ..DataFlow::between(ZoneId(1), ZoneId(2))
        },
    ];
    let f = findings_of(&p, FindingCode::CrsIncomplete);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Conduit(ConduitId(1)));
    assert_eq!(
        f[0].message,
        "Conduit \"C-DMZ\" has empty ZCR 6.4 characteristics: h) Data flows."
    );
    // one field written is a data flow
    p.conduits[0].flows[1].ports = vec![crate::model::PortRange::one(502)];
    assert!(findings_of(&p, FindingCode::CrsIncomplete).is_empty());
}

// --- 6. an SL-C raised by a compensation shows "compensated" -------------------------------

#[test]
fn an_sl_c_raised_by_a_compensation_has_the_source_compensated() {
    // zone 1: PLC (2,1,2,1,2,1,1) and switch (1,…) → SL-C 1 everywhere, typical default.
    // A justified compensation of (2,2,0,0,0,0,0) raises IAC and UC to 2; the others stay.
    let mut p = clean();
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([2, 2, 0, 0, 0, 0, 0]),
        justification: "Host firewall on every PLC".into(),
    });
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].sl_c, [2, 2, 1, 1, 1, 1, 1].map(Some));
    let c = Some(SlCSource::Compensated);
    let t = Some(SlCSource::Typical);
    assert_eq!(a.zones[0].sl_c_source, [c, c, t, t, t, t, t]);
    assert_eq!(SlCSource::Compensated.label(), "compensated");
    // a compensation at or below the components raises nothing and names no source
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([1, 0, 0, 0, 0, 0, 0]),
        justification: "Host firewall on every PLC".into(),
    });
    assert_eq!(assess(&p, &catalog()).zones[0].sl_c_source, [t; 7]);
}

// --- 8. residual risk relying on planned countermeasures ------------------------------------

fn planned(measure: &str, due: &str, status: MeasureStatus) -> Countermeasure {
    Countermeasure {
        measure: measure.into(),
        owner: "OT security".into(),
        due: due.into(),
        status,
    }
}

#[test]
fn a_residual_tolerable_only_thanks_to_planned_measures_is_a_warning() {
    // unmitigated 4 × 4 = 16 Critical; nothing re-rated after the existing countermeasures, so
    // after them still 16 Critical; final 2 × 4 = 8 Medium (tolerable) thanks to two additional
    // countermeasures, one planned and due 2026-02-01 (before the document date 2026-03-01:
    // overdue), one implemented.
    let mut p = clean();
    p.meta.date = "2026-03-01".into();
    let mut s = scenario(4, &[4], 2, &[]);
    s.additional_countermeasures = vec![
        planned("Allow-listing", "2026-02-01", MeasureStatus::Planned),
        planned("MFA", "2025-12-01", MeasureStatus::Implemented),
    ];
    p.zones[0].risk.scenarios = vec![s];
    let a = assess(&p, &catalog());
    let r = a.zones[0].risk.scenarios[0];
    assert_eq!(r.after_existing.map(|r| (r.score, r.level)), Some((16, 3)));
    assert_eq!(r.residual.map(|r| (r.score, r.tolerable)), Some((8, true)));
    assert!(r.relies_on_planned);
    assert_eq!(a.zones[0].risk.overdue, vec![(0, 0)]);
    let f = findings_of(&p, FindingCode::RiskReliesOnPlanned);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert_eq!(f[0].code.code(), "RISK-RELIES-ON-PLANNED");
    assert_eq!(
        f[0].message,
        "The residual risk of \"Ransomware\" in \"Control\" is tolerable only thanks to additional countermeasures still to be implemented (after the existing ones it is Critical): Allow-listing (owner OT security, due 2026-02-01, overdue, planned)."
    );
    assert!(findings_of(&p, FindingCode::RiskResidualIntolerable).is_empty());
    // due on the document date itself is not overdue
    p.zones[0].risk.scenarios[0].additional_countermeasures[0].due = "2026-03-01".into();
    assert!(assess(&p, &catalog()).zones[0].risk.overdue.is_empty());
    // in progress still relies on it; implemented no longer does
    p.zones[0].risk.scenarios[0].additional_countermeasures[0].status = MeasureStatus::InProgress;
    assert_eq!(findings_of(&p, FindingCode::RiskReliesOnPlanned).len(), 1);
    p.zones[0].risk.scenarios[0].additional_countermeasures[0].status = MeasureStatus::Implemented;
    assert!(findings_of(&p, FindingCode::RiskReliesOnPlanned).is_empty());
    // the existing countermeasures alone already bring it to 2 × 4 = 8: nothing relies on the
    // planned ones
    p.zones[0].risk.scenarios[0].additional_countermeasures[0].status = MeasureStatus::Planned;
    p.zones[0].risk.scenarios[0].existing_likelihood = 2;
    assert!(findings_of(&p, FindingCode::RiskReliesOnPlanned).is_empty());
}
