//! The drawing canvas: zones, asset chips and conduits painted with `egui::Scene` + `Painter`,
//! hit-tested with `ui.interact`, coloured live by the assessment. Reads a [`View`], keeps its
//! own [`CanvasState`] and pushes [`Intent`]s; gestures preview on screen and become one intent
//! when they end (one undo step per drag).
//!
//! Files: `camera` (scene ↔ screen, zoom, fit, pan), `gesture` (pointer state machine →
//! intents), `hit` (what is at a point), `paint` (zones, chips, conduits, badges), `retained`
//! (the tessellation cache), `scene` (one frame's items: interaction, then painting),
//! `risk_badge`. This file: the state, the drawing cache and the frame.

use super::palette::{PalettePayload, Tool};
use super::view::{Intents, View};
use super::{DesignerApp, Intent, theme};
use crate::model::{ElementRef, Project, Rect, ZoneId, layout};
use egui::emath::TSTransform;
use egui::epaint::Mesh;
use egui::{Pos2, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

mod bands;
mod camera;
pub mod focus;
mod gesture;
mod gpu;
mod grid;
mod guides;
mod hit;
mod label;
mod legend;
mod overview;
mod paint;
mod retained;
mod risk_badge;
mod scene;

use gesture::Gesture;
use paint::{Geometry, Sink, Text};
use retained::{Retained, RetainedKey};
use scene::Frame;

/// Below this zoom, asset chips would be too small to read: a zone shows its assets as groups
/// by component type instead (then just their count, as room runs out).
const LOD_CHIP_TEXT: f32 = 0.42;
/// The same for presentation mode: chips only where their names are about 14 points, readable
/// across a room.
const LOD_CHIP_TEXT_PRESENTING: f32 = 0.9;

/// The zoom below which chips give way to groups, at this label scale (above 1: presenting).
fn chip_text_zoom(label_scale: f32) -> f32 {
    if label_scale > 1.0 {
        LOD_CHIP_TEXT_PRESENTING
    } else {
        LOD_CHIP_TEXT
    }
}
/// Screen distance (points) within which a press on a zone border resizes it.
const EDGE_GRAB: f32 = 7.0;
/// Screen distance (points) within which a dragged zone's edge or centre snaps to another's.
const GUIDE_SNAP: f32 = 6.0;

/// View state of the canvas (not part of the document).
#[derive(Debug, Clone)]
pub struct CanvasState {
    scene_rect: egui::Rect,
    fit_requested: bool,
    gesture: Gesture,
    /// Scene → screen transform of the last frame.
    to_screen: TSTransform,
    screen_rect: egui::Rect,
    /// Multiplies every label size (presentation mode).
    pub label_scale: f32,
    retained: Retained,
    /// How many times the static drawing was built (the rest of the frames reused it).
    drawing_builds: u64,
    /// The egui pass in which the canvas last drew.
    drawn_in_pass: Option<u64>,
    /// View → Snap to grid (Alt while dragging places freely).
    pub snap_to_grid: bool,
    /// Where a right-click opened the context menu (screen), until it closes.
    pub context_menu: Option<egui::Pos2>,
    /// Presentation mode's focused zone, until Escape.
    pub focus: Option<focus::Focus>,
    /// View → Overview map.
    pub overview_map: bool,
    /// View → Traffic without conduit: dashed red lines between zones that talk unjoined.
    pub traffic_lines: bool,
    /// Zones shown with every chip (Show every asset): a view setting, not saved.
    pub expanded: std::collections::BTreeSet<ZoneId>,
    /// When the wheel or a pinch last zoomed (egui input time): while a zoom gesture goes on,
    /// the drawing is scaled rather than built every frame.
    zoom_gesture_at: Option<f64>,
    /// The retained drawing's GPU buffer, in the designer's own window (see [`gpu`]).
    gpu: Option<gpu::GpuCanvas>,
}

/// Seconds after the last wheel or pinch zoom at which the gesture counts as over and the
/// drawing is built at the zoom reached.
const ZOOM_SETTLE: f64 = 0.15;

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            scene_rect: egui::Rect::NOTHING,
            fit_requested: true,
            gesture: Gesture::None,
            to_screen: TSTransform::IDENTITY,
            screen_rect: egui::Rect::NOTHING,
            label_scale: 1.0,
            retained: Retained::default(),
            drawing_builds: 0,
            drawn_in_pass: None,
            snap_to_grid: true,
            context_menu: None,
            focus: None,
            overview_map: false,
            traffic_lines: true,
            expanded: std::collections::BTreeSet::new(),
            zoom_gesture_at: None,
            gpu: None,
        }
    }
}

