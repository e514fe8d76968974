//! The records of the risk assessment in the inspector: a zone's or conduit's assessment record
//! (assessors, workshop, date, method version), a scenario's picked threat source, likelihood
//! rationale and acceptance of its residual risk, and — with nothing selected — the project's
//! method document and list of threat sources. Every change is a [`RiskAction`].

use super::Intent;
use super::inspector::widgets::{DATE_HINT, TextField};
use super::theme;
use super::view::Intents;
use crate::analysis::FindingSeverity;
use crate::analysis::risk::ScenarioRisk;
use crate::command::Action;
use crate::command::risk::{RiskAction, ScenarioChange};
use crate::model::{
    Acceptance, AssessmentRecord, Assessor, ElementRef, ElementRisk, Project, ProjectRisk,
    ThreatScenario,
};

fn small(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).small().weak());
}

/// Who assessed a zone or conduit, when, against which method version.
pub(crate) fn record_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    project: &Project,
    element: ElementRef,
    risk: &ElementRisk,
) {
    let r = &risk.record;
    let id = ("record", element);
    let mut changed: Option<AssessmentRecord> = None;
    egui::CollapsingHeader::new("Assessment record")
        .id_salt(id)
        .default_open(!risk.scenarios.is_empty() && !r.has_assessors())
        .show(ui, |ui| {
            small(ui, "Assessors (name and role)");
            for (i, a) in r.assessors.iter().enumerate() {
                ui.horizontal(|ui| {
                    if let Some(t) = TextField::cell((id, "name", i), &a.name, 120.0)
                        .hint("Name")
                        .show_ui(ui, intents)
                    {
                        let mut n = r.clone();
                        n.assessors[i].name = t;
                        changed = Some(n);
                    }
                    if let Some(t) = TextField::cell((id, "role", i), &a.role, 120.0)
                        .hint("Role")
                        .show_ui(ui, intents)
                    {
                        let mut n = r.clone();
                        n.assessors[i].role = t;
                        changed = Some(n);
                    }
                    if ui
                        .small_button("✖")
                        .on_hover_text("Remove this assessor")
                        .clicked()
                    {
                        let mut n = r.clone();
                        n.assessors.remove(i);
                        changed = Some(n);
                    }
                });
            }
            if ui.small_button("Add assessor").clicked() {
                let mut n = r.clone();
                n.assessors.push(Assessor::default());
                changed = Some(n);
            }
            if let Some(t) = TextField::labelled("Or: workshop and participants", &r.workshop)
                .id((id, "workshop"))
                .show_ui(ui, intents)
            {
                changed = Some(AssessmentRecord {
                    workshop: t,
                    ..r.clone()
                });
            }
            if let Some(t) = TextField::date("Assessed on", &r.date)
                .id((id, "date"))
                .show_ui(ui, intents)
            {
                changed = Some(AssessmentRecord {
                    date: t,
                    ..r.clone()
                });
            }
            let method = &project.risk.method;
            let label = if method.version.trim().is_empty() {
                "Method version followed".to_owned()
            } else {
                format!(
                    "Method version followed (the project's is {})",
                    method.version.trim()
                )
            };
            if let Some(t) = TextField::labelled(&label, &r.method_version)
                .id((id, "method"))
                .show_ui(ui, intents)
            {
                changed = Some(AssessmentRecord {
                    method_version: t,
                    ..r.clone()
                });
            }
        });
    if let Some(record) = changed {
        intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Record {
            element,
            record,
        }))));
    }
}

/// Where a scenario is: its element (`Project` for the initial assessment), its index, and the
/// id that keeps its widgets apart.
#[derive(Clone, Copy)]
pub struct ScenarioAt<'a> {
    pub element: ElementRef,
    pub index: usize,
    pub id: &'a str,
}

/// The threat source picked from the project's list (at the top of the scenario; a picked one
/// replaces the scenario's own source text).
pub(crate) fn source_pick_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    risk: &ProjectRisk,
    at: ScenarioAt<'_>,
    s: &ThreatScenario,
) {
    if !risk.threat_sources.is_empty() {
        small(ui, "Threat source from the project's list");
        let shown = match risk.threat_source(s.source) {
            Some(t) => t.source.clone(),
            None if s.source != 0 => format!("unknown source {}", s.source),
            None => "none picked".to_owned(),
        };
        let mut pick = s.source;
        egui::ComboBox::from_id_salt((at.id, "source"))
            .width(220.0)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut pick, 0, "none picked");
                for t in &risk.threat_sources {
                    let mut text = t.source.trim().to_owned();
                    if !t.in_scope {
                        text.push_str(" (out of scope)");
                    }
                    ui.selectable_value(&mut pick, t.id, text);
                }
            });
        if let Some(t) = risk.threat_source(s.source) {
            small(
                ui,
                &format!(
                    "Capability: {}. Motivation: {}.",
                    t.capability.trim(),
                    t.motivation.trim()
                ),
            );
        }
        if pick != s.source {
            intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Scenario {
                element: at.element,
                index: at.index,
                change: ScenarioChange::Source(pick),
            }))));
        }
    }
}

/// Why the unmitigated likelihood is what it is (under the unmitigated rating).
pub(crate) fn rationale_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    at: ScenarioAt<'_>,
    s: &ThreatScenario,
) {
    if let Some(t) = TextField::labelled("Why this likelihood", &s.likelihood_rationale)
        .id((at.id, "rationale"))
        .multiline(true)
        .show_ui(ui, intents)
    {
        intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Scenario {
            element: at.element,
            index: at.index,
            change: ScenarioChange::LikelihoodRationale(t),
        }))));
    }
}

