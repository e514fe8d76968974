//! The three-way merge of a project by element id and field (`zonewright merge BASE OURS
//! THEIRS`, a git merge driver). A field changed on one side only takes that change; the same
//! field changed two ways keeps ours and records a [`MergeConflict`] in the merged project, so
//! the file always loads. Elements added on both sides under one id are kept both: theirs gets
//! a fresh id.

use super::parts::{Part, Parts, asset_parent, conduit_end};
use crate::model::{AssetParent, ElementRef, MergeConflict, Project, ZoneId};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The merged project and how many new conflicts it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    pub project: Project,
    /// Conflicts this merge added to `project.conflicts`.
    pub new_conflicts: usize,
    /// Elements of theirs that were added under an id ours also added, and got a new id.
    pub renumbered: usize,
}

/// Merges `ours` and `theirs`, both descended from `base`. Errs only when the result cannot
/// be put together as a valid project (then nothing should be written).
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<MergeOutcome, String> {
    let mut theirs = theirs.clone();
    let renumbered = renumber_double_adds(base, ours, &mut theirs);
    let b = Parts::of(base)?;
    let o = Parts::of(ours)?;
    let t = Parts::of(&theirs)?;
    let mut conflicts: Vec<MergeConflict> = Vec::new();
    let mut path = Vec::new();
    let mut found = Vec::new();
    let project = merge_value(
        Some(&b.project),
        Some(&o.project),
        Some(&t.project),
        &mut path,
        &mut found,
    )
    .unwrap_or(Value::Object(Map::new()));
    push_conflicts(ElementRef::Project, found, &mut conflicts);
    let zones = merge_list(&b.zones, &o.zones, &t.zones, &mut conflicts);
    let conduits = merge_list(&b.conduits, &o.conduits, &t.conduits, &mut conflicts);
    let assets = merge_list(&b.assets, &o.assets, &t.assets, &mut conflicts);
    let mut merged = Parts {
        project,
        zones,
        conduits,
        assets,
        conflicts: Vec::new(),
    };
    keep_what_is_used(&b, &o, &t, &mut merged, &mut conflicts);
    // conflicts already in ours (unresolved) stay; theirs' unresolved ones too, once
    let mut all = ours.conflicts.clone();
    for c in &theirs.conflicts {
        if !all.contains(c) {
            all.push(c.clone());
        }
    }
    let new_conflicts = conflicts.len();
    all.extend(conflicts);
    merged.conflicts = all;
    let project = merged.compose()?;
    Ok(MergeOutcome {
        project,
        new_conflicts,
        renumbered,
    })
}

/// Conflicts found in one element: the field path and the base, ours and theirs values.
type Found = Vec<(Vec<String>, Option<Value>, Option<Value>, Option<Value>)>;

/// The three-way merge of one value. Records are merged key by key; anything else changed on
/// both sides to different values is a conflict (ours is kept).
fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &mut Vec<String>,
    conflicts: &mut Found,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    if let (Some(Value::Object(mo)), Some(Value::Object(mt))) = (ours, theirs) {
        let mb = base.and_then(Value::as_object);
        let mut out = Map::new();
        let keys: Vec<&String> = mo
            .keys()
            .chain(mt.keys().filter(|k| !mo.contains_key(*k)))
            .collect();
        for k in keys {
            path.push(k.clone());
            let v = merge_value(
                mb.and_then(|m| m.get(k)),
                mo.get(k),
                mt.get(k),
                path,
                conflicts,
            );
            path.pop();
            if let Some(v) = v {
                out.insert(k.clone(), v);
            }
        }
        return Some(Value::Object(out));
    }
    conflicts.push((path.clone(), base.cloned(), ours.cloned(), theirs.cloned()));
    ours.cloned()
}

fn push_conflicts(element: ElementRef, found: Found, out: &mut Vec<MergeConflict>) {
    let text = |v: Option<Value>| v.map(|v| v.to_string());
    for (field, base, ours, theirs) in found {
        out.push(MergeConflict {
            element,
            field,
            base: text(base),
            ours: text(ours),
            theirs: text(theirs),
        });
    }
}

