//! Amendments in the tender pack, read back: `export --changes-since OLD.ron` writes the
//! amendment register after the revision history, a revision mark (triangle and letter) on
//! each changed zone and conduit of the drawing, and change bars beside changed table rows —
//! in the PDF and in the Word pack (its drawing too).

use crate::pdf_text::pdf_text;
use std::process::{Command, Output};
use zonewright::catalog::Catalog;
use zonewright::file;
use zonewright::model::Project;
use zonewright::report::amendments::Amendments;

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn refinery() -> Project {
    file::from_str(zonewright::samples::find("refinery").expect("sample").text).expect("loads")
}

/// Revision B and a revision C with a changed zone, a renamed asset and a changed conduit.
fn revisions() -> (Project, Project) {
    let mut old = refinery();
    old.meta.revision = "B".into();
    let mut new = old.clone();
    new.meta.revision = "C".into();
    new.zones[0].description = "Office network, now with a jump host".into();
    new.zones[1].assets[0].name = "Historian mirror (HIS-DMZ-02)".into();
    new.conduits[0].test_method = "Yearly firewall rule review".into();
    let bpcs = &mut new.zones[0];
    let first = bpcs
        .requirements
        .keys()
        .next()
        .expect("an assessed requirement")
        .clone();
    if let Some(r) = bpcs.requirements.get_mut(&first) {
        r.evidence = "FAT report FR-2026-117, section 4".into();
    }
    (old, new)
}

/// Filled rectangles as wide as a change bar (1.1 mm), over every page.
fn change_bars(bytes: &[u8]) -> usize {
    change_bars_per_page(bytes).iter().sum()
}

/// The change bars of each page, in page order.
fn change_bars_per_page(bytes: &[u8]) -> Vec<usize> {
    let doc = lopdf::Document::load_mem(bytes).expect("readable PDF");
    let bar_w = 1.1 * 72.0 / 25.4;
    let mut out = Vec::new();
    for page in doc.get_pages().values() {
        let mut n = 0;
        let content = doc.get_and_decode_page_content(*page).expect("content");
        for op in &content.operations {
            if op.operator == "re"
                && let Some(w) = op.operands.get(2).and_then(|o| o.as_float().ok())
                && (w - bar_w).abs() < 0.01
            {
                n += 1;
            }
        }
        out.push(n);
    }
    out
}

/// The text runs of each page, decoded.
fn page_runs(bytes: &[u8]) -> Vec<Vec<String>> {
    crate::pdf_text::page_runs(&lopdf::Document::load_mem(bytes).expect("readable PDF"))
}

/// Revisions B and C saved in `dir`: their paths as text.
fn saved(dir: &std::path::Path) -> (Project, Project, String, String) {
    let (old, new) = revisions();
    let (old_path, new_path) = (dir.join("rev-b.ron"), dir.join("rev-c.ron"));
    file::save(&old, &old_path).expect("saves");
    file::save(&new, &new_path).expect("saves");
    let s = |p: &std::path::Path| p.to_str().expect("utf-8").to_owned();
    (old, new, s(&old_path), s(&new_path))
}

