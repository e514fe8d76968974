//! The levels table of a zone or conduit: SL-T, SL-C and SL-A per FR side by side, each cell
//! coloured by its gap as `assess` reports it.

use crate::analysis::{ElementAssessment, GapSeverity};
use crate::model::Fr;
use crate::ui::theme;

fn cell_ui(ui: &mut egui::Ui, text: String, sev: Option<GapSeverity>, hover: String) {
    let (fill, fg) = match sev {
        Some(s) => (theme::gap_color(s), theme::gap_text_color(s)),
        None => (ui.visuals().faint_bg_color, ui.visuals().text_color()),
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .corner_radius(3)
        .show(ui, |ui| {
            // a progress such as "12/90" in the small size, so seven cells fit the inspector
            let long = text.chars().count() > 2;
            let t = egui::RichText::new(text).color(fg).monospace();
            ui.label(if long { t.small() } else { t });
        })
        .response
        .on_hover_text(hover);
}

fn lvl(l: Option<u8>) -> String {
    l.map_or_else(|| "–".to_owned(), |l| l.to_string())
}

/// SL-T, SL-C and SL-A per FR side by side, each cell coloured by its gap.
pub(crate) fn levels_table_ui(ui: &mut egui::Ui, id: &str, e: &ElementAssessment) {
    egui::Grid::new(("levels", id))
        .spacing([3.0, 3.0])
        .show(ui, |ui| {
            ui.label("");
            for fr in Fr::ALL {
                ui.label(egui::RichText::new(fr.code()).small().strong())
                    .on_hover_text(fr.title());
            }
            ui.end_row();
            ui.label("SL-T");
            for (i, fr) in Fr::ALL.iter().enumerate() {
                cell_ui(
                    ui,
                    lvl(e.sl_t.map(|t| t.0[i])),
                    None,
                    format!("{}: target", fr.code()),
                );
            }
            ui.end_row();
            ui.label("SL-C");
            for (i, fr) in Fr::ALL.iter().enumerate() {
                let sev = e.capability_severity[i];
                cell_ui(
                    ui,
                    lvl(e.sl_c[i]),
                    Some(sev),
                    format!(
                        "{}: capability gap {} · SL-C from {}",
                        fr.code(),
                        sev.label(),
                        e.sl_c_source[i].map_or("unknown", |s| s.label())
                    ),
                );
            }
            ui.end_row();
            ui.label("SL-A");
            for (i, fr) in Fr::ALL.iter().enumerate() {
                let sev = e.sl_a_severity(*fr);
                let p = e.progress[i];
                // partly assessed and short of the target: say how far, not a false gap
                let (text, hover) = if sev == GapSeverity::Unknown && p.is_partial() {
                    (
                        format!("{}/{}", p.assessed, p.applicable),
                        format!(
                            "{}: {} (SL-A so far {}); the gap is known once every item is",
                            fr.code(),
                            p.text(),
                            lvl(e.sl_a[i])
                        ),
                    )
                } else {
                    (
                        lvl(e.sl_a[i]),
                        format!("{}: achievement gap {}", fr.code(), sev.label()),
                    )
                };
                cell_ui(ui, text, Some(sev), hover);
            }
            ui.end_row();
        });
    super::components::sl_c_source_ui(ui, e);
    ui.label(
        egui::RichText::new(format!(
            "{}, {} open · – = unknown (no assets / nothing assessed)",
            crate::count_of(
                e.applicable.len(),
                "applicable requirement",
                "applicable requirements"
            ),
            e.open_items()
        ))
        .small()
        .weak(),
    );
    let missing = e.missing_text();
    if !missing.is_empty() {
        ui.label(
            egui::RichText::new(format!("Still missing: {}", missing.join("; ")))
                .small()
                .color(theme::gap_color(GapSeverity::Unknown)),
        );
    }
}
