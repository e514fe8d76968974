//! The project's risk method and approval in the inspector (nothing selected): the risk matrix
//! (scales, categories, levels, cells, tolerable risk), the initial risk assessment (ZCR 2, 4)
//! and the asset owner's approval (ZCR 7) with its state as `assess` reports it.

use super::Intent;
use super::inspector::widgets::{Field, TextField, field, level_combo_ui};
use super::risk::{Change, rating_chip_ui, scenarios_ui};
use super::theme;
use super::view::{Intents, View};
use crate::analysis::Assessment;
use crate::analysis::risk::ApprovalState;
use crate::command::Action;
use crate::command::risk::RiskAction;
use crate::command::risk_matrix::MatrixAction;
use crate::model::{Approval, Decision, Project, RiskMatrix};

/// Pushes a changed matrix (one step; typing into one field merges).
fn set_matrix(intents: &mut Intents, change: Change<RiskMatrix>) {
    matrix_action(
        intents,
        MatrixAction::Set {
            matrix: change.value,
            label: change.label,
            key: change.key,
        },
    );
}

fn matrix_action(intents: &mut Intents, action: MatrixAction) {
    intents.push(Intent::Act(Action::Risk(Box::new(RiskAction::Matrix(
        action,
    )))));
}

/// A small single-line field in a grid cell; hovering shows the whole text.
fn cell_text_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &str,
    width: f32,
) -> Option<String> {
    TextField::cell(id, value, width)
        .hover_value()
        .show_ui(ui, intents)
}

fn scales_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    m: &RiskMatrix,
) -> Option<Change<RiskMatrix>> {
    let mut out = None;
    for (which, steps) in [
        ("Likelihood", &m.likelihood),
        ("Consequence", &m.consequence),
    ] {
        ui.label(egui::RichText::new(format!("{which} scale")).strong());
        egui::Grid::new(("scale", which))
            .num_columns(3)
            .spacing([4.0, 2.0])
            .show(ui, |ui| {
                for (i, s) in steps.iter().enumerate() {
                    ui.label(format!("{}", i + 1));
                    for (k, (value, w)) in [(&s.name, 100.0), (&s.description, 130.0)]
                        .into_iter()
                        .enumerate()
                    {
                        if let Some(v) = cell_text_ui(ui, intents, (which, i, k), value, w) {
                            let mut n = m.clone();
                            let list = if which == "Likelihood" {
                                &mut n.likelihood
                            } else {
                                &mut n.consequence
                            };
                            if k == 0 {
                                list[i].name = v;
                            } else {
                                list[i].description = v;
                            }
                            out = Some(Change {
                                value: n,
                                label: format!("Edit {} scale", which.to_lowercase()),
                                key: Some(format!("{which}.{i}.{k}")),
                            });
                        }
                    }
                    ui.end_row();
                }
            });
    }
    out
}

