//! Each reading limit refused at its first entry over the limit, with a message naming what
//! exceeded which limit and where; the limit itself accepted.

use super::{LoadError, from_str, read_bounded};
use crate::model::limits::*;
use crate::model::risk::{MAX_CATEGORIES, MAX_RISK_LEVELS, MAX_SCALE_STEPS};
use std::io::Read;

const Z1: &str = "(id: 1, name: \"A\", kind: Control, rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0))";
const Z2: &str = "(id: 2, name: \"B\", kind: Dmz, rect: (x: 20.0, y: 0.0, w: 10.0, h: 10.0))";

fn file(meta: &str, zones: &str, conduits: &str, risk: &str) -> String {
    format!(
        "(format: \"zonewright\", version: 2, project: (meta: ({meta}), zones: [{zones}], conduits: [{conduits}]{risk}))"
    )
}

fn zones_with(extra: &str) -> String {
    format!(
        "(id: 1, name: \"A\", kind: Control, rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0), {extra}), {Z2}"
    )
}

fn with_conduit(extra: &str) -> String {
    file(
        "",
        &format!("{Z1}, {Z2}"),
        &format!("(id: 1, name: \"C\", from: 1, to: 2, {extra})"),
        "",
    )
}

fn repeat(item: &str, n: usize) -> String {
    let mut s = String::with_capacity((item.len() + 2) * n);
    for _ in 0..n {
        s.push_str(item);
        s.push_str(", ");
    }
    s
}

/// The refusal of `text`: (line, column, message); panics when it loads or fails otherwise.
fn refusal(text: &str) -> (usize, usize, String) {
    match from_str(text) {
        Err(LoadError::Syntax {
            line,
            column,
            message,
        }) => (line, column, message),
        other => panic!("expected a refusal while reading, got {other:?}"),
    }
}

fn assert_refused(text: &str, expected: &str) {
    let (_, _, message) = refusal(text);
    assert!(
        message.contains(expected),
        "`{message}` does not contain `{expected}`"
    );
}

#[test]
fn the_control_files_load() {
    assert!(from_str(&with_conduit("")).is_ok());
    assert!(from_str(&file("", &zones_with(""), "", "")).is_ok());
}

#[test]
fn controls_stop_at_the_first_one_over_the_limit() {
    let ok = with_conduit(&format!(
        "controls: [{}]",
        repeat("\"vpn\"", MAX_CONTROLS_PER_CONDUIT)
    ));
    assert!(from_str(&ok).is_ok(), "the limit itself is accepted");
    let over = with_conduit(&format!(
        "controls: [{}]",
        repeat("\"vpn\"", MAX_CONTROLS_PER_CONDUIT + 1)
    ));
    let (line, column, message) = refusal(&over);
    assert_eq!(
        message,
        "conduit \"C\" has more than 256 controls (the limit)"
    );
    // the position is that of the 257th control, not the end of the list
    assert_eq!(line, 1);
    let at = over.find("controls: [").expect("controls") + "controls: [".len();
    let item = "\"vpn\", ".len();
    let the_257th = at + MAX_CONTROLS_PER_CONDUIT * item + 1;
    assert!(
        (the_257th..=the_257th + item).contains(&column),
        "column {column}, the 257th control is at {the_257th}"
    );
}

#[test]
fn an_element_whose_name_comes_later_is_named_by_position() {
    let text = file(
        "",
        &format!("{Z1}, {Z2}"),
        &format!(
            "(id: 1, name: \"First\", from: 1, to: 2), (id: 2, controls: [{}], name: \"Late\", from: 1, to: 2)",
            repeat("\"vpn\"", MAX_CONTROLS_PER_CONDUIT + 1)
        ),
        "",
    );
    assert_refused(
        &text,
        "the conduit at position 2 has more than 256 controls (the limit)",
    );
}

