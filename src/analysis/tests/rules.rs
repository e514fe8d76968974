//! Hand-computed cases for the rules made precise by the audit (direction of data, safety
//! zones, one-way claims, ZCR 3.6 in every zone kind, names and devices) and for SL discipline
//! and CRS completeness. Each rule has a case that triggers it and one that does not.

use super::*;
use crate::model::{Characteristics, DataFlow};

fn findings_of(p: &Project, code: FindingCode) -> Vec<Finding> {
    assess(p, &catalog())
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn paths(p: &Project) -> Vec<Vec<ZoneId>> {
    let a = assess(p, &catalog());
    assert_eq!(a.untrusted_paths, untrusted_paths_to_safety(p, &catalog()));
    a.untrusted_paths
}

fn one_way(mut c: Conduit, enforced: bool) -> Conduit {
    c.direction = Direction::OneWay;
    if enforced {
        c.controls.push("unidirectional_gateway".into());
    }
    c
}

// --- reachability follows the direction of data -------------------------------------------

#[test]
fn a_one_way_conduit_into_a_safety_zone_does_not_protect_it() {
    // Office → SIS, one way and enforced by a gateway: data still flows into the SIS.
    let mut p = clean();
    p.conduits
        .push(one_way(documented_conduit(4, "Office-SIS", 3, 4), true));
    assert_eq!(paths(&p), vec![vec![ZoneId(3), ZoneId(4)]]);
    let f = findings_of(&p, FindingCode::UntrustedPathToSafety);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Zone(ZoneId(4)));
    assert_eq!(
        f[0].message,
        "Data from untrusted zone \"Office\" can reach safety zone \"SIS\" without passing a DMZ: Office → SIS."
    );
    assert_eq!(f[0].severity, FindingSeverity::Error);
    assert!(!f[0].remedy.contains("make a conduit on the path one-way"));
}

#[test]
fn an_enforced_one_way_conduit_out_of_the_safety_zone_blocks_the_path() {
    let mut p = clean();
    p.conduits
        .push(one_way(documented_conduit(4, "SIS-Office", 4, 3), true));
    assert!(paths(&p).is_empty());
    assert!(findings_of(&p, FindingCode::UntrustedPathToSafety).is_empty());
    assert!(findings_of(&p, FindingCode::OneWayUnenforced).is_empty());
}

#[test]
fn an_unenforced_one_way_conduit_is_a_finding_and_counts_as_two_way() {
    // SIS → Office drawn one-way, but no gateway: data can flow back into the SIS.
    let mut p = clean();
    p.conduits
        .push(one_way(documented_conduit(4, "SIS-Office", 4, 3), false));
    let f = findings_of(&p, FindingCode::OneWayUnenforced);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Conduit(ConduitId(4)));
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert_eq!(FindingCode::OneWayUnenforced.code(), "CONDUIT-ONEWAY-CLAIM");
    assert_eq!(paths(&p), vec![vec![ZoneId(3), ZoneId(4)]]);
    // the conduit carries data against its drawn direction, so it is marked on the path
    assert_eq!(
        assess(&p, &catalog()).untrusted_path_conduits,
        vec![ConduitId(4)]
    );
    // a gateway device enforces it as well as the control does
    p.conduits[3]
        .devices
        .push(asset(60, "unidirectional_gateway"));
    assert!(findings_of(&p, FindingCode::OneWayUnenforced).is_empty());
    assert!(paths(&p).is_empty());
    // a firewall is a boundary device, but not a gateway that makes data flow one way
    p.conduits[3].devices = vec![asset(60, "firewall")];
    assert_eq!(findings_of(&p, FindingCode::OneWayUnenforced).len(), 1);
}

#[test]
fn two_way_conduits_raise_no_one_way_claim() {
    assert!(findings_of(&clean(), FindingCode::OneWayUnenforced).is_empty());
}