impl CanvasState {
    /// Draws the retained drawing from a GPU buffer through a glow paint callback (the
    /// designer's window does this; without it, egui is handed the mesh every frame).
    pub fn draw_on_gpu(&mut self) {
        self.gpu = Some(gpu::GpuCanvas::default());
    }

    /// Frees the GPU buffer (the window is closing).
    pub fn release_gpu(&mut self, gl: &eframe::glow::Context) {
        if let Some(g) = self.gpu.take() {
            g.destroy(gl);
        }
    }

    pub(crate) fn reset_view(&mut self) {
        self.fit_requested = true;
        self.gesture = Gesture::None;
    }

    pub(crate) fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// Where the canvas was on screen in the last frame.
    pub fn screen_rect(&self) -> egui::Rect {
        self.screen_rect
    }

    /// Screen points per scene unit.
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// Cancels a drag in progress; returns whether there was one.
    pub(crate) fn cancel_gesture(&mut self) -> bool {
        let had = self.gesture != Gesture::None;
        self.gesture = Gesture::None;
        had
    }

    /// Where a scene point appears on screen (for tests and tooltips).
    pub fn scene_to_screen(&self, x: f32, y: f32) -> Pos2 {
        self.to_screen * pos2(x, y)
    }

    pub fn screen_to_scene(&self, p: Pos2) -> Pos2 {
        self.to_screen.inverse() * p
    }

    /// Zooms about the middle of the view: `factor` > 1 zooms in.
    pub fn zoom_by(&mut self, factor: f32) {
        self.scene_rect = camera::zoomed(self.scene_rect, self.to_screen.scaling, factor);
    }

    /// Asks for one more frame when the font atlas grew after the canvas drew this frame (a
    /// tooltip or panel drawn later laid out new glyphs): the retained text's texture
    /// coordinates are for the old atlas size, and the next frame builds it again. Call at the
    /// end of every frame.
    pub(crate) fn end_frame(&self, ctx: &egui::Context) {
        if self.drawn_in_pass == Some(ctx.cumulative_pass_nr())
            && self.retained.key.is_some()
            && ctx.fonts(|f| f.font_image_size()) != self.retained.font_image_size
        {
            ctx.request_repaint();
        }
    }

    /// The texts of the drawing shown (the view and half a view around it), in drawing order.
    pub fn drawn_texts(&self) -> &[String] {
        &self.retained.texts
    }

    /// The on-screen font size (points) of each of [`Self::drawn_texts`].
    pub fn drawn_text_sizes(&self) -> &[f32] {
        &self.retained.text_sizes
    }

    /// How many frames built the static drawing; every other frame reused it.
    pub fn drawing_builds(&self) -> u64 {
        self.drawing_builds
    }

    /// Moves the view by `delta` points on screen (the drawing moves the other way).
    pub fn pan_by(&mut self, delta_on_screen: Vec2) {
        self.scene_rect = camera::panned(self.scene_rect, self.to_screen.scaling, delta_on_screen);
    }

    /// Keeps the zoom and moves the view so that `r` is in the middle.
    pub(crate) fn center_on(&mut self, r: Rect) {
        match camera::centred_on(self.scene_rect, &r) {
            Some(view) => self.scene_rect = view,
            None => self.fit_requested = true,
        }
    }

