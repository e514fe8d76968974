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

/// Rows a sheet can hold below its header (Excel's limit is 1,048,576 rows).
pub const MAX_ROWS: usize = 1_048_575;

/// The registers workbook of `project` as XLSX bytes.
pub fn registers(project: &Project, catalog: &Catalog) -> Result<Vec<u8>, ExportError> {
    let a = assess(project, catalog);
    let mut book = Workbook::new();
    for table in Table::ALL {
        let r = register(project, catalog, &a, table);
        write_register(book.add_worksheet(), &r).map_err(|e| xlsx_error(&r, e))?;
    }
    let r = risk(project, &a);
    write_register(book.add_worksheet(), &r).map_err(|e| xlsx_error(&r, e))?;
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
pub(super) fn write_register(sheet: &mut Worksheet, r: &Register) -> Result<(), XlsxError> {
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
                    sheet.write_string(row_n, col, s)?;
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
