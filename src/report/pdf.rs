//! The only code that calls printpdf: turns laid-out pages into PDF bytes, with fonts embedded
//! and subset, and deterministic output (fixed font ids, document id derived from the content).
//! printpdf writes the fonts; the pages' content streams are written here, one page at a time,
//! and compressed at once (printpdf would hold every page's operations, several times the size
//! of the finished file).

use super::fonts::{Face, Fonts};
use super::layout::{Item, PT_PER_MM, Page, PageSink, Rgb};
use printpdf::{FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;

fn font_id(face: Face) -> FontId {
    FontId(font_name(face).to_owned())
}

fn font_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "F1",
        Face::Bold => "F2",
        Face::Cjk => "F3",
    }
}

fn face_index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Cjk => 2,
    }
}

/// The character a text run shows for `c` (control characters as spaces, as measured).
fn shown(c: char) -> char {
    if c.is_control() { ' ' } else { c }
}

/// First pass over the pages: which characters each face shows, and how many pages there are.
/// The fonts are subset to exactly these characters before the first page is written.
pub struct GlyphScan<'a> {
    fonts: &'a Fonts,
    chars: [BTreeSet<char>; 3],
    pub pages: usize,
}

impl<'a> GlyphScan<'a> {
    pub fn new(fonts: &'a Fonts) -> GlyphScan<'a> {
        let mut chars: [BTreeSet<char>; 3] = Default::default();
        // the page numbers of the second pass ("Page 7 of 1234")
        chars[face_index(Face::Regular)].extend('0'..='9');
        GlyphScan {
            fonts,
            chars,
            pages: 0,
        }
    }
}

impl PageSink for GlyphScan<'_> {
    fn page(&mut self, page: Page) {
        self.pages += 1;
        for item in &page.items {
            if let Item::Text { text, weight, .. } = item {
                for c in text.chars() {
                    let face = self.fonts.face_for(c, *weight);
                    self.chars[face_index(face)].insert(shown(c));
                }
            }
        }
    }
}

/// Writes numbers the way PDF content streams want them: at most three decimals, no trailing
/// zeros, no "-0".
fn num(out: &mut Vec<u8>, v: f32) {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" || s.is_empty() { "0" } else { s };
    out.extend_from_slice(s.as_bytes());
}

/// Turns the items of one page into its content stream, setting colours, line widths and
/// fonts only when they change and keeping consecutive texts in one text object.
struct Emitter<'a> {
    fonts: &'a Fonts,
    /// Character → code in the subset font, per face.
    codes: &'a [HashMap<char, u16>; 3],
    height: f32,
    out: Vec<u8>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    in_text: bool,
    font: Option<(Face, f32)>,
}

impl Emitter<'_> {
    fn nums(&mut self, values: &[f32], op: &str) {
        for v in values {
            num(&mut self.out, *v);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    fn rgb(&mut self, c: Rgb, op: &str) {
        let f = |v: u8| f32::from(v) / 255.0;
        self.nums(&[f(c.0), f(c.1), f(c.2)], op);
    }

    fn fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            self.rgb(c, "rg");
        }
    }

    fn stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some(c) {
            self.stroke = Some(c);
            self.rgb(c, "RG");
        }
        if self.width != Some(width) {
            self.width = Some(width);
            self.nums(&[width * PT_PER_MM], "w");
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// A point given top-left coordinates in mm, in PDF points (origin bottom left).
    fn pt(&self, x: f32, y: f32) -> [f32; 2] {
        [x * PT_PER_MM, (self.height - y) * PT_PER_MM]
    }

    fn path(&mut self, points: &[(f32, f32)]) {
        for (i, (x, y)) in points.iter().enumerate() {
            let p = self.pt(*x, *y);
            self.nums(&p, if i == 0 { "m" } else { "l" });
        }
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
                let paint = match (fill, stroke) {
                    (Some(_), Some(_)) => "B",
                    (Some(_), None) => "f",
                    (None, Some(_)) => "S",
                    (None, None) => return,
                };
                self.end_text();
                if let Some(f) = fill {
                    self.fill(*f);
                }
                if let Some((s, width)) = stroke {
                    self.stroke(*s, *width);
                }
                let [px, py] = self.pt(*x, y + rh);
                self.nums(&[px, py, w * PT_PER_MM, rh * PT_PER_MM], "re");
                self.out.extend_from_slice(paint.as_bytes());
                self.out.push(b'\n');
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
                    self.out.extend_from_slice(b"[4 3] 0 d\n");
                }
                self.path(points);
                self.out.extend_from_slice(b"S\n");
                if *dashed {
                    self.out.extend_from_slice(b"[] 0 d\n");
                }
            }
            Item::Polygon { points, fill } => {
                self.end_text();
                self.fill(*fill);
                self.path(points);
                self.out.extend_from_slice(b"h f\n");
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
                    self.out.extend_from_slice(b"BT\n");
                    self.in_text = true;
                    self.font = None;
                }
                let mut cx = *x;
                for run in self.fonts.runs(text, *weight) {
                    if self.font != Some((run.face, *size)) {
                        self.font = Some((run.face, *size));
                        self.out.push(b'/');
                        self.out.extend_from_slice(font_name(run.face).as_bytes());
                        self.out.push(b' ');
                        self.nums(&[*size], "Tf");
                    }
                    let [px, py] = self.pt(cx, *y);
                    self.nums(&[1.0, 0.0, 0.0, 1.0, px, py], "Tm");
                    cx += run.width_per_pt * size / PT_PER_MM;
                    let codes = &self.codes[face_index(run.face)];
                    self.out.push(b'<');
                    for c in run.text.chars() {
                        let code = codes.get(&c).copied().unwrap_or(0);
                        let _ = write!(self.out, "{code:04X}");
                    }
                    self.out.extend_from_slice(b"> Tj\n");
                }
            }
        }
    }
}

