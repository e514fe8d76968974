//! Text that the bundled fonts cannot print: which characters of a zone, conduit, asset or
//! the project have no glyph in DejaVu Sans (regular and bold) nor in WenQuanYi Micro Hei, so
//! that they would print as boxes. Used by `export` on the command line, the designer's export
//! and its inspector. (The designer draws with the same fonts, after egui's own.)

use super::fonts::{Fonts, Weight};
use crate::model::text::{is_hidden, visible};
use crate::model::{ElementRef, Project};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// An element whose text has characters no bundled font has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphWarning {
    pub element: ElementRef,
    /// `zone "BPCS"`, `asset "PLC-1"`, `project`.
    pub label: String,
    pub chars: Vec<char>,
}

impl std::fmt::Display for GlyphWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (noun, verb, prints) = if self.chars.len() == 1 {
            ("character", "has", "prints as a box")
        } else {
            ("characters", "have", "print as boxes")
        };
        write!(
            f,
            "{}: {noun} {} {verb} no glyph in the bundled fonts and {prints}",
            self.label,
            codes(&self.chars)
        )
    }
}

/// "U+1F600, U+0E01" (at most 8, then "…").
pub fn codes(chars: &[char]) -> String {
    let mut list: Vec<String> = chars
        .iter()
        .take(8)
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    if chars.len() > 8 {
        list.push("…".to_owned());
    }
    list.join(", ")
}

/// The bundled fonts, parsed once for the checks (`None` only with a broken build).
pub fn shared_fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load().ok()).as_ref()
}

impl Fonts {
    /// Whether `c` prints as itself in regular and in bold text (whitespace always does;
    /// control and bidirectional characters are printed as escapes, so they do too).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || is_hidden(c)
            || [Weight::Regular, Weight::Bold]
                .into_iter()
                .all(|w| self.has_glyph(self.face_for(c, w), c))
    }
}

/// The characters of `text` that no bundled font has, each once, in code order.
pub(crate) fn uncovered(fonts: &Fonts, text: &str) -> Vec<char> {
    let set: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_ascii() && !fonts.covers(*c))
        .collect();
    set.into_iter().collect()
}

fn label(kind: &str, name: &str) -> String {
    let name: String = visible(name).chars().take(60).collect();
    format!("{kind} \"{name}\"")
}

/// Every text field of `value` (names, descriptions, requirement texts, scenarios …), as one
/// string; field names and escapes are ASCII, so they never count.
fn all_text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Every element with text the bundled fonts cannot print, in project order: the project
/// (its metadata, risk assessment and approval), then each zone, its assets, each conduit
/// and its devices.
pub fn missing_glyphs(project: &Project, fonts: &Fonts) -> Vec<GlyphWarning> {
    let mut out = Vec::new();
    let mut check = |element: ElementRef, label: String, text: String| {
        let chars = uncovered(fonts, &text);
        if !chars.is_empty() {
            out.push(GlyphWarning {
                element,
                label,
                chars,
            });
        }
    };
    check(
        ElementRef::Project,
        "project".to_owned(),
        all_text(&(&project.meta, &project.risk, &project.approval)),
    );
    for z in &project.zones {
        let mut own = z.clone();
        own.assets.clear();
        check(
            ElementRef::Zone(z.id),
            label("zone", &z.name),
            all_text(&own),
        );
        for a in &z.assets {
            check(
                ElementRef::Asset(a.id),
                label("asset", &a.name),
                all_text(a),
            );
        }
    }
    for c in &project.conduits {
        let mut own = c.clone();
        own.devices.clear();
        check(
            ElementRef::Conduit(c.id),
            label("conduit", &c.name),
            all_text(&own),
        );
        for d in &c.devices {
            check(
                ElementRef::Asset(d.id),
                label("device", &d.name),
                all_text(d),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_cyrillic_cjk_and_escaped_controls_are_covered_but_not_hieroglyphs() {
        let f = shared_fonts().expect("fonts");
        assert!(uncovered(f, "Łódź Мюнхен 東京 Ωmega — ↔ … \u{1b}\u{202e}").is_empty());
        assert_eq!(
            uncovered(f, "Pump \u{13000}\u{13001} \u{13000}"),
            ['\u{13000}', '\u{13001}']
        );
    }

    #[test]
    fn the_warning_names_the_element_and_the_code_points() {
        let w = GlyphWarning {
            element: ElementRef::Project,
            label: "zone \"X\"".to_owned(),
            chars: vec!['😀'],
        };
        assert_eq!(
            w.to_string(),
            "zone \"X\": character U+1F600 has no glyph in the bundled fonts and prints as a box"
        );
        let w = GlyphWarning {
            chars: vec!['😀', 'ก'],
            ..w
        };
        assert_eq!(
            w.to_string(),
            "zone \"X\": characters U+1F600, U+0E01 have no glyph in the bundled fonts and print as boxes"
        );
    }
}
