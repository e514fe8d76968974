//! Round trips, malformed and newer-version files, validation, atomic save.

use super::*;
use crate::model::{
    Asset, Conduit, Direction, Rect, RequirementAssessment, Status, Zone, ZoneKind,
};

fn project() -> Project {
    let mut p = Project::default();
    p.meta.title = "Raffinerie Süd — Łódź 東京".into();
    p.meta.revisions.push(crate::model::Revision {
        revision: "A".into(),
        date: "2026-01-01".into(),
        author: "JW".into(),
        change: "First issue".into(),
    });
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(10.0, 20.0, 300.0, 200.0),
    );
    z.assets.push(Asset::new(AssetId(3), "PLC-101", "plc"));
    z.requirements.insert(
        "SR 1.1".into(),
        RequirementAssessment {
            status: Status::Met,
            evidence: "FAT report 7".into(),
            ..Default::default()
        },
    );
    let z2 = Zone::new(
        ZoneId(2),
        "DMZ",
        ZoneKind::Dmz,
        Rect::new(400.0, 20.0, 300.0, 200.0),
    );
    let mut c = Conduit::new(ConduitId(1), "BPCS→DMZ", ZoneId(1), ZoneId(2));
    c.direction = Direction::OneWay;
    p.zones = vec![z, z2];
    p.conduits = vec![c];
    p
}

#[test]
fn save_and_load_give_an_equal_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plant.ron");
    let p = project();
    save(&p, &path).expect("save");
    assert_eq!(load(&path).expect("load"), p);
    // the text is stable: saving again gives the same bytes
    let first = std::fs::read(&path).expect("read");
    save(&p, &path).expect("save again");
    assert_eq!(std::fs::read(&path).expect("read"), first);
    assert!(
        backup_path(&path).exists(),
        "the previous version is kept as a backup"
    );
}

#[test]
fn file_has_format_marker_and_version() {
    let text = to_string(&project()).expect("serialise");
    assert!(text.contains("format: \"zonewright\""), "{text}");
    assert!(text.contains(&format!("version: {VERSION}")));
    assert!(
        text.contains("sl_t: Some((2, 2, 2, 2, 2, 2, 2))")
            || text.contains("sl_t: Some((2,2,2,2,2,2,2))"),
        "{text}"
    );
}

#[test]
fn small_edit_gives_small_diff() {
    let p = project();
    let mut q = p.clone();
    q.zones[0].name = "BPCS-1".into();
    let a = to_string(&p).expect("serialise");
    let b = to_string(&q).expect("serialise");
    let changed = a.lines().zip(b.lines()).filter(|(x, y)| x != y).count();
    assert_eq!(a.lines().count(), b.lines().count());
    assert_eq!(changed, 1);
}

