//! Resolving one merge conflict: keep ours (the value the merged file holds), take theirs, or
//! put in a value of one's own. The result is a whole new project; `command` turns the
//! difference into one undoable edit.

use super::parts::{self, Parts};
use crate::model::{ElementRef, Project};
use serde_json::Value;

/// How a conflict is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Keep what the project holds now (ours, or what was edited since).
    Ours,
    /// Put in the other branch's value (for a whole element: its version, or its removal).
    Theirs,
    /// Put in this value: for a text field the text itself, otherwise JSON.
    Value(String),
}

/// The project with conflict `index` resolved and removed from its list. Errs (and nothing
/// changes) when the index is stale or the value does not fit the field.
pub fn resolved(project: &Project, index: usize, how: &Resolution) -> Result<Project, String> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or_else(|| "that conflict is already resolved".to_owned())?
        .clone();
    let mut out_parts = Parts::of(project)?;
    out_parts.conflicts.remove(index);
    let new_value: Option<Value> = match how {
        Resolution::Ours => {
            return out_parts.compose();
        }
        Resolution::Theirs => match &conflict.theirs {
            Some(text) => Some(
                serde_json::from_str(text)
                    .map_err(|e| format!("the other branch's value cannot be read: {e}"))?,
            ),
            None => None,
        },
        Resolution::Value(text) => Some(typed_value(&out_parts, &conflict, text)?),
    };
    if conflict.field.is_empty() {
        set_element(&mut out_parts, conflict.element, new_value)?;
    } else {
        let target = match conflict.element {
            ElementRef::Project => &mut out_parts.project,
            e => {
                let list = out_parts.list_mut(e).ok_or("no such element")?;
                match list.iter_mut().find(|p| p.element == e) {
                    Some(p) => &mut p.value,
                    None => {
                        return Err(
                            "the element of this conflict is no longer in the project; take theirs or keep ours on the whole element first".to_owned(),
                        );
                    }
                }
            }
        };
        parts::set(target, &conflict.field, new_value)?;
    }
    out_parts.compose()
}

/// A value typed by hand: kept as text where the field holds text now (or held text on some
/// side), read as JSON otherwise.
fn typed_value(
    parts: &Parts,
    conflict: &crate::model::MergeConflict,
    text: &str,
) -> Result<Value, String> {
    let is_text = |v: &Option<String>| {
        v.as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .is_some_and(|v| v.is_string())
    };
    let current_is_text = current(parts, conflict).is_some_and(Value::is_string);
    if !conflict.field.is_empty()
        && (current_is_text || is_text(&conflict.ours) || is_text(&conflict.theirs))
    {
        return Ok(Value::String(text.to_owned()));
    }
    serde_json::from_str(text).map_err(|e| format!("the value is not valid here: {e}"))
}

fn current<'a>(parts: &'a Parts, c: &crate::model::MergeConflict) -> Option<&'a Value> {
    let value = match c.element {
        ElementRef::Project => &parts.project,
        e => {
            let list = match e {
                ElementRef::Zone(_) => &parts.zones,
                ElementRef::Conduit(_) => &parts.conduits,
                _ => &parts.assets,
            };
            &list.iter().find(|p| p.element == e)?.value
        }
    };
    parts::get(value, &c.field)
}

/// Replaces, adds or (with `None`) removes a whole element.
fn set_element(parts: &mut Parts, element: ElementRef, value: Option<Value>) -> Result<(), String> {
    let Some(list) = parts.list_mut(element) else {
        return Err("the project itself cannot be removed".to_owned());
    };
    match (list.iter().position(|p| p.element == element), value) {
        (Some(i), Some(v)) => list[i].value = v,
        (Some(i), None) => {
            list.remove(i);
        }
        (None, Some(v)) => list.push(parts::Part { element, value: v }),
        (None, None) => {}
    }
    Ok(())
}
