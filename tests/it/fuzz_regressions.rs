//! Replays, without the fuzzer, every input that made a fuzz target fail
//! (`tests/fuzz-regressions/<target>/`), plus the bad-file corpus and the samples through the
//! same checks as the fuzz targets.

use crate::fuzz_body;

use std::path::{Path, PathBuf};

fn inputs(dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    // `.gitkeep` holds an empty folder in git
    files.retain(|p| p.is_file() && p.file_name().is_none_or(|n| n != ".gitkeep"));
    files.sort();
    files
        .into_iter()
        .map(|p| match std::fs::read(&p) {
            Ok(bytes) => (p, bytes),
            Err(e) => panic!("{}: {e}", p.display()),
        })
        .collect()
}

#[test]
fn loader_finds_stay_fixed() {
    for (path, bytes) in inputs("tests/fuzz-regressions/load") {
        eprintln!("{}", path.display());
        fuzz_body::load(&bytes);
    }
}

#[test]
fn assess_report_finds_stay_fixed() {
    for (path, bytes) in inputs("tests/fuzz-regressions/assess_report") {
        eprintln!("{}", path.display());
        fuzz_body::assess_report(&bytes);
    }
}

#[test]
fn bad_file_corpus_passes_the_loader_checks() {
    for (path, bytes) in inputs("tests/corpus") {
        eprintln!("{}", path.display());
        fuzz_body::load(&bytes);
    }
}

#[test]
fn samples_pass_the_report_checks() {
    for (name, text) in zonewright::samples::SAMPLES
        .iter()
        .map(|s| (s.name, s.text))
    {
        eprintln!("{name}");
        let bytes = text.as_bytes();
        assert!(
            fuzz_body::project_from(bytes).is_some(),
            "{name} loads as a project"
        );
        fuzz_body::assess_report(bytes);
    }
}

#[test]
fn edited_generated_plants_are_mostly_valid() {
    // the byte-driven generator must actually produce projects, or the fuzz target tests
    // nothing: 64 fixed inputs, each a header and 32 edits
    let mut valid = 0;
    for seed in 0u32..64 {
        let mut bytes = vec![seed as u8, (seed * 7) as u8, (seed * 13) as u8];
        bytes.extend(seed.to_le_bytes());
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        for _ in 0..128 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes.push(x as u8);
        }
        if fuzz_body::project_from(&bytes).is_some() {
            valid += 1;
            fuzz_body::assess_report(&bytes);
        }
    }
    assert!(valid >= 32, "only {valid} of 64 edited plants were valid");
}