#[test]
fn syntax_error_has_line_and_column() {
    let text = to_string(&project()).expect("serialise");
    let broken = text.replacen("kind: Control", "kind: Control,,", 1);
    match from_str(&broken) {
        Err(LoadError::Syntax { line, column, .. }) => {
            let expected = broken
                .lines()
                .position(|l| l.contains("Control,,"))
                .expect("line")
                + 1;
            assert_eq!(line, expected);
            assert!(column > 1);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn truncated_files_never_panic_and_always_fail() {
    let text = to_string(&project()).expect("serialise");
    for cut in (0..text.len()).step_by(7) {
        if !text.is_char_boundary(cut) {
            continue;
        }
        assert!(from_str(&text[..cut]).is_err(), "truncated at {cut} loaded");
    }
}

#[test]
fn newer_version_is_refused_with_a_clear_message() {
    let text = to_string(&project()).expect("serialise").replacen(
        &format!("version: {VERSION}"),
        "version: 7",
        1,
    );
    let e = from_str(&text).expect_err("newer file must be refused");
    assert_eq!(e, LoadError::NewerVersion { found: 7 });
    assert!(e.to_string().contains("newer zonewright"));
    // even with fields this version does not know
    let text = text.replacen("project:", "future_field: 3, project:", 1);
    assert_eq!(from_str(&text), Err(LoadError::NewerVersion { found: 7 }));
}

#[test]
fn other_files_are_not_projects() {
    assert_eq!(from_str("(title: \"x\")"), Err(LoadError::NotAProject));
    assert!(matches!(from_str(""), Err(LoadError::Syntax { .. })));
    assert_eq!(
        from_bytes(&[0x25, 0x50, 0x44, 0x46, 0xff, 0xfe]),
        Err(LoadError::NotText)
    );
}

#[test]
fn unknown_fields_are_refused() {
    let text = to_string(&project()).expect("serialise").replacen(
        "kind: Control",
        "kind: Control, colour: 3",
        1,
    );
    let e = from_str(&text).expect_err("unknown field");
    assert!(e.to_string().contains("colour"), "{e}");
}

#[test]
fn inconsistent_projects_are_refused() {
    let mut p = project();
    p.conduits[0].to = ZoneId(99);
    let e = from_str(&to_string(&p).expect("serialise")).expect_err("dangling conduit");
    assert!(e.to_string().contains("zone id 99"), "{e}");

    let mut p = project();
    let dup = p.zones[0].assets[0].clone();
    p.zones[1].assets.push(dup);
    let e = from_str(&to_string(&p).expect("serialise")).expect_err("asset in two zones");
    assert!(e.to_string().contains("used twice"), "{e}");

    let mut p = project();
    p.zones[1].rect.w = -5.0;
    assert!(from_str(&to_string(&p).expect("serialise")).is_err());

    let text = to_string(&project())
        .expect("serialise")
        .replacen("w: 300.0", "w: NaN", 1);
    let e = from_str(&text).expect_err("NaN size");
    assert!(e.to_string().contains("not a finite number"), "{e}");

    let mut p = project();
    p.zones[0].sl_t = Some(crate::model::SlVector([5, 0, 0, 0, 0, 0, 0]));
    let e = from_str(&to_string(&p).expect("serialise")).expect_err("SL 5");
    assert!(e.to_string().contains("above 4"), "{e}");
}

#[test]
fn failed_save_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plant.ron");
    save(&project(), &path).expect("save");
    let before = std::fs::read(&path).expect("read");
    // a path whose folder does not exist cannot be written
    let bad = dir.path().join("missing").join("plant.ron");
    assert!(save(&project(), &bad).is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // no temporary files are left behind
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().contains(".tmp-")),
        "{names:?}"
    );
}

#[test]
fn load_reports_missing_files_with_the_path() {
    let e = load(std::path::Path::new("/nonexistent/plant.ron")).expect_err("missing");
    assert!(e.to_string().contains("/nonexistent/plant.ron"));
}

#[test]
fn assets_and_requirement_statuses_take_one_line_each() {
    let text = to_string(&project()).expect("serialise");
    let asset_line = text
        .lines()
        .find(|l| l.contains("PLC-101"))
        .unwrap_or_else(|| panic!("no asset line in {text}"));
    assert!(
        asset_line
            .trim_start()
            .starts_with("(id: 3, name: \"PLC-101\", component: \"plc\""),
        "{asset_line}"
    );
    let status_line = text
        .lines()
        .find(|l| l.contains("\"SR 1.1\""))
        .unwrap_or_else(|| panic!("no status line in {text}"));
    assert!(
        status_line.contains("status: Met") && status_line.contains("FAT report 7"),
        "{status_line}"
    );
    // zone fields stay one per line
    assert!(text.lines().any(|l| l.trim() == "kind: Control,"), "{text}");
}

#[test]
fn foreign_and_versionless_files_get_their_own_messages() {
    // well-formed project structure, wrong marker: not a project (not a parse error)
    let text = to_string(&project()).expect("serialise").replacen(
        "format: \"zonewright\"",
        "format: \"other\"",
        1,
    );
    assert_eq!(from_str(&text), Err(LoadError::NotAProject));
    let text =
        to_string(&project())
            .expect("serialise")
            .replacen(&format!("version: {VERSION},"), "", 1);
    match from_str(&text) {
        Err(LoadError::Syntax { message, .. }) => assert!(message.contains("version"), "{message}"),
        other => panic!("expected the missing-version message, got {other:?}"),
    }
}

#[test]
fn a_version_4_file_loads_without_records_and_saves_as_the_current_version() {
    let text = r#"(format: "zonewright", version: 4, project: (zones: [
        (id: 1, name: "BPCS", kind: Control, rect: (x: 0.0, y: 0.0, w: 300.0, h: 200.0),
         risk: (scenarios: [(title: "Ransomware", threat_source: "Criminal group",
                likelihood: 3, consequence: [4], residual_likelihood: 2)]))]))"#;
    let p = from_str(text).unwrap_or_else(|e| panic!("{e}"));
    let s = &p.zones[0].risk.scenarios[0];
    assert_eq!((s.source, s.acceptance.as_ref()), (0, None));
    assert!(s.likelihood_rationale.is_empty());
    assert!(p.zones[0].risk.record.is_empty());
    assert!(p.risk.method.is_empty() && p.risk.threat_sources.is_empty());
    let saved = to_string(&p).unwrap_or_else(|e| panic!("{e}"));
    assert!(saved.contains(&format!("version: {VERSION},")), "{saved}");
    // nothing new is written for the empty records
    for absent in [
        "record:",
        "acceptance:",
        "likelihood_rationale:",
        "threat_sources:",
    ] {
        assert!(!saved.contains(absent), "{absent} in {saved}");
    }
}

