//! Notes under a name field about characters that are not shown as themselves: control and
//! bidirectional characters (drawn as escapes everywhere but in the field itself, which keeps
//! the raw text so it can be fixed) and characters no bundled font has (boxes in the PDF).

use crate::model::text::{is_hidden, visible};
use crate::report::glyphs::{codes, shared_fonts, uncovered};

/// The notes for `text`, if any (UI-free, for tests).
pub(crate) fn name_notes(text: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if text.chars().any(is_hidden) {
        let shown: String = visible(text).chars().take(60).collect();
        notes.push(format!(
            "Contains control or bidirectional characters, shown as escapes: {shown}"
        ));
    }
    if let Some(fonts) = shared_fonts() {
        let missing = uncovered(fonts, text);
        if !missing.is_empty() {
            notes.push(format!(
                "{} no glyph in the bundled fonts: boxes in the PDF and here",
                if missing.len() == 1 {
                    format!("Character {} has", codes(&missing))
                } else {
                    format!("Characters {} have", codes(&missing))
                }
            ));
        }
    }
    notes
}

/// The notes for `text` as small warning lines.
pub(crate) fn name_notes_ui(ui: &mut egui::Ui, text: &str) {
    for note in name_notes(text) {
        ui.label(
            egui::RichText::new(note)
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_have_no_notes_and_hostile_ones_two() {
        assert!(name_notes("Łódź 東京 BPCS").is_empty());
        let notes = name_notes("\u{1b}[2J\u{202e}\u{13000}");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("\\x1b[2J\\u{202e}"), "{notes:?}");
        assert!(notes[1].contains("U+13000"), "{notes:?}");
    }
}