#[test]
fn the_search_continues_through_safety_zones() {
    // Office – Control – SIS – SIS 2: the second safety zone is reached only through the first.
    let mut p = clean();
    p.zones.push(zone(
        5,
        "SIS 2",
        ZoneKind::Safety,
        3,
        vec![asset(6, "safety_plc")],
    ));
    p.zones[4].characteristics = p.zones[3].characteristics.clone();
    p.zones[4].risk = p.zones[3].risk.clone();
    p.conduits.push(documented_conduit(4, "SIS-SIS2", 4, 5));
    p.conduits[3].characteristics = p.conduits[0].characteristics.clone();
    p.conduits[3].flows = p.conduits[0].flows.clone();
    let sis = p.zones[3].assets[0].id;
    for f in &mut p.conduits[3].flows {
        f.source = crate::model::Endpoint::of_assets(ZoneId(4), vec![sis]);
        f.destination = crate::model::Endpoint::of_assets(ZoneId(5), vec![AssetId(6)]);
    }
    p.conduits[3].risk = p.conduits[0].risk.clone();
    // no path from the office yet: everything passes the DMZ
    assert!(paths(&p).is_empty());
    assert_eq!(codes(&p), Vec::<FindingCode>::new());
    p.conduits
        .push(documented_conduit(5, "Office-Control", 3, 1));
    assert_eq!(
        paths(&p),
        vec![
            vec![ZoneId(3), ZoneId(1), ZoneId(4)],
            vec![ZoneId(3), ZoneId(1), ZoneId(4), ZoneId(5)],
        ]
    );
    let f = findings_of(&p, FindingCode::UntrustedPathToSafety);
    assert_eq!(
        f.iter().map(|f| f.element).collect::<Vec<_>>(),
        vec![ElementRef::Zone(ZoneId(4)), ElementRef::Zone(ZoneId(5))]
    );
    assert!(f[1].message.ends_with("Office → Control → SIS → SIS 2."));
}

#[test]
fn a_zone_with_safety_related_assets_is_a_safety_zone_whatever_its_kind() {
    let mut p = clean();
    p.zones.push(zone(
        5,
        "Burner management",
        ZoneKind::Control,
        2,
        vec![asset(6, "plc")],
    ));
    p.conduits
        .push(documented_conduit(4, "Office-Burner", 3, 5));
    // a control zone without safety-related assets is not a safety zone
    assert!(paths(&p).is_empty());
    p.zones[4].assets.push(asset(7, "safety_plc"));
    assert_eq!(paths(&p), vec![vec![ZoneId(3), ZoneId(5)]]);
    assert_eq!(
        findings_of(&p, FindingCode::UntrustedPathToSafety)[0].element,
        ElementRef::Zone(ZoneId(5))
    );
}

// --- ZCR 3.2–3.6 in zones of every kind ---------------------------------------------------

#[test]
fn external_devices_mixed_in_remote_access_and_external_zones_are_flagged() {
    for kind in [ZoneKind::RemoteAccess, ZoneKind::External] {
        let mut p = clean();
        p.zones[0].kind = kind;
        p.zones[0].assets = vec![asset(1, "cell")];
        assert!(
            findings_of(&p, FindingCode::ExternalMixed).is_empty(),
            "{kind:?} with only externally reached devices"
        );
        p.zones[0].assets.push(asset(2, "plc"));
        let f = findings_of(&p, FindingCode::ExternalMixed);
        assert_eq!(f.len(), 1, "{kind:?}");
        assert_eq!(
            f[0].message,
            "Zone \"Control\" mixes externally reached assets (A1) with other assets (A2)."
        );
    }
}

// --- names and devices ---------------------------------------------------------------------

#[test]
fn names_compare_after_trimming_collapsing_whitespace_and_folding_case() {
    let mut p = clean();
    p.zones[0].name = "Control  Room".into();
    p.zones[1].name = " control\troom ".into();
    let f = findings_of(&p, FindingCode::NameDuplicate);
    assert_eq!(
        f.iter().map(|f| f.element).collect::<Vec<_>>(),
        vec![ElementRef::Zone(ZoneId(1)), ElementRef::Zone(ZoneId(2))]
    );
    // Unicode case folding
    p.zones[0].name = "ÄUSSERE ZONE".into();
    p.zones[1].name = "äussere zone".into();
    assert_eq!(findings_of(&p, FindingCode::NameDuplicate).len(), 2);
    p.conduits[0].name = "Link  A".into();
    p.conduits[1].name = "link a".into();
    assert_eq!(findings_of(&p, FindingCode::NameDuplicate).len(), 4);
}

