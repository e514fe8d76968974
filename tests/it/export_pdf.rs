//! The PDF fixes of issue 15, read back: subset-tagged font names, "Compensated" never broken
//! mid-word, the ZCR 6.4 letters h (data flows) and n (assumptions and external dependencies,
//! once), no table page of only its last few rows, and the compact option.

use crate::pdf_text;

use pdf_text::{NONE, pdf_text};
use std::path::Path;
use zonewright::catalog::Catalog;
use zonewright::model::{Project, RequirementAssessment, Status};
use zonewright::report::fonts::Fonts;
use zonewright::report::layout::{Cell, Flow, Furniture, Item, col};
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf, layout_pages};

fn sample(name: &str) -> Project {
    zonewright::file::load(Path::new(&format!("samples/{name}.ron"))).expect("sample loads")
}

fn options(sections: Sections, compact: bool) -> ExportOptions {
    ExportOptions {
        paper: Paper::A4,
        sections,
        compact,
    }
}

#[test]
fn font_names_carry_a_six_letter_subset_tag() {
    let bytes = export_pdf(
        &sample("refinery"),
        Catalog::embedded(),
        &ExportOptions::default(),
    )
    .expect("export");
    let doc = lopdf::Document::load_mem(&bytes).expect("readable");
    let mut names = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        for key in [b"BaseFont".as_ref(), b"FontName".as_ref()] {
            if let Ok(name) = dict.get(key).and_then(|n| n.as_name()) {
                names.push(String::from_utf8_lossy(name).into_owned());
            }
        }
    }
    assert!(names.len() >= 4, "fonts and descriptors: {names:?}");
    for name in &names {
        let (tag, rest) = name.split_at(7.min(name.len()));
        assert!(
            tag.len() == 7
                && tag[..6].chars().all(|c| c.is_ascii_uppercase())
                && tag.ends_with('+')
                && !rest.contains('+')
                && rest.starts_with("DejaVuSans"),
            "{name} is not TAG+Name"
        );
    }
}

#[test]
fn compensated_is_never_broken_in_a_narrow_cell() {
    let mut p = sample("refinery");
    for z in &mut p.zones {
        for id in ["SR 1.1", "SR 1.2", "SR 2.1"] {
            z.requirements.insert(
                id.to_owned(),
                RequirementAssessment {
                    status: Status::Compensated,
                    text: "Jump host".to_owned(),
                    ..RequirementAssessment::default()
                },
            );
        }
    }
    let fonts = Fonts::load().expect("fonts");
    let pages = layout_pages(&p, Catalog::embedded(), &ExportOptions::default(), &fonts);
    let mut whole = 0;
    for page in &pages {
        for item in &page.items {
            if let Item::Text { text, .. } = item {
                if text.contains("Compensated") {
                    whole += 1;
                }
                assert!(
                    !text.starts_with("Compensat") || text.starts_with("Compensated"),
                    "broken: {text:?}"
                );
                assert_ne!(text, "ed", "the end of a broken word");
            }
        }
    }
    assert!(
        whole >= 3 * p.zones.len(),
        "every compensated row shows it: {whole}"
    );
}

#[test]
fn zcr_6_4_has_h_once_and_n_as_one_item() {
    let p = sample("refinery");
    let text = pdf_text(
        &export_pdf(
            &p,
            Catalog::embedded(),
            &options(
                Sections {
                    details: true,
                    ..NONE
                },
                false,
            ),
        )
        .expect("export"),
    );
    let elements = p.zones.len() + p.conduits.len();
    let n = text
        .matches("n) Assumptions and external dependencies")
        .count();
    assert_eq!(n, elements, "one item n per zone and conduit");
    assert_eq!(text.matches("n) External dependencies").count(), 0);
    assert_eq!(text.matches("n) Assumptions").count(), n, "no second n");
    // h for zones too (data flows of its conduits); conduits list them under h as well
    assert!(text.matches("h) Data flows").count() >= elements);
    for letter in [
        "a)", "b)", "c)", "d)", "e)", "f)", "g)", "i)", "k)", "l)", "m)",
    ] {
        assert!(text.matches(letter).count() >= elements, "{letter}");
    }
}

#[test]
fn a_table_never_leaves_its_last_rows_alone_on_a_page() {
    let fonts = Fonts::load().expect("fonts");
    // find row counts whose last page would otherwise hold 1 to 3 rows
    for rows in 40..120 {
        let mut flow = Flow::new(&fonts);
        let data: Vec<Vec<Cell>> = (0..rows)
            .map(|i| vec![Cell::new(format!("row-{i}")), Cell::new("text")])
            .collect();
        flow.table(&[col("Row", 40.0), col("Text", 100.0)], &data, 8.0);
        let pages = flow.finish(&Furniture::default());
        let per_page: Vec<usize> = pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter(|i| matches!(i, Item::Text { text, .. } if text.starts_with("row-")))
                    .count()
            })
            .collect();
        assert_eq!(per_page.iter().sum::<usize>(), rows);
        if let Some(last) = per_page.last()
            && per_page.len() > 1
        {
            assert!(*last > 3, "{rows} rows: {per_page:?}");
        }
    }
}

#[test]
fn compact_leaves_out_unassessed_rows_and_says_so() {
    let p = sample("water");
    let details = Sections {
        details: true,
        ..NONE
    };
    let full = export_pdf(&p, Catalog::embedded(), &options(details, false)).expect("full");
    let compact = export_pdf(&p, Catalog::embedded(), &options(details, true)).expect("compact");
    let pages = |b: &[u8]| lopdf::Document::load_mem(b).expect("pdf").get_pages().len();
    assert!(
        pages(&compact) < pages(&full),
        "compact {} vs full {} pages",
        pages(&compact),
        pages(&full)
    );
    let text = pdf_text(&compact);
    assert!(
        text.contains("left out (compact export)"),
        "the matrices say what they left out"
    );
    assert!(!pdf_text(&full).contains("compact export"));
    // the CLI: --compact, and --full is the default
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("c.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(["export", "samples/water.ron", "-o"])
        .arg(&out)
        .args(["--compact", "--no-title", "--no-drawing", "--no-risk"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    assert!(pdf_text(&std::fs::read(&out).expect("written")).contains("compact export"));
}
