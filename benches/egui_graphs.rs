//! For comparison with the canvas: the generated plants shown in a default egui_graphs
//! `GraphView` (zones as nodes, conduits as edges), one headless frame (`Context::run_ui` in a
//! `CentralPanel`, plus tessellation) at 1600 × 900 points.
//!
//! - `fit`: `DefaultGraphView` exactly as shipped (random layout, fit to screen every frame,
//!   labels on hover only);
//! - `fit_labels`: the same with every node label drawn, as a topology view would;
//! - `zoomed_in`: fit-to-screen off and the view zoomed 4× about the centre of the fitted view;
//! - `empty_panel`: an empty `CentralPanel`, the fixed cost of any frame.
//!
//! The random layout runs on the first frame only; every measurement follows warm-up frames.

mod common;

use common::{Headless, Plant};
use criterion::{BenchmarkId, criterion_group, criterion_main};
use egui_graphs::{
    DefaultGraphView, Graph, GraphView, LayoutRandom, LayoutStateRandom, MetadataFrame,
    SettingsNavigation, SettingsStyle,
};
use petgraph::Undirected;
use petgraph::stable_graph::StableGraph;
use std::collections::HashMap;

type ZoneGraph = Graph<String, String, Undirected>;

/// Zones as nodes (labelled with their names), conduits as edges.
fn zone_graph(plant: &Plant) -> ZoneGraph {
    let mut g: StableGraph<String, String, Undirected> = StableGraph::default();
    let mut index = HashMap::new();
    for z in &plant.project.zones {
        index.insert(z.id, g.add_node(z.name.clone()));
    }
    for c in &plant.project.conduits {
        if let (Some(&a), Some(&b)) = (index.get(&c.from), index.get(&c.to)) {
            g.add_edge(a, b, c.name.clone());
        }
    }
    egui_graphs::to_graph_custom(
        &g,
        |n| {
            let label = n.payload().clone();
            n.set_label(label);
        },
        |e| {
            let label = e.payload().clone();
            e.set_label(label);
        },
    )
}

const WARM_UP_FRAMES: usize = 5;

fn bench_graph_view(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("egui_graphs_frame");
    // the fixed cost of a frame: an empty `CentralPanel`, for scale
    let mut h = Headless::new();
    h.warm_up(WARM_UP_FRAMES, |_| {});
    group.bench_function("empty_panel", |b| b.iter(|| h.frame(|_| {})));
    for plant in common::generated_plants() {
        eprintln!("{}", common::describe(&plant));

        // default view, fitted to the screen
        let mut graph = zone_graph(&plant);
        let mut h = Headless::new();
        h.warm_up(WARM_UP_FRAMES, |ui| {
            DefaultGraphView::new().show(ui, &mut graph);
        });
        let stats = h.frame(|ui| {
            DefaultGraphView::new().show(ui, &mut graph);
        });
        eprintln!("  fit: {stats:?}");
        group.bench_function(BenchmarkId::new("fit", &plant.name), |b| {
            b.iter(|| {
                h.frame(|ui| {
                    DefaultGraphView::new().show(ui, &mut graph);
                })
            })
        });

        // every label drawn
        let mut graph = zone_graph(&plant);
        let mut h = Headless::new();
        let style = SettingsStyle::new().with_labels_always(true);
        let show = |ui: &mut egui::Ui, graph: &mut ZoneGraph| {
            DefaultGraphView::new().with_styles(&style).show(ui, graph);
        };
        h.warm_up(WARM_UP_FRAMES, |ui| show(ui, &mut graph));
        eprintln!("  fit_labels: {:?}", h.frame(|ui| show(ui, &mut graph)));
        group.bench_function(BenchmarkId::new("fit_labels", &plant.name), |b| {
            b.iter(|| h.frame(|ui| show(ui, &mut graph)))
        });

        // zoomed in 4× about the centre of the fitted view
        let mut graph = zone_graph(&plant);
        let mut h = Headless::new();
        let nav = SettingsNavigation::new().with_fit_to_screen_enabled(false);
        let show = |ui: &mut egui::Ui, graph: &mut ZoneGraph| {
            GraphView::<LayoutStateRandom, LayoutRandom>::new()
                .with_navigations(&nav)
                .show(ui, graph);
        };
        // the first frame of a view fits the graph to the screen, whatever the settings
        h.warm_up(WARM_UP_FRAMES, |ui| show(ui, &mut graph));
        h.frame(|ui| {
            let centre = ui.available_size() / 2.0;
            let mut meta = MetadataFrame::new(None).load(ui);
            let graph_point = (centre - meta.pan) / meta.zoom;
            meta.zoom *= 4.0;
            meta.pan = centre - graph_point * meta.zoom;
            meta.save(ui);
            show(ui, &mut graph);
        });
        h.warm_up(WARM_UP_FRAMES, |ui| show(ui, &mut graph));
        eprintln!("  zoomed_in: {:?}", h.frame(|ui| show(ui, &mut graph)));
        group.bench_function(BenchmarkId::new("zoomed_in", &plant.name), |b| {
            b.iter(|| h.frame(|ui| show(ui, &mut graph)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_graph_view
}
criterion_main!(benches);
