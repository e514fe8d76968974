//! The form of a selection of several elements: how many, duplicate and delete, and the fields
//! they share — SL-T, kind and accountable organisation of several zones; component type,
//! vendor, criticality and zone of several assets. A field whose values differ shows
//! "— mixed —"; every change is one undo step for all of them (planned in `command::bulk`).

use super::widgets::TextField;
use crate::catalog::Catalog;
use crate::command::Action;
use crate::command::bulk::{AssetChange, BulkAction, ZoneChange};
use crate::model::text::visible;
use crate::model::{
    Asset, AssetId, AssetParent, Criticality, ElementRef, Fr, MAX_SL, Project, SlVector, Zone,
    ZoneId, ZoneKind,
};
use crate::ui::Intent;
use crate::ui::view::Intents;
use std::collections::BTreeSet;

/// What a field shows when the selected elements differ in it.
pub const MIXED: &str = "— mixed —";

/// The one value every item has, or `None` when they differ (or there are none).
fn common<T: PartialEq + Clone>(mut values: impl Iterator<Item = T>) -> Option<T> {
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

pub(crate) fn multi_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    selection: &BTreeSet<ElementRef>,
) {
    let count = selection.len();
    let zones: Vec<&Zone> = selection
        .iter()
        .filter_map(|e| match e {
            ElementRef::Zone(id) => project.zone(*id),
            _ => None,
        })
        .collect();
    let assets: Vec<&Asset> = selection
        .iter()
        .filter_map(|e| match e {
            ElementRef::Asset(id) => project.asset(*id).map(|(a, _)| a),
            _ => None,
        })
        .collect();
    ui.heading(format!(
        "{} selected",
        crate::count_of(count, "item", "items")
    ));
    ui.horizontal(|ui| {
        if ui.button("Duplicate").clicked() {
            out.push(Intent::Act(Action::DuplicateSelection));
        }
        if ui.button("Delete").clicked() {
            out.push(Intent::Act(Action::DeleteSelection));
        }
    });
    ui.label("Drag a selected zone to move them all; arrow keys nudge.");
    if zones.len() >= 2 {
        ui.separator();
        zones_ui(ui, out, &zones);
    }
    if assets.len() >= 2 {
        ui.separator();
        assets_ui(ui, out, catalog, project, &assets);
    }
}

