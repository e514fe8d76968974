//! The tender pack as a Word document: the PDF's sections, rows and cells (`report::writer`)
//! written with docx-rs in Word's built-in styles (Title, Heading 1–3, Caption, TOC, a named
//! table style), a table-of-contents field, page numbers in the footer, and the drawing as a
//! PNG in a landscape section of its own. `package` makes the file deterministic and merges a
//! company template.

mod package;
mod styles;
mod template;

use super::ExportError;
use crate::analysis::{Assessment, assess};
use crate::catalog::Catalog;
use crate::model::Project;
use crate::model::text::visible_lines;
use crate::report::fonts::Fonts;
use crate::report::layout::{Cell, Column, Rgb};
use crate::report::writer::{Level, Writer};
use crate::report::{ExportOptions, Paper, ReportError};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrText, InstrToC, NumPages,
    PageMargin, PageNum, PageOrientationType, Paragraph, Pic, PositionalTab,
    PositionalTabAlignmentType, PositionalTabRelativeTo, Run, Section, Shading, ShdType,
    TabLeaderType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

pub use package::TemplateError;
pub use styles::{CAPTION, HEADINGS, NOTE, TABLE_STYLE, TITLE};

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
/// bidirectional characters as visible escapes (XML cannot hold most of them at all).
fn shown(text: &str) -> String {
    let plain = text.replace("\r\n", "\n").replace(['\t', '\r'], " ");
    visible_lines(&plain).into_owned()
}

/// A paragraph or table of the body, in order.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// A heading listed in the table of contents.
struct TocEntry {
    level: usize,
    text: String,
}

/// Where the table of contents goes: its position among the blocks of a section.
#[derive(Clone, Copy)]
struct TocAt {
    section: usize,
    block: usize,
}

/// Collects the sections of the pack as Word paragraphs and tables.
struct DocxWriter<'a> {
    fonts: &'a Fonts,
    /// Finished sections: their blocks and the paper of a landscape drawing section.
    sections: Vec<(Vec<Block>, Option<Paper>)>,
    /// The blocks of the section being written (portrait A4).
    blocks: Vec<Block>,
    /// Pages begun so far.
    pages: usize,
    /// The page start before which the table of contents goes (1: the first page).
    toc_before_page: usize,
    toc_at: Option<TocAt>,
    toc: Vec<TocEntry>,
    /// A page break is due before the next block.
    break_due: bool,
    /// The first error met (the drawing's PNG), reported when the document is finished.
    error: Option<ExportError>,
    /// The SVG of each drawing, embedded beside its PNG.
    svgs: Vec<String>,
    figures: usize,
}

