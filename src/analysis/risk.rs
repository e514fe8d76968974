//! What the risk assessment says (ZCR 2, 4, 5): the unmitigated risk of every threat scenario,
//! its risk after the existing and after the additional countermeasures, the SL-T each zone and
//! conduit's worst risk proposes. Pure; read through `Assessment`. The approval is in
//! `analysis::approval`.

pub use super::approval::{ApprovalState, approval_state};
use super::findings::Sink;
use super::{Finding, FindingCode};
use crate::model::component::Date;
use crate::model::text::is_blank;
use crate::model::{
    ElementRef, ElementRisk, Fr, MeasureStatus, Project, RiskMatrix, SlVector, ThreatScenario,
};
use serde::Serialize;

/// One rating on the matrix: the ranks, their score and the level of their cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub likelihood: u8,
    /// Worst consequence over the categories.
    pub consequence: u8,
    /// likelihood × consequence.
    pub score: u8,
    /// Index into the matrix's levels.
    pub level: u8,
    pub tolerable: bool,
}

fn rate(matrix: &RiskMatrix, likelihood: u8, consequence: u8) -> Option<Rating> {
    let level = matrix.level_of(likelihood, consequence)?;
    Some(Rating {
        likelihood,
        consequence,
        score: likelihood.saturating_mul(consequence),
        level,
        tolerable: matrix.is_tolerable(level),
    })
}

/// The risk of one threat scenario before and after its countermeasures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScenarioRisk {
    /// `None` when the likelihood or every consequence is unrated.
    pub unmitigated: Option<Rating>,
    /// After the existing countermeasures (ZCR 5.9). Per category, a consequence not re-rated
    /// keeps the unmitigated one, and so does an unrated likelihood.
    pub after_existing: Option<Rating>,
    /// After the existing and the additional countermeasures: the final residual risk, which
    /// is compared with the tolerable risk. Unrated values carry forward from the step before,
    /// per category: no credit for countermeasures nobody rated.
    pub residual: Option<Rating>,
    /// The final residual is tolerable only thanks to additional countermeasures that are not
    /// implemented yet (the risk after the existing ones is above the tolerable).
    pub relies_on_planned: bool,
    /// The final residual is above the tolerable risk and was accepted explicitly: by a named
    /// person in a role, on a readable date, with a justification. It stays intolerable (it
    /// counts in `intolerable`); it is shown as accepted although intolerable.
    pub accepted_although_intolerable: bool,
}

/// Rates a scenario on the matrix.
pub(crate) fn scenario_risk(matrix: &RiskMatrix, s: &ThreatScenario) -> ScenarioRisk {
    let worst = |v: Vec<u8>| v.into_iter().max().unwrap_or(0);
    let unmitigated = rate(matrix, s.likelihood, s.worst_consequence());
    let after_existing = rate(
        matrix,
        s.likelihood_after_existing(),
        worst(s.consequence_after_existing()),
    );
    let residual = rate(
        matrix,
        s.likelihood_after_all(),
        worst(s.consequence_after_all()),
    );
    let pending = s
        .additional_countermeasures
        .iter()
        .any(|m| m.status != MeasureStatus::Implemented);
    ScenarioRisk {
        unmitigated,
        after_existing,
        residual,
        relies_on_planned: pending
            && residual.is_some_and(|r| r.tolerable)
            && after_existing.is_some_and(|r| !r.tolerable),
        accepted_although_intolerable: residual.is_some_and(|r| !r.tolerable)
            && s.acceptance
                .as_ref()
                .is_some_and(|a| a.missing(true).is_empty()),
    }
}

/// Whether an additional countermeasure still to be implemented is past its due date on the
/// assessment date (a due date that is not a calendar date is never overdue).
pub(crate) fn is_overdue(m: &crate::model::Countermeasure, on: Option<Date>) -> bool {
    m.status != MeasureStatus::Implemented
        && matches!((Date::parse(&m.due), on), (Some(due), Some(on)) if due < on)
}

