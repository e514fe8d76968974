//! Hand-computed cases for the conformance findings on observed traffic and the address
//! findings: each code raised by one observed flow (or one asset) of a small plant, counted
//! by hand.
//!
//! The plant of `plant()`: Control (Z1: PLC-1 10.0.1.5, PLC-2 10.0.1.6), Supervisory (Z2: HMI
//! 10.0.2.10), SIS (Z3: SIS-PLC 10.0.3.1), DMZ (Z4: historian 10.0.4.1); subnet rules
//! 10.0.N.0/24 → the zone N. C1 Supervisory → Control (two-way) declares HMI → Control TCP
//! 502; C2 SIS → DMZ is one-way and declares SIS → DMZ UDP 514; C3 Control → DMZ declares
//! Control → DMZ TCP 44818.

use super::*;
use crate::analysis::traffic::TrafficStatus;
use crate::model::network::{Cidr, SubnetZone};
use crate::model::traffic::{ObservedFlow, ObservedTraffic};
use crate::model::{DataFlow, Direction, Endpoint, PortRange, Transport};

fn cat() -> Catalog {
    catalog().with_protocols(Catalog::embedded().protocols.clone())
}

fn host(id: u32, name: &str, ips: &[&str]) -> Asset {
    let mut a = Asset::new(AssetId(id), name, "plc");
    a.network.ip_addresses = ips.iter().map(|i| i.parse().unwrap()).collect();
    a
}

fn flow(from: u32, to: u32, transport: Transport, port: u16) -> DataFlow {
    DataFlow {
        source: Endpoint::zone(ZoneId(from)),
        destination: Endpoint::zone(ZoneId(to)),
        transport,
        ports: vec![PortRange::one(port)],
        justification: "needed".into(),
        ..DataFlow::default()
    }
}

fn plant() -> Project {
    let mut p = Project {
        zones: vec![
            zone(
                1,
                "Control",
                ZoneKind::Control,
                2,
                vec![
                    host(10, "PLC-1", &["10.0.1.5"]),
                    host(11, "PLC-2", &["10.0.1.6"]),
                ],
            ),
            zone(
                2,
                "Supervisory",
                ZoneKind::Supervisory,
                2,
                vec![host(20, "HMI", &["10.0.2.10"])],
            ),
            zone(
                3,
                "SIS",
                ZoneKind::Safety,
                3,
                vec![host(30, "SIS-PLC", &["10.0.3.1"])],
            ),
            zone(
                4,
                "DMZ",
                ZoneKind::Dmz,
                2,
                vec![host(40, "Historian", &["10.0.4.1"])],
            ),
        ],
        ..Project::default()
    };
    let mut c1 = Conduit::new(ConduitId(1), "C1", ZoneId(2), ZoneId(1));
    c1.flows = vec![DataFlow {
        source: Endpoint::of_assets(ZoneId(2), vec![AssetId(20)]),
        ..flow(2, 1, Transport::Tcp, 502)
    }];
    let mut c2 = Conduit::new(ConduitId(2), "C2", ZoneId(3), ZoneId(4));
    c2.direction = Direction::OneWay;
    c2.flows = vec![flow(3, 4, Transport::Udp, 514)];
    let mut c3 = Conduit::new(ConduitId(3), "C3", ZoneId(1), ZoneId(4));
    c3.flows = vec![flow(1, 4, Transport::Tcp, 44818)];
    p.conduits = vec![c1, c2, c3];
    p.import_settings.subnets = (1..=4)
        .map(|n| SubnetZone {
            subnet: Cidr::parse(&format!("10.0.{n}.0/24")).unwrap(),
            zone: ["Control", "supervisory", "SIS", "DMZ"][n - 1].into(),
        })
        .collect();
    p
}

fn observed(
    src: &str,
    dst: &str,
    transport: Transport,
    port: u16,
    connections: u64,
) -> ObservedFlow {
    ObservedFlow {
        source: src.parse().unwrap(),
        destination: dst.parse().unwrap(),
        transport,
        port,
        connections,
        bytes: 100 * connections,
        first_seen: Some(1_714_557_600),
        last_seen: Some(1_714_561_200),
    }
}

