//! Output hygiene of the command line, run as a user would: names with terminal escape
//! sequences and bidirectional overrides come out escaped in `check` (text and JSON), in error
//! lines and in the messages of `export` and `approve`; text that no bundled font can print is
//! warned about naming the element, without changing the exit status.

use std::process::{Command, Output};
use zonewright::file;
use zonewright::model::Project;

const HOSTILE: &str = "\u{1b}[2JBPCS\u{202e}lortnoc\u{9b}31m";

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn sample(name: &str) -> Project {
    let s = zonewright::samples::find(name).expect("sample exists");
    file::from_str(s.text).expect("sample loads")
}

/// No control character but the line break, no bidirectional character.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            c == '\n' || !zonewright::model::text::is_hidden(c),
            "{what} contains U+{:04X} raw:\n{text}",
            c as u32
        );
    }
}

fn hostile_project(dir: &std::path::Path) -> std::path::PathBuf {
    let mut project = sample("refinery");
    project.zones[0].name = HOSTILE.to_owned();
    project.conduits[0].name = format!("link {HOSTILE}");
    project.meta.title = format!("Plant\u{1b}]0;owned\u{7} {HOSTILE}");
    if let Some(s) = project.zones[1].risk.scenarios.first_mut() {
        s.title = format!("scenario {HOSTILE}");
    }
    let path = dir.join("hostile.ron");
    file::save(&project, &path).expect("saved");
    path
}

#[test]
fn check_text_shows_escape_sequences_and_bidi_overrides_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_project(dir.path());
    let o = zonewright(&["check", path.to_str().expect("utf-8 path")]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{o:?}");
    assert_clean("check output", &o.stdout);
    assert_clean("check errors", &o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("\\x1b[2JBPCS\\u{202e}lortnoc\\u{9b}31m"),
        "the zone name is shown escaped:\n{out}"
    );
    assert!(out.contains("Plant\\x1b]0;owned\\x07"), "the title:\n{out}");
}

#[test]
fn check_json_escapes_them_and_decodes_to_the_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_project(dir.path());
    let o = zonewright(&[
        "check",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_clean("JSON", &o.stdout);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(
        v["zones"][0]["name"], HOSTILE,
        "programs get the exact name"
    );
}

#[test]
fn error_lines_are_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    // two zones with one id, the second named with escapes (RON's \u{..} escapes)
    let text = std::fs::read_to_string("tests/corpus/duplicate_zone_ids.ron")
        .expect("corpus file")
        .replace("\"DMZ\"", "\"\\u{1b}[2JDMZ\\u{202e}\"");
    assert!(text.contains("\\u{202e}"));
    let path = dir.path().join("dup\u{202e}.ron");
    std::fs::write(&path, text).expect("written");
    let o = zonewright(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    assert_clean("the error line", &o.stderr);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("\\u{202e}"), "{err}");
}

#[test]
fn export_and_approve_messages_are_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = hostile_project(dir.path());
    let pdf = dir.path().join("pack\u{1b}[2J.pdf");
    let o = zonewright(&[
        "export",
        path.to_str().expect("utf-8 path"),
        "-o",
        pdf.to_str().expect("utf-8 path"),
        "--no-details",
        "--no-matrix",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_clean("export", &o.stdout);
    assert!(String::from_utf8_lossy(&o.stdout).contains("pack\\x1b[2J.pdf"));
    let o = zonewright(&[
        "approve",
        path.to_str().expect("utf-8 path"),
        "--approver",
        "Eve\u{202e}",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_clean("approve", &o.stdout);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Eve\\u{202e}"));
}

#[test]
fn export_warns_about_text_no_bundled_font_has_and_still_succeeds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut project = sample("water");
    project.zones[0].name = "Intake \u{13000}\u{13001}".to_owned();
    let path = dir.path().join("glyphs.ron");
    file::save(&project, &path).expect("saved");
    let pdf = dir.path().join("glyphs.pdf");
    let o = zonewright(&[
        "export",
        path.to_str().expect("utf-8 path"),
        "-o",
        pdf.to_str().expect("utf-8 path"),
        "--no-details",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(pdf.exists());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: zone \"Intake \u{13000}\u{13001}\": characters U+13000, U+13001 have no glyph in the bundled fonts and print as boxes"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one element, one line: {err}");
}
