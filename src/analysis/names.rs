//! Names and identities that must be unique: zone and conduit names, and the same physical
//! device modelled twice (same serial number, or the same plant tag on two assets).
//!
//! Names and tags compare after trimming, collapsing inner whitespace runs to one space and
//! folding case with `char::to_lowercase` (simple Unicode lower-casing: it folds "Ä" to "ä"
//! but not "ß" to "ss"). Serial numbers compare trimmed and case-insensitively. Keys are
//! normalised into one reused buffer and hashed; ASCII keys skip the Unicode tables.

use super::findings::{FindingCode, Sink};
use super::lookup::Lookup;
use crate::model::text::is_blank;
use crate::model::{Asset, AssetParent, ElementRef, Project};
use std::hash::Hasher;

/// The characters of a name as names compare: trimmed, each inner whitespace run as one
/// space, lower case. The definition [`normalize_name`] is tested against.
#[cfg(test)]
fn name_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_space = false;
    s.trim()
        .chars()
        .filter_map(move |c| {
            if c.is_whitespace() {
                let first = !in_space;
                in_space = true;
                first.then_some(' ')
            } else {
                in_space = false;
                Some(c)
            }
        })
        .flat_map(char::to_lowercase)
}

/// The characters of a serial number as serials compare: trimmed, lower case. The definition
/// [`normalize_serial`] is tested against.
#[cfg(test)]
fn serial_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.trim().chars().flat_map(char::to_lowercase)
}

/// `c.is_whitespace()` for an ASCII byte (`u8::is_ascii_whitespace` leaves out U+000B).
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Appends the lower case of a character as UTF-8; ASCII without the Unicode tables.
#[inline]
fn push_lower(out: &mut Vec<u8>, c: char) {
    if c.is_ascii() {
        out.push((c as u8).to_ascii_lowercase());
    } else {
        let mut utf8 = [0u8; 4];
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
        }
    }
}

