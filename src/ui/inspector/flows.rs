//! The data flows of a conduit in its inspector: per flow the source and destination (the two
//! zones, swap, assets picked from each zone, or a subnet), protocol from the catalog (its
//! transport and ports fill in), transport, ports, enforcing device and justification; add,
//! remove, copy and paste. Every change is a [`FlowAction`] planned in `command::flows`.

use super::widgets::TextField;
use crate::catalog::Catalog;
use crate::command::Action;
use crate::command::flows::{FlowAction, FlowClip};
use crate::model::flow::{parse_ports, ports_text};
use crate::model::network::Cidr;
use crate::model::{Conduit, DataFlow, Endpoint, Project, Transport};
use crate::ui::view::Intents;
use crate::ui::{Intent, theme};

/// Where the copied flows wait for a paste (egui memory, this window only).
fn clip_id() -> egui::Id {
    egui::Id::new("zonewright.flow-clip")
}

fn set(out: &mut Intents, c: &Conduit, index: usize, flow: DataFlow, key: Option<String>) {
    out.push(Intent::Act(Action::Flow(FlowAction::Set {
        conduit: c.id,
        index,
        flow: Box::new(flow),
        merge_key: key,
    })));
}

pub(crate) fn flows_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    c: &Conduit,
) {
    ui.label(egui::RichText::new(format!("Data flows ({})", c.flows.len())).strong());
    ui.label(
        egui::RichText::new("The source opens the connection; ports are the destination's.")
            .small()
            .weak(),
    );
    for (i, f) in c.flows.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.push_id(("flow", c.id.0, i), |ui| {
                flow_ui(ui, out, catalog, project, c, i, f);
            });
        });
    }
    ui.horizontal(|ui| {
        if ui.button("Add data flow").clicked() {
            out.push(Intent::Act(Action::Flow(FlowAction::Add { conduit: c.id })));
        }
        let copyable = c.flows.iter().any(|f| !f.is_blank());
        if ui
            .add_enabled(copyable, egui::Button::new("Copy flows"))
            .on_hover_text("Copy this conduit's data flows, to paste them onto another conduit")
            .clicked()
        {
            let clip = FlowClip::of(c);
            let n = clip.flows.len();
            ui.data_mut(|d| d.insert_temp(clip_id(), clip));
            out.push(Intent::Status(format!(
                "Copied {}",
                crate::count_of(n, "data flow", "data flows")
            )));
        }
        let clip: Option<FlowClip> = ui.data(|d| d.get_temp(clip_id()));
        if let Some(clip) = clip {
            let text = format!(
                "Paste {}",
                crate::count_of(clip.flows.len(), "flow", "flows")
            );
            if ui.button(text).clicked() {
                out.push(Intent::Act(Action::Flow(FlowAction::Paste {
                    conduit: c.id,
                    clip,
                })));
            }
        }
    });
}

fn zone_name(project: &Project, e: &Endpoint) -> String {
    e.zone
        .and_then(|z| project.zone(z))
        .map_or_else(|| "(no zone)".to_owned(), |z| z.name.clone())
}

