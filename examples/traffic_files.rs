//! Writes the generated traffic files of the benchmarks, for measuring `zonewright traffic`
//! by hand (time and peak memory, see BENCHMARKS.md): a Zeek conn.log of LINES lines and a pcap
//! of CONNECTIONS TCP connections (five packets, ≈ 420 bytes each).
//!
//! `cargo run --release --example traffic_files -- DIR LINES CONNECTIONS`

use zonewright::import::traffic::wire;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(lines), Some(connections)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse().ok()),
        args.get(2).and_then(|n| n.parse().ok()),
    ) else {
        eprintln!("usage: traffic_files DIR LINES CONNECTIONS");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    let log = dir.join("conn.log");
    let pcap = dir.join("capture.pcap");
    match (
        wire::write_conn_log(&log, lines),
        wire::write_pcap(&pcap, connections),
    ) {
        (Ok(a), Ok(b)) => println!(
            "{}: {a} bytes; {}: {b} bytes",
            log.display(),
            pcap.display()
        ),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
