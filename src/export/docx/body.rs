//! The body of the Word pack, written twice like the PDF: a first pass ([`Scan`]) finds the
//! headings for the contents and where the contents and the drawing fall; the second writes
//! each paragraph and table as XML straight into the package, between the pieces of the
//! skeleton docx-rs made (contents, drawing section, section ends), so that memory grows with
//! the finished file only, never with the document's XML.

use super::styles::{self, NOTE, TABLE_STYLE};
use super::{ExportError, TEXT_WIDTH_MM, hex, shown, twips};
use crate::analysis::Assessment;
use crate::catalog::Catalog;
use crate::model::Project;
use crate::report::Paper;
use crate::report::fonts::Fonts;
use crate::report::layout::{Cell, Column, Rgb};
use crate::report::writer::{Level, Writer};
use docx_rs::{
    BreakType, BuildXML, Paragraph, Run, Shading, ShdType, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};
use std::io::Write;

/// Where the stream of paragraphs and tables is interrupted by a piece of the skeleton.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event {
    /// The contents; `after_content`: on a new page after what the section already holds.
    Toc { after_content: bool },
    /// The drawing's landscape section.
    Drawing(Paper),
}

/// A heading for the contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    pub level: usize,
    pub text: String,
}

/// What the first pass finds.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    pub events: Vec<Event>,
    pub toc: Vec<TocEntry>,
    /// Blocks in each stretch of the stream: before the first event, between events, after
    /// the last (one more than there are events).
    pub streams: Vec<usize>,
}

/// The second pass's output: the package's document part.
struct Out<'a> {
    sink: &'a mut dyn Write,
    /// The skeleton's pieces; piece `k + 1` follows stretch `k`.
    pieces: &'a [String],
    next: usize,
    /// Style ids renamed to a template's.
    renamed: &'a [(String, String)],
    error: Option<std::io::Error>,
}

/// A writer of the sections: scanning (no output), or writing into a package.
pub struct Body<'a> {
    fonts: &'a Fonts,
    pages: usize,
    /// The page start before which the contents go (1: the first page).
    toc_before_page: usize,
    /// Blocks since the section began.
    in_section: usize,
    break_due: bool,
    last_was_table: bool,
    scan: Scan,
    out: Option<Out<'a>>,
}

