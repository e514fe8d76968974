//! Page layout without any PDF calls: a page model of positioned text, rectangles and lines in
//! millimetres (origin top left, y down), text wrapping with real font metrics, and flowing
//! content with tables that continue over page breaks with their header row repeated.

use super::fonts::{Fonts, Weight};
use crate::model::text::{visible, visible_lines};

pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);
    pub const GREY: Rgb = Rgb(110, 110, 110);
    pub const RULE: Rgb = Rgb(170, 170, 170);
    pub const HEADER_FILL: Rgb = Rgb(228, 231, 236);

    /// A colour of the shared [`crate::palette`] (the designer shows the same definitions).
    pub const fn of(c: crate::palette::Rgb) -> Rgb {
        Rgb(c[0], c[1], c[2])
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text whose baseline starts at (`x`, `y`); `size` in points.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
}

/// A page and what is on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page {
            width,
            height,
            items: Vec::new(),
        }
    }

    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: impl Into<String>,
    ) {
        let mut text = text.into();
        // control and bidirectional characters are printed as escapes, never interpreted
        // (text that went through `wrap` or `fit` is already shown so)
        if let std::borrow::Cow::Owned(shown) = visible(&text) {
            text = shown;
        }
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                y,
                size,
                weight,
                color,
                text,
            });
        }
    }

    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    pub fn line(&mut self, a: (f32, f32), b: (f32, f32), width: f32, color: Rgb) {
        self.items.push(Item::Line {
            points: vec![a, b],
            width,
            color,
            dashed: false,
        });
    }
}

/// Line height in mm for a font size in points.
pub(crate) fn line_height(size: f32) -> f32 {
    size * 1.25 / PT_PER_MM
}

/// Width in mm of `text` at `size` points.
pub fn text_width(fonts: &Fonts, text: &str, weight: Weight, size: f32) -> f32 {
    fonts.width(text, weight, size) / PT_PER_MM
}

