//! Every export format read back: the format follows the extension of `-o` (an unknown one
//! writes nothing), the SVG parses as XML with every zone name in its text, the PNG decodes
//! with its size, the .drawio is mxGraph XML with zones as the parents of their assets and one
//! edge per conduit, the XLSX registers and the CSV tables read back with their types.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use std::process::{Command, Output};
use zonewright::catalog::Catalog;
use zonewright::export::{Format, PngOptions, Request, Table, export};
use zonewright::model::Project;

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn refinery() -> Project {
    zonewright::file::load(Path::new("samples/refinery.ron")).expect("sample loads")
}

fn bytes(project: &Project, request: &Request) -> Vec<u8> {
    export(project, Catalog::embedded(), request).expect("export")
}

#[test]
fn the_extension_chooses_the_format_and_an_unknown_one_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8]); 6] = [
        ("plant.pdf", b"%PDF"),
        ("plant.docx", b"PK"),
        ("plant.svg", b"<?xml"),
        ("plant.PNG", b"\x89PNG"),
        ("plant.drawio", b"<mxfile"),
        ("plant.xlsx", b"PK"),
    ];
    for (name, magic) in cases {
        let path = dir.path().join(name);
        let o = zonewright(&["export", "samples/water.ron", "-o", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let written = std::fs::read(&path).expect("written");
        assert!(written.starts_with(magic), "{name} starts with {magic:?}");
    }
    let path = dir.path().join("plant.odt");
    let o = zonewright(&["export", "samples/water.ron", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown export format"),
        "{}",
        stderr(&o)
    );
    assert!(!path.exists(), "nothing written for an unknown format");
    // a CSV needs its table; --table is refused for other formats
    let csv = dir.path().join("zones.csv");
    let o = zonewright(&["export", "samples/water.ron", "-o", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--table"), "{}", stderr(&o));
    assert!(!csv.exists());
    let pdf = dir.path().join("x.pdf");
    let o = zonewright(&[
        "export",
        "samples/water.ron",
        "-o",
        pdf.to_str().unwrap(),
        "--table",
        "zones",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!pdf.exists());
    assert_eq!(
        Format::from_path(Path::new("a/b.DrawIO")).ok(),
        Some(Format::Drawio)
    );
    assert!(Format::from_path(Path::new("noextension")).is_err());
}

/// All text of the SVG, `<text>` element by element.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn svg_has_every_zone_name_as_text_and_the_legend() {
    let project = refinery();
    let svg = String::from_utf8(bytes(&project, &Request::new(Format::Svg))).expect("UTF-8");
    let texts = svg_texts(&svg);
    for z in &project.zones {
        // long names are cut with "…" where the zone is narrow; their start is always there
        let start: String = z.name.chars().take(12).collect();
        assert!(
            texts.iter().any(|t| t.starts_with(&start)),
            "zone {} not in the SVG text",
            z.name
        );
    }
    assert!(texts.iter().any(|t| t.starts_with("Legend")));
    assert!(texts.iter().any(|t| t == "one-way conduit"));
    // the title block: the project title (cut to its cell) and the revision
    let title: String = project.meta.title.chars().take(20).collect();
    assert!(texts.iter().any(|t| t.starts_with(&title)), "title block");
    assert!(texts.iter().any(|t| t == "Revision"));
    assert!(svg.contains("DejaVu Sans"), "the font family is named");
    // without the title block: the legend stays, the title goes
    let mut r = Request::new(Format::Svg);
    r.title_block = false;
    let texts = svg_texts(&String::from_utf8(bytes(&project, &r)).expect("UTF-8"));
    assert!(texts.iter().any(|t| t.starts_with("Legend")));
    assert!(!texts.iter().any(|t| t == "Revision"));
}

#[test]
fn svg_escapes_markup_in_names() {
    let mut project = refinery();
    project.zones[0].name = "Ctrl <&> \"zone\"".to_owned();
    let svg = String::from_utf8(bytes(&project, &Request::new(Format::Svg))).expect("UTF-8");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.starts_with("Ctrl <&>")), "{texts:?}");
}

fn png_size(png: &[u8]) -> (u32, u32, u8) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG signature");
    // IHDR is the first chunk: width, height, bit depth, colour type
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    assert_eq!(&png[12..16], b"IHDR");
    (be(16), be(20), png[25])
}

#[test]
fn png_has_the_asked_size_and_decodes() {
    let project = zonewright::file::load(Path::new("samples/water.ron")).expect("loads");
    let (w, h, colour) = png_size(&bytes(&project, &Request::new(Format::Png)));
    assert_eq!((w, h), (3000, 2121), "default width, A4 landscape");
    assert_eq!(colour, 6, "RGBA");
    let mut r = Request::new(Format::Png);
    r.png = PngOptions {
        width: Some(800),
        transparent: true,
        ..PngOptions::default()
    };
    let png = bytes(&project, &r);
    assert_eq!(png_size(&png).0, 800);
    // decoded: the corner of a transparent PNG is transparent, of the default one white
    let corner = |png: &[u8]| {
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("the PNG decodes");
        let p = pixmap.pixel(0, 0).expect("a pixel");
        (pixmap.width(), p.alpha(), p.red())
    };
    assert_eq!(corner(&png), (800, 0, 0));
    assert_eq!(
        corner(&bytes(&project, &Request::new(Format::Png))),
        (3000, 255, 255)
    );
    r.png = PngOptions {
        dpi: Some(72.0),
        ..PngOptions::default()
    };
    assert_eq!(png_size(&bytes(&project, &r)).0, 842, "297 mm at 72 DPI");
}

#[test]
fn drawio_zones_contain_their_assets_and_conduits_are_edges() {
    let project = refinery();
    let xml = String::from_utf8(bytes(&project, &Request::new(Format::Drawio))).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "mxfile");
    let model_root = root
        .descendants()
        .find(|n| n.has_tag_name("root"))
        .expect("mxfile → diagram → mxGraphModel → root");
    assert_eq!(
        model_root.parent().map(|p| p.tag_name().name()),
        Some("mxGraphModel")
    );
    // every object wraps one mxCell; the id and the data sit on the object
    let cell_of = |id: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("object") && n.attribute("id") == Some(id))
            .and_then(|o| o.children().find(|c| c.has_tag_name("mxCell")))
    };
    for z in &project.zones {
        let id = z.id.to_string();
        let cell = cell_of(&id).unwrap_or_else(|| panic!("zone {id}"));
        assert!(
            cell.attribute("style")
                .is_some_and(|s| s.contains("container=1"))
        );
        assert_eq!(cell.attribute("parent"), Some("1"));
        for a in &z.assets {
            let child = cell_of(&a.id.to_string()).expect("asset shape");
            assert_eq!(child.attribute("parent"), Some(id.as_str()), "{}", a.name);
            assert_eq!(child.attribute("vertex"), Some("1"));
        }
        let object = cell.parent().expect("object");
        assert_eq!(object.attribute("name"), Some(z.name.as_str()));
        assert!(object.attribute("slT").is_some());
    }
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mxCell") && n.attribute("edge") == Some("1"))
        .collect();
    assert_eq!(edges.len(), project.conduits.len(), "one edge per conduit");
    for c in &project.conduits {
        let edge = cell_of(&c.id.to_string()).expect("conduit edge");
        assert_eq!(edge.attribute("source"), Some(c.from.to_string().as_str()));
        assert_eq!(edge.attribute("target"), Some(c.to.to_string().as_str()));
        let style = edge.attribute("style").unwrap_or_default();
        assert!(style.contains("startArrow=none"), "{style}");
        if c.direction == zonewright::model::Direction::OneWay {
            assert!(style.contains("endArrow=block"), "{style}");
        }
        for d in &c.devices {
            let device = cell_of(&d.id.to_string()).expect("device on the edge");
            assert_eq!(device.attribute("parent"), Some(c.id.to_string().as_str()));
        }
    }
}

