//! The asset form: where it sits, its identity (name, tag, type, criticality, vendor, model,
//! firmware, notes) and its capability (SL-C, typical or from a vendor certificate).

use super::sections::component_combo_ui;
use super::widgets::{Field, TextField, field, push_form, sl_vector_ui};
use crate::catalog::Catalog;
use crate::command::form::FormAction;
use crate::model::text::visible;
use crate::model::{Asset, AssetParent, Criticality, ElementRef, Project, SlOverride, SlVector};
use crate::ui::view::Intents;

const IDENTITY: [Field<Asset>; 7] = [
    field!(Asset, "Name", name),
    field!(Asset, "Tag", tag),
    field!(Asset, "Serial number", serial_number),
    field!(Asset, "Vendor", vendor),
    field!(Asset, "Model", model),
    field!(Asset, "Firmware / version", firmware),
    field!(Asset, "Notes", notes, multiline),
];

pub(crate) fn asset_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    a: &Asset,
    parent: AssetParent,
) {
    ui.heading(format!("Asset {}", visible(&a.name)));
    let place = match parent {
        AssetParent::Zone(z) => {
            format!("in zone {}", project.element_name(ElementRef::Zone(z)))
        }
        AssetParent::Conduit(c) => format!(
            "device on conduit {}",
            project.element_name(ElementRef::Conduit(c))
        ),
    };
    ui.label(egui::RichText::new(place).small().weak());
    identity_ui(ui, out, catalog, a);
    super::super::asset_network::asset_network_ui(ui, out, a);
    capability_ui(ui, out, catalog, a);
}

/// Pushes the edit replacing `a` by a copy `f` changes (copied only then).
pub(super) fn replace(
    out: &mut Intents,
    a: &Asset,
    label: String,
    key: Option<String>,
    f: impl FnOnce(&mut Asset),
) {
    let mut n = a.clone();
    f(&mut n);
    push_form(out, label, FormAction::Asset(n), key);
}

fn identity_ui(ui: &mut egui::Ui, out: &mut Intents, catalog: &Catalog, a: &Asset) {
    for (i, f) in IDENTITY.iter().enumerate() {
        if let Some(n) = f.show_ui(ui, out, a) {
            push_form(
                out,
                format!("Edit asset {} {}", a.name, f.label.to_lowercase()),
                FormAction::Asset(n),
                Some(format!("asset.{}.{i}", a.id.0)),
            );
        }
        if i > 0 {
            continue;
        }
        // under the name: its notes, the type and the criticality
        crate::ui::visible::name_notes_ui(ui, &a.name);
        ui.label(egui::RichText::new("Component type").small().weak());
        if let Some(c) = component_combo_ui(ui, "asset-type", catalog, &a.component) {
            replace(
                out,
                a,
                format!("Change type of asset {}", a.name),
                None,
                |n| n.component = c,
            );
        }
        ui.label(egui::RichText::new("Criticality").small().weak());
        let mut crit = a.criticality;
        egui::ComboBox::from_id_salt("asset-crit")
            .selected_text(crit.label())
            .show_ui(ui, |ui| {
                for c in Criticality::ALL {
                    ui.selectable_value(&mut crit, c, c.label());
                }
            });
        if crit != a.criticality {
            replace(
                out,
                a,
                format!("Change criticality of asset {}", a.name),
                None,
                |n| n.criticality = crit,
            );
        }
    }
}

fn capability_ui(ui: &mut egui::Ui, out: &mut Intents, catalog: &Catalog, a: &Asset) {
    ui.separator();
    ui.label(egui::RichText::new("Capability (SL-C)").strong());
    if let Some(t) = catalog.component(&a.component) {
        ui.label(format!(
            "Typical for {}: {} ({})",
            t.name,
            t.sl_c,
            t.class.label()
        ));
    }
    let mut over = a.sl_c_override.is_some();
    if ui
        .checkbox(
            &mut over,
            "Use the vendor's IEC 62443-4-2 certificate value",
        )
        .changed()
    {
        replace(
            out,
            a,
            format!("Override SL-C of asset {}", a.name),
            None,
            |n| {
                n.sl_c_override = over.then(|| SlOverride {
                    sl: catalog
                        .component(&a.component)
                        .map_or(SlVector::uniform(1), |t| t.sl_c),
                    source: String::new(),
                })
            },
        );
    }
    let Some(o) = &a.sl_c_override else { return };
    if let Some(v) = sl_vector_ui(ui, &format!("asset{}", a.id.0), o.sl) {
        replace(
            out,
            a,
            format!("Set SL-C of asset {} to {v}", a.name),
            None,
            |n| {
                n.sl_c_override = Some(SlOverride {
                    sl: v,
                    source: o.source.clone(),
                })
            },
        );
    }
    if let Some(s) =
        TextField::labelled("Source (certificate number, test report)", &o.source).show_ui(ui, out)
    {
        replace(
            out,
            a,
            format!("Edit SL-C source of asset {}", a.name),
            Some(format!("asset.{}.src", a.id.0)),
            |n| {
                n.sl_c_override = Some(SlOverride {
                    sl: o.sl,
                    source: s,
                })
            },
        );
    }
}
