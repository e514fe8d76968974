//! Frames and captures built byte by byte, for the tests and the benchmarks (Ethernet II, 802.1Q, IPv4, TCP, UDP, ICMP; pcap
//! and pcapng little-endian). Checksums are left zero: readers of captures do not check them.

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

/// A pcap file (microseconds, little-endian) of link type `linktype`; frames with their
/// second.
pub fn pcap(linktype: u32, frames: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0];
    v.extend([0u8; 8]);
    v.extend(65535u32.to_le_bytes());
    v.extend(linktype.to_le_bytes());
    for (ts, f) in frames {
        v.extend(ts.to_le_bytes());
        v.extend(0u32.to_le_bytes());
        v.extend((f.len() as u32).to_le_bytes());
        v.extend((f.len() as u32).to_le_bytes());
        v.extend(f);
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
