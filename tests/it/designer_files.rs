//! Drives the real designer with egui_kittest for what leaves or survives the session: PDF
//! export from the File menu (on a background thread), the topology tab, and crash recovery
//! (autosave, offer at start, restore, discard, unreadable recovery file).

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use zonewright::file::recovery::RecoveryStore;
use zonewright::model::{ElementRef, ZoneKind};
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{DesignerApp, DockTab, Intent};

use crate::common;
use common::{click_at, harness_with};

fn finish_export(h: &mut Harness<'_, DesignerApp>) {
    assert!(
        common::wait_for_export(h, Duration::from_secs(120)),
        "the export finishes"
    );
    h.run();
}

fn read_pdf(path: &std::path::Path) -> lopdf::Document {
    let bytes = std::fs::read(path).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    lopdf::Document::load_mem(&bytes).expect("readable PDF")
}

#[test]
fn export_pdf_from_the_file_menu_with_options() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("water pack.pdf");
    let mut h = harness_with(vec![DialogResult::Picked(out.clone())]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Export PDF tender pack");
    // leave out the per-element details and the supplier lists: a shorter pack
    h.get_by_label("Per zone and conduit: characteristics, assets, flows, requirement matrix")
        .click();
    h.get_by_label("Component requirements for suppliers")
        .click();
    h.get_by_label("A3 landscape").click();
    h.run();
    h.get_by_label("Export…").click();
    h.step();
    finish_export(&mut h);
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Exported"), "status line: {status}");
    let doc = read_pdf(&out);
    let pages = doc.get_pages().len();
    assert!(
        (3..20).contains(&pages),
        "pack without details: {pages} pages"
    );
    let landscape_a3 = doc.get_pages().values().any(|id| {
        let page = doc.get_dictionary(*id).expect("page");
        let media = page
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .expect("media box");
        let w = media[2].as_float().expect("number");
        (w - 1190.6).abs() < 2.0
    });
    assert!(landscape_a3, "the drawing is on A3");
    assert!(
        !dir.path().join("water pack.pdf.bak").exists(),
        "no backup of an export"
    );
    // the options are remembered for the next export
    assert!(!h.state().export_options.pdf.sections.details);
}

#[test]
fn ctrl_e_with_no_dialog_asks_for_a_path_in_the_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("typed.pdf");
    let mut h = harness_with(vec![DialogResult::Unavailable]);
    h.run();
    h.state_mut().open_sample("manufacturing");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let prompt_bottom = h
        .get_by_label(
            "Type the path of the file to write (.pdf, .svg, .png, .drawio, .xlsx or .csv):",
        )
        .rect()
        .bottom();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|n| n.rect().top() >= prompt_bottom - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center())
        .expect("the path field under the prompt");
    click_at(&mut h, field);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(out.to_str().expect("utf-8 path").to_owned()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    finish_export(&mut h);
    assert!(read_pdf(&out).get_pages().len() > 5);
}

#[test]
fn a_large_export_does_not_freeze_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("big.pdf");
    let mut h = harness_with(vec![DialogResult::Picked(out.clone())]);
    h.run();
    let big = zonewright::generate::generate(&zonewright::generate::GenerateParams {
        zones: 150,
        assets: 3000,
        conduits: 400,
        seed: 3,
    });
    h.state_mut().set_document(big, None);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Export…").click();
    h.step();
    // the frame that started the export has returned while the export is still running
    assert!(
        h.state().export.is_some(),
        "the export runs in the background"
    );
    let before = h.state().doc.as_ref().map(|d| d.project.zones.len());
    // the user keeps working meanwhile
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Control,
            center: (-500.0, -500.0),
        }));
    h.step();
    assert_eq!(
        h.state().doc.as_ref().map(|d| d.project.zones.len()),
        before.map(|n| n + 1)
    );
    finish_export(&mut h);
    assert!(read_pdf(&out).get_pages().len() > 1000, "the full pack");
}