/// Writes the PDF page by page: the fonts are subset once, for the characters of the
/// [`GlyphScan`], and every page's content stream is compressed as soon as the page arrives,
/// so the memory needed is that of the compressed document, not of its layout.
pub struct Writer<'a> {
    fonts: &'a Fonts,
    codes: [HashMap<char, u16>; 3],
    doc: lopdf::Document,
    pages_id: lopdf::ObjectId,
    resources_id: lopdf::ObjectId,
    kids: Vec<lopdf::Object>,
}

impl<'a> Writer<'a> {
    /// A document with the fonts subset to the scanned characters. printpdf writes them, with
    /// one page showing every character; that page's text tells the code of each character in
    /// the subset fonts, and the page itself is then removed.
    pub fn new(fonts: &'a Fonts, scan: &GlyphScan, title: &str) -> Writer<'a> {
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
        let mut ops = vec![Op::StartTextSection];
        let mut order: Vec<(Face, Vec<char>)> = Vec::new();
        for face in Face::ALL {
            let chars: Vec<char> = scan.chars[face_index(face)].iter().copied().collect();
            if chars.is_empty() {
                continue;
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(face)),
                size: Pt(10.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(chars.iter().collect())],
            });
            order.push((face, chars));
        }
        ops.push(Op::EndTextSection);
        let mut warnings = Vec::new();
        // printpdf would compress every stream at zlib's best level; the few streams it
        // writes here are compressed fast in `finish`
        let options = PdfSaveOptions {
            optimize: false,
            ..PdfSaveOptions::default()
        };
        let mut lo = doc
            .with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)])
            .to_lopdf_document(&options, &mut warnings);
        let codes = carrier_codes(&mut lo, &order);
        let (pages_id, resources_id) = remove_carrier(&mut lo);
        tag_subset_fonts(&mut lo, &order);
        Writer {
            fonts,
            codes,
            doc: lo,
            pages_id,
            resources_id,
            kids: Vec::new(),
        }
    }

    /// Adds one page.
    pub fn add(&mut self, page: &Page) {
        let mut emitter = Emitter {
            fonts: self.fonts,
            codes: &self.codes,
            height: page.height,
            out: Vec::with_capacity(page.items.len() * 40),
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
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), emitter.out);
        compress_stream(&mut stream);
        let contents = self.doc.add_object(stream);
        let media = lopdf::Object::Array(vec![
            0.into(),
            0.into(),
            (page.width * PT_PER_MM).into(),
            (page.height * PT_PER_MM).into(),
        ]);
        let dict = lopdf::Dictionary::from_iter(vec![
            ("Type", "Page".into()),
            ("MediaBox", media.clone()),
            ("TrimBox", media.clone()),
            ("CropBox", media),
            ("Parent", lopdf::Object::Reference(self.pages_id)),
            ("Resources", lopdf::Object::Reference(self.resources_id)),
            ("Contents", lopdf::Object::Reference(contents)),
        ]);
        let id = self.doc.add_object(dict);
        self.kids.push(lopdf::Object::Reference(id));
    }

    /// The PDF bytes. Same pages in, same bytes out.
    pub fn finish(mut self) -> Vec<u8> {
        let count = self.kids.len() as i64;
        if let Ok(pages) = self.doc.get_dictionary_mut(self.pages_id) {
            pages.set("Kids", lopdf::Object::Array(std::mem::take(&mut self.kids)));
            pages.set("Count", count);
        }
        compress_streams(&mut self.doc);
        let mut bytes = Vec::new();
        // writing into a Vec cannot fail
        let _ = self.doc.save_to(&mut bytes);
        make_id_deterministic(&mut bytes);
        bytes
    }
}

impl PageSink for Writer<'_> {
    fn page(&mut self, page: Page) {
        self.add(&page);
    }
}

