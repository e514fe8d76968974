//! Bad project files, run through the real binary: every one is refused with exit status 2 and
//! exactly one line on stderr, `error: <file>: <problem>`, with line and column where the
//! parser knows them. Small files live in `tests/corpus/`; big ones are made at run time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each corpus file and fragments its error line must contain (besides `error: ` and the path).
const CASES: &[(&str, &[&str])] = &[
    ("empty.ron", &["line 1, column 1", "the file is empty"]),
    ("whitespace_only.ron", &["the file is empty"]),
    (
        "truncated.ron",
        &[
            "line 7, column 116",
            "Expected end of string",
            "is it truncated?",
        ],
    ),
    (
        "png_renamed.ron",
        &["not UTF-8 text", "not a zonewright project"],
    ),
    (
        "pdf_renamed.ron",
        &["line 1, column 1", "not a zonewright project"],
    ),
    (
        "json_instead_of_ron.ron",
        &["line 1, column 1", "not a zonewright project"],
    ),
    (
        "no_format_marker.ron",
        &["not a zonewright project", "format: \"zonewright\""],
    ),
    ("other_format_marker.ron", &["not a zonewright project"]),
    ("no_version.ron", &["no `version` field"]),
    (
        "newer_version.ron",
        &["format version 99", "newer zonewright", "up to version 6"],
    ),
    (
        "wrong_type_id.ron",
        &["line 8, column 17", "Expected integer"],
    ),
    (
        "wrong_type_zones.ron",
        &["line 6, column 15", "Expected opening `[`"],
    ),
    (
        "missing_required_field.ron",
        &["line 8, column 77", "missing field named `kind` in `Zone`"],
    ),
    (
        "unknown_field.ron",
        &[
            "line 8, column 45",
            "Unexpected field named `colour` in `Zone`",
        ],
    ),
    (
        "unknown_zone_kind.ron",
        &["line 8, column 40", "variant named `Firewall`"],
    ),
    (
        "dangling_conduit_zone.ron",
        &[
            "inconsistent",
            "conduit \"BPCS-DMZ\" leads to zone id 9, which does not exist",
        ],
    ),
    (
        "conduit_to_itself.ron",
        &["conduit \"BPCS-DMZ\" connects a zone to itself"],
    ),
    (
        "duplicate_zone_ids.ron",
        &["zone id 1 is used twice (zone \"DMZ\")"],
    ),
    (
        "duplicate_zone_ids_multiline_name.ron",
        &["zone id 1 is used twice (zone \"DMZ\\nsecond line\")"],
    ),
    (
        "asset_in_two_zones.ron",
        &[
            "asset id 1 is used twice (asset \"PLC-1\")",
            "exactly one zone",
        ],
    ),
    (
        "nan_coordinate.ron",
        &["zone \"DMZ\"", "not a finite number"],
    ),
    (
        "inf_coordinate.ron",
        &["zone \"DMZ\"", "not a finite number"],
    ),
    (
        "negative_size.ron",
        &["zone \"DMZ\" has a size of -100 × 50"],
    ),
    (
        "absurd_size.ron",
        &["zone \"DMZ\" has a size of 1000000000 × 50"],
    ),
    (
        "far_outside.ron",
        &["zone \"DMZ\" lies outside the drawing area"],
    ),
    (
        "sl_above_4.ron",
        &["zone \"DMZ\" SL-T (1,2,3,9,1,1,1) has a level above 4"],
    ),
    ("non_utf8.ron", &["not UTF-8 text"]),
    (
        "deep_nesting.ron",
        &["line 1, column 1", "not a zonewright project"],
    ),
    (
        "deep_nesting_in_project.ron",
        &["line 1, column 67", "nested more than 32 deep"],
    ),
    (
        "deep_nesting_parens.ron",
        &["line 1, column 65", "nested more than 32 deep"],
    ),
    (
        "unterminated_string.ron",
        &["line 11, column 28", "Expected comma"],
    ),
    (
        "duplicate_requirement_id.ron",
        &[
            "line 10, column 18",
            "zone \"BPCS\" gives requirement \"SR 1.1\" twice",
        ],
    ),
    (
        "too_many_controls.ron",
        &[
            "line 37, column 96",
            "conduit \"BPCS-DMZ\" has more than 256 controls (the limit)",
        ],
    ),
    (
        "too_many_consequence_categories.ron",
        &[
            "line 8, column 76",
            "the risk matrix has more than 10 consequence categories (the limit)",
        ],
    ),
    (
        "trailing_garbage.ron",
        &["line 14, column 2", "trailing characters"],
    ),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Runs `zonewright check FILE`; returns the problems found with its answer (empty when right).
fn refused(file: &Path, fragments: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("check")
        .arg(file)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = file.display().to_string();
    let mut problems = Vec::new();
    if out.status.code() != Some(2) {
        problems.push(format!("exit status {:?}, not 2", out.status.code()));
    }
    if !out.stdout.is_empty() {
        problems.push("something was written to stdout".to_owned());
    }
    if !stderr.ends_with('\n') || stderr.matches('\n').count() != 1 {
        problems.push("stderr is not exactly one line".to_owned());
    }
    let expected_start = format!("error: {name}: ");
    if !stderr.starts_with(&expected_start) {
        problems.push(format!("stderr does not start with `{expected_start}`"));
    }
    for f in fragments {
        if !stderr.contains(f) {
            problems.push(format!("stderr lacks `{f}`"));
        }
    }
    let shown: String = stderr.chars().take(400).collect();
    problems
        .into_iter()
        .map(|p| format!("{name}: {p}; stderr was: {shown}"))
        .collect()
}

#[test]
fn every_corpus_file_is_refused_with_one_clear_line() {
    let failures: Vec<String> = CASES
        .iter()
        .flat_map(|(file, fragments)| refused(&corpus_dir().join(file), fragments))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_and_the_table_agree() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "valid.ron")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(f, _)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_valid_control_file_is_accepted() {
    // The bad files are small edits of this one: it must load, or the cases prove nothing.
    let path = corpus_dir().join("valid.ron");
    let project = zonewright::file::load(&path).expect("the control file loads");
    assert_eq!(project.zones.len(), 2);
    let out = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("the binary runs");
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const HEADER: &str = "(format: \"zonewright\", version: 1, project: (zones: [\n";

/// A zone line with `assets` assets whose ids start at `first_asset`.
fn zone(out: &mut impl Write, id: u32, name: &str, assets: std::ops::Range<u32>, same_id: bool) {
    write!(
        out,
        "(id: {id}, name: \"{name}\", kind: Control, rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0), assets: ["
    )
    .expect("write");
    for a in assets {
        let aid = if same_id { 1 } else { a };
        write!(out, "(id: {aid}, name: \"A{a}\", component: \"plc\"),").expect("write");
    }
    writeln!(out, "]),").expect("write");
}

fn buffered(path: &Path) -> std::io::BufWriter<std::fs::File> {
    std::io::BufWriter::new(std::fs::File::create(path).expect("create"))
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).expect("create");
    // sparse: no 50 MB written to disk or held in memory
    f.set_len(50 * 1024 * 1024).expect("set_len");
    let failures = refused(&path, &["50.0 MB", "larger than 32 MB are refused"]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_1_mb_name_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long_name.ron");
    let mut out = buffered(&path);
    out.write_all(HEADER.as_bytes()).expect("write");
    zone(&mut out, 1, &"x".repeat(1024 * 1024), 0..0, false);
    out.write_all(b"]))\n").expect("write");
    out.flush().expect("flush");
    drop(out);
    let failures = refused(
        &path,
        &[
            "line 2, column 16",
            "the name of the zone at position 1 is 1024 KB long",
            "limited to 64 KB",
        ],
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn more_than_100_000_assets_are_refused() {
    // eleven zones of 9,100 assets: each within the 10,000 of one zone, the total over
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many_assets.ron");
    let mut out = buffered(&path);
    out.write_all(HEADER.as_bytes()).expect("write");
    for z in 0..11 {
        let first = 1 + z * 9_100;
        zone(&mut out, z + 1, "Crowded", first..first + 9_100, false);
    }
    out.write_all(b"]))\n").expect("write");
    out.flush().expect("flush");
    drop(out);
    let failures = refused(
        &path,
        &[
            "line 12, column",
            "more than 100000 zones, conduits and assets in the project (the limit)",
        ],
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn many_zones_and_conduits_are_checked_and_one_bad_reference_found() {
    // 40,000 zones and 40,000 conduits: checking conduit ends must not be quadratic
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many_conduits.ron");
    let mut out = buffered(&path);
    out.write_all(HEADER.as_bytes()).expect("write");
    let n = 40_000;
    for id in 1..=n {
        zone(&mut out, id, &format!("Z{id}"), 0..0, false);
    }
    out.write_all(b"], conduits: [\n").expect("write");
    for id in 1..n {
        writeln!(
            out,
            "(id: {id}, name: \"C{id}\", from: {id}, to: {}),",
            id + 1
        )
        .expect("write");
    }
    writeln!(out, "(id: {n}, name: \"Last\", from: 1, to: 999999),").expect("write");
    out.write_all(b"]))\n").expect("write");
    out.flush().expect("flush");
    drop(out);
    let failures = refused(
        &path,
        &["conduit \"Last\" leads to zone id 999999, which does not exist"],
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_thousand_problems_are_summarised_on_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("same_asset_ids.ron");
    let mut out = buffered(&path);
    out.write_all(HEADER.as_bytes()).expect("write");
    zone(&mut out, 1, "Clones", 0..1000, true);
    out.write_all(b"]))\n").expect("write");
    out.flush().expect("flush");
    drop(out);
    let failures = refused(
        &path,
        &[
            "asset id 1 is used twice (asset \"A1\")",
            "and 989 more problems",
        ],
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
