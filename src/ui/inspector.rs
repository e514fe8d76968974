//! The inspector: edits every field of the selected zone, asset or conduit, or the project's
//! title block (and, through `risk_matrix`, the risk method and approval) when nothing is
//! selected. Each field edit is one undo step.

use super::{DesignerApp, Intent, theme};
use crate::analysis::{ElementAssessment, GapSeverity};
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::model::text::visible;
use crate::model::{
    Asset, Characteristics, Compensation, Conduit, Criticality, DataFlow, Direction, ElementRef,
    Fr, Meta, Project, Revision, SlOverride, SlVector, Zone, ZoneKind,
};

#[derive(Debug, Default)]
pub struct InspectorState {}

/// Reaches one text field of a `T`.
type Getter<T> = fn(&mut T) -> &mut String;
/// A labelled text field of a `T`, single- or multi-line.
type Field<T> = (&'static str, Getter<T>, bool);
/// A table cell editing a field of a `T`, with its width.
type Cell<T> = (Getter<T>, f32);

/// Collects the intents of one inspector pass.
struct Out {
    intents: Vec<Intent>,
}

impl Out {
    fn edit(&mut self, label: String, edit: Edit, key: Option<String>) {
        self.intents.push(Intent::Edit {
            label,
            edit: Box::new(edit),
            merge_key: key,
        });
    }
}

/// A labelled single- or multi-line text field. Returns the new text when it changed; seals the
/// undo step when the field loses focus.
fn text_field_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
    label: &str,
    value: &str,
    multiline: bool,
) -> Option<String> {
    super::risk::text_ui(ui, &mut out.intents, label, label, value, multiline)
}

fn level_combo_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    level: u8,
) -> Option<u8> {
    let mut v = level;
    egui::ComboBox::from_id_salt(id)
        .width(38.0)
        .selected_text(v.to_string())
        .show_ui(ui, |ui| {
            for l in 0..=4u8 {
                ui.selectable_value(&mut v, l, l.to_string());
            }
        });
    (v != level).then_some(v)
}

/// Seven FR selectors and "set all".
fn sl_vector_ui(ui: &mut egui::Ui, id: &str, v: SlVector) -> Option<SlVector> {
    let mut changed = None;
    egui::Grid::new(("slv", id))
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            for fr in Fr::ALL {
                ui.label(egui::RichText::new(fr.code()).small())
                    .on_hover_text(fr.title());
            }
            ui.end_row();
            for fr in Fr::ALL {
                if let Some(l) = level_combo_ui(ui, (id, fr), v.get(fr)) {
                    let mut n = v;
                    n.set(fr, l);
                    changed = Some(n);
                }
            }
            ui.end_row();
        });
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Set all:").small());
        for l in 0..=4u8 {
            if ui
                .small_button(l.to_string())
                .on_hover_text(format!("SL {l} in every FR"))
                .clicked()
            {
                changed = Some(SlVector::uniform(l));
            }
        }
    });
    changed
}

fn cell_ui(ui: &mut egui::Ui, text: String, sev: Option<GapSeverity>, hover: String) {
    let (fill, fg) = match sev {
        Some(s) => (theme::gap_color(s), theme::gap_text_color(s)),
        None => (ui.visuals().faint_bg_color, ui.visuals().text_color()),
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(3)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).color(fg).monospace());
        })
        .response
        .on_hover_text(hover);
}

fn lvl(l: Option<u8>) -> String {
    l.map_or_else(|| "–".to_owned(), |l| l.to_string())
}

