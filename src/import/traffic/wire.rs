//! Frames and captures built byte by byte, for the tests and the benchmarks (Ethernet II, 802.1Q, IPv4, TCP, UDP, ICMP; pcap
//! and pcapng little-endian). Checksums are left zero: readers of captures do not check them.

use std::io::Write;
use std::path::Path;

pub const SYN: u8 = 0x02;
pub const ACK: u8 = 0x10;
pub const PSH: u8 = 0x08;

fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()) as u16;
    let mut v = vec![0x45, 0];
    v.extend(total.to_be_bytes());
    v.extend([0, 1, 0x40, 0, 64, proto, 0, 0]);
    v.extend(src);
    v.extend(dst);
    v.extend(payload);
    v
}

fn ethernet(vlan: Option<u16>, ethertype: u16, payload: &[u8]) -> Vec<u8> {
    let mut v = vec![0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01];
    if let Some(id) = vlan {
        v.extend(0x8100u16.to_be_bytes());
        v.extend(id.to_be_bytes());
    }
    v.extend(ethertype.to_be_bytes());
    v.extend(payload);
    v
}

/// An Ethernet frame with IPv4 and TCP: 14 + 20 + 20 + payload bytes (4 more with a VLAN).
pub fn tcp(src: [u8; 4], sp: u16, dst: [u8; 4], dp: u16, flags: u8, payload: usize) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend(sp.to_be_bytes());
    t.extend(dp.to_be_bytes());
    t.extend([0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    t.extend(std::iter::repeat_n(0xabu8, payload));
    ethernet(None, 0x0800, &ipv4(src, dst, 6, &t))
}

/// Ethernet, an 802.1Q tag, IPv4 and UDP: 14 + 4 + 20 + 8 + payload bytes.
pub fn udp_vlan(
    src: [u8; 4],
    sp: u16,
    dst: [u8; 4],
    dp: u16,
    vlan: u16,
    payload: usize,
) -> Vec<u8> {
    let mut u = Vec::new();
    u.extend(sp.to_be_bytes());
    u.extend(dp.to_be_bytes());
    u.extend(((8 + payload) as u16).to_be_bytes());
    u.extend([0, 0]);
    u.extend(std::iter::repeat_n(0u8, payload));
    ethernet(Some(vlan), 0x0800, &ipv4(src, dst, 17, &u))
}

/// Ethernet, IPv4, ICMP of `kind` (8 echo request, 0 reply): 14 + 20 + 8 bytes.
pub fn icmp(src: [u8; 4], dst: [u8; 4], kind: u8) -> Vec<u8> {
    ethernet(
        None,
        0x0800,
        &ipv4(src, dst, 1, &[kind, 0, 0, 0, 0, 1, 0, 1]),
    )
}

/// An ARP request: no IP traffic.
pub fn arp() -> Vec<u8> {
    let mut a = vec![0, 1, 8, 0, 6, 4, 0, 1];
    a.extend([2, 0, 0, 0, 0, 1, 10, 0, 1, 5]);
    a.extend([0, 0, 0, 0, 0, 0, 10, 0, 1, 1]);
    ethernet(None, 0x0806, &a)
}

/// The global header of a pcap file (microseconds, little-endian) of link type `linktype`.
pub fn pcap_header(linktype: u32) -> Vec<u8> {
    let mut v = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
    v.extend([0u8; 8]);
    v.extend(65535u32.to_le_bytes());
    v.extend(linktype.to_le_bytes());
    v
}

/// One pcap record: its 16-byte header (second `ts`) and the frame.
pub fn pcap_record(out: &mut Vec<u8>, ts: u32, frame: &[u8]) {
    out.extend(ts.to_le_bytes());
    out.extend(0u32.to_le_bytes());
    out.extend((frame.len() as u32).to_le_bytes());
    out.extend((frame.len() as u32).to_le_bytes());
    out.extend(frame);
}

/// A pcap file (microseconds, little-endian) of link type `linktype`; frames with their
/// second.
pub fn pcap(linktype: u32, frames: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = pcap_header(linktype);
    for (ts, f) in frames {
        pcap_record(&mut v, *ts, f);
    }
    v
}

/// A pcapng file: a section header, one interface of `linktype` (microseconds), and an
/// enhanced packet block per frame.
pub fn pcapng(linktype: u16, frames: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend(0x0a0d0d0au32.to_le_bytes());
    v.extend(28u32.to_le_bytes());
    v.extend(0x1a2b3c4du32.to_le_bytes());
    v.extend(1u16.to_le_bytes());
    v.extend(0u16.to_le_bytes());
    v.extend((-1i64).to_le_bytes());
    v.extend(28u32.to_le_bytes());
    v.extend(1u32.to_le_bytes());
    v.extend(20u32.to_le_bytes());
    v.extend(linktype.to_le_bytes());
    v.extend(0u16.to_le_bytes());
    v.extend(65535u32.to_le_bytes());
    v.extend(20u32.to_le_bytes());
    for (ts, f) in frames {
        let padded = f.len().div_ceil(4) * 4;
        let len = (32 + padded) as u32;
        let micros = u64::from(*ts) * 1_000_000;
        v.extend(6u32.to_le_bytes());
        v.extend(len.to_le_bytes());
        v.extend(0u32.to_le_bytes());
        v.extend(((micros >> 32) as u32).to_le_bytes());
        v.extend((micros as u32).to_le_bytes());
        v.extend((f.len() as u32).to_le_bytes());
        v.extend((f.len() as u32).to_le_bytes());
        v.extend(f);
        v.extend(std::iter::repeat_n(0u8, padded - f.len()));
        v.extend(len.to_le_bytes());
    }
    v
}

const A: [u8; 4] = [10, 0, 1, 5];
const B: [u8; 4] = [10, 0, 2, 10];
const C: [u8; 4] = [10, 0, 3, 1];

/// The conversation of the capture tests: a Modbus/TCP connection A → B:502 (SYN, SYN-ACK,
/// ACK, a request of 12 bytes, its answer of 9), a BACnet datagram A → C:47808 on VLAN 20
/// with its answer, a ping A → B with its reply, and an ARP request.
pub fn conversation() -> Vec<(u32, Vec<u8>)> {
    vec![
        (1000, tcp(A, 50000, B, 502, SYN, 0)),
        (1000, tcp(B, 502, A, 50000, SYN | ACK, 0)),
        (1001, tcp(A, 50000, B, 502, ACK, 0)),
        (1001, tcp(A, 50000, B, 502, ACK | PSH, 12)),
        (1002, tcp(B, 502, A, 50000, ACK | PSH, 9)),
        (1003, udp_vlan(A, 40000, C, 47808, 20, 10)),
        (1004, udp_vlan(C, 47808, A, 40000, 20, 30)),
        (1005, icmp(A, B, 8)),
        (1005, icmp(B, A, 0)),
        (1006, arp()),
    ]
}

/// Clients 10.1.c.h talk to servers 10.2.s.1 on an industrial port; `i` picks them.
pub fn pair(i: usize) -> ([u8; 4], [u8; 4], u16) {
    const PORTS: [u16; 6] = [502, 102, 44818, 443, 3389, 4840];
    let c = i % 2_000;
    let s = (i / 7) % 300;
    (
        [10, 1, (c / 250) as u8, (c % 250 + 1) as u8],
        [10, 2, (s / 250) as u8, (s % 250 + 1) as u8],
        PORTS[i % PORTS.len()],
    )
}

/// A Zeek conn.log (TSV, every field Zeek writes) of `lines` TCP connections of [`pair`];
/// returns its size.
pub fn write_conn_log(path: &Path, lines: usize) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        w,
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn"
    )?;
    writeln!(
        w,
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents"
    )?;
    for i in 0..lines {
        let (c, s, port) = pair(i);
        writeln!(
            w,
            "{}.{:06}\tC{i:x}\t{}.{}.{}.{}\t{}\t{}.{}.{}.{}\t{port}\ttcp\t-\t0.0{}\t{}\t{}\tSF\t-\t-\t0\tShADadfF\t6\t{}\t5\t{}\t-",
            1_714_557_600 + i / 100,
            i % 1_000_000,
            c[0],
            c[1],
            c[2],
            c[3],
            40_000 + i % 20_000,
            s[0],
            s[1],
            s[2],
            s[3],
            i % 10,
            12 + i % 50,
            9 + i % 30,
            332 + i % 50,
            269 + i % 30,
        )?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// A pcap of `connections` TCP connections of [`pair`], five packets each (SYN, SYN-ACK, a
/// request, its answer, an ACK); returns its size.
pub fn write_pcap(path: &Path, connections: usize) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    w.write_all(&pcap_header(1))?;
    let mut rec = Vec::with_capacity(256);
    for i in 0..connections {
        let (c, s, port) = pair(i);
        let sp = 40_000 + (i % 20_000) as u16;
        let ts = 1_714_557_600 + (i / 100) as u32;
        for (src, spt, dst, dpt, flags, payload) in [
            (c, sp, s, port, SYN, 0),
            (s, port, c, sp, SYN | ACK, 0),
            (c, sp, s, port, ACK | PSH, 12),
            (s, port, c, sp, ACK | PSH, 9),
            (c, sp, s, port, ACK, 0),
        ] {
            rec.clear();
            pcap_record(&mut rec, ts, &tcp(src, spt, dst, dpt, flags, payload));
            w.write_all(&rec)?;
        }
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}
