//! The risk part of `check`: the tolerable risk, the initial assessment, every zone's and
//! conduit's threat scenarios with their unmitigated and residual risk, the SL-T they propose
//! and the approval's state, as aligned text and as JSON. Shows what `assess` returns.

use super::risk_record as rec;
use crate::analysis::Assessment;
use crate::analysis::register::{self, or_dash, scenario_title};
use crate::analysis::risk::{
    ApprovalState, ElementRiskAssessment, Rating, ScenarioRisk, is_overdue, measure_text,
};
use crate::model::component::Date;
use crate::model::text::visible;
use crate::model::{
    Decision, ElementRef, ElementRisk, Fr, Project, RiskMatrix, SlVector, ThreatScenario,
};
use serde::Serialize;
use std::io::Write;

/// `s` cut to `w` characters, the last one "…" when something was cut (widths count
/// characters, not bytes).
fn clip(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_owned()
    } else if w == 0 {
        String::new()
    } else {
        let mut cut: String = s.chars().take(w.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// [`clip`]ped and padded to `w` characters.
fn cell(s: &str, w: usize) -> String {
    format!("{:<w$}", clip(s, w))
}

fn width<'a>(header: &str, values: impl Iterator<Item = &'a str>, max: usize) -> usize {
    values
        .map(|v| v.chars().count())
        .chain(std::iter::once(header.chars().count()))
        .max()
        .unwrap_or(0)
        .min(max)
}

/// "High 12", or "not rated".
pub(super) fn rating_text(m: &RiskMatrix, r: Option<Rating>) -> String {
    match r {
        Some(r) => format!("{} {}", m.level_name(r.level), r.score),
        None => "not rated".to_owned(),
    }
}

/// "yes" / "no" for a rating's tolerability, empty when unrated.
fn tolerable_text(r: Option<Rating>) -> String {
    match r {
        Some(r) if r.tolerable => "yes".to_owned(),
        Some(_) => "no".to_owned(),
        None => String::new(),
    }
}

/// One zone or conduit with its risk, in project order.
struct Element<'a> {
    id: String,
    kind: &'static str,
    name: &'a str,
    risk: &'a ElementRisk,
    sl_t: Option<SlVector>,
    assessed: &'a ElementRiskAssessment,
}

/// Each zone and conduit with its assessment, looked up by id.
fn elements<'a>(project: &'a Project, a: &'a Assessment) -> Vec<Element<'a>> {
    let zones = project.zones.iter().enumerate().filter_map(|(i, z)| {
        let e = a.element_at(ElementRef::Zone(z.id), i)?;
        Some(Element {
            id: z.id.to_string(),
            kind: "zone",
            name: &z.name,
            risk: &z.risk,
            sl_t: e.sl_t,
            assessed: &e.risk,
        })
    });
    let conduits = project.conduits.iter().enumerate().filter_map(|(i, c)| {
        let e = a.element_at(ElementRef::Conduit(c.id), i)?;
        Some(Element {
            id: c.id.to_string(),
            kind: "conduit",
            name: &c.name,
            risk: &c.risk,
            sl_t: e.sl_t,
            assessed: &e.risk,
        })
    });
    zones.chain(conduits).collect()
}

fn frs(indices: &[usize]) -> Vec<&'static str> {
    indices
        .iter()
        .filter_map(|&i| Fr::ALL.get(i).map(|f| f.code()))
        .collect()
}