/// SL-T, SL-C and SL-A per FR side by side, each cell coloured by its gap.
pub fn levels_table_ui(ui: &mut egui::Ui, id: &str, e: &ElementAssessment) {
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
                let sev = GapSeverity::from_gap(e.capability_gap[i]);
                cell_ui(
                    ui,
                    lvl(e.sl_c[i]),
                    Some(sev),
                    format!("{}: capability gap {}", fr.code(), sev.label()),
                );
            }
            ui.end_row();
            ui.label("SL-A");
            for (i, fr) in Fr::ALL.iter().enumerate() {
                let sev = GapSeverity::from_gap(e.achievement_gap[i]);
                cell_ui(
                    ui,
                    lvl(e.sl_a[i]),
                    Some(sev),
                    format!("{}: achievement gap {}", fr.code(), sev.label()),
                );
            }
            ui.end_row();
        });
    ui.label(
        egui::RichText::new(format!(
            "{} applicable requirements, {} open · – = unknown (no assets / nothing assessed)",
            e.applicable.len(),
            e.open_items()
        ))
        .small()
        .weak(),
    );
}

fn characteristics_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
    c: &Characteristics,
) -> Option<Characteristics> {
    let mut next = c.clone();
    let mut changed = false;
    egui::CollapsingHeader::new("Characteristics (ZCR 6.4)")
        .default_open(false)
        .show(ui, |ui| {
            for (label, value) in next.fields_mut() {
                if let Some(v) = text_field_ui(ui, out, label, value, true) {
                    *value = v;
                    changed = true;
                }
            }
        });
    changed.then_some(next)
}

fn compensation_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
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
        if let Some(t) = text_field_ui(
            ui,
            out,
            "Justification (required for the compensation to count)",
            &c.justification,
            true,
        ) {
            result = Some(Some(Compensation {
                sl: c.sl,
                justification: t,
            }));
        }
    }
    result
}

fn findings_list_ui(ui: &mut egui::Ui, app_findings: &[&crate::analysis::Finding]) {
    if app_findings.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Findings ({})", app_findings.len())).strong());
    for f in app_findings {
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

/// The right panel.
pub fn inspector_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let Some(doc) = app.doc.as_ref() else { return };
    let mut out = Out {
        intents: Vec::new(),
    };
    let catalog = app.catalog;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            let project = &doc.project;
            match app.selection.len() {
                0 => {
                    project_ui(ui, &mut out, &project.meta);
                    let a = &doc.assessment;
                    super::risk_matrix::project_risk_ui(ui, &mut out.intents, project, a);
                }
                1 => match app.selection.iter().next().copied() {
                    Some(ElementRef::Zone(id)) => {
                        if let (Some(z), Some(i)) = (project.zone(id), project.zone_index(id)) {
                            zone_ui(
                                ui,
                                &mut out,
                                catalog,
                                project,
                                z,
                                doc.assessment.zones.get(i),
                            );
                            let fs: Vec<_> =
                                doc.assessment.findings_for(ElementRef::Zone(id)).collect();
                            findings_list_ui(ui, &fs);
                        }
                    }
                    Some(ElementRef::Conduit(id)) => {
                        if let (Some(c), Some(i)) = (project.conduit(id), project.conduit_index(id))
                        {
                            conduit_ui(
                                ui,
                                &mut out,
                                catalog,
                                project,
                                c,
                                doc.assessment.conduits.get(i),
                            );
                            let fs: Vec<_> = doc
                                .assessment
                                .findings_for(ElementRef::Conduit(id))
                                .collect();
                            findings_list_ui(ui, &fs);
                        }
                    }
                    Some(ElementRef::Asset(id)) => {
                        if let Some((a, parent)) = project.asset(id) {
                            asset_ui(ui, &mut out, catalog, project, a, parent);
                            let fs: Vec<_> =
                                doc.assessment.findings_for(ElementRef::Asset(id)).collect();
                            findings_list_ui(ui, &fs);
                        }
                    }
                    _ => {}
                },
                n => {
                    ui.heading(format!("{n} items selected"));
                    ui.horizontal(|ui| {
                        if ui.button("Duplicate").clicked() {
                            out.intents.push(Intent::DuplicateSelection);
                        }
                        if ui.button("Delete").clicked() {
                            out.intents.push(Intent::DeleteSelection);
                        }
                    });
                    ui.label("Drag a selected zone to move them all; arrow keys nudge.");
                }
            }
        });
    for i in out.intents {
        app.emit(i);
    }
}

