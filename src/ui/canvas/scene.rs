//! One frame of the canvas's items: each zone, asset chip, conduit label and connector gets
//! its hit area (`ui.interact`), its response feeds the gesture state machine
//! ([`super::gesture`]), and — when the retained drawing is stale — its shapes are painted
//! ([`super::paint`]). Gesture previews are drawn here too.

use super::bands;
use super::gesture::{self, Gesture, displayed_rect, edges_at};
use super::paint::{self, Geometry, Greys, Text, draw_chip};
use super::{EDGE_GRAB, GUIDE_SNAP, chip_text_zoom, risk_badge, to_egui};
use crate::catalog::Catalog;
use crate::model::{ConduitId, Direction, ElementRef, Rect, ZoneId, layout};
use crate::ui::palette::Tool;
use crate::ui::{Document, Intent, theme};
use egui::emath::TSTransform;
use egui::{Color32, CornerRadius, Pos2, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::collections::BTreeSet;

/// Everything the drawing code needs for one frame, borrowed from the view and the canvas state.
pub(super) struct Frame<'a> {
    pub doc: &'a Document,
    /// Zones shown with every chip (a view setting): drawn grown to hold them, on top.
    pub expanded: &'a std::collections::BTreeSet<ZoneId>,
    pub catalog: &'a Catalog,
    pub selection: &'a BTreeSet<ElementRef>,
    pub tool: Tool,
    pub gesture: &'a Gesture,
    pub zoom: f32,
    pub label_scale: f32,
    /// Draw observed traffic between zones without a conduit (View menu).
    pub traffic_lines: bool,
    pub dark: bool,
    /// Whether moves, resizes and new zones snap to the grid (the setting, Alt not held).
    pub snap: bool,
    /// Alt is held: a dragged zone goes exactly where the pointer takes it (no guides either).
    pub free: bool,
    /// The view is being panned by hand (middle or right button, Space + drag): no element
    /// starts a gesture.
    pub hand_pan: bool,
    /// Whether to draw the static drawing this frame (false: the retained one is reused and
    /// only interactions and overlays run).
    pub paint: bool,
    /// What to draw or interact with, in scene coordinates.
    pub region: egui::Rect,
    /// Conduit label rectangles of the retained drawing, when not painting.
    pub labels: &'a [Option<egui::Rect>],
    /// Hover effects drawn every frame above the drawing, in screen coordinates.
    pub overlay: egui::Painter,
}

/// Results of the frame's interactions.
#[derive(Default)]
pub(super) struct Outcome {
    pub intents: Vec<Intent>,
    pub gesture: Option<Gesture>,
    pub end_gesture: bool,
    pub tool: Option<Tool>,
    pub hovered_item: bool,
    /// The element under the pointer (the topmost: a chip over its zone).
    pub hovered: Option<ElementRef>,
    /// Screen rects of conduit labels, for dropping devices onto conduits.
    pub conduit_labels: Vec<(ConduitId, egui::Rect)>,
    pub zone_rects: Vec<(ZoneId, Rect)>,
    /// Conduit label rectangles by conduit index, when painting.
    pub labels: Vec<Option<egui::Rect>>,
}

pub(super) fn press_origin_in_scene(ui: &egui::Ui, to_screen: &TSTransform) -> Option<Pos2> {
    ui.input(|i| i.pointer.press_origin())
        .map(|p| to_screen.inverse() * p)
}

pub(super) fn pointer_in_scene(ui: &egui::Ui, to_screen: &TSTransform) -> Option<Pos2> {
    ui.input(|i| i.pointer.latest_pos())
        .map(|p| to_screen.inverse() * p)
}

/// The hit area of a canvas item, announced to accessibility tools (and tests) as a button.
pub(super) fn item_ui(
    ui: &egui::Ui,
    rect: egui::Rect,
    id: egui::Id,
    sense: Sense,
    label: impl Fn() -> String,
) -> egui::Response {
    let resp = ui.interact(rect, id, sense);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, label()));
    resp
}

pub(super) fn click_intent(
    resp: &egui::Response,
    e: ElementRef,
    selected: bool,
    out: &mut Outcome,
) {
    let shift = resp.ctx.input(|i| i.modifiers.shift);
    out.intents
        .extend(gesture::click_intent(e, selected, shift));
}

