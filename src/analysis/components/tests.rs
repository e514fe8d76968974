//! Hand-computed SL-C rules of IEC 62443-4-2 evidence.

use super::*;
use crate::analysis::{FindingCode, assess};
use crate::model::component::{Certificate, ComponentCheck};
use crate::model::{Project, Rect, SlOverride, Zone, ZoneId, ZoneKind};

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

fn check(id: &str, status: CheckStatus) -> ComponentCheck {
    ComponentCheck {
        requirement: id.into(),
        status,
        evidence: "test report TR-1".into(),
    }
}

fn cap(asset: &Asset, date: &str) -> AssetCapability {
    asset_capability(
        asset,
        catalog().component(&asset.component),
        catalog(),
        Date::parse(date),
    )
}

/// Every CR and EDR row of FR 2 (UC) met, as an SL-4 embedded device would have it.
fn uc_all_met() -> Vec<ComponentCheck> {
    catalog()
        .component_requirements_for(ComponentClass::EmbeddedDevice)
        .filter(|r| r.fr == crate::model::Fr::Uc)
        .map(|r| check(&r.id, CheckStatus::Met))
        .collect()
}

#[test]
fn one_sl2_enhancement_not_met_gives_sl_c_1_in_that_fr() {
    let mut plc = Asset::new(AssetId(1), "PLC-1", "plc");
    plc.component_checks = uc_all_met();
    assert_eq!(cap(&plc, "2026-01-01").sl_c[1], Some(4));
    // CR 2.1 RE 1 is an SL-2 enhancement
    for c in &mut plc.component_checks {
        if c.requirement == "CR 2.1 RE 1" {
            c.status = CheckStatus::NotMet;
        }
    }
    let c = cap(&plc, "2026-01-01");
    assert_eq!(c.sl_c[1], Some(1));
    assert_eq!(c.source[1], Some(SlCSource::Assessment));
    // the other FRs are not assessed: they keep the PLC's typical value
    assert_eq!(c.sl_c[0], Some(1));
    assert_eq!(c.source[0], Some(SlCSource::Typical));
}

#[test]
fn not_applicable_counts_and_a_missing_item_does_not() {
    let mut plc = Asset::new(AssetId(1), "PLC-1", "plc");
    plc.component_checks = uc_all_met();
    // the EDR 2.13 row (SL 2) not applicable: still SL 4
    for c in &mut plc.component_checks {
        if c.requirement == "EDR 2.13" {
            c.status = CheckStatus::NotApplicable;
        }
    }
    assert_eq!(cap(&plc, "").sl_c[1], Some(4));
    // CR 2.7 (SL 3) left out: SL 2
    plc.component_checks.retain(|c| c.requirement != "CR 2.7");
    assert_eq!(cap(&plc, "").sl_c[1], Some(2));
}

#[test]
fn a_valid_certificate_wins_and_an_expired_one_falls_back() {
    let mut plc = Asset::new(AssetId(1), "PLC-1", "plc");
    plc.certificate = Some(Certificate {
        number: "C-1".into(),
        issued: "2024-07-01".into(),
        valid_until: "2026-06-30".into(),
        sl_c: SlVector([2, 2, 2, 1, 2, 2, 2]),
        ..Certificate::default()
    });
    plc.sl_c_override = Some(SlOverride {
        sl: SlVector::uniform(3),
        source: "datasheet".into(),
    });
    let valid = cap(&plc, "2026-06-30");
    assert_eq!(valid.sl_c, [2, 2, 2, 1, 2, 2, 2].map(Some));
    assert_eq!(valid.source, [Some(SlCSource::Certificate); 7]);
    assert_eq!(valid.certificate, Some(Validity::Valid));
    let expired = cap(&plc, "2026-07-01");
    assert_eq!(expired.certificate, Some(Validity::Expired));
    assert_eq!(expired.sl_c, [Some(3); 7]);
    assert_eq!(expired.source, [Some(SlCSource::Override); 7]);
    plc.sl_c_override = None;
    assert_eq!(
        cap(&plc, "2026-07-01").source,
        [Some(SlCSource::Typical); 7]
    );
    // without an assessment date the certificate does not count: the typical default
    assert_eq!(
        cap(&plc, "").certificate,
        Some(Validity::Unchecked(
            crate::model::component::DateProblem::NoAssessmentDate
        ))
    );
    assert_eq!(cap(&plc, "").source[0], Some(SlCSource::Typical));
}

