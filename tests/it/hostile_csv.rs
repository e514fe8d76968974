//! Damaged CSV inventories through `zonewright import`: a quote that never closes (a stray `"`,
//! a file cut inside a quoted field) is an error naming the row where it opened, and a UTF-8
//! file with rows in another encoding is refused naming those lines; nothing is written.

use std::path::Path;
use std::process::{Command, Output};

fn import(dir: &Path, csv: &[u8]) -> (Output, bool) {
    let input = dir.join("inventory.csv");
    std::fs::write(&input, csv).expect("written");
    let out = dir.join("out.ron");
    let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    (o, out.exists())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// 400 devices, row `stray` starting with a stray quote.
fn inventory(stray: Option<usize>) -> String {
    let mut s = String::from("name,ip,vendor\n");
    for i in 2..=401 {
        let q = if Some(i) == stray { "\"" } else { "" };
        s.push_str(&format!(
            "{q}PLC-{i},10.1.{}.{},Siemens\n",
            i / 200,
            i % 200 + 1
        ));
    }
    s
}

#[test]
fn the_inventory_without_damage_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, written) = import(dir.path(), inventory(None).as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(written);
}

#[test]
fn a_stray_quote_is_an_error_naming_its_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, written) = import(dir.path(), inventory(Some(5)).as_bytes());
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("row 5:") && e.contains("never closed"), "{e}");
    assert!(!written);
}

#[test]
fn a_file_cut_inside_a_quoted_field_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "name,ip,notes\nPLC-1,10.1.1.1,\"fine\"\nPLC-2,10.1.1.2,\"line one\nline two\"\n\"PLC-3,10.1.1.";
    let (o, written) = import(dir.path(), text.as_bytes());
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    // the third data record (row 4) starts on line 5 of the file
    assert!(e.contains("row 4:") && e.contains("line 5"), "{e}");
    assert!(!written);
}

#[test]
fn doubled_quotes_inside_a_quoted_field_are_no_damage() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "name,ip,notes\nPLC-1,10.1.1.1,\"say \"\"hi\"\"\"\nPLC-2,10.1.1.2,x\"y\n";
    let (o, written) = import(dir.path(), text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(written);
}

#[test]
fn a_utf8_file_with_a_latin1_row_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = "name,ip,vendor\nPumpe Süd,10.1.1.1,Müller\nPumpe Nord,10.1.1.2,Bürkert\n"
        .as_bytes()
        .to_vec();
    // "Kühler" in Windows-1252
    text.extend_from_slice(b"K\xfchler,10.1.1.3,ABB\n");
    let (o, written) = import(dir.path(), &text);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("line 4") && e.contains("UTF-8"), "{e}");
    assert!(!written);
}

#[test]
fn a_windows_1252_file_is_still_read_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (o, written) = import(dir.path(), b"name;ip\nK\xfchler;10.1.1.3\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(written);
    let ron = std::fs::read_to_string(dir.path().join("out.ron")).expect("read");
    assert!(ron.contains("Kühler"), "{ron}");
}

#[test]
fn an_import_that_could_not_be_saved_is_refused_in_its_preview() {
    // 1,000 devices with 40 KB of notes each: every cell within its limit, the project not
    let mut text = String::from("name,ip,notes\n");
    let notes = "n".repeat(40 * 1024);
    for i in 0..1_000 {
        text.push_str(&format!(
            "PLC-{i},10.2.{}.{},{notes}\n",
            i / 250,
            i % 250 + 1
        ));
    }
    let table = zonewright::import::read_bytes("big.csv", text.as_bytes(), None).expect("read");
    let project = zonewright::model::Project::default();
    let e = zonewright::import::plan(&project, &table, &project.import_settings)
        .expect_err("refused before the document changes");
    assert!(e.to_string().contains("cannot be saved"), "{e}");
    assert!(e.to_string().contains("MB"), "{e}");
}
