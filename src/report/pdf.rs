//! The only code that calls printpdf: turns laid-out pages into PDF bytes, with fonts embedded
//! and subset, and deterministic output (fixed font ids, document id derived from the content).

use super::fonts::{Face, Fonts};
use super::layout::{Item, PT_PER_MM, Page, Rgb};
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem, TextMatrix, WindingOrder,
};

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "F1",
            Face::Bold => "F2",
            Face::Cjk => "F3",
        }
        .to_owned(),
    )
}

/// A point on a page of height `h` mm given top-left coordinates in mm.
fn pt(h: f32, x: f32, y: f32) -> Point {
    Point {
        x: Pt(x * PT_PER_MM),
        y: Pt((h - y) * PT_PER_MM),
    }
}

/// Turns page items into printpdf operations, setting colours, line widths and fonts only when
/// they change and keeping consecutive texts in one text object (fewer operations is most of
/// the export time of a 2,000-page report).
struct Emitter<'a> {
    fonts: &'a Fonts,
    height: f32,
    ops: Vec<Op>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    in_text: bool,
    font: Option<(Face, f32)>,
}

impl Emitter<'_> {
    fn fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            self.ops.push(Op::SetFillColor { col: color(c) });
        }
    }

    fn stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some(c) {
            self.stroke = Some(c);
            self.ops.push(Op::SetOutlineColor { col: color(c) });
        }
        if self.width != Some(width) {
            self.width = Some(width);
            self.ops.push(Op::SetOutlineThickness {
                pt: Pt(width * PT_PER_MM),
            });
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn points(&self, points: &[(f32, f32)]) -> Vec<LinePoint> {
        points
            .iter()
            .map(|(x, y)| LinePoint {
                p: pt(self.height, *x, *y),
                bezier: false,
            })
            .collect()
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => return,
                };
                self.end_text();
                if let Some(f) = fill {
                    self.fill(*f);
                }
                if let Some((s, width)) = stroke {
                    self.stroke(*s, *width);
                }
                let ring = PolygonRing {
                    points: self.points(&[(*x, *y), (x + w, *y), (x + w, y + rh), (*x, y + rh)]),
                };
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![ring],
                        mode,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Line {
                points,
                width,
                color: c,
                dashed,
            } => {
                self.end_text();
                self.stroke(*c, *width);
                if *dashed {
                    self.ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
                    });
                }
                let line = Line {
                    points: self.points(points),
                    is_closed: false,
                };
                self.ops.push(Op::DrawLine { line });
                if *dashed {
                    self.ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::new(0.0, &[]),
                    });
                }
            }
            Item::Polygon { points, fill } => {
                self.end_text();
                self.fill(*fill);
                let ring = PolygonRing {
                    points: self.points(points),
                };
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![ring],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Text {
                x,
                y,
                size,
                weight,
                color: c,
                text,
            } => {
                self.fill(*c);
                if !self.in_text {
                    self.ops.push(Op::StartTextSection);
                    self.in_text = true;
                    self.font = None;
                }
                let mut cx = *x;
                for run in self.fonts.runs(text, *weight) {
                    if self.font != Some((run.face, *size)) {
                        self.font = Some((run.face, *size));
                        self.ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_id(run.face)),
                            size: Pt(*size),
                        });
                    }
                    let p = pt(self.height, cx, *y);
                    self.ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(p.x, p.y),
                    });
                    cx += run.width_per_pt * size / PT_PER_MM;
                    self.ops.push(Op::ShowText {
                        items: vec![TextItem::Text(run.text)],
                    });
                }
            }
        }
    }
}

fn page_ops(page: &Page, fonts: &Fonts) -> Vec<Op> {
    let mut emitter = Emitter {
        fonts,
        height: page.height,
        ops: Vec::with_capacity(page.items.len() * 3),
        fill: None,
        stroke: None,
        width: None,
        in_text: false,
        font: None,
    };
    for item in &page.items {
        emitter.item(item);
    }
    emitter.end_text();
    emitter.ops
}

/// Writes the pages as a PDF. Same pages in, same bytes out.
pub fn write(pages: &[Page], fonts: &Fonts, title: &str) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.producer = "zonewright".to_owned();
    doc.metadata.info.creator = "zonewright".to_owned();
    for face in Face::ALL {
        if let Some(parsed) = fonts.parsed(face) {
            doc.resources
                .fonts
                .map
                .insert(font_id(face), printpdf::PdfFont::new(parsed.clone()));
        }
    }
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|p| PdfPage::new(Mm(p.width), Mm(p.height), page_ops(p, fonts)))
        .collect();
    let mut warnings = Vec::new();
    // printpdf would compress every stream at zlib's best level, which is most of the export
    // time on a large plant; take the document uncompressed and compress it fast, in parallel.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc
        .with_pages(pdf_pages)
        .to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    // writing into a Vec cannot fail
    let _ = lo.save_to(&mut bytes);
    make_id_deterministic(&mut bytes);
    bytes
}

/// Compresses every stream that has no filter yet with zlib at a fast level, spread over the
/// machine's cores. The result does not depend on the number of threads.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    if streams.is_empty() {
        return;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = streams.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || {
                for stream in part {
                    compress_stream(stream);
                }
            });
        }
    });
}

fn compress_stream(stream: &mut lopdf::Stream) {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    let Ok(compressed) = encoder.finish() else {
        return;
    };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

/// printpdf writes a random document id into the trailer; replace it (same length, so the
/// cross-reference offsets stay valid) with one derived from the rest of the file.
fn make_id_deterministic(bytes: &mut [u8]) {
    let Some(start) = find(bytes, b"/ID") else {
        return;
    };
    // the two ids are literal strings of 32 characters: (xxxx)(yyyy)
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, b) in bytes.iter().enumerate() {
        if i < start || i > start + 100 {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let digits: Vec<u8> = format!(
        "{hash:016x}{:016x}",
        hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15
    )
    .into_bytes();
    let mut i = start;
    let end = (start + 120).min(bytes.len());
    let mut in_string = false;
    let mut k = 0;
    while i < end {
        match bytes[i] {
            b'(' => {
                in_string = true;
                k = 0;
            }
            b')' => in_string = false,
            b']' => break,
            _ if in_string => {
                bytes[i] = digits[k % digits.len()];
                k += 1;
            }
            _ => {}
        }
        i += 1;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
