//! Untrusted XLSX workbooks (inventories, filled-in compliance matrices), opened with what they
//! EXPAND bounded: every part of the ZIP is decompressed once into a counting sink and refused
//! past its limit before the XLSX reader sees it, the shared-string table's declared size is
//! checked against what it holds, and the chosen sheet is streamed cell by cell with the row,
//! column, cell-count and text limits checked before a cell is copied.

use calamine::{DataRef, Reader, Xlsx};
use std::io::{Cursor, Read};

/// Most bytes one part of a workbook (a sheet, the styles…) may expand to.
pub const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;
/// Most bytes the shared-string table may expand to (the XLSX reader keeps it in memory).
pub const MAX_SHARED_STRINGS_BYTES: u64 = 96 * 1024 * 1024;
/// Most bytes all parts together may expand to.
pub const MAX_EXPANDED_BYTES: u64 = 1024 * 1024 * 1024;
/// Most parts in the archive.
pub const MAX_PARTS: usize = 10_000;
/// Most cells kept from one sheet, counting the empty cells a row is padded with.
pub const MAX_CELLS: usize = 5_000_000;
/// Most text kept from one sheet, all cells together.
pub const MAX_SHEET_TEXT_BYTES: usize = 128 * 1024 * 1024;

/// A workbook whose parts were checked.
pub type Book = Xlsx<Cursor<Vec<u8>>>;

/// Why a workbook or one of its rows cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookError {
    /// The spreadsheet row to blame (1-based), if one is.
    pub row: Option<usize>,
    pub message: String,
}

impl BookError {
    fn whole(message: String) -> Self {
        BookError { row: None, message }
    }
}

fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Counts what passes through.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// Opens an XLSX workbook from its bytes once every part has been expanded within the limits.
pub fn open(bytes: &[u8]) -> Result<Book, BookError> {
    check_parts(bytes)?;
    Xlsx::new(Cursor::new(bytes.to_vec()))
        .map_err(|e| BookError::whole(format!("not a readable XLSX workbook: {e}")))
}

/// Decompresses every part into a counting sink (nothing is kept) and refuses the workbook at
/// the first limit it breaks.
fn check_parts(bytes: &[u8]) -> Result<(), BookError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| BookError::whole(format!("not a readable XLSX workbook: {e}")))?;
    if zip.len() > MAX_PARTS {
        return Err(BookError::whole(format!(
            "the workbook has {} parts; at most {MAX_PARTS} are read",
            zip.len()
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let file = zip
            .by_index(i)
            .map_err(|e| BookError::whole(format!("part {} cannot be read: {e}", i + 1)))?;
        if file.is_dir() {
            continue;
        }
        let full = file
            .name()
            .map_err(|e| BookError::whole(format!("part {} has no readable name: {e}", i + 1)))?
            .into_owned();
        let name = crate::file::short(&full);
        let shared = full.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let limit = if shared {
            MAX_SHARED_STRINGS_BYTES
        } else {
            MAX_PART_BYTES
        };
        let mut reader = Counting {
            inner: file.take(limit + 1),
            count: 0,
        };
        let damaged = |e: &dyn std::fmt::Display| {
            BookError::whole(format!("the part {name} of the workbook is damaged: {e}"))
        };
        if shared {
            check_shared_strings(&mut reader, &name, limit)?;
        }
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| damaged(&e))?;
        if reader.count > limit {
            return Err(BookError::whole(format!(
                "the part {name} expands to more than {} MB (the limit is {} MB)",
                mb(limit),
                mb(limit)
            )));
        }
        total += reader.count;
        if total > MAX_EXPANDED_BYTES {
            return Err(BookError::whole(format!(
                "the workbook expands to more than {} MB (the limit)",
                mb(MAX_EXPANDED_BYTES)
            )));
        }
    }
    Ok(())
}

/// The shared-string table may not declare more strings than it holds: the XLSX reader
/// reserves room for the declared number before it reads one.
fn check_shared_strings<R: Read>(
    reader: &mut Counting<R>,
    name: &str,
    limit: u64,
) -> Result<(), BookError> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(reader));
    let mut buf = Vec::new();
    let mut declared: Option<u128> = None;
    let mut held = 0u128;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf);
        if xml.get_ref().get_ref().count > limit {
            return Err(BookError::whole(format!(
                "the part {name} expands to more than {} MB (the limit is {} MB)",
                mb(limit),
                mb(limit)
            )));
        }
        match event {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    if let Ok(Some(a)) = e.try_get_attribute("uniqueCount") {
                        let text = a.value.trim().to_owned();
                        declared = Some(text.parse().map_err(|_| {
                            BookError::whole(format!(
                                "the part {name} declares \"{}\" shared strings",
                                crate::file::short(&text)
                            ))
                        })?);
                    }
                }
                "si" => held += 1,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(BookError::whole(format!(
                    "the part {name} of the workbook is damaged: {e}"
                )));
            }
        }
    }
    if let Some(d) = declared
        && d > held
    {
        return Err(BookError::whole(format!(
            "the part {name} declares {d} shared strings but holds {held}: the workbook is damaged"
        )));
    }
    Ok(())
}

