//! Hostile workbooks and text files, made inside each test, against `import` and
//! `apply-matrix` run as real processes: each is refused with exit 2 and a message naming the
//! limit, within bounded memory (on Unix the child runs with its address space capped, so a
//! reader that expands what it was given fails the test instead of the machine).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use zip::write::SimpleFileOptions;

/// Address space the child may use (the binary maps fonts and a few thread stacks).
const MEMORY_CAP_KB: u64 = 1_536 * 1024;

fn zonewright(args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_zonewright");
    if cfg!(unix) {
        // `ulimit -v`: an allocation past the cap fails (abort) instead of swapping the machine
        let mut script = format!("ulimit -v {MEMORY_CAP_KB}; exec \"$0\"");
        for i in 1..=args.len() {
            script.push_str(&format!(" \"${i}\""));
        }
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(bin)
            .args(args)
            .output()
            .expect("the binary runs")
    } else {
        Command::new(bin)
            .args(args)
            .output()
            .expect("the binary runs")
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes one part of a workbook.
type Part<'a> = (&'a str, Box<dyn FnOnce(&mut dyn Write) + 'a>);

/// A minimal workbook with one sheet named `sheet` and the given parts (the sheet is
/// `xl/worksheets/sheet1.xml`, the strings `xl/sharedStrings.xml`).
fn workbook(path: &Path, sheet: &str, parts: Vec<Part<'_>>) {
    let file = std::fs::File::create(path).expect("created");
    let mut zip = zip::ZipWriter::new(file);
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let fixed: [(&str, String); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned(),
        ),
    ];
    for (name, text) in &fixed {
        zip.start_file(*name, opts).expect("part");
        zip.write_all(text.as_bytes()).expect("written");
    }
    for (name, write) in parts {
        zip.start_file(name, opts).expect("part");
        write(&mut zip);
    }
    zip.finish().expect("finished");
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const STRINGS: &str = "xl/sharedStrings.xml";

fn w(out: &mut dyn Write, s: &str) {
    out.write_all(s.as_bytes()).expect("written");
}

/// A sheet whose rows `rows` writes.
fn sheet<'a>(rows: impl FnOnce(&mut dyn Write) + 'a) -> Part<'a> {
    (
        SHEET,
        Box::new(move |out: &mut dyn Write| {
            w(
                out,
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
            );
            rows(out);
            w(out, "</sheetData></worksheet>");
        }),
    )
}

/// A shared-string table with the `sst` attributes `attrs` and the strings `strings` writes.
fn strings<'a>(attrs: &'a str, strings: impl FnOnce(&mut dyn Write) + 'a) -> Part<'a> {
    (
        STRINGS,
        Box::new(move |out: &mut dyn Write| {
            w(
                out,
                &format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {attrs}>"#
                ),
            );
            strings(out);
            w(out, "</sst>");
        }),
    )
}

/// An inventory header row with two shared strings (0: "name", 1: "ip").
fn header(out: &mut dyn Write) {
    w(
        out,
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#,
    );
}

fn two_strings(out: &mut dyn Write) {
    w(out, "<si><t>name</t></si><si><t>ip</t></si>");
}

/// Runs `import` on `inventory`; the output file must not appear.
fn import(dir: &Path, inventory: &Path) -> Output {
    let out = dir.join("out.ron");
    let o = zonewright(&[
        "import",
        inventory.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!out.exists(), "nothing is written: {}", stderr(&o));
    o
}

/// Runs `apply-matrix` on the refinery sample with `matrix`.
fn apply(dir: &Path, matrix: &Path) -> Output {
    let out = dir.join("out.ron");
    let o = zonewright(&[
        "apply-matrix",
        "sample:refinery",
        matrix.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!out.exists(), "nothing is written: {}", stderr(&o));
    o
}

fn refused(o: &Output, words: &[&str]) {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit 2 expected: {e}");
    for w in words {
        assert!(e.contains(w), "\"{w}\" expected in: {e}");
    }
}

fn tmp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.xlsx");
    (dir, path)
}

#[test]
fn a_declared_unique_count_is_never_reserved() {
    for count in [
        "100000000000000",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let (dir, book) = tmp();
        let attrs = format!(r#"count="2" uniqueCount="{count}""#);
        workbook(
            &book,
            "Sheet1",
            vec![sheet(header), strings(&attrs, two_strings)],
        );
        assert!(std::fs::metadata(&book).expect("file").len() < 4096);
        refused(
            &import(dir.path(), &book),
            &["sharedStrings.xml", "holds 2"],
        );
        refused(&apply(dir.path(), &book), &["sharedStrings.xml", "holds 2"]);
    }
}

#[test]
fn a_true_unique_count_is_read() {
    let (dir, book) = tmp();
    workbook(
        &book,
        "Sheet1",
        vec![
            sheet(|out| {
                header(out);
                w(
                    out,
                    r#"<row r="2"><c r="A2" t="inlineStr"><is><t>PLC-1</t></is></c><c r="B2" t="inlineStr"><is><t>10.0.0.1</t></is></c></row>"#,
                );
            }),
            strings(r#"count="2" uniqueCount="2""#, two_strings),
        ],
    );
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "import",
        book.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .contains("PLC-1")
    );
}

/// `n` bytes of `b` written in blocks.
fn fill(out: &mut dyn Write, n: usize, b: u8) {
    let block = vec![b; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len());
        out.write_all(&block[..k]).expect("written");
        left -= k;
    }
}

#[test]
fn a_shared_string_bomb_is_refused_by_what_it_expands_to() {
    let (dir, book) = tmp();
    // 100 MB of shared strings in a file of about 100 KB
    workbook(
        &book,
        "Sheet1",
        vec![
            sheet(header),
            strings(r#"count="3" uniqueCount="3""#, |out| {
                two_strings(out);
                w(out, "<si><t>");
                fill(out, 100 * 1024 * 1024, b'A');
                w(out, "</t></si>");
            }),
        ],
    );
    assert!(std::fs::metadata(&book).expect("file").len() < 1024 * 1024);
    refused(
        &import(dir.path(), &book),
        &["sharedStrings.xml", "expands to more than"],
    );
    refused(
        &apply(dir.path(), &book),
        &["sharedStrings.xml", "expands to more than"],
    );
}

