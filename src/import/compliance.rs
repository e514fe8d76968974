//! A filled-in compliance matrix read back (the sheet `export::compliance` writes): a plan of
//! changes, every change with its row, and every row that cannot be applied (unknown id,
//! element or status) listed with the reason and skipped. `command::matrix` turns the changes
//! into one edit.

use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::command::matrix::SetRequirement;
use crate::edit::Edit;
use crate::export::compliance::{
    ABOUT_DOCUMENT, ABOUT_PROJECT, ABOUT_SHEET, ABOUT_SITE, COUNTERMEASURE, ELEMENT, ELEMENT_ID,
    EVIDENCE, NOTES, REQUIREMENT, SHEET, STATUS, identity, identity_text, requirements,
};
use crate::import::workbook::{self, BookError, SheetLimits};
use crate::model::{ElementRef, Project, RequirementAssessment, Status};
use std::collections::HashMap;

/// The largest workbook read back.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// The most rows read back (100 requirements for each of 10,000 elements).
pub const MAX_ROWS: usize = 1_000_000;

/// Names compare after trimming, collapsing inner whitespace and ignoring case.
fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One requirement whose assessment the matrix changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The row in the sheet, counted as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub element: ElementRef,
    pub element_name: String,
    pub requirement: String,
    pub before: RequirementAssessment,
    pub after: RequirementAssessment,
}

impl Change {
    /// What changes, in one line: the status, then the texts (cut to 60 characters).
    pub fn describe(&self) -> String {
        let (before, after) = (&self.before, &self.after);
        let mut parts = Vec::new();
        if before.status != after.status {
            parts.push(format!(
                "{} → {}",
                before.status.label(),
                after.status.label()
            ));
        }
        for (what, b, a) in [
            ("countermeasure", &before.text, &after.text),
            ("evidence", &before.evidence, &after.evidence),
            ("notes", &before.notes, &after.notes),
        ] {
            if b != a {
                let a: String = a.chars().take(60).collect();
                parts.push(if a.is_empty() {
                    format!("{what} cleared")
                } else {
                    format!("{what} \"{a}\"")
                });
            }
        }
        parts.join("; ")
    }
}

/// A row that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub row: usize,
    pub reason: String,
}

/// What a filled-in matrix would change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub skipped: Vec<Skipped>,
    /// Rows read that change nothing.
    pub unchanged: usize,
    /// What the user must know before applying (a matrix that names no project, or another).
    pub warnings: Vec<String>,
}

/// How strictly a matrix must match the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatrixOptions {
    /// Rows whose element name differs from the project's (or a matrix made for another
    /// project) are listed as skipped and the rest applied, instead of refusing the workbook.
    pub skip_mismatched: bool,
}

impl Plan {
    /// The requirement assessments the matrix sets.
    pub(crate) fn sets(&self) -> Vec<SetRequirement> {
        self.changes
            .iter()
            .map(|c| SetRequirement {
                element: c.element,
                requirement: c.requirement.clone(),
                after: c.after.clone(),
            })
            .collect()
    }

    /// The changes as one edit (one undo step, planned by `command::matrix`), or `None` when
    /// nothing changes.
    pub fn edit(&self, project: &Project) -> Option<Edit> {
        crate::command::matrix::edit(&self.sets(), project)
    }

    /// The action that applies the matrix `name` as one undo step.
    pub fn action(&self, name: &str) -> crate::command::Action {
        crate::command::Action::ApplyMatrix {
            name: name.to_owned(),
            sets: self.sets(),
        }
    }
}

/// Why a workbook cannot be read as a compliance matrix at all (nothing is applied then).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MatrixError(pub String);

fn parse_status(s: &str) -> Option<Status> {
    let k = s.trim().to_lowercase().replace(['-', '_'], " ");
    let k = k.split_whitespace().collect::<Vec<_>>().join(" ");
    Status::ALL.into_iter().find(|st| {
        st.label().to_lowercase() == k
            || (k == "n/a" && *st == Status::NotApplicable)
            || (k == "na" && *st == Status::NotApplicable)
    })
}

