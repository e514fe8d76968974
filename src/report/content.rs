//! The sections of the tender pack, laid out on pages: title page, summary, per-element
//! details with requirement matrices, overview matrix and findings register. Every figure comes
//! from the `Assessment`.

use super::ExportOptions;
use super::amendments::{Amendments, bar_rows};
use super::fonts::{Fonts, Weight};
use super::layout::{Cell, Flow, Furniture, Page, PageSink, Rgb, col, text_width};
use super::requirements;
use super::risk;
use super::writer::{Level, Writer};
use crate::analysis::register::DASH;
use crate::analysis::{Assessment, ElementAssessment, FindingSeverity};
use crate::catalog::Catalog;
use crate::model::{Asset, Characteristics, ElementRef, Fr, Project, Status, format_levels};

pub use super::cells::gap_colors;
pub(super) use super::cells::status_cell;
pub(crate) use super::cells::{finding_colors, gap_tint, status_colors};
use super::cells::{gap_cell, status_code};

fn element_id(e: ElementRef) -> String {
    match e {
        ElementRef::Zone(id) => id.to_string(),
        ElementRef::Conduit(id) => id.to_string(),
        ElementRef::Asset(id) => id.to_string(),
        ElementRef::Project => DASH.to_owned(),
    }
}

fn or_dash(s: &str) -> String {
    crate::analysis::register::or_dash(s).to_owned()
}

/// The running header and footer text of the project.
fn furniture(project: &Project) -> Furniture {
    let m = &project.meta;
    Furniture {
        title: if m.title.is_empty() {
            "zonewright project".into()
        } else {
            m.title.clone()
        },
        document_number: or_dash(&m.document_number),
        revision: or_dash(&m.revision),
    }
}

/// Every page of the pack, kept in memory (for tests and small reports).
pub fn build(
    project: &Project,
    catalog: &Catalog,
    a: &Assessment,
    options: &ExportOptions,
    fonts: &Fonts,
    amend: Option<&Amendments>,
) -> Vec<Page> {
    let mut flow = Flow::new(fonts);
    sections(&mut flow, project, catalog, a, options, amend);
    if flow.page_count() == 0 {
        return Vec::new();
    }
    flow.finish(&furniture(project))
}

/// Lays the pack out page by page into `sink`, each page with its header and footer as page
/// n of `total`; returns the number of pages. The same pages as [`build`] when `total` is
/// the page count.
pub(crate) fn stream(
    project: &Project,
    catalog: &Catalog,
    a: &Assessment,
    (options, amend): (&ExportOptions, Option<&Amendments>),
    fonts: &Fonts,
    sink: &mut dyn PageSink,
    total: usize,
) -> usize {
    let f = furniture(project);
    let mut flow = Flow::streaming(fonts, sink, f.clone(), total);
    sections(&mut flow, project, catalog, a, options, amend);
    let n = flow.page_count();
    flow.finish(&f);
    n
}

/// The sections `options` asks for, in their fixed order.
pub(super) fn sections(
    flow: &mut dyn Writer,
    project: &Project,
    catalog: &Catalog,
    a: &Assessment,
    options: &ExportOptions,
    amend: Option<&Amendments>,
) {
    let s = options.sections;
    if s.title {
        title_page(flow, project, a, amend);
    }
    if s.drawing {
        flow.drawing(project, catalog, a, options.paper, amend);
    }
    if s.summary {
        flow.new_page();
        summary(flow, project, a, amend);
    }
    if s.risk {
        risk::risk_section(flow, project, a);
    }
    if s.details {
        details(flow, project, (catalog, a), options.compact, amend);
    }
    if s.matrix {
        flow.new_page();
        matrix(flow, project, catalog, a);
    }
    if s.components {
        super::components::suppliers_section(flow, project, catalog, a);
    }
    if s.flows {
        super::flows::flows_section(flow, project, catalog, a);
    }
    if s.findings {
        flow.new_page();
        findings(flow, project, a, amend);
    }
}

