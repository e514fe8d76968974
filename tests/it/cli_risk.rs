//! `zonewright check` on a hand-built plant with a risk assessment: the levels and scores of its
//! scenarios, the proposed SL-T, the approval's state before and after a change to the file, in
//! text and JSON, and columns that stay aligned.

use crate::risk_fixture;

use risk_fixture::{CONDUIT, INITIAL, RANSOMWARE, SIS_ATTACK, project};
use std::path::Path;
use std::process::{Command, Output};
use zonewright::file;
use zonewright::model::{Project, SlVector};

fn check(path: &Path, json: bool) -> Output {
    let mut args = vec!["check", path.to_str().expect("utf-8 path")];
    if json {
        args.extend(["--format", "json"]);
    }
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(&args)
        .output()
        .expect("the binary runs")
}

fn text_of(p: &Project) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    file::save(p, &path).expect("saves");
    let o = check(&path, false);
    // the residual risk of the SIS attack is above the tolerable risk: an error finding
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (dir, String::from_utf8_lossy(&o.stdout).into_owned())
}

fn json_of(path: &Path) -> serde_json::Value {
    let o = check(path, true);
    assert_eq!(o.status.code(), Some(1));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// The line of `out` containing `needle`.
fn line_with<'a>(out: &'a str, needle: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{out}"))
}

/// Character column of `needle` in `line`.
fn column(line: &str, needle: &str) -> usize {
    let byte = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    line[..byte].chars().count()
}

#[test]
fn text_shows_each_scenario_with_its_levels_and_scores_in_aligned_columns() {
    let (_dir, out) = text_of(&project());
    assert!(out.contains("\nRisk\n"), "{out}");
    assert!(out.contains("Tolerable risk: Medium or lower"), "{out}");
    assert!(
        out.contains("Initial assessment: worst unmitigated risk High, above the tolerable risk"),
        "{out}"
    );
    let initial = line_with(&out, INITIAL);
    assert!(initial.trim_end().ends_with("High 12      no"), "{initial}");

    // 4 × 3 = 12 High; nothing re-rated after the existing countermeasures: still 12 High;
    // after the additional one (planned) 2 × 3 = 6 Medium, tolerable only thanks to it
    let header = line_with(&out, "Unmitigated  After existing  Residual");
    let ransomware = line_with(&out, RANSOMWARE);
    assert!(ransomware.starts_with("Z1 "), "{ransomware}");
    assert_eq!(column(ransomware, "High 12"), column(header, "Unmitigated"));
    assert_eq!(column(ransomware, "Medium 6"), column(header, "Residual"));
    assert_eq!(
        column(ransomware, "High 12 "),
        column(header, "Unmitigated")
    );
    assert!(
        ransomware.ends_with("High 12         Medium 6  yes, planned"),
        "{ransomware}"
    );
    let measure = line_with(&out, "Segment the control network");
    assert_eq!(
        measure.trim(),
        format!(
            "Z1       {RANSOMWARE}: Segment the control network (owner OT engineering, planned)"
        )
    );
    assert_eq!(
        column(ransomware, "Criminal group"),
        column(header, "Source")
    );
    // 3 × 5 = 15 Critical; the residual likelihood is not rated, so 3 × 4 = 12 High
    let sis = line_with(&out, SIS_ATTACK);
    assert_eq!(column(sis, "Critical 15"), column(header, "Unmitigated"));
    assert_eq!(column(sis, "High 12"), column(header, "Residual"));
    assert!(sis.ends_with("High 12   no"), "{sis}");
    let conduit = line_with(&out, "(no threat scenario)");
    assert_eq!(
        column(conduit, "(no threat scenario)"),
        column(header, "Scenario")
    );

    // proposed next to chosen SL-T
    let sl_header = line_with(&out, "Proposed SL-T");
    let z1 = out
        .lines()
        .find(|l| l.starts_with("Z1 ") && l.contains("below the proposal"))
        .unwrap_or_else(|| panic!("no SL-T line for Z1:\n{out}"));
    assert_eq!(column(z1, "(2,2,2,2,2,2,2)"), column(sl_header, "SL-T"));
    assert_eq!(
        column(z1, "(3,3,3,3,3,3,3)"),
        column(sl_header, "Proposed SL-T")
    );
    assert!(
        z1.contains("IAC, UC, SI, DC, RDF, TRE, RA, no rationale"),
        "{z1}"
    );
    let z2 = out
        .lines()
        .find(|l| l.starts_with("Z2 ") && l.contains("(4,4,4,4,4,4,4)"))
        .unwrap_or_else(|| panic!("no SL-T line for Z2:\n{out}"));
    assert!(z2.contains("kept offline"), "{z2}");

    let approval = line_with(&out, "Approval:");
    assert_eq!(
        approval,
        "Approval: Approved with conditions of revision B, current"
    );
    assert!(out.contains("  by M. Owner (Plant manager, Acme Refining) on 2026-11-30"));
    assert!(out.contains("  conditions: Close the remote access finding"));
    assert!(!out.contains("OUTDATED"));
}

