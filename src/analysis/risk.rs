//! What the risk assessment says (ZCR 2, 4, 5, 7): the unmitigated and residual risk of every
//! threat scenario, the SL-T each zone and conduit's worst risk proposes, and whether the asset
//! owner's approval still covers the content. Pure; read through `Assessment`.

use super::findings::Sink;
use super::{Finding, FindingCode};
use crate::model::text::is_blank;
use crate::model::{
    Approval, Decision, ElementRef, ElementRisk, Fr, Project, RiskMatrix, SlVector, ThreatScenario,
    content_hash,
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
    /// After the countermeasures. An unrated residual likelihood or consequence takes the
    /// unmitigated one: no credit for countermeasures nobody rated.
    pub residual: Option<Rating>,
}

/// Rates a scenario on the matrix.
pub fn scenario_risk(matrix: &RiskMatrix, s: &ThreatScenario) -> ScenarioRisk {
    let unmitigated = rate(matrix, s.likelihood, s.worst_consequence());
    let likelihood = match s.residual_likelihood {
        0 => s.likelihood,
        l => l,
    };
    let consequence = match s.worst_residual_consequence() {
        0 => s.worst_consequence(),
        c => c,
    };
    ScenarioRisk {
        unmitigated,
        residual: rate(matrix, likelihood, consequence),
    }
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
    /// Scenarios whose residual risk is above the tolerable risk.
    pub intolerable: usize,
    /// The FRs (indices) where the chosen SL-T is below the proposal.
    pub below_proposal: Vec<usize>,
}

/// Rates every scenario of an element and compares its SL-T with the proposal.
pub fn element_risk(
    matrix: &RiskMatrix,
    risk: &ElementRisk,
    sl_t: Option<SlVector>,
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
    let below_proposal = match (proposed_sl_t, sl_t) {
        (Some(p), Some(t)) => (0..7).filter(|&fr| t.0[fr] < p.0[fr]).collect(),
        _ => Vec::new(),
    };
    ElementRiskAssessment {
        scenarios,
        worst_unmitigated,
        worst_residual,
        proposed_sl_t,
        intolerable,
        below_proposal,
    }
}

/// Where the asset owner's approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ApprovalState {
    /// No approval recorded.
    None,
    /// The approval covers the content as it is now.
    Current { decision: Decision },
    /// The content (or the document revision) changed since it was approved.
    Outdated {
        decision: Decision,
        content_changed: bool,
        revision_changed: bool,
    },
}

impl ApprovalState {
    pub fn label(&self) -> &'static str {
        match self {
            ApprovalState::None => "not approved",
            ApprovalState::Current { decision } => match decision {
                Decision::Approved => "approved",
                Decision::ApprovedWithConditions => "approved with conditions",
                Decision::Rejected => "rejected",
            },
            ApprovalState::Outdated { .. } => "outdated",
        }
    }
}

/// Compares an approval with the project as it is.
pub fn approval_state(project: &Project, approval: Option<&Approval>) -> ApprovalState {
    let Some(a) = approval else {
        return ApprovalState::None;
    };
    let content_changed = a.content_hash.trim() != content_hash(project);
    let revision_changed = a.revision.trim() != project.meta.revision.trim();
    if content_changed || revision_changed {
        ApprovalState::Outdated {
            decision: a.decision,
            content_changed,
            revision_changed,
        }
    } else {
        ApprovalState::Current {
            decision: a.decision,
        }
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
}

pub fn project_risk(project: &Project) -> ProjectRiskAssessment {
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
        approval: approval_state(project, project.approval.as_ref()),
    }
}

