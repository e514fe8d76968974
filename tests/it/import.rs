//! Inventory import on files shaped like real exports: an OT-monitoring CSV, an Excel-saved
//! semicolon sheet in Windows-1252, a UTF-16 tab-separated sheet, an XLSX workbook, a
//! re-import with changed, new, missing and rejected rows; limits and file-level errors.

use std::path::{Path, PathBuf};
use zonewright::import::{self, Preview, read_bytes, read_path};
use zonewright::model::network::{ImportField, ImportSettings};
use zonewright::model::{Project, PurdueLevel};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn preview_of(project: &Project, name: &str) -> Preview {
    let table = read_path(&fixture(name), None).expect("readable");
    import::plan(project, &table, &ImportSettings::default()).expect("plans")
}

fn applied(project: &Project, p: &Preview) -> Project {
    let mut after = project.clone();
    p.edit().apply(&mut after).expect("applies");
    after
}

fn asset<'a>(p: &'a Project, name: &str) -> &'a zonewright::model::Asset {
    p.all_assets()
        .map(|(a, _)| a)
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no asset {name}"))
}

fn zone_of(p: &Project, name: &str) -> String {
    let (_, parent) = p
        .all_assets()
        .find(|(a, _)| a.name == name)
        .unwrap_or_else(|| panic!("no asset {name}"));
    match parent {
        zonewright::model::AssetParent::Zone(z) => p.zone(z).unwrap().name.clone(),
        zonewright::model::AssetParent::Conduit(c) => p.conduit(c).unwrap().name.clone(),
    }
}

#[test]
fn ot_monitoring_csv_maps_its_columns_and_fills_zones_from_the_zone_column() {
    let table = read_path(&fixture("ot_monitoring.csv"), None).unwrap();
    assert_eq!(table.delimiter, Some(b','));
    assert_eq!(table.rows.len(), 10, "the quoted line break is one row");
    let p = import::plan(&Project::default(), &table, &ImportSettings::default()).unwrap();
    let field = |h: &str| p.mapping.iter().find(|(x, _)| x == h).map(|(_, f)| *f);
    assert_eq!(field("ips"), Some(ImportField::IpAddresses));
    assert_eq!(field("mac_address"), Some(ImportField::Mac));
    assert_eq!(field("vendor"), Some(ImportField::Vendor));
    assert_eq!(
        field("mac_vendor"),
        Some(ImportField::Ignore),
        "vendor wins"
    );
    assert_eq!(field("product_name"), Some(ImportField::Model));
    assert_eq!(field("roles"), Some(ImportField::Type));
    assert_eq!(field("zones"), Some(ImportField::Zone));
    assert_eq!(field("firstSeen"), Some(ImportField::Ignore));
    assert_eq!(p.added.len(), 10);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert_eq!(p.new_zones, ["Cell 1", "Supervisory", "DMZ"]);
    let after = applied(&Project::default(), &p);
    zonewright::file::validate(&after).expect("valid");
    assert_eq!(zone_of(&after, "PLC-101"), "Cell 1");
    assert_eq!(zone_of(&after, "FW-DMZ"), "DMZ");
    let plc = asset(&after, "PLC-101");
    assert_eq!(plc.component, "plc");
    assert_eq!(plc.serial_number, "RA-83E-0001");
    assert_eq!(plc.network.vlan, Some(20));
    assert_eq!(plc.network.purdue_level, Some(PurdueLevel::Level1));
    assert_eq!(plc.network.protocols, ["EtherNet/IP", "CIP"]);
    assert_eq!(plc.network.mac.unwrap().to_string(), "00:1d:9c:c0:01:01");
    let ews = asset(&after, "EWS-01");
    assert_eq!(ews.component, "engineering_workstation");
    assert_eq!(
        ews.network.ip_addresses.len(),
        2,
        "IPv4 and IPv6 on two lines"
    );
    assert_eq!(asset(&after, "RIO-1").component, "remote_io");
    assert_eq!(asset(&after, "HIST-01").component, "historian");
    assert_eq!(
        asset(&after, "FW-DMZ").network.purdue_level,
        Some(PurdueLevel::Dmz)
    );
    // unmapped types become the generic type, each value listed once with its count
    assert_eq!(asset(&after, "CAM-1").component, "unclassified_device");
    assert_eq!(
        p.unmapped_types,
        [
            ("(no type given)".to_owned(), 1),
            ("IP camera".to_owned(), 1)
        ]
    );
    // created zones do not overlap
    for (i, a) in after.zones.iter().enumerate() {
        for b in &after.zones[i + 1..] {
            let (r, s) = (a.rect, b.rect);
            let apart =
                r.x + r.w <= s.x || s.x + s.w <= r.x || r.y + r.h <= s.y || s.y + s.h <= r.y;
            assert!(apart, "{} overlaps {}", a.name, b.name);
        }
    }
    // every zone holds its chips
    for z in &after.zones {
        let l = zonewright::model::layout::asset_chips(&z.rect, z.assets.len());
        assert_eq!(l.hidden, 0, "zone {} too small", z.name);
    }
}