/// o1 declared on C1; o2 TCP 102 on C1 undeclared; o3 Control → SIS without a conduit; o4
/// DMZ → SIS against one-way C2; o5 declared on C2; o6 an unknown host in Control's subnet
/// (within the zone); o7 an unknown host in no subnet; o8 to a multicast group.
fn traffic() -> ObservedTraffic {
    ObservedTraffic {
        sources: vec!["conn.log".into()],
        first_seen: Some(1_714_557_600),
        last_seen: Some(1_714_561_200),
        records: 100,
        flows: vec![
            observed("10.0.2.10", "10.0.1.5", Transport::Tcp, 502, 10),
            observed("10.0.2.10", "10.0.1.5", Transport::Tcp, 102, 2),
            observed("10.0.1.5", "10.0.3.1", Transport::Tcp, 502, 3),
            observed("10.0.4.1", "10.0.3.1", Transport::Tcp, 443, 1),
            observed("10.0.3.1", "10.0.4.1", Transport::Udp, 514, 50),
            observed("10.0.1.99", "10.0.1.5", Transport::Tcp, 502, 4),
            observed("10.9.9.9", "10.0.2.10", Transport::Tcp, 22, 1),
            observed("10.0.1.5", "224.0.0.251", Transport::Udp, 5353, 7),
        ],
        ..ObservedTraffic::default()
    }
}

fn codes(a: &Assessment, code: FindingCode) -> Vec<&Finding> {
    a.findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn each_observed_flow_is_mapped_and_judged() {
    let mut p = plant();
    p.traffic = Some(traffic());
    let a = assess(&p, &cat());
    let st: Vec<TrafficStatus> = a.traffic.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        st,
        vec![
            TrafficStatus::Declared(ConduitId(1), 0),
            TrafficStatus::Undeclared(ConduitId(1)),
            TrafficStatus::NoConduit,
            TrafficStatus::AgainstOneWay(ConduitId(2)),
            TrafficStatus::Declared(ConduitId(2), 0),
            TrafficStatus::WithinZone,
            TrafficStatus::Unmapped,
            TrafficStatus::Unmapped,
        ]
    );
    let r = &a.traffic.rows;
    assert_eq!(r[0].source.asset, Some(AssetId(20)));
    assert_eq!(r[0].source.label, "HMI (Supervisory)");
    assert_eq!(r[0].service, "Modbus/TCP (TCP 502)");
    assert_eq!(r[5].source.asset, None);
    assert_eq!(r[5].source.zone, Some(ZoneId(1)), "by the subnet rule");
    assert!(r[7].destination.special && !r[7].destination.unknown());
    assert_eq!(a.traffic.missing_conduits, vec![(ZoneId(1), ZoneId(3))]);
}

#[test]
fn each_conformance_finding_is_raised_once_with_its_element_and_severity() {
    let mut p = plant();
    p.traffic = Some(traffic());
    let a = assess(&p, &cat());
    let nc = codes(&a, FindingCode::TrafficNoConduit);
    assert_eq!(nc.len(), 1);
    assert_eq!(nc[0].element, ElementRef::Zone(ZoneId(1)));
    assert_eq!(nc[0].severity, FindingSeverity::Error);
    assert!(
        nc[0].message.contains("\"Control\" to zone \"SIS\"")
            && nc[0].message.contains("3 connections"),
        "{}",
        nc[0].message
    );
    let ow = codes(&a, FindingCode::TrafficAgainstOneWay);
    assert_eq!(ow.len(), 1);
    assert_eq!(
        (ow[0].element, ow[0].severity),
        (ElementRef::Conduit(ConduitId(2)), FindingSeverity::Error)
    );
    let ud = codes(&a, FindingCode::TrafficUndeclared);
    assert_eq!(ud.len(), 1);
    assert_eq!(
        (ud[0].element, ud[0].severity),
        (ElementRef::Conduit(ConduitId(1)), FindingSeverity::Warning)
    );
    assert!(
        ud[0].message.contains("TCP 102") && ud[0].message.contains("2 connections"),
        "{}",
        ud[0].message
    );
    let uh = codes(&a, FindingCode::TrafficUnknownHost);
    let uh: Vec<(ElementRef, bool)> = uh
        .iter()
        .map(|f| (f.element, f.message.contains("10.0.1.99")))
        .collect();
    assert_eq!(
        uh,
        vec![
            (ElementRef::Zone(ZoneId(1)), true),
            (ElementRef::Project, false)
        ]
    );
    let un = codes(&a, FindingCode::FlowUnobserved);
    assert_eq!(un.len(), 1, "C3's flow only");
    assert_eq!(
        (un[0].element, un[0].severity),
        (ElementRef::Conduit(ConduitId(3)), FindingSeverity::Info)
    );
    assert!(un[0].message.contains("C3-F1"), "{}", un[0].message);
}

