//! XLSX workbooks (first or chosen sheet), opened through `workbook` (what the archive expands
//! to bounded) and read cell by cell, so that the row, column and text limits stop a huge or
//! hostile sheet before it is built.

use super::ImportError;
use super::table::{Builder, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS, Table};
use super::workbook::{self, BookError, SheetLimits};

pub(super) fn read(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    rows: &std::sync::atomic::AtomicUsize,
) -> Result<Table, ImportError> {
    let err = |m: String| ImportError::file(name, m);
    let from_book = |e: BookError| match e.row {
        Some(r) => ImportError::row(name, r, e.message),
        None => ImportError::file(name, e.message),
    };
    let mut wb = workbook::open(bytes).map_err(from_book)?;
    let sheets = workbook::sheet_names(&wb);
    let chosen = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s || n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                err(format!(
                    "the workbook has no sheet \"{}\"; its sheets are: {}",
                    crate::file::short(s),
                    sheets.join(", ")
                ))
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| err("the workbook has no sheets".into()))?,
    };
    let limits = SheetLimits {
        // header + data rows; the sheet may start lower, so allow the blank rows above too
        max_row: MAX_ROWS + 1_000,
        max_columns: MAX_COLUMNS,
        max_cell_bytes: MAX_CELL_BYTES,
    };
    let mut builder = Builder::new(name, rows);
    let mut failed: Option<ImportError> = None;
    let streamed = workbook::rows(&mut wb, &chosen, limits, &mut |row, cells| {
        builder.push(row, cells).map_err(|e| {
            let b = BookError {
                row: e.row,
                message: e.message.clone(),
            };
            failed = Some(e);
            b
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    streamed.map_err(from_book)?;
    let mut t = builder.finish()?;
    t.sheet = Some(chosen);
    t.sheets = sheets;
    t.encoding = "XLSX";
    Ok(t)
}
