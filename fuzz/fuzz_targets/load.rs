//! Fuzz target: arbitrary bytes as a project file (see `tests/it/fuzz_body/mod.rs`).
#![no_main]

#[path = "../../tests/it/fuzz_body/mod.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::load(data));
