//! The asset network fields in the file and in `check --format json`.

use std::process::Command;

const WITH_NETWORK: &str = r#"(format: "zonewright", version: 3, project: (zones: [
    (id: 1, name: "Cell 1", kind: Control, rect: (x: 0.0, y: 0.0, w: 300.0, h: 200.0),
     assets: [(id: 1, name: "PLC-101", component: "plc", serial_number: "S123",
        network: (hostname: "plc101", ip_addresses: ["10.1.20.11", "fd00::11"],
                  mac: Some("00:1d:9c:aa:bb:cc"), vlan: Some(20), purdue_level: Some(Level1),
                  protocols: ["S7comm"], building: "B2", cabinet: "CP-4", tags: ["line 3"]))]),
]))"#;

#[test]
fn network_fields_load_and_save_unchanged() {
    let p = zonewright::file::from_str(WITH_NETWORK).expect("loads");
    let a = &p.zones[0].assets[0];
    assert_eq!(a.network.hostname, "plc101");
    assert_eq!(a.network.ip_addresses.len(), 2);
    assert_eq!(a.network.vlan, Some(20));
    let text = zonewright::file::to_string(&p).expect("saves");
    assert!(text.contains("version: 5"), "{text}");
    assert!(text.contains("\"00:1d:9c:aa:bb:cc\""), "{text}");
    assert_eq!(zonewright::file::from_str(&text).expect("reloads"), p);
}

#[test]
fn bad_network_values_are_refused_with_the_asset_named() {
    for (bad, says) in [
        ("vlan: Some(20)", "vlan: Some(5000)"),
        ("\"00:1d:9c:aa:bb:cc\"", "\"00:1d:9c\""),
        ("\"10.1.20.11\"", "\"10.1.20.311\""),
    ]
    .map(|(from, to)| (WITH_NETWORK.replace(from, to), to))
    {
        let e = zonewright::file::from_str(&bad)
            .expect_err(says)
            .to_string();
        assert!(e.contains("PLC-101") || e.contains("line"), "{says}: {e}");
    }
    let e = zonewright::file::from_str(&WITH_NETWORK.replace("vlan: Some(20)", "vlan: Some(5000)"))
        .unwrap_err();
    assert!(e.to_string().contains("VLAN 5000"), "{e}");
}

#[test]
fn check_json_lists_every_asset_with_its_zone_and_network_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plant.ron");
    std::fs::write(&path, WITH_NETWORK).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        v["zones"].is_array() && v["findings"].is_array(),
        "old keys kept"
    );
    let a = &v["assets"][0];
    assert_eq!(a["name"], "PLC-101");
    assert_eq!(a["parent_kind"], "zone");
    assert_eq!(a["parent_name"], "Cell 1");
    assert_eq!(a["ip_addresses"][1], "fd00::11");
    assert_eq!(a["mac"], "00:1d:9c:aa:bb:cc");
    assert_eq!(a["vlan"], 20);
    assert_eq!(a["purdue_level"], "Level 1");
    assert_eq!(a["serial_number"], "S123");
    assert_eq!(a["cabinet"], "CP-4");
}