#[allow(clippy::too_many_arguments)]
fn flow_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    project: &Project,
    c: &Conduit,
    i: usize,
    f: &DataFlow,
) {
    let key = |field: &str| Some(format!("conduit.{}.flow{i}.{field}", c.id.0));
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("F{}", i + 1)).strong());
        end_ui(ui, out, project, c, i, f, true);
        if ui
            .small_button("⇄")
            .on_hover_text("Swap source and destination")
            .clicked()
        {
            let mut n = f.clone();
            std::mem::swap(&mut n.source, &mut n.destination);
            set(out, c, i, n, None);
        }
        ui.label("→");
        end_ui(ui, out, project, c, i, f, false);
        if ui
            .small_button("✖")
            .on_hover_text("Remove this data flow")
            .clicked()
        {
            out.push(Intent::Act(Action::Flow(FlowAction::Remove {
                conduit: c.id,
                index: i,
            })));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let shown = catalog
            .protocol(&f.protocol)
            .map_or_else(|| f.protocol.clone(), |p| p.name.clone());
        egui::ComboBox::from_id_salt("protocol")
            .selected_text(if shown.is_empty() {
                "Protocol…".to_owned()
            } else {
                shown
            })
            .width(120.0)
            .show_ui(ui, |ui| {
                for p in &catalog.protocols {
                    let r = ui
                        .selectable_label(p.id == f.protocol, &p.name)
                        .on_hover_text(format!(
                            "{} {} — {}",
                            p.transport.label(),
                            ports_text(&p.ports),
                            p.description
                        ));
                    if r.clicked() {
                        out.push(Intent::Act(Action::Flow(FlowAction::PickProtocol {
                            conduit: c.id,
                            index: i,
                            protocol: p.id.clone(),
                        })));
                    }
                }
            });
        egui::ComboBox::from_id_salt("transport")
            .selected_text(f.transport.label())
            .width(60.0)
            .show_ui(ui, |ui| {
                for t in Transport::CHOICES {
                    if ui.selectable_label(t == f.transport, t.label()).clicked()
                        && t != f.transport
                    {
                        let mut n = f.clone();
                        n.transport = t;
                        if !t.has_ports() {
                            n.ports.clear();
                        }
                        set(out, c, i, n, None);
                    }
                }
            });
        if f.transport.has_ports()
            && let Some(n) = draft_field_ui(
                ui,
                out,
                "ports",
                &ports_text(&f.ports),
                "all ports",
                90.0,
                |t| {
                    parse_ports(t).map(|ports| {
                        let mut n = f.clone();
                        n.ports = ports;
                        n
                    })
                },
            )
        {
            set(out, c, i, n, key("ports"));
        }
    });
    ui.horizontal_wrapped(|ui| device_ui(ui, out, catalog, c, i, f));
    if let Some(text) = TextField::cell(("justification", c.id.0, i), &f.justification, 260.0)
        .hint("Justification: why the flow is needed")
        .multiline(true)
        .show_ui(ui, out)
    {
        let mut n = f.clone();
        n.justification = text;
        set(out, c, i, n, key("why"));
    }
    if !f.port_text.is_empty() || !f.initiator_text.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                theme::finding_color(crate::analysis::FindingSeverity::Info),
                format!(
                    "Kept from an older file: {}",
                    [("port", &f.port_text), ("initiator", &f.initiator_text)]
                        .iter()
                        .filter(|(_, t)| !t.is_empty())
                        .map(|(k, t)| format!("{k} \"{t}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            if ui
                .small_button("Clear")
                .on_hover_text("The fields above now say it")
                .clicked()
            {
                let mut n = f.clone();
                n.port_text.clear();
                n.initiator_text.clear();
                set(out, c, i, n, None);
            }
        });
    }
}

