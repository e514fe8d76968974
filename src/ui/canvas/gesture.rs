//! Canvas gestures as a state machine over scene positions: what a press, drag and release
//! on a zone, its border, its connector, an asset chip or the background starts, shows while
//! it lasts and turns into when it ends — one [`Intent`] per gesture (one undo step per drag).
//! Pure functions of positions, the project and the tool: tested without egui painting.

use super::guides::{self, Guide};
use super::hit::zone_at;
use crate::command::Action;
use crate::command::arrange::{self, Sides};
use crate::model::{
    AssetId, AssetParent, ConduitId, ElementRef, Project, Rect, ZoneId, layout, purdue,
};
use crate::ui::Intent;
use crate::ui::palette::{PalettePayload, Tool};
use egui::{Pos2, Vec2};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Edges {
    pub left: bool,
    pub right: bool,
    pub top: bool,
    pub bottom: bool,
}

impl Edges {
    pub(crate) fn sides(self) -> Sides {
        Sides {
            left: self.left,
            right: self.right,
            top: self.top,
            bottom: self.bottom,
        }
    }

    pub fn any(self) -> bool {
        self.left || self.right || self.top || self.bottom
    }

    pub(crate) fn cursor(self) -> egui::CursorIcon {
        use egui::CursorIcon as C;
        match (self.left || self.right, self.top || self.bottom) {
            (true, true) if (self.left && self.top) || (self.right && self.bottom) => C::ResizeNwSe,
            (true, true) => C::ResizeNeSw,
            (true, false) => C::ResizeHorizontal,
            (false, true) => C::ResizeVertical,
            _ => C::Default,
        }
    }
}

/// A gesture in progress. Nothing in the project changes until it ends.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) enum Gesture {
    #[default]
    None,
    MoveZones {
        ids: Vec<ZoneId>,
        grabbed: ZoneId,
        start: Pos2,
        /// The pointer as snapped (grid or guides).
        now: Pos2,
        /// The alignment guides shown (vertical, horizontal).
        guides: [Option<Guide>; 2],
    },
    Resize {
        id: ZoneId,
        edges: Edges,
        start: Pos2,
        now: Pos2,
    },
    MoveAsset {
        id: AssetId,
        now: Pos2,
    },
    Connect {
        from: ZoneId,
        now: Pos2,
    },
    RubberBand {
        start: Pos2,
        now: Pos2,
    },
}

/// The zone rectangle as shown this frame (moved or resized by a gesture in progress).
pub(super) fn displayed_rect(gesture: &Gesture, id: ZoneId, rect: &Rect) -> Rect {
    match gesture {
        Gesture::MoveZones {
            ids, start, now, ..
        } if ids.contains(&id) => Rect::new(
            rect.x + now.x - start.x,
            rect.y + now.y - start.y,
            rect.w,
            rect.h,
        ),
        Gesture::Resize {
            id: rid,
            edges,
            start,
            now,
        } if *rid == id => resized(rect, *edges, *now - *start),
        _ => *rect,
    }
}

pub(super) fn resized(r: &Rect, e: Edges, d: Vec2) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    if e.left {
        x0 = (x0 + d.x).min(x1 - layout::MIN_ZONE_W);
    }
    if e.right {
        x1 = (x1 + d.x).max(x0 + layout::MIN_ZONE_W);
    }
    if e.top {
        y0 = (y0 + d.y).min(y1 - layout::MIN_ZONE_H);
    }
    if e.bottom {
        y1 = (y1 + d.y).max(y0 + layout::MIN_ZONE_H);
    }
    Rect::new(x0.round(), y0.round(), (x1 - x0).round(), (y1 - y0).round())
}

pub(super) fn edges_at(r: &Rect, p: Pos2, grab: f32) -> Edges {
    let inside_x = p.x >= r.x - grab && p.x <= r.x + r.w + grab;
    let inside_y = p.y >= r.y - grab && p.y <= r.y + r.h + grab;
    Edges {
        left: inside_y && (p.x - r.x).abs() <= grab,
        right: inside_y && (p.x - (r.x + r.w)).abs() <= grab,
        top: inside_x && (p.y - r.y).abs() <= grab,
        bottom: inside_x && (p.y - (r.y + r.h)).abs() <= grab,
    }
}

