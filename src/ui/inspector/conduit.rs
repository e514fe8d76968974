//! The conduit form: name, ends and direction, owner and purpose, SL-T (default or by hand,
//! with the risk proposal and the levels table), the Risk section, controls, data flows,
//! devices, compensation and characteristics.

use super::levels::levels_table_ui;
use super::sections::{characteristics_ui, compensation_ui};
use super::widgets::{Field, TextField, field, push_form, sl_vector_ui};
use crate::analysis::ElementAssessment;
use crate::catalog::{Catalog, ComponentClass};
use crate::command::Action;
use crate::command::form::FormAction;
use crate::model::text::visible;
use crate::model::{Conduit, Direction, ElementRef, Project, SlVector};
use crate::ui::risk::{Owner, element_risk_ui, proposal_ui};
use crate::ui::view::Intents;
use crate::ui::{Intent, theme};

const DETAILS: [Field<Conduit>; 4] = [
    field!(Conduit, "Owner", owner),
    field!(Conduit, "Purpose", purpose, multiline),
    field!(Conduit, "Test method", test_method, multiline),
    field!(Conduit, "Description", description, multiline),
];

/// Pushes the edit replacing `c` by a copy `f` changes (copied only then).
fn replace(
    out: &mut Intents,
    c: &Conduit,
    label: String,
    key: Option<String>,
    f: impl FnOnce(&mut Conduit),
) {
    let mut n = c.clone();
    f(&mut n);
    push_form(out, label, FormAction::Conduit(n), key);
}

fn key(c: &Conduit, f: &str) -> Option<String> {
    Some(format!("conduit.{}.{f}", c.id.0))
}

pub(crate) fn conduit_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    c: &Conduit,
    ea: Option<&ElementAssessment>,
) {
    ui.heading(format!("Conduit {}", visible(&c.name)));
    let name_field = TextField::labelled("Name", &c.name).show_ui(ui, out);
    crate::ui::visible::name_notes_ui(ui, &c.name);
    if let Some(v) = name_field {
        replace(
            out,
            c,
            format!("Rename conduit {}", c.name),
            key(c, "name"),
            |n| n.name = v,
        );
    }
    ends_ui(ui, out, project, c);
    for f in &DETAILS {
        if let Some(n) = f.show_ui(ui, out, c) {
            push_form(
                out,
                format!("Edit conduit {} {}", c.name, f.label.to_lowercase()),
                FormAction::Conduit(n),
                key(c, f.label),
            );
        }
    }
    ui.separator();
    sl_t_ui(ui, out, project, c);
    proposal_ui(ui, out, Owner::Conduit(c), ea);
    if let Some(e) = ea {
        levels_table_ui(ui, &format!("conduit{}", c.id.0), e);
    }
    element_risk_ui(ui, out, project, Owner::Conduit(c), ea);
    ui.separator();
    controls_ui(ui, out, catalog, c);
    ui.separator();
    super::flows::flows_ui(ui, out, catalog, project, c);
    ui.separator();
    devices_ui(ui, out, catalog, c);
    ui.separator();
    if let Some(comp) = compensation_ui(ui, out, &format!("conduit{}", c.id.0), &c.compensation) {
        replace(
            out,
            c,
            format!("Edit compensation of conduit {}", c.name),
            key(c, "comp"),
            |n| n.compensation = comp,
        );
    }
    if let Some(ch) = characteristics_ui(ui, out, &c.characteristics) {
        replace(
            out,
            c,
            format!("Edit conduit {} characteristics", c.name),
            key(c, "chars"),
            |n| n.characteristics = ch,
        );
    }
}

