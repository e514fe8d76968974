//! The command line: argument parsing and the headless subcommands (`check`, `catalog`,
//! `samples`, `templates`, `generate`, `export`, `apply-matrix`, `info`, …).
//! The binary's `main` only dispatches here or to the designer.

use crate::analysis::{Assessment, ElementAssessment, FindingSeverity, assess};
use crate::catalog::Catalog;
use crate::file;
use crate::generate::{GenerateParams, generate};
use crate::model::text::visible;
use crate::model::{ElementRef, Project, format_levels};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

pub mod approve;
mod assets;
mod catalog;
mod components;
pub mod export;
pub mod import;
mod info;
pub mod matrix;
mod out;
pub mod revision;

pub use components::CatalogStandard;
mod risk;
mod risk_record;
#[doc(hidden)]
pub mod save_loop;
mod templates;
pub mod traffic;

/// Exit status: no error findings.
pub const EXIT_OK: i32 = 0;
/// Exit status: the design has error findings.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: unreadable file or bad usage.
pub const EXIT_UNREADABLE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "zonewright",
    version,
    about = "Design IEC 62443 zone-and-conduit architectures of industrial plants",
    long_about = "Design IEC 62443 zone-and-conduit architectures of industrial plants.\n\nWithout a subcommand, opens the designer (with FILE if given)."
)]
pub struct Cli {
    /// Project file to open in the designer.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess a project: SL-T, SL-C, SL-A, gaps and design findings.
    ///
    /// Exit status 0 when no finding is an error, 1 when some are, 2 when the file cannot be read.
    Check {
        /// Project file (.ron), or `sample:NAME` for an embedded sample.
        file: String,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// List the IEC 62443-3-3 requirement catalog, or the IEC 62443-4-2 one.
    Catalog {
        #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
        format: CatalogFormat,
        /// 3-3: system requirements; 4-2: component requirements with their class.
        #[arg(long, value_enum, default_value_t = CatalogStandard::SystemRequirements)]
        standard: CatalogStandard,
    },
    /// List the embedded sample plants (open one with `sample:NAME`).
    Samples,
    /// List the embedded templates, starting points for a new project (use one with
    /// `template:NAME` wherever `sample:NAME` works).
    Templates {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Export the project; the extension of `-o` chooses the format: the PDF tender pack
    /// (title page with the approval, drawing, SL summary, risk assessment and register,
    /// per-element details, risk and requirement matrices, overview matrix, communication
    /// matrix and firewall rule schedules, findings register), the drawing as SVG or PNG, a
    /// draw.io diagram, the registers as XLSX (or the supplier compliance matrix with
    /// --compliance), one register as CSV (the communication matrix with --table flows), one
    /// firewall's rules as nftables (.nft), FortiOS (.fortios) or Cisco ASA (.asa) text with
    /// --device.
    ///
    /// Exit status 0 on success, 2 for an unknown format, a project that cannot be read or a
    /// file that cannot be written (nothing is written then).
    Export(export::ExportArgs),
    /// Read back a compliance matrix a supplier filled in: every change of status,
    /// countermeasure and evidence is listed, rows with unknown IDs, elements or statuses are
    /// listed and skipped, and the project with the changes is written to -o.
    ///
    /// Exit status as for `check` on the result: 0 no error findings, 1 error findings, 2 when
    /// the project or the matrix cannot be read or the result cannot be written.
    ApplyMatrix(matrix::ApplyMatrixArgs),
    /// Generate a large synthetic plant (for benchmarks and trials) and save it.
    ///
    /// The same parameters always give the same file. Exit status 2 for impossible parameters
    /// (more than 100,000 elements, conduits with fewer than 2 zones, assets without a zone).
    Generate {
        /// Number of zones.
        #[arg(long)]
        zones: usize,
        /// Number of assets, counting those in zones and the devices on conduits.
        #[arg(long)]
        assets: usize,
        /// Number of conduits.
        #[arg(long)]
        conduits: usize,
        /// Seed of the pseudo-random choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the project (.ron); written atomically.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Record the asset owner's approval (ZCR 7.1) of the project as it is now: the document
    /// revision, a hash of the content (document date included) and a digest of the assessment
    /// result are stored with it, so that a later change of any of them shows the approval as
    /// outdated.
    ///
    /// Exit status 0 on success, 2 when the project cannot be read or written.
    Approve(approve::ApproveArgs),
    /// Import an asset inventory (CSV or XLSX from an OT monitoring platform or a plant
    /// spreadsheet) into a new project or merge it into an existing one.
    ///
    /// Exit status 0 when every row was imported, 1 when some rows were rejected (listed on
    /// stderr), 2 when an input cannot be read (then no output is written).
    Import(import::ImportArgs),
    /// Compare a project with observed traffic: Zeek conn.log (TSV or JSON lines), a flows CSV
    /// or pcap / pcapng captures. Prints the traffic summary, then the assessment and findings
    /// as `check` does (traffic between zones without a conduit, undeclared flows, traffic
    /// against one-way conduits, declared flows never observed, unknown hosts …). With
    /// --propose, conduits and flows for zone pairs that talk are added; -o writes the project
    /// with the traffic summary (and the proposals).
    ///
    /// Exit status 0 when no finding is an error, 1 when some are, 2 when the project or a
    /// traffic file cannot be read or the output cannot be written (nothing is written then).
    Traffic(traffic::TrafficArgs),
    /// Print the version, where the program keeps its state, preferences and recovery files,
    /// and the fonts it uses (what a support request needs).
    Info {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Compare two revisions of a project by element id: zones, conduits and assets added,
    /// removed or changed field by field (old → new), SL-T, SL-C, SL-A and gaps as `check`
    /// computes them, findings that appeared or were resolved; moves and resizes in one line.
    ///
    /// Exit status 0 when nothing differs, 1 when something does, 2 when a file cannot be read.
    Diff(revision::DiffArgs),
    /// Three-way merge of a project by element id and field, as a git merge driver: the result
    /// is written over OURS. The same field changed two ways keeps ours and is recorded as a
    /// conflict in the file (it loads; `check` reports it, the designer resolves it).
    ///
    /// Exit status 0 merged cleanly, 1 conflicts are left in the file, 2 an input cannot be read
    /// or the result not written (OURS is left as it was).
    Merge(revision::MergeArgs),
    /// Set up a git repository for project files: the `.gitattributes` line and the local
    /// configuration that make `git diff` show the semantic diff of `*.ron` files and `git
    /// merge` use `zonewright merge`.
    ///
    /// Exit status 0 on success, 2 outside a git repository or without git.
    GitSetup(revision::GitSetupArgs),
    /// The external diff git runs (`diff.zonewright.command`): always exits 0.
    #[command(name = "__git-diff", hide = true)]
    GitDiff(revision::GitDiffArgs),
    /// Test support (the kill -9 test): saves versions of a large plant in a loop.
    #[command(name = "__save-loop", hide = true)]
    SaveLoop(save_loop::SaveLoopArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    Table,
    Csv,
    Json,
}

/// Loads a project from a path, an embedded sample named `sample:NAME`, or a new project from
/// the embedded template `template:NAME`.
pub fn load_project(arg: &str) -> Result<Project, String> {
    if let Some(name) = arg.strip_prefix("sample:") {
        let sample = crate::samples::find(name).ok_or_else(|| {
            let names: Vec<&str> = crate::samples::SAMPLES.iter().map(|s| s.name).collect();
            format!(
                "there is no sample \"{name}\"; the samples are: {}",
                names.join(", ")
            )
        })?;
        return file::from_str(sample.text).map_err(|e| format!("sample {name}: {e}"));
    }
    if let Some(name) = arg.strip_prefix("template:") {
        let template = crate::samples::find_template(name).ok_or_else(|| {
            let names: Vec<&str> = crate::samples::TEMPLATES.iter().map(|t| t.name).collect();
            format!(
                "there is no template \"{name}\"; the templates are: {}",
                names.join(", ")
            )
        })?;
        return template
            .project()
            .map_err(|e| format!("template {name}: {e}"));
    }
    file::load(std::path::Path::new(arg)).map_err(|e| e.to_string())
}

/// Runs a headless subcommand, writing to `out` and `err`; returns the exit status. Control
/// and bidirectional characters in what is written are shown as escapes (see `out`).
pub fn run(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut out = out::Visible::new(out);
    let mut err = out::Visible::new(err);
    run_visible(command, &mut out, &mut err)
}

fn run_visible(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let catalog = Catalog::embedded();
    let result = match command {
        Command::Check { file, format } => match load_project(file) {
            Ok(project) => {
                let assessment = assess(&project, catalog);
                let written = match format {
                    CheckFormat::Text => write_check_text(out, file, &project, &assessment),
                    CheckFormat::Json => write_check_json(out, file, &project, &assessment),
                };
                written.map(|()| {
                    if assessment.error_count() > 0 {
                        EXIT_FINDINGS
                    } else {
                        EXIT_OK
                    }
                })
            }
            Err(message) => {
                let _ = writeln!(err, "error: {}", visible(&message));
                return EXIT_UNREADABLE;
            }
        },
        Command::Catalog { format, standard } => match standard {
            CatalogStandard::SystemRequirements => catalog::write_catalog(out, catalog, *format),
            CatalogStandard::ComponentRequirements => {
                catalog::write_component_catalog(out, catalog, *format)
            }
        }
        .map(|()| EXIT_OK),
        Command::Generate {
            zones,
            assets,
            conduits,
            seed,
            output,
        } => {
            let params = GenerateParams {
                zones: *zones,
                assets: *assets,
                conduits: *conduits,
                seed: *seed,
            };
            if let Err(e) = params.check() {
                let _ = writeln!(
                    err,
                    "error: cannot generate this plant: {}",
                    visible(&e.to_string())
                );
                return EXIT_UNREADABLE;
            }
            let project = generate(&params);
            let saved = file::cli_write::CliWrite::begin(output).and_then(|w| w.save(&project));
            if let Err(e) = saved {
                let _ = writeln!(err, "error: {}", visible(&e));
                return EXIT_UNREADABLE;
            }
            writeln!(
                out,
                "wrote {}: {}, {}, {} (seed {seed})",
                visible(&output.display().to_string()),
                crate::count_of(project.zones.len(), "zone", "zones"),
                crate::count_of(project.asset_count(), "asset", "assets"),
                crate::count_of(project.conduits.len(), "conduit", "conduits")
            )
            .map(|()| EXIT_OK)
        }
        Command::Export(args) => return export::run(args, out, err),
        Command::ApplyMatrix(args) => return matrix::run(args, out, err),
        Command::Approve(args) => return approve::run(args, out, err),
        Command::Import(args) => return import::run(args, out, err),
        Command::Traffic(args) => return traffic::run(args, out, err),
        Command::SaveLoop(args) => return save_loop::run(args, out, err),
        Command::Diff(args) => return revision::run_diff(args, out, err),
        Command::Merge(args) => return revision::run_merge(args, out, err),
        Command::GitSetup(args) => return revision::run_git_setup(args, out, err),
        Command::GitDiff(args) => return revision::run_git_diff(args, out),
        Command::Templates { format } => templates::run(*format, out),
        Command::Info { format } => info::run(*format, out),
        Command::Samples => crate::samples::SAMPLES
            .iter()
            .try_for_each(|s| writeln!(out, "sample:{:<15} {}", s.name, s.title))
            .map(|()| EXIT_OK),
    };
    result.unwrap_or_else(|e| {
        let _ = writeln!(err, "error: cannot write the output: {e}");
        EXIT_UNREADABLE
    })
}

pub(crate) fn write_check_text(
    out: &mut dyn Write,
    file: &str,
    project: &Project,
    a: &Assessment,
) -> std::io::Result<()> {
    let m = &project.meta;
    let title = if m.title.is_empty() { file } else { &m.title };
    writeln!(out, "{}", visible(title))?;
    if !m.document_number.is_empty() || !m.revision.is_empty() {
        writeln!(
            out,
            "Document {} revision {}",
            visible(&m.document_number),
            visible(&m.revision)
        )?;
    }
    writeln!(
        out,
        "{}, {}, {}",
        crate::count_of(project.zones.len(), "zone", "zones"),
        crate::count_of(project.conduits.len(), "conduit", "conduits"),
        crate::count_of(project.asset_count(), "asset", "assets")
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Vectors are (IAC,UC,SI,DC,RDF,TRE,RA); – = unknown (no assets / nothing assessed)."
    )?;
    let name_width = project
        .zones
        .iter()
        .map(|z| visible(&z.name).chars().count())
        .chain(
            project
                .conduits
                .iter()
                .map(|c| visible(&c.name).chars().count()),
        )
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    let header = format!(
        "{:<7} {:<w$}  {:<15}  {:<15}  {:<15}  {:<15}  {:<15}  {}",
        "ID",
        "Name",
        "SL-T",
        "SL-C",
        "SL-A",
        "Capability gap",
        "Achievement gap",
        "Worst",
        w = name_width
    );
    writeln!(out, "{header}")?;
    writeln!(out, "{}", "-".repeat(header.chars().count()))?;
    let row = |out: &mut dyn Write, id: String, name: &str, e: &ElementAssessment| {
        let name: String = visible(name).chars().take(name_width).collect();
        writeln!(
            out,
            "{:<7} {:<w$}  {:<15}  {:<15}  {:<15}  {:<15}  {:<15}  {}",
            id,
            name,
            e.sl_t
                .map_or_else(|| "not set".to_owned(), |t| t.to_string()),
            format_levels(&e.sl_c),
            format_levels(&e.sl_a),
            format_levels(&e.capability_gap),
            format_levels(&e.achievement_gap),
            e.worst.label(),
            w = name_width
        )
    };
    for (z, e) in a.zones_of(project) {
        row(out, z.id.to_string(), &z.name, e)?;
    }
    for (c, e) in a.conduits_of(project) {
        row(out, c.id.to_string(), &c.name, e)?;
    }
    writeln!(out)?;
    components::write_sources_text(out, project, a)?;
    writeln!(out)?;
    risk::write_text(out, project, a)?;
    writeln!(out)?;
    let infos = a
        .findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Info)
        .count();
    writeln!(
        out,
        "Findings: {}, {}, {}",
        crate::count_of(a.error_count(), "error", "errors"),
        crate::count_of(a.warning_count(), "warning", "warnings"),
        crate::count_of(infos, "note", "notes")
    )?;
    // every column as wide as its widest entry (in characters), so the element never runs
    // into the finding
    let labels: Vec<String> = a
        .findings
        .iter()
        .map(|f| element_label(project, f.element))
        .collect();
    let code_width = a
        .findings
        .iter()
        .map(|f| f.code.code().chars().count())
        .max()
        .unwrap_or(0);
    let element_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let indent = 7 + 1 + code_width + 1 + element_width;
    for (f, label) in a.findings.iter().zip(&labels) {
        writeln!(
            out,
            "{:<7} {:<cw$} {:<ew$} {}",
            f.severity.label().to_uppercase(),
            f.code.code(),
            label,
            visible(&f.message),
            cw = code_width,
            ew = element_width
        )?;
        writeln!(out, "{:<indent$} → {}", "", visible(f.remedy))?;
    }
    Ok(())
}

fn element_label(project: &Project, element: ElementRef) -> String {
    let name: String = visible(&project.element_name(element))
        .chars()
        .take(22)
        .collect();
    match element {
        ElementRef::Project => "project".to_owned(),
        ElementRef::Zone(_) => format!("zone {name}"),
        ElementRef::Conduit(_) => format!("conduit {name}"),
        ElementRef::Asset(_) => format!("asset {name}"),
    }
}

#[derive(Serialize)]
struct JsonElement<'a> {
    id: String,
    name: &'a str,
    kind: &'static str,
    sl_t: Option<[u8; 7]>,
    sl_c: [Option<u8>; 7],
    /// Per FR, where the SL-C comes from (the weakest asset's source).
    sl_c_source: [Option<&'static str>; 7],
    sl_a: [Option<u8>; 7],
    capability_gap: [Option<u8>; 7],
    achievement_gap: [Option<u8>; 7],
    worst: &'static str,
    applicable: usize,
    open: usize,
    findings: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: &'static str,
    element: String,
    element_name: String,
    message: &'a str,
    remedy: &'a str,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    file: &'a str,
    title: &'a str,
    zones: Vec<JsonElement<'a>>,
    conduits: Vec<JsonElement<'a>>,
    findings: Vec<JsonFinding<'a>>,
    errors: usize,
    warnings: usize,
    /// The risk assessment and the approval (added in file format 2; the fields above are
    /// unchanged).
    risk: risk::JsonRisk<'a>,
    /// IEC 62443-4-2: SL-C and its source per asset, what to ask suppliers for.
    components: components::JsonComponents<'a>,
    /// Every asset with its zone or conduit and its network fields (added in file format 3).
    assets: Vec<assets::JsonAsset<'a>>,
    /// The communication matrix: one row per data flow, as every export writes it (added in
    /// file format 5).
    flows: &'a [crate::analysis::flows::FlowRow],
    /// The observed traffic kept in the project, mapped and judged (added in file format 6;
    /// absent without traffic).
    #[serde(skip_serializing_if = "Option::is_none")]
    traffic: Option<traffic::JsonTraffic<'a>>,
}

fn json_element<'a>(
    id: String,
    name: &'a str,
    kind: &'static str,
    e: &ElementAssessment,
) -> JsonElement<'a> {
    JsonElement {
        id,
        name,
        kind,
        sl_t: e.sl_t.map(|t| t.0),
        sl_c: e.sl_c,
        sl_c_source: components::source_labels(&e.sl_c_source),
        sl_a: e.sl_a,
        capability_gap: e.capability_gap,
        achievement_gap: e.achievement_gap,
        worst: match e.worst {
            crate::analysis::GapSeverity::None => "none",
            crate::analysis::GapSeverity::Unknown => "unknown",
            crate::analysis::GapSeverity::One => "one",
            crate::analysis::GapSeverity::Two => "two_or_more",
        },
        applicable: e.applicable.len(),
        open: e.open_items(),
        findings: e.finding_count,
    }
}

fn write_check_json(
    out: &mut dyn Write,
    file: &str,
    project: &Project,
    a: &Assessment,
) -> std::io::Result<()> {
    write_check_json_with(out, file, project, a, &[])
}

/// The JSON of `check`, with the proposals applied from observed traffic.
pub(crate) fn write_check_json_with(
    out: &mut dyn Write,
    file: &str,
    project: &Project,
    a: &Assessment,
    proposed: &[crate::command::traffic::Proposal],
) -> std::io::Result<()> {
    let doc = JsonCheck {
        file,
        title: &project.meta.title,
        zones: a
            .zones_of(project)
            .map(|(z, e)| json_element(z.id.to_string(), &z.name, z.kind.label(), e))
            .collect(),
        conduits: a
            .conduits_of(project)
            .map(|(c, e)| json_element(c.id.to_string(), &c.name, "Conduit", e))
            .collect(),
        findings: a
            .findings
            .iter()
            .map(|f| JsonFinding {
                code: f.code.code(),
                severity: f.severity.label(),
                element: match f.element {
                    ElementRef::Project => "project".to_owned(),
                    ElementRef::Zone(id) => id.to_string(),
                    ElementRef::Conduit(id) => id.to_string(),
                    ElementRef::Asset(id) => id.to_string(),
                },
                element_name: project.element_name(f.element),
                message: &f.message,
                remedy: f.remedy,
            })
            .collect(),
        errors: a.error_count(),
        warnings: a.warning_count(),
        risk: risk::json(project, a),
        components: components::json_components(project, a, Catalog::embedded()),
        assets: assets::json(project),
        flows: &a.flows,
        traffic: project
            .traffic
            .as_ref()
            .map(|t| traffic::json(t, a, proposed)),
    };
    out::json_pretty(out, &doc)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
