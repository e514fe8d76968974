//! The semantic diff of two revisions of a project, by element id: zones, conduits and assets
//! added, removed or changed field by field (old → new); per zone and conduit the SL-T, SL-C,
//! SL-A and worst gap as `assess` computed them for each side; findings that appeared or were
//! resolved. Moves and resizes are only counted.

use super::parts::{PARENT, Part, Parts, asset_parent};
use super::words::field_words;
use crate::analysis::{Assessment, ElementAssessment};
use crate::model::conflict::{element_words, json_words};
use crate::model::{AssetParent, ElementRef, Project, ZoneId, format_levels};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Whether an element is new, gone or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One field of an element, before and after, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field in words ("SL-T", "Requirement SR 1.1 status", "Document › Revision").
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One element that differs between the two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementChange {
    pub element: ElementRef,
    /// "zone", "conduit", "asset" or "project".
    pub kind_of_element: &'static str,
    /// Its name on the newer side (the older for a removed element).
    pub name: String,
    pub change: ChangeKind,
    /// Field by field for a changed element (assessment results included); empty otherwise.
    pub fields: Vec<FieldChange>,
}

impl ElementChange {
    /// The element as a reader finds it: `Zone "BPCS" (Z1)`, or "The document".
    pub fn label(&self) -> String {
        let id = match self.element {
            ElementRef::Project => return "The document".to_owned(),
            ElementRef::Zone(id) => id.to_string(),
            ElementRef::Conduit(id) => id.to_string(),
            ElementRef::Asset(id) => id.to_string(),
        };
        let mut kind = self.kind_of_element.to_owned();
        if let Some(first) = kind.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        format!("{kind} \"{}\" ({id})", self.name)
    }
}

/// A finding present on one side only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    pub code: &'static str,
    pub severity: &'static str,
    pub element: ElementRef,
    pub message: String,
}

/// What changed from one revision to the next.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Diff {
    /// The project first, then zones, conduits and assets, each in the newer document order
    /// (removed ones after the rest of their kind).
    pub changes: Vec<ElementChange>,
    /// Zones moved or resized and nothing else about them changed.
    pub layout_only: usize,
    pub findings_appeared: Vec<FindingChange>,
    pub findings_resolved: Vec<FindingChange>,
}

impl Diff {
    /// Nothing at all differs (not even the layout).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.layout_only == 0
            && self.findings_appeared.is_empty()
            && self.findings_resolved.is_empty()
    }

    /// The change of an element, if it changed.
    pub fn change_of(&self, element: ElementRef) -> Option<&ElementChange> {
        self.changes.iter().find(|c| c.element == element)
    }
}

/// Fields that only place an element on the canvas.
const LAYOUT_FIELDS: [&str; 1] = ["rect"];

/// The diff from `old` to `new`. The assessments are `assess` of each side (they are shown,
/// never recomputed here).
pub fn diff(old: &Project, old_a: &Assessment, new: &Project, new_a: &Assessment) -> Diff {
    let (Ok(mut o), Ok(mut n)) = (Parts::of(old), Parts::of(new)) else {
        return Diff::default();
    };
    // both sides name a referenced element as the new revision calls it (the old name only
    // for one that is gone): a renamed zone is one change, not a change of every conduit and
    // asset that refers to it
    name_references(&mut o, new, old);
    name_references(&mut n, new, old);
    let mut d = Diff::default();
    let mut project_fields = Vec::new();
    fields(&o.project, &n.project, &mut Vec::new(), &mut project_fields);
    if !project_fields.is_empty() {
        d.changes.push(ElementChange {
            element: ElementRef::Project,
            kind_of_element: "project",
            name: new.meta.title.clone(),
            change: ChangeKind::Changed,
            fields: project_fields,
        });
    }
    let assessed = |a: &Assessment, p: &Project, e: ElementRef| a.element(p, e).cloned();
    for (old_list, new_list, kind) in [
        (&o.zones, &n.zones, "zone"),
        (&o.conduits, &n.conduits, "conduit"),
        (&o.assets, &n.assets, "asset"),
    ] {
        let before: HashMap<ElementRef, &Part> = old_list.iter().map(|p| (p.element, p)).collect();
        let after: HashSet<ElementRef> = new_list.iter().map(|p| p.element).collect();
        for p in new_list {
            let name = new.element_name(p.element);
            let Some(was) = before.get(&p.element) else {
                d.changes.push(ElementChange {
                    element: p.element,
                    kind_of_element: kind,
                    name,
                    change: ChangeKind::Added,
                    fields: Vec::new(),
                });
                continue;
            };
            let mut f = Vec::new();
            let mut moved = false;
            if let (Value::Object(a), Value::Object(b)) = (&was.value, &p.value) {
                for key in LAYOUT_FIELDS {
                    moved |= a.get(key) != b.get(key);
                }
            }
            fields(&was.value, &p.value, &mut Vec::new(), &mut f);
            if let (Some(ea), Some(eb)) = (
                assessed(old_a, old, p.element),
                assessed(new_a, new, p.element),
            ) {
                levels(&ea, &eb, &mut f);
            }
            if f.is_empty() {
                d.layout_only += usize::from(moved);
            } else {
                d.changes.push(ElementChange {
                    element: p.element,
                    kind_of_element: kind,
                    name,
                    change: ChangeKind::Changed,
                    fields: f,
                });
            }
        }
        for p in old_list {
            if !after.contains(&p.element) {
                d.changes.push(ElementChange {
                    element: p.element,
                    kind_of_element: kind,
                    name: old.element_name(p.element),
                    change: ChangeKind::Removed,
                    fields: Vec::new(),
                });
            }
        }
    }
    let key = |f: &crate::analysis::Finding| (f.code, f.element, f.message.clone());
    let old_keys: HashSet<_> = old_a.findings.iter().map(key).collect();
    let new_keys: HashSet<_> = new_a.findings.iter().map(key).collect();
    let change = |f: &crate::analysis::Finding| FindingChange {
        code: f.code.code(),
        severity: f.severity.label(),
        element: f.element,
        message: f.message.clone(),
    };
    d.findings_appeared = new_a
        .findings
        .iter()
        .filter(|f| !old_keys.contains(&key(f)))
        .map(change)
        .collect();
    d.findings_resolved = old_a
        .findings
        .iter()
        .filter(|f| !new_keys.contains(&key(f)))
        .map(change)
        .collect();
    d
}

