//! The supplier compliance matrix both ways: exported with its drop-down and locked id
//! columns, filled in with a spreadsheet library as a supplier would, applied with
//! `apply-matrix`: SL-A rises as computed by hand, bad rows are listed with their row numbers
//! and skipped, `--dry-run` writes nothing, and the changes are one edit that undoes cleanly.

use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use zonewright::analysis::assess;
use zonewright::catalog::Catalog;
use zonewright::import::compliance::read_matrix;
use zonewright::model::{Project, SlVector};

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The refinery with nothing assessed in its first zone, whose SL-T is 3 everywhere.
fn plant(dir: &Path) -> (PathBuf, Project) {
    let mut p = zonewright::file::load(Path::new("samples/refinery.ron")).expect("sample");
    p.zones[0].requirements.clear();
    p.zones[0].sl_t = Some(SlVector([3; 7]));
    let path = dir.join("plant.ron");
    zonewright::file::save(&p, &path).expect("saved");
    (path, p)
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The matrix as rows of strings (header first).
fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("a workbook");
    let range = book
        .worksheet_range("Compliance matrix")
        .expect("the sheet");
    range.rows().map(|r| r.iter().map(cell).collect()).collect()
}

/// Writes `rows` as a supplier's workbook would come back.
fn write_rows(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Compliance matrix").expect("name");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, v).expect("written");
        }
    }
    book.save(path).expect("saved");
}

#[test]
fn compliance_round_trip_raises_sl_a_as_computed_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plant_path, project) = plant(dir.path());
    let zone = &project.zones[0];
    let matrix = dir.path().join("matrix.xlsx");
    let o = zonewright(&[
        "export",
        plant_path.to_str().unwrap(),
        "-o",
        matrix.to_str().unwrap(),
        "--compliance",
        "--element",
        &zone.name,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut rows = read_rows(&matrix);
    let header = rows[0].clone();
    assert_eq!(
        header,
        [
            "Requirement",
            "Title",
            "Level",
            "Element ID",
            "Element",
            "Status",
            "Countermeasure or justification",
            "Evidence",
            "Notes"
        ]
    );
    let catalog = Catalog::embedded();
    let at_sl3 = catalog.requirements.iter().filter(|r| r.level <= 3).count();
    assert_eq!(
        rows.len() - 1,
        at_sl3,
        "every item required at SL 3, one zone only"
    );
    assert!(rows[1..].iter().all(|r| r[3] == zone.id.to_string()));
    assert!(rows[1..].iter().all(|r| r[5] == "Not assessed"));

    // the supplier: every FR 1 item required at SL 1 and 2 is met, one of them by a
    // compensating countermeasure; the FR 1 items of SL 3 stay open
    let mut filled = 0;
    let mut compensated = false;
    for row in rows[1..].iter_mut() {
        let level: f64 = row[2].parse().expect("a number");
        if row[0].starts_with("SR 1.") && level <= 2.0 {
            if compensated {
                row[5] = "Met".to_owned();
            } else {
                row[5] = "Compensated".to_owned();
                row[6] = "Jump host with MFA in front of the engineering station".to_owned();
                compensated = true;
            }
            row[7] = "FAT report 12".to_owned();
            filled += 1;
        }
    }
    assert!(filled > 5, "FR 1 has items at SL 1 and 2");
    let n = rows.len();
    let bad = |req: &str, el: &str, status: &str| {
        let mut r = vec![String::new(); 9];
        r[0] = req.to_owned();
        r[3] = el.to_owned();
        r[5] = status.to_owned();
        r
    };
    rows.push(bad("SR 99.9", &zone.id.to_string(), "Met"));
    rows.push(bad("SR 2.1", "Z999", "Met"));
    rows.push(bad("SR 2.1", &zone.id.to_string(), "Done"));
    let back = dir.path().join("filled.xlsx");
    write_rows(&back, &rows);

    // dry run: the changes are shown, nothing is written
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "apply-matrix",
        plant_path.to_str().unwrap(),
        back.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--dry-run",
    ]);
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{stderr}"
    );
    assert!(!out.exists(), "a dry run writes nothing");
    assert!(stdout.contains(&format!("{filled} changes")), "{stdout}");
    assert!(stdout.contains("Not assessed → Compensated"), "{stdout}");
    // the bad rows with their spreadsheet row numbers (the header is row 1)
    assert!(
        stderr.contains(&format!("row {} skipped", n + 1)),
        "{stderr}"
    );
    assert!(stderr.contains("SR 99.9"), "{stderr}");
    assert!(
        stderr.contains(&format!("row {} skipped", n + 2)),
        "{stderr}"
    );
    assert!(stderr.contains("Z999"), "{stderr}");
    assert!(
        stderr.contains(&format!("row {} skipped", n + 3)),
        "{stderr}"
    );
    assert!(stderr.contains("\"Done\" is not a status"), "{stderr}");

    let o = zonewright(&[
        "apply-matrix",
        plant_path.to_str().unwrap(),
        back.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1));
    let after = zonewright::file::load(&out).expect("the result loads");
    let before = assess(&project, catalog);
    let now = assess(&after, catalog);
    // by hand: FR 1 (IAC) has every item of SL 1 and 2 satisfied, none of SL 3 → SL-A 2;
    // nothing else was assessed → unknown
    assert_eq!(before.zones[0].sl_a[0], None);
    assert_eq!(now.zones[0].sl_a[0], Some(2));
    assert_eq!(now.zones[0].sl_a[1..], [None; 6]);
    let z = &after.zones[0];
    let with_evidence = z
        .requirements
        .values()
        .filter(|r| r.evidence == "FAT report 12");
    assert_eq!(with_evidence.count(), filled);
    // nothing else of the project changed
    let mut same = after.clone();
    same.zones[0].requirements = project.zones[0].requirements.clone();
    assert_eq!(same, project);
}

