//! Hand-computed cases for SL-C, SL-A, SL-T defaults, gaps and every finding code.

use super::*;
use crate::catalog::{ComponentClass, ComponentType, Control, Requirement};
use crate::model::{
    Asset, AssetId, Compensation, Conduit, ConduitId, Direction, Fr, Rect, RequirementAssessment,
    SlOverride, SlVector, Status, Zone, ZoneId, ZoneKind,
};

fn req(id: &str, fr: Fr, level: u8) -> Requirement {
    Requirement {
        id: id.into(),
        fr,
        title: id.into(),
        level,
        explanation: "x".into(),
    }
}

fn comp(id: &str, class: ComponentClass, sl: [u8; 7]) -> ComponentType {
    ComponentType {
        id: id.into(),
        name: id.into(),
        group: "g".into(),
        class,
        sl_c: SlVector(sl),
        boundary: false,
        business_it: false,
        safety: false,
        wireless: false,
        temporary: false,
        external: false,
        icon: "X".into(),
        description: "x".into(),
    }
}

/// A small catalog whose numbers are easy to follow by hand.
fn catalog() -> Catalog {
    let requirements = vec![
        req("SR 1.1", Fr::Iac, 1),
        req("SR 1.1 RE 1", Fr::Iac, 2),
        req("SR 1.2", Fr::Iac, 2),
        req("SR 1.1 RE 2", Fr::Iac, 3),
        req("SR 5.1", Fr::Rdf, 1),
        req("SR 5.1 RE 1", Fr::Rdf, 2),
    ];
    let mut fw = comp("firewall", ComponentClass::NetworkDevice, [3; 7]);
    fw.boundary = true;
    let mut sis = comp("safety_plc", ComponentClass::EmbeddedDevice, [2; 7]);
    sis.safety = true;
    let mut laptop = comp("laptop", ComponentClass::HostDevice, [1; 7]);
    laptop.temporary = true;
    let mut corp = comp("corp", ComponentClass::HostDevice, [2; 7]);
    corp.business_it = true;
    let mut wap = comp("wap", ComponentClass::NetworkDevice, [2; 7]);
    wap.wireless = true;
    let mut cell = comp("cell", ComponentClass::NetworkDevice, [1; 7]);
    cell.external = true;
    let mut ugw = comp(
        "unidirectional_gateway",
        ComponentClass::NetworkDevice,
        [2; 7],
    );
    ugw.boundary = true;
    let components = vec![
        comp("plc", ComponentClass::EmbeddedDevice, [2, 1, 2, 1, 2, 1, 1]),
        comp("hmi", ComponentClass::HostDevice, [1, 2, 2, 2, 2, 2, 2]),
        comp("historian", ComponentClass::HostDevice, [2; 7]),
        comp("switch", ComponentClass::NetworkDevice, [1; 7]),
        fw,
        sis,
        laptop,
        corp,
        wap,
        cell,
        ugw,
    ];
    let controls = vec![
        Control {
            id: "fw".into(),
            name: "Firewall".into(),
            description: "x".into(),
        },
        Control {
            id: "unidirectional_gateway".into(),
            name: "Unidirectional gateway".into(),
            description: "x".into(),
        },
    ];
    Catalog::new(requirements, components, controls)
}

fn asset(id: u32, component: &str) -> Asset {
    Asset::new(AssetId(id), format!("A{id}"), component)
}

fn zone(id: u32, name: &str, kind: ZoneKind, sl: u8, assets: Vec<Asset>) -> Zone {
    let mut z = Zone::new(
        ZoneId(id),
        name,
        kind,
        Rect::new(id as f32 * 500.0, 0.0, 400.0, 200.0),
    );
    z.sl_t = Some(SlVector::uniform(sl));
    z.assets = assets;
    z
}

fn documented_conduit(id: u32, name: &str, from: u32, to: u32) -> Conduit {
    let mut c = Conduit::new(ConduitId(id), name, ZoneId(from), ZoneId(to));
    c.owner = "OT team".into();
    c.purpose = "Historian data".into();
    c.controls = vec!["fw".into()];
    c.test_method = "Rule review".into();
    c.devices = vec![asset(900 + id, "firewall")];
    c
}

