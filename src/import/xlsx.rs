//! XLSX workbooks (first or chosen sheet), read cell by cell so that the row and column limits
//! stop a huge sheet before it is built.

use super::ImportError;
use super::table::{Builder, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS, Table};
use calamine::{DataRef, Reader, Xlsx};

pub(super) fn read(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    rows: &std::sync::atomic::AtomicUsize,
) -> Result<Table, ImportError> {
    let err = |m: String| ImportError::file(name, m);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| err(format!("not a readable XLSX workbook: {e}")))?;
    let sheets = wb.sheet_names();
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
    let mut reader = wb
        .worksheet_cells_reader(&chosen)
        .map_err(|e| err(format!("sheet \"{chosen}\" cannot be read: {e}")))?;
    let mut builder = Builder::new(name, rows);
    let mut current: Option<(u32, Vec<String>)> = None;
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| err(format!("sheet \"{chosen}\" cannot be read: {e}")))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        let row_no = r as usize + 1;
        // header + data rows; the sheet may start lower, so allow the blank rows above too
        if row_no > MAX_ROWS + 1_000 {
            return Err(ImportError::row(
                name,
                row_no,
                format!("more than {MAX_ROWS} data rows (the limit)"),
            ));
        }
        if c as usize >= MAX_COLUMNS {
            return Err(ImportError::row(
                name,
                row_no,
                format!("more than {MAX_COLUMNS} columns (the limit)"),
            ));
        }
        let text = cell_text(cell.get_value());
        if text.len() > MAX_CELL_BYTES {
            return Err(ImportError::row(
                name,
                row_no,
                format!(
                    "the cell in column {} is {} KB long; cells are limited to {} KB",
                    c + 1,
                    text.len() / 1024,
                    MAX_CELL_BYTES / 1024
                ),
            ));
        }
        if current.as_ref().is_some_and(|(cr, _)| *cr != r)
            && let Some((cr, cells)) = current.take()
        {
            builder.push(cr as usize + 1, cells)?;
        }
        let (_, cells) = current.get_or_insert_with(|| (r, Vec::new()));
        if cells.len() <= c as usize {
            cells.resize(c as usize + 1, String::new());
        }
        cells[c as usize] = text;
    }
    if let Some((cr, cells)) = current.take() {
        builder.push(cr as usize + 1, cells)?;
    }
    let mut t = builder.finish()?;
    t.sheet = Some(chosen);
    t.sheets = sheets;
    t.encoding = "XLSX";
    Ok(t)
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => format!("#{e:?}"),
        DataRef::Empty => String::new(),
    }
}