/// One end: its zone and a menu to pick assets of that zone, or a subnet.
fn end_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    project: &Project,
    c: &Conduit,
    i: usize,
    f: &DataFlow,
    source: bool,
) {
    let e = if source { &f.source } else { &f.destination };
    let zone = e.zone.and_then(|z| project.zone(z));
    let inside = e.zone.is_some_and(|z| z == c.from || z == c.to);
    let what = if e.assets.is_empty() {
        e.subnet.map_or("whole zone".to_owned(), |s| s.to_string())
    } else {
        crate::count_of(e.assets.len(), "asset", "assets")
    };
    let mut label = egui::RichText::new(format!("{} · {what}", zone_name(project, e)));
    if !inside {
        label = label.color(theme::finding_color(
            crate::analysis::FindingSeverity::Error,
        ));
    }
    ui.menu_button(label, |ui| {
        ui.label(
            egui::RichText::new(if source { "Source" } else { "Destination" })
                .small()
                .weak(),
        );
        let Some(z) = zone else {
            ui.label("No zone");
            return;
        };
        for a in &z.assets {
            let mut on = e.assets.contains(&a.id);
            let ips = a.network.ips_text();
            let text = if ips.is_empty() {
                a.name.clone()
            } else {
                format!("{} ({ips})", a.name)
            };
            if ui.checkbox(&mut on, text).changed() {
                let mut n = f.clone();
                let end = if source {
                    &mut n.source
                } else {
                    &mut n.destination
                };
                if on {
                    end.assets.push(a.id);
                } else {
                    end.assets.retain(|x| *x != a.id);
                }
                set(out, c, i, n, None);
            }
        }
        ui.separator();
        let current = e.subnet.map(|s| s.to_string()).unwrap_or_default();
        ui.label(egui::RichText::new("Subnet (used when no asset is ticked)").small());
        if let Some(n) = draft_field_ui(
            ui,
            out,
            if source { "src-subnet" } else { "dst-subnet" },
            &current,
            "10.1.20.0/24",
            120.0,
            |t| {
                let subnet = if t.trim().is_empty() {
                    None
                } else {
                    Some(Cidr::parse(t)?)
                };
                let mut n = f.clone();
                if source {
                    n.source.subnet = subnet;
                } else {
                    n.destination.subnet = subnet;
                }
                Some(n)
            },
        ) {
            set(out, c, i, n, None);
        }
    })
    .response
    .on_hover_text(if source {
        "Source: pick assets of the zone, or a subnet"
    } else {
        "Destination: pick assets of the zone, or a subnet"
    });
}

fn device_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    c: &Conduit,
    i: usize,
    f: &DataFlow,
) {
    let boundary: Vec<_> = c
        .devices
        .iter()
        .filter(|d| catalog.component(&d.component).is_some_and(|t| t.boundary))
        .collect();
    if boundary.is_empty() {
        return;
    }
    let name = f
        .device
        .and_then(|d| c.devices.iter().find(|x| x.id == d))
        .map_or("every boundary device".to_owned(), |d| d.name.clone());
    ui.label(egui::RichText::new("Enforced by").small());
    egui::ComboBox::from_id_salt("device")
        .selected_text(name)
        .width(120.0)
        .show_ui(ui, |ui| {
            let mut choose = |ui: &mut egui::Ui, id, text: &str| {
                if ui.selectable_label(f.device == id, text).clicked() && f.device != id {
                    let mut n = f.clone();
                    n.device = id;
                    set(out, c, i, n, None);
                }
            };
            choose(ui, None, "every boundary device");
            for d in boundary {
                choose(ui, Some(d.id), &d.name);
            }
        });
}

/// A text field whose text is applied only once it reads as a value (`parse`); until then the
/// draft stays in the field, marked, and the document keeps its value.
fn draft_field_ui<T>(
    ui: &mut egui::Ui,
    out: &mut Intents,
    id: &str,
    current: &str,
    hint: &str,
    width: f32,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    let id = ui.id().with(id);
    let draft: Option<(String, bool)> = ui.data(|d| d.get_temp(id));
    let bad = draft.as_ref().is_some_and(|d| d.1);
    let mut text = draft.map_or_else(|| current.to_owned(), |d| d.0);
    let mut edit = egui::TextEdit::singleline(&mut text)
        .hint_text(hint)
        .desired_width(width);
    if bad {
        edit = edit.text_color(theme::finding_color(
            crate::analysis::FindingSeverity::Error,
        ));
    }
    let r = ui.add(edit);
    if r.lost_focus() {
        ui.data_mut(|d| d.remove::<(String, bool)>(id));
        out.push(Intent::SealEdit);
        return None;
    }
    if !r.changed() {
        return None;
    }
    let v = parse(&text);
    let bad = v.is_none();
    ui.data_mut(|d| d.insert_temp(id, (text, bad)));
    v
}
