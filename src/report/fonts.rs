//! The fonts embedded in reports, glyph coverage, text measurement, and splitting text into
//! runs of one font each (printpdf does no font fallback).

use printpdf::ParsedFont;
use std::collections::HashMap;

/// Which face a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// DejaVu Sans: Latin, Greek, Cyrillic.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// WenQuanYi Micro Hei: CJK (and Latin).
    Cjk,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Cjk];
}

/// The weight a piece of text asks for; the face is chosen per character from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

pub(crate) const DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const DEJAVU_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub(crate) const WQY: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// The parsed faces with their metrics.
pub struct Fonts {
    faces: HashMap<Face, ParsedFont>,
    units_per_em: HashMap<Face, f32>,
    /// Face and advance (at size 1) of the first `TABLE_CHARS` characters, per weight: text in
    /// tender packs is mostly Latin, and looking glyphs up in the font tables for every
    /// character of a 2,000-page report is most of the layout time.
    table: [Vec<(Face, f32)>; 2],
}

/// Characters below this code point (ASCII, Latin-1, Latin Extended-A/B) come from the table.
const TABLE_CHARS: u32 = 0x250;

/// A font that cannot be parsed (only possible with a broken build).
#[derive(Debug, thiserror::Error)]
#[error("the embedded font {0} cannot be read")]
pub struct FontError(pub &'static str);

/// A run of text in one face, with its width in points at size 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub text: String,
    pub width_per_pt: f32,
}

impl Fonts {
    pub fn load() -> Result<Fonts, FontError> {
        let mut faces = HashMap::new();
        for (face, bytes, name) in [
            (Face::Regular, DEJAVU, "DejaVuSans.ttf"),
            (Face::Bold, DEJAVU_BOLD, "DejaVuSans-Bold.ttf"),
            (Face::Cjk, WQY, "wqy-microhei.ttc"),
        ] {
            let parsed =
                ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(FontError(name))?;
            faces.insert(face, parsed);
        }
        let units_per_em = faces
            .iter()
            .map(|(f, p)| (*f, f32::from(p.font_metrics.units_per_em.max(1))))
            .collect();
        let mut fonts = Fonts {
            faces,
            units_per_em,
            table: [Vec::new(), Vec::new()],
        };
        for (slot, weight) in [(0, Weight::Regular), (1, Weight::Bold)] {
            fonts.table[slot] = (0..TABLE_CHARS)
                .map(|code| {
                    let c = char::from_u32(code).unwrap_or(' ');
                    let c = if c.is_control() { ' ' } else { c };
                    let face = fonts.lookup_face(c, weight);
                    (face, fonts.advance(face, c))
                })
                .collect();
        }
        Ok(fonts)
    }

    /// Face and advance at size 1 of one character (control characters count as spaces).
    fn glyph(&self, c: char, weight: Weight) -> (Face, f32) {
        let slot = match weight {
            Weight::Regular => 0,
            Weight::Bold => 1,
        };
        if let Some(entry) = self.table[slot].get(c as usize) {
            return *entry;
        }
        let c = if c.is_control() { ' ' } else { c };
        let face = self.lookup_face(c, weight);
        (face, self.advance(face, c))
    }

    pub(crate) fn parsed(&self, face: Face) -> Option<&ParsedFont> {
        self.faces.get(&face)
    }

    pub(super) fn has_glyph(&self, face: Face, c: char) -> bool {
        self.faces
            .get(&face)
            .and_then(|f| f.lookup_glyph_index(c as u32))
            .is_some_and(|g| g != 0)
    }

    /// The face for one character: the weight's DejaVu face when it has the glyph, else the CJK
    /// face, else the DejaVu face (which then shows its own missing-glyph box, never silently
    /// dropping the character).
    pub(crate) fn face_for(&self, c: char, weight: Weight) -> Face {
        self.glyph(c, weight).0
    }

    fn lookup_face(&self, c: char, weight: Weight) -> Face {
        let primary = match weight {
            Weight::Regular => Face::Regular,
            Weight::Bold => Face::Bold,
        };
        if c.is_whitespace() || self.has_glyph(primary, c) {
            primary
        } else if self.has_glyph(Face::Cjk, c) {
            Face::Cjk
        } else {
            primary
        }
    }

    fn advance(&self, face: Face, c: char) -> f32 {
        let Some(f) = self.faces.get(&face) else {
            return 0.5;
        };
        let upm = self.units_per_em.get(&face).copied().unwrap_or(1000.0);
        match f.lookup_glyph_index(c as u32) {
            Some(g) => f32::from(f.get_horizontal_advance(g)) / upm,
            None => 0.5,
        }
    }

    /// Splits text into runs of one face each.
    pub fn runs(&self, text: &str, weight: Weight) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            let (face, w) = self.glyph(c, weight);
            let c = if c.is_control() { ' ' } else { c };
            match runs.last_mut() {
                Some(r) if r.face == face => {
                    r.text.push(c);
                    r.width_per_pt += w;
                }
                _ => runs.push(Run {
                    face,
                    text: c.to_string(),
                    width_per_pt: w,
                }),
            }
        }
        runs
    }

    /// Advance of one character in points at `size` points (widths add up: no kerning).
    pub(crate) fn char_width(&self, c: char, weight: Weight, size: f32) -> f32 {
        self.glyph(c, weight).1 * size
    }

    /// Width of `text` in points at `size` points.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c, weight).1).sum::<f32>() * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_are_chosen_per_character() {
        let f = Fonts::load().expect("fonts");
        let runs = f.runs("Łódź Мюнхен 東京 Süd", Weight::Regular);
        let faces: Vec<Face> = runs.iter().map(|r| r.face).collect();
        assert_eq!(faces, vec![Face::Regular, Face::Cjk, Face::Regular]);
        assert_eq!(runs[1].text, "東京");
        assert!(runs.iter().all(|r| r.width_per_pt > 0.0));
        let bold = f.runs("BPCS", Weight::Bold);
        assert_eq!(bold[0].face, Face::Bold);
    }

    #[test]
    fn width_grows_with_size_and_text() {
        let f = Fonts::load().expect("fonts");
        let a = f.width("Zone", Weight::Regular, 10.0);
        assert!(a > 10.0 && a < 40.0, "{a}");
        assert!((f.width("Zone", Weight::Regular, 20.0) - 2.0 * a).abs() < 1e-3);
        assert!(f.width("Zone BPCS", Weight::Regular, 10.0) > a);
    }
}
