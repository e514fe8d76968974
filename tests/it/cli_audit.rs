//! `zonewright check` as an auditor runs it on small hand-built plants (issue 23): an
//! intolerable residual with an unrated unmitigated risk makes `check` fail, a certificate with
//! an unreadable date does not count and says why, the approval's hashes are printed whole,
//! and the samples are consistent with themselves.

use std::path::Path;
use std::process::{Command, Output};
use zonewright::file;
use zonewright::model::component::Certificate;
use zonewright::model::{
    Approval, Asset, AssetId, Project, Rect, SlVector, ThreatScenario, Zone, ZoneId, ZoneKind,
};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(path: &Path) -> (Option<i32>, serde_json::Value) {
    let o = run(&["check", path.to_str().expect("utf-8"), "--format", "json"]);
    let v = serde_json::from_slice(&o.stdout).expect("valid JSON");
    (o.status.code(), v)
}

use crate::common::finding_codes as codes;

/// One control zone with one PLC and the given scenario, dated 2026-03-01.
fn plant(s: ThreatScenario) -> Project {
    let mut p = Project::default();
    p.meta.date = "2026-03-01".into();
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    z.sl_t = Some(SlVector::uniform(2));
    z.assets.push(Asset::new(AssetId(1), "PLC-1", "plc"));
    z.risk.scenarios.push(s);
    p.zones.push(z);
    p
}

#[test]
fn a_five_by_five_residual_fails_check_even_with_the_unmitigated_risk_unrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    // nothing rated before; after the countermeasures likelihood 5 × consequence 5 = 25
    let p = plant(ThreatScenario {
        title: "Worm".into(),
        residual_likelihood: 5,
        residual_consequence: vec![5],
        ..Default::default()
    });
    file::save(&p, &path).expect("saves");
    let (code, v) = json(&path);
    assert_eq!(code, Some(1), "an error finding makes check exit 1");
    let c = codes(&v);
    assert!(c.contains(&"RISK-RESIDUAL".to_owned()), "{c:?}");
    assert!(c.contains(&"RISK-UNRATED".to_owned()), "{c:?}");
    let el = &v["risk"]["elements"][0];
    assert_eq!(el["intolerable"], 1);
    let s = &el["scenarios"][0];
    assert_eq!(s["residual"]["score"], 25);
    assert_eq!(s["unmitigated"], serde_json::Value::Null);
}

#[test]
fn per_category_residual_reads_back_from_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    // likelihood 3, consequences (1, 1, 5, 1), only H&S re-rated to 1: 3 × 5 = 15 Critical
    let p = plant(ThreatScenario {
        title: "Spoofing".into(),
        likelihood: 3,
        consequence: vec![1, 1, 5, 1],
        residual_consequence: vec![1],
        ..Default::default()
    });
    file::save(&p, &path).expect("saves");
    let (code, v) = json(&path);
    assert_eq!(code, Some(1));
    let s = &v["risk"]["elements"][0]["scenarios"][0];
    assert_eq!(s["residual"]["score"], 15);
    assert_eq!(s["residual"]["level_name"], "Critical");
    assert_eq!(s["residual_consequence"], serde_json::json!([1, 1, 5, 1]));
}

#[test]
fn a_certificate_with_an_unreadable_date_does_not_count_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let mut p = plant(ThreatScenario::default());
    p.zones[0].assets[0].certificate = Some(Certificate {
        number: "CB-1".into(),
        issued: "30.04.2026".into(),
        valid_until: "2029-04-29".into(),
        sl_c: SlVector::uniform(4),
        ..Certificate::default()
    });
    file::save(&p, &path).expect("saves");
    let (_, v) = json(&path);
    assert!(codes(&v).contains(&"SLC-CERT-DATE".to_owned()));
    let asset = &v["components"]["assets"][0];
    assert_eq!(asset["sl_c_source"][0], "typical default");
    assert_eq!(
        asset["certificate"]["validity"],
        serde_json::json!({"Unchecked": "IssuedUnreadable"})
    );
}