/// A threat scenario rated Low (likelihood 1 × consequence 3 = 3) before and after: it proposes
/// SL-T 1 and its residual risk is tolerable.
fn low_scenario(title: &str) -> crate::model::ThreatScenario {
    crate::model::ThreatScenario {
        title: title.into(),
        likelihood: 1,
        consequence: vec![3],
        likelihood_rationale: "No such event in 20 years of operation".into(),
        ..Default::default()
    }
}

/// A complete assessment record: two assessors, a date, the method version of [`clean`].
fn assessed_record() -> crate::model::AssessmentRecord {
    crate::model::AssessmentRecord {
        assessors: vec![crate::model::Assessor {
            name: "A. Jansen".into(),
            role: "OT security lead".into(),
        }],
        date: "2026-03-02".into(),
        method_version: "3".into(),
        ..Default::default()
    }
}

/// A design with no findings at all: the baseline every finding test mutates.
fn clean() -> Project {
    let mut p = clean_without_risk();
    for z in &mut p.zones {
        z.risk.scenarios.push(low_scenario("Malware on a laptop"));
    }
    for c in &mut p.conduits {
        c.risk
            .scenarios
            .push(low_scenario("Rule change by mistake"));
    }
    p.risk
        .initial
        .push(low_scenario("Worst case for the plant"));
    p.risk.method = crate::model::MethodReference {
        document: "RA-OT-001 OT risk assessment procedure".into(),
        version: "3".into(),
    };
    for z in &mut p.zones {
        z.risk.record = assessed_record();
    }
    for c in &mut p.conduits {
        c.risk.record = assessed_record();
    }
    p
}

/// Every ZCR 6.4 characteristic filled in.
fn described() -> crate::model::Characteristics {
    let mut c = crate::model::Characteristics::default();
    for (label, value) in c.fields_mut() {
        *value = format!("{label} as documented");
    }
    c
}

fn clean_without_risk() -> Project {
    let mut p = Project {
        zones: vec![
            zone(
                1,
                "Control",
                ZoneKind::Control,
                2,
                vec![asset(1, "plc"), asset(2, "switch")],
            ),
            zone(2, "DMZ", ZoneKind::Dmz, 2, vec![asset(3, "historian")]),
            zone(3, "Office", ZoneKind::Enterprise, 1, vec![asset(4, "corp")]),
            zone(4, "SIS", ZoneKind::Safety, 3, vec![asset(5, "safety_plc")]),
        ],
        conduits: vec![
            documented_conduit(1, "C-DMZ", 1, 2),
            documented_conduit(2, "DMZ-Office", 2, 3),
            documented_conduit(3, "C-SIS", 1, 4),
        ],
        ..Default::default()
    };
    for z in &mut p.zones {
        z.characteristics = described();
    }
    let first_asset = |p: &Project, z: ZoneId| -> Vec<crate::model::AssetId> {
        p.zone(z)
            .and_then(|z| z.assets.first())
            .map(|a| a.id)
            .into_iter()
            .collect()
    };
    for k in 0..p.conduits.len() {
        let (from, to) = (p.conduits[k].from, p.conduits[k].to);
        let (src, dst) = (first_asset(&p, from), first_asset(&p, to));
        let c = &mut p.conduits[k];
        c.characteristics = described();
        c.flows.push(crate::model::DataFlow {
            source: crate::model::Endpoint::of_assets(from, src),
            destination: crate::model::Endpoint::of_assets(to, dst),
            protocol: "opc_ua".into(),
            ports: vec![crate::model::PortRange::one(4840)],
            justification: "Process values".into(),
            ..crate::model::DataFlow::default()
        });
    }
    let m = &mut p.meta;
    m.description = "Crude distillation unit".into();
    m.operating_environment = "Fenced site, staffed control room".into();
    m.threat_environment = "Ransomware, insiders, vendor access".into();
    m.security_policies = "Site OT security policy rev. 3".into();
    m.tolerable_risk = "Medium or lower".into();
    m.regulatory_requirements = "NIS2".into();
    p
}

fn codes(p: &Project) -> Vec<FindingCode> {
    assess(p, &catalog())
        .findings
        .iter()
        .map(|f| f.code)
        .collect()
}

