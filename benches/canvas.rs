//! One headless frame of the real canvas (`ui::canvas::canvas_ui` in a `Context::run_ui` pass,
//! plus tessellation) at 1600 × 900 points, on the samples and the generated plants:
//! - `fit`, `zoomed_in` (4× about the middle): a frame in which nothing changed (the pointer
//!   moved, a tooltip, another panel) — the retained drawing is reused;
//! - `fit_panning`: the view moves 3 points every frame, as while dragging the canvas;
//! - `fit_zooming`: a pinch zooms 1 % every frame about the middle, in for 160 frames (4.9×)
//!   and out for 160: the drawing is shown scaled and built again whenever the gesture has
//!   scaled it by half or twice (every 70th frame), as in the app;
//! - `fit_rebuilt`: the zoom changes every frame (±1 %) from the program (as a fit or Zoom to
//!   selection does), so the drawing is built and tessellated every frame — the cost of a frame
//!   after an edit, and the frame of the canvas before it retained its drawing.
//!
//! The canvas draws as in the designer's window: its retained drawing through a GPU paint
//! callback (no vertices for egui to copy; the callback itself runs on the GPU side, which a
//! headless frame does not measure — nor does it measure egui_graphs' vertex upload). The
//! `*_mesh` views hand egui the mesh instead, as where no GPU is at hand (the tests).
//!
//! Also the whole designer frame (menus, palette, inspector, dock and canvas) for reference.
//! Compare with `egui_graphs_frame`.

mod common;

use common::{Headless, Plant};
use criterion::{BenchmarkId, criterion_group, criterion_main};
use zonewright::ui::DesignerApp;
use zonewright::ui::dialogs::{RecentFiles, ScriptedDialogs};

const WARM_UP_FRAMES: usize = 5;

fn app_with(h: &Headless, plant: &Plant) -> DesignerApp {
    let mut app = DesignerApp::new(
        &h.ctx,
        Box::new(ScriptedDialogs::default()),
        RecentFiles::in_memory(),
    );
    app.canvas.draw_on_gpu();
    app.set_document(plant.project.clone(), None);
    app
}

fn bench_canvas(c: &mut criterion::Criterion) {
    let mut group = c.benchmark_group("canvas_frame");
    for plant in common::plants() {
        eprintln!("{}", common::describe(&plant));
        for view in [
            "fit",
            "zoomed_in",
            "fit_panning",
            "fit_zooming",
            "fit_rebuilt",
            "fit_mesh",
            "zoomed_in_mesh",
        ] {
            let mut h = Headless::new();
            let mut app = app_with(&h, &plant);
            if view.ends_with("_mesh") {
                app.canvas = Default::default();
            }
            // the pointer rests over the middle of the canvas (a pinch zooms about it)
            let middle = egui::pos2(h.size.x / 2.0, h.size.y / 2.0);
            h.queue(egui::Event::PointerMoved(middle));
            h.warm_up(WARM_UP_FRAMES, |ui| {
                zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui)
            });
            if view.starts_with("zoomed_in") {
                app.canvas.zoom_by(4.0);
                h.warm_up(WARM_UP_FRAMES, |ui| {
                    zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui)
                });
            }
            let stats = h.frame(|ui| zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui));
            eprintln!("  {view}: zoom {:.2}, {stats:?}", app.canvas.zoom());
            assert!(
                !stats.repaint_requested,
                "an idle canvas must not ask for another frame"
            );
            let mut n = 0u32;
            group.bench_function(BenchmarkId::new(view, &plant.name), |b| {
                b.iter(|| {
                    n += 1;
                    let sign = if n.is_multiple_of(2) { 1.0 } else { -1.0 };
                    match view {
                        "fit_panning" => app.canvas.pan_by(egui::vec2(3.0 * sign, 0.0)),
                        "fit_zooming" => {
                            let inward = (n / 160).is_multiple_of(2);
                            h.queue(egui::Event::Zoom(if inward { 1.01 } else { 1.0 / 1.01 }));
                        }
                        "fit_rebuilt" => app.canvas.zoom_by(1.01_f32.powf(sign)),
                        _ => {}
                    }
                    h.frame(|ui| zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui))
                })
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("designer_frame");
    for plant in common::generated_plants().into_iter().take(2) {
        let mut h = Headless::new();
        let mut app = app_with(&h, &plant);
        h.warm_up(WARM_UP_FRAMES, |ui| app.frame_ui(ui));
        group.bench_function(BenchmarkId::new("fit", &plant.name), |b| {
            b.iter(|| h.frame(|ui| app.frame_ui(ui)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench_canvas
}
criterion_main!(benches);
