//! The command line, run as a user would: exit statuses and the key lines of its output.

use std::process::{Command, Output};

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_refinery_has_no_errors_and_prints_every_element() {
    let o = zonewright(&["check", "samples/refinery.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let project =
        zonewright::file::load(std::path::Path::new("samples/refinery.ron")).expect("sample loads");
    for z in &project.zones {
        let short: String = z.name.chars().take(30).collect();
        assert!(out.contains(&short), "zone {} missing:\n{out}", z.name);
    }
    assert!(out.contains("Safety instrumented system (SIS)"));
    assert!(out.contains("(3,3,3,3,3,3,3)"), "the SIS SL-T vector");
    assert!(out.contains("Findings: 0 errors"));
    assert!(out.contains("CONDUIT-TEST"));
}

#[test]
fn check_exits_1_when_findings_are_errors() {
    for sample in ["samples/water.ron", "samples/manufacturing.ron"] {
        let o = zonewright(&["check", sample]);
        assert_eq!(o.status.code(), Some(1), "{sample}: {}", stdout(&o));
        assert!(stdout(&o).contains("ERROR"));
    }
    let o = zonewright(&["check", "sample:manufacturing"]);
    assert!(stdout(&o).contains("PATH-TO-SAFETY"), "{}", stdout(&o));
}

#[test]
fn check_json_is_machine_readable_and_matches_assess() {
    let o = zonewright(&["check", "sample:water", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let project = zonewright::cli::load_project("sample:water").expect("sample");
    let a = zonewright::analysis::assess(&project, zonewright::catalog::Catalog::embedded());
    assert_eq!(
        v["zones"].as_array().map(Vec::len),
        Some(project.zones.len())
    );
    assert_eq!(
        v["conduits"].as_array().map(Vec::len),
        Some(project.conduits.len())
    );
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(a.findings.len())
    );
    assert_eq!(v["errors"].as_u64(), Some(a.error_count() as u64));
    let first = &v["zones"][0];
    assert_eq!(
        first["sl_t"],
        serde_json::json!(a.zones[0].sl_t.map(|t| t.0))
    );
    // unknown levels are null, never 0
    let sl_a = serde_json::to_value(a.zones[0].sl_a).expect("json");
    assert_eq!(first["sl_a"], sl_a);
}

#[test]
fn unreadable_files_exit_2_with_one_clear_message() {
    let o = zonewright(&["check", "/nonexistent/plant.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: /nonexistent/plant.ron: cannot read the file"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);

    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"zonewright\", version: 1,\n project: (zones: [ (id: 1, name: 7) ]))",
    )
    .expect("write");
    let o = zonewright(&["check", bad.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2, column"), "{}", stderr(&o));

    let o = zonewright(&["check", "sample:nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("refinery"),
        "lists the samples: {}",
        stderr(&o)
    );
}

#[test]
fn bad_usage_exits_2() {
    let o = zonewright(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = zonewright(&["catalog", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn catalog_csv_has_100_rows() {
    let o = zonewright(&["catalog", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id,fr,fr_code,title,level,explanation"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 100);
    assert!(
        rows[0].starts_with("SR 1.1,1,IAC,Human user identification and authentication,1,"),
        "{}",
        rows[0]
    );
    assert_eq!(rows.iter().filter(|r| r.contains(" RE ")).count(), 49);
}

#[test]
fn catalog_json_and_table() {
    let o = zonewright(&["catalog", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(100));
    let o = zonewright(&["catalog"]);
    let out = stdout(&o);
    assert!(out.contains("Required at SL 1: 37 items"));
    assert!(out.contains("Required at SL 4: 100 items"));
}

#[test]
fn samples_are_listed() {
    let out = stdout(&zonewright(&["samples"]));
    for name in ["refinery", "water", "manufacturing"] {
        assert!(out.contains(&format!("sample:{name}")), "{out}");
    }
}