#[test]
fn excel_semicolon_sheet_in_windows_1252_keeps_its_umlauts() {
    let table = read_path(&fixture("excel_semicolon_1252.csv"), None).unwrap();
    assert_eq!(table.encoding, "Windows-1252");
    assert_eq!(table.delimiter, Some(b';'));
    assert_eq!(table.headers[0], "Gerätename");
    let p = import::plan(&Project::default(), &table, &ImportSettings::default()).unwrap();
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    let after = applied(&Project::default(), &p);
    let pump = asset(&after, "Kühlwasserpumpe P-201");
    assert_eq!(pump.component, "drive");
    assert_eq!(pump.network.cabinet, "Schrank Süd =A1");
    assert_eq!(pump.notes, "Außenbereich, Höhe 3 m");
    assert_eq!(pump.firmware, "4.7.14");
    assert_eq!(asset(&after, "Steuerung Süd").component, "plc");
    assert_eq!(asset(&after, "Steuerung Süd").notes, "„fehlersicher“");
    assert_eq!(
        asset(&after, "Prüfstand-PC").component,
        "engineering_workstation"
    );
    // no zone column: the VLAN rule names the zone
    assert_eq!(zone_of(&after, "Steuerung Süd"), "VLAN 10");
}

#[test]
fn utf16_tab_separated_free_headers_are_read() {
    let table = read_path(&fixture("free_headers_tab_utf16.txt"), None).unwrap();
    assert_eq!(table.encoding, "UTF-16LE");
    assert_eq!(table.delimiter, Some(b'\t'));
    let p = import::plan(&Project::default(), &table, &ImportSettings::default()).unwrap();
    let after = applied(&Project::default(), &p);
    assert_eq!(asset(&after, "Boiler PLC").firmware, "4.2");
    // no zone column, subnet table or VLAN: the Purdue level names the zone
    assert_eq!(zone_of(&after, "Boiler PLC"), "Level 1");
    assert_eq!(zone_of(&after, "Plant Historian"), "Level 3");
}

#[test]
fn utf8_with_bom_utf16_be_and_quoted_line_breaks() {
    let mut bom = b"\xEF\xBB\xBFname;ip\n\"Pump\nline 2\";10.0.0.1\n".to_vec();
    let t = read_bytes("bom.csv", &bom, None).unwrap();
    assert_eq!(t.headers[0], "name", "the BOM is not part of the header");
    assert_eq!(t.rows[0].1[0], "Pump\nline 2");
    bom.truncate(3);
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "name|ip\nA|10.0.0.2\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    let t = read_bytes("be.csv", &be, None).unwrap();
    assert_eq!((t.encoding, t.delimiter), ("UTF-16BE", Some(b'|')));
    assert_eq!(t.rows[0].1, ["A", "10.0.0.2"]);
}