/// A name as names compare ([`name_chars`]), as UTF-8 bytes in `out`.
fn normalize_name(s: &str, out: &mut Vec<u8>) {
    out.clear();
    let t = s.trim();
    let bytes = t.as_bytes();
    let mut in_space = false;
    let mut at = 0;
    // byte by byte through ASCII (nearly all of a name), char by char through the rest
    while at < bytes.len() {
        let b = bytes[at];
        let (space, len) = if b.is_ascii() {
            (ascii_space(b), 1)
        } else {
            match t[at..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if space {
            if !in_space {
                out.push(b' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if b.is_ascii() {
                out.push(b.to_ascii_lowercase());
            } else if let Some(c) = t[at..].chars().next() {
                push_lower(out, c);
            }
        }
        at += len;
    }
}

/// A serial number as serials compare ([`serial_chars`]), as UTF-8 bytes in `out`.
fn normalize_serial(s: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in s.trim().chars() {
        push_lower(out, c);
    }
}

fn key_hash(key: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    h.finish()
}

/// Groups of positions in `keys` whose keys compare equal after `normalize`, each group with
/// two or more members in ascending order, groups ordered by their first member. Keys that are
/// empty after trimming are left out when `skip_empty` is set.
fn duplicate_groups(
    keys: &[&str],
    normalize: fn(&str, &mut Vec<u8>),
    skip_empty: bool,
) -> Vec<Vec<usize>> {
    let mut buf = Vec::new();
    let mut hashed: Vec<(u64, usize)> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| !(skip_empty && is_blank(k)))
        .map(|(i, k)| {
            normalize(k, &mut buf);
            (key_hash(&buf), i)
        })
        .collect();
    hashed.sort_unstable();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut other = Vec::new();
    let mut at = 0;
    while at < hashed.len() {
        let end = at
            + hashed[at..]
                .iter()
                .take_while(|(h, _)| *h == hashed[at].0)
                .count();
        if end - at > 1 {
            // equal hashes: split into classes of equal keys (a collision is rare)
            let mut classes: Vec<Vec<usize>> = Vec::new();
            for &(_, i) in &hashed[at..end] {
                normalize(keys[i], &mut buf);
                let class = classes.iter_mut().find(|c| {
                    normalize(keys[c[0]], &mut other);
                    other == buf
                });
                match class {
                    Some(c) => c.push(i),
                    None => classes.push(vec![i]),
                }
            }
            groups.extend(classes.into_iter().filter(|c| c.len() > 1));
        }
        at = end;
    }
    groups.sort_unstable_by_key(|g| g[0]);
    groups
}

/// Zones with the same name, then conduits with the same name: a finding on every member.
pub(super) fn duplicate_names(project: &Project, s: &mut Sink) {
    let names: Vec<&str> = project.zones.iter().map(|z| z.name.as_str()).collect();
    let mut dup = vec![false; names.len()];
    for g in duplicate_groups(&names, normalize_name, false) {
        for i in g {
            dup[i] = true;
        }
    }
    for (z, _) in project.zones.iter().zip(&dup).filter(|(_, d)| **d) {
        s.push(
            FindingCode::NameDuplicate,
            ElementRef::Zone(z.id),
            format!("More than one zone is named \"{}\".", z.name),
            "Give every zone a unique name, so that drawings and reports are unambiguous.",
        );
    }
    let names: Vec<&str> = project.conduits.iter().map(|c| c.name.as_str()).collect();
    let mut dup = vec![false; names.len()];
    for g in duplicate_groups(&names, normalize_name, false) {
        for i in g {
            dup[i] = true;
        }
    }
    for (c, _) in project.conduits.iter().zip(&dup).filter(|(_, d)| **d) {
        s.push(
            FindingCode::NameDuplicate,
            ElementRef::Conduit(c.id),
            format!("More than one conduit is named \"{}\".", c.name),
            "Give every conduit a unique name.",
        );
    }
}

/// Assets sharing a non-empty serial number, then assets sharing a non-empty tag: per group, one
/// finding on each asset after the first, naming the others. Copies of one asset id are left
/// to `AssetDuplicate`.
pub(super) fn duplicate_devices(project: &Project, lookup: &Lookup, s: &mut Sink) {
    let candidates: Vec<(&Asset, AssetParent)> = project
        .all_assets()
        .filter(|(a, _)| !is_blank(&a.serial_number) || !is_blank(&a.tag))
        .collect();
    if candidates.len() < 2 {
        return;
    }
    let serials: Vec<&str> = candidates
        .iter()
        .map(|(a, _)| a.serial_number.as_str())
        .collect();
    let tags: Vec<&str> = candidates.iter().map(|(a, _)| a.tag.as_str()).collect();
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    groups.extend(
        duplicate_groups(&serials, normalize_serial, true)
            .into_iter()
            .map(|g| ("serial number", g)),
    );
    groups.extend(
        duplicate_groups(&tags, normalize_name, true)
            .into_iter()
            .map(|g| ("tag", g)),
    );
    let place = |parent: AssetParent| match parent {
        AssetParent::Zone(id) => match lookup.zone(id) {
            Some(z) => format!("zone \"{}\"", z.name),
            None => format!("zone {id}"),
        },
        AssetParent::Conduit(id) => match lookup.conduit_index(id) {
            Some(i) => format!("conduit \"{}\"", project.conduits[i].name),
            None => format!("conduit {id}"),
        },
    };
    for (what, mut group) in groups {
        // one asset id in two places is one asset (reported as ASSET-DUP), not two devices
        let mut ids = Vec::with_capacity(group.len());
        group.retain(|&i| {
            let id = candidates[i].0.id;
            let fresh = !ids.contains(&id);
            ids.push(id);
            fresh
        });
        if group.len() < 2 {
            continue;
        }
        for (k, &i) in group.iter().enumerate().skip(1) {
            let (a, parent) = candidates[i];
            let others: Vec<String> = group
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .map(|(_, &j)| {
                    let (o, op) = candidates[j];
                    format!("\"{}\" in {}", o.name, place(op))
                })
                .collect();
            let value = if what == "tag" {
                a.tag.trim()
            } else {
                a.serial_number.trim()
            };
            s.push(
                FindingCode::DeviceDuplicate,
                ElementRef::Asset(a.id),
                format!(
                    "Asset \"{}\" in {} has the same {what} \"{value}\" as {}: one device may be modelled twice.",
                    a.name,
                    place(parent),
                    others.join(", ")
                ),
                if what == "tag" {
                    "Keep one asset per physical device: remove the copy, or correct the tag (tags are unique in a plant)."
                } else {
                    "Keep one asset per physical device: remove the copy, or correct the serial number."
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_normalises_exactly_like_the_unicode_one() {
        for s in [
            "  Control  Room ",
            "A\t\tB\nC",
            "x\u{0B}y\u{0C}z\r",
            "SIS",
            "",
            "   ",
            "MiXeD cAsE 42",
            "S1-U02 \u{2194} S1-DMZ",
            "Leitwarte  S\u{dc}D\u{a0} ",
            "\u{130}stanbul",
        ] {
            let mut fast = Vec::new();
            normalize_name(s, &mut fast);
            assert_eq!(
                fast,
                name_chars(s).collect::<String>().into_bytes(),
                "{s:?}"
            );
            normalize_serial(s, &mut fast);
            assert_eq!(
                fast,
                serial_chars(s).collect::<String>().into_bytes(),
                "{s:?}"
            );
        }
        // the Kelvin sign folds to an ASCII k: both paths meet in one key
        let (mut a, mut b) = (Vec::new(), Vec::new());
        normalize_name("\u{212A}iln", &mut a);
        normalize_name("Kiln", &mut b);
        assert_eq!(a, b);
    }
}
