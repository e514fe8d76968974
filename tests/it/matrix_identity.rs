//! A compliance matrix is applied only to the project it was made for: the water plant's matrix
//! applied to the refinery is refused (and with --skip-mismatched every row is listed as
//! skipped), and a matrix whose Element ID column was edited is refused naming the rows.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use std::process::{Command, Output};

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn export(sample: &str, out: &Path) {
    let o = zonewright(&[
        "export",
        sample,
        "-o",
        out.to_str().expect("utf-8"),
        "--compliance",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Every sheet of a workbook as rows of text.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("a workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).expect("sheet");
            let rows = range.rows().map(|r| r.iter().map(cell).collect()).collect();
            (n, rows)
        })
        .collect()
}

fn write(path: &Path, sheets: &[(String, Vec<Vec<String>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, v).expect("written");
            }
        }
    }
    book.save(path).expect("saved");
}

/// Every Status cell of the matrix set to "Met".
fn all_met(sheets: &mut [(String, Vec<Vec<String>>)]) {
    let (_, rows) = sheets
        .iter_mut()
        .find(|(n, _)| n == "Compliance matrix")
        .expect("the matrix");
    for row in rows.iter_mut().skip(1) {
        row[5] = "Met".into();
        row[7] = "Evidence from the supplier".into();
    }
}

#[test]
fn another_projects_matrix_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let matrix = dir.path().join("water.xlsx");
    export("sample:water", &matrix);
    let mut s = sheets(&matrix);
    all_met(&mut s);
    write(&matrix, &s);
    let out = dir.path().join("out.ron");
    let args = [
        "apply-matrix",
        "sample:refinery",
        matrix.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ];
    let o = zonewright(&args);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("made for another project"), "{e}");
    assert!(!out.exists());
    // the explicit option lists every row whose element is not the refinery's as skipped
    let mut with = args.to_vec();
    with.push("--skip-mismatched");
    let o = zonewright(&with);
    let e = stderr(&o);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{e}");
    assert!(
        e.contains("warning: the matrix was made for another project"),
        "{e}"
    );
    assert!(e.contains("in the matrix but"), "{e}");
}

#[test]
fn an_edited_element_id_column_is_refused_naming_the_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let matrix = dir.path().join("refinery.xlsx");
    export("sample:refinery", &matrix);
    let mut s = sheets(&matrix);
    all_met(&mut s);
    let (_, rows) = s
        .iter_mut()
        .find(|(n, _)| n == "Compliance matrix")
        .expect("the matrix");
    // the locked ID column edited: the rows of Z1 now say Z2 (their names still say Z1's)
    let mut edited = Vec::new();
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        if row[3] == "Z1" {
            row[3] = "Z2".into();
            edited.push(i + 1);
        }
    }
    assert!(!edited.is_empty());
    write(&matrix, &s);
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "apply-matrix",
        "sample:refinery",
        matrix.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains(&format!("row {}: Z2 is", edited[0])), "{e}");
    assert!(e.contains("nothing was applied"), "{e}");
    assert!(!out.exists());
}

#[test]
fn the_projects_own_matrix_applies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let matrix = dir.path().join("refinery.xlsx");
    export("sample:refinery", &matrix);
    let mut s = sheets(&matrix);
    all_met(&mut s);
    write(&matrix, &s);
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "apply-matrix",
        "sample:refinery",
        matrix.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning: the"), "{}", stderr(&o));
    assert!(out.exists());
}
