//! The Risk section of a zone or conduit in the inspector: its threat scenarios (ZCR 5) edited
//! field by field, the risk `assess` gives each, and the SL-T the worst risk proposes beside the
//! chosen one. Also the scenario editor the project's initial assessment reuses.

use super::inspector::widgets::{Field, TextField, field};
use super::view::Intents;
use super::{Intent, theme};
use crate::analysis::ElementAssessment;
use crate::analysis::risk::{Rating, ScenarioRisk};
use crate::command::Action;
use crate::command::form::FormAction;
use crate::model::{
    AssetId, Conduit, ElementRef, ElementRisk, Project, ProjectRisk, RiskMatrix, ThreatScenario,
    Zone,
};

mod measures;

/// A changed value, what to call the undo step, and the merge key when the change comes from
/// typing (so that a word typed is one step).
pub struct Change<T> {
    pub value: T,
    pub label: String,
    pub key: Option<String>,
}

impl<T> Change<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Change<U> {
        Change {
            value: f(self.value),
            label: self.label,
            key: self.key,
        }
    }
}

fn discrete<T>(value: T, label: &str) -> Change<T> {
    Change {
        value,
        label: label.to_owned(),
        key: None,
    }
}

fn typed<T>(value: T, label: &str, key: String) -> Change<T> {
    Change {
        value,
        label: label.to_owned(),
        key: Some(key),
    }
}

/// The zone or conduit whose risk is edited: builds the edit that replaces it.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    Zone(&'a Zone),
    Conduit(&'a Conduit),
}

impl Owner<'_> {
    fn risk(&self) -> &ElementRisk {
        match self {
            Owner::Zone(z) => &z.risk,
            Owner::Conduit(c) => &c.risk,
        }
    }

    fn element(&self) -> ElementRef {
        match self {
            Owner::Zone(z) => ElementRef::Zone(z.id),
            Owner::Conduit(c) => ElementRef::Conduit(c.id),
        }
    }

    fn id(&self) -> String {
        match self {
            Owner::Zone(z) => format!("zone{}", z.id.0),
            Owner::Conduit(c) => format!("conduit{}", c.id.0),
        }
    }

    /// The intent that applies a changed risk of this element as one undo step.
    fn intent(&self, change: Change<ElementRisk>) -> Intent {
        let key = change.key.map(|k| format!("{}.risk.{k}", self.id()));
        let label = match self {
            Owner::Zone(z) => format!("{} in zone {}", change.label, z.name),
            Owner::Conduit(c) => format!("{} in conduit {}", change.label, c.name),
        };
        Intent::Act(Action::Form {
            label,
            form: Box::new(FormAction::Risk {
                element: self.element(),
                risk: change.value,
            }),
            merge_key: key,
        })
    }

    /// The assets a scenario of this element can affect: a zone's own; for a conduit its
    /// devices and the assets of the two zones it joins.
    fn assets(&self, project: &Project) -> Vec<(AssetId, String)> {
        match self {
            Owner::Zone(z) => z.assets.iter().map(|a| (a.id, a.name.clone())).collect(),
            Owner::Conduit(c) => c
                .devices
                .iter()
                .chain(
                    [c.from, c.to]
                        .into_iter()
                        .filter_map(|id| project.zone(id))
                        .flat_map(|z| z.assets.iter()),
                )
                .map(|a| (a.id, a.name.clone()))
                .collect(),
        }
    }
}

/// A coloured chip with the level name and score of a rating ("–" when unrated).
pub(crate) fn rating_chip_ui(ui: &mut egui::Ui, matrix: &RiskMatrix, rating: Option<Rating>) {
    let (fill, text) = match rating {
        Some(r) => (
            theme::risk_level_color(r.level, matrix.levels.len()),
            format!("{} · {}", matrix.level_name(r.level), r.score),
        ),
        None => (theme::RISK_UNRATED, "not rated".to_owned()),
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .corner_radius(3)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(text)
                    .color(theme::text_on(fill))
                    .strong(),
            );
        })
        .response
        .on_hover_text(match rating {
            Some(r) => format!(
                "likelihood {} × worst consequence {} = score {}",
                r.likelihood, r.consequence, r.score
            ),
            None => "Rate the likelihood and at least one consequence".to_owned(),
        });
}