#[test]
fn an_ndr_row_applies_to_a_switch_not_to_a_plc() {
    let ndr = catalog().component_requirement("NDR 5.2").cloned();
    let ndr = ndr.unwrap_or_else(|| panic!("NDR 5.2 is in the catalog"));
    let class = |t: &str| catalog().component(t).map(|t| t.class);
    assert!(class("managed_switch").is_some_and(|c| ndr.applies_to(c)));
    assert!(!class("plc").is_some_and(|c| ndr.applies_to(c)));
    // an NDR status on a PLC is ignored (and reported), on a switch it counts
    let mut plc = Asset::new(AssetId(1), "PLC-1", "plc");
    plc.component_checks = vec![check("NDR 5.2", CheckStatus::Met)];
    assert_eq!(cap(&plc, "").source[4], Some(SlCSource::Typical));
    let mut switch = Asset::new(AssetId(2), "SW-1", "managed_switch");
    switch.component_checks = vec![check("NDR 5.2", CheckStatus::Met)];
    let c = cap(&switch, "");
    assert_eq!(c.source[4], Some(SlCSource::Assessment));
    // CR 5.1 (SL 1) is not assessed: SL-C 0 in RDF
    assert_eq!(c.sl_c[4], Some(0));

    let mut p = Project::default();
    let mut z = Zone::new(
        ZoneId(1),
        "Z",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 100.0),
    );
    z.assets = vec![plc, switch];
    z.sl_t = Some(SlVector::uniform(1));
    p.zones.push(z);
    let a = assess(&p, catalog());
    let unknown: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::ComponentCheckUnknown)
        .map(|f| f.element)
        .collect();
    assert_eq!(unknown, vec![ElementRef::Asset(AssetId(1))]);
    // what to ask suppliers: the switch's class list has NDR rows, the PLC's has none
    let suppliers = &a.zones[0].suppliers;
    let ids = |class: ComponentClass| -> Vec<&str> {
        suppliers
            .iter()
            .filter(|s| s.class == class)
            .flat_map(|s| &s.requirements)
            .map(|&i| catalog().component_requirements[i].id.as_str())
            .collect()
    };
    assert!(ids(ComponentClass::NetworkDevice).contains(&"NDR 5.2"));
    assert!(
        !ids(ComponentClass::EmbeddedDevice)
            .iter()
            .any(|id| id.starts_with("NDR"))
    );
    assert_eq!(ids(ComponentClass::EmbeddedDevice).len(), 36);
    // per row, how many of the class's assets are shown to meet it: the switch meets NDR 5.2
    // (assessed met) and not CR 5.1 (not assessed); the PLC meets nothing
    let met = |class: ComponentClass, id: &str| -> Option<usize> {
        let s = suppliers.iter().find(|s| s.class == class)?;
        let k = s
            .requirements
            .iter()
            .position(|&i| catalog().component_requirements[i].id == id)?;
        s.met_by.get(k).copied()
    };
    assert_eq!(met(ComponentClass::NetworkDevice, "NDR 5.2"), Some(1));
    assert_eq!(met(ComponentClass::NetworkDevice, "CR 5.1"), Some(0));
    assert_eq!(met(ComponentClass::EmbeddedDevice, "CR 5.1"), Some(0));
    for s in suppliers {
        assert_eq!(s.met_by.len(), s.requirements.len());
        let open = s.met_by.iter().filter(|&&m| m < s.assets.len()).count();
        assert_eq!(
            s.open, open,
            "open = rows not met by every asset of the class"
        );
    }
}

