//! Planning, without egui: turns what the user asked for ([`Action`]) together with the project,
//! the selection and the catalog into one labelled [`Edit`] (one undo step) and the selection
//! after it ([`Plan`]). The designer applies plans; it never builds edits of its own.

pub mod bulk;

use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::model::{
    Asset, AssetId, AssetParent, Conduit, ElementRef, Project, Rect, Zone, ZoneId, ZoneKind, layout,
};
use std::collections::BTreeSet;

pub mod clipboard;
pub mod conflicts;
pub mod find;
pub mod flows;
pub mod form;
pub mod import;
pub mod matrix;
mod rename;
pub mod risk;
pub(crate) mod risk_matrix;
pub mod tags;
pub mod traffic;

pub use clipboard::{Clip, Placement};
pub mod arrange;

/// The selected elements.
pub type Selection = BTreeSet<ElementRef>;

/// A document-changing request, as views and keys make it.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    CreateZone {
        kind: ZoneKind,
        center: (f32, f32),
    },
    CreateAsset {
        zone: ZoneId,
        component: String,
        index: usize,
    },
    CreateConduit {
        from: ZoneId,
        to: ZoneId,
    },
    MoveZones {
        ids: Vec<ZoneId>,
        dx: f32,
        dy: f32,
    },
    ResizeZone {
        id: ZoneId,
        rect: Rect,
    },
    MoveAsset {
        id: AssetId,
        to: AssetParent,
        index: usize,
    },
    DeleteSelection,
    DuplicateSelection,
    /// Moves the selected zones by a few units (arrow keys).
    Nudge {
        dx: f32,
        dy: f32,
    },
    /// A value a form changed (inspector, requirement table, risk register), as one step
    /// named `label`; steps with the same `merge_key` in a row merge (typing a word).
    Form {
        label: String,
        form: Box<form::FormAction>,
        merge_key: Option<String>,
    },
    /// A device of a catalog type added to a conduit (the conduit inspector).
    AddDevice {
        conduit: crate::model::ConduitId,
        component: String,
    },
    /// An inventory import as its preview worked it out (`import.rs`).
    Import {
        label: String,
        changes: Box<import::ImportChanges>,
    },
    /// A filled-in compliance matrix named `name` applied (`matrix.rs`).
    ApplyMatrix {
        name: String,
        sets: Vec<matrix::SetRequirement>,
    },
    /// View → Purdue bands on or off.
    PurdueBands(bool),
    /// `action`, merging with the steps before it that carry the same key (typing into a
    /// field of many selected elements).
    Merging {
        action: Box<Action>,
        key: String,
    },
    /// Puts copies of the clip's elements into the project ([`clipboard::paste`]).
    Paste {
        clip: Box<Clip>,
        placement: Placement,
        into: Option<ZoneId>,
    },
    /// Deletes the selection as "Cut …" (after it was copied).
    CutSelection,
    Rename {
        element: ElementRef,
        name: String,
    },
    /// Aligns or distributes the selected zones.
    Arrange(arrange::Arrangement),
    /// Many elements or requirement items at once (`bulk.rs`).
    Bulk(bulk::BulkAction),
    /// The records of the risk assessment (`risk.rs`).
    Risk(Box<risk::RiskAction>),
    /// A change to a conduit's data flows (`flows.rs`).
    Flow(flows::FlowAction),
    /// Resolves merge conflict `index` of the project (`conflicts.rs`).
    ResolveConflict {
        index: usize,
        how: crate::revision::Resolution,
    },
    /// Observed traffic kept, forgotten, or its proposals applied (`traffic.rs`).
    Traffic(traffic::TrafficAction),
}

/// One labelled edit and what is selected after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The undo step's name ("Move zone BPCS").
    pub label: String,
    pub edit: Edit,
    /// `None` keeps the selection as it is.
    pub selection_after: Option<Selection>,
    /// Consecutive plans with the same key merge into one undo step (typing into one field).
    pub merge_key: Option<String>,
}

/// Why an action gives no edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPlan {
    /// Nothing to do (an empty selection to delete, say): said nowhere.
    Nothing,
    /// The action does not apply; the text tells the user why.
    Refused(String),
}

/// How far one nudge moves: arrow keys, and with Shift.
pub const NUDGE_STEP: f32 = 10.0;
pub const NUDGE_FINE_STEP: f32 = 1.0;