#[test]
fn the_approval_prints_both_hashes_whole_and_says_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let p = plant(ThreatScenario::default());
    file::save(&p, &path).expect("saves");
    let path_s = path.to_str().expect("utf-8");
    let o = run(&[
        "approve",
        path_s,
        "--approver",
        "A. Owner",
        "--date",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let (_, v) = json(&path);
    let ap = &v["risk"]["approval"];
    assert_eq!(ap["state"], "current");
    let hex64 = |x: &serde_json::Value| {
        x.as_str()
            .is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    assert!(hex64(&ap["content_hash"]), "{ap}");
    assert!(hex64(&ap["assessment_hash"]), "{ap}");
    assert_eq!(ap["assessment_hash"], ap["current_assessment_hash"]);
    // the document date is part of what was approved
    let mut q = file::load(&path).expect("loads");
    q.meta.date = "2026-04-01".into();
    file::save(&q, &path).expect("saves");
    let (_, v) = json(&path);
    let ap = &v["risk"]["approval"];
    assert_eq!(ap["state"], "outdated");
    assert_eq!(ap["content_changed"], true);
    assert_eq!(ap["result_changed"], false);
    assert_eq!(ap["outdated_because"], "the content has changed");
    // an approval written before format version 4 (no assessment digest) is outdated
    let mut old = q.clone();
    old.approval = Some(Approval {
        approver: "A. Owner".into(),
        content_hash: zonewright::model::legacy_content_hash(&q),
        ..Default::default()
    });
    file::save(&old, &path).expect("saves");
    let (_, v) = json(&path);
    assert_eq!(v["risk"]["approval"]["legacy"], true);
    assert_eq!(v["risk"]["approval"]["content_changed"], false);
}

#[test]
fn the_refinery_sample_is_consistent_with_its_own_statements() {
    let (_, v) = {
        let o = run(&["check", "sample:refinery", "--format", "json"]);
        (
            o.status.code(),
            serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json"),
        )
    };
    let c = codes(&v);
    // no single cyber event may defeat an SIF: nothing above the tolerable risk remains
    assert!(!c.contains(&"RISK-RESIDUAL".to_owned()), "{c:?}");
    assert_eq!(v["risk"]["approval"]["state"], "current");
    let p = zonewright::cli::load_project("sample:refinery").expect("sample");
    let m = &p.risk.matrix;
    // Rare × Catastrophic is not tolerable
    let level = m.level_of(1, 5).expect("cell");
    assert!(!m.is_tolerable(level), "{}", m.level_name(level));
    // the expired SIS firewall certificate is shown, and the approval's conditions name it
    assert!(c.contains(&"SLC-CERT-EXPIRED".to_owned()));
    let conditions = p.approval.map(|a| a.conditions).unwrap_or_default();
    assert!(conditions.contains("CSA-2023-0448"), "{conditions}");
}

#[test]
fn the_xlsx_risk_sheet_reads_back_the_two_steps_and_the_planned_countermeasures() {
    use calamine::{Data, Reader, Xlsx};
    use zonewright::model::{Countermeasure, MeasureStatus};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let out = dir.path().join("plant.xlsx");
    // 4 × 4 = 16 Critical before and after the existing countermeasures; 2 × 4 = 8 Medium
    // after the additional one, planned and due a month before the document date
    let p = plant(ThreatScenario {
        title: "Ransomware".into(),
        likelihood: 4,
        consequence: vec![4, 0, 2],
        residual_likelihood: 2,
        additional_countermeasures: vec![Countermeasure {
            measure: "Allow-listing".into(),
            owner: "OT security".into(),
            due: "2026-02-01".into(),
            status: MeasureStatus::Planned,
        }],
        ..Default::default()
    });
    file::save(&p, &path).expect("saves");
    let o = run(&[
        "export",
        path.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("a workbook");
    let sheet = book.worksheet_range("Risk").expect("Risk sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let row = &rows[1];
    assert_eq!(row[col("Risk")], "Critical");
    assert_eq!(row[col("Risk after existing countermeasures")], "Critical");
    assert_eq!(row[col("Residual risk")], "Medium");
    assert_eq!(row[col("Residual tolerable")], "yes (planned)");
    assert_eq!(
        row[col("Additional countermeasures")],
        "Allow-listing (owner OT security, due 2026-02-01, overdue, planned)"
    );
    assert_eq!(
        row[col("Consequence per category (unmitigated → residual)")],
        "Health and safety 4 → 4; Environment – → –; Production / financial 2 → 2; Reputation – → –"
    );
}