/// The risk assessment of one zone or conduit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ElementRiskAssessment {
    /// One per scenario, in the element's order.
    pub scenarios: Vec<ScenarioRisk>,
    /// Highest unmitigated level over the rated scenarios.
    pub worst_unmitigated: Option<u8>,
    /// Highest residual level.
    pub worst_residual: Option<u8>,
    /// The SL-T the worst unmitigated risk proposes (the level's SL in every FR).
    pub proposed_sl_t: Option<SlVector>,
    /// Scenarios whose residual risk is above the tolerable risk (accepted ones included).
    pub intolerable: usize,
    /// Of those, the ones accepted explicitly, with a justification.
    pub accepted_intolerable: usize,
    /// The FRs (indices) where the chosen SL-T is below the proposal.
    pub below_proposal: Vec<usize>,
    /// Additional countermeasures past their due date and not implemented: (scenario index,
    /// countermeasure index), in order.
    pub overdue: Vec<(usize, usize)>,
}

/// Rates every scenario of an element and compares its SL-T with the proposal.
pub(crate) fn element_risk(
    matrix: &RiskMatrix,
    risk: &ElementRisk,
    sl_t: Option<SlVector>,
    date: Option<Date>,
) -> ElementRiskAssessment {
    if risk.scenarios.is_empty() {
        return ElementRiskAssessment::default();
    }
    let scenarios: Vec<ScenarioRisk> = risk
        .scenarios
        .iter()
        .map(|s| scenario_risk(matrix, s))
        .collect();
    let worst_unmitigated = scenarios
        .iter()
        .filter_map(|s| s.unmitigated.map(|r| r.level))
        .max();
    let worst_residual = scenarios
        .iter()
        .filter_map(|s| s.residual.map(|r| r.level))
        .max();
    let proposed_sl_t = worst_unmitigated
        .and_then(|l| matrix.levels.get(usize::from(l)))
        .map(|l| SlVector::uniform(l.proposed_sl_t));
    let intolerable = scenarios
        .iter()
        .filter(|s| s.residual.is_some_and(|r| !r.tolerable))
        .count();
    let accepted_intolerable = scenarios
        .iter()
        .filter(|s| s.accepted_although_intolerable)
        .count();
    let below_proposal = match (proposed_sl_t, sl_t) {
        (Some(p), Some(t)) => (0..7).filter(|&fr| t.0[fr] < p.0[fr]).collect(),
        _ => Vec::new(),
    };
    let overdue = risk
        .scenarios
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.additional_countermeasures
                .iter()
                .enumerate()
                .filter(move |(_, m)| is_overdue(m, date))
                .map(move |(j, _)| (i, j))
        })
        .collect();
    ElementRiskAssessment {
        scenarios,
        worst_unmitigated,
        worst_residual,
        proposed_sl_t,
        intolerable,
        accepted_intolerable,
        below_proposal,
        overdue,
    }
}

/// The project-wide part: the initial assessment and the approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectRiskAssessment {
    /// One per initial (worst-case) scenario.
    pub initial: Vec<ScenarioRisk>,
    /// Highest unmitigated level of the initial assessment.
    pub initial_worst: Option<u8>,
    /// Whether the initial worst risk is above the tolerable risk (then ZCR 5's detailed
    /// assessment is needed).
    pub initial_above_tolerable: bool,
    pub approval: ApprovalState,
    /// SHA-256 (hex) of the assessment result as it is now: what a new approval records.
    pub assessment_hash: String,
}

/// The initial assessment; `approval` and `assessment_hash` are filled in by `assess` once
/// the rest of the result is known.
pub(crate) fn project_risk(project: &Project) -> ProjectRiskAssessment {
    let matrix = &project.risk.matrix;
    let initial: Vec<ScenarioRisk> = project
        .risk
        .initial
        .iter()
        .map(|s| scenario_risk(matrix, s))
        .collect();
    let initial_worst = initial
        .iter()
        .filter_map(|s| s.unmitigated.map(|r| r.level))
        .max();
    ProjectRiskAssessment {
        initial_above_tolerable: initial_worst.is_some_and(|l| !matrix.is_tolerable(l)),
        initial,
        initial_worst,
        approval: ApprovalState::None,
        assessment_hash: String::new(),
    }
}

