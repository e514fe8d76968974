//! Reading an inventory file into a table of text cells: encoding (UTF-8 with or without BOM,
//! UTF-16 LE/BE, Windows-1252), CSV with a sniffed delimiter, XLSX sheets; every limit checked
//! while reading, each problem one error naming the file and the row.

use super::ImportError;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Larger inventory files are refused before they are read to the end.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;
/// Most data rows (the header not counted).
pub const MAX_ROWS: usize = 100_000;
/// Most columns of a row.
pub const MAX_COLUMNS: usize = 256;
/// Longest cell, in bytes (the same as a project's text fields).
pub const MAX_CELL_BYTES: usize = crate::file::MAX_TEXT_BYTES;

/// An inventory as text: one header row and the data rows with their row numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The file name, for messages.
    pub source: String,
    /// The sheet read (XLSX), or `None` for CSV.
    pub sheet: Option<String>,
    /// All sheets of a workbook, for the dialog's choice.
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    /// Row number (1-based, as a spreadsheet shows it; the header is usually row 1) and cells.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The delimiter of a CSV file.
    pub delimiter: Option<u8>,
    /// "UTF-8", "UTF-16LE", "Windows-1252" …
    pub encoding: &'static str,
}

/// Longest sample value shown for a column, in characters.
pub const SAMPLE_CHARS: usize = 40;

impl Table {
    /// The first `per_column` non-empty values of each column, each on one line (line breaks
    /// and tabs become spaces) and cut to [`SAMPLE_CHARS`] characters with "…": what the
    /// import dialog shows beside a column's mapping. One pass over the rows, ending as soon
    /// as every column has its values.
    pub fn samples(&self, per_column: usize) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new(); self.headers.len()];
        let mut open = if per_column == 0 { 0 } else { out.len() };
        for (_, cells) in &self.rows {
            if open == 0 {
                break;
            }
            for (i, cell) in cells.iter().enumerate().take(out.len()) {
                let slot = &mut out[i];
                if slot.len() == per_column || cell.trim().is_empty() {
                    continue;
                }
                slot.push(one_line(cell));
                if slot.len() == per_column {
                    open -= 1;
                }
            }
        }
        out
    }
}

/// `s` on one line, cut to [`SAMPLE_CHARS`] characters.
fn one_line(s: &str) -> String {
    let flat: String = s
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(SAMPLE_CHARS) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

/// Reads a file (only a regular file, at most [`MAX_INPUT_BYTES`]).
pub fn read_path(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    read_path_counting(path, sheet, &AtomicUsize::new(0))
}

/// [`read_path`], counting the rows read into `rows` (for a progress display on another
/// thread).
pub(crate) fn read_path_counting(
    path: &Path,
    sheet: Option<&str>,
    rows: &AtomicUsize,
) -> Result<Table, ImportError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let err = |message: String| ImportError::file(&name, message);
    let meta = std::fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(err(too_large(meta.len())));
    }
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(err(too_large(bytes.len() as u64)));
    }
    read_bytes_counting(&name, &bytes, sheet, rows)
}

fn too_large(bytes: u64) -> String {
    format!(
        "the file is {} MB; inventories of at most {} MB are read",
        bytes / (1024 * 1024),
        MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// Reads an inventory from its bytes: XLSX when it is a ZIP archive, else delimited text.
pub fn read_bytes(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    read_bytes_counting(name, bytes, sheet, &AtomicUsize::new(0))
}

fn read_bytes_counting(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    rows: &AtomicUsize,
) -> Result<Table, ImportError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ImportError::file(name, too_large(bytes.len() as u64)));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return super::xlsx::read(name, bytes, sheet, rows);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::file(
            name,
            "an old binary Excel file (.xls); save it as .xlsx or CSV".into(),
        ));
    }
    if sheet.is_some() {
        return Err(ImportError::file(
            name,
            "a sheet was chosen, but this is a text (CSV) file, not a workbook".into(),
        ));
    }
    let (text, encoding) = decode(name, bytes)?;
    read_csv(name, &text, encoding, rows)
}

/// The text of a CSV file and the name of its encoding.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    let unreadable = |enc: &str| {
        ImportError::file(
            name,
            format!("the file starts with a {enc} byte order mark but is not valid {enc} text"),
        )
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), "UTF-8"))
            .map_err(|_| unreadable("UTF-8"));
    }
    for (bom, enc, label) in [
        (&[0xFF, 0xFE], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return enc
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|s| (s.into_owned(), label))
                .ok_or_else(|| unreadable(label));
        }
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "UTF-8"),
        // Excel's "CSV" in Western European locales; but never a UTF-8 file with a few rows
        // in another encoding: decoding it whole would garble every other row's umlauts
        Err(_) => {
            mixed_encoding(name, bytes)?;
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (s.into_owned(), "Windows-1252")
        }
    };
    if text.0.contains('\0') {
        return Err(ImportError::file(
            name,
            "binary data, not a table (CSV or XLSX); UTF-16 files need a byte order mark".into(),
        ));
    }
    Ok(text)
}

/// Refuses a file that is UTF-8 in places (it holds valid multi-byte sequences) and not in
/// others, naming the lines that are not.
fn mixed_encoding(name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let mut multibyte = false;
    let mut bad_lines: Vec<usize> = Vec::new();
    let mut line = 1usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte |= valid.bytes().any(|b| b >= 0x80);
        line += valid.bytes().filter(|&b| b == b'\n').count();
        if !chunk.invalid().is_empty() && bad_lines.last() != Some(&line) {
            bad_lines.push(line);
        }
        line += chunk.invalid().iter().filter(|&&b| b == b'\n').count();
    }
    if !multibyte || bad_lines.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = bad_lines.iter().take(10).map(ToString::to_string).collect();
    let more = if bad_lines.len() > 10 {
        format!(" and {} more", bad_lines.len() - 10)
    } else {
        String::new()
    };
    Err(ImportError::row(
        name,
        bad_lines[0],
        format!(
            "the file is UTF-8 text, but line{} {}{more} {} not (another encoding, such as \
             Windows-1252, was mixed in); save the whole file as UTF-8 and import it again",
            if bad_lines.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if bad_lines.len() == 1 { "is" } else { "are" },
        ),
    ))
}

