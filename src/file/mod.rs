//! Project files: RON with a format marker and version, validation of what was read, atomic
//! save with a backup of the previous version.

use crate::model::{AssetId, ConduitId, MAX_SL, Project, SlVector, ZoneId};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) mod cli_write;
pub mod disk;
/// The limits of a project file and the serde helpers that enforce them (in the model, which
/// they read; the file format names them here too).
pub use crate::model::limits;
pub mod lock;
mod migrate;
pub mod recovery;
mod write;

pub(crate) use write::{Hook, Step, write_atomic_hooked};
pub use write::{SerializeError, backup_path, save, to_string};
pub(crate) use write::{replace_atomic, write_atomic};

pub use limits::{
    MAX_ELEMENTS, MAX_FILE_BYTES, MAX_SCENARIO_ASSETS, MAX_SCENARIOS, MAX_TEXT_BYTES,
};

/// The value of the `format` field of every project file.
pub const FORMAT: &str = "zonewright";
/// The newest format version this program reads and the one it writes. Version 2 added the
/// risk assessment, the approval and asset tags and serial numbers; version 3 the asset network
/// fields (hostname, IPs, MAC, VLAN, Purdue level …) and the import settings, which version 2
/// would refuse as unknown fields; version 4 the risk after the existing countermeasures, the
/// due date and status of additional countermeasures and the approval's assessment digest (an
/// approval now also covers the document date, so a version-3 program would judge it
/// wrongly); version 5 the records an audit asks for (the method document and the threat
/// sources of the project, who assessed each zone and conduit and when, a scenario's likelihood
/// rationale, picked threat source and the acceptance of its residual risk) and the structured
/// data flows (source and destination, transport, ports, protocol, enforcing device,
/// justification), whose older free text is read by [`migrate`]; version 6 the conflicts a
/// three-way merge leaves in the file (`zonewright merge`) and the observed traffic summary
/// (`Project::traffic`), which version 5 would refuse as unknown fields. Older files load as
/// they are (the new fields are empty).
pub const VERSION: u32 = 6;
/// Largest coordinate or size accepted, in scene units.
pub const MAX_COORD: f32 = 1.0e6;

/// Only the marker and version, read first so that a newer file is refused with a clear message
/// rather than a parse error about fields this version does not know.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: String,
    /// 0 when the field is missing (version 0 was never written).
    #[serde(default)]
    version: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    version: u32,
    project: Project,
}

/// Why a project could not be read. Every variant names what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Io {
        message: String,
    },
    TooLarge {
        bytes: u64,
    },
    NotText,
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotAProject,
    NewerVersion {
        found: u32,
    },
    Invalid {
        problems: Vec<String>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { message } => write!(f, "cannot read the file: {message}"),
            LoadError::TooLarge { bytes } if *bytes == MAX_FILE_BYTES + 1 => write!(
                f,
                "the file is larger than {} MB (reading stopped there); project files larger than that are refused",
                MAX_FILE_BYTES / 1_048_576
            ),
            LoadError::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB; project files larger than {} MB are refused",
                *bytes as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            LoadError::NotText => write!(
                f,
                "the file is not UTF-8 text, so it is not a zonewright project"
            ),
            LoadError::Syntax {
                line,
                column,
                message,
            } => {
                write!(f, "line {line}, column {column}: {message}")
            }
            LoadError::NotAProject => write!(
                f,
                "this is not a zonewright project (it has no `format: \"{FORMAT}\"` marker)"
            ),
            LoadError::NewerVersion { found } => write!(
                f,
                "the file has format version {found}, made by a newer zonewright; this version reads up to version {VERSION}. Update zonewright to open it"
            ),
            LoadError::Invalid { problems } => {
                write!(f, "the project is inconsistent: {}", problems.join("; "))
            }
        }
    }
}

/// A load error together with the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub error: LoadError,
}

/// Why a project could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {message}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
}

