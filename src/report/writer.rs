//! What the tender pack's sections write to: headings, paragraphs, tables, page breaks and the
//! drawing. The PDF's page flow ([`Flow`]) and the Word document (`docx`) both implement it, so
//! the two formats carry the same sections, rows and cells, built in one place.

use super::Paper;
use super::amendments::Amendments;
use super::drawing;
use super::fonts::Fonts;
use super::layout::{Cell, Column, Flow, Rgb};
use crate::analysis::Assessment;
use crate::catalog::Catalog;
use crate::model::Project;

/// The level of a heading: the document title, or heading 1 to 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Title,
    H1,
    H2,
    H3,
}

/// A sink for the sections of the tender pack.
pub trait Writer {
    /// The fonts text is measured with.
    fn fonts(&self) -> &Fonts;
    /// Starts a new page.
    fn new_page(&mut self);
    /// A heading of `level`, printed at `size` points in the PDF.
    fn heading(&mut self, level: Level, text: &str, size: f32);
    /// A heading that groups several sections in an editable document's outline (the PDF,
    /// whose sections start on pages of their own, leaves it out).
    fn part(&mut self, text: &str);
    fn paragraph(&mut self, text: &str, size: f32, color: Rgb);
    /// A table whose header row repeats on every page it continues on.
    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], size: f32);
    /// Vertical space in mm.
    fn gap(&mut self, mm: f32);
    /// Keeps `mm` of what follows together (a new page when less is left in the PDF).
    fn keep(&mut self, mm: f32);
    /// The architecture drawing on its own landscape page of `paper`, with the revision marks
    /// of `amend`.
    fn drawing(
        &mut self,
        project: &Project,
        catalog: &Catalog,
        a: &Assessment,
        paper: Paper,
        amend: Option<&Amendments>,
    );
}

impl Writer for Flow<'_> {
    fn fonts(&self) -> &Fonts {
        self.fonts
    }

    fn new_page(&mut self) {
        Flow::new_page(self);
    }

    fn heading(&mut self, _level: Level, text: &str, size: f32) {
        Flow::heading(self, text, size);
    }

    fn part(&mut self, _text: &str) {}

    fn paragraph(&mut self, text: &str, size: f32, color: Rgb) {
        Flow::paragraph(self, text, size, color);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], size: f32) {
        Flow::table(self, columns, rows, size);
    }

    fn gap(&mut self, mm: f32) {
        Flow::gap(self, mm);
    }

    fn keep(&mut self, mm: f32) {
        self.ensure(mm);
    }

    fn drawing(
        &mut self,
        project: &Project,
        catalog: &Catalog,
        a: &Assessment,
        paper: Paper,
        amend: Option<&Amendments>,
    ) {
        let page =
            drawing::drawing_page(project, catalog, a, self.fonts, paper.landscape_mm(), amend);
        self.push_page(page);
    }
}
