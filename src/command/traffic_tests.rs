//! The proposals from observed traffic, counted by hand on a small plant, applied as one edit
//! and undone.

use super::traffic::{Proposal, TrafficAction, plan_traffic, proposals};
use crate::analysis::assess;
use crate::analysis::traffic::TrafficStatus;
use crate::catalog::Catalog;
use crate::model::network::{Cidr, SubnetZone};
use crate::model::traffic::{ObservedFlow, ObservedTraffic};
use crate::model::{
    Asset, AssetId, Conduit, ConduitId, DataFlow, ElementRef, Endpoint, PortRange, Project, Rect,
    Transport, Zone, ZoneId, ZoneKind,
};

fn host(id: u32, name: &str, ip: &str) -> Asset {
    let mut a = Asset::new(AssetId(id), name, "plc");
    a.network.ip_addresses = vec![ip.parse().unwrap()];
    a
}

fn seen(src: &str, dst: &str, transport: Transport, port: u16, connections: u64) -> ObservedFlow {
    ObservedFlow {
        source: src.parse().unwrap(),
        destination: dst.parse().unwrap(),
        transport,
        port,
        connections,
        bytes: 0,
        first_seen: None,
        last_seen: None,
    }
}

/// Control (Z1: PLC-1 10.0.1.5), Supervisory (Z2: HMI 10.0.2.10), SIS (Z3: SIS-PLC 10.0.3.1);
/// C1 Supervisory → Control declares HMI → Control TCP 502. Observed: HMI → PLC-1 TCP 502
/// (declared), HMI → PLC-1 TCP 102 (undeclared on C1), PLC-1 → SIS-PLC TCP 502 and an unknown
/// 10.0.1.77 → SIS-PLC TCP 502 (no conduit), SIS-PLC → PLC-1 UDP 514 (no conduit, the other way).
fn plant() -> Project {
    let mut p = Project::default();
    let zone = |id: u32, name: &str, kind, assets| {
        let mut z = Zone::new(
            ZoneId(id),
            name,
            kind,
            Rect::new(id as f32 * 300.0, 0.0, 200.0, 100.0),
        );
        z.assets = assets;
        z
    };
    p.zones = vec![
        zone(
            1,
            "Control",
            ZoneKind::Control,
            vec![host(10, "PLC-1", "10.0.1.5")],
        ),
        zone(
            2,
            "Supervisory",
            ZoneKind::Supervisory,
            vec![host(20, "HMI", "10.0.2.10")],
        ),
        zone(
            3,
            "SIS",
            ZoneKind::Safety,
            vec![host(30, "SIS-PLC", "10.0.3.1")],
        ),
    ];
    let mut c1 = Conduit::new(ConduitId(1), "C1", ZoneId(2), ZoneId(1));
    c1.flows = vec![DataFlow {
        source: Endpoint::of_assets(ZoneId(2), vec![AssetId(20)]),
        destination: Endpoint::zone(ZoneId(1)),
        transport: Transport::Tcp,
        ports: vec![PortRange::one(502)],
        ..DataFlow::default()
    }];
    p.conduits = vec![c1];
    p.import_settings.subnets = vec![SubnetZone {
        subnet: Cidr::parse("10.0.1.0/24").unwrap(),
        zone: "Control".into(),
    }];
    p.traffic = Some(ObservedTraffic {
        sources: vec!["capture.pcapng".into()],
        flows: vec![
            seen("10.0.2.10", "10.0.1.5", Transport::Tcp, 502, 9),
            seen("10.0.2.10", "10.0.1.5", Transport::Tcp, 102, 4),
            seen("10.0.1.5", "10.0.3.1", Transport::Tcp, 502, 3),
            seen("10.0.1.77", "10.0.3.1", Transport::Tcp, 502, 1),
            seen("10.0.3.1", "10.0.1.5", Transport::Udp, 514, 2),
        ],
        ..ObservedTraffic::default()
    });
    p
}

fn props(p: &Project) -> Vec<Proposal> {
    proposals(p, &assess(p, Catalog::embedded()).traffic)
}

