//! A company template (.docx or .dotx) under the tender pack: the template's styles, theme,
//! settings, headers and footers are kept, its body (a cover page) comes first as a section of
//! its own, and the pack follows with the template's headers and footers. The pack's styles
//! are matched to the template's by their built-in names (a German template calls Heading 1
//! "Überschrift 1" with id `berschrift1`, yet names it `heading 1`), so that the template's
//! look applies; styles the template lacks are added.

use super::package::Parts;
use quick_xml::events::Event;
use std::collections::BTreeMap;

const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const RELS: &str = "word/_rels/document.xml.rels";
const TYPES: &str = "[Content_Types].xml";

fn text(parts: &Parts, name: &str) -> Option<String> {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
}

fn set(parts: &mut Parts, name: &str, data: String) {
    match parts.iter_mut().find(|(n, _)| n == name) {
        Some((_, d)) => *d = data.into_bytes(),
        None => parts.push((name.to_owned(), data.into_bytes())),
    }
}

/// The style ids of a styles part by their lower-case names, and each style's XML.
fn styles(xml: &str) -> Result<Vec<(String, String, String)>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut name = String::new();
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Err(e) => return Err(format!("its styles cannot be read: {e}")),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) if e.name().as_ref() == "w:style" => {
                let id = e
                    .try_get_attribute("w:styleId")
                    .ok()
                    .flatten()
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                current = Some((id, before));
                name.clear();
            }
            Ok(Event::Empty(e)) if e.name().as_ref() == "w:name" && current.is_some() => {
                if let Ok(Some(a)) = e.try_get_attribute("w:val") {
                    name = a.value.to_lowercase();
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "w:style" => {
                if let Some((id, start)) = current.take() {
                    let end = reader.buffer_position() as usize;
                    let whole = xml.get(start..end).unwrap_or_default().to_owned();
                    out.push((id, std::mem::take(&mut name), whole));
                }
            }
            Ok(_) => {}
        }
        if out.len() > super::package::MAX_PARTS * 10 {
            return Err("it has too many styles".to_owned());
        }
    }
    Ok(out)
}

/// The element `<tag …>…</tag>` (or `<tag …/>`) starting at `start` in `xml`: its end.
fn element_end(xml: &str, start: usize, tag: &str) -> Option<usize> {
    let open_end = start + xml.get(start..)?.find('>')?;
    if xml.get(..open_end)?.ends_with('/') {
        return Some(open_end + 1);
    }
    let close = format!("</{tag}>");
    Some(open_end + xml.get(open_end..)?.find(&close)? + close.len())
}

/// The body's own section properties (its last child) and what comes before them.
fn body_parts(document: &str) -> Result<(String, String), String> {
    let body_start = document
        .find("<w:body>")
        .map(|i| i + "<w:body>".len())
        .ok_or("its document has no body (WordprocessingML with the w: prefix is expected)")?;
    let body_end = document
        .rfind("</w:body>")
        .ok_or("its document body is not closed")?;
    let body = document
        .get(body_start..body_end)
        .ok_or("its document body cannot be read")?;
    match body.rfind("<w:sectPr") {
        Some(i)
            if element_end(body, i, "w:sectPr").is_some_and(|e| body[e..].trim().is_empty()) =>
        {
            Ok((body[..i].to_owned(), body[i..].trim().to_owned()))
        }
        _ => Ok((body.to_owned(), "<w:sectPr/>".to_owned())),
    }
}

/// The header and footer references of section properties.
pub(super) fn references(sect_pr: &str) -> String {
    let mut out = String::new();
    for tag in ["w:headerReference", "w:footerReference"] {
        let mut from = 0;
        while let Some(i) = sect_pr[from..].find(&format!("<{tag}")) {
            let start = from + i;
            let Some(end) = element_end(sect_pr, start, tag) else {
                break;
            };
            out.push_str(&sect_pr[start..end]);
            from = end;
        }
    }
    out
}

/// Section properties with their header and footer references replaced by `refs`, without
/// a distinct first page.
pub(super) fn with_references(sect_pr: &str, refs: &str) -> String {
    let mut s = sect_pr.to_owned();
    for tag in ["w:headerReference", "w:footerReference", "w:titlePg"] {
        while let Some(start) = s.find(&format!("<{tag}")) {
            let Some(end) = element_end(&s, start, tag) else {
                break;
            };
            s.replace_range(start..end, "");
        }
    }
    match s.find('>') {
        Some(i) if s.starts_with("<w:sectPr") && !s[..i].ends_with('/') => {
            s.insert_str(i + 1, refs);
            s
        }
        _ => format!("<w:sectPr>{refs}</w:sectPr>"),
    }
}