fn project_ui(ui: &mut egui::Ui, out: &mut Out, meta: &Meta) {
    ui.heading("Project");
    ui.label(
        egui::RichText::new(
            "Title block for the PDF and the file. Select an element on the canvas to edit it.",
        )
        .small()
        .weak(),
    );
    let fields: [Field<Meta>; 8] = [
        ("Title", |m| &mut m.title, false),
        ("Plant / site", |m| &mut m.site, false),
        ("Organisation", |m| &mut m.organisation, false),
        ("Author", |m| &mut m.author, false),
        ("Document number", |m| &mut m.document_number, false),
        ("Revision", |m| &mut m.revision, false),
        ("Date", |m| &mut m.date, false),
        ("Description (SUC, ZCR 6.2)", |m| &mut m.description, true),
    ];
    for (label, get, multi) in fields {
        let mut m = meta.clone();
        let current = get(&mut m).clone();
        if let Some(v) = text_field_ui(ui, out, label, &current, multi) {
            *get(&mut m) = v;
            out.edit(
                format!("Edit project {}", label.to_lowercase()),
                Edit::SetMeta(m),
                Some(format!("meta.{label}")),
            );
        }
    }
    ui.separator();
    ui.label(egui::RichText::new("Revision history").strong());
    // revision and date narrow, author medium, the change takes the rest of the panel
    let spacing = ui.spacing().item_spacing.x;
    // what the row takes besides the fields (the remove button, gaps) is allowed for with room
    // to spare: a row wider than the panel would widen the panel, and the fields with it
    let spare = (ui.available_width() - 36.0 - 82.0 - 40.0 - 6.0 * spacing).max(120.0);
    let author_w = (spare * 0.4).clamp(60.0, 160.0);
    let change_w = spare - author_w;
    egui::Grid::new("revisions").striped(true).show(ui, |ui| {
        for h in ["Rev.", "Date", "Author", "Change", ""] {
            ui.label(egui::RichText::new(h).small().strong());
        }
        ui.end_row();
        for (i, r) in meta.revisions.iter().enumerate() {
            let cells: [Cell<Revision>; 4] = [
                (|r| &mut r.revision, 36.0),
                (|r| &mut r.date, 82.0),
                (|r| &mut r.author, author_w),
                (|r| &mut r.change, change_w),
            ];
            for (k, (get, w)) in cells.into_iter().enumerate() {
                let mut row = r.clone();
                let mut text = get(&mut row).clone();
                // a grid cell offers only last frame's column width: the field takes its own
                let resp = ui.add_sized(
                    [w, ui.spacing().interact_size.y],
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(w)
                        .id_salt(("rev", i, k)),
                );
                if resp.lost_focus() {
                    out.intents.push(Intent::SealEdit);
                }
                if resp.changed() {
                    *get(&mut row) = text;
                    let mut m = meta.clone();
                    m.revisions[i] = row;
                    out.edit(
                        "Edit revision history".into(),
                        Edit::SetMeta(m),
                        Some(format!("rev.{i}.{k}")),
                    );
                }
            }
            if ui
                .small_button("✖")
                .on_hover_text("Remove this revision")
                .clicked()
            {
                let mut m = meta.clone();
                m.revisions.remove(i);
                out.edit("Remove revision".into(), Edit::SetMeta(m), None);
            }
            ui.end_row();
        }
    });
    if ui.button("Add revision").clicked() {
        let mut m = meta.clone();
        m.revisions.push(Revision {
            revision: m.revision.clone(),
            date: m.date.clone(),
            author: m.author.clone(),
            change: String::new(),
        });
        out.edit("Add revision".into(), Edit::SetMeta(m), None);
    }
    ui.separator();
    egui::CollapsingHeader::new("Cybersecurity requirements specification (ZCR 6.5–6.9)").show(
        ui,
        |ui| {
            let fields: [(&str, Getter<Meta>); 5] = [
                ("Operating environment assumptions", |m| {
                    &mut m.operating_environment
                }),
                ("Threat environment", |m| &mut m.threat_environment),
                ("Organisational security policies", |m| {
                    &mut m.security_policies
                }),
                ("Tolerable risk", |m| &mut m.tolerable_risk),
                ("Regulatory requirements", |m| {
                    &mut m.regulatory_requirements
                }),
            ];
            for (label, get) in fields {
                let mut m = meta.clone();
                let current = get(&mut m).clone();
                if let Some(v) = text_field_ui(ui, out, label, &current, true) {
                    *get(&mut m) = v;
                    out.edit(
                        format!("Edit {}", label.to_lowercase()),
                        Edit::SetMeta(m),
                        Some(format!("meta.{label}")),
                    );
                }
            }
        },
    );
}

