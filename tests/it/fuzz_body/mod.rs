//! What the fuzz targets check, shared by `fuzz/fuzz_targets/*` (through `#[path]`) and by
//! `tests/it/fuzz_regressions.rs`, which replays every input the fuzzers ever found.
#![allow(dead_code)] // each fuzz target uses part of it

use std::sync::OnceLock;
use zonewright::analysis::assess;
use zonewright::catalog::Catalog;
use zonewright::file;
use zonewright::generate::{GenerateParams, generate};
use zonewright::model::{
    Direction, Fr, Project, Rect, RequirementAssessment, SlOverride, SlVector, Status,
};
use zonewright::report::layout::{Item, Page, text_width};
use zonewright::report::{self, ExportOptions, Paper, Sections, fonts::Fonts};

/// Loader target: any bytes. Loading never panics; what loads is valid, saves, and loads back
/// equal; an error has a one-line message.
pub fn load(bytes: &[u8]) {
    match file::from_bytes(bytes) {
        Ok(project) => {
            assert_eq!(
                file::validate(&project),
                Ok(()),
                "a loaded project is valid"
            );
            let text = file::to_string(&project).expect("serialise");
            match file::from_str(&text) {
                Ok(back) => assert!(back == project, "saved text loads back equal:\n{text}"),
                Err(e) => panic!("saved text does not load: {e}\n{text}"),
            }
            let assessment = assess(&project, Catalog::embedded());
            assert_eq!(assessment.zones.len(), project.zones.len());
            assert_eq!(assessment.conduits.len(), project.conduits.len());
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "an error says something");
        }
    }
}

/// Assessment and report target: the bytes become a valid project (a file that loads, or a
/// generated plant edited by the bytes); `assess` gives a result for every element and the
/// PDF layout keeps every item on its page.
pub fn assess_report(bytes: &[u8]) {
    let Some(project) = project_from(bytes) else {
        return;
    };
    let catalog = Catalog::embedded();
    let assessment = assess(&project, catalog);
    assert_eq!(assessment.zones.len(), project.zones.len());
    assert_eq!(assessment.conduits.len(), project.conduits.len());
    assert!(
        assess(&project, catalog) == assessment,
        "assess is deterministic"
    );
    let options = ExportOptions {
        paper: if bytes.first().is_some_and(|b| b & 1 == 1) {
            Paper::A3
        } else {
            Paper::A4
        },
        sections: Sections::default(),
        compact: bytes.get(1).is_some_and(|b| b & 1 == 1),
    };
    let fonts = fonts();
    let pages = report::layout_pages(&project, catalog, &options, fonts);
    assert!(!pages.is_empty(), "the pack has pages");
    for (n, page) in pages.iter().enumerate() {
        check_page(n + 1, page, fonts);
    }
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| match Fonts::load() {
        Ok(f) => f,
        Err(e) => panic!("embedded fonts: {e}"),
    })
}

/// Slack for rounding, in millimetres.
const SLACK_MM: f32 = 0.5;

fn check_page(n: usize, page: &Page, fonts: &Fonts) {
    let inside = |x: f32, y: f32| {
        x.is_finite()
            && y.is_finite()
            && (-SLACK_MM..=page.width + SLACK_MM).contains(&x)
            && (-SLACK_MM..=page.height + SLACK_MM).contains(&y)
    };
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                size,
                weight,
                text,
                ..
            } => {
                let w = text_width(fonts, text, *weight, *size);
                assert!(
                    inside(*x, *y) && inside(x + w, *y),
                    "page {n}: text {text:?} at ({x}, {y}), {w} mm wide, leaves the {} × {} mm page",
                    page.width,
                    page.height
                );
            }
            Item::Rect { x, y, w, h, .. } => assert!(
                inside(*x, *y) && inside(x + w, y + h),
                "page {n}: rectangle ({x}, {y}, {w}, {h}) leaves the page"
            ),
            Item::Line { points, .. } | Item::Polygon { points, .. } => {
                for (x, y) in points {
                    assert!(inside(*x, *y), "page {n}: point ({x}, {y}) leaves the page");
                }
            }
        }
    }
}

/// Texts that stress layout: long words, wide and combining characters, right-to-left,
/// control characters, nothing at all.
const TEXTS: [&str; 10] = [
    "",
    "Cooling water pumps PLC-A/B",
    "Überwachung Kühlwasser – Ölpumpe ÄÖÜ",
    "ProcessControlNetworkWithoutAnySpaceInItsNameWhichNeedsBreakingSomewhereOrOther",
    "水処理プラント 制御ゾーン",
    "محطة الضخ",
    "e\u{301}e\u{301}e\u{301} \u{200b}zero\u{200b}width",
    "tab\there\nnew line\r\n",
    "🏭🔒🛰️ remote site",
    "x",
];

