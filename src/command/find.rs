//! Find (Ctrl+F), without egui: the zones, conduits and assets whose name, tag, IP address,
//! hostname or component type contains the query, and — for a requirement id such as `SR 1.1`
//! or `CR 2.1` — the elements where that requirement applies or is assessed. At most
//! [`MAX_RESULTS`], best matches first.

use crate::analysis::Assessment;
use crate::catalog::Catalog;
use crate::model::{Asset, ElementRef, Project};

/// Most results listed.
pub const MAX_RESULTS: usize = 50;
/// Longest query looked at, in characters.
const MAX_QUERY_CHARS: usize = 200;

/// One element found, with what matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindResult {
    pub element: ElementRef,
    /// "Zone BPCS", "Asset PLC 2 in BPCS".
    pub title: String,
    /// What matched: "tag PLC-01", "IP 10.0.0.5", "SR 1.1 applies".
    pub detail: String,
    /// 0 is the best (the whole text equals the query).
    rank: u8,
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How well `text` matches the (normalised) query: equal 0, starts with it 1, contains it 2.
fn rank_of(text: &str, query: &str) -> Option<u8> {
    let t = norm(text);
    if t.is_empty() {
        None
    } else if t == query {
        Some(0)
    } else if t.starts_with(query) {
        Some(1)
    } else if t.contains(query) {
        Some(2)
    } else {
        None
    }
}

/// The best of several (field name, text) candidates.
fn best<'a>(
    query: &str,
    fields: impl IntoIterator<Item = (&'a str, String)>,
) -> Option<(u8, String)> {
    fields
        .into_iter()
        .filter_map(|(what, text)| {
            rank_of(&text, query).map(|r| {
                let detail = if what.is_empty() {
                    String::new()
                } else {
                    format!("{what} {text}")
                };
                (r, detail)
            })
        })
        .min_by_key(|(r, _)| *r)
}

fn asset_fields<'a>(a: &'a Asset, catalog: &'a Catalog) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("", a.name.clone()),
        ("tag", a.tag.clone()),
        ("hostname", a.network.hostname.clone()),
        ("component", a.component.clone()),
    ];
    if let Some(c) = catalog.component(&a.component) {
        f.push(("component", c.name.clone()));
    }
    f.extend(
        a.network
            .ip_addresses
            .iter()
            .map(|ip| ("IP", ip.to_string())),
    );
    f
}

/// Whether the query names a requirement of the catalog (3-3 SR or 4-2 CR, with or without
/// its RE), returning its id as the catalog spells it.
fn requirement_id(catalog: &Catalog, query: &str) -> Option<String> {
    let q = norm(query);
    catalog
        .requirements
        .iter()
        .map(|r| r.id.as_str())
        .chain(catalog.component_requirements.iter().map(|r| r.id.as_str()))
        .find(|id| norm(id) == q)
        .map(str::to_owned)
}

/// The elements matching `query` (see the module), best first, at most [`MAX_RESULTS`].
pub fn find(
    project: &Project,
    catalog: &Catalog,
    assessment: Option<&Assessment>,
    query: &str,
) -> Vec<FindResult> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let q = norm(&query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(id) = requirement_id(catalog, &q) {
        requirement_hits(project, catalog, assessment, &id, &mut out);
    }
    for z in &project.zones {
        if let Some((rank, detail)) = best(&q, [("", z.name.clone())]) {
            out.push(FindResult {
                element: ElementRef::Zone(z.id),
                title: format!("Zone {}", z.name),
                detail,
                rank,
            });
        }
        for a in &z.assets {
            if let Some((rank, detail)) = best(&q, asset_fields(a, catalog)) {
                out.push(FindResult {
                    element: ElementRef::Asset(a.id),
                    title: format!("Asset {} in {}", a.name, z.name),
                    detail,
                    rank,
                });
            }
        }
    }
    for c in &project.conduits {
        if let Some((rank, detail)) = best(&q, [("", c.name.clone())]) {
            out.push(FindResult {
                element: ElementRef::Conduit(c.id),
                title: format!("Conduit {}", c.name),
                detail,
                rank,
            });
        }
        for a in &c.devices {
            if let Some((rank, detail)) = best(&q, asset_fields(a, catalog)) {
                out.push(FindResult {
                    element: ElementRef::Asset(a.id),
                    title: format!("Device {} on {}", a.name, c.name),
                    detail,
                    rank,
                });
            }
        }
    }
    // stable: project order within a rank
    out.sort_by_key(|r| r.rank);
    out.dedup_by(|a, b| a.element == b.element);
    out.truncate(MAX_RESULTS);
    out
}

