//! The risk assessment in the tender pack: the risk matrix with its scales, categories, tolerable
//! risk and SL-T proposals; the initial assessment; the risk register; each zone's and
//! conduit's scenarios with the proposed and chosen SL-T; and the approval block of the title
//! page. Every rating and state comes from `Assessment` (`analysis::risk`).

use super::content::gap_colors;
use super::layout::{Cell, Rgb, col};
use super::writer::{Level, Writer};
use crate::analysis::register::{self, DASH, scenario_title};
use crate::analysis::risk::{
    ApprovalState, ElementRiskAssessment, Rating, ScenarioRisk, measure_text,
};
use crate::analysis::{Assessment, GapSeverity};
use crate::model::component::Date;
use crate::model::{ElementRef, ElementRisk, Fr, Project, RiskMatrix, SlVector, ThreatScenario};

/// Fill and text colour of a risk level, from the gap palette: the lowest level takes the
/// "no gap" green, the highest the "two or more" red; the levels between are graded along
/// green → amber → orange (amber and red mixed) → red by their position on the scale, so four
/// levels get exactly those four colours. Text is dark on light fills, white on dark ones.
pub(crate) fn risk_colors(m: &RiskMatrix, level: u8) -> (Rgb, Rgb) {
    let (green, _) = gap_colors(GapSeverity::None);
    let (amber, _) = gap_colors(GapSeverity::One);
    let (red, _) = gap_colors(GapSeverity::Two);
    let mix = |a: Rgb, b: Rgb, t: f32| {
        let ch = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
        Rgb(ch(a.0, b.0), ch(a.1, b.1), ch(a.2, b.2))
    };
    let orange = mix(amber, red, 0.5);
    let anchors = [green, amber, orange, red];
    let top = m.levels.len().saturating_sub(1).max(1) as f32;
    let t = f32::from(level).min(top) / top * 3.0;
    let i = (t.floor() as usize).min(2);
    let fill = mix(anchors[i], anchors[i + 1], t - i as f32);
    let luminance =
        0.299 * f32::from(fill.0) + 0.587 * f32::from(fill.1) + 0.114 * f32::from(fill.2);
    let text = if luminance > 140.0 {
        Rgb::of(crate::palette::TEXT_DARK)
    } else {
        Rgb::WHITE
    };
    (fill, text)
}

/// Starts a new page unless a heading, a short paragraph and the first rows of the table
/// after it fit below the cursor: a heading never stands alone at the foot of a page.
fn keep_with_next(flow: &mut dyn Writer) {
    flow.keep(40.0);
}

/// A rating as a coloured cell: "High 12" and the ranks under it.
fn rating_cell(m: &RiskMatrix, r: Option<Rating>) -> Cell {
    match r {
        Some(r) => {
            let (fill, fg) = risk_colors(m, r.level);
            Cell::filled(
                format!(
                    "{} {}\nL{} × C{}",
                    m.level_name(r.level),
                    r.score,
                    r.likelihood,
                    r.consequence
                ),
                fill,
                fg,
            )
        }
        None => Cell::new("not rated"),
    }
}

fn tolerable_cell(m: &RiskMatrix, r: Option<Rating>) -> Cell {
    match r {
        Some(r) if r.tolerable => Cell::new("yes"),
        Some(_) => Cell::bold(format!("no (above {})", m.level_name(m.tolerable))),
        None => Cell::new("–"),
    }
}

fn or_dash(s: &str) -> String {
    register::or_dash(s).to_owned()
}

/// The additional countermeasures, one a line: measure (owner, due date, overdue, status).
fn countermeasures(s: &ThreatScenario, on: Option<Date>) -> String {
    let list: Vec<String> = s
        .additional_countermeasures
        .iter()
        .filter(|c| !c.measure.trim().is_empty())
        .map(|c| {
            let t = measure_text(c, on);
            if c.owner.trim().is_empty() {
                t.replacen(" (", " (owner not named, ", 1)
            } else {
                t
            }
        })
        .collect();
    if list.is_empty() {
        DASH.to_owned()
    } else {
        list.join("\n")
    }
}

