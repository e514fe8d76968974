//! The "Component requirements for suppliers" section of the tender pack: per zone and
//! conduit, the IEC 62443-4-2 items each component class must meet at its SL-T, and each
//! asset's SL-C with where it comes from (certificate, assessment, override, typical default).

use super::layout::{Cell, Rgb, col};
use super::writer::{Level, Writer};
use crate::analysis::components::AssetCapability;
use crate::analysis::{Assessment, ElementAssessment};
use crate::catalog::Catalog;
use crate::model::component::Validity;
use crate::model::{Asset, Project, format_levels};

/// The SL-C cell of an asset: the vector in use and its sources, with the certificate number.
pub(crate) fn sl_c_text(x: &Asset, cap: Option<&AssetCapability>) -> String {
    let Some(cap) = cap else {
        return "unknown".to_owned();
    };
    let mut s = format!("{} from {}", format_levels(&cap.sl_c), cap.sources_label());
    if let Some(c) = &x.certificate {
        let state = match cap.certificate {
            Some(Validity::Expired) => " (expired)".to_owned(),
            Some(Validity::Unchecked(p)) => format!(" (not counted: {})", p.short()),
            _ => String::new(),
        };
        s.push_str(&format!("; cert. {}{state}", c.number.trim()));
    }
    if let Some(o) = &x.sl_c_override
        && !o.source.trim().is_empty()
    {
        s.push_str(&format!("; override: {}", o.source.trim()));
    }
    s
}

fn element_block(
    flow: &mut dyn Writer,
    catalog: &Catalog,
    a: &Assessment,
    heading: String,
    assets: &[Asset],
    e: &ElementAssessment,
) {
    flow.heading(Level::H2, &heading, 10.0);
    let rows: Vec<Vec<Cell>> = assets
        .iter()
        .map(|x| {
            let cap = a.asset(x.id);
            vec![
                Cell::new(&x.name),
                Cell::new(
                    cap.and_then(|c| c.class)
                        .map_or("unknown type", |c| c.label()),
                ),
                Cell::new(sl_c_text(x, cap)),
            ]
        })
        .collect();
    flow.table(
        &[
            col("Component", 45.0),
            col("4-2 class", 30.0),
            col("SL-C in use and its source", 105.0),
        ],
        &rows,
        7.5,
    );
    let rows: Vec<Vec<Cell>> = e
        .suppliers
        .iter()
        .map(|s| {
            let ids: Vec<&str> = s
                .requirements
                .iter()
                .filter_map(|&i| catalog.component_requirements.get(i))
                .map(|r| r.id.as_str())
                .collect();
            vec![
                Cell::bold(s.class.label()),
                Cell::new(format!("{} ({} open)", s.requirements.len(), s.open)),
                Cell::new(ids.join(", ")),
            ]
        })
        .collect();
    flow.table(
        &[
            col("Component class", 30.0),
            col("Items", 20.0),
            col("IEC 62443-4-2 requirements to ask for", 130.0),
        ],
        &rows,
        7.5,
    );
}

/// The section; zones and conduits without an SL-T or without components of a known type
/// are listed by name at its end.
pub(super) fn suppliers_section(
    flow: &mut dyn Writer,
    p: &Project,
    catalog: &Catalog,
    a: &Assessment,
) {
    flow.new_page();
    flow.heading(Level::H1, "Component requirements for suppliers", 14.0);
    flow.paragraph(
        &format!(
            "For each zone and conduit: the IEC 62443-4-2 items that each component class must \
             meet at the element's SL-T (CR rows plus the class's own SAR, EDR, HDR or NDR rows; \
             an item is required when its level is at or below the SL-T of its FR), and each \
             component's SL-C with its source. Certificates are judged on {}. \"Open\" counts \
             items some component of the class is not yet shown to meet.",
            a.assessment_date.map_or_else(
                || "no date (the document has none, so no certificate counts)".to_owned(),
                |d| d.to_string()
            )
        ),
        8.5,
        Rgb::GREY,
    );
    let mut skipped = Vec::new();
    for (z, e) in a.zones_of(p) {
        if e.suppliers.is_empty() {
            skipped.push(z.name.clone());
            continue;
        }
        let heading = format!("Zone {} {} — SL-T {}", z.id, z.name, sl_t(e));
        element_block(flow, catalog, a, heading, &z.assets, e);
    }
    for (c, e) in a.conduits_of(p) {
        if e.suppliers.is_empty() {
            if !c.devices.is_empty() {
                skipped.push(c.name.clone());
            }
            continue;
        }
        let heading = format!("Conduit {} {} — SL-T {}", c.id, c.name, sl_t(e));
        element_block(flow, catalog, a, heading, &c.devices, e);
    }
    if !skipped.is_empty() {
        flow.paragraph(
            &format!(
                "Without an SL-T or components of a known type (nothing to ask for yet): {}.",
                skipped.join(", ")
            ),
            8.5,
            Rgb::GREY,
        );
    }
}

fn sl_t(e: &ElementAssessment) -> String {
    e.sl_t
        .map_or_else(|| "not set".to_owned(), |t| t.to_string())
}