/// Zone and container ids in conduits and assets become names, so that a change reads
/// `zone "BPCS" → zone "DMZ"`: the name in `new`, else (an element removed since) in `old`.
fn name_references(parts: &mut Parts, new: &Project, old: &Project) {
    let words = |e: ElementRef| {
        let exists = match e {
            ElementRef::Zone(z) => new.zone(z).is_some(),
            ElementRef::Conduit(c) => new.conduit(c).is_some(),
            ElementRef::Asset(a) => new.asset(a).is_some(),
            ElementRef::Project => true,
        };
        element_words(if exists { new } else { old }, e)
    };
    let zone_words = |v: &Value| -> Option<Value> {
        let id: ZoneId = serde_json::from_value(v.clone()).ok()?;
        Some(Value::String(words(ElementRef::Zone(id))))
    };
    for c in &mut parts.conduits {
        if let Value::Object(m) = &mut c.value {
            for key in ["from", "to"] {
                if let Some(words) = m.get(key).and_then(zone_words) {
                    m.insert(key.to_owned(), words);
                }
            }
        }
    }
    for a in &mut parts.assets {
        if let Some(parent) = asset_parent(&a.value)
            && let Value::Object(m) = &mut a.value
        {
            let e = match parent {
                AssetParent::Zone(z) => ElementRef::Zone(z),
                AssetParent::Conduit(c) => ElementRef::Conduit(c),
            };
            m.insert(PARENT.to_owned(), Value::String(words(e)));
        }
    }
}

/// Field changes from `a` to `b`, leaves only: records are compared key by key, lists of
/// records entry by entry; layout fields and the asset lists are skipped.
fn fields(a: &Value, b: &Value, path: &mut Vec<String>, out: &mut Vec<FieldChange>) {
    if a == b {
        return;
    }
    // a record that is absent on one side is compared with an empty one, field by field
    let empty = Value::Object(serde_json::Map::new());
    let a = if a.is_null() && b.is_object() {
        &empty
    } else {
        a
    };
    let b = if b.is_null() && a.is_object() {
        &empty
    } else {
        b
    };
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            let keys = ma.keys().chain(mb.keys().filter(|k| !ma.contains_key(*k)));
            for k in keys {
                if path.is_empty() && LAYOUT_FIELDS.contains(&k.as_str()) {
                    continue;
                }
                path.push(k.clone());
                fields(
                    ma.get(k).unwrap_or(&Value::Null),
                    mb.get(k).unwrap_or(&Value::Null),
                    path,
                    out,
                );
                path.pop();
            }
        }
        (Value::Array(la), Value::Array(lb))
            if la.iter().chain(lb).all(Value::is_object) && !la.is_empty() && !lb.is_empty() =>
        {
            for i in 0..la.len().max(lb.len()) {
                path.push(format!("{}", i + 1));
                fields(
                    la.get(i).unwrap_or(&Value::Null),
                    lb.get(i).unwrap_or(&Value::Null),
                    path,
                    out,
                );
                path.pop();
            }
        }
        _ => {
            // absent and empty are the same to a reader
            if json_words(a) == json_words(b) {
                return;
            }
            out.push(FieldChange {
                field: field_words(path),
                old: json_words(a),
                new: json_words(b),
            });
        }
    }
}

/// The levels and the worst gap `assess` gave each side.
fn levels(a: &ElementAssessment, b: &ElementAssessment, out: &mut Vec<FieldChange>) {
    let target = |e: &ElementAssessment| e.sl_t.map_or_else(|| "–".to_owned(), |t| t.to_string());
    let rows = [
        ("SL-T (in effect)", target(a), target(b)),
        ("SL-C", format_levels(&a.sl_c), format_levels(&b.sl_c)),
        ("SL-A", format_levels(&a.sl_a), format_levels(&b.sl_a)),
        (
            "Worst gap",
            a.worst.label().to_owned(),
            b.worst.label().to_owned(),
        ),
    ];
    for (field, old, new) in rows {
        if old != new
            && !out
                .iter()
                .any(|f| f.field == "SL-T" && field.starts_with("SL-T") && f.new == new)
        {
            out.push(FieldChange {
                field: field.to_owned(),
                old,
                new,
            });
        }
    }
}