/// Limits for streaming one sheet.
#[derive(Debug, Clone, Copy)]
pub struct SheetLimits {
    /// The last spreadsheet row (1-based) read.
    pub max_row: usize,
    /// Most columns.
    pub max_columns: usize,
    /// Longest cell, in bytes.
    pub max_cell_bytes: usize,
}

/// Streams the sheet `sheet` row by row (row number 1-based, cells padded to their columns) to
/// `on_row`. Rows come in the order the sheet stores them; a row is handed over when the next
/// row starts. Every limit is checked before a cell's text is copied.
pub fn rows(
    book: &mut Book,
    sheet: &str,
    limits: SheetLimits,
    on_row: &mut dyn FnMut(usize, Vec<String>) -> Result<(), BookError>,
) -> Result<(), BookError> {
    let in_sheet = |m: String| BookError::whole(format!("sheet \"{sheet}\": {m}"));
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| in_sheet(format!("cannot be read: {e}")))?;
    let mut current: Option<(u32, Vec<String>)> = None;
    let (mut cells_kept, mut text_kept) = (0usize, 0usize);
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| in_sheet(format!("cannot be read: {e}")))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        let row_no = r as usize + 1;
        let at_row = |m: String| BookError {
            row: Some(row_no),
            message: format!("sheet \"{sheet}\": {m}"),
        };
        if row_no > limits.max_row {
            return Err(at_row(format!(
                "a cell beyond row {} (the limit)",
                limits.max_row
            )));
        }
        if c as usize >= limits.max_columns {
            return Err(at_row(format!(
                "more than {} columns (the limit)",
                limits.max_columns
            )));
        }
        let value = cell.get_value();
        let len = text_len(value);
        if len > limits.max_cell_bytes {
            return Err(at_row(format!(
                "the cell in column {} is {} KB long; cells are limited to {} KB",
                c + 1,
                len / 1024,
                limits.max_cell_bytes / 1024
            )));
        }
        if matches!(value, DataRef::Empty) {
            continue;
        }
        if current.as_ref().is_some_and(|(cr, _)| *cr != r)
            && let Some((cr, cells)) = current.take()
        {
            on_row(cr as usize + 1, cells)?;
        }
        let (_, cells) = current.get_or_insert_with(|| (r, Vec::new()));
        let grow = (c as usize + 1).saturating_sub(cells.len());
        cells_kept += grow;
        text_kept += len;
        if cells_kept > MAX_CELLS {
            return Err(at_row(format!("more than {MAX_CELLS} cells (the limit)")));
        }
        if text_kept > MAX_SHEET_TEXT_BYTES {
            return Err(at_row(format!(
                "its cells hold more than {} MB of text (the limit)",
                MAX_SHEET_TEXT_BYTES / (1024 * 1024)
            )));
        }
        if grow > 0 {
            cells.resize(c as usize + 1, String::new());
        }
        cells[c as usize] = cell_text(value);
    }
    if let Some((cr, cells)) = current.take() {
        on_row(cr as usize + 1, cells)?;
    }
    Ok(())
}

/// The length of a cell's text without building it (numbers are short).
fn text_len(v: &DataRef<'_>) -> usize {
    match v {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        DataRef::Empty => 0,
        _ => 32,
    }
}

/// A cell as text: whole numbers without a fraction, dates as the reader shows them.
pub(crate) fn cell_text(v: &DataRef<'_>) -> String {
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

/// The sheet names of a workbook.
pub fn sheet_names(book: &Book) -> Vec<String> {
    book.sheet_names()
}