/// The approval block of the title page (ZCR 7.1).
pub(crate) fn approval_block(flow: &mut dyn Writer, p: &Project, a: &Assessment) {
    keep_with_next(flow);
    flow.heading(Level::H1, "Asset-owner approval (ZCR 7.1)", 11.0);
    let Some(ap) = &p.approval else {
        flow.paragraph(
            "No asset-owner approval is recorded for this design.",
            9.0,
            Rgb::GREY,
        );
        return;
    };
    let mut rows: Vec<Vec<Cell>> = [
        ("Approver", or_dash(&ap.approver)),
        ("Role", or_dash(&ap.role)),
        ("Organisation", or_dash(&ap.organisation)),
        ("Date", or_dash(&ap.date)),
        ("Decision", ap.decision.label().to_owned()),
        ("Conditions", or_dash(&ap.conditions)),
        ("Revision approved", or_dash(&ap.revision)),
        (
            "Content SHA-256 (document date included)",
            or_dash(&ap.content_hash),
        ),
        (
            "Assessment result SHA-256",
            if ap.assessment_hash.trim().is_empty() {
                "— (recorded by an earlier zonewright)".to_owned()
            } else {
                ap.assessment_hash.trim().to_owned()
            },
        ),
    ]
    .into_iter()
    .map(|(k, v)| vec![Cell::bold(k), Cell::new(v)])
    .collect();
    let (red, on_red) = gap_colors(GapSeverity::Two);
    let (green, on_green) = gap_colors(GapSeverity::None);
    let state = match a.risk.approval {
        ApprovalState::Outdated {
            revision_changed, ..
        } => Cell::filled(
            format!(
                "OUTDATED — {}{}",
                a.risk.approval.why_outdated().unwrap_or_default(),
                if revision_changed {
                    format!(
                        " (approved {}, this is {})",
                        or_dash(&ap.revision),
                        or_dash(&p.meta.revision)
                    )
                } else {
                    String::new()
                }
            ),
            red,
            on_red,
        ),
        ApprovalState::Current { .. } => Cell::filled(
            "Current — covers this revision, its content and document date, and the assessment result",
            green,
            on_green,
        ),
        ApprovalState::None => Cell::new(DASH),
    };
    rows.push(vec![Cell::bold("State"), state]);
    flow.table(&[col("Approval", 45.0), col("", 135.0)], &rows, 9.0);
}

/// The risk method (matrix, scales, categories, tolerable risk, SL-T proposals), the initial
/// assessment and the risk register, starting on a new page.
pub(crate) fn risk_section(flow: &mut dyn Writer, p: &Project, a: &Assessment) {
    let m = &p.risk.matrix;
    flow.new_page();
    flow.heading(Level::H1, "Risk assessment method", 14.0);
    flow.paragraph(
        &format!(
            "The risk of a threat scenario is its likelihood times its worst consequence over the categories; the cell of the matrix gives its level. The tolerable risk is {}. The worst unmitigated risk of a zone or conduit proposes its SL-T (table below); a lower chosen SL-T needs a rationale.",
            m.tolerable_text()
        ),
        8.5,
        Rgb::BLACK,
    );
    super::risk_record::method_and_sources(flow, p);
    keep_with_next(flow);
    flow.heading(Level::H2, "Risk matrix", 11.0);
    let mut columns = vec![col("Likelihood \\ consequence", 34.0)];
    columns.extend(
        m.consequence
            .iter()
            .enumerate()
            .map(|(i, s)| col(&format!("{} {}", i + 1, s.name), 20.0)),
    );
    let rows: Vec<Vec<Cell>> = m
        .likelihood
        .iter()
        .enumerate()
        .rev()
        .map(|(li, step)| {
            let mut row = vec![Cell::bold(format!("{} {}", li + 1, step.name))];
            for ci in 0..m.consequence.len() {
                let (l, c) = ((li + 1) as u8, (ci + 1) as u8);
                row.push(match m.level_of(l, c) {
                    Some(level) => {
                        let (fill, fg) = risk_colors(m, level);
                        Cell::filled(
                            format!("{} {}", m.level_name(level), l.saturating_mul(c)),
                            fill,
                            fg,
                        )
                    }
                    None => Cell::new("?"),
                });
            }
            row
        })
        .collect();
    flow.table(&columns, &rows, 7.5);
    keep_with_next(flow);
    flow.heading(Level::H2, "Risk levels and the SL-T they propose", 11.0);
    let rows: Vec<Vec<Cell>> = m
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let level = i as u8;
            let (fill, fg) = risk_colors(m, level);
            vec![
                Cell::filled(&l.name, fill, fg),
                Cell::new(if m.is_tolerable(level) {
                    "tolerable"
                } else {
                    "not tolerable"
                }),
                Cell::new(SlVector::uniform(l.proposed_sl_t).to_string()),
            ]
        })
        .collect();
    flow.table(
        &[
            col("Level", 40.0),
            col("Tolerable", 40.0),
            col("Proposed SL-T (IAC, UC, SI, DC, RDF, TRE, RA)", 100.0),
        ],
        &rows,
        8.0,
    );
    for (title, steps) in [
        ("Likelihood scale", &m.likelihood),
        ("Consequence scale", &m.consequence),
    ] {
        keep_with_next(flow);
        flow.heading(Level::H2, title, 11.0);
        let rows: Vec<Vec<Cell>> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    Cell::new((i + 1).to_string()),
                    Cell::bold(&s.name),
                    Cell::new(or_dash(&s.description)),
                ]
            })
            .collect();
        flow.table(
            &[
                col("Rank", 14.0),
                col("Name", 40.0),
                col("Description", 126.0),
            ],
            &rows,
            8.0,
        );
    }
    flow.heading(Level::H2, "Consequence categories", 11.0);
    flow.paragraph(
        &format!(
            "{}. A scenario rates its consequence in each; the worst counts.",
            m.categories
                .iter()
                .map(|c| or_dash(c))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        8.5,
        Rgb::BLACK,
    );
    initial(flow, p, a);
    register(flow, p, a);
}