#[test]
fn threat_source_ids_are_unique_and_never_zero() {
    let mut p = project();
    let source = |id: u32| crate::model::ThreatSource {
        id,
        source: "Insider".into(),
        ..Default::default()
    };
    p.risk.threat_sources = vec![source(1), source(0), source(1)];
    let Err(LoadError::Invalid { problems }) = validate(&p) else {
        panic!("refused")
    };
    assert_eq!(
        problems,
        vec![
            "threat source \"Insider\" has id 0; ids start at 1".to_owned(),
            "threat source id 1 is used twice (threat source \"Insider\")".to_owned(),
        ]
    );
}

/// A method version of only "\r" reads as blank in reports but must still be written: it was
/// left out of the file because the skip test trimmed (found by the round-trip property in CI).
#[test]
fn a_blank_looking_method_reference_survives_save_and_load() {
    for (document, version) in [("", "\r"), (" ", ""), ("\t", "\n")] {
        let mut p = crate::model::Project::default();
        p.risk.method.document = document.into();
        p.risk.method.version = version.into();
        let text = to_string(&p).unwrap_or_else(|e| panic!("{e}"));
        let back = from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.risk.method, p.risk.method, "{text}");
    }
}

/// The observed traffic summary (version 6) is written and read back as it was, and a file
/// with more observed flows than a summary keeps is refused naming the list.
#[test]
fn the_traffic_summary_round_trips_and_its_list_is_bounded() {
    use crate::model::Transport;
    use crate::model::traffic::{ObservedFlow, ObservedTraffic};
    let flow = |port| ObservedFlow {
        source: "10.0.1.5".parse().unwrap(),
        destination: "fd00::2".parse().unwrap(),
        transport: Transport::Tcp,
        port,
        connections: 3,
        bytes: 1_000,
        first_seen: Some(1_714_557_600),
        last_seen: None,
    };
    let p = Project {
        traffic: Some(ObservedTraffic {
            sources: vec!["conn.log".into()],
            first_seen: Some(1_714_557_600),
            last_seen: Some(1_714_561_200),
            records: 10,
            skipped: 1,
            flows_left_out: 2,
            notes: vec!["conn.log: line 3: bad (skipped)".into()],
            flows: vec![flow(502), flow(102)],
        }),
        ..Project::default()
    };
    let text = to_string(&p).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("source: \"10.0.1.5\""), "{text}");
    assert_eq!(from_str(&text).unwrap_or_else(|e| panic!("{e}")), p);
    let many: String = (0..=crate::file::limits::MAX_OBSERVED_FLOWS)
        .map(|i| {
            format!(
                "(source: \"10.0.0.1\", destination: \"10.0.0.2\", transport: Tcp, port: {}),",
                i % 60_000 + 1
            )
        })
        .collect();
    let hostile = format!(
        "(format: \"zonewright\", version: 6, project: (traffic: Some((flows: [{many}]))))"
    );
    let e = from_str(&hostile).unwrap_err().to_string();
    assert!(e.contains("observed flows"), "{e}");
}
