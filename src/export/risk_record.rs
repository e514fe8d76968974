//! The records of the risk assessment in the workbook: the Risk sheet's record columns (threat
//! source id, likelihood rationale, acceptance, accepted although intolerable, who assessed the
//! element, when, against which method) and the sheet of the project's threat sources.

use super::tables::{Column, Register, Value};
use crate::analysis::risk::ScenarioRisk;
use crate::model::{ElementRisk, Project, ThreatScenario};

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// The record cells of one scenario's row, in the order of the Risk sheet's last columns.
pub(super) fn record_values(
    project: &Project,
    risk: &ElementRisk,
    s: &ThreatScenario,
    r: &ScenarioRisk,
) -> Vec<Value> {
    let a = s.acceptance.as_ref().filter(|a| a.is_recorded());
    let field =
        |f: fn(&crate::model::Acceptance) -> &String| a.map_or(Value::Empty, |a| text(f(a).trim()));
    let rec = &risk.record;
    let method = if rec.method_version.trim().is_empty() {
        String::new()
    } else {
        format!(
            "{} version {}",
            project.risk.method.document.trim(),
            rec.method_version.trim()
        )
        .trim()
        .to_owned()
    };
    vec![
        if s.source == 0 {
            Value::Empty
        } else {
            Value::Number(f64::from(s.source))
        },
        text(s.likelihood_rationale.trim()),
        field(|a| &a.by),
        field(|a| &a.role),
        field(|a| &a.date),
        field(|a| &a.justification),
        text(if r.accepted_although_intolerable {
            "yes"
        } else {
            "no"
        }),
        text(rec.assessors_text()),
        text(rec.date.trim()),
        text(method),
    ]
}

/// The project's threat sources, one a row.
pub fn threat_sources(project: &Project) -> Register {
    let c = |title: &'static str, width: f64| Column { title, width };
    Register {
        name: "Threat sources",
        columns: vec![
            c("ID", 6.0),
            c("Source", 30.0),
            c("Capability", 36.0),
            c("Motivation", 30.0),
            c("In scope", 9.0),
        ],
        rows: project
            .risk
            .threat_sources
            .iter()
            .map(|t| {
                vec![
                    Value::Number(f64::from(t.id)),
                    text(t.source.trim()),
                    text(t.capability.trim()),
                    text(t.motivation.trim()),
                    text(if t.in_scope { "yes" } else { "no" }),
                ]
            })
            .collect(),
    }
}
