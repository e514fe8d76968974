//! The styles of the Word tender pack: Word's built-in paragraph styles by their built-in names
//! (Title, heading 1–3, caption, TOC Heading, toc 1–3, footer), so that a company template that
//! defines them restyles the whole document, and one named table style for every table.

use docx_rs::{
    BorderType, Docx, LineSpacing, RunFonts, Style, StyleType, TableBorder, TableBorderPosition,
    TableBorders, TableCellMargins, WidthType,
};

pub const TITLE: &str = "Title";
pub const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
pub const CAPTION: &str = "Caption";
pub const TOC_HEADING: &str = "TOCHeading";
pub const TOC: [&str; 3] = ["TOC1", "TOC2", "TOC3"];
pub const FOOTER: &str = "Footer";
/// Body text (black in the PDF).
pub const BODY: &str = "BodyText";
/// Notes (grey in the PDF): what a table shows, what is left out.
pub const NOTE: &str = "ZonewrightNote";
/// Text in table cells.
pub const TABLE_TEXT: &str = "ZonewrightTableText";
/// The style of every table.
pub const TABLE_STYLE: &str = "ZonewrightTable";

/// Style ids and the names Word knows them by (built-in names are lower case but for Title):
/// what a template's own styles are matched with.
pub const NAMES: [(&str, &str); 13] = [
    (TITLE, "Title"),
    (HEADINGS[0], "heading 1"),
    (HEADINGS[1], "heading 2"),
    (HEADINGS[2], "heading 3"),
    (CAPTION, "caption"),
    (TOC_HEADING, "TOC Heading"),
    (TOC[0], "toc 1"),
    (TOC[1], "toc 2"),
    (TOC[2], "toc 3"),
    (FOOTER, "footer"),
    (BODY, "Body Text"),
    (NOTE, "zonewright note"),
    (TABLE_TEXT, "zonewright table text"),
];

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

fn paragraph(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .q_format(true)
}

/// An empty document with the styles and the document defaults (Arial 10 pt, A4).
pub fn document() -> Docx {
    let heading = |i: usize, size: usize, before: u32| {
        paragraph(HEADINGS[i], NAMES[i + 1].1)
            .next(BODY)
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(i)
            .line_spacing(spacing(before, 80))
    };
    let border = |p| {
        TableBorder::new(p)
            .border_type(BorderType::Single)
            .size(4)
            .color("AAAAAA")
    };
    let borders = TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV));
    let margins = TableCellMargins::new()
        .margin_top(30, WidthType::Dxa)
        .margin_bottom(30, WidthType::Dxa)
        .margin_left(60, WidthType::Dxa)
        .margin_right(60, WidthType::Dxa);
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Arial")
                .hi_ansi("Arial")
                .cs("Arial")
                .east_asia("Microsoft YaHei"),
        )
        .default_size(20)
        .add_style(
            paragraph(TITLE, "Title")
                .next(BODY)
                .bold()
                .size(48)
                .color("1F3864")
                .line_spacing(spacing(1200, 240)),
        )
        .add_style(heading(0, 32, 240))
        .add_style(heading(1, 26, 200))
        .add_style(heading(2, 22, 160))
        .add_style(
            paragraph(CAPTION, "caption")
                .next(BODY)
                .italic()
                .size(18)
                .color("404040")
                .line_spacing(spacing(80, 80)),
        )
        .add_style(
            paragraph(TOC_HEADING, "TOC Heading")
                .next(BODY)
                .bold()
                .size(32)
                .color("1F3864")
                .line_spacing(spacing(240, 120)),
        )
        .add_style(
            paragraph(TOC[0], "toc 1")
                .bold()
                .line_spacing(spacing(60, 20)),
        )
        .add_style(paragraph(TOC[1], "toc 2").indent(Some(240), None, None, None))
        .add_style(
            paragraph(TOC[2], "toc 3")
                .indent(Some(480), None, None, None)
                .size(18),
        )
        .add_style(paragraph(FOOTER, "footer").size(16).color("6E6E6E"))
        .add_style(paragraph(BODY, "Body Text").line_spacing(spacing(0, 100)))
        .add_style(
            paragraph(NOTE, "zonewright note")
                .size(17)
                .color("6E6E6E")
                .line_spacing(spacing(0, 100)),
        )
        .add_style(paragraph(TABLE_TEXT, "zonewright table text").line_spacing(spacing(0, 0)))
        .add_style(
            Style::new(TABLE_STYLE, StyleType::Table)
                .name("zonewright table")
                .set_borders(borders)
                .margins(margins),
        )
}