fn initial(flow: &mut dyn Writer, p: &Project, a: &Assessment) {
    let m = &p.risk.matrix;
    keep_with_next(flow);
    flow.heading(Level::H1, "Initial risk assessment (ZCR 2, 4)", 13.0);
    let r = &a.risk;
    let verdict = match r.initial_worst {
        None if p.risk.initial.is_empty() => {
            "No worst-case scenarios are recorded for the system under consideration.".to_owned()
        }
        None => "No worst-case scenario is rated yet.".to_owned(),
        Some(level) if r.initial_above_tolerable => format!(
            "The worst unmitigated risk is {}, above the tolerable risk ({}): the detailed risk assessment per zone and conduit follows.",
            m.level_name(level),
            m.tolerable_text()
        ),
        Some(level) => format!(
            "The worst unmitigated risk is {}, within the tolerable risk ({}).",
            m.level_name(level),
            m.tolerable_text()
        ),
    };
    flow.paragraph(&verdict, 8.5, Rgb::BLACK);
    if p.risk.initial.is_empty() {
        return;
    }
    let rows: Vec<Vec<Cell>> = register::initial_rows(p, a)
        .iter()
        .map(|row| {
            let s = row.scenario;
            vec![
                Cell::bold(row.title()),
                Cell::new(or_dash(&p.risk.source_text(s))),
                Cell::new(or_dash(&s.vector)),
                rating_cell(m, row.risk.unmitigated),
                tolerable_cell(m, row.risk.unmitigated),
            ]
        })
        .collect();
    flow.table(
        &[
            col("Worst-case scenario", 55.0),
            col("Threat source", 35.0),
            col("Vector", 45.0),
            col("Unmitigated", 23.0),
            col("Tolerable", 22.0),
        ],
        &rows,
        7.5,
    );
}

fn register(flow: &mut dyn Writer, p: &Project, a: &Assessment) {
    let m = &p.risk.matrix;
    keep_with_next(flow);
    flow.heading(Level::H1, "Risk register (ZCR 5)", 13.0);
    let rows: Vec<Vec<Cell>> = register::element_rows(p, a)
        .iter()
        .map(|row| {
            let (s, sr) = (row.scenario, &row.risk);
            vec![
                Cell::new(row.element_label()),
                Cell::bold(row.title()),
                Cell::new(or_dash(&p.risk.source_text(s))),
                Cell::new(or_dash(&s.vector)),
                rating_cell(m, sr.unmitigated),
                rating_cell(m, sr.residual),
                scenario_tolerable_cell(m, sr),
                Cell::new(countermeasures(s, a.assessment_date)),
            ]
        })
        .collect();
    if rows.is_empty() {
        flow.paragraph(
            "No zone or conduit has a threat scenario yet.",
            8.5,
            Rgb::GREY,
        );
        return;
    }
    flow.paragraph(
        "Every threat scenario of the zones and conduits. Residual risk is after the existing and additional countermeasures; tolerable refers to it (\"planned\": only thanks to additional countermeasures still to be implemented).",
        8.5,
        Rgb::GREY,
    );
    flow.table(
        &[
            col("Element", 23.0),
            col("Scenario", 28.0),
            col("Source", 21.0),
            col("Vector", 20.0),
            col("Unmitigated", 20.0),
            col("Residual", 18.0),
            col("Tolerable", 16.0),
            col("Additional countermeasures (owner, due, status)", 34.0),
        ],
        &rows,
        6.5,
    );
}

