//! Reading exported PDFs back in tests: the text of every page (lopdf), and the empty section
//! set that tests start from. Shared by tests/it/pdf.rs and tests/it/pdf_risk.rs.
#![allow(dead_code)]

use zonewright::report::Sections;

/// Every section off; tests switch on what they check.
pub const NONE: Sections = Sections {
    title: false,
    drawing: false,
    summary: false,
    risk: false,
    details: false,
    matrix: false,
    components: false,
    flows: false,
    findings: false,
};

/// The text of a PDF file's bytes (see [`text`]).
pub fn pdf_text(bytes: &[u8]) -> String {
    text(&lopdf::Document::load_mem(bytes).expect("the export is a readable PDF"))
}

/// All text of the document, every separately placed piece of text followed by a space, and
/// runs of whitespace collapsed to one space. (lopdf's `extract_text` joins the pieces of one
/// text object without a separator, which would glue table cells together.)
pub fn text(doc: &lopdf::Document) -> String {
    let mut out = String::new();
    for page in pieces(doc) {
        for piece in page {
            match piece {
                Piece::Text(t) => out.push_str(&t),
                Piece::Break => out.push(' '),
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text runs (`Tj`) of each page, decoded, in order.
pub fn page_runs(doc: &lopdf::Document) -> Vec<Vec<String>> {
    pieces(doc)
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter_map(|p| match p {
                    Piece::Text(t) => Some(t),
                    Piece::Break => None,
                })
                .collect()
        })
        .collect()
}

/// What a page's content stream places: a decoded text run, or a move to another place.
enum Piece {
    Text(String),
    Break,
}

fn pieces(doc: &lopdf::Document) -> Vec<Vec<Piece>> {
    let mut pages = Vec::new();
    for page_id in doc.get_pages().values() {
        let fonts = doc.get_page_fonts(*page_id).expect("page fonts");
        let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(doc).expect("font encoding")))
            .collect();
        let content = doc
            .get_and_decode_page_content(*page_id)
            .expect("page content");
        let mut encoding = None;
        let mut out = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    encoding = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| encodings.get(n))
                }
                "Tj" => {
                    let bytes = op
                        .operands
                        .first()
                        .and_then(|s| s.as_str().ok())
                        .expect("string operand");
                    let enc = encoding.expect("a font is set before text");
                    out.push(Piece::Text(
                        lopdf::Document::decode_text(enc, bytes).expect("decodable text"),
                    ));
                }
                "Tm" | "Td" | "TD" | "T*" | "ET" => out.push(Piece::Break),
                _ => {}
            }
        }
        pages.push(out);
    }
    pages
}