/// Longest parser message shown; serde messages can quote whole values from the file.
const MAX_MESSAGE_CHARS: usize = 300;
/// Most problems listed for an inconsistent project; the rest are counted.
pub const MAX_PROBLEMS_SHOWN: usize = 10;

/// A RON error as a message for people: the parser's position, its message on one line (never
/// longer than [`MAX_MESSAGE_CHARS`]), and plain words for the cases the parser words for
/// programmers.
fn syntax_error(e: &ron::error::SpannedError, text: &str) -> LoadError {
    use ron::error::Error as E;
    let (line, column) = (e.span.start.line, e.span.start.col);
    let message = match &e.code {
        E::ExceededRecursionLimit => format!(
            "brackets are nested more than {MAX_NESTING} deep; a zonewright project never is"
        ),
        E::ExpectedNamedStructLike("Header") => {
            "a zonewright project starts with `(format: \"zonewright\", …`; this file does not, so it is not a zonewright project".to_owned()
        }
        code => one_line(&code.to_string(), MAX_MESSAGE_CHARS),
    };
    let at_end = text[text
        .len()
        .min(offset_of(text, e.span.end.line, e.span.end.col))..]
        .trim()
        .is_empty();
    let runs_out = matches!(
        e.code,
        E::Eof | E::ExpectedStringEnd | E::UnclosedBlockComment
    );
    let message = if (at_end || runs_out) && !matches!(e.code, E::ExceededRecursionLimit) {
        format!("{message} (the file ends before this is complete: is it truncated?)")
    } else {
        message
    };
    LoadError::Syntax {
        line,
        column,
        message,
    }
}

/// The byte offset of a 1-based line and column (columns count characters).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

/// Deepest nesting of brackets accepted. A real project nests about eight levels deep; the
/// limit keeps hostile input such as 10,000 `[` from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// The RON reader settings for every file this program reads.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

/// Parses project text. Never panics, whatever the input.
pub fn from_str(text: &str) -> Result<Project, LoadError> {
    // one byte order mark, as some Windows editors write, is not part of the text
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            message: "the file is empty".to_owned(),
        });
    }
    // A current, well-formed file is parsed once. Anything else is parsed again for its header
    // alone, so that an older, newer or foreign file gets the same message as ever.
    let full = match limits::reading(|| ron_options().from_str::<FileIn>(text)) {
        Ok(mut file) if file.format == FORMAT && (1..=VERSION).contains(&file.version) => {
            migrate::migrate(&mut file.project, file.version);
            validate(&file.project)?;
            return Ok(file.project);
        }
        other => other,
    };
    let header: Header = ron_options()
        .from_str(text)
        .map_err(|e| syntax_error(&e, text))?;
    if header.format != FORMAT {
        return Err(LoadError::NotAProject);
    }
    match header.version {
        v if v > VERSION => return Err(LoadError::NewerVersion { found: v }),
        1.. => {}
        0 => {
            return Err(LoadError::Syntax {
                line: 1,
                column: 1,
                message: "the file has no `version` field".to_owned(),
            });
        }
    }
    // the header is fine, so the full parse failed: its error is the message
    let mut file = full.map_err(|e| syntax_error(&e, text))?;
    migrate::migrate(&mut file.project, file.version);
    validate(&file.project)?;
    Ok(file.project)
}

/// Parses raw bytes (checks size and encoding first).
pub fn from_bytes(bytes: &[u8]) -> Result<Project, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LoadError::NotText)?;
    from_str(text)
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Project, FileError> {
    let err = |error| FileError {
        path: path.to_owned(),
        error,
    };
    let bytes = read_file(path).map_err(err)?;
    from_bytes(&bytes).map_err(err)
}

