//! The PDF tender pack read back with lopdf: pages, orientation, names, requirement ids,
//! findings, Unicode text, byte-identical re-export, a 3,000-asset plant, and the CLI command.

use crate::pdf_text;

use pdf_text::{NONE, text};
use std::collections::BTreeSet;
use std::process::Command;

use zonewright::analysis::assess;
use zonewright::catalog::Catalog;
use zonewright::generate::{GenerateParams, generate};
use zonewright::model::{Asset, AssetId, Fr, Project, Rect, SlVector, Zone, ZoneId, ZoneKind};
use zonewright::report::{ExportOptions, Paper, Sections, export_pdf};
use zonewright::{file, samples};

fn sample(name: &str) -> Project {
    let s = samples::find(name).expect("sample exists");
    file::from_str(s.text).expect("sample loads")
}

fn pdf(project: &Project, options: &ExportOptions) -> Vec<u8> {
    export_pdf(project, Catalog::embedded(), options).expect("export works")
}

fn read(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the export is a readable PDF")
}

/// Page sizes (width, height) in points, in page order.
fn page_sizes(doc: &lopdf::Document) -> Vec<(f32, f32)> {
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("page dictionary");
            let media = page
                .get(b"MediaBox")
                .and_then(|m| m.as_array())
                .expect("media box");
            let n = |i: usize| media[i].as_float().expect("number");
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

fn only(sections: Sections) -> ExportOptions {
    ExportOptions {
        paper: Paper::A4,
        sections,
        compact: false,
    }
}

/// Requirement ids ("SR 5.1", "SR 5.1 RE 1") found in normalised text.
fn requirement_ids(text: &str) -> BTreeSet<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut ids = BTreeSet::new();
    let is_number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.');
    for i in 0..words.len() {
        if words[i] == "SR"
            && words
                .get(i + 1)
                .is_some_and(|w| is_number(w) && w.contains('.'))
        {
            let mut id = format!("SR {}", words[i + 1]);
            if words.get(i + 2) == Some(&"RE") && words.get(i + 3).is_some_and(|w| is_number(w)) {
                id = format!("{id} RE {}", words[i + 3]);
            }
            ids.insert(id);
        }
    }
    ids
}

#[test]
fn the_sample_pack_has_every_section_and_every_name() {
    let project = sample("refinery");
    let bytes = pdf(&project, &ExportOptions::default());
    let doc = read(&bytes);
    let pages = doc.get_pages().len();
    assert!(
        pages >= 10,
        "a full tender pack of the refinery is more than a few pages, got {pages}"
    );
    let all = text(&doc);
    for heading in [
        "Zone and conduit summary",
        "Overview matrix",
        "Findings register",
    ] {
        assert!(all.contains(heading), "missing section {heading}");
    }
    assert!(
        all.contains(&format!("Page {pages} of {pages}")),
        "footer with the page count"
    );
    for zone in &project.zones {
        assert!(
            all.contains(
                zone.name
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_str()
            ),
            "zone {}",
            zone.name
        );
    }
    for conduit in &project.conduits {
        let name = conduit
            .name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains(&name), "conduit {}", conduit.name);
    }
    assert!(
        all.contains(&project.meta.document_number),
        "document number in the header"
    );
}

#[test]
fn the_drawing_is_one_landscape_page_on_the_chosen_paper() {
    let project = sample("water");
    for (paper, long, short) in [(Paper::A4, 841.9, 595.3), (Paper::A3, 1190.6, 841.9)] {
        let options = ExportOptions {
            paper,
            sections: Sections {
                drawing: true,
                ..NONE
            },
            compact: false,
        };
        let doc = read(&pdf(&project, &options));
        let sizes = page_sizes(&doc);
        assert_eq!(sizes.len(), 1, "the drawing is never split across pages");
        let (w, h) = sizes[0];
        assert!(w > h, "landscape");
        assert!(
            (w - long).abs() < 2.0 && (h - short).abs() < 2.0,
            "{paper:?}: {w} × {h}"
        );
        let all = text(&doc);
        for zone in &project.zones {
            assert!(
                all.contains(zone.name.split_whitespace().next().unwrap_or_default()),
                "zone {} on the drawing",
                zone.name
            );
        }
        assert!(all.contains("Legend"), "the drawing has a legend");
    }
}