/// Merges one list of elements by id: ours in its order, then what theirs added.
fn merge_list(
    base: &[Part],
    ours: &[Part],
    theirs: &[Part],
    conflicts: &mut Vec<MergeConflict>,
) -> Vec<Part> {
    let b: HashMap<ElementRef, &Value> = base.iter().map(|p| (p.element, &p.value)).collect();
    let o: HashMap<ElementRef, &Value> = ours.iter().map(|p| (p.element, &p.value)).collect();
    let t: HashMap<ElementRef, &Value> = theirs.iter().map(|p| (p.element, &p.value)).collect();
    let order = ours
        .iter()
        .map(|p| p.element)
        .chain(
            theirs
                .iter()
                .map(|p| p.element)
                .filter(|e| !o.contains_key(e)),
        )
        .chain(
            base.iter()
                .map(|p| p.element)
                .filter(|e| !o.contains_key(e) && !t.contains_key(e)),
        );
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for element in order {
        if !seen.insert(element) {
            continue;
        }
        let (bv, ov, tv) = (
            b.get(&element).copied(),
            o.get(&element).copied(),
            t.get(&element).copied(),
        );
        let mut found = Vec::new();
        let merged = match (bv, ov, tv) {
            // present on every side: field by field
            (Some(_), Some(_), Some(_)) => merge_value(bv, ov, tv, &mut Vec::new(), &mut found),
            // removed on one side, changed on the other; or added twice differently
            _ if ov != tv && bv != ov && bv != tv => {
                found.push((Vec::new(), bv.cloned(), ov.cloned(), tv.cloned()));
                ov.cloned()
            }
            _ => merge_value(bv, ov, tv, &mut Vec::new(), &mut found),
        };
        push_conflicts(element, found, conflicts);
        if let Some(value) = merged {
            out.push(Part { element, value });
        }
    }
    out
}

/// A zone removed on one side stays while the merge keeps a conduit or an asset that uses it
/// (and a conduit while it keeps a device on it); each such removal becomes a conflict on the
/// whole element, so that it can be taken back deliberately.
fn keep_what_is_used(
    b: &Parts,
    o: &Parts,
    t: &Parts,
    merged: &mut Parts,
    conflicts: &mut Vec<MergeConflict>,
) {
    let find = |list: &[Part], e: ElementRef| list.iter().find(|p| p.element == e).cloned();
    // devices whose conduit was removed
    let mut needed_conduits: Vec<ElementRef> = Vec::new();
    let mut needed_zones: Vec<ZoneId> = Vec::new();
    for a in &merged.assets {
        match asset_parent(&a.value) {
            Some(AssetParent::Conduit(c)) => needed_conduits.push(ElementRef::Conduit(c)),
            Some(AssetParent::Zone(z)) => needed_zones.push(z),
            None => {}
        }
    }
    for e in needed_conduits {
        if merged.conduits.iter().any(|p| p.element == e) {
            continue;
        }
        if let Some(p) = find(&o.conduits, e).or_else(|| find(&t.conduits, e)) {
            restore(e, b, &o.conduits, &t.conduits, conflicts);
            merged.conduits.push(p);
        }
    }
    for c in &merged.conduits {
        needed_zones.extend(conduit_end(&c.value, "from"));
        needed_zones.extend(conduit_end(&c.value, "to"));
    }
    for z in needed_zones {
        let e = ElementRef::Zone(z);
        if merged.zones.iter().any(|p| p.element == e) {
            continue;
        }
        if let Some(p) = find(&o.zones, e).or_else(|| find(&t.zones, e)) {
            restore(e, b, &o.zones, &t.zones, conflicts);
            merged.zones.push(p);
        }
    }
}

fn restore(
    element: ElementRef,
    b: &Parts,
    ours: &[Part],
    theirs: &[Part],
    conflicts: &mut Vec<MergeConflict>,
) {
    let side = |list: &[Part]| {
        list.iter()
            .find(|p| p.element == element)
            .map(|p| p.value.to_string())
    };
    let base = b
        .zones
        .iter()
        .chain(&b.conduits)
        .find(|p| p.element == element)
        .map(|p| p.value.to_string());
    conflicts.push(MergeConflict {
        element,
        field: Vec::new(),
        base,
        ours: side(ours),
        theirs: side(theirs),
    });
}