#[test]
fn the_changes_are_one_edit_that_undoes_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, project) = plant(dir.path());
    let catalog = Catalog::embedded();
    let bytes =
        zonewright::export::compliance::export_matrix(&project, catalog, &[]).expect("the matrix");
    let matrix = dir.path().join("m.xlsx");
    std::fs::write(&matrix, &bytes).expect("written");
    let mut rows = read_rows(&matrix);
    // every conduit and zone is in it by default
    let elements: std::collections::BTreeSet<&str> =
        rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert!(elements.contains(project.zones[0].id.to_string().as_str()));
    assert!(elements.contains(project.conduits[0].id.to_string().as_str()));
    for row in rows[1..].iter_mut().take(3) {
        row[5] = "met".to_owned();
    }
    let back = dir.path().join("b.xlsx");
    write_rows(&back, &rows);
    let plan =
        read_matrix(&project, catalog, &std::fs::read(&back).expect("read")).expect("a plan");
    assert_eq!(plan.changes.len(), 3, "statuses in any case");
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    let mut p = project.clone();
    let edit = plan.edit(&p).expect("an edit");
    assert!(matches!(edit, zonewright::edit::Edit::Batch(_)));
    let inverse = edit.apply(&mut p).expect("applied");
    assert_ne!(p, project);
    inverse.apply(&mut p).expect("undone");
    assert_eq!(p, project);
}

#[test]
fn a_workbook_that_is_no_matrix_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plant_path, _) = plant(dir.path());
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"not a zip").expect("written");
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "apply-matrix",
        plant_path.to_str().unwrap(),
        junk.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("not a readable XLSX workbook"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
    // a workbook without the sheet
    let other = dir.path().join("other.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "hello")
        .expect("cell");
    book.save(&other).expect("saved");
    let o = zonewright(&[
        "apply-matrix",
        plant_path.to_str().unwrap(),
        other.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("Compliance matrix"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn an_unknown_element_for_the_matrix_is_an_error() {
    let o = zonewright(&[
        "export",
        "samples/water.ron",
        "-o",
        "/nonexistent-dir/m.xlsx",
        "--compliance",
        "--element",
        "No such zone",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no zone or conduit"),
        "{}",
        text(&o.stderr)
    );
}

/// One part of an XLSX file (a zip) as text.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut file = zip.by_name(name).expect("the part");
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8 XML");
    s
}

#[test]
fn the_matrix_sheet_is_protected_with_a_status_drop_down() {
    let project = zonewright::file::load(Path::new("samples/water.ron")).expect("sample");
    let bytes = zonewright::export::compliance::export_matrix(
        &project,
        Catalog::embedded(),
        &[project.zones[0].name.clone()],
    )
    .expect("the matrix");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "the sheet is protected");
    assert!(
        sheet.contains("autoFilter=\"0\""),
        "filtering stays allowed"
    );
    let validation = sheet
        .split("<dataValidation ")
        .nth(1)
        .expect("a data validation");
    assert!(validation.contains("type=\"list\""));
    assert!(validation.contains("sqref=\"F2:F"), "on the Status column");
    assert!(
        validation.contains("\"Not assessed,Met,Compensated,Not met,Not applicable\""),
        "{validation}"
    );
    // editable cells carry a style that is not locked; the id columns keep the default lock
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains("<protection locked=\"0\"/>"),
        "unlocked styles exist"
    );
    assert!(
        sheet.contains("<pane xSplit=\"2\" ySplit=\"1\""),
        "frozen header and ids"
    );
}
