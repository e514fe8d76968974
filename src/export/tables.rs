//! The registers as tables of typed cells (text, numbers, gap and status marks): what the XLSX
//! workbook and the CSV files both write. Every figure comes from the `Assessment`.

use super::Table;
use crate::analysis::components::AssetCapability;
use crate::analysis::{Assessment, ElementAssessment, GapSeverity};
use crate::catalog::Catalog;
use crate::model::{
    Asset, AssetId, Direction, ElementRef, Project, RequirementAssessment, SlVector, Status,
    format_levels,
};
use std::collections::HashMap;

/// One cell of a register.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// A gap severity: its words, filled with its colour.
    Gap(GapSeverity),
    /// A requirement status, filled with its colour.
    Status(Status, bool),
    Empty,
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn count(n: usize) -> Value {
        Value::Number(n as f64)
    }

    /// The cell as plain text (CSV).
    pub fn plain(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => format!("{n}"),
            Value::Gap(g) => gap_words(*g).to_owned(),
            Value::Status(s, _) => s.label().to_owned(),
            Value::Empty => String::new(),
        }
    }
}

pub(crate) fn gap_words(g: GapSeverity) -> &'static str {
    match g {
        GapSeverity::None => "no gap",
        GapSeverity::One => "one level",
        GapSeverity::Two => "two or more",
        GapSeverity::Unknown => "unknown",
    }
}

/// A column: its header and its width in characters.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: f64,
}

const fn c(title: &'static str, width: f64) -> Column {
    Column { title, width }
}

