//! The zone form: name, kind, description, SL-T (with the risk proposal and the levels table),
//! the Risk section, compensation, characteristics, and links to its assets and conduits.

use super::levels::levels_table_ui;
use super::sections::{characteristics_ui, compensation_ui};
use super::widgets::{TextField, push_form, sl_vector_ui};
use crate::analysis::ElementAssessment;
use crate::catalog::Catalog;
use crate::command::form::FormAction;
use crate::model::text::visible;
use crate::model::{ElementRef, Project, Zone, ZoneKind};
use crate::ui::Intent;
use crate::ui::risk::{Owner, element_risk_ui, proposal_ui};
use crate::ui::view::Intents;

pub(crate) fn zone_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    z: &Zone,
    ea: Option<&ElementAssessment>,
) {
    let key = |f: &str| format!("zone.{}.{f}", z.id.0);
    ui.heading(format!("Zone {}", visible(&z.name)));
    let name_field = TextField::labelled("Name", &z.name).show_ui(ui, out);
    crate::ui::visible::name_notes_ui(ui, &z.name);
    if let Some(v) = name_field {
        replace(
            out,
            z,
            format!("Rename zone {}", z.name),
            Some(key("name")),
            |n| n.name = v,
        );
    }
    ui.label(egui::RichText::new("Kind").small().weak());
    let mut kind = z.kind;
    egui::ComboBox::from_id_salt("zone-kind")
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for k in ZoneKind::ALL {
                ui.selectable_value(&mut kind, k, k.label());
            }
        });
    if kind != z.kind {
        replace(
            out,
            z,
            format!("Change kind of zone {}", z.name),
            None,
            |n| n.kind = kind,
        );
    }
    TextField::labelled("Description", &z.description)
        .multiline(true)
        .edit_ui(ui, out, key("description"), |v| {
            let mut n = z.clone();
            n.description = v;
            (
                format!("Edit zone {} description", z.name),
                FormAction::Zone(n),
            )
        });
    ui.separator();
    ui.label(egui::RichText::new("Target security level (SL-T)").strong());
    let mut has = z.sl_t.is_some();
    if ui
        .checkbox(
            &mut has,
            "SL-T set (from the detailed risk assessment, ZCR 5.6)",
        )
        .changed()
    {
        replace(out, z, format!("Set SL-T of zone {}", z.name), None, |n| {
            n.sl_t = has.then(|| z.kind.default_sl_t())
        });
    }
    if let Some(t) = z.sl_t
        && let Some(v) = sl_vector_ui(ui, &format!("zone{}", z.id.0), t)
    {
        replace(
            out,
            z,
            format!("Set SL-T of zone {} to {v}", z.name),
            None,
            |n| n.sl_t = Some(v),
        );
    }
    proposal_ui(ui, out, Owner::Zone(z), ea);
    if let Some(e) = ea {
        ui.add_space(4.0);
        levels_table_ui(ui, &format!("zone{}", z.id.0), e);
    }
    element_risk_ui(ui, out, project, Owner::Zone(z), ea);
    ui.separator();
    if let Some(c) = compensation_ui(ui, out, &format!("zone{}", z.id.0), &z.compensation) {
        replace(
            out,
            z,
            format!("Edit compensation of zone {}", z.name),
            Some(key("comp")),
            |n| n.compensation = c,
        );
    }
    if let Some(c) = characteristics_ui(ui, out, &z.characteristics) {
        replace(
            out,
            z,
            format!("Edit zone {} characteristics", z.name),
            Some(key("chars")),
            |n| n.characteristics = c,
        );
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Assets ({})", z.assets.len())).strong());
    if z.assets.is_empty() {
        ui.label(
            egui::RichText::new("Drag component types from the palette into the zone.")
                .small()
                .weak(),
        );
    }
    // One row per asset, cut to one line, and only the rows in view are built: a zone of
    // thousands of imported assets (or 3 KB names) stays a few rows of work per frame.
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt(("zone assets", z.id.0))
        .max_height(row_height * 12.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, z.assets.len(), |ui, rows| {
            for a in z.assets.get(rows).unwrap_or_default() {
                let t = catalog
                    .component(&a.component)
                    .map_or("unknown type", |c| c.name.as_str());
                let text = format!(
                    "{} — {t}",
                    crate::ui::risk::shortened(&crate::model::text::visible(&a.name), 80)
                );
                if ui
                    .add(egui::Button::selectable(false, text).truncate())
                    .on_hover_text(crate::ui::risk::shortened(&a.name, 400))
                    .clicked()
                {
                    out.push(Intent::Select(vec![ElementRef::Asset(a.id)]));
                }
            }
        });
    let conduits: Vec<_> = project
        .conduits
        .iter()
        .filter(|c| c.from == z.id || c.to == z.id)
        .collect();
    if !conduits.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new(format!("Conduits ({})", conduits.len())).strong());
        for c in conduits {
            if ui.selectable_label(false, &c.name).clicked() {
                out.push(Intent::Select(vec![ElementRef::Conduit(c.id)]));
            }
        }
    }
}

/// Pushes the edit replacing `z` by a copy `f` changes; the zone is copied only then, when a
/// field changed.
fn replace(
    out: &mut Intents,
    z: &Zone,
    label: String,
    key: Option<String>,
    f: impl FnOnce(&mut Zone),
) {
    let mut n = z.clone();
    f(&mut n);
    push_form(out, label, FormAction::Zone(n), key);
}