fn zone_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
    catalog: &Catalog,
    project: &Project,
    z: &Zone,
    ea: Option<&ElementAssessment>,
) {
    let key = |f: &str| Some(format!("zone.{}.{f}", z.id.0));
    let replace = |out: &mut Out, what: &str, f: &str, next: Zone| {
        out.edit(
            format!("Edit zone {} {what}", z.name),
            Edit::ReplaceZone(next),
            key(f),
        );
    };
    ui.heading(format!("Zone {}", visible(&z.name)));
    let name_field = text_field_ui(ui, out, "Name", &z.name, false);
    super::visible::name_notes_ui(ui, &z.name);
    if let Some(v) = name_field {
        let mut n = z.clone();
        n.name = v;
        out.edit(
            format!("Rename zone {}", z.name),
            Edit::ReplaceZone(n),
            key("name"),
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
        let mut n = z.clone();
        n.kind = kind;
        out.edit(
            format!("Change kind of zone {}", z.name),
            Edit::ReplaceZone(n),
            None,
        );
    }
    if let Some(v) = text_field_ui(ui, out, "Description", &z.description, true) {
        let mut n = z.clone();
        n.description = v;
        replace(out, "description", "description", n);
    }
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
        let mut n = z.clone();
        n.sl_t = has.then(|| z.kind.default_sl_t());
        out.edit(
            format!("Set SL-T of zone {}", z.name),
            Edit::ReplaceZone(n),
            None,
        );
    }
    if let Some(t) = z.sl_t
        && let Some(v) = sl_vector_ui(ui, &format!("zone{}", z.id.0), t)
    {
        let mut n = z.clone();
        n.sl_t = Some(v);
        out.edit(
            format!("Set SL-T of zone {} to {v}", z.name),
            Edit::ReplaceZone(n),
            None,
        );
    }
    super::risk::proposal_ui(ui, &mut out.intents, super::risk::Owner::Zone(z), ea);
    if let Some(e) = ea {
        ui.add_space(4.0);
        levels_table_ui(ui, &format!("zone{}", z.id.0), e);
    }
    let owner = super::risk::Owner::Zone(z);
    super::risk::element_risk_ui(ui, &mut out.intents, project, owner, ea);
    ui.separator();
    if let Some(c) = compensation_ui(ui, out, &format!("zone{}", z.id.0), &z.compensation) {
        let mut n = z.clone();
        n.compensation = c;
        out.edit(
            format!("Edit compensation of zone {}", z.name),
            Edit::ReplaceZone(n),
            key("comp"),
        );
    }
    if let Some(c) = characteristics_ui(ui, out, &z.characteristics) {
        let mut n = z.clone();
        n.characteristics = c;
        replace(out, "characteristics", "chars", n);
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
    for a in &z.assets {
        let t = catalog
            .component(&a.component)
            .map_or("unknown type", |c| c.name.as_str());
        if ui
            .selectable_label(false, format!("{} — {t}", a.name))
            .clicked()
        {
            out.intents
                .push(Intent::Select(vec![ElementRef::Asset(a.id)]));
        }
    }
    let conduits: Vec<&Conduit> = project
        .conduits
        .iter()
        .filter(|c| c.from == z.id || c.to == z.id)
        .collect();
    if !conduits.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new(format!("Conduits ({})", conduits.len())).strong());
        for c in conduits {
            if ui.selectable_label(false, &c.name).clicked() {
                out.intents
                    .push(Intent::Select(vec![ElementRef::Conduit(c.id)]));
            }
        }
    }
}

