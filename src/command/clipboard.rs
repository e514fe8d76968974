//! Copy, cut, paste and duplicate, without egui: the clipboard fragment ([`Clip`], RON text
//! headed `ZonewrightClip(`), read with the project file's limits, and the planning that puts
//! copies into a project with fresh ids, unique names and tags, and a place of their own.

use super::tags::{TagCounter, prefix_for};
use super::{NameSet, NoPlan, Plan, Selection, grown_rect, selecting};
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::file::limits;
use crate::model::{
    Asset, AssetId, AssetParent, Conduit, ConduitId, ElementRef, Project, Rect, Zone, ZoneId,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The version written into clips; newer ones are refused with a message.
pub const CLIP_VERSION: u32 = 1;
/// What clipboard text starts with.
pub const CLIP_HEADER: &str = "ZonewrightClip";
/// Room left between a copy and the zones around it.
const GAP: f32 = 40.0;

/// Zones (with their assets), loose assets and the conduits between copied zones, as they
/// travel through the system clipboard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ZonewrightClip", deny_unknown_fields)]
pub struct Clip {
    pub version: u32,
    #[serde(default, deserialize_with = "limits::zones")]
    pub zones: Vec<Zone>,
    /// Assets copied without their zone (they go into the zone pasted into).
    #[serde(default, deserialize_with = "limits::zone_assets")]
    pub assets: Vec<Asset>,
    /// Only conduits whose both ends are among `zones`.
    #[serde(default, deserialize_with = "limits::conduits")]
    pub conduits: Vec<Conduit>,
}

impl Clip {
    /// The selected zones with their assets, the selected assets outside them and the selected
    /// conduits whose both ends are selected. Also says how many selected conduits were left
    /// out (an end not copied).
    pub fn of_selection(p: &Project, selection: &Selection) -> (Clip, usize) {
        let mut clip = Clip {
            version: CLIP_VERSION,
            ..Clip::default()
        };
        let zone_selected = |id: ZoneId| selection.contains(&ElementRef::Zone(id));
        let mut left_out = 0;
        for e in selection {
            match *e {
                ElementRef::Zone(id) => clip.zones.extend(p.zone(id).cloned()),
                ElementRef::Asset(id) => match p.asset(id) {
                    Some((_, AssetParent::Zone(z))) if zone_selected(z) => {}
                    Some((_, AssetParent::Conduit(c))) if conduit_copied(p, selection, c) => {}
                    Some((a, _)) => clip.assets.push(a.clone()),
                    None => {}
                },
                ElementRef::Conduit(id) => match p.conduit(id) {
                    Some(c) if zone_selected(c.from) && zone_selected(c.to) => {
                        clip.conduits.push(c.clone());
                    }
                    Some(_) => left_out += 1,
                    None => {}
                },
                ElementRef::Project => {}
            }
        }
        // a threat source picked from this project's list travels as text too: the project
        // pasted into may list it under another id, or not at all
        let risks = clip
            .zones
            .iter_mut()
            .map(|z| &mut z.risk)
            .chain(clip.conduits.iter_mut().map(|c| &mut c.risk));
        for s in risks.flat_map(|r| r.scenarios.iter_mut()) {
            if let Some(t) = p.risk.threat_source(s.source) {
                if s.threat_source.trim().is_empty() {
                    s.threat_source = t.source.clone();
                }
                if s.source_capability.trim().is_empty() {
                    s.source_capability = t.capability.clone();
                }
            }
        }
        (clip, left_out)
    }

    pub fn is_empty(&self) -> bool {
        self.zones.is_empty() && self.assets.is_empty() && self.conduits.is_empty()
    }

    /// What the clip holds: "2 zones, 5 assets, 1 conduit".
    pub fn summary(&self) -> String {
        let assets = self.zones.iter().map(|z| z.assets.len()).sum::<usize>()
            + self.assets.len()
            + self.conduits.iter().map(|c| c.devices.len()).sum::<usize>();
        let mut parts = Vec::new();
        if !self.zones.is_empty() {
            parts.push(crate::count_of(self.zones.len(), "zone", "zones"));
        }
        if assets > 0 {
            parts.push(crate::count_of(assets, "asset", "assets"));
        }
        if !self.conduits.is_empty() {
            parts.push(crate::count_of(self.conduits.len(), "conduit", "conduits"));
        }
        parts.join(", ")
    }

    /// The clipboard text: `ZonewrightClip(version: 1, zones: [...], ...)`.
    pub(crate) fn to_text(&self) -> Result<String, String> {
        let config = ron::ser::PrettyConfig::new()
            .indentor("  ".to_owned())
            .struct_names(false);
        let body = ron::ser::to_string_pretty(self, config).map_err(|e| e.to_string())?;
        Ok(format!("{CLIP_HEADER}{body}"))
    }

    /// Reads clipboard text. Text that is not a clip, too large, malformed or from a newer
    /// version gives a message for the status line; the limits are the project file's.
    pub fn parse(text: &str) -> Result<Clip, String> {
        if text.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(format!(
                "The clipboard text is {} MB, more than any zonewright project; nothing pasted.",
                text.len() / (1024 * 1024)
            ));
        }
        let text = text.trim_start_matches('\u{FEFF}').trim();
        let Some(rest) = text.strip_prefix(CLIP_HEADER) else {
            return Err("The clipboard holds no zonewright zones, assets or conduits.".into());
        };
        if !rest.trim_start().starts_with('(') {
            return Err("The clipboard holds no zonewright zones, assets or conduits.".into());
        }
        let clip: Clip = limits::reading(|| crate::file::ron_options().from_str::<Clip>(text))
            .map_err(|e| {
                format!(
                    "The copied elements cannot be read (line {}, column {}: {}); nothing pasted.",
                    e.span.start.line,
                    e.span.start.col,
                    first_line(&e.code.to_string())
                )
            })?;
        if clip.version > CLIP_VERSION {
            return Err(format!(
                "The elements were copied from a newer zonewright (clip version {}); nothing pasted.",
                clip.version
            ));
        }
        clip.validate()?;
        Ok(clip)
    }

    /// The file's checks, run on the clip's elements as if they were a project.
    fn validate(&self) -> Result<(), String> {
        // threat scenarios are rated on the target project's matrix (see `fit_risk`)
        let mut p = Project {
            zones: self.zones.clone(),
            conduits: self.conduits.clone(),
            ..Project::default()
        };
        for z in &mut p.zones {
            z.risk.scenarios.clear();
        }
        for c in &mut p.conduits {
            c.risk.scenarios.clear();
        }
        if !self.assets.is_empty() {
            let id = p.next_zone_id();
            let mut holder = Zone::new(
                id,
                "",
                crate::model::ZoneKind::Control,
                Rect::new(0.0, 0.0, 1.0, 1.0),
            );
            holder.assets = self.assets.clone();
            p.zones.push(holder);
        }
        crate::file::validate(&p)
            .map_err(|e| format!("The copied elements are not valid ({e}); nothing pasted."))
    }
}