#[allow(clippy::too_many_lines)]
/// The tooltip over a conduit's control badges: the controls' names.
fn controls_hover_ui(
    ui: &mut egui::Ui,
    f: &Frame,
    c: &crate::model::Conduit,
    (p0, p1): (Pos2, Pos2),
    out: &mut Outcome,
) {
    let row = crate::model::badges::badge_row((p0.x, p0.y), (p1.x, p1.y), &c.controls);
    let Some(area) = row
        .iter()
        .map(|(r, _)| to_egui(r))
        .reduce(|a, b| a.union(b))
    else {
        return;
    };
    let id = egui::Id::new(("conduit-controls", c.id.0));
    let resp = item_ui(ui, area, id, Sense::click(), || {
        format!("Controls of conduit {}", c.name)
    });
    if resp.clicked() && f.tool == Tool::Select {
        let selected = f.selection.contains(&ElementRef::Conduit(c.id));
        click_intent(&resp, ElementRef::Conduit(c.id), selected, out);
    }
    if resp.hovered() {
        out.hovered_item = true;
        out.hovered = Some(ElementRef::Conduit(c.id));
        let names: Vec<String> = c
            .controls
            .iter()
            .map(|id| {
                let name = f
                    .catalog
                    .control(id)
                    .map_or(id.as_str(), |k| k.name.as_str());
                format!(
                    "{} — {}",
                    crate::model::badges::control_badge(id),
                    crate::model::text::visible(name)
                )
            })
            .collect();
        resp.on_hover_text(names.join("\n"));
    }
}