/// Zones and conduits where requirement `id` applies (from the assessment) or has a status,
/// and assets with a component check of it.
fn requirement_hits(
    project: &Project,
    catalog: &Catalog,
    assessment: Option<&Assessment>,
    id: &str,
    out: &mut Vec<FindResult>,
) {
    let position = catalog.requirement_position(id);
    let applies = |list: Option<&crate::analysis::ElementAssessment>| {
        list.zip(position).and_then(|(e, pos)| {
            e.applicable
                .iter()
                .find(|a| a.requirement == pos)
                .map(|a| a.status)
        })
    };
    let detail = |applied: Option<crate::model::Status>, assessed: bool| match applied {
        Some(s) => Some(format!("{id} applies ({})", s.label())),
        None if assessed => Some(format!("{id} assessed")),
        None => None,
    };
    for (i, z) in project.zones.iter().enumerate() {
        let a = applies(assessment.and_then(|a| a.element_at(ElementRef::Zone(z.id), i)));
        if let Some(d) = detail(a, z.requirements.contains_key(id)) {
            out.push(FindResult {
                element: ElementRef::Zone(z.id),
                title: format!("Zone {}", z.name),
                detail: d,
                rank: 0,
            });
        }
    }
    for (i, c) in project.conduits.iter().enumerate() {
        let a = applies(assessment.and_then(|a| a.element_at(ElementRef::Conduit(c.id), i)));
        if let Some(d) = detail(a, c.requirements.contains_key(id)) {
            out.push(FindResult {
                element: ElementRef::Conduit(c.id),
                title: format!("Conduit {}", c.name),
                detail: d,
                rank: 0,
            });
        }
    }
    for (a, _) in project.all_assets() {
        if a.component_checks.iter().any(|c| c.requirement == id) {
            out.push(FindResult {
                element: ElementRef::Asset(a.id),
                title: format!("Asset {}", a.name),
                detail: format!("{id} checked"),
                rank: 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AssetId, Conduit, ConduitId, Rect, RequirementAssessment, Status, Zone, ZoneId, ZoneKind,
    };

    fn plant() -> Project {
        let mut p = Project::default();
        let mut z = Zone::new(
            ZoneId(1),
            "Leitwarte Süd",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 300.0, 200.0),
        );
        let mut plc = Asset::new(AssetId(1), "Main PLC", "plc");
        plc.tag = "PLC-01".into();
        plc.network.hostname = "plc-north".into();
        plc.network.ip_addresses = vec!["10.0.0.5".parse().expect("ip")];
        z.assets.push(plc);
        z.assets
            .push(Asset::new(AssetId(2), "Operator HMI", "hmi_panel"));
        z.requirements.insert(
            "SR 1.1".into(),
            RequirementAssessment {
                status: Status::Met,
                ..RequirementAssessment::default()
            },
        );
        p.zones.push(z);
        p.zones.push(Zone::new(
            ZoneId(2),
            "PLC room",
            ZoneKind::Control,
            Rect::new(500.0, 0.0, 300.0, 200.0),
        ));
        p.conduits.push(Conduit::new(
            ConduitId(1),
            "Leitwarte – room",
            ZoneId(1),
            ZoneId(2),
        ));
        p
    }

    fn elements(r: &[FindResult]) -> Vec<ElementRef> {
        r.iter().map(|r| r.element).collect()
    }

    #[test]
    fn finds_by_name_tag_ip_hostname_and_component_best_first() {
        let p = plant();
        let c = Catalog::embedded();
        let r = find(&p, c, None, "plc");
        // "PLC-01" tag and "plc" component id are whole matches; the zone "PLC room" starts so
        assert_eq!(
            elements(&r),
            vec![ElementRef::Asset(AssetId(1)), ElementRef::Zone(ZoneId(2))]
        );
        assert_eq!(
            elements(&find(&p, c, None, "10.0.0")),
            vec![ElementRef::Asset(AssetId(1))]
        );
        assert_eq!(find(&p, c, None, "10.0.0")[0].detail, "IP 10.0.0.5");
        assert_eq!(
            elements(&find(&p, c, None, "PLC-NORTH")),
            vec![ElementRef::Asset(AssetId(1))]
        );
        assert_eq!(
            elements(&find(&p, c, None, "  leitwarte   süd ")),
            vec![ElementRef::Zone(ZoneId(1))]
        );
        assert_eq!(
            elements(&find(&p, c, None, "HMI panel")),
            vec![ElementRef::Asset(AssetId(2))],
            "the component type's catalog name"
        );
        assert!(find(&p, c, None, "").is_empty());
        assert!(find(&p, c, None, "nothing like it").is_empty());
    }

    #[test]
    fn a_requirement_id_lists_where_it_applies_or_is_assessed() {
        let p = plant();
        let c = Catalog::embedded();
        let a = crate::analysis::assess(&p, c);
        let r = find(&p, c, Some(&a), "sr 1.1");
        assert_eq!(r[0].element, ElementRef::Zone(ZoneId(1)));
        assert!(r[0].detail.starts_with("SR 1.1"), "{}", r[0].detail);
        assert!(!elements(&r).contains(&ElementRef::Asset(AssetId(2))));
    }

    #[test]
    fn results_are_limited() {
        let mut p = Project::default();
        for i in 0..(MAX_RESULTS as u32 + 20) {
            p.zones.push(Zone::new(
                ZoneId(i + 1),
                format!("Cell {i}"),
                ZoneKind::Control,
                Rect::new(0.0, 0.0, 10.0, 10.0),
            ));
        }
        let r = find(&p, Catalog::embedded(), None, "cell");
        assert_eq!(r.len(), MAX_RESULTS);
        assert_eq!(r[0].element, ElementRef::Zone(ZoneId(1)));
        let long = "x".repeat(100_000);
        assert!(find(&p, Catalog::embedded(), None, &long).is_empty());
    }
}
