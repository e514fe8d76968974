//! `zonewright traffic`: observed traffic files in their real formats against the refinery
//! sample, run as a user would (exit statuses, the summary, the findings, the written file).
//!
//! The refinery's addresses: ERP 10.1.0.10 (Corporate IT), historian mirror 10.2.0.10 (DMZ),
//! operator console 10.3.0.10 (Operations and supervisory). Corporate IT and Operations have
//! no conduit; DMZ ↔ supervisory has one that does not declare HTTPS from the DMZ.

use std::path::Path;
use std::process::{Command, Output};
use zonewright::import::traffic::wire;

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// ERP → console RDP (no conduit), historian → console HTTPS (undeclared), an unknown host.
const CONN_LOG: &str = "#separator \\x09
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_bytes\tresp_bytes
1714557600\tC1\t10.1.0.10\t50000\t10.3.0.10\t3389\ttcp\t100\t200
1714557601\tC2\t10.2.0.10\t50001\t10.3.0.10\t443\ttcp\t1\t2
1714557602\tC3\t10.77.0.1\t50001\t10.2.0.10\t443\ttcp\t1\t2
";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("fixture written");
    p.display().to_string()
}

#[test]
fn traffic_prints_the_summary_and_the_conformance_findings_and_exits_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "conn.log", CONN_LOG.as_bytes());
    let o = zonewright(&["traffic", "sample:refinery", &log]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Traffic: conn.log: 3 records, 3 observed flows, 3 connections, 2024-05-01 10:00:00 – 2024-05-01 10:00:02 UTC"),
        "{out}"
    );
    assert!(out.contains("ERROR   TRAFFIC-NO-CONDUIT"), "{out}");
    assert!(out.contains("RDP (TCP 3389); 1 connection)"), "{out}");
    assert!(
        out.contains("TRAFFIC-UNDECLARED") && out.contains("HTTPS (TCP 443)"),
        "{out}"
    );
    assert!(out.contains("Host 10.77.0.1 talks"), "{out}");
    assert!(out.contains("FLOW-UNOBSERVED"), "{out}");
    // without the traffic, the refinery has no error
    assert_eq!(
        zonewright(&["check", "sample:refinery"]).status.code(),
        Some(0)
    );
}

#[test]
fn traffic_json_lists_every_observed_flow_with_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "conn.log", CONN_LOG.as_bytes());
    let o = zonewright(&["traffic", "sample:refinery", &log, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let flows = v["traffic"]["flows"].as_array().expect("traffic flows");
    let statuses: Vec<String> = flows.iter().map(|f| f["status"].to_string()).collect();
    assert_eq!(statuses.len(), 3);
    assert_eq!(statuses[0], "\"NoConduit\"");
    assert!(statuses[1].contains("Undeclared"), "{statuses:?}");
    assert_eq!(statuses[2], "\"Unmapped\"");
    assert_eq!(v["traffic"]["records"], 3);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    for c in [
        "TRAFFIC-NO-CONDUIT",
        "TRAFFIC-UNDECLARED",
        "TRAFFIC-UNKNOWN-HOST",
        "FLOW-UNOBSERVED",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    // check on a project without traffic writes no traffic key
    let o = zonewright(&["check", "sample:refinery", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.get("traffic").is_none());
}

#[test]
fn propose_writes_the_conduits_and_flows_and_the_summary_into_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "conn.log", CONN_LOG.as_bytes());
    let out_file = dir.path().join("plant.ron");
    let out_path = out_file.display().to_string();
    let o = zonewright(&[
        "traffic",
        "sample:refinery",
        &log,
        "--propose",
        "-o",
        &out_path,
    ]);
    // the proposed conduit opens a path from Corporate IT to the SIS: declaring what the plant
    // does makes the design say so
    assert_eq!(o.status.code(), Some(1), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ERROR   PATH-TO-SAFETY"), "{out}");
    assert!(out.contains("proposed: New conduit Corporate IT (Unternehmens-IT) – Operations and supervisory (Leitwarte): RDP (TCP 3389)"), "{out}");
    assert!(
        out.contains("proposed: Declare on conduit DMZ ↔ supervisory: HTTPS (TCP 443)"),
        "{out}"
    );
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("version: 6"), "the file is format version 6");
    let p = zonewright::file::load(&out_file).expect("the written project loads");
    assert_eq!(p.conduits.len(), 9);
    let new = p.conduits.last().unwrap();
    assert_eq!(new.flows.len(), 1);
    assert_eq!(new.flows[0].protocol, "rdp");
    let t = p.traffic.as_ref().expect("the summary is kept");
    assert_eq!(
        (t.sources.clone(), t.flows.len()),
        (vec!["conn.log".to_owned()], 3)
    );
    // the findings survive the reopen: only the unknown host is left of the traffic's
    let o = zonewright(&["check", &out_path]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("TRAFFIC-UNKNOWN-HOST"), "{out}");
    assert!(
        !out.contains("TRAFFIC-NO-CONDUIT") && !out.contains("TRAFFIC-UNDECLARED"),
        "{out}"
    );
}

#[test]
fn captures_are_read_and_a_truncated_one_says_where_it_broke() {
    let dir = tempfile::tempdir().unwrap();
    let erp = [10, 1, 0, 10];
    let console = [10, 3, 0, 10];
    let frames = vec![
        (1000, wire::tcp(erp, 50000, console, 3389, wire::SYN, 0)),
        (
            1000,
            wire::tcp(console, 3389, erp, 50000, wire::SYN | wire::ACK, 0),
        ),
        (1001, wire::tcp(erp, 50000, console, 3389, wire::ACK, 100)),
    ];
    let ng = write(dir.path(), "mirror.pcapng", &wire::pcapng(1, &frames));
    let o = zonewright(&["traffic", "sample:refinery", &ng]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("Traffic: mirror.pcapng: 3 records, 1 observed flow, 1 connection"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("TRAFFIC-NO-CONDUIT"));
    let full = wire::pcap(1, &frames);
    let cut = write(dir.path(), "cut.pcap", &full[..full.len() - 30]);
    let o = zonewright(&["traffic", "sample:refinery", &cut]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("note: cut.pcap: the capture is truncated: it ends inside the record at byte offset 164; the 2 packets before it were read"), "{out}");
}

#[test]
fn unreadable_traffic_exits_2_naming_the_file_and_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let wifi = write(dir.path(), "wifi.pcap", &wire::pcap(105, &[]));
    let out_path = dir.path().join("out.ron").display().to_string();
    let o = zonewright(&["traffic", "sample:refinery", &wifi, "-o", &out_path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("wifi.pcap: byte offset 0: the capture's link type 105 (IEEE 802.11 wireless LAN) is not read"), "{}", stderr(&o));
    assert!(!Path::new(&out_path).exists());
    let bad = write(
        dir.path(),
        "flows.csv",
        b"src,dst,port\n10.0.0.1,10.0.0.2,http\n",
    );
    let o = zonewright(&["traffic", "sample:refinery", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("flows.csv: line 2: \"http\""),
        "{}",
        stderr(&o)
    );
    let o = zonewright(&["traffic", "sample:refinery", "no-such.log"]);
    assert_eq!(o.status.code(), Some(2));
    let log = write(dir.path(), "conn.log", CONN_LOG.as_bytes());
    let o = zonewright(&["traffic", "sample:refinery", &log, "--propose"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o"), "{}", stderr(&o));
}