/// The "Risk" part of the text report.
pub(super) fn write_text(
    out: &mut dyn Write,
    project: &Project,
    a: &Assessment,
) -> std::io::Result<()> {
    let m = &project.risk.matrix;
    writeln!(out, "Risk")?;
    writeln!(out, "Tolerable risk: {}", m.tolerable_text())?;
    rec::write_method(out, project)?;
    let r = &a.risk;
    match r.initial_worst {
        None if project.risk.initial.is_empty() => {
            writeln!(out, "Initial assessment: no worst-case scenarios recorded")?
        }
        None => writeln!(out, "Initial assessment: no scenario is rated")?,
        Some(level) => writeln!(
            out,
            "Initial assessment: worst unmitigated risk {}, {} the tolerable risk",
            m.level_name(level),
            if r.initial_above_tolerable {
                "above"
            } else {
                "within"
            }
        )?,
    }
    let initial = register::initial_rows(project, a);
    if !initial.is_empty() {
        let rows: Vec<[String; 4]> = initial
            .iter()
            .map(|row| {
                [
                    row.title(),
                    project.risk.source_text(row.scenario),
                    rating_text(m, row.risk.unmitigated),
                    tolerable_text(row.risk.unmitigated),
                ]
            })
            .collect();
        let heads = ["Scenario", "Source", "Unmitigated", "Tolerable"];
        write_table(out, "  ", &heads, &rows, &[40, 24, 24, 9])?;
    }
    writeln!(out)?;

    let els = elements(project, a);
    let heads = [
        "ID",
        "Element",
        "Scenario",
        "Source",
        "Unmitigated",
        "After existing",
        "Residual",
        "Tolerable",
    ];
    let mut rows: Vec<[String; 8]> = Vec::new();
    let mut measures: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut records: Vec<String> = Vec::new();
    for e in &els {
        if !e.risk.scenarios.is_empty() || !e.risk.record.is_empty() {
            records.push(rec::record_line(&e.id, e.name, &e.risk.record));
        }
        if e.risk.scenarios.is_empty() {
            rows.push([
                e.id.clone(),
                e.name.to_owned(),
                "(no threat scenario)".to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for (i, (s, sr)) in e
            .risk
            .scenarios
            .iter()
            .zip(&e.assessed.scenarios)
            .enumerate()
        {
            let title = scenario_title(i, s);
            let tolerable = match tolerable_text(sr.residual) {
                t if sr.relies_on_planned => format!("{t}, planned"),
                t => rec::tolerable_word(t, sr),
            };
            notes.extend(rec::scenario_notes(
                &e.id,
                &title,
                &s.likelihood_rationale,
                s.acceptance.as_ref(),
                sr,
            ));
            rows.push([
                e.id.clone(),
                e.name.to_owned(),
                title.clone(),
                project.risk.source_text(s),
                rating_text(m, sr.unmitigated),
                rating_text(m, sr.after_existing),
                rating_text(m, sr.residual),
                tolerable,
            ]);
            for c in &s.additional_countermeasures {
                measures.push(format!(
                    "  {:<7}  {}: {}",
                    e.id,
                    title,
                    measure_text(c, a.assessment_date)
                ));
            }
        }
    }
    writeln!(
        out,
        "Threat scenarios (risk: level score = likelihood × worst consequence; after existing: after the countermeasures in place; residual: after the additional ones too; tolerable: the residual risk, \"planned\" when only thanks to countermeasures still to be implemented)"
    )?;
    write_table(out, "", &heads, &rows, &[7, 40, 40, 24, 16, 16, 16, 14])?;
    if !measures.is_empty() {
        writeln!(out, "Additional countermeasures (owner, due date, status)")?;
        for line in &measures {
            writeln!(out, "{}", visible(line))?;
        }
    }
    if !notes.is_empty() {
        writeln!(
            out,
            "Likelihood rationale and acceptance of the residual risk"
        )?;
        for line in &notes {
            writeln!(out, "{}", visible(line))?;
        }
    }
    if !records.is_empty() {
        writeln!(
            out,
            "Assessment records (who assessed each zone and conduit, when, method version)"
        )?;
        for line in &records {
            writeln!(out, "{}", visible(line))?;
        }
    }
    writeln!(out)?;

    let heads = ["ID", "Element", "SL-T", "Proposed SL-T", "Note"];
    let rows: Vec<[String; 5]> = els
        .iter()
        .map(|e| {
            let below = frs(&e.assessed.below_proposal);
            let note = if below.is_empty() {
                String::new()
            } else if e.risk.sl_t_rationale.trim().is_empty() {
                format!("below the proposal in {}, no rationale", below.join(", "))
            } else {
                format!(
                    "below the proposal in {}: {}",
                    below.join(", "),
                    e.risk.sl_t_rationale.trim()
                )
            };
            [
                e.id.clone(),
                e.name.to_owned(),
                e.sl_t
                    .map_or_else(|| "not set".to_owned(), |t| t.to_string()),
                e.assessed
                    .proposed_sl_t
                    .map_or_else(|| "–".to_owned(), |t| t.to_string()),
                note,
            ]
        })
        .collect();
    writeln!(
        out,
        "SL-T chosen and proposed by the worst unmitigated risk"
    )?;
    write_table(out, "", &heads, &rows, &[7, 40, 15, 15, 200])?;
    writeln!(out)?;
    write_approval(out, project, r.approval)
}

fn write_approval(
    out: &mut dyn Write,
    project: &Project,
    state: ApprovalState,
) -> std::io::Result<()> {
    let Some(ap) = &project.approval else {
        return writeln!(out, "Approval: none recorded");
    };
    let status = match state {
        ApprovalState::None => "none".to_owned(),
        ApprovalState::Current { .. } => "current".to_owned(),
        ApprovalState::Outdated { .. } => {
            format!("OUTDATED ({})", state.why_outdated().unwrap_or_default())
        }
    };
    writeln!(
        out,
        "Approval: {} of revision {}, {status}",
        ap.decision.label(),
        visible(or_dash(&ap.revision))
    )?;
    writeln!(
        out,
        "  by {} ({}, {}) on {}",
        visible(or_dash(&ap.approver)),
        visible(or_dash(&ap.role)),
        visible(or_dash(&ap.organisation)),
        visible(or_dash(&ap.date))
    )?;
    if !ap.conditions.trim().is_empty() {
        writeln!(out, "  conditions: {}", visible(ap.conditions.trim()))?;
    }
    writeln!(
        out,
        "  content SHA-256:           {}",
        visible(or_dash(&ap.content_hash))
    )?;
    writeln!(
        out,
        "  assessment result SHA-256: {}",
        visible(or_dash(&ap.assessment_hash))
    )?;
    Ok(())
}

/// Writes rows under a header, each column as wide as its widest cell (at most `max[i]`
/// characters; the last column is not padded).
fn write_table<const N: usize>(
    out: &mut dyn Write,
    indent: &str,
    heads: &[&str; N],
    rows: &[[String; N]],
    max: &[usize; N],
) -> std::io::Result<()> {
    // names and texts from the file, shown with their control characters escaped
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|r| r.clone().map(|c| visible(&c).into_owned()))
        .collect();
    let rows = &rows;
    let widths: Vec<usize> = (0..N)
        .map(|i| width(heads[i], rows.iter().map(|r| r[i].as_str()), max[i]))
        .collect();
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::from(indent);
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == N {
                s.push_str(&clip(c, widths[i]));
            } else {
                s.push_str(&cell(c, widths[i]));
                s.push_str("  ");
            }
        }
        s.trim_end().to_owned()
    };
    let header = line(heads.to_vec());
    writeln!(out, "{header}")?;
    writeln!(
        out,
        "{indent}{}",
        "-".repeat(header.chars().count() - indent.chars().count())
    )?;
    for r in rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[derive(Serialize)]
pub(super) struct JsonRating {
    level: u8,
    level_name: String,
    score: u8,
    likelihood: u8,
    consequence: u8,
    tolerable: bool,
}

fn json_rating(m: &RiskMatrix, r: Option<Rating>) -> Option<JsonRating> {
    r.map(|r| JsonRating {
        level: r.level,
        level_name: m.level_name(r.level).to_owned(),
        score: r.score,
        likelihood: r.likelihood,
        consequence: r.consequence,
        tolerable: r.tolerable,
    })
}

#[derive(Serialize)]
pub(super) struct JsonLevel {
    level: u8,
    level_name: String,
}

fn json_level(m: &RiskMatrix, level: Option<u8>) -> Option<JsonLevel> {
    level.map(|level| JsonLevel {
        level,
        level_name: m.level_name(level).to_owned(),
    })
}

#[derive(Serialize)]
pub(super) struct JsonMeasure<'a> {
    measure: &'a str,
    owner: &'a str,
    due: &'a str,
    /// "planned", "in progress" or "implemented".
    status: &'static str,
    /// Due before the assessment date and not implemented.
    overdue: bool,
}

