//! pcap and pcapng captures, streamed block by block through `pcap-parser` (a buffer of
//! [`BUFFER_BYTES`], whatever the file's size) and decoded with `etherparse`: Ethernet with
//! 802.1Q VLAN tags, Linux cooked capture, raw IP; IPv4 and IPv6; TCP, UDP and ICMP. A TCP
//! connection is counted at its SYN, from the SYN's sender; packets of it after that add their
//! bytes to it. A capture that ends inside a record is read up to there and says so.

use super::{Aggregator, Location, Record, TrafficError};
use crate::model::Transport;
use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, TransportSlice};
use pcap_parser::pcapng::Block;
use pcap_parser::{Linktype, PcapBlockOwned, PcapError};
use std::io::Read;
use std::net::IpAddr;

/// The read buffer; a record larger than this is refused (snap lengths are at most 256 KB).
pub const BUFFER_BYTES: usize = 1024 * 1024;

/// The name of a link type the reader does not decode, for the message that refuses it.
fn linktype_name(l: Linktype) -> String {
    let name = match l.0 {
        0 => "BSD loopback (NULL)",
        6 => "IEEE 802.5 Token Ring",
        9 => "PPP",
        10 => "FDDI",
        105 => "IEEE 802.11 wireless LAN",
        108 => "OpenBSD loopback",
        119 => "Prism monitor mode",
        127 => "IEEE 802.11 with radiotap header",
        147..=162 => "user-defined (DLT_USER)",
        195 => "IEEE 802.15.4",
        220 => "USB (Linux)",
        239 => "Linux netfilter log (NFLOG)",
        249 => "USB (Linux, mmapped)",
        252 => "Wireshark upper PDU",
        276 => "Linux cooked capture v2 (SLL2)",
        _ => "",
    };
    if name.is_empty() {
        format!("link type {}", l.0)
    } else {
        format!("link type {} ({name})", l.0)
    }
}

/// Whether the reader decodes packets of this link type.
fn supported(l: Linktype) -> bool {
    matches!(
        l,
        Linktype::ETHERNET | Linktype::RAW | Linktype::IPV4 | Linktype::IPV6 | Linktype::LINUX_SLL
    )
}

/// One interface of a pcapng section: its link type, time resolution (units per second) and
/// offset.
#[derive(Clone, Copy)]
struct Interface {
    linktype: Linktype,
    resolution: u64,
    offset: u64,
}

/// Most interfaces of one pcapng section.
const MAX_INTERFACES: usize = 1024;

enum Step {
    Next(usize),
    Refill,
    End,
    Break(String),
}

