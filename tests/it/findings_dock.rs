//! The Findings dock lists errors first, then warnings, then notes (the water sample's one
//! error came after five warnings in `assess`'s order), and builds only the rows in view.

use egui_kittest::kittest::Queryable;

use crate::common;

#[test]
fn the_findings_dock_lists_errors_first_and_only_the_rows_in_view() {
    let mut h = common::with_sample("water");
    h.run();
    let top = |label: &str| {
        h.query_all_by_label(label)
            .map(|n| n.rect().top())
            .fold(f32::INFINITY, f32::min)
    };
    let (error, warning, info) = (top("ERROR"), top("WARNING"), top("INFO"));
    assert!(error.is_finite(), "the error is listed");
    assert!(
        error < warning && warning < info,
        "{error} {warning} {info}"
    );
    let total = h
        .state()
        .doc
        .as_ref()
        .expect("open")
        .assessment
        .findings
        .len();
    let rows = h.query_all_by_label("INFO").count()
        + h.query_all_by_label("WARNING").count()
        + h.query_all_by_label("ERROR").count();
    assert!(rows < total, "{rows} of {total} findings built");
}