/// Every `<w:sectPr …>…</w:sectPr>` of `xml` passed through `f`.
pub(super) fn each_sect_pr(xml: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<w:sectPr") {
        out.push_str(&rest[..i]);
        let Some(end) = element_end(rest, i, "w:sectPr") else {
            break;
        };
        out.push_str(&f(&rest[i..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Namespace declarations of the root element of `xml`.
fn namespaces(xml: &str) -> BTreeMap<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                return e
                    .attributes()
                    .flatten()
                    .filter(|a| a.key.as_ref().starts_with("xmlns"))
                    .map(|a| (a.key.as_ref().to_owned(), a.value.to_string()))
                    .collect();
            }
            Ok(Event::Eof) | Err(_) => return BTreeMap::new(),
            Ok(_) => {}
        }
    }
}

/// The pack's `ours` on the template `bytes`, and the pack's style ids renamed to the
/// template's (for the body written later).
pub fn merge(ours: Parts, bytes: &[u8]) -> Result<(Parts, Vec<(String, String)>), String> {
    let mut parts = super::package::read_parts(bytes)?;
    let t_doc = text(&parts, DOCUMENT).ok_or("it has no word/document.xml")?;
    let o_doc = text(&ours, DOCUMENT).ok_or("the pack has no document")?;
    let t_styles = text(&parts, STYLES).unwrap_or_default();
    let o_styles = text(&ours, STYLES).unwrap_or_default();

    // styles: the template's by name; ours where it has none
    let theirs = styles(&t_styles)?;
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut added = String::new();
    for (id, name, xml) in styles(&o_styles)? {
        match theirs.iter().find(|(_, n, _)| *n == name) {
            Some((tid, _, _)) => {
                ids.insert(id, tid.clone());
            }
            None if theirs.iter().any(|(tid, _, _)| *tid == id) => {
                // the same id for another style: ours gets a name of its own
                let new = format!("zw{id}");
                ids.insert(id.clone(), new.clone());
                added.push_str(&xml.replacen(&format!("\"{id}\""), &format!("\"{new}\""), 1));
            }
            None => added.push_str(&xml),
        }
    }
    if !t_styles.is_empty() {
        let at = t_styles
            .rfind("</w:styles>")
            .ok_or("its styles part is not closed")?;
        let mut s = t_styles.clone();
        s.insert_str(at, &added);
        set(&mut parts, STYLES, s);
    } else {
        set(&mut parts, STYLES, o_styles.clone());
    }

    // the body: the template's cover page in its own section, then the pack
    let (t_body, t_sect) = body_parts(&t_doc)?;
    let (mut o_body, o_sect) = body_parts(&o_doc)?;
    for (from, to) in &ids {
        for attr in ["w:pStyle", "w:tblStyle", "w:rStyle"] {
            o_body = o_body.replace(
                &format!("<{attr} w:val=\"{from}\" />"),
                &format!("<{attr} w:val=\"{to}\" />"),
            );
        }
    }
    o_body = o_body.replace("\"rIdDrawing", "\"zwDrawing");
    let refs = references(&t_sect);
    let o_body = each_sect_pr(&o_body, |s| with_references(s, &refs));
    let o_sect = with_references(&o_sect, &refs);
    let has_cover = [
        "<w:t>",
        "<w:t ",
        "<w:drawing",
        "<w:tbl>",
        "<w:sdt>",
        "<w:pict",
    ]
    .iter()
    .any(|m| t_body.contains(m));
    let mut body = String::new();
    if has_cover {
        body.push_str(&t_body);
        body.push_str(&format!("<w:p><w:pPr>{t_sect}</w:pPr></w:p>"));
    }
    body.push_str(&o_body);
    body.push_str(&o_sect);
    // our root (it declares what the pack uses) with the template's other namespaces
    let root_end = o_doc.find("<w:body>").ok_or("the pack has no body")?;
    let mut root = o_doc[..root_end].to_owned();
    let have = namespaces(&o_doc);
    let extra: String = namespaces(&t_doc)
        .into_iter()
        .filter(|(k, _)| !have.contains_key(k))
        .map(|(k, v)| format!(" {k}=\"{v}\""))
        .collect();
    if let Some(i) = root.find("<w:document") {
        root.insert_str(i + "<w:document".len(), &extra);
    }
    set(
        &mut parts,
        DOCUMENT,
        format!("{root}<w:body>{body}</w:body></w:document>"),
    );

    // the drawing's image and its relationship
    let o_rels = text(&ours, RELS).unwrap_or_default();
    let mut t_rels = text(&parts, RELS).ok_or("it has no word/_rels/document.xml.rels")?;
    let mut from = 0;
    let mut images = String::new();
    while let Some(i) = o_rels[from..].find("<Relationship ") {
        let start = from + i;
        let end = start + o_rels[start..].find("/>").map_or(0, |e| e + 2);
        if end <= start {
            break;
        }
        let rel = &o_rels[start..end];
        if rel.contains("\"rIdDrawing") {
            // its id and its target, as the media are renamed below
            images.push_str(&rel.replace("rIdDrawing", "zwDrawing"));
        }
        from = end;
    }
    let at = t_rels
        .rfind("</Relationships>")
        .ok_or("its relationships part is not closed")?;
    t_rels.insert_str(at, &images);
    set(&mut parts, RELS, t_rels);
    for (name, data) in &ours {
        if name.starts_with("word/media/rIdDrawing") {
            parts.push((name.replace("rIdDrawing", "zwDrawing"), data.clone()));
        }
    }
    // our properties; a template's main part becomes a document's
    if let Some((_, d)) = ours.iter().find(|(n, _)| n == "docProps/core.xml") {
        set(
            &mut parts,
            "docProps/core.xml",
            String::from_utf8_lossy(d).into_owned(),
        );
    }
    let mut types = text(&parts, TYPES).ok_or("it has no [Content_Types].xml")?;
    types = types.replace(
        "wordprocessingml.template.main+xml",
        "wordprocessingml.document.main+xml",
    );
    for (ext, mime) in [("png", "image/png"), ("svg", "image/svg+xml")] {
        if !types
            .to_lowercase()
            .contains(&format!("extension=\"{ext}\""))
        {
            let at = types
                .rfind("</Types>")
                .ok_or("its content types are not closed")?;
            types.insert_str(
                at,
                &format!(r#"<Default Extension="{ext}" ContentType="{mime}"/>"#),
            );
        }
    }
    if !types.contains("/docProps/core.xml") {
        let at = types
            .rfind("</Types>")
            .ok_or("its content types are not closed")?;
        types.insert_str(
            at,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
        );
    }
    set(&mut parts, TYPES, types);
    let rels = text(&parts, "_rels/.rels").unwrap_or_default();
    if !rels.contains("docProps/core.xml") {
        let at = rels.rfind("</Relationships>").unwrap_or(rels.len());
        let mut r = rels.clone();
        r.insert_str(at, r#"<Relationship Id="zwCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#);
        set(&mut parts, "_rels/.rels", r);
    }
    Ok((parts, ids.into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_references_are_replaced_and_the_first_page_is_not_distinct() {
        let ours = r#"<w:sectPr><w:footerReference w:type="default" r:id="rId9" /><w:pgSz w:w="1" /><w:titlePg /></w:sectPr>"#;
        let refs = references(
            r#"<w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:footerReference w:type="first" r:id="rId8"/><w:titlePg/></w:sectPr>"#,
        );
        assert_eq!(
            refs,
            r#"<w:headerReference w:type="default" r:id="rId7"/><w:footerReference w:type="first" r:id="rId8"/>"#
        );
        assert_eq!(
            with_references(ours, &refs),
            format!(r#"<w:sectPr>{refs}<w:pgSz w:w="1" /></w:sectPr>"#)
        );
    }

    #[test]
    fn styles_are_found_by_their_names() {
        let xml = r#"<w:styles><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:styleId="X"><w:name w:val="Title"/><w:rPr/></w:style></w:styles>"#;
        let s = styles(xml).expect("styles");
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].0.as_str(), s[0].1.as_str()),
            ("berschrift1", "heading 1")
        );
        assert_eq!((s[1].0.as_str(), s[1].1.as_str()), ("X", "title"));
        assert!(s[1].2.starts_with("<w:style w:styleId=\"X\">") && s[1].2.ends_with("</w:style>"));
    }
}
