//! The file limits through the real binary: hostile sizes are refused with status 2 and a
//! message naming the limit, under an address-space ceiling (measured, not timed); FIFOs and
//! devices are refused before they are read; `generate` refuses plants that `load` would refuse
//! and writes nothing, and its largest accepted plant loads.

use std::path::Path;
use std::process::{Command, Output};

fn zonewright(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run zonewright: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn generate(zones: usize, assets: usize, conduits: usize, out: &Path) -> Output {
    let (z, a, c) = (zones.to_string(), assets.to_string(), conduits.to_string());
    zonewright(&[
        os("generate"),
        os("--zones"),
        os(&z),
        os("--assets"),
        os(&a),
        os("--conduits"),
        os(&c),
        os("-o"),
        out.as_os_str(),
    ])
}

#[test]
fn generate_refuses_plants_over_the_limits_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("g.ron");
    for (zones, assets, conduits, expected) in [
        // about 32.5 MB of text
        (
            2_000,
            50_000,
            5_000,
            "project files larger than 32 MB are refused",
        ),
        // 50,000 assets in two zones
        (2, 50_000, 1, "has more than 10000 assets (the limit)"),
        (60_000, 0, 0, "60000 zones; a project holds at most 50000"),
    ] {
        let out = generate(zones, assets, conduits, &file);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.starts_with("error: cannot generate this plant: the plant would be refused"),
            "{stderr}"
        );
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!file.exists(), "nothing is written");
    }
}

#[test]
fn the_largest_plant_generate_accepts_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("g.ron");
    let out = generate(1_800, 40_000, 4_000, &file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::metadata(&file).expect("written").len();
    assert!(bytes > 24 * 1024 * 1024, "{bytes} bytes: near the limit");
    let p = zonewright::file::load(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.asset_count(), 40_000);
}

/// Runs `zonewright ARGS` under an address-space limit of 2 GB.
#[cfg(unix)]
fn under_2_gb(args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_zonewright"))
        .args(args);
    cmd.output().expect("sh runs")
}

#[cfg(unix)]
/// A project whose one conduit (or meta) holds `items` entries written by `item`.
fn hostile(path: &Path, field: &str, items: usize, item: impl Fn(usize) -> String) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let zones = "zones: [(id: 1, name: \"A\", kind: Control, rect: (x: 0.0, y: 0.0, w: 10.0, h: 10.0)), (id: 2, name: \"B\", kind: Dmz, rect: (x: 20.0, y: 0.0, w: 10.0, h: 10.0))]";
    let open = match field {
        "revisions" => {
            "(format: \"zonewright\", version: 2, project: (meta: (revisions: [\n".to_owned()
        }
        "requirements" => format!(
            "(format: \"zonewright\", version: 2, project: ({zones}, conduits: [(id: 1, name: \"X\", from: 1, to: 2, requirements: {{\n"
        ),
        _ => format!(
            "(format: \"zonewright\", version: 2, project: ({zones}, conduits: [(id: 1, name: \"X\", from: 1, to: 2, {field}: [\n"
        ),
    };
    out.write_all(open.as_bytes()).expect("write");
    for i in 0..items {
        out.write_all(item(i).as_bytes()).expect("write");
        out.write_all(b",").expect("write");
        if i % 16 == 15 {
            out.write_all(b"\n").expect("write");
        }
    }
    let close = match field {
        "revisions" => format!("]), {zones}))\n"),
        "requirements" => "})]))\n".to_owned(),
        _ => "])]))\n".to_owned(),
    };
    out.write_all(close.as_bytes()).expect("write");
    out.flush().expect("flush");
}

#[cfg(unix)]
#[test]
fn hostile_sizes_are_refused_within_2_gb_of_address_space() {
    let dir = tempfile::tempdir().expect("tempdir");
    /// (field, entries, one entry, the refusal)
    type Case = (&'static str, usize, fn(usize) -> String, &'static str);
    let cases: [Case; 4] = [
        (
            "controls",
            2_000_000,
            |_| "\"vpn\"".to_owned(),
            "conduit \"X\" has more than 256 controls (the limit)",
        ),
        (
            "requirements",
            1_000_000,
            |i| format!("\"SR {i}\": (status: Met)"),
            "conduit \"X\" has more than 200 requirement statuses (the limit)",
        ),
        (
            "flows",
            1_000_000,
            |_| "(port: \"502\")".to_owned(),
            "conduit \"X\" has more than 1000 data flows (the limit)",
        ),
        (
            "revisions",
            1_000_000,
            |_| "(author: \"JW\")".to_owned(),
            "the revision history has more than 1000 revisions (the limit)",
        ),
    ];
    for (field, items, item, expected) in cases {
        let path = dir.path().join(format!("{field}.ron"));
        hostile(&path, field, items, item);
        let size = std::fs::metadata(&path).expect("written").len();
        assert!(
            size < 32 * 1024 * 1024,
            "{field}: {size} bytes, under the file limit"
        );
        let pdf = dir.path().join("x.pdf");
        for args in [
            vec![os("check"), path.as_os_str()],
            vec![os("export"), path.as_os_str(), os("-o"), pdf.as_os_str()],
        ] {
            let out = under_2_gb(&args);
            let stderr = text(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{field} {:?}: {stderr}",
                args[0]
            );
            assert!(stderr.contains(expected), "{field}: {stderr}");
            assert!(stderr.contains("line "), "{field}: a position: {stderr}");
            assert!(!pdf.exists(), "no PDF of a refused file");
        }
    }
}

#[cfg(unix)]
#[test]
fn check_refuses_dev_zero_and_a_fifo_without_reading_them() {
    let out = zonewright(&[os("check"), os("/dev/zero")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("it is a device, not a project file"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("plant.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    // A writer waits for a reader: had `check` opened the FIFO, it would read an empty file
    // and say so instead of the refusal asserted here.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || drop(std::fs::OpenOptions::new().write(true).open(fifo)))
    };
    let out = zonewright(&[os("check"), fifo.as_os_str()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("it is a named pipe (FIFO), not a project file"),
        "{stderr}"
    );
    drop(std::fs::File::open(&fifo));
    writer.join().expect("writer");
}
