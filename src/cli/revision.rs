//! `zonewright diff`, `merge` and `git-setup`: the semantic diff of two project files, the
//! three-way merge git runs as a merge driver, and the repository configuration that makes
//! `git diff` and `git merge` use them.

use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::cli::{CheckFormat, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, load_project};
use crate::file;
use crate::model::Project;
use crate::model::conflict::element_words;
use crate::model::text::visible;
use crate::revision::{ChangeKind, Diff, diff, merge};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older project file (.ron), or `sample:NAME`.
    pub old: String,
    /// The newer project file.
    pub new: String,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O); an empty file stands for an empty project.
    pub base: PathBuf,
    /// Our version (git's %A): the merged project is written here, atomically.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder inside the git repository (by default the current one).
    #[arg(default_value = ".")]
    pub repository: PathBuf,
}

#[derive(Debug, Args)]
pub struct GitDiffArgs {
    /// What git passes to an external diff: path, old file, old hash, old mode, new file,
    /// new hash, new mode (and more for renames).
    pub args: Vec<String>,
}

/// A project file, or the empty project for an empty file or git's `/dev/null`.
fn load_or_empty(arg: &str) -> Result<Project, String> {
    if arg == "/dev/null" || arg == "nul" || std::fs::metadata(arg).is_ok_and(|m| m.len() == 0) {
        return Ok(Project::default());
    }
    load_project(arg)
}

pub fn run_diff(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (old, new) = match (load_project(&args.old), load_project(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(err, "error: {}", visible(&e));
            return EXIT_UNREADABLE;
        }
    };
    let d = semantic_diff(&old, &new);
    let written = match args.format {
        CheckFormat::Text => write_text(out, &args.old, &args.new, &old, &new, &d),
        CheckFormat::Json => serde_json::to_writer_pretty(&mut *out, &d)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
    };
    match written {
        Ok(()) if d.is_empty() => EXIT_OK,
        Ok(()) => EXIT_FINDINGS,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the output: {e}");
            EXIT_UNREADABLE
        }
    }
}

/// The diff of two projects with the assessment of each.
pub fn semantic_diff(old: &Project, new: &Project) -> Diff {
    let catalog = Catalog::embedded();
    diff(old, &assess(old, catalog), new, &assess(new, catalog))
}

/// The diff as text, one element per paragraph.
pub fn write_text(
    out: &mut dyn Write,
    old_name: &str,
    new_name: &str,
    old: &Project,
    new: &Project,
    d: &Diff,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Changes from {} to {}",
        visible(old_name),
        visible(new_name)
    )?;
    if d.is_empty() {
        return writeln!(out, "No differences.");
    }
    for c in &d.changes {
        let label = c.label();
        match c.change {
            ChangeKind::Added | ChangeKind::Removed => {
                writeln!(out, "{} {}", visible(&label), c.change.label())?;
            }
            ChangeKind::Changed => {
                writeln!(out, "{} changed:", visible(&label))?;
                for f in &c.fields {
                    writeln!(
                        out,
                        "  {}: {} → {}",
                        visible(&f.field),
                        visible(&f.old),
                        visible(&f.new)
                    )?;
                }
            }
        }
    }
    if d.layout_only > 0 {
        writeln!(
            out,
            "Layout only: {} moved or resized.",
            crate::count_of(d.layout_only, "zone", "zones")
        )?;
    }
    for (title, list, project) in [
        ("Findings that appeared", &d.findings_appeared, new),
        ("Findings resolved", &d.findings_resolved, old),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "{title} ({}):", list.len())?;
        for f in list {
            writeln!(
                out,
                "  {} {} on {}: {}",
                f.severity,
                f.code,
                visible(&element_words(project, f.element)),
                visible(&f.message)
            )?;
        }
    }
    Ok(())
}

