//! Inventory import: a generated OT-monitoring-style CSV of 10,000 and 50,000 rows read
//! (`import::read_bytes`: decode, sniff, parse) and planned (`import::plan`: map, parse rows,
//! assign zones, merge), into an empty project and as a re-import into the project the first
//! import made. Budget: 10,000 rows read and planned in well under a second.

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::import;
use zonewright::model::Project;
use zonewright::model::network::ImportSettings;

/// `rows` devices in 40 cells of 25 VLANs; every 7th a PLC, every 11th an HMI …
fn inventory(rows: usize) -> String {
    let mut s = String::from(
        "name,ips,mac_address,vlan_id,vendor,product_name,firmware_version,serial_number,roles,level,protocols,zones\n",
    );
    let roles = [
        "PLC",
        "HMI",
        "I/O",
        "switch",
        "Engineering Workstation",
        "camera",
        "drive",
    ];
    for i in 0..rows {
        let cell = i % 40;
        s.push_str(&format!(
            "dev-{i},10.{}.{}.{},02:00:{:02x}:{:02x}:{:02x}:{:02x},{},Vendor {},Model {},{}.{},SN{i:08},\"{}\",{},\"Modbus/TCP, S7comm\",Cell {cell}\n",
            cell,
            (i / 250) % 256,
            i % 250 + 1,
            (i >> 24) & 0xff,
            (i >> 16) & 0xff,
            (i >> 8) & 0xff,
            i & 0xff,
            cell % 25 + 1,
            i % 13,
            i % 17,
            i % 5,
            i % 9,
            roles[i % roles.len()],
            i % 4,
        ));
    }
    s
}

fn bench_import(c: &mut criterion::Criterion) {
    let settings = ImportSettings::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for rows in [10_000usize, 50_000] {
        let text = inventory(rows);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("read", rows), &text, |b, t| {
            b.iter(|| import::read_bytes("bench.csv", black_box(t.as_bytes()), None))
        });
        let table = match import::read_bytes("bench.csv", text.as_bytes(), None) {
            Ok(t) => t,
            Err(e) => panic!("the generated inventory does not read: {e}"),
        };
        let empty = Project::default();
        group.bench_with_input(BenchmarkId::new("plan_new", rows), &table, |b, t| {
            b.iter(|| import::plan(black_box(&empty), t, &settings))
        });
        let preview = match import::plan(&empty, &table, &settings) {
            Ok(p) => p,
            Err(e) => panic!("the generated inventory does not plan: {e}"),
        };
        let mut once = Project::default();
        if let Err(e) = preview.edit().apply(&mut once) {
            panic!("the import does not apply: {e}");
        }
        group.bench_with_input(BenchmarkId::new("plan_reimport", rows), &table, |b, t| {
            b.iter(|| import::plan(black_box(&once), t, &settings))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
