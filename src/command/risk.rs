//! Planning of the risk-assessment records (without egui): the project's method document and
//! threat sources, a zone's or conduit's assessment record, and a scenario's picked threat
//! source, likelihood rationale and acceptance of its residual risk. Each gives one labelled
//! edit (one undo step); typing into one field merges into one step.

use super::{NoPlan, Plan, plan_of};
use crate::edit::Edit;
use crate::model::{
    Acceptance, AssessmentRecord, ElementRef, ElementRisk, MethodReference, Project, ProjectRisk,
    ThreatScenario, ThreatSource,
};

/// A change to the records of the risk assessment.
#[derive(Debug, Clone, PartialEq)]
pub enum RiskAction {
    /// The project's method document (reference and version).
    Method(MethodReference),
    /// Adds an empty threat source at the end of the project's list (a new id).
    AddThreatSource,
    /// Replaces the threat source with this id (its id is kept).
    SetThreatSource(ThreatSource),
    /// Removes the threat source with this id; refused while a scenario picks it.
    RemoveThreatSource(u32),
    /// The assessment record of a zone or conduit.
    Record {
        element: ElementRef,
        record: AssessmentRecord,
    },
    /// The project's risk matrix, initial assessment or approval.
    Matrix(super::risk_matrix::MatrixAction),
    /// One scenario of a zone or conduit, or of the initial assessment (`ElementRef::Project`).
    Scenario {
        element: ElementRef,
        index: usize,
        change: ScenarioChange,
    },
}

/// One record field of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioChange {
    /// The threat source picked from the project's list; 0 = none.
    Source(u32),
    LikelihoodRationale(String),
    /// `None` withdraws the acceptance.
    Acceptance(Option<Acceptance>),
}

fn element_key(e: ElementRef) -> String {
    match e {
        ElementRef::Project => "initial".to_owned(),
        ElementRef::Zone(id) => format!("zone{}", id.0),
        ElementRef::Conduit(id) => format!("conduit{}", id.0),
        ElementRef::Asset(id) => format!("asset{}", id.0),
    }
}

/// The one edit that carries out `action`.
pub fn plan(action: &RiskAction, p: &Project) -> Result<Plan, NoPlan> {
    let risk = &p.risk;
    let set = |r: ProjectRisk| Edit::SetRisk(r);
    match action {
        RiskAction::Matrix(m) => super::risk_matrix::plan(m, p),
        RiskAction::Method(m) => {
            if *m == risk.method {
                return Err(NoPlan::Nothing);
            }
            let r = ProjectRisk {
                method: m.clone(),
                ..risk.clone()
            };
            Ok(plan_of(
                "Edit risk method document".to_owned(),
                set(r),
                Some("risk.method".to_owned()),
            ))
        }
        RiskAction::AddThreatSource => {
            let mut r = risk.clone();
            if r.threat_sources.len() >= crate::file::limits::MAX_THREAT_SOURCES {
                return Err(NoPlan::Refused(format!(
                    "The project lists {} threat sources, the most a file holds.",
                    r.threat_sources.len()
                )));
            }
            r.threat_sources.push(ThreatSource {
                id: risk.next_threat_source_id(),
                ..ThreatSource::default()
            });
            Ok(plan_of("Add threat source".to_owned(), set(r), None))
        }
        RiskAction::SetThreatSource(t) => {
            let i = risk
                .threat_sources
                .iter()
                .position(|x| x.id == t.id)
                .ok_or(NoPlan::Nothing)?;
            let old = &risk.threat_sources[i];
            if old == t {
                return Err(NoPlan::Nothing);
            }
            // typing merges; the in-scope switch is a step of its own
            let key = (old.in_scope == t.in_scope).then(|| format!("risk.source{}", t.id));
            let mut r = risk.clone();
            r.threat_sources[i] = t.clone();
            Ok(plan_of("Edit threat source".to_owned(), set(r), key))
        }
        RiskAction::RemoveThreatSource(id) => {
            let i = risk
                .threat_sources
                .iter()
                .position(|x| x.id == *id)
                .ok_or(NoPlan::Nothing)?;
            let users = all_scenarios(p).filter(|s| s.source == *id).count();
            if users > 0 {
                return Err(NoPlan::Refused(format!(
                    "{users} threat scenario{} pick{} this threat source; pick another for {} first.",
                    if users == 1 { "" } else { "s" },
                    if users == 1 { "s" } else { "" },
                    if users == 1 { "it" } else { "them" }
                )));
            }
            let mut r = risk.clone();
            r.threat_sources.remove(i);
            Ok(plan_of("Remove threat source".to_owned(), set(r), None))
        }
        RiskAction::Record { element, record } => {
            let old = element_risk(p, *element).ok_or(NoPlan::Nothing)?;
            if old.record == *record {
                return Err(NoPlan::Nothing);
            }
            // adding or removing an assessor is a step of its own; typing merges
            let key = (old.record.assessors.len() == record.assessors.len())
                .then(|| format!("{}.record", element_key(*element)));
            let mut n = old.clone();
            n.record = record.clone();
            let (label, edit) = replace_risk(p, *element, n, "Edit assessment record")?;
            Ok(plan_of(label, edit, key))
        }
        RiskAction::Scenario {
            element,
            index,
            change,
        } => scenario(p, *element, *index, change),
    }
}

