//! A project holding texts longer than an Excel cell (32,767 characters; a project allows
//! 64 KB) exports to XLSX all the same: the long texts are cut visibly, the export names the
//! sheet, row, element and field of each, and the cut matrix texts change nothing when the
//! matrix comes back.

use calamine::{Data, Reader, Xlsx};
use std::process::Command;

fn long_project(dir: &std::path::Path) -> std::path::PathBuf {
    let mut p =
        zonewright::file::load(std::path::Path::new("samples/refinery.ron")).expect("sample");
    let long = format!("äää{}", "a".repeat(32_997));
    p.zones[0].assets[0].vendor = long.clone();
    let id = zonewright::catalog::Catalog::embedded().requirements[0]
        .id
        .clone();
    let ra = p.zones[0].requirements.entry(id).or_default();
    ra.evidence = long;
    let path = dir.join("long.ron");
    zonewright::file::save(&p, &path).expect("saved");
    path
}

fn cells(path: &std::path::Path, sheet: &str) -> Vec<String> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .flat_map(|r| {
            r.iter().map(|d| match d {
                Data::String(s) => s.clone(),
                other => other.to_string(),
            })
        })
        .collect()
}

#[test]
fn long_texts_are_cut_visibly_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plant = long_project(dir.path());
    for (out, extra) in [
        ("registers.xlsx", None),
        ("matrix.xlsx", Some("--compliance")),
    ] {
        let out = dir.path().join(out);
        let mut c = Command::new(env!("CARGO_BIN_EXE_zonewright"));
        c.arg("export").arg(&plant).arg("-o").arg(&out).args(extra);
        let o = c.output().expect("runs");
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{e}");
        assert!(e.contains("text cut to fit an Excel cell"), "{e}");
        let listed = cells(&out, "Cut texts");
        assert!(listed.len() >= 2, "{listed:?}");
        if extra.is_none() {
            assert!(
                e.contains("sheet Assets") && e.contains("column Vendor"),
                "{e}"
            );
        } else {
            assert!(e.contains("evidence of"), "{e}");
        }
        let cut = cells(
            &out,
            if extra.is_some() {
                "Compliance matrix"
            } else {
                "Assets"
            },
        )
        .into_iter()
        .find(|s| s.contains("[cut by zonewright"))
        .expect("a cut cell");
        assert!(cut.chars().count() <= 32_767);
        assert!(cut.starts_with("äää"));
    }
    // the cut matrix applied back changes nothing
    let o = Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .arg("apply-matrix")
        .arg(&plant)
        .arg(dir.path().join("matrix.xlsx"))
        .arg("--dry-run")
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("dry run: 0 changes"),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