/// One zone's or conduit's detailed risk assessment (ZCR 5): proposed and chosen SL-T with the
/// rationale, then its scenarios.
pub(crate) fn element_section(
    flow: &mut dyn Writer,
    p: &Project,
    risk: &ElementRisk,
    assessed: &ElementRiskAssessment,
    sl_t: Option<SlVector>,
    on: Option<Date>,
) {
    let m = &p.risk.matrix;
    keep_with_next(flow);
    flow.heading(Level::H3, "Risk assessment (ZCR 5)", 10.0);
    let below: Vec<&str> = assessed
        .below_proposal
        .iter()
        .filter_map(|&i| Fr::ALL.get(i).map(|f| f.code()))
        .collect();
    let proposed = match (assessed.proposed_sl_t, assessed.worst_unmitigated) {
        (Some(t), Some(level)) => format!("{t} (worst unmitigated risk {})", m.level_name(level)),
        _ if risk.scenarios.is_empty() => "— (no threat scenario)".to_owned(),
        _ => "— (no scenario is rated)".to_owned(),
    };
    let mut rows = vec![
        vec![Cell::bold("SL-T proposed"), Cell::new(proposed)],
        vec![
            Cell::bold("SL-T chosen"),
            Cell::new(sl_t.map_or_else(|| "not set".to_owned(), |t| t.to_string())),
        ],
    ];
    if !below.is_empty() {
        rows.push(vec![
            Cell::bold("Below the proposal in"),
            Cell::new(below.join(", ")),
        ]);
    }
    if !below.is_empty() || !risk.sl_t_rationale.trim().is_empty() {
        rows.push(vec![
            Cell::bold("Rationale"),
            Cell::new(if risk.sl_t_rationale.trim().is_empty() {
                "none given".to_owned()
            } else {
                risk.sl_t_rationale.trim().to_owned()
            }),
        ]);
    }
    rows.extend(super::risk_record::record_rows(p, risk));
    if let Some(level) = assessed.worst_residual {
        rows.push(vec![
            Cell::bold("Worst residual risk"),
            Cell::new(format!(
                "{}{}",
                m.level_name(level),
                if assessed.intolerable > 0 {
                    format!(
                        " — {} scenario(s) above the tolerable risk ({}){}",
                        assessed.intolerable,
                        m.tolerable_text(),
                        match assessed.accepted_intolerable {
                            0 => String::new(),
                            n => format!(", {n} of them accepted although intolerable"),
                        }
                    )
                } else {
                    String::new()
                }
            )),
        ]);
    }
    flow.table(&[col("SL-T from risk", 45.0), col("", 135.0)], &rows, 8.0);
    if risk.scenarios.is_empty() {
        flow.paragraph("No threat scenarios recorded.", 8.5, Rgb::GREY);
        return;
    }
    let rows: Vec<Vec<Cell>> = risk
        .scenarios
        .iter()
        .zip(&assessed.scenarios)
        .enumerate()
        .map(|(i, (s, sr))| scenario_row(p, i, s, sr, on))
        .collect();
    flow.table(
        &[
            col("Scenario and consequence per category", 30.0),
            col("Source / capability", 18.0),
            col("Vector / vulnerability", 20.0),
            col("Unmitigated", 20.0),
            col("Existing countermeasures", 27.0),
            col("After existing", 18.0),
            col("Residual", 17.0),
            col("Additional (owner, due, status)", 30.0),
        ],
        &rows,
        6.5,
    );
    super::risk_record::notes_table(flow, risk, assessed);
}

/// "yes", "no (above Medium)", or "yes (planned)" — tolerable only thanks to additional
/// countermeasures still to be implemented — for a scenario's final residual.
fn scenario_tolerable_cell(m: &RiskMatrix, sr: &ScenarioRisk) -> Cell {
    if sr.relies_on_planned {
        let (amber, on_amber) = gap_colors(GapSeverity::One);
        return Cell::filled("yes (planned)", amber, on_amber);
    }
    if sr.accepted_although_intolerable {
        return super::risk_record::accepted_cell();
    }
    tolerable_cell(m, sr.residual)
}

