//! The IEC 62443-4-2 side of the command line: `catalog --standard 4-2`, and the component
//! keys of `check --format json` (SL-C sources, what to ask suppliers for).

use super::{CatalogFormat, csv_field, out};
use crate::catalog::{Catalog, ComponentClass};
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;

/// Which requirement catalog `catalog` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CatalogStandard {
    /// IEC 62443-3-3 system requirements.
    #[default]
    #[value(name = "3-3")]
    SystemRequirements,
    /// IEC 62443-4-2 component requirements.
    #[value(name = "4-2")]
    ComponentRequirements,
}

/// The class a row is for, as written in the listings.
fn class_label(class: Option<ComponentClass>) -> &'static str {
    class.map_or("All components", ComponentClass::label)
}

pub(super) fn write_component_catalog(
    out: &mut dyn Write,
    catalog: &Catalog,
    format: CatalogFormat,
) -> std::io::Result<()> {
    let rows = &catalog.component_requirements;
    match format {
        CatalogFormat::Csv => {
            writeln!(out, "id,fr,fr_code,title,level,class,explanation")?;
            for r in rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    csv_field(&r.id),
                    r.fr.number(),
                    r.fr.code(),
                    csv_field(&r.title),
                    r.level,
                    csv_field(class_label(r.class())),
                    csv_field(&r.explanation)
                )?;
            }
        }
        CatalogFormat::Json => {
            #[derive(Serialize)]
            struct Row<'a> {
                id: &'a str,
                fr: u8,
                fr_code: &'static str,
                title: &'a str,
                level: u8,
                /// `null` for CR rows, which apply to every class.
                class: Option<&'static str>,
                explanation: &'a str,
            }
            let rows: Vec<Row> = rows
                .iter()
                .map(|r| Row {
                    id: &r.id,
                    fr: r.fr.number(),
                    fr_code: r.fr.code(),
                    title: &r.title,
                    level: r.level,
                    class: r.class().map(ComponentClass::label),
                    explanation: &r.explanation,
                })
                .collect();
            out::json_pretty(out, &rows)?;
        }
        CatalogFormat::Table => {
            writeln!(out, "{:<15} {:<4} {:<5} Title", "Id", "FR", "From")?;
            for r in rows {
                writeln!(
                    out,
                    "{:<15} {:<4} SL {:<2} {}",
                    r.id,
                    r.fr.code(),
                    r.level,
                    r.title
                )?;
            }
            writeln!(out)?;
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
        }
    }
    Ok(())
}
