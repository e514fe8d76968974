use super::*;
use std::collections::HashSet;

const REFERENCE_CSV: &str = include_str!("../../tests/data/iec62443-3-3.csv");

fn catalog() -> Catalog {
    match Catalog::parse_embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog does not parse: {e}"),
    }
}

/// Splits one CSV line into fields, honouring double-quoted fields (with `""` escapes).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    assert!(!in_quotes, "unterminated quote in CSV line {line:?}");
    fields.push(field);
    fields
}

struct CsvRow {
    fr: u8,
    fr_code: String,
    id: String,
    title: String,
    sl: [u8; 4],
}

fn reference_rows() -> Vec<CsvRow> {
    let mut lines = REFERENCE_CSV.lines().map(|l| l.trim_end_matches('\r'));
    let header = lines.next().expect("CSV has a header");
    assert_eq!(header, "fr,fr_code,id,title,sl1,sl2,sl3,sl4");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f = split_csv_line(line);
            assert_eq!(f.len(), 8, "wrong field count in {line:?}");
            let num = |s: &str| -> u8 {
                s.parse()
                    .unwrap_or_else(|_| panic!("not a number: {s:?} in {line:?}"))
            };
            CsvRow {
                fr: num(&f[0]),
                fr_code: f[1].clone(),
                id: f[2].clone(),
                title: f[3].clone(),
                sl: [num(&f[4]), num(&f[5]), num(&f[6]), num(&f[7])],
            }
        })
        .collect()
}

#[test]
fn embedded_catalog_parses() {
    let c = catalog();
    assert!(!c.requirements.is_empty());
    assert!(!c.components.is_empty());
    assert!(!c.controls.is_empty());
    // `embedded()` must agree with a fresh parse.
    assert_eq!(Catalog::embedded(), &c);
}