#[test]
fn zone_sl_c_takes_the_weakest_asset_and_its_source() {
    let mut plc = Asset::new(AssetId(1), "PLC-1", "plc");
    plc.certificate = Some(Certificate {
        issued: "2025-01-01".into(),
        sl_c: SlVector::uniform(2),
        ..Certificate::default()
    });
    let hmi = Asset::new(AssetId(2), "HMI-1", "hmi_panel");
    let caps = [cap(&plc, "2026-01-01"), cap(&hmi, "2026-01-01")];
    let refs: Vec<&AssetCapability> = caps.iter().collect();
    let (sl_c, source) = group_capability(&refs);
    let hmi_typical = catalog().component("hmi_panel").map(|t| t.sl_c);
    for fr in 0..7 {
        let h = hmi_typical.map_or(0, |t| t.0[fr]);
        assert_eq!(sl_c[fr], Some(h.min(2)));
        // below 2 the HMI is weakest; on a tie the weaker source shows
        let expected = if h > 2 {
            SlCSource::Certificate
        } else {
            SlCSource::Typical
        };
        assert_eq!(source[fr], Some(expected), "FR {fr}");
    }
}

#[test]
fn findings_for_expiry_and_typical_only_zones() {
    let mut p = Project::default();
    p.meta.date = "2026-10-01".into();
    let mut typical = Zone::new(
        ZoneId(1),
        "Typical",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 100.0),
    );
    typical.assets.push(Asset::new(AssetId(1), "PLC-1", "plc"));
    let mut certified = Zone::new(
        ZoneId(2),
        "Certified",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 100.0),
    );
    let mut plc = Asset::new(AssetId(2), "PLC-2", "plc");
    plc.certificate = Some(Certificate {
        number: "C-9".into(),
        issued: "2025-10-01".into(),
        valid_until: "2026-09-30".into(),
        sl_c: SlVector::uniform(2),
        ..Certificate::default()
    });
    certified.assets.push(plc);
    p.zones = vec![typical, certified];
    let a = assess(&p, catalog());
    let of = |code: FindingCode| -> Vec<ElementRef> {
        a.findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.element)
            .collect()
    };
    assert_eq!(
        of(FindingCode::CertificateExpired),
        vec![ElementRef::Asset(AssetId(2))]
    );
    // the expired certificate does not count, so zone 2 rests on typical values too
    assert_eq!(
        of(FindingCode::SlCTypicalOnly),
        vec![ElementRef::Zone(ZoneId(1)), ElementRef::Zone(ZoneId(2))]
    );
    p.meta.date = "2026-09-30".into();
    let a = assess(&p, catalog());
    assert!(
        !a.findings
            .iter()
            .any(|f| f.code == FindingCode::CertificateExpired)
    );
    assert_eq!(a.zones[1].sl_c_source, [Some(SlCSource::Certificate); 7]);
    assert_eq!(
        a.asset(AssetId(2)).map(|c| c.sources_label()),
        Some("certificate".to_owned())
    );
}

#[test]
fn the_crosswalk_links_sr_numbers_to_cr_and_class_rows() {
    let mut switch = Asset::new(AssetId(2), "SW-1", "managed_switch");
    switch.component_checks = vec![
        check("NDR 5.2", CheckStatus::Met),
        check("NDR 5.2 RE 1", CheckStatus::NotMet),
    ];
    let plc = Asset::new(AssetId(1), "PLC-1", "plc");
    let assets = vec![plc, switch];
    let caps: Vec<AssetCapability> = assets.iter().map(|a| cap(a, "")).collect();
    let refs: Vec<&AssetCapability> = caps.iter().collect();
    let rows = crosswalk("SR 5.2", &assets, &refs, catalog());
    let ids: Vec<&str> = rows
        .iter()
        .map(|s| catalog().component_requirements[s.requirement].id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["NDR 5.2", "NDR 5.2 RE 1", "NDR 5.2 RE 2", "NDR 5.2 RE 3"]
    );
    assert_eq!((rows[0].assets, rows[0].met, rows[0].not_met), (1, 1, 0));
    assert_eq!((rows[1].met, rows[1].not_met), (0, 1));
    // SR 1.1 is supported by CR 1.1 and its enhancements, for both assets
    let rows = crosswalk("SR 1.1 RE 2", &assets, &refs, catalog());
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.assets == 2 && r.met == 0));
    assert!(crosswalk("SR 2.3", &assets, &refs, catalog()).is_empty());
}