/// The consequence per category: "Health and safety 5 → 1" (unmitigated → final residual,
/// unrated categories carried forward).
fn consequences(m: &RiskMatrix, s: &ThreatScenario) -> String {
    let after = s.consequence_after_all();
    let n = m.categories.len().max(s.consequence.len()).max(after.len());
    (0..n)
        .map(|i| {
            let name = m.categories.get(i).map_or("?", |c| c.trim());
            let rank = |v: Option<&u8>| match v.copied().unwrap_or(0) {
                0 => "–".to_owned(),
                r => r.to_string(),
            };
            let (b, f) = (rank(s.consequence.get(i)), rank(after.get(i)));
            if b == f {
                format!("{name} {b}")
            } else {
                format!("{name} {b} → {f}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn scenario_row(
    p: &Project,
    index: usize,
    s: &ThreatScenario,
    sr: &ScenarioRisk,
    on: Option<Date>,
) -> Vec<Cell> {
    let m = &p.risk.matrix;
    let mut title = scenario_title(index, s);
    if !s.affected_assets.is_empty() {
        let names: Vec<String> = s
            .affected_assets
            .iter()
            .map(|id| p.element_name(ElementRef::Asset(*id)))
            .collect();
        title = format!("{title}\nAffects: {}", names.join(", "));
    }
    title = format!("{title}\n{}", consequences(m, s));
    let join = |a: &str, b: &str| match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, true) => DASH.to_owned(),
        (false, true) => a.trim().to_owned(),
        (true, false) => b.trim().to_owned(),
        (false, false) => format!("{}\n{}", a.trim(), b.trim()),
    };
    let mut residual = rating_cell(m, sr.residual);
    if sr.relies_on_planned || sr.accepted_although_intolerable {
        residual = scenario_tolerable_cell(m, sr);
        if let Some(r) = sr.residual {
            let note = if sr.relies_on_planned {
                "relies on planned"
            } else {
                "accepted although intolerable"
            };
            residual.text = format!("{} {}\n{note}", m.level_name(r.level), r.score);
        }
    }
    let source = match p.risk.threat_source(s.source) {
        Some(t) => (t.source.as_str(), t.capability.as_str()),
        None => (s.threat_source.as_str(), s.source_capability.as_str()),
    };
    vec![
        Cell::bold(title),
        Cell::new(join(source.0, source.1)),
        Cell::new(join(&s.vector, &s.vulnerability)),
        rating_cell(m, sr.unmitigated),
        Cell::new(or_dash(&s.existing_countermeasures)),
        rating_cell(m, sr.after_existing),
        residual,
        Cell::new(countermeasures(s, on)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RiskLevel;

    #[test]
    fn risk_levels_take_the_gap_palette_from_green_to_red() {
        let m = RiskMatrix::default();
        let green = gap_colors(GapSeverity::None).0;
        let amber = gap_colors(GapSeverity::One).0;
        let red = gap_colors(GapSeverity::Two).0;
        // amber (239,154,0) and red (198,40,40) mixed half and half, rounded: 218.5 → 219
        let orange = Rgb(219, 97, 20);
        let fills: Vec<Rgb> = (0..4).map(|l| risk_colors(&m, l).0).collect();
        assert_eq!(fills, vec![green, amber, orange, red]);
        // amber carries dark text like the gap cells, the others white
        assert_eq!(risk_colors(&m, 1).1, gap_colors(GapSeverity::One).1);
        assert_eq!(risk_colors(&m, 3).1, gap_colors(GapSeverity::Two).1);
        // two levels: the ends of the scale; an index beyond the levels counts as the top
        let mut two = m.clone();
        two.levels.truncate(2);
        assert_eq!(risk_colors(&two, 0).0, green);
        assert_eq!(risk_colors(&two, 1).0, red);
        assert_eq!(risk_colors(&two, 9).0, red);
        let mut one = m;
        one.levels = vec![RiskLevel::default()];
        assert_eq!(risk_colors(&one, 0).0, green);
        // six levels: level 1 sits 3/5 of the way from green to amber
        let six = RiskMatrix {
            levels: vec![RiskLevel::default(); 6],
            ..RiskMatrix::default()
        };
        // 46 + 0.6 × 193 = 161.8, 125 + 0.6 × 29 = 142.4, 50 − 0.6 × 50 = 20
        assert_eq!(risk_colors(&six, 1).0, Rgb(162, 142, 20));
        assert_eq!(risk_colors(&six, 5).0, red);
    }
}
