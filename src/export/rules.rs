//! The firewall rule schedules as a register (XLSX sheet "Rules", `--table rules` CSV) and as
//! configuration text for one device: nftables (`.nft`), FortiOS CLI (`.fortios`) and Cisco ASA
//! (`.asa`). Written from [`crate::analysis::rules`] only; a rule with an open item is written
//! as a comment, never dropped silently.

use super::tables::{Column, Register, Value};
use crate::analysis::rules::{DEFAULT_DENY, Rule, RuleAction, Schedule, ServiceObject};
use crate::model::Transport;
use std::fmt::Write;

const fn col(title: &'static str, width: f64) -> Column {
    Column { title, width }
}

fn members(s: &Schedule, group: &str) -> String {
    s.groups
        .iter()
        .find(|g| g.name == group)
        .map(|g| {
            g.members
                .iter()
                .map(|m| {
                    let a = s.addresses.iter().find(|a| &a.name == m);
                    let ips: Vec<String> = a
                        .map(|a| a.addresses.iter().map(ToString::to_string).collect())
                        .unwrap_or_default();
                    format!("{m} ({})", ips.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .or_else(|| {
            s.addresses.iter().find(|a| a.name == group).map(|a| {
                let v: Vec<String> = a.addresses.iter().map(ToString::to_string).collect();
                v.join(", ")
            })
        })
        .unwrap_or_default()
}

fn service_words(s: &Schedule, name: &str) -> String {
    s.services
        .iter()
        .find(|x| x.name == name)
        .map(|x| {
            let ports = crate::model::flow::ports_text(&x.ports);
            format!("{} {ports}", x.transport.label()).trim().to_owned()
        })
        .unwrap_or_default()
}

/// Every schedule, one row per rule: the vendor-neutral rule schedule.
pub fn register(schedules: &[Schedule]) -> Register {
    let columns = vec![
        col("Device", 20.0),
        col("No.", 5.0),
        col("Rule", 14.0),
        col("Action", 7.0),
        col("Source", 24.0),
        col("Source addresses", 30.0),
        col("Destination", 24.0),
        col("Destination addresses", 30.0),
        col("Service", 16.0),
        col("Transport / ports", 16.0),
        col("Protocol", 16.0),
        col("Conduit", 22.0),
        col("Justification", 36.0),
        col("Open item", 30.0),
    ];
    let mut rows = Vec::new();
    for s in schedules {
        for r in &s.rules {
            rows.push(vec![
                Value::Text(s.device_name.clone()),
                Value::Number(r.position as f64),
                Value::Text(r.id.clone()),
                Value::Text(match r.action {
                    RuleAction::Allow => "allow".into(),
                    RuleAction::Deny => "deny".into(),
                }),
                Value::Text(r.source.clone()),
                Value::Text(members(s, &r.source)),
                Value::Text(r.destination.clone()),
                Value::Text(members(s, &r.destination)),
                Value::Text(r.service.clone()),
                Value::Text(service_words(s, &r.service)),
                Value::Text(r.protocol.clone()),
                Value::Text(r.conduit.clone()),
                Value::Text(r.justification.clone()),
                Value::Text(r.open.clone().unwrap_or_default()),
            ]);
        }
    }
    Register {
        name: "Rules",
        columns,
        rows,
    }
}

/// A comment text safe inside double quotes of every syntax here: printable ASCII without
/// quotes, at most 100 characters.
fn comment(s: &str) -> String {
    let mut out: String = s
        .chars()
        .flat_map(|c| {
            let ascii: &str = match c {
                '↔' => "<->",
                '→' => "->",
                '←' => "<-",
                '–' | '—' => "-",
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                'Ü' => "Ue",
                'ß' => "ss",
                _ => "",
            };
            if ascii.is_empty() {
                vec![c]
            } else {
                ascii.chars().collect()
            }
        })
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else if c.is_whitespace() {
                ' '
            } else {
                '?'
            }
        })
        .collect();
    out.truncate(100);
    out.trim().to_owned()
}

fn rule_comment(r: &Rule) -> String {
    comment(&format!("{} {} {}", r.id, r.protocol, r.conduit))
}

fn header(out: &mut String, s: &Schedule, prefix: &str, what: &str) {
    let _ = writeln!(
        out,
        "{prefix} {what} for {} — written by zonewright from the project's data flows.",
        comment(&s.device_name)
    );
    let _ = writeln!(
        out,
        "{prefix} Rule ids are the flows' ids; the default deny is last."
    );
    for r in s.open_items() {
        let _ = writeln!(
            out,
            "{prefix} OPEN ITEM {}: {}",
            r.id,
            comment(r.open.as_deref().unwrap_or(""))
        );
    }
}

fn nft_ports(x: &ServiceObject) -> String {
    let v: Vec<String> = x.ports.iter().map(ToString::to_string).collect();
    v.join(", ")
}

/// nftables: one `inet` table with a named set per address object and group and a forward
/// chain whose policy is drop.
pub fn nftables(s: &Schedule) -> String {
    let mut out = String::new();
    header(&mut out, s, "#", "nftables rule set");
    let _ = writeln!(out, "table inet zonewright {{");
    // only the objects the active rules name: a group's set holds its members' addresses
    let used = |name: &str| {
        s.rules
            .iter()
            .any(|r| r.open.is_none() && (r.source == name || r.destination == name))
    };
    for a in s.addresses.iter().filter(|a| used(&a.name)) {
        let v: Vec<String> = a.addresses.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "\tset {} {{\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = {{ {} }}\n\t}}",
            a.name,
            v.join(", ")
        );
    }
    for g in s.groups.iter().filter(|g| used(&g.name)) {
        let mut v: Vec<String> = Vec::new();
        for m in &g.members {
            if let Some(a) = s.addresses.iter().find(|a| &a.name == m) {
                v.extend(a.addresses.iter().map(ToString::to_string));
            }
        }
        v.sort();
        v.dedup();
        let _ = writeln!(
            out,
            "\tset {} {{\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = {{ {} }}\n\t}}",
            g.name,
            v.join(", ")
        );
    }
    let _ = writeln!(out, "\tchain forward {{");
    let _ = writeln!(
        out,
        "\t\ttype filter hook forward priority filter; policy drop;"
    );
    let _ = writeln!(out, "\t\tct state established,related accept");
    for r in &s.rules {
        if r.id == DEFAULT_DENY {
            let _ = writeln!(
                out,
                "\t\tlog prefix \"{DEFAULT_DENY} \" counter drop comment \"{DEFAULT_DENY}\""
            );
            continue;
        }
        let service = s.services.iter().find(|x| x.name == r.service);
        let matches = match service {
            Some(x) => match x.transport {
                Transport::Tcp | Transport::Udp if !x.ports.is_empty() => format!(
                    "{} dport {{ {} }}",
                    x.transport.label().to_lowercase(),
                    nft_ports(x)
                ),
                Transport::Tcp | Transport::Udp => {
                    format!("meta l4proto {}", x.transport.label().to_lowercase())
                }
                Transport::Icmp => "meta l4proto icmp".to_owned(),
                Transport::Ip(n) => format!("meta l4proto {n}"),
                Transport::Any => String::new(),
            },
            None => String::new(),
        };
        let line = format!(
            "ip saddr @{} ip daddr @{} {matches} ct state new accept comment \"{}\"",
            r.source,
            r.destination,
            rule_comment(r)
        )
        .replace("  ", " ");
        if r.open.is_some() {
            let _ = writeln!(out, "\t\t# {} (open item, not active)", r.id);
        } else {
            let _ = writeln!(out, "\t\t{line}");
        }
    }
    let _ = writeln!(out, "\t}}\n}}");
    out
}

/// FortiOS CLI: addresses, address groups, custom services and policies, the deny last.
pub fn fortios(s: &Schedule) -> String {
    let mut out = String::new();
    header(&mut out, s, "#", "FortiOS configuration");
    let _ = writeln!(out, "config firewall address");
    for a in &s.addresses {
        for (k, n) in a.addresses.iter().enumerate() {
            let name = if k == 0 {
                a.name.clone()
            } else {
                format!("{}_{}", a.name, k + 1)
            };
            let _ = writeln!(
                out,
                "    edit \"{name}\"\n        set subnet {} {}\n        set comment \"{}\"\n    next",
                n.addr,
                n.mask(),
                comment(&a.of)
            );
        }
    }
    let _ = writeln!(out, "end");
    let object_names = |m: &str| -> Vec<String> {
        let n = s
            .addresses
            .iter()
            .find(|a| a.name == m)
            .map_or(1, |a| a.addresses.len());
        (0..n)
            .map(|k| {
                if k == 0 {
                    format!("\"{m}\"")
                } else {
                    format!("\"{m}_{}\"", k + 1)
                }
            })
            .collect()
    };
    if !s.groups.is_empty() {
        let _ = writeln!(out, "config firewall addrgrp");
    }
    for g in &s.groups {
        let members: Vec<String> = g.members.iter().flat_map(|m| object_names(m)).collect();
        let _ = writeln!(
            out,
            "    edit \"{}\"\n        set member {}\n        set comment \"{}\"\n    next",
            g.name,
            members.join(" "),
            comment(&g.of)
        );
    }
    if !s.groups.is_empty() {
        let _ = writeln!(out, "end");
    }
    let _ = writeln!(out, "config firewall service custom");
    for x in &s.services {
        let _ = writeln!(out, "    edit \"{}\"", x.name);
        let ranges: Vec<String> = x.ports.iter().map(ToString::to_string).collect();
        let _ = match x.transport {
            Transport::Tcp | Transport::Udp => {
                let all = if ranges.is_empty() {
                    "1-65535".to_owned()
                } else {
                    ranges.join(" ")
                };
                writeln!(
                    out,
                    "        set protocol TCP/UDP/SCTP\n        set {}-portrange {all}",
                    x.transport.label().to_lowercase()
                )
            }
            Transport::Icmp => writeln!(out, "        set protocol ICMP"),
            Transport::Ip(n) => writeln!(
                out,
                "        set protocol IP\n        set protocol-number {n}"
            ),
            Transport::Any => writeln!(
                out,
                "        set protocol IP\n        set protocol-number 0"
            ),
        };
        let _ = writeln!(out, "    next");
    }
    let _ = writeln!(out, "end");
    let _ = writeln!(out, "config firewall policy");
    for r in &s.rules {
        if r.open.is_some() {
            let _ = writeln!(out, "    # {} (open item, not configured)", r.id);
            continue;
        }
        let (src, dst, svc, action) = match r.action {
            RuleAction::Deny => ("all".to_owned(), "all".to_owned(), "ALL".to_owned(), "deny"),
            RuleAction::Allow => (
                r.source.clone(),
                r.destination.clone(),
                r.service.clone(),
                "accept",
            ),
        };
        let _ = writeln!(
            out,
            "    edit {}\n        set name \"{}\"\n        set srcintf \"any\"\n        set dstintf \"any\"\n        set srcaddr \"{src}\"\n        set dstaddr \"{dst}\"\n        set action {action}\n        set schedule \"always\"\n        set service \"{svc}\"\n        set logtraffic all\n        set comments \"{}\"\n    next",
            r.position,
            comment(&r.id),
            rule_comment(r)
        );
    }
    let _ = writeln!(out, "end");
    out
}

/// A network object or object group, as an access list names it.
fn asa_ref(s: &Schedule, name: &str) -> String {
    if s.groups.iter().any(|g| g.name == name) {
        format!("object-group {name}")
    } else {
        format!("object {name}")
    }
}

/// Cisco ASA: network objects and object groups, service object groups and one extended
/// access list named after the device, the deny last.
pub fn asa(s: &Schedule) -> String {
    let mut out = String::new();
    header(&mut out, s, "!", "Cisco ASA configuration");
    for a in &s.addresses {
        for (k, n) in a.addresses.iter().enumerate() {
            let name = if k == 0 {
                a.name.clone()
            } else {
                format!("{}_{}", a.name, k + 1)
            };
            let _ = writeln!(out, "object network {name}");
            let _ = if n.prefix == 32 {
                writeln!(out, " host {}", n.addr)
            } else {
                writeln!(out, " subnet {} {}", n.addr, n.mask())
            };
            let _ = writeln!(out, " description {}", comment(&a.of));
        }
    }
    for g in &s.groups {
        let _ = writeln!(out, "object-group network {}", g.name);
        let _ = writeln!(out, " description {}", comment(&g.of));
        for m in &g.members {
            let n = s
                .addresses
                .iter()
                .find(|a| &a.name == m)
                .map_or(1, |a| a.addresses.len());
            for k in 0..n {
                if k == 0 {
                    let _ = writeln!(out, " network-object object {m}");
                } else {
                    let _ = writeln!(out, " network-object object {m}_{}", k + 1);
                }
            }
        }
    }
    for x in &s.services {
        let _ = writeln!(out, "object-group service {}", x.name);
        let t = x.transport.label().to_lowercase();
        match x.transport {
            Transport::Tcp | Transport::Udp if !x.ports.is_empty() => {
                for p in &x.ports {
                    let _ = if p.0 == p.1 {
                        writeln!(out, " service-object {t} destination eq {}", p.0)
                    } else {
                        writeln!(out, " service-object {t} destination range {} {}", p.0, p.1)
                    };
                }
            }
            Transport::Tcp | Transport::Udp | Transport::Icmp => {
                let _ = writeln!(out, " service-object {t}");
            }
            Transport::Ip(n) => {
                let _ = writeln!(out, " service-object {n}");
            }
            Transport::Any => {
                let _ = writeln!(out, " service-object ip");
            }
        }
    }
    let acl = crate::analysis::rules::object_name(&s.device_name);
    for r in &s.rules {
        if r.open.is_some() {
            let _ = writeln!(out, "! {} (open item, not configured)", r.id);
            continue;
        }
        let _ = writeln!(out, "access-list {acl} remark {}", rule_comment(r));
        let _ = match r.action {
            RuleAction::Deny => writeln!(out, "access-list {acl} extended deny ip any any log"),
            RuleAction::Allow => writeln!(
                out,
                "access-list {acl} extended permit object-group {} {} {} log",
                r.service,
                asa_ref(s, &r.source),
                asa_ref(s, &r.destination)
            ),
        };
    }
    out
}
