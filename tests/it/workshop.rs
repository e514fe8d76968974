//! The workshop task of the designer-fluency issue, performed on the real designer the way a
//! practised user would — clicks, drags, keys and typing through egui_kittest — and counted:
//! from a blank project to a PDF with five zones (one named "Leitwarte Süd"), six assets, four
//! conduits (one one-way, one with a firewall, owner, purpose and test method) and a few
//! requirement statuses, saved and reopened, in at most 40 actions.
//!
//! One action is one click, one drag, one key chord or one typed string. Frames in between
//! (`run`) are not actions: they are the program drawing.

use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::kittest::Queryable;
use std::time::Duration;
use zonewright::model::{Direction, Status, ZoneKind};
use zonewright::ui::dialogs::DialogResult;

use crate::common;
use common::session::Session;

impl Session {
    /// Drags the palette entry `label` onto the canvas at `to`.
    fn drag_from_palette(&mut self, label: &str, to: Pos2) {
        let from = self
            .h
            .get_all_by_label(label)
            .find(|n| n.rect().left() < 260.0 && n.rect().bottom() < 900.0)
            .map(|n| n.rect().center())
            .unwrap_or_else(|| panic!("palette entry {label:?}"));
        self.drag(&format!("{label} from the palette"), from, to);
    }

    /// Clicks the text field under the label `label` and types `text` into it.
    fn fill(&mut self, label: &str, text: &str) {
        self.click_field(label);
        self.type_text(text);
    }

    /// Clicks the text field under the label `label`.
    fn click_field(&mut self, label: &str) {
        use egui::accesskit::Role;
        let field =
            common::below_label(&self.h, label, &[Role::TextInput, Role::MultilineTextInput]);
        self.click_at(&format!("the {label} field"), field);
    }

    fn project(&self) -> &zonewright::model::Project {
        &self.h.state().doc.as_ref().expect("a document").project
    }

    fn zone_index(&self, kind: ZoneKind) -> usize {
        self.project()
            .zones
            .iter()
            .position(|z| z.kind == kind)
            .unwrap_or_else(|| panic!("a {kind:?} zone"))
    }

    /// A point in the lower part of zone `i` (where chips go), on screen.
    fn inside_zone(&self, i: usize) -> Pos2 {
        let r = self.project().zones[i].rect;
        self.h
            .state()
            .canvas
            .scene_to_screen(r.x + r.w / 2.0, r.y + r.h * 0.75)
    }

    /// The zone's title bar, on screen.
    fn zone_title(&self, i: usize) -> Pos2 {
        let r = self.project().zones[i].rect;
        self.h
            .state()
            .canvas
            .scene_to_screen(r.x + r.w * 0.3, r.y + 12.0)
    }

    /// The connector handle of zone `i`: the middle of its right edge.
    fn connector(&self, i: usize) -> Pos2 {
        let r = self.project().zones[i].rect;
        self.h
            .state()
            .canvas
            .scene_to_screen(r.x + r.w, r.y + r.h / 2.0)
    }

    fn conduit_label(&self, from: usize, to: usize) -> Pos2 {
        let p = self.project();
        let (a, b) = (p.zones[from].rect, p.zones[to].rect);
        let (ax, ay) = (a.x + a.w / 2.0, a.y + a.h / 2.0);
        let (bx, by) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
        self.h
            .state()
            .canvas
            .scene_to_screen((ax + bx) / 2.0, (ay + by) / 2.0)
    }
}

