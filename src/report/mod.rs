//! Reports: the PDF tender pack (title page, architecture drawing, SL summary, per-element
//! characteristics and requirement matrices, risk assessment, overview matrix, findings
//! register, approval). Layout is
//! computed in `layout`/`content` without PDF calls; `pdf` is the only user of printpdf.

pub mod amendments;
mod cells;
mod components;
pub(crate) use components::sl_c_text;
mod content;
pub(crate) mod drawing;
mod flows;
pub mod fonts;
pub mod glyphs;
pub mod layout;
mod pdf;
mod requirements;
mod risk;
mod risk_record;
pub mod writer;

pub use content::gap_colors;
pub(crate) use content::{gap_tint, status_colors};

use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::Project;

/// Paper for the drawing page (always landscape). Text pages are A4 portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    /// Width and height in mm of the landscape sheet.
    pub(crate) fn landscape_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        }
    }
}

/// Which sections to include, in their fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections {
    pub title: bool,
    pub drawing: bool,
    pub summary: bool,
    /// The risk method, the initial risk assessment and the risk register.
    pub risk: bool,
    pub details: bool,
    pub matrix: bool,
    /// IEC 62443-4-2 requirements per zone, conduit and component class, with SL-C sources.
    pub components: bool,
    /// The communication matrix and each boundary device's firewall rule schedule.
    pub flows: bool,
    pub findings: bool,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            title: true,
            drawing: true,
            summary: true,
            risk: true,
            details: true,
            matrix: true,
            components: true,
            flows: true,
            findings: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    pub paper: Paper,
    pub sections: Sections,
    /// Leave out the requirement rows nobody has assessed (no status, text, evidence or notes);
    /// each matrix says how many it leaves out.
    pub compact: bool,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Font(#[from] fonts::FontError),
    #[error("nothing to export: every section is switched off")]
    Empty,
}

/// The laid-out pages of the tender pack (for tests and other export formats).
pub fn layout_pages(
    project: &Project,
    catalog: &Catalog,
    options: &ExportOptions,
    fonts: &fonts::Fonts,
) -> Vec<layout::Page> {
    let assessment = assess(project, catalog);
    content::build(project, catalog, &assessment, options, fonts, None)
}

/// Writes the sections `options` asks for, in their fixed order, to `writer` (the Word
/// document takes the PDF's rows this way).
pub(crate) fn write_sections(
    writer: &mut dyn writer::Writer,
    project: &Project,
    catalog: &Catalog,
    a: &crate::analysis::Assessment,
    options: &ExportOptions,
    amend: Option<&amendments::Amendments>,
) {
    content::sections(writer, project, catalog, a, options, amend);
}

/// The tender pack as PDF bytes. Deterministic: the same project gives the same bytes.
///
/// Laid out twice, page by page: the first pass finds the characters each font must have and
/// the number of pages, the second writes each page as soon as it is laid out. No pass keeps
/// the layout of the whole report, so the memory needed grows with the finished file only.
pub fn export_pdf(
    project: &Project,
    catalog: &Catalog,
    options: &ExportOptions,
) -> Result<Vec<u8>, ReportError> {
    export_pdf_amended(project, catalog, options, None)
}

/// [`export_pdf`] with the amendments since an older revision: the register after the
/// revision history, the marks in the drawing, the change bars in the tables.
pub fn export_pdf_amended(
    project: &Project,
    catalog: &Catalog,
    options: &ExportOptions,
    amend: Option<&amendments::Amendments>,
) -> Result<Vec<u8>, ReportError> {
    let fonts = fonts::Fonts::load()?;
    let assessment = assess(project, catalog);
    let mut scan = pdf::GlyphScan::new(&fonts);
    let pages = content::stream(
        project,
        catalog,
        &assessment,
        (options, amend),
        &fonts,
        &mut scan,
        0,
    );
    if pages == 0 {
        return Err(ReportError::Empty);
    }
    let title = if project.meta.title.is_empty() {
        "zonewright project"
    } else {
        &project.meta.title
    };
    let writer = pdf::Writer::new(&fonts, &scan, title);
    // the pages are laid out here and written on a second thread; a few pages wait at most
    let writer = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<layout::Page>(8);
        let worker = scope.spawn(move || {
            let mut writer = writer;
            for page in rx {
                writer.add(&page);
            }
            writer
        });
        let mut sink = Pages(tx);
        let written = content::stream(
            project,
            catalog,
            &assessment,
            (options, amend),
            &fonts,
            &mut sink,
            pages,
        );
        debug_assert_eq!(written, pages, "the layout is deterministic");
        drop(sink);
        worker.join()
    });
    match writer {
        Ok(writer) => Ok(writer.finish()),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The architecture drawing on its own landscape `paper` page, with or without the title block
/// (the legend is always there): what the SVG and PNG exports render.
pub fn drawing(
    project: &Project,
    catalog: &Catalog,
    paper: Paper,
    title_block: bool,
    fonts: &fonts::Fonts,
) -> layout::Page {
    drawing_amended(project, catalog, paper, title_block, fonts, None)
}

/// [`drawing`] with the revision marks of `amend` (the Word pack's drawing).
pub fn drawing_amended(
    project: &Project,
    catalog: &Catalog,
    paper: Paper,
    title_block: bool,
    fonts: &fonts::Fonts,
    amend: Option<&amendments::Amendments>,
) -> layout::Page {
    let assessment = assess(project, catalog);
    drawing::drawing(
        project,
        catalog,
        &assessment,
        fonts,
        paper.landscape_mm(),
        title_block,
        amend,
    )
}

/// Hands laid-out pages to the writer's thread.
struct Pages(std::sync::mpsc::SyncSender<layout::Page>);

impl layout::PageSink for Pages {
    fn page(&mut self, page: layout::Page) {
        // fails only when the writer's thread panicked, which `join` then reports
        let _ = self.0.send(page);
    }
}
