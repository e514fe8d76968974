//! The findings on the records of the risk assessment, what an auditor asks for beside the
//! ratings: the method document the project follows, who assessed each zone and conduit, when
//! and against which method version, why a likelihood is what it is, which listed threat source
//! a scenario names, and whether a recorded acceptance of a residual risk is complete. Pure; the
//! residual itself and its acceptance above the tolerable are judged in `analysis::risk`.

use super::findings::Sink;
use super::risk::ScenarioRisk;
use super::{ElementAssessment, Finding, FindingCode};
use crate::model::component::Date;
use crate::model::text::is_blank;
use crate::model::{ElementRef, ElementRisk, Project, ThreatScenario};

/// The record findings of every zone and conduit with threat scenarios, of the initial
/// assessment, and of the project's method. `zones` / `conduits` are the element assessments
/// in project order.
pub(super) fn record_findings(
    project: &Project,
    zones: &[ElementAssessment],
    conduits: &[ElementAssessment],
) -> Vec<Finding> {
    let mut sink = Sink::new();
    let method = &project.risk.method;
    let elements = project
        .zones
        .iter()
        .zip(zones)
        .map(|(z, e)| (ElementRef::Zone(z.id), "Zone", z.name.as_str(), &z.risk, e))
        .chain(project.conduits.iter().zip(conduits).map(|(c, e)| {
            (
                ElementRef::Conduit(c.id),
                "Conduit",
                c.name.as_str(),
                &c.risk,
                e,
            )
        }));
    let mut any_scenario = !project.risk.initial.is_empty();
    for (el, kind, name, risk, assessed) in elements {
        if risk.scenarios.is_empty() {
            continue;
        }
        any_scenario = true;
        record(&mut sink, project, el, kind, name, risk);
        scenarios(
            &mut sink,
            project,
            el,
            &format!("\"{name}\""),
            &risk.scenarios,
            &assessed.risk.scenarios,
        );
    }
    let initial: Vec<ScenarioRisk> = project
        .risk
        .initial
        .iter()
        .map(|s| super::risk::scenario_risk(&project.risk.matrix, s))
        .collect();
    scenarios(
        &mut sink,
        project,
        ElementRef::Project,
        "the initial assessment",
        &project.risk.initial,
        &initial,
    );
    if any_scenario && (is_blank(&method.document) || is_blank(&method.version)) {
        let lacks = match (is_blank(&method.document), is_blank(&method.version)) {
            (true, true) => "names no method document",
            (true, false) => "gives a method version but no document",
            _ => "names its method document without a version",
        };
        sink.push(
            FindingCode::RiskMethodMissing,
            ElementRef::Project,
            format!(
                "The risk assessment {lacks}: nothing says against which procedure the scenarios were rated."
            ),
            "Enter the reference and version of the risk assessment method document (Risk method).",
        );
    }
    sink.finish()
}

/// Who assessed an element with scenarios, when, against which version of the method.
fn record(
    sink: &mut Sink,
    project: &Project,
    el: ElementRef,
    kind: &str,
    name: &str,
    risk: &ElementRisk,
) {
    let r = &risk.record;
    let method_version = project.risk.method.version.trim();
    let mut lacks = Vec::new();
    if !r.has_assessors() {
        lacks.push("who assessed it (assessors by name and role, or the workshop)".to_owned());
    }
    if is_blank(&r.date) {
        lacks.push("the date of the assessment".to_owned());
    } else if Date::parse(&r.date).is_none() {
        lacks.push(format!(
            "a readable date (\"{}\" is not a calendar date YYYY-MM-DD)",
            r.date.trim()
        ));
    }
    if is_blank(&r.method_version) && !method_version.is_empty() {
        lacks.push("the version of the method document it followed".to_owned());
    }
    if !lacks.is_empty() {
        sink.push(
            FindingCode::RiskRecordIncomplete,
            el,
            format!(
                "{kind} \"{name}\" has threat scenarios, but its assessment record lacks {}.",
                lacks.join("; ")
            ),
            "Record who assessed the element, on which date, and the method version (Risk → Assessment record).",
        );
    }
    if !is_blank(&r.method_version)
        && !method_version.is_empty()
        && r.method_version.trim() != method_version
    {
        sink.push(
            FindingCode::RiskMethodVersion,
            el,
            format!(
                "{kind} \"{name}\" was assessed against method version {}, but the project's method is version {method_version}.",
                r.method_version.trim()
            ),
            "Review the element's assessment against the current method and record that version, or note why the older one still applies.",
        );
    }
}

/// The scenario-level records: the picked threat source, the likelihood's rationale, the
/// completeness of an acceptance of a residual that is not above the tolerable (one above it is
/// judged with `RISK-RESIDUAL`).
fn scenarios(
    sink: &mut Sink,
    project: &Project,
    el: ElementRef,
    owner: &str,
    list: &[ThreatScenario],
    rated: &[ScenarioRisk],
) {
    let mut unexplained = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let title = if is_blank(&s.title) {
            format!("scenario {}", i + 1)
        } else {
            format!("\"{}\"", s.title.trim())
        };
        if s.source != 0 && project.risk.threat_source(s.source).is_none() {
            sink.push(
                FindingCode::RiskSourceUnknown,
                el,
                format!(
                    "Threat scenario {title} of {owner} names threat source {}, which is not in the project's list.",
                    s.source
                ),
                "Pick the scenario's threat source from the project's list again.",
            );
        }
        if s.likelihood != 0 && is_blank(&s.likelihood_rationale) {
            unexplained.push(title.clone());
        }
        let above = rated
            .get(i)
            .and_then(|r| r.residual)
            .is_some_and(|r| !r.tolerable);
        if let Some(a) = s.acceptance.as_ref().filter(|a| a.is_recorded())
            && !above
        {
            let lacks = a.missing(false);
            if !lacks.is_empty() {
                sink.push(
                    FindingCode::RiskAcceptanceIncomplete,
                    el,
                    format!(
                        "The acceptance of the residual risk of {title} of {owner} lacks {}.",
                        lacks.join(", ")
                    ),
                    "Complete the acceptance: who accepted the residual risk, in which role, on which date (YYYY-MM-DD).",
                );
            }
        }
    }
    if !unexplained.is_empty() {
        let n = unexplained.len();
        sink.push(
            FindingCode::RiskLikelihoodNoRationale,
            el,
            format!(
                "{n} threat scenario{} of {owner} give{} no reason for the likelihood: {}.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                unexplained.join(", ")
            ),
            "Write why the likelihood is what it is (exposure, history, the source's capability).",
        );
    }
}