/// The categories: rename, add, remove. Removing one also removes its ratings from every
/// scenario (the ratings are kept in category order), in the same undo step.
fn categories_ui(ui: &mut egui::Ui, intents: &mut Intents, project: &Project) {
    let m = &project.risk.matrix;
    ui.label(egui::RichText::new("Consequence categories").strong());
    let mut remove = None;
    egui::Grid::new("categories")
        .num_columns(2)
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            for (i, c) in m.categories.iter().enumerate() {
                if let Some(v) = cell_text_ui(ui, intents, ("cat", i), c, 190.0) {
                    let mut n = m.clone();
                    n.categories[i] = v;
                    set_matrix(
                        intents,
                        Change {
                            value: n,
                            label: "Rename consequence category".into(),
                            key: Some(format!("cat.{i}")),
                        },
                    );
                }
                if m.categories.len() > 1
                    && ui
                        .small_button("✖")
                        .on_hover_text("Remove this category and its ratings in every scenario")
                        .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if m.categories.len() < crate::model::risk::MAX_CATEGORIES
        && ui.small_button("Add category").clicked()
    {
        matrix_action(intents, MatrixAction::AddCategory);
    }
    if let Some(i) = remove {
        matrix_action(intents, MatrixAction::RemoveCategory(i));
    }
}

fn levels_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    m: &RiskMatrix,
) -> Option<Change<RiskMatrix>> {
    let mut out = None;
    ui.label(egui::RichText::new("Risk levels").strong());
    egui::Grid::new("levels")
        .num_columns(3)
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(egui::RichText::new("Name").small().strong());
            ui.label(egui::RichText::new("Proposes SL-T").small().strong());
            ui.end_row();
            for (i, l) in m.levels.iter().enumerate() {
                let fill = theme::risk_level_color(i as u8, m.levels.len());
                ui.label(egui::RichText::new("  ■  ").color(fill));
                if let Some(v) = cell_text_ui(ui, intents, ("level", i), &l.name, 110.0) {
                    let mut n = m.clone();
                    n.levels[i].name = v;
                    out = Some(Change {
                        value: n,
                        label: "Rename risk level".into(),
                        key: Some(format!("level.{i}")),
                    });
                }
                let sl =
                    level_combo_ui(ui, ("level-sl", i), l.proposed_sl_t).unwrap_or(l.proposed_sl_t);
                if sl != l.proposed_sl_t {
                    let mut n = m.clone();
                    n.levels[i].proposed_sl_t = sl;
                    out = Some(Change {
                        value: n,
                        label: format!("Set the SL-T level {} proposes", l.name),
                        key: None,
                    });
                }
                ui.end_row();
            }
        });
    out
}

/// The matrix: likelihood rows (highest on top), consequence columns; a click moves a cell
/// to the next level, a right click offers every level.
fn grid_ui(ui: &mut egui::Ui, m: &RiskMatrix) -> Option<Change<RiskMatrix>> {
    let mut out = None;
    ui.label(egui::RichText::new("Matrix").strong());
    ui.label(
        egui::RichText::new(
            "Rows: likelihood, columns: worst consequence. Click a cell for the next level, right-click to choose.",
        )
        .small()
        .weak(),
    );
    let set = |l: usize, c: usize, level: u8| {
        let mut n = m.clone();
        if let Some(cell) = n.cells.get_mut(l).and_then(|row| row.get_mut(c)) {
            *cell = level;
        }
        Change {
            value: n,
            label: "Change risk matrix cell".into(),
            key: None,
        }
    };
    egui::Grid::new("matrix-grid")
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            ui.label("");
            for (c, s) in m.consequence.iter().enumerate() {
                ui.label(egui::RichText::new(format!("{}", c + 1)).small().strong())
                    .on_hover_text(&s.name);
            }
            ui.end_row();
            for l in (0..m.likelihood.len()).rev() {
                ui.label(egui::RichText::new(format!("{}", l + 1)).small().strong())
                    .on_hover_text(m.likelihood.get(l).map_or("", |s| s.name.as_str()));
                for c in 0..m.consequence.len() {
                    let level = m.cells.get(l).and_then(|row| row.get(c)).copied();
                    let (fill, name) = match level {
                        Some(v) if usize::from(v) < m.levels.len() => (
                            theme::risk_level_color(v, m.levels.len()),
                            m.level_name(v).to_owned(),
                        ),
                        _ => (theme::RISK_UNRATED, "?".to_owned()),
                    };
                    let text = egui::RichText::new(&name)
                        .small()
                        .color(theme::text_on(fill));
                    let r = ui
                        .add(
                            egui::Button::new(text)
                                .fill(fill)
                                .min_size(egui::vec2(44.0, 20.0)),
                        )
                        .on_hover_text(format!(
                            "Likelihood {} × consequence {}: {name}",
                            l + 1,
                            c + 1
                        ));
                    if r.clicked() && !m.levels.is_empty() {
                        let next = level.map_or(0, |v| (usize::from(v) + 1) % m.levels.len());
                        out = Some(set(l, c, next as u8));
                    }
                    r.context_menu(|ui| {
                        for (i, lv) in m.levels.iter().enumerate() {
                            if ui.button(&lv.name).clicked() {
                                out = Some(set(l, c, i as u8));
                            }
                        }
                    });
                }
                ui.end_row();
            }
        });
    out
}

