//! The additional countermeasures of a threat scenario (ZCR 5.12) in the inspector: measure,
//! owner, due date and status of each, with add and remove.

use super::{Change, discrete, typed};
use crate::model::{Countermeasure, MeasureStatus};
use crate::ui::inspector::widgets::{DATE_HINT, TextField};
use crate::ui::theme;
use crate::ui::view::Intents;

/// The list; `overdue` holds the indices `assess` reports past their due date. Returns the
/// changed list.
pub(super) fn countermeasures_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    id: &str,
    list: &[Countermeasure],
    overdue: &[usize],
) -> Option<Change<Vec<Countermeasure>>> {
    let mut out = None;
    ui.label(
        egui::RichText::new("Additional countermeasures (ZCR 5.12)")
            .small()
            .weak(),
    );
    for (i, cm) in list.iter().enumerate() {
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(4))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if let Some(text) = TextField::cell((id, "cm", i, 0), &cm.measure, 250.0)
                        .hint("Measure")
                        .show_ui(ui, intents)
                    {
                        let mut n = list.to_vec();
                        n[i].measure = text;
                        out = Some(typed(n, "Edit countermeasure", format!("cm{i}.0")));
                    }
                    if ui
                        .small_button("✖")
                        .on_hover_text("Remove this countermeasure")
                        .clicked()
                    {
                        let mut n = list.to_vec();
                        n.remove(i);
                        out = Some(discrete(n, "Remove countermeasure"));
                    }
                });
                ui.horizontal(|ui| {
                    if let Some(text) = TextField::cell((id, "cm", i, 1), &cm.owner, 95.0)
                        .hint("Owner")
                        .show_ui(ui, intents)
                    {
                        let mut n = list.to_vec();
                        n[i].owner = text;
                        out = Some(typed(n, "Edit countermeasure owner", format!("cm{i}.1")));
                    }
                    if let Some(text) = TextField::cell((id, "cm", i, 2), &cm.due, 80.0)
                        .hint(DATE_HINT)
                        .show_ui(ui, intents)
                    {
                        let mut n = list.to_vec();
                        n[i].due = text;
                        out = Some(typed(n, "Edit countermeasure due date", format!("cm{i}.2")));
                    }
                    let mut status = cm.status;
                    egui::ComboBox::from_id_salt((id, "cm-status", i))
                        .width(90.0)
                        .selected_text(status.label())
                        .show_ui(ui, |ui| {
                            for s in MeasureStatus::ALL {
                                ui.selectable_value(&mut status, s, s.label());
                            }
                        });
                    if status != cm.status {
                        let mut n = list.to_vec();
                        n[i].status = status;
                        out = Some(discrete(n, "Change countermeasure status"));
                    }
                });
                if overdue.contains(&i) {
                    ui.label(
                        egui::RichText::new("Overdue: due before the document date")
                            .small()
                            .color(theme::finding_color(
                                crate::analysis::FindingSeverity::Warning,
                            )),
                    );
                }
            });
    }
    if ui.small_button("Add countermeasure").clicked() {
        let mut n = list.to_vec();
        n.push(Countermeasure::default());
        out = Some(discrete(n, "Add countermeasure"));
    }
    out
}
