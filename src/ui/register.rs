//! The Risk register dock tab: every threat scenario of the initial assessment and of every
//! zone and conduit, with the risk `assess` gives it, sortable; a click selects the element.

use super::risk::shortened;
use super::view::{Intents, View};
use super::{Intent, theme};
use crate::analysis::register::{RiskRow, risk_rows};
use crate::analysis::risk::Rating;
use crate::model::text::visible;

/// What the register is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    Element,
    Unmitigated,
    #[default]
    Residual,
}

/// Sort order of the register (default: residual risk, highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterState {
    pub by: SortBy,
    pub descending: bool,
}

impl Default for RegisterState {
    fn default() -> Self {
        RegisterState {
            by: SortBy::Residual,
            descending: true,
        }
    }
}

/// What "no, accepted" in the Tolerable column means.
pub const ACCEPTED_TEXT: &str = "Accepted although intolerable: the residual risk is above the tolerable risk and was accepted explicitly, with a justification";

/// Level, then score; unrated below every rating.
fn rank(r: Option<Rating>) -> (bool, u8, u8) {
    r.map_or((false, 0, 0), |r| (true, r.level, r.score))
}

/// Sorts stably (ties keep project order).
pub(crate) fn sort_rows(rows: &mut [RiskRow<'_>], s: RegisterState) {
    rows.sort_by(|a, b| {
        let o = match s.by {
            SortBy::Element => a
                .element_name
                .to_lowercase()
                .cmp(&b.element_name.to_lowercase()),
            SortBy::Unmitigated => rank(a.risk.unmitigated).cmp(&rank(b.risk.unmitigated)),
            SortBy::Residual => rank(a.risk.residual).cmp(&rank(b.risk.residual)),
        };
        if s.descending { o.reverse() } else { o }
    });
}

/// A column header that sorts by `by` (a second click reverses).
fn header_ui(ui: &mut egui::Ui, state: &mut RegisterState, by: SortBy, text: &str) {
    let arrow = if state.by == by {
        if state.descending { " ⏷" } else { " ⏶" }
    } else {
        ""
    };
    if ui
        .add(egui::Button::new(egui::RichText::new(format!("{text}{arrow}")).strong()).frame(false))
        .on_hover_text("Sort by this column (again to reverse)")
        .clicked()
    {
        if state.by == by {
            state.descending = !state.descending;
        } else {
            *state = RegisterState {
                by,
                descending: by != SortBy::Element,
            };
        }
    }
}

/// The register tab: reads the document through `view`, sorts by `state`, pushes the element
/// clicked as [`Intent::FocusElement`].
pub(crate) fn register_ui(
    view: View<'_>,
    state: &mut RegisterState,
    out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let doc = view.doc;
    let project = &doc.project;
    let m = &project.risk.matrix;
    let mut rows = risk_rows(project, &doc.assessment);
    sort_rows(&mut rows, *state);
    let intolerable = rows
        .iter()
        .filter(|r| r.risk.residual.is_some_and(|x| !x.tolerable))
        .count();
    ui.label(format!(
        "{}, {intolerable} above the tolerable risk ({}). Click a row to select its element.",
        super::risk::scenarios_text(rows.len()),
        m.tolerable_text()
    ));
    if rows.is_empty() {
        ui.label("Add threat scenarios in the inspector: to a zone or conduit, or to the project's initial assessment (nothing selected).");
        return;
    }
    let mut clicked = None;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("risk-register")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    header_ui(ui, state, SortBy::Element, "Element");
                    ui.label(egui::RichText::new("Scenario").strong());
                    header_ui(ui, state, SortBy::Unmitigated, "Unmitigated");
                    header_ui(ui, state, SortBy::Residual, "Residual");
                    ui.label(egui::RichText::new("Tolerable?").strong());
                    ui.label(egui::RichText::new("Threat source").strong());
                    ui.label(egui::RichText::new("Countermeasure owners").strong());
                    ui.end_row();
                    for r in &rows {
                        // long names are cut so that the ratings stay in view; hover shows all
                        if ui
                            .link(shortened(&visible(&r.element_name), 34))
                            .on_hover_text(format!("{}: select it", visible(&r.element_name)))
                            .clicked()
                        {
                            clicked = Some(r.element);
                        }
                        let title = visible(&r.title()).into_owned();
                        if ui
                            .add(
                                egui::Label::new(shortened(&title, 48)).sense(egui::Sense::click()),
                            )
                            .on_hover_text(format!("{title}\nVector: {}", r.scenario.vector))
                            .clicked()
                        {
                            clicked = Some(r.element);
                        }
                        super::risk::rating_chip_ui(ui, m, r.risk.unmitigated);
                        super::risk::rating_chip_ui(ui, m, r.risk.residual);
                        match r.risk.residual {
                            Some(x) if x.tolerable => {
                                ui.colored_label(
                                    theme::gap_color(crate::analysis::GapSeverity::None),
                                    "yes",
                                );
                            }
                            Some(_) if r.risk.accepted_although_intolerable => {
                                ui.colored_label(
                                    theme::finding_color(crate::analysis::FindingSeverity::Warning),
                                    "no, accepted",
                                )
                                .on_hover_text(ACCEPTED_TEXT);
                            }
                            Some(_) => {
                                ui.colored_label(
                                    theme::finding_color(crate::analysis::FindingSeverity::Error),
                                    "no",
                                );
                            }
                            None => {
                                ui.label("–");
                            }
                        }
                        let source = project.risk.source_text(r.scenario);
                        ui.label(shortened(&source, 36)).on_hover_text(&source);
                        ui.label(r.owners());
                        ui.end_row();
                    }
                });
        });
    if let Some(e) = clicked {
        out.push(Intent::FocusElement(e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Countermeasure, ElementRef, Project, Rect, ThreatScenario, Zone, ZoneId, ZoneKind,
    };

    fn scenario(title: &str, l: u8, c: u8, rl: u8) -> ThreatScenario {
        ThreatScenario {
            title: title.into(),
            likelihood: l,
            consequence: vec![c],
            residual_likelihood: rl,
            ..Default::default()
        }
    }

    #[test]
    fn rows_take_the_assessment_and_sort_by_residual_risk() {
        let mut p = Project::default();
        let mut z = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 90.0, 60.0),
        );
        // 4 × 4 = 16 Critical, residual 1 × 4 = 4 Medium
        z.risk.scenarios.push(scenario("ransomware", 4, 4, 1));
        // 3 × 3 = 9 High, residual 3 × 3 = 9 High (no residual rating)
        z.risk.scenarios.push(scenario("insider", 3, 3, 0));
        // unrated
        z.risk.scenarios.push(scenario("", 0, 0, 0));
        z.risk.scenarios[0].additional_countermeasures = vec![
            Countermeasure {
                measure: "a".into(),
                owner: "IT".into(),
                ..Default::default()
            },
            Countermeasure {
                measure: "b".into(),
                owner: " IT ".into(),
                ..Default::default()
            },
            Countermeasure {
                measure: "c".into(),
                owner: "OT".into(),
                ..Default::default()
            },
        ];
        p.zones.push(z);
        // initial: 5 × 5 = 25 Critical, residual 2 × 5 = 10 High
        p.risk.initial.push(scenario("worst case", 5, 5, 2));
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        let mut rows = risk_rows(&p, &a);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].element, ElementRef::Project);
        assert_eq!(rows[1].owners(), "IT, OT");
        assert_eq!(rows[3].title(), "Scenario 3");
        sort_rows(&mut rows, RegisterState::default());
        let order: Vec<(String, Option<u8>)> = rows
            .iter()
            .map(|r| (r.title(), r.risk.residual.map(|x| x.score)))
            .collect();
        assert_eq!(
            order,
            vec![
                ("worst case".to_owned(), Some(10)),
                ("insider".to_owned(), Some(9)),
                ("ransomware".to_owned(), Some(4)),
                ("Scenario 3".to_owned(), None),
            ]
        );
        assert_eq!(
            p.risk
                .matrix
                .level_name(rows[0].risk.residual.map_or(9, |x| x.level)),
            "High"
        );
        sort_rows(
            &mut rows,
            RegisterState {
                by: SortBy::Unmitigated,
                descending: true,
            },
        );
        assert_eq!(rows[0].title(), "worst case");
        assert_eq!(rows[1].title(), "ransomware");
        sort_rows(
            &mut rows,
            RegisterState {
                by: SortBy::Residual,
                descending: false,
            },
        );
        assert_eq!(rows[0].title(), "Scenario 3");
        assert_eq!(rows[3].title(), "worst case");
    }
}