fn component_combo_ui(
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

fn asset_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
    catalog: &Catalog,
    project: &Project,
    a: &Asset,
    parent: crate::model::AssetParent,
) {
    let key = |f: &str| Some(format!("asset.{}.{f}", a.id.0));
    ui.heading(format!("Asset {}", visible(&a.name)));
    let place = match parent {
        crate::model::AssetParent::Zone(z) => {
            format!("in zone {}", project.element_name(ElementRef::Zone(z)))
        }
        crate::model::AssetParent::Conduit(c) => format!(
            "device on conduit {}",
            project.element_name(ElementRef::Conduit(c))
        ),
    };
    ui.label(egui::RichText::new(place).small().weak());
    let fields: [Field<Asset>; 7] = [
        ("Name", |a| &mut a.name, false),
        ("Tag", |a| &mut a.tag, false),
        ("Serial number", |a| &mut a.serial_number, false),
        ("Vendor", |a| &mut a.vendor, false),
        ("Model", |a| &mut a.model, false),
        ("Firmware / version", |a| &mut a.firmware, false),
        ("Notes", |a| &mut a.notes, true),
    ];
    for (i, (label, get, multi)) in fields.into_iter().enumerate() {
        let mut n = a.clone();
        let current = get(&mut n).clone();
        if let Some(v) = text_field_ui(ui, out, label, &current, multi) {
            *get(&mut n) = v;
            out.edit(
                format!("Edit asset {} {}", a.name, label.to_lowercase()),
                Edit::ReplaceAsset(n),
                key(&i.to_string()),
            );
        }
        if i == 0 {
            super::visible::name_notes_ui(ui, &a.name);
            ui.label(egui::RichText::new("Component type").small().weak());
            if let Some(c) = component_combo_ui(ui, "asset-type", catalog, &a.component) {
                let mut n = a.clone();
                n.component = c;
                out.edit(
                    format!("Change type of asset {}", a.name),
                    Edit::ReplaceAsset(n),
                    None,
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
                let mut n = a.clone();
                n.criticality = crit;
                out.edit(
                    format!("Change criticality of asset {}", a.name),
                    Edit::ReplaceAsset(n),
                    None,
                );
            }
        }
    }
    super::asset_network::asset_network_ui(ui, &mut out.intents, a);
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
        let mut n = a.clone();
        n.sl_c_override = over.then(|| SlOverride {
            sl: catalog
                .component(&a.component)
                .map_or(SlVector::uniform(1), |t| t.sl_c),
            source: String::new(),
        });
        out.edit(
            format!("Override SL-C of asset {}", a.name),
            Edit::ReplaceAsset(n),
            None,
        );
    }
    if let Some(o) = &a.sl_c_override {
        if let Some(v) = sl_vector_ui(ui, &format!("asset{}", a.id.0), o.sl) {
            let mut n = a.clone();
            n.sl_c_override = Some(SlOverride {
                sl: v,
                source: o.source.clone(),
            });
            out.edit(
                format!("Set SL-C of asset {} to {v}", a.name),
                Edit::ReplaceAsset(n),
                None,
            );
        }
        if let Some(s) = text_field_ui(
            ui,
            out,
            "Source (certificate number, test report)",
            &o.source,
            false,
        ) {
            let mut n = a.clone();
            n.sl_c_override = Some(SlOverride {
                sl: o.sl,
                source: s,
            });
            out.edit(
                format!("Edit SL-C source of asset {}", a.name),
                Edit::ReplaceAsset(n),
                key("src"),
            );
        }
    }
}

