//! The records part of `check`'s risk report: the method document, the project's threat
//! sources, who assessed each zone and conduit and when, the likelihood rationales and the
//! acceptances of residual risk, as text and as JSON. Shows what the project and `assess` say.

use crate::analysis::risk::ScenarioRisk;
use crate::model::text::{is_blank, visible};
use crate::model::{Acceptance, AssessmentRecord, Project, ThreatSource};
use serde::Serialize;
use std::io::Write;

use crate::analysis::register::or_dash;

/// "Method: …" and the list of threat sources, under the tolerable risk.
pub(super) fn write_method(out: &mut dyn Write, project: &Project) -> std::io::Result<()> {
    let m = &project.risk.method;
    if m.is_empty() {
        writeln!(out, "Method document: none recorded")?;
    } else {
        writeln!(out, "Method document: {}", visible(&m.text()))?;
    }
    let sources = &project.risk.threat_sources;
    if sources.is_empty() {
        return writeln!(out, "Threat sources: none listed");
    }
    writeln!(
        out,
        "Threat sources (id, source, capability, motivation, in scope)"
    )?;
    for t in sources {
        writeln!(
            out,
            "  {:<4}  {}; {}; {}; {}",
            t.id,
            visible(or_dash(&t.source)),
            visible(or_dash(&t.capability)),
            visible(or_dash(&t.motivation)),
            if t.in_scope {
                "in scope"
            } else {
                "out of scope"
            }
        )?;
    }
    Ok(())
}

/// "no" for a residual above the tolerable; "no, accepted" when accepted explicitly.
pub(super) fn tolerable_word(t: String, r: &ScenarioRisk) -> String {
    if r.accepted_although_intolerable {
        "no, accepted".to_owned()
    } else {
        t
    }
}

/// One line per scenario with a likelihood rationale or an acceptance: "Z1  Title: …".
pub(super) fn scenario_notes(
    id: &str,
    title: &str,
    rationale: &str,
    acceptance: Option<&Acceptance>,
    r: &ScenarioRisk,
) -> Vec<String> {
    let mut out = Vec::new();
    if !is_blank(rationale) {
        out.push(format!(
            "  {id:<7}  {title}: likelihood because {}",
            rationale.trim()
        ));
    }
    if let Some(a) = acceptance.filter(|a| a.is_recorded()) {
        let how = if r.accepted_although_intolerable {
            "ACCEPTED ALTHOUGH INTOLERABLE by"
        } else {
            "residual risk accepted by"
        };
        out.push(format!("  {id:<7}  {title}: {how} {}", a.text()));
    }
    out
}

/// "Assessed by A (role), on 2026-03-02, method version 3".
pub(super) fn record_line(id: &str, name: &str, r: &AssessmentRecord) -> String {
    format!(
        "  {id:<7}  {name}: by {}; on {}; method version {}",
        or_dash(&r.assessors_text()),
        or_dash(&r.date),
        or_dash(&r.method_version)
    )
}

#[derive(Serialize)]
pub(super) struct JsonMethod<'a> {
    document: &'a str,
    version: &'a str,
}

pub(super) fn json_method(p: &Project) -> JsonMethod<'_> {
    JsonMethod {
        document: &p.risk.method.document,
        version: &p.risk.method.version,
    }
}

pub(super) fn json_sources(p: &Project) -> &[ThreatSource] {
    &p.risk.threat_sources
}

#[derive(Serialize)]
pub(super) struct JsonAcceptance<'a> {
    by: &'a str,
    role: &'a str,
    date: &'a str,
    justification: &'a str,
}

pub(super) fn json_acceptance(a: Option<&Acceptance>) -> Option<JsonAcceptance<'_>> {
    a.filter(|a| a.is_recorded()).map(|a| JsonAcceptance {
        by: &a.by,
        role: &a.role,
        date: &a.date,
        justification: &a.justification,
    })
}

#[derive(Serialize)]
pub(super) struct JsonAssessor<'a> {
    name: &'a str,
    role: &'a str,
}

/// Every field, also when empty (the file leaves empty ones out).
#[derive(Serialize)]
pub(super) struct JsonRecord<'a> {
    assessors: Vec<JsonAssessor<'a>>,
    workshop: &'a str,
    date: &'a str,
    method_version: &'a str,
}

pub(super) fn json_record(r: &AssessmentRecord) -> JsonRecord<'_> {
    JsonRecord {
        assessors: r
            .assessors
            .iter()
            .map(|a| JsonAssessor {
                name: &a.name,
                role: &a.role,
            })
            .collect(),
        workshop: &r.workshop,
        date: &r.date,
        method_version: &r.method_version,
    }
}
