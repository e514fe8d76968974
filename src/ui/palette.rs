//! The palette: zone kinds and component types to drag onto the canvas, and the conduit tool.

use super::{DesignerApp, theme};
use crate::model::{ZoneId, ZoneKind};

/// What is being dragged from the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PalettePayload {
    Zone(ZoneKind),
    /// A component type id from the catalog.
    Component(String),
}

/// The active canvas tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tool {
    #[default]
    Select,
    /// Click zone A, then zone B.
    Conduit { first: Option<ZoneId> },
}

#[derive(Debug, Default)]
pub struct PaletteState {
    pub tool: Tool,
    pub filter: String,
}

impl PaletteState {
    /// Leaves the conduit tool; returns whether it was active.
    pub(crate) fn cancel_tool(&mut self) -> bool {
        let was = self.tool != Tool::Select;
        self.tool = Tool::Select;
        was
    }
}

/// One draggable palette entry: its badge and name, or in the icon strip (`compact`) the
/// badge alone, the name in its hover text.
#[allow(clippy::too_many_arguments)]
fn drag_item_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    payload: PalettePayload,
    badge: &str,
    badge_color: egui::Color32,
    text: &str,
    hover: &str,
    compact: bool,
) {
    let r = ui
        .dnd_drag_source(id, payload, |ui| {
            ui.horizontal(|ui| {
                let badge = egui::RichText::new(format!(" {badge} "))
                    .monospace()
                    .color(egui::Color32::WHITE)
                    .background_color(badge_color);
                ui.label(if compact { badge } else { badge.small() });
                if !compact {
                    ui.label(text);
                }
            });
        })
        .response;
    if compact {
        r.on_hover_text(format!("{text}\n{hover}"));
    } else {
        r.on_hover_text(hover);
    }
}

/// A zone kind to drag onto the canvas.
fn zone_kind_item_ui(ui: &mut egui::Ui, kind: ZoneKind, compact: bool) {
    drag_item_ui(
        ui,
        egui::Id::new(("palette-zone", kind)),
        PalettePayload::Zone(kind),
        "Z",
        theme::kind_color(kind),
        kind.label(),
        "Drag onto the canvas to add a zone of this kind",
        compact,
    );
}

/// The left panel as a strip of icons (narrow windows: the canvas keeps the width): the
/// conduit tool, then every zone kind and component type as its badge, each dragged as in the
/// full palette; names in the hover texts.
pub(crate) fn palette_strip_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    let conduit_active = matches!(app.palette.tool, Tool::Conduit { .. });
    if ui
        .add(egui::Button::selectable(conduit_active, " ⇄ "))
        .on_hover_text("Conduit tool: click zone A, then zone B. Esc leaves the tool.")
        .clicked()
    {
        app.palette.tool = if conduit_active {
            Tool::Select
        } else {
            Tool::Conduit { first: None }
        };
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for kind in ZoneKind::ALL {
                zone_kind_item_ui(ui, kind, true);
            }
            ui.separator();
            for c in &app.catalog.components {
                drag_item_ui(
                    ui,
                    egui::Id::new(("palette-component", &c.id)),
                    PalettePayload::Component(c.id.clone()),
                    &c.icon,
                    egui::Color32::from_rgb(0x45, 0x5a, 0x64),
                    &c.name,
                    "Drag into a zone to add it.",
                    true,
                );
            }
        });
}

/// The left panel.
pub(crate) fn palette_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Tools").strong());
    let conduit_active = matches!(app.palette.tool, Tool::Conduit { .. });
    let label = match app.palette.tool {
        Tool::Conduit { first: Some(_) } => "Conduit tool: click the second zone",
        Tool::Conduit { first: None } => "Conduit tool: click the first zone",
        Tool::Select => "Conduit tool",
    };
    if ui.add(egui::Button::selectable(conduit_active, label)).on_hover_text("Click zone A, then zone B, to join them with a conduit. Esc leaves the tool. You can also drag from a zone's ● handle to another zone.").clicked() {
        app.palette.tool = if conduit_active { Tool::Select } else { Tool::Conduit { first: None } };
    }
    ui.separator();
    ui.add(egui::TextEdit::singleline(&mut app.palette.filter).hint_text("Filter…"));
    let filter = app.palette.filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::CollapsingHeader::new(egui::RichText::new("Zones").strong())
                .default_open(true)
                .show(ui, |ui| {
                    for kind in ZoneKind::ALL {
                        if !filter.is_empty() && !kind.label().to_lowercase().contains(&filter) {
                            continue;
                        }
                        zone_kind_item_ui(ui, kind, false);
                    }
                });
            let catalog = app.catalog;
            for group in catalog.component_groups() {
                let items: Vec<_> = catalog
                    .components
                    .iter()
                    .filter(|c| c.group == group)
                    .filter(|c| {
                        filter.is_empty()
                            || c.name.to_lowercase().contains(&filter)
                            || c.id.contains(&filter)
                    })
                    .collect();
                if items.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(egui::RichText::new(group).strong())
                    .id_salt(("palette-group", group))
                    .default_open(true)
                    .show(ui, |ui| {
                        for c in items {
                            let hover = format!(
                                "{}\n{} · typical SL-C {}{}\nDrag into a zone to add it.",
                                c.description,
                                c.class.label(),
                                c.sl_c,
                                if c.boundary {
                                    " · boundary device"
                                } else {
                                    ""
                                }
                            );
                            drag_item_ui(
                                ui,
                                egui::Id::new(("palette-component", &c.id)),
                                PalettePayload::Component(c.id.clone()),
                                &c.icon,
                                egui::Color32::from_rgb(0x45, 0x5a, 0x64),
                                &c.name,
                                &hover,
                                false,
                            );
                        }
                    });
            }
        });
}
