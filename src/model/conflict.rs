//! A merge conflict kept in the project file: one field (or one whole element) that two
//! branches changed in two different ways, with the three values, until someone resolves it.

use super::ElementRef;
use serde::{Deserialize, Serialize};

/// One unresolved conflict of a three-way merge (`zonewright merge`). The merged project holds
/// "ours" in the field; the conflict keeps all three values so that the designer can put in
/// the other one. Values are JSON texts of the field's value; `None` = the element (or the
/// entry of a map) does not exist on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// The zone, conduit or asset (or the project, for its metadata, risk and approval).
    pub element: ElementRef,
    /// The field inside the element, outermost first (`["characteristics", "assumptions"]`,
    /// `["requirements", "SR 1.1", "status"]`); empty = the whole element.
    #[serde(default)]
    #[serde(deserialize_with = "crate::model::limits::conflict_path")]
    pub field: Vec<String>,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub ours: Option<String>,
    #[serde(default)]
    pub theirs: Option<String>,
}

impl MergeConflict {
    /// The field in words: `characteristics › assumptions`, or "the whole element".
    pub fn field_label(&self) -> String {
        if self.field.is_empty() {
            "the whole element".to_owned()
        } else {
            self.field.join(" › ")
        }
    }

    /// One side's value in words; for a whole element "removed", "unchanged" or "changed".
    pub fn side_words(&self, side: Option<&str>) -> String {
        if self.field.is_empty() {
            return match side {
                None => "removed",
                Some(v) if Some(v) == self.base.as_deref() => "unchanged",
                Some(_) if self.base.is_none() => "added",
                Some(_) => "changed",
            }
            .to_owned();
        }
        value_words(side)
    }
}

/// A JSON value text for people: strings without quotes, `null`/absent as "(none)", lists of
/// numbers as `(1,2,3)`, short.
pub fn value_words(value: Option<&str>) -> String {
    let Some(text) = value else {
        return "(absent)".to_owned();
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => json_words(&v),
        Err(_) => text.to_owned(),
    }
}

/// A JSON value in words (see [`value_words`]).
pub fn json_words(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let s = match v {
        Value::Null => "(none)".to_owned(),
        Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.is_empty() => "(none)".to_owned(),
        Value::Array(items) if items.iter().all(|i| i.is_number() || i.is_null()) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::Null => "–".to_owned(),
                    n => n.to_string(),
                })
                .collect();
            format!("({})", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(json_words).collect();
            parts.join("; ")
        }
        Value::Object(map) => {
            // an externally tagged enum with data, e.g. {"Zone": 3}
            if map.len() == 1
                && let Some((k, inner)) = map.iter().next()
            {
                format!("{k} {}", json_words(inner))
            } else {
                let parts: Vec<String> = map
                    .iter()
                    .filter(|(_, v)| !is_empty_json(v))
                    .map(|(k, v)| format!("{k}: {}", json_words(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    };
    shorten(&s, 120)
}

fn is_empty_json(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An element in words: `zone "BPCS"`, `conduit "IT-OT"`, `asset "PLC-1"`, `the project`.
pub fn element_words(project: &super::Project, element: ElementRef) -> String {
    let kind = match element {
        ElementRef::Project => return "the project".to_owned(),
        ElementRef::Zone(_) => "zone",
        ElementRef::Conduit(_) => "conduit",
        ElementRef::Asset(_) => "asset",
    };
    format!("{kind} \"{}\"", project.element_name(element))
}
