//! Pasting many assets (`command::plan` of `Action::Paste` plus applying the edit, as the
//! designer does on Ctrl+V): 3 and 9 zones of 10,000 assets (30,000 and 90,000 assets; 90,000
//! is about the largest paste a project holds) into an empty project, every asset named "PLC",
//! so every pasted name is made unique ("PLC 2" … "PLC 90000"). Before issue 24 each asset
//! rebuilt the set of all names and counted up from 2 (quadratic: about 215 s for 90,000).

use criterion::{BenchmarkId, criterion_group, criterion_main};
use std::hint::black_box;
use zonewright::catalog::Catalog;
use zonewright::command::clipboard::{Clip, Placement};
use zonewright::command::{Action, Selection, plan};
use zonewright::model::{Asset, AssetId, Project, Rect, Zone, ZoneId, ZoneKind};

/// `zones` zones of `per_zone` assets, all named "PLC".
fn plant(zones: u32, per_zone: u32) -> Project {
    let mut p = Project::default();
    for z in 0..zones {
        let mut zone = Zone::new(
            ZoneId(z + 1),
            format!("Cell {z}"),
            ZoneKind::Control,
            Rect::new(z as f32 * 2_000.0, 0.0, 1_800.0, 1_800.0),
        );
        for i in 0..per_zone {
            let n = z * per_zone + i;
            zone.assets.push(Asset::new(AssetId(n + 1), "PLC", "plc"));
        }
        p.zones.push(zone);
    }
    p
}

fn paste(c: &mut criterion::Criterion) {
    let catalog = Catalog::embedded();
    let mut group = c.benchmark_group("paste");
    group.sample_size(10);
    for (zones, per_zone) in [(3u32, 10_000u32), (9, 10_000)] {
        // the clip is the whole plant, pasted into an empty project
        let source = plant(zones, per_zone);
        let all: Selection = source
            .zones
            .iter()
            .map(|z| zonewright::model::ElementRef::Zone(z.id))
            .collect();
        let (clip, _) = Clip::of_selection(&source, &all);
        let target = Project::default();
        let action = Action::Paste {
            clip: Box::new(clip),
            placement: Placement::Beside,
            into: None,
        };
        group.bench_with_input(
            BenchmarkId::new("assets", zones * per_zone),
            &(action, target),
            |b, (action, target)| {
                b.iter(|| {
                    let plan =
                        plan(action, target, &Selection::default(), catalog).expect("a plan");
                    let mut after = target.clone();
                    plan.edit.apply(&mut after).expect("applies");
                    black_box(after.asset_count())
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, paste);
criterion_main!(benches);