#[test]
fn the_element_column_of_the_findings_never_runs_into_the_finding() {
    let (_dir, out) = text_of(&project());
    let p = project();
    let a = zonewright::analysis::assess(&p, zonewright::catalog::Catalog::embedded());
    // the conduit's name is cut to 22 characters in its label, which is 30 long
    let label: String = format!("conduit {}", CONDUIT.chars().take(22).collect::<String>());
    assert!(a.findings.len() >= 3);
    let lines: Vec<&str> = out.lines().collect();
    let mut columns = Vec::new();
    for f in &a.findings {
        let i = lines
            .iter()
            .position(|l| {
                l.ends_with(&f.message) && l.starts_with(&f.severity.label().to_uppercase())
            })
            .unwrap_or_else(|| panic!("finding {:?} missing:\n{out}", f.message));
        let at = column(lines[i], &f.message);
        columns.push(at);
        // the remedy's arrow stands under the start of the message
        assert_eq!(column(lines[i + 1], "→"), at, "{}", lines[i + 1]);
        if lines[i].contains(&label) {
            assert!(column(lines[i], &label) + label.chars().count() < at);
        }
    }
    assert!(out.contains(&format!("{label} ")), "{out}");
    columns.dedup();
    assert_eq!(columns.len(), 1, "every message starts in the same column");
}