#[test]
fn one_inline_cell_bomb_is_refused_by_what_it_expands_to() {
    let (dir, book) = tmp();
    workbook(
        &book,
        "Sheet1",
        vec![sheet(|out| {
            w(out, r#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#);
            fill(out, 300 * 1024 * 1024, b'B');
            w(out, "</t></is></c></row>");
        })],
    );
    refused(
        &import(dir.path(), &book),
        &["sheet1.xml", "expands to more than"],
    );
}

#[test]
fn one_big_shared_string_referenced_everywhere_is_not_copied_per_reference() {
    let (dir, book) = tmp();
    // 60 KB (under the cell limit) × 2,000 rows × 256 columns = 30 GB if copied per cell
    workbook(
        &book,
        "Sheet1",
        vec![
            sheet(|out| {
                header(out);
                for r in 2..=2_000 {
                    w(out, &format!(r#"<row r="{r}">"#));
                    for _ in 0..256 {
                        w(out, r#"<c t="s"><v>2</v></c>"#);
                    }
                    w(out, "</row>");
                }
            }),
            strings(r#"count="3" uniqueCount="3""#, |out| {
                two_strings(out);
                w(out, "<si><t>");
                fill(out, 60 * 1024, b'C');
                w(out, "</t></si>");
            }),
        ],
    );
    refused(
        &import(dir.path(), &book),
        &["Sheet1", "MB of text (the limit)"],
    );
}

#[test]
fn a_matrix_cell_far_out_is_refused_before_a_grid_is_built() {
    for cell in ["XFD1048576", "XFD900000", "A1048576"] {
        let (dir, book) = tmp();
        workbook(
            &book,
            "Compliance matrix",
            vec![sheet(move |out| {
                w(
                    out,
                    r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Requirement</t></is></c></row>"#,
                );
                let row: String = cell.chars().filter(char::is_ascii_digit).collect();
                w(
                    out,
                    &format!(
                        r#"<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>"#
                    ),
                );
            })],
        );
        assert!(std::fs::metadata(&book).expect("file").len() < 4096);
        refused(&apply(dir.path(), &book), &["Compliance matrix", "limit"]);
    }
}

#[test]
fn special_files_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    if cfg!(unix) {
        refused(
            &apply(dir.path(), Path::new("/dev/zero")),
            &["not a regular file"],
        );
        refused(
            &import(dir.path(), Path::new("/dev/zero")),
            &["not a regular file"],
        );
        let fifo = dir.path().join("fifo");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        // a FIFO nobody writes to: a reader that opens it waits forever, so the child is
        // watched and killed after a while
        let out = dir.path().join("out.ron");
        let mut child = Command::new(env!("CARGO_BIN_EXE_zonewright"))
            .args(["apply-matrix", "sample:refinery"])
            .arg(&fifo)
            .arg("-o")
            .arg(&out)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().expect("waits") {
                break Some(s);
            }
            if start.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(2),
            "the FIFO is refused"
        );
    }
}

#[test]
fn a_line_of_commas_is_refused_while_it_is_split() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("commas.csv");
    let mut text = b"name,ip\n".to_vec();
    text.resize(text.len() + 60 * 1024 * 1024, b',');
    text.push(b'\n');
    std::fs::write(&csv, text).expect("written");
    refused(
        &import(dir.path(), &csv),
        &["row 2", "more than 256 columns"],
    );
}
