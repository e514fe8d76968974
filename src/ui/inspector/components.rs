//! The IEC 62443-4-2 sections of the inspector: an asset's SL-C with its source per FR, its
//! certificate and its per-requirement assessment; and for a zone or conduit, what to ask its
//! suppliers for (the 4-2 rows each component class must meet at the SL-T).

use super::widgets::{TextField, sl_vector_ui};
use crate::analysis::ElementAssessment;
use crate::analysis::components::{AssetCapability, SlCSource};
use crate::catalog::Catalog;
use crate::model::component::{Certificate, CheckStatus, ComponentCheck, Validity};
use crate::model::{Asset, Fr, format_levels};
use crate::ui::view::Intents;

use super::asset::replace;

/// The label under an SL-C value: its sources, e.g. "from certificate, typical default".
pub(crate) fn source_text(source: &[Option<SlCSource>; 7]) -> String {
    format!(
        "from {}",
        crate::analysis::components::sources_label(source)
    )
}

/// Per FR, where the SL-C comes from (hover text).
fn per_fr_sources(source: &[Option<SlCSource>; 7]) -> String {
    Fr::ALL
        .iter()
        .map(|fr| {
            format!(
                "{}: {}",
                fr.code(),
                source[fr.index()].map_or("unknown", SlCSource::label)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The asset's SL-C in use with its source, its certificate and its 4-2 assessment.
pub(crate) fn asset_evidence_ui(
    ui: &mut egui::Ui,
    out: &mut Intents,
    catalog: &Catalog,
    a: &Asset,
    cap: Option<&AssetCapability>,
) {
    ui.separator();
    ui.label(egui::RichText::new("SL-C in use").strong());
    if let Some(cap) = cap {
        ui.horizontal(|ui| {
            ui.monospace(format_levels(&cap.sl_c));
            ui.label(source_text(&cap.source));
        })
        .response
        .on_hover_text(per_fr_sources(&cap.source));
    }
    certificate_ui(ui, out, a, cap.and_then(|c| c.certificate));
    checks_ui(ui, out, catalog, a);
}

type Get = fn(&Certificate) -> &String;
type Set = fn(&mut Certificate, String);

/// The text fields of a certificate: label, whether it is a date, how to read and write it.
const CERTIFICATE_FIELDS: [(&str, bool, Get, Set); 6] = [
    ("Scheme", false, |c| &c.scheme, |c, v| c.scheme = v),
    (
        "Certificate number",
        false,
        |c| &c.number,
        |c, v| c.number = v,
    ),
    ("Certification body", false, |c| &c.body, |c, v| c.body = v),
    ("Issued", true, |c| &c.issued, |c, v| c.issued = v),
    (
        "Valid until",
        true,
        |c| &c.valid_until,
        |c, v| c.valid_until = v,
    ),
    ("Scope", false, |c| &c.scope, |c, v| c.scope = v),
];

fn certificate_ui(ui: &mut egui::Ui, out: &mut Intents, a: &Asset, validity: Option<Validity>) {
    let mut has = a.certificate.is_some();
    if ui
        .checkbox(&mut has, "IEC 62443-4-2 product certificate")
        .changed()
    {
        replace(
            out,
            a,
            format!("Certificate of asset {}", a.name),
            None,
            |n| n.certificate = has.then(Certificate::default),
        );
    }
    let Some(c) = &a.certificate else { return };
    match validity {
        Some(Validity::Expired) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Expired on the assessment date: not used",
            );
        }
        Some(Validity::Unchecked(problem)) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Does not count: {}", problem.short()),
            )
            .on_hover_text("A certificate counts only when its issue date (and expiry date, if written) are real calendar dates YYYY-MM-DD and the document date lies between them.");
        }
        _ => {}
    }
    for (i, (label, date, get, set)) in CERTIFICATE_FIELDS.into_iter().enumerate() {
        let field = if date {
            TextField::date(label, get(c))
        } else {
            TextField::labelled(label, get(c))
        };
        if let Some(v) = field.id(("cert", a.id.0, i)).show_ui(ui, out) {
            replace(
                out,
                a,
                format!(
                    "Edit certificate {} of asset {}",
                    label.to_lowercase(),
                    a.name
                ),
                Some(format!("asset.{}.cert.{i}", a.id.0)),
                |n| {
                    if let Some(nc) = &mut n.certificate {
                        set(nc, v);
                    }
                },
            );
        }
    }
    ui.label(egui::RichText::new("Certified SL-C").small().weak());
    if let Some(v) = sl_vector_ui(ui, &format!("cert{}", a.id.0), c.sl_c) {
        replace(
            out,
            a,
            format!("Set certified SL-C of asset {} to {v}", a.name),
            None,
            |n| {
                if let Some(nc) = &mut n.certificate {
                    nc.sl_c = v;
                }
            },
        );
    }
}

