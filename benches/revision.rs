//! The semantic diff and the three-way merge (`zonewright diff`, `merge`, the designer's
//! Compare with…) on the samples and generated plants: each plant against a copy with one
//! zone's description, one asset's name and one conduit's owner changed (and, for the merge,
//! the other side changing other fields), as a real revision or branch does. The diff is
//! measured with the two assessments already made (the designer has them; the CLI adds two
//! `assess` runs).

mod common;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::analysis::assess;
use zonewright::catalog::Catalog;
use zonewright::model::Project;
use zonewright::revision::{diff, merge};

fn edited(p: &Project, what: &str) -> Project {
    let mut q = p.clone();
    if let Some(z) = q.zones.first_mut() {
        z.description = format!("{what}: revised");
    }
    if let Some(a) = q.zones.iter_mut().rev().find_map(|z| z.assets.first_mut()) {
        a.name = format!("{} ({what})", a.name);
    }
    if let Some(c) = q.conduits.last_mut() {
        c.owner = what.to_owned();
    }
    q
}

fn bench_revision(c: &mut criterion::Criterion) {
    let catalog = Catalog::embedded();
    let mut group = c.benchmark_group("revision");
    for plant in common::plants() {
        eprintln!("{}", common::describe(&plant));
        let old = &plant.project;
        let new = edited(old, "ours");
        let (old_a, new_a) = (assess(old, catalog), assess(&new, catalog));
        let d = diff(old, &old_a, &new, &new_a);
        eprintln!("  {} changes", d.changes.len());
        group.bench_with_input(
            BenchmarkId::new("diff", &plant.name),
            &(old, &new),
            |b, (o, n)| b.iter(|| diff(black_box(o), &old_a, black_box(n), &new_a)),
        );
        let mut theirs = old.clone();
        if let Some(z) = theirs.zones.last_mut() {
            z.name = format!("{} (theirs)", z.name);
        }
        if let Some(c) = theirs.conduits.first_mut() {
            c.purpose = "theirs".to_owned();
        }
        group.bench_with_input(
            BenchmarkId::new("merge", &plant.name),
            &(old, &new, &theirs),
            |b, (base, o, t)| b.iter(|| merge(black_box(base), black_box(o), black_box(t))),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_revision
}
criterion_main!(benches);