    /// Centres the view on `r` (scene) and zooms so that it reads: out until it fits the
    /// canvas, and — for an asset's chip (`chip`) — in until chip names are drawn.
    pub(crate) fn bring_into_view(&mut self, r: Rect, chip: bool) {
        let screen = self.screen_rect;
        let zoom = self.to_screen.scaling;
        if !screen.is_finite() || screen.width() <= 0.0 || zoom <= 0.0 {
            self.center_on(r);
            return;
        }
        let fits = (screen.width() * 0.9 / r.w.max(1.0)).min(screen.height() * 0.9 / r.h.max(1.0));
        let readable = if chip {
            (chip_text_zoom(self.label_scale) * 1.05).max(zoom)
        } else {
            zoom
        };
        let target = readable.min(fits).clamp(camera::ZOOM_MIN, camera::ZOOM_MAX);
        let (cx, cy) = r.center();
        self.scene_rect = egui::Rect::from_center_size(pos2(cx, cy), screen.size() / target);
    }

    /// Leaves presentation mode's zone focus, back to the view before it; whether there was
    /// one.
    pub(crate) fn end_focus(&mut self) -> bool {
        match self.focus.take() {
            Some(f) => {
                self.scene_rect = f.before;
                true
            }
            None => false,
        }
    }

    fn fit(&mut self, project: &Project) {
        self.scene_rect = camera::fit_rect(project.bounds());
        self.fit_requested = false;
    }
}

/// This frame's pointer movement when it pans the view by hand: the middle or right button
/// held, or the primary one with Space, after a press on the canvas (no text field editing).
fn hand_pan(ui: &egui::Ui, screen_rect: egui::Rect) -> Option<Vec2> {
    if ui.ctx().text_edit_focused() {
        return None;
    }
    // pressed on the canvas itself, not on a window lying over it
    let origin = ui.input(|i| i.pointer.press_origin());
    let on_canvas = origin
        .is_some_and(|p| screen_rect.contains(p) && ui.ctx().layer_id_at(p) == Some(ui.layer_id()));
    ui.input(|i| {
        let started_here = on_canvas;
        let held = i.pointer.middle_down()
            || i.pointer.secondary_down()
            || (i.key_down(egui::Key::Space) && i.pointer.primary_down());
        (started_here && held).then(|| i.pointer.delta())
    })
}

/// Where a secondary click released on the canvas itself (not on a window over it), if one
/// did this frame.
fn secondary_click_on_canvas(ui: &egui::Ui, screen_rect: egui::Rect) -> Option<Pos2> {
    let clicked = ui.input(|i| i.pointer.button_clicked(egui::PointerButton::Secondary));
    let at = ui.input(|i| i.pointer.interact_pos())?;
    (clicked && screen_rect.contains(at) && ui.ctx().layer_id_at(at) == Some(ui.layer_id()))
        .then_some(at)
}

fn to_egui(r: &Rect) -> egui::Rect {
    egui::Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

/// Revisions handed out to drawing caches: every cache built gets a new one.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

/// What the canvas derives from the project for drawing (lanes, zone index), rebuilt with
/// the assessment; its [`DrawCache::revision`] is the one staleness key of the views.
#[derive(Debug, Clone, Default)]
pub struct DrawCache {
    /// The document revision this was built for: new with every edit, undo, redo and
    /// document (unique in the process), so the canvas's retained drawing and the topology
    /// graph compare one number to know they are current.
    revision: u64,
    /// Lane of each conduit (parallel conduits side by side), indexed like `project.conduits`.
    lanes: Vec<f32>,
    /// Position of each zone in `project.zones`.
    zone_index: HashMap<ZoneId, usize>,
}

impl DrawCache {
    /// Called whenever the document was (re)assessed. What the findings mark is in the
    /// assessment (`ElementAssessment::worst_finding`, `finding_count`).
    pub fn new(project: &Project, _assessment: &crate::analysis::Assessment) -> Self {
        DrawCache {
            revision: NEXT_REVISION.fetch_add(1, Ordering::Relaxed),
            lanes: layout::conduit_lanes(project),
            zone_index: project
                .zones
                .iter()
                .enumerate()
                .map(|(i, z)| (z.id, i))
                .collect(),
        }
    }

    /// The document revision the views' caches are keyed with.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn lane(&self, index: usize) -> f32 {
        self.lanes.get(index).copied().unwrap_or(0.0)
    }
}