fn title_page(flow: &mut dyn Writer, p: &Project, a: &Assessment, amend: Option<&Amendments>) {
    let m = &p.meta;
    flow.new_page();
    flow.gap(30.0);
    flow.heading(
        Level::Title,
        if m.title.is_empty() {
            "Zone and conduit architecture"
        } else {
            &m.title
        },
        20.0,
    );
    flow.paragraph("Zone and conduit design and cybersecurity requirements specification (IEC 62443-3-2 / 62443-3-3)", 10.0, Rgb::GREY);
    flow.gap(8.0);
    let rows = [
        ("Plant / site", &m.site),
        ("Organisation", &m.organisation),
        ("Author", &m.author),
        ("Document number", &m.document_number),
        ("Revision", &m.revision),
        ("Date", &m.date),
    ];
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(k, v)| vec![Cell::bold(*k), Cell::new(or_dash(v))])
        .collect();
    flow.table(&[col("Title block", 45.0), col("", 135.0)], &rows, 9.5);
    risk::approval_block(flow, p, a);
    if !m.description.trim().is_empty() {
        flow.heading(Level::H1, "System under consideration (ZCR 6.2)", 11.0);
        flow.paragraph(&m.description, 9.5, Rgb::BLACK);
    }
    flow.heading(Level::H1, "Revision history", 11.0);
    if m.revisions.is_empty() {
        flow.paragraph("No revisions recorded.", 9.0, Rgb::GREY);
    } else {
        let rows: Vec<Vec<Cell>> = m
            .revisions
            .iter()
            .map(|r| {
                vec![
                    Cell::new(&r.revision),
                    Cell::new(&r.date),
                    Cell::new(&r.author),
                    Cell::new(&r.change),
                ]
            })
            .collect();
        flow.table(
            &[
                col("Rev.", 15.0),
                col("Date", 25.0),
                col("Author", 40.0),
                col("Change", 100.0),
            ],
            &rows,
            9.0,
        );
    }
    if let Some(amend) = amend {
        super::amendments::register(flow, amend);
    }
    let crs = [
        (
            "Operating environment assumptions (ZCR 6.5)",
            &m.operating_environment,
        ),
        ("Threat environment (ZCR 6.6)", &m.threat_environment),
        (
            "Organisational security policies (ZCR 6.7)",
            &m.security_policies,
        ),
        ("Tolerable risk (ZCR 6.8)", &m.tolerable_risk),
        (
            "Regulatory requirements (ZCR 6.9)",
            &m.regulatory_requirements,
        ),
    ];
    let rows: Vec<Vec<Cell>> = crs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| vec![Cell::bold(*k), Cell::new(v.as_str())])
        .collect();
    if !rows.is_empty() {
        flow.heading(Level::H1, "Cybersecurity requirements specification", 11.0);
        flow.table(&[col("Item", 55.0), col("Content", 125.0)], &rows, 9.0);
    }
    flow.heading(Level::H1, "Reading this document", 11.0);
    flow.paragraph(
        "Security levels are vectors over the seven foundational requirements (IAC, UC, SI, DC, RDF, TRE, RA). SL-T is the target, SL-C the capability of the weakest component (or a justified compensation), SL-A the level achieved by the assessed requirements. – means unknown (no assets, or nothing assessed in that FR), never 0. Gap marks: OK no gap, 1 one level short, 2+ two or more levels short, ? unknown. Risk is rated on the project's risk matrix as likelihood × worst consequence (e.g. High 12, L3 × C4); the worst unmitigated risk of a zone or conduit proposes its SL-T, and the residual risk after the countermeasures is compared with the tolerable risk.",
        9.0,
        Rgb::BLACK,
    );
}