#[test]
fn xlsx_first_or_named_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let notes = wb.add_worksheet().set_name("Notes").unwrap();
    notes
        .write(0, 0, "Exported from the plant spreadsheet")
        .unwrap();
    let s = wb.add_worksheet().set_name("Assets").unwrap();
    for (c, h) in [
        "Device Name",
        "IP Address",
        "VLAN",
        "Serial Number",
        "Type",
        "Zone",
    ]
    .iter()
    .enumerate()
    {
        s.write(0, c as u16, *h).unwrap();
    }
    s.write(1, 0, "PLC-7").unwrap();
    s.write(1, 1, "10.7.0.7").unwrap();
    s.write(1, 2, 70).unwrap();
    s.write(1, 3, 123456).unwrap();
    s.write(1, 4, "PLC").unwrap();
    s.write(1, 5, "Line 7").unwrap();
    s.write(2, 0, "HMI-7").unwrap();
    s.write(2, 1, "10.7.0.8").unwrap();
    s.write(2, 4, "HMI").unwrap();
    s.write(2, 5, "Line 7").unwrap();
    wb.save(&path).unwrap();

    let first = read_path(&path, None).unwrap();
    assert_eq!(first.sheet.as_deref(), Some("Notes"));
    assert_eq!(first.sheets, ["Notes", "Assets"]);
    let t = read_path(&path, Some("Assets")).unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].0, 2, "spreadsheet row numbers");
    let p = import::plan(&Project::default(), &t, &ImportSettings::default()).unwrap();
    let after = applied(&Project::default(), &p);
    let plc = asset(&after, "PLC-7");
    assert_eq!(
        plc.serial_number, "123456",
        "a number cell reads without .0"
    );
    assert_eq!(plc.network.vlan, Some(70));
    assert_eq!(zone_of(&after, "HMI-7"), "Line 7");
    let e = read_path(&path, Some("Inventory")).unwrap_err().to_string();
    assert!(
        e.contains("no sheet \"Inventory\"") && e.contains("Notes, Assets"),
        "{e}"
    );
}

#[test]
fn reimport_adds_changes_keeps_missing_and_rejects_with_row_numbers_never_duplicating() {
    let first = preview_of(&Project::default(), "ot_monitoring.csv");
    let once = applied(&Project::default(), &first);
    let again = preview_of(&once, "reimport.csv");
    assert_eq!(again.added.len(), 1, "{:?}", again.added);
    assert_eq!(again.added[0].name, "PLC-103");
    assert_eq!(again.changed.len(), 1, "{:?}", again.changed);
    assert_eq!(again.changed[0].name, "PLC-101");
    assert_eq!(again.changed[0].fields, ["firmware"]);
    assert_eq!(again.unchanged, 8);
    assert_eq!(again.missing.len(), 1);
    assert_eq!(again.missing[0].1, "HMI-11");
    let reasons: Vec<(usize, &str)> = again
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].1.contains("empty name"), "{reasons:?}");
    assert!(
        reasons[1].1.contains("bad IP address \"10.1.20.300\""),
        "{reasons:?}"
    );
    assert!(reasons[2].1.contains("bad MAC address"), "{reasons:?}");
    assert!(reasons[3].1.contains("RA-83E-0002"), "{reasons:?}");
    assert_eq!(
        reasons[0].0, 12,
        "row numbers count the header and the quoted line break as one"
    );
    let twice = applied(&once, &again);
    assert_eq!(twice.asset_count(), 11, "10 + 1 new, the missing one kept");
    assert_eq!(asset(&twice, "PLC-101").firmware, "34.011");
    assert_eq!(asset(&twice, "HMI-11").name, "HMI-11");
    // a third import of the same file changes nothing
    let third = preview_of(&twice, "reimport.csv");
    assert_eq!(third.added.len() + third.changed.len(), 0);
    assert!(!third.changes_anything());
    let mut names: Vec<&str> = twice.all_assets().map(|(a, _)| a.name.as_str()).collect();
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "no duplicates");
}

#[test]
fn the_edit_undoes_to_the_project_before() {
    let p = preview_of(&Project::default(), "ot_monitoring.csv");
    let mut doc = Project::default();
    let undo = p.edit().apply(&mut doc).unwrap();
    assert_eq!(doc.asset_count(), 10);
    undo.apply(&mut doc).unwrap();
    assert_eq!(doc, Project::default());
}

