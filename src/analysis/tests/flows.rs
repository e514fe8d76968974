//! Hand-computed cases for the findings on data flows and for the communication matrix rows:
//! each finding with a case that raises it and one that does not.
//!
//! The plant of `clean()`: Control (Z1, SL-T 2) – C1 – DMZ (Z2, SL-T 2) – C2 – Office (Z3,
//! SL-T 1); Control – C3 – SIS (Z4, SL-T 3). Each conduit carries one OPC UA flow between the
//! first assets of its zones and has a firewall (A901 …).

use super::*;
use crate::model::{DataFlow, Endpoint, PortRange, Transport};

fn cat() -> Catalog {
    catalog().with_protocols(Catalog::embedded().protocols.clone())
}

fn flow_findings(p: &Project, code: FindingCode) -> Vec<Finding> {
    assess(p, &cat())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn modbus(from: u32, from_asset: u32, to: u32, to_asset: u32) -> DataFlow {
    DataFlow {
        source: Endpoint::of_assets(ZoneId(from), vec![AssetId(from_asset)]),
        destination: Endpoint::of_assets(ZoneId(to), vec![AssetId(to_asset)]),
        transport: Transport::Tcp,
        ports: vec![PortRange::one(502)],
        protocol: "modbus_tcp".into(),
        justification: "Polling".into(),
        ..DataFlow::default()
    }
}

#[test]
fn the_clean_plant_has_no_flow_findings_with_the_real_protocols() {
    let a = assess(&clean(), &cat());
    assert_eq!(a.findings, vec![]);
    assert_eq!(a.flows.len(), 3);
}

#[test]
fn a_flow_outside_the_conduits_zones_is_an_error() {
    let mut p = clean();
    // C1 joins Control and DMZ; the flow runs Office → DMZ
    p.conduits[0].flows[0].source = Endpoint::of_assets(ZoneId(3), vec![AssetId(4)]);
    let f = flow_findings(&p, FindingCode::FlowOutsideConduit);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, FindingSeverity::Error);
    assert_eq!(f[0].element, ElementRef::Conduit(ConduitId(1)));
    assert_eq!(
        f[0].message,
        "Flow C1-F1 (OPC UA 4840) of conduit \"C-DMZ\" runs from \"Office\" to \"DMZ\", not between the conduit's zones."
    );
    // an asset of another zone, and a device that is not on the conduit
    let mut p = clean();
    p.conduits[0].flows[0].source.assets = vec![AssetId(3)];
    p.conduits[0].flows[0].device = Some(AssetId(902));
    let f = flow_findings(&p, FindingCode::FlowOutsideConduit);
    assert_eq!(
        f[0].message,
        "Flow C1-F1 (OPC UA 4840) of conduit \"C-DMZ\" names asset A3 which is not in zone \"Control\"; is enforced by A902, which is not a device on the conduit."
    );
    // the reverse direction on a two-way conduit, and its own device, are fine
    let mut p = clean();
    let f = &mut p.conduits[0].flows[0];
    std::mem::swap(&mut f.source, &mut f.destination);
    f.device = Some(AssetId(901));
    assert!(flow_findings(&p, FindingCode::FlowOutsideConduit).is_empty());
    // an end with no zone at all
    let mut p = clean();
    p.conduits[0].flows[0].destination = Endpoint::default();
    assert_eq!(flow_findings(&p, FindingCode::FlowOutsideConduit).len(), 1);
}

#[test]
fn a_flow_against_a_one_way_conduit_is_an_error() {
    let mut p = clean();
    p.conduits[0].direction = Direction::OneWay;
    p.conduits[0].controls.push("unidirectional_gateway".into());
    assert!(flow_findings(&p, FindingCode::FlowAgainstOneWay).is_empty());
    let f = &mut p.conduits[0].flows[0];
    std::mem::swap(&mut f.source, &mut f.destination);
    let f = flow_findings(&p, FindingCode::FlowAgainstOneWay);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, FindingSeverity::Error);
    assert_eq!(
        f[0].message,
        "Flow C1-F1 (OPC UA 4840) of conduit \"C-DMZ\" is sent from \"DMZ\" into \"Control\", against the conduit's one-way direction."
    );
}

#[test]
fn any_to_any_and_all_ports_flows_are_warnings() {
    let mut p = clean();
    p.conduits[0].flows[0].source.assets.clear();
    p.conduits[0].flows[0].destination.assets.clear();
    p.conduits[1].flows[0].ports.clear();
    p.conduits[2].flows[0].transport = Transport::Any;
    let f = flow_findings(&p, FindingCode::FlowTooBroad);
    let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Flow C1-F1 (OPC UA 4840) of conduit \"C-DMZ\" is allowed from any host of its zone to any host of the other.",
            "Flow C2-F1 (OPC UA) of conduit \"DMZ-Office\" is allowed on every port.",
            "Flow C3-F1 (OPC UA 4840) of conduit \"C-SIS\" is allowed on every port.",
        ]
    );
    assert!(f.iter().all(|f| f.severity == FindingSeverity::Warning));
    // one end narrowed by a subnet is not any-to-any; ICMP has no ports
    let mut p = clean();
    p.conduits[0].flows[0].source.assets.clear();
    p.conduits[0].flows[0].destination.assets.clear();
    p.conduits[0].flows[0].source.subnet = crate::model::network::Cidr::parse("10.1.0.0/24");
    p.conduits[1].flows[0].transport = Transport::Icmp;
    p.conduits[1].flows[0].ports.clear();
    assert!(flow_findings(&p, FindingCode::FlowTooBroad).is_empty());
}

