//! The records of the risk assessment in the tender pack: the method document and the threat
//! sources (once, in the risk-method section), each zone's and conduit's assessment record
//! (who, when, method version), and per scenario the likelihood rationale and the acceptance of
//! the residual risk — an intolerable one accepted is printed as accepted although intolerable.

use super::content::gap_colors;
use super::layout::{Cell, Rgb, col};
use super::writer::{Level, Writer};
use crate::analysis::GapSeverity;
use crate::analysis::register::DASH;
use crate::analysis::risk::{ElementRiskAssessment, ScenarioRisk};
use crate::model::text::is_blank;
use crate::model::{ElementRisk, Project, ThreatScenario};

fn or_dash(s: &str) -> String {
    if is_blank(s) {
        DASH.to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// The method document and the list of threat sources, printed once.
pub(crate) fn method_and_sources(flow: &mut dyn Writer, p: &Project) {
    let m = &p.risk.method;
    flow.paragraph(
        &if m.is_empty() {
            "Method document: none recorded.".to_owned()
        } else {
            format!("Method document: {}.", m.text())
        },
        8.5,
        Rgb::BLACK,
    );
    flow.keep(40.0);
    flow.heading(Level::H2, "Threat sources", 11.0);
    if p.risk.threat_sources.is_empty() {
        flow.paragraph("No threat sources are listed.", 8.5, Rgb::GREY);
        return;
    }
    let rows: Vec<Vec<Cell>> = p
        .risk
        .threat_sources
        .iter()
        .map(|t| {
            vec![
                Cell::new(t.id.to_string()),
                Cell::bold(or_dash(&t.source)),
                Cell::new(or_dash(&t.capability)),
                Cell::new(or_dash(&t.motivation)),
                Cell::new(if t.in_scope { "yes" } else { "no" }),
            ]
        })
        .collect();
    flow.table(
        &[
            col("ID", 10.0),
            col("Source", 45.0),
            col("Capability", 55.0),
            col("Motivation", 50.0),
            col("In scope", 20.0),
        ],
        &rows,
        8.0,
    );
}

/// Rows for an element's "SL-T from risk" table: who assessed it, when, method version.
pub(crate) fn record_rows(p: &Project, risk: &ElementRisk) -> Vec<Vec<Cell>> {
    if risk.scenarios.is_empty() && risk.record.is_empty() {
        return Vec::new();
    }
    let r = &risk.record;
    let method = match (is_blank(&r.method_version), p.risk.method.is_empty()) {
        (true, _) => DASH.to_owned(),
        (false, true) => format!("version {}", r.method_version.trim()),
        (false, false) => format!(
            "{} version {}",
            p.risk.method.document.trim(),
            r.method_version.trim()
        ),
    };
    vec![
        vec![
            Cell::bold("Assessed by"),
            Cell::new(or_dash(&r.assessors_text())),
        ],
        vec![Cell::bold("Assessed on"), Cell::new(or_dash(&r.date))],
        vec![Cell::bold("Method"), Cell::new(method)],
    ]
}

/// "Accepted although intolerable" (amber) or the plain tolerable cell's text.
pub(crate) fn accepted_cell() -> Cell {
    let (amber, on_amber) = gap_colors(GapSeverity::One);
    Cell::filled("no, accepted although intolerable", amber, on_amber)
}

/// Per scenario with a likelihood rationale or an acceptance: scenario, rationale, acceptance.
pub(crate) fn notes_table(
    flow: &mut dyn Writer,
    risk: &ElementRisk,
    assessed: &ElementRiskAssessment,
) {
    let rows: Vec<Vec<Cell>> = risk
        .scenarios
        .iter()
        .zip(&assessed.scenarios)
        .enumerate()
        .filter(|(_, (s, _))| {
            !is_blank(&s.likelihood_rationale)
                || s.acceptance.as_ref().is_some_and(|a| a.is_recorded())
        })
        .map(|(i, (s, sr))| note_row(i, s, sr))
        .collect();
    if rows.is_empty() {
        return;
    }
    flow.table(
        &[
            col("Scenario", 40.0),
            col("Why this likelihood", 60.0),
            col(
                "Acceptance of the residual risk (by, role, date, justification)",
                80.0,
            ),
        ],
        &rows,
        7.0,
    );
}

fn note_row(index: usize, s: &ThreatScenario, sr: &ScenarioRisk) -> Vec<Cell> {
    let title = crate::analysis::register::scenario_title(index, s);
    let acceptance = match s.acceptance.as_ref().filter(|a| a.is_recorded()) {
        None => Cell::new(DASH),
        Some(a) if sr.accepted_although_intolerable => {
            let mut c = accepted_cell();
            c.text = format!("ACCEPTED ALTHOUGH INTOLERABLE by {}", a.text());
            c
        }
        Some(a) => Cell::new(format!("Accepted by {}", a.text())),
    };
    vec![
        Cell::bold(title),
        Cell::new(or_dash(&s.likelihood_rationale)),
        acceptance,
    ]
}
