//! Inventory import: a generated OT-monitoring-style CSV of 10,000 and 50,000 rows read
//! (`import::read_bytes`: decode, sniff, parse) and planned (`import::plan`: map, parse rows,
//! assign zones, merge), into an empty project and as a re-import into the project the first
//! import made. Budget: 10,000 rows read and planned in well under a second.

mod common;

use common::inventory;
use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::import;
use zonewright::model::Project;
use zonewright::model::network::ImportSettings;

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
