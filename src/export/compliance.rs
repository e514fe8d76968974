//! The supplier compliance matrix: the applicable requirements of chosen zones and conduits as
//! a protected XLSX sheet (status as a drop-down, the id columns locked) with a sheet naming the
//! project it was made for. Reading a filled-in matrix back is `import::compliance`.

use super::ExportError;
use super::xlsx::{Cuts, color, header_format};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::{ElementRef, Project, RequirementAssessment, Requirements, Status};
use crate::report::layout::Rgb;
use crate::report::status_colors;
use rust_xlsxwriter::{DataValidation, Format, ProtectionOptions, Workbook, XlsxError};

/// The name of the matrix's sheet.
pub const SHEET: &str = "Compliance matrix";

pub(crate) const REQUIREMENT: &str = "Requirement";
const TITLE: &str = "Title";
const LEVEL: &str = "Level";
pub(crate) const ELEMENT_ID: &str = "Element ID";
pub(crate) const ELEMENT: &str = "Element";
pub(crate) const STATUS: &str = "Status";
pub(crate) const COUNTERMEASURE: &str = "Countermeasure or justification";
pub(crate) const EVIDENCE: &str = "Evidence";
pub(crate) const NOTES: &str = "Notes";

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
pub(crate) fn export_matrix_noting(
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
pub(crate) const ABOUT_PROJECT: &str = "Project";
pub(crate) const ABOUT_DOCUMENT: &str = "Document number";
pub(crate) const ABOUT_SITE: &str = "Site";

/// What identifies the project a matrix was made for.
pub(crate) fn identity(project: &Project) -> [(&'static str, &str); 3] {
    [
        (ABOUT_PROJECT, project.meta.title.as_str()),
        (ABOUT_DOCUMENT, project.meta.document_number.as_str()),
        (ABOUT_SITE, project.meta.site.as_str()),
    ]
}

/// An identity value as written and compared (the start of a long title is enough).
pub(crate) fn identity_text(s: &str) -> String {
    s.chars().take(1_000).collect()
}

/// The requirement assessments of a zone or conduit.
pub(crate) fn requirements(project: &Project, element: ElementRef) -> Option<&Requirements> {
    match element {
        ElementRef::Zone(id) => project.zone(id).map(|z| &z.requirements),
        ElementRef::Conduit(id) => project.conduit(id).map(|c| &c.requirements),
        ElementRef::Asset(_) | ElementRef::Project => None,
    }
}
