//! The tender pack as a Word document: the PDF's sections, rows and cells (`report::writer`)
//! written with docx-rs in Word's built-in styles (Title, Heading 1–3, Caption, TOC, a named
//! table style), a table-of-contents field, page numbers in the footer, and the drawing as a
//! PNG (and SVG) in a landscape section of its own. This module makes the document's frame;
//! `body` writes the sections into it in two passes, `package` makes the file deterministic
//! and `template` merges a company template.

mod body;
mod package;
mod styles;
mod template;

use super::{ExportError, png, svg};
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::Project;
use crate::model::text::visible_lines;
use crate::report::fonts::Fonts;
use crate::report::layout::Rgb;
use crate::report::{ExportOptions, Paper, ReportError};
use body::{Event, Scan, TocEntry};
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrText, InstrToC, NumPages, PageMargin, PageNum,
    PageOrientationType, PageSize, Paragraph, Pic, PositionalTab, PositionalTabAlignmentType,
    PositionalTabRelativeTo, Run, Section, TabLeaderType,
};

pub use package::TemplateError;

/// Twips (twentieths of a point) per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
/// EMU (the unit of drawings) per millimetre.
const EMU_PER_MM: f32 = 36_000.0;
/// Page margins, mm: left and right, top, bottom.
const MARGIN_MM: f32 = 20.0;
/// Text width of an A4 portrait page, mm.
const TEXT_WIDTH_MM: f32 = 210.0 - 2.0 * MARGIN_MM;
/// Pixels per millimetre of the drawing's PNG (about 250 DPI).
const DRAWING_PX_PER_MM: f32 = 10.0;

fn twips(mm: f32) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Text as Word shows it: tabs as spaces, Windows line ends as line ends, other control and
/// bidirectional characters as visible escapes (XML cannot hold most of them at all), and the
/// private-use character of the skeleton's placeholders escaped too.
fn shown(text: &str) -> String {
    let plain = text.replace("\r\n", "\n").replace(['\t', '\r'], " ");
    visible_lines(&plain).replace('\u{E000}', "\\u{e000}")
}

fn margins() -> PageMargin {
    let m = twips(MARGIN_MM) as i32;
    PageMargin::new()
        .top(m)
        .bottom(m)
        .left(m)
        .right(m)
        .header(twips(10.0) as i32)
        .footer(twips(10.0) as i32)
}

/// "Title · Doc. number · Revision r" and "Page n of N" (fields Word and LibreOffice fill in).
fn footer(project: &Project) -> Footer {
    let m = &project.meta;
    let or_dash = |s: &str| shown(crate::analysis::register::or_dash(s));
    let title = if m.title.trim().is_empty() {
        "zonewright project".to_owned()
    } else {
        shown(m.title.trim())
    };
    let left = format!(
        "{title} · Doc. {} · Revision {}",
        or_dash(&m.document_number),
        or_dash(&m.revision)
    );
    Footer::new().add_paragraph(
        Paragraph::new()
            .style(styles::FOOTER)
            .add_run(
                Run::new()
                    .add_text(left)
                    .add_ptab(PositionalTab::new(
                        PositionalTabAlignmentType::Right,
                        PositionalTabRelativeTo::Margin,
                        TabLeaderType::None,
                    ))
                    .add_text("Page "),
            )
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    )
}

/// The "Contents" heading and the TOC field over headings 1 and 2 (the third level is every
/// zone's "Requirement matrix"), with the entries as its current result; Word adds the page
/// numbers when it updates the field.
fn toc_paragraphs(entries: &[TocEntry], after_content: bool) -> Vec<Paragraph> {
    let heading = Paragraph::new()
        .style(styles::TOC_HEADING)
        .page_break_before(after_content)
        .add_run(Run::new().add_text("Contents"));
    let instr = InstrToC::new().heading_styles_range(1, 2).hyperlink();
    let begin = Run::new()
        .add_field_char(FieldCharType::Begin, true)
        .add_instr_text(InstrText::TOC(instr))
        .add_field_char(FieldCharType::Separate, false);
    let mut paragraphs = vec![heading];
    let listed: Vec<&TocEntry> = entries.iter().filter(|e| e.level <= 2).collect();
    if listed.is_empty() {
        paragraphs.push(
            Paragraph::new()
                .style(styles::TOC[0])
                .add_run(begin.clone())
                .add_run(Run::new().add_text("(no headings)")),
        );
    }
    for (i, e) in listed.iter().enumerate() {
        let mut p = Paragraph::new().style(styles::TOC[e.level.clamp(1, 3) - 1]);
        if i == 0 {
            p = p.add_run(begin.clone());
        }
        paragraphs.push(p.add_run(Run::new().add_text(e.text.clone())));
    }
    if let Some(last) = paragraphs.pop() {
        paragraphs.push(last.add_run(Run::new().add_field_char(FieldCharType::End, false)));
    }
    paragraphs
}

