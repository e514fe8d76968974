//! The `.docx` package as written: docx-rs's parts re-packed deflated in a fixed order with
//! fixed timestamps (the same project gives the same bytes), with what docx-rs does not write —
//! table header rows that repeat, the document properties (title, author, revision, date) —
//! and, on request, merged into a company template (`template`).

use super::super::ExportError;
use crate::analysis::Assessment;
use crate::model::Project;
use std::io::{Read, Write};

/// The most parts a package (ours or a template) may have.
pub(super) const MAX_PARTS: usize = 2_000;
/// The most bytes one part may expand to.
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;
/// The most bytes all parts of a template may expand to.
pub(super) const MAX_TOTAL_BYTES: u64 = 256 << 20;

/// Why a company template cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the Word template {name}: {reason}")]
pub struct TemplateError {
    pub name: String,
    pub reason: String,
}

/// The parts of a package, in order: name and bytes.
pub(super) type Parts = Vec<(String, Vec<u8>)>;

/// Reads the parts of a zip package, bounded in count and size.
pub(super) fn read_parts(bytes: &[u8]) -> Result<Parts, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word file (not a zip package: {e})"))?;
    if zip.len() > MAX_PARTS {
        return Err(format!(
            "it has {} parts; a Word file here may have {MAX_PARTS}",
            zip.len()
        ));
    }
    let mut parts = Vec::with_capacity(zip.len());
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("part {} cannot be read: {e}", i + 1))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| format!("part {} has no readable name: {e}", i + 1))?
            .into_owned();
        let mut data = Vec::new();
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name} cannot be read: {e}"))?;
        if data.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{name} expands to more than {} MB",
                MAX_PART_BYTES >> 20
            ));
        }
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(format!(
                "its parts expand to more than {} MB",
                MAX_TOTAL_BYTES >> 20
            ));
        }
        parts.push((name, data));
    }
    Ok(parts)
}

/// Writes the body of the document part into `sink`: given the skeleton's pieces around the
/// placeholders and the style ids renamed to a template's.
pub type BodyWriter<'a> =
    dyn FnMut(&[String], &[(String, String)], &mut dyn Write) -> Result<(), ExportError> + 'a;

/// Writes the document part from its skeleton's text.
type DocumentWriter<'a> = dyn FnMut(&str, &mut dyn Write) -> Result<(), ExportError> + 'a;

