//! The records an auditor signs (issue 23 items 9, 10), through the program's outputs: `check
//! --format json` carries the method, the threat sources, each element's assessment record and
//! each scenario's rationale and acceptance; an intolerable residual accepted with a
//! justification is RISK-ACCEPTED-INTOLERABLE (a warning, so `check` passes) and is shown as
//! accepted although intolerable in the text, the XLSX Risk sheet and the PDF.

use crate::pdf_text::{NONE, pdf_text};
use std::path::Path;
use std::process::{Command, Output};
use zonewright::catalog::Catalog;
use zonewright::file;
use zonewright::model::{
    Acceptance, AssessmentRecord, Assessor, Asset, AssetId, MethodReference, Project, Rect,
    SlVector, ThreatScenario, ThreatSource, Zone, ZoneId, ZoneKind,
};
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// One control zone, SL-T 4, with one scenario: 4 × 5 = 20 Critical unmitigated, residual
/// 3 × 5 = 15 Critical (above the tolerable "Medium or lower"), accepted by the plant manager
/// with a justification; the source is picked from a list of two.
fn plant() -> Project {
    let mut p = Project::default();
    p.meta.date = "2026-03-12".into();
    p.risk.method = MethodReference {
        document: "RA-OT-001 OT risk procedure".into(),
        version: "3".into(),
    };
    p.risk.threat_sources = vec![
        ThreatSource {
            id: 1,
            source: "Criminal group".into(),
            capability: "Commodity ransomware, bought access".into(),
            motivation: "Extortion".into(),
            in_scope: true,
        },
        ThreatSource {
            id: 2,
            source: "Nation state".into(),
            capability: "Custom tooling".into(),
            motivation: "Sabotage".into(),
            in_scope: false,
        },
    ];
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    z.sl_t = Some(SlVector::uniform(4));
    z.assets.push(Asset::new(AssetId(1), "PLC-1", "plc"));
    z.risk.record = AssessmentRecord {
        assessors: vec![Assessor {
            name: "A. Jansen".into(),
            role: "OT security lead".into(),
        }],
        workshop: String::new(),
        date: "2026-03-02".into(),
        method_version: "3".into(),
    };
    z.risk.scenarios.push(ThreatScenario {
        title: "Vendor access abuse".into(),
        source: 1,
        likelihood: 4,
        consequence: vec![5, 2, 3, 1],
        residual_likelihood: 3,
        likelihood_rationale: "Vendor sessions weekly, credentials shared".into(),
        acceptance: Some(Acceptance {
            by: "J. de Vries".into(),
            role: "Plant manager".into(),
            date: "2026-03-10".into(),
            justification: "Supervised sessions until the 2027 turnaround".into(),
        }),
        ..Default::default()
    });
    p.zones.push(z);
    p
}

use crate::common::finding_codes as codes;

fn saved(p: &Project, dir: &Path) -> String {
    let path = dir.join("plant.ron");
    file::save(p, &path).expect("saves");
    path.to_str().expect("utf-8").to_owned()
}