/// Six capital letters from a hash of the face and its characters: the subset tag that PDF
/// readers expect before the name of a subset font (ISO 32000-1, 9.6.4).
fn subset_tag(name: &[u8], chars: &[char]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(name);
    for c in chars {
        h.update(u32::from(*c).to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Puts the subset tag (`ABCDEF+DejaVuSans`) before the font names printpdf writes (the
/// `BaseFont` of the fonts and the `FontName` of their descriptors), so that tools report the
/// fonts as embedded subsets.
fn tag_subset_fonts(lo: &mut lopdf::Document, order: &[(Face, Vec<char>)]) {
    let chars: Vec<char> = order.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let mut tags: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    for object in lo.objects.values_mut() {
        let lopdf::Object::Dictionary(dict) = object else {
            continue;
        };
        let is_font = dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_ref());
        let is_descriptor =
            dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_ref());
        let key: &[u8] = if is_font {
            b"BaseFont"
        } else if is_descriptor {
            b"FontName"
        } else {
            continue;
        };
        let Some(name) = dict
            .get(key)
            .and_then(|n| n.as_name())
            .ok()
            .map(<[u8]>::to_vec)
        else {
            continue;
        };
        let tagged_already =
            name.get(6) == Some(&b'+') && name[..6].iter().all(u8::is_ascii_uppercase);
        if tagged_already || name.is_empty() {
            continue;
        }
        // printpdf writes its own resource name as a prefix (`F1+DejaVuSans`): that is no
        // subset tag, and goes
        let name = match name.iter().position(|b| *b == b'+') {
            Some(i) => name[i + 1..].to_vec(),
            None => name,
        };
        // a composite font's name may carry a suffix (`-Identity-H`); the tag goes first
        let base: Vec<u8> = name
            .strip_suffix(b"-Identity-H".as_ref())
            .unwrap_or(&name)
            .to_vec();
        let tag = tags
            .entry(base.clone())
            .or_insert_with(|| subset_tag(&base, &chars).into_bytes());
        let mut tagged = tag.clone();
        tagged.push(b'+');
        tagged.extend_from_slice(&name);
        dict.set(key, lopdf::Object::Name(tagged));
    }
}

/// The code of every character of the carrier page in its face's subset font, read from the
/// strings the page shows (two bytes per character, in the order they were written).
fn carrier_codes(lo: &mut lopdf::Document, order: &[(Face, Vec<char>)]) -> [HashMap<char, u16>; 3] {
    let mut codes: [HashMap<char, u16>; 3] = Default::default();
    let Some(page_id) = lo.get_pages().values().next().copied() else {
        return codes;
    };
    let Ok(content) = lopdf::content::Content::decode(&lo.get_page_content(page_id)) else {
        return codes;
    };
    let mut face = None;
    let mut bytes: [Vec<u8>; 3] = Default::default();
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                face = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| {
                        Face::ALL
                            .into_iter()
                            .find(|f| font_name(*f).as_bytes() == n)
                    });
            }
            "Tj" | "TJ" => {
                let Some(f) = face else { continue };
                let mut strings = Vec::new();
                for o in &op.operands {
                    match o {
                        lopdf::Object::String(s, _) => strings.push(s.clone()),
                        lopdf::Object::Array(a) => strings
                            .extend(a.iter().filter_map(|x| x.as_str().ok().map(<[u8]>::to_vec))),
                        _ => {}
                    }
                }
                for s in strings {
                    bytes[face_index(f)].extend(s);
                }
            }
            _ => {}
        }
    }
    for (face, chars) in order {
        let b = &bytes[face_index(*face)];
        for (i, c) in chars.iter().enumerate() {
            let code = match (b.get(2 * i), b.get(2 * i + 1)) {
                (Some(hi), Some(lo)) => u16::from_be_bytes([*hi, *lo]),
                _ => 0,
            };
            codes[face_index(*face)].insert(*c, code);
        }
    }
    codes
}

/// Removes the carrier page and its content; returns the page tree's id and the resources
/// (fonts) every page shares.
fn remove_carrier(lo: &mut lopdf::Document) -> (lopdf::ObjectId, lopdf::ObjectId) {
    let page_id = lo.get_pages().values().next().copied().unwrap_or((0, 0));
    let reference =
        |d: &lopdf::Dictionary, key: &[u8]| d.get(key).and_then(lopdf::Object::as_reference).ok();
    let (parent, resources, contents) = match lo.get_dictionary(page_id) {
        Ok(d) => (
            reference(d, b"Parent"),
            reference(d, b"Resources"),
            reference(d, b"Contents"),
        ),
        Err(_) => (None, None, None),
    };
    lo.objects.remove(&page_id);
    if let Some(c) = contents {
        lo.objects.remove(&c);
    }
    let parent = parent.unwrap_or_else(|| lo.new_object_id());
    let resources = resources.unwrap_or_else(|| lo.add_object(lopdf::Dictionary::new()));
    (parent, resources)
}

/// Compresses every stream that has no filter yet (the fonts and their maps; the pages are
/// compressed as they are added) with zlib at a fast level.
fn compress_streams(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(s) = object
            && s.dict.get(b"Filter").is_err()
        {
            compress_stream(s);
        }
    }
}

fn compress_stream(stream: &mut lopdf::Stream) {
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