pub(super) fn read(
    name: &str,
    reader: impl Read + Send,
    agg: &mut Aggregator,
) -> Result<(), TrafficError> {
    let mut r = match pcap_parser::create_reader(BUFFER_BYTES, reader) {
        Ok(r) => r,
        Err(PcapError::Incomplete(_) | PcapError::Eof) => {
            return Err(TrafficError::file(
                name,
                "the capture is too short to hold its header",
            ));
        }
        Err(PcapError::HeaderNotRecognized) => {
            return Err(TrafficError::file(name, "not a pcap or pcapng capture"));
        }
        Err(e) => {
            return Err(TrafficError::at(
                name,
                Location::Offset(0),
                format!("the capture's header cannot be read ({e})"),
            ));
        }
    };
    let mut offset: u64 = 0;
    let mut legacy: Option<Linktype> = None;
    let mut interfaces: Vec<Interface> = Vec::new();
    let mut packets: u64 = 0;
    loop {
        let step = match r.next() {
            Ok((len, block)) => {
                let at = Location::Offset(offset);
                let fatal = |m: String| TrafficError::at(name, at, m);
                match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        if !supported(h.network) {
                            return Err(fatal(format!(
                                "the capture's {} is not read (Ethernet, Linux cooked capture and raw IP are)",
                                linktype_name(h.network)
                            )));
                        }
                        legacy = Some(h.network);
                    }
                    PcapBlockOwned::Legacy(b) => {
                        packets += 1;
                        // the header comes first: a pcap reader hands it out before any packet
                        let linktype = legacy.unwrap_or(Linktype::ETHERNET);
                        packet(
                            linktype,
                            b.data,
                            u64::from(b.origlen),
                            Some(i64::from(b.ts_sec)),
                            agg,
                        );
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(_)) => interfaces.clear(),
                    PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => {
                        if !supported(idb.linktype) {
                            return Err(fatal(format!(
                                "interface {} of the capture has {}, which is not read (Ethernet, Linux cooked capture and raw IP are)",
                                interfaces.len(),
                                linktype_name(idb.linktype)
                            )));
                        }
                        if interfaces.len() >= MAX_INTERFACES {
                            return Err(fatal(format!(
                                "more than {MAX_INTERFACES} interfaces in one section"
                            )));
                        }
                        interfaces.push(Interface {
                            linktype: idb.linktype,
                            resolution: idb.ts_resolution().unwrap_or(1_000_000).max(1),
                            offset: u64::try_from(idb.ts_offset()).unwrap_or(0),
                        });
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                        packets += 1;
                        let Some(i) = interfaces.get(epb.if_id as usize).copied() else {
                            return Err(fatal(format!(
                                "a packet names interface {}, which the capture does not describe",
                                epb.if_id
                            )));
                        };
                        let (secs, _) = epb.decode_ts(i.offset, i.resolution);
                        packet(
                            i.linktype,
                            epb.data,
                            u64::from(epb.origlen),
                            Some(i64::from(secs)),
                            agg,
                        );
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                        packets += 1;
                        let Some(i) = interfaces.first().copied() else {
                            return Err(fatal("a packet before any interface description".into()));
                        };
                        packet(i.linktype, spb.data, u64::from(spb.origlen), None, agg);
                    }
                    PcapBlockOwned::NG(_) => {}
                }
                Step::Next(len)
            }
            Err(PcapError::Eof) => Step::End,
            Err(PcapError::Incomplete(_)) => Step::Refill,
            Err(PcapError::UnexpectedEof) => Step::Break(format!(
                "the capture is truncated: it ends inside the record at byte offset {offset}; the {packets} packets before it were read"
            )),
            Err(PcapError::BufferTooSmall) => Step::Break(format!(
                "the record at byte offset {offset} claims more than {} KB, so it is damaged; the {packets} packets before it were read",
                BUFFER_BYTES / 1024
            )),
            Err(e) => Step::Break(format!(
                "the record at byte offset {offset} is damaged ({}); the {packets} packets before it were read",
                short_error(&e)
            )),
        };
        match step {
            Step::Next(len) => {
                offset += len as u64;
                r.consume(len);
            }
            Step::Refill => r.refill().map_err(|e| {
                TrafficError::at(
                    name,
                    Location::Offset(offset),
                    format!("the capture cannot be read on ({e})"),
                )
            })?,
            Step::End => break,
            Step::Break(m) => {
                if packets == 0 {
                    return Err(TrafficError::file(name, m));
                }
                agg.note(format!("{name}: {m}"));
                break;
            }
        }
    }
    if packets == 0 {
        agg.note(format!("{name}: the capture holds no packets"));
    }
    Ok(())
}

fn short_error<I>(e: &PcapError<I>) -> String {
    match e {
        PcapError::NomError(_, k) => format!("{k:?}"),
        PcapError::OwnedNomError(_, k) => format!("{k:?}"),
        PcapError::ReadError => "read error".into(),
        PcapError::HeaderNotRecognized => "not a pcap block".into(),
        _ => "unexpected end".into(),
    }
}

/// Linux cooked capture: a 16-byte header whose last two bytes are the EtherType.
const SLL_HEADER: usize = 16;

