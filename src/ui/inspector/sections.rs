//! Sections more than one form shows: the ZCR 6.4 characteristics, the compensating
//! countermeasure, the component type combo and the list of an element's findings.

use super::widgets::{TextField, sl_vector_ui};
use crate::analysis::Finding;
use crate::catalog::Catalog;
use crate::model::text::visible;
use crate::model::{Characteristics, Compensation, SlVector};
use crate::ui::theme;
use crate::ui::view::Intents;

/// The characteristics in a collapsed section; returns them changed.
pub(crate) fn characteristics_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    c: &Characteristics,
) -> Option<Characteristics> {
    let mut changed = None;
    egui::CollapsingHeader::new("Characteristics (ZCR 6.4)")
        .default_open(false)
        .show(ui, |ui| {
            for (k, (label, value)) in c.fields().into_iter().enumerate() {
                if let Some(v) = TextField::labelled(label, value)
                    .multiline(true)
                    .show_ui(ui, out)
                {
                    let mut next = c.clone();
                    if let Some((_, field)) = next.fields_mut().into_iter().nth(k) {
                        *field = v;
                    }
                    changed = Some(next);
                }
            }
        });
    changed
}

/// The compensating countermeasure: on/off, its SL vector and justification; returns the
/// changed compensation (`Some(None)`: switched off).
pub(crate) fn compensation_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    id: &str,
    comp: &Option<Compensation>,
) -> Option<Option<Compensation>> {
    let mut result = None;
    let mut on = comp.is_some();
    if ui
        .checkbox(&mut on, "Compensating countermeasure raises SL-C")
        .changed()
    {
        result = Some(on.then(|| Compensation {
            sl: SlVector::uniform(0),
            justification: String::new(),
        }));
    }
    if let Some(c) = comp {
        if let Some(v) = sl_vector_ui(ui, &format!("{id}-comp"), c.sl) {
            result = Some(Some(Compensation {
                sl: v,
                justification: c.justification.clone(),
            }));
        }
        if let Some(t) = TextField::labelled(
            "Justification (required for the compensation to count)",
            &c.justification,
        )
        .multiline(true)
        .show_ui(ui, out)
        {
            result = Some(Some(Compensation {
                sl: c.sl,
                justification: t,
            }));
        }
    }
    result
}

/// A combo of the catalog's component types by group; returns the type picked.
pub(crate) fn component_combo_ui(
    ui: &mut egui::Ui,
    id: &str,
    catalog: &Catalog,
    current: &str,
) -> Option<String> {
    let mut picked = None;
    let text = catalog
        .component(current)
        .map_or_else(|| format!("{current} (not in catalog)"), |c| c.name.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .height(400.0)
        .show_ui(ui, |ui| {
            for group in catalog.component_groups() {
                ui.label(egui::RichText::new(group).small().strong());
                for c in catalog.components.iter().filter(|c| c.group == group) {
                    if ui.selectable_label(c.id == current, &c.name).clicked() && c.id != current {
                        picked = Some(c.id.clone());
                    }
                }
            }
        });
    picked
}

/// The findings `assess` reports for the element, under a separator (nothing when none).
pub(crate) fn findings_list_ui<'a>(ui: &mut egui::Ui, findings: impl Iterator<Item = &'a Finding>) {
    let findings: Vec<&Finding> = findings.collect();
    if findings.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Findings ({})", findings.len())).strong());
    for f in findings {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                theme::finding_color(f.severity),
                f.severity.label().to_uppercase(),
            );
            ui.label(egui::RichText::new(f.code.code()).monospace().small());
            ui.label(visible(&f.message))
                .on_hover_text(visible(f.remedy));
        });
    }
}