/// A click on an element with the select tool: shift toggles it, a plain click selects it
/// alone (a click on what is already selected keeps the selection, for dragging it).
pub(super) fn click_intent(e: ElementRef, selected: bool, shift: bool) -> Option<Intent> {
    if shift {
        Some(Intent::ToggleSelect(e))
    } else if !selected {
        Some(Intent::Select(vec![e]))
    } else {
        None
    }
}

/// A click on zone `zone`: with the conduit tool the first click picks the first zone and
/// the second creates the conduit; with the select tool, as [`click_intent`]. Returns the
/// intent and the tool after the click.
pub(super) fn zone_click(
    tool: Tool,
    zone: ZoneId,
    selected: bool,
    shift: bool,
) -> (Option<Intent>, Option<Tool>) {
    match tool {
        Tool::Conduit { first: None } => (None, Some(Tool::Conduit { first: Some(zone) })),
        Tool::Conduit { first: Some(first) } if first != zone => (
            Some(Intent::Act(Action::CreateConduit {
                from: first,
                to: zone,
            })),
            Some(Tool::Select),
        ),
        Tool::Conduit { .. } => (None, None),
        Tool::Select => (click_intent(ElementRef::Zone(zone), selected, shift), None),
    }
}

/// A drag that starts at `p` on zone `zone` (its stored rectangle `rect`): near the border it
/// resizes, elsewhere it moves the zone — with the rest of the selection when the zone is
/// selected, else alone (and selects it). `grab` is the border width in scene units.
pub(super) fn zone_drag_start(
    zone: ZoneId,
    rect: &Rect,
    p: Pos2,
    grab: f32,
    selected: bool,
    selection: &BTreeSet<ElementRef>,
) -> (Gesture, Option<Intent>) {
    let e = edges_at(rect, p, grab);
    if e.any() {
        return (
            Gesture::Resize {
                id: zone,
                edges: e,
                start: p,
                now: p,
            },
            None,
        );
    }
    let (ids, intent) = if selected {
        let ids = selection
            .iter()
            .filter_map(|e| match e {
                ElementRef::Zone(id) => Some(*id),
                _ => None,
            })
            .collect();
        (ids, None)
    } else {
        (
            vec![zone],
            Some(Intent::Select(vec![ElementRef::Zone(zone)])),
        )
    };
    (
        Gesture::MoveZones {
            ids,
            grabbed: zone,
            start: p,
            now: p,
            guides: [None, None],
        },
        intent,
    )
}

/// Zones released at `p` after a move that began at `start`: a move of half a unit or more.
pub(super) fn move_zones_end(ids: &[ZoneId], start: Pos2, p: Pos2) -> Option<Intent> {
    let (dx, dy) = (p.x - start.x, p.y - start.y);
    (dx.abs() >= 0.5 || dy.abs() >= 0.5).then(|| {
        Intent::Act(Action::MoveZones {
            ids: ids.to_vec(),
            dx,
            dy,
        })
    })
}

/// A border released at `p` after a resize that began at `start`: the new rectangle, if it
/// changed.
pub(super) fn resize_end(
    id: ZoneId,
    rect: &Rect,
    edges: Edges,
    start: Pos2,
    p: Pos2,
) -> Option<Intent> {
    let r = resized(rect, edges, p - start);
    (r != *rect).then_some(Intent::Act(Action::ResizeZone { id, rect: r }))
}

/// The connector of zone `from` released at `now`: a conduit to the zone there, or a hint.
pub(super) fn connect_end(zone_rects: &[(ZoneId, Rect)], from: ZoneId, now: Pos2) -> Intent {
    match zone_at(zone_rects, now) {
        Some(to) if to != from => Intent::Act(Action::CreateConduit { from, to }),
        _ => Intent::Status("Release the connector over another zone to create a conduit.".into()),
    }
}