/// Checks the quoting and the number of fields of every record before the CSV reader splits
/// it: a quote that never closes (a stray `"`, or a file cut inside a quoted field) is an error
/// naming the row where it opened, and a record with more than [`MAX_COLUMNS`] fields is
/// refused before its fields are built.
pub(super) fn prescan(name: &str, text: &str, delimiter: u8) -> Result<(), ImportError> {
    let bytes = text.as_bytes();
    let (mut line, mut record) = (1usize, 1usize);
    let mut record_has_data = false;
    let mut fields = 1usize;
    let mut field_start = true;
    let mut quoted: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if quoted.is_some() {
            match b {
                b'"' if bytes.get(i) == Some(&b'"') => i += 1,
                b'"' => quoted = None,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = Some((record, line));
                record_has_data = true;
                field_start = false;
            }
            b'\n' => {
                line += 1;
                if record_has_data {
                    record += 1;
                }
                record_has_data = false;
                fields = 1;
                field_start = true;
            }
            b'\r' => {}
            d if d == delimiter => {
                fields += 1;
                record_has_data = true;
                field_start = true;
                if fields > MAX_COLUMNS {
                    return Err(ImportError::row(
                        name,
                        record,
                        format!("more than {MAX_COLUMNS} columns (the limit)"),
                    ));
                }
            }
            _ => {
                record_has_data = true;
                field_start = false;
            }
        }
    }
    if let Some((record, line)) = quoted {
        let at = if record == line {
            String::new()
        } else {
            format!(" (line {line} of the file)")
        };
        return Err(ImportError::row(
            name,
            record,
            format!(
                "a quoted field opens here{at} and is never closed: a stray \" or a file cut \
                 short; nothing was imported"
            ),
        ));
    }
    Ok(())
}

/// The delimiter of the header line: the most frequent of `,` `;` tab `|` outside quotes.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    // the first with the highest count: a comma wins ties
    let best = counts
        .iter()
        .fold(counts[0], |best, c| if c.1 > best.1 { *c } else { best });
    best.0
}

fn read_csv(
    name: &str,
    text: &str,
    encoding: &'static str,
    rows: &AtomicUsize,
) -> Result<Table, ImportError> {
    let delimiter = sniff_delimiter(text);
    prescan(name, text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut builder = Builder::new(name, rows);
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(ImportError::row(
                    name,
                    row + 1,
                    format!("not readable as CSV: {e}"),
                ));
            }
        }
        row += 1;
        builder.push(row, record.iter().map(undefused).collect())?;
    }
    let mut t = builder.finish()?;
    t.delimiter = Some(delimiter);
    t.encoding = encoding;
    Ok(t)
}

/// A CSV cell as it was before a spreadsheet-safe writer put an apostrophe before it (this
/// program's registers, and the usual practice, write `=x` as `'=x` so that no spreadsheet
/// runs it as a formula).
fn undefused(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// Collects rows with the limits checked as they come.
pub(super) struct Builder<'a> {
    name: &'a str,
    counter: &'a AtomicUsize,
    headers: Option<Vec<String>>,
    rows: Vec<(usize, Vec<String>)>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(name: &'a str, counter: &'a AtomicUsize) -> Self {
        Builder {
            name,
            counter,
            headers: None,
            rows: Vec::new(),
        }
    }

    /// Checks and keeps one row; blank rows are skipped, the first non-blank row is the header.
    pub(super) fn push(&mut self, row: usize, mut cells: Vec<String>) -> Result<(), ImportError> {
        while cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        if cells.len() > MAX_COLUMNS {
            return Err(ImportError::row(
                self.name,
                row,
                format!(
                    "{} columns; at most {MAX_COLUMNS} are read (the limit)",
                    cells.len()
                ),
            ));
        }
        for (i, c) in cells.iter_mut().enumerate() {
            if c.len() > MAX_CELL_BYTES {
                return Err(ImportError::row(
                    self.name,
                    row,
                    format!(
                        "the cell in column {} is {} KB long; cells are limited to {} KB",
                        i + 1,
                        c.len() / 1024,
                        MAX_CELL_BYTES / 1024
                    ),
                ));
            }
            let t = c.trim();
            if t.len() != c.len() {
                *c = t.to_owned();
            }
        }
        if self.headers.is_none() {
            self.headers = Some(cells);
            return Ok(());
        }
        if self.rows.len() == MAX_ROWS {
            return Err(ImportError::row(
                self.name,
                row,
                format!("more than {MAX_ROWS} data rows (the limit)"),
            ));
        }
        self.rows.push((row, cells));
        self.counter.store(self.rows.len(), Ordering::Relaxed);
        Ok(())
    }

    pub(super) fn finish(self) -> Result<Table, ImportError> {
        let headers = self.headers.ok_or_else(|| {
            ImportError::file(self.name, "the file is empty: no header row".into())
        })?;
        Ok(Table {
            source: self.name.to_owned(),
            sheet: None,
            sheets: Vec::new(),
            headers,
            rows: self.rows,
            delimiter: None,
            encoding: "UTF-8",
        })
    }
}