fn summary(flow: &mut dyn Writer, p: &Project, a: &Assessment, amend: Option<&Amendments>) {
    flow.heading(Level::H1, "Zone and conduit summary", 14.0);
    flow.paragraph("Vectors are (IAC, UC, SI, DC, RDF, TRE, RA). The worst gap combines the capability gap (SL-T − SL-C) and the achievement gap (SL-T − SL-A).", 8.5, Rgb::GREY);
    let mut rows = Vec::new();
    for (z, e) in a.zones_of(p) {
        rows.push(summary_row(z.id.to_string(), &z.name, z.kind.label(), e));
    }
    for (c, e) in a.conduits_of(p) {
        let kind = if c.direction == crate::model::Direction::OneWay {
            "Conduit (one-way)"
        } else {
            "Conduit"
        };
        rows.push(summary_row(c.id.to_string(), &c.name, kind, e));
    }
    if let Some(am) = amend {
        let zones = p.zones.iter().map(|z| am.zone_marked(p, z.id));
        let conduits = p.conduits.iter().map(|c| am.conduit_marked(p, c.id));
        bar_rows(&mut rows, zones.chain(conduits));
    }
    flow.table(
        &[
            col("Id", 10.0),
            col("Name", 46.0),
            col("Kind", 22.0),
            col("SL-T", 23.0),
            col("SL-C", 23.0),
            col("SL-A", 23.0),
            col("Worst gap", 22.0),
        ],
        &rows,
        8.0,
    );
}

fn summary_row(id: String, name: &str, kind: &str, e: &ElementAssessment) -> Vec<Cell> {
    vec![
        Cell::new(id),
        Cell::new(name),
        Cell::new(kind),
        Cell::new(
            e.sl_t
                .map_or_else(|| "not set".to_owned(), |t| t.to_string()),
        ),
        Cell::new(format_levels(&e.sl_c)),
        Cell::new(format_levels(&e.sl_a)),
        gap_cell(e.worst),
    ]
}

/// Label and value rows of a characteristics table.
type LabelledRows = Vec<(String, String)>;

/// ZCR 6.4 items b–g (first) and m–n (second) from the free-text characteristics.
fn characteristics_rows(c: &Characteristics) -> (LabelledRows, LabelledRows) {
    let f = c.fields();
    // b–g, then m; n is assumptions and external dependencies as one item (ZCR 6.4)
    let first = f[..6]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g"])
        .map(|((label, v), l)| (format!("{l}) {label}"), or_dash(v)))
        .collect();
    let (assumptions, dependencies) = (f[7].1.trim(), f[8].1.trim());
    let n = match (assumptions.is_empty(), dependencies.is_empty()) {
        (true, true) => DASH.to_owned(),
        (false, true) => format!("Assumptions: {assumptions}"),
        (true, false) => format!("External dependencies: {dependencies}"),
        (false, false) => {
            format!("Assumptions: {assumptions}\nExternal dependencies: {dependencies}")
        }
    };
    let second = vec![
        (format!("m) {}", f[6].0), or_dash(f[6].1)),
        ("n) Assumptions and external dependencies".to_owned(), n),
    ];
    (first, second)
}

/// The assets of a zone or the devices of a conduit under a heading, or a line saying there
/// are none; with amendments, a change bar beside each asset changed since the older revision.
fn assets_table(
    flow: &mut dyn Writer,
    (catalog, a, amend): (&Catalog, &Assessment, Option<&Amendments>),
    heading: &str,
    what: &str,
    assets: &[Asset],
) {
    flow.heading(Level::H3, heading, 10.0);
    if assets.is_empty() {
        flow.paragraph(&format!("No {}s.", what.to_lowercase()), 8.5, Rgb::GREY);
        return;
    }
    let mut rows: Vec<Vec<Cell>> = assets
        .iter()
        .map(|x| asset_row(x, catalog, a.asset(x.id)))
        .collect();
    if let Some(am) = amend {
        bar_rows(
            &mut rows,
            assets.iter().map(|x| am.changed(ElementRef::Asset(x.id))),
        );
    }
    flow.table(
        &[
            col(what, 34.0),
            col("Type", 28.0),
            col("Vendor / model / firmware", 38.0),
            col("Network", 36.0),
            col("Criticality", 14.0),
            col("SL-C", 30.0),
        ],
        &rows,
        7.5,
    );
}