fn all_scenarios(p: &Project) -> impl Iterator<Item = &ThreatScenario> {
    p.risk
        .initial
        .iter()
        .chain(p.zones.iter().flat_map(|z| &z.risk.scenarios))
        .chain(p.conduits.iter().flat_map(|c| &c.risk.scenarios))
}

fn element_risk(p: &Project, e: ElementRef) -> Option<&ElementRisk> {
    match e {
        ElementRef::Zone(id) => p.zone(id).map(|z| &z.risk),
        ElementRef::Conduit(id) => p.conduit(id).map(|c| &c.risk),
        _ => None,
    }
}

/// The edit that gives a zone or conduit this risk, and its label ("… in zone BPCS").
fn replace_risk(
    p: &Project,
    e: ElementRef,
    risk: ElementRisk,
    what: &str,
) -> Result<(String, Edit), NoPlan> {
    match e {
        ElementRef::Zone(id) => {
            let mut z = p.zone(id).ok_or(NoPlan::Nothing)?.clone();
            z.risk = risk;
            Ok((format!("{what} in zone {}", z.name), Edit::ReplaceZone(z)))
        }
        ElementRef::Conduit(id) => {
            let mut c = p.conduit(id).ok_or(NoPlan::Nothing)?.clone();
            c.risk = risk;
            Ok((
                format!("{what} in conduit {}", c.name),
                Edit::ReplaceConduit(c),
            ))
        }
        _ => Err(NoPlan::Nothing),
    }
}

