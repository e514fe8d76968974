//! Opens a window with the topology view of the refinery sample, for looking at it.
//! `--bypass` starts with an extra conduit from the enterprise zone straight to the control
//! zone, so that an untrusted path to the safety zone appears (the checkbox toggles the same).

use zonewright::analysis::{Assessment, assess};
use zonewright::catalog::Catalog;
use zonewright::model::{Conduit, Project, ZoneId, ZoneKind};
use zonewright::ui::topology::TopologyView;

struct Preview {
    original: Project,
    project: Project,
    assessment: Assessment,
    revision: u64,
    bypass: bool,
    view: TopologyView,
    selected: Option<ZoneId>,
}

impl Preview {
    fn rebuild(&mut self) {
        self.project = self.original.clone();
        let find = |kind| {
            self.project
                .zones
                .iter()
                .find(|z| z.kind == kind)
                .map(|z| z.id)
        };
        if self.bypass
            && let (Some(it), Some(control)) = (find(ZoneKind::Enterprise), find(ZoneKind::Control))
        {
            let id = self.project.next_conduit_id();
            let c = Conduit::new(id, "IT bypass ↔ BPCS", it, control);
            self.project.conduits.push(c);
        }
        self.assessment = assess(&self.project, Catalog::embedded());
        self.revision += 1;
    }
}

impl eframe::App for Preview {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&self.project.meta.title);
            ui.horizontal(|ui| {
                let name = self
                    .selected
                    .and_then(|id| self.project.zone(id))
                    .map_or("none", |z| z.name.as_str());
                ui.label(format!("Selected zone: {name}"));
                if ui
                    .checkbox(&mut self.bypass, "Demo: add a conduit bypassing the DMZ")
                    .changed()
                {
                    self.rebuild();
                }
            });
            ui.separator();
            self.view
                .sync(&self.project, &self.assessment, self.revision);
            if let Some(z) = self.view.show_ui(ui, self.selected) {
                self.selected = Some(z);
            }
        });
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sample = zonewright::samples::find("refinery").ok_or("refinery sample missing")?;
    let original = zonewright::file::from_str(sample.text).map_err(|e| e.to_string())?;
    let mut preview = Preview {
        project: original.clone(),
        assessment: assess(&original, Catalog::embedded()),
        original,
        revision: 0,
        bypass: std::env::args().any(|a| a == "--bypass"),
        view: TopologyView::new(),
        selected: None,
    };
    preview.rebuild();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 520.0]),
        ..Default::default()
    };
    eframe::run_native(
        "zonewright topology preview",
        options,
        Box::new(|_cc| Ok(Box::new(preview))),
    )?;
    Ok(())
}