#[test]
fn names_that_differ_inside_are_not_duplicates() {
    let mut p = clean();
    p.zones[0].name = "Control Room".into();
    p.zones[1].name = "ControlRoom".into();
    p.conduits[0].name = "Link A".into();
    p.conduits[1].name = "Link B".into();
    assert!(findings_of(&p, FindingCode::NameDuplicate).is_empty());
}

#[test]
fn the_same_serial_number_on_two_assets_is_one_device_modelled_twice() {
    let mut p = clean();
    p.zones[0].assets[0].serial_number = " sn-42 ".into();
    p.zones[1].assets[0].serial_number = "SN-42".into();
    let f = findings_of(&p, FindingCode::DeviceDuplicate);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Asset(AssetId(3)));
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert_eq!(
        f[0].message,
        "Asset \"A3\" in zone \"DMZ\" has the same serial number \"SN-42\" as \"A1\" in zone \"Control\": one device may be modelled twice."
    );
    // a third copy: one finding each on the second and third, naming the other two
    p.conduits[0].devices[0].serial_number = "sn-42".into();
    let f = findings_of(&p, FindingCode::DeviceDuplicate);
    assert_eq!(
        f.iter().map(|f| f.element).collect::<Vec<_>>(),
        vec![
            ElementRef::Asset(AssetId(3)),
            ElementRef::Asset(AssetId(901))
        ]
    );
    assert!(
        f[1].message
            .contains("as \"A1\" in zone \"Control\", \"A3\" in zone \"DMZ\":"),
        "{}",
        f[1].message
    );
    assert!(f[1].message.contains("\"A901\" in conduit \"C-DMZ\""));
    // the finding counts on the zone holding the copy
    assert_eq!(assess(&p, &catalog()).zones[1].finding_count, 1);
}

#[test]
fn the_same_tag_on_two_assets_is_one_device_modelled_twice() {
    let mut p = clean();
    p.zones[0].assets[0].tag = "PLC  101".into();
    p.zones[3].assets[0].tag = "plc 101".into();
    let f = findings_of(&p, FindingCode::DeviceDuplicate);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Asset(AssetId(5)));
    assert!(
        f[0].message
            .contains("the same tag \"plc 101\" as \"A1\" in zone \"Control\"")
    );
}

#[test]
fn distinct_or_empty_serials_and_tags_are_no_duplicates() {
    let mut p = clean();
    p.zones[0].assets[0].serial_number = "SN-42".into();
    p.zones[1].assets[0].serial_number = "SN-43".into();
    p.zones[0].assets[1].serial_number = "  ".into();
    p.zones[2].assets[0].serial_number = String::new();
    p.zones[0].assets[0].tag = "PLC-101".into();
    p.zones[1].assets[0].tag = "PLC-102".into();
    // a serial equal to another asset's tag is no match
    p.zones[3].assets[0].serial_number = "PLC-101".into();
    assert!(findings_of(&p, FindingCode::DeviceDuplicate).is_empty());
    // one asset id copied into a second zone is ASSET-DUP, not a second device
    let copy = p.zones[0].assets[0].clone();
    p.zones[1].assets.push(copy);
    assert!(findings_of(&p, FindingCode::DeviceDuplicate).is_empty());
    assert_eq!(findings_of(&p, FindingCode::AssetDuplicate).len(), 1);
}

// --- SL discipline ---------------------------------------------------------------------------

fn met(p: &mut Project, zone: u32, id: &str, evidence: &str) {
    let z = p
        .zone_mut(ZoneId(zone))
        .expect("zone exists in the test project");
    z.requirements.insert(
        id.into(),
        RequirementAssessment {
            status: Status::Met,
            evidence: evidence.into(),
            ..Default::default()
        },
    );
}

