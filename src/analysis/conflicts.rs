//! The `MERGE-CONFLICT` finding: every conflict a three-way merge left in the project is an
//! error until someone resolves it.

use super::findings::{Finding, FindingCode, Sink};
use crate::model::conflict::element_words;
use crate::model::{ElementRef, Project};

pub(super) fn conflict_findings(project: &Project) -> Vec<Finding> {
    let mut s = Sink::new();
    for c in &project.conflicts {
        // a conflict on an element the merged project does not hold is reported on the project
        let exists = match c.element {
            ElementRef::Project => true,
            ElementRef::Zone(id) => project.zone(id).is_some(),
            ElementRef::Conduit(id) => project.conduit(id).is_some(),
            ElementRef::Asset(id) => project.asset(id).is_some(),
        };
        let element = if exists {
            c.element
        } else {
            ElementRef::Project
        };
        let what = upper_first(&element_words(project, c.element));
        s.push(
            FindingCode::MergeConflict,
            element,
            format!(
                "{what}: {} was changed on both branches of a merge (base {}; ours {}; theirs {}); the file keeps ours until this is resolved.",
                c.field_label(),
                c.side_words(c.base.as_deref()),
                c.side_words(c.ours.as_deref()),
                c.side_words(c.theirs.as_deref()),
            ),
            "Resolve it in the designer's Conflicts tab: keep ours, take theirs, or edit the value.",
        );
    }
    s.finish()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
