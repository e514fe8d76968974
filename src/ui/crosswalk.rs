//! The 3-3 ↔ 4-2 crosswalk shown on a requirement of the requirements tab: the IEC 62443-4-2
//! rows that support a system requirement and whether the element's components meet them.

use crate::analysis::Assessment;
use crate::analysis::components::{AssetCapability, crosswalk};
use crate::catalog::Catalog;
use crate::model::{Asset, ElementRef, Project};

/// The assets of a zone or conduit.
fn assets_of(project: &Project, element: ElementRef) -> &[Asset] {
    match element {
        ElementRef::Zone(id) => project.zone(id).map_or(&[], |z| &z.assets),
        ElementRef::Conduit(id) => project.conduit(id).map_or(&[], |c| &c.devices),
        _ => &[],
    }
}

/// One line per supporting 4-2 row: "CR 1.1 (SL 1) Human user …: 2 of 3 met, 1 not met".
pub(crate) fn crosswalk_lines(
    project: &Project,
    assessment: &Assessment,
    catalog: &Catalog,
    element: ElementRef,
    sr_id: &str,
) -> Vec<String> {
    let assets = assets_of(project, element);
    let Some(caps) = assets
        .iter()
        .map(|a| assessment.asset(a.id))
        .collect::<Option<Vec<&AssetCapability>>>()
    else {
        return Vec::new();
    };
    crosswalk(sr_id, assets, &caps, catalog)
        .into_iter()
        .filter_map(|s| {
            let r = catalog.component_requirements.get(s.requirement)?;
            Some(format!(
                "{} (SL {}) {}: {} of {} met{}",
                r.id,
                r.level,
                r.title,
                s.met,
                s.assets,
                if s.not_met > 0 {
                    format!(", {} not met", s.not_met)
                } else {
                    String::new()
                }
            ))
        })
        .collect()
}

/// The hover of a requirement's id: its explanation, then the crosswalk (built only when shown).
pub(crate) fn requirement_hover_ui(
    ui: &mut egui::Ui,
    explanation: &str,
    lines: impl FnOnce() -> Vec<String>,
) {
    ui.label(explanation);
    let lines = lines();
    ui.separator();
    if lines.is_empty() {
        ui.label(
            egui::RichText::new("No IEC 62443-4-2 item supports it for these components.")
                .small()
                .weak(),
        );
        return;
    }
    ui.label(egui::RichText::new("Supported by IEC 62443-4-2").strong());
    for l in lines {
        ui.label(egui::RichText::new(l).small());
    }
}