fn conduit_ui(
    ui: &mut egui::Ui,
    out: &mut Out,
    catalog: &Catalog,
    project: &Project,
    c: &Conduit,
    ea: Option<&ElementAssessment>,
) {
    let key = |f: &str| Some(format!("conduit.{}.{f}", c.id.0));
    let zone_name = |id| project.element_name(ElementRef::Zone(id));
    ui.heading(format!("Conduit {}", visible(&c.name)));
    let name_field = text_field_ui(ui, out, "Name", &c.name, false);
    super::visible::name_notes_ui(ui, &c.name);
    if let Some(v) = name_field {
        let mut n = c.clone();
        n.name = v;
        out.edit(
            format!("Rename conduit {}", c.name),
            Edit::ReplaceConduit(n),
            key("name"),
        );
    }
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
            if v != current {
                let mut n = c.clone();
                if end == "from" {
                    n.from = v
                } else {
                    n.to = v
                }
                if n.from != n.to {
                    out.edit(
                        format!("Reconnect conduit {}", c.name),
                        Edit::ReplaceConduit(n),
                        None,
                    );
                }
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
            let mut n = c.clone();
            n.direction = d;
            out.edit(
                format!("Change direction of conduit {}", c.name),
                Edit::ReplaceConduit(n),
                None,
            );
        }
        if ui
            .small_button("⇄ Swap")
            .on_hover_text("Swap the two ends (reverses a one-way conduit)")
            .clicked()
        {
            let mut n = c.clone();
            std::mem::swap(&mut n.from, &mut n.to);
            out.edit(
                format!("Swap ends of conduit {}", c.name),
                Edit::ReplaceConduit(n),
                None,
            );
        }
    });
    let fields: [Field<Conduit>; 4] = [
        ("Owner", |c| &mut c.owner, false),
        ("Purpose", |c| &mut c.purpose, true),
        ("Test method", |c| &mut c.test_method, true),
        ("Description", |c| &mut c.description, true),
    ];
    for (label, get, multi) in fields {
        let mut n = c.clone();
        let current = get(&mut n).clone();
        if let Some(v) = text_field_ui(ui, out, label, &current, multi) {
            *get(&mut n) = v;
            out.edit(
                format!("Edit conduit {} {}", c.name, label.to_lowercase()),
                Edit::ReplaceConduit(n),
                key(label),
            );
        }
    }
    ui.separator();
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
        let mut n = c.clone();
        n.sl_t_override = over.then(|| default.unwrap_or(SlVector::uniform(2)));
        out.edit(
            format!("Override SL-T of conduit {}", c.name),
            Edit::ReplaceConduit(n),
            None,
        );
    }
    if let Some(t) = c.sl_t_override
        && let Some(v) = sl_vector_ui(ui, &format!("conduit{}", c.id.0), t)
    {
        let mut n = c.clone();
        n.sl_t_override = Some(v);
        out.edit(
            format!("Set SL-T of conduit {} to {v}", c.name),
            Edit::ReplaceConduit(n),
            None,
        );
    }
    super::risk::proposal_ui(ui, &mut out.intents, super::risk::Owner::Conduit(c), ea);
    if let Some(e) = ea {
        levels_table_ui(ui, &format!("conduit{}", c.id.0), e);
    }
    let owner = super::risk::Owner::Conduit(c);
    super::risk::element_risk_ui(ui, &mut out.intents, project, owner, ea);
    ui.separator();
    ui.label(egui::RichText::new("Controls").strong());
    for ctl in &catalog.controls {
        let mut on = c.controls.contains(&ctl.id);
        if ui
            .checkbox(&mut on, &ctl.name)
            .on_hover_text(&ctl.description)
            .changed()
        {
            let mut n = c.clone();
            if on {
                n.controls.push(ctl.id.clone());
            } else {
                n.controls.retain(|x| *x != ctl.id);
            }
            out.edit(
                format!(
                    "{} control {} on conduit {}",
                    if on { "Add" } else { "Remove" },
                    ctl.name,
                    c.name
                ),
                Edit::ReplaceConduit(n),
                None,
            );
        }
    }
    for unknown in c.controls.iter().filter(|id| catalog.control(id).is_none()) {
        ui.colored_label(
            theme::finding_color(crate::analysis::FindingSeverity::Warning),
            format!("{unknown} (not in catalog)"),
        );
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Data flows ({})", c.flows.len())).strong());
    egui::Grid::new("flows").striped(true).show(ui, |ui| {
        for h in ["Protocol", "Port", "Initiator", "Description", ""] {
            ui.label(egui::RichText::new(h).small().strong());
        }
        ui.end_row();
        for (i, f) in c.flows.iter().enumerate() {
            let cells: [Cell<DataFlow>; 4] = [
                (|f| &mut f.protocol, 70.0),
                (|f| &mut f.port, 60.0),
                (|f| &mut f.initiator, 70.0),
                (|f| &mut f.description, 110.0),
            ];
            for (k, (get, w)) in cells.into_iter().enumerate() {
                let mut row = f.clone();
                let mut text = get(&mut row).clone();
                let r = ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(w)
                        .id_salt(("flow", i, k)),
                );
                if r.lost_focus() {
                    out.intents.push(Intent::SealEdit);
                }
                if r.changed() {
                    *get(&mut row) = text;
                    let mut n = c.clone();
                    n.flows[i] = row;
                    out.edit(
                        format!("Edit data flow of conduit {}", c.name),
                        Edit::ReplaceConduit(n),
                        key(&format!("flow{i}.{k}")),
                    );
                }
            }
            if ui
                .small_button("✖")
                .on_hover_text("Remove this data flow")
                .clicked()
            {
                let mut n = c.clone();
                n.flows.remove(i);
                out.edit(
                    format!("Remove data flow from conduit {}", c.name),
                    Edit::ReplaceConduit(n),
                    None,
                );
            }
            ui.end_row();
        }
    });
    if ui.button("Add data flow").clicked() {
        let mut n = c.clone();
        n.flows.push(DataFlow::default());
        out.edit(
            format!("Add data flow to conduit {}", c.name),
            Edit::ReplaceConduit(n),
            None,
        );
    }
    ui.separator();
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
                out.intents
                    .push(Intent::Select(vec![ElementRef::Asset(d.id)]));
            }
        });
    }
    egui::ComboBox::from_id_salt("add-device")
        .selected_text("Add device…")
        .show_ui(ui, |ui| {
            for t in catalog
                .components
                .iter()
                .filter(|t| t.class == crate::catalog::ComponentClass::NetworkDevice || t.boundary)
            {
                if ui.selectable_label(false, &t.name).clicked() {
                    let id = project.next_asset_id();
                    let name = super::unique_name(
                        &t.name,
                        project.all_assets().map(|(a, _)| a.name.as_str()),
                    );
                    out.edit(
                        format!("Add device {name} to conduit {}", c.name),
                        Edit::AddAsset {
                            parent: crate::model::AssetParent::Conduit(c.id),
                            index: usize::MAX,
                            asset: Asset::new(id, name, t.id.clone()),
                        },
                        None,
                    );
                }
            }
        });
    ui.separator();
    if let Some(comp) = compensation_ui(ui, out, &format!("conduit{}", c.id.0), &c.compensation) {
        let mut n = c.clone();
        n.compensation = comp;
        out.edit(
            format!("Edit compensation of conduit {}", c.name),
            Edit::ReplaceConduit(n),
            key("comp"),
        );
    }
    if let Some(ch) = characteristics_ui(ui, out, &c.characteristics) {
        let mut n = c.clone();
        n.characteristics = ch;
        out.edit(
            format!("Edit conduit {} characteristics", c.name),
            Edit::ReplaceConduit(n),
            key("chars"),
        );
    }
}
