//! `zonewright import`: exit 0 when every row is imported, 1 when some are rejected, 2 when the
//! input cannot be read (and then nothing is written); --into, --dry-run, --mapping, --sheet.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn zonewright(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("import")
        .args(args)
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn exit_0_when_every_row_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plant.ron");
    let o = zonewright(&[
        fixture("ot_monitoring.csv").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("10 rows: 10 added, 0 changed, 0 unchanged, 0 rejected"),
        "{stdout}"
    );
    assert!(stdout.contains("new zone: Cell 1"), "{stdout}");
    assert!(
        stdout.contains("unmapped type \"IP camera\": 1 asset"),
        "{stdout}"
    );
    let p = zonewright::file::load(&out).expect("a valid project");
    assert_eq!(p.asset_count(), 10);
}

#[test]
fn exit_1_when_rows_are_rejected_and_they_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    let o = zonewright(&[
        fixture("ot_monitoring.csv").as_os_str(),
        "-o".as_ref(),
        first.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let second = dir.path().join("second.ron");
    let o = zonewright(&[
        fixture("reimport.csv").as_os_str(),
        "--into".as_ref(),
        first.as_os_str(),
        "-o".as_ref(),
        second.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let stderr = text(&o.stderr);
    assert!(stderr.contains("rejected: row 12: empty name"), "{stderr}");
    assert!(
        stderr.contains("rejected: row 13: bad IP address"),
        "{stderr}"
    );
    let stdout = text(&o.stdout);
    assert!(
        stdout.contains("1 added, 1 changed, 8 unchanged, 4 rejected; 1 missing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 2: PLC-101 changed: firmware"),
        "{stdout}"
    );
    assert!(
        stdout.contains("missing from the file (kept): HMI-11"),
        "{stdout}"
    );
    assert_eq!(zonewright::file::load(&second).unwrap().asset_count(), 11);
}

#[test]
fn exit_2_for_an_unreadable_input_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("photo.csv");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let out = dir.path().join("out.ron");
    let o = zonewright(&[bad.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error: photo.csv: "),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists(), "no output written");
    let o = zonewright(&[
        dir.path().join("none.csv").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    let o = zonewright(&[
        fixture("ot_monitoring.csv").as_os_str(),
        "--sheet".as_ref(),
        "Assets".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2), "a sheet of a CSV file");
    assert!(!out.exists());
}

#[test]
fn dry_run_writes_nothing_and_a_mapping_file_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"rules": ["purdue_level"], "levels": {"1": "Control", "2": "Supervisory"}}"#,
    )
    .unwrap();
    let o = zonewright(&[
        fixture("free_headers_tab_utf16.txt").as_os_str(),
        "--mapping".as_ref(),
        mapping.as_os_str(),
        "--dry-run".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(stdout.contains("new zone: Control"), "{stdout}");
    assert!(stdout.contains("new zone: Level 3"), "{stdout}");
    assert!(!stdout.contains("wrote"), "{stdout}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the mapping file"
    );
    std::fs::write(&mapping, r#"{"rules": ["sideways"]}"#).unwrap();
    let o = zonewright(&[
        fixture("free_headers_tab_utf16.txt").as_os_str(),
        "--mapping".as_ref(),
        mapping.as_os_str(),
        "--dry-run".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("not a zone rule"),
        "{}",
        text(&o.stderr)
    );
}
