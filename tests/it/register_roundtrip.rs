//! Inventory → project → asset register → re-import loses nothing: every field of every asset
//! (and the zone it is in) comes back from the register's CSV and from its XLSX Assets sheet,
//! through the command line as a user would run it.

use std::path::{Path, PathBuf};
use std::process::Command;
use zonewright::model::{Asset, AssetParent, Project};

fn zonewright(args: &[&std::ffi::OsStr]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn import(input: &Path, sheet: Option<&str>, out: &Path) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "import".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    if let Some(s) = sheet {
        args.push("--sheet".as_ref());
        args.push(s.as_ref());
    }
    zonewright(&args)
}

/// Every asset with the name of the zone it is in, by asset name.
fn by_name(p: &Project) -> Vec<(String, Asset)> {
    let mut v: Vec<(String, Asset)> = p
        .all_assets()
        .map(|(a, parent)| {
            let zone = match parent {
                AssetParent::Zone(z) => p.zone(z).map(|z| z.name.clone()),
                AssetParent::Conduit(_) => None,
            };
            (zone.expect("in a zone"), a.clone())
        })
        .collect();
    v.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    v
}

fn assert_same_assets(original: &Project, again: &Project, via: &str) {
    let (a, b) = (by_name(original), by_name(again));
    assert_eq!(a.len(), b.len(), "{via}: as many assets");
    for ((zone_a, x), (zone_b, y)) in a.iter().zip(&b) {
        let mut y = y.clone();
        // ids are numbered by the project that holds them; everything else must be equal
        y.id = x.id;
        assert_eq!(x, &y, "{via}: asset {}", x.name);
        assert_eq!(zone_a, zone_b, "{via}: the zone of {}", x.name);
    }
}

#[test]
fn inventory_to_register_and_back_loses_no_field() {
    let inventory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/every_field.csv");
    let dir = tempfile::tempdir().unwrap();
    let path = |n: &str| -> PathBuf { dir.path().join(n) };
    import(&inventory, None, &path("plant.ron"));
    let plant = zonewright::file::load(&path("plant.ron")).expect("loads");
    assert_eq!(plant.asset_count(), 6);
    // the fixture fills every field the import knows, somewhere
    let all: Vec<&Asset> = plant.all_assets().map(|(a, _)| a).collect();
    let n = |f: &dyn Fn(&Asset) -> bool| all.iter().filter(|a| f(a)).count();
    assert!(
        n(&|a| a.network.ip_addresses.len() == 2) >= 2,
        "several IPs"
    );
    assert!(n(&|a| a.network.ip_addresses.iter().any(|ip| ip.is_ipv6())) == 1);
    assert!(n(&|a| a.network.mac.is_some()) == 4);
    assert!(n(&|a| a.network.vlan.is_some()) == 4);
    assert!(n(&|a| a.network.purdue_level == Some(zonewright::model::PurdueLevel::Dmz)) == 1);
    assert!(n(&|a| a.network.protocols.len() == 3) == 1);
    assert!(n(&|a| !a.network.building.is_empty() && !a.network.cabinet.is_empty()) >= 3);
    assert!(n(&|a| a.network.tags.len() == 2) == 2);
    assert!(n(&|a| !a.network.hostname.is_empty()) == 4);
    assert!(n(&|a| a.notes.contains('\n')) == 1, "notes on two lines");
    assert!(n(&|a| a.component == "unclassified_device") == 1);
    assert!(
        n(&|a| a.network.cabinet.starts_with('=')) == 1,
        "a formula-like text"
    );

    zonewright(&[
        "export".as_ref(),
        path("plant.ron").as_os_str(),
        "-o".as_ref(),
        path("assets.csv").as_os_str(),
        "--table".as_ref(),
        "assets".as_ref(),
    ]);
    zonewright(&[
        "export".as_ref(),
        path("plant.ron").as_os_str(),
        "-o".as_ref(),
        path("registers.xlsx").as_os_str(),
    ]);

    let out = import(&path("assets.csv"), None, &path("from_csv.ron"));
    assert!(out.contains("6 rows: 6 added"), "{out}");
    let again = zonewright::file::load(&path("from_csv.ron")).expect("loads");
    assert_same_assets(&plant, &again, "CSV register");

    let out = import(
        &path("registers.xlsx"),
        Some("Assets"),
        &path("from_xlsx.ron"),
    );
    assert!(out.contains("6 rows: 6 added"), "{out}");
    let again = zonewright::file::load(&path("from_xlsx.ron")).expect("loads");
    assert_same_assets(&plant, &again, "XLSX register");
}