#[test]
fn sl_a_above_sl_c_names_the_frs() {
    // Control: SL-C 1 in every FR (plc and switch); SR 1.1, SR 1.1 RE 1 and SR 1.2 met make
    // SL-A(IAC) 2 (SR 1.1 RE 2 at SL 3 is open); the other FRs are not assessed.
    let mut p = clean();
    for id in ["SR 1.1", "SR 1.1 RE 1", "SR 1.2"] {
        met(&mut p, 1, id, "Test report TR-7");
    }
    met(&mut p, 1, "SR 5.1", "Test report TR-7");
    met(&mut p, 1, "SR 5.1 RE 1", "Test report TR-7");
    let a = assess(&p, &catalog());
    assert_eq!(a.zones[0].sl_a[0], Some(2));
    assert_eq!(a.zones[0].sl_a[4], Some(4));
    let f = findings_of(&p, FindingCode::SlAAboveSlC);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Zone(ZoneId(1)));
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert_eq!(
        f[0].message,
        "Zone \"Control\" is assessed above what its components can do: FR1 IAC: SL-A 2 > SL-C 1; FR5 RDF: SL-A 4 > SL-C 1."
    );
}

#[test]
fn sl_a_at_or_below_sl_c_or_compensated_is_consistent() {
    let mut p = clean();
    met(&mut p, 1, "SR 1.1", "Test report TR-7");
    // SL-A(IAC) 1 = SL-C 1
    assert!(findings_of(&p, FindingCode::SlAAboveSlC).is_empty());
    for id in ["SR 1.1 RE 1", "SR 1.2"] {
        met(&mut p, 1, id, "Test report TR-7");
    }
    assert_eq!(findings_of(&p, FindingCode::SlAAboveSlC).len(), 1);
    // a justified compensation raising SL-C(IAC) to 2 makes SL-A 2 consistent
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([2, 0, 0, 0, 0, 0, 0]),
        justification: "Central authentication on a jump host".into(),
    });
    assert!(findings_of(&p, FindingCode::SlAAboveSlC).is_empty());
    // without a justification it does not raise SL-C, so the finding is back
    p.zones[0].compensation = Some(Compensation {
        sl: SlVector([2, 0, 0, 0, 0, 0, 0]),
        justification: String::new(),
    });
    assert_eq!(findings_of(&p, FindingCode::SlAAboveSlC).len(), 1);
}

#[test]
fn met_without_evidence_is_one_finding_per_element_with_the_count() {
    let mut p = clean();
    met(&mut p, 1, "SR 1.1", "");
    met(&mut p, 1, "SR 1.2", "  ");
    met(&mut p, 1, "SR 5.1", "");
    met(&mut p, 1, "SR 1.1 RE 1", "Test report TR-7");
    set(&mut p, 1, "SR 5.1 RE 1", Status::NotMet, "");
    let f = findings_of(&p, FindingCode::MetNoEvidence);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Zone(ZoneId(1)));
    assert_eq!(f[0].severity, FindingSeverity::Info);
    assert_eq!(
        f[0].message,
        "Zone \"Control\": 3 requirements marked met have no evidence reference."
    );
    // the requirements table can filter on it (SL-T 2: all six items apply but SR 1.1 RE 2)
    let catalog = catalog();
    let a = assess(&p, &catalog);
    let missing: Vec<&str> = a.zones[0]
        .applicable
        .iter()
        .filter(|x| x.evidence_missing)
        .map(|x| catalog.requirements[x.requirement].id.as_str())
        .collect();
    assert_eq!(missing, vec!["SR 1.1", "SR 1.2", "SR 5.1"]);
    // conduits too, in the singular
    p.conduits[0].requirements.insert(
        "SR 5.1".into(),
        RequirementAssessment {
            status: Status::Met,
            ..Default::default()
        },
    );
    let f = findings_of(&p, FindingCode::MetNoEvidence);
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[1].message,
        "Conduit \"C-DMZ\": 1 requirement marked met has no evidence reference."
    );
}

#[test]
fn met_with_evidence_raises_nothing() {
    let mut p = clean();
    met(&mut p, 1, "SR 1.1", "Test report TR-7");
    assert!(findings_of(&p, FindingCode::MetNoEvidence).is_empty());
    assert!(
        assess(&p, &catalog()).zones[0]
            .applicable
            .iter()
            .all(|x| !x.evidence_missing)
    );
}