fn set(p: &mut Project, zone: u32, id: &str, status: Status, text: &str) {
    let z = p
        .zone_mut(ZoneId(zone))
        .expect("zone exists in the test project");
    z.requirements.insert(
        id.into(),
        RequirementAssessment {
            status,
            text: text.into(),
            ..Default::default()
        },
    );
}

#[test]
fn clean_design_has_no_findings() {
    assert_eq!(codes(&clean()), Vec::<FindingCode>::new());
}

#[test]
fn sl_c_is_the_minimum_over_assets_per_fr() {
    let a = assess(&clean(), &catalog());
    // plc (2,1,2,1,2,1,1) and switch (1,1,1,1,1,1,1)
    assert_eq!(a.zones[0].sl_c, [1, 1, 1, 1, 1, 1, 1].map(Some));
    let mut p = clean();
    p.zones[0].assets = vec![asset(1, "plc"), asset(2, "hmi")];
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].sl_c, [1, 1, 2, 1, 2, 1, 1].map(Some));
}

#[test]
fn sl_c_override_replaces_the_type_value() {
    let mut p = clean();
    p.zones[0].assets = vec![asset(1, "plc")];
    p.zones[0].assets[0].sl_c_override = Some(SlOverride {
        sl: SlVector([3, 3, 3, 2, 3, 2, 3]),
        source: "cert 42".into(),
    });
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].sl_c, [3, 3, 3, 2, 3, 2, 3].map(Some));
}

#[test]
fn sl_c_is_unknown_without_assets_or_with_an_unknown_type() {
    let mut p = clean();
    p.zones[0].assets.clear();
    assert_eq!(assess(&p, &catalog()).zones[0].sl_c, [None; 7]);
    p.zones[0].assets = vec![asset(1, "plc"), asset(2, "no-such-type")];
    assert_eq!(assess(&p, &catalog()).zones[0].sl_c, [None; 7]);
}

#[test]
fn compensation_raises_sl_c_only_with_a_justification() {
    let mut p = clean();
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([2, 2, 0, 0, 0, 0, 0]),
        justification: String::new(),
    });
    assert_eq!(assess(&p, &catalog()).zones[0].sl_c, [1; 7].map(Some));
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([2, 2, 0, 0, 0, 0, 0]),
        justification: "Host firewall on every PLC".into(),
    });
    assert_eq!(
        assess(&p, &catalog()).zones[0].sl_c,
        [2, 2, 1, 1, 1, 1, 1].map(Some)
    );
}

#[test]
fn sl_a_is_unknown_until_something_is_assessed() {
    let a = assess(&clean(), &catalog());
    assert_eq!(a.zones[1].sl_a, [None; 7]);
    // unknown is not zero: the achievement gap is unknown too, and with no capability gap the
    // zone is grey, not green
    assert_eq!(a.zones[1].capability_gap, [Some(0); 7]);
    assert_eq!(a.zones[1].achievement_gap, [None; 7]);
    assert_eq!(a.zones[1].worst, GapSeverity::Unknown);
    // a known capability gap outranks unknown
    assert_eq!(a.zones[0].worst, GapSeverity::One);
}

#[test]
fn sl_a_is_the_highest_level_whose_items_are_all_satisfied() {
    let mut p = clean();
    set(&mut p, 1, "SR 1.1", Status::Met, "");
    set(&mut p, 1, "SR 1.1 RE 1", Status::Met, "");
    set(&mut p, 1, "SR 1.2", Status::NotMet, "");
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].sl_a[Fr::Iac.index()], Some(1));
    assert_eq!(
        a.zones[0].sl_a[Fr::Rdf.index()],
        None,
        "FR5 is not assessed"
    );
    assert_eq!(a.zones[0].achievement_gap[Fr::Iac.index()], Some(1));
    // Compensated without text does not count; with text it does.
    set(&mut p, 1, "SR 1.2", Status::Compensated, "");
    assert_eq!(assess(&p, &catalog()).zones[0].sl_a[0], Some(1));
    set(
        &mut p,
        1,
        "SR 1.2",
        Status::Compensated,
        "Central AD authentication via jump host",
    );
    assert_eq!(assess(&p, &catalog()).zones[0].sl_a[0], Some(2));
    // Not applicable with a justification counts; SR 1.1 NotMet drops to 0.
    set(&mut p, 1, "SR 1.1", Status::NotMet, "");
    assert_eq!(assess(&p, &catalog()).zones[0].sl_a[0], Some(0));
    set(
        &mut p,
        1,
        "SR 1.1",
        Status::NotApplicable,
        "No human users on this zone",
    );
    set(&mut p, 1, "SR 1.1 RE 2", Status::Met, "");
    // Every item of FR1 satisfied: no item is required only at SL 4, so SL-A reaches 4.
    assert_eq!(assess(&p, &catalog()).zones[0].sl_a[0], Some(4));
}

