//! One register as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel reads the
//! characters right, CRLF line ends). Text that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`) gets a leading apostrophe; numbers are written as numbers.

use super::Table;
use super::tables::{Register, Value, register};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::Project;

/// The register `table` of `project` as CSV text.
pub fn table(project: &Project, catalog: &Catalog, table: Table) -> String {
    let a = assess(project, catalog);
    write(&register(project, catalog, &a, table))
}

fn write(r: &Register) -> String {
    let mut s = String::from('\u{feff}');
    let header: Vec<String> = r.columns.iter().map(|c| field(c.title)).collect();
    s.push_str(&header.join(","));
    s.push_str("\r\n");
    for row in &r.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Number(_) => v.plain(),
                _ => field(&defused(&v.plain())),
            })
            .collect();
        s.push_str(&cells.join(","));
        s.push_str("\r\n");
    }
    s
}

/// Text that would start a formula in a spreadsheet, shown as text.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(defused("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(defused("Zone"), "Zone");
    }
}