/// Whether the conduit goes into the clip: selected, with both its zones.
fn conduit_copied(p: &Project, selection: &Selection, c: ConduitId) -> bool {
    selection.contains(&ElementRef::Conduit(c))
        && p.conduit(c).is_some_and(|c| {
            selection.contains(&ElementRef::Zone(c.from))
                && selection.contains(&ElementRef::Zone(c.to))
        })
}

fn first_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(160)
        .collect()
}

/// Where the copied zones go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    /// Their common middle at this scene point (the pointer).
    At((f32, f32)),
    /// The first place right of where they were that overlaps no zone.
    Beside,
}

/// Scene rectangle of all of `zones`.
fn bounds(zones: &[Zone]) -> Option<Rect> {
    zones.iter().map(|z| z.rect).reduce(|a, b| a.union(&b))
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// The offset that moves `r` to the first place right of it (by at least [`GAP`]) where it
/// keeps [`GAP`] from every rectangle of `others`.
pub(crate) fn free_offset_right(r: &Rect, others: &[Rect]) -> (f32, f32) {
    let mut x = r.x + r.w + GAP;
    // each step jumps past one blocking rectangle, so this ends after at most `others.len()`
    for _ in 0..=others.len() {
        let candidate = Rect::new(x - GAP, r.y - GAP, r.w + 2.0 * GAP, r.h + 2.0 * GAP);
        match others
            .iter()
            .filter(|o| overlaps(&candidate, o))
            .map(|o| o.x + o.w)
            .reduce(f32::max)
        {
            Some(right) => x = (right + GAP).max(x + 1.0),
            None => break,
        }
    }
    ((x - r.x).round(), 0.0)
}

/// Hands out ids, names and tags that are free in the project and among the copies.
struct Fresh<'a> {
    catalog: &'a Catalog,
    next_zone: u32,
    next_asset: u32,
    next_conduit: u32,
    zone_names: NameSet,
    asset_names: NameSet,
    conduit_names: NameSet,
    tags: TagCounter,
    assets_map: HashMap<AssetId, AssetId>,
}

impl<'a> Fresh<'a> {
    fn new(p: &Project, catalog: &'a Catalog) -> Self {
        Fresh {
            catalog,
            next_zone: p.next_zone_id().0,
            next_asset: p.next_asset_id().0,
            next_conduit: p.next_conduit_id().0,
            zone_names: NameSet::new(p.zones.iter().map(|z| z.name.as_str())),
            asset_names: NameSet::new(p.all_assets().map(|(a, _)| a.name.as_str())),
            conduit_names: NameSet::new(p.conduits.iter().map(|c| c.name.as_str())),
            tags: TagCounter::of(p),
            assets_map: HashMap::new(),
        }
    }