#[test]
fn sl_a_fr5_example_with_the_real_catalog() {
    // A zone at SL-T 2 with every SL-1 and SL-2 item of FR5 met but one SL-2 RE not met has
    // SL-A(RDF) = 1.
    let catalog = Catalog::embedded();
    let mut p = clean();
    let fr5: Vec<&crate::catalog::Requirement> = catalog
        .requirements_of(Fr::Rdf)
        .filter(|r| r.level <= 2)
        .collect();
    let open = fr5
        .iter()
        .find(|r| r.level == 2 && r.id.contains(" RE "))
        .expect("FR5 has an RE required at SL 2");
    for r in &fr5 {
        let status = if r.id == open.id {
            Status::NotMet
        } else {
            Status::Met
        };
        set(&mut p, 1, &r.id, status, "");
    }
    let a = assess(&p, catalog);
    assert_eq!(a.zones[0].sl_t, Some(SlVector::uniform(2)));
    assert_eq!(a.zones[0].sl_a[Fr::Rdf.index()], Some(1));
    assert_eq!(a.zones[0].achievement_gap[Fr::Rdf.index()], Some(1));
    assert_eq!(a.zones[0].fr_severity[Fr::Rdf.index()], GapSeverity::One);
    // the gaps' severities, per FR, come with the assessment
    assert_eq!(
        a.zones[0].achievement_severity[Fr::Rdf.index()],
        GapSeverity::One
    );
    for (i, e) in a.zones.iter().chain(&a.conduits).enumerate() {
        for fr in 0..7 {
            assert_eq!(
                e.capability_severity[fr],
                GapSeverity::from_gap(e.capability_gap[fr]),
                "element {i}"
            );
            assert_eq!(
                e.fr_severity[fr],
                e.capability_severity[fr].worst(e.achievement_severity[fr])
            );
        }
    }
    // Meeting it lifts SL-A(RDF) to 2 (SL-3 items are not assessed).
    set(&mut p, 1, &open.id, Status::Met, "");
    assert_eq!(assess(&p, catalog).zones[0].sl_a[Fr::Rdf.index()], Some(2));
}

#[test]
fn applicable_requirements_follow_sl_t_per_fr() {
    let mut p = clean();
    p.zones[0].sl_t = Some(SlVector([2, 0, 0, 0, 1, 0, 0]));
    let catalog = catalog();
    let a = assess(&p, &catalog);
    let ids: Vec<&str> = a.zones[0]
        .applicable
        .iter()
        .map(|x| catalog.requirements[x.requirement].id.as_str())
        .collect();
    assert_eq!(ids, vec!["SR 1.1", "SR 1.1 RE 1", "SR 1.2", "SR 5.1"]);
}

#[test]
fn conduit_sl_t_defaults_to_the_element_wise_maximum() {
    let mut p = clean();
    p.zones[0].sl_t = Some(SlVector([2, 1, 3, 0, 2, 1, 1]));
    p.zones[1].sl_t = Some(SlVector([1, 2, 2, 1, 2, 0, 3]));
    let a = assess(&p, &catalog());
    assert_eq!(a.conduits[0].sl_t, Some(SlVector([2, 2, 3, 1, 2, 1, 3])));
    p.conduits[0].sl_t_override = Some(SlVector::uniform(3));
    assert_eq!(
        assess(&p, &catalog()).conduits[0].sl_t,
        Some(SlVector::uniform(3))
    );
}