fn tolerable_ui(ui: &mut egui::Ui, m: &RiskMatrix) -> Option<Change<RiskMatrix>> {
    let mut t = m.tolerable;
    ui.horizontal(|ui| {
        ui.label("Tolerable risk");
        egui::ComboBox::from_id_salt("tolerable")
            .selected_text(m.tolerable_text())
            .show_ui(ui, |ui| {
                for (i, l) in m.levels.iter().enumerate() {
                    ui.selectable_value(&mut t, i as u8, format!("{} or lower", l.name));
                }
            });
    });
    (t != m.tolerable).then(|| {
        let mut n = m.clone();
        n.tolerable = t;
        Change {
            value: n,
            label: "Set the tolerable risk".into(),
            key: None,
        }
    })
}

fn matrix_ui(ui: &mut egui::Ui, intents: &mut Intents, project: &Project) {
    let m = &project.risk.matrix;
    egui::CollapsingHeader::new("Risk matrix")
        .id_salt("risk-matrix")
        .show(ui, |ui| {
            let problems = m.problems();
            for p in &problems {
                ui.colored_label(theme::missing_field_color(), p);
            }
            let mut change = tolerable_ui(ui, m);
            ui.add_space(4.0);
            change = grid_ui(ui, m).or(change);
            ui.add_space(4.0);
            change = levels_ui(ui, intents, m).or(change);
            ui.add_space(4.0);
            change = scales_ui(ui, intents, m).or(change);
            ui.add_space(4.0);
            if let Some(ch) = change {
                set_matrix(intents, ch);
            }
            categories_ui(ui, intents, project);
        });
}

fn initial_ui(ui: &mut egui::Ui, intents: &mut Intents, project: &Project, a: &Assessment) {
    let m = &project.risk.matrix;
    egui::CollapsingHeader::new(format!(
        "Initial risk assessment ({})",
        super::risk::scenarios_text(project.risk.initial.len())
    ))
    .id_salt("initial-risk")
    .show(ui, |ui| {
        ui.label(
            egui::RichText::new(
                "Worst-case scenarios for the whole system, before partitioning (ZCR 2), compared with the tolerable risk (ZCR 4).",
            )
            .small()
            .weak(),
        );
        let r = &a.risk;
        ui.horizontal_wrapped(|ui| {
            ui.label("Worst unmitigated");
            let worst = r.initial_worst.and_then(|l| {
                r.initial
                    .iter()
                    .filter_map(|s| s.unmitigated)
                    .filter(|x| x.level == l)
                    .max_by_key(|x| x.score)
            });
            rating_chip_ui(ui, m, worst);
            if r.initial_worst.is_some() {
                if r.initial_above_tolerable {
                    ui.colored_label(
                        theme::finding_color(crate::analysis::FindingSeverity::Error),
                        format!("above the tolerable risk ({})", m.tolerable_text()),
                    );
                } else {
                    ui.label(format!("within the tolerable risk ({})", m.tolerable_text()));
                }
            }
        });
        let assets: Vec<_> = project
            .all_assets()
            .map(|(x, _)| (x.id, x.name.clone()))
            .collect();
        if let Some(ch) = scenarios_ui(
            ui,
            intents,
            ("initial", crate::model::ElementRef::Project),
            &project.risk,
            &project.risk.initial,
            super::risk::Rated {
                risks: &r.initial,
                overdue: &[],
            },
            &assets,
        ) {
            matrix_action(
                intents,
                MatrixAction::Initial {
                    scenarios: ch.value,
                    label: ch.label,
                    key: ch.key,
                },
            );
        }
    });
}