/// Checks what the type system cannot: references, uniqueness, ranges.
pub fn validate(p: &Project) -> Result<(), LoadError> {
    let mut problems = Vec::new();
    let elements = p.zones.len() + p.conduits.len() + p.asset_count();
    if elements > MAX_ELEMENTS {
        problems.push(format!(
            "{elements} zones, conduits and assets; at most {MAX_ELEMENTS} are accepted"
        ));
        return Err(LoadError::Invalid { problems });
    }
    let mut zone_ids: HashSet<ZoneId> = HashSet::new();
    for z in &p.zones {
        if !zone_ids.insert(z.id) {
            problems.push(format!(
                "zone id {} is used twice (zone \"{}\")",
                z.id.0,
                short(&z.name)
            ));
        }
        let r = z.rect;
        if !r.is_finite() {
            problems.push(format!(
                "zone \"{}\" has a position or size that is not a finite number",
                short(&z.name)
            ));
        } else if r.w <= 0.0 || r.h <= 0.0 || r.w > MAX_COORD || r.h > MAX_COORD {
            problems.push(format!(
                "zone \"{}\" has a size of {} × {}; sizes must be between 0 and {MAX_COORD}",
                short(&z.name),
                r.w,
                r.h
            ));
        } else if r.x.abs() > MAX_COORD || r.y.abs() > MAX_COORD {
            problems.push(format!(
                "zone \"{}\" lies outside the drawing area (±{MAX_COORD})",
                short(&z.name)
            ));
        }
        check_sl(
            &mut problems,
            &format!("zone \"{}\" SL-T", short(&z.name)),
            z.sl_t.as_ref(),
        );
        check_sl(
            &mut problems,
            &format!("zone \"{}\" compensation", short(&z.name)),
            z.compensation.as_ref().map(|c| &c.sl),
        );
    }
    let mut conduit_ids: HashSet<ConduitId> = HashSet::new();
    for c in &p.conduits {
        if !conduit_ids.insert(c.id) {
            problems.push(format!(
                "conduit id {} is used twice (conduit \"{}\")",
                c.id.0,
                short(&c.name)
            ));
        }
        for (end, id) in [("from", c.from), ("to", c.to)] {
            if !zone_ids.contains(&id) {
                problems.push(format!(
                    "conduit \"{}\" leads {end} zone id {}, which does not exist",
                    short(&c.name),
                    id.0
                ));
            }
        }
        if c.from == c.to {
            problems.push(format!(
                "conduit \"{}\" connects a zone to itself",
                short(&c.name)
            ));
        }
        check_sl(
            &mut problems,
            &format!("conduit \"{}\" SL-T", short(&c.name)),
            c.sl_t_override.as_ref(),
        );
        check_sl(
            &mut problems,
            &format!("conduit \"{}\" compensation", short(&c.name)),
            c.compensation.as_ref().map(|c| &c.sl),
        );
    }
    let mut asset_ids: HashSet<AssetId> = HashSet::new();
    for (a, _) in p.all_assets() {
        if !asset_ids.insert(a.id) {
            problems.push(format!(
                "asset id {} is used twice (asset \"{}\"): an asset belongs to exactly one zone or conduit",
                a.id.0,
                short(&a.name)
            ));
        }
        check_sl(
            &mut problems,
            &format!("asset \"{}\" SL-C override", short(&a.name)),
            a.sl_c_override.as_ref().map(|o| &o.sl),
        );
    }
    problems.extend(p.risk.matrix.problems());
    check_risk(p, &mut problems);
    limits::project_problems(p, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        if problems.len() > MAX_PROBLEMS_SHOWN {
            let more = problems.len() - MAX_PROBLEMS_SHOWN;
            problems.truncate(MAX_PROBLEMS_SHOWN);
            problems.push(format!("and {more} more problems"));
        }
        Err(LoadError::Invalid { problems })
    }
}