#[test]
fn gap_severities() {
    assert_eq!(GapSeverity::from_gap(Some(0)), GapSeverity::None);
    assert_eq!(GapSeverity::from_gap(Some(1)), GapSeverity::One);
    assert_eq!(GapSeverity::from_gap(Some(3)), GapSeverity::Two);
    assert_eq!(GapSeverity::from_gap(None), GapSeverity::Unknown);
    let mut p = clean();
    // SIS: SL-T 3, safety_plc SL-C 2 → capability gap 1 everywhere
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[3].capability_gap, [Some(1); 7]);
    assert_eq!(a.zones[3].worst, GapSeverity::One);
    // SL-T 4 → gap 2 → red
    p.zones[3].sl_t = Some(SlVector::uniform(4));
    assert_eq!(assess(&p, &catalog()).zones[3].worst, GapSeverity::Two);
    // SL-T 0 in an FR is no gap, not unknown
    p.zones[0].sl_t = Some(SlVector::uniform(0));
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].capability_gap, [Some(0); 7]);
    assert_eq!(a.zones[0].achievement_gap, [Some(0); 7]);
    assert_eq!(a.zones[0].worst, GapSeverity::None);
}

#[test]
fn assess_is_deterministic() {
    let p = clean();
    assert_eq!(assess(&p, &catalog()), assess(&p, &catalog()));
}

fn triggers(code: FindingCode, mutate: impl FnOnce(&mut Project)) {
    let base = codes(&clean());
    assert!(!base.contains(&code), "{code:?} fires on the clean design");
    let mut p = clean();
    mutate(&mut p);
    let got = codes(&p);
    assert!(got.contains(&code), "{code:?} did not fire; got {got:?}");
}

#[test]
fn finding_asset_duplicate() {
    triggers(FindingCode::AssetDuplicate, |p| {
        let a = p.zones[0].assets[0].clone();
        p.zones[1].assets.push(a);
    });
}

#[test]
fn finding_component_unknown() {
    triggers(FindingCode::ComponentUnknown, |p| {
        p.zones[0].assets[0].component = "toaster".into()
    });
}

#[test]
fn finding_business_mixed() {
    triggers(FindingCode::BusinessMixed, |p| {
        p.zones[0].assets.push(asset(50, "corp"))
    });
}

#[test]
fn finding_safety_mixed() {
    triggers(FindingCode::SafetyMixed, |p| {
        p.zones[3].assets.push(asset(50, "hmi"))
    });
}

#[test]
fn finding_temporary_mixed() {
    triggers(FindingCode::TemporaryMixed, |p| {
        p.zones[0].assets.push(asset(50, "laptop"))
    });
}

#[test]
fn finding_wireless_mixed() {
    triggers(FindingCode::WirelessMixed, |p| {
        p.zones[0].assets.push(asset(50, "wap"))
    });
}

#[test]
fn finding_external_mixed() {
    triggers(FindingCode::ExternalMixed, |p| {
        p.zones[0].assets.push(asset(50, "cell"))
    });
}

#[test]
fn neutral_network_devices_do_not_break_separation() {
    let mut p = clean();
    p.zones[3].assets.push(asset(50, "switch"));
    assert_eq!(codes(&p), Vec::<FindingCode>::new());
}

#[test]
fn finding_conduit_documentation() {
    triggers(FindingCode::ConduitNoOwner, |p| p.conduits[0].owner.clear());
    triggers(FindingCode::ConduitNoPurpose, |p| {
        p.conduits[0].purpose = "  ".into()
    });
    triggers(FindingCode::ConduitNoControl, |p| {
        p.conduits[0].controls.clear()
    });
    triggers(FindingCode::ConduitNoTest, |p| {
        p.conduits[0].test_method.clear()
    });
    triggers(FindingCode::ControlUnknown, |p| {
        p.conduits[0].controls.push("moat".into())
    });
}

#[test]
fn finding_boundary_missing_only_at_two_levels() {
    // SIS (3) – Control (2): difference 1, no boundary device needed
    let mut p = clean();
    p.conduits[2].devices.clear();
    assert!(!codes(&p).contains(&FindingCode::BoundaryMissing));
    triggers(FindingCode::BoundaryMissing, |p| {
        p.conduits[2].devices = vec![asset(77, "switch")];
        p.zones[0].sl_t = Some(SlVector([1, 1, 1, 1, 1, 1, 1]));
    });
}

