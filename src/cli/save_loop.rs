//! `zonewright __save-loop FILE COUNT`: a hidden subcommand used only by the kill -9 test
//! (`tests/it/kill_save.rs`). It saves versions of a large generated plant in a loop and prints
//! each step of each save on stdout before doing it; with `--pause` it then waits for a line
//! on stdin, so that the test can kill it at a chosen step (in the middle of the main write,
//! or of the backup copy).

use crate::file::{self, Hook, Step};
use crate::generate::{GenerateParams, generate};
use crate::model::Project;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct SaveLoopArgs {
    /// The project file to save again and again.
    pub file: PathBuf,
    /// How many saves.
    pub count: usize,
    /// The version number of the first save; save `i` writes [`version`]`(first + i)`.
    #[arg(long, default_value_t = 0)]
    pub first: usize,
    /// Wait for a line on stdin before each step.
    #[arg(long)]
    pub pause: bool,
}

/// Version `n` of the plant the loop saves: a generated plant of about 2 MB of text, titled
/// "version N". The same `n` always gives the same project.
pub fn version(n: usize) -> Project {
    static BASE: std::sync::OnceLock<Project> = std::sync::OnceLock::new();
    let mut p = BASE
        .get_or_init(|| {
            generate(&GenerateParams {
                zones: 300,
                assets: 6_000,
                conduits: 400,
                seed: 62443,
            })
        })
        .clone();
    p.meta.title = format!("version {n}");
    p
}

/// Prints every step, and waits for a line on stdin before going on if asked to.
struct Report<'a> {
    out: &'a mut dyn Write,
    save: usize,
    pause: bool,
}

impl Hook for Report<'_> {
    fn before(&mut self, step: Step) -> io::Result<()> {
        writeln!(self.out, "{} {step:?}", self.save)?;
        self.out.flush()?;
        if self.pause {
            let mut line = String::new();
            io::stdin().lock().read_line(&mut line)?;
        }
        Ok(())
    }
}

/// Runs the loop; the exit status.
pub fn run(args: &SaveLoopArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    for i in 0..args.count {
        let n = args.first + i;
        let text = match file::to_string(&version(n)) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                return super::EXIT_UNREADABLE;
            }
        };
        let mut report = Report {
            out: &mut *out,
            save: n,
            pause: args.pause,
        };
        if let Err(e) = file::write_atomic_hooked(&args.file, text.as_bytes(), true, &mut report) {
            let _ = writeln!(err, "error: {e}");
            return super::EXIT_UNREADABLE;
        }
        let _ = writeln!(out, "{n} saved");
    }
    super::EXIT_OK
}