fn zones_ui(ui: &mut egui::Ui, out: &mut Intents, zones: &[&Zone]) {
    let ids: Vec<ZoneId> = zones.iter().map(|z| z.id).collect();
    let push = |out: &mut Intents, change: ZoneChange| {
        out.push(Intent::Act(Action::Bulk(BulkAction::Zones {
            ids: ids.clone(),
            change,
        })));
    };
    ui.label(
        egui::RichText::new(format!(
            "All {}",
            crate::count_of(zones.len(), "selected zone", "selected zones")
        ))
        .strong(),
    );
    let kind = common(zones.iter().map(|z| z.kind));
    let targets = common(zones.iter().map(|z| z.sl_t));
    let org = common(
        zones
            .iter()
            .map(|z| z.characteristics.accountable_organisation.as_str()),
    );
    mixed_note_ui(
        ui,
        &[
            ("kind", kind.is_none()),
            ("SL-T", targets.is_none()),
            ("accountable organisation", org.is_none()),
        ],
    );
    ui.label(egui::RichText::new("Kind").small().weak());
    egui::ComboBox::from_id_salt("multi-zone-kind")
        .selected_text(kind.map_or(MIXED, ZoneKind::label))
        .show_ui(ui, |ui| {
            for k in ZoneKind::ALL {
                if ui.selectable_label(kind == Some(k), k.label()).clicked() && kind != Some(k) {
                    push(out, ZoneChange::Kind(k));
                }
            }
        });
    ui.label(egui::RichText::new("Target security level (SL-T)").strong());
    if targets == Some(None) {
        ui.label("None of them has an SL-T yet.");
    } else if targets.is_none() && zones.iter().any(|z| z.sl_t.is_none()) {
        ui.label(
            egui::RichText::new("Some have no SL-T yet: a level set here gives them one.")
                .small()
                .weak(),
        );
    }
    egui::Grid::new("multi-slt")
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            for fr in Fr::ALL {
                ui.label(egui::RichText::new(fr.code()).small())
                    .on_hover_text(fr.title());
            }
            ui.end_row();
            for fr in Fr::ALL {
                let level = common(zones.iter().map(|z| z.sl_t.map(|t| t.get(fr))));
                let text = match level {
                    Some(Some(l)) => l.to_string(),
                    Some(None) => "–".to_owned(),
                    None => "mixed".to_owned(),
                };
                egui::ComboBox::from_id_salt(("multi-slt", fr.index()))
                    .width(44.0)
                    .selected_text(text)
                    .show_ui(ui, |ui| {
                        for l in 0..=MAX_SL {
                            if ui
                                .selectable_label(level == Some(Some(l)), l.to_string())
                                .clicked()
                                && level != Some(Some(l))
                            {
                                push(out, ZoneChange::SlTFr(fr, l));
                            }
                        }
                    })
                    .response
                    .on_hover_text(match level {
                        None => format!("{}: the zones differ ({MIXED})", fr.code()),
                        _ => format!("{}: {}", fr.code(), fr.title()),
                    });
            }
            ui.end_row();
        });
    ui.horizontal(|ui| {
        if let Some(l) = super::widgets::set_all_buttons_ui(ui, |l| {
            format!("SL {l} in every FR of every selected zone")
        }) {
            push(out, ZoneChange::SlT(Some(SlVector::uniform(l))));
        }
        if targets != Some(None)
            && ui
                .small_button("Clear")
                .on_hover_text("Remove the SL-T of the selected zones")
                .clicked()
        {
            push(out, ZoneChange::SlT(None));
        }
    });
    let key = format!(
        "multi.zones.{}.org",
        ids.iter()
            .map(|i| i.0.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    if let Some(v) = TextField::labelled("Accountable organisation", org.unwrap_or(""))
        .id("multi-zone-org")
        .hint(if org.is_none() { MIXED } else { "" })
        .show_ui(ui, out)
    {
        push_text(
            out,
            BulkAction::Zones {
                ids: ids.clone(),
                change: ZoneChange::Organisation(v),
            },
            key,
        );
    }
}

/// Names the fields whose values differ ("Mixed: kind, SL-T"), nothing when none do.
fn mixed_note_ui(ui: &mut egui::Ui, fields: &[(&str, bool)]) {
    let mixed: Vec<&str> = fields.iter().filter(|f| f.1).map(|f| f.0).collect();
    if !mixed.is_empty() {
        ui.label(
            egui::RichText::new(format!("Mixed: {}", mixed.join(", ")))
                .small()
                .weak(),
        )
        .on_hover_text(format!(
            "These fields read {MIXED}: the selected elements differ"
        ));
    }
}

/// A text change to many elements, merging under the field's key so that typing one word is
/// one undo step.
fn push_text(out: &mut Intents, action: BulkAction, key: String) {
    out.push(Intent::Act(crate::command::Action::Merging {
        action: Box::new(crate::command::Action::Bulk(action)),
        key,
    }));
}

fn assets_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    assets: &[&Asset],
) {
    let ids: Vec<AssetId> = assets.iter().map(|a| a.id).collect();
    let push = |out: &mut Intents, change: AssetChange| {
        out.push(Intent::Act(Action::Bulk(BulkAction::Assets {
            ids: ids.clone(),
            change,
        })));
    };
    ui.label(
        egui::RichText::new(format!(
            "All {}",
            crate::count_of(assets.len(), "selected asset", "selected assets")
        ))
        .strong(),
    );
    let component = common(assets.iter().map(|a| a.component.as_str()));
    let crit = common(assets.iter().map(|a| a.criticality));
    let vendor = common(assets.iter().map(|a| a.vendor.as_str()));
    let zone = common(assets.iter().map(|a| match project.asset(a.id) {
        Some((_, AssetParent::Zone(z))) => Some(z),
        _ => None,
    }))
    .flatten();
    mixed_note_ui(
        ui,
        &[
            ("component type", component.is_none()),
            ("criticality", crit.is_none()),
            ("vendor", vendor.is_none()),
            ("zone", zone.is_none()),
        ],
    );
    ui.label(egui::RichText::new("Component type").small().weak());
    let text = match component {
        Some(c) => catalog
            .component(c)
            .map_or_else(|| format!("{c} (not in catalog)"), |t| t.name.clone()),
        None => MIXED.to_owned(),
    };
    egui::ComboBox::from_id_salt("multi-asset-type")
        .selected_text(text)
        .height(400.0)
        .show_ui(ui, |ui| {
            for group in catalog.component_groups() {
                ui.label(egui::RichText::new(group).small().strong());
                for c in catalog.components.iter().filter(|c| c.group == group) {
                    let on = component == Some(c.id.as_str());
                    if ui.selectable_label(on, &c.name).clicked() && !on {
                        push(out, AssetChange::Component(c.id.clone()));
                    }
                }
            }
        });
    ui.label(egui::RichText::new("Criticality").small().weak());
    egui::ComboBox::from_id_salt("multi-asset-crit")
        .selected_text(crit.map_or(MIXED, Criticality::label))
        .show_ui(ui, |ui| {
            for c in Criticality::ALL {
                if ui.selectable_label(crit == Some(c), c.label()).clicked() && crit != Some(c) {
                    push(out, AssetChange::Criticality(c));
                }
            }
        });
    let key = format!(
        "multi.assets.{}.vendor",
        ids.iter()
            .map(|i| i.0.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    if let Some(v) = TextField::labelled("Vendor", vendor.unwrap_or(""))
        .id("multi-asset-vendor")
        .hint(if vendor.is_none() { MIXED } else { "" })
        .show_ui(ui, out)
    {
        push_text(
            out,
            BulkAction::Assets {
                ids: ids.clone(),
                change: AssetChange::Vendor(v),
            },
            key,
        );
    }
    ui.label(egui::RichText::new("Zone (moves them)").small().weak());
    let zone_text = zone
        .and_then(|z| project.zone(z))
        .map_or_else(|| MIXED.to_owned(), |z| visible(&z.name).into_owned());
    egui::ComboBox::from_id_salt("multi-asset-zone")
        .selected_text(zone_text)
        .show_ui(ui, |ui| {
            for z in &project.zones {
                if ui
                    .selectable_label(zone == Some(z.id), visible(&z.name))
                    .clicked()
                    && zone != Some(z.id)
                {
                    push(out, AssetChange::Zone(z.id));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::common;

    #[test]
    fn common_is_the_shared_value_or_none_when_they_differ() {
        assert_eq!(common([1, 1, 1].into_iter()), Some(1));
        assert_eq!(common([1, 2, 1].into_iter()), None);
        assert_eq!(common(std::iter::empty::<u8>()), None);
    }
}