#[test]
fn the_pdf_carries_the_register_the_marks_and_the_change_bars() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new, old_path, new_path) = saved(dir.path());
    let (plain, amended) = (dir.path().join("plain.pdf"), dir.path().join("amended.pdf"));
    let s = |p: &std::path::Path| p.to_str().expect("utf-8").to_owned();
    let o = zonewright(&["export", &new_path, "-o", &s(&plain)]);
    assert_eq!(o.status.code(), Some(0));
    let o = zonewright(&[
        "export",
        &new_path,
        "-o",
        &s(&amended),
        "--changes-since",
        &old_path,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (plain, amended) = (
        std::fs::read(&plain).expect("read"),
        std::fs::read(&amended).expect("read"),
    );
    let text = pdf_text(&amended);
    // the register follows the revision history
    let history = text.find("Revision history").expect("revision history");
    let register = text
        .find("Amendments in revision C since revision B")
        .expect("the amendment register");
    assert!(register > history);
    assert!(
        text.contains("Office network, now with a jump host"),
        "the new description"
    );
    assert!(text.contains("Historian mirror (HIS-DMZ-01) → Historian mirror (HIS-DMZ-02)"));
    assert!(text.contains("Test method"));
    assert!(!pdf_text(&plain).contains("Amendments in revision"));
    // marks: one letter per marked zone and conduit in the drawing, one per register row
    let amend = Amendments::between(&old, &new, Catalog::embedded(), "rev-b.ron");
    let marked = new
        .zones
        .iter()
        .filter(|z| amend.zone_marked(&new, z.id))
        .count()
        + new
            .conduits
            .iter()
            .filter(|c| amend.conduit_marked(&new, c.id))
            .count();
    assert_eq!(marked, 3, "zone 1, zone 2 (its asset) and conduit 1");
    let rows = amend.diff.changes.len();
    let letters_on_drawing = |bytes: &[u8]| {
        page_runs(bytes)
            .into_iter()
            .find(|runs| {
                runs.iter()
                    .any(|r| r == "Zone and conduit drawing (ZCR 6.3)")
            })
            .expect("a drawing page")
            .iter()
            .filter(|r| r.as_str() == "C")
            .count()
    };
    // the title block's revision is a "C" on both
    assert_eq!(
        letters_on_drawing(&amended),
        letters_on_drawing(&plain) + marked
    );
    // change bars: the register rows, the summary rows of the marked zones and conduits, and
    // the findings that are new (at least one row each where a table breaks across pages)
    let new_findings = amend.diff.findings_appeared.len();
    assert_eq!(change_bars(&plain), 0);
    assert!(change_bars(&amended) >= rows + marked + new_findings);
    // the renamed asset's row in its zone's asset table: the details page that lists it (not
    // the register) has a bar
    let runs = page_runs(&amended);
    let bars = change_bars_per_page(&amended);
    let details = runs
        .iter()
        .position(|r| {
            r.iter().any(|t| t == "j) Assets")
                && r.iter().any(|t| t.contains("HIS-DMZ-02"))
                && !r.iter().any(|t| t.starts_with("Amendments in revision"))
        })
        .unwrap_or_else(|| {
            let pages: Vec<_> = runs
                .iter()
                .filter(|r| r.iter().any(|t| t.contains("Historian")))
                .collect();
            panic!("the asset's details page: {pages:?}")
        });
    assert!(bars[details] >= 1, "bars per page: {bars:?}");
    // the requirement whose evidence changed: a bar on the page of its zone's matrix
    let (_, new) = revisions();
    let bpcs = &new.zones[0];
    let id = bpcs.requirements.keys().next().expect("a requirement");
    let matrix = runs
        .iter()
        .position(|r| {
            r.iter().any(|t| t.contains("FR-2026-117"))
                && !r.iter().any(|t| t.starts_with("Amendments in revision"))
        })
        .unwrap_or_else(|| panic!("the page with {id}'s new evidence"));
    assert!(bars[matrix] >= 1, "bars per page: {bars:?}");
    let plain_bars = change_bars_per_page(&plain);
    assert_eq!(plain_bars.iter().sum::<usize>(), 0);
}

#[test]
fn the_word_pack_carries_the_register_and_the_change_bars() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, _, old_path, new_path) = saved(dir.path());
    let out = dir.path().join("pack.docx");
    let s = |p: &std::path::Path| p.to_str().expect("utf-8").to_owned();
    let o = zonewright(&[
        "export",
        &new_path,
        "-o",
        &s(&out),
        "--changes-since",
        &old_path,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&out).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document part"),
        &mut xml,
    )
    .expect("read");
    assert!(xml.contains("Amendments in revision C since revision B"));
    assert!(xml.contains("Historian mirror (HIS-DMZ-02)"));
    let bars = xml.matches(r#"<w:left w:val="single" w:sz="36""#).count();
    assert!(bars >= 3, "{bars} change bars");
    // the drawing (its SVG beside the picture): the title block's revision and one mark for
    // each of the three changed zones and conduits
    let mut svg = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/media/rIdDrawingSvg1.svg")
            .expect("the drawing's SVG"),
        &mut svg,
    )
    .expect("read");
    assert_eq!(svg.matches(">C</text>").count(), 1 + 3);
    // a file that cannot be read is named, and nothing is written
    let missing = dir.path().join("missing.ron");
    let none = dir.path().join("none.pdf");
    let o = zonewright(&[
        "export",
        &new_path,
        "-o",
        &s(&none),
        "--changes-since",
        &s(&missing),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.ron"));
    assert!(!none.exists());
}