impl<'a> DocxWriter<'a> {
    fn new(fonts: &'a Fonts, toc_before_page: usize) -> DocxWriter<'a> {
        DocxWriter {
            fonts,
            sections: Vec::new(),
            blocks: Vec::new(),
            pages: 0,
            toc_before_page,
            toc_at: None,
            toc: Vec::new(),
            break_due: false,
            error: None,
            svgs: Vec::new(),
            figures: 0,
        }
    }

    /// Adds a paragraph, on a new page when one is due.
    fn push_paragraph(&mut self, mut p: Paragraph) {
        if std::mem::take(&mut self.break_due) {
            p = p.page_break_before(true);
        }
        self.blocks.push(Block::Paragraph(Box::new(p)));
    }

    fn push_table(&mut self, t: Table) {
        if std::mem::take(&mut self.break_due) {
            // a table cannot start a page by itself: an empty paragraph does
            self.push_paragraph(Paragraph::new().style(NOTE));
        } else if matches!(self.blocks.last(), Some(Block::Table(_))) {
            // two tables in a row would become one
            self.push_paragraph(Paragraph::new().style(NOTE));
        }
        self.blocks.push(Block::Table(Box::new(t)));
    }

    /// Notes a page start; the table of contents comes before the chosen one.
    fn page_start(&mut self) {
        self.pages += 1;
        let toc_here = self.pages == self.toc_before_page;
        if toc_here {
            self.toc_at = Some(TocAt {
                section: self.sections.len(),
                block: self.blocks.len(),
            });
        }
        // the first page needs no break, nor one after a section break; after the contents,
        // the next page does
        self.break_due = !self.blocks.is_empty() || toc_here;
    }

    fn heading_paragraph(&mut self, style: &str, text: &str, outline: Option<usize>) {
        let p = Paragraph::new()
            .style(style)
            .keep_next(true)
            .add_run(Run::new().add_text(shown(text)));
        if let Some(level) = outline {
            self.toc.push(TocEntry {
                level,
                text: shown(text).replace('\n', " "),
            });
        }
        self.push_paragraph(p);
    }

    /// The document: sections, the table of contents, the footer on every page.
    fn finish(mut self, project: &Project) -> Result<Docx, ExportError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let last = std::mem::take(&mut self.blocks);
        self.sections.push((last, None));
        if let Some(at) = self.toc_at {
            let toc = toc_blocks(&self.toc);
            if let Some((blocks, _)) = self.sections.get_mut(at.section) {
                let at = at.block.min(blocks.len());
                let tail = blocks.split_off(at);
                let had_before = !blocks.is_empty();
                let mut toc = toc;
                if had_before && let Some(Block::Paragraph(p)) = toc.first_mut() {
                    **p = (**p).clone().page_break_before(true);
                }
                blocks.extend(toc);
                blocks.extend(tail);
            }
        }
        let footer = || footer(project);
        let mut docx = styles::document()
            .page_size(twips(210.0), twips(297.0))
            .page_margin(margins())
            .footer(footer());
        let n = self.sections.len();
        for (i, (blocks, paper)) in self.sections.into_iter().enumerate() {
            if i + 1 == n {
                for b in blocks {
                    docx = match b {
                        Block::Paragraph(p) => docx.add_paragraph(*p),
                        Block::Table(t) => docx.add_table(*t),
                    };
                }
                continue;
            }
            let (w, h, orient) = match paper {
                Some(paper) => {
                    let (w, h) = paper.landscape_mm();
                    (w, h, PageOrientationType::Landscape)
                }
                None => (210.0, 297.0, PageOrientationType::Portrait),
            };
            let mut section = Section::new()
                .page_size(
                    docx_rs::PageSize::new()
                        .size(twips(w), twips(h))
                        .orient(orient),
                )
                .page_margin(margins())
                .footer(footer());
            for b in blocks {
                section = match b {
                    Block::Paragraph(p) => section.add_paragraph(*p),
                    Block::Table(t) => section.add_table(*t),
                };
            }
            docx = docx.add_section(section);
        }
        Ok(docx)
    }
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
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_owned()
        } else {
            shown(s.trim())
        }
    };
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
fn toc_blocks(entries: &[TocEntry]) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(Box::new(
        Paragraph::new()
            .style(styles::TOC_HEADING)
            .add_run(Run::new().add_text("Contents")),
    ))];
    let instr = InstrToC::new().heading_styles_range(1, 2).hyperlink();
    let mut begin = Paragraph::new().style(styles::TOC[0]).add_run(
        Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(InstrText::TOC(instr))
            .add_field_char(FieldCharType::Separate, false),
    );
    if entries.is_empty() {
        begin = begin.add_run(Run::new().add_text("(no headings)"));
    }
    let mut paragraphs = vec![begin];
    for (i, e) in entries.iter().filter(|e| e.level <= 2).enumerate() {
        let style = styles::TOC[e.level.clamp(1, 3) - 1];
        let run = Run::new().add_text(e.text.clone());
        if i == 0 {
            let first = paragraphs.remove(0);
            paragraphs.push(first.style(style).add_run(run));
        } else {
            paragraphs.push(Paragraph::new().style(style).add_run(run));
        }
    }
    if let Some(last) = paragraphs.pop() {
        paragraphs.push(last.add_run(Run::new().add_field_char(FieldCharType::End, false)));
    }
    blocks.extend(
        paragraphs
            .into_iter()
            .map(|p| Block::Paragraph(Box::new(p))),
    );
    blocks
}

/// Word's size in half-points of a PDF size in points (tables keep the PDF's proportions).
fn half_points(size: f32) -> usize {
    (size * 2.0).round().max(2.0) as usize
}

fn cell_of(c: &Cell, width_mm: f32, size: f32, header: bool) -> TableCell {
    let mut cell = TableCell::new().width(twips(width_mm) as usize, WidthType::Dxa);
    let fill = if header {
        Some(Rgb::HEADER_FILL)
    } else {
        c.fill
    };
    if let Some(fill) = fill {
        cell = cell.shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(hex(fill)),
        );
    }
    let text = shown(&c.text);
    for line in text.split('\n') {
        let mut run = Run::new().add_text(line).size(half_points(size));
        if c.bold || header {
            run = run.bold();
        }
        if let Some(color) = c.color {
            run = run.color(hex(color));
        }
        cell = cell.add_paragraph(Paragraph::new().style(styles::TABLE_TEXT).add_run(run));
    }
    cell
}