/// "tolerable" or "above tolerable" after a residual rating.
fn tolerable_ui(ui: &mut egui::Ui, matrix: &RiskMatrix, rating: Option<Rating>) {
    match rating {
        Some(r) if r.tolerable => {
            ui.label(
                egui::RichText::new("tolerable")
                    .color(theme::gap_color(crate::analysis::GapSeverity::None)),
            );
        }
        Some(_) => {
            ui.label(
                egui::RichText::new("above tolerable")
                    .color(theme::finding_color(
                        crate::analysis::FindingSeverity::Error,
                    ))
                    .strong(),
            )
            .on_hover_text(format!("Tolerable: {}", matrix.tolerable_text()));
        }
        None => {}
    }
}

/// A combo of a scale's ranks; 0 is "–" (`none` says what it means).
fn rank_combo_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    steps: &[crate::model::ScaleStep],
    value: u8,
    none: &str,
) -> Option<u8> {
    let name = |r: u8| -> String {
        match usize::from(r).checked_sub(1).and_then(|i| steps.get(i)) {
            Some(s) => format!("{r} {}", s.name),
            None if r == 0 => "–".to_owned(),
            None => format!("{r} (off the scale)"),
        }
    };
    let mut v = value;
    egui::ComboBox::from_id_salt(id)
        .width(130.0)
        .selected_text(name(value))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut v, 0, format!("– {none}"));
            for (i, s) in steps.iter().enumerate() {
                let r = u8::try_from(i + 1).unwrap_or(u8::MAX);
                ui.selectable_value(&mut v, r, name(r))
                    .on_hover_text(&s.description);
            }
        });
    (v != value).then_some(v)
}

/// The likelihood and a consequence per category, in a grid; returns the changed likelihood
/// and consequences.
fn ratings_ui(
    ui: &mut egui::Ui,
    id: &str,
    matrix: &RiskMatrix,
    likelihood: u8,
    consequence: &[u8],
    none: &str,
) -> (Option<u8>, Option<Vec<u8>>) {
    let mut l_out = None;
    let mut c_out = None;
    egui::Grid::new(("ratings", id))
        .num_columns(2)
        .spacing([6.0, 3.0])
        .show(ui, |ui| {
            ui.label("Likelihood");
            l_out = rank_combo_ui(ui, (id, "l"), &matrix.likelihood, likelihood, none);
            ui.end_row();
            for (k, cat) in matrix.categories.iter().enumerate() {
                ui.label(cat).on_hover_text("Consequence in this category");
                let cur = consequence.get(k).copied().unwrap_or(0);
                if let Some(v) = rank_combo_ui(ui, (id, "c", k), &matrix.consequence, cur, none) {
                    let mut n = consequence.to_vec();
                    if n.len() < matrix.categories.len() {
                        n.resize(matrix.categories.len(), 0);
                    }
                    n[k] = v;
                    c_out = Some(n);
                }
                ui.end_row();
            }
        });
    (l_out, c_out)
}

/// Checkboxes of the assets a scenario affects.
fn affected_ui(
    ui: &mut egui::Ui,
    id: &str,
    assets: &[(AssetId, String)],
    chosen: &[AssetId],
) -> Option<Vec<AssetId>> {
    let mut out = None;
    let missing = chosen
        .iter()
        .filter(|a| !assets.iter().any(|(id, _)| id == *a))
        .count();
    egui::CollapsingHeader::new(format!("Affected assets ({})", chosen.len()))
        .id_salt((id, "affected"))
        .show(ui, |ui| {
            if assets.is_empty() {
                ui.label(
                    egui::RichText::new("No assets to choose from.")
                        .small()
                        .weak(),
                );
            }
            // only the rows in view are built; names cut to one line
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt((id, "affected rows"))
                .max_height(row_height * 10.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, assets.len(), |ui, rows| {
                    for (aid, name) in assets.get(rows).unwrap_or_default() {
                        let mut on = chosen.contains(aid);
                        let text = shortened(&crate::model::text::visible(name), 80);
                        if ui.checkbox(&mut on, text).changed() {
                            let mut n: Vec<AssetId> =
                                chosen.iter().copied().filter(|a| a != aid).collect();
                            if on {
                                n.push(*aid);
                            }
                            out = Some(n);
                        }
                    }
                });
            if missing > 0 {
                ui.label(
                    egui::RichText::new(format!("{missing} chosen asset(s) are elsewhere now"))
                        .small()
                        .color(theme::missing_field_color()),
                );
            }
        });
    out
}