/// Breaks `text` into lines no wider than `max_w` mm (words first, characters when a word is
/// longer than a line). Explicit newlines are kept; other control characters and the
/// bidirectional ones are shown as escapes (`\x1b`, `\u{202e}`).
pub(crate) fn wrap(
    fonts: &Fonts,
    text: &str,
    weight: Weight,
    size: f32,
    max_w: f32,
) -> Vec<String> {
    // tabs are spaces and Windows line ends are line ends; any other control is escaped
    let plain;
    let text = if text.contains(['\t', '\r']) {
        plain = text.replace("\r\n", "\n").replace('\t', " ");
        visible_lines(&plain)
    } else {
        visible_lines(text)
    };
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(fonts, &candidate, weight, size) <= max_w {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if text_width(fonts, word, weight, size) <= max_w {
                line = word.to_owned();
            } else {
                // a word longer than a line: break it between characters
                let mut line_w = 0.0;
                for c in word.chars() {
                    let cw = fonts.char_width(c, weight, size) / PT_PER_MM;
                    if !line.is_empty() && line_w + cw > max_w {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// `text` cut to `max_w` mm with "…", control and bidirectional characters shown as escapes.
pub fn fit(fonts: &Fonts, text: &str, weight: Weight, size: f32, max_w: f32) -> String {
    let text = &*visible(text);
    if text_width(fonts, text, weight, size) <= max_w {
        return text.to_owned();
    }
    let ellipsis = text_width(fonts, "…", weight, size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = fonts.char_width(c, weight, size) / PT_PER_MM;
        if w + cw + ellipsis > max_w {
            break;
        }
        out.push(c);
        w += cw;
    }
    if out.is_empty() {
        String::new()
    } else {
        out + "…"
    }
}

/// A table column: title and width in mm.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
}

pub fn col(title: &str, width: f32) -> Column {
    Column {
        title: title.to_owned(),
        width,
    }
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub fill: Option<Rgb>,
    pub color: Option<Rgb>,
    pub bold: bool,
    /// Changed since the revision compared with: a change bar beside the row (set on a row's
    /// first cell, see `report::amendments`).
    pub changed: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn filled(text: impl Into<String>, fill: Rgb, color: Rgb) -> Cell {
        Cell {
            text: text.into(),
            fill: Some(fill),
            color: Some(color),
            bold: true,
            changed: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bold: true,
            ..Cell::default()
        }
    }

    fn weight(&self) -> Weight {
        if self.bold {
            Weight::Bold
        } else {
            Weight::Regular
        }
    }
}

/// The size at which every word of `text` fits `max_w` mm: `size`, or smaller down to 70 % of
/// it (below that the word is broken as any other).
pub(crate) fn label_size(fonts: &Fonts, text: &str, weight: Weight, size: f32, max_w: f32) -> f32 {
    let widest = text
        .split_whitespace()
        .map(|w| text_width(fonts, w, weight, size))
        .fold(0.0_f32, f32::max);
    if widest <= max_w || widest <= 0.0 {
        size
    } else {
        (size * max_w / widest * 0.98).max(size * 0.7)
    }
}

/// Running header and footer text.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    pub title: String,
    pub document_number: String,
    pub revision: String,
}

pub const A4: (f32, f32) = (210.0, 297.0);
pub const A3: (f32, f32) = (297.0, 420.0);
const MARGIN: f32 = 15.0;
const TOP: f32 = 22.0;
const BOTTOM: f32 = 18.0;
/// A table's last rows never stand alone on a page in fewer than this many plus one.
const ORPHAN_ROWS: usize = 3;
/// Space (mm) below a heading that must fit on its page: a table header and a row or two.
const KEEP_WITH_HEADING: f32 = 14.0;

/// Receives finished pages, one at a time and in order (the PDF writer, or a scan).
pub trait PageSink {
    fn page(&mut self, page: Page);
}

impl PageSink for Vec<Page> {
    fn page(&mut self, page: Page) {
        self.push(page);
    }
}

/// Where a flow's pages go: kept until [`Flow::finish`] adds the running header and footer, or
/// handed to a sink as soon as each is finished, with the header and footer of a document of
/// `total` pages (so that a report of any length needs the memory of one page).
enum Output<'a> {
    Keep(Vec<Page>),
    Stream {
        sink: &'a mut dyn PageSink,
        furniture: Furniture,
        total: usize,
    },
}

/// Content flowing down portrait pages.
pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    output: Output<'a>,
    /// The page being filled, if any.
    current: Option<Page>,
    /// Pages begun so far, the current one included.
    count: usize,
    pub y: f32,
    pub size: (f32, f32),
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a Fonts) -> Flow<'a> {
        Flow {
            fonts,
            output: Output::Keep(Vec::new()),
            current: None,
            count: 0,
            y: TOP,
            size: A4,
        }
    }

    /// A flow that hands every finished page, with its header and footer ("Page n of
    /// `total`"), to `sink` instead of keeping it.
    pub(crate) fn streaming(
        fonts: &'a Fonts,
        sink: &'a mut dyn PageSink,
        furniture: Furniture,
        total: usize,
    ) -> Flow<'a> {
        Flow {
            output: Output::Stream {
                sink,
                furniture,
                total,
            },
            ..Flow::new(fonts)
        }
    }

    /// Pages begun so far.
    pub(crate) fn page_count(&self) -> usize {
        self.count
    }

    /// Hands a finished page on (or keeps it).
    fn emit(&mut self, mut page: Page) {
        match &mut self.output {
            Output::Keep(pages) => pages.push(page),
            Output::Stream {
                sink,
                furniture,
                total,
            } => {
                furnish(self.fonts, &mut page, furniture, self.count, *total);
                sink.page(page);
            }
        }
    }

    fn end_page(&mut self) {
        if let Some(page) = self.current.take() {
            self.emit(page);
        }
    }

    pub fn left(&self) -> f32 {
        MARGIN
    }

    pub fn width(&self) -> f32 {
        self.size.0 - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.size.1 - BOTTOM
    }

    /// Starts a new portrait page.
    pub(crate) fn new_page(&mut self) {
        self.end_page();
        self.current = Some(Page::new(self.size.0, self.size.1));
        self.count += 1;
        self.y = TOP;
    }

    /// Adds a page laid out elsewhere (the drawing) and ends the current flow page.
    pub(crate) fn push_page(&mut self, page: Page) {
        self.end_page();
        self.count += 1;
        self.emit(page);
    }

    fn page(&mut self) -> &mut Page {
        if self.current.is_none() {
            self.new_page();
        }
        self.current.get_or_insert_with(|| Page::new(A4.0, A4.1))
    }

    /// Makes sure `h` mm fit below the cursor, starting a new page if not.
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.current.is_none() || self.y + h > self.bottom() {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// A bold heading, kept on one page with at least a few lines of what follows it (a
    /// heading never ends a page).
    pub fn heading(&mut self, text: &str, size: f32) {
        let lines = wrap(self.fonts, text, Weight::Bold, size, self.width());
        self.ensure(line_height(size) * (lines.len() as f32 + 2.5) + KEEP_WITH_HEADING);
        self.y += line_height(size) * 0.4;
        for l in lines {
            self.y += line_height(size);
            let (x, y) = (self.left(), self.y - line_height(size) * 0.25);
            self.page().text(x, y, size, Weight::Bold, Rgb::BLACK, l);
        }
        self.y += line_height(size) * 0.4;
    }

    pub(crate) fn paragraph(&mut self, text: &str, size: f32, color: Rgb) {
        for l in wrap(self.fonts, text, Weight::Regular, size, self.width()) {
            self.ensure(line_height(size));
            self.y += line_height(size);
            let (x, y) = (self.left(), self.y - line_height(size) * 0.25);
            self.page().text(x, y, size, Weight::Regular, color, l);
        }
        self.y += line_height(size) * 0.3;
    }

    /// A table that continues over page breaks with its header row repeated. Column widths are
    /// scaled to the text width. Returns the number of pages it touched.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], size: f32) -> usize {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let scale = if total > 0.0 {
            self.width() / total
        } else {
            1.0
        };
        let widths: Vec<f32> = columns.iter().map(|c| c.width * scale).collect();
        let pad = 1.2;
        let lh = line_height(size);
        let header: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(self.fonts, &c.title, Weight::Bold, size, w - 2.0 * pad))
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let first_page = self.count;
        let mut header_drawn = false;
        let max_lines = ((self.size.1 - TOP - BOTTOM - header_h) / lh - 1.0).max(1.0) as usize;
        let fonts = self.fonts;
        let measure = |row: &[Cell]| {
            // a filled cell holds a label ("Compensated"): smaller text rather than a word
            // broken in two
            let sizes: Vec<f32> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    if c.fill.is_some() {
                        label_size(fonts, &c.text, c.weight(), size, w - 2.0 * pad)
                    } else {
                        size
                    }
                })
                .collect();
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .zip(&sizes)
                .map(|((c, w), cs)| wrap(fonts, &c.text, c.weight(), *cs, w - 2.0 * pad))
                .collect();
            let lines = cells
                .iter()
                .map(Vec::len)
                .max()
                .unwrap_or(1)
                .clamp(1, max_lines);
            (sizes, cells, lines as f32 * lh + 2.0 * pad)
        };
        let mut rows_on_page = 0usize;
        for (j, row) in rows.iter().enumerate() {
            let (sizes, cells, h) = measure(row);
            // no page with only the last few rows of a table: when the last rows will not fit
            // here, the last four go over together
            let tail = rows.len() - j;
            let orphans = tail == ORPHAN_ROWS + 1
                && rows_on_page > ORPHAN_ROWS
                && self.current.is_some()
                && {
                    let rest: f32 = rows[j..].iter().map(|r| measure(r).2).sum();
                    let fresh = self.size.1 - TOP - BOTTOM - header_h;
                    self.y + rest > self.bottom() && rest <= fresh
                };
            if orphans || self.current.is_none() || self.y + h > self.bottom() || !header_drawn {
                if orphans || self.current.is_none() || self.y + header_h + h > self.bottom() {
                    self.new_page();
                    rows_on_page = 0;
                }
                self.table_row(
                    &widths,
                    &header,
                    &vec![
                        Cell {
                            fill: Some(Rgb::HEADER_FILL),
                            bold: true,
                            ..Cell::default()
                        };
                        widths.len()
                    ],
                    header_h,
                    size,
                    &[],
                );
                header_drawn = true;
            }
            rows_on_page += 1;
            self.table_row(&widths, &cells, row, h, size, &sizes);
        }
        self.y += 2.0;
        self.count - first_page + 1
    }

    fn table_row(
        &mut self,
        widths: &[f32],
        lines: &[Vec<String>],
        style: &[Cell],
        h: f32,
        size: f32,
        sizes: &[f32],
    ) {
        let pad = 1.2;
        let lh = line_height(size);
        let y0 = self.y;
        let mut x = self.left();
        let max_lines = ((h - 2.0 * pad) / lh).round().max(1.0) as usize;
        // cell backgrounds, then one outline for the row and its inner rules: far fewer
        // drawing operations than a stroked rectangle per cell
        let total: f32 = widths.iter().sum();
        for (i, w) in widths.iter().enumerate() {
            if let Some(fill) = style.get(i).and_then(|c| c.fill) {
                self.page().rect(x, y0, *w, h, Some(fill), None);
            }
            x += w;
        }
        let left = self.left();
        let page = self.page();
        page.rect(left, y0, total, h, None, Some((Rgb::RULE, 0.15)));
        if style.first().is_some_and(|c| c.changed) {
            page.rect(left - 3.2, y0, 1.1, h, Some(Rgb::BLACK), None);
        }
        let mut rule_x = left;
        for w in widths.iter().take(widths.len().saturating_sub(1)) {
            rule_x += w;
            page.line((rule_x, y0), (rule_x, y0 + h), 0.15, Rgb::RULE);
        }
        let mut x = left;
        for (i, w) in widths.iter().enumerate() {
            let cell = style.get(i).cloned().unwrap_or_default();
            let page = self.page();
            let weight = if cell.bold {
                Weight::Bold
            } else {
                Weight::Regular
            };
            let color = cell.color.unwrap_or(Rgb::BLACK);
            if let Some(cell_lines) = lines.get(i) {
                for (k, l) in cell_lines.iter().take(max_lines).enumerate() {
                    let text = if k + 1 == max_lines && cell_lines.len() > max_lines {
                        format!("{l} …")
                    } else {
                        l.clone()
                    };
                    page.text(
                        x + pad,
                        y0 + pad + lh * (k as f32 + 1.0) - lh * 0.25,
                        sizes.get(i).copied().unwrap_or(size),
                        weight,
                        color,
                        text,
                    );
                }
            }
            x += w;
        }
        self.y += h;
    }

    /// Ends the flow. Kept pages are returned with the running header and footer ("Page n of
    /// N") added; a streaming flow hands its last page on and returns nothing.
    pub fn finish(mut self, f: &Furniture) -> Vec<Page> {
        self.end_page();
        match std::mem::replace(&mut self.output, Output::Keep(Vec::new())) {
            Output::Keep(mut pages) => {
                let n = pages.len();
                for (i, page) in pages.iter_mut().enumerate() {
                    furnish(self.fonts, page, f, i + 1, n);
                }
                pages
            }
            Output::Stream { .. } => Vec::new(),
        }
    }
}