/// The central canvas of `view`'s document: draws it, runs the gestures, and pushes what the
/// user asked for into `intents_out`. `tool` is the palette's tool (the conduit tool's first click
/// changes it).
pub fn canvas_ui(
    view: View,
    canvas: &mut CanvasState,
    tool: &mut Tool,
    intents_out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let doc = view.doc;
    canvas.label_scale = if view.presentation { 1.35 } else { 1.0 };
    let fitting = canvas.fit_requested || !canvas.scene_rect.is_finite();
    if fitting {
        canvas.fit(&doc.project);
    }
    let screen_rect = ui.available_rect_before_wrap();
    // a fit is for the canvas as it is now: keeping the old view's scale would undo it
    if !fitting {
        canvas.scene_rect = camera::kept_on_resize(
            canvas.scene_rect,
            canvas.screen_rect,
            canvas.to_screen,
            screen_rect,
        );
    }
    canvas.screen_rect = screen_rect;

    // The wheel zooms around the cursor (Scene alone would pan with it).
    let (scroll, hover, ctrl, shift, alt) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.pointer.hover_pos(),
            i.modifiers.command,
            i.modifiers.shift,
            i.modifiers.alt,
        )
    });
    let snap = canvas.snap_to_grid && !alt;
    // (only where no window lies over the canvas: the wheel scrolls a dialog's own lists)
    if let Some(h) = hover
        && ui.rect_contains_pointer(screen_rect)
        && scroll.y != 0.0
        && !ctrl
        && !egui::DragAndDrop::has_any_payload(ui.ctx())
    {
        let factor = (scroll.y * 0.0025).exp();
        let pivot_in_scene = canvas.to_screen.inverse() * h;
        canvas.scene_rect = camera::zoomed_about(
            canvas.scene_rect,
            canvas.to_screen.scaling,
            pivot_in_scene,
            factor,
        );
        ui.ctx().input_mut(|i| i.smooth_scroll_delta.y = 0.0);
        canvas.zoom_gesture_at = Some(ui.input(|i| i.time));
    }
    // a pinch or Ctrl + wheel, which the scene applies below
    if ui.rect_contains_pointer(screen_rect) && ui.input(|i| i.zoom_delta() != 1.0) {
        canvas.zoom_gesture_at = Some(ui.input(|i| i.time));
    }
    let zoom_gesture_left = canvas
        .zoom_gesture_at
        .map(|at| ZOOM_SETTLE - (ui.input(|i| i.time) - at))
        .filter(|left| *left > 0.0);

    // Middle- and right-drags, and Space + drag, pan wherever they start on the canvas — over
    // zones and chips too (a dense plant leaves little empty canvas to grab)
    let hand_pan = hand_pan(ui, screen_rect);
    if let Some(delta) = hand_pan {
        canvas.pan_by(-delta);
    }
    let rubber = matches!(canvas.gesture, Gesture::RubberBand { .. }) || shift;
    // a primary drag on empty canvas pans too (through the scene), unless it draws a rubber
    // band or Space already pans
    let buttons = if rubber || hand_pan.is_some() || ui.input(|i| i.key_down(egui::Key::Space)) {
        egui::containers::DragPanButtons::empty()
    } else {
        egui::containers::DragPanButtons::PRIMARY
    };
    let bg = theme::rgb(if view.dark {
        crate::palette::CANVAS_DARK
    } else {
        crate::palette::CANVAS_LIGHT
    });
    ui.painter().rect_filled(screen_rect, 0.0, bg);
    let mut scene_rect = canvas.scene_rect;
    let mut to_screen = canvas.to_screen;
    // the drawing and its hover overlay go on layers drawn right after the scene layer (all
    // three are sublayers of the panel's layer, kept in the order they first appeared)
    let parent_layer = ui.layer_id();
    let drawing_layer = egui::LayerId::new(parent_layer.order, ui.id().with("zw-canvas-drawing"));
    let overlay_layer = egui::LayerId::new(parent_layer.order, ui.id().with("zw-canvas-overlay"));
    let ctx = ui.ctx().clone();
    let pixels_per_point = ctx.pixels_per_point();
    let (fonts, font_fill) = ctx.fonts(|f| {
        (
            (f.font_image_size(), *f.options()),
            f.font_atlas_fill_ratio(),
        )
    });
    let expanded_hash = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        canvas.expanded.hash(&mut h);
        h.finish()
    };
    let key = |zoom: f32, fonts| RetainedKey {
        content: doc.cache.revision,
        expanded: expanded_hash,
        tool: *tool,
        dark: view.dark,
        label_scale: canvas.label_scale.to_bits(),
        traffic_lines: canvas.traffic_lines,
        zoom: zoom.to_bits(),
        pixels_per_point: pixels_per_point.to_bits(),
        fonts,
    };
    let retained = &canvas.retained;
    let gesture = &canvas.gesture;
    let canvas_expanded = &canvas.expanded;
    let inner = egui::Scene::new()
        .zoom_range(camera::ZOOM_MIN..=camera::ZOOM_MAX)
        .max_inner_size(vec2(1.0e6, 1.0e6))
        .drag_pan_buttons(buttons)
        .show(ui, &mut scene_rect, |ui| {
            if let Some(t) = ui.ctx().layer_transform_to_global(ui.layer_id()) {
                to_screen = t;
            }
            ctx.set_sublayer(parent_layer, drawing_layer);
            ctx.set_sublayer(parent_layer, overlay_layer);
            let visible_in_scene = ui.clip_rect();
            let key = key(to_screen.scaling, fonts);
            let reuse = *gesture == Gesture::None
                && retained.selection == *view.selection
                && font_fill >= retained.font_fill
                && (retained.valid_for(&key, visible_in_scene)
                    || zoom_gesture_left.is_some()
                        && retained.valid_scaled(&key, visible_in_scene));
            let frame_data = Frame {
                doc,
                expanded: canvas_expanded,
                catalog: view.catalog,
                selection: view.selection,
                tool: *tool,
                gesture,
                zoom: to_screen.scaling,
                label_scale: canvas.label_scale,
                traffic_lines: canvas.traffic_lines,
                dark: view.dark,
                snap,
                free: alt,
                hand_pan: hand_pan.is_some(),
                paint: !reuse,
                region: if reuse {
                    visible_in_scene
                } else {
                    visible_in_scene.expand2(visible_in_scene.size() * 0.5)
                },
                labels: &retained.labels,
                overlay: egui::Painter::new(ctx.clone(), overlay_layer, screen_rect),
            };
            let sink = if reuse {
                Sink::default()
            } else {
                Sink::with_capacity(retained.shape_counts)
            };
            let text = Text {
                ctx: ctx.clone(),
                sink: &sink,
                to_screen,
            };
            let out = scene::draw_scene_ui(ui, &frame_data, &to_screen, &text);
            (out, (!reuse).then_some((sink, frame_data.region)))
        });
    let (mut out, built) = inner.inner;
    let bg_response = inner.response;
    canvas.scene_rect = scene_rect;
    canvas.to_screen = to_screen;
    if canvas.snap_to_grid {
        // on the panel's layer: behind the drawing's sublayers
        grid::paint_grid(ui.painter(), &to_screen, screen_rect, view.dark);
    }
    if let Some((sink, region_in_scene)) = built {
        let (texts, text_sizes) = retained::texts_of(&sink);
        let shape_counts = sink.counts();
        // after drawing: the galleys laid out this frame may have grown the atlas
        let (fonts, font_fill) = ctx.fonts(|f| {
            (
                (f.font_image_size(), *f.options()),
                f.font_atlas_fill_ratio(),
            )
        });
        canvas.drawing_builds += 1;
        canvas.retained = Retained {
            key: (canvas.gesture == Gesture::None).then(|| key(to_screen.scaling, fonts)),
            selection: view.selection.clone(),
            region_in_scene,
            translation: to_screen.translation,
            zoom: to_screen.scaling,
            chunks: retained::tessellate(
                &ctx,
                sink,
                to_screen,
                to_screen * region_in_scene,
                fonts.0,
            ),
            on_screen: Arc::new(Mesh::default()),
            on_screen_chunks: Vec::new(),
            texts,
            text_sizes,
            font_image_size: fonts.0,
            font_fill,
            labels: std::mem::take(&mut out.labels),
            shape_counts,
        };
    }
    // the retained drawing, moved by whole pixels to where the view is now (and scaled while
    // a zoom gesture goes on: it is built at the zoom reached once the gesture rests)
    let r = &mut canvas.retained;
    let layer = r.layer_transform(to_screen, pixels_per_point);
    if layer.scaling != 1.0
        && let Some(left) = zoom_gesture_left
    {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
    }
    let visible_on_screen = layer.inverse() * screen_rect;
    let mesh = r.on_screen_mesh(visible_on_screen);
    match canvas.gpu.as_ref().filter(|g| g.usable()) {
        // the buffer on the GPU moves with uniforms; egui sees one callback
        Some(gpu) => {
            ctx.set_transform_layer(drawing_layer, TSTransform::IDENTITY);
            egui::Painter::new(ctx.clone(), drawing_layer, screen_rect).add(gpu.callback(
                screen_rect,
                mesh,
                layer,
            ));
        }
        None => {
            ctx.set_transform_layer(drawing_layer, layer);
            egui::Painter::new(ctx.clone(), drawing_layer, visible_on_screen)
                .add(Shape::mesh(mesh));
        }
    }
    canvas.drawn_in_pass = Some(ctx.cumulative_pass_nr());
    let overlay = egui::Painter::new(ctx.clone(), overlay_layer, screen_rect);

    // background: clicks clear the selection or pick a conduit line; shift-drag selects
    let pointer = scene::pointer_in_scene(ui, &to_screen);
    if bg_response.clicked() && !out.hovered_item {
        let tolerance = 8.0 / to_screen.scaling.max(1e-3);
        let hit = pointer.and_then(|p| hit::conduit_at(&doc.project, &doc.cache, p, tolerance));
        match (hit, *tool) {
            (Some(c), Tool::Select) => out.intents.push(if shift {
                Intent::ToggleSelect(ElementRef::Conduit(c))
            } else {
                Intent::Select(vec![ElementRef::Conduit(c)])
            }),
            (None, Tool::Select) if !shift => out.intents.push(Intent::Select(Vec::new())),
            _ => {}
        }
    }
    if bg_response.drag_started()
        && shift
        && let Some(p) = scene::press_origin_in_scene(ui, &to_screen).or(pointer)
    {
        out.gesture = Some(Gesture::RubberBand { start: p, now: p });
    }
    if let Gesture::RubberBand { start, .. } = canvas.gesture
        && let Some(p) = pointer
    {
        if bg_response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
            let band = egui::Rect::from_two_pos(start, p);
            let picked = hit::rubber_band_pick(&doc.project, &doc.cache, band);
            out.intents.push(Intent::Select(picked));
            out.end_gesture = true;
        } else {
            out.gesture = Some(Gesture::RubberBand { start, now: p });
        }
    }

    // a right-click (a press and release without a drag: a drag pans) selects what it is on,
    // unless that is already selected, and opens the context menu there
    if let Some(at) = secondary_click_on_canvas(ui, screen_rect) {
        let tolerance = 8.0 / to_screen.scaling.max(1e-3);
        let target = out.hovered.or_else(|| {
            pointer
                .and_then(|p| hit::conduit_at(&doc.project, &doc.cache, p, tolerance))
                .map(ElementRef::Conduit)
        });
        match target {
            Some(e) if !view.selection.contains(&e) => out.intents.push(Intent::Select(vec![e])),
            Some(_) => {}
            None => out.intents.push(Intent::Select(Vec::new())),
        }
        canvas.context_menu = Some(at);
    }

    // presentation: a click on a zone (or a chip in it) zooms to it with its card
    if view.presentation
        && *tool == Tool::Select
        && ui.input(|i| i.pointer.button_clicked(egui::PointerButton::Primary))
        && !matches!(out.hovered, Some(ElementRef::Conduit(_)))
        && let Some(p) = pointer
        && let Some(zone) = hit::zone_at(&out.zone_rects, p)
        && let Some(z) = doc.project.zone(zone)
    {
        let before = canvas.focus.map_or(canvas.scene_rect, |f| f.before);
        canvas.focus = Some(focus::Focus { zone, before });
        canvas.scene_rect = focus::view_of(&z.rect);
    }
    if !view.presentation {
        canvas.focus = None;
    }
    if let Some(f) = canvas.focus {
        focus::focus_card_ui(ui.ctx(), screen_rect, &doc.project, &doc.assessment, f.zone);
    }

    // drops from the palette
    if let Some(payload) = egui::DragAndDrop::payload::<PalettePayload>(ui.ctx())
        && let Some(p) = pointer
        && let Some(screen_p) = ui.input(|i| i.pointer.latest_pos())
        && screen_rect.contains(screen_p)
    {
        let target = hit::zone_at(&out.zone_rects, p);
        // preview: highlight the zone a component would land in
        if let (PalettePayload::Component(_), Some(z)) = (&*payload, target)
            && let Some((_, r)) = out.zone_rects.iter().find(|(id, _)| *id == z)
        {
            let screen = to_screen * to_egui(r).min;
            let size = to_egui(r).size() * to_screen.scaling;
            overlay.rect_stroke(
                egui::Rect::from_min_size(screen, size),
                4.0,
                Stroke::new(3.0, theme::SELECTION),
                StrokeKind::Outside,
            );
        }
        if ui.input(|i| i.pointer.any_released()) {
            egui::DragAndDrop::clear_payload(ui.ctx());
            out.intents.push(gesture::palette_drop(
                &doc.project,
                &payload,
                target,
                p,
                snap,
            ));
        }
    }

    if let Gesture::MoveZones { guides, .. } = &canvas.gesture {
        grid::paint_guides(&overlay, &to_screen, guides);
    }
    legend::paint_legend(&overlay, screen_rect, view.dark, 12.0 * canvas.label_scale);
    if canvas.overview_map {
        let inv = to_screen.inverse();
        let shown_in_scene = egui::Rect::from_min_max(inv * screen_rect.min, inv * screen_rect.max);
        if let Some(p) =
            overview::overview_ui(ui.ctx(), screen_rect, doc, shown_in_scene, view.dark)
        {
            canvas.scene_rect = egui::Rect::from_center_size(p, shown_in_scene.size());
        }
    }
    if out.end_gesture {
        canvas.gesture = Gesture::None;
    }
    if let Some(g) = out.gesture {
        canvas.gesture = g;
    }
    if let Some(t) = out.tool {
        *tool = t;
    }
    intents_out.extend(out.intents);
}

