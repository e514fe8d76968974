//! Loading and saving project files: `file::from_str` (parse and validate), `file::to_string`,
//! and `file::save` (text, temporary file, fsync, backup copy, rename) into a temporary folder.
//! Budget: load + save ≤ 50 ms on the 150-zone / 3,000-asset / 400-conduit plant.

mod common;

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::file;

fn bench_file(c: &mut criterion::Criterion) {
    let plants = common::plants();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary folder for the save benchmark: {e}"),
    };

    let mut group = c.benchmark_group("load");
    for plant in &plants {
        eprintln!("{}", common::describe(plant));
        group.throughput(Throughput::Bytes(plant.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&plant.name),
            &plant.text,
            |b, text| b.iter(|| file::from_str(black_box(text))),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("save_to_string");
    for plant in &plants {
        group.throughput(Throughput::Bytes(plant.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&plant.name),
            &plant.project,
            |b, p| b.iter(|| file::to_string(black_box(p)).expect("serialise")),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("save");
    for plant in &plants {
        let path = dir.path().join(format!("{}.ron", plant.name));
        group.throughput(Throughput::Bytes(plant.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&plant.name),
            &plant.project,
            |b, p| {
                b.iter(|| {
                    if let Err(e) = file::save(black_box(p), &path) {
                        panic!("{e}");
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_file
}
criterion_main!(benches);
