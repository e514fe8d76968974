//! `zonewright approve`: records, or withdraws, the asset owner's approval of a project file
//! from the command line, with the document revision, the content hash and the digest of the
//! assessment result of the file as it is.

use crate::analysis::approval;
use crate::catalog::Catalog;
use crate::cli::{EXIT_OK, EXIT_UNREADABLE, load_project};
use crate::file;
use crate::model::text::visible;
use crate::model::{Approval, Decision};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecisionArg {
    Approved,
    WithConditions,
    Rejected,
}

impl From<DecisionArg> for Decision {
    fn from(d: DecisionArg) -> Decision {
        match d {
            DecisionArg::Approved => Decision::Approved,
            DecisionArg::WithConditions => Decision::ApprovedWithConditions,
            DecisionArg::Rejected => Decision::Rejected,
        }
    }
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Project file (.ron), or `sample:NAME` (then `-o` is needed).
    pub file: String,
    /// Who approves (the asset owner's representative).
    #[arg(long, required_unless_present = "withdraw")]
    pub approver: Option<String>,
    /// The approver's role, e.g. "Plant manager".
    #[arg(long, default_value = "")]
    pub role: String,
    /// The approver's organisation.
    #[arg(long, default_value = "")]
    pub organisation: String,
    /// Date of the approval as it should appear in the documents, e.g. 2026-12-01.
    #[arg(long, required_unless_present = "withdraw")]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value_t = DecisionArg::Approved)]
    pub decision: DecisionArg,
    /// Conditions of an approval with conditions, or the reasons of a rejection.
    #[arg(long, default_value = "")]
    pub conditions: String,
    /// Remove the recorded approval instead.
    #[arg(long, conflicts_with_all = ["approver", "date", "role", "organisation", "conditions"])]
    pub withdraw: bool,
    /// Where to write the project; by default the file itself (with a backup, atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs `approve`; returns the exit status.
pub fn run(args: &ApproveArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "error: {}", visible(&message));
        EXIT_UNREADABLE
    };
    let output = match (
        &args.output,
        args.file.starts_with("sample:") || args.file.starts_with("template:"),
    ) {
        (Some(o), _) => o.clone(),
        (None, false) => PathBuf::from(&args.file),
        (None, true) => {
            return fail(
                err,
                format!(
                    "{} is embedded in zonewright: say where to write the approved project with -o FILE",
                    args.file
                ),
            );
        }
    };
    // locked before the project is read: a second writer of the file waits for this one
    let write = match file::cli_write::CliWrite::begin(&output) {
        Ok(w) => w,
        Err(message) => return fail(err, message),
    };
    let mut project = match load_project(&args.file) {
        Ok(p) => p,
        Err(message) => return fail(err, message),
    };
    let said = if args.withdraw {
        if project.approval.take().is_none() {
            let _ = writeln!(
                err,
                "note: {} had no approval recorded",
                visible(&args.file)
            );
        }
        format!("withdrew the approval in {}", output.display())
    } else {
        let base = Approval {
            approver: args.approver.clone().unwrap_or_default().trim().to_owned(),
            role: args.role.trim().to_owned(),
            organisation: args.organisation.trim().to_owned(),
            date: args.date.clone().unwrap_or_default().trim().to_owned(),
            decision: args.decision.into(),
            conditions: args.conditions.trim().to_owned(),
            ..Approval::default()
        };
        let approval = approval::record(&project, Catalog::embedded(), base);
        let line = format!(
            "recorded \"{}\" by {} of revision {} (content SHA-256 {}, assessment result SHA-256 {}) in {}",
            approval.decision.label(),
            approval.approver,
            if approval.revision.is_empty() {
                "–"
            } else {
                &approval.revision
            },
            approval.content_hash,
            approval.assessment_hash,
            output.display()
        );
        project.approval = Some(approval);
        line
    };
    if let Err(e) = write.save(&project) {
        return fail(err, e);
    }
    match writeln!(out, "{}", visible(&said)) {
        Ok(()) => EXIT_OK,
        Err(e) => fail(err, format!("cannot write the output: {e}")),
    }
}
