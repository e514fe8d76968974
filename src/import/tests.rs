//! Unit tests of the zone rules (each rule, their order), the layout of created zones, the
//! type table and the merge keys.

use super::rows::{self, Device, Key};
use super::{mapping, table, types, zones};
use crate::model::Rect;
use crate::model::network::{
    AssetNetwork, Cidr, ImportField, ImportSettings, LevelZone, MacAddr, PurdueLevel, SubnetZone,
    VlanZone, ZoneRule,
};

fn device() -> Device {
    Device {
        row: 2,
        name: "D".into(),
        name_given: true,
        component: Ok("plc".into()),
        vendor: String::new(),
        model: String::new(),
        firmware: String::new(),
        serial: String::new(),
        tag: String::new(),
        notes: String::new(),
        zone: "From file".into(),
        network: AssetNetwork {
            ip_addresses: vec!["10.1.20.5".parse().unwrap()],
            vlan: Some(20),
            purdue_level: Some(PurdueLevel::Level1),
            ..AssetNetwork::default()
        },
    }
}

fn settings(rules: &[ZoneRule]) -> ImportSettings {
    ImportSettings {
        rules: rules.to_vec(),
        subnets: vec![SubnetZone {
            subnet: Cidr::parse("10.1.20.0/24").unwrap(),
            zone: "Subnet zone".into(),
        }],
        vlans: vec![VlanZone {
            vlan: 20,
            zone: "VLAN zone".into(),
        }],
        levels: vec![LevelZone {
            level: PurdueLevel::Level1,
            zone: "Level zone".into(),
        }],
        ..ImportSettings::default()
    }
}

#[test]
fn zone_column_rule_takes_the_files_zone() {
    assert_eq!(
        zones::zone_for(&device(), &settings(&[ZoneRule::ZoneColumn])),
        "From file"
    );
    let mut d = device();
    d.zone.clear();
    assert_eq!(
        zones::zone_for(&d, &settings(&[ZoneRule::ZoneColumn])),
        zones::UNASSIGNED
    );
}

#[test]
fn subnet_rule_takes_the_subnet_holding_an_address() {
    assert_eq!(
        zones::zone_for(&device(), &settings(&[ZoneRule::Subnet])),
        "Subnet zone"
    );
    let mut d = device();
    d.network.ip_addresses = vec!["10.1.21.5".parse().unwrap()];
    assert_eq!(
        zones::zone_for(&d, &settings(&[ZoneRule::Subnet])),
        zones::UNASSIGNED
    );
}

#[test]
fn vlan_rule_takes_the_table_else_names_the_vlan() {
    assert_eq!(
        zones::zone_for(&device(), &settings(&[ZoneRule::Vlan])),
        "VLAN zone"
    );
    let mut d = device();
    d.network.vlan = Some(30);
    assert_eq!(zones::zone_for(&d, &settings(&[ZoneRule::Vlan])), "VLAN 30");
}

#[test]
fn level_rule_takes_the_table_else_names_the_level() {
    let s = settings(&[ZoneRule::PurdueLevel]);
    assert_eq!(zones::zone_for(&device(), &s), "Level zone");
    let mut d = device();
    d.network.purdue_level = Some(PurdueLevel::Dmz);
    assert_eq!(zones::zone_for(&d, &s), "Level 3.5 (DMZ)");
}

#[test]
fn no_rule_gives_the_unassigned_zone_and_the_order_decides() {
    let mut d = device();
    d.zone.clear();
    d.network = AssetNetwork::default();
    assert_eq!(
        zones::zone_for(&d, &settings(&ZoneRule::ALL)),
        zones::UNASSIGNED
    );
    let d = device();
    let order = [
        ZoneRule::PurdueLevel,
        ZoneRule::Vlan,
        ZoneRule::Subnet,
        ZoneRule::ZoneColumn,
    ];
    assert_eq!(zones::zone_for(&d, &settings(&order)), "Level zone");
    let order = [ZoneRule::Vlan, ZoneRule::ZoneColumn];
    assert_eq!(zones::zone_for(&d, &settings(&order)), "VLAN zone");
    assert_eq!(zones::zone_for(&d, &settings(&[])), zones::UNASSIGNED);
}

/// Zones created for `counts` assets (no Purdue level), placed as the import places them.
fn placed(counts: &[usize], top: f32) -> Vec<Rect> {
    use crate::model::purdue_layout::{Item, block_width, rows_by_level};
    let items: Vec<Item> = counts
        .iter()
        .map(|&n| {
            let r = zones::rect_for(0.0, 0.0, n);
            Item {
                level: None,
                w: r.w,
                h: r.h,
                x: 0.0,
            }
        })
        .collect();
    rows_by_level(&items, &[], 0.0, top, block_width(&items))
}