#[test]
fn finding_conduit_sl_t_below_zones() {
    let mut p = clean();
    p.conduits[0].sl_t_override = Some(SlVector::uniform(3));
    assert!(!codes(&p).contains(&FindingCode::ConduitSlTBelowZones));
    triggers(FindingCode::ConduitSlTBelowZones, |p| {
        p.conduits[0].sl_t_override = Some(SlVector([2, 2, 2, 2, 1, 2, 2]));
    });
}

#[test]
fn finding_untrusted_path_to_safety() {
    // Office–DMZ–Control–SIS passes the DMZ: fine.
    let mut p = clean();
    p.conduits
        .push(documented_conduit(4, "Office-Control", 3, 1));
    let a = assess(&p, &catalog());
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UntrustedPathToSafety)
        .expect("a direct office-to-control conduit opens a path to the SIS");
    assert_eq!(f.element, ElementRef::Zone(ZoneId(4)));
    assert!(
        f.message.contains("Office → Control → SIS"),
        "{}",
        f.message
    );
    let path = vec![vec![ZoneId(3), ZoneId(1), ZoneId(4)]];
    assert_eq!(untrusted_paths_to_safety(&p, &catalog()), path);
    assert_eq!(a.untrusted_paths, path);
    assert_eq!(a.untrusted_path_conduits, vec![ConduitId(3), ConduitId(4)]);
    // One-way from the office into the control zone, enforced by a gateway: data still flows
    // towards the SIS (before the audit, any one-way conduit was dropped from the graph).
    p.conduits[3].direction = Direction::OneWay;
    p.conduits[3]
        .devices
        .push(asset(60, "unidirectional_gateway"));
    assert_eq!(untrusted_paths_to_safety(&p, &catalog()), path);
    // One-way out of the control zone, enforced: nothing flows from the office inwards.
    p.conduits[3].from = ZoneId(1);
    p.conduits[3].to = ZoneId(3);
    assert!(!codes(&p).contains(&FindingCode::UntrustedPathToSafety));
    assert!(untrusted_paths_to_safety(&p, &catalog()).is_empty());
}

#[test]
fn finding_zone_empty_and_no_sl_t() {
    triggers(FindingCode::ZoneEmpty, |p| p.zones[1].assets.clear());
    triggers(FindingCode::ZoneNoSlT, |p| p.zones[1].sl_t = None);
}

#[test]
fn zone_without_sl_t_is_unknown_and_has_no_applicable_items() {
    let mut p = clean();
    p.zones[1].sl_t = None;
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[1].worst, GapSeverity::Unknown);
    assert!(a.zones[1].applicable.is_empty());
}

#[test]
fn finding_name_duplicate() {
    triggers(FindingCode::NameDuplicate, |p| {
        p.zones[1].name = "control ".into()
    });
    triggers(FindingCode::NameDuplicate, |p| {
        p.conduits[1].name = "C-DMZ".into()
    });
}

#[test]
fn finding_requirement_text_and_unknown_ids() {
    triggers(FindingCode::RequirementNoText, |p| {
        set(p, 1, "SR 1.1", Status::NotApplicable, "")
    });
    triggers(FindingCode::RequirementUnknown, |p| {
        set(p, 1, "SR 9.9", Status::Met, "")
    });
}

#[test]
fn finding_override_without_source() {
    triggers(FindingCode::OverrideNoSource, |p| {
        p.zones[0].assets[0].sl_c_override = Some(SlOverride {
            sl: SlVector::uniform(2),
            source: String::new(),
        });
    });
}

#[test]
fn finding_compensation_without_justification() {
    triggers(FindingCode::CompensationNoJustification, |p| {
        p.zones[0].compensation = Some(Compensation {
            sl: SlVector::uniform(2),
            justification: String::new(),
        });
    });
    triggers(FindingCode::CompensationNoJustification, |p| {
        p.conduits[0].compensation = Some(Compensation {
            sl: SlVector::uniform(2),
            justification: " ".into(),
        });
    });
}