#[test]
fn flows_devices_and_zone_assets_are_bounded() {
    assert_refused(
        &with_conduit(&format!(
            "flows: [{}]",
            repeat("(protocol: \"x\")", MAX_FLOWS_PER_CONDUIT + 1)
        )),
        "conduit \"C\" has more than 1000 data flows (the limit)",
    );
    let devices: String = (1..=MAX_DEVICES_PER_CONDUIT + 1)
        .map(|i| format!("(id: {i}, name: \"D{i}\", component: \"firewall\"), "))
        .collect();
    assert_refused(
        &with_conduit(&format!("devices: [{devices}]")),
        "conduit \"C\" has more than 1000 devices (the limit)",
    );
    let assets: String = (1..=MAX_ASSETS_PER_ZONE + 1)
        .map(|i| format!("(id: {i}, name: \"P{i}\", component: \"plc\"), "))
        .collect();
    assert_refused(
        &file("", &zones_with(&format!("assets: [{assets}]")), "", ""),
        "zone \"A\" has more than 10000 assets (the limit)",
    );
}

#[test]
fn zones_and_conduits_are_bounded() {
    let zones: String = (1..=MAX_ZONES + 1)
        .map(|i| {
            format!("(id: {i}, name: \"\", kind: Control, rect: (x: 0.0, y: 0.0, w: 1.0, h: 1.0)),")
        })
        .collect();
    assert_refused(
        &file("", &zones, "", ""),
        "the project has more than 50000 zones (the limit)",
    );
    let conduits: String = (1..=MAX_CONDUITS + 1)
        .map(|i| format!("(id: {i}, name: \"\", from: 1, to: 2),"))
        .collect();
    assert_refused(
        &file("", &format!("{Z1}, {Z2}"), &conduits, ""),
        "the project has more than 50000 conduits (the limit)",
    );
}

#[test]
fn zones_conduits_and_assets_together_are_bounded() {
    // eleven zones of 9,100 assets: each zone within its limit, the project over its total
    let mut zones = String::new();
    let mut next = 1;
    for z in 1..=11 {
        zones.push_str(&format!(
            "(id: {z}, name: \"Z{z}\", kind: Control, rect: (x: 0.0, y: 0.0, w: 1.0, h: 1.0), assets: ["
        ));
        for _ in 0..9_100 {
            zones.push_str(&format!("(id: {next}, name: \"\", component: \"plc\"),"));
            next += 1;
        }
        zones.push_str("]),");
    }
    assert_refused(
        &file("", &zones, "", ""),
        "more than 100000 zones, conduits and assets in the project (the limit)",
    );
}

#[test]
fn entries_of_all_lists_together_are_bounded() {
    // 4,000 conduits of 251 controls: 1,004,000 controls, each conduit within its limit
    let controls = format!("controls: [{}]", repeat("\"\"", 251));
    let conduits: String = (1..=4_000)
        .map(|i| format!("(id: {i}, name: \"\", from: 1, to: 2, {controls}),"))
        .collect();
    assert_refused(
        &file("", &format!("{Z1}, {Z2}"), &conduits, ""),
        "more than 1000000 list and map entries in the project (the limit",
    );
}

#[test]
fn a_requirement_id_given_twice_is_refused_with_line_and_column() {
    let text = file(
        "",
        &zones_with(
            "requirements: {\n\"SR 1.1\": (status: Met),\n\"SR 2.1\": (status: Met),\n   \"SR 1.1\": (status: NotMet)}",
        ),
        "",
        "",
    );
    let (line, column, message) = refusal(&text);
    assert_eq!(
        message,
        "zone \"A\" gives requirement \"SR 1.1\" twice; each requirement has one status"
    );
    // at the second "SR 1.1"
    assert_eq!((line, column), (4, 5));
}

#[test]
fn requirement_statuses_are_bounded() {
    let entries = |n: usize| -> String {
        (0..n)
            .map(|i| format!("\"SR {i}\": (status: Met),"))
            .collect()
    };
    let ok = file(
        "",
        &zones_with(&format!(
            "requirements: {{{}}}",
            entries(MAX_REQUIREMENTS_PER_ELEMENT)
        )),
        "",
        "",
    );
    assert!(from_str(&ok).is_ok());
    assert_refused(
        &with_conduit(&format!(
            "requirements: {{{}}}",
            entries(MAX_REQUIREMENTS_PER_ELEMENT + 1)
        )),
        "conduit \"C\" has more than 200 requirement statuses (the limit)",
    );
}