impl Writer for DocxWriter<'_> {
    fn fonts(&self) -> &Fonts {
        self.fonts
    }

    fn new_page(&mut self) {
        self.page_start();
    }

    fn heading(&mut self, level: Level, text: &str, _size: f32) {
        match level {
            Level::Title => self.heading_paragraph(TITLE, text, None),
            Level::H1 => self.heading_paragraph(HEADINGS[0], text, Some(1)),
            Level::H2 => self.heading_paragraph(HEADINGS[1], text, Some(2)),
            Level::H3 => self.heading_paragraph(HEADINGS[2], text, Some(3)),
        }
    }

    fn part(&mut self, text: &str) {
        self.heading_paragraph(HEADINGS[0], text, Some(1));
    }

    fn paragraph(&mut self, text: &str, _size: f32, color: Rgb) {
        // grey text is a note on what follows; black text is body text
        let style = if color == Rgb::BLACK {
            styles::BODY
        } else {
            NOTE
        };
        let mut p = Paragraph::new().style(style);
        for (i, line) in shown(text).split('\n').enumerate() {
            let mut run = Run::new();
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            p = p.add_run(run.add_text(line));
        }
        self.push_paragraph(p);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], size: f32) {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let scale = if total > 0.0 {
            TEXT_WIDTH_MM / total
        } else {
            1.0
        };
        let widths: Vec<f32> = columns.iter().map(|c| c.width * scale).collect();
        // the header row repeats on every page (`package` marks rows that cannot split
        // as header rows: only header rows are made so)
        let header = TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell_of(&Cell::bold(c.title.as_str()), *w, size, true))
                .collect(),
        )
        .cant_split();
        let mut table_rows = vec![header];
        for row in rows {
            table_rows.push(TableRow::new(
                widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        cell_of(&row.get(i).cloned().unwrap_or_default(), *w, size, false)
                    })
                    .collect(),
            ));
        }
        let table = Table::new(table_rows)
            .style(TABLE_STYLE)
            .layout(TableLayoutType::Fixed)
            .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
            .width(twips(TEXT_WIDTH_MM) as usize, WidthType::Dxa);
        self.push_table(table);
    }

    fn gap(&mut self, _mm: f32) {}

    fn keep(&mut self, _mm: f32) {}

    fn drawing(&mut self, project: &Project, catalog: &Catalog, _a: &Assessment, paper: Paper) {
        self.page_start();
        self.break_due = false;
        // the pages so far end in a portrait section; the drawing has its own
        let before = std::mem::take(&mut self.blocks);
        let toc_here = self
            .toc_at
            .is_some_and(|at| at.section == self.sections.len());
        if !before.is_empty() || toc_here {
            self.sections.push((before, None));
        }
        let (w_mm, h_mm) = paper.landscape_mm();
        let png = super::svg::drawing_svg(project, catalog, paper, true, true)
            .map_err(ExportError::from)
            .and_then(|svg| {
                let (w, h) = (
                    (w_mm * DRAWING_PX_PER_MM) as u32,
                    (h_mm * DRAWING_PX_PER_MM) as u32,
                );
                super::png::render(&svg, w, h).map(|bytes| (bytes, w, h, svg))
            });
        let (bytes, w, h, svg) = match png {
            Ok(x) => x,
            Err(e) => {
                self.error.get_or_insert(e);
                return;
            }
        };
        // as large as the page allows under its margins, with room for the caption
        let (avail_w, avail_h) = (w_mm - 2.0 * MARGIN_MM, h_mm - 2.0 * MARGIN_MM - 14.0);
        let scale = (avail_w / w_mm).min(avail_h / h_mm);
        let (ew, eh) = (
            (w_mm * scale * EMU_PER_MM) as u32,
            (h_mm * scale * EMU_PER_MM) as u32,
        );
        self.figures += 1;
        self.svgs.push(svg);
        let pic = Pic::new_with_dimensions(bytes, w, h)
            .id(format!("rIdDrawing{}", self.figures))
            .size(ew, eh);
        self.blocks.push(Block::Paragraph(Box::new(
            Paragraph::new()
                .align(AlignmentType::Center)
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        )));
        let title = if project.meta.title.trim().is_empty() {
            "the plant".to_owned()
        } else {
            shown(project.meta.title.trim())
        };
        self.blocks.push(Block::Paragraph(Box::new(
            Paragraph::new()
                .style(CAPTION)
                .add_run(Run::new().add_text("Figure "))
                .add_run(
                    Run::new()
                        .add_field_char(FieldCharType::Begin, false)
                        .add_instr_text(InstrText::Unsupported(" SEQ Figure \\* ARABIC ".into()))
                        .add_field_char(FieldCharType::Separate, false)
                        .add_text(self.figures.to_string())
                        .add_field_char(FieldCharType::End, false),
                )
                .add_run(Run::new().add_text(format!(
                    ": Zone and conduit architecture of {title}, coloured by the worst gap (OK none, 1 one level, 2+ two or more, ? unknown)"
                ))),
        )));
        let drawing = std::mem::take(&mut self.blocks);
        self.sections.push((drawing, Some(paper)));
    }
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
    let mut w = DocxWriter::new(&fonts, if s.title { 2 } else { 1 });
    crate::report::write_sections(&mut w, project, catalog, &a, options);
    let svgs = std::mem::take(&mut w.svgs);
    let docx = w.finish(project)?;
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    let props = package::Properties::of(project, &a);
    package::finish(&raw.into_inner(), &props, &svgs, template)
}