/// Decodes one packet and adds it: a TCP SYN (without ACK) opens a connection from its
/// sender; a SYN-ACK and every later packet add their bytes to the connection in whichever
/// direction it was opened; a packet of a connection whose start was not captured is
/// counted towards the lower port's side as the server, without a connection. The first UDP
/// datagram between two ports opens a connection from its sender, as Zeek counts it.
fn packet(
    linktype: Linktype,
    data: &[u8],
    wire_bytes: u64,
    time: Option<i64>,
    agg: &mut Aggregator,
) {
    agg.count_record();
    let sliced = match linktype {
        Linktype::ETHERNET => LaxSlicedPacket::from_ethernet(data).ok(),
        Linktype::LINUX_SLL => data.get(SLL_HEADER..).map(|rest| {
            let et = u16::from_be_bytes([data[SLL_HEADER - 2], data[SLL_HEADER - 1]]);
            LaxSlicedPacket::from_ether_type(EtherType(et), rest)
        }),
        _ => LaxSlicedPacket::from_ip(data).ok(),
    };
    let Some(p) = sliced else {
        agg.skip();
        return;
    };
    let (source, destination): (IpAddr, IpAddr) = match &p.net {
        Some(LaxNetSlice::Ipv4(s)) => (
            s.header().source_addr().into(),
            s.header().destination_addr().into(),
        ),
        Some(LaxNetSlice::Ipv6(s)) => (
            s.header().source_addr().into(),
            s.header().destination_addr().into(),
        ),
        _ => {
            agg.skip();
            return;
        }
    };
    let rec = |transport, port, connections| Record {
        source,
        destination,
        transport,
        port,
        connections,
        bytes: wire_bytes,
        time,
        last: None,
    };
    match &p.transport {
        Some(TransportSlice::Tcp(t)) => {
            let (sp, dp) = (t.source_port(), t.destination_port());
            if t.syn() && !t.ack() {
                agg.add(rec(Transport::Tcp, dp, 1));
            } else {
                stream(agg, rec(Transport::Tcp, dp, 0), sp);
            }
        }
        Some(TransportSlice::Udp(u)) => {
            let (sp, dp) = (u.source_port(), u.destination_port());
            let forward = (source, destination, Transport::Udp, dp);
            let reverse = (destination, source, Transport::Udp, sp);
            if agg.has(&forward) {
                agg.add_bytes(&forward, wire_bytes, time);
            } else if agg.has(&reverse) {
                agg.add_bytes(&reverse, wire_bytes, time);
            } else {
                // the first datagram between them: its sender opens (as Zeek counts it)
                agg.add(rec(Transport::Udp, dp, 1));
            }
        }
        Some(TransportSlice::Icmpv4(i)) => {
            icmp(agg, rec(Transport::Icmp, 0, 1), matches!(i.type_u8(), 0))
        }
        Some(TransportSlice::Icmpv6(i)) => {
            icmp(agg, rec(Transport::Icmp, 0, 1), matches!(i.type_u8(), 129))
        }
        _ => match p.ip_payload() {
            Some(pl) if !pl.fragmented => agg.add(rec(Transport::Ip(pl.ip_number.0), 0, 1)),
            _ => agg.skip(),
        },
    }
}

/// A TCP packet that opens nothing: its bytes go to the connection it belongs to.
fn stream(agg: &mut Aggregator, r: Record, source_port: u16) {
    let forward = (r.source, r.destination, Transport::Tcp, r.port);
    let reverse = (r.destination, r.source, Transport::Tcp, source_port);
    if agg.has(&forward) {
        agg.add_bytes(&forward, r.bytes, r.time);
    } else if agg.has(&reverse) {
        agg.add_bytes(&reverse, r.bytes, r.time);
    } else if r.port <= source_port {
        agg.add(r);
    } else {
        agg.add(Record {
            source: r.destination,
            destination: r.source,
            port: source_port,
            ..r
        });
    }
}

/// An echo reply adds to the request's entry; anything else is a message from its sender.
fn icmp(agg: &mut Aggregator, r: Record, reply: bool) {
    let reverse = (r.destination, r.source, Transport::Icmp, 0);
    if reply && agg.has(&reverse) {
        agg.add_bytes(&reverse, r.bytes, r.time);
    } else {
        agg.add(r);
    }
}