#[derive(Serialize)]
pub(super) struct JsonScenario<'a> {
    title: &'a str,
    /// The picked source's name from the project's list, else the scenario's own text.
    threat_source: String,
    /// The id of the source picked from the project's list; `null` when none is picked.
    threat_source_id: Option<u32>,
    likelihood_rationale: &'a str,
    /// Who accepted the residual risk; `null` when no acceptance is recorded.
    acceptance: Option<rec::JsonAcceptance<'a>>,
    /// The residual is above the tolerable and accepted explicitly with a justification.
    accepted_although_intolerable: bool,
    vector: &'a str,
    unmitigated: Option<JsonRating>,
    /// After the existing countermeasures only.
    after_existing: Option<JsonRating>,
    /// After all countermeasures: the final residual risk.
    residual: Option<JsonRating>,
    /// The residual is tolerable only thanks to countermeasures still to be implemented.
    relies_on_planned: bool,
    /// Consequence rank per category: unmitigated, after the existing countermeasures, final
    /// (unrated categories carried forward).
    consequence: &'a [u8],
    consequence_after_existing: Vec<u8>,
    residual_consequence: Vec<u8>,
    additional_countermeasures: Vec<JsonMeasure<'a>>,
}

fn json_scenario<'a>(
    project: &Project,
    s: &'a ThreatScenario,
    r: &ScenarioRisk,
    date: Option<Date>,
) -> JsonScenario<'a> {
    let m = &project.risk.matrix;
    JsonScenario {
        title: &s.title,
        threat_source: project.risk.source_text(s),
        threat_source_id: (s.source != 0).then_some(s.source),
        likelihood_rationale: &s.likelihood_rationale,
        acceptance: rec::json_acceptance(s.acceptance.as_ref()),
        accepted_although_intolerable: r.accepted_although_intolerable,
        vector: &s.vector,
        unmitigated: json_rating(m, r.unmitigated),
        after_existing: json_rating(m, r.after_existing),
        residual: json_rating(m, r.residual),
        relies_on_planned: r.relies_on_planned,
        consequence: &s.consequence,
        consequence_after_existing: s.consequence_after_existing(),
        residual_consequence: s.consequence_after_all(),
        additional_countermeasures: s
            .additional_countermeasures
            .iter()
            .map(|c| JsonMeasure {
                measure: &c.measure,
                owner: &c.owner,
                due: &c.due,
                status: c.status.label(),
                overdue: is_overdue(c, date),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonElementRisk<'a> {
    element: String,
    kind: &'static str,
    name: &'a str,
    sl_t: Option<[u8; 7]>,
    proposed_sl_t: Option<[u8; 7]>,
    /// FR codes where the chosen SL-T is below the proposal.
    below_proposal: Vec<&'static str>,
    sl_t_rationale: &'a str,
    worst_unmitigated: Option<JsonLevel>,
    worst_residual: Option<JsonLevel>,
    /// Scenarios whose residual is above the tolerable, accepted ones included.
    intolerable: usize,
    /// Of those, the ones accepted explicitly with a justification.
    accepted_intolerable: usize,
    /// Who assessed it, when, against which method version.
    assessment: rec::JsonRecord<'a>,
    scenarios: Vec<JsonScenario<'a>>,
}

#[derive(Serialize)]
pub(super) struct JsonApproval<'a> {
    /// "none", "current" or "outdated".
    state: &'static str,
    approver: Option<&'a str>,
    role: Option<&'a str>,
    organisation: Option<&'a str>,
    date: Option<&'a str>,
    /// "approved", "approved_with_conditions" or "rejected".
    decision: Option<&'static str>,
    conditions: Option<&'a str>,
    revision: Option<&'a str>,
    /// SHA-256 of the approved content (document date included), 64 hex digits.
    content_hash: Option<&'a str>,
    /// SHA-256 of the approved assessment result; empty for approvals of earlier versions.
    assessment_hash: Option<&'a str>,
    /// The digest of the assessment result as it is now (what a new approval would record).
    current_assessment_hash: &'a str,
    content_changed: bool,
    revision_changed: bool,
    result_changed: bool,
    /// Recorded by an earlier zonewright: covers neither the document date nor the result.
    legacy: bool,
    /// Why it is outdated, in words; `null` when it is not.
    outdated_because: Option<String>,
}

#[derive(Serialize)]
pub(super) struct JsonRisk<'a> {
    tolerable: JsonLevel,
    tolerable_text: String,
    /// The method document the assessment follows.
    method: rec::JsonMethod<'a>,
    /// The threat sources scenarios pick from.
    threat_sources: &'a [crate::model::ThreatSource],
    initial: Vec<JsonScenario<'a>>,
    initial_worst: Option<JsonLevel>,
    initial_above_tolerable: bool,
    elements: Vec<JsonElementRisk<'a>>,
    approval: JsonApproval<'a>,
}