#[test]
fn blank_project_to_pdf_in_at_most_40_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = dir.path().join("Leitwarte.ron");
    let pdf = dir.path().join("Leitwarte.pdf");
    let h = common::harness_with(vec![
        DialogResult::Picked(ron.clone()),
        DialogResult::Picked(ron.clone()),
        DialogResult::Picked(pdf.clone()),
    ]);
    let mut s = Session::new(h);
    s.h.run();

    s.click_label("New project");

    // five zones, from the palette onto the canvas (the palette ends near x = 200)
    for (kind, at) in [
        ("Enterprise", pos2(360.0, 110.0)),
        ("DMZ", pos2(720.0, 110.0)),
        ("Control", pos2(720.0, 330.0)),
        ("Safety", pos2(1010.0, 330.0)),
        ("Supervisory", pos2(360.0, 330.0)),
    ] {
        s.drag_from_palette(kind, at);
    }
    assert_eq!(s.project().zones.len(), 5);
    let rects: Vec<_> = s.project().zones.iter().map(|z| z.rect).collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "the zones lie side by side: {a:?} {b:?}");
        }
    }

    // the zone just dropped is selected: F2 renames it in place (its name selected)
    s.key(Modifiers::NONE, Key::F2);
    s.type_text("Leitwarte Süd");
    s.key(Modifiers::NONE, Key::Enter);
    let leitwarte = s.zone_index(ZoneKind::Supervisory);
    let (enterprise, dmz, control, safety) = (
        s.zone_index(ZoneKind::Enterprise),
        s.zone_index(ZoneKind::Dmz),
        s.zone_index(ZoneKind::Control),
        s.zone_index(ZoneKind::Safety),
    );

    // six assets into their zones
    for (component, zone) in [
        ("PLC", control),
        ("Safety controller", safety),
        ("HMI panel", leitwarte),
        ("Engineering workstation", leitwarte),
        ("Historian", dmz),
        ("Domain controller", enterprise),
    ] {
        let to = s.inside_zone(zone);
        s.drag_from_palette(component, to);
    }
    assert_eq!(s.project().asset_count(), 6);
    assert_eq!(
        s.project().zones[leitwarte].name,
        "Leitwarte Süd",
        "renamed in place"
    );

    // four conduits, each a drag from a zone's connector onto the other zone
    for (from, to) in [
        (enterprise, dmz),
        (leitwarte, control),
        (control, safety),
        (dmz, leitwarte),
    ] {
        let (a, b) = (s.connector(from), s.inside_zone(to));
        s.drag("a conduit", a, b);
    }
    assert_eq!(s.project().conduits.len(), 4);

    // the last conduit (DMZ → Leitwarte) is selected: firewall, owner, purpose, test method
    s.fill("Owner", "Plant OT team");
    s.fill("Purpose", "Historian replication to the DMZ");
    s.fill("Test method", "Yearly firewall rule review");
    s.click_label("Stateful firewall");

    // the SIS conduit is one-way
    let on = s.conduit_label(control, safety);
    s.click_at("the Control ↔ Safety conduit", on);
    s.click_label("One way (from → to)");

    // two requirement statuses of the control zone
    let title = s.zone_title(control);
    s.click_at("the Control zone", title);
    s.click_label("Requirements");
    for id in ["SR 1.1", "SR 1.2"] {
        let row_y = s.h.get_by_label(id).rect().center().y;
        let combo =
            s.h.get_all_by_role(egui::accesskit::Role::ComboBox)
                .find(|n| (n.rect().center().y - row_y).abs() < 8.0)
                .map(|n| n.rect().center())
                .unwrap_or_else(|| panic!("the status of {id}"));
        s.click_at(&format!("the status of {id}"), combo);
        s.click_label("Met");
    }

    // save, reopen, PDF
    s.key(Modifiers::COMMAND, Key::S);
    assert!(ron.exists(), "saved");
    s.key(Modifiers::COMMAND, Key::O);
    let doc = s.h.state().doc.as_ref().expect("the reopened document");
    assert_eq!(doc.path.as_deref(), Some(ron.as_path()));
    assert!(
        doc.history.undo_label().is_none(),
        "a fresh document: reopened from the file"
    );
    s.key(Modifiers::COMMAND, Key::E);
    // (the export runs on a background thread: the frames go on until it has finished)
    let export =
        s.h.get_all_by_label("Export…")
            .last()
            .map(|n| n.rect().center())
            .expect("the Export… button");
    s.act("click Export…");
    common::click_at(&mut s.h, export);
    assert!(
        common::wait_for_export(&mut s.h, Duration::from_secs(120)),
        "the export finishes"
    );
    s.h.run();

    // what was built survived the save and the reopening
    let p = s.project();
    assert_eq!(p.zones.len(), 5);
    assert_eq!(p.asset_count(), 6);
    assert_eq!(p.conduits.len(), 4);
    assert!(p.zones.iter().any(|z| z.name == "Leitwarte Süd"));
    let fw = p
        .conduits
        .iter()
        .find(|c| c.owner == "Plant OT team")
        .expect("the DMZ conduit");
    assert_eq!(fw.purpose, "Historian replication to the DMZ");
    assert_eq!(fw.test_method, "Yearly firewall rule review");
    assert!(!fw.controls.is_empty(), "a firewall on it");
    assert_eq!(
        p.conduits
            .iter()
            .filter(|c| c.direction == Direction::OneWay)
            .count(),
        1
    );
    let met = p.zones[control]
        .requirements
        .values()
        .filter(|r| r.status == Status::Met)
        .count();
    assert_eq!(met, 2);
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));

    let n = s.actions.len();
    assert!(
        n <= 40,
        "{n} actions (at most 40):\n{}",
        s.actions.join("\n")
    );
    eprintln!("{n} actions:\n{}", s.actions.join("\n"));
}