pub fn run_merge(args: &MergeArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let read = |p: &Path| load_or_empty(&p.to_string_lossy());
    let (base, ours, theirs) = match (read(&args.base), read(&args.ours), read(&args.theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            let _ = writeln!(
                err,
                "error: cannot merge, {}; {} is left as it was",
                visible(&e),
                visible(&args.ours.display().to_string())
            );
            return EXIT_UNREADABLE;
        }
    };
    let outcome = match merge(&base, &ours, &theirs) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot merge: {}; {} is left as it was",
                visible(&e),
                visible(&args.ours.display().to_string())
            );
            return EXIT_UNREADABLE;
        }
    };
    let text = match file::to_string(&outcome.project) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the merged project: {e}");
            return EXIT_UNREADABLE;
        }
    };
    if let Err(e) = file::replace_atomic(&args.ours, text.as_bytes()) {
        let _ = writeln!(err, "error: {}", visible(&e.to_string()));
        return EXIT_UNREADABLE;
    }
    let p = &outcome.project;
    let written = (|| -> std::io::Result<()> {
        if outcome.renumbered > 0 {
            writeln!(
                out,
                "zonewright merge: {} added on both branches under the same id; theirs got new ids",
                crate::count_of(outcome.renumbered, "element was", "elements were")
            )?;
        }
        let new = &p.conflicts[p.conflicts.len() - outcome.new_conflicts..];
        for c in new {
            writeln!(
                err,
                "zonewright merge: conflict on {}, {}: ours {}, theirs {} (ours kept)",
                visible(&element_words(p, c.element)),
                visible(&c.field_label()),
                visible(&c.side_words(c.ours.as_deref())),
                visible(&c.side_words(c.theirs.as_deref()))
            )?;
        }
        Ok(())
    })();
    if written.is_err() {
        return EXIT_UNREADABLE;
    }
    if p.conflicts.is_empty() {
        EXIT_OK
    } else {
        let _ = writeln!(
            err,
            "zonewright merge: {} left in the file; resolve them in the designer (Conflicts tab)",
            crate::count_of(p.conflicts.len(), "conflict", "conflicts")
        );
        EXIT_FINDINGS
    }
}

/// `git diff` through `diff.zonewright.command`: the semantic diff of git's two files. Always
/// exits 0 (git stops at an external diff that fails); a file that cannot be read is said so.
pub fn run_git_diff(args: &GitDiffArgs, out: &mut dyn Write) -> i32 {
    let [path, old, _, _, new, ..] = args.args.as_slice() else {
        let _ = writeln!(out, "zonewright: git passed no files to compare");
        return EXIT_OK;
    };
    let _ = writeln!(out, "zonewright diff {}", visible(path));
    let (o, n) = match (load_or_empty(old), load_or_empty(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(out, "cannot compare: {}", visible(&e));
            return EXIT_OK;
        }
    };
    let d = semantic_diff(&o, &n);
    let _ = write_text(out, "the older version", "the newer version", &o, &n, &d);
    EXIT_OK
}

/// The line `.gitattributes` needs.
pub const ATTRIBUTES_LINE: &str = "*.ron diff=zonewright merge=zonewright";

pub fn run_git_setup(args: &GitSetupArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match git_setup(&args.repository) {
        Ok(lines) => {
            for l in lines {
                let _ = writeln!(out, "{}", visible(&l));
            }
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {}", visible(&e));
            EXIT_UNREADABLE
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git ({e}); is git installed and on the PATH?"))?;
    if !output.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// A word for a POSIX shell (git runs drivers through one, also on Windows).
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn git_setup(dir: &Path) -> Result<Vec<String>, String> {
    let root = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find this program's own path: {e}"))?;
    let exe = shell_quote(&exe.to_string_lossy().replace('\\', "/"));
    let attributes = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", attributes.display())),
    };
    let mut lines = Vec::new();
    if existing.lines().any(|l| l.trim() == ATTRIBUTES_LINE) {
        lines.push(format!(
            "{} already has: {ATTRIBUTES_LINE}",
            attributes.display()
        ));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        std::fs::write(&attributes, text)
            .map_err(|e| format!("cannot write {}: {e}", attributes.display()))?;
        lines.push(format!("{}: added {ATTRIBUTES_LINE}", attributes.display()));
    }
    let settings = [
        ("diff.zonewright.command", format!("{exe} __git-diff")),
        (
            "merge.zonewright.name",
            "zonewright three-way merge by element id".to_owned(),
        ),
        ("merge.zonewright.driver", format!("{exe} merge %O %A %B")),
    ];
    for (key, value) in settings {
        git(&root, &["config", "--local", key, &value])?;
        lines.push(format!("git config {key} {value}"));
    }
    Ok(lines)
}
