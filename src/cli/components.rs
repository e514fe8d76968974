//! The IEC 62443-4-2 side of the command line: `catalog --standard 4-2`, and the component
//! keys of `check --format json` (SL-C sources, what to ask suppliers for).

use crate::analysis::Assessment;
use crate::analysis::components::SlCSource;
use crate::catalog::{Catalog, ComponentClass};
use crate::model::component::Validity;
use crate::model::text::visible;
use crate::model::{AssetParent, Project, format_levels};
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

/// The "SL-C sources" block of `check`: per zone and conduit where its SL-C comes from, and
/// every asset whose SL-C rests on evidence (certificate or assessment) or an override.
pub(super) fn write_sources_text(
    out: &mut dyn Write,
    project: &Project,
    a: &Assessment,
) -> std::io::Result<()> {
    writeln!(
        out,
        "SL-C sources (C certificate, A 4-2 assessment, O override, T typical default, X raised by a compensating countermeasure), assessed on {}:",
        a.assessment_date.map_or_else(
            || "no date (no certificate counts)".to_owned(),
            |d| d.to_string()
        )
    )?;
    let letters = |s: &[Option<SlCSource>; 7]| -> String {
        s.iter()
            .map(|s| s.map_or("–", SlCSource::letter))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (z, e) in a.zones_of(project) {
        writeln!(
            out,
            "  {:<7} ({})  {}",
            z.id.to_string(),
            letters(&e.sl_c_source),
            visible(&z.name)
        )?;
    }
    for (c, e) in a.conduits_of(project) {
        writeln!(
            out,
            "  {:<7} ({})  {}",
            c.id.to_string(),
            letters(&e.sl_c_source),
            visible(&c.name)
        )?;
    }
    for ((asset, _), cap) in project.all_assets().zip(&a.assets) {
        if cap.typical_only() {
            continue;
        }
        writeln!(
            out,
            "  asset {} ({}) = {}  {}",
            asset.id.0,
            letters(&cap.source),
            format_levels(&cap.sl_c),
            visible(&asset.name)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonCertificate<'a> {
    scheme: &'a str,
    number: &'a str,
    body: &'a str,
    valid_until: &'a str,
    sl_c: [u8; 7],
    /// "Valid", "Expired" or "Undated".
    validity: Option<Validity>,
}

#[derive(Serialize)]
struct JsonAsset<'a> {
    id: u32,
    name: &'a str,
    element: String,
    class: Option<&'static str>,
    sl_c: [Option<u8>; 7],
    /// Per FR: "certificate", "assessment", "override", "typical default" or null.
    sl_c_source: [Option<&'static str>; 7],
    certificate: Option<JsonCertificate<'a>>,
    assessed_items: usize,
}

#[derive(Serialize)]
struct JsonSupplier<'a> {
    element: String,
    element_name: &'a str,
    class: &'static str,
    assets: Vec<u32>,
    /// 4-2 ids the components of this class must meet at the element's SL-T.
    requirements: Vec<&'a str>,
    /// Of those, how many some asset of the class is not shown to meet.
    open: usize,
}

/// The `components` key of `check --format json`.
#[derive(Serialize)]
pub(super) struct JsonComponents<'a> {
    assessment_date: Option<String>,
    assets: Vec<JsonAsset<'a>>,
    suppliers: Vec<JsonSupplier<'a>>,
}

pub(super) fn source_labels(s: &[Option<SlCSource>; 7]) -> [Option<&'static str>; 7] {
    s.map(|s| s.map(SlCSource::label))
}

pub(super) fn json_components<'a>(
    project: &'a Project,
    a: &'a Assessment,
    catalog: &'a Catalog,
) -> JsonComponents<'a> {
    let assets = project
        .all_assets()
        .zip(&a.assets)
        .map(|((asset, parent), cap)| JsonAsset {
            id: asset.id.0,
            name: &asset.name,
            element: match parent {
                AssetParent::Zone(z) => z.to_string(),
                AssetParent::Conduit(c) => c.to_string(),
            },
            class: cap.class.map(ComponentClass::label),
            sl_c: cap.sl_c,
            sl_c_source: source_labels(&cap.source),
            certificate: asset.certificate.as_ref().map(|c| JsonCertificate {
                scheme: &c.scheme,
                number: &c.number,
                body: &c.body,
                valid_until: &c.valid_until,
                sl_c: c.sl_c.0,
                validity: cap.certificate,
            }),
            assessed_items: asset.component_checks.len(),
        })
        .collect();
    let mut suppliers = Vec::new();
    let zones = a
        .zones_of(project)
        .map(|(z, e)| (z.id.to_string(), z.name.as_str(), e));
    let conduits = a
        .conduits_of(project)
        .map(|(c, e)| (c.id.to_string(), c.name.as_str(), e));
    for (id, name, e) in zones.chain(conduits) {
        for s in &e.suppliers {
            suppliers.push(JsonSupplier {
                element: id.clone(),
                element_name: name,
                class: s.class.label(),
                assets: s.assets.iter().map(|a| a.0).collect(),
                requirements: s
                    .requirements
                    .iter()
                    .filter_map(|&i| catalog.component_requirements.get(i))
                    .map(|r| r.id.as_str())
                    .collect(),
                open: s.open,
            });
        }
    }
    JsonComponents {
        assessment_date: a.assessment_date.map(|d| d.to_string()),
        assets,
        suppliers,
    }
}
