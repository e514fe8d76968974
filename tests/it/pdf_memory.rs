//! The PDF export of the largest generated plant that `load` accepts (31 MB of RON, just
//! under the 32 MB file limit: 2,200 zones, 5,800 conduits, 10,000 assets, about 37,000 pages)
//! runs within 1 GiB of address space. Before the export was written page by page it needed
//! 7.2 GB. Unix only: the limit is set with the shell's `ulimit -v` (virtual memory, which is
//! never smaller than the resident memory).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

/// 1 GiB, in the KiB that `ulimit -v` counts.
const ADDRESS_SPACE_KIB: u64 = 1024 * 1024;

fn zonewright() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn the_largest_plant_that_loads_exports_within_1_gib_of_address_space() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plant = dir.path().join("largest.ron");
    let pdf = dir.path().join("largest.pdf");
    let o = zonewright()
        .args(["generate", "--zones", "2200", "--assets", "10000"])
        .args(["--conduits", "5800", "-o", arg(&plant)])
        .output()
        .expect("generate runs");
    assert!(o.status.success(), "{o:?}");
    let size = std::fs::metadata(&plant).expect("written").len();
    assert!(
        size <= zonewright::file::MAX_FILE_BYTES
            && size > zonewright::file::MAX_FILE_BYTES * 85 / 100,
        "a plant close to the file size limit: {size} bytes"
    );
    let o = zonewright()
        .args(["check", arg(&plant)])
        .output()
        .expect("check runs");
    assert_ne!(o.status.code(), Some(2), "the plant loads: {o:?}");

    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" export \"$1\" -o \"$2\""
        ))
        .arg(env!("CARGO_BIN_EXE_zonewright"))
        .arg(&plant)
        .arg(&pdf)
        .output()
        .expect("sh runs");
    assert!(
        o.status.success(),
        "export within {ADDRESS_SPACE_KIB} KiB failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes[bytes.len().saturating_sub(32)..]
            .windows(5)
            .any(|w| w == b"%%EOF"),
        "the PDF is complete"
    );
    // "/Type/Page/" starts each page's dictionary (the page tree is "/Type/Pages")
    let pages = bytes.windows(11).filter(|w| w == b"/Type/Page/").count();
    assert!(
        pages > 30_000,
        "every zone and conduit has its pages: {pages}"
    );
}