fn decision_code(d: Decision) -> &'static str {
    match d {
        Decision::Approved => "approved",
        Decision::ApprovedWithConditions => "approved_with_conditions",
        Decision::Rejected => "rejected",
    }
}

pub(super) fn json<'a>(project: &'a Project, a: &'a Assessment) -> JsonRisk<'a> {
    let m = &project.risk.matrix;
    let r = &a.risk;
    let ap = project.approval.as_ref();
    let (state, content_changed, revision_changed, result_changed, legacy) = match r.approval {
        ApprovalState::None => ("none", false, false, false, false),
        ApprovalState::Current { .. } => ("current", false, false, false, false),
        ApprovalState::Outdated {
            content_changed,
            revision_changed,
            result_changed,
            legacy,
            ..
        } => (
            "outdated",
            content_changed,
            revision_changed,
            result_changed,
            legacy,
        ),
    };
    let date = a.assessment_date;
    JsonRisk {
        tolerable: JsonLevel {
            level: m.tolerable,
            level_name: m.level_name(m.tolerable).to_owned(),
        },
        tolerable_text: m.tolerable_text(),
        method: rec::json_method(project),
        threat_sources: rec::json_sources(project),
        initial: project
            .risk
            .initial
            .iter()
            .zip(&r.initial)
            .map(|(s, sr)| json_scenario(project, s, sr, date))
            .collect(),
        initial_worst: json_level(m, r.initial_worst),
        initial_above_tolerable: r.initial_above_tolerable,
        elements: elements(project, a)
            .into_iter()
            .map(|e| JsonElementRisk {
                element: e.id,
                kind: e.kind,
                name: e.name,
                sl_t: e.sl_t.map(|t| t.0),
                proposed_sl_t: e.assessed.proposed_sl_t.map(|t| t.0),
                below_proposal: frs(&e.assessed.below_proposal),
                sl_t_rationale: &e.risk.sl_t_rationale,
                worst_unmitigated: json_level(m, e.assessed.worst_unmitigated),
                worst_residual: json_level(m, e.assessed.worst_residual),
                intolerable: e.assessed.intolerable,
                accepted_intolerable: e.assessed.accepted_intolerable,
                assessment: rec::json_record(&e.risk.record),
                scenarios: e
                    .risk
                    .scenarios
                    .iter()
                    .zip(&e.assessed.scenarios)
                    .map(|(s, sr)| json_scenario(project, s, sr, date))
                    .collect(),
            })
            .collect(),
        approval: JsonApproval {
            state,
            approver: ap.map(|x| x.approver.as_str()),
            role: ap.map(|x| x.role.as_str()),
            organisation: ap.map(|x| x.organisation.as_str()),
            date: ap.map(|x| x.date.as_str()),
            decision: ap.map(|x| decision_code(x.decision)),
            conditions: ap.map(|x| x.conditions.as_str()),
            revision: ap.map(|x| x.revision.as_str()),
            content_hash: ap.map(|x| x.content_hash.as_str()),
            assessment_hash: ap.map(|x| x.assessment_hash.as_str()),
            current_assessment_hash: &r.assessment_hash,
            content_changed,
            revision_changed,
            result_changed,
            legacy,
            outdated_because: r.approval.why_outdated(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_with_an_ellipsis_and_padded_by_characters() {
        assert_eq!(clip("Safety", 6), "Safety");
        assert_eq!(clip("Safety system", 6), "Safet…");
        assert_eq!(cell("Zone ä", 8), "Zone ä  ");
        assert_eq!(cell("Überwachung", 5).chars().count(), 5);
        assert_eq!(clip("x", 0), "");
    }
}
