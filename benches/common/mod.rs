//! Shared by the benchmarks: the plants measured (the three samples and two generated plants)
//! and a headless egui frame (one `Context::run_ui` pass inside a `CentralPanel`, then
//! tessellation) for measuring views without a window or a GPU.

// every bench binary includes this module and uses a different part of it
#![allow(dead_code)]

use criterion::Criterion;
use std::time::Duration;
use zonewright::generate::{GenerateParams, generate};
use zonewright::model::Project;

/// Short settings so that the whole `cargo bench` run stays within a few minutes on two
/// cores; override on the command line (`cargo bench -- --measurement-time 10`).
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// The generated plant of the performance budgets: 150 zones, 3,000 assets, 400 conduits.
pub const LARGE: GenerateParams = GenerateParams {
    zones: 150,
    assets: 3_000,
    conduits: 400,
    seed: 1,
};

/// Four times larger: 600 zones, 12,000 assets, 1,600 conduits.
pub const HUGE: GenerateParams = GenerateParams {
    zones: 600,
    assets: 12_000,
    conduits: 1_600,
    seed: 1,
};

/// A plant under measurement, with the text it is loaded from.
pub struct Plant {
    /// Benchmark parameter name, e.g. `refinery` or `gen-150z-3000a-400c`.
    pub name: String,
    pub project: Project,
    pub text: String,
}

fn generated(params: &GenerateParams) -> Plant {
    let project = generate(params);
    Plant {
        name: format!(
            "gen-{}z-{}a-{}c",
            params.zones, params.assets, params.conduits
        ),
        text: zonewright::file::to_string(&project).expect("serialise"),
        project,
    }
}

/// `rows` devices in 40 cells of 25 VLANs; every 7th a PLC, every 11th an HMI …
pub fn inventory(rows: usize) -> String {
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

/// A plant as an architect starts one: an inventory of `rows` devices imported into an empty
/// project (zones from its `zones` column, laid out by Purdue level), as File → Import does.
fn imported(rows: usize) -> Plant {
    let text = inventory(rows);
    let settings = zonewright::model::network::ImportSettings::default();
    let mut project = Project::default();
    let plan = zonewright::import::read_bytes("bench.csv", text.as_bytes(), None)
        .map_err(|e| e.to_string())
        .and_then(|t| zonewright::import::plan(&project, &t, &settings).map_err(|e| e.to_string()));
    match plan.map(|p| p.edit().apply(&mut project).map_err(|e| e.to_string())) {
        Ok(Ok(_)) => {}
        Ok(Err(e)) | Err(e) => panic!("the generated inventory does not import: {e}"),
    }
    Plant {
        name: format!("imported-{rows}a"),
        text: zonewright::file::to_string(&project).expect("serialise"),
        project,
    }
}

/// The embedded samples (skipping any that do not load, e.g. an empty placeholder in a
/// worktree) and the two generated plants, smallest first.
pub fn plants() -> Vec<Plant> {
    let mut out = Vec::new();
    for s in zonewright::samples::SAMPLES {
        match zonewright::file::from_str(s.text) {
            Ok(project) => out.push(Plant {
                name: s.name.to_owned(),
                project,
                text: s.text.to_owned(),
            }),
            Err(e) => eprintln!("skipping sample {}: {e}", s.name),
        }
    }
    out.push(imported(2_000));
    out.push(generated(&LARGE));
    out.push(generated(&HUGE));
    out
}

/// The 2,000-device imported plant and the two generated ones (for views whose cost on the
/// samples is not of interest).
pub fn generated_plants() -> Vec<Plant> {
    vec![imported(2_000), generated(&LARGE), generated(&HUGE)]
}

/// A one-line description of a plant's size, printed before measuring.
pub fn describe(p: &Plant) -> String {
    format!(
        "{}: {} zones, {} assets, {} conduits, {} KB of RON",
        p.name,
        p.project.zones.len(),
        p.project.asset_count(),
        p.project.conduits.len(),
        p.text.len() / 1024
    )
}

/// What one headless frame produced, so a benchmark can check it painted something.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameStats {
    pub shapes: usize,
    pub primitives: usize,
    pub vertices: usize,
    /// Whether the frame asked for another one straight away (an idle view should not).
    pub repaint_requested: bool,
}

/// A window-less egui context of a fixed size, advanced one frame at a time.
///
/// `frame` runs the given ui code inside a `CentralPanel` in one `Context::run_ui` pass and
/// tessellates the output, which is the CPU work of one frame of the real app (only the GPU
/// upload and drawing are missing). Reuse one `Headless` across iterations, as the app reuses
/// its context: egui caches text layout between frames.
pub struct Headless {
    pub ctx: egui::Context,
    pub size: egui::Vec2,
    frame_nr: u64,
    /// Input events for the next frame.
    events: Vec<egui::Event>,
}

impl Headless {
    /// A 1600 × 900 point window at 1 pixel per point (a laptop screen or projector).
    pub fn new() -> Self {
        Self::with_size(egui::vec2(1600.0, 900.0))
    }

    pub fn with_size(size: egui::Vec2) -> Self {
        Headless {
            ctx: egui::Context::default(),
            size,
            frame_nr: 0,
            events: Vec::new(),
        }
    }

    fn input(&mut self) -> egui::RawInput {
        self.frame_nr += 1;
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.frame_nr as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            events: std::mem::take(&mut self.events),
            ..Default::default()
        }
    }

    /// Gives `event` to the next frame, as a window would.
    pub fn queue(&mut self, event: egui::Event) {
        self.events.push(event);
    }

    /// Runs one frame with `add_contents` inside a default `CentralPanel`, then tessellates.
    pub fn frame(&mut self, mut add_contents: impl FnMut(&mut egui::Ui)) -> FrameStats {
        let input = self.input();
        let output = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| add_contents(ui));
        });
        let repaint_requested = output
            .viewport_output
            .values()
            .any(|v| v.repaint_delay.is_zero());
        let shapes = output.shapes.len();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        FrameStats {
            shapes,
            primitives: primitives.len(),
            vertices,
            repaint_requested,
        }
    }

    /// Runs `n` frames (to warm caches and let one-off work such as a first-frame layout run).
    pub fn warm_up(&mut self, n: usize, mut add_contents: impl FnMut(&mut egui::Ui)) {
        for _ in 0..n {
            self.frame(&mut add_contents);
        }
    }
}

impl Default for Headless {
    fn default() -> Self {
        Self::new()
    }
}
