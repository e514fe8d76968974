//! `zonewright apply-matrix`: reads a compliance matrix a supplier filled in, shows every change
//! and every skipped row, and writes the project with the changes (unless `--dry-run`).
//! Exit status as `check` for the result: 0 no error findings, 1 error findings, 2 unreadable.

use crate::analysis::assess;
use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, load_project};
use crate::file;
use crate::import::compliance::{MatrixOptions, Plan, read_matrix_with};
use crate::model::Project;
use crate::model::text::visible;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ApplyMatrixArgs {
    /// Project file (.ron), or `sample:NAME` for an embedded sample.
    pub file: String,
    /// The filled-in compliance matrix (.xlsx, as `export --compliance` writes it).
    pub matrix: PathBuf,
    /// Where to write the project with the changes; written atomically.
    #[arg(short, long, required_unless_present = "dry_run")]
    pub output: Option<PathBuf>,
    /// Show the changes only; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// A matrix made for another project, or rows whose element name is not the project's:
    /// list those rows as skipped and apply the rest (without it the workbook is refused).
    #[arg(long)]
    pub skip_mismatched: bool,
}

/// Reads the matrix file: only a regular file (a device or a FIFO is refused before it is
/// opened), and never more than the limit, whatever its size said.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file; a compliance matrix is an .xlsx file"
        ));
    }
    let max = crate::import::compliance::MAX_BYTES as u64;
    let too_large = |size: u64| {
        format!(
            "{shown} is {} MB; a compliance matrix can be at most {} MB",
            size / (1024 * 1024),
            max / (1024 * 1024)
        )
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Runs `apply-matrix`; returns the exit status.
pub fn run(args: &ApplyMatrixArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, message: &str| {
        let _ = writeln!(err, "error: {}", visible(message));
        EXIT_UNREADABLE
    };
    // locked before the project is read: a second writer of the file waits for this one
    let write = match (&args.output, args.dry_run) {
        (Some(output), false) => match file::cli_write::CliWrite::begin(output) {
            Ok(w) => Some(w),
            Err(message) => return fail(err, &message),
        },
        _ => None,
    };
    let mut project = match load_project(&args.file) {
        Ok(p) => p,
        Err(message) => return fail(err, &message),
    };
    let bytes = match read_file(&args.matrix) {
        Ok(b) => b,
        Err(message) => return fail(err, &message),
    };
    let catalog = crate::catalog::Catalog::embedded();
    let options = MatrixOptions {
        skip_mismatched: args.skip_mismatched,
    };
    let plan = match read_matrix_with(&project, catalog, &bytes, options) {
        Ok(p) => p,
        Err(e) => return fail(err, &format!("{}: {e}", args.matrix.display())),
    };
    for w in &plan.warnings {
        let _ = writeln!(err, "warning: {}", visible(w));
    }
    for s in &plan.skipped {
        let _ = writeln!(
            err,
            "warning: row {} skipped: {}",
            s.row,
            visible(&s.reason)
        );
    }
    let before = assess(&project, catalog);
    if let Some(edit) = plan.edit(&project)
        && let Err(e) = edit.apply(&mut project)
    {
        return fail(err, &format!("cannot apply the matrix: {e}"));
    }
    let after = assess(&project, catalog);
    let written = report(out, &plan, &project, &before, &after, args.dry_run);
    if let Err(e) = written {
        return fail(err, &format!("cannot write the output: {e}"));
    }
    if let Some(write) = &write
        && let Some(output) = &args.output
    {
        if let Err(e) = write.save(&project) {
            return fail(err, &e);
        }
        let _ = writeln!(out, "wrote {}", visible(&output.display().to_string()));
    }
    if after.error_count() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn report(
    out: &mut dyn Write,
    plan: &Plan,
    project: &Project,
    before: &crate::analysis::Assessment,
    after: &crate::analysis::Assessment,
    dry_run: bool,
) -> std::io::Result<()> {
    for c in &plan.changes {
        writeln!(
            out,
            "row {}: {} {} / {}: {}",
            c.row,
            crate::export::element_id(c.element),
            visible(&c.element_name),
            c.requirement,
            visible(&c.describe())
        )?;
    }
    // what the changes do to SL-A, per element they touch (the designer's preview shows the
    // same lines)
    for c in crate::export::matrix_effect::sl_a_changes(plan, project, before, after) {
        writeln!(out, "{}", visible(&c.describe()))?;
    }
    writeln!(
        out,
        "{}{}, {} unchanged, {} skipped",
        if dry_run { "dry run: " } else { "" },
        crate::count_of(plan.changes.len(), "change", "changes"),
        crate::count_of(plan.unchanged, "row", "rows"),
        crate::count_of(plan.skipped.len(), "row", "rows")
    )
}
