//! The registers as one XLSX workbook: sheets Zones, Conduits, Assets, Requirements, Findings,
//! Supplier requirements and Risk, numbers as numbers, a frozen bold header row with an autofilter, column widths,
//! and gap and status colours as cell fills.

use super::ExportError;
use super::Table;
use super::tables::{Register, Value, gap_words, register, risk};
use crate::analysis::{GapSeverity, assess};
use crate::catalog::Catalog;
use crate::model::Project;
use crate::report::layout::Rgb;
use crate::report::{gap_colors, status_colors};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;

/// Rows a sheet can hold below its header (Excel's limit is 1,048,576 rows).
pub const MAX_ROWS: usize = 1_048_575;

/// Excel's limit on one cell, in UTF-16 units.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The texts cut to fit a cell, one line each (sheet, row, element and field).
#[derive(Debug, Default)]
pub struct Cuts(pub Vec<String>);

impl Cuts {
    /// `text`, or when it is longer than a cell holds its start with a visible ending saying so;
    /// the cut is noted with `what`.
    pub(super) fn fit<'a>(&mut self, text: &'a str, what: impl FnOnce() -> String) -> Cow<'a, str> {
        if text.len() <= MAX_CELL_CHARS {
            return Cow::Borrowed(text);
        }
        let units: usize = text.chars().map(char::len_utf16).sum();
        if units <= MAX_CELL_CHARS {
            return Cow::Borrowed(text);
        }
        let ending = format!(
            " … [cut by zonewright: Excel cells hold {MAX_CELL_CHARS} characters; the full text of {units} is in the project]"
        );
        let room = MAX_CELL_CHARS - ending.chars().map(char::len_utf16).sum::<usize>();
        let mut kept = String::with_capacity(room + ending.len());
        let mut used = 0;
        for c in text.chars() {
            used += c.len_utf16();
            if used > room {
                break;
            }
            kept.push(c);
        }
        kept.push_str(&ending);
        self.0.push(format!(
            "{}: {units} characters, cut to {MAX_CELL_CHARS}",
            what()
        ));
        Cow::Owned(kept)
    }

    /// A sheet listing the cuts, when there are any.
    pub(super) fn sheet(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let sheet = book.add_worksheet();
        sheet.set_name(CUTS_SHEET)?;
        sheet.set_column_width(0, 100.0)?;
        sheet.write_string_with_format(0, 0, "Texts cut to fit Excel's cells", &header_format())?;
        for (i, line) in self.0.iter().enumerate() {
            sheet.write_string(i as u32 + 1, 0, line)?;
        }
        Ok(())
    }
}

/// The sheet that lists the texts cut to fit.
pub const CUTS_SHEET: &str = "Cut texts";

/// The registers workbook of `project` as XLSX bytes.
pub fn registers(project: &Project, catalog: &Catalog) -> Result<Vec<u8>, ExportError> {
    registers_noting(project, catalog, &mut Cuts::default())
}

/// [`registers`], noting the texts cut to fit in `cuts` (and in a sheet of their own).
pub(crate) fn registers_noting(
    project: &Project,
    catalog: &Catalog,
    cuts: &mut Cuts,
) -> Result<Vec<u8>, ExportError> {
    let a = assess(project, catalog);
    let mut book = Workbook::new();
    for table in Table::ALL {
        let r = register(project, catalog, &a, table);
        write_register(book.add_worksheet(), &r, cuts).map_err(|e| xlsx_error(&r, e))?;
    }
    for r in [
        risk(project, &a),
        super::risk_record::threat_sources(project),
    ] {
        write_register(book.add_worksheet(), &r, cuts).map_err(|e| xlsx_error(&r, e))?;
    }
    cuts.sheet(&mut book)
        .map_err(|e| ExportError::Xlsx(e.to_string()))?;
    book.save_to_buffer()
        .map_err(|e| ExportError::Xlsx(e.to_string()))
}

pub(super) fn xlsx_error(r: &Register, e: XlsxError) -> ExportError {
    ExportError::Xlsx(format!("sheet {}: {e}", r.name))
}

pub(super) fn color(c: Rgb) -> Color {
    Color::RGB((u32::from(c.0) << 16) | (u32::from(c.1) << 8) | u32::from(c.2))
}

pub(super) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(color(Rgb::HEADER_FILL))
        .set_border_bottom(FormatBorder::Thin)
}

fn gap_format(g: GapSeverity) -> Format {
    let (fill, fg) = gap_colors(g);
    Format::new()
        .set_background_color(color(fill))
        .set_font_color(color(fg))
}

/// Writes `r` as a sheet with a frozen header, an autofilter and the column widths.
pub(super) fn write_register(
    sheet: &mut Worksheet,
    r: &Register,
    cuts: &mut Cuts,
) -> Result<(), XlsxError> {
    if r.rows.len() > MAX_ROWS {
        return Err(XlsxError::RowColumnLimitError);
    }
    sheet.set_name(r.name)?;
    let header = header_format();
    for (col, c) in r.columns.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, c.title, &header)?;
        sheet.set_column_width(col, c.width)?;
    }
    for (i, row) in r.rows.iter().enumerate() {
        let row_n = i as u32 + 1;
        for (col, v) in row.iter().enumerate() {
            let col = col as u16;
            match v {
                Value::Text(s) => {
                    let what = || {
                        let element = match row.first() {
                            Some(Value::Text(t)) => crate::file::short(t),
                            _ => String::new(),
                        };
                        format!(
                            "sheet {}, row {}, {element}, column {}",
                            r.name,
                            row_n + 1,
                            r.columns.get(col as usize).map_or("", |c| c.title)
                        )
                    };
                    sheet.write_string(row_n, col, cuts.fit(s, what))?;
                }
                Value::Number(n) => {
                    sheet.write_number(row_n, col, *n)?;
                }
                Value::Gap(g) => {
                    sheet.write_string_with_format(row_n, col, gap_words(*g), &gap_format(*g))?;
                }
                Value::Status(s, satisfied) => {
                    let (fill, fg) = status_colors(*s, *satisfied);
                    let f = Format::new()
                        .set_background_color(color(fill))
                        .set_font_color(color(fg));
                    sheet.write_string_with_format(row_n, col, s.label(), &f)?;
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = r.columns.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, r.rows.len() as u32, last_col)?;
    Ok(())
}