#[test]
fn cleartext_or_unauthenticated_protocols_into_sl_2_zones_need_a_compensating_control() {
    // Modbus from the Office (SL-T 1) into the DMZ (SL-T 2: FR1 and FR4 are 2)
    let mut p = clean();
    p.conduits[1].flows = vec![modbus(3, 4, 2, 3)];
    let f = flow_findings(&p, FindingCode::FlowCleartext);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "Flow C2-F1 (Modbus/TCP 502) of conduit \"DMZ-Office\": Modbus/TCP is not encrypted (SL-T FR4 DC 2) and does not authenticate (SL-T FR1 IAC 2) into zone \"DMZ\"."
    );
    // only FR4 at 2: only the encryption is missing
    p.zones[1].sl_t = Some(SlVector([1, 2, 2, 2, 2, 2, 2]));
    let f = flow_findings(&p, FindingCode::FlowCleartext);
    assert_eq!(
        f[0].message,
        "Flow C2-F1 (Modbus/TCP 502) of conduit \"DMZ-Office\": Modbus/TCP is not encrypted (SL-T FR4 DC 2) into zone \"DMZ\"."
    );
    // a VPN on the conduit compensates
    p.conduits[1].controls.push("vpn".into());
    assert!(flow_findings(&p, FindingCode::FlowCleartext).is_empty());
    // the other way, into the Office at SL-T 1, raises nothing
    let mut p = clean();
    p.conduits[1].flows = vec![modbus(2, 3, 3, 4)];
    assert!(flow_findings(&p, FindingCode::FlowCleartext).is_empty());
    // HTTPS authenticates and encrypts
    let mut p = clean();
    p.conduits[1].flows = vec![modbus(3, 4, 2, 3)];
    p.conduits[1].flows[0].protocol = "HTTPS".into();
    assert!(flow_findings(&p, FindingCode::FlowCleartext).is_empty());
    // ping carries no data
    p.conduits[1].flows[0].protocol = "icmp".into();
    p.conduits[1].flows[0].transport = Transport::Icmp;
    p.conduits[1].flows[0].ports.clear();
    assert!(flow_findings(&p, FindingCode::FlowCleartext).is_empty());
}

#[test]
fn industrial_protocols_across_sl_t_steps_of_two_need_deep_packet_inspection() {
    // Control (SL-T 2) → SIS (SL-T 3): a step of 1
    let mut p = clean();
    p.conduits[2].flows = vec![modbus(1, 1, 4, 5)];
    p.conduits[2].controls.push("encryption".into());
    assert!(flow_findings(&p, FindingCode::FlowNoDpi).is_empty());
    // SIS at 4: a step of 2 in every FR
    p.zones[3].sl_t = Some(SlVector::uniform(4));
    let f = flow_findings(&p, FindingCode::FlowNoDpi);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert_eq!(
        f[0].message,
        "Flow C3-F1 (Modbus/TCP 502) of conduit \"C-SIS\": the industrial protocol Modbus/TCP crosses zones whose SL-T differ by 2 or more without deep packet inspection."
    );
    p.conduits[2].controls.push("dpi_firewall".into());
    assert!(flow_findings(&p, FindingCode::FlowNoDpi).is_empty());
    // HTTPS is no industrial protocol
    p.conduits[2].controls.pop();
    p.conduits[2].flows[0].protocol = "https".into();
    assert!(flow_findings(&p, FindingCode::FlowNoDpi).is_empty());
}

#[test]
fn a_conduit_without_flows_and_unread_old_text_are_reported() {
    let mut p = clean();
    p.conduits[1].flows = vec![DataFlow::between(ZoneId(2), ZoneId(3))];
    p.conduits[0].flows[0].port_text = "dynamic".into();
    let a = assess(&p, &cat());
    let codes: Vec<(FindingCode, ElementRef)> = a
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.code,
                FindingCode::ConduitNoFlow | FindingCode::FlowUnstructured
            )
        })
        .map(|f| (f.code, f.element))
        .collect();
    assert_eq!(
        codes,
        [
            (
                FindingCode::FlowUnstructured,
                ElementRef::Conduit(ConduitId(1))
            ),
            (
                FindingCode::ConduitNoFlow,
                ElementRef::Conduit(ConduitId(2))
            ),
        ]
    );
    assert_eq!(
        FindingCode::ConduitNoFlow.severity(),
        FindingSeverity::Warning
    );
    assert_eq!(
        FindingCode::FlowUnstructured.severity(),
        FindingSeverity::Info
    );
}

#[test]
fn matrix_rows_resolve_both_ends_protocol_devices_and_levels() {
    let mut p = clean();
    p.zones[0].assets[0].network.ip_addresses = vec!["10.1.0.5".parse().unwrap()];
    p.conduits[0].flows.push(DataFlow::default());
    let a = assess(&p, &cat());
    assert_eq!(a.flows.len(), 3, "the blank row is no flow");
    let r = &a.flows[0];
    assert_eq!(r.id, "C1-F1");
    assert_eq!(r.conduit_name, "C-DMZ");
    assert_eq!(r.source.zone_name, "Control");
    assert_eq!(r.source.members_text(), "A1 (10.1.0.5)");
    assert_eq!(r.destination.members_text(), "A3 (no IP)");
    assert_eq!(r.initiator, "A1");
    assert_eq!((r.protocol.as_str(), r.ports.as_str()), ("OPC UA", "4840"));
    assert_eq!((r.authenticates, r.encrypts), (Some(true), Some(true)));
    assert_eq!(r.devices_text(), "A901");
    assert_eq!(r.source.sl_t, Some(SlVector::uniform(2)));
    assert_eq!(r.destination.sl_t, Some(SlVector::uniform(2)));
    assert_eq!(a.flows[2].id, "C3-F1");
}
