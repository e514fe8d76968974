//! The sample plants shipped with zonewright load, on disk and embedded, and are rich enough to
//! show every part of the program: several zones and conduits, many assets, a mix of requirement
//! statuses, and only component and control ids that the catalog defines.

use std::collections::HashSet;
use std::path::PathBuf;

use zonewright::model::{Direction, Project, SlVector, Status, ZoneKind};
use zonewright::samples::{SAMPLES, Sample};

/// Component type ids the catalog defines (kept here on purpose: the samples must not drift
/// from this list even while the catalog is edited).
const COMPONENT_IDS: &[&str] = &[
    "plc",
    "dcs_controller",
    "rtu",
    "robot_controller",
    "drive",
    "field_instrument",
    "safety_plc",
    "sis_engineering_workstation",
    "hmi_panel",
    "scada_server",
    "operator_workstation",
    "engineering_workstation",
    "historian",
    "opc_ua_server",
    "mes_server",
    "domain_controller",
    "patch_server",
    "antimalware_server",
    "backup_server",
    "jump_host",
    "remote_access_gateway",
    "firewall",
    "dpi_firewall",
    "unidirectional_gateway",
    "managed_switch",
    "router",
    "wireless_ap",
    "wireless_gateway",
    "radio_modem",
    "maintenance_laptop",
    "vendor_laptop",
    "iiot_gateway",
    "cellular_router",
    "corporate_workstation",
    "erp_server",
    "email_server",
    "cloud_service",
];

/// Conduit control ids the catalog defines.
const CONTROL_IDS: &[&str] = &[
    "stateful_firewall",
    "dpi_firewall",
    "unidirectional_gateway",
    "vpn",
    "jump_host",
    "mfa",
    "ids_monitoring",
    "protocol_break",
    "allow_list",
    "encryption",
    "session_recording",
    "time_limited_access",
];

fn parse(sample: &Sample) -> Project {
    match zonewright::file::from_str(sample.text) {
        Ok(p) => p,
        Err(e) => panic!("embedded sample \"{}\" does not load: {e}", sample.name),
    }
}

fn path_on_disk(sample: &Sample) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{}.ron", sample.name))
}

/// Every requirement status of the project's zones and conduits.
fn statuses(p: &Project) -> Vec<Status> {
    let zones = p.zones.iter().flat_map(|z| z.requirements.values());
    let conduits = p.conduits.iter().flat_map(|c| c.requirements.values());
    zones.chain(conduits).map(|r| r.status).collect()
}

#[test]
fn there_are_three_samples_with_distinct_names() {
    let names: HashSet<&str> = SAMPLES.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), 3);
    for name in ["refinery", "water", "manufacturing"] {
        assert!(names.contains(name), "no sample named \"{name}\"");
    }
}

#[test]
fn embedded_samples_parse() {
    for sample in &SAMPLES {
        let p = parse(sample);
        assert!(!p.meta.title.trim().is_empty(), "{}: no title", sample.name);
        assert!(
            !sample.title.trim().is_empty(),
            "{}: no menu title",
            sample.name
        );
    }
}

#[test]
fn sample_files_on_disk_load_and_match_the_embedded_text() {
    for sample in &SAMPLES {
        let path = path_on_disk(sample);
        let from_disk = match zonewright::file::load(&path) {
            Ok(p) => p,
            Err(e) => panic!("sample file {} does not load: {e}", path.display()),
        };
        assert_eq!(
            from_disk,
            parse(sample),
            "{}: file on disk differs from the embedded text",
            sample.name
        );
    }
}

#[test]
fn samples_are_big_enough_to_show_the_program() {
    for sample in &SAMPLES {
        let p = parse(sample);
        assert!(
            p.zones.len() >= 5,
            "{}: only {} zones",
            sample.name,
            p.zones.len()
        );
        assert!(
            p.conduits.len() >= 4,
            "{}: only {} conduits",
            sample.name,
            p.conduits.len()
        );
        assert!(
            p.asset_count() >= 15,
            "{}: only {} assets",
            sample.name,
            p.asset_count()
        );
        for z in &p.zones {
            assert!(
                !z.assets.is_empty(),
                "{}: zone \"{}\" has no assets",
                sample.name,
                z.name
            );
            assert!(
                z.sl_t.is_some(),
                "{}: zone \"{}\" has no SL-T",
                sample.name,
                z.name
            );
        }
    }
}

