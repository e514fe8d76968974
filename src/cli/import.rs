//! `zonewright import`: an asset inventory (CSV or XLSX) into a new project or merged into an
//! existing one, with the preview summary and every rejected row printed.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE};
use crate::file;
use crate::import;
use crate::model::Project;
use crate::model::text::visible;
use std::io::Write;
use std::path::PathBuf;

/// Most rejected rows and missing assets listed one per line; the rest are counted.
const MAX_LISTED: usize = 1_000;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The inventory: CSV (any of , ; tab | as delimiter; UTF-8, UTF-16 or Windows-1252) or XLSX.
    pub inventory: PathBuf,
    /// Where to write the project (.ron); written atomically. Not needed with --dry-run.
    #[arg(short, long, required_unless_present = "dry_run")]
    pub output: Option<PathBuf>,
    /// Merge into this project (a path or `sample:NAME`) instead of starting a new one.
    #[arg(long)]
    pub into: Option<String>,
    /// A JSON mapping file: columns, zone rules and tables, types (see docs/import.md).
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// The sheet of an XLSX workbook (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Print what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Exit 0 when every row was imported, 1 when some were rejected, 2 when an input cannot be
/// read or the output cannot be written (then nothing is written).
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {}", visible(&message));
            EXIT_UNREADABLE
        }
    }
}

fn run_inner(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    // locked before the project is read: a second writer of the file waits for this one
    let write = match (&args.output, args.dry_run) {
        (Some(output), false) => Some(file::cli_write::CliWrite::begin(output)?),
        _ => None,
    };
    let mut project = match &args.into {
        Some(p) => super::load_project(p)?,
        None => {
            let mut p = Project::default();
            p.meta.title = args
                .inventory
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            p
        }
    };
    let settings = match &args.mapping {
        Some(m) => import::read_mapping(m, &project.import_settings).map_err(|e| e.to_string())?,
        None => project.import_settings.clone(),
    };
    let table =
        import::read_path(&args.inventory, args.sheet.as_deref()).map_err(|e| e.to_string())?;
    let preview = import::plan(&project, &table, &settings).map_err(|e| e.to_string())?;
    let io = |e: std::io::Error| format!("cannot write the output: {e}");
    writeln!(out, "{}: {}", visible(&preview.source), preview.summary()).map_err(io)?;
    for z in &preview.new_zones {
        writeln!(out, "new zone: {}", visible(z)).map_err(io)?;
    }
    for (value, n) in &preview.unmapped_types {
        writeln!(
            out,
            "unmapped type \"{}\": {} → Unclassified device",
            visible(value),
            crate::count_of(*n, "asset", "assets")
        )
        .map_err(io)?;
    }
    for c in preview.changed.iter().take(MAX_LISTED) {
        writeln!(
            out,
            "row {}: {} changed: {}",
            c.row,
            visible(&c.name),
            c.fields.join(", ")
        )
        .map_err(io)?;
    }
    for (_, name) in preview.missing.iter().take(MAX_LISTED) {
        writeln!(out, "missing from the file (kept): {}", visible(name)).map_err(io)?;
    }
    if preview.missing.len() > MAX_LISTED {
        writeln!(
            out,
            "and {} more missing",
            preview.missing.len() - MAX_LISTED
        )
        .map_err(io)?;
    }
    for r in preview.rejected.iter().take(MAX_LISTED) {
        writeln!(err, "rejected: row {}: {}", r.row, visible(&r.reason)).map_err(io)?;
    }
    if preview.rejected.len() > MAX_LISTED {
        writeln!(
            err,
            "and {} more rejected rows",
            preview.rejected.len() - MAX_LISTED
        )
        .map_err(io)?;
    }
    if !args.dry_run {
        let Some(output) = &args.output else {
            return Err("no output file given (-o OUT.ron)".into());
        };
        preview
            .edit()
            .apply(&mut project)
            .map_err(|e| e.to_string())?;
        if project.import_settings != settings {
            project.import_settings = settings;
        }
        match &write {
            Some(w) => w.save(&project)?,
            None => file::save(&project, output).map_err(|e| e.to_string())?,
        }
        writeln!(
            out,
            "wrote {}: {}, {}",
            visible(&output.display().to_string()),
            crate::count_of(project.zones.len(), "zone", "zones"),
            crate::count_of(project.asset_count(), "asset", "assets"),
        )
        .map_err(io)?;
    }
    Ok(if preview.rejected.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
