//! The supplier compliance matrix, both ways: the applicable requirements of chosen zones and
//! conduits as a protected XLSX sheet (status as a drop-down, the id columns locked), and a
//! filled-in matrix read back into a plan of changes: every change with its row, and every row
//! that cannot be applied (unknown id, element or status) listed with the reason and skipped.

use super::ExportError;
use super::xlsx::{Cuts, color, header_format};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::import::workbook::{self, BookError, SheetLimits};
use crate::model::{ElementRef, Project, RequirementAssessment, Requirements, Status};
use crate::report::layout::Rgb;
use crate::report::status_colors;
use rust_xlsxwriter::{DataValidation, Format, ProtectionOptions, Workbook, XlsxError};
use std::collections::HashMap;

/// The name of the matrix's sheet.
pub const SHEET: &str = "Compliance matrix";
/// The largest workbook read back.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// The most rows read back (100 requirements for each of 10,000 elements).
pub const MAX_ROWS: usize = 1_000_000;

const REQUIREMENT: &str = "Requirement";
const TITLE: &str = "Title";
const LEVEL: &str = "Level";
const ELEMENT_ID: &str = "Element ID";
const ELEMENT: &str = "Element";
const STATUS: &str = "Status";
const COUNTERMEASURE: &str = "Countermeasure or justification";
const EVIDENCE: &str = "Evidence";
const NOTES: &str = "Notes";

/// The columns in their order, with their widths; the first five are locked.
const COLUMNS: [(&str, f64); 9] = [
    (REQUIREMENT, 15.0),
    (TITLE, 56.0),
    (LEVEL, 6.0),
    (ELEMENT_ID, 10.0),
    (ELEMENT, 24.0),
    (STATUS, 16.0),
    (COUNTERMEASURE, 40.0),
    (EVIDENCE, 28.0),
    (NOTES, 28.0),
];
const LOCKED: usize = 5;