/// The canvas in the designer window: the app's view, canvas state and tool; the intents are
/// carried out at once.
pub fn canvas_in_app_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let Some(view) = super::view::view_of!(app) else {
        return;
    };
    let mut intents = Intents::new();
    canvas_ui(
        view,
        &mut app.canvas,
        &mut app.palette.tool,
        &mut intents,
        ui,
    );
    for i in intents {
        app.emit(i);
    }
    super::revisions::marks_ui(app, ui);
    app.context_menu_ui(ui.ctx());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drawing_cache_has_its_own_revision() {
        let p = Project::default();
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        let (x, y) = (DrawCache::new(&p, &a), DrawCache::new(&p, &a));
        assert_ne!(x.revision(), y.revision());
        assert_ne!(x.revision(), DrawCache::default().revision());
    }

    #[test]
    fn sl_summary_uses_vectors_only_when_frs_differ() {
        use super::paint::sl_summary;
        let t = Some(crate::model::SlVector::uniform(2));
        assert_eq!(sl_summary(t, &[Some(1); 7]), "SL-T 2 · SL-A 1");
        assert_eq!(sl_summary(t, &[None; 7]), "SL-T 2 · SL-A –");
        let mixed = [Some(1), None, Some(2), Some(2), Some(2), Some(2), Some(2)];
        assert_eq!(
            sl_summary(None, &mixed),
            "SL-T not set · SL-A (1,–,2,2,2,2,2)"
        );
    }
}