/// The text fields of a scenario.
const FIELDS: [Field<ThreatScenario>; 5] = [
    field!(ThreatScenario, "Title", title),
    field!(ThreatScenario, "Threat source", threat_source),
    field!(
        ThreatScenario,
        "Source capability (skills, resources, motivation)",
        source_capability
    ),
    field!(ThreatScenario, "Vector (how the attack arrives)", vector),
    field!(
        ThreatScenario,
        "Vulnerability exploited",
        vulnerability,
        multiline
    ),
];

/// Every field of one scenario; returns the changed scenario.
fn scenario_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    at: super::risk_record::ScenarioAt<'_>,
    matrix: &RiskMatrix,
    s: &ThreatScenario,
    (rated, overdue): (Option<&ScenarioRisk>, &[usize]),
    assets: &[(AssetId, String)],
) -> Option<Change<ThreatScenario>> {
    let id = at.id;
    let mut out = None;
    for (k, f) in FIELDS.iter().enumerate() {
        // a source picked from the project's list replaces the scenario's own source text
        if s.source != 0 && matches!(k, 1 | 2) {
            continue;
        }
        if let Some(n) = f.show_with_id_ui(ui, intents, s, (id, "f", k)) {
            out = Some(typed(
                n,
                &format!("Edit scenario {}", f.label.to_lowercase()),
                format!("f{k}"),
            ));
        }
    }
    if let Some(a) = affected_ui(ui, id, assets, &s.affected_assets) {
        let mut n = s.clone();
        n.affected_assets = a;
        out = Some(discrete(n, "Change affected assets"));
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Unmitigated").strong());
    let (l, c) = ratings_ui(
        ui,
        &format!("{id}u"),
        matrix,
        s.likelihood,
        &s.consequence,
        "not rated",
    );
    if let Some(l) = l {
        let mut n = s.clone();
        n.likelihood = l;
        out = Some(discrete(n, "Rate likelihood"));
    }
    if let Some(c) = c {
        let mut n = s.clone();
        n.consequence = c;
        out = Some(discrete(n, "Rate consequence"));
    }
    ui.horizontal(|ui| {
        ui.label("Unmitigated risk");
        rating_chip_ui(ui, matrix, rated.and_then(|r| r.unmitigated));
    });
    super::risk_record::rationale_ui(ui, intents, at, s);
    ui.add_space(4.0);
    if let Some(v) = TextField::labelled(
        "Existing countermeasures (ZCR 5.8)",
        &s.existing_countermeasures,
    )
    .id((id, "existing"))
    .multiline(true)
    .show_ui(ui, intents)
    {
        let n = ThreatScenario {
            existing_countermeasures: v,
            ..s.clone()
        };
        out = Some(typed(n, "Edit existing countermeasures", "existing".into()));
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("After the existing countermeasures (ZCR 5.9)").strong());
    let (l, c) = ratings_ui(
        ui,
        &format!("{id}e"),
        matrix,
        s.existing_likelihood,
        &s.existing_consequence,
        "as unmitigated",
    );
    if let Some(l) = l {
        let mut n = s.clone();
        n.existing_likelihood = l;
        out = Some(discrete(
            n,
            "Rate likelihood after existing countermeasures",
        ));
    }
    if let Some(c) = c {
        let mut n = s.clone();
        n.existing_consequence = c;
        out = Some(discrete(
            n,
            "Rate consequence after existing countermeasures",
        ));
    }
    ui.horizontal(|ui| {
        ui.label("Risk after existing");
        let r = rated.and_then(|r| r.after_existing);
        rating_chip_ui(ui, matrix, r);
        tolerable_ui(ui, matrix, r);
    });
    ui.add_space(4.0);
    if let Some(ch) =
        measures::countermeasures_ui(ui, intents, id, &s.additional_countermeasures, overdue)
    {
        let base = s.clone();
        out = Some(ch.map(|list| ThreatScenario {
            additional_countermeasures: list,
            ..base
        }));
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Residual (after the additional countermeasures too)").strong());
    let (l, c) = ratings_ui(
        ui,
        &format!("{id}r"),
        matrix,
        s.residual_likelihood,
        &s.residual_consequence,
        "as after existing",
    );
    if let Some(l) = l {
        let mut n = s.clone();
        n.residual_likelihood = l;
        out = Some(discrete(n, "Rate residual likelihood"));
    }
    if let Some(c) = c {
        let mut n = s.clone();
        n.residual_consequence = c;
        out = Some(discrete(n, "Rate residual consequence"));
    }
    ui.horizontal(|ui| {
        ui.label("Residual risk");
        let r = rated.and_then(|r| r.residual);
        rating_chip_ui(ui, matrix, r);
        tolerable_ui(ui, matrix, r);
        if rated.is_some_and(|r| r.accepted_although_intolerable) {
            ui.label(egui::RichText::new("(accepted)").small())
                .on_hover_text(super::register::ACCEPTED_TEXT);
        }
    });
    if rated.is_some_and(|r| r.relies_on_planned) {
        ui.label(
            egui::RichText::new(
                "Tolerable only thanks to additional countermeasures still to be implemented",
            )
            .small()
            .color(theme::finding_color(
                crate::analysis::FindingSeverity::Warning,
            )),
        );
    }
    out
}

/// At most `n` characters of `s`, "…" when cut (headers do not wrap, and a long one would
/// widen the inspector).
pub(crate) fn shortened(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// "1 threat scenario", "2 threat scenarios".
pub(crate) fn scenarios_text(n: usize) -> String {
    format!("{n} threat scenario{}", if n == 1 { "" } else { "s" })
}

/// A header line for a scenario: its title and residual risk.
fn scenario_header(
    i: usize,
    s: &ThreatScenario,
    matrix: &RiskMatrix,
    r: Option<&ScenarioRisk>,
) -> String {
    let title = shortened(&crate::analysis::register::scenario_title(i, s), 28);
    match r.and_then(|r| r.residual) {
        Some(res) => format!(
            "{title} — {} {}",
            shortened(matrix.level_name(res.level), 10),
            res.score
        ),
        None => format!("{title} — not rated"),
    }
}

/// What `assess` says of a list of scenarios: the risk of each, and the additional
/// countermeasures past their due date (scenario index, countermeasure index).
#[derive(Clone, Copy)]
pub struct Rated<'a> {
    pub risks: &'a [ScenarioRisk],
    pub overdue: &'a [(usize, usize)],
}

/// A list of threat scenarios, each in its own collapsible block, with add and remove. `id`
/// keeps the widgets of different lists apart; `rated` is what `assess` says of each.
pub(crate) fn scenarios_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    (id, element): (&str, ElementRef),
    risk: &ProjectRisk,
    scenarios: &[ThreatScenario],
    rated: Rated<'_>,
    assets: &[(AssetId, String)],
) -> Option<Change<Vec<ThreatScenario>>> {
    let Rated {
        risks: rated,
        overdue,
    } = rated;
    let matrix = &risk.matrix;
    let mut out = None;
    for (i, s) in scenarios.iter().enumerate() {
        let r = rated.get(i);
        let sid = format!("{id}.s{i}");
        egui::CollapsingHeader::new(scenario_header(i, s, matrix, r))
            .id_salt((id, "scenario", i))
            .default_open(scenarios.len() == 1)
            .show(ui, |ui| {
                let late: Vec<usize> = overdue
                    .iter()
                    .filter(|(k, _)| *k == i)
                    .map(|(_, j)| *j)
                    .collect();
                let at = super::risk_record::ScenarioAt {
                    element,
                    index: i,
                    id: &sid,
                };
                super::risk_record::source_pick_ui(ui, intents, risk, at, s);
                if let Some(ch) = scenario_ui(ui, intents, at, matrix, s, (r, &late), assets) {
                    let mut n = scenarios.to_vec();
                    n[i] = ch.value;
                    out = Some(Change {
                        value: n,
                        label: ch.label,
                        key: ch.key.map(|k| format!("s{i}.{k}")),
                    });
                }
                super::risk_record::scenario_record_ui(ui, intents, at, s, r);
                ui.add_space(2.0);
                if ui
                    .button("Remove scenario")
                    .on_hover_text("Remove this threat scenario")
                    .clicked()
                {
                    let mut n = scenarios.to_vec();
                    n.remove(i);
                    out = Some(discrete(n, "Remove threat scenario"));
                }
            });
    }
    if ui.button("Add threat scenario").clicked() {
        let mut n = scenarios.to_vec();
        n.push(ThreatScenario {
            title: format!("Threat scenario {}", scenarios.len() + 1),
            consequence: vec![0; matrix.categories.len()],
            ..Default::default()
        });
        out = Some(discrete(n, "Add threat scenario"));
    }
    out
}

/// Beside the SL-T: the SL-T the worst unmitigated risk proposes and, when the chosen one is
/// below it, the rationale (tinted while empty).
pub(crate) fn proposal_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    owner: Owner<'_>,
    ea: Option<&ElementAssessment>,
) {
    let Some(e) = ea else { return };
    let risk = owner.risk();
    match e.risk.proposed_sl_t {
        Some(p) => {
            ui.label(format!("Proposed from risk: SL {p}"))
                .on_hover_text(
                    "The SL-T the worst unmitigated risk of the threat scenarios proposes",
                );
        }
        None => {
            ui.label(
                egui::RichText::new("Proposed from risk: – (no rated threat scenario)")
                    .small()
                    .weak(),
            );
            return;
        }
    }
    if e.risk.below_proposal.is_empty() && risk.sl_t_rationale.is_empty() {
        return;
    }
    let frs: Vec<&str> = e
        .risk
        .below_proposal
        .iter()
        .filter_map(|&i| crate::model::Fr::ALL.get(i).map(|f| f.code()))
        .collect();
    let empty = risk.sl_t_rationale.trim().is_empty();
    let label = if frs.is_empty() {
        "Rationale for the SL-T".to_owned()
    } else {
        format!("SL-T below the proposal in {}: rationale", frs.join(", "))
    };
    if empty {
        ui.label(egui::RichText::new(&label).color(theme::missing_field_color()));
    }
    let shown = if empty {
        "Why the lower SL-T is enough"
    } else {
        label.as_str()
    };
    if let Some(v) = TextField::labelled(shown, &risk.sl_t_rationale)
        .id((owner.id(), "rationale"))
        .multiline(true)
        .show_ui(ui, intents)
    {
        let mut n = risk.clone();
        n.sl_t_rationale = v;
        intents.push(owner.intent(typed(n, "Edit SL-T rationale", "rationale".into())));
    }
}

