//! Fuzz target: arbitrary bytes as a project file (see `tests/fuzz_body/mod.rs`).
#![no_main]

#[path = "../../tests/fuzz_body/mod.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::load(data));