#[test]
fn samples_mix_requirement_statuses() {
    for sample in &SAMPLES {
        let p = parse(sample);
        let found = statuses(&p);
        for wanted in [Status::Met, Status::NotMet, Status::Compensated] {
            assert!(
                found.contains(&wanted),
                "{}: no requirement is {}",
                sample.name,
                wanted.label()
            );
        }
        // Only part of the requirements is assessed, so that gaps show.
        let a = zonewright::analysis::assess(&p, zonewright::catalog::Catalog::embedded());
        let applicable: usize = a
            .zones
            .iter()
            .chain(&a.conduits)
            .map(|e| e.applicable.len())
            .sum();
        assert!(
            found.len() >= 15 && found.len() * 2 < applicable,
            "{}: {} of {applicable} applicable requirements assessed",
            sample.name,
            found.len()
        );
    }
}

#[test]
fn requirement_ids_look_like_iec_62443_3_3_ids() {
    for sample in &SAMPLES {
        let p = parse(sample);
        let ids = p
            .zones
            .iter()
            .flat_map(|z| z.requirements.keys())
            .chain(p.conduits.iter().flat_map(|c| c.requirements.keys()));
        for id in ids {
            let mut parts = id.split(' ');
            let ok = parts.next() == Some("SR")
                && parts.next().is_some_and(|n| {
                    n.split_once('.').is_some_and(|(fr, sr)| {
                        fr.parse::<u8>().is_ok_and(|fr| (1..=7).contains(&fr))
                            && sr.parse::<u8>().is_ok()
                    })
                })
                && match (parts.next(), parts.next(), parts.next()) {
                    (None, None, None) => true,
                    (Some("RE"), Some(n), None) => n.parse::<u8>().is_ok(),
                    _ => false,
                };
            assert!(ok, "{}: \"{id}\" is not an SR or RE id", sample.name);
        }
    }
}

#[test]
fn samples_use_only_catalog_component_and_control_ids() {
    let components: HashSet<&str> = COMPONENT_IDS.iter().copied().collect();
    let controls: HashSet<&str> = CONTROL_IDS.iter().copied().collect();
    for sample in &SAMPLES {
        let p = parse(sample);
        for (a, _) in p.all_assets() {
            assert!(
                components.contains(a.component.as_str()),
                "{}: asset \"{}\" has unknown component \"{}\"",
                sample.name,
                a.name,
                a.component
            );
        }
        for c in &p.conduits {
            for ctl in &c.controls {
                assert!(
                    controls.contains(ctl.as_str()),
                    "{}: conduit \"{}\" has unknown control \"{ctl}\"",
                    sample.name,
                    c.name
                );
            }
        }
    }
}

#[test]
fn sample_zones_do_not_overlap() {
    for sample in &SAMPLES {
        let p = parse(sample);
        for (i, a) in p.zones.iter().enumerate() {
            for b in &p.zones[i + 1..] {
                let (ra, rb) = (a.rect, b.rect);
                let apart = ra.x + ra.w <= rb.x
                    || rb.x + rb.w <= ra.x
                    || ra.y + ra.h <= rb.y
                    || rb.y + rb.h <= ra.y;
                assert!(
                    apart,
                    "{}: zones \"{}\" and \"{}\" overlap",
                    sample.name, a.name, b.name
                );
            }
        }
    }
}

#[test]
fn every_asset_chip_fits_in_its_zone() {
    for sample in &SAMPLES {
        let p = parse(sample);
        for z in &p.zones {
            let chips = zonewright::model::layout::asset_chips(&z.rect, z.assets.len());
            assert_eq!(
                chips.hidden,
                0,
                "{}: zone \"{}\" is too small for its {} assets",
                sample.name,
                z.name,
                z.assets.len()
            );
        }
    }
}

#[test]
fn refinery_has_a_uniform_sl3_safety_zone_and_a_one_way_diode() {
    let sample = zonewright::samples::find("refinery").expect("refinery sample");
    let p = parse(sample);
    assert!(
        p.zones
            .iter()
            .any(|z| z.kind == ZoneKind::Safety && z.sl_t == Some(SlVector::uniform(3))),
        "the refinery has no Safety zone with SL-T 3 in every FR"
    );
    assert!(
        p.conduits.iter().any(|c| c.direction == Direction::OneWay
            && c.devices
                .iter()
                .any(|d| d.component == "unidirectional_gateway")),
        "the refinery has no one-way conduit through a unidirectional gateway"
    );
}