#[test]
fn the_requirement_limit_is_twice_the_catalog() {
    let catalog = crate::catalog::Catalog::embedded();
    assert!(MAX_REQUIREMENTS_PER_ELEMENT >= 2 * catalog.requirements.len());
    assert!(MAX_CONTROLS_PER_CONDUIT >= 2 * catalog.controls.len());
}

#[test]
fn revisions_are_bounded() {
    assert_refused(
        &file(
            &format!(
                "revisions: [{}]",
                repeat("(revision: \"A\")", MAX_REVISIONS + 1)
            ),
            "",
            "",
            "",
        ),
        "the revision history has more than 1000 revisions (the limit)",
    );
}

#[test]
fn risk_lists_are_bounded() {
    let scenarios = |n: usize| format!("risk: (scenarios: [{}])", repeat("()", n));
    assert_refused(
        &file("", &zones_with(&scenarios(MAX_SCENARIOS + 1)), "", ""),
        "zone \"A\" has more than 1000 threat scenarios (the limit)",
    );
    assert_refused(
        &file(
            "",
            "",
            "",
            &format!(", risk: (initial: [{}])", repeat("()", MAX_SCENARIOS + 1)),
        ),
        "the initial risk assessment has more than 1000 threat scenarios (the limit)",
    );
    let one = |scenario: &str| format!("risk: (scenarios: [(title: \"Ransom\", {scenario})])");
    assert_refused(
        &with_conduit(&one(&format!(
            "additional_countermeasures: [{}]",
            repeat("()", MAX_COUNTERMEASURES + 1)
        ))),
        "threat scenario \"Ransom\" of conduit \"C\" has more than 100 additional countermeasures (the limit)",
    );
    assert_refused(
        &with_conduit(&one(&format!(
            "affected_assets: [{}]",
            repeat("1", MAX_SCENARIO_ASSETS + 1)
        ))),
        "threat scenario \"Ransom\" of conduit \"C\" has more than 10000 affected assets (the limit)",
    );
    assert_refused(
        &with_conduit(&one(&format!(
            "residual_consequence: [{}]",
            repeat("1", MAX_RATINGS + 1)
        ))),
        "threat scenario \"Ransom\" of conduit \"C\" has more than 10 consequence ratings (the limit)",
    );
}

#[test]
fn the_risk_matrix_is_bounded_by_the_model_limits() {
    let matrix = |field: &str| format!(", risk: (matrix: ({field}))");
    for (field, expected) in [
        (
            format!("likelihood: [{}]", repeat("()", MAX_SCALE_STEPS + 1)),
            "has more than 10 scale steps (the limit)",
        ),
        (
            format!("categories: [{}]", repeat("\"c\"", MAX_CATEGORIES + 1)),
            "the risk matrix has more than 10 consequence categories (the limit)",
        ),
        (
            format!("levels: [{}]", repeat("()", MAX_RISK_LEVELS + 1)),
            "the risk matrix has more than 10 risk levels (the limit)",
        ),
        (
            format!("cells: [{}]", repeat("[0]", MAX_SCALE_STEPS + 1)),
            "the risk matrix has more than 10 rows of cells (the limit)",
        ),
        (
            format!("cells: [[{}]]", repeat("0", MAX_SCALE_STEPS + 1)),
            "a row of the risk matrix has more than 10 cells (the limit)",
        ),
    ] {
        assert_refused(&file("", "", "", &matrix(&field)), expected);
    }
}