#[test]
fn every_finding_code_is_tested_and_has_a_unique_code_string() {
    let mut seen = std::collections::HashSet::new();
    for code in FindingCode::ALL {
        assert!(
            seen.insert(code.code()),
            "duplicate code string {}",
            code.code()
        );
    }
}

#[test]
fn findings_are_counted_on_their_zone_or_conduit() {
    let mut p = clean();
    p.zones[0].assets.push(asset(50, "laptop")); // zone finding
    p.zones[0].assets[0].sl_c_override = Some(SlOverride {
        sl: SlVector::uniform(2),
        source: String::new(),
    }); // asset finding
    p.conduits[0].owner.clear();
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].finding_count, 2);
    assert_eq!(a.conduits[0].finding_count, 1);
    assert_eq!(a.zones[1].finding_count, 0);
}

#[test]
fn the_worst_finding_of_an_element_and_its_assets_is_kept_with_it() {
    let mut p = clean();
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].worst_finding, None);
    p.zones[0].assets.push(asset(50, "laptop")); // zone finding
    p.zones[0].assets[0].sl_c_override = Some(SlOverride {
        sl: SlVector::uniform(2),
        source: String::new(),
    }); // asset finding
    p.conduits[0].owner.clear();
    let a = assess(&p, &catalog());
    let worst_of = |element: ElementRef| {
        a.findings
            .iter()
            .filter(|f| {
                f.element == element
                    || matches!(f.element, ElementRef::Asset(id)
                    if p.asset(id).is_some_and(|(_, parent)| match (parent, element) {
                        (crate::model::AssetParent::Zone(z), ElementRef::Zone(e)) => z == e,
                        (crate::model::AssetParent::Conduit(c), ElementRef::Conduit(e)) => c == e,
                        _ => false,
                    }))
            })
            .map(|f| f.severity)
            .min()
    };
    let zone = ElementRef::Zone(p.zones[0].id);
    let conduit = ElementRef::Conduit(p.conduits[0].id);
    assert!(worst_of(zone).is_some());
    assert_eq!(a.zones[0].worst_finding, worst_of(zone));
    assert_eq!(a.conduits[0].worst_finding, worst_of(conduit));
    assert_eq!(a.zones[1].worst_finding, None);
}

mod audit;
mod flows;
mod record;
mod rules;
mod traffic;

#[test]
fn progress_counts_assessed_items_per_fr_and_a_partial_sl_a_is_not_a_gap_yet() {
    let mut p = clean();
    // zone 1 has SL-T 2: FR 1 applies SR 1.1, SR 1.1 RE 1, SR 1.2; FR 5 SR 5.1, SR 5.1 RE 1
    set(&mut p, 1, "SR 1.1", Status::Met, "");
    let a = assess(&p, &catalog());
    let z = &a.zones[0];
    let iac = Fr::Iac.index();
    assert_eq!(
        z.progress[iac],
        FrProgress {
            applicable: 3,
            assessed: 1
        }
    );
    assert_eq!(z.progress[Fr::Rdf.index()].applicable, 2);
    assert_eq!(z.progress[Fr::Rdf.index()].assessed, 0);
    assert_eq!(z.progress[Fr::Uc.index()], FrProgress::default());
    assert!(z.sl_a_partial(Fr::Iac));
    assert_eq!(z.sl_a[iac], Some(1));
    assert_eq!(z.sl_a_severity(Fr::Iac), GapSeverity::Unknown);
    assert_eq!(z.progress[iac].text(), "SL-A: 1 of 3 items assessed");
    assert_eq!(
        z.missing_text(),
        vec!["SL-A: 1 of 5 items assessed".to_owned()]
    );
    // once every FR 1 item has a status the gap is a real one
    set(&mut p, 1, "SR 1.1 RE 1", Status::NotMet, "");
    set(&mut p, 1, "SR 1.2", Status::NotMet, "");
    let a = assess(&p, &catalog());
    assert!(!a.zones[0].sl_a_partial(Fr::Iac));
    assert_eq!(a.zones[0].sl_a_severity(Fr::Iac), GapSeverity::One);
    assert_eq!(
        a.zones[0].missing_text(),
        vec!["SL-A: 3 of 5 items assessed".to_owned()]
    );
}