#[test]
fn created_zones_are_placed_without_overlap_chips_or_groups() {
    let counts = [1, 40, 500, 3, 2000, 12, 7];
    let rects = placed(&counts, 300.0);
    for (i, a) in rects.iter().enumerate() {
        assert!(a.y >= 300.0, "below the drawing");
        let l = crate::model::layout::asset_chips(a, counts[i]);
        if counts[i] <= crate::model::layout::CHIPS_UP_TO {
            assert_eq!(l.hidden, 0, "zone {i} holds its chips");
        } else {
            // sized for its groups by type; the designer expands it to every chip
            let (w, h) = crate::model::layout::group_zone_size();
            assert_eq!((a.w, a.h), (w, h), "zone {i} of {} assets", counts[i]);
        }
        for b in &rects[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn many_created_zones_form_a_block_not_a_column() {
    // a 2,000-row inventory over forty units: 50 assets each
    let counts = [50; 40];
    let rects = placed(&counts, 0.0);
    let right = rects.iter().map(|r| r.x + r.w).fold(0.0, f32::max);
    let bottom = rects.iter().map(|r| r.y + r.h).fold(0.0, f32::max);
    let rows = {
        let mut ys: Vec<i64> = rects.iter().map(|r| r.y as i64).collect();
        ys.dedup();
        ys.len()
    };
    assert!(rows < 40 && rows > 1, "{rows} rows");
    let aspect = right / bottom;
    assert!((0.8..=3.0).contains(&aspect), "block {right} × {bottom}");
    // a few small zones stay in one row
    let small = placed(&[3, 2, 5], 0.0);
    assert!(small.iter().all(|r| r.y == small[0].y));
}

#[test]
fn a_grown_zone_pushes_the_zone_below_it_down() {
    let mut rects = [
        Rect::new(0.0, 0.0, 300.0, 400.0),
        Rect::new(0.0, 300.0, 300.0, 100.0),
        Rect::new(500.0, 300.0, 300.0, 100.0),
    ];
    zones::push_apart(&mut rects, &[true, false, false]);
    assert!(rects[1].y >= 400.0);
    assert_eq!(rects[2].y, 300.0, "a zone beside it stays");
}

#[test]
fn type_table_recognises_common_types_and_the_users_choice_first() {
    let s = ImportSettings::default();
    for (value, id) in [
        ("PLC", "plc"),
        ("Programmable Logic Controller", "plc"),
        ("Safety PLC", "safety_plc"),
        ("HMI", "hmi_panel"),
        ("Engineering Workstation", "engineering_workstation"),
        ("EWS", "engineering_workstation"),
        ("Managed Switch", "managed_switch"),
        ("Firewall", "firewall"),
        ("Historian", "historian"),
        ("I/O", "remote_io"),
        ("Remote IO", "remote_io"),
        ("RTU", "rtu"),
        ("Windows Server", "ot_server"),
        ("Workstation", "operator_workstation"),
    ] {
        assert_eq!(
            types::classify_value(value, &s).as_deref(),
            Some(id),
            "{value}"
        );
    }
    assert_eq!(
        types::classify_value("Audio system", &s),
        None,
        "'io' only as a word"
    );
    assert_eq!(
        types::classify(&["camera"], "P1375", &s),
        Err("camera".to_owned())
    );
    assert_eq!(
        types::classify(&["", "PLC; Modbus"], "", &s),
        Ok("plc".to_owned())
    );
    assert_eq!(
        types::classify(&[""], "S7-1500 controller", &s),
        Ok("plc".to_owned())
    );
    let mut mine = ImportSettings::default();
    mine.types.push(crate::model::network::TypeChoice {
        value: "camera".into(),
        component: "field_instrument".into(),
    });
    assert_eq!(
        types::classify(&["Camera"], "", &mine),
        Ok("field_instrument".to_owned())
    );
}

#[test]
fn every_catalog_type_reads_back_from_its_name_and_id() {
    // the asset register writes a type's catalog name; "SIS engineering workstation" must not
    // become a safety controller by the keyword "sis", nor "Industrial DPI firewall" a firewall
    let s = ImportSettings::default();
    for c in &crate::catalog::Catalog::embedded().components {
        for value in [c.name.as_str(), c.id.as_str(), &c.name.to_uppercase()] {
            assert_eq!(
                types::classify(&[value], "", &s),
                Ok(c.id.clone()),
                "{value}"
            );
        }
    }
}

#[test]
fn the_asset_registers_own_headers_are_recognised() {
    for (h, f) in [
        ("Name", ImportField::Name),
        ("Tag", ImportField::Tag),
        ("Zone or conduit", ImportField::Zone),
        ("Component", ImportField::Type),
        ("Vendor", ImportField::Vendor),
        ("Model", ImportField::Model),
        ("Firmware", ImportField::Firmware),
        ("Serial number", ImportField::Serial),
        ("Hostname", ImportField::Hostname),
        ("IP addresses", ImportField::IpAddresses),
        ("MAC", ImportField::Mac),
        ("VLAN", ImportField::Vlan),
        ("Purdue level", ImportField::PurdueLevel),
        ("Protocols", ImportField::Protocols),
        ("Building", ImportField::Building),
        ("Cabinet", ImportField::Cabinet),
        ("Tags", ImportField::Tags),
        ("Notes", ImportField::Notes),
    ] {
        assert_eq!(mapping::guess(h).map(|g| g.0), Some(f), "{h}");
    }
    for h in ["ID", "In", "Criticality", "SL-C"] {
        assert_eq!(mapping::guess(h), None, "{h}");
    }
}

#[test]
fn headers_match_case_and_punctuation_insensitively() {
    assert_eq!(mapping::normalise("Device-Name "), "devicename");
    for (h, f) in [
        ("Device Name", ImportField::Name),
        ("IP_Address", ImportField::IpAddresses),
        ("mac_address", ImportField::Mac),
        ("VLAN ID", ImportField::Vlan),
        ("Manufacturer", ImportField::Vendor),
        ("modelName", ImportField::Model),
        ("firmwareVersion", ImportField::Firmware),
        ("Serial", ImportField::Serial),
        ("Device Type", ImportField::Type),
        ("Purdue Level", ImportField::PurdueLevel),
        ("Zone", ImportField::Zone),
    ] {
        assert_eq!(mapping::guess(h).map(|g| g.0), Some(f), "{h}");
    }
}

#[test]
fn keys_prefer_serial_then_mac_then_ip_with_hostname() {
    let mut n = AssetNetwork::default();
    assert_eq!(rows::keys("", &n, "X")[0], Key::Name("x".into()));
    n.ip_addresses.push("10.0.0.1".parse().unwrap());
    n.hostname = "Plc1".into();
    assert_eq!(
        rows::keys("", &n, "X")[0],
        Key::IpHost("10.0.0.1".parse().unwrap(), "plc1".into())
    );
    n.mac = MacAddr::parse("00:11:22:33:44:55");
    assert!(matches!(rows::keys("", &n, "X")[0], Key::Mac(_)));
    assert_eq!(rows::keys(" s1 ", &n, "X")[0], Key::Serial("S1".into()));
}

#[test]
fn bad_values_reject_the_row_with_the_reason() {
    let fields = [
        ImportField::Name,
        ImportField::IpAddresses,
        ImportField::Mac,
        ImportField::Vlan,
        ImportField::PurdueLevel,
    ];
    let s = ImportSettings::default();
    let row = |cells: [&str; 5]| {
        let cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        rows::parse(7, &cells, &fields, &s)
    };
    assert!(row(["A", "10.0.0.1; fd00::1", "00:11:22:33:44:55", "10", "L1"]).is_ok());
    assert!(row(["A", "", "", "", "n/a"]).is_ok(), "n/a is no value");
    assert_eq!(row(["", "", "", "", ""]).unwrap_err(), "empty name");
    assert!(
        row(["A", "10.0.0", "", "", ""])
            .unwrap_err()
            .contains("bad IP")
    );
    assert!(
        row(["A", "", "00:11", "", ""])
            .unwrap_err()
            .contains("bad MAC")
    );
    assert!(
        row(["A", "", "", "5000", ""])
            .unwrap_err()
            .contains("bad VLAN")
    );
    assert!(
        row(["A", "", "", "", "7"])
            .unwrap_err()
            .contains("bad Purdue level")
    );
}

#[test]
fn samples_are_the_first_three_non_empty_values_on_one_line() {
    let long = "x".repeat(60);
    let csv = format!(
        "name,notes,empty,vlan\nA,,,10\nB,\"two\nlines\",,\nC,{long},,20\nD,later,,30\nE,not shown,,40\n"
    );
    let t = table::read_bytes("t.csv", csv.as_bytes(), None).unwrap();
    let s = t.samples(3);
    assert_eq!(s.len(), 4);
    assert_eq!(s[0], ["A", "B", "C"]);
    assert_eq!(
        s[1],
        [
            "two lines".to_owned(),
            format!("{}…", "x".repeat(40)),
            "later".to_owned()
        ]
    );
    assert!(s[2].is_empty(), "an empty column has no samples");
    assert_eq!(s[3], ["10", "20", "30"]);
    assert_eq!(t.samples(0), vec![Vec::<String>::new(); 4]);
}

#[test]
fn a_defused_csv_cell_reads_without_its_apostrophe() {
    let t = table::read_bytes(
        "t.csv",
        "name,cabinet,notes\n'-EWS-01-,'=A1+K2,'plain\n".as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(t.rows[0].1, ["-EWS-01-", "=A1+K2", "'plain"]);
}