fn levels_table(flow: &mut dyn Writer, e: &ElementAssessment) {
    let mut header = vec![col("", 16.0)];
    header.extend(Fr::ALL.iter().map(|f| col(f.code(), 20.0)));
    let lvl = |l: Option<u8>| l.map_or_else(|| "–".to_owned(), |l| l.to_string());
    let mut rows = vec![];
    let mut t = vec![Cell::bold("SL-T")];
    t.extend((0..7).map(|i| {
        Cell::new(
            e.sl_t
                .map_or_else(|| "–".to_owned(), |v| v.0[i].to_string()),
        )
    }));
    rows.push(t);
    for (name, levels, severity) in [
        ("SL-C", &e.sl_c, &e.capability_severity),
        ("SL-A", &e.sl_a, &e.achievement_severity),
    ] {
        let mut r = vec![Cell::bold(name)];
        for i in 0..7 {
            let sev = severity[i];
            let (fill, fg) = gap_colors(sev);
            r.push(Cell::filled(
                format!("{}  [{}]", lvl(levels[i]), sev.letter()),
                fill,
                fg,
            ));
        }
        rows.push(r);
    }
    flow.table(&header, &rows, 8.0);
}

/// Starts the page of the next zone or conduit; the first one under the part heading.
fn element_page(flow: &mut dyn Writer, first: &mut bool) {
    flow.new_page();
    if std::mem::take(first) {
        flow.part("Zones and conduits");
    }
}

