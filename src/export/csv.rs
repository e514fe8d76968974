//! One register as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel reads the
//! characters right, CRLF line ends). Text that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`) gets a leading apostrophe; numbers are written as numbers.

use super::ExportError;
use super::Table;
use super::tables::{Register, Value, register};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::Project;

/// The register `table` of `project` as CSV bytes.
pub fn table(project: &Project, catalog: &Catalog, table: Table) -> Result<Vec<u8>, ExportError> {
    let a = assess(project, catalog);
    write(&register(project, catalog, &a, table))
        .map_err(|e| ExportError::Csv(format!("{} register: {e}", table.name())))
}

/// The register through the `csv` writer: fields quoted where they must be, doubled quotes,
/// CRLF after every record, after a UTF-8 byte-order mark.
fn write(r: &Register) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(r.columns.iter().map(|c| c.title))?;
    for row in &r.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Number(_) => v.plain(),
            _ => defused(&v.plain()),
        }))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Text that would start a formula in a spreadsheet, shown as text.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        let r = Register {
            name: "Test",
            columns: vec![
                super::super::tables::Column {
                    title: "A",
                    width: 1.0,
                },
                super::super::tables::Column {
                    title: "B",
                    width: 1.0,
                },
            ],
            rows: vec![
                vec![Value::Text("a,b".into()), Value::Text("say \"hi\"".into())],
                vec![Value::Text("=HYPERLINK(1)".into()), Value::Number(2.0)],
                vec![Value::Text("two\nlines".into()), Value::Empty],
            ],
        };
        let text = String::from_utf8(write(&r).expect("written")).expect("UTF-8");
        assert_eq!(
            text,
            "\u{feff}A,B\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n'=HYPERLINK(1),2\r\n\"two\nlines\",\r\n"
        );
        assert_eq!(defused("Zone"), "Zone");
    }
}