/// Ranks in scenarios within the matrix's scales, bounded counts. An affected asset that no
/// longer exists is not an error: deleting an asset leaves the scenario's other content
/// intact, and views show only the assets that exist.
fn check_risk(p: &Project, problems: &mut Vec<String>) {
    let m = &p.risk.matrix;
    let mut scenarios = |owner: &str, list: &[crate::model::ThreatScenario]| {
        if list.len() > MAX_SCENARIOS {
            problems.push(format!(
                "{owner} has {} threat scenarios; at most {MAX_SCENARIOS} are accepted",
                list.len()
            ));
            return;
        }
        for (n, s) in list.iter().enumerate() {
            let what = format!(
                "threat scenario {} (\"{}\") of {owner}",
                n + 1,
                short(&s.title)
            );
            for (field, rank, steps) in [
                ("likelihood", s.likelihood, m.likelihood.len()),
                (
                    "residual likelihood",
                    s.residual_likelihood,
                    m.likelihood.len(),
                ),
            ] {
                if usize::from(rank) > steps {
                    problems.push(format!(
                        "{what} has {field} {rank}; the scale has {steps} steps"
                    ));
                }
            }
            for (field, ranks) in [
                ("consequence", &s.consequence),
                ("residual consequence", &s.residual_consequence),
            ] {
                if ranks.len() > m.categories.len() {
                    problems.push(format!(
                        "{what} rates its {field} in {} categories; the matrix has {}",
                        ranks.len(),
                        m.categories.len()
                    ));
                }
                if let Some(r) = ranks
                    .iter()
                    .find(|&&r| usize::from(r) > m.consequence.len())
                {
                    problems.push(format!(
                        "{what} has {field} {r}; the scale has {} steps",
                        m.consequence.len()
                    ));
                }
            }
            if s.affected_assets.len() > MAX_SCENARIO_ASSETS {
                problems.push(format!(
                    "{what} names {} affected assets; at most {MAX_SCENARIO_ASSETS} are accepted",
                    s.affected_assets.len()
                ));
            }
        }
    };
    scenarios("the initial risk assessment", &p.risk.initial);
    for z in &p.zones {
        scenarios(&format!("zone \"{}\"", short(&z.name)), &z.risk.scenarios);
    }
    for c in &p.conduits {
        scenarios(
            &format!("conduit \"{}\"", short(&c.name)),
            &c.risk.scenarios,
        );
    }
    check_threat_sources(p, problems);
}

/// Threat source ids are what scenarios name: each one once, never 0 (0 means "none picked").
/// A scenario naming an id that is not listed is a finding, not an error (as an affected asset).
fn check_threat_sources(p: &Project, problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for t in &p.risk.threat_sources {
        if t.id == 0 {
            problems.push(format!(
                "threat source \"{}\" has id 0; ids start at 1",
                short(&t.source)
            ));
        } else if !seen.insert(t.id) {
            problems.push(format!(
                "threat source id {} is used twice (threat source \"{}\")",
                t.id,
                short(&t.source)
            ));
        }
    }
}

fn check_sl(problems: &mut Vec<String>, what: &str, sl: Option<&SlVector>) {
    if let Some(sl) = sl
        && !sl.is_valid()
    {
        problems.push(format!("{what} {sl} has a level above {MAX_SL}"));
    }
}

use crate::model::text::one_line;
pub(crate) use crate::model::text::short;

/// Reads a project file: only a regular file (or a symlink to one), and never more than
/// [`MAX_FILE_BYTES`] + 1 bytes, whatever size the file system reports (`/proc` files say 0).
/// A FIFO, device or socket is refused before it is opened, so it never blocks.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(LoadError::Io {
            message: format!("it is {what}, not a project file; only regular files are read"),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // the path may have been replaced between the two looks: check what was opened
    let opened = file.metadata().map_err(io)?;
    if let Some(what) = not_a_file(&opened.file_type()) {
        return Err(LoadError::Io {
            message: format!("it is {what}, not a project file; only regular files are read"),
        });
    }
    read_bounded(file, opened.len())
}

/// At most [`MAX_FILE_BYTES`] bytes from `source`; more is [`LoadError::TooLarge`].
pub(crate) fn read_bounded(
    source: impl std::io::Read,
    reported_len: u64,
) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(reported_len.min(MAX_FILE_BYTES) as usize);
    source
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io {
            message: e.to_string(),
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// What a file system entry is, in words, when it is not a regular file.
pub(crate) fn not_a_file(t: &std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