/// The approval recorded for the project's content now: the current revision, content hash
/// and the digest of the assessment result `assessment_hash` (what `assess` returns for it),
/// the rest of `base` kept.
pub(crate) fn record_approval(
    project: &Project,
    base: Option<&Approval>,
    assessment_hash: &str,
) -> Approval {
    Approval {
        revision: project.meta.revision.clone(),
        content_hash: crate::model::content_hash(project),
        assessment_hash: assessment_hash.to_owned(),
        ..base.cloned().unwrap_or_default()
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() { "–" } else { s.trim() }
}

fn approval_state_ui(ui: &mut egui::Ui, state: ApprovalState) {
    let ok = theme::gap_color(crate::analysis::GapSeverity::None);
    let warn = theme::finding_color(crate::analysis::FindingSeverity::Warning);
    let err = theme::finding_color(crate::analysis::FindingSeverity::Error);
    let (color, text) = match state {
        ApprovalState::None => (
            ui.visuals().weak_text_color(),
            "No approval recorded".to_owned(),
        ),
        ApprovalState::Current { decision } => (
            if decision == Decision::Rejected {
                err
            } else {
                ok
            },
            format!(
                "Current: {} (covers the content as it is)",
                decision.label()
            ),
        ),
        ApprovalState::Outdated { decision, .. } => (
            warn,
            format!(
                "Outdated: {} — {}",
                decision.label(),
                state.why_outdated().unwrap_or_default()
            ),
        ),
    };
    ui.label(egui::RichText::new(text).color(color).strong());
}

const APPROVAL: [Field<Approval>; 5] = [
    field!(Approval, "Approver", approver),
    field!(Approval, "Role", role),
    field!(Approval, "Organisation", organisation),
    field!(Approval, "Date", date, date),
    field!(Approval, "Conditions", conditions, multiline),
];

fn approval_ui(ui: &mut egui::Ui, intents: &mut Intents, project: &Project, a: &Assessment) {
    egui::CollapsingHeader::new("Approval (ZCR 7)")
        .id_salt("approval")
        .default_open(true)
        .show(ui, |ui| {
            approval_state_ui(ui, a.risk.approval);
            let current = project.approval.as_ref();
            if let Some(ap) = current {
                for (k, f) in APPROVAL.iter().enumerate() {
                    if let Some(n) = f.show_with_id_ui(ui, intents, ap, ("approval", k)) {
                        matrix_action(
                            intents,
                            MatrixAction::Approval {
                                approval: Some(n),
                                label: format!("Edit approval {}", f.label.to_lowercase()),
                                key: Some(format!("approval.{k}")),
                            },
                        );
                    }
                    if k == 3 {
                        let mut d = ap.decision;
                        ui.label(egui::RichText::new("Decision").small().weak());
                        egui::ComboBox::from_id_salt("approval-decision")
                            .selected_text(d.label())
                            .show_ui(ui, |ui| {
                                for x in Decision::ALL {
                                    ui.selectable_value(&mut d, x, x.label());
                                }
                            });
                        if d != ap.decision {
                            let mut n = ap.clone();
                            n.decision = d;
                            matrix_action(
                                intents,
                                MatrixAction::Approval {
                                    approval: Some(n),
                                    label: "Change approval decision".to_owned(),
                                    key: None,
                                },
                            );
                        }
                    }
                }
                let short: String = ap.content_hash.chars().take(12).collect();
                ui.label(
                    egui::RichText::new(format!(
                        "Revision approved: {} · content {}",
                        if ap.revision.trim().is_empty() { "–" } else { ap.revision.trim() },
                        if short.is_empty() { "–".to_owned() } else { format!("{short}…") }
                    ))
                    .small(),
                )
                .on_hover_text(format!(
                    "Content SHA-256: {}\nAssessment result SHA-256: {}",
                    or_dash(&ap.content_hash),
                    or_dash(&ap.assessment_hash)
                ));
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Record approval of the current content")
                    .on_hover_text(format!(
                        "Records that revision {} as it is now is approved; any later change makes the approval outdated",
                        project.meta.revision
                    ))
                    .clicked()
                {
                    matrix_action(
                        intents,
                        MatrixAction::Approval {
                            approval: Some(record_approval(
                                project,
                                current,
                                &a.risk.assessment_hash,
                            )),
                            label: "Record approval".to_owned(),
                            key: None,
                        },
                    );
                }
                if current.is_some() && ui.button("Withdraw approval").clicked() {
                    matrix_action(
                        intents,
                        MatrixAction::Approval {
                            approval: None,
                            label: "Withdraw approval".to_owned(),
                            key: None,
                        },
                    );
                }
            });
        });
}

