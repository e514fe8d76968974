//! The requirement matrix of one zone or conduit in the tender pack: every applicable SR and
//! RE with its status, countermeasure and evidence, or (compact) only the rows someone has
//! assessed, with a line saying how many were left out.

use super::content::status_cell;
use super::layout::{Cell, Rgb, col};
use super::writer::Writer;
use crate::analysis::ElementAssessment;
use crate::catalog::Catalog;
use crate::model::Status;

/// The requirement matrix of one element; `changed` tells which requirement rows get a change
/// bar (amendments: changed since the older revision).
pub(super) fn requirement_table(
    flow: &mut dyn Writer,
    catalog: &Catalog,
    reqs: &crate::model::Requirements,
    e: &ElementAssessment,
    (compact, changed): (bool, &dyn Fn(&str) -> bool),
) {
    if e.applicable.is_empty() {
        flow.paragraph(
            "No SL-T is set, so no requirements apply yet.",
            8.5,
            Rgb::GREY,
        );
        return;
    }
    // compact: a row nobody has touched (not assessed, no text, evidence or notes) is left out
    let untouched = |x: &&crate::analysis::Applicable| {
        x.status == Status::NotAssessed
            && catalog
                .requirements
                .get(x.requirement)
                .and_then(|r| reqs.get(&r.id))
                .is_none_or(|ra| ra.is_default())
    };
    let left_out = if compact {
        e.applicable.iter().filter(untouched).count()
    } else {
        0
    };
    if left_out == e.applicable.len() {
        flow.paragraph(
            &format!(
                "None of the {} applicable requirements has been assessed yet (compact export: their rows are left out).",
                e.applicable.len()
            ),
            8.5,
            Rgb::GREY,
        );
        return;
    }
    let rows: Vec<Vec<Cell>> = e
        .applicable
        .iter()
        .filter(|x| !compact || !untouched(x))
        .filter_map(|x| {
            let r = catalog.requirements.get(x.requirement)?;
            let ra = reqs.get(&r.id).cloned().unwrap_or_default();
            let mut id = Cell::bold(&r.id);
            id.changed = changed(&r.id);
            Some(vec![
                id,
                Cell::new(&r.title),
                Cell::new(format!("SL {}", r.level)),
                status_cell(x.status, x.satisfied),
                Cell::new(ra.text),
                Cell::new(ra.evidence),
            ])
        })
        .collect();
    flow.table(
        &[
            col("Id", 20.0),
            col("Title", 50.0),
            col("Req.", 11.0),
            col("Status", 22.0),
            col("Countermeasure / justification", 45.0),
            col("Evidence", 32.0),
        ],
        &rows,
        7.5,
    );
    if left_out > 0 {
        flow.paragraph(
            &format!(
                "{} not yet assessed left out (compact export).",
                crate::count_of(
                    left_out,
                    "applicable requirement",
                    "applicable requirements"
                )
            ),
            8.0,
            Rgb::GREY,
        );
    }
}