#[test]
fn text_pages_are_a4_portrait() {
    let doc = read(&pdf(&sample("manufacturing"), &ExportOptions::default()));
    let sizes = page_sizes(&doc);
    let landscape = sizes.iter().filter(|(w, h)| w > h).count();
    assert_eq!(landscape, 1, "only the drawing page is landscape");
    assert!(
        sizes
            .iter()
            .filter(|(w, h)| w < h)
            .all(|(w, h)| (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0)
    );
}

#[test]
fn a_zone_at_sl_t_2_in_fr5_lists_exactly_the_fr5_requirements_up_to_level_2() {
    let mut project = Project::default();
    project.meta.title = "FR5 only".into();
    let mut zone = Zone::new(
        ZoneId(1),
        "Restricted data flow cell",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    zone.sl_t = Some(SlVector([0, 0, 0, 0, 2, 0, 0]));
    zone.assets.push(Asset::new(AssetId(1), "Cell PLC", "plc"));
    project.zones.push(zone);
    let catalog = Catalog::embedded();
    let expected: BTreeSet<String> = catalog
        .requirements
        .iter()
        .filter(|r| r.fr == Fr::Rdf && r.level <= 2)
        .map(|r| r.id.clone())
        .collect();
    assert!(
        expected.len() >= 5,
        "FR5 at SL 2 needs several items: {expected:?}"
    );
    // the assessment agrees with the catalog
    let a = assess(&project, catalog);
    assert_eq!(a.zones[0].applicable.len(), expected.len());

    let doc = read(&pdf(
        &project,
        &only(Sections {
            details: true,
            ..NONE
        }),
    ));
    let found = requirement_ids(&text(&doc));
    assert_eq!(found, expected, "exactly the SRs and REs the zone needs");
    assert!(
        !found.contains("SR 5.1 RE 3") && !found.contains("SR 1.1"),
        "nothing it does not need"
    );
}

#[test]
fn the_findings_register_lists_every_finding() {
    let project = sample("water");
    let a = assess(&project, Catalog::embedded());
    assert!(!a.findings.is_empty());
    let all = text(&read(&pdf(
        &project,
        &only(Sections {
            components: true,
            findings: true,
            ..NONE
        }),
    )));
    for f in &a.findings {
        assert!(
            all.contains(f.code.code()),
            "finding {} in the register",
            f.code.code()
        );
    }
    let first_words: String = a.findings[0]
        .message
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains(&first_words), "message text: {first_words}");
}

#[test]
fn names_in_any_script_survive() {
    let mut project = sample("refinery");
    let name = "Łódź Straße Мюнхен 東京 Ωmega";
    project.zones[0].name = name.into();
    project.meta.author = "Zoë Świątek".into();
    let all = text(&read(&pdf(&project, &ExportOptions::default())));
    assert!(
        all.contains(name),
        "the Unicode zone name comes out as written"
    );
    assert!(all.contains("Zoë Świątek"));
}

#[test]
fn fonts_are_embedded_and_subset() {
    let doc = read(&pdf(&sample("refinery"), &ExportOptions::default()));
    let mut embedded = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict
                .get(b"Type")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"FontDescriptor")
        {
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "font descriptor without an embedded font"
            );
            embedded += 1;
        }
    }
    assert!(
        embedded >= 2,
        "regular and bold (and CJK when used) are embedded, found {embedded}"
    );
    assert!(
        read(&pdf(&sample("refinery"), &ExportOptions::default()))
            .objects
            .len()
            > 10
    );
    let bytes = pdf(&sample("refinery"), &ExportOptions::default());
    assert!(
        bytes.len() < 3_000_000,
        "subset fonts keep the file small: {} bytes",
        bytes.len()
    );
}

#[test]
fn two_exports_give_the_same_bytes() {
    let project = sample("manufacturing");
    let a = pdf(&project, &ExportOptions::default());
    let b = pdf(&project, &ExportOptions::default());
    assert!(a == b, "exports differ");
    let mut changed = project.clone();
    changed.meta.revision = "Z".into();
    assert!(
        pdf(&changed, &ExportOptions::default()) != a,
        "a different project gives a different file"
    );
}

#[test]
fn nothing_selected_is_an_error_not_an_empty_file() {
    assert!(export_pdf(&sample("water"), Catalog::embedded(), &only(NONE)).is_err());
}

#[test]
fn a_generated_plant_of_3000_assets_exports() {
    let project = generate(&GenerateParams {
        zones: 150,
        assets: 3000,
        conduits: 400,
        seed: 1,
    });
    let options = ExportOptions {
        paper: Paper::A3,
        sections: Sections::default(),
        compact: false,
    };
    let bytes = pdf(&project, &options);
    let doc = read(&bytes);
    let sizes = page_sizes(&doc);
    assert!(
        sizes.len() > 1000,
        "every zone and conduit has its pages: {}",
        sizes.len()
    );
    assert_eq!(
        sizes.iter().filter(|(w, h)| w > h).count(),
        1,
        "one drawing page"
    );
    let all = text(&doc);
    for zone in project.zones.iter().step_by(10) {
        assert!(
            all.contains(&zone.name),
            "zone {} in the summary",
            zone.name
        );
    }
}

#[test]
fn the_export_command_writes_the_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("water.ron");
    std::fs::write(&input, samples::find("water").expect("sample").text).expect("write input");
    let out = dir.path().join("water.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args([
            "export",
            input.to_str().expect("utf-8 path"),
            "-o",
            out.to_str().expect("utf-8 path"),
            "--paper",
            "a3",
        ])
        .output()
        .expect("run zonewright");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let doc = read(&std::fs::read(&out).expect("pdf written"));
    assert!(doc.get_pages().len() > 5);
    let sizes = page_sizes(&doc);
    assert!(
        sizes.iter().any(|(w, h)| w > h && (w - 1190.6).abs() < 2.0),
        "A3 drawing page"
    );

    let drawing_only = dir.path().join("drawing.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args([
            "export",
            input.to_str().expect("utf-8 path"),
            "-o",
            drawing_only.to_str().expect("utf-8 path"),
        ])
        .args([
            "--no-title",
            "--no-summary",
            "--no-risk",
            "--no-details",
            "--no-matrix",
            "--no-components",
            "--no-flows",
            "--no-findings",
        ])
        .output()
        .expect("run zonewright");
    assert!(status.status.success());
    assert_eq!(
        read(&std::fs::read(&drawing_only).expect("pdf written"))
            .get_pages()
            .len(),
        1
    );

    let missing = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args([
            "export",
            "/nonexistent/plant.ron",
            "-o",
            out.to_str().expect("utf-8 path"),
        ])
        .output()
        .expect("run zonewright");
    assert_eq!(
        missing.status.code(),
        Some(2),
        "an unreadable file is exit status 2"
    );
}