/// The one edit (and the selection after it) that carries out `action`.
pub fn plan(
    action: &Action,
    project: &Project,
    selection: &Selection,
    catalog: &Catalog,
) -> Result<Plan, NoPlan> {
    match action {
        Action::CreateZone { kind, center } => Ok(create_zone(project, *kind, *center)),
        Action::CreateAsset {
            zone,
            component,
            index,
        } => create_asset(project, catalog, *zone, component, *index),
        Action::CreateConduit { from, to } => create_conduit(project, *from, *to),
        Action::MoveZones { ids, dx, dy } => move_zones(project, ids, *dx, *dy),
        Action::ResizeZone { id, rect } => {
            let z = project.zone(*id).ok_or(NoPlan::Nothing)?;
            Ok(keep_selection(
                format!("Resize zone {}", z.name),
                Edit::SetZoneRect {
                    id: *id,
                    rect: *rect,
                },
            ))
        }
        Action::MoveAsset { id, to, index } => move_asset(project, *id, *to, *index),
        Action::DeleteSelection => delete_selection(project, selection),
        Action::DuplicateSelection => clipboard::duplicate(project, catalog, selection),
        Action::Nudge { dx, dy } => {
            let ids: Vec<ZoneId> = selection
                .iter()
                .filter_map(|e| match e {
                    ElementRef::Zone(z) => Some(*z),
                    _ => None,
                })
                .collect();
            move_zones(project, &ids, *dx, *dy)
        }
        Action::Arrange(how) => arrange::plan_arrangement(project, selection, *how),
        Action::Form {
            label,
            form,
            merge_key,
        } => form::plan(form, label, merge_key.as_ref(), project),
        Action::AddDevice { conduit, component } => {
            form::add_device(project, catalog, *conduit, component)
        }
        Action::Import { label, changes } => import::plan(label, changes),
        Action::ApplyMatrix { name, sets } => matrix::plan(name, sets, project),
        Action::PurdueBands(on) => form::purdue_bands(project, *on),
        Action::Merging { action, key } => {
            plan(action, project, selection, catalog).map(|p| Plan {
                merge_key: Some(key.clone()),
                ..p
            })
        }
        Action::Paste {
            clip,
            placement,
            into,
        } => clipboard::paste(project, catalog, clip, *placement, *into).and_then(|plan| {
            saveable_after(project, &plan.edit)
                .map(|()| plan)
                .map_err(|why| NoPlan::Refused(format!("Nothing pasted: {why}.")))
        }),
        Action::CutSelection => clipboard::cut(project, selection),
        Action::Rename { element, name } => rename::rename(project, *element, name),
        Action::Bulk(b) => bulk::plan_bulk(b, project, catalog),
        Action::Risk(r) => risk::plan(r, project),
        Action::Flow(f) => flows::plan_flow(f, project, catalog),
        Action::ResolveConflict { index, how } => conflicts::plan_resolve(project, *index, how),
        // like a paste: an import must leave a project that can still be saved
        Action::Traffic(t) => traffic::plan_traffic(t, project).and_then(|plan| {
            if matches!(t, traffic::TrafficAction::Forget) {
                return Ok(plan);
            }
            saveable_after(project, &plan.edit)
                .map(|()| plan)
                .map_err(|why| NoPlan::Refused(format!("Nothing imported: {why}.")))
        }),
    }
}

/// Whether the project after `edit` could still be saved and opened again (every limit of a
/// project file: assets per zone, coordinates, text lengths, the file size): the reason when
/// not. Paste, import and apply check it before they change the document.
pub(crate) fn saveable_after(project: &Project, edit: &Edit) -> Result<(), String> {
    let mut after = project.clone();
    edit.clone().apply(&mut after).map_err(|e| e.to_string())?;
    saveable(&after)
}