/// A register: its sheet name, columns and rows.
pub struct Register {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

fn sl_t_text(v: Option<SlVector>) -> Value {
    v.map_or(Value::text("not set"), |t| Value::text(t.to_string()))
}

fn levels(l: &crate::model::MaybeLevels) -> Value {
    Value::text(format_levels(l))
}

fn element_columns() -> [Column; 9] {
    [
        c("SL-T", 16.0),
        c("SL-C", 16.0),
        c("SL-A", 16.0),
        c("Capability gap", 16.0),
        c("Achievement gap", 16.0),
        c("Worst gap", 12.0),
        c("Applicable requirements", 12.0),
        c("Open requirements", 12.0),
        c("Findings", 10.0),
    ]
}

fn element_values(e: &ElementAssessment) -> [Value; 9] {
    [
        sl_t_text(e.sl_t),
        levels(&e.sl_c),
        levels(&e.sl_a),
        levels(&e.capability_gap),
        levels(&e.achievement_gap),
        Value::Gap(e.worst),
        Value::count(e.applicable.len()),
        Value::count(e.open_items()),
        Value::count(e.finding_count),
    ]
}

/// One register of the project.
pub fn register(project: &Project, catalog: &Catalog, a: &Assessment, table: Table) -> Register {
    match table {
        Table::Zones => zones(project, a),
        Table::Conduits => conduits(project, a),
        Table::Assets => assets(project, catalog, a),
        Table::Requirements => requirements(project, catalog, a),
        Table::Findings => findings(project, a),
        Table::Suppliers => super::suppliers::suppliers(project, catalog, a),
        Table::Flows => super::flows::matrix(a),
        Table::Rules => super::rules::register(&crate::analysis::rules::schedules(
            project, catalog, &a.flows,
        )),
    }
}

fn zones(project: &Project, a: &Assessment) -> Register {
    let mut columns = vec![
        c("ID", 7.0),
        c("Name", 28.0),
        c("Kind", 14.0),
        c("Assets", 8.0),
    ];
    columns.extend(element_columns());
    let rows = a
        .zones_of(project)
        .map(|(z, e)| {
            let mut row = vec![
                Value::text(z.id.to_string()),
                Value::text(&z.name),
                Value::text(z.kind.label()),
                Value::count(z.assets.len()),
            ];
            row.extend(element_values(e));
            row
        })
        .collect();
    Register {
        name: "Zones",
        columns,
        rows,
    }
}

fn conduits(project: &Project, a: &Assessment) -> Register {
    let mut columns = vec![
        c("ID", 7.0),
        c("Name", 28.0),
        c("From", 22.0),
        c("To", 22.0),
        c("Direction", 10.0),
        c("Devices", 8.0),
        c("Controls", 24.0),
        c("Owner", 18.0),
        c("Purpose", 28.0),
        c("Test method", 24.0),
    ];
    columns.extend(element_columns());
    let zone_name = |id| {
        project
            .zone(id)
            .map_or_else(String::new, |z| z.name.clone())
    };
    let rows = a
        .conduits_of(project)
        .map(|(k, e)| {
            let mut row = vec![
                Value::text(k.id.to_string()),
                Value::text(&k.name),
                Value::text(zone_name(k.from)),
                Value::text(zone_name(k.to)),
                Value::text(match k.direction {
                    Direction::OneWay => "one-way",
                    Direction::Both => "two-way",
                }),
                Value::count(k.devices.len()),
                Value::text(k.controls.join(", ")),
                Value::text(&k.owner),
                Value::text(&k.purpose),
                Value::text(&k.test_method),
            ];
            row.extend(element_values(e));
            row
        })
        .collect();
    Register {
        name: "Conduits",
        columns,
        rows,
    }
}

/// The asset register: identity, place in the design, every field an inventory import brings in
/// (so that the register imports again as it is, see `import::mapping`), and SL-C.
fn assets(project: &Project, catalog: &Catalog, a: &Assessment) -> Register {
    let columns = vec![
        c("ID", 7.0),
        c("Name", 26.0),
        c("Tag", 12.0),
        c("In", 7.0),
        c("Zone or conduit", 24.0),
        c("Component", 22.0),
        c("Vendor", 16.0),
        c("Model", 16.0),
        c("Firmware", 12.0),
        c("Serial number", 16.0),
        c("Hostname", 18.0),
        c("IP addresses", 22.0),
        c("MAC", 18.0),
        c("VLAN", 7.0),
        c("Purdue level", 12.0),
        c("Protocols", 20.0),
        c("Building", 14.0),
        c("Cabinet", 14.0),
        c("Tags", 18.0),
        c("Notes", 30.0),
        c("Criticality", 11.0),
        c("SL-C", 16.0),
    ];
    // the first capability with an asset's id, as `Assessment::asset` finds it, without a
    // search per asset
    let mut capability: HashMap<AssetId, &AssetCapability> = HashMap::with_capacity(a.assets.len());
    for cap in &a.assets {
        capability.entry(cap.asset).or_insert(cap);
    }
    let row = |asset: &Asset, parent: String, parent_name: &str| {
        let n = &asset.network;
        vec![
            Value::text(asset.id.to_string()),
            Value::text(&asset.name),
            Value::text(&asset.tag),
            Value::text(parent),
            Value::text(parent_name),
            Value::text(
                catalog
                    .component(&asset.component)
                    .map_or(asset.component.as_str(), |t| t.name.as_str()),
            ),
            Value::text(&asset.vendor),
            Value::text(&asset.model),
            Value::text(&asset.firmware),
            Value::text(&asset.serial_number),
            Value::text(&n.hostname),
            Value::text(n.ips_text()),
            n.mac.map_or(Value::Empty, |m| Value::text(m.to_string())),
            n.vlan.map_or(Value::Empty, |v| Value::Number(f64::from(v))),
            n.purdue_level
                .map_or(Value::Empty, |l| Value::text(l.label())),
            Value::text(n.protocols.join(", ")),
            Value::text(&n.building),
            Value::text(&n.cabinet),
            Value::text(n.tags.join(", ")),
            Value::text(&asset.notes),
            Value::text(asset.criticality.label()),
            Value::text(crate::report::sl_c_text(
                asset,
                capability.get(&asset.id).copied(),
            )),
        ]
    };
    let mut rows = Vec::with_capacity(a.assets.len());
    for z in &project.zones {
        rows.extend(z.assets.iter().map(|x| row(x, z.id.to_string(), &z.name)));
    }
    for k in &project.conduits {
        rows.extend(k.devices.iter().map(|x| row(x, k.id.to_string(), &k.name)));
    }
    Register {
        name: "Assets",
        columns,
        rows,
    }
}

fn requirements(project: &Project, catalog: &Catalog, a: &Assessment) -> Register {
    let columns = vec![
        c("Element ID", 9.0),
        c("Element", 24.0),
        c("Requirement", 14.0),
        c("FR", 6.0),
        c("Title", 40.0),
        c("Level", 6.0),
        c("Status", 15.0),
        c("Satisfied", 9.0),
        c("Countermeasure or justification", 36.0),
        c("Evidence", 24.0),
        c("Notes", 24.0),
    ];
    let mut rows = Vec::new();
    let empty = RequirementAssessment::default();
    let mut element =
        |id: String, name: &str, recorded: &crate::model::Requirements, e: &ElementAssessment| {
            for ap in &e.applicable {
                let Some(r) = catalog.requirements.get(ap.requirement) else {
                    continue;
                };
                let ra = recorded.get(&r.id).unwrap_or(&empty);
                rows.push(vec![
                    Value::text(&id),
                    Value::text(name),
                    Value::text(&r.id),
                    Value::text(r.fr.code()),
                    Value::text(&r.title),
                    Value::Number(f64::from(r.level)),
                    Value::Status(ap.status, ap.satisfied),
                    Value::text(if ap.satisfied { "yes" } else { "no" }),
                    Value::text(&ra.text),
                    Value::text(&ra.evidence),
                    Value::text(&ra.notes),
                ]);
            }
        };
    for (z, e) in a.zones_of(project) {
        element(z.id.to_string(), &z.name, &z.requirements, e);
    }
    for (k, e) in a.conduits_of(project) {
        element(k.id.to_string(), &k.name, &k.requirements, e);
    }
    Register {
        name: "Requirements",
        columns,
        rows,
    }
}

fn findings(project: &Project, a: &Assessment) -> Register {
    let columns = vec![
        c("Severity", 9.0),
        c("Code", 9.0),
        c("Element ID", 9.0),
        c("Element", 24.0),
        c("Finding", 60.0),
        c("What to do", 60.0),
    ];
    let rows = a
        .findings
        .iter()
        .map(|f| {
            vec![
                Value::text(f.severity.label()),
                Value::text(f.code.code()),
                Value::text(element_id(f.element)),
                Value::text(project.element_name(f.element)),
                Value::text(&f.message),
                Value::text(f.remedy),
            ]
        })
        .collect();
    Register {
        name: "Findings",
        columns,
        rows,
    }
}

/// The risk register: every threat scenario of every zone and conduit, rated on the matrix.
pub fn risk(project: &Project, a: &Assessment) -> Register {
    let columns = vec![
        c("Element ID", 9.0),
        c("Element", 24.0),
        c("Scenario", 32.0),
        c("Threat source", 20.0),
        c("Vulnerability", 28.0),
        c("Likelihood", 10.0),
        c("Consequence", 11.0),
        c("Risk", 14.0),
        c("Tolerable", 9.0),
        c("Existing countermeasures", 28.0),
        c("Additional countermeasures", 28.0),
        c("Residual likelihood", 10.0),
        c("Residual consequence", 11.0),
        c("Residual risk", 14.0),
        c("Risk after existing countermeasures", 14.0),
        c("Residual tolerable", 12.0),
        c("Consequence per category (unmitigated → residual)", 30.0),
        c("Threat source ID", 8.0),
        c("Likelihood rationale", 30.0),
        c("Accepted by", 18.0),
        c("Acceptance role", 16.0),
        c("Acceptance date", 11.0),
        c("Acceptance justification", 30.0),
        c("Accepted although intolerable", 12.0),
        c("Assessed by", 30.0),
        c("Assessed on", 11.0),
        c("Method", 24.0),
    ];
    let matrix = &project.risk.matrix;
    let level = |l: u8| {
        matrix
            .levels
            .get(usize::from(l))
            .map_or_else(|| format!("level {l}"), |x| x.name.clone())
    };
    let mut rows = Vec::new();
    for row in crate::analysis::register::element_rows(project, a) {
        let (s, r) = (row.scenario, &row.risk);
        let rating = |x: Option<crate::analysis::risk::Rating>| match x {
            Some(x) => [
                Value::Number(f64::from(x.likelihood)),
                Value::Number(f64::from(x.consequence)),
                Value::text(level(x.level)),
                Value::text(if x.tolerable { "yes" } else { "no" }),
            ],
            None => [
                Value::Empty,
                Value::Empty,
                Value::text("not rated"),
                Value::Empty,
            ],
        };
        let [l, c0, lv, tol] = rating(r.unmitigated);
        let [rl, rc, rlv, rtol] = rating(r.residual);
        let [_, _, elv, _] = rating(r.after_existing);
        // tolerable only thanks to countermeasures still to be implemented
        let rtol = if r.relies_on_planned {
            Value::text("yes (planned)")
        } else if r.accepted_although_intolerable {
            Value::text("no, accepted although intolerable")
        } else {
            rtol
        };
        let after = s.consequence_after_all();
        let per_category = (0..matrix.categories.len().max(after.len()))
            .map(|i| {
                let rank = |v: Option<&u8>| match v.copied().unwrap_or(0) {
                    0 => crate::analysis::register::DASH.to_owned(),
                    n => n.to_string(),
                };
                format!(
                    "{} {} → {}",
                    matrix.categories.get(i).map_or("?", |c| c.trim()),
                    rank(s.consequence.get(i)),
                    rank(after.get(i))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        rows.push(vec![
            Value::text(&row.element_id),
            Value::text(&row.element_name),
            Value::text(row.title()),
            Value::text(project.risk.source_text(s)),
            Value::text(&s.vulnerability),
            l,
            c0,
            lv,
            tol,
            Value::text(&s.existing_countermeasures),
            Value::text(
                s.additional_countermeasures
                    .iter()
                    .map(|m| crate::analysis::risk::measure_text(m, a.assessment_date))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            rl,
            rc,
            rlv,
            elv,
            rtol,
            Value::text(per_category),
        ]);
        if let (Some(cells), Some(risk)) = (rows.last_mut(), row.element_risk) {
            cells.extend(super::risk_record::record_values(project, risk, s, r));
        }
    }
    Register {
        name: "Risk",
        columns,
        rows,
    }
}

pub(crate) fn element_id(e: ElementRef) -> String {
    match e {
        ElementRef::Zone(id) => id.to_string(),
        ElementRef::Conduit(id) => id.to_string(),
        ElementRef::Asset(id) => id.to_string(),
        ElementRef::Project => "project".to_owned(),
    }
}
