//! `zonewright traffic`: observed traffic (Zeek conn.log, flows CSV, pcap, pcapng) compared
//! with a project — the traffic summary, then the assessment and findings printed as `check`
//! prints them — and, with `--propose`, the proposed conduits and flows applied and the project
//! written.

use super::{CheckFormat, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::command::traffic::{Proposal, TrafficAction, plan_traffic, proposals};
use crate::file;
use crate::import::traffic::read_paths;
use crate::model::Project;
use crate::model::text::visible;
use crate::model::traffic::ObservedTraffic;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct TrafficArgs {
    /// Project file (.ron), or `sample:NAME`.
    pub project: String,
    /// Zeek conn.log (TSV or JSON lines), flows CSV, pcap or pcapng files, read into one
    /// summary; the format is told by the content.
    #[arg(required = true)]
    pub traffic: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Add the proposed conduits and flows for zone pairs that talk (needs -o).
    #[arg(long)]
    pub propose: bool,
    /// Write the project with the traffic summary (and the proposals) here; atomically.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &TrafficArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, out) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {}", visible(&message));
            EXIT_UNREADABLE
        }
    }
}

/// What the JSON output adds about the traffic read.
#[derive(Serialize)]
pub(super) struct JsonTraffic<'a> {
    sources: &'a [String],
    first_seen: Option<i64>,
    last_seen: Option<i64>,
    records: u64,
    skipped: u64,
    flows_left_out: u64,
    notes: &'a [String],
    /// Every observed flow, mapped to assets and zones, with its status against the design.
    flows: &'a [crate::analysis::traffic::TrafficRow],
    /// The proposals applied (with `--propose`).
    proposed: Vec<String>,
}

pub(super) fn json<'a>(
    t: &'a ObservedTraffic,
    a: &'a crate::analysis::Assessment,
    proposed: &[Proposal],
) -> JsonTraffic<'a> {
    JsonTraffic {
        sources: &t.sources,
        first_seen: t.first_seen,
        last_seen: t.last_seen,
        records: t.records,
        skipped: t.skipped,
        flows_left_out: t.flows_left_out,
        notes: &t.notes,
        flows: &a.traffic.rows,
        proposed: proposed.iter().map(|p| p.summary.clone()).collect(),
    }
}

fn run_inner(args: &TrafficArgs, out: &mut dyn Write) -> Result<i32, String> {
    if args.propose && args.output.is_none() {
        return Err("--propose writes the project with the proposals: give -o OUT.ron".into());
    }
    let write = match &args.output {
        Some(o) => Some(file::cli_write::CliWrite::begin(o)?),
        None => None,
    };
    let mut project: Project = super::load_project(&args.project)?;
    let paths: Vec<&std::path::Path> = args.traffic.iter().map(PathBuf::as_path).collect();
    let traffic = read_paths(&paths).map_err(|e| e.to_string())?;
    let catalog = Catalog::embedded();
    let import = TrafficAction::Import {
        traffic: Box::new(traffic),
        proposals: Vec::new(),
    };
    let keep =
        plan_traffic(&import, &project).map_err(|_| "the traffic cannot be kept".to_owned())?;
    keep.edit.apply(&mut project).map_err(|e| e.to_string())?;
    let mut proposed = Vec::new();
    if args.propose {
        proposed = proposals(&project, &assess(&project, catalog).traffic);
        if !proposed.is_empty() {
            let plan = plan_traffic(&TrafficAction::Apply(proposed.clone()), &project)
                .map_err(|_| "the proposals cannot be applied".to_owned())?;
            plan.edit.apply(&mut project).map_err(|e| e.to_string())?;
        }
    }
    crate::command::saveable(&project)?;
    let a = assess(&project, catalog);
    let io = |e: std::io::Error| format!("cannot write the output: {e}");
    let t = project.traffic.as_ref().ok_or("no traffic was read")?;
    match args.format {
        CheckFormat::Text => {
            write_summary(out, t, &proposed).map_err(io)?;
            super::write_check_text(out, &args.project, &project, &a).map_err(io)?;
        }
        CheckFormat::Json => {
            super::write_check_json_with(out, &args.project, &project, &a, &proposed)
                .map_err(io)?;
        }
    }
    if let (Some(w), Some(_)) = (write, &args.output) {
        w.save(&project)?;
    }
    Ok(if a.error_count() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn write_summary(
    out: &mut dyn Write,
    t: &ObservedTraffic,
    proposed: &[Proposal],
) -> std::io::Result<()> {
    let period = t.period_text();
    writeln!(
        out,
        "Traffic: {}: {}, {}, {}{}",
        visible(&t.sources_text()),
        crate::count_of(t.records as usize, "record", "records"),
        crate::count_of(t.flows.len(), "observed flow", "observed flows"),
        crate::count_of(t.connections() as usize, "connection", "connections"),
        if period.is_empty() {
            String::new()
        } else {
            format!(", {period}")
        }
    )?;
    if t.skipped > 0 {
        writeln!(
            out,
            "{} not IP traffic or unreadable, skipped",
            crate::count_of(t.skipped as usize, "record", "records")
        )?;
    }
    if t.flows_left_out > 0 {
        writeln!(
            out,
            "{} beyond the busiest {} left out of the summary",
            t.flows_left_out,
            t.flows.len()
        )?;
    }
    for n in &t.notes {
        writeln!(out, "note: {}", visible(n))?;
    }
    for p in proposed {
        writeln!(out, "proposed: {}", visible(&p.summary))?;
    }
    writeln!(out)
}