fn details(
    flow: &mut dyn Writer,
    p: &Project,
    (catalog, a): (&Catalog, &Assessment),
    compact: bool,
    amend: Option<&Amendments>,
) {
    let mut first = true;
    for (z, e) in a.zones_of(p) {
        element_page(flow, &mut first);
        flow.heading(Level::H2, &format!("Zone {} — {}", z.id, z.name), 13.0);
        if !z.description.trim().is_empty() {
            flow.paragraph(&z.description, 8.5, Rgb::BLACK);
        }
        let conduits: Vec<String> = p
            .conduits
            .iter()
            .filter(|c| c.from == z.id || c.to == z.id)
            .map(|c| format!("{} {}", c.id, c.name))
            .collect();
        let mut rows = vec![(
            String::from("a) Name / identifier"),
            format!("{} ({}), kind {}", z.name, z.id, z.kind.label()),
        )];
        let (b_to_g, m_to_n) = characteristics_rows(&z.characteristics);
        rows.extend(b_to_g);
        let flows: usize = p
            .conduits
            .iter()
            .filter(|c| c.from == z.id || c.to == z.id)
            .map(|c| c.flows.len())
            .sum();
        rows.push((
            "h) Data flows".into(),
            if flows == 0 {
                "— (none recorded on its conduits)".into()
            } else {
                format!(
                    "{} on its conduits (listed with each conduit)",
                    crate::count_of(flows, "flow", "flows")
                )
            },
        ));
        rows.push((
            "i) Connected conduits".into(),
            if conduits.is_empty() {
                DASH.into()
            } else {
                conduits.join("; ")
            },
        ));
        rows.push((
            "j) Assets".into(),
            format!("{} (listed below)", z.assets.len()),
        ));
        rows.push((
            "k) SL-T".into(),
            z.sl_t
                .map_or_else(|| "not set".to_owned(), |t| t.to_string()),
        ));
        rows.push((
            "l) Applicable requirements".into(),
            format!("{} ({} open)", e.applicable.len(), e.open_items()),
        ));
        rows.extend(m_to_n);
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .map(|(k, v)| vec![Cell::bold(k), Cell::new(v)])
            .collect();
        flow.table(
            &[col("Characteristic (ZCR 6.4)", 50.0), col("", 130.0)],
            &rows,
            8.0,
        );
        levels_table(flow, e);
        risk::element_section(flow, p, &z.risk, &e.risk, e.sl_t, a.assessment_date);
        assets_table(flow, (catalog, a, amend), "j) Assets", "Asset", &z.assets);
        flow.heading(Level::H3, "Requirement matrix", 10.0);
        let changed =
            |id: &str| amend.is_some_and(|am| am.requirement_changed(ElementRef::Zone(z.id), id));
        requirements::requirement_table(flow, catalog, &z.requirements, e, (compact, &changed));
    }
    for (c, e) in a.conduits_of(p) {
        element_page(flow, &mut first);
        flow.heading(Level::H2, &format!("Conduit {} — {}", c.id, c.name), 13.0);
        let from = p.element_name(ElementRef::Zone(c.from));
        let to = p.element_name(ElementRef::Zone(c.to));
        let joins = if c.direction == crate::model::Direction::OneWay {
            format!("{from} → {to} (one-way)")
        } else {
            format!("{from} ↔ {to}")
        };
        let mut rows = vec![
            (
                "a) Name / identifier".to_owned(),
                format!("{} ({})", c.name, c.id),
            ),
            ("Owner".into(), or_dash(&c.owner)),
            ("Purpose".into(), or_dash(&c.purpose)),
            ("Test method".into(), or_dash(&c.test_method)),
        ];
        let (b_to_g, m_to_n) = characteristics_rows(&c.characteristics);
        rows.extend(b_to_g);
        rows.push((
            "h) Data flows".into(),
            format!("{} (listed below)", c.flows.len()),
        ));
        rows.push(("i) Connected zones".into(), joins));
        let controls: Vec<String> = c
            .controls
            .iter()
            .map(|id| {
                catalog
                    .control(id)
                    .map_or_else(|| format!("{id} (not in catalog)"), |x| x.name.clone())
            })
            .collect();
        rows.push((
            "Controls".into(),
            if controls.is_empty() {
                DASH.into()
            } else {
                controls.join("; ")
            },
        ));
        rows.push((
            "k) SL-T".into(),
            e.sl_t.map_or_else(
                || "not set".to_owned(),
                |t| {
                    if c.sl_t_override.is_some() {
                        format!("{t} (entered)")
                    } else {
                        format!("{t} (maximum of its zones)")
                    }
                },
            ),
        ));
        rows.push((
            "l) Applicable requirements".into(),
            format!("{} ({} open)", e.applicable.len(), e.open_items()),
        ));
        rows.extend(m_to_n);
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .map(|(k, v)| vec![Cell::bold(k), Cell::new(v)])
            .collect();
        flow.table(
            &[col("Characteristic (ZCR 6.4)", 50.0), col("", 130.0)],
            &rows,
            8.0,
        );
        levels_table(flow, e);
        risk::element_section(flow, p, &c.risk, &e.risk, e.sl_t, a.assessment_date);
        flow.heading(Level::H3, "h) Data flows", 10.0);
        // a row with every field blank documents no data flow
        if c.flows.iter().all(crate::model::DataFlow::is_blank) {
            flow.paragraph("No data flows recorded.", 8.5, Rgb::GREY);
        } else {
            let rows: Vec<Vec<Cell>> = a
                .flows
                .iter()
                .filter(|r| r.conduit == c.id)
                .map(|r| {
                    vec![
                        Cell::new(&r.id),
                        Cell::new(format!(
                            "{}: {}",
                            r.source.zone_name,
                            r.source.members_text()
                        )),
                        Cell::new(format!(
                            "{}: {}",
                            r.destination.zone_name,
                            r.destination.members_text()
                        )),
                        Cell::new(crate::export::flows::service_text(r)),
                        Cell::new(&r.justification),
                    ]
                })
                .collect();
            flow.table(
                &[
                    col("Flow", 16.0),
                    col("Source (initiator)", 42.0),
                    col("Destination", 42.0),
                    col("Protocol / port", 34.0),
                    col("Justification", 46.0),
                ],
                &rows,
                7.5,
            );
        }
        assets_table(
            flow,
            (catalog, a, amend),
            "j) Devices on the conduit",
            "Device",
            &c.devices,
        );
        flow.heading(Level::H3, "Requirement matrix", 10.0);
        let changed = |id: &str| {
            amend.is_some_and(|am| am.requirement_changed(ElementRef::Conduit(c.id), id))
        };
        requirements::requirement_table(flow, catalog, &c.requirements, e, (compact, &changed));
    }
}

