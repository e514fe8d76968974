//! Renaming a zone, asset or conduit in place: one undo step "Rename zone A to B"; an empty
//! or over-long name is refused with a message.

use super::{NoPlan, Plan, keep_selection};
use crate::edit::Edit;
use crate::file::limits::MAX_TEXT_BYTES;
use crate::model::{ElementRef, Project, ZoneId};

pub(super) fn rename(p: &Project, element: ElementRef, name: &str) -> Result<Plan, NoPlan> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NoPlan::Refused(
            "A name cannot be empty; the old name is kept.".into(),
        ));
    }
    if name.len() > MAX_TEXT_BYTES {
        return Err(NoPlan::Refused(format!(
            "A name is limited to {} KB; the old name is kept.",
            MAX_TEXT_BYTES / 1024
        )));
    }
    let (kind, old, edit) = match element {
        ElementRef::Zone(id) => {
            let mut z = p.zone(id).ok_or(NoPlan::Nothing)?.clone();
            let old = std::mem::replace(&mut z.name, name.to_owned());
            let mut edits = vec![Edit::ReplaceZone(z)];
            edits.extend(conduits_named_after(p, id, &old, name));
            let edit = if edits.len() == 1 {
                edits.remove(0)
            } else {
                Edit::Batch(edits)
            };
            ("zone", old, edit)
        }
        ElementRef::Asset(id) => {
            let mut a = p.asset(id).ok_or(NoPlan::Nothing)?.0.clone();
            let old = std::mem::replace(&mut a.name, name.to_owned());
            ("asset", old, Edit::ReplaceAsset(a))
        }
        ElementRef::Conduit(id) => {
            let mut c = p.conduit(id).ok_or(NoPlan::Nothing)?.clone();
            let old = std::mem::replace(&mut c.name, name.to_owned());
            ("conduit", old, Edit::ReplaceConduit(c))
        }
        ElementRef::Project => return Err(NoPlan::Nothing),
    };
    if old == name {
        return Err(NoPlan::Nothing);
    }
    let also = match &edit {
        Edit::Batch(edits) => match edits.len() - 1 {
            1 => " and its conduit".to_owned(),
            n => format!(" and its {n} conduits"),
        },
        _ => String::new(),
    };
    Ok(keep_selection(
        format!("Rename {kind} {old} to {name}{also}"),
        edit,
    ))
}

/// The conduits of zone `id` still named as a new conduit is ("From – To", maybe with a " 2"
/// that kept it unique), renamed after the zone's new name; conduits named by hand keep theirs.
fn conduits_named_after(p: &Project, id: ZoneId, old: &str, new: &str) -> Vec<Edit> {
    let name_of = |z: ZoneId, renamed: &str| {
        if z == id {
            renamed.to_owned()
        } else {
            p.element_name(ElementRef::Zone(z))
        }
    };
    p.conduits
        .iter()
        .filter(|c| c.from == id || c.to == id)
        .filter_map(|c| {
            let made = format!("{} – {}", name_of(c.from, old), name_of(c.to, old));
            let suffix = c.name.strip_prefix(&made)?;
            let numbered = suffix
                .strip_prefix(' ')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if !suffix.is_empty() && !numbered {
                return None;
            }
            let mut c = c.clone();
            c.name = format!("{} – {}{suffix}", name_of(c.from, new), name_of(c.to, new));
            Some(Edit::ReplaceConduit(c))
        })
        .collect()
}
