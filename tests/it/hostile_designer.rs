//! The designer survives hostile workbooks (headless): File → Import assets… with a 2 KB
//! workbook that declares 10^14 shared strings, and File → Apply compliance matrix… with a cell
//! at XFD1048576, each end in an error message in the dialog; the window and the document stay.

use egui_kittest::kittest::Queryable;
use std::io::Write;
use std::path::Path;
use zonewright::ui::dialogs::DialogResult;

use crate::common;
use common::harness_with;

/// A one-sheet workbook with the given sheet XML rows and, if any, shared-string table.
fn workbook(path: &Path, sheet: &str, rows: &str, strings: Option<&str>) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    let opts = zip::write::SimpleFileOptions::default();
    let ns = "http://schemas.openxmlformats.org";
    let mut parts = vec![
        (
            "_rels/.rels".to_owned(),
            format!(
                r#"<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!(
                r#"<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            format!(
                r#"<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml".to_owned(),
            format!(
                r#"<worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    if let Some(s) = strings {
        parts.push(("xl/sharedStrings.xml".to_owned(), s.to_owned()));
    }
    for (name, text) in parts {
        zip.start_file(name, opts).expect("part");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("finished");
}

#[test]
fn a_hostile_inventory_ends_in_a_message_and_the_designer_stays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("inventory.xlsx");
    workbook(
        &book,
        "Sheet1",
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        Some(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="100000000000000"><si><t>name</t></si></sst>"#,
        ),
    );
    let mut h = harness_with(vec![DialogResult::Picked(book)]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    let before = h.state().doc.as_ref().expect("doc").project.clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import assets…").click();
    h.run();
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    for _ in 0..500 {
        h.step();
        if !h.state().import.is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
    h.get_by_label_contains("declares 100000000000000 shared strings but holds 1");
    assert!(h.state().import.is_open());
    assert_eq!(h.state().doc.as_ref().expect("doc").project, before);
}

#[test]
fn a_hostile_matrix_ends_in_a_message_and_the_designer_stays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("matrix.xlsx");
    workbook(
        &book,
        "Compliance matrix",
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Requirement</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
        None,
    );
    let mut h = harness_with(vec![DialogResult::Picked(book)]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    let before = h.state().doc.as_ref().expect("doc").project.clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Apply compliance matrix…").click();
    h.run();
    let dialog = h.state().apply_matrix.as_ref().expect("the dialog is open");
    let error = dialog.error().expect("an error").to_owned();
    assert!(error.contains("(the limit)"), "{error}");
    h.get_by_label_contains("(the limit)");
    assert_eq!(h.state().doc.as_ref().expect("doc").project, before);
}

#[test]
fn a_file_opened_by_a_relative_path_is_kept_by_its_absolute_path() {
    // integration tests run in the package folder, where samples/water.ron is
    let relative = Path::new("samples/water.ron");
    assert!(relative.exists());
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(relative);
    for _ in 0..200 {
        h.step();
        if h.state().doc.as_ref().is_some_and(|d| d.path.is_some()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let path = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.path.clone())
        .expect("opened");
    assert!(path.is_absolute(), "{}", path.display());
    assert_eq!(
        std::fs::canonicalize(&path).expect("exists"),
        std::fs::canonicalize(relative).expect("exists")
    );
}