/// A valid project from bytes: the bytes as a project file when they load, otherwise a small
/// generated plant (size and seed from the first bytes) edited by the rest, four bytes per
/// edit. `None` when the edits made it invalid.
pub fn project_from(bytes: &[u8]) -> Option<Project> {
    if let Ok(p) = file::from_bytes(bytes) {
        return Some(p);
    }
    let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let zones = usize::from(b(0) % 12) + 1;
    let params = GenerateParams {
        zones,
        assets: usize::from(b(1) % 48),
        conduits: if zones < 2 { 0 } else { usize::from(b(2) % 16) },
        seed: u64::from(u32::from_le_bytes([b(3), b(4), b(5), b(6)])),
    };
    params.check().ok()?;
    let mut p = generate(&params);
    let catalog = Catalog::embedded();
    for edit in bytes.get(7..).unwrap_or(&[]).chunks(4) {
        let e = |i: usize| edit.get(i).copied().unwrap_or(0);
        apply_edit(&mut p, catalog, [e(0), e(1), e(2), e(3)]);
    }
    file::validate(&p).ok()?;
    Some(p)
}

fn level(v: u8) -> u8 {
    v % 5
}

fn sl(v: u8, w: u8) -> SlVector {
    let mut s = SlVector::default();
    for (i, fr) in Fr::ALL.iter().enumerate() {
        s.set(*fr, level(v.rotate_left(i as u32) ^ w));
    }
    s
}

fn apply_edit(p: &mut Project, catalog: &Catalog, [op, a, b, c]: [u8; 4]) {
    let nz = p.zones.len();
    let nc = p.conduits.len();
    let text = TEXTS[usize::from(c) % TEXTS.len()];
    match op % 14 {
        0 if nz > 0 => p.zones[usize::from(a) % nz].sl_t = (b & 1 == 1).then(|| sl(b, c)),
        1 if nc > 0 => {
            p.conduits[usize::from(a) % nc].sl_t_override = (b & 1 == 1).then(|| sl(b, c))
        }
        2 | 3 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            set_status(&mut z.requirements, catalog, b, c);
        }
        4 if nc > 0 => {
            let k = &mut p.conduits[usize::from(a) % nc];
            set_status(&mut k.requirements, catalog, b, c);
        }
        5 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            if b & 1 == 0 {
                z.name = text.repeat(usize::from(b % 8) + 1);
            } else {
                z.description = text.repeat(usize::from(b) + 1);
            }
        }
        6 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            if let Some(asset) = z.assets.get_mut(usize::from(b)) {
                asset.name = text.repeat(usize::from(c % 5) + 1);
            }
        }
        7 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            let f = |v: u8| f32::from(v) * 37.0 - 2_000.0;
            z.rect = Rect::new(f(b), f(c), f32::from(b) * 3.0 + 1.0, f32::from(c) + 1.0);
        }
        8 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            if !z.assets.is_empty() {
                let i = usize::from(b) % z.assets.len();
                z.assets.remove(i);
            }
        }
        9 if nc > 0 => {
            let k = &mut p.conduits[usize::from(a) % nc];
            k.direction = match b % 2 {
                0 => Direction::Both,
                _ => Direction::OneWay,
            };
        }
        10 if nz > 0 => {
            let z = &mut p.zones[usize::from(a) % nz];
            if let Some(asset) = z.assets.get_mut(usize::from(b)) {
                asset.sl_c_override = (c & 1 == 1).then(|| SlOverride {
                    sl: sl(c, b),
                    source: text.to_owned(),
                });
            }
        }
        11 if nc > 0 => {
            let k = &mut p.conduits[usize::from(a) % nc];
            let ids: Vec<&str> = catalog.controls.iter().map(|c| c.id.as_str()).collect();
            if b & 1 == 0 {
                k.controls.clear();
            } else if let Some(id) = ids.get(usize::from(c) % ids.len().max(1)) {
                k.controls.push((*id).to_owned());
            }
        }
        12 if nc > 0 => {
            // reconnect a conduit (validation rejects a loop; the project is then skipped)
            let k = &mut p.conduits[usize::from(a) % nc];
            k.to = p.zones[usize::from(b) % nz].id;
        }
        13 => match b % 4 {
            0 => p.meta.title = text.repeat(usize::from(c % 6) + 1),
            1 => p.meta.description = text.repeat(usize::from(c) + 1),
            2 => p.meta.organisation = text.to_owned(),
            _ => p.meta.document_number = text.repeat(usize::from(c % 3) + 1),
        },
        _ => {}
    }
}

fn set_status(reqs: &mut zonewright::model::Requirements, catalog: &Catalog, b: u8, c: u8) {
    let Some(r) = catalog
        .requirements
        .get(usize::from(b) % catalog.requirements.len().max(1))
    else {
        return;
    };
    let status = Status::ALL[usize::from(c) % Status::ALL.len()];
    let text = if c & 0x80 == 0 {
        String::new()
    } else {
        TEXTS[usize::from(c) % TEXTS.len()].to_owned()
    };
    reqs.insert(
        r.id.clone(),
        RequirementAssessment {
            status,
            text,
            ..RequirementAssessment::default()
        },
    );
}