/// The risk findings: elements without scenarios, unrated scenarios, residual risk above the
/// tolerable, an SL-T below the proposal without rationale; for the project, a missing initial
/// assessment and the approval's state. `zones` / `conduits` are the element assessments in
/// project order (their `risk` is read).
pub(super) fn risk_findings(
    project: &Project,
    zones: &[super::ElementAssessment],
    conduits: &[super::ElementAssessment],
    overall: &ProjectRiskAssessment,
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
        for (s, r) in risk.scenarios.iter().zip(&assessed.scenarios) {
            let title = scenario_title(s);
            match (r.unmitigated, r.residual) {
                (None, _) => push(
                    FindingCode::RiskUnrated,
                    el,
                    format!(
                        "Threat scenario \"{title}\" of \"{name}\" has no unmitigated likelihood or consequence, so it has no risk."
                    ),
                    "Rate the unmitigated likelihood and the consequence in at least one category.",
                ),
                (Some(_), Some(res)) if !res.tolerable => push(
                    FindingCode::RiskResidualIntolerable,
                    el,
                    format!(
                        "The residual risk of \"{title}\" in \"{name}\" is {} (score {}), above the tolerable risk ({}).",
                        matrix.level_name(res.level),
                        res.score,
                        matrix.tolerable_text()
                    ),
                    "Add countermeasures until the residual risk is tolerable, and rate the likelihood and consequence after them.",
                ),
                _ => {}
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
    if let Some(a) = &project.approval {
        match overall.approval {
            ApprovalState::Outdated {
                content_changed,
                revision_changed,
                ..
            } => {
                let why = match (content_changed, revision_changed) {
                    (true, true) => "the content and the revision have changed",
                    (true, false) => "the content has changed",
                    _ => "the document revision has changed",
                };
                push(
                    FindingCode::ApprovalOutdated,
                    ElementRef::Project,
                    format!(
                        "The approval by {} of revision {} is outdated: {why} since.",
                        if is_blank(&a.approver) {
                            "the asset owner"
                        } else {
                            a.approver.trim()
                        },
                        if is_blank(&a.revision) {
                            "–"
                        } else {
                            a.revision.trim()
                        }
                    ),
                    "Have the asset owner approve the current revision (ZCR 7.1).",
                );
            }
            ApprovalState::Current {
                decision: Decision::Rejected,
            } => push(
                FindingCode::ApprovalRejected,
                ElementRef::Project,
                format!(
                    "The asset owner rejected revision {}.",
                    if is_blank(&a.revision) {
                        "–"
                    } else {
                        a.revision.trim()
                    }
                ),
                "Address the asset owner's conditions and submit a new revision for approval.",
            ),
            _ => {}
        }
    }
    sink.finish()
}

/// A scenario's title for messages (its position when it has none).
fn scenario_title(s: &ThreatScenario) -> &str {
    if is_blank(&s.title) {
        "(untitled)"
    } else {
        s.title.trim()
    }
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
            sl_t_rationale: String::new(),
        };
        let t = SlVector([4, 4, 3, 4, 4, 4, 4]);
        let e = element_risk(&m, &risk, Some(t));
        assert_eq!(e.worst_unmitigated, Some(3));
        assert_eq!(e.worst_residual, Some(3));
        assert_eq!(e.proposed_sl_t, Some(SlVector::uniform(4)));
        assert_eq!(e.intolerable, 1);
        assert_eq!(e.below_proposal, vec![2]);
        let none = element_risk(&m, &ElementRisk::default(), Some(t));
        assert_eq!(none, ElementRiskAssessment::default());
    }

    #[test]
    fn approval_is_outdated_after_a_change_of_content_or_revision() {
        let mut p = Project::default();
        p.meta.revision = "B".into();
        p.zones.push(Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 100.0),
        ));
        assert_eq!(approval_state(&p, None), ApprovalState::None);
        let a = Approval {
            approver: "M. Owner".into(),
            decision: Decision::ApprovedWithConditions,
            revision: "B".into(),
            content_hash: content_hash(&p),
            ..Default::default()
        };
        p.approval = Some(a.clone());
        assert_eq!(
            project_risk(&p).approval,
            ApprovalState::Current {
                decision: Decision::ApprovedWithConditions
            }
        );
        p.zones[0].rect.x = 500.0; // layout only
        assert!(matches!(
            approval_state(&p, Some(&a)),
            ApprovalState::Current { .. }
        ));
        p.zones[0].sl_t = Some(SlVector::uniform(1));
        assert_eq!(
            approval_state(&p, Some(&a)),
            ApprovalState::Outdated {
                decision: Decision::ApprovedWithConditions,
                content_changed: true,
                revision_changed: false
            }
        );
        let mut q = Project::default();
        q.meta.revision = "C".into();
        let b = Approval {
            revision: "B".into(),
            content_hash: content_hash(&q),
            ..Default::default()
        };
        assert!(matches!(
            approval_state(&q, Some(&b)),
            ApprovalState::Outdated {
                content_changed: false,
                revision_changed: true,
                ..
            }
        ));
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

    #[test]
    fn approval_findings_follow_its_state() {
        let mut p = plant(scenario(2, &[4], 1, &[]));
        p.meta.revision = "B".into();
        let approval = Approval {
            approver: "M. Owner".into(),
            revision: "B".into(),
            content_hash: content_hash(&p),
            ..Default::default()
        };
        p.approval = Some(approval.clone());
        assert_eq!(risk_codes(&p), vec![]);
        p.zones[0].name = "BPCS north".into();
        assert_eq!(
            risk_codes(&p),
            vec![(FindingCode::ApprovalOutdated, ElementRef::Project)]
        );
        p.zones[0].name = "BPCS".into();
        p.approval = Some(Approval {
            decision: Decision::Rejected,
            ..approval
        });
        assert_eq!(
            risk_codes(&p),
            vec![(FindingCode::ApprovalRejected, ElementRef::Project)]
        );
    }
}
