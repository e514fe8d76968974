//! The architecture drawing as PNG: the SVG of `svg` rasterised by resvg with the bundled
//! fonts (the same faces as the PDF), so the raster shows what the PDF's drawing page shows.

use super::{ExportError, Request};
use crate::catalog::Catalog;
use crate::model::Project;
use crate::report::Paper;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// Width of the PNG when neither a width nor a DPI is asked for.
pub const DEFAULT_WIDTH: u32 = 3000;
/// The widest PNG made (an A3 sheet at about 1,200 DPI).
pub const MAX_WIDTH: u32 = 20_000;

/// The pixel size of the drawing on `paper` for the request: DPI when given, else the width.
pub(crate) fn pixel_size(paper: Paper, request: &Request) -> Result<(u32, u32), ExportError> {
    let (w_mm, h_mm) = paper.landscape_mm();
    let width = match (request.png.dpi, request.png.width) {
        (Some(dpi), _) => {
            if !(dpi.is_finite() && dpi > 0.0) {
                return Err(ExportError::Png(format!(
                    "the DPI must be a positive number, not {dpi}"
                )));
            }
            (w_mm / 25.4 * dpi).round()
        }
        (None, Some(w)) => w as f32,
        (None, None) => DEFAULT_WIDTH as f32,
    };
    if !(1.0..=MAX_WIDTH as f32).contains(&width) {
        return Err(ExportError::Png(format!(
            "the image would be {width} pixels wide; it can be 1 to {MAX_WIDTH}"
        )));
    }
    let height = (width * h_mm / w_mm).round().max(1.0);
    Ok((width as u32, height as u32))
}

/// The drawing as PNG bytes.
pub(crate) fn drawing_png(
    project: &Project,
    catalog: &Catalog,
    paper: Paper,
    request: &Request,
) -> Result<Vec<u8>, ExportError> {
    let (width, height) = pixel_size(paper, request)?;
    let svg = super::svg::drawing_svg(
        project,
        catalog,
        paper,
        request.title_block,
        !request.png.transparent,
    )?;
    render(&svg, width, height)
}

/// Rasterises an SVG document to `width` × `height` pixels.
pub(crate) fn render(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let mut db = usvg::fontdb::Database::new();
    for font in [
        crate::report::fonts::DEJAVU,
        crate::report::fonts::DEJAVU_BOLD,
        crate::report::fonts::WQY,
    ] {
        db.load_font_data(font.to_vec());
    }
    db.set_sans_serif_family("DejaVu Sans");
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Png(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Png(format!("no memory for {width} × {height} pixels")))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, PngOptions};

    #[test]
    fn size_follows_width_or_dpi() {
        let mut r = Request::new(Format::Png);
        assert_eq!(pixel_size(Paper::A4, &r).ok(), Some((3000, 2121)));
        r.png = PngOptions {
            dpi: Some(150.0),
            ..PngOptions::default()
        };
        // 297 mm at 150 DPI
        assert_eq!(pixel_size(Paper::A4, &r).ok().map(|s| s.0), Some(1754));
        r.png = PngOptions {
            width: Some(0),
            ..PngOptions::default()
        };
        assert!(pixel_size(Paper::A4, &r).is_err());
        r.png = PngOptions {
            width: Some(MAX_WIDTH + 1),
            ..PngOptions::default()
        };
        assert!(pixel_size(Paper::A4, &r).is_err());
    }
}