fn scenario(
    p: &Project,
    element: ElementRef,
    index: usize,
    change: &ScenarioChange,
) -> Result<Plan, NoPlan> {
    let list = match element {
        ElementRef::Project => &p.risk.initial,
        e => &element_risk(p, e).ok_or(NoPlan::Nothing)?.scenarios,
    };
    let old = list.get(index).ok_or(NoPlan::Nothing)?;
    let mut s = old.clone();
    let base = format!("{}.s{index}", element_key(element));
    let (what, key) = match change {
        ScenarioChange::Source(id) => {
            s.source = *id;
            ("Pick threat source", None)
        }
        ScenarioChange::LikelihoodRationale(t) => {
            s.likelihood_rationale = t.clone();
            (
                "Edit likelihood rationale",
                Some(format!("{base}.rationale")),
            )
        }
        ScenarioChange::Acceptance(a) => {
            // switching it on or off is a step of its own; typing merges
            let key =
                (old.acceptance.is_some() == a.is_some()).then(|| format!("{base}.acceptance"));
            s.acceptance = a.clone();
            ("Edit acceptance of residual risk", key)
        }
    };
    if s == *old {
        return Err(NoPlan::Nothing);
    }
    let mut list = list.clone();
    list[index] = s;
    match element {
        ElementRef::Project => {
            let r = ProjectRisk {
                initial: list,
                ..p.risk.clone()
            };
            Ok(plan_of(
                format!("{what} in the initial assessment"),
                Edit::SetRisk(r),
                key,
            ))
        }
        e => {
            let mut n = element_risk(p, e).ok_or(NoPlan::Nothing)?.clone();
            n.scenarios = list;
            let (label, edit) = replace_risk(p, e, n, what)?;
            Ok(plan_of(label, edit, key))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rect, Zone, ZoneId, ZoneKind};

    fn plant() -> Project {
        let mut p = Project::default();
        let mut z = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 80.0),
        );
        z.risk.scenarios.push(ThreatScenario::default());
        p.zones.push(z);
        p.risk.initial.push(ThreatScenario::default());
        p
    }

    fn apply(p: &mut Project, a: &RiskAction) -> Plan {
        let planned = plan(a, p).unwrap_or_else(|e| panic!("{e:?}"));
        planned
            .edit
            .clone()
            .apply(p)
            .unwrap_or_else(|e| panic!("{e}"));
        planned
    }

    #[test]
    fn each_record_field_is_one_labelled_step_that_undoes() {
        let mut p = plant();
        let before = p.clone();
        let record = AssessmentRecord {
            date: "2026-03-02".into(),
            ..Default::default()
        };
        let z = ElementRef::Zone(ZoneId(1));
        let planned = plan(
            &RiskAction::Record {
                element: z,
                record: record.clone(),
            },
            &p,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(planned.label, "Edit assessment record in zone BPCS");
        assert_eq!(planned.merge_key.as_deref(), Some("zone1.record"));
        let undo = planned.edit.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.zones[0].risk.record, record);
        undo.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p, before);
        // an initial scenario's acceptance: switched on without merging, typed with merging
        let on = apply(
            &mut p,
            &RiskAction::Scenario {
                element: ElementRef::Project,
                index: 0,
                change: ScenarioChange::Acceptance(Some(Acceptance::default())),
            },
        );
        assert_eq!(on.merge_key, None);
        assert_eq!(
            on.label,
            "Edit acceptance of residual risk in the initial assessment"
        );
        let typed = apply(
            &mut p,
            &RiskAction::Scenario {
                element: ElementRef::Project,
                index: 0,
                change: ScenarioChange::Acceptance(Some(Acceptance {
                    by: "J".into(),
                    ..Default::default()
                })),
            },
        );
        assert_eq!(typed.merge_key.as_deref(), Some("initial.s0.acceptance"));
        // the same value again is nothing to do
        assert_eq!(
            plan(
                &RiskAction::Scenario {
                    element: z,
                    index: 0,
                    change: ScenarioChange::LikelihoodRationale(String::new()),
                },
                &p
            ),
            Err(NoPlan::Nothing)
        );
    }

    #[test]
    fn threat_sources_get_new_ids_and_a_picked_one_cannot_be_removed() {
        let mut p = plant();
        apply(&mut p, &RiskAction::AddThreatSource);
        apply(&mut p, &RiskAction::AddThreatSource);
        assert_eq!(
            p.risk
                .threat_sources
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>(),
            vec![1, 2]
        );
        let typed = apply(
            &mut p,
            &RiskAction::SetThreatSource(ThreatSource {
                id: 2,
                source: "Insider".into(),
                ..ThreatSource::default()
            }),
        );
        assert_eq!(typed.merge_key.as_deref(), Some("risk.source2"));
        let toggled = apply(
            &mut p,
            &RiskAction::SetThreatSource(ThreatSource {
                id: 2,
                source: "Insider".into(),
                in_scope: false,
                ..ThreatSource::default()
            }),
        );
        assert_eq!(toggled.merge_key, None);
        apply(
            &mut p,
            &RiskAction::Scenario {
                element: ElementRef::Zone(ZoneId(1)),
                index: 0,
                change: ScenarioChange::Source(2),
            },
        );
        assert_eq!(
            plan(&RiskAction::RemoveThreatSource(2), &p),
            Err(NoPlan::Refused(
                "1 threat scenario picks this threat source; pick another for it first.".into()
            ))
        );
        apply(&mut p, &RiskAction::RemoveThreatSource(1));
        // ids are never reused while a higher one exists: the next is 3
        assert_eq!(p.risk.next_threat_source_id(), 3);
    }
}