/// Reads a filled-in matrix (XLSX bytes) against `project`: the plan of what it changes. A
/// matrix made for another project, or whose element names do not match the project's, is
/// refused.
pub fn read_matrix(
    project: &Project,
    catalog: &Catalog,
    bytes: &[u8],
) -> Result<Plan, MatrixError> {
    read_matrix_with(project, catalog, bytes, MatrixOptions::default())
}

/// [`read_matrix`] with options.
pub(crate) fn read_matrix_with(
    project: &Project,
    catalog: &Catalog,
    bytes: &[u8],
    options: MatrixOptions,
) -> Result<Plan, MatrixError> {
    if bytes.len() > MAX_BYTES {
        return Err(MatrixError(format!(
            "the workbook is {} MB; a compliance matrix can be at most {} MB",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let mut book = workbook::open(bytes).map_err(|e| MatrixError(e.message))?;
    let sheets = workbook::sheet_names(&book);
    let made_for = if sheets.iter().any(|n| n == ABOUT_SHEET) {
        Some(read_identity(&mut book)?)
    } else {
        None
    };
    if !sheets.iter().any(|n| n == SHEET) {
        return Err(MatrixError(format!(
            "the workbook has no sheet \"{SHEET}\" (export one with --compliance)"
        )));
    }
    let limits = SheetLimits {
        max_row: MAX_ROWS + 1,
        max_columns: MAX_COLUMNS,
        // longer texts than a project holds are skipped row by row below; far longer ones
        // refuse the workbook
        max_cell_bytes: MAX_CELL_BYTES,
    };
    let mut plan = Plan::default();
    match &made_for {
        None => plan.warnings.push(
            "the workbook does not name the project it was made for (made by hand or by an older zonewright): its element IDs and names are trusted as they are".to_owned(),
        ),
        Some(theirs) => {
            let ours: Vec<(String, String)> = identity(project)
                .iter()
                .map(|(k, v)| ((*k).to_owned(), identity_text(v)))
                .collect();
            let differs = ours.iter().any(|(k, v)| {
                theirs
                    .iter()
                    .find(|(tk, _)| tk == k)
                    .is_none_or(|(_, tv)| name_key(tv) != name_key(v))
            });
            if differs {
                let show = |pairs: &[(String, String)]| {
                    pairs
                        .iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| format!("{k} \"{}\"", crate::file::short(v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let message = format!(
                    "the matrix was made for another project ({}); this project is {}",
                    show(theirs),
                    show(&ours)
                );
                if !options.skip_mismatched {
                    return Err(MatrixError(format!(
                        "{message}. Nothing was applied; to apply the rows whose element IDs and names match anyway, use --skip-mismatched (in the designer: \"Skip rows that do not match\")"
                    )));
                }
                plan.warnings.push(message);
            }
        }
    }
    let mut reading = Reading {
        project,
        catalog,
        assessment: assess(project, catalog),
        columns: None,
        seen: HashMap::new(),
        plan,
        mismatched: Vec::new(),
        skip_mismatched: options.skip_mismatched,
    };
    workbook::rows(&mut book, SHEET, limits, &mut |row, cells| {
        reading.row(row, &cells).map_err(|e| BookError {
            row: Some(row),
            message: e.0,
        })
    })
    .map_err(|e| MatrixError(e.message))?;
    if reading.columns.is_none() {
        return Err(MatrixError(format!(
            "the sheet \"{SHEET}\" is empty: it has no header row"
        )));
    }
    if let Some(edit) = reading.plan.edit(project) {
        crate::command::saveable_after(project, &edit).map_err(|why| {
            MatrixError(format!(
                "applying the matrix would make a project that cannot be saved: {why}; nothing was applied"
            ))
        })?;
    }
    if !reading.mismatched.is_empty() {
        let n = reading.mismatched.len();
        let listed: Vec<String> = reading
            .mismatched
            .iter()
            .take(10)
            .map(|(row, reason)| format!("row {row}: {reason}"))
            .collect();
        return Err(MatrixError(format!(
            "{} of the matrix name{} elements that do not match this project's (renamed, or the ID column was edited); nothing was applied. {}{}. To apply the matching rows anyway, use --skip-mismatched (in the designer: \"Skip rows that do not match\")",
            crate::count_of(n, "row", "rows"),
            if n == 1 { "s" } else { "" },
            listed.join("; "),
            if n > 10 {
                format!("; and {} more", n - 10)
            } else {
                String::new()
            }
        )));
    }
    Ok(reading.plan)
}

/// The key–value rows of the sheet naming the project.
fn read_identity(book: &mut workbook::Book) -> Result<Vec<(String, String)>, MatrixError> {
    let mut pairs = Vec::new();
    let limits = SheetLimits {
        max_row: 100,
        max_columns: 8,
        max_cell_bytes: 64 * 1024,
    };
    workbook::rows(book, ABOUT_SHEET, limits, &mut |_, cells| {
        if let [key, value, ..] = cells.as_slice() {
            pairs.push((key.trim().to_owned(), value.trim().to_owned()));
        } else if let [key] = cells.as_slice() {
            pairs.push((key.trim().to_owned(), String::new()));
        }
        Ok(())
    })
    .map_err(|e| MatrixError(e.message))?;
    pairs.retain(|(k, _)| [ABOUT_PROJECT, ABOUT_DOCUMENT, ABOUT_SITE].contains(&k.as_str()));
    Ok(pairs)
}

/// The most columns read from a matrix (it has nine).
const MAX_COLUMNS: usize = 64;
/// The longest cell read from a matrix.
const MAX_CELL_BYTES: usize = 1024 * 1024;

/// Where the columns are, from the header row.
struct Columns {
    req: usize,
    el: usize,
    /// The element's name, when the sheet has the column.
    name: Option<usize>,
    status: usize,
    text: Option<usize>,
    evidence: Option<usize>,
    notes: Option<usize>,
}

/// A matrix being read row by row.
struct Reading<'a> {
    project: &'a Project,
    catalog: &'a Catalog,
    assessment: crate::analysis::Assessment,
    columns: Option<Columns>,
    seen: HashMap<(ElementRef, String), usize>,
    plan: Plan,
    /// Rows whose element name is not the project's, with why.
    mismatched: Vec<(usize, String)>,
    skip_mismatched: bool,
}

impl Reading<'_> {
    fn row(&mut self, row: usize, cells: &[String]) -> Result<(), MatrixError> {
        let text = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let Some(cols) = &self.columns else {
            // the first row with anything in it is the header
            let header: Vec<String> = cells.iter().map(|s| s.trim().to_owned()).collect();
            let column = |title: &str| header.iter().position(|h| h.eq_ignore_ascii_case(title));
            let need = |title: &str| {
                column(title).ok_or_else(|| {
                    MatrixError(format!(
                        "row {row} of \"{SHEET}\" has no column \"{title}\"; the header row must stay as exported"
                    ))
                })
            };
            self.columns = Some(Columns {
                req: need(REQUIREMENT)?,
                el: need(ELEMENT_ID)?,
                name: column(ELEMENT),
                status: need(STATUS)?,
                text: column(COUNTERMEASURE),
                evidence: column(EVIDENCE),
                notes: column(NOTES),
            });
            return Ok(());
        };
        let (project, catalog, plan) = (self.project, self.catalog, &mut self.plan);
        let (req, el, status) = (
            text(Some(cols.req)),
            text(Some(cols.el)),
            text(Some(cols.status)),
        );
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        let mut skip = |reason: String| plan.skipped.push(Skipped { row, reason });
        let Some(element) = element_by_id(project, &el) else {
            skip(if el.is_empty() {
                "no element ID".to_owned()
            } else {
                format!("there is no zone or conduit with ID \"{el}\"")
            });
            return Ok(());
        };
        if let Some(c) = cols.name {
            let theirs = uncut(text(Some(c)), &project.element_name(element));
            let ours = project.element_name(element);
            // an empty name claims nothing (a row a supplier added by hand)
            if !theirs.is_empty() && name_key(&theirs) != name_key(&ours) {
                let reason = format!(
                    "{el} is \"{}\" in the matrix but \"{}\" in this project",
                    crate::file::short(&theirs),
                    crate::file::short(&ours)
                );
                if self.skip_mismatched {
                    skip(reason);
                } else {
                    self.mismatched.push((row, reason));
                }
                return Ok(());
            }
        }
        let Some(index) = catalog.requirements.iter().position(|r| r.id == req) else {
            skip(if req.is_empty() {
                "no requirement ID".to_owned()
            } else {
                format!("\"{req}\" is not an IEC 62443-3-3 requirement")
            });
            return Ok(());
        };
        let applicable = self
            .assessment
            .element(project, element)
            .is_some_and(|e| e.applicable.iter().any(|ap| ap.requirement == index));
        if !applicable {
            skip(format!(
                "{req} is not required of {el} at its SL-T (the SL-T may have changed since the export)"
            ));
            return Ok(());
        }
        let new_status = if status.is_empty() {
            None
        } else {
            match parse_status(&status) {
                Some(s) => Some(s),
                None => {
                    skip(format!(
                        "\"{status}\" is not a status; use Not assessed, Met, Compensated, Not met or Not applicable"
                    ));
                    return Ok(());
                }
            }
        };
        let texts = [text(cols.text), text(cols.evidence), text(cols.notes)];
        if let Some(t) = texts
            .iter()
            .find(|t| t.len() > crate::file::limits::MAX_TEXT_BYTES)
        {
            skip(format!(
                "a cell holds {} KB of text; at most {} KB fit",
                t.len() / 1024,
                crate::file::limits::MAX_TEXT_BYTES / 1024
            ));
            return Ok(());
        }
        if let Some(first) = self.seen.insert((element, req.clone()), row) {
            skip(format!("{req} of {el} is already in row {first}"));
            return Ok(());
        }
        let empty = RequirementAssessment::default();
        let before = requirements(project, element)
            .and_then(|r| r.get(&req))
            .unwrap_or(&empty)
            .clone();
        let [text, evidence, notes] = texts;
        // a text the export cut to fit a cell comes back cut: it changes nothing
        let (text, evidence, notes) = (
            uncut(text, &before.text),
            uncut(evidence, &before.evidence),
            uncut(notes, &before.notes),
        );
        let after = RequirementAssessment {
            status: new_status.unwrap_or(before.status),
            text: if cols.text.is_some() {
                text
            } else {
                before.text.clone()
            },
            evidence: if cols.evidence.is_some() {
                evidence
            } else {
                before.evidence.clone()
            },
            notes: if cols.notes.is_some() {
                notes
            } else {
                before.notes.clone()
            },
        };
        if after == before {
            plan.unchanged += 1;
        } else {
            plan.changes.push(Change {
                row,
                element,
                element_name: project.element_name(element),
                requirement: req,
                before,
                after,
            });
        }
        Ok(())
    }
}

fn element_by_id(project: &Project, id: &str) -> Option<ElementRef> {
    let id = id.trim();
    if let Some(n) = id.strip_prefix(['Z', 'z']).and_then(|n| n.parse().ok()) {
        let id = crate::model::ZoneId(n);
        return project.zone(id).map(|_| ElementRef::Zone(id));
    }
    if let Some(n) = id.strip_prefix(['C', 'c']).and_then(|n| n.parse().ok()) {
        let id = crate::model::ConduitId(n);
        return project.conduit(id).map(|_| ElementRef::Conduit(id));
    }
    None
}

/// A cell the export cut to fit (see [`Cuts::fit`]) whose start is still `full`'s: `full`.
fn uncut(cell: String, full: &str) -> String {
    match cell.rfind(" … [cut by zonewright:") {
        Some(i) if cell.ends_with(']') && full.starts_with(&cell[..i]) => full.to_owned(),
        _ => cell,
    }
}