/// The two zones it joins, its direction and the swap button.
fn ends_ui(ui: &mut egui::Ui, out: &mut Intents, project: &Project, c: &Conduit) {
    let zone_name = |id| project.element_name(ElementRef::Zone(id));
    ui.label(egui::RichText::new("Joins").small().weak());
    ui.horizontal(|ui| {
        for (end, current) in [("from", c.from), ("to", c.to)] {
            let mut v = current;
            egui::ComboBox::from_id_salt(("conduit-end", end))
                .selected_text(zone_name(current))
                .width(120.0)
                .show_ui(ui, |ui| {
                    for z in &project.zones {
                        ui.selectable_value(&mut v, z.id, &z.name);
                    }
                });
            let (from, to) = if end == "from" {
                (v, c.to)
            } else {
                (c.from, v)
            };
            if v != current && from != to {
                replace(out, c, format!("Reconnect conduit {}", c.name), None, |n| {
                    n.from = from;
                    n.to = to;
                });
            }
            if end == "from" {
                ui.label(if c.direction == Direction::OneWay {
                    "→"
                } else {
                    "↔"
                });
            }
        }
    });
    ui.horizontal(|ui| {
        let mut d = c.direction;
        ui.radio_value(&mut d, Direction::Both, "Both ways");
        ui.radio_value(&mut d, Direction::OneWay, "One way (from → to)");
        if d != c.direction {
            replace(
                out,
                c,
                format!("Change direction of conduit {}", c.name),
                None,
                |n| n.direction = d,
            );
        }
        if ui
            .small_button("⇄ Swap")
            .on_hover_text("Swap the two ends (reverses a one-way conduit)")
            .clicked()
        {
            replace(
                out,
                c,
                format!("Swap ends of conduit {}", c.name),
                None,
                |n| std::mem::swap(&mut n.from, &mut n.to),
            );
        }
    });
}

fn sl_t_ui(ui: &mut egui::Ui, out: &mut Intents, project: &Project, c: &Conduit) {
    ui.label(egui::RichText::new("Target security level (SL-T)").strong());
    let default = crate::analysis::conduit_default_sl_t(project, c);
    ui.label(format!(
        "Default (maximum of its zones): {}",
        default.map_or_else(|| "not set".to_owned(), |d| d.to_string())
    ));
    let mut over = c.sl_t_override.is_some();
    if ui
        .checkbox(
            &mut over,
            "Enter SL-T by hand (lower than the default is a finding)",
        )
        .changed()
    {
        replace(
            out,
            c,
            format!("Override SL-T of conduit {}", c.name),
            None,
            |n| n.sl_t_override = over.then(|| default.unwrap_or(SlVector::uniform(2))),
        );
    }
    if let Some(t) = c.sl_t_override
        && let Some(v) = sl_vector_ui(ui, &format!("conduit{}", c.id.0), t)
    {
        replace(
            out,
            c,
            format!("Set SL-T of conduit {} to {v}", c.name),
            None,
            |n| n.sl_t_override = Some(v),
        );
    }
}

fn controls_ui(ui: &mut egui::Ui, out: &mut Intents, catalog: &Catalog, c: &Conduit) {
    ui.label(egui::RichText::new("Controls").strong());
    for ctl in &catalog.controls {
        let mut on = c.controls.contains(&ctl.id);
        if ui
            .checkbox(&mut on, &ctl.name)
            .on_hover_text(&ctl.description)
            .changed()
        {
            replace(
                out,
                c,
                format!(
                    "{} control {} on conduit {}",
                    if on { "Add" } else { "Remove" },
                    ctl.name,
                    c.name
                ),
                None,
                |n| {
                    if on {
                        n.controls.push(ctl.id.clone());
                    } else {
                        n.controls.retain(|x| *x != ctl.id);
                    }
                },
            );
        }
    }
    for unknown in c.controls.iter().filter(|id| catalog.control(id).is_none()) {
        ui.colored_label(
            theme::finding_color(crate::analysis::FindingSeverity::Warning),
            format!("{unknown} (not in catalog)"),
        );
    }
}

fn devices_ui(ui: &mut egui::Ui, out: &mut Intents, catalog: &Catalog, c: &Conduit) {
    ui.label(egui::RichText::new(format!("Devices on the conduit ({})", c.devices.len())).strong());
    for d in &c.devices {
        ui.horizontal(|ui| {
            let t = catalog.component(&d.component);
            let label = format!(
                "{} — {}{}",
                d.name,
                t.map_or("unknown type", |t| t.name.as_str()),
                if t.is_some_and(|t| t.boundary) {
                    " (boundary)"
                } else {
                    ""
                }
            );
            if ui.selectable_label(false, label).clicked() {
                out.push(Intent::Select(vec![ElementRef::Asset(d.id)]));
            }
        });
    }
    egui::ComboBox::from_id_salt("add-device")
        .selected_text("Add device…")
        .show_ui(ui, |ui| {
            for t in catalog
                .components
                .iter()
                .filter(|t| t.class == ComponentClass::NetworkDevice || t.boundary)
            {
                if ui.selectable_label(false, &t.name).clicked() {
                    out.push(Intent::Act(Action::AddDevice {
                        conduit: c.id,
                        component: t.id.clone(),
                    }));
                }
            }
        });
}