/// The text of the paragraph that stands for stretch `i` of the body in the skeleton (a
/// private-use character no shown text keeps, so that no project text can look like it).
pub(crate) fn placeholder_text(i: usize) -> String {
    format!("\u{E000}zonewright body {i}\u{E000}")
}

/// The drawing as a PNG (and its SVG) that fills the landscape page, and its caption.
fn drawing_paragraphs(
    (project, catalog): (&Project, &Catalog),
    paper: Paper,
    figure: usize,
    amend: Option<&crate::report::amendments::Amendments>,
) -> Result<(Vec<Paragraph>, String), ExportError> {
    let (w_mm, h_mm) = paper.landscape_mm();
    let svg = svg::drawing_svg_amended(project, catalog, (paper, true, true), amend)?;
    let (w, h) = (
        (w_mm * DRAWING_PX_PER_MM) as u32,
        (h_mm * DRAWING_PX_PER_MM) as u32,
    );
    let png = png::render(&svg, w, h)?;
    // as large as the page allows under its margins, with room for the caption
    let (avail_w, avail_h) = (w_mm - 2.0 * MARGIN_MM, h_mm - 2.0 * MARGIN_MM - 14.0);
    let scale = (avail_w / w_mm).min(avail_h / h_mm);
    let (ew, eh) = (
        (w_mm * scale * EMU_PER_MM) as u32,
        (h_mm * scale * EMU_PER_MM) as u32,
    );
    let pic = Pic::new_with_dimensions(png, w, h)
        .id(format!("rIdDrawing{figure}"))
        .size(ew, eh);
    let title = if project.meta.title.trim().is_empty() {
        "the plant".to_owned()
    } else {
        shown(project.meta.title.trim())
    };
    let picture = Paragraph::new()
        .align(AlignmentType::Center)
        .keep_next(true)
        .add_run(Run::new().add_image(pic));
    let caption = Paragraph::new()
        .style(styles::CAPTION)
        .add_run(Run::new().add_text("Figure "))
        .add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::Unsupported(" SEQ Figure \\* ARABIC ".into()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text(figure.to_string())
                .add_field_char(FieldCharType::End, false),
        )
        .add_run(Run::new().add_text(format!(
            ": Zone and conduit architecture of {title}, coloured by the worst gap (OK none, 1 one level, 2+ two or more, ? unknown)"
        )));
    Ok((vec![picture, caption], svg))
}

fn section(paper: Option<Paper>, footer: Footer, children: Vec<Paragraph>) -> Section {
    let (w, h, orient) = match paper {
        Some(paper) => {
            let (w, h) = paper.landscape_mm();
            (w, h, PageOrientationType::Landscape)
        }
        None => (210.0, 297.0, PageOrientationType::Portrait),
    };
    children.into_iter().fold(
        Section::new()
            .page_size(PageSize::new().size(twips(w), twips(h)).orient(orient))
            .page_margin(margins())
            .footer(footer),
        Section::add_paragraph,
    )
}