/// Whether `project` could be saved and opened again: the reason when not.
pub(crate) fn saveable(after: &Project) -> Result<(), String> {
    crate::file::validate(after).map_err(|e| e.to_string())?;
    let text = crate::file::to_string(after).map_err(|e| e.message)?;
    if text.len() as u64 > crate::file::MAX_FILE_BYTES {
        return Err(format!(
            "the project file would be {:.1} MB; at most {} MB can be opened again",
            text.len() as f64 / (1024.0 * 1024.0),
            crate::file::MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Names taken, to hand out unique ones many times over (a paste of 90,000 assets): each name
/// in constant time on average, where [`unique_name`] rebuilds its set on every call. Gives the
/// same names as [`unique_name`] called with every name handed out so far.
#[derive(Debug, Default)]
pub struct NameSet {
    taken: std::collections::HashSet<String>,
    /// Per base: every `base N` below this is taken (names are only ever added).
    next: std::collections::HashMap<String, u64>,
}

impl NameSet {
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        NameSet {
            taken: names.into_iter().map(Into::into).collect(),
            next: std::collections::HashMap::new(),
        }
    }

    /// `base`, or `base 2`, `base 3` … whichever is not taken; it is taken from then on.
    pub fn unique(&mut self, base: &str) -> String {
        if !self.taken.contains(base) {
            self.taken.insert(base.to_owned());
            return base.to_owned();
        }
        let n = self.next.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base} {n}");
            *n += 1;
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }
}

/// `base`, or `base 2`, `base 3` … whichever is not taken.
pub(crate) fn unique_name<'a>(base: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: std::collections::HashSet<&str> = taken.collect();
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

/// One labelled step that keeps the selection; steps with the same `merge_key` in a row merge.
pub(crate) fn plan_of(label: String, edit: Edit, merge_key: Option<String>) -> Plan {
    Plan {
        label,
        edit,
        selection_after: None,
        merge_key,
    }
}

fn keep_selection(label: String, edit: Edit) -> Plan {
    Plan {
        label,
        edit,
        selection_after: None,
        merge_key: None,
    }
}

fn selecting(label: String, edit: Edit, selected: impl IntoIterator<Item = ElementRef>) -> Plan {
    Plan {
        label,
        edit,
        selection_after: Some(selected.into_iter().collect()),
        merge_key: None,
    }
}

fn create_zone(p: &Project, kind: ZoneKind, center: (f32, f32)) -> Plan {
    let id = p.next_zone_id();
    let name = unique_name(kind.label(), p.zones.iter().map(|z| z.name.as_str()));
    let (w, h) = layout::zone_size_for(4, 2);
    let rect = Rect::new(
        (center.0 - w / 2.0).round(),
        (center.1 - h / 2.0).round(),
        w,
        h,
    );
    let zone = Zone::new(id, name.clone(), kind, rect);
    let index = p.zones.len();
    selecting(
        format!("Add zone {name}"),
        Edit::AddZone { index, zone },
        [ElementRef::Zone(id)],
    )
}

/// The zone's rectangle grown (taller) so that `count` asset chips fit, when they do not.
fn grown_rect(zone: &Zone, count: usize) -> Option<Rect> {
    let chips = layout::asset_chips(&zone.rect, count);
    if chips.hidden == 0 {
        return None;
    }
    let (_, h) = layout::zone_size_for(count, chips.columns);
    let mut rect = zone.rect;
    rect.h = rect.h.max(h);
    (rect != zone.rect).then_some(rect)
}

/// `edit`, followed by growing `zone` when it then holds `count` assets that do not fit.
pub(crate) fn with_growth(edit: Edit, zone: &Zone, count: usize) -> Edit {
    match grown_rect(zone, count) {
        Some(rect) => Edit::Batch(vec![edit, Edit::SetZoneRect { id: zone.id, rect }]),
        None => edit,
    }
}

fn create_asset(
    p: &Project,
    catalog: &Catalog,
    zone: ZoneId,
    component: &str,
    index: usize,
) -> Result<Plan, NoPlan> {
    let target = p.zone(zone).ok_or(NoPlan::Nothing)?;
    let id = p.next_asset_id();
    let base = catalog
        .component(component)
        .map_or("Asset", |c| c.name.as_str());
    let name = unique_name(base, p.all_assets().map(|(a, _)| a.name.as_str()));
    let mut asset = Asset::new(id, name.clone(), component);
    asset.tag = tags::TagCounter::of(p).next(&tags::prefix_for(catalog, component));
    let add = Edit::AddAsset {
        parent: AssetParent::Zone(zone),
        index,
        asset,
    };
    Ok(selecting(
        format!("Add asset {name}"),
        with_growth(add, target, target.assets.len() + 1),
        [ElementRef::Asset(id)],
    ))
}

fn create_conduit(p: &Project, from: ZoneId, to: ZoneId) -> Result<Plan, NoPlan> {
    if from == to {
        return Err(NoPlan::Refused(
            "A conduit joins two different zones.".into(),
        ));
    }
    if p.zone(from).is_none() || p.zone(to).is_none() {
        return Err(NoPlan::Nothing);
    }
    let id = p.next_conduit_id();
    let name = format!(
        "{} – {}",
        p.element_name(ElementRef::Zone(from)),
        p.element_name(ElementRef::Zone(to))
    );
    let name = unique_name(&name, p.conduits.iter().map(|c| c.name.as_str()));
    let conduit = Conduit::new(id, name.clone(), from, to);
    let index = p.conduits.len();
    Ok(selecting(
        format!("Add conduit {name}"),
        Edit::AddConduit { index, conduit },
        [ElementRef::Conduit(id)],
    ))
}

fn move_zones(p: &Project, ids: &[ZoneId], dx: f32, dy: f32) -> Result<Plan, NoPlan> {
    let edits: Vec<Edit> = ids
        .iter()
        .filter_map(|id| p.zone(*id))
        .map(|z| {
            let mut rect = z.rect;
            rect.x = (rect.x + dx).round();
            rect.y = (rect.y + dy).round();
            Edit::SetZoneRect { id: z.id, rect }
        })
        .collect();
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    let label = match ids {
        [one] => format!("Move zone {}", p.element_name(ElementRef::Zone(*one))),
        _ => format!("Move {}", crate::count_of(edits.len(), "zone", "zones")),
    };
    Ok(keep_selection(label, Edit::Batch(edits)))
}

fn move_asset(p: &Project, id: AssetId, to: AssetParent, index: usize) -> Result<Plan, NoPlan> {
    let (_, from) = p.asset(id).ok_or(NoPlan::Nothing)?;
    let name = p.element_name(ElementRef::Asset(id));
    let target = match to {
        AssetParent::Zone(z) => p.zone(z).map(|_| ElementRef::Zone(z)),
        AssetParent::Conduit(c) => p.conduit(c).map(|_| ElementRef::Conduit(c)),
    }
    .map(|e| p.element_name(e))
    .ok_or(NoPlan::Nothing)?;
    let moved = Edit::MoveAsset { id, to, index };
    let edit = match to {
        AssetParent::Zone(z) if from != to => match p.zone(z) {
            Some(zone) => with_growth(moved, zone, zone.assets.len() + 1),
            None => moved,
        },
        _ => moved,
    };
    Ok(keep_selection(
        format!("Move asset {name} to {target}"),
        edit,
    ))
}

fn zones_in(selection: &Selection) -> Vec<ZoneId> {
    selection
        .iter()
        .filter_map(|e| match e {
            ElementRef::Zone(z) => Some(*z),
            _ => None,
        })
        .collect()
}

fn delete_selection(p: &Project, selection: &Selection) -> Result<Plan, NoPlan> {
    let zones: Vec<ZoneId> = zones_in(selection)
        .into_iter()
        .filter(|z| p.zone(*z).is_some())
        .collect();
    let mut edits = Vec::new();
    // conduits first (those attached to deleted zones go with the zone), then assets, then zones
    for e in selection {
        if let ElementRef::Conduit(id) = e
            && let Some(c) = p.conduit(*id)
            && !zones.contains(&c.from)
            && !zones.contains(&c.to)
        {
            edits.push(Edit::RemoveConduit { id: *id });
        }
    }
    for e in selection {
        if let ElementRef::Asset(id) = e
            && let Some((_, parent)) = p.asset(*id)
        {
            let in_deleted_zone = matches!(parent, AssetParent::Zone(z) if zones.contains(&z));
            let on_deleted_conduit = matches!(parent, AssetParent::Conduit(c)
                if selection.contains(&ElementRef::Conduit(c)) || p.conduit(c).is_some_and(|c| zones.contains(&c.from) || zones.contains(&c.to)));
            if !in_deleted_zone && !on_deleted_conduit {
                edits.push(Edit::RemoveAsset { id: *id });
            }
        }
    }
    for z in &zones {
        edits.push(Edit::RemoveZone { id: *z });
    }
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    let label = match selection.iter().next() {
        Some(e) if selection.len() == 1 => {
            let kind = match e {
                ElementRef::Zone(_) => "zone",
                ElementRef::Conduit(_) => "conduit",
                ElementRef::Asset(_) => "asset",
                ElementRef::Project => "",
            };
            format!("Delete {kind} {}", p.element_name(*e))
        }
        _ => format!(
            "Delete {}",
            crate::count_of(selection.len(), "item", "items")
        ),
    };
    Ok(selecting(label, Edit::Batch(edits), []))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod traffic_tests;