#[test]
fn csv_split_handles_quotes() {
    assert_eq!(split_csv_line(r#"a,"b, c",d"#), vec!["a", "b, c", "d"]);
    assert_eq!(split_csv_line(r#""x ""y""",z"#), vec![r#"x "y""#, "z"]);
    assert_eq!(split_csv_line("a,,b"), vec!["a", "", "b"]);
}

#[test]
fn requirement_counts() {
    let c = catalog();
    assert_eq!(c.requirements.len(), 100);
    let srs = c
        .requirements
        .iter()
        .filter(|r| r.kind() == RequirementKind::Sr)
        .count();
    let res = c
        .requirements
        .iter()
        .filter(|r| r.kind() == RequirementKind::Re)
        .count();
    assert_eq!((srs, res), (51, 49));

    let expected: [(Fr, usize, usize); 7] = [
        (Fr::Iac, 13, 11),
        (Fr::Uc, 12, 12),
        (Fr::Si, 9, 10),
        (Fr::Dc, 3, 3),
        (Fr::Rdf, 4, 7),
        (Fr::Tre, 2, 1),
        (Fr::Ra, 8, 5),
    ];
    for (fr, sr, re) in expected {
        let got_sr = c
            .requirements_of(fr)
            .filter(|r| r.kind() == RequirementKind::Sr)
            .count();
        let got_re = c
            .requirements_of(fr)
            .filter(|r| r.kind() == RequirementKind::Re)
            .count();
        assert_eq!((got_sr, got_re), (sr, re), "SR/RE count of {fr}");
    }
}

#[test]
fn required_at_level_counts() {
    let c = catalog();
    let expected = [(1u8, 37usize), (2, 60), (3, 90), (4, 100)];
    for (level, count) in expected {
        let got = c.requirements.iter().filter(|r| r.level <= level).count();
        assert_eq!(got, count, "items required at SL {level}");
    }
    for r in &c.requirements {
        assert!(
            (1..=4).contains(&r.level),
            "{}: level {} out of 1..=4",
            r.id,
            r.level
        );
    }
}

#[test]
fn requirements_match_reference_csv() {
    let c = catalog();
    let rows = reference_rows();
    assert_eq!(rows.len(), 100, "reference CSV rows");
    assert_eq!(c.requirements.len(), rows.len());
    for (i, (req, row)) in c.requirements.iter().zip(&rows).enumerate() {
        assert_eq!(
            req.id, row.id,
            "row {i}: id (catalog order must follow the CSV)"
        );
        assert_eq!(req.fr.number(), row.fr, "{}: FR", row.id);
        assert_eq!(req.fr.code(), row.fr_code, "{}: FR code", row.id);
        assert_eq!(req.title, row.title, "{}: title", row.id);
        assert!(
            row.sl.iter().all(|&v| v <= 1),
            "{}: SL columns must be 0/1",
            row.id
        );
        // Cumulative: once required, required at every higher level.
        for w in row.sl.windows(2) {
            assert!(
                w[0] <= w[1],
                "{}: SL columns not cumulative: {:?}",
                row.id,
                row.sl
            );
        }
        let first = row.sl.iter().position(|&v| v == 1).map(|p| p as u8 + 1);
        assert!(first.is_some(), "{}: not required at any level", row.id);
        assert_eq!(Some(req.level), first, "{}: level", row.id);
        // The id names its FR: "SR 1.x" belongs to FR 1.
        assert!(
            req.id.starts_with(&format!("SR {}.", row.fr)),
            "{}: id does not match FR {}",
            req.id,
            row.fr
        );
    }
}

#[test]
fn requirement_ids_are_well_formed_and_res_follow_their_sr() {
    let c = catalog();
    let mut current_sr: Option<&str> = None;
    for r in &c.requirements {
        match r.kind() {
            RequirementKind::Sr => {
                assert!(!r.id.contains("RE"), "{}", r.id);
                current_sr = Some(&r.id);
            }
            RequirementKind::Re => {
                let (sr, _) = r.id.split_once(" RE ").expect("RE id");
                assert_eq!(Some(sr), current_sr, "{} does not follow its SR", r.id);
                let parent = c.requirement(sr).expect("parent SR exists");
                assert!(r.level >= parent.level, "{} required below its SR", r.id);
            }
        }
    }
}

#[test]
fn ids_are_unique_and_indexed() {
    let c = catalog();
    let mut seen = HashSet::new();
    for r in &c.requirements {
        assert!(
            seen.insert(r.id.as_str()),
            "duplicate requirement id {}",
            r.id
        );
    }
    let mut seen = HashSet::new();
    for t in &c.components {
        assert!(
            seen.insert(t.id.as_str()),
            "duplicate component id {}",
            t.id
        );
    }
    let mut seen = HashSet::new();
    for k in &c.controls {
        assert!(seen.insert(k.id.as_str()), "duplicate control id {}", k.id);
    }
    for (i, r) in c.requirements.iter().enumerate() {
        assert_eq!(c.requirement_position(&r.id), Some(i));
        assert_eq!(c.requirement(&r.id), Some(r));
    }
    assert!(c.requirement("SR 9.9").is_none());
    assert!(c.component("no_such_type").is_none());
    assert!(c.control("no_such_control").is_none());
}

#[test]
fn texts_are_present_and_not_just_titles() {
    let c = catalog();
    for r in &c.requirements {
        let e = r.explanation.trim();
        assert!(!e.is_empty(), "{}: empty explanation", r.id);
        assert!(!r.title.trim().is_empty(), "{}: empty title", r.id);
        assert_ne!(
            e.to_lowercase(),
            r.title.trim().to_lowercase(),
            "{}: explanation = title",
            r.id
        );
        assert!(
            e.ends_with('.'),
            "{}: explanation should be a sentence",
            r.id
        );
        assert!(e.chars().count() <= 220, "{}: explanation too long", r.id);
    }
    // Explanations are specific to each item.
    let mut seen = HashSet::new();
    for r in &c.requirements {
        assert!(
            seen.insert(r.explanation.as_str()),
            "{}: duplicate explanation",
            r.id
        );
    }
    for t in &c.components {
        let d = t.description.trim();
        assert!(!d.is_empty(), "{}: empty description", t.id);
        assert!(!t.name.trim().is_empty(), "{}: empty name", t.id);
        assert!(!t.group.trim().is_empty(), "{}: empty group", t.id);
        assert_ne!(
            d.to_lowercase(),
            t.name.trim().to_lowercase(),
            "{}: description = name",
            t.id
        );
    }
    for k in &c.controls {
        let d = k.description.trim();
        assert!(!d.is_empty(), "{}: empty description", k.id);
        assert!(!k.name.trim().is_empty(), "{}: empty name", k.id);
        assert_ne!(
            d.to_lowercase(),
            k.name.trim().to_lowercase(),
            "{}: description = name",
            k.id
        );
    }
}

#[test]
fn component_icons_and_capabilities() {
    let c = catalog();
    for t in &c.components {
        let n = t.icon.chars().count();
        assert!(
            (1..=4).contains(&n),
            "{}: icon {:?} must be 1-4 chars",
            t.id,
            t.icon
        );
        assert!(
            !t.icon.contains(char::is_whitespace),
            "{}: icon has whitespace",
            t.id
        );
        assert!(
            t.sl_c.is_valid(),
            "{}: SL-C {:?} out of range",
            t.id,
            t.sl_c
        );
        for fr in Fr::ALL {
            assert!(t.sl_c.get(fr) <= crate::model::MAX_SL, "{}: {fr} > 4", t.id);
        }
    }
}

const COMPONENT_IDS: [(&str, &str); 40] = [
    ("plc", "Control"),
    ("remote_io", "Control"),
    ("ot_server", "Supervisory"),
    ("unclassified_device", "Other"),
    ("dcs_controller", "Control"),
    ("rtu", "Control"),
    ("robot_controller", "Control"),
    ("drive", "Control"),
    ("field_instrument", "Control"),
    ("safety_plc", "Safety"),
    ("sis_engineering_workstation", "Safety"),
    ("hmi_panel", "Supervisory"),
    ("scada_server", "Supervisory"),
    ("operator_workstation", "Supervisory"),
    ("engineering_workstation", "Supervisory"),
    ("historian", "Supervisory"),
    ("opc_ua_server", "Supervisory"),
    ("mes_server", "Supervisory"),
    ("domain_controller", "Infrastructure"),
    ("patch_server", "Infrastructure"),
    ("antimalware_server", "Infrastructure"),
    ("backup_server", "Infrastructure"),
    ("jump_host", "Remote access"),
    ("remote_access_gateway", "Remote access"),
    ("firewall", "Network"),
    ("dpi_firewall", "Network"),
    ("unidirectional_gateway", "Network"),
    ("managed_switch", "Network"),
    ("router", "Network"),
    ("wireless_ap", "Wireless"),
    ("wireless_gateway", "Wireless"),
    ("radio_modem", "Wireless"),
    ("maintenance_laptop", "Temporary"),
    ("vendor_laptop", "Temporary"),
    ("corporate_workstation", "Business IT"),
    ("erp_server", "Business IT"),
    ("email_server", "Business IT"),
    ("cloud_service", "External"),
    ("iiot_gateway", "External"),
    ("cellular_router", "External"),
];

const CONTROL_IDS: [&str; 12] = [
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

#[test]
fn catalog_sizes() {
    let c = catalog();
    assert!(
        c.components.len() >= 20,
        "only {} component types",
        c.components.len()
    );
    assert!(c.controls.len() >= 8, "only {} controls", c.controls.len());
}

#[test]
fn named_component_types_exist_in_their_groups() {
    let c = catalog();
    for (id, group) in COMPONENT_IDS {
        let t = c
            .component(id)
            .unwrap_or_else(|| panic!("component type {id} missing"));
        assert_eq!(t.group, group, "{id}: palette group");
    }
    assert_eq!(
        c.component_groups(),
        vec![
            "Control",
            "Safety",
            "Supervisory",
            "Infrastructure",
            "Remote access",
            "Network",
            "Wireless",
            "Temporary",
            "Business IT",
            "External",
            "Other",
        ]
    );
}

#[test]
fn named_controls_exist() {
    let c = catalog();
    for id in CONTROL_IDS {
        assert!(c.control(id).is_some(), "control {id} missing");
    }
}

#[test]
fn boundary_types_are_exactly_the_zone_separators() {
    let c = catalog();
    let mut boundary: Vec<&str> = c
        .components
        .iter()
        .filter(|t| t.boundary)
        .map(|t| t.id.as_str())
        .collect();
    boundary.sort_unstable();
    assert_eq!(
        boundary,
        vec![
            "dpi_firewall",
            "firewall",
            "remote_access_gateway",
            "unidirectional_gateway"
        ]
    );
}

#[test]
fn component_flags_and_classes() {
    let c = catalog();
    let ids_with = |f: fn(&ComponentType) -> bool| -> Vec<&str> {
        let mut v: Vec<&str> = c
            .components
            .iter()
            .filter(|t| f(t))
            .map(|t| t.id.as_str())
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        ids_with(|t| t.safety),
        vec!["safety_plc", "sis_engineering_workstation"]
    );
    assert_eq!(
        ids_with(|t| t.wireless),
        vec!["radio_modem", "wireless_ap", "wireless_gateway"]
    );
    assert_eq!(
        ids_with(|t| t.temporary),
        vec!["maintenance_laptop", "vendor_laptop"]
    );
    assert_eq!(
        ids_with(|t| t.business_it),
        vec!["corporate_workstation", "email_server", "erp_server"]
    );
    assert_eq!(
        ids_with(|t| t.external),
        vec![
            "cellular_router",
            "cloud_service",
            "iiot_gateway",
            "vendor_laptop"
        ]
    );
    let class = |id: &str| c.component(id).map(|t| t.class);
    assert_eq!(
        class("cloud_service"),
        Some(ComponentClass::SoftwareApplication)
    );
    assert_eq!(
        class("cellular_router"),
        Some(ComponentClass::NetworkDevice)
    );
    assert_eq!(class("plc"), Some(ComponentClass::EmbeddedDevice));
    assert_eq!(class("firewall"), Some(ComponentClass::NetworkDevice));
    assert_eq!(
        class("engineering_workstation"),
        Some(ComponentClass::HostDevice)
    );
    // A unidirectional gateway is strongest at restricting data flow.
    let ugw = c.component("unidirectional_gateway").map(|t| t.sl_c);
    assert_eq!(ugw.map(|v| v.get(Fr::Rdf) == v.highest()), Some(true));
}

#[test]
fn protocol_catalog_has_the_common_ot_and_it_protocols_with_their_ports() {
    use crate::model::{PortRange, Transport};
    let c = Catalog::embedded();
    let expect = [
        ("Modbus/TCP", Transport::Tcp, 502),
        ("S7comm", Transport::Tcp, 102),
        ("EtherNet/IP", Transport::Tcp, 44818),
        ("EtherNet/IP I/O", Transport::Udp, 2222),
        ("OPC UA", Transport::Tcp, 4840),
        ("DNP3", Transport::Tcp, 20000),
        ("IEC 60870-5-104", Transport::Tcp, 2404),
        ("IEC 61850 MMS", Transport::Tcp, 102),
        ("BACnet/IP", Transport::Udp, 47808),
        ("HTTPS", Transport::Tcp, 443),
        ("SSH", Transport::Tcp, 22),
        ("RDP", Transport::Tcp, 3389),
        ("SMB", Transport::Tcp, 445),
        ("DNS", Transport::Udp, 53),
        ("NTP", Transport::Udp, 123),
        ("Syslog", Transport::Udp, 514),
        ("SNMP", Transport::Udp, 161),
        ("OSIsoft PI", Transport::Tcp, 5450),
    ];
    for (name, transport, port) in expect {
        let p = c.protocol(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(p.transport, transport, "{name}");
        assert_eq!(p.ports[0].0, port, "{name}");
    }
    assert_eq!(
        c.protocol("SNMP").map(|p| p.ports.clone()),
        Some(vec![PortRange(161, 162)])
    );
    assert!(c.protocol("PROFINET").is_some());
    let mut ids: Vec<&str> = c.protocols.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "protocol ids are unique");
    // lookups: id, alias, case and spacing, a remark in brackets
    assert_eq!(
        c.protocol("modbus_tcp").map(|p| p.name.as_str()),
        Some("Modbus/TCP")
    );
    assert_eq!(
        c.protocol("  modbus ").map(|p| p.id.as_str()),
        Some("modbus_tcp")
    );
    assert_eq!(
        c.protocol("HTTPS (PI Vision)").map(|p| p.id.as_str()),
        Some("https")
    );
    assert!(c.protocol("Vendor magic").is_none());
    assert!(c.protocol("").is_none());
    assert!(
        c.protocol("opc_ua")
            .is_some_and(|p| p.encrypts && p.authenticates)
    );
    assert!(
        c.protocol("Modbus/TCP")
            .is_some_and(|p| !p.encrypts && !p.authenticates && p.industrial)
    );
}