/// The acceptance of the residual risk ("accepted although intolerable" when above the
/// tolerable).
pub(crate) fn scenario_record_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    at: ScenarioAt<'_>,
    s: &ThreatScenario,
    rated: Option<&ScenarioRisk>,
) {
    let mut change = None;
    let above = rated.and_then(|r| r.residual).is_some_and(|r| !r.tolerable);
    let mut on = s.acceptance.is_some();
    let label = if above {
        "Residual risk accepted although intolerable"
    } else {
        "Residual risk accepted"
    };
    if ui.checkbox(&mut on, label).changed() {
        change = Some(ScenarioChange::Acceptance(
            on.then(|| s.acceptance.clone().unwrap_or_default()),
        ));
    }
    if let Some(a) = &s.acceptance {
        if let Some(n) = acceptance_ui(ui, intents, at.id, a, above) {
            change = Some(ScenarioChange::Acceptance(Some(n)));
        }
        if rated.is_some_and(|r| r.accepted_although_intolerable) {
            ui.label(
                egui::RichText::new("Accepted although intolerable")
                    .strong()
                    .color(theme::finding_color(FindingSeverity::Warning)),
            );
        } else if above {
            ui.label(
                egui::RichText::new(
                    "Not accepted yet: an intolerable residual needs a name, role, date and justification",
                )
                .small()
                .color(theme::finding_color(FindingSeverity::Error)),
            );
        }
    }
    if let Some(change) = change {
        intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Scenario {
            element: at.element,
            index: at.index,
            change,
        }))));
    }
}

fn acceptance_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    id: &str,
    a: &Acceptance,
    justified: bool,
) -> Option<Acceptance> {
    let mut out = None;
    ui.horizontal(|ui| {
        if let Some(t) = TextField::cell((id, "acc-by"), &a.by, 110.0)
            .hint("Accepted by")
            .show_ui(ui, intents)
        {
            out = Some(Acceptance { by: t, ..a.clone() });
        }
        if let Some(t) = TextField::cell((id, "acc-role"), &a.role, 95.0)
            .hint("Role")
            .show_ui(ui, intents)
        {
            out = Some(Acceptance {
                role: t,
                ..a.clone()
            });
        }
        if let Some(t) = TextField::cell((id, "acc-date"), &a.date, 80.0)
            .hint(DATE_HINT)
            .show_ui(ui, intents)
        {
            out = Some(Acceptance {
                date: t,
                ..a.clone()
            });
        }
    });
    let label = if justified {
        "Justification (required above the tolerable risk)"
    } else {
        "Justification"
    };
    if let Some(t) = TextField::labelled(label, &a.justification)
        .id((id, "acc-why"))
        .multiline(true)
        .show_ui(ui, intents)
    {
        out = Some(Acceptance {
            justification: t,
            ..a.clone()
        });
    }
    out
}

/// The project's method document and its list of threat sources.
pub(crate) fn method_and_sources_ui(ui: &mut egui::Ui, intents: &mut Intents, project: &Project) {
    let risk = &project.risk;
    egui::CollapsingHeader::new(format!(
        "Method and threat sources ({})",
        risk.threat_sources.len()
    ))
    .id_salt("risk-method")
    .show(ui, |ui| {
        let m = &risk.method;
        let mut method = None;
        if let Some(t) = TextField::labelled("Method document (reference and title)", &m.document)
            .id("method-document")
            .show_ui(ui, intents)
        {
            method = Some(crate::model::MethodReference {
                document: t,
                ..m.clone()
            });
        }
        if let Some(t) = TextField::labelled("Method version", &m.version)
            .id("method-version")
            .show_ui(ui, intents)
        {
            method = Some(crate::model::MethodReference {
                version: t,
                ..m.clone()
            });
        }
        if let Some(m) = method {
            intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Method(m)))));
        }
        ui.add_space(4.0);
        small(
            ui,
            "Threat sources scenarios pick from (source, capability, motivation, in scope)",
        );
        for t in &risk.threat_sources {
            let mut n = None;
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::same(4))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(format!("{}", t.id));
                        if let Some(v) = TextField::cell(("ts", t.id, 0), &t.source, 200.0)
                            .hint("Source")
                            .show_ui(ui, intents)
                        {
                            n = Some(crate::model::ThreatSource {
                                source: v,
                                ..t.clone()
                            });
                        }
                        let mut in_scope = t.in_scope;
                        if ui.checkbox(&mut in_scope, "in scope").changed() {
                            n = Some(crate::model::ThreatSource {
                                in_scope,
                                ..t.clone()
                            });
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Remove this threat source")
                            .clicked()
                        {
                            intents.push(Intent::Act(Action::Risk(Box::new(
                                RiskAction::RemoveThreatSource(t.id),
                            ))));
                        }
                    });
                    if let Some(v) = TextField::cell(("ts", t.id, 1), &t.capability, 300.0)
                        .hint("Capability")
                        .show_ui(ui, intents)
                    {
                        n = Some(crate::model::ThreatSource {
                            capability: v,
                            ..t.clone()
                        });
                    }
                    if let Some(v) = TextField::cell(("ts", t.id, 2), &t.motivation, 300.0)
                        .hint("Motivation")
                        .show_ui(ui, intents)
                    {
                        n = Some(crate::model::ThreatSource {
                            motivation: v,
                            ..t.clone()
                        });
                    }
                });
            if let Some(n) = n {
                intents.push(Intent::Act(Action::Risk(Box::new(
                    RiskAction::SetThreatSource(n),
                ))));
            }
        }
        if ui.small_button("Add threat source").clicked() {
            intents.push(Intent::Act(Action::Risk(Box::new(
                RiskAction::AddThreatSource,
            ))));
        }
    });
}