#[test]
fn every_kind_of_text_is_bounded_and_named_by_its_element() {
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let cases = [
        (
            with_conduit(&format!(
                "requirements: {{\"SR 1.1\": (status: Compensated, text: \"{long}\")}}"
            )),
            "a text of requirement \"SR 1.1\" of conduit \"C\" is 64 KB long",
        ),
        (
            with_conduit(&format!(
                "flows: [(protocol: \"Modbus\"), (port: \"{long}\")]"
            )),
            "a text of the data flow at position 2 of conduit \"C\" is 64 KB long",
        ),
        (
            file(
                "",
                &zones_with(&format!("characteristics: (assumptions: \"{long}\")")),
                "",
                "",
            ),
            "a text of zone \"A\" is 64 KB long",
        ),
        (
            with_conduit(&format!(
                "risk: (scenarios: [(title: \"T\", vector: \"{long}\")])"
            )),
            "a text of threat scenario \"T\" of conduit \"C\" is 64 KB long",
        ),
        (
            with_conduit(&format!("controls: [\"{long}\"]")),
            "a text of conduit \"C\" is 64 KB long",
        ),
        (
            file(&format!("site: \"{long}\""), "", "", ""),
            "a text of the project is 64 KB long",
        ),
        (
            file(
                "",
                &format!(
                    "(id: 1, name: \"{long}\", kind: Control, rect: (x: 0.0, y: 0.0, w: 1.0, h: 1.0))"
                ),
                "",
                "",
            ),
            "the name of the zone at position 1 is 64 KB long",
        ),
        (
            file(
                "",
                &zones_with(&format!("requirements: {{\"{long}\": ()}}")),
                "",
                "",
            ),
            "a text of zone \"A\" is 64 KB long",
        ),
    ];
    for (text, expected) in cases {
        assert_refused(&text, expected);
        let (_, _, message) = refusal(&text);
        assert!(
            message.contains("text fields are limited to 64 KB"),
            "{message}"
        );
    }
}

#[test]
fn the_totals_start_from_zero_for_each_file() {
    // the totals are counted per file: a second file starts from zero
    let controls = format!("controls: [{}]", repeat("\"\"", 250));
    let conduits: String = (1..=2_000)
        .map(|i| format!("(id: {i}, name: \"\", from: 1, to: 2, {controls}),"))
        .collect();
    let text = file("", &format!("{Z1}, {Z2}"), &conduits, "");
    assert!(from_str(&text).is_ok());
    assert!(from_str(&text).is_ok(), "the second read starts from zero");
}

#[test]
fn reading_stops_at_the_byte_limit_whatever_the_size_said() {
    // an endless source that claims to be empty, like /dev/zero or a /proc file
    match read_bounded(std::io::repeat(0), 0) {
        Err(LoadError::TooLarge { bytes }) => assert_eq!(bytes, MAX_FILE_BYTES + 1),
        other => panic!("{:?}", other.map(|b| b.len())),
    }
    let exact = read_bounded(std::io::repeat(b' ').take(MAX_FILE_BYTES), 0);
    assert_eq!(exact.map(|b| b.len() as u64), Ok(MAX_FILE_BYTES));
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_before_it_is_read() {
    let e = crate::file::load(std::path::Path::new("/dev/zero")).expect_err("a device");
    assert_eq!(
        e.error,
        LoadError::Io {
            message: "it is a device, not a project file; only regular files are read".into()
        }
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("plant.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // A writer waits for a reader: if `load` opened the FIFO, it would get an empty file
    // instead of the refusal below (and the assertion fails rather than hangs).
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || drop(std::fs::OpenOptions::new().write(true).open(fifo)))
    };
    let e = crate::file::load(&fifo).expect_err("a FIFO");
    assert_eq!(
        e.error,
        LoadError::Io {
            message: "it is a named pipe (FIFO), not a project file; only regular files are read"
                .into()
        }
    );
    // release the writer
    drop(std::fs::File::open(&fifo));
    writer.join().expect("writer");
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = crate::file::load(dir.path()).expect_err("a folder");
    assert!(e.to_string().contains("it is a folder"), "{e}");
}

#[test]
fn validate_applies_the_same_limits_to_a_project_in_memory() {
    use crate::model::{
        Approval, Conduit, ConduitId, DataFlow, Project, Rect, Zone, ZoneId, ZoneKind,
    };
    let mut p = Project::default();
    for id in [1, 2] {
        let r = Rect::new(f32::from(id as u8) * 20.0, 0.0, 10.0, 10.0);
        p.zones.push(Zone::new(
            ZoneId(id),
            format!("Z{id}"),
            ZoneKind::Control,
            r,
        ));
    }
    let mut c = Conduit::new(ConduitId(1), "C", ZoneId(1), ZoneId(2));
    c.controls = vec!["vpn".to_owned(); MAX_CONTROLS_PER_CONDUIT];
    p.conduits.push(c);
    assert_eq!(crate::file::validate(&p), Ok(()));
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let mut over = p.clone();
    over.conduits[0].controls.push("mfa".to_owned());
    over.conduits[0].flows.push(DataFlow {
        initiator_text: long.clone(),
        ..Default::default()
    });
    over.approval = Some(Approval {
        conditions: long,
        ..Default::default()
    });
    let Err(LoadError::Invalid { problems }) = crate::file::validate(&over) else {
        panic!("over the limits, yet valid");
    };
    assert_eq!(
        problems,
        [
            "a text of conduit \"C\" is 64 KB long; text fields are limited to 64 KB",
            "conduit \"C\" has 257 controls; at most 256 are accepted (the limit)",
            "a text of the approval is 64 KB long; text fields are limited to 64 KB",
        ]
    );
    // and what validate refuses, reading refuses too
    assert!(from_str(&crate::file::to_string(&over).expect("serialise")).is_err());
    assert!(from_str(&crate::file::to_string(&p).expect("serialise")).is_ok());
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_regular_file_is_read_and_one_to_a_device_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.ron");
    std::fs::write(&real, with_conduit("")).expect("write");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    assert!(crate::file::load(&link).is_ok());
    let to_device = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &to_device).expect("symlink");
    let e = crate::file::load(&to_device).expect_err("a device behind a link");
    assert!(e.to_string().contains("it is a device"), "{e}");
}