/// The document around the body: styles, footers, the contents and the drawing's section where
/// the first pass found them, and a placeholder paragraph for each stretch of the body. Also
/// the SVG of each drawing.
fn skeleton(
    project: &Project,
    catalog: &Catalog,
    scan: &Scan,
    amend: Option<&crate::report::amendments::Amendments>,
) -> Result<(Docx, Vec<String>), ExportError> {
    let mut docx = styles::document()
        .page_size(twips(210.0), twips(297.0))
        .page_margin(margins())
        .footer(footer(project));
    let mut svgs = Vec::new();
    let mut children: Vec<Paragraph> = Vec::new();
    // whether the portrait section being made holds anything
    let mut content = false;
    // a drawing section waits until something follows it: the last section is the document's
    let mut pending: Option<(Paper, Vec<Paragraph>)> = None;
    for (i, blocks) in scan.streams.iter().enumerate() {
        children.push(Paragraph::new().add_run(Run::new().add_text(placeholder_text(i))));
        content |= *blocks > 0;
        if content && let Some((paper, paragraphs)) = pending.take() {
            docx = docx.add_section(section(Some(paper), footer(project), paragraphs));
        }
        match scan.events.get(i) {
            // no contents in a document without headings (the drawing alone)
            Some(Event::Toc { after_content }) if !scan.toc.is_empty() => {
                children.extend(toc_paragraphs(&scan.toc, *after_content));
                content = true;
            }
            Some(Event::Toc { .. }) => {}
            Some(Event::Drawing(paper)) => {
                if let Some((paper, paragraphs)) = pending.take() {
                    docx = docx.add_section(section(Some(paper), footer(project), paragraphs));
                }
                let mut paragraphs = Vec::new();
                if content {
                    let portrait = std::mem::take(&mut children);
                    docx = docx.add_section(section(None, footer(project), portrait));
                } else {
                    // nothing before it: its placeholders go into the drawing's section
                    paragraphs.append(&mut children);
                }
                let (drawing, svg) =
                    drawing_paragraphs((project, catalog), *paper, svgs.len() + 1, amend)?;
                svgs.push(svg);
                paragraphs.extend(drawing);
                pending = Some((*paper, paragraphs));
                content = false;
            }
            None => {}
        }
    }
    if let Some((paper, paragraphs)) = pending.take() {
        // the drawing ends the document: the document's own section is landscape
        let (w, h) = paper.landscape_mm();
        docx = docx
            .page_size(twips(w), twips(h))
            .page_orient(PageOrientationType::Landscape);
        for p in paragraphs {
            docx = docx.add_paragraph(p);
        }
    }
    for p in children {
        docx = docx.add_paragraph(p);
    }
    Ok((docx, svgs))
}

/// The tender pack as `.docx` bytes: the sections `options` asks for, in the PDF's order, and
/// on a company `template` (a .docx or .dotx: its styles, header, footer and first page) when
/// given. Deterministic: the same project (and template) gives the same bytes.
pub fn export_docx(
    project: &Project,
    catalog: &Catalog,
    options: &ExportOptions,
    template: Option<(&str, &[u8])>,
) -> Result<Vec<u8>, ExportError> {
    export_docx_amended(project, catalog, options, template, None)
}

/// [`export_docx`] with the amendments since an older revision (the register and the change
/// bars; see `report::amendments`).
pub fn export_docx_amended(
    project: &Project,
    catalog: &Catalog,
    options: &ExportOptions,
    template: Option<(&str, &[u8])>,
    amend: Option<&crate::report::amendments::Amendments>,
) -> Result<Vec<u8>, ExportError> {
    let s = options.sections;
    let any = s.title
        || s.drawing
        || s.summary
        || s.risk
        || s.details
        || s.matrix
        || s.components
        || s.findings;
    if !any {
        return Err(ReportError::Empty.into());
    }
    let fonts = Fonts::load().map_err(ReportError::from)?;
    let a = assess(project, catalog);
    // the contents after the title page, else first
    let toc_before_page = if s.title { 2 } else { 1 };
    let mut first = body::Body::scanning(&fonts, toc_before_page);
    crate::report::write_sections(&mut first, project, catalog, &a, options, amend);
    let scan = first.scan();
    let (docx, svgs) = skeleton(project, catalog, &scan, amend)?;
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    let props = package::Properties::of(project, &a);
    let mut second =
        |pieces: &[String], renamed: &[(String, String)], sink: &mut dyn std::io::Write| {
            body::Body::write(
                &fonts,
                toc_before_page,
                (project, catalog, &a),
                (options, amend),
                pieces,
                renamed,
                sink,
            )
        };
    package::finish(
        &raw.into_inner(),
        &props,
        &svgs,
        scan.streams.len(),
        template,
        &mut second,
    )
}
