//! `zonewright generate` through the real binary, then `zonewright check` on what it wrote.

use std::path::Path;
use std::process::{Command, Output};

fn zonewright(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run zonewright: {e}"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 temp path {p:?}"))
}

#[test]
fn generate_then_check_the_budget_plant() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = dir.path().join("big.ron");
    let out = zonewright(&[
        "generate",
        "--zones",
        "150",
        "--assets",
        "3000",
        "--conduits",
        "400",
        "-o",
        path_str(&file),
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("150 zones, 3000 assets, 400 conduits"),
        "{}",
        text(&out.stdout)
    );
    let check = zonewright(&["check", path_str(&file)]);
    let stdout = text(&check.stdout);
    // 0 or 1 (the plant has findings on purpose), never 2 (unreadable)
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "status {:?}, stderr: {}",
        check.status.code(),
        text(&check.stderr)
    );
    assert!(
        stdout.contains("150 zones, 400 conduits, 3000 assets"),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
    assert!(stdout.contains("Findings:"));
}

#[test]
fn the_same_seed_writes_the_same_file_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, seed: &str| {
        let file = dir.path().join(name);
        let out = zonewright(&[
            "generate",
            "--zones",
            "12",
            "--assets",
            "90",
            "--conduits",
            "16",
            "--seed",
            seed,
            "--output",
            path_str(&file),
        ]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
        std::fs::read(&file).unwrap_or_else(|e| panic!("read {file:?}: {e}"))
    };
    let a = write("a.ron", "7");
    let b = write("b.ron", "7");
    let c = write("c.ron", "8");
    assert_eq!(a, b);
    assert_ne!(a, c);
    let check = zonewright(&["check", path_str(&dir.path().join("a.ron"))]);
    assert!(matches!(check.status.code(), Some(0 | 1)));
}

#[test]
fn absurd_parameters_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = dir.path().join("no.ron");
    for (args, needle) in [
        (["60000", "50000", "10"], "at most 100000"),
        (["1", "10", "3"], "at least 2 zones"),
        (["0", "10", "0"], "at least one zone"),
    ] {
        let out = zonewright(&[
            "generate",
            "--zones",
            args[0],
            "--assets",
            args[1],
            "--conduits",
            args[2],
            "-o",
            path_str(&file),
        ]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    // an unwritable destination is reported, not a panic
    let out = zonewright(&[
        "generate",
        "--zones",
        "3",
        "--assets",
        "3",
        "--conduits",
        "2",
        "-o",
        path_str(&dir.path().join("missing-folder").join("x.ron")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot save"),
        "{}",
        text(&out.stderr)
    );
}