#[test]
fn json_has_the_ratings_proposal_and_approval_as_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let mut p = project();
    file::save(&p, &path).expect("saves");
    let v = json_of(&path);
    // the fields from before are still there
    for key in [
        "file", "title", "zones", "conduits", "findings", "errors", "warnings",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let r = &v["risk"];
    assert_eq!(r["tolerable"]["level_name"], "Medium");
    assert_eq!(r["tolerable"]["level"], 1);
    assert_eq!(r["initial"][0]["title"], INITIAL);
    assert_eq!(r["initial"][0]["unmitigated"]["score"], 12);
    assert_eq!(r["initial"][0]["unmitigated"]["level_name"], "High");
    assert_eq!(r["initial_above_tolerable"], true);
    let elements = r["elements"].as_array().expect("elements");
    assert_eq!(elements.len(), 3);
    let z1 = &elements[0];
    assert_eq!(z1["element"], "Z1");
    assert_eq!(z1["name"], "Control network");
    assert_eq!(z1["sl_t"], serde_json::to_value([2u8; 7]).expect("json"));
    assert_eq!(
        z1["proposed_sl_t"],
        serde_json::to_value([3u8; 7]).expect("json")
    );
    assert_eq!(
        z1["below_proposal"],
        serde_json::json!(["IAC", "UC", "SI", "DC", "RDF", "TRE", "RA"])
    );
    let s = &z1["scenarios"][0];
    assert_eq!(s["title"], RANSOMWARE);
    assert_eq!(s["threat_source"], "Criminal group");
    assert_eq!(
        s["unmitigated"],
        serde_json::json!({"level": 2, "level_name": "High", "score": 12, "likelihood": 4,
            "consequence": 3, "tolerable": false})
    );
    assert_eq!(
        s["residual"],
        serde_json::json!({"level": 1, "level_name": "Medium", "score": 6, "likelihood": 2,
            "consequence": 3, "tolerable": true})
    );
    let sis = &elements[1]["scenarios"][0];
    assert_eq!(sis["unmitigated"]["level_name"], "Critical");
    assert_eq!(sis["unmitigated"]["score"], 15);
    assert_eq!(sis["residual"]["score"], 12);
    assert_eq!(sis["residual"]["tolerable"], false);
    assert_eq!(elements[1]["intolerable"], 1);
    assert_eq!(elements[2]["kind"], "conduit");
    assert_eq!(elements[2]["scenarios"], serde_json::json!([]));
    assert_eq!(elements[2]["proposed_sl_t"], serde_json::Value::Null);

    let ap = &r["approval"];
    assert_eq!(ap["state"], "current");
    assert_eq!(ap["approver"], "M. Owner");
    assert_eq!(ap["role"], "Plant manager");
    assert_eq!(ap["organisation"], "Acme Refining");
    assert_eq!(ap["date"], "2026-11-30");
    assert_eq!(ap["decision"], "approved_with_conditions");
    assert_eq!(ap["revision"], "B");
    assert_eq!(ap["content_changed"], false);
    assert_eq!(ap["revision_changed"], false);

    // a change of the content after approval: the file says so
    p.zones[0].sl_t = Some(SlVector::uniform(3));
    file::save(&p, &path).expect("saves");
    let ap = json_of(&path)["risk"]["approval"].clone();
    assert_eq!(ap["state"], "outdated");
    assert_eq!(ap["content_changed"], true);
    assert_eq!(ap["revision_changed"], false);
    assert_eq!(ap["decision"], "approved_with_conditions");

    // only the revision moved on (the content hash leaves the revision out)
    let mut q = project();
    q.meta.revision = "C".into();
    file::save(&q, &path).expect("saves");
    let ap = json_of(&path)["risk"]["approval"].clone();
    assert_eq!(ap["state"], "outdated");
    assert_eq!(ap["content_changed"], false);
    assert_eq!(ap["revision_changed"], true);

    // no approval at all
    q.approval = None;
    file::save(&q, &path).expect("saves");
    let ap = json_of(&path)["risk"]["approval"].clone();
    assert_eq!(ap["state"], "none");
    assert_eq!(ap["approver"], serde_json::Value::Null);
}

#[test]
fn text_marks_the_approval_outdated_after_the_file_changed() {
    let mut p = project();
    p.zones[1].name = "Safety instrumented system".into();
    let (_dir, out) = text_of(&p);
    let approval = line_with(&out, "Approval:");
    assert_eq!(
        approval,
        "Approval: Approved with conditions of revision B, OUTDATED (the content has changed)"
    );
    // both hashes whole, 64 hex digits
    let hash = line_with(&out, "content SHA-256:");
    let hex = hash.rsplit(' ').next().unwrap_or_default();
    assert_eq!(hex.len(), 64, "{hash}");
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()), "{hash}");
    let digest = line_with(&out, "assessment result SHA-256:");
    assert_eq!(
        digest.rsplit(' ').next().map(str::len),
        Some(64),
        "{digest}"
    );
    let code = zonewright::analysis::FindingCode::ApprovalOutdated.code();
    assert!(out.contains(code), "{out}");
    p.approval = None;
    let (_dir, out) = text_of(&p);
    assert!(out.contains("Approval: none recorded"));
    assert!(!out.contains(code), "{out}");
}
