//! The PDF prints control and bidirectional characters of names visibly (as escapes), keeps
//! the line breaks of multi-line text, and the report's glyph check names every element whose
//! text no bundled font can print.

use crate::pdf_text;

use pdf_text::{NONE, pdf_text};
use zonewright::catalog::Catalog;
use zonewright::model::{ElementRef, Project};
use zonewright::report::glyphs::{missing_glyphs, shared_fonts};
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};

fn sample(name: &str) -> Project {
    let s = zonewright::samples::find(name).expect("sample exists");
    zonewright::file::from_str(s.text).expect("sample loads")
}

#[test]
fn escape_sequences_and_bidi_overrides_are_printed_as_escapes() {
    let mut project = sample("refinery");
    project.zones[0].name = "\u{1b}[2JBPCS\u{202e}lortnoc".to_owned();
    project.zones[0].description = "first line\nsecond\u{7} line".to_owned();
    let options = ExportOptions {
        paper: Paper::A4,
        sections: Sections {
            drawing: true,
            summary: true,
            details: true,
            ..NONE
        },
        compact: false,
    };
    let bytes = export_pdf(&project, Catalog::embedded(), &options).expect("export");
    let text = pdf_text(&bytes);
    assert!(
        text.contains("\\x1b[2JBPCS\\u{202e}lortnoc"),
        "the name is printed escaped"
    );
    assert!(
        text.contains("second\\x07 line"),
        "the bell in the description"
    );
    assert!(
        text.contains("first line second"),
        "the line break is kept, not escaped"
    );
    assert!(!text.contains("line\\nsecond"));
    for c in text.chars() {
        assert!(
            !zonewright::model::text::is_hidden(c),
            "U+{:04X} printed raw",
            c as u32
        );
    }
}

#[test]
fn the_glyph_check_names_each_element_with_unprintable_text() {
    let fonts = shared_fonts().expect("fonts");
    let mut project = sample("refinery");
    assert!(
        missing_glyphs(&project, fonts).is_empty(),
        "the sample prints fully"
    );
    project.zones[1].name = "Pumps \u{13000}".to_owned();
    project.zones[2].assets[0].notes = "see \u{13001}\u{13002}".to_owned();
    project.conduits[0].purpose = "\u{13003}".to_owned();
    project.meta.site = "\u{13004} — Łódź 東京".to_owned();
    let warnings = missing_glyphs(&project, fonts);
    let got: Vec<(ElementRef, Vec<char>)> = warnings
        .iter()
        .map(|w| (w.element, w.chars.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (ElementRef::Project, vec!['\u{13004}']),
            (ElementRef::Zone(project.zones[1].id), vec!['\u{13000}']),
            (
                ElementRef::Asset(project.zones[2].assets[0].id),
                vec!['\u{13001}', '\u{13002}']
            ),
            (
                ElementRef::Conduit(project.conduits[0].id),
                vec!['\u{13003}']
            ),
        ]
    );
    assert_eq!(
        warnings[1].to_string(),
        "zone \"Pumps \u{13000}\": character U+13000 has no glyph in the bundled fonts and prints as a box"
    );
}
