//! Fuzz target: arbitrary valid projects through `assess` and the PDF layout (see
//! `tests/it/fuzz_body/mod.rs`).
#![no_main]

#[path = "../../tests/it/fuzz_body/mod.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::assess_report(data));
