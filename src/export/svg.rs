//! The architecture drawing as SVG: the drawing page's primitives (`report::drawing`) written
//! as SVG elements, text as `<text>`.
//!
//! Fonts are referenced, not embedded: every text names the family the PDF embeds ("DejaVu
//! Sans", then "WenQuanYi Micro Hei" for CJK) with the generic `sans-serif` last. Embedding the
//! three font files as data URIs would make every drawing about 6 MB; the widths of the layout
//! come from DejaVu, so a viewer with another sans-serif shows the same drawing with labels a
//! little wider or narrower. The PNG is rendered from this SVG with the bundled fonts, so it
//! matches the PDF exactly.

use crate::catalog::Catalog;
use crate::model::Project;
use crate::report::fonts::{Fonts, Weight};
use crate::report::layout::{Item, PT_PER_MM, Page, Rgb};
use crate::report::{Paper, ReportError};
use std::fmt::Write;

/// The font families of every text, in the order a viewer should try them.
pub const FONT_FAMILY: &str = "'DejaVu Sans', 'WenQuanYi Micro Hei', sans-serif";

/// The drawing of `project` as an SVG document; `background` paints the page white.
pub(crate) fn drawing_svg(
    project: &Project,
    catalog: &Catalog,
    paper: Paper,
    title_block: bool,
    background: bool,
) -> Result<String, ReportError> {
    drawing_svg_amended(project, catalog, (paper, title_block, background), None)
}

/// [`drawing_svg`] with the revision marks of `amend` (the drawing of the Word pack).
pub fn drawing_svg_amended(
    project: &Project,
    catalog: &Catalog,
    (paper, title_block, background): (Paper, bool, bool),
    amend: Option<&crate::report::amendments::Amendments>,
) -> Result<String, ReportError> {
    let fonts = Fonts::load()?;
    let page = crate::report::drawing_amended(project, catalog, paper, title_block, &fonts, amend);
    let title = if project.meta.title.is_empty() {
        "zonewright project"
    } else {
        &project.meta.title
    };
    Ok(page_svg(&page, title, background))
}

/// One page of primitives as an SVG document in millimetres (the user unit is 1 mm).
pub(crate) fn page_svg(page: &Page, title: &str, background: bool) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let (w, h) = (page.width, page.height);
    // writing to a String cannot fail
    let _ = writeln!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">
<title>{}</title>"#,
        escape(title)
    );
    if background {
        let _ = writeln!(
            s,
            r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
        );
    }
    for item in &page.items {
        item_svg(&mut s, item);
    }
    s.push_str("</svg>\n");
    s
}

fn item_svg(s: &mut String, item: &Item) {
    match item {
        Item::Text {
            x,
            y,
            size,
            weight,
            color,
            text,
        } => {
            let bold = if *weight == Weight::Bold {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}"{bold} fill="{}" xml:space="preserve">{}</text>"#,
                n(*x),
                n(*y),
                n(size / PT_PER_MM),
                hex(*color),
                escape(text)
            );
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let _ = write!(
                s,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}""#,
                n(*x),
                n(*y),
                n(w.max(0.0)),
                n(h.max(0.0)),
                fill.map_or_else(|| "none".to_owned(), hex)
            );
            if let Some((color, width)) = stroke {
                let _ = write!(
                    s,
                    r#" stroke="{}" stroke-width="{}""#,
                    hex(*color),
                    n(*width)
                );
            }
            s.push_str("/>\n");
        }
        Item::Line {
            points,
            width,
            color,
            dashed,
        } => {
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}""#,
                points_attr(points),
                hex(*color),
                n(*width)
            );
            if *dashed {
                s.push_str(r#" stroke-dasharray="1.6 1.2""#);
            }
            s.push_str("/>\n");
        }
        Item::Polygon { points, fill } => {
            let _ = writeln!(
                s,
                r#"<polygon points="{}" fill="{}"/>"#,
                points_attr(points),
                hex(*fill)
            );
        }
    }
}

fn points_attr(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate with 3 decimals, trailing zeros dropped (and never NaN or infinite).
fn n(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Text for XML content and attribute values. Characters XML 1.0 does not allow (controls
/// other than tab and newline) are left out; `report` has already shown them as escapes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(n(1.5), "1.5");
        assert_eq!(n(2.0), "2");
        assert_eq!(n(f32::NAN), "0");
        assert_eq!(n(-0.0001), "0");
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