/// The risk findings: elements without scenarios, unrated scenarios, residual risk above the
/// tolerable, residual risk that relies on planned countermeasures, an SL-T below the proposal
/// without rationale; for the project, a missing initial assessment. `zones` / `conduits` are the element assessments in
/// project order (their `risk` is read).
pub(super) fn risk_findings(
    project: &Project,
    zones: &[super::ElementAssessment],
    conduits: &[super::ElementAssessment],
    date: Option<Date>,
) -> Vec<Finding> {
    let mut sink = Sink::new();
    let matrix = &project.risk.matrix;
    let mut push =
        |code: FindingCode, element: ElementRef, message: String, remedy: &'static str| {
            sink.push(code, element, message, remedy)
        };
    let elements = project
        .zones
        .iter()
        .zip(zones)
        .map(|(z, e)| {
            (
                ElementRef::Zone(z.id),
                "Zone",
                z.name.as_str(),
                &z.risk,
                &e.risk,
            )
        })
        .chain(project.conduits.iter().zip(conduits).map(|(c, e)| {
            (
                ElementRef::Conduit(c.id),
                "Conduit",
                c.name.as_str(),
                &c.risk,
                &e.risk,
            )
        }));
    for (el, kind, name, risk, assessed) in elements {
        if risk.scenarios.is_empty() {
            push(
                FindingCode::RiskNoScenario,
                el,
                format!(
                    "{kind} \"{name}\" has no threat scenario: nothing in the risk assessment supports its SL-T."
                ),
                "Add the threat scenarios of the detailed risk assessment (ZCR 5) with their likelihood and consequence.",
            );
            continue;
        }
        for (i, (s, r)) in risk.scenarios.iter().zip(&assessed.scenarios).enumerate() {
            let title = super::register::scenario_title(i, s);
            if r.unmitigated.is_none() {
                push(
                    FindingCode::RiskUnrated,
                    el,
                    format!(
                        "Threat scenario \"{title}\" of \"{name}\" has no unmitigated likelihood or consequence, so it has no risk."
                    ),
                    "Rate the unmitigated likelihood and the consequence in at least one category.",
                );
            }
            // whatever else is unrated: a final residual above the tolerable is an error,
            // unless accepted explicitly with a justification (then a warning of its own)
            if let Some(res) = r.residual.filter(|res| !res.tolerable) {
                let level = matrix.level_name(res.level);
                let tolerable = matrix.tolerable_text();
                match s
                    .acceptance
                    .as_ref()
                    .filter(|_| r.accepted_although_intolerable)
                {
                    Some(a) => push(
                        FindingCode::RiskAcceptedIntolerable,
                        el,
                        format!(
                            "The residual risk of \"{title}\" in \"{name}\" is {level} (score {}), above the tolerable risk ({tolerable}), and accepted although intolerable by {}.",
                            res.score,
                            a.text()
                        ),
                        "Keep the acceptance under review: reduce the risk when the justification no longer holds, and have the approval cover it.",
                    ),
                    None => {
                        let why = match s.acceptance.as_ref().filter(|a| a.is_recorded()) {
                            Some(a) => format!(
                                " Its acceptance does not count: it lacks {}.",
                                a.missing(true).join(", ")
                            ),
                            None => String::new(),
                        };
                        push(
                            FindingCode::RiskResidualIntolerable,
                            el,
                            format!(
                                "The residual risk of \"{title}\" in \"{name}\" is {level} (score {}), above the tolerable risk ({tolerable}).{why}",
                                res.score,
                            ),
                            "Add countermeasures until the residual risk is tolerable, and rate the likelihood and consequence after them; or have it accepted explicitly (name, role, date, justification).",
                        );
                    }
                }
            }
            if r.relies_on_planned {
                let pending: Vec<String> = s
                    .additional_countermeasures
                    .iter()
                    .filter(|m| m.status != MeasureStatus::Implemented)
                    .map(|m| measure_text(m, date))
                    .collect();
                let after = r.after_existing.map_or(0, |a| a.level);
                push(
                    FindingCode::RiskReliesOnPlanned,
                    el,
                    format!(
                        "The residual risk of \"{title}\" in \"{name}\" is tolerable only thanks to additional countermeasures still to be implemented (after the existing ones it is {}): {}.",
                        matrix.level_name(after),
                        pending.join("; ")
                    ),
                    "Implement the additional countermeasures by their due dates and set their status; until then the risk above the tolerable remains.",
                );
            }
        }
        if !assessed.below_proposal.is_empty() && is_blank(&risk.sl_t_rationale) {
            let frs: Vec<&str> = assessed
                .below_proposal
                .iter()
                .filter_map(|&i| Fr::ALL.get(i).map(|f| f.code()))
                .collect();
            let proposal = assessed
                .proposed_sl_t
                .map(|p| p.to_string())
                .unwrap_or_default();
            push(
                FindingCode::SlTBelowProposal,
                el,
                format!(
                    "The SL-T of \"{name}\" is below the {proposal} its worst unmitigated risk proposes ({}), with no rationale.",
                    frs.join(", ")
                ),
                "Raise the SL-T to the proposal, or write why the lower target is enough.",
            );
        }
    }
    if project.risk.initial.is_empty() {
        push(
            FindingCode::RiskInitialMissing,
            ElementRef::Project,
            "The project has no initial risk assessment (worst-case scenarios for the whole system).".to_owned(),
            "Add the worst-case scenarios of the system under consideration (ZCR 2) and compare them with the tolerable risk (ZCR 4).",
        );
    }
    sink.finish()
}