/// The collapsible Risk section of a zone or conduit.
pub(crate) fn element_risk_ui(
    ui: &mut egui::Ui,
    intents: &mut Intents,
    project: &Project,
    owner: Owner<'_>,
    ea: Option<&ElementAssessment>,
) {
    let risk = owner.risk();
    let matrix = &project.risk.matrix;
    let title = match ea {
        Some(e) if e.risk.intolerable > 0 => format!(
            "Risk ({}, {} above tolerable{})",
            scenarios_text(risk.scenarios.len()),
            e.risk.intolerable,
            match e.risk.accepted_intolerable {
                0 => String::new(),
                n => format!(", {n} accepted"),
            }
        ),
        _ => format!("Risk ({})", scenarios_text(risk.scenarios.len())),
    };
    let id = owner.id();
    egui::CollapsingHeader::new(title)
        .id_salt((id.as_str(), "risk"))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "Detailed risk assessment (ZCR 5). Tolerable: {}.",
                    matrix.tolerable_text()
                ))
                .small()
                .weak(),
            );
            if let Some(e) = ea {
                ui.horizontal(|ui| {
                    ui.label("Worst unmitigated");
                    let worst = e.risk.worst_unmitigated.and_then(|l| {
                        e.risk
                            .scenarios
                            .iter()
                            .filter_map(|s| s.unmitigated)
                            .filter(|r| r.level == l)
                            .max_by_key(|r| r.score)
                    });
                    rating_chip_ui(ui, matrix, worst);
                });
            }
            super::risk_record::record_ui(ui, intents, project, owner.element(), risk);
            let rated = ea.map_or(&[][..], |e| e.risk.scenarios.as_slice());
            let overdue = ea.map_or(&[][..], |e| e.risk.overdue.as_slice());
            let assets = owner.assets(project);
            if let Some(ch) = scenarios_ui(
                ui,
                intents,
                (&id, owner.element()),
                &project.risk,
                &risk.scenarios,
                Rated {
                    risks: rated,
                    overdue,
                },
                &assets,
            ) {
                let base = risk.clone();
                let ch = ch.map(|scenarios| ElementRisk { scenarios, ..base });
                intents.push(owner.intent(ch));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Asset, ConduitId, Rect, ZoneId, ZoneKind};

    fn plant() -> Project {
        let mut p = Project::default();
        for (id, name, asset) in [(1, "BPCS", 11), (2, "SIS", 21)] {
            let mut z = Zone::new(
                ZoneId(id),
                name,
                ZoneKind::Control,
                Rect::new(0.0, 0.0, 100.0, 80.0),
            );
            z.assets
                .push(Asset::new(AssetId(asset), format!("A{asset}"), "plc"));
            p.zones.push(z);
        }
        let mut c = Conduit::new(ConduitId(5), "BPCS ↔ SIS", ZoneId(1), ZoneId(2));
        c.devices.push(Asset::new(AssetId(51), "FW", "firewall"));
        p.conduits.push(c);
        p
    }

    #[test]
    fn a_conduit_scenario_chooses_from_its_devices_and_both_zones() {
        let p = plant();
        let ids = |o: Owner<'_>| -> Vec<u32> { o.assets(&p).iter().map(|(a, _)| a.0).collect() };
        assert_eq!(ids(Owner::Conduit(&p.conduits[0])), vec![51, 11, 21]);
        assert_eq!(ids(Owner::Zone(&p.zones[1])), vec![21]);
    }

    #[test]
    fn a_typed_change_becomes_one_merging_replace_of_the_element() {
        let p = plant();
        let risk = ElementRisk {
            sl_t_rationale: "air gap".into(),
            ..Default::default()
        };
        let owner = Owner::Conduit(&p.conduits[0]);
        let intent = owner.intent(typed(
            risk.clone(),
            "Edit SL-T rationale",
            "rationale".into(),
        ));
        let Intent::Act(Action::Form {
            label,
            form,
            merge_key,
        }) = intent
        else {
            panic!("an edit");
        };
        assert_eq!(label, "Edit SL-T rationale in conduit BPCS ↔ SIS");
        assert_eq!(merge_key.as_deref(), Some("conduit5.risk.rationale"));
        let plan = crate::command::plan(
            &crate::command::Action::Form {
                label,
                form,
                merge_key,
            },
            &p,
            &Default::default(),
            crate::catalog::Catalog::embedded(),
        )
        .expect("a plan");
        let mut after = p.clone();
        plan.edit.apply(&mut after).expect("applies");
        let c = after.conduit(ConduitId(5)).expect("the conduit");
        assert_eq!(c.risk, risk);
        assert_eq!(c.devices.len(), 1, "the rest of the conduit is kept");
        assert_eq!(after.zones, p.zones, "nothing else changes");
        assert_eq!(shortened("abcdef", 4), "abc…");
        assert_eq!(shortened("abc", 4), "abc");
        assert_eq!(scenarios_text(1), "1 threat scenario");
    }
}
