//! kill -9 at random moments: a child process (`zonewright __save-loop`) saves versions of a
//! large plant (about 3 MB of text) in a loop and is killed with SIGKILL, 20 times: most
//! times paused at a chosen step (in the middle of writing the new version, in the middle of
//! copying the backup, before each flush and rename), the other times after a pseudo-random
//! delay. After each kill the file loads and is one of the written versions, complete; the
//! backup is complete and holds the version before (or, killed between the two renames, the
//! same version); the next save leaves no temporary file. Unix only.
#![cfg(unix)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use zonewright::cli::save_loop::version;
use zonewright::file::{backup_path, load, save, to_string};

const KILLS: usize = 20;
/// Saves per child run.
const SAVES: usize = 3;
/// The chunk size of the writer (`file::write::CHUNK`).
const CHUNK: usize = 64 * 1024;

/// A small deterministic pseudo-random generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The expected bytes of each version, made once.
struct Versions(HashMap<usize, Vec<u8>>);

impl Versions {
    fn text(&mut self, n: usize) -> &[u8] {
        self.0
            .entry(n)
            .or_insert_with(|| to_string(&version(n)).expect("serialise").into_bytes())
    }

    /// Which version the file at `path` holds, checking that it loads and is complete.
    fn of(&mut self, path: &Path, what: &str) -> usize {
        let project = load(path).unwrap_or_else(|e| panic!("{what} does not load: {e}"));
        let n: usize = project
            .meta
            .title
            .strip_prefix("version ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{what} has the title {:?}", project.meta.title));
        let bytes = std::fs::read(path).expect("read");
        assert!(
            bytes == self.text(n),
            "{what} is not exactly version {n} as written"
        );
        n
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

fn spawn(path: &Path, first: usize, pause: bool) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zonewright"));
    cmd.arg("__save-loop")
        .arg(path)
        .arg(SAVES.to_string())
        .args(["--first", &first.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if pause {
        cmd.arg("--pause");
    }
    cmd.spawn().expect("start the save loop")
}

/// Lets a paused child go on step by step until it is about to do `target` in save `save`
/// (the `nth` time it reports a step of that kind), then kills it. Whether it was killed.
fn kill_at(child: &mut Child, save: usize, kind: &str, nth: usize) -> bool {
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut seen = 0;
    for line in stdout.lines() {
        let Ok(line) = line else { break };
        let Some((n, step)) = line.split_once(' ') else {
            continue;
        };
        if n.parse() == Ok(save) && step.starts_with(kind) {
            if seen == nth {
                child.kill().expect("kill");
                return true;
            }
            seen += 1;
        }
        if stdin.write_all(b"\n").and_then(|()| stdin.flush()).is_err() {
            break;
        }
    }
    false
}

#[test]
fn kill_9_at_any_moment_leaves_file_and_backup_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plant.ron");
    let mut versions = Versions(HashMap::new());
    let chunks = versions.text(0).len().div_ceil(CHUNK);
    assert!(chunks > 8, "the plant spans many chunks: {chunks}");

    // the file and its backup exist before the first kill
    save(&version(0), &path).expect("save");
    save(&version(1), &path).expect("save");
    let (mut main, mut bak) = (1, 0);
    let mut next = 2;
    let mut rng = Rng(0x6244_3622_4436_2443);
    let kinds = [
        "WriteTemp",
        "CopyBackup",
        "SyncTemp",
        "SyncBackup",
        "RenameBackup",
        "RenameTemp",
    ];
    let (mut killed, mut left_temp_files) = (0, 0);

    for round in 0..KILLS {
        let first = next;
        next += SAVES;
        let paused = round < 14;
        let mut child = spawn(&path, first, paused);
        let was_killed = if paused {
            let kind = kinds[round % kinds.len()];
            let save = first + rng.below(SAVES as u64) as usize;
            let nth = match kind {
                "WriteTemp" | "CopyBackup" => rng.below(chunks as u64) as usize,
                _ => 0,
            };
            kill_at(&mut child, save, kind, nth)
        } else {
            // wait for the first step, then kill after 0–40 ms
            let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            std::thread::sleep(std::time::Duration::from_millis(rng.below(40)));
            let _ = child.kill();
            true
        };
        let status = child.wait().expect("wait");
        if was_killed && !status.success() {
            killed += 1;
        }
        assert!(
            !paused || was_killed,
            "round {round}: a paused child reached its target step"
        );

        let m = versions.of(&path, &format!("round {round}: the file"));
        let b = versions.of(&backup_path(&path), &format!("round {round}: the backup"));
        if m == main {
            // no save completed: the backup is what it was, or (killed between the two
            // renames) the same version as the file
            assert!(b == bak || b == m, "round {round}: file {m}, backup {b}");
        } else {
            assert!(
                (first..first + SAVES).contains(&m),
                "round {round}: file {m}"
            );
            let before = if m == first { main } else { m - 1 };
            assert!(
                b == before || b == m,
                "round {round}: file {m}, backup {b}, expected {before}"
            );
        }
        left_temp_files += usize::from(!temp_files(dir.path()).is_empty());

        // the next save removes what the killed one left and backs up the current version
        save(&version(next), &path).expect("save after the kill");
        assert_eq!(
            temp_files(dir.path()),
            Vec::<String>::new(),
            "round {round}"
        );
        assert_eq!(versions.of(&backup_path(&path), "the backup"), m);
        (main, bak) = (next, m);
        next += 1;
    }
    assert!(
        killed >= KILLS - 2,
        "only {killed} of {KILLS} children were killed"
    );
    assert!(
        left_temp_files >= 4,
        "kills in the middle of a save leave temporary files ({left_temp_files} did)"
    );
}