#[test]
fn file_level_problems_are_one_clear_error() {
    let e = read_bytes("empty.csv", b"", None).unwrap_err().to_string();
    assert!(e.contains("empty.csv") && e.contains("no header"), "{e}");
    let e = read_bytes("pic.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a table"), "{e}");
    let t = read_bytes("notes.csv", b"just some words\nand more\n", None).unwrap();
    let e = import::plan(&Project::default(), &t, &ImportSettings::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("no column names the devices"), "{e}");
    let e = read_bytes("x.xlsx", b"PK\x03\x04garbage", None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a readable XLSX"), "{e}");
}

#[test]
fn limits_stop_reading_with_the_row_named() {
    let mut big = String::from("name,ip\n");
    for i in 0..=import::MAX_ROWS {
        big.push_str(&format!("d{i},\n"));
    }
    let e = read_bytes("big.csv", big.as_bytes(), None).unwrap_err();
    assert_eq!(e.row, Some(import::MAX_ROWS + 2));
    assert!(e.to_string().contains("more than 100000 data rows"), "{e}");
    let wide = format!("{}\n", vec!["c"; import::MAX_COLUMNS + 1].join(","));
    let e = read_bytes("wide.csv", wide.as_bytes(), None).unwrap_err();
    assert_eq!(e.row, Some(1));
    let long = format!("name\n{}\n", "x".repeat(import::MAX_CELL_BYTES + 1));
    let e = read_bytes("long.csv", long.as_bytes(), None).unwrap_err();
    assert_eq!(e.row, Some(2));
    assert!(e.to_string().contains("column 1"), "{e}");
}

#[test]
fn a_column_mapping_chosen_by_the_user_wins_and_is_kept() {
    let t = read_bytes("m.csv", b"Kennung;Adresse\nP-1;10.0.0.1\n", None).unwrap();
    let s = ImportSettings {
        columns: vec![
            zonewright::model::network::ColumnChoice {
                header: "kennung".into(),
                field: ImportField::Name,
            },
            zonewright::model::network::ColumnChoice {
                header: "ADRESSE".into(),
                field: ImportField::IpAddresses,
            },
        ],
        ..ImportSettings::default()
    };
    let p = import::plan(&Project::default(), &t, &s).unwrap();
    let after = applied(&Project::default(), &p);
    assert_eq!(
        after.import_settings, s,
        "kept in the project for the next import"
    );
    assert_eq!(
        asset(&after, "P-1").network.ip_addresses[0].to_string(),
        "10.0.0.1"
    );
}

#[test]
fn mapping_file_sets_columns_rules_and_tables() {
    let text = r#"{
        "columns": {"Kennung": "name", "Adresse": "ip"},
        "rules": ["subnet", "vlan"],
        "subnets": {"10.0.0.0/8": "Plant", "10.1.0.0/16": "Unit 1"},
        "vlans": {"5": "VLAN five"},
        "types": {"Steuerung": "plc"}
    }"#;
    let s = import::parse_mapping("m.json", text, &ImportSettings::default()).unwrap();
    assert_eq!(s.subnets[0].zone, "Unit 1", "most specific first");
    let t = read_bytes(
        "m.csv",
        b"Kennung;Adresse;Typ;VLAN\nA;10.1.2.3;Steuerung;\nB;10.2.0.1;;\nC;;;5\nD;;;\n",
        None,
    )
    .unwrap();
    let p = import::plan(&Project::default(), &t, &s).unwrap();
    let after = applied(&Project::default(), &p);
    assert_eq!(zone_of(&after, "A"), "Unit 1");
    assert_eq!(asset(&after, "A").component, "plc");
    assert_eq!(zone_of(&after, "B"), "Plant");
    assert_eq!(zone_of(&after, "C"), "VLAN five");
    assert_eq!(zone_of(&after, "D"), "Unassigned (imported)");
    for bad in [
        r#"{"columns": {"X": "colour"}}"#,
        r#"{"rules": ["vlan", "vlan"]}"#,
        r#"{"subnets": {"10.0.0/8": "X"}}"#,
        r#"{"types": {"X": "toaster"}}"#,
        r#"{"unknown": 1}"#,
    ] {
        assert!(
            import::parse_mapping("m.json", bad, &ImportSettings::default()).is_err(),
            "{bad}"
        );
    }
}