#[test]
fn check_json_carries_the_records_and_the_accepted_intolerable_residual() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(&plant(), dir.path());
    let o = run(&["check", &path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let c = codes(&v);
    assert!(c.contains(&"RISK-ACCEPTED-INTOLERABLE".to_owned()), "{c:?}");
    assert!(!c.contains(&"RISK-RESIDUAL".to_owned()), "{c:?}");
    let r = &v["risk"];
    assert_eq!(r["method"]["document"], "RA-OT-001 OT risk procedure");
    assert_eq!(r["method"]["version"], "3");
    assert_eq!(r["threat_sources"][1]["source"], "Nation state");
    assert_eq!(r["threat_sources"][1]["in_scope"], false);
    let e = &r["elements"][0];
    assert_eq!(e["intolerable"], 1);
    assert_eq!(e["accepted_intolerable"], 1);
    assert_eq!(e["assessment"]["assessors"][0]["name"], "A. Jansen");
    assert_eq!(e["assessment"]["assessors"][0]["role"], "OT security lead");
    assert_eq!(e["assessment"]["date"], "2026-03-02");
    assert_eq!(e["assessment"]["method_version"], "3");
    let s = &e["scenarios"][0];
    assert_eq!(s["threat_source"], "Criminal group");
    assert_eq!(s["threat_source_id"], 1);
    assert_eq!(
        s["likelihood_rationale"],
        "Vendor sessions weekly, credentials shared"
    );
    assert_eq!(s["accepted_although_intolerable"], true);
    assert_eq!(s["acceptance"]["by"], "J. de Vries");
    assert_eq!(
        s["acceptance"]["justification"],
        "Supervised sessions until the 2027 turnaround"
    );
    // 3 × 5 = 15: still Critical, still not tolerable
    assert_eq!(s["residual"]["score"], 15);
    assert_eq!(s["residual"]["tolerable"], false);
    assert_eq!(s["consequence"], serde_json::json!([5, 2, 3, 1]));

    // without a justification the acceptance does not count: the error, and check fails
    let mut p = plant();
    if let Some(a) = p.zones[0].risk.scenarios[0].acceptance.as_mut() {
        a.justification.clear();
    }
    let path = saved(&p, dir.path());
    let o = run(&["check", &path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(codes(&v).contains(&"RISK-RESIDUAL".to_owned()));
    assert_eq!(
        v["risk"]["elements"][0]["scenarios"][0]["accepted_although_intolerable"],
        false
    );
    // the record gone: RISK-RECORD-INCOMPLETE
    let mut p = plant();
    p.zones[0].risk.record = AssessmentRecord::default();
    let path = saved(&p, dir.path());
    let o = run(&["check", &path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(codes(&v).contains(&"RISK-RECORD-INCOMPLETE".to_owned()));
}

#[test]
fn check_text_says_accepted_although_intolerable_and_who_assessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(&plant(), dir.path());
    let o = run(&["check", &path]);
    let text = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Method document: RA-OT-001 OT risk procedure version 3",
        "2     Nation state; Custom tooling; Sabotage; out of scope",
        "no, accepted",
        "Vendor access abuse: ACCEPTED ALTHOUGH INTOLERABLE by J. de Vries (Plant manager), 2026-03-10: Supervised sessions until the 2027 turnaround",
        "Vendor access abuse: likelihood because Vendor sessions weekly, credentials shared",
        "BPCS: by A. Jansen (OT security lead); on 2026-03-02; method version 3",
        "RISK-ACCEPTED-INTOLERABLE",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

#[test]
fn the_xlsx_has_the_record_columns_and_a_threat_sources_sheet() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = saved(&plant(), dir.path());
    let out = dir.path().join("plant.xlsx");
    let o = run(&["export", &path, "-o", out.to_str().expect("utf-8")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("a workbook");
    let rows = |book: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        book.worksheet_range(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .rows()
            .map(|r| {
                r.iter()
                    .map(|d| match d {
                        Data::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    let risk = rows(&mut book, "Risk");
    let col = |name: &str| {
        risk[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let row = &risk[1];
    for (column, want) in [
        ("Threat source", "Criminal group"),
        ("Threat source ID", "1"),
        ("Residual risk", "Critical"),
        ("Residual tolerable", "no, accepted although intolerable"),
        ("Accepted although intolerable", "yes"),
        ("Accepted by", "J. de Vries"),
        ("Acceptance role", "Plant manager"),
        ("Acceptance date", "2026-03-10"),
        (
            "Acceptance justification",
            "Supervised sessions until the 2027 turnaround",
        ),
        (
            "Likelihood rationale",
            "Vendor sessions weekly, credentials shared",
        ),
        ("Assessed by", "A. Jansen (OT security lead)"),
        ("Assessed on", "2026-03-02"),
        ("Method", "RA-OT-001 OT risk procedure version 3"),
        (
            "Consequence per category (unmitigated → residual)",
            "Health and safety 5 → 5; Environment 2 → 2; Production / financial 3 → 3; Reputation 1 → 1",
        ),
    ] {
        assert_eq!(row[col(column)], want, "{column}");
    }
    let sources = rows(&mut book, "Threat sources");
    assert_eq!(
        sources,
        vec![
            vec!["ID", "Source", "Capability", "Motivation", "In scope"],
            vec![
                "1",
                "Criminal group",
                "Commodity ransomware, bought access",
                "Extortion",
                "yes"
            ],
            vec!["2", "Nation state", "Custom tooling", "Sabotage", "no"],
        ]
    );
}

#[test]
fn the_pdf_prints_the_sources_once_the_record_and_the_acceptance() {
    let options = ExportOptions {
        paper: Paper::A4,
        sections: Sections {
            risk: true,
            details: true,
            ..NONE
        },
        compact: false,
    };
    let all = pdf_text(&export_pdf(&plant(), Catalog::embedded(), &options).expect("exports"));
    assert!(
        all.contains("Method document: RA-OT-001 OT risk procedure version 3."),
        "{all}"
    );
    assert_eq!(all.matches("Threat sources").count(), 1, "{all}");
    assert!(
        all.contains("2 Nation state Custom tooling Sabotage no"),
        "{all}"
    );
    assert!(
        all.contains("Assessed by A. Jansen (OT security lead)"),
        "{all}"
    );
    assert!(all.contains("Assessed on 2026-03-02"), "{all}");
    assert!(
        all.contains("Method RA-OT-001 OT risk procedure version 3"),
        "{all}"
    );
    assert!(all.contains("no, accepted although intolerable"), "{all}");
    assert!(
        all.contains("ACCEPTED ALTHOUGH INTOLERABLE by J. de Vries (Plant manager), 2026-03-10"),
        "{all}"
    );
    // every category's consequence, not only the worst
    assert!(
        all.contains("Health and safety 5 Environment 2 Production / financial 3 Reputation 1"),
        "{all}"
    );
}
