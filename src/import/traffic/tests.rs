//! Traffic files written byte by byte in their real formats, with the facts counted by hand.

use super::wire;
use super::*;
use crate::model::traffic::ObservedFlow;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn read_bytes(format: Format, bytes: &[u8]) -> Result<ObservedTraffic, TrafficError> {
    let mut agg = Aggregator::new();
    read_from("t", format, bytes, &mut agg)?;
    Ok(agg.finish())
}

fn find<'a>(
    t: &'a ObservedTraffic,
    src: &str,
    dst: &str,
    tr: Transport,
    port: u16,
) -> &'a ObservedFlow {
    t.flows
        .iter()
        .find(|f| {
            f.source == ip(src) && f.destination == ip(dst) && f.transport == tr && f.port == port
        })
        .unwrap_or_else(|| panic!("no flow {src} → {dst} {tr:?} {port} in {:#?}", t.flows))
}

/// The capture's facts, counted by hand from [`wire::conversation`]: frames of 54 bytes
/// (Ethernet 14 + IPv4 20 + TCP 20), 66 and 63 with payload; UDP with a VLAN tag 14 + 4 + 20
/// + 8 = 46 plus 10 and 30 of payload; ICMP 14 + 20 + 8 = 42.
fn check_conversation(t: &ObservedTraffic) {
    assert_eq!(t.flows.len(), 3, "{:#?}", t.flows);
    let m = find(t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    assert_eq!(m.connections, 1);
    assert_eq!(m.bytes, 54 * 3 + 66 + 63);
    assert_eq!((m.first_seen, m.last_seen), (Some(1000), Some(1002)));
    let b = find(t, "10.0.1.5", "10.0.3.1", Transport::Udp, 47808);
    assert_eq!((b.connections, b.bytes), (1, 56 + 76));
    let p = find(t, "10.0.1.5", "10.0.2.10", Transport::Icmp, 0);
    assert_eq!((p.connections, p.bytes), (1, 84));
    assert_eq!(t.records, 10);
    assert_eq!(t.skipped, 1, "the ARP request");
    assert_eq!((t.first_seen, t.last_seen), (Some(1000), Some(1005)));
}

#[test]
fn a_pcap_gives_one_entry_per_connection_with_its_initiator_and_bytes() {
    let bytes = wire::pcap(1, &wire::conversation());
    assert_eq!(Format::detect(&bytes), Format::Pcap);
    check_conversation(&read_bytes(Format::Pcap, &bytes).unwrap());
}

#[test]
fn a_pcapng_gives_the_same_facts() {
    let bytes = wire::pcapng(1, &wire::conversation());
    assert_eq!(Format::detect(&bytes), Format::PcapNg);
    check_conversation(&read_bytes(Format::PcapNg, &bytes).unwrap());
}

#[test]
fn a_capture_started_mid_connection_counts_bytes_towards_the_lower_port() {
    // no SYN: the reply from 502 is seen first
    let frames = vec![
        (
            5,
            wire::tcp([10, 0, 2, 10], 502, [10, 0, 1, 5], 50000, wire::ACK, 0),
        ),
        (
            6,
            wire::tcp([10, 0, 1, 5], 50000, [10, 0, 2, 10], 502, wire::ACK, 0),
        ),
    ];
    let t = read_bytes(Format::Pcap, &wire::pcap(1, &frames)).unwrap();
    let f = find(&t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    assert_eq!((f.connections, f.bytes), (0, 108));
}

#[test]
fn a_truncated_capture_is_read_up_to_the_break_and_says_where() {
    let bytes = wire::pcap(1, &wire::conversation());
    // the global header is 24 bytes, each record 16 + its frame: cut inside the 4th record
    let first_three = 24 + 3 * 16 + 54 * 3;
    let cut = &bytes[..first_three + 20];
    let t = read_bytes(Format::Pcap, cut).unwrap();
    let f = find(&t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    assert_eq!((f.connections, f.bytes), (1, 54 * 3));
    let note = t.notes.join("\n");
    assert!(note.contains("truncated"), "{note}");
    assert!(
        note.contains(&format!("byte offset {first_three}")),
        "{note}"
    );
    // a pcapng cut inside its second packet block
    let ng = wire::pcapng(1, &wire::conversation());
    let t = read_bytes(Format::PcapNg, &ng[..28 + 20 + 88 + 40]).unwrap();
    assert_eq!(t.records, 1);
    assert!(
        t.notes.join("\n").contains("byte offset 136"),
        "{:?}",
        t.notes
    );
}

#[test]
fn unknown_link_types_are_refused_by_name() {
    let e = read_bytes(Format::Pcap, &wire::pcap(105, &[])).unwrap_err();
    assert!(
        e.to_string()
            .contains("link type 105 (IEEE 802.11 wireless LAN)"),
        "{e}"
    );
    let e = read_bytes(Format::PcapNg, &wire::pcapng(127, &[])).unwrap_err();
    assert!(e.to_string().contains("radiotap"), "{e}");
    assert_eq!(
        e.at,
        Some(Location::Offset(28)),
        "the interface block follows the section header"
    );
}

#[test]
fn hostile_captures_give_a_message_not_a_panic() {
    // a record claiming 4 GB
    let mut big = wire::pcap(1, &wire::conversation()[..1]);
    big.extend([
        0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    ]);
    big.extend([0u8; 100]);
    let t = read_bytes(Format::Pcap, &big).unwrap();
    assert_eq!(t.records, 1);
    assert!(
        t.notes.join("\n").contains("byte offset 94"),
        "{:?}",
        t.notes
    );
    // only a header's worth of garbage
    for bytes in [
        &b"\xd4\xc3\xb2\xa1\x02\x00"[..],
        b"\x0a\x0d\x0d\x0a\xff\xff\xff\xff",
        b"",
    ] {
        assert!(read_bytes(Format::detect(bytes), bytes).is_err());
    }
    // a pcapng packet on an interface it never described
    let mut ng = wire::pcapng(1, &wire::conversation()[..1]);
    ng[28 + 20 + 8] = 7;
    let e = read_bytes(Format::PcapNg, &ng).unwrap_err();
    assert!(e.to_string().contains("interface 7"), "{e}");
}

const ZEEK_TSV: &str = "#separator \\x09
#set_separator\t,
#empty_field\t(empty)
#unset_field\t-
#path\tconn
#open\t2024-05-01-10-00-00
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\torig_ip_bytes\tresp_ip_bytes
#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tcount\tcount
1714557600.120000\tC1\t10.0.1.5\t50000\t10.0.2.10\t502\ttcp\tmodbus\t0.5\t12\t9\tSF\t132\t117
1714557660.000000\tC2\t10.0.1.5\t50001\t10.0.2.10\t502\ttcp\tmodbus\t0.5\t12\t9\tSF\t132\t117
1714557700.000000\tC3\t10.0.1.5\t40000\t10.0.3.1\t47808\tudp\t-\t-\t-\t-\tS0\t-\t-
1714557800.000000\tC4\tfd00::1\t8\tfd00::2\t0\ticmp\t-\t-\t(empty)\t-\tOTH\t64\t64
#close\t2024-05-01-11-00-00
";

#[test]
fn a_zeek_tsv_log_sums_connections_and_ip_bytes() {
    assert_eq!(Format::detect(ZEEK_TSV.as_bytes()), Format::ZeekTsv);
    let t = read_bytes(Format::ZeekTsv, ZEEK_TSV.as_bytes()).unwrap();
    assert_eq!(t.records, 4);
    let m = find(&t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    assert_eq!((m.connections, m.bytes), (2, 2 * (132 + 117)));
    assert_eq!(
        (m.first_seen, m.last_seen),
        (Some(1714557600), Some(1714557660))
    );
    let u = find(&t, "10.0.1.5", "10.0.3.1", Transport::Udp, 47808);
    assert_eq!((u.connections, u.bytes), (1, 0));
    let i = find(&t, "fd00::1", "fd00::2", Transport::Icmp, 0);
    assert_eq!(i.bytes, 128);
    assert_eq!(
        t.period_text(),
        "2024-05-01 10:00:00 – 2024-05-01 10:03:20 UTC"
    );
}

#[test]
fn a_zeek_json_log_reads_like_the_tsv() {
    let json = r#"{"ts":1714557600.12,"uid":"C1","id.orig_h":"10.0.1.5","id.orig_p":50000,"id.resp_h":"10.0.2.10","id.resp_p":502,"proto":"tcp","service":"modbus","orig_bytes":12,"resp_bytes":9,"orig_ip_bytes":132,"resp_ip_bytes":117}
{"ts":"2024-05-01T10:01:00Z","uid":"C2","id.orig_h":"10.0.1.5","id.orig_p":50001,"id.resp_h":"10.0.2.10","id.resp_p":502,"proto":"tcp","orig_bytes":12,"resp_bytes":9}

{"ts":1714557700.0,"id.orig_h":"10.0.1.5","id.resp_h":"10.0.3.1","id.resp_p":47808,"proto":"udp"}
"#;
    assert_eq!(Format::detect(json.as_bytes()), Format::ZeekJson);
    let t = read_bytes(Format::ZeekJson, json.as_bytes()).unwrap();
    let m = find(&t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    // IP bytes where Zeek wrote them, else the payload bytes
    assert_eq!((m.connections, m.bytes), (2, 249 + 21));
    assert_eq!(m.last_seen, Some(1714557660));
    assert_eq!(
        find(&t, "10.0.1.5", "10.0.3.1", Transport::Udp, 47808).connections,
        1
    );
}

#[test]
fn bad_log_lines_are_named_and_skipped_and_a_log_of_nothing_else_is_refused() {
    let bad = ZEEK_TSV.replace("\t10.0.3.1\t", "\t10.0.3.x\t");
    let t = read_bytes(Format::ZeekTsv, bad.as_bytes()).unwrap();
    assert_eq!(t.skipped, 1);
    assert!(
        t.notes[0].contains("line 11") && t.notes[0].contains("10.0.3.x"),
        "{:?}",
        t.notes
    );
    let e = read_bytes(Format::ZeekJson, b"{\"id.orig_h\":\"10.0.0.1\"}\n").unwrap_err();
    assert_eq!(e.at, Some(Location::Line(1)));
    assert!(e.message.contains("id.resp_h"), "{e}");
    let e = read_bytes(Format::ZeekTsv, b"#fields\tts\tid.orig_h\n1\t10.0.0.1\n").unwrap_err();
    assert!(
        e.to_string().contains("line 1") && e.message.contains("id.resp_h"),
        "{e}"
    );
    let e = read_bytes(Format::ZeekTsv, b"#separator \\x09\n1\t2\n").unwrap_err();
    assert!(
        e.to_string().contains("line 2") && e.message.contains("#fields"),
        "{e}"
    );
    let long = format!("{}\n", "{".repeat(MAX_LINE_BYTES + 10));
    let e = read_bytes(Format::ZeekJson, long.as_bytes()).unwrap_err();
    assert_eq!(e.at, Some(Location::Line(1)));
}

#[test]
fn a_flows_csv_is_read_by_its_headers() {
    let csv = "\u{feff}Source IP;Destination IP;Protocol;Destination Port;Connections;Bytes;First Seen;Last Seen
10.0.1.5;10.0.2.10;TCP;502;40;12 000;2024-05-01 10:00:00;2024-05-01T11:00:00Z
10.0.1.5;10.0.2.10;tcp;502;2;100;;
10.0.1.6;10.0.2.11;Modbus/TCP;;1;10;;
10.0.1.7;10.0.9.9;UDP;161;\"3\";0;1714557600;
";
    assert_eq!(Format::detect(csv.as_bytes()), Format::FlowsCsv);
    let t = read_bytes(Format::FlowsCsv, csv.as_bytes()).unwrap();
    let m = find(&t, "10.0.1.5", "10.0.2.10", Transport::Tcp, 502);
    assert_eq!((m.connections, m.bytes), (42, 12_100));
    assert_eq!(
        (m.first_seen, m.last_seen),
        (Some(1714557600), Some(1714561200))
    );
    // a protocol of the catalog gives its transport and default port
    assert_eq!(
        find(&t, "10.0.1.6", "10.0.2.11", Transport::Tcp, 502).connections,
        1
    );
    assert_eq!(
        find(&t, "10.0.1.7", "10.0.9.9", Transport::Udp, 161).connections,
        3
    );
}

#[test]
fn a_csv_without_address_columns_is_refused_naming_its_headers() {
    let e = read_bytes(Format::FlowsCsv, b"name,ip\nPLC,10.0.0.1\n").unwrap_err();
    assert_eq!(e.at, Some(Location::Line(1)));
    assert!(e.message.contains("source IP"), "{e}");
    let e = read_bytes(Format::FlowsCsv, b"src,dst,port\n10.0.0.1,10.0.0.2,http\n").unwrap_err();
    assert!(
        e.to_string().contains("line 2") && e.message.contains("\"http\""),
        "{e}"
    );
}

#[test]
fn times_read_as_seconds_milliseconds_or_iso() {
    assert_eq!(parse_time("1714557600.9"), Some(1714557600));
    assert_eq!(parse_time("1714557600000"), Some(1714557600));
    assert_eq!(parse_time("2024-05-01T10:00:00Z"), Some(1714557600));
    assert_eq!(parse_time("2024-05-01T12:00:00+02:00"), Some(1714557600));
    assert_eq!(parse_time("2024-05-01 10:00:00"), Some(1714557600));
    assert_eq!(parse_time("yesterday"), None);
    assert_eq!(parse_time("-"), None);
    assert_eq!(parse_time("NaN"), None);
}

#[test]
fn the_summary_keeps_the_busiest_entries_within_its_limit() {
    let mut agg = Aggregator::new();
    let max = crate::file::limits::MAX_OBSERVED_FLOWS;
    for i in 0..(max as u32 + 5) {
        agg.add(Record {
            source: IpAddr::from([10, 0, 0, 1]),
            destination: IpAddr::from(std::net::Ipv4Addr::from(0x0a01_0000 + i)),
            transport: Transport::Tcp,
            port: 80,
            connections: if i < 3 { 100 } else { 1 },
            bytes: 0,
            time: None,
            last: None,
        });
    }
    let t = agg.finish();
    assert_eq!(t.flows.len(), max);
    assert_eq!(t.flows_left_out, 5);
    assert_eq!(t.flows[0].connections, 100);
    assert_eq!(t.connections(), 300 + (max as u64 - 3));
}

/// Every byte of a pcap and a pcapng changed in turn, and every length cut: an error or a
/// summary, never a panic (pcap-parser and etherparse see hostile headers and lengths).
#[test]
fn damaged_captures_never_panic() {
    for bytes in [
        wire::pcap(1, &wire::conversation()),
        wire::pcapng(1, &wire::conversation()),
    ] {
        let format = Format::detect(&bytes);
        for i in 0..bytes.len() {
            for value in [0x00, 0xff, bytes[i] ^ 0x80] {
                let mut b = bytes.clone();
                b[i] = value;
                let _ = read_bytes(format, &b);
            }
            let _ = read_bytes(format, &bytes[..i]);
        }
    }
}