    fn asset(&mut self, a: &Asset) -> Asset {
        let mut copy = a.clone();
        copy.id = AssetId(self.next_asset);
        self.next_asset = self.next_asset.saturating_add(1);
        self.assets_map.insert(a.id, copy.id);
        copy.name = self.asset_names.unique(&a.name);
        let prefix = prefix_for(self.catalog, &a.component);
        copy.tag = self.tags.keep_or_next(&a.tag, &prefix);
        copy
    }

    fn zone(&mut self, z: &Zone) -> Zone {
        let mut copy = z.clone();
        copy.id = ZoneId(self.next_zone);
        self.next_zone = self.next_zone.saturating_add(1);
        copy.name = self.zone_names.unique(&z.name);
        copy.assets = z.assets.iter().map(|a| self.asset(a)).collect();
        copy
    }

    fn conduit(&mut self, c: &Conduit, from: ZoneId, to: ZoneId) -> Conduit {
        let mut copy = c.clone();
        copy.id = ConduitId(self.next_conduit);
        self.next_conduit = self.next_conduit.saturating_add(1);
        copy.from = from;
        copy.to = to;
        copy.name = self.conduit_names.unique(&c.name);
        copy.devices = c.devices.iter().map(|a| self.asset(a)).collect();
        copy
    }

    /// Threat scenarios name affected assets by id: point them at the copies, drop the others.
    /// Their ratings are kept within the target's risk matrix (a clip from a project with
    /// larger scales).
    /// A picked threat source becomes the target's source of the same name, else the pick is
    /// dropped (its text stays in the scenario, see [`Clip::of_selection`]).
    fn remap_risk(&self, risk: &mut crate::model::ElementRisk, target: &crate::model::ProjectRisk) {
        let m = &target.matrix;
        let fit = |r: &mut u8, steps: usize| *r = (*r).min(u8::try_from(steps).unwrap_or(u8::MAX));
        for s in &mut risk.scenarios {
            if s.source != 0 {
                let words = |x: &str| -> Vec<String> {
                    x.split_whitespace().map(str::to_lowercase).collect()
                };
                let name = words(&s.threat_source);
                s.source = target
                    .threat_sources
                    .iter()
                    .find(|t| !name.is_empty() && words(&t.source) == name)
                    .map_or(0, |t| t.id);
            }
            fit(&mut s.likelihood, m.likelihood.len());
            fit(&mut s.residual_likelihood, m.likelihood.len());
            for ranks in [&mut s.consequence, &mut s.residual_consequence] {
                ranks.truncate(m.categories.len());
                ranks.iter_mut().for_each(|r| fit(r, m.consequence.len()));
            }
            s.affected_assets = s
                .affected_assets
                .iter()
                .filter_map(|a| self.assets_map.get(a).copied())
                .collect();
        }
    }
}

/// Copies of `zones` (placed), of the `loose` assets (into their target) and of the conduits
/// between copied zones, as one edit with the copies selected.
fn insert_copies(
    p: &Project,
    catalog: &Catalog,
    zones: &[Zone],
    loose: &[(Asset, AssetParent)],
    conduits: &[Conduit],
    placement: Placement,
    label: String,
) -> Result<Plan, NoPlan> {
    let mut fresh = Fresh::new(p, catalog);
    let (dx, dy) = match (bounds(zones), placement) {
        (None, _) => (0.0, 0.0),
        (Some(b), Placement::At((x, y))) => {
            let (cx, cy) = b.center();
            ((x - cx).round(), (y - cy).round())
        }
        (Some(b), Placement::Beside) => {
            let others: Vec<Rect> = p.zones.iter().map(|z| z.rect).collect();
            free_offset_right(&b, &others)
        }
    };
    let mut edits = Vec::new();
    let mut selected = Vec::new();
    let mut zone_map: HashMap<ZoneId, ZoneId> = HashMap::new();
    let mut new_zones = Vec::new();
    for z in zones {
        let mut copy = fresh.zone(z);
        copy.rect.x = (copy.rect.x + dx).round();
        copy.rect.y = (copy.rect.y + dy).round();
        zone_map.entry(z.id).or_insert(copy.id);
        selected.push(ElementRef::Zone(copy.id));
        new_zones.push(copy);
    }
    // loose assets, grouped by where they go (a zone grows once to hold them all)
    let mut into: Vec<(AssetParent, Vec<Asset>)> = Vec::new();
    for (a, parent) in loose {
        let copy = fresh.asset(a);
        selected.push(ElementRef::Asset(copy.id));
        match into.iter_mut().find(|(q, _)| q == parent) {
            Some((_, list)) => list.push(copy),
            None => into.push((*parent, vec![copy])),
        }
    }
    for z in &mut new_zones {
        fresh.remap_risk(&mut z.risk, &p.risk);
    }
    for z in new_zones {
        edits.push(Edit::AddZone {
            index: usize::MAX,
            zone: z,
        });
    }
    for (parent, assets) in into {
        let count = assets.len();
        for asset in assets {
            edits.push(Edit::AddAsset {
                parent,
                index: usize::MAX,
                asset,
            });
        }
        if let AssetParent::Zone(zid) = parent
            && let Some(target) = p.zone(zid)
            && let Some(rect) = grown_rect(target, target.assets.len() + count)
        {
            edits.push(Edit::SetZoneRect { id: zid, rect });
        }
    }
    for c in conduits {
        if let (Some(from), Some(to)) = (zone_map.get(&c.from), zone_map.get(&c.to)) {
            let mut copy = fresh.conduit(c, *from, *to);
            fresh.remap_risk(&mut copy.risk, &p.risk);
            selected.push(ElementRef::Conduit(copy.id));
            edits.push(Edit::AddConduit {
                index: usize::MAX,
                conduit: copy,
            });
        }
    }
    if edits.is_empty() {
        return Err(NoPlan::Nothing);
    }
    Ok(selecting(label, Edit::Batch(edits), selected))
}