#[test]
fn the_topology_tab_shows_the_graph_and_clicking_a_zone_selects_it() {
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.get_by_label("Topology").click();
    // the force-directed layout runs for a while, then the view settles
    let mut settled_after = None;
    for step in 0..600 {
        h.step();
        if h.state().topology.is_settled() {
            settled_after = Some(step);
            break;
        }
    }
    assert!(settled_after.is_some(), "the layout settles");
    h.run();
    assert!(h.state().topology.path_count() >= 1 || h.state().dock_tab == DockTab::Topology);
    let zone = h.state().doc.as_ref().expect("document").project.zones[2].id;
    let rect = h
        .state()
        .topology
        .zone_screen_rect(zone)
        .expect("the zone is drawn in the topology view");
    let centre = rect.center();
    click_at(&mut h, centre);
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Zone(zone)],
        "clicking the node selects the zone"
    );
    // an edit shows in the graph: a new zone becomes a node
    let before = h.state().topology.graph().node_count();
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
            kind: ZoneKind::Dmz,
            center: (2000.0, 2000.0),
        }));
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(h.state().topology.graph().node_count(), before + 1);
}

#[test]
fn unsaved_work_is_written_and_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let edited = {
        let mut h = harness_with(Vec::new());
        h.run();
        h.state_mut().set_recovery(Some(store.clone()));
        h.run();
        assert!(h.state().modal.is_none(), "nothing to offer the first time");
        h.state_mut().open_sample("water");
        h.run();
        h.state_mut()
            .apply_intent(Intent::Act(zonewright::command::Action::CreateZone {
                kind: ZoneKind::Wireless,
                center: (3000.0, 3000.0),
            }));
        h.run();
        // the first unsaved change is written at once, on a background thread
        let deadline = Instant::now() + Duration::from_secs(20);
        while store.find().ok().flatten().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        h.state().doc.as_ref().expect("document").project.clone()
        // the harness is dropped here without saving: the session "crashed"
    };
    let found = store
        .find()
        .expect("readable")
        .expect("the autosave wrote a recovery");
    assert_eq!(found.project, edited);

    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().set_recovery(Some(store.clone()));
    h.run();
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("restored document");
    assert_eq!(doc.project, edited);
    assert!(doc.is_dirty(), "restored work is unsaved until saved");

    // saving removes the recovery file
    let path = dir.path().join("water.ron");
    assert!(h.state_mut().save_to(&path));
    h.run();
    assert_eq!(store.find(), Ok(None), "no recovery after a save");
}

#[test]
fn declining_the_offer_deletes_the_recovery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    let mut p =
        zonewright::file::from_str(zonewright::samples::find("refinery").expect("sample").text)
            .expect("sample loads");
    p.meta.title = "Unsaved refinery".into();
    store.write(&p, None).expect("recovery written");

    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().set_recovery(Some(store.clone()));
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().doc.is_none(), "nothing restored");
    assert_eq!(store.find(), Ok(None), "the recovery file is gone");
}

#[test]
fn an_unreadable_recovery_file_is_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RecoveryStore::new(dir.path().join("state"));
    std::fs::create_dir_all(dir.path().join("state")).expect("dir");
    std::fs::write(
        store.path(),
        b"(format: \"zonewright-recovery\", version: 1, sour",
    )
    .expect("write");

    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().set_recovery(Some(store.clone()));
    h.run();
    h.get_by_label("The recovery file cannot be used");
    // keeping it leaves the file for a rescue by hand, and the app works normally
    h.get_by_label("Keep it").click();
    h.run();
    assert!(store.path().exists());
    h.get_by_label("New project").click();
    h.run();
    assert!(h.state().doc.is_some());

    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().set_recovery(Some(store.clone()));
    h.run();
    h.get_by_label("Delete the recovery file").click();
    h.run();
    assert!(!store.path().exists());
}