#[test]
fn a_compensation_covering_no_fr_is_empty() {
    let mut p = clean();
    p.conduits[0].compensation = Some(Compensation {
        sl: SlVector::uniform(0),
        justification: "Monitoring by the SOC".into(),
    });
    let f = findings_of(&p, FindingCode::CompensationEmpty);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Conduit(ConduitId(1)));
    assert_eq!(f[0].severity, FindingSeverity::Warning);
    assert!(findings_of(&p, FindingCode::CompensationNoJustification).is_empty());
    // a compensation that covers one FR is not empty
    p.conduits[0].compensation = Some(Compensation {
        sl: SlVector([0, 0, 0, 0, 3, 0, 0]),
        justification: "Monitoring by the SOC".into(),
    });
    assert!(findings_of(&p, FindingCode::CompensationEmpty).is_empty());
    assert!(codes(&p).is_empty());
}

// --- CRS completeness ------------------------------------------------------------------------

#[test]
fn crs_lists_the_empty_characteristics_of_zones_and_conduits() {
    let mut p = clean();
    p.zones[0].characteristics.accountable_organisation.clear();
    p.zones[0].characteristics.assumptions = " ".into();
    p.conduits[1].characteristics.logical_boundary.clear();
    p.conduits[1].flows.clear();
    p.conduits[2].characteristics = Characteristics::default();
    p.conduits[2].flows.clear();
    let f = findings_of(&p, FindingCode::CrsIncomplete);
    assert_eq!(
        f.iter().map(|f| f.element).collect::<Vec<_>>(),
        vec![
            ElementRef::Zone(ZoneId(1)),
            ElementRef::Conduit(ConduitId(2)),
            ElementRef::Conduit(ConduitId(3)),
        ]
    );
    assert!(f.iter().all(|f| f.severity == FindingSeverity::Info));
    assert_eq!(
        f[0].message,
        "Zone \"Control\" has empty ZCR 6.4 characteristics: b) Accountable organisation, n) Assumptions."
    );
    assert_eq!(
        f[1].message,
        "Conduit \"DMZ-Office\" has empty ZCR 6.4 characteristics: c) Logical boundary, h) Data flows."
    );
    assert_eq!(
        f[2].message,
        "Conduit \"C-SIS\" has empty ZCR 6.4 characteristics: b) Accountable organisation, c) Logical boundary, d) Physical boundary, e) Safety designation, f) Logical access points, g) Physical access points, h) Data flows, m) Applicable security policies, n) Assumptions, n) External dependencies."
    );
}

#[test]
fn crs_lists_the_empty_items_of_the_project() {
    let mut p = clean();
    p.meta.description.clear();
    p.meta.tolerable_risk = "\n".into();
    let f = findings_of(&p, FindingCode::CrsIncomplete);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].element, ElementRef::Project);
    assert_eq!(
        f[0].message,
        "The cybersecurity requirements specification has empty items: ZCR 6.2 SUC description, ZCR 6.8 Tolerable risk."
    );
    // a conduit with a data flow but nothing else empty raises nothing
    let mut p = clean();
    p.conduits[0].flows = vec![DataFlow {
        ports: vec![crate::model::PortRange::one(502)],
        ..DataFlow::default()
    }];
    assert!(findings_of(&p, FindingCode::CrsIncomplete).is_empty());
}

#[test]
fn new_findings_keep_a_stable_order() {
    // assets, then zones, conduits, then the project-wide checks
    let mut p = clean();
    p.meta.threat_environment.clear();
    p.zones[1].assets[0].serial_number = "X".into();
    p.zones[0].assets[0].serial_number = "x".into();
    met(&mut p, 1, "SR 1.1", "");
    p.conduits[0].direction = Direction::OneWay;
    assert_eq!(
        codes(&p),
        vec![
            FindingCode::DeviceDuplicate,
            FindingCode::MetNoEvidence,
            FindingCode::OneWayUnenforced,
            FindingCode::CrsIncomplete,
        ]
    );
    assert_eq!(assess(&p, &catalog()), assess(&p, &catalog()));
}