#[test]
fn without_traffic_there_are_no_conformance_findings() {
    let a = assess(&plant(), &cat());
    assert!(a.traffic.rows.is_empty());
    for c in [
        FindingCode::TrafficNoConduit,
        FindingCode::TrafficAgainstOneWay,
        FindingCode::TrafficUndeclared,
        FindingCode::TrafficUnknownHost,
        FindingCode::FlowUnobserved,
    ] {
        assert!(codes(&a, c).is_empty(), "{c:?}");
    }
}

#[test]
fn a_declared_flow_naming_assets_covers_only_those_hosts() {
    let mut p = plant();
    let mut t = traffic();
    // C1 declares Modbus from the HMI only: the engineering station beside it is not covered
    p.zones[1].assets.push(host(21, "EWS", &["10.0.2.11"]));
    t.flows = vec![observed("10.0.2.11", "10.0.1.6", Transport::Tcp, 502, 1)];
    p.traffic = Some(t);
    let a = assess(&p, &cat());
    assert_eq!(
        a.traffic.rows[0].status,
        TrafficStatus::Undeclared(ConduitId(1))
    );
}

#[test]
fn unknown_hosts_beyond_the_limit_are_counted_in_one_finding() {
    let mut p = plant();
    let mut t = traffic();
    t.flows = (0..150u32)
        .map(|i| {
            observed(
                &format!("10.8.{}.{}", i / 200, i % 200 + 1),
                "10.0.1.5",
                Transport::Tcp,
                502,
                1,
            )
        })
        .collect();
    p.traffic = Some(t);
    let a = assess(&p, &cat());
    let uh = codes(&a, FindingCode::TrafficUnknownHost);
    assert_eq!(
        uh.len(),
        crate::analysis::traffic::MAX_UNKNOWN_HOST_FINDINGS
    );
    assert!(
        uh.last().unwrap().message.starts_with("51 more addresses"),
        "{}",
        uh.last().unwrap().message
    );
}

#[test]
fn duplicate_ips_multihomed_assets_and_spanning_subnets_and_vlans() {
    let mut p = plant();
    assert!(codes(&assess(&p, &cat()), FindingCode::IpDuplicate).is_empty());
    // PLC-3 in Control answers on a supervisory address; PLC-4 has a leg in SIS's subnet;
    // PLC-5 repeats PLC-1's address
    p.zones[0].assets.push(host(12, "PLC-3", &["10.0.2.50"]));
    p.zones[0]
        .assets
        .push(host(13, "PLC-4", &["10.0.1.7", "10.0.3.7"]));
    p.zones[0].assets.push(host(14, "PLC-5", &["10.0.1.5"]));
    p.zones[0].assets[0].network.vlan = Some(10);
    p.zones[1].assets[0].network.vlan = Some(10);
    p.zones[2].assets[0].network.vlan = Some(30);
    let a = assess(&p, &cat());
    let dup = codes(&a, FindingCode::IpDuplicate);
    assert_eq!(dup.len(), 1);
    assert_eq!(
        (dup[0].element, dup[0].severity),
        (ElementRef::Asset(AssetId(14)), FindingSeverity::Error)
    );
    assert!(
        dup[0].message.contains("10.0.1.5") && dup[0].message.contains("PLC-1"),
        "{}",
        dup[0].message
    );
    let mh = codes(&a, FindingCode::AssetMultihomed);
    assert_eq!(mh.len(), 1);
    assert_eq!(mh[0].element, ElementRef::Asset(AssetId(13)));
    assert!(
        mh[0]
            .message
            .contains("\"Control\" (10.0.1.7) and \"SIS\" (10.0.3.7)"),
        "{}",
        mh[0].message
    );
    let sp: Vec<&str> = codes(&a, FindingCode::SubnetSpansZones)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(sp.len(), 3, "{sp:#?}");
    assert!(
        sp[0].starts_with("Subnet 10.0.2.0/24") && sp[0].contains("\"Control\", \"Supervisory\""),
        "{}",
        sp[0]
    );
    assert!(sp[1].starts_with("Subnet 10.0.3.0/24"), "{}", sp[1]);
    assert_eq!(
        sp[2],
        "VLAN 10 holds assets of zones \"Control\", \"Supervisory\"."
    );
}