fn cell_str(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn xlsx_registers_have_every_sheet_with_numbers_as_numbers() {
    let project = refinery();
    let data = bytes(&project, &Request::new(Format::Xlsx));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(data.clone())).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        [
            "Zones",
            "Conduits",
            "Assets",
            "Requirements",
            "Findings",
            "Supplier requirements",
            "Flows",
            "Rules",
            "Risk",
            "Threat sources"
        ]
    );
    let zones = book.worksheet_range("Zones").expect("Zones");
    let header: Vec<String> = zones
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(cell_str)
        .collect();
    assert_eq!(&header[..4], ["ID", "Name", "Kind", "Assets"]);
    assert_eq!(zones.height(), project.zones.len() + 1);
    for (row, z) in zones.rows().skip(1).zip(&project.zones) {
        assert_eq!(cell_str(&row[1]), z.name);
        assert_eq!(row[3], Data::Float(z.assets.len() as f64), "a number");
    }
    let reqs = book.worksheet_range("Requirements").expect("Requirements");
    let level = reqs
        .rows()
        .next()
        .and_then(|h| h.iter().position(|c| cell_str(c) == "Level"))
        .expect("Level column");
    assert!(
        reqs.rows()
            .skip(1)
            .all(|r| matches!(r[level], Data::Float(_)))
    );
    let a = zonewright::analysis::assess(&project, Catalog::embedded());
    let applicable: usize = a
        .zones
        .iter()
        .chain(&a.conduits)
        .map(|e| e.applicable.len())
        .sum();
    assert_eq!(reqs.height(), applicable + 1);
    let assets = book.worksheet_range("Assets").expect("Assets");
    assert_eq!(assets.height(), project.asset_count() + 1);
    // every sheet: a frozen header row with an autofilter and set widths; gap colours as fills
    let part = |name: &str| {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&data)).expect("a zip");
        let mut s = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut s)
            .expect("XML");
        s
    };
    for n in 1..=7 {
        let sheet = part(&format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("ySplit=\"1\""), "sheet {n}: frozen header");
        assert!(
            sheet.contains("<autoFilter ref=\"A1:"),
            "sheet {n}: autofilter"
        );
        assert!(sheet.contains("<col "), "sheet {n}: widths");
    }
    let styles = part("xl/styles.xml");
    assert!(styles.contains("FF2E7D32"), "the no-gap green as a fill");
    assert!(styles.contains("FFC62828"), "the two-level red as a fill");
}