/// An additional countermeasure in a message: "Allow-listing (owner OT security, due
/// 2026-03-01, overdue, planned)".
pub(crate) fn measure_text(m: &crate::model::Countermeasure, on: Option<Date>) -> String {
    let mut parts = Vec::new();
    if !is_blank(&m.owner) {
        parts.push(format!("owner {}", m.owner.trim()));
    }
    if !is_blank(&m.due) {
        parts.push(format!("due {}", m.due.trim()));
    }
    if is_overdue(m, on) {
        parts.push("overdue".to_owned());
    }
    parts.push(m.status.label().to_owned());
    format!(
        "{} ({})",
        if is_blank(&m.measure) {
            "(unnamed)"
        } else {
            m.measure.trim()
        },
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rect, Zone, ZoneId, ZoneKind};

    fn scenario(l: u8, c: &[u8], rl: u8, rc: &[u8]) -> ThreatScenario {
        ThreatScenario {
            title: "t".into(),
            likelihood: l,
            consequence: c.to_vec(),
            residual_likelihood: rl,
            residual_consequence: rc.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn a_scenario_is_rated_by_its_worst_category() {
        let m = RiskMatrix::default();
        // likelihood 3, worst consequence 4 (production) → score 12, High (2), not tolerable;
        // after countermeasures likelihood 2, consequence 3 → 6, Medium, tolerable
        let r = scenario_risk(&m, &scenario(3, &[2, 1, 4, 3], 2, &[3, 1, 3]));
        let u = r.unmitigated.unwrap();
        assert_eq!((u.score, u.level, u.tolerable), (12, 2, false));
        let res = r.residual.unwrap();
        assert_eq!((res.score, res.level, res.tolerable), (6, 1, true));
    }

    #[test]
    fn an_unrated_residual_takes_the_unmitigated_risk() {
        let m = RiskMatrix::default();
        let r = scenario_risk(&m, &scenario(4, &[4], 0, &[]));
        assert_eq!(r.residual, r.unmitigated);
        assert_eq!(r.residual.unwrap().level, 3); // 16 → Critical
        // only the likelihood rated: consequence still the unmitigated one
        let r = scenario_risk(&m, &scenario(4, &[4], 1, &[]));
        assert_eq!(r.residual.unwrap().score, 4);
        let r = scenario_risk(&m, &scenario(0, &[4], 0, &[]));
        assert_eq!((r.unmitigated, r.residual), (None, None));
    }

    #[test]
    fn the_worst_unmitigated_risk_proposes_the_sl_t() {
        let m = RiskMatrix::default();
        let risk = ElementRisk {
            scenarios: vec![
                scenario(2, &[2], 1, &[1]), // 4 Medium
                scenario(3, &[4], 2, &[4]), // 12 High → SL 3; residual 8 Medium
                scenario(5, &[3], 0, &[]),  // 15 Critical, residual the same: intolerable
            ],
            ..ElementRisk::default()
        };
        let t = SlVector([4, 4, 3, 4, 4, 4, 4]);
        let e = element_risk(&m, &risk, Some(t), None);
        assert_eq!(e.worst_unmitigated, Some(3));
        assert_eq!(e.worst_residual, Some(3));
        assert_eq!(e.proposed_sl_t, Some(SlVector::uniform(4)));
        assert_eq!(e.intolerable, 1);
        assert_eq!(e.below_proposal, vec![2]);
        let none = element_risk(&m, &ElementRisk::default(), Some(t), None);
        assert_eq!(none, ElementRiskAssessment::default());
    }

    #[test]
    fn the_initial_assessment_is_compared_with_the_tolerable_risk() {
        let mut p = Project::default();
        p.risk.initial = vec![scenario(2, &[2], 0, &[]), scenario(4, &[5], 0, &[])];
        let r = project_risk(&p);
        assert_eq!(r.initial_worst, Some(3));
        assert!(r.initial_above_tolerable);
        p.risk.initial.truncate(1);
        assert!(!project_risk(&p).initial_above_tolerable);
    }

    /// A two-zone plant (control SL-T 2, safety SL-T 3) with one conduit, each element holding
    /// the given scenario, plus an initial assessment.
    fn plant(s: ThreatScenario) -> Project {
        use crate::model::{Asset, AssetId, Conduit, ConduitId};
        let mut p = Project::default();
        let mut a = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 300.0, 200.0),
        );
        a.sl_t = Some(SlVector::uniform(2));
        a.assets.push(Asset::new(AssetId(1), "PLC", "plc"));
        a.risk.scenarios.push(s.clone());
        let mut b = Zone::new(
            ZoneId(2),
            "SIS",
            ZoneKind::Safety,
            Rect::new(400.0, 0.0, 300.0, 200.0),
        );
        b.sl_t = Some(SlVector::uniform(3));
        b.assets
            .push(Asset::new(AssetId(2), "SIS PLC", "safety_plc"));
        b.risk.scenarios.push(s.clone());
        let mut c = Conduit::new(ConduitId(1), "BPCS ↔ SIS", ZoneId(1), ZoneId(2));
        c.risk.scenarios.push(s);
        p.zones = vec![a, b];
        p.conduits = vec![c];
        p.risk.initial.push(scenario(2, &[5], 0, &[]));
        p
    }

    fn risk_codes(p: &Project) -> Vec<(FindingCode, ElementRef)> {
        crate::analysis::assess(p, crate::catalog::Catalog::embedded())
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.code,
                    FindingCode::RiskNoScenario
                        | FindingCode::RiskUnrated
                        | FindingCode::RiskResidualIntolerable
                        | FindingCode::SlTBelowProposal
                        | FindingCode::RiskInitialMissing
                        | FindingCode::ApprovalOutdated
                        | FindingCode::ApprovalRejected
                )
            })
            .map(|f| (f.code, f.element))
            .collect()
    }

    #[test]
    fn a_tolerable_scenario_within_the_targets_gives_no_risk_finding() {
        // 2 × 4 = 8, Medium: proposes SL 2 (≤ every target), residual 1 × 4 = 4 tolerable
        let p = plant(scenario(2, &[4, 1], 1, &[]));
        assert_eq!(risk_codes(&p), vec![]);
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        assert_eq!(a.zones[0].risk.proposed_sl_t, Some(SlVector::uniform(2)));
        assert_eq!(a.zones[0].risk.worst_residual, Some(1));
        assert!(a.risk.initial_above_tolerable); // 2 × 5 = 10, High
    }

    #[test]
    fn elements_without_scenarios_and_a_project_without_an_initial_assessment_are_noted() {
        let mut p = plant(scenario(2, &[4], 1, &[]));
        p.zones[1].risk.scenarios.clear();
        p.risk.initial.clear();
        assert_eq!(
            risk_codes(&p),
            vec![
                (FindingCode::RiskNoScenario, ElementRef::Zone(ZoneId(2))),
                (FindingCode::RiskInitialMissing, ElementRef::Project),
            ]
        );
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        let f = a
            .findings
            .iter()
            .find(|f| f.code == FindingCode::RiskNoScenario)
            .unwrap();
        assert_eq!(f.severity, crate::analysis::FindingSeverity::Info);
    }

    #[test]
    fn an_unrated_scenario_is_a_warning() {
        let p = plant(scenario(0, &[4], 0, &[]));
        let codes = risk_codes(&p);
        assert_eq!(codes.len(), 3);
        assert!(codes.iter().all(|(c, _)| *c == FindingCode::RiskUnrated));
    }

    #[test]
    fn residual_risk_above_the_tolerable_is_an_error_on_its_element() {
        // 3 × 4 = 12 High before; after: likelihood 3 unchanged, consequence 3 → 9, still High
        let mut p = plant(scenario(2, &[4], 1, &[]));
        p.zones[1].risk.scenarios[0] = scenario(3, &[4], 0, &[3]);
        assert_eq!(
            risk_codes(&p),
            vec![(
                FindingCode::RiskResidualIntolerable,
                ElementRef::Zone(ZoneId(2))
            )]
        );
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        let f = &a
            .findings
            .iter()
            .find(|f| f.code == FindingCode::RiskResidualIntolerable)
            .unwrap();
        assert_eq!(f.severity, crate::analysis::FindingSeverity::Error);
        assert!(f.message.contains("High (score 9)"), "{}", f.message);
        assert_eq!(a.zones[1].risk.intolerable, 1);
        // a lower residual likelihood brings it to 2 × 3 = 6, Medium: tolerable
        p.zones[1].risk.scenarios[0].residual_likelihood = 2;
        assert_eq!(risk_codes(&p), vec![]);
    }

    #[test]
    fn sl_t_below_the_proposal_needs_a_rationale() {
        // 3 × 4 = 12, High: proposes SL 3; BPCS (SL-T 2) and the conduit (max = 3) differ
        let mut p = plant(scenario(3, &[4], 1, &[]));
        p.zones[1].risk.scenarios[0] = scenario(2, &[4], 1, &[]);
        p.conduits[0].risk.scenarios[0] = scenario(2, &[4], 1, &[]);
        assert_eq!(
            risk_codes(&p),
            vec![(FindingCode::SlTBelowProposal, ElementRef::Zone(ZoneId(1)))]
        );
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        assert_eq!(a.zones[0].risk.below_proposal, (0..7).collect::<Vec<_>>());
        // one FR chosen lower, with a reason: no finding
        p.zones[0].sl_t = Some(SlVector([3, 3, 3, 2, 3, 3, 3]));
        assert_eq!(risk_codes(&p).len(), 1);
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        assert_eq!(a.zones[0].risk.below_proposal, vec![3]);
        let f = a
            .findings
            .iter()
            .find(|f| f.code == FindingCode::SlTBelowProposal)
            .unwrap();
        assert!(f.message.contains("(DC)"), "{}", f.message);
        p.zones[0].risk.sl_t_rationale = "Process data is not confidential.".into();
        assert_eq!(risk_codes(&p), vec![]);
    }
}