#[test]
fn validate_counts_the_entries_of_all_lists_as_reading_does() {
    use crate::model::{Conduit, ConduitId, Project, Rect, Zone, ZoneId, ZoneKind};
    let mut p = Project::default();
    for id in [1, 2] {
        let r = Rect::new(f32::from(id as u8) * 20.0, 0.0, 10.0, 10.0);
        p.zones.push(Zone::new(
            ZoneId(id),
            format!("Z{id}"),
            ZoneKind::Control,
            r,
        ));
    }
    // the default risk matrix has entries of its own: fill up to the limit exactly
    let matrix = &p.risk.matrix;
    let matrix_entries = matrix.likelihood.len()
        + matrix.consequence.len()
        + matrix.categories.len()
        + matrix.levels.len()
        + matrix.cells.len()
        + matrix.cells.iter().map(Vec::len).sum::<usize>();
    let mut left = MAX_ENTRIES - matrix_entries;
    let mut id = 1;
    while left > 0 {
        let mut c = Conduit::new(ConduitId(id), "", ZoneId(1), ZoneId(2));
        let n = left.min(MAX_CONTROLS_PER_CONDUIT);
        c.controls = vec![String::new(); n];
        left -= n;
        p.conduits.push(c);
        id += 1;
    }
    assert_eq!(crate::file::validate(&p), Ok(()));
    assert!(
        from_str(&crate::file::to_string(&p).expect("serialise")).is_ok(),
        "reading agrees"
    );
    p.conduits[0].flows.push(Default::default());
    let e = crate::file::validate(&p).expect_err("one entry over");
    assert!(
        e.to_string()
            .contains("the project has 1000001 list and map entries; at most 1000000"),
        "{e}"
    );
    assert!(
        from_str(&crate::file::to_string(&p).expect("serialise")).is_err(),
        "reading agrees"
    );
}

#[test]
fn the_ends_and_ports_of_a_flow_are_bounded() {
    use crate::model::limits::{MAX_ENDPOINT_ASSETS, MAX_PORT_RANGES};
    let ports = repeat("(1, 2)", MAX_PORT_RANGES + 1);
    let (_, _, message) = refusal(&with_conduit(&format!("flows: [(ports: [{ports}])]")));
    assert!(message.contains("port ranges"), "{message}");
    let assets = repeat("1", MAX_ENDPOINT_ASSETS + 1);
    let (_, _, message) = refusal(&with_conduit(&format!(
        "flows: [(source: (zone: Some(1), assets: [{assets}]))]"
    )));
    assert!(message.contains("assets"), "{message}");
    // at the limit it loads
    let ports = repeat("(1, 2)", MAX_PORT_RANGES);
    assert!(crate::file::from_str(&with_conduit(&format!("flows: [(ports: [{ports}])]"))).is_ok());
}