/// Writes parts as a zip package: deflated, every timestamp 1980-01-01 00:00, no extra fields;
/// the document part through `document` when given (its text is the skeleton).
fn write_package(
    parts: &Parts,
    mut document: Option<&mut DocumentWriter<'_>>,
) -> Result<Vec<u8>, ExportError> {
    let fail = |e: zip::result::ZipError| ExportError::Docx(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, data) in parts {
        zip.start_file(name.as_str(), options).map_err(fail)?;
        match document.as_mut() {
            Some(write) if name == DOCUMENT => write(&String::from_utf8_lossy(data), &mut zip)?,
            _ => zip
                .write_all(data)
                .map_err(|e| ExportError::Docx(e.to_string()))?,
        }
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// Writes parts as they are.
#[cfg(test)]
fn write_parts(parts: &Parts) -> Result<Vec<u8>, ExportError> {
    write_package(parts, None)
}

const DOCUMENT: &str = "word/document.xml";

/// The skeleton's document part cut at its `n` placeholder paragraphs: `n + 1` pieces.
fn pieces(xml: &str, n: usize) -> Result<Vec<String>, ExportError> {
    let lost = |i| ExportError::Docx(format!("the document's skeleton lost stretch {i}"));
    let mut out = Vec::with_capacity(n + 1);
    let mut from = 0;
    for i in 0..n {
        let marker = super::placeholder_text(i);
        let at = from + xml[from..].find(&marker).ok_or_else(|| lost(i))?;
        let start = xml[from..at].rfind("<w:p>").ok_or_else(|| lost(i))? + from;
        let end = at + xml[at..].find("</w:p>").ok_or_else(|| lost(i))? + "</w:p>".len();
        out.push(xml[from..start].to_owned());
        from = end;
    }
    out.push(xml[from..].to_owned());
    Ok(out)
}

/// A paragraph or table of the body as written: header rows marked, no paragraph ids, style
/// ids renamed to a template's.
pub(crate) fn fix_block(xml: &str, renamed: &[(String, String)]) -> String {
    let mut xml = without_paragraph_ids(&mark_header_rows(xml));
    for (from, to) in renamed {
        for attr in ["w:pStyle", "w:tblStyle", "w:rStyle"] {
            let old = format!("<{attr} w:val=\"{from}\" />");
            if xml.contains(&old) {
                xml = xml.replace(&old, &format!("<{attr} w:val=\"{to}\" />"));
            }
        }
    }
    xml
}

/// The document properties Word shows under File → Info.
#[derive(Debug, Clone, PartialEq)]
pub struct Properties {
    pub title: String,
    pub author: String,
    pub revision: String,
    pub subject: String,
    /// `YYYY-MM-DD`: the document's date, else its latest revision's.
    pub date: Option<String>,
}

impl Properties {
    pub fn of(project: &Project, a: &Assessment) -> Properties {
        let m = &project.meta;
        let clean = |s: &str| super::shown(s.trim()).replace('\n', " ");
        Properties {
            title: if m.title.trim().is_empty() {
                "Zone and conduit architecture".to_owned()
            } else {
                clean(&m.title)
            },
            author: clean(&m.author),
            revision: clean(&m.revision),
            subject: "Zone and conduit design and cybersecurity requirements specification (IEC 62443-3-2 / 62443-3-3)".to_owned(),
            date: a.assessment_date.map(|d| d.to_string()),
        }
    }

    /// `docProps/core.xml`.
    pub(crate) fn core_xml(&self) -> String {
        let e = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
        );
        x.push_str(&format!("<dc:title>{}</dc:title>", e(&self.title)));
        x.push_str(&format!("<dc:subject>{}</dc:subject>", e(&self.subject)));
        if !self.author.is_empty() {
            x.push_str(&format!("<dc:creator>{}</dc:creator>", e(&self.author)));
            x.push_str(&format!(
                "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
                e(&self.author)
            ));
        }
        if !self.revision.is_empty() {
            x.push_str(&format!("<cp:revision>{}</cp:revision>", e(&self.revision)));
        }
        if let Some(d) = &self.date {
            for tag in ["created", "modified"] {
                x.push_str(&format!(
                    r#"<dcterms:{tag} xsi:type="dcterms:W3CDTF">{}T00:00:00Z</dcterms:{tag}>"#,
                    e(d)
                ));
            }
        }
        x.push_str("<cp:keywords>IEC 62443; zones and conduits; zonewright</cp:keywords>");
        x.push_str("</cp:coreProperties>");
        x
    }
}

/// Header rows: docx-rs marks none, so the writer makes only header rows unsplittable, and
/// they are marked here to repeat on every page.
fn mark_header_rows(document: &str) -> String {
    document.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
}

/// Without docx-rs's paragraph ids (optional, and numbered by a counter that runs on between
/// documents of one thread, so that the same project would not give the same bytes).
fn without_paragraph_ids(xml: &str) -> String {
    const ATTR: &str = " w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(ATTR) {
        out.push_str(&rest[..i]);
        let after = &rest[i + ATTR.len()..];
        match after.find('"') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A part as written: header rows marked, no paragraph ids, and in section properties the
/// header and footer references first, where the schema has them (docx-rs writes them last).
fn fix_part(xml: &str) -> String {
    let xml = without_paragraph_ids(&mark_header_rows(xml));
    super::template::each_sect_pr(&xml, |s| {
        super::template::with_references(s, &super::template::references(s))
    })
}

/// Inserts `at` before the last `</close>` of the part `name` (or at its end).
fn insert_before_end(parts: &mut Parts, name: &str, close: &str, at: &str) {
    if let Some((_, d)) = parts.iter_mut().find(|(n, _)| n == name) {
        let mut s = String::from_utf8_lossy(d).into_owned();
        let i = s.rfind(close).unwrap_or(s.len());
        s.insert_str(i, at);
        *d = s.into_bytes();
    }
}

/// The SVG of drawing `n` beside its PNG, for the Word versions that show SVG (2016 and
/// later, as Office's `svgBlip` extension); the others, and LibreOffice, show the PNG.
fn add_svg(parts: &mut Parts, n: usize, svg: &str) {
    let (png_id, svg_id) = (format!("rIdDrawing{n}"), format!("rIdDrawingSvg{n}"));
    if let Some((_, d)) = parts
        .iter_mut()
        .find(|(name, _)| name == "word/document.xml")
    {
        let blip = format!(r#"<a:blip r:embed="{png_id}" />"#);
        let with_svg = format!(
            r#"<a:blip r:embed="{png_id}"><a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{svg_id}" /></a:ext></a:extLst></a:blip>"#
        );
        *d = String::from_utf8_lossy(d)
            .replacen(&blip, &with_svg, 1)
            .into_bytes();
    }
    insert_before_end(
        parts,
        "word/_rels/document.xml.rels",
        "</Relationships>",
        &format!(
            r#"<Relationship Id="{svg_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{svg_id}.svg" />"#
        ),
    );
    let types = parts
        .iter()
        .find(|(name, _)| name == "[Content_Types].xml")
        .map(|(_, d)| String::from_utf8_lossy(d).to_lowercase())
        .unwrap_or_default();
    if !types.contains("extension=\"svg\"") {
        insert_before_end(
            parts,
            "[Content_Types].xml",
            "</Types>",
            r#"<Default Extension="svg" ContentType="image/svg+xml" />"#,
        );
    }
    parts.push((format!("word/media/{svg_id}.svg"), svg.as_bytes().to_vec()));
}

/// The finished package: the skeleton's `raw` parts with the fixes above and the drawings' SVGs
/// (`svgs[i]` is drawing i + 1), on the template if any, and the body written by `body` in
/// place of its `streams` placeholders.
pub fn finish(
    raw: &[u8],
    props: &Properties,
    svgs: &[String],
    streams: usize,
    template: Option<(&str, &[u8])>,
    body: &mut BodyWriter<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut parts = read_parts(raw).map_err(ExportError::Docx)?;
    for (name, data) in parts.iter_mut() {
        match name.as_str() {
            "word/document.xml" => *data = fix_part(&String::from_utf8_lossy(data)).into_bytes(),
            n if n.starts_with("word/footer") || n.starts_with("word/header") => {
                *data = without_paragraph_ids(&String::from_utf8_lossy(data)).into_bytes();
            }
            // one footer for every page: docx-rs asks for even pages' own when sections are
            // added
            "word/settings.xml" => {
                *data = String::from_utf8_lossy(data)
                    .replace("<w:evenAndOddHeaders />", "")
                    .into_bytes();
            }
            "docProps/core.xml" => *data = props.core_xml().into_bytes(),
            _ => {}
        }
    }
    for (i, svg) in svgs.iter().enumerate() {
        add_svg(&mut parts, i + 1, svg);
    }
    let mut renamed = Vec::new();
    if let Some((name, bytes)) = template {
        (parts, renamed) = super::template::merge(parts, bytes).map_err(|reason| {
            ExportError::Template(TemplateError {
                name: name.to_owned(),
                reason,
            })
        })?;
    }
    let mut document =
        |skeleton: &str, sink: &mut dyn Write| body(&pieces(skeleton, streams)?, &renamed, sink);
    write_package(&parts, Some(&mut document))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_escape_and_carry_title_author_revision_and_date() {
        let p = Properties {
            title: "Plant <A> & B".into(),
            author: "J. \"Q\" Doe".into(),
            revision: "C".into(),
            subject: "s".into(),
            date: Some("2026-03-01".into()),
        };
        let x = p.core_xml();
        assert!(
            x.contains("<dc:title>Plant &lt;A&gt; &amp; B</dc:title>"),
            "{x}"
        );
        assert!(x.contains("<dc:creator>J. &quot;Q&quot; Doe</dc:creator>"));
        assert!(x.contains("<cp:revision>C</cp:revision>"));
        assert!(x.contains(">2026-03-01T00:00:00Z</dcterms:created>"));
        roxmltree::Document::parse(&x).expect("well-formed");
    }

    #[test]
    fn written_packages_do_not_depend_on_the_clock_and_read_back() {
        let parts: Parts = vec![
            ("[Content_Types].xml".into(), b"<a/>".to_vec()),
            ("word/document.xml".into(), b"<b/>".to_vec()),
        ];
        let one = write_parts(&parts).expect("zip");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(one, write_parts(&parts).expect("zip"));
        assert_eq!(read_parts(&one).expect("read"), parts);
    }

    #[test]
    fn only_unsplittable_rows_become_header_rows() {
        let x = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr>";
        assert_eq!(
            mark_header_rows(x),
            "<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr /></w:tr>"
        );
    }
}
