//! IEC 62443-4-2 end to end: `catalog --standard 4-2`, the `components` key of
//! `check --format json` and the PDF section "Component requirements for suppliers", read back.

use crate::pdf_text;

use pdf_text::{NONE, pdf_text};
use std::process::Command;
use zonewright::catalog::Catalog;
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};
use zonewright::{file, samples};

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_4_2_catalog_lists_122_rows_with_their_class() {
    let (code, csv) = run(&["catalog", "--standard", "4-2", "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,fr,fr_code,title,level,class,explanation");
    assert_eq!(lines.len(), 123);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("NDR 5.2,5,RDF,Zone boundary protection,1,Network device,"))
    );
    let (code, json) = run(&["catalog", "--standard", "4-2", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("json");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 122);
    assert_eq!(rows[0]["id"], "CR 1.1");
    assert_eq!(rows[0]["class"], serde_json::Value::Null);
    // 3-3 stays the default and unchanged
    let (_, default) = run(&["catalog", "--format", "csv"]);
    let (_, explicit) = run(&["catalog", "--standard", "3-3", "--format", "csv"]);
    assert_eq!(default, explicit);
    assert!(default.starts_with("id,fr,fr_code,title,level,explanation\nSR 1.1,"));
}

#[test]
fn check_json_reads_back_the_sl_c_sources_and_supplier_requirements() {
    let (_, json) = run(&["check", "sample:refinery", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let c = &v["components"];
    assert_eq!(c["assessment_date"], "2026-10-14");
    let assets = c["assets"].as_array().expect("assets");
    let source_of = |name: &str| -> Vec<String> {
        let a = assets
            .iter()
            .find(|a| a["name"].as_str().is_some_and(|n| n.contains(name)))
            .unwrap_or_else(|| panic!("{name}"));
        a["sl_c_source"]
            .as_array()
            .map(|s| {
                s.iter()
                    .map(|x| x.as_str().unwrap_or("-").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(source_of("SIS-LS-01"), vec!["certificate"; 7]);
    assert_eq!(source_of("SW-CB-01")[4], "assessment");
    assert_eq!(source_of("SW-CB-01")[0], "typical default");
    // the SIS boundary firewall's certificate expired before the document date
    assert_eq!(source_of("FW-SIS-01"), vec!["typical default"; 7]);
    let expired = assets
        .iter()
        .find(|a| a["name"].as_str().is_some_and(|n| n.contains("FW-SIS-01")))
        .map(|a| a["certificate"]["validity"].clone());
    assert_eq!(expired, Some(serde_json::json!("Expired")));
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"SLC-CERT-EXPIRED"));
    assert!(codes.contains(&"SLC-TYPICAL-ONLY"));
    let suppliers = c["suppliers"].as_array().expect("suppliers");
    let network = suppliers
        .iter()
        .find(|s| s["class"] == "Network device")
        .expect("a network device class");
    let ids: Vec<&str> = network["requirements"]
        .as_array()
        .map(|r| r.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&"NDR 5.2"));
    assert!(
        suppliers
            .iter()
            .filter(|s| s["class"] != "Network device")
            .all(|s| !s["requirements"].to_string().contains("NDR "))
    );
    // zones carry the source of their SL-C too
    assert!(v["zones"][0]["sl_c_source"].is_array());
}

#[test]
fn the_pdf_section_lists_requirements_and_sources() {
    let sample = samples::find("refinery").expect("sample");
    let project = file::from_str(sample.text).expect("sample loads");
    let options = ExportOptions {
        paper: Paper::A4,
        compact: false,
        sections: Sections {
            components: true,
            ..NONE
        },
    };
    let bytes = export_pdf(&project, Catalog::embedded(), &options).expect("export");
    let text = pdf_text(&bytes);
    assert!(
        text.contains("Component requirements for suppliers"),
        "{text}"
    );
    assert!(text.contains("judged on 2026-10-14"));
    assert!(text.contains("Network device"));
    assert!(text.contains("NDR 5.2"));
    assert!(text.contains("from certificate"));
    assert!(text.contains("from assessment") || text.contains("assessment, typical default"));
    assert!(text.contains("(expired)"));
    // switched off, it is not there
    let none = ExportOptions {
        paper: Paper::A4,
        compact: false,
        sections: Sections {
            summary: true,
            ..NONE
        },
    };
    let bytes = export_pdf(&project, Catalog::embedded(), &none).expect("export");
    assert!(!pdf_text(&bytes).contains("Component requirements for suppliers"));
}
