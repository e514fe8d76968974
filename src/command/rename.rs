//! Renaming a zone, asset or conduit in place: one undo step "Rename zone A to B"; an empty
//! or over-long name is refused with a message.

use super::{NoPlan, Plan, keep_selection};
use crate::edit::Edit;
use crate::file::limits::MAX_TEXT_BYTES;
use crate::model::{ElementRef, Project};

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
            ("zone", old, Edit::ReplaceZone(z))
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
    Ok(keep_selection(
        format!("Rename {kind} {old} to {name}"),
        edit,
    ))
}