#[test]
fn csv_tables_read_back_with_quotes_and_formulas_defused() {
    let mut project = refinery();
    project.zones[0].name = "=cmd|' /C calc'!A0, \"quoted\"".to_owned();
    for table in Table::ALL {
        let mut r = Request::new(Format::Csv);
        r.table = Some(table);
        let text = String::from_utf8(bytes(&project, &r)).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        assert!(text.lines().count() >= 1, "{}", table.name());
        if table == Table::Zones {
            let line = text.lines().nth(1).expect("first zone");
            assert!(
                line.contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\""),
                "{line}"
            );
            assert_eq!(text.lines().count(), project.zones.len() + 1);
        }
    }
}

#[test]
fn xlsx_supplier_requirements_list_each_class_item_with_how_many_meet_it() {
    let project = refinery();
    let data = bytes(&project, &Request::new(Format::Xlsx));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(data)).expect("a workbook");
    let sheet = book
        .worksheet_range("Supplier requirements")
        .expect("the sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(cell_str)
        .collect();
    assert_eq!(
        header,
        [
            "Element",
            "Name",
            "Kind",
            "SL-T",
            "Component class",
            "Components",
            "Requirement",
            "FR",
            "SL",
            "Title",
            "Shown met by",
            "Of"
        ]
    );
    let catalog = Catalog::embedded();
    let a = zonewright::analysis::assess(&project, catalog);
    let expected: usize = a
        .zones
        .iter()
        .chain(&a.conduits)
        .flat_map(|e| &e.suppliers)
        .map(|s| s.requirements.len())
        .sum();
    assert!(
        expected > 0,
        "the refinery asks its suppliers for something"
    );
    assert_eq!(sheet.height(), expected + 1);
    // the first zone with supplier rows: its first class and item, as assess has them
    let (z, e) = project
        .zones
        .iter()
        .zip(&a.zones)
        .find(|(_, e)| !e.suppliers.is_empty())
        .expect("a zone with components");
    let s = &e.suppliers[0];
    let r = &catalog.component_requirements[s.requirements[0]];
    let row = sheet
        .rows()
        .skip(1)
        .find(|row| cell_str(&row[1]) == z.name)
        .expect("the zone's first row");
    assert_eq!(cell_str(&row[2]), "zone");
    assert_eq!(cell_str(&row[4]), s.class.label());
    assert_eq!(cell_str(&row[6]), r.id);
    assert_eq!(row[8], Data::Float(f64::from(r.level)));
    assert_eq!(row[10], Data::Float(s.met_by[0] as f64));
    assert_eq!(row[11], Data::Float(s.assets.len() as f64));
    // every count is at most its total
    for row in sheet.rows().skip(1) {
        match (&row[10], &row[11]) {
            (Data::Float(m), Data::Float(of)) => assert!(m <= of && *of >= 1.0),
            other => panic!("counts are numbers: {other:?}"),
        }
    }
}
