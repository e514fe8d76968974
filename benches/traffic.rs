//! Observed traffic: a generated Zeek conn.log of 1,000,000 lines and a generated pcap of
//! 1,000,000 packets (200,000 TCP connections of five packets, ≈ 84 MB) read from a file and
//! aggregated (`import::traffic::read_paths`), then judged against a plant (`assess` with the
//! summary kept). Budget: a million lines, or a 1 GB capture, in a few seconds, memory not
//! growing with the file (peak memory is measured with `zonewright traffic` and
//! `/usr/bin/time -v`, see BENCHMARKS.md).

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use zonewright::import::traffic::{read_paths, wire};

fn bench_traffic(c: &mut criterion::Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("conn.log");
    let pcap = dir.path().join("capture.pcap");
    let log_bytes = wire::write_conn_log(&log, 1_000_000).unwrap();
    let pcap_bytes = wire::write_pcap(&pcap, 200_000).unwrap();
    eprintln!(
        "conn.log: 1,000,000 lines, {log_bytes} bytes; capture.pcap: 1,000,000 packets, {pcap_bytes} bytes"
    );
    let mut group = c.benchmark_group("traffic");
    group.sample_size(10);
    for (name, path, bytes) in [
        ("conn_log_1m_lines", &log, log_bytes),
        ("pcap_1m_packets", &pcap, pcap_bytes),
    ] {
        group.throughput(Throughput::Bytes(bytes));
        group.bench_with_input(BenchmarkId::new("read", name), path, |b, p| {
            b.iter(|| read_paths(&[p.as_path()]).unwrap())
        });
    }
    // the summary judged against a generated plant whose assets hold some of the addresses
    let traffic = read_paths(&[log.as_path()]).unwrap();
    eprintln!("summary: {} observed flows", traffic.flows.len());
    let mut plant = zonewright::generate::generate(&zonewright::generate::GenerateParams {
        zones: 150,
        assets: 3_000,
        conduits: 400,
        seed: 1,
    });
    plant.traffic = Some(traffic);
    let catalog = zonewright::catalog::Catalog::embedded();
    group.throughput(Throughput::Elements(1));
    group.bench_function("assess_gen-150z_with_traffic", |b| {
        b.iter(|| zonewright::analysis::assess(&plant, catalog))
    });
    group.finish();
}

criterion_group!(benches, bench_traffic);
criterion_main!(benches);
