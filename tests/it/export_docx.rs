//! The Word tender pack read back (zip + XML): headings in Word's built-in styles and in the
//! PDF's order, the contents field, tables in the named table style with repeating header
//! rows and gap cells shaded with their letters, the drawing as a PNG in a landscape section
//! with a caption, page numbers in the footer, the document properties, the same bytes twice;
//! the options of the PDF; a company template whose styles, header and cover page apply; the
//! designer's File → Export… → Word.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;
use zonewright::catalog::Catalog;
use zonewright::export::{Format, Request, Template, export};
use zonewright::model::Project;
use zonewright::ui::dialogs::DialogResult;

use crate::common;

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn refinery() -> Project {
    zonewright::file::load(Path::new("samples/refinery.ron")).expect("sample loads")
}

/// The parts of a .docx by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let name = f.name().expect("name").into_owned();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (name, data)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, d) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is in the package"));
    String::from_utf8(d.clone()).expect("UTF-8")
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Paragraphs of a document part: (style id, text).
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("")
                .to_owned();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (style, text)
        })
        .collect()
}

fn docx(project: &Project, request: &Request) -> Vec<u8> {
    export(project, Catalog::embedded(), request).expect("export")
}

#[test]
fn the_word_pack_has_the_pdf_sections_in_built_in_styles_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("spec.docx");
    let o = zonewright(&[
        "export",
        "samples/refinery.ron",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Word tender pack"));
    let bytes = std::fs::read(&out).expect("written");
    let p = parts(&bytes);
    let document = part(&p, "word/document.xml");
    let paras = paragraphs(&document);
    let project = refinery();
    // the title, then the sections in the PDF's order as headings 1–3
    assert_eq!(paras[0], ("Title".to_owned(), project.meta.title.clone()));
    let h1: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s == "Heading1")
        .map(|(_, t)| t.as_str())
        .collect();
    let order = [
        "Asset-owner approval (ZCR 7.1)",
        "Revision history",
        "Zone and conduit summary",
        "Risk assessment method",
        "Initial risk assessment (ZCR 2, 4)",
        "Risk register (ZCR 5)",
        "Zones and conduits",
        "Overview matrix",
        "Component requirements for suppliers",
        "Findings register",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| {
            h1.iter()
                .position(|x| x == h)
                .unwrap_or_else(|| panic!("{h} in {h1:?}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{h1:?}");
    let h2: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s == "Heading2")
        .map(|(_, t)| t.as_str())
        .collect();
    for z in &project.zones {
        let zone = format!("Zone {} — {}", z.id, z.name);
        assert!(h2.contains(&zone.as_str()), "{zone} in {h2:?}");
    }
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "Heading3" && t == "Requirement matrix")
    );
    // the contents: a TOC field over headings 1–2 with the headings as its result
    assert!(document.contains("TOC \\o &quot;1-2&quot;"), "a TOC field");
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "TOC1" && t.contains("Findings register"))
    );
    // tables in the named style, each with a header row that repeats
    let tables = document.matches("<w:tbl>").count();
    assert!(tables > 30, "{tables} tables");
    assert_eq!(
        document
            .matches(r#"<w:tblStyle w:val="ZonewrightTable" />"#)
            .count(),
        tables
    );
    assert_eq!(document.matches("<w:tblHeader />").count(), tables);
    // gap cells: the gap palette's fill and the letter, for greyscale prints
    let (green, _) = zonewright::report::gap_colors(zonewright::analysis::GapSeverity::None);
    let fill = format!("w:fill=\"{:02X}{:02X}{:02X}\"", green.0, green.1, green.2);
    assert!(document.contains(&fill), "green cells");
    assert!(
        document.contains(">OK  no gap<") || document.contains("[OK]"),
        "letters"
    );
    // the drawing: a PNG in a landscape section of its own, with a caption
    let media: Vec<&(String, Vec<u8>)> = p.iter().filter(|(n, _)| n.ends_with(".png")).collect();
    assert_eq!(media.len(), 1);
    assert!(media[0].1.starts_with(b"\x89PNG"));
    // and its SVG for the Word versions that show one, the PNG as the fallback
    let svg = part(&p, "word/media/rIdDrawingSvg1.svg");
    assert!(
        svg.contains("<svg") && svg.contains("Legend"),
        "the drawing as SVG"
    );
    assert!(document.contains(r#"<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rIdDrawingSvg1" />"#));
    assert!(part(&p, "[Content_Types].xml").contains(r#"Extension="svg""#));
    let width = u32::from_be_bytes(media[0].1[16..20].try_into().expect("IHDR"));
    assert!(width >= 2500, "a high-resolution drawing: {width} px");
    assert!(document.contains(r#"w:orient="landscape""#));
    assert!(
        paras.iter().any(
            |(s, t)| s == "Caption" && t.starts_with("Figure 1: Zone and conduit architecture")
        )
    );
    assert!(document.contains("SEQ Figure"));
    // page numbers in every footer
    let footers: Vec<String> = p
        .iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .map(|(n, _)| part(&p, n))
        .collect();
    assert!(!footers.is_empty());
    for f in &footers {
        assert!(f.contains(">PAGE<") && f.contains(">NUMPAGES<"), "{f}");
        assert!(f.contains(&project.meta.document_number));
    }
    // the styles by Word's built-in names, and the table style
    let styles = part(&p, "word/styles.xml");
    for name in [
        "Title",
        "heading 1",
        "heading 2",
        "heading 3",
        "caption",
        "toc 1",
    ] {
        assert!(
            styles.contains(&format!("<w:name w:val=\"{name}\" />")),
            "{name}"
        );
    }
    assert!(styles.contains(r#"w:type="table" w:styleId="ZonewrightTable""#));
    // the document's properties
    let core = part(&p, "docProps/core.xml");
    assert!(core.contains(&format!("<dc:creator>{}</dc:creator>", project.meta.author)));
    assert!(core.contains(&format!(
        "<cp:revision>{}</cp:revision>",
        project.meta.revision
    )));
    assert!(core.contains("<dc:title>Raffinerie Süd"));
    // every part is well-formed XML
    for (name, data) in &p {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = String::from_utf8(data.clone()).expect("UTF-8");
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn the_same_project_gives_the_same_bytes() {
    let project = refinery();
    let request = Request::new(Format::Docx);
    let one = docx(&project, &request);
    std::thread::sleep(Duration::from_millis(1100));
    let two = docx(&project, &request);
    assert!(one == two, "the same bytes in one process");
    // and from another thread (docx-rs counts paragraphs per thread)
    let three = std::thread::spawn(move || docx(&refinery(), &Request::new(Format::Docx)))
        .join()
        .expect("thread");
    assert!(one == three, "the same bytes from another thread");
}

#[test]
fn the_pdf_options_choose_the_sections_and_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full = dir.path().join("full.docx");
    let part_out = dir.path().join("part.docx");
    let o = zonewright(&[
        "export",
        "samples/water.ron",
        "-o",
        full.to_str().expect("path"),
    ]);
    assert!(o.status.success());
    let o = zonewright(&[
        "export",
        "samples/water.ron",
        "-o",
        part_out.to_str().expect("path"),
        "--no-drawing",
        "--no-findings",
        "--no-title",
        "--compact",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let full = parts(&std::fs::read(&full).expect("full"));
    let less = parts(&std::fs::read(&part_out).expect("part"));
    let (fd, ld) = (
        part(&full, "word/document.xml"),
        part(&less, "word/document.xml"),
    );
    assert!(fd.contains(">Findings register<") && !ld.contains(">Findings register<"));
    assert!(fd.contains(">Revision history<") && !ld.contains(">Revision history<"));
    assert!(full.iter().any(|(n, _)| n.starts_with("word/media/")));
    assert!(!less.iter().any(|(n, _)| n.starts_with("word/media/")));
    assert!(!ld.contains("landscape"));
    // compact: unassessed requirement rows are left out, and said so
    assert!(ld.contains("left out (compact export)"));
    assert!(ld.matches("<w:tr>").count() < fd.matches("<w:tr>").count());
    // without a title page the contents come first
    assert_eq!(paragraphs(&ld)[0].1, "Contents");
    // an option for other formats is refused, and so is a template for a PDF
    let o = zonewright(&[
        "export",
        "samples/water.ron",
        "-o",
        "x.pdf",
        "--template",
        "t.docx",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--template is only for Word files"));
}

/// A company template as Word writes it in German: Heading 1 has the id `berschrift1` and a
/// red colour; a header, a footer and a cover page.
fn company_template() -> Vec<u8> {
    use docx_rs::{Docx, Footer, Header, Paragraph, Run, Style, StyleType};
    let mut out = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_style(
            Style::new("berschrift1", StyleType::Paragraph)
                .name("heading 1")
                .color("C00000")
                .size(40),
        )
        .header(
            Header::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("ACME header"))),
        )
        .footer(
            Footer::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("ACME confidential"))),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("ACME cover page")))
        .build()
        .pack(&mut out)
        .expect("template");
    out.into_inner()
}

#[test]
fn a_company_template_gives_its_styles_header_footer_and_cover_page() {
    let project = refinery();
    let mut request = Request::new(Format::Docx);
    request.template = Some(Template {
        name: "acme.dotx".into(),
        bytes: company_template(),
    });
    let bytes = docx(&project, &request);
    assert_eq!(
        bytes,
        docx(&project, &request),
        "deterministic on a template too"
    );
    let p = parts(&bytes);
    let document = part(&p, "word/document.xml");
    let paras = paragraphs(&document);
    // the cover page first, then the pack
    assert_eq!(paras[0].1, "ACME cover page");
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "Title" && *t == project.meta.title)
    );
    // the template's Heading 1 (by its name) styles the pack's headings
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "berschrift1" && t == "Findings register")
    );
    assert!(!paras.iter().any(|(s, _)| s == "Heading1"));
    let styles = part(&p, "word/styles.xml");
    assert_eq!(
        styles.matches(r#"<w:name w:val="heading 1""#).count(),
        1,
        "one heading 1"
    );
    assert!(styles.contains("C00000"), "the template's colour");
    // ours where the template has none
    assert!(styles.contains(r#"w:styleId="ZonewrightTable""#));
    // every section of the pack shows the template's header and footer
    let header_rel = part(&p, "word/_rels/document.xml.rels");
    let sections = document.matches("<w:sectPr").count();
    assert!(sections >= 3, "cover, pack, drawing: {sections}");
    assert_eq!(document.matches("<w:headerReference").count(), sections);
    let footers: Vec<String> = p
        .iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .map(|(n, _)| part(&p, n))
        .collect();
    assert_eq!(footers.len(), 1, "the template's footer only");
    assert!(footers[0].contains("ACME confidential"));
    // the drawing came along, PNG and SVG, each relationship pointing at its part
    for (id, file) in [
        ("zwDrawing1", "zwDrawing1.png"),
        ("zwDrawingSvg1", "zwDrawingSvg1.svg"),
    ] {
        assert!(
            header_rel.contains(&format!(r#"Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{file}""#)),
            "{id} in {header_rel}"
        );
        assert!(
            p.iter().any(|(n, _)| *n == format!("word/media/{file}")),
            "{file}"
        );
        assert!(document.contains(&format!("r:embed=\"{id}\"")));
    }
    for (name, data) in &p {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = String::from_utf8(data.clone()).expect("UTF-8");
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    assert!(part(&p, "[Content_Types].xml").contains("document.main+xml"));
}

#[test]
fn a_file_that_is_no_template_is_refused_with_its_name_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("letter.dotx");
    std::fs::write(&bad, b"not a zip at all").expect("write");
    let out = dir.path().join("spec.docx");
    let o = zonewright(&[
        "export",
        "samples/refinery.ron",
        "-o",
        out.to_str().expect("path"),
        "--template",
        bad.to_str().expect("path"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("letter.dotx") && err.contains("not a Word file"),
        "{err}"
    );
    assert!(!out.exists());
    let o = zonewright(&[
        "export",
        "samples/refinery.ron",
        "-o",
        out.to_str().expect("path"),
        "--template",
        dir.path().join("missing.docx").to_str().expect("path"),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.docx"));
    assert!(!out.exists());
    // a folder; a truncated template
    let o = zonewright(&[
        "export",
        "samples/refinery.ron",
        "-o",
        out.to_str().expect("path"),
        "--template",
        dir.path().to_str().expect("path"),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a folder"));
    let cut = dir.path().join("cut.docx");
    let whole = company_template();
    std::fs::write(&cut, &whole[..whole.len() / 2]).expect("write");
    let o = zonewright(&[
        "export",
        "samples/refinery.ron",
        "-o",
        out.to_str().expect("path"),
        "--template",
        cut.to_str().expect("path"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cut.docx"), "{err}");
    assert!(!out.exists());
}

#[test]
fn the_designer_exports_the_word_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("water.docx");
    let on_template = dir.path().join("water-acme.docx");
    let template = dir.path().join("acme.dotx");
    std::fs::write(&template, company_template()).expect("template");
    let mut h = common::harness_with(vec![
        DialogResult::Picked(out.clone()),
        DialogResult::Picked(on_template.clone()),
    ]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    use egui_kittest::kittest::Queryable;
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Word tender pack (.docx)").click();
    h.run();
    h.get_by_label("Export Word tender pack");
    h.get_by_label("Export…").click();
    h.step();
    assert!(common::wait_for_export(&mut h, Duration::from_secs(120)));
    h.run();
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Exported"), "status line: {status}");
    let p = parts(&std::fs::read(&out).expect("written"));
    let document = part(&p, "word/document.xml");
    let project = h.state().doc.as_ref().expect("doc").project.clone();
    assert!(document.contains(&project.zones[0].name));
    // the designer's compact default applies to Word as to the PDF
    assert!(document.contains("left out (compact export)"));
    // again, on the company template typed into the dialog's field
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Export Word tender pack");
    h.get_by_label("Company template (.docx or .dotx):").click();
    h.run();
    h.get_by_label("Company template (.docx or .dotx):")
        .type_text(template.to_str().expect("path"));
    h.run();
    assert_eq!(
        h.state().export_options.word_template,
        template.to_str().expect("path")
    );
    h.get_by_label("Export…").click();
    h.step();
    assert!(common::wait_for_export(&mut h, Duration::from_secs(120)));
    h.run();
    let p = parts(&std::fs::read(&on_template).expect("written on the template"));
    assert_eq!(
        paragraphs(&part(&p, "word/document.xml"))[0].1,
        "ACME cover page"
    );
}

#[test]
fn hostile_names_give_well_formed_parts_and_cannot_pose_as_the_skeleton() {
    let mut project = refinery();
    let hostile =
        "Ctl\u{1}\u{7} <b>&amp; \u{202e}reversed \u{E000}zonewright body 1\u{E000}\ttab\r\nnext";
    project.zones[0].name = hostile.to_owned();
    project.meta.title = format!("Title {hostile}");
    project.meta.author = "A \u{0} <Author>".to_owned();
    let bytes = docx(&project, &Request::new(Format::Docx));
    let p = parts(&bytes);
    for (name, data) in &p {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = String::from_utf8(data.clone()).expect("UTF-8");
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !text.contains('\u{E000}'),
                "{name} keeps no placeholder character"
            );
        }
    }
    let document = part(&p, "word/document.xml");
    // shown, escaped, never interpreted
    assert!(document.contains("&lt;b&gt;&amp;amp;"));
    assert!(document.contains("\\u{202e}reversed"));
    assert!(
        paragraphs(&document)
            .iter()
            .any(|(s, t)| s == "Heading2" && t.contains("\\u{e000}zonewright body 1"))
    );
    let core = part(&p, "docProps/core.xml");
    assert!(core.contains("&lt;Author&gt;"), "{core}");
}
