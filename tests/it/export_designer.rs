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
    let ctx = h.ctx.clone();
    assert!(
        h.state_mut()
            .wait_for_export(&ctx, Duration::from_secs(120)),
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