pub(super) fn draw_scene_ui(
    ui: &mut egui::Ui,
    f: &Frame,
    to_screen: &TSTransform,
    t: &Text,
) -> Outcome {
    let mut out = Outcome::default();
    let doc = f.doc;
    let project = &doc.project;
    let a = &doc.assessment;
    let visible = f.region;
    let zoom = f.zoom.max(1e-3);
    let painter = Geometry(t.sink);
    if f.paint {
        out.labels = vec![None; project.conduits.len()];
    }
    let Greys {
        text: text_color,
        chip_fill,
        ..
    } = Greys::of(f.dark);
    let pointer = pointer_in_scene(ui, to_screen);
    let ls = f.label_scale;
    let chip_zoom = chip_text_zoom(ls);

    if f.paint && project.meta.purdue_bands {
        bands::paint_bands(&painter, t, project, f.dark, ls);
    }

    // --- zones and their assets
    // the rectangles as displayed, in project order (conduits and drops look them up by
    // index): an expanded zone grown to hold every chip
    for z in &project.zones {
        let mut rect = displayed_rect(f.gesture, z.id, &z.rect);
        if f.expanded.contains(&z.id) {
            rect = layout::grown_to_hold(rect, z.assets.len());
        }
        out.zone_rects.push((z.id, rect));
    }
    // expanded zones are drawn last, over their neighbours
    let order: Vec<usize> = if f.expanded.is_empty() {
        (0..project.zones.len()).collect()
    } else {
        let (open, rest): (Vec<usize>, Vec<usize>) =
            (0..project.zones.len()).partition(|i| f.expanded.contains(&project.zones[*i].id));
        rest.into_iter().chain(open).collect()
    };
    for zi in order {
        let Some(z) = project.zones.get(zi) else {
            continue;
        };
        let rect = out.zone_rects[zi].1;
        let er = to_egui(&rect);
        if !visible.intersects(er.expand(20.0)) {
            continue;
        }
        let ea = a.zones.get(zi);
        let selected = f.selection.contains(&ElementRef::Zone(z.id));
        let zone_id = egui::Id::new(("zone", z.id.0));
        let resp = item_ui(ui, er, zone_id, Sense::click_and_drag(), || {
            format!("Zone {}", z.name)
        });
        if resp.hovered() {
            out.hovered_item = true;
            out.hovered = Some(ElementRef::Zone(z.id));
        }
        // resize cursor near the border
        if let Some(p) = pointer
            && (resp.hovered() || resp.dragged())
        {
            let e = edges_at(&rect, p, EDGE_GRAB / zoom);
            if e.any() {
                ui.ctx().set_cursor_icon(e.cursor());
            }
        }
        if resp.clicked() {
            let shift = ui.input(|i| i.modifiers.shift);
            let (intent, tool) = gesture::zone_click(f.tool, z.id, selected, shift);
            out.intents.extend(intent);
            if tool.is_some() {
                out.tool = tool;
            }
        }
        if resp.double_clicked() && f.tool == Tool::Select {
            out.intents
                .push(Intent::BeginRename(ElementRef::Zone(z.id)));
        }
        if resp.drag_started_by(egui::PointerButton::Primary)
            && !f.hand_pan
            && let Some(p) = press_origin_in_scene(ui, to_screen).or(pointer)
        {
            let (g, intent) =
                gesture::zone_drag_start(z.id, &z.rect, p, EDGE_GRAB / zoom, selected, f.selection);
            out.intents.extend(intent);
            out.gesture = Some(g);
        }
        match f.gesture {
            Gesture::MoveZones {
                ids,
                grabbed,
                start,
                ..
            } if *grabbed == z.id => {
                if let Some(p) = pointer {
                    if resp.drag_stopped() {
                        let g = gesture::zones_dragged_to(
                            project,
                            ids,
                            z.id,
                            *start,
                            p,
                            if f.free { 0.0 } else { GUIDE_SNAP / zoom },
                            f.snap,
                        );
                        let now = match g {
                            Gesture::MoveZones { now, .. } => now,
                            _ => p,
                        };
                        out.intents
                            .extend(gesture::move_zones_end(ids, *start, now));
                        out.end_gesture = true;
                    } else if resp.dragged() {
                        out.gesture = Some(gesture::zones_dragged_to(
                            project,
                            ids,
                            z.id,
                            *start,
                            p,
                            if f.free { 0.0 } else { GUIDE_SNAP / zoom },
                            f.snap,
                        ));
                    }
                }
            }
            Gesture::Resize {
                id, edges, start, ..
            } if *id == z.id => {
                if let Some(p) = pointer {
                    let p = gesture::resize_pointer(&z.rect, *edges, *start, p, f.snap);
                    if resp.drag_stopped() {
                        out.intents
                            .extend(gesture::resize_end(z.id, &z.rect, *edges, *start, p));
                        out.end_gesture = true;
                    } else if resp.dragged() {
                        out.gesture = Some(Gesture::Resize {
                            id: *id,
                            edges: *edges,
                            start: *start,
                            now: p,
                        });
                    }
                }
            }
            _ => {}
        }

        let mut below_text = er.min.y + layout::HEADER_H;
        if f.paint {
            if paint::overlaps_earlier(&out.zone_rects) {
                t.sink.start_layer();
            }
            below_text = paint::zone(&painter, t, f, z, er, ea, selected);
        }
        let on_risk_badge = ea.is_some_and(|e| {
            e.risk.intolerable > 0
                && pointer.is_some_and(|p| risk_badge::zone_rect(er, e).contains(p))
        });
        if let Some(e) = ea
            && on_risk_badge
            && resp.hovered()
        {
            let text = risk_badge::hover_text(
                e.risk.intolerable,
                e.risk.accepted_intolerable,
                &project.risk.matrix,
            );
            resp.clone().on_hover_text(text);
        } else if resp.hovered()
            && *f.gesture == Gesture::None
            && pointer.is_some_and(|p| p.y <= er.min.y + layout::HEADER_H)
        {
            // the header: the whole name, however the zone cut it, and what its gap colour
            // says (with what is still missing when it is unknown or open)
            let shown = hover_name;
            let gap = ea.map_or_else(String::new, |e| {
                let missing = e.missing_text();
                if missing.is_empty() {
                    format!("\nGap: {}", e.worst.label())
                } else {
                    format!("\nGap: {} — {}", e.worst.label(), missing.join("; "))
                }
            });
            resp.clone()
                .on_hover_text(format!("{}\n{}{gap}", shown(&z.name), z.kind.label()));
        }

        // connector handle (drag to another zone to create a conduit)
        let handle_c = pos2(er.max.x, er.center().y);
        let show_handle = (resp.hovered()
            || selected
            || matches!(f.gesture, Gesture::Connect { from, .. } if *from == z.id))
            && f.tool == Tool::Select;
        let handle_r = (7.0 / zoom).max(7.0);
        let handle_rect = egui::Rect::from_center_size(handle_c, Vec2::splat(handle_r * 2.4));
        // only near the pointer, on the selection and while connecting: a widget per zone
        // in every frame would cost more than the rest of the idle canvas
        let connecting = matches!(f.gesture, Gesture::Connect { from, .. } if *from == z.id);
        if resp.hovered()
            || selected
            || connecting
            || pointer.is_some_and(|p| handle_rect.contains(p))
        {
            let handle_id = egui::Id::new(("zone-handle", z.id.0));
            let hresp = item_ui(ui, handle_rect, handle_id, Sense::drag(), || {
                format!("Connector of zone {}", z.name)
            });
            if show_handle || hresp.hovered() {
                f.overlay.circle(
                    *to_screen * handle_c,
                    handle_r * zoom,
                    theme::SELECTION,
                    Stroke::new(2.0, Color32::WHITE),
                );
                hresp
                    .clone()
                    .on_hover_text("Drag to another zone to create a conduit");
            }
            if hresp.hovered() {
                out.hovered_item = true;
            }
            if hresp.drag_started_by(egui::PointerButton::Primary)
                && !f.hand_pan
                && let Some(p) = pointer
            {
                out.gesture = Some(Gesture::Connect { from: z.id, now: p });
            }
            if let Gesture::Connect { from, .. } = f.gesture
                && *from == z.id
                && let Some(p) = pointer
            {
                if hresp.drag_stopped() {
                    // resolved below, once all zone rectangles are known
                    out.end_gesture = true;
                    out.gesture = Some(Gesture::Connect {
                        from: *from,
                        now: p,
                    });
                } else if hresp.dragged() {
                    out.gesture = Some(Gesture::Connect {
                        from: *from,
                        now: p,
                    });
                }
            }
        }

        // assets: chips with their names, or groups by type where those would be too small to
        // read or do not all fit (a zone sized for its groups, until it is expanded)
        if zoom < chip_zoom || layout::capacity(&rect) < z.assets.len() {
            if f.paint {
                super::label::asset_groups(t, f, z, er, ea, below_text);
            }
            continue;
        }
        let chips = layout::asset_chips(&rect, z.assets.len());
        for (asset, slot) in z.assets.iter().zip(&chips.slots) {
            let cr = to_egui(slot);
            if !visible.intersects(cr) {
                continue;
            }
            let moving = matches!(f.gesture, Gesture::MoveAsset { id, .. } if *id == asset.id);
            let asel = f.selection.contains(&ElementRef::Asset(asset.id));
            if zoom >= chip_zoom {
                let asset_id = egui::Id::new(("asset", asset.id.0));
                let aresp = item_ui(ui, cr, asset_id, Sense::click_and_drag(), || {
                    format!("Asset {}", asset.name)
                });
                if aresp.hovered() {
                    out.hovered_item = true;
                    out.hovered = Some(ElementRef::Asset(asset.id));
                    if *f.gesture == Gesture::None {
                        // the whole name, however the chip cut it
                        let shown = hover_name;
                        let component = f
                            .catalog
                            .component(&asset.component)
                            .map_or(asset.component.as_str(), |c| c.name.as_str());
                        aresp.clone().on_hover_text(format!(
                            "{}\n{}",
                            shown(&asset.name),
                            shown(component)
                        ));
                    }
                }
                if aresp.clicked() {
                    click_intent(&aresp, ElementRef::Asset(asset.id), asel, &mut out);
                }
                if aresp.double_clicked() {
                    out.intents
                        .push(Intent::BeginRename(ElementRef::Asset(asset.id)));
                }
                if aresp.drag_started_by(egui::PointerButton::Primary)
                    && !f.hand_pan
                    && let Some(p) = pointer
                {
                    out.gesture = Some(Gesture::MoveAsset {
                        id: asset.id,
                        now: p,
                    });
                    out.intents
                        .push(Intent::Select(vec![ElementRef::Asset(asset.id)]));
                }
                if moving && let Some(p) = pointer {
                    if aresp.drag_stopped() {
                        out.end_gesture = true;
                        out.gesture = Some(Gesture::MoveAsset {
                            id: asset.id,
                            now: p,
                        });
                    } else if aresp.dragged() {
                        out.gesture = Some(Gesture::MoveAsset {
                            id: asset.id,
                            now: p,
                        });
                    }
                }
            }
            if f.paint {
                draw_chip(
                    t, &painter, f, asset, cr, chip_fill, text_color, asel, moving,
                );
            }
        }
        if let Some(slot) = chips.overflow_slot
            && zoom >= chip_zoom
            && f.paint
        {
            paint::overflow(&painter, t, f, &slot, chips.hidden);
        }
    }

    // --- conduits (on top of zone fills)
    for (ci, c) in project.conduits.iter().enumerate() {
        // the zones' rectangles as displayed this frame (pushed for every zone, in order)
        let displayed = |id: ZoneId| {
            let i = doc.cache.zone_index.get(&id)?;
            out.zone_rects
                .get(*i)
                .filter(|(z, _)| *z == id)
                .map(|(_, r)| *r)
        };
        let (Some(ra), Some(rb)) = (displayed(c.from), displayed(c.to)) else {
            continue;
        };
        let ((x0, y0), (x1, y1)) = layout::conduit_segment(&ra, &rb, doc.cache.lane(ci));
        let (p0, p1) = (pos2(x0, y0), pos2(x1, y1));
        let bbox = egui::Rect::from_two_pos(p0, p1).expand(40.0);
        if !visible.intersects(bbox) {
            continue;
        }
        let ea = a.conduits.get(ci);
        let selected = f.selection.contains(&ElementRef::Conduit(c.id));
        if !c.controls.is_empty() && zoom * 10.0 >= 4.0 {
            controls_hover_ui(ui, f, c, (p0, p1), &mut out);
        }
        let label_rect = if f.paint {
            paint::conduit(&painter, t, f, c, (p0, p1), ea, selected)
        } else {
            f.labels.get(ci).copied().flatten()
        };
        if let Some(lr) = label_rect {
            if let Some(slot) = out.labels.get_mut(ci) {
                *slot = Some(lr);
            }
            let conduit_id = egui::Id::new(("conduit", c.id.0));
            let resp = item_ui(ui, lr, conduit_id, Sense::click(), || {
                format!("Conduit {}", c.name)
            });
            if resp.hovered() {
                out.hovered_item = true;
                out.hovered = Some(ElementRef::Conduit(c.id));
                let from = project.element_name(ElementRef::Zone(c.from));
                let to = project.element_name(ElementRef::Zone(c.to));
                let arrow = if c.direction == Direction::OneWay {
                    "→"
                } else {
                    "↔"
                };
                let shown = hover_name;
                let mut text = format!(
                    "{}\n{} {arrow} {}",
                    shown(&c.name),
                    shown(&from),
                    shown(&to)
                );
                let risky = risk_badge::intolerable(ea);
                if risky > 0 {
                    text = format!(
                        "{text}\n{}",
                        risk_badge::hover_text(
                            risky,
                            ea.map_or(0, |e| e.risk.accepted_intolerable),
                            &project.risk.matrix
                        )
                    );
                }
                resp.clone().on_hover_text(text);
            }
            if resp.clicked() && f.tool == Tool::Select {
                click_intent(&resp, ElementRef::Conduit(c.id), selected, &mut out);
            }
            if resp.double_clicked() && f.tool == Tool::Select {
                out.intents
                    .push(Intent::BeginRename(ElementRef::Conduit(c.id)));
            }
            out.conduit_labels.push((c.id, lr));
        }
    }

    // --- observed traffic between zones that no conduit joins: a dashed red line
    if f.traffic_lines {
        traffic_lines_ui(ui, f, &painter, visible, &mut out);
    }

    // --- gesture overlays and their endings
    let connect = match (&out.gesture, f.gesture) {
        (Some(Gesture::Connect { from, now }), _) | (None, Gesture::Connect { from, now }) => {
            Some((*from, *now))
        }
        _ => None,
    };
    if let Some((from, now)) = connect {
        if let Some(z) = project.zone(from) {
            let (cx, cy) = (z.rect.x + z.rect.w, z.rect.y + z.rect.h / 2.0);
            painter.add(egui::Shape::dashed_line(
                &[pos2(cx, cy), now],
                Stroke::new(2.5 / zoom.min(1.0), theme::SELECTION),
                8.0,
                6.0,
            ));
        }
        if out.end_gesture {
            out.intents
                .push(gesture::connect_end(&out.zone_rects, from, now));
        }
    }
    let asset_gesture = match (&out.gesture, f.gesture) {
        (Some(Gesture::MoveAsset { id, now }), _) => Some((*id, *now)),
        (None, Gesture::MoveAsset { id, now }) => Some((*id, *now)),
        _ => None,
    };
    if let Some((id, now)) = asset_gesture
        && let Some((asset, _)) = project.asset(id)
    {
        let ghost = egui::Rect::from_center_size(now, vec2(layout::CHIP_W, layout::CHIP_H));
        draw_chip(
            t,
            &painter,
            f,
            asset,
            ghost,
            chip_fill.gamma_multiply(0.85),
            text_color,
            true,
            false,
        );
        if out.end_gesture {
            let intent =
                gesture::asset_drop(project, &out.conduit_labels, &out.zone_rects, id, now);
            out.intents.push(intent);
        }
    }
    if let (None, Gesture::RubberBand { start, now })
    | (Some(Gesture::RubberBand { start, now }), _) = (&out.gesture, f.gesture)
    {
        let r = egui::Rect::from_two_pos(*start, *now);
        painter.rect(
            r,
            CornerRadius::ZERO,
            theme::SELECTION.gamma_multiply(0.12),
            Stroke::new(1.5 / zoom, theme::SELECTION),
            StrokeKind::Inside,
        );
    }
    if out.end_gesture {
        out.gesture = None;
    }
    out
}