impl<'a> Body<'a> {
    /// The first pass.
    pub(crate) fn scanning(fonts: &'a Fonts, toc_before_page: usize) -> Body<'a> {
        Body {
            fonts,
            pages: 0,
            toc_before_page,
            in_section: 0,
            break_due: false,
            last_was_table: false,
            scan: Scan {
                streams: vec![0],
                ..Scan::default()
            },
            out: None,
        }
    }

    pub(crate) fn scan(self) -> Scan {
        self.scan
    }

    /// Runs the second pass over the sections into `sink`: `pieces[0]`, the first stretch,
    /// `pieces[1]` …, the last piece.
    pub fn write(
        fonts: &Fonts,
        toc_before_page: usize,
        (project, catalog, a): (&Project, &Catalog, &Assessment),
        (options, amend): (
            &crate::report::ExportOptions,
            Option<&crate::report::amendments::Amendments>,
        ),
        pieces: &[String],
        renamed: &[(String, String)],
        sink: &mut dyn Write,
    ) -> Result<(), ExportError> {
        let io = |e: std::io::Error| ExportError::Docx(e.to_string());
        let first = pieces
            .first()
            .ok_or_else(|| ExportError::Docx("no skeleton".into()))?;
        sink.write_all(first.as_bytes()).map_err(io)?;
        let mut body = Body::scanning(fonts, toc_before_page);
        body.out = Some(Out {
            sink,
            pieces,
            next: 1,
            renamed,
            error: None,
        });
        crate::report::write_sections(&mut body, project, catalog, a, options, amend);
        let Some(out) = body.out.take() else {
            return Err(ExportError::Docx("the writer lost its output".into()));
        };
        if let Some(e) = out.error {
            return Err(io(e));
        }
        if out.next + 1 != pieces.len() {
            return Err(ExportError::Docx(
                "the second pass did not match the first".into(),
            ));
        }
        let last = pieces.last().map_or("", String::as_str);
        out.sink.write_all(last.as_bytes()).map_err(io)
    }

    fn block(&mut self, xml: &[u8]) {
        self.in_section += 1;
        match &mut self.out {
            None => {
                if let Some(n) = self.scan.streams.last_mut() {
                    *n += 1;
                }
            }
            Some(out) if out.error.is_none() => {
                let fixed = super::package::fix_block(&String::from_utf8_lossy(xml), out.renamed);
                if let Err(e) = out.sink.write_all(fixed.as_bytes()) {
                    out.error = Some(e);
                }
            }
            Some(_) => {}
        }
    }

    fn event(&mut self, event: Event) {
        self.last_was_table = false;
        match &mut self.out {
            None => {
                self.scan.events.push(event);
                self.scan.streams.push(0);
            }
            Some(out) => {
                let piece = out.pieces.get(out.next).map_or("", String::as_str);
                out.next += 1;
                if out.error.is_none()
                    && let Err(e) = out.sink.write_all(piece.as_bytes())
                {
                    out.error = Some(e);
                }
            }
        }
    }

    /// Adds a paragraph, on a new page when one is due.
    fn paragraph_block(&mut self, mut p: Paragraph) {
        if std::mem::take(&mut self.break_due) {
            p = p.page_break_before(true);
        }
        self.last_was_table = false;
        self.block(&p.build());
    }

    fn table_block(&mut self, t: Table) {
        if self.break_due || self.last_was_table {
            // a table cannot start a page by itself, and two tables in a row would become
            // one: an empty paragraph between
            self.paragraph_block(Paragraph::new().style(NOTE));
        }
        self.block(&t.build());
        self.last_was_table = true;
    }

    /// A page starts; the contents come before the chosen one.
    fn page_start(&mut self) {
        self.pages += 1;
        let toc_here = self.pages == self.toc_before_page;
        if toc_here {
            let after_content = self.in_section > 0;
            self.event(Event::Toc { after_content });
            self.in_section += 1;
        }
        // no break on the first page, nor after a section break
        self.break_due = self.in_section > 0;
    }

    fn heading_block(&mut self, style: &str, text: &str, level: Option<usize>) {
        if let Some(level) = level
            && self.out.is_none()
        {
            self.scan.toc.push(TocEntry {
                level,
                text: shown(text).replace('\n', " "),
            });
        }
        let p = Paragraph::new()
            .style(style)
            .keep_next(true)
            .add_run(Run::new().add_text(shown(text)));
        self.paragraph_block(p);
    }
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
    if c.changed {
        // the change bar: a heavy rule on the row's left edge
        cell = cell.set_border(
            docx_rs::TableCellBorder::new(docx_rs::TableCellBorderPosition::Left)
                .border_type(docx_rs::BorderType::Single)
                .size(36)
                .color("000000"),
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

impl Writer for Body<'_> {
    fn fonts(&self) -> &Fonts {
        self.fonts
    }

    fn new_page(&mut self) {
        self.page_start();
    }

    fn heading(&mut self, level: Level, text: &str, _size: f32) {
        match level {
            Level::Title => self.heading_block(styles::TITLE, text, None),
            Level::H1 => self.heading_block(styles::HEADINGS[0], text, Some(1)),
            Level::H2 => self.heading_block(styles::HEADINGS[1], text, Some(2)),
            Level::H3 => self.heading_block(styles::HEADINGS[2], text, Some(3)),
        }
    }

    fn part(&mut self, text: &str) {
        self.heading_block(styles::HEADINGS[0], text, Some(1));
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
        self.paragraph_block(p);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], size: f32) {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let scale = if total > 0.0 {
            TEXT_WIDTH_MM / total
        } else {
            1.0
        };
        let widths: Vec<f32> = columns.iter().map(|c| c.width * scale).collect();
        // the header row repeats on every page (`package` marks the rows that cannot split as
        // header rows: only header rows are made so)
        let header = TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell_of(&Cell::bold(c.title.as_str()), *w, size, true))
                .collect(),
        )
        .cant_split();
        let mut table_rows = Vec::with_capacity(rows.len() + 1);
        table_rows.push(header);
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
        self.table_block(table);
    }

    fn gap(&mut self, _mm: f32) {}

    fn keep(&mut self, _mm: f32) {}

    fn drawing(
        &mut self,
        _project: &Project,
        _catalog: &Catalog,
        _a: &Assessment,
        paper: Paper,
        _amend: Option<&crate::report::amendments::Amendments>,
    ) {
        self.page_start();
        // the drawing is in the skeleton, in a section of its own; what follows starts the
        // next section on a new page
        self.event(Event::Drawing(paper));
        self.in_section = 0;
        self.break_due = false;
    }
}
