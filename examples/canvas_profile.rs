//! Runs canvas frames of a generated plant for a profiler: `cargo run --release --example
//! canvas_profile -- [fit|zoomed_in|fit_panning|fit_zooming|fit_rebuilt|designer] [zones] [frames] [mesh]`
//! (`designer`: the whole window's frame), e.g. under
//! `valgrind --tool=callgrind --toggle-collect=canvas_profile::measure` so that only the
//! measured frames (not the plant generation or warm-up) are counted.

#[path = "../benches/common/mod.rs"]
mod common;

use common::Headless;
use zonewright::generate::{GenerateParams, generate};
use zonewright::ui::DesignerApp;
use zonewright::ui::dialogs::{RecentFiles, ScriptedDialogs};

#[inline(never)]
fn measure(h: &mut Headless, app: &mut DesignerApp, view: &str, frames: u32) -> usize {
    let mut vertices = 0;
    for n in 0..frames {
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
        vertices += if view == "designer" {
            h.frame(|ui| app.frame_ui(ui)).vertices
        } else {
            h.frame(|ui| zonewright::ui::canvas::canvas_in_app_ui(app, ui))
                .vertices
        };
    }
    vertices
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let view = args.first().map_or("fit", String::as_str).to_owned();
    let zones: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(150);
    let frames: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let project = generate(&GenerateParams {
        zones,
        assets: zones * 20,
        conduits: zones * 8 / 3,
        seed: 1,
    });
    let mut h = Headless::new();
    let mut app = DesignerApp::new(
        &h.ctx,
        Box::new(ScriptedDialogs::default()),
        RecentFiles::in_memory(),
    );
    // as in the designer's window (`mesh` as a last argument: egui draws the mesh, as in tests)
    if args.get(3).map(String::as_str) != Some("mesh") {
        app.canvas.draw_on_gpu();
    }
    app.set_document(project, None);
    let middle = egui::pos2(h.size.x / 2.0, h.size.y / 2.0);
    if std::env::var_os("NO_POINTER").is_none() {
        h.queue(egui::Event::PointerMoved(middle));
    }
    if view == "designer" {
        h.warm_up(5, |ui| app.frame_ui(ui));
    } else {
        h.warm_up(5, |ui| {
            zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui)
        });
    }
    if view == "zoomed_in" {
        app.canvas.zoom_by(4.0);
        h.warm_up(5, |ui| {
            zonewright::ui::canvas::canvas_in_app_ui(&mut app, ui)
        });
    }
    let builds = app.canvas.drawing_builds();
    let start = std::time::Instant::now();
    let vertices = measure(&mut h, &mut app, &view, frames);
    let elapsed = start.elapsed();
    println!(
        "{view}, {zones} zones: {frames} frames, {} vertices per frame, {:.0} µs per frame, \
         drawing built {} times, zoom {:.2}",
        vertices / frames.max(1) as usize,
        elapsed.as_secs_f64() * 1e6 / f64::from(frames.max(1)),
        app.canvas.drawing_builds() - builds,
        app.canvas.zoom(),
    );
}
