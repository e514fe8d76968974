//! Observed traffic in the designer (headless): File → Import traffic… with its preview and
//! proposals to tick, applied as one undo step; the Observed traffic tab, its filter and a
//! click that selects; the dashed line of traffic without a conduit on the canvas and its
//! View menu toggle.
//!
//! The traffic: a conn.log against the refinery sample (ERP → operator console RDP with no
//! conduit between Corporate IT and Operations; historian mirror → console HTTPS undeclared
//! on DMZ ↔ supervisory; an unknown host).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::command::traffic::TrafficAction;
use zonewright::model::ElementRef;
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{DesignerApp, DockTab, Intent};

use crate::common;
use common::{harness_with, project, zone_named};

const CONN_LOG: &str = "#separator \\x09
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_bytes\tresp_bytes
1714557600\tC1\t10.1.0.10\t50000\t10.3.0.10\t3389\ttcp\t100\t200
1714557601\tC2\t10.2.0.10\t50001\t10.3.0.10\t443\ttcp\t1\t2
1714557602\tC3\t10.77.0.1\t50001\t10.2.0.10\t443\ttcp\t1\t2
";

const LINE: &str = "Traffic without conduit: Corporate IT (Unternehmens-IT) → Operations and supervisory (Leitwarte)";

fn conn_log(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let p = dir.path().join("conn.log");
    std::fs::write(&p, CONN_LOG).unwrap();
    p
}

/// Steps until the traffic dialog's background read is done (bounded; no timing assertion).
fn until_traffic_read(h: &mut Harness<'_, DesignerApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().traffic.is_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(3);
}

/// The refinery open, File → Import traffic…, the conn.log picked and read.
fn import_dialog(dir: &tempfile::TempDir) -> Harness<'static, DesignerApp> {
    let mut h = harness_with(vec![DialogResult::Picked(conn_log(dir))]);
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import traffic…").click();
    h.run();
    assert!(h.state().traffic.is_open());
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    until_traffic_read(&mut h);
    h
}

#[test]
fn import_traffic_previews_ticks_proposals_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = import_dialog(&dir);
    h.get_by_label_contains("conn.log: 3 records, 3 observed flows, 3 connections");
    h.get_by_label_contains("TRAFFIC-NO-CONDUIT × 1");
    let p = h.state().traffic.preview().expect("a preview");
    assert_eq!(p.proposals.len(), 2);
    assert!(
        p.proposals.iter().all(|(_, ticked)| *ticked),
        "ticked at first"
    );
    // untick the undeclared HTTPS: only the new conduit is added
    h.get_by_label_contains("Declare on conduit DMZ ↔ supervisory")
        .click();
    h.run();
    h.get_by_label("Import and add 1 proposal").click();
    h.run();
    assert!(!h.state().traffic.is_open());
    let before = zonewright::cli::load_project("sample:refinery").unwrap();
    let p = project(&h);
    assert_eq!(p.conduits.len(), before.conduits.len() + 1);
    assert_eq!(p.traffic.as_ref().map(|t| t.flows.len()), Some(3));
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        doc.history.undo_label(),
        Some("Import traffic conn.log and apply 1 proposal")
    );
    assert_eq!(h.state().dock_tab, DockTab::Traffic);
    // the declared conduit clears the no-conduit finding; the undeclared flow stays
    let codes: Vec<&str> = doc
        .assessment
        .findings
        .iter()
        .map(|f| f.code.code())
        .collect();
    assert!(!codes.contains(&"TRAFFIC-NO-CONDUIT") && codes.contains(&"TRAFFIC-UNDECLARED"));
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert_eq!(
        project(&h),
        &before,
        "one undo takes summary and conduit away"
    );
}

#[test]
fn cancel_keeps_the_document_and_a_bad_file_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = import_dialog(&dir);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().traffic.is_open());
    assert!(project(&h).traffic.is_none());
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    // a capture of a link type that is not read: the message, and Import stays off
    let wifi = dir.path().join("wifi.pcap");
    std::fs::write(&wifi, zonewright::import::traffic::wire::pcap(105, &[])).unwrap();
    let mut h = harness_with(vec![DialogResult::Picked(wifi)]);
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import traffic…").click();
    h.run();
    h.get_by_label("Browse…").click();
    h.run_steps(1);
    until_traffic_read(&mut h);
    h.get_by_label_contains("wifi.pcap: byte offset 0: the capture's link type 105 (IEEE 802.11 wireless LAN) is not read");
    assert!(h.state().traffic.preview().is_none());
}

/// The refinery with the conn.log kept (no proposals applied), the traffic tab shown.
fn with_traffic() -> Harness<'static, DesignerApp> {
    let dir = tempfile::tempdir().unwrap();
    let path = conn_log(&dir);
    let traffic = zonewright::import::traffic::read_paths(&[path.as_path()]).unwrap();
    let mut h = common::with_sample("refinery");
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Traffic(
            TrafficAction::Import {
                traffic: Box::new(traffic),
                proposals: Vec::new(),
            },
        )));
    h.run();
    h
}

#[test]
fn the_traffic_tab_lists_filters_and_selects() {
    let mut h = with_traffic();
    h.get_by_label("Observed traffic").click();
    h.run();
    h.get_by_label_contains("conn.log — 3 observed flows");
    assert_eq!(h.get_all_by_label("no conduit").count(), 1);
    assert_eq!(h.get_all_by_label("not declared").count(), 1);
    // filter by a finding: only its rows
    h.get_by_value("All observed flows").click();
    h.run();
    h.get_by_label("TRAFFIC-UNDECLARED").click();
    h.run();
    assert_eq!(h.query_all_by_label("no conduit").count(), 0);
    h.get_by_label("not declared").click();
    h.run();
    let conduit = project(&h)
        .conduits
        .iter()
        .find(|c| c.name == "DMZ ↔ supervisory")
        .unwrap()
        .id;
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Conduit(conduit)]
    );
    // Remove traffic is an undo step of its own
    h.get_by_label("Remove traffic").click();
    h.run();
    assert!(project(&h).traffic.is_none());
    h.get_by_label_contains("No observed traffic");
}

#[test]
fn traffic_without_conduit_is_a_line_that_selects_both_zones_and_the_view_menu_hides_it() {
    let mut h = with_traffic();
    h.get_by_label(LINE).click_accesskit();
    h.run();
    let it = zone_named(&h, "Corporate IT");
    let ops = zone_named(&h, "Operations");
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Zone(it), ElementRef::Zone(ops)]
    );
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Traffic without conduit").click();
    h.run();
    assert!(!h.state().canvas.traffic_lines);
    assert_eq!(h.query_all_by_label(LINE).count(), 0);
}