/// Pastes `clip`: zones at `placement`, loose assets into `into` (else into the first pasted
/// zone), conduits between pasted zones. One undo step "Paste 2 zones, 5 assets".
pub fn paste(
    p: &Project,
    catalog: &Catalog,
    clip: &Clip,
    placement: Placement,
    into: Option<ZoneId>,
) -> Result<Plan, NoPlan> {
    if clip.is_empty() {
        return Err(NoPlan::Refused(
            "The clipboard holds nothing to paste.".into(),
        ));
    }
    let total = p.zones.len() + p.conduits.len() + p.asset_count();
    let added = clip.zones.len()
        + clip.conduits.len()
        + clip.assets.len()
        + clip.zones.iter().map(|z| z.assets.len()).sum::<usize>()
        + clip.conduits.iter().map(|c| c.devices.len()).sum::<usize>();
    if total.saturating_add(added) > limits::MAX_ELEMENTS {
        return Err(NoPlan::Refused(format!(
            "Pasting would make more than {} zones, conduits and assets; nothing pasted.",
            limits::MAX_ELEMENTS
        )));
    }
    let mut zones = clip.zones.clone();
    let mut loose = Vec::new();
    if !clip.assets.is_empty() {
        match into.filter(|z| p.zone(*z).is_some()) {
            Some(z) => loose.extend(
                clip.assets
                    .iter()
                    .map(|a| (a.clone(), AssetParent::Zone(z))),
            ),
            None => match zones.first_mut() {
                // assets copied beside zones go into the first of them
                Some(first) => first.assets.extend(clip.assets.iter().cloned()),
                None => {
                    return Err(NoPlan::Refused(
                        "Select a zone (or point at one) to paste the assets into.".into(),
                    ));
                }
            },
        }
    }
    let label = format!("Paste {}", clip.summary());
    insert_copies(p, catalog, &zones, &loose, &clip.conduits, placement, label)
}

/// Duplicates the selection: zones beside themselves where nothing overlaps, assets in their
/// own zone or conduit, conduits between duplicated zones.
pub(super) fn duplicate(
    p: &Project,
    catalog: &Catalog,
    selection: &Selection,
) -> Result<Plan, NoPlan> {
    let (clip, _) = Clip::of_selection(p, selection);
    let loose: Vec<(Asset, AssetParent)> = clip
        .assets
        .iter()
        .filter_map(|a| p.asset(a.id).map(|(_, parent)| (a.clone(), parent)))
        .collect();
    if clip.zones.is_empty() && loose.is_empty() {
        return Err(NoPlan::Refused(
            "Select zones or assets to duplicate.".into(),
        ));
    }
    let label = format!("Duplicate {}", clip.summary());
    insert_copies(
        p,
        catalog,
        &clip.zones,
        &loose,
        &clip.conduits,
        Placement::Beside,
        label,
    )
}

/// Deletes the selection as one undo step named "Cut …" (the UI has copied it first).
pub(super) fn cut(p: &Project, selection: &Selection) -> Result<Plan, NoPlan> {
    let (clip, _) = Clip::of_selection(p, selection);
    let mut plan = super::delete_selection(p, selection)?;
    plan.label = if clip.is_empty() {
        plan.label.replacen("Delete", "Cut", 1)
    } else {
        format!("Cut {}", clip.summary())
    };
    Ok(plan)
}

#[cfg(test)]
#[path = "clipboard_tests.rs"]
mod tests;