#[test]
fn a_pair_without_conduit_gets_a_new_one_and_a_conduit_its_undeclared_flows() {
    let p = plant();
    let v = props(&p);
    assert_eq!(v.len(), 2, "{v:#?}");
    let new = &v[0];
    assert_eq!(
        (new.conduit, new.from, new.to),
        (None, ZoneId(1), ZoneId(3))
    );
    assert_eq!(new.flows.len(), 2, "TCP 502 one way, UDP 514 the other");
    let modbus = &new.flows[0];
    // an unknown host opens Modbus too: the source is the whole zone
    assert_eq!(modbus.source, Endpoint::zone(ZoneId(1)));
    assert_eq!(
        modbus.destination,
        Endpoint::of_assets(ZoneId(3), vec![AssetId(30)])
    );
    assert_eq!(
        (modbus.transport, modbus.ports.clone()),
        (Transport::Tcp, vec![PortRange::one(502)])
    );
    assert_eq!(modbus.protocol, "modbus_tcp");
    assert_eq!(modbus.justification, "Observed: 4 connections.");
    let syslog = &new.flows[1];
    assert_eq!(
        syslog.source,
        Endpoint::of_assets(ZoneId(3), vec![AssetId(30)])
    );
    assert_eq!(
        syslog.destination,
        Endpoint::of_assets(ZoneId(1), vec![AssetId(10)])
    );
    assert_eq!(syslog.transport, Transport::Udp);
    assert!(
        new.summary.starts_with("New conduit Control – SIS: "),
        "{}",
        new.summary
    );
    let add = &v[1];
    assert_eq!(add.conduit, Some(ConduitId(1)));
    assert_eq!(add.flows.len(), 1);
    assert_eq!(
        add.flows[0].source,
        Endpoint::of_assets(ZoneId(2), vec![AssetId(20)])
    );
    assert_eq!(add.flows[0].ports, vec![PortRange::one(102)]);
}

#[test]
fn the_ticked_proposals_apply_as_one_edit_and_undo_restores_the_plant() {
    let p = plant();
    let v = props(&p);
    let plan = plan_traffic(&TrafficAction::Apply(v), &p).unwrap();
    assert_eq!(plan.label, "Apply 2 traffic proposals");
    let mut after = p.clone();
    let inverse = plan.edit.clone().apply(&mut after).unwrap();
    assert_eq!(after.conduits.len(), 2);
    assert_eq!(after.conduits[1].name, "Control – SIS");
    assert_eq!(after.conduits[0].flows.len(), 2);
    assert_eq!(
        plan.selection_after,
        Some(
            [
                ElementRef::Conduit(ConduitId(1)),
                ElementRef::Conduit(ConduitId(2))
            ]
            .into()
        )
    );
    // every observed flow between zones is declared now
    let a = assess(&after, Catalog::embedded());
    assert!(
        a.traffic
            .rows
            .iter()
            .all(|r| matches!(r.status, TrafficStatus::Declared(..))),
        "{:#?}",
        a.traffic.rows.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(props(&after).is_empty());
    inverse.apply(&mut after).unwrap();
    assert_eq!(after, p);
}

#[test]
fn only_the_ticked_proposal_is_applied_and_a_stale_one_is_refused() {
    let p = plant();
    let v = props(&p);
    let plan = plan_traffic(&TrafficAction::Apply(vec![v[1].clone()]), &p).unwrap();
    let mut after = p.clone();
    plan.edit.apply(&mut after).unwrap();
    assert_eq!(after.conduits.len(), 1);
    assert_eq!(after.conduits[0].flows.len(), 2);
    let mut gone = p.clone();
    gone.zones.pop();
    assert!(plan_traffic(&TrafficAction::Apply(vec![v[0].clone()]), &gone).is_err());
    assert!(plan_traffic(&TrafficAction::Apply(Vec::new()), &p).is_err());
}

#[test]
fn keeping_and_forgetting_the_summary_are_edits_with_an_inverse() {
    let mut p = plant();
    let kept = p.traffic.take().unwrap();
    let import = |proposals| TrafficAction::Import {
        traffic: Box::new(kept.clone()),
        proposals,
    };
    let plan = plan_traffic(&import(Vec::new()), &p).unwrap();
    assert_eq!(plan.label, "Import traffic capture.pcapng");
    let mut after = p.clone();
    let inverse = plan.edit.apply(&mut after).unwrap();
    assert_eq!(after.traffic.as_ref(), Some(&kept));
    inverse.apply(&mut after).unwrap();
    assert_eq!(after.traffic, None);
    assert!(
        plan_traffic(&TrafficAction::Forget, &p).is_err(),
        "nothing to forget"
    );
}
