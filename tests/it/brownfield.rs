//! A brownfield start: no project open, Import assets… on the start page starts a new project
//! and opens the import dialog; the inventory lands in it as one undo step. And the brownfield
//! task of the readability issue, performed and counted the way `workshop.rs` counts: an OT
//! monitoring export of 2,000 devices imported, its zones arranged, SL-T set, and the PDF, the
//! XLSX registers and the SVG drawing exported.
//!
//! Counting rule (as in `workshop.rs`): one action is one click, one drag, one key chord or one
//! typed string; frames in between are the program drawing, not actions. Unlike the workshop
//! count, the file dialogs' own actions are counted as a real window needs them (the scripted
//! dialogs of the test answer at once, so the test adds them where a dialog is asked):
//! - a file to open: select it (one click; the dialog starts in the folder used last) and
//!   confirm (Open or Enter) = 2 actions;
//! - a file to write with the name the program suggests ("plant.pdf"): confirm = 1 action;
//!   with no suggestion, typing the name and confirming = 2.
//!
//! The action that opens a dialog (Browse…, Export…) is counted as itself.

use crate::common;
use common::session::Session;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::time::Duration;
use zonewright::model::purdue_layout::zone_level;
use zonewright::ui::dialogs::DialogResult;

#[test]
fn import_assets_on_the_start_page_starts_a_new_project() {
    let inventory =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/ot_monitoring.csv");
    let mut h = common::harness_with(vec![DialogResult::Picked(inventory)]);
    h.run();
    assert!(h.state().doc.is_none(), "the start page");
    h.get_by_label("Import assets…").click();
    h.run();
    assert!(h.state().doc.is_some(), "a new project");
    assert!(h.state().import.is_open(), "with the import dialog open");
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    common::until_read(&mut h);
    h.get_by_label("Import").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("open");
    assert_eq!(doc.project.asset_count(), 10);
    assert_eq!(
        doc.history.undo_label(),
        Some("Import 10 assets from ot_monitoring.csv")
    );
}

impl Session {
    /// The file dialog's own actions: select the file and confirm.
    fn open_dialog(&mut self, file: &str) {
        self.act(format!("file dialog: select {file}"));
        self.act("file dialog: Open");
    }

    /// The save dialog's own action: confirm the suggested name.
    fn save_dialog_suggested(&mut self, file: &str) {
        self.act(format!("file dialog: Save as {file} (suggested)"));
    }

    /// Ctrl+E, the format (unless it is the one shown), Export…, the save dialog; waits for
    /// the background export.
    fn export(&mut self, format: Option<&str>, file: &Path) {
        self.key(Modifiers::COMMAND, Key::E);
        if let Some(f) = format {
            self.click_label(f);
        }
        let export = self
            .h
            .get_all_by_label("Export…")
            .last()
            .map(|n| n.rect().center())
            .expect("the Export… button");
        self.act("click Export…");
        common::click_at(&mut self.h, export);
        // the dialog opens with a name of the right kind filled in: confirming is enough
        let suggested = zonewright::ui::export::suggested_pdf_name(self.h.state());
        let ext = file.extension().unwrap().to_string_lossy().into_owned();
        assert!(
            suggested.len() > ext.len() + 1 && suggested.ends_with(&format!(".{ext}")),
            "{suggested}"
        );
        self.save_dialog_suggested(&suggested);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            common::wait_for_export(&mut self.h, Duration::from_secs(600)),
            "the export of {name} finishes"
        );
        self.h.run();
        assert!(file.exists(), "{name} written");
    }
}

#[test]
fn two_thousand_rows_to_pdf_xlsx_and_svg_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inventory = dir.path().join("plant-inventory.csv");
    std::fs::write(&inventory, common::big_inventory()).expect("written");
    let (pdf, xlsx, svg) = (
        dir.path().join("plant.pdf"),
        dir.path().join("plant.xlsx"),
        dir.path().join("plant.svg"),
    );
    let h = common::harness_with(vec![
        DialogResult::Picked(inventory),
        DialogResult::Picked(pdf.clone()),
        DialogResult::Picked(xlsx.clone()),
        DialogResult::Picked(svg.clone()),
    ]);
    let mut s = Session::new(h);
    s.h.run();

    // import: the start page starts a new project with the import dialog open
    s.click_label("Import assets…");
    s.click_label("Browse…");
    s.open_dialog("plant-inventory.csv");
    common::until_read(&mut s.h);
    s.h.get_by_label_contains("2,000 rows: 2,000 added");
    s.click_label("Import");
    {
        let doc = s.h.state().doc.as_ref().expect("a document");
        assert_eq!(doc.project.asset_count(), 2_000);
        assert_eq!(
            doc.history.undo_label(),
            Some("Import 2,000 assets from plant-inventory.csv")
        );
    }

    // arranged: the import lays the zones it creates out in rows by Purdue level (Level 5 at
    // the top), apart from each other; no action needed
    let p = &s.h.state().doc.as_ref().expect("a document").project;
    assert_eq!(p.zones.len(), 18);
    let rank = |z: &zonewright::model::Zone| {
        zone_level(z).map_or(usize::MAX, |l| {
            7 - zonewright::model::PurdueLevel::ALL
                .iter()
                .position(|x| *x == l)
                .expect("a level")
        })
    };
    for (i, a) in p.zones.iter().enumerate() {
        for b in &p.zones[i + 1..] {
            let (r, q) = (a.rect, b.rect);
            let apart =
                r.x + r.w <= q.x || q.x + q.w <= r.x || r.y + r.h <= q.y || q.y + q.h <= r.y;
            assert!(apart, "{} overlaps {}", a.name, b.name);
            if rank(a) < rank(b) {
                assert!(
                    r.y + r.h <= q.y,
                    "{} (higher level) above {}",
                    a.name,
                    b.name
                );
            }
        }
    }

    // SL-T 2 for every zone: select all, "Set all: 2" in the inspector
    s.key(Modifiers::COMMAND, Key::A);
    let set_all = s.h.get_by_label("Set all:").rect();
    let two =
        s.h.get_all_by_label("2")
            .map(|n| n.rect())
            .find(|r| (r.center().y - set_all.center().y).abs() < 6.0 && r.left() > set_all.right())
            .expect("the Set all: 2 button");
    s.click_at("Set all: 2", two.center());
    let p = &s.h.state().doc.as_ref().expect("a document").project;
    assert!(
        p.zones
            .iter()
            .all(|z| z.sl_t == Some(zonewright::model::SlVector::uniform(2))),
        "every zone has SL-T 2"
    );

    // the three exports
    s.export(None, &pdf);
    s.export(Some("registers workbook (.xlsx)"), &xlsx);
    s.export(Some("SVG drawing (.svg)"), &svg);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
    let drawing = std::fs::read_to_string(&svg).expect("svg");
    assert!(drawing.contains("<svg") && drawing.contains("Cell 1"));

    // 18 when counted (README, "Importing an asset inventory"): 5 to import (2 of them in the
    // file dialog), none to arrange, 2 for SL-T, 3 + 4 + 4 for the exports (one each in the
    // file dialog)
    let n = s.actions.len();
    eprintln!("{n} actions:\n{}", s.actions.join("\n"));
    assert!(
        n <= 18,
        "{n} actions (at most 18):\n{}",
        s.actions.join("\n")
    );
}