/// The new checks of an asset after one status change of row `id` (`None` = not assessed).
fn with_status(a: &Asset, id: &str, status: Option<CheckStatus>) -> Vec<ComponentCheck> {
    let mut checks = a.component_checks.clone();
    let pos = checks.iter().position(|c| c.requirement == id);
    match (status, pos) {
        (None, Some(p)) => {
            checks.remove(p);
        }
        (Some(s), Some(p)) => checks[p].status = s,
        (Some(s), None) => checks.push(ComponentCheck {
            requirement: id.to_owned(),
            status: s,
            evidence: String::new(),
        }),
        (None, None) => {}
    }
    checks
}

/// The 4-2 items of the asset's class, each with its status and evidence.
fn checks_ui(ui: &mut egui::Ui, out: &mut Intents, catalog: &Catalog, a: &Asset) {
    let Some(t) = catalog.component(&a.component) else {
        return;
    };
    let class = t.class;
    egui::CollapsingHeader::new(format!(
        "IEC 62443-4-2 assessment ({}, {} assessed)",
        class.label(),
        a.component_checks.len()
    ))
    .id_salt(("checks", a.id.0))
    .show(ui, |ui| {
        egui::Grid::new(("checks-grid", a.id.0))
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for r in catalog.component_requirements_for(class) {
                    let pos = a
                        .component_checks
                        .iter()
                        .position(|c| c.requirement == r.id);
                    let current = pos.and_then(|p| a.component_checks.get(p));
                    ui.label(format!("{} (SL {})", r.id, r.level))
                        .on_hover_text(format!("{}\n{}", r.title, r.explanation));
                    let before = current.map(|c| c.status);
                    let mut status = before;
                    egui::ComboBox::from_id_salt(("check", a.id.0, &r.id))
                        .selected_text(status.map_or("Not assessed", CheckStatus::label))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut status, None, "Not assessed");
                            for s in CheckStatus::ALL {
                                ui.selectable_value(&mut status, Some(s), s.label());
                            }
                        });
                    if status != before {
                        let checks = with_status(a, &r.id, status);
                        replace(
                            out,
                            a,
                            format!("Assess {} of asset {}", r.id, a.name),
                            None,
                            |n| n.component_checks = checks,
                        );
                    }
                    if let (Some(c), Some(p)) = (current, pos) {
                        if let Some(v) =
                            TextField::cell(("evidence", a.id.0, &r.id), &c.evidence, 140.0)
                                .hint("evidence")
                                .hover_value()
                                .show_ui(ui, out)
                        {
                            replace(
                                out,
                                a,
                                format!("Edit evidence of {} of asset {}", r.id, a.name),
                                Some(format!("asset.{}.check.{}", a.id.0, r.id)),
                                |n| {
                                    if let Some(c) = n.component_checks.get_mut(p) {
                                        c.evidence = v;
                                    }
                                },
                            );
                        }
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
    });
}

/// What to ask the suppliers of a zone's or conduit's components for.
pub(crate) fn suppliers_ui(ui: &mut egui::Ui, catalog: &Catalog, e: &ElementAssessment) {
    ui.separator();
    ui.label(egui::RichText::new("Component requirements for suppliers").strong());
    if e.sl_t.is_none() {
        ui.label(
            egui::RichText::new("Set the SL-T to see what to ask suppliers for.")
                .small()
                .weak(),
        );
        return;
    }
    if e.suppliers.is_empty() {
        ui.label(
            egui::RichText::new("No components of a known type.")
                .small()
                .weak(),
        );
        return;
    }
    for s in &e.suppliers {
        egui::CollapsingHeader::new(format!(
            "{} ({}): {} IEC 62443-4-2 items, {} open",
            s.class.label(),
            crate::count_of(s.assets.len(), "asset", "assets"),
            s.requirements.len(),
            s.open
        ))
        .id_salt(("suppliers", format!("{:?}", e.element), s.class.prefix()))
        .show(ui, |ui| {
            for r in s
                .requirements
                .iter()
                .filter_map(|&i| catalog.component_requirements.get(i))
            {
                ui.label(format!("{}  {}", r.id, r.title))
                    .on_hover_text(&r.explanation);
            }
        });
    }
}

/// Where the SL-C of a zone or conduit comes from, under its levels table.
pub(crate) fn sl_c_source_ui(ui: &mut egui::Ui, e: &ElementAssessment) {
    ui.label(
        egui::RichText::new(format!("SL-C {}", source_text(&e.sl_c_source)))
            .small()
            .weak(),
    )
    .on_hover_text(per_fr_sources(&e.sl_c_source));
}