/// Asset `id` dropped at `now`: onto a conduit label (as its last device), into a zone (at the
/// chip slot under the pointer), or nowhere (a hint). `conduit_labels` and `zone_rects` are
/// as shown this frame, zones in drawing order.
pub(super) fn asset_drop(
    project: &Project,
    conduit_labels: &[(ConduitId, egui::Rect)],
    zone_rects: &[(ZoneId, Rect)],
    id: AssetId,
    now: Pos2,
) -> Intent {
    let on_conduit = conduit_labels
        .iter()
        .find(|(_, r)| r.expand(6.0).contains(now))
        .map(|(c, _)| *c);
    if let Some(c) = on_conduit {
        let index = project.conduit(c).map_or(0, |c| c.devices.len());
        Intent::Act(Action::MoveAsset {
            id,
            to: AssetParent::Conduit(c),
            index,
        })
    } else if let Some(zone) = zone_at(zone_rects, now) {
        let (rect, count) = project
            .zone(zone)
            .map_or((Rect::new(0.0, 0.0, 1.0, 1.0), 0), |z| {
                (z.rect, z.assets.len())
            });
        Intent::Act(Action::MoveAsset {
            id,
            to: AssetParent::Zone(zone),
            index: layout::drop_index(&rect, count, now.x, now.y),
        })
    } else {
        Intent::Status(
            "Drop the asset into a zone, or onto a conduit's label to make it a conduit device."
                .into(),
        )
    }
}

/// The pointer of a zone drag updated to `p`: snapped to the other zones' edges and centres
/// within `tolerance` scene units, else to the grid when `grid` is on.
pub(super) fn zones_dragged_to(
    project: &Project,
    ids: &[ZoneId],
    grabbed: ZoneId,
    start: Pos2,
    p: Pos2,
    tolerance: f32,
    grid: bool,
) -> Gesture {
    let others: Vec<Rect> = project
        .zones
        .iter()
        .filter(|z| !ids.contains(&z.id))
        .map(|z| z.rect)
        .collect();
    let (now, guides) = match project.zone(grabbed) {
        Some(z) => {
            let (d, guides) = guides::snapped_move(&z.rect, &others, p - start, tolerance, grid);
            (start + d, guides)
        }
        None => (p, [None, None]),
    };
    Gesture::MoveZones {
        ids: ids.to_vec(),
        grabbed,
        start,
        now,
        guides,
    }
}

/// The pointer of a resize of `rect` updated to `p`, on the grid when `grid` is on.
pub(super) fn resize_pointer(rect: &Rect, edges: Edges, start: Pos2, p: Pos2, grid: bool) -> Pos2 {
    if grid {
        guides::snapped_resize_pointer(rect, edges.sides(), start, p)
    } else {
        p
    }
}

/// A palette item released at `p` over zone `target` (if any): a new zone there (its corner
/// on the grid when `grid` is on), or a new asset at the end of the zone.
pub(super) fn palette_drop(
    project: &Project,
    payload: &PalettePayload,
    target: Option<ZoneId>,
    p: Pos2,
    grid: bool,
) -> Intent {
    match payload {
        PalettePayload::Zone(kind) => {
            let (w, h) = layout::zone_size_for(4, 2);
            // with Purdue bands shown, the zone goes into its level's band
            let mut p = p;
            if project.meta.purdue_bands
                && let Some(y) = purdue::centre_y_in_band(&purdue::bands(project), *kind, h, p.y)
            {
                p.y = y;
            }
            let (half_w, half_h) = ((w / 2.0).round(), (h / 2.0).round());
            let center = if grid {
                (
                    arrange::snap(p.x - half_w) + half_w,
                    arrange::snap(p.y - half_h) + half_h,
                )
            } else {
                (p.x, p.y)
            };
            Intent::Act(Action::CreateZone {
                kind: *kind,
                center,
            })
        }
        PalettePayload::Component(c) => match target {
            Some(zone) => Intent::Act(Action::CreateAsset {
                zone,
                component: c.clone(),
                index: project.zone(zone).map_or(0, |z| z.assets.len()),
            }),
            None => Intent::Status(
                "Drop components into a zone: every asset belongs to a zone (ZCR 3).".to_owned(),
            ),
        },
    }
}

#[cfg(test)]
#[path = "gesture_tests.rs"]
mod tests;