/// A name for a hover text: control characters shown, at most 300 characters (a 3 KB name
/// would fill the screen).
fn hover_name(name: &str) -> String {
    crate::ui::risk::shortened(&crate::model::text::visible(name), 300)
}

/// Observed traffic between zones without a conduit (`Assessment::traffic`): a dashed red line
/// between the zones' centres, with a mark in its middle that names the pair (hover) and
/// selects both zones (click).
fn traffic_lines_ui(
    ui: &mut egui::Ui,
    f: &Frame,
    painter: &Geometry,
    visible: egui::Rect,
    out: &mut Outcome,
) {
    let doc = f.doc;
    let project = &doc.project;
    let centre = |id: ZoneId| {
        let i = doc.cache.zone_index.get(&id)?;
        out.zone_rects
            .get(*i)
            .filter(|(z, _)| *z == id)
            .map(|(_, r)| pos2(r.x + r.w / 2.0, r.y + r.h / 2.0))
    };
    let colour = theme::finding_color(crate::analysis::FindingSeverity::Error);
    let mut marks = Vec::new();
    for &(a, b) in &doc.assessment.traffic.missing_conduits {
        let (Some(p0), Some(p1)) = (centre(a), centre(b)) else {
            continue;
        };
        if !visible.intersects(egui::Rect::from_two_pos(p0, p1).expand(20.0)) {
            continue;
        }
        if f.paint {
            // at least 3 points wide on screen when zoomed out, like the conduit being drawn
            let k = 1.0 / f.zoom.clamp(1e-3, 1.0);
            painter.add(egui::Shape::dashed_line(
                &[p0, p1],
                Stroke::new(3.0 * k, colour),
                14.0 * k,
                9.0 * k,
            ));
            painter.circle_filled(p0.lerp(p1, 0.5), 6.0 * k, colour);
        }
        marks.push((a, b, p0.lerp(p1, 0.5)));
    }
    for (a, b, mid) in marks {
        let label = || {
            format!(
                "Traffic without conduit: {} → {}",
                project.element_name(ElementRef::Zone(a)),
                project.element_name(ElementRef::Zone(b))
            )
        };
        let id = egui::Id::new(("traffic-line", a.0, b.0));
        let k = 1.0 / f.zoom.clamp(1e-3, 1.0);
        let resp = item_ui(
            ui,
            egui::Rect::from_center_size(mid, vec2(14.0 * k, 14.0 * k)),
            id,
            Sense::click(),
            label,
        );
        if resp.hovered() {
            out.hovered_item = true;
            resp.clone().on_hover_text(format!(
                "{}\nObserved traffic crosses this zone boundary, but no conduit joins the zones (TRAFFIC-NO-CONDUIT). Click to select both zones.",
                label()
            ));
        }
        if resp.clicked() && f.tool == Tool::Select {
            out.intents.push(Intent::Select(vec![
                ElementRef::Zone(a),
                ElementRef::Zone(b),
            ]));
        }
    }
}