/// The zones and conduits named in `selectors` (by id such as `Z3` or by name, any case), or
/// all of them when there are none. A selector that names nothing is an error.
pub fn select(project: &Project, selectors: &[String]) -> Result<Vec<ElementRef>, String> {
    let all: Vec<(ElementRef, String, String)> = project
        .zones
        .iter()
        .map(|z| (ElementRef::Zone(z.id), z.id.to_string(), z.name.clone()))
        .chain(
            project
                .conduits
                .iter()
                .map(|c| (ElementRef::Conduit(c.id), c.id.to_string(), c.name.clone())),
        )
        .collect();
    if selectors.is_empty() {
        return Ok(all.into_iter().map(|(e, _, _)| e).collect());
    }
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut chosen = Vec::new();
    for sel in selectors {
        let k = key(sel);
        let found: Vec<ElementRef> = all
            .iter()
            .filter(|(_, id, name)| key(id) == k || key(name) == k)
            .map(|(e, _, _)| *e)
            .collect();
        if found.is_empty() {
            return Err(format!("there is no zone or conduit \"{sel}\""));
        }
        for e in found {
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
    }
    Ok(chosen)
}

/// The compliance matrix of the `selectors`' zones and conduits (all when empty) as XLSX.
pub fn export_matrix(
    project: &Project,
    catalog: &Catalog,
    selectors: &[String],
) -> Result<Vec<u8>, ExportError> {
    export_matrix_noting(project, catalog, selectors, &mut Cuts::default())
}

/// [`export_matrix`], noting the texts cut to fit Excel's cells in `cuts` (and in a sheet).
pub fn export_matrix_noting(
    project: &Project,
    catalog: &Catalog,
    selectors: &[String],
    cuts: &mut Cuts,
) -> Result<Vec<u8>, ExportError> {
    let elements = select(project, selectors).map_err(ExportError::Compliance)?;
    write_matrix(project, catalog, &elements, cuts).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn write_matrix(
    project: &Project,
    catalog: &Catalog,
    elements: &[ElementRef],
    cuts: &mut Cuts,
) -> Result<Vec<u8>, XlsxError> {
    let a = assess(project, catalog);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let header = header_format();
    for (col, (title, width)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    // no wrapping in the locked columns: the rows keep one height in every spreadsheet
    let locked = Format::new().set_background_color(color(Rgb::HEADER_FILL));
    let editable = Format::new().set_unlocked().set_text_wrap();
    let empty = RequirementAssessment::default();
    let mut row = 0u32;
    for &element in elements {
        let (Some(e), Some(recorded)) =
            (a.element(project, element), requirements(project, element))
        else {
            continue;
        };
        let id = super::tables::element_id(element);
        let name = project.element_name(element);
        for ap in &e.applicable {
            let Some(r) = catalog.requirements.get(ap.requirement) else {
                continue;
            };
            row += 1;
            if row as usize > super::xlsx::MAX_ROWS {
                return Err(XlsxError::RowColumnLimitError);
            }
            let ra = recorded.get(&r.id).unwrap_or(&empty);
            sheet.write_string_with_format(row, 0, &r.id, &locked)?;
            sheet.write_string_with_format(row, 1, &r.title, &locked)?;
            sheet.write_number_with_format(row, 2, f64::from(r.level), &locked)?;
            sheet.write_string_with_format(row, 3, &id, &locked)?;
            let what = |field: &str| {
                format!(
                    "{SHEET}, row {}, {id} {}, {field} of {}",
                    row + 1,
                    crate::file::short(&name),
                    r.id
                )
            };
            sheet.write_string_with_format(row, 4, cuts.fit(&name, || what("name")), &locked)?;
            let (fill, fg) = status_colors(ap.status, ap.satisfied);
            let status = Format::new()
                .set_unlocked()
                .set_background_color(color(fill))
                .set_font_color(color(fg));
            sheet.write_string_with_format(row, 5, ap.status.label(), &status)?;
            let text = cuts.fit(&ra.text, || what("countermeasure or justification"));
            sheet.write_string_with_format(row, 6, text, &editable)?;
            let evidence = cuts.fit(&ra.evidence, || what("evidence"));
            sheet.write_string_with_format(row, 7, evidence, &editable)?;
            let notes = cuts.fit(&ra.notes, || what("notes"));
            sheet.write_string_with_format(row, 8, notes, &editable)?;
        }
    }
    if row > 0 {
        let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        let validation = DataValidation::new()
            .allow_list_strings(&labels)?
            .set_input_title("Status")?
            .set_input_message("Met, Compensated (say how), Not met or Not applicable (say why)")?
            .set_error_title("Not a status")?
            .set_error_message("Choose one of the five statuses from the list.")?;
        sheet.add_data_validation(1, 5, row, 5, &validation)?;
        // the editable columns stay editable below the rows too (notes a supplier adds)
        for col in LOCKED as u16..COLUMNS.len() as u16 {
            sheet.set_column_format(col, &Format::new().set_unlocked())?;
        }
    }
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, row.max(1), COLUMNS.len() as u16 - 1)?;
    let options = ProtectionOptions {
        use_autofilter: true,
        sort: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
    about_sheet(&mut book, project)?;
    cuts.sheet(&mut book)?;
    book.save_to_buffer()
}

/// The sheet naming the project the matrix was made for (locked): read back, it keeps a
/// matrix from being applied to another project.
fn about_sheet(book: &mut Workbook, project: &Project) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(ABOUT_SHEET)?;
    sheet.set_column_width(0, 22.0)?;
    sheet.set_column_width(1, 60.0)?;
    let header = header_format();
    sheet.write_string_with_format(0, 0, "Made for", &header)?;
    sheet.write_string_with_format(0, 1, "", &header)?;
    for (row, (key, value)) in identity(project).iter().enumerate() {
        sheet.write_string(row as u32 + 1, 0, *key)?;
        sheet.write_string(row as u32 + 1, 1, identity_text(value))?;
    }
    sheet.write_string(
        4,
        0,
        "Return the matrix with this sheet unchanged: it is applied only to this project.",
    )?;
    sheet.protect();
    Ok(())
}

/// The name of the sheet that names the project.
pub const ABOUT_SHEET: &str = "Made for";
const ABOUT_PROJECT: &str = "Project";
const ABOUT_DOCUMENT: &str = "Document number";
const ABOUT_SITE: &str = "Site";

/// What identifies the project a matrix was made for.
fn identity(project: &Project) -> [(&'static str, &str); 3] {
    [
        (ABOUT_PROJECT, project.meta.title.as_str()),
        (ABOUT_DOCUMENT, project.meta.document_number.as_str()),
        (ABOUT_SITE, project.meta.site.as_str()),
    ]
}

/// An identity value as written and compared (the start of a long title is enough).
fn identity_text(s: &str) -> String {
    s.chars().take(1_000).collect()
}

/// Names compare after trimming, collapsing inner whitespace and ignoring case.
fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn requirements(project: &Project, element: ElementRef) -> Option<&Requirements> {
    match element {
        ElementRef::Zone(id) => project.zone(id).map(|z| &z.requirements),
        ElementRef::Conduit(id) => project.conduit(id).map(|c| &c.requirements),
        ElementRef::Asset(_) | ElementRef::Project => None,
    }
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
    /// The changes as one edit (one undo step), or `None` when nothing changes.
    pub fn edit(&self, project: &Project) -> Option<Edit> {
        let mut edits = Vec::new();
        let mut zones: Vec<crate::model::Zone> = Vec::new();
        let mut conduits: Vec<crate::model::Conduit> = Vec::new();
        for c in &self.changes {
            let target = match c.element {
                ElementRef::Zone(id) => {
                    if !zones.iter().any(|z| z.id == id) {
                        zones.push(project.zone(id)?.clone());
                    }
                    zones
                        .iter_mut()
                        .find(|z| z.id == id)
                        .map(|z| &mut z.requirements)
                }
                ElementRef::Conduit(id) => {
                    if !conduits.iter().any(|k| k.id == id) {
                        conduits.push(project.conduit(id)?.clone());
                    }
                    conduits
                        .iter_mut()
                        .find(|k| k.id == id)
                        .map(|k| &mut k.requirements)
                }
                ElementRef::Asset(_) | ElementRef::Project => None,
            }?;
            if c.after.is_default() {
                target.remove(&c.requirement);
            } else {
                target.insert(c.requirement.clone(), c.after.clone());
            }
        }
        edits.extend(zones.into_iter().map(Edit::ReplaceZone));
        edits.extend(conduits.into_iter().map(Edit::ReplaceConduit));
        (!edits.is_empty()).then_some(Edit::Batch(edits))
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
pub fn read_matrix_with(
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
