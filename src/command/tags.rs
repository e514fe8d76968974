//! Asset tags numbered from the component type's short code: PLC-01, PLC-02 … The next number
//! for a prefix is one past the highest in the project, so a tag is never given twice; copies
//! keep their tag only where it is still free.

use crate::catalog::Catalog;
use crate::model::Project;
use std::collections::{HashMap, HashSet};

/// The short code a component type's tags start with (see [`Catalog::short_code`]).
pub(crate) fn prefix_for(catalog: &Catalog, component: &str) -> String {
    catalog.short_code(component)
}

/// `PLC-07` → `("PLC", 7)`; anything else (no dash, no digits after it) → `None`.
fn split_tag(tag: &str) -> Option<(&str, u32)> {
    let (prefix, number) = tag.rsplit_once('-')?;
    if prefix.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((prefix, number.parse().ok()?))
}

/// The tags of a project and the highest number of each prefix, to hand out new ones.
#[derive(Debug, Clone, Default)]
pub struct TagCounter {
    highest: HashMap<String, u32>,
    taken: HashSet<String>,
}

impl TagCounter {
    /// The tags used by every asset and conduit device of `project`.
    pub fn of(project: &Project) -> Self {
        let mut c = TagCounter::default();
        for (a, _) in project.all_assets() {
            c.take(&a.tag);
        }
        c
    }

    fn take(&mut self, tag: &str) {
        if tag.is_empty() {
            return;
        }
        if let Some((prefix, n)) = split_tag(tag) {
            let h = self.highest.entry(prefix.to_owned()).or_insert(0);
            *h = (*h).max(n);
        }
        self.taken.insert(tag.to_owned());
    }

    /// A new tag `PREFIX-NN`, one past the highest of that prefix, and records it.
    pub fn next(&mut self, prefix: &str) -> String {
        let mut n = self.highest.get(prefix).copied().unwrap_or(0);
        loop {
            n = n.saturating_add(1);
            let tag = format!("{prefix}-{n:02}");
            if !self.taken.contains(&tag) || n == u32::MAX {
                self.take(&tag);
                return tag;
            }
        }
    }

    /// `tag` when it is set and not yet used, else a new one with `prefix`.
    pub(crate) fn keep_or_next(&mut self, tag: &str, prefix: &str) -> String {
        if !tag.is_empty() && !self.taken.contains(tag) {
            self.take(tag);
            return tag.to_owned();
        }
        self.next(prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Asset, AssetId, Rect, Zone, ZoneId, ZoneKind};

    fn project_with_tags(tags: &[&str]) -> Project {
        let mut z = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 100.0),
        );
        for (i, t) in tags.iter().enumerate() {
            let mut a = Asset::new(AssetId(i as u32 + 1), format!("A{i}"), "plc");
            a.tag = (*t).to_owned();
            z.assets.push(a);
        }
        Project {
            zones: vec![z],
            ..Project::default()
        }
    }

    #[test]
    fn prefixes_come_from_the_catalog_short_code() {
        let c = Catalog::embedded();
        assert_eq!(prefix_for(c, "plc"), "PLC");
        assert_eq!(prefix_for(c, "dcs_controller"), "DCS");
        assert_eq!(prefix_for(c, "my_box-2"), "MYBOX2", "not in the catalog");
        assert_eq!(prefix_for(c, "–"), "A");
    }

    #[test]
    fn numbers_follow_the_highest_of_the_prefix() {
        let p = project_with_tags(&["PLC-01", "PLC-07", "HMI-3", "FIC-101A", ""]);
        let mut c = TagCounter::of(&p);
        assert_eq!(c.next("PLC"), "PLC-08");
        assert_eq!(c.next("PLC"), "PLC-09");
        assert_eq!(c.next("HMI"), "HMI-04");
        assert_eq!(c.next("DCS"), "DCS-01");
        assert_eq!(c.next("FIC"), "FIC-01", "FIC-101A has no number at its end");
    }

    #[test]
    fn copies_keep_a_free_tag_and_renumber_a_taken_or_empty_one() {
        let p = project_with_tags(&["PLC-01"]);
        let mut c = TagCounter::of(&p);
        assert_eq!(c.keep_or_next("PLC-01", "PLC"), "PLC-02");
        assert_eq!(c.keep_or_next("PLC-05", "PLC"), "PLC-05");
        assert_eq!(c.keep_or_next("PLC-05", "PLC"), "PLC-06");
        assert_eq!(c.keep_or_next("", "HMI"), "HMI-01");
        assert_eq!(c.keep_or_next("Spare", "PLC"), "Spare");
        assert_eq!(c.keep_or_next("Spare", "PLC"), "PLC-07");
    }
}