fn asset_row(
    x: &crate::model::Asset,
    catalog: &Catalog,
    cap: Option<&crate::analysis::components::AssetCapability>,
) -> Vec<Cell> {
    let t = catalog.component(&x.component);
    let vmf: Vec<&str> = [x.vendor.as_str(), x.model.as_str(), x.firmware.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let slc = super::components::sl_c_text(x, cap);
    vec![
        Cell::new(&x.name),
        Cell::new(t.map_or_else(
            || format!("{} (not in catalog)", x.component),
            |t| t.name.clone(),
        )),
        Cell::new(or_dash(&vmf.join(" / "))),
        Cell::new(or_dash(&x.network_text())),
        Cell::new(x.criticality.label()),
        Cell::new(slc),
    ]
}

/// Elements per overview-matrix page group.
const MATRIX_COLUMNS: usize = 14;

fn matrix(flow: &mut dyn Writer, p: &Project, catalog: &Catalog, a: &Assessment) {
    flow.heading(Level::H1, "Overview matrix", 14.0);
    flow.paragraph(
        "Which requirements each zone (Z) and conduit (C) needs, and their status: M met, C compensated, NA not applicable, X not met, – not yet assessed; empty = not required at its SL-T. Ids are listed in the summary.",
        8.5,
        Rgb::GREY,
    );
    let elements: Vec<(String, &ElementAssessment, &crate::model::Requirements)> = a
        .zones_of(p)
        .map(|(z, e)| (z.id.to_string(), e, &z.requirements))
        .chain(
            a.conduits_of(p)
                .map(|(c, e)| (c.id.to_string(), e, &c.requirements)),
        )
        .collect();
    // balanced groups: 16 elements become 2 × 8 columns, not 14 + 2
    let groups = elements.len().div_ceil(MATRIX_COLUMNS).max(1);
    let per_group = elements.len().div_ceil(groups).max(1);
    for (g, group) in elements.chunks(per_group).enumerate() {
        if g > 0 {
            flow.new_page();
        }
        let mut columns = vec![col("Requirement", 22.0), col("Title", 46.0), col("SL", 7.0)];
        columns.extend(group.iter().map(|(id, _, _)| col(id, 8.0)));
        let mut rows = Vec::with_capacity(catalog.requirements.len());
        for (ri, r) in catalog.requirements.iter().enumerate() {
            let mut row = vec![
                Cell::bold(&r.id),
                Cell::new(&r.title),
                Cell::new(r.level.to_string()),
            ];
            for (_, e, reqs) in group {
                match e.applicable.iter().find(|x| x.requirement == ri) {
                    Some(x) => {
                        let mut cell = status_cell(x.status, x.satisfied);
                        cell.text = status_code(x.status).to_owned();
                        row.push(cell);
                    }
                    None => {
                        // assessed although not required at this SL-T: still show it
                        match reqs.get(&r.id) {
                            Some(ra) if ra.status != Status::NotAssessed => {
                                row.push(Cell::new(status_code(ra.status)))
                            }
                            _ => row.push(Cell::new("")),
                        }
                    }
                }
            }
            rows.push(row);
        }
        flow.table(&columns, &rows, 6.5);
    }
}

fn findings(flow: &mut dyn Writer, p: &Project, a: &Assessment, amend: Option<&Amendments>) {
    flow.heading(Level::H1, "Findings register", 14.0);
    if a.findings.is_empty() {
        flow.paragraph("The design has no findings.", 9.0, Rgb::BLACK);
        return;
    }
    flow.paragraph(
        &format!(
            "{} errors, {} warnings, {} notes.",
            a.error_count(),
            a.warning_count(),
            a.findings
                .iter()
                .filter(|f| f.severity == FindingSeverity::Info)
                .count()
        ),
        9.0,
        Rgb::BLACK,
    );
    let mut rows: Vec<Vec<Cell>> = a
        .findings
        .iter()
        .map(|f| {
            let (fill, fg) = finding_colors(f.severity);
            vec![
                Cell::bold(f.code.code()),
                Cell::filled(f.severity.label().to_uppercase(), fill, fg),
                Cell::new(format!(
                    "{} {}",
                    element_id(f.element),
                    p.element_name(f.element)
                )),
                Cell::new(&f.message),
                Cell::new(f.remedy),
            ]
        })
        .collect();
    if let Some(am) = amend {
        let new = a
            .findings
            .iter()
            .map(|f| am.finding_new(f.code.code(), f.element, &f.message));
        bar_rows(&mut rows, new);
    }
    // codes are never broken: the column is as wide as the widest code in the register
    // (the table scales columns to the page width, so widths are in proportion to 180)
    let code_w = a
        .findings
        .iter()
        .map(|f| text_width(flow.fonts(), f.code.code(), Weight::Bold, 7.5) + 3.0)
        .fold(22.0_f32, f32::max);
    let rest = 180.0 - code_w - 17.0;
    flow.table(
        &[
            col("Code", code_w),
            col("Severity", 17.0),
            col("Element", rest * 0.24),
            col("Finding", rest * 0.42),
            col("What to do", rest * 0.34),
        ],
        &rows,
        7.5,
    );
}

#[cfg(test)]
mod palette_tests {
    use super::*;
    use crate::analysis::GapSeverity;
    use crate::palette;
    use crate::ui::{theme, topology};

    fn rgb(c: egui::Color32) -> [u8; 3] {
        [c.r(), c.g(), c.b()]
    }

    #[test]
    fn canvas_topology_and_pdf_colour_each_severity_from_one_definition() {
        for s in [
            GapSeverity::None,
            GapSeverity::One,
            GapSeverity::Two,
            GapSeverity::Unknown,
        ] {
            let def = palette::gap(s);
            // canvas outlines, conduits and FR cells; the inspector and dock
            assert_eq!(rgb(theme::gap_color(s)), def, "{s:?}");
            // topology node fills
            assert_eq!(rgb(topology::zone_fill(s)), def, "{s:?}");
            // PDF cells, drawing and risk scale
            let (fill, text) = gap_colors(s);
            assert_eq!([fill.0, fill.1, fill.2], def, "{s:?}");
            assert_eq!([text.0, text.1, text.2], palette::gap_text(s), "{s:?}");
            assert_eq!(rgb(theme::gap_text_color(s)), palette::gap_text(s), "{s:?}");
        }
        for s in [
            FindingSeverity::Error,
            FindingSeverity::Warning,
            FindingSeverity::Info,
        ] {
            let (fill, _) = finding_colors(s);
            assert_eq!(rgb(theme::finding_color(s)), palette::finding(s));
            assert_eq!([fill.0, fill.1, fill.2], palette::finding(s));
        }
        for k in crate::model::ZoneKind::ALL {
            assert_eq!(rgb(theme::kind_color(k)), palette::zone_kind(k));
        }
    }
}
