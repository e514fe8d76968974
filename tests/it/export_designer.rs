//! The designer's export formats and File → Apply compliance matrix…, driven with
//! egui_kittest: the format chosen in the Export dialog is written (SVG), and a filled-in
//! matrix is previewed, applied as one undo step and undone.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use zonewright::model::Status;
use zonewright::ui::DesignerApp;
use zonewright::ui::dialogs::DialogResult;

use crate::common;
use common::harness_with;

fn finish_export(h: &mut Harness<'_, DesignerApp>) {
    assert!(
        common::wait_for_export(h, Duration::from_secs(120)),
        "the export finishes"
    );
    h.run();
}

#[test]
fn the_export_dialog_writes_the_chosen_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("water.svg");
    let mut h = harness_with(vec![DialogResult::Picked(out.clone())]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Export PDF tender pack");
    // the compact option is on by default in the designer
    assert!(h.state().export_options.pdf.compact);
    h.get_by_label("SVG drawing (.svg)").click();
    h.run();
    h.get_by_label("Export SVG drawing");
    h.get_by_label("Export…").click();
    h.step();
    finish_export(&mut h);
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Exported"), "status line: {status}");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "an SVG");
    let project = h.state().doc.as_ref().expect("doc").project.clone();
    assert!(svg.contains(&project.zones[0].name));
}

#[test]
fn a_filled_matrix_is_previewed_applied_in_one_step_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let filled = dir.path().join("filled.xlsx");
    // the first dialog answer picks the filled-in matrix
    let mut h = harness_with(vec![DialogResult::Picked(filled.clone())]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    let project = h.state().doc.as_ref().expect("doc").project.clone();
    let catalog = zonewright::catalog::Catalog::embedded();
    let zone = project
        .zones
        .iter()
        .find(|z| z.sl_t.is_some())
        .expect("a zone with SL-T");
    let req = catalog
        .requirements
        .iter()
        .find(|r| r.level == 1 && !zone.requirements.contains_key(&r.id))
        .expect("an unassessed SL 1 item");
    // a supplier's workbook: one row met, one with an unknown requirement
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Compliance matrix").expect("name");
    for (c, t) in ["Requirement", "Element ID", "Status", "Evidence"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *t).expect("header");
    }
    let id = zone.id.to_string();
    for (r, row) in [
        [req.id.as_str(), &id, "Met", "Test report 7"],
        ["SR 42", &id, "Met", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, *v)
                .expect("cell");
        }
    }
    book.save(&filled).expect("saved");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Apply compliance matrix…").click();
    h.run();
    let dialog = h.state().apply_matrix.as_ref().expect("the dialog is open");
    let plan = dialog.plan().expect("read at once").clone();
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].row, 3);
    h.get_by_label_contains("Not assessed → Met");
    h.get_by_label_contains("row 3:");
    h.get_by_label("Apply 1 change").click();
    h.run();
    assert!(h.state().apply_matrix.is_none(), "closed after Apply");
    let doc = h.state().doc.as_ref().expect("doc");
    let z = doc.project.zone(zone.id).expect("zone");
    let ra = z.requirements.get(&req.id).expect("recorded");
    assert_eq!(ra.status, Status::Met);
    assert_eq!(ra.evidence, "Test report 7");
    // one undo step takes it all back
    h.state_mut().emit(zonewright::ui::Intent::Undo);
    h.run();
    let doc = h.state().doc.as_ref().expect("doc");
    assert_eq!(doc.project, project);
}

/// The preview shows what the matrix does to SL-A, the same line `apply-matrix` prints, from
/// `assess` before and after: here the refinery's first zone (SL-T 3, nothing assessed) gets
/// every FR 1 item of SL 1 and 2 met, so its SL-A in FR 1 becomes 2 (by hand, as in
/// tests/it/matrix.rs) and the other FRs stay unknown.
#[test]
fn the_matrix_preview_shows_the_sl_a_change_the_command_line_prints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p =
        zonewright::file::load(std::path::Path::new("samples/refinery.ron")).expect("sample");
    p.zones[0].requirements.clear();
    p.zones[0].sl_t = Some(zonewright::model::SlVector([3; 7]));
    let plant = dir.path().join("plant.ron");
    zonewright::file::save(&p, &plant).expect("saved");
    let zone = p.zones[0].clone();
    let catalog = zonewright::catalog::Catalog::embedded();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Compliance matrix").expect("name");
    for (c, t) in ["Requirement", "Element ID", "Status"].iter().enumerate() {
        sheet.write_string(0, c as u16, *t).expect("header");
    }
    let fr1: Vec<&str> = catalog
        .requirements
        .iter()
        .filter(|r| r.id.starts_with("SR 1.") && r.level <= 2)
        .map(|r| r.id.as_str())
        .collect();
    assert!(fr1.len() > 5);
    for (r, req) in fr1.iter().enumerate() {
        for (c, v) in [*req, &zone.id.to_string(), "Met"].iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, *v)
                .expect("cell");
        }
    }
    let filled = dir.path().join("filled.xlsx");
    book.save(&filled).expect("saved");

    let expected = format!(
        "SL-A of {} {}: (–,–,–,–,–,–,–) → (2,–,–,–,–,–,–)",
        zone.id, zone.name
    );
    // the command line prints it
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(["apply-matrix"])
        .arg(&plant)
        .arg(&filled)
        .arg("--dry-run")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains(&expected), "{stdout}");

    // the designer's preview shows the same line before anything is applied
    let mut h = harness_with(vec![DialogResult::Picked(filled)]);
    h.run();
    h.state_mut().open_path(&plant);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Apply compliance matrix…").click();
    h.run();
    h.get_by_label(&expected);
    let dialog = h.state().apply_matrix.as_ref().expect("open");
    assert_eq!(
        dialog.sl_a_changes().len(),
        1,
        "only the zone the matrix changes"
    );
    assert_eq!(
        h.state().doc.as_ref().expect("doc").project,
        p,
        "a preview changes nothing"
    );
    // the window grows to its content over a few frames (egui sizes it from the last one)
    h.run_steps(10);
    h.get_by_label(&format!("Apply {} changes", fr1.len()))
        .click();
    h.run();
    assert!(h.state().apply_matrix.is_none(), "closed after Apply");
    let doc = h.state().doc.as_ref().expect("doc");
    let now = zonewright::analysis::assess(&doc.project, catalog);
    assert_eq!(
        now.zones[0].sl_a,
        [Some(2), None, None, None, None, None, None]
    );
}
