//! The data flows in the conduit inspector, driven through the real designer: add a flow,
//! pick its protocol (transport and ports fill in), name an asset of each zone, copy the flows
//! and paste them onto another conduit; each change one undo step.

use crate::common;
use egui_kittest::kittest::Queryable;
use zonewright::model::{AssetId, ElementRef, PortRange, Transport};
use zonewright::ui::Intent;

#[test]
fn quick_entry_picks_a_protocol_and_assets_each_one_undo_step() {
    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut()
        .open_path(std::path::Path::new("tests/data/small_plant_flows.ron"));
    h.run();
    let conduit = zonewright::model::ConduitId(1);
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Conduit(conduit)]));
    h.run();
    let flows = |h: &egui_kittest::Harness<'_, zonewright::ui::DesignerApp>| {
        common::project(h).conduits[0].flows.clone()
    };
    assert_eq!(flows(&h).len(), 5);
    h.get_by_label("Add data flow").click_accesskit();
    h.run();
    let f = flows(&h);
    assert_eq!(f.len(), 6);
    // drawn from Control (the conduit's `from`) to the Plant DMZ
    assert_eq!(f[5].source.zone, Some(zonewright::model::ZoneId(2)));
    assert_eq!(f[5].destination.zone, Some(zonewright::model::ZoneId(1)));
    // the new flow's protocol box is the only one still saying "Protocol…" besides F5's
    let boxes = h.query_all_by_value("Protocol…").count();
    assert_eq!(boxes, 2);
    h.query_all_by_value("Protocol…")
        .last()
        .expect("the new flow's protocol box")
        .click_accesskit();
    h.run();
    h.get_by_label("OPC UA").click_accesskit();
    h.run();
    let f = flows(&h);
    assert_eq!(f[5].protocol, "opc_ua");
    assert_eq!(f[5].transport, Transport::Tcp);
    assert_eq!(f[5].ports, vec![PortRange::one(4840)]);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.history.undo_label()),
        Some("Set protocol OPC UA on data flow 6 of conduit DMZ-Control")
    );
    // name PLC-101 as the source: the end's menu lists the zone's assets with their IPs
    // F3's source is the whole Control zone too; the new flow's comes last
    h.query_all_by_label("Control · whole zone")
        .last()
        .expect("source menu")
        .click_accesskit();
    h.run();
    h.get_by_label("PLC-101 (10.20.1.11)").click_accesskit();
    h.run();
    assert_eq!(flows(&h)[5].source.assets, vec![AssetId(21)]);
    // one undo step takes the asset back out, the next the protocol
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert!(flows(&h)[5].source.assets.is_empty());
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert_eq!(flows(&h)[5].protocol, "");
}

#[test]
fn copied_flows_paste_onto_another_conduit() {
    let mut h = common::with_sample("refinery");
    let (from, to) = {
        let p = common::project(&h);
        (p.conduits[2].id, p.conduits[6].id)
    };
    let before = common::project(&h).conduits[6].flows.len();
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Conduit(from)]));
    h.run();
    h.get_by_label("Copy flows").click_accesskit();
    h.run();
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Conduit(to)]));
    h.run();
    h.get_by_label("Paste 3 flows").click_accesskit();
    h.run();
    let p = common::project(&h);
    assert_eq!(p.conduits[6].flows.len(), before + 3);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.history.undo_label()),
        Some(format!("Paste 3 data flows into conduit {}", p.conduits[6].name).as_str())
    );
}