/// Adds the running header and footer of page `number` of `total` to `page`.
fn furnish(fonts: &Fonts, page: &mut Page, f: &Furniture, number: usize, total: usize) {
    let (w, h) = (page.width, page.height);
    let size = 8.0;
    page.text(
        MARGIN,
        12.0,
        size,
        Weight::Bold,
        Rgb::GREY,
        fit(fonts, &f.title, Weight::Bold, size, w * 0.6),
    );
    let title_w = text_width(fonts, &f.title, Weight::Bold, size).min(w * 0.6);
    let right = fit(
        fonts,
        &format!("Doc. {}", f.document_number),
        Weight::Regular,
        size,
        w - 2.0 * MARGIN - title_w - 8.0,
    );
    let rw = text_width(fonts, &right, Weight::Regular, size);
    page.text(
        w - MARGIN - rw,
        12.0,
        size,
        Weight::Regular,
        Rgb::GREY,
        right,
    );
    page.line((MARGIN, 14.0), (w - MARGIN, 14.0), 0.2, Rgb::RULE);
    page.line((MARGIN, h - 12.0), (w - MARGIN, h - 12.0), 0.2, Rgb::RULE);
    page.text(
        MARGIN,
        h - 8.0,
        size,
        Weight::Regular,
        Rgb::GREY,
        fit(
            fonts,
            &format!("Revision {}", f.revision),
            Weight::Regular,
            size,
            w * 0.6,
        ),
    );
    let pn = format!("Page {number} of {total}");
    let pw = text_width(fonts, &pn, Weight::Regular, size);
    page.text(
        w - MARGIN - pw,
        h - 8.0,
        size,
        Weight::Regular,
        Rgb::GREY,
        pn,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().expect("fonts")
    }

    #[test]
    fn wrap_respects_the_width_and_keeps_every_word() {
        let f = fonts();
        let text = "The compensating countermeasure is a jump host with multi-factor authentication and session recording";
        let lines = wrap(&f, text, Weight::Regular, 9.0, 40.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_width(&f, l, Weight::Regular, 9.0) <= 40.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        // a word longer than the line is broken, not lost
        let long = wrap(
            &f,
            "Kraftwerksleittechniksicherheitsanforderungen",
            Weight::Regular,
            9.0,
            20.0,
        );
        assert!(long.len() > 1);
        assert_eq!(
            long.concat(),
            "Kraftwerksleittechniksicherheitsanforderungen"
        );
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let f = fonts();
        let s = fit(
            &f,
            "Basic process control system (BPCS)",
            Weight::Bold,
            10.0,
            25.0,
        );
        assert!(s.ends_with('…'));
        assert!(text_width(&f, &s, Weight::Bold, 10.0) <= 25.0);
        assert_eq!(fit(&f, "SIS", Weight::Bold, 10.0, 25.0), "SIS");
    }

    #[test]
    fn tables_continue_over_pages_with_the_header_repeated() {
        let f = fonts();
        let mut flow = Flow::new(&f);
        let rows: Vec<Vec<Cell>> = (0..150)
            .map(|i| vec![Cell::new(format!("SR {i}")), Cell::new("Met")])
            .collect();
        let pages = flow.table(&[col("Id", 30.0), col("Status", 30.0)], &rows, 9.0);
        assert!(pages >= 3, "{pages}");
        let pages = flow.finish(&Furniture {
            title: "T".into(),
            document_number: "D-1".into(),
            revision: "B".into(),
        });
        for (i, p) in pages.iter().enumerate() {
            let headers = p
                .items
                .iter()
                .filter(|it| matches!(it, Item::Text { text, .. } if text == "Id"))
                .count();
            assert_eq!(headers, 1, "page {i} has its header row");
            assert!(p.items.iter().any(|it| matches!(it, Item::Text { text, .. } if *text == format!("Page {} of {}", i + 1, pages.len()))));
            // nothing below the footer rule or beyond the page
            for it in &p.items {
                if let Item::Text { x, y, .. } = it {
                    assert!(*x >= 0.0 && *x < p.width && *y > 0.0 && *y < p.height);
                }
            }
        }
        // every row is somewhere
        let all: usize = pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter(|it| matches!(it, Item::Text { text, .. } if text.starts_with("SR ")))
                    .count()
            })
            .sum();
        assert_eq!(all, 150);
    }
}
