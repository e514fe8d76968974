//! `assess` (SL-C, SL-A, gaps and all design findings) on the samples and generated plants.
//! Budget: ≤ 1 ms on the 150-zone / 3,000-asset / 400-conduit plant.

mod common;

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::analysis::assess;
use zonewright::catalog::Catalog;

fn bench_assess(c: &mut criterion::Criterion) {
    let catalog = Catalog::embedded();
    let mut group = c.benchmark_group("assess");
    for plant in common::plants() {
        eprintln!("{}", common::describe(&plant));
        let a = assess(&plant.project, catalog);
        eprintln!(
            "  {} findings, {} zones/conduits with a gap",
            a.findings.len(),
            a.gap_count()
        );
        group.throughput(Throughput::Elements(
            (plant.project.zones.len() + plant.project.conduits.len() + plant.project.asset_count())
                as u64,
        ));
        group.bench_with_input(
            BenchmarkId::from_parameter(&plant.name),
            &plant.project,
            |b, p| b.iter(|| assess(black_box(p), catalog)),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_assess
}
criterion_main!(benches);