/// Gives theirs' elements that were added under an id ours also added (for something else) a
/// fresh id, and rewrites theirs' references to them. Returns how many were renumbered.
fn renumber_double_adds(base: &Project, ours: &Project, theirs: &mut Project) -> usize {
    let mut count = 0;
    // zones
    let base_zones: HashSet<_> = base.zones.iter().map(|z| z.id).collect();
    let mut next_zone = [
        base.next_zone_id(),
        ours.next_zone_id(),
        theirs.next_zone_id(),
    ]
    .into_iter()
    .max()
    .map_or(1, |z| z.0);
    let clashes: Vec<ZoneId> = theirs
        .zones
        .iter()
        .filter(|z| !base_zones.contains(&z.id))
        .filter(|z| ours.zone(z.id).is_some_and(|oz| oz != *z))
        .map(|z| z.id)
        .collect();
    for old in clashes {
        let new = ZoneId(next_zone);
        next_zone = next_zone.saturating_add(1);
        count += 1;
        for z in &mut theirs.zones {
            if z.id == old {
                z.id = new;
            }
        }
        for c in &mut theirs.conduits {
            if c.from == old {
                c.from = new;
            }
            if c.to == old {
                c.to = new;
            }
            for f in &mut c.flows {
                for end in [&mut f.source, &mut f.destination] {
                    if end.zone == Some(old) {
                        end.zone = Some(new);
                    }
                }
            }
        }
    }
    // conduits
    let base_conduits: HashSet<_> = base.conduits.iter().map(|c| c.id).collect();
    let mut next_conduit = [
        base.next_conduit_id(),
        ours.next_conduit_id(),
        theirs.next_conduit_id(),
    ]
    .into_iter()
    .max()
    .map_or(1, |c| c.0);
    let theirs_snapshot = theirs.clone();
    for c in &mut theirs.conduits {
        if !base_conduits.contains(&c.id)
            && ours
                .conduit(c.id)
                .is_some_and(|oc| Some(oc) != theirs_snapshot.conduit(c.id))
        {
            c.id = crate::model::ConduitId(next_conduit);
            next_conduit = next_conduit.saturating_add(1);
            count += 1;
        }
    }
    // assets
    let base_assets: HashSet<_> = base.all_assets().map(|(a, _)| a.id).collect();
    let mut next_asset = [
        base.next_asset_id(),
        ours.next_asset_id(),
        theirs.next_asset_id(),
    ]
    .into_iter()
    .max()
    .map_or(1, |a| a.0);
    let mut remap = HashMap::new();
    let ours_assets: HashMap<_, _> = ours
        .all_assets()
        .map(|(a, p)| (a.id, (a.clone(), p)))
        .collect();
    for (a, p) in theirs.all_assets() {
        if !base_assets.contains(&a.id)
            && ours_assets
                .get(&a.id)
                .is_some_and(|(oa, op)| oa != a || *op != p)
        {
            remap.insert(a.id, crate::model::AssetId(next_asset));
            next_asset = next_asset.saturating_add(1);
        }
    }
    if !remap.is_empty() {
        count += remap.len();
        let fix = |id: &mut crate::model::AssetId| {
            if let Some(n) = remap.get(id) {
                *id = *n;
            }
        };
        for z in &mut theirs.zones {
            for a in &mut z.assets {
                fix(&mut a.id);
            }
            for s in &mut z.risk.scenarios {
                s.affected_assets.iter_mut().for_each(fix);
            }
        }
        for c in &mut theirs.conduits {
            for a in &mut c.devices {
                fix(&mut a.id);
            }
            for s in &mut c.risk.scenarios {
                s.affected_assets.iter_mut().for_each(fix);
            }
            for f in &mut c.flows {
                if let Some(d) = &mut f.device {
                    fix(d);
                }
                f.source.assets.iter_mut().for_each(fix);
                f.destination.assets.iter_mut().for_each(fix);
            }
        }
    }
    count
}
