//! `zonewright catalog`: the embedded IEC 62443-3-3 system requirements or the IEC 62443-4-2
//! component requirements as CSV, JSON or a table — one row writer for both.

use super::{CatalogFormat, csv_field, out};
use crate::catalog::{Catalog, ComponentClass};
use crate::model::Fr;
use serde::Serialize;
use std::io::Write;

/// One listed requirement. `class` is only there for the 4-2 catalog, where it is `null`
/// (JSON) or "All components" (CSV) for CR rows, which apply to every class.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    fr: u8,
    fr_code: &'static str,
    title: &'a str,
    level: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<Option<&'static str>>,
    explanation: &'a str,
}

impl<'a> Row<'a> {
    fn new(id: &'a str, fr: Fr, title: &'a str, level: u8, explanation: &'a str) -> Row<'a> {
        Row {
            id,
            fr: fr.number(),
            fr_code: fr.code(),
            title,
            level,
            class: None,
            explanation,
        }
    }
}

/// The rows as CSV or JSON; `false` for the table format, which each catalog writes itself.
fn write_rows(out: &mut dyn Write, rows: &[Row], format: CatalogFormat) -> std::io::Result<bool> {
    let with_class = rows.iter().any(|r| r.class.is_some());
    match format {
        CatalogFormat::Csv => {
            let class = if with_class { "class," } else { "" };
            writeln!(out, "id,fr,fr_code,title,level,{class}explanation")?;
            for r in rows {
                let class = match r.class {
                    Some(c) => format!("{},", csv_field(c.unwrap_or("All components"))),
                    None => String::new(),
                };
                writeln!(
                    out,
                    "{},{},{},{},{},{class}{}",
                    csv_field(r.id),
                    r.fr,
                    r.fr_code,
                    csv_field(r.title),
                    r.level,
                    csv_field(r.explanation)
                )?;
            }
            Ok(true)
        }
        CatalogFormat::Json => {
            out::json_pretty(out, &rows)?;
            Ok(true)
        }
        CatalogFormat::Table => {
            let width = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(2) + 1;
            writeln!(out, "{:<width$} {:<4} {:<5} Title", "Id", "FR", "From")?;
            for r in rows {
                writeln!(
                    out,
                    "{:<width$} {:<4} SL {:<2} {}",
                    r.id, r.fr_code, r.level, r.title
                )?;
            }
            writeln!(out)?;
            Ok(false)
        }
    }
}

/// The IEC 62443-3-3 catalog.
pub(super) fn write_catalog(
    out: &mut dyn Write,
    catalog: &Catalog,
    format: CatalogFormat,
) -> std::io::Result<()> {
    let rows: Vec<Row> = catalog
        .requirements
        .iter()
        .map(|r| Row::new(&r.id, r.fr, &r.title, r.level, &r.explanation))
        .collect();
    if write_rows(out, &rows, format)? {
        return Ok(());
    }
    for level in 1..=4u8 {
        let n = catalog
            .requirements
            .iter()
            .filter(|r| r.level <= level)
            .count();
        writeln!(
            out,
            "Required at SL {level}: {}",
            crate::count_of(n, "item", "items")
        )?;
    }
    Ok(())
}

/// The IEC 62443-4-2 catalog, with the class of each device-specific row.
pub(super) fn write_component_catalog(
    out: &mut dyn Write,
    catalog: &Catalog,
    format: CatalogFormat,
) -> std::io::Result<()> {
    let rows: Vec<Row> = catalog
        .component_requirements
        .iter()
        .map(|r| Row {
            class: Some(r.class().map(ComponentClass::label)),
            ..Row::new(&r.id, r.fr, &r.title, r.level, &r.explanation)
        })
        .collect();
    if write_rows(out, &rows, format)? {
        return Ok(());
    }
    for class in ComponentClass::ALL {
        let counts: Vec<String> = (1..=4u8)
            .map(|level| {
                let n = catalog
                    .component_requirements_for(class)
                    .filter(|r| r.level <= level)
                    .count();
                format!("SL {level}: {n}")
            })
            .collect();
        writeln!(
            out,
            "{} (CR + {}): {}",
            class.label(),
            class.prefix(),
            counts.join(", ")
        )?;
    }
    Ok(())
}