/// The project's Risk matrix, Initial assessment and Approval sections (in the inspector when
/// nothing is selected).
pub(crate) fn project_risk_ui(view: View<'_>, out: &mut Intents, ui: &mut egui::Ui) {
    let (project, a) = (&view.doc.project, &view.doc.assessment);
    ui.separator();
    ui.heading("Risk assessment");
    super::risk_record::method_and_sources_ui(ui, out, project);
    matrix_ui(ui, out, project);
    initial_ui(ui, out, project, a);
    ui.separator();
    approval_ui(ui, out, project, a);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ThreatScenario, Zone, ZoneId, ZoneKind};

    fn scenario(c: Vec<u8>) -> ThreatScenario {
        ThreatScenario {
            residual_consequence: c.clone(),
            consequence: c,
            likelihood: 3,
            ..Default::default()
        }
    }

    #[test]
    fn removing_a_category_removes_its_rating_everywhere_in_one_undoable_edit() {
        let mut p = Project::default();
        let mut z = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            crate::model::Rect::new(0.0, 0.0, 100.0, 80.0),
        );
        z.risk.scenarios.push(scenario(vec![1, 4, 2, 3]));
        p.zones.push(z);
        p.risk.initial.push(scenario(vec![5, 1]));
        let before = p.clone();
        let mut h = crate::edit::History::default();
        h.apply(
            &mut p,
            "Remove",
            crate::command::risk_matrix::remove_category(&before, 1),
        )
        .expect("applies");
        assert_eq!(p.risk.matrix.categories.len(), 3);
        assert_eq!(p.risk.matrix.categories[1], "Production / financial");
        assert_eq!(p.zones[0].risk.scenarios[0].consequence, vec![1, 2, 3]);
        assert_eq!(
            p.zones[0].risk.scenarios[0].residual_consequence,
            vec![1, 2, 3]
        );
        assert_eq!(p.risk.initial[0].consequence, vec![5]);
        h.undo(&mut p).expect("undoes");
        assert_eq!(p, before);
    }

    #[test]
    fn recording_an_approval_keeps_the_approver_and_takes_revision_and_hash() {
        let mut p = Project::default();
        p.meta.revision = "C".into();
        let old = Approval {
            approver: "A. Owner".into(),
            revision: "B".into(),
            content_hash: "00".into(),
            ..Default::default()
        };
        let digest = crate::analysis::assess(&p, crate::catalog::Catalog::embedded())
            .risk
            .assessment_hash;
        let a = record_approval(&p, Some(&old), &digest);
        assert_eq!(a.approver, "A. Owner");
        assert_eq!(a.revision, "C");
        assert_eq!(a.content_hash, crate::model::content_hash(&p));
        assert_eq!(a.assessment_hash, digest);
        p.approval = Some(a);
        assert!(matches!(
            crate::analysis::risk::approval_state(&p, p.approval.as_ref(), &digest),
            ApprovalState::Current { .. }
        ));
    }
}
