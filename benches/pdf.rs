//! PDF export (`report::export_pdf`: assess, layout, printpdf, compression) on the samples and
//! the generated plants, with every section, compact (unassessed requirement rows left out),
//! and without the per-element details (the part that grows to thousands of pages). Also the
//! layout alone, without any PDF call.
//! Budget: ≤ 1 s on the 150-zone / 3,000-asset / 400-conduit plant. Also the Word pack.

mod common;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::catalog::Catalog;
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf, fonts::Fonts, layout_pages};

fn bench_pdf(c: &mut criterion::Criterion) {
    let catalog = Catalog::embedded();
    let fonts = match Fonts::load() {
        Ok(f) => f,
        Err(e) => panic!("embedded fonts: {e}"),
    };
    let full = ExportOptions::default();
    let no_details = ExportOptions {
        paper: Paper::A3,
        sections: Sections {
            details: false,
            ..Sections::default()
        },
        compact: false,
    };
    // the designer's default: requirement rows nobody assessed are left out
    let compact = ExportOptions {
        compact: true,
        ..ExportOptions::default()
    };
    let mut group = c.benchmark_group("pdf_export");
    group.sample_size(10);
    for plant in common::plants() {
        eprintln!("{}", common::describe(&plant));
        let big = plant.project.zones.len() > 300;
        for (name, options) in [
            ("full", full),
            ("compact", compact),
            ("no_details", no_details),
        ] {
            if big && name != "no_details" {
                // about 9,000 pages; measured once with `time zonewright export` instead
                continue;
            }
            let pages = layout_pages(&plant.project, catalog, &options, &fonts).len();
            let bytes = export_pdf(&plant.project, catalog, &options).map_or(0, |b| b.len());
            eprintln!("  {name}: {pages} pages, {} KB", bytes / 1024);
            group.bench_with_input(
                BenchmarkId::new(name, &plant.name),
                &plant.project,
                |b, p| b.iter(|| export_pdf(black_box(p), catalog, &options)),
            );
        }
    }
    group.finish();

    let mut group = c.benchmark_group("pdf_layout");
    group.sample_size(10);
    // the 150-zone generated plant
    for plant in common::generated_plants().into_iter().skip(1).take(1) {
        group.bench_with_input(
            BenchmarkId::new("full", &plant.name),
            &plant.project,
            |b, p| b.iter(|| layout_pages(black_box(p), catalog, &full, &fonts)),
        );
    }
    group.finish();
}

/// The Word tender pack (`export::docx::export_docx`): the two passes over the sections, the
/// drawing's PNG, the package. On the samples and the 150-zone plant (compact, as the designer
/// exports by default); the 600-zone plant is left out (about 15 s a run).
fn bench_docx(c: &mut criterion::Criterion) {
    let catalog = Catalog::embedded();
    let compact = ExportOptions {
        compact: true,
        ..ExportOptions::default()
    };
    let mut group = c.benchmark_group("docx_export");
    group.sample_size(10);
    for plant in common::plants() {
        if plant.project.zones.len() > 300 {
            // about 15 s a run: measured once (BENCHMARKS.md)
            continue;
        }
        let bytes = zonewright::export::docx::export_docx(&plant.project, catalog, &compact, None)
            .map_or(0, |b| b.len());
        eprintln!("{}: {} KB", plant.name, bytes / 1024);
        group.bench_with_input(
            BenchmarkId::new("compact", &plant.name),
            &plant.project,
            |b, p| {
                b.iter(|| {
                    zonewright::export::docx::export_docx(black_box(p), catalog, &compact, None)
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_pdf, bench_docx
}
criterion_main!(benches);
