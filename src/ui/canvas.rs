//! The drawing canvas: zones, asset chips and conduits painted with `egui::Scene` + `Painter`,
//! hit-tested with `ui.interact`, coloured live by the assessment. Gestures preview on screen
//! and become one intent when they end (one undo step per drag).

use super::palette::{PalettePayload, Tool};
use super::{DesignerApp, Document, Intent, theme};
use crate::analysis::{FindingSeverity, GapSeverity};
use crate::catalog::Catalog;
use crate::model::{
    AssetId, AssetParent, ConduitId, Direction, ElementRef, Rect, ZoneId, format_levels, layout,
};
use egui::emath::TSTransform;
use egui::epaint::{Mesh, RectShape, Tessellator};
use egui::{
    Color32, CornerRadius, FontId, Pos2, Sense, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

mod risk_badge;

/// Below this zoom, asset chips carry no text.
const LOD_CHIP_TEXT: f32 = 0.42;
/// Below this zoom, asset chips are not drawn; the zone shows a count instead.
const LOD_CHIPS: f32 = 0.2;
/// Screen distance (points) within which a press on a zone border resizes it.
const EDGE_GRAB: f32 = 7.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Edges {
    left: bool,
    right: bool,
    top: bool,
    bottom: bool,
}

impl Edges {
    fn any(self) -> bool {
        self.left || self.right || self.top || self.bottom
    }

    fn cursor(self) -> egui::CursorIcon {
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
enum Gesture {
    #[default]
    None,
    MoveZones {
        ids: Vec<ZoneId>,
        grabbed: ZoneId,
        start: Pos2,
        now: Pos2,
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
}

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
        }
    }
}

impl CanvasState {
    pub fn reset_view(&mut self) {
        self.fit_requested = true;
        self.gesture = Gesture::None;
    }

    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// Screen points per scene unit.
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// Cancels a drag in progress; returns whether there was one.
    pub fn cancel_gesture(&mut self) -> bool {
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
        if !self.scene_rect.is_finite() || factor <= 0.0 {
            return;
        }
        let zoom = self.to_screen.scaling.max(1e-6);
        let factor = (zoom * factor).clamp(0.03, 4.0) / zoom;
        let c = self.scene_rect.center();
        self.scene_rect = egui::Rect::from_center_size(c, self.scene_rect.size() / factor);
    }

    /// Asks for one more frame when the font atlas grew after the canvas drew this frame (a
    /// tooltip or panel drawn later laid out new glyphs): the retained text's texture
    /// coordinates are for the old atlas size, and the next frame builds it again. Call at the
    /// end of every frame.
    pub fn end_frame(&self, ctx: &egui::Context) {
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

    /// How many frames built the static drawing; every other frame reused it.
    pub fn drawing_builds(&self) -> u64 {
        self.drawing_builds
    }

    /// Moves the view by `delta` points on screen (the drawing moves the other way).
    pub fn pan_by(&mut self, delta_on_screen: Vec2) {
        let zoom = self.to_screen.scaling.max(1e-6);
        self.scene_rect = self.scene_rect.translate(delta_on_screen / zoom);
    }

    /// Keeps the zoom and moves the view so that `r` is in the middle.
    pub fn center_on(&mut self, r: Rect) {
        if !self.scene_rect.is_finite() || self.scene_rect.width() <= 0.0 {
            self.fit_requested = true;
            return;
        }
        let (cx, cy) = r.center();
        self.scene_rect = egui::Rect::from_center_size(pos2(cx, cy), self.scene_rect.size());
    }

    fn fit(&mut self, doc: &Document) {
        let bounds = doc
            .project
            .bounds()
            .unwrap_or(Rect::new(0.0, 0.0, 1200.0, 800.0));
        let margin = 60.0;
        self.scene_rect = egui::Rect::from_min_size(
            pos2(bounds.x - margin, bounds.y - margin),
            vec2(bounds.w + 2.0 * margin, bounds.h + 2.0 * margin),
        );
        self.fit_requested = false;
    }
}

fn to_egui(r: &Rect) -> egui::Rect {
    egui::Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

/// The zone rectangle as shown this frame (moved or resized by a gesture in progress).
fn displayed_rect(gesture: &Gesture, id: ZoneId, rect: &Rect) -> Rect {
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

fn resized(r: &Rect, e: Edges, d: Vec2) -> Rect {
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

fn edges_at(r: &Rect, p: Pos2, grab: f32) -> Edges {
    let inside_x = p.x >= r.x - grab && p.x <= r.x + r.w + grab;
    let inside_y = p.y >= r.y - grab && p.y <= r.y + r.h + grab;
    Edges {
        left: inside_y && (p.x - r.x).abs() <= grab,
        right: inside_y && (p.x - (r.x + r.w)).abs() <= grab,
        top: inside_x && (p.y - r.y).abs() <= grab,
        bottom: inside_x && (p.y - (r.y + r.h)).abs() <= grab,
    }
}

fn dist_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t - p).length()
}

/// The shapes of one frame's drawing, collected instead of painted so that they can be
/// tessellated once and reused (see [`Retained`]): geometry in scene coordinates, text in
/// screen coordinates.
#[derive(Default)]
struct Sink {
    geometry: RefCell<Vec<Shape>>,
    text: RefCell<Vec<Shape>>,
}

/// Painter-like access to the geometry of a [`Sink`] (scene coordinates).
struct Geometry<'a>(&'a Sink);

impl Geometry<'_> {
    fn add(&self, shape: impl Into<Shape>) {
        self.0.geometry.borrow_mut().push(shape.into());
    }

    fn rect_filled(&self, r: egui::Rect, radius: impl Into<CornerRadius>, fill: Color32) {
        self.add(Shape::rect_filled(r, radius, fill));
    }

    fn rect_stroke(
        &self,
        r: egui::Rect,
        radius: impl Into<CornerRadius>,
        stroke: Stroke,
        kind: StrokeKind,
    ) {
        self.add(Shape::rect_stroke(r, radius, stroke, kind));
    }

    fn rect(
        &self,
        r: egui::Rect,
        radius: impl Into<CornerRadius>,
        fill: Color32,
        stroke: Stroke,
        kind: StrokeKind,
    ) {
        self.add(RectShape::new(r, radius, fill, stroke, kind));
    }

    fn circle_filled(&self, center: Pos2, radius: f32, fill: Color32) {
        self.add(Shape::circle_filled(center, radius, fill));
    }

    fn line_segment(&self, points: [Pos2; 2], stroke: Stroke) {
        self.add(Shape::line_segment(points, stroke));
    }
}

/// Canvas text, crisp at every zoom: laid out at its on-screen size and placed in screen
/// coordinates, drawn above all geometry (text scaled by the scene transform loses thin
/// strokes when zoomed out).
struct Text<'a> {
    ctx: egui::Context,
    sink: &'a Sink,
    to_screen: TSTransform,
}

impl Text<'_> {
    /// On-screen font size for a size in scene units, in half points (keeps the layout cache warm).
    fn screen_size(&self, scene_size: f32) -> f32 {
        ((scene_size * self.to_screen.scaling) * 2.0)
            .round()
            .max(1.0)
            / 2.0
    }

    /// A single-line galley cut to `max_width` (scene units) with "…".
    fn fitted(
        &self,
        text: &str,
        scene_size: f32,
        color: Color32,
        max_width: f32,
    ) -> std::sync::Arc<egui::Galley> {
        let font = FontId::proportional(self.screen_size(scene_size));
        // names from the file: control and bidirectional characters shown, not interpreted
        let mut job = egui::text::LayoutJob::single_section(
            crate::model::text::visible(text).into_owned(),
            egui::TextFormat::simple(font, color),
        );
        job.wrap = egui::text::TextWrapping {
            max_width: (max_width * self.to_screen.scaling).max(1.0),
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        self.ctx.fonts_mut(|f| f.layout_job(job))
    }

    /// The size of a galley in scene units.
    fn scene_size(&self, galley: &egui::Galley) -> Vec2 {
        galley.size() / self.to_screen.scaling.max(1e-3)
    }

    fn galley(&self, pos_in_scene: Pos2, galley: std::sync::Arc<egui::Galley>, color: Color32) {
        self.sink.text.borrow_mut().push(Shape::galley(
            self.to_screen * pos_in_scene,
            galley,
            color,
        ));
    }

    fn text(
        &self,
        pos_in_scene: Pos2,
        align: egui::Align2,
        text: impl ToString,
        scene_size: f32,
        color: Color32,
    ) {
        let size = self.screen_size(scene_size);
        if size >= 3.0 {
            let galley = self.ctx.fonts_mut(|f| {
                let text = text.to_string();
                let text = crate::model::text::visible_lines(&text).into_owned();
                f.layout_no_wrap(text, FontId::proportional(size), color)
            });
            let pos_on_screen = align
                .anchor_size(self.to_screen * pos_in_scene, galley.size())
                .min;
            self.sink
                .text
                .borrow_mut()
                .push(Shape::galley(pos_on_screen, galley, color));
        }
    }
}

/// "SL-T 2 · SL-A 1", or vectors when the FRs differ.
pub fn sl_summary(
    sl_t: Option<crate::model::SlVector>,
    sl_a: &crate::model::MaybeLevels,
) -> String {
    let t = match sl_t {
        None => "SL-T not set".to_owned(),
        Some(t) => match t.as_uniform() {
            Some(n) => format!("SL-T {n}"),
            None => format!("SL-T {t}"),
        },
    };
    let first = sl_a[0];
    let a = if sl_a.iter().all(|l| *l == first) {
        match first {
            Some(n) => format!("SL-A {n}"),
            None => "SL-A –".to_owned(),
        }
    } else {
        format!("SL-A {}", format_levels(sl_a))
    };
    format!("{t} · {a}")
}

/// What the canvas derives from the project and its assessment, recomputed only when they
/// change (not every frame).
#[derive(Debug, Clone, Default)]
pub struct DrawCache {
    /// Worst finding severity per zone/conduit (asset findings count for their container).
    worst: HashMap<ElementRef, FindingSeverity>,
    /// Lane of each conduit (parallel conduits side by side), indexed like `project.conduits`.
    lanes: Vec<f32>,
    /// Position of each zone in `project.zones`.
    zone_index: HashMap<ZoneId, usize>,
}

impl DrawCache {
    pub fn new(project: &crate::model::Project, assessment: &crate::analysis::Assessment) -> Self {
        DrawCache {
            worst: finding_marks(project, assessment),
            lanes: layout::conduit_lanes(project),
            zone_index: project
                .zones
                .iter()
                .enumerate()
                .map(|(i, z)| (z.id, i))
                .collect(),
        }
    }

    fn lane(&self, index: usize) -> f32 {
        self.lanes.get(index).copied().unwrap_or(0.0)
    }
}

fn finding_marks(
    project: &crate::model::Project,
    assessment: &crate::analysis::Assessment,
) -> HashMap<ElementRef, FindingSeverity> {
    let mut worst: HashMap<ElementRef, FindingSeverity> = HashMap::new();
    let mut owner: HashMap<AssetId, ElementRef> = HashMap::new();
    if assessment
        .findings
        .iter()
        .any(|f| matches!(f.element, ElementRef::Asset(_)))
    {
        for (a, parent) in project.all_assets() {
            owner.insert(
                a.id,
                match parent {
                    AssetParent::Zone(z) => ElementRef::Zone(z),
                    AssetParent::Conduit(c) => ElementRef::Conduit(c),
                },
            );
        }
    }
    for f in &assessment.findings {
        let target = match f.element {
            ElementRef::Asset(a) => match owner.get(&a) {
                Some(e) => *e,
                None => continue,
            },
            e => e,
        };
        let entry = worst.entry(target).or_insert(f.severity);
        if f.severity < *entry {
            *entry = f.severity;
        }
    }
    worst
}

/// What the retained drawing depends on besides the view position: when any of it changes,
/// the drawing is built again.
#[derive(Debug, Clone, PartialEq)]
struct RetainedKey {
    /// Document generation and edit revision: changes with every edit, undo and redo.
    content: (u64, u64),
    tool: Tool,
    dark: bool,
    label_scale: u32,
    zoom: u32,
    pixels_per_point: u32,
    /// Font atlas size and fill: the galleys' glyph positions are only valid for this atlas
    /// (egui starts a new one when it fills up).
    fonts: ([usize; 2], u32),
}

/// The static drawing of the canvas, tessellated once and reused while nothing it shows
/// changes: geometry and text as one mesh in screen coordinates at the translation it was
/// built with; panning within the region it covers only moves the layer it is drawn on. Zooming, edits, selection, tool and theme changes and gestures build
/// it again. Hover effects (the connector handle) are drawn on an overlay every frame.
#[derive(Debug, Clone)]
struct Retained {
    key: Option<RetainedKey>,
    selection: BTreeSet<ElementRef>,
    /// The scene region the drawing covers (the view when it was built and half a view
    /// around it).
    region_in_scene: egui::Rect,
    /// Translation of the scene → screen transform when it was built.
    translation: Vec2,
    /// Geometry and text (text last, above all geometry) in meshes of consecutive shapes with
    /// their bounds on screen, so that what is off screen is skipped without a look at its
    /// vertices.
    chunks: Vec<(egui::Rect, Mesh)>,
    /// The chunks on screen, joined into one mesh (egui copies each mesh it is given once
    /// more per frame, so one mesh of what is visible is cheapest), and which they were.
    on_screen: Arc<Mesh>,
    on_screen_chunks: Vec<bool>,
    /// The texts in `chunks`, in drawing order.
    texts: Vec<String>,
    /// Size of the font atlas the glyph texture coordinates of `mesh` were computed for.
    font_image_size: [usize; 2],
    /// Conduit label rectangles (scene coordinates) by conduit index, for hit testing.
    labels: Vec<Option<egui::Rect>>,
}

impl Default for Retained {
    fn default() -> Self {
        Retained {
            key: None,
            selection: BTreeSet::new(),
            region_in_scene: egui::Rect::NOTHING,
            translation: Vec2::ZERO,
            chunks: Vec::new(),
            on_screen: Arc::new(Mesh::default()),
            on_screen_chunks: Vec::new(),
            texts: Vec::new(),
            font_image_size: [0, 0],
            labels: Vec::new(),
        }
    }
}

impl Retained {
    fn valid_for(&self, key: &RetainedKey, visible_in_scene: egui::Rect) -> bool {
        self.key.as_ref() == Some(key) && self.region_in_scene.contains_rect(visible_in_scene)
    }
}

/// Everything the drawing code needs, borrowed from the app for one frame.
struct Frame<'a> {
    doc: &'a Document,
    catalog: &'a Catalog,
    selection: &'a BTreeSet<ElementRef>,
    tool: Tool,
    gesture: &'a Gesture,
    zoom: f32,
    label_scale: f32,
    dark: bool,
    /// Whether to draw the static drawing this frame (false: the retained one is reused and
    /// only interactions and overlays run).
    paint: bool,
    /// What to draw or interact with, in scene coordinates.
    region: egui::Rect,
    /// Conduit label rectangles of the retained drawing, when not painting.
    labels: &'a [Option<egui::Rect>],
    /// Hover effects drawn every frame above the drawing, in screen coordinates.
    overlay: egui::Painter,
}

/// Results of the frame's interactions.
#[derive(Default)]
struct Outcome {
    intents: Vec<Intent>,
    gesture: Option<Gesture>,
    end_gesture: bool,
    tool: Option<Tool>,
    hovered_item: bool,
    /// Screen rects of conduit labels, for dropping devices onto conduits.
    conduit_labels: Vec<(ConduitId, egui::Rect)>,
    zone_rects: Vec<(ZoneId, Rect)>,
    /// Conduit label rectangles by conduit index, when painting.
    labels: Vec<Option<egui::Rect>>,
}

fn press_origin_in_scene(ui: &egui::Ui, to_screen: &TSTransform) -> Option<Pos2> {
    ui.input(|i| i.pointer.press_origin())
        .map(|p| to_screen.inverse() * p)
}

fn pointer_in_scene(ui: &egui::Ui, to_screen: &TSTransform) -> Option<Pos2> {
    ui.input(|i| i.pointer.latest_pos())
        .map(|p| to_screen.inverse() * p)
}

/// The central canvas.
pub fn canvas_ui(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let Some(doc) = app.doc.as_ref() else { return };
    let canvas = &mut app.canvas;
    canvas.label_scale = if app.presentation { 1.35 } else { 1.0 };
    if canvas.fit_requested || !canvas.scene_rect.is_finite() {
        canvas.fit(doc);
    }
    let screen_rect = ui.available_rect_before_wrap();
    canvas.screen_rect = screen_rect;

    // The wheel zooms around the cursor (Scene alone would pan with it).
    let (scroll, hover, ctrl, shift) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.pointer.hover_pos(),
            i.modifiers.command,
            i.modifiers.shift,
        )
    });
    if let Some(h) = hover
        && screen_rect.contains(h)
        && scroll.y != 0.0
        && !ctrl
        && !egui::DragAndDrop::has_any_payload(ui.ctx())
    {
        let factor = (scroll.y * 0.0025).exp();
        let zoom = canvas.to_screen.scaling;
        let factor = (zoom * factor).clamp(0.03, 4.0) / zoom.max(1e-6);
        let p = canvas.to_screen.inverse() * h;
        let r = canvas.scene_rect;
        canvas.scene_rect =
            egui::Rect::from_min_max(p + (r.min - p) / factor, p + (r.max - p) / factor);
        ui.ctx().input_mut(|i| i.smooth_scroll_delta.y = 0.0);
    }

    let rubber = matches!(canvas.gesture, Gesture::RubberBand { .. }) || shift;
    let buttons = if rubber {
        egui::containers::DragPanButtons::MIDDLE | egui::containers::DragPanButtons::SECONDARY
    } else {
        egui::containers::DragPanButtons::all()
    };
    let bg = if app.dark {
        Color32::from_rgb(0x1c, 0x1e, 0x22)
    } else {
        Color32::from_rgb(0xf4, 0xf5, 0xf7)
    };
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
    let fonts = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio().to_bits()));
    let key = |zoom: f32, fonts| RetainedKey {
        content: (app.doc_generation, doc.history.revision()),
        tool: app.palette.tool,
        dark: app.dark,
        label_scale: canvas.label_scale.to_bits(),
        zoom: zoom.to_bits(),
        pixels_per_point: pixels_per_point.to_bits(),
        fonts,
    };
    let retained = &canvas.retained;
    let gesture = &canvas.gesture;
    let inner = egui::Scene::new()
        .zoom_range(0.03..=4.0)
        .max_inner_size(vec2(1.0e6, 1.0e6))
        .drag_pan_buttons(buttons)
        .show(ui, &mut scene_rect, |ui| {
            if let Some(t) = ui.ctx().layer_transform_to_global(ui.layer_id()) {
                to_screen = t;
            }
            ctx.set_sublayer(parent_layer, drawing_layer);
            ctx.set_sublayer(parent_layer, overlay_layer);
            let visible_in_scene = ui.clip_rect();
            let reuse = *gesture == Gesture::None
                && retained.selection == app.selection
                && retained.valid_for(&key(to_screen.scaling, fonts), visible_in_scene);
            let frame_data = Frame {
                doc,
                catalog: app.catalog,
                selection: &app.selection,
                tool: app.palette.tool,
                gesture,
                zoom: to_screen.scaling,
                label_scale: canvas.label_scale,
                dark: app.dark,
                paint: !reuse,
                region: if reuse {
                    visible_in_scene
                } else {
                    visible_in_scene.expand2(visible_in_scene.size() * 0.5)
                },
                labels: &retained.labels,
                overlay: egui::Painter::new(ctx.clone(), overlay_layer, screen_rect),
            };
            let sink = Sink::default();
            let text = Text {
                ctx: ctx.clone(),
                sink: &sink,
                to_screen,
            };
            let out = draw_scene_ui(ui, &frame_data, &to_screen, &text);
            (out, (!reuse).then_some((sink, frame_data.region)))
        });
    let (mut out, built) = inner.inner;
    let bg_response = inner.response;
    canvas.scene_rect = scene_rect;
    canvas.to_screen = to_screen;
    if let Some((sink, region_in_scene)) = built {
        let texts = sink
            .text
            .borrow()
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.galley.text().to_owned()),
                _ => None,
            })
            .collect();
        // after drawing: the galleys laid out this frame may have grown the atlas
        let fonts = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio().to_bits()));
        canvas.drawing_builds += 1;
        canvas.retained = Retained {
            key: (canvas.gesture == Gesture::None).then(|| key(to_screen.scaling, fonts)),
            selection: app.selection.clone(),
            region_in_scene,
            translation: to_screen.translation,
            chunks: tessellate(&ctx, sink, to_screen, to_screen * region_in_scene, fonts.0),
            on_screen: Arc::new(Mesh::default()),
            on_screen_chunks: Vec::new(),
            texts,
            font_image_size: fonts.0,
            labels: std::mem::take(&mut out.labels),
        };
    }
    // the retained drawing, moved by whole pixels to where the view is now
    let r = &mut canvas.retained;
    let delta =
        ((to_screen.translation - r.translation) * pixels_per_point).round() / pixels_per_point;
    ctx.set_transform_layer(drawing_layer, TSTransform::from_translation(delta));
    let visible_on_screen = screen_rect.translate(-delta);
    let is_on_screen = |(bounds, _): &(egui::Rect, Mesh)| bounds.intersects(visible_on_screen);
    // compared in place: the common frame (nothing scrolled into or out of view) allocates nothing
    let same_chunks = r.chunks.len() == r.on_screen_chunks.len()
        && r.chunks
            .iter()
            .zip(&r.on_screen_chunks)
            .all(|(c, on)| is_on_screen(c) == *on);
    if !same_chunks {
        let on_screen: Vec<bool> = r.chunks.iter().map(is_on_screen).collect();
        let mut mesh = Mesh::default();
        let (vertices, indices) = r
            .chunks
            .iter()
            .zip(&on_screen)
            .filter(|(_, on)| **on)
            .fold((0, 0), |(v, i), ((_, m), _)| {
                (v + m.vertices.len(), i + m.indices.len())
            });
        mesh.vertices.reserve_exact(vertices);
        mesh.indices.reserve_exact(indices);
        for ((_, m), on) in r.chunks.iter().zip(&on_screen) {
            if *on {
                mesh.append_ref(m);
            }
        }
        r.on_screen = Arc::new(mesh);
        r.on_screen_chunks = on_screen;
    }
    egui::Painter::new(ctx.clone(), drawing_layer, visible_on_screen)
        .add(Shape::mesh(r.on_screen.clone()));
    canvas.drawn_in_pass = Some(ctx.cumulative_pass_nr());
    let overlay = egui::Painter::new(ctx.clone(), overlay_layer, screen_rect);

    // background: clicks clear the selection or pick a conduit line; shift-drag selects
    let pointer = pointer_in_scene(ui, &to_screen);
    if bg_response.clicked() && !out.hovered_item {
        let hit = pointer.and_then(|p| conduit_at(doc, p, 8.0 / to_screen.scaling.max(1e-3)));
        match (hit, app.palette.tool) {
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
        && let Some(p) = press_origin_in_scene(ui, &to_screen).or(pointer)
    {
        out.gesture = Some(Gesture::RubberBand { start: p, now: p });
    }
    if let Gesture::RubberBand { start, .. } = canvas.gesture
        && let Some(p) = pointer
    {
        if bg_response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
            let band = egui::Rect::from_two_pos(start, p);
            let mut picked: Vec<ElementRef> = doc
                .project
                .zones
                .iter()
                .filter(|z| band.contains_rect(to_egui(&z.rect)))
                .map(|z| ElementRef::Zone(z.id))
                .collect();
            for (i, c) in doc.project.conduits.iter().enumerate() {
                if let Some((a, b)) = segment_of(doc, i, &Gesture::None)
                    && band.contains(a)
                    && band.contains(b)
                {
                    picked.push(ElementRef::Conduit(c.id));
                }
            }
            out.intents.push(Intent::Select(picked));
            out.end_gesture = true;
        } else {
            out.gesture = Some(Gesture::RubberBand { start, now: p });
        }
    }

    // drops from the palette
    if let Some(payload) = egui::DragAndDrop::payload::<PalettePayload>(ui.ctx())
        && let Some(p) = pointer
        && let Some(screen_p) = ui.input(|i| i.pointer.latest_pos())
        && screen_rect.contains(screen_p)
    {
        let target = zone_at(&out.zone_rects, p);
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
            match &*payload {
                PalettePayload::Zone(kind) => out.intents.push(Intent::CreateZone {
                    kind: *kind,
                    center: (p.x, p.y),
                }),
                PalettePayload::Component(c) => match target {
                    Some(zone) => {
                        let count = doc.project.zone(zone).map_or(0, |z| z.assets.len());
                        out.intents.push(Intent::CreateAsset {
                            zone,
                            component: c.clone(),
                            index: count,
                        });
                    }
                    None => out.intents.push(Intent::Status(
                        "Drop components into a zone: every asset belongs to a zone (ZCR 3)."
                            .to_owned(),
                    )),
                },
            }
        }
    }

    if out.end_gesture {
        canvas.gesture = Gesture::None;
    }
    if let Some(g) = out.gesture {
        canvas.gesture = g;
    }
    if let Some(t) = out.tool {
        app.palette.tool = t;
    }
    for i in out.intents {
        app.emit(i);
    }
}

/// Shapes per retained mesh: small enough to skip what is off screen, large enough that a
/// frame adds few meshes.
const CHUNK_SHAPES: usize = 16;

/// Tessellates the collected drawing into meshes in screen coordinates, as egui would at the
/// end of the frame (same options and pixel density): geometry (given in scene coordinates)
/// first, then text (already in screen coordinates), each in runs of [`CHUNK_SHAPES`]
/// consecutive shapes (drawing order is kept), with the bounds of each.
fn tessellate(
    ctx: &egui::Context,
    sink: Sink,
    to_screen: TSTransform,
    region_on_screen: egui::Rect,
    font_image_size: [usize; 2],
) -> Vec<(egui::Rect, Mesh)> {
    let options = ctx.tessellation_options(|o| *o);
    let mut tessellator =
        Tessellator::new(ctx.pixels_per_point(), options, font_image_size, Vec::new());
    tessellator.set_clip_rect(region_on_screen);
    let mut geometry = sink.geometry.into_inner();
    for shape in &mut geometry {
        shape.transform(to_screen);
    }
    let text = sink.text.into_inner();
    let mut chunks = Vec::new();
    for run in [geometry, text] {
        let mut shapes = run.into_iter().peekable();
        while shapes.peek().is_some() {
            let mut mesh = Mesh::default();
            for shape in shapes.by_ref().take(CHUNK_SHAPES) {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            if !mesh.is_empty() {
                chunks.push((mesh.calc_bounds(), mesh));
            }
        }
    }
    chunks
}

fn zone_at(zone_rects: &[(ZoneId, Rect)], p: Pos2) -> Option<ZoneId> {
    zone_rects
        .iter()
        .rev()
        .find(|(_, r)| r.contains(p.x, p.y))
        .map(|(id, _)| *id)
}

fn segment_of(doc: &Document, index: usize, gesture: &Gesture) -> Option<(Pos2, Pos2)> {
    let c = doc.project.conduits.get(index)?;
    let a = doc.project.zone(c.from)?;
    let b = doc.project.zone(c.to)?;
    let ra = displayed_rect(gesture, a.id, &a.rect);
    let rb = displayed_rect(gesture, b.id, &b.rect);
    let ((x0, y0), (x1, y1)) = layout::conduit_segment(&ra, &rb, doc.cache.lane(index));
    Some((pos2(x0, y0), pos2(x1, y1)))
}

fn conduit_at(doc: &Document, p: Pos2, tolerance: f32) -> Option<ConduitId> {
    doc.project.conduits.iter().enumerate().find_map(|(i, c)| {
        let a = doc.project.zone(c.from)?;
        let b = doc.project.zone(c.to)?;
        let ((x0, y0), (x1, y1)) = layout::conduit_segment(&a.rect, &b.rect, doc.cache.lane(i));
        (dist_to_segment(p, pos2(x0, y0), pos2(x1, y1)) <= tolerance).then_some(c.id)
    })
}

/// The hit area of a canvas item, announced to accessibility tools (and tests) as a button.
fn item_ui(
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

fn click_intent(resp: &egui::Response, e: ElementRef, selected: bool, out: &mut Outcome) {
    let shift = resp.ctx.input(|i| i.modifiers.shift);
    if shift {
        out.intents.push(Intent::ToggleSelect(e));
    } else if !selected {
        out.intents.push(Intent::Select(vec![e]));
    }
}

#[allow(clippy::too_many_lines)]
fn draw_scene_ui(ui: &mut egui::Ui, f: &Frame, to_screen: &TSTransform, t: &Text) -> Outcome {
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
    let text_color = if f.dark {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(25)
    };
    let sub_color = if f.dark {
        Color32::from_gray(180)
    } else {
        Color32::from_gray(70)
    };
    let chip_fill = if f.dark {
        Color32::from_gray(45)
    } else {
        Color32::WHITE
    };
    let pointer = pointer_in_scene(ui, to_screen);
    let ls = f.label_scale;

    // --- zones and their assets
    for (zi, z) in project.zones.iter().enumerate() {
        let rect = displayed_rect(f.gesture, z.id, &z.rect);
        out.zone_rects.push((z.id, rect));
        let er = to_egui(&rect);
        if !visible.intersects(er.expand(20.0)) {
            continue;
        }
        let ea = a.zones.get(zi);
        let worst = ea.map_or(GapSeverity::Unknown, |e| e.worst);
        let selected = f.selection.contains(&ElementRef::Zone(z.id));
        let zone_id = egui::Id::new(("zone", z.id.0));
        let resp = item_ui(ui, er, zone_id, Sense::click_and_drag(), || {
            format!("Zone {}", z.name)
        });
        if resp.hovered() {
            out.hovered_item = true;
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
            match f.tool {
                Tool::Conduit { first: None } => {
                    out.tool = Some(Tool::Conduit { first: Some(z.id) })
                }
                Tool::Conduit { first: Some(first) } => {
                    if first != z.id {
                        out.intents.push(Intent::CreateConduit {
                            from: first,
                            to: z.id,
                        });
                        out.tool = Some(Tool::Select);
                    }
                }
                Tool::Select => click_intent(&resp, ElementRef::Zone(z.id), selected, &mut out),
            }
        }
        if resp.drag_started()
            && let Some(p) = press_origin_in_scene(ui, to_screen).or(pointer)
        {
            let e = edges_at(&z.rect, p, EDGE_GRAB / zoom);
            if e.any() {
                out.gesture = Some(Gesture::Resize {
                    id: z.id,
                    edges: e,
                    start: p,
                    now: p,
                });
            } else {
                let ids: Vec<ZoneId> = if selected {
                    f.selection
                        .iter()
                        .filter_map(|e| {
                            if let ElementRef::Zone(id) = e {
                                Some(*id)
                            } else {
                                None
                            }
                        })
                        .collect()
                } else {
                    out.intents
                        .push(Intent::Select(vec![ElementRef::Zone(z.id)]));
                    vec![z.id]
                };
                out.gesture = Some(Gesture::MoveZones {
                    ids,
                    grabbed: z.id,
                    start: p,
                    now: p,
                });
            }
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
                        let (dx, dy) = (p.x - start.x, p.y - start.y);
                        if dx.abs() >= 0.5 || dy.abs() >= 0.5 {
                            out.intents.push(Intent::MoveZones {
                                ids: ids.clone(),
                                dx,
                                dy,
                            });
                        }
                        out.end_gesture = true;
                    } else if resp.dragged() {
                        out.gesture = Some(Gesture::MoveZones {
                            ids: ids.clone(),
                            grabbed: z.id,
                            start: *start,
                            now: p,
                        });
                    }
                }
            }
            Gesture::Resize {
                id, edges, start, ..
            } if *id == z.id => {
                if let Some(p) = pointer {
                    if resp.drag_stopped() {
                        let r = resized(&z.rect, *edges, p - *start);
                        if r != z.rect {
                            out.intents.push(Intent::ResizeZone { id: z.id, rect: r });
                        }
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

        let readable = 13.0 * zoom >= 4.0;
        if f.paint {
            // body
            let stroke_w = if selected { 3.0 } else { 2.0 };
            painter.rect_filled(er, CornerRadius::same(6), theme::gap_fill(worst, f.dark));
            painter.rect_stroke(
                er,
                CornerRadius::same(6),
                Stroke::new(stroke_w, theme::gap_color(worst)),
                StrokeKind::Inside,
            );
            if selected {
                painter.rect_stroke(
                    er.expand(3.0 / zoom),
                    CornerRadius::same(8),
                    Stroke::new(2.0 / zoom, theme::SELECTION),
                    StrokeKind::Outside,
                );
            }
            if matches!(f.tool, Tool::Conduit { first: Some(first) } if first == z.id) {
                painter.rect_stroke(
                    er.expand(4.0 / zoom),
                    CornerRadius::same(8),
                    Stroke::new(3.0 / zoom, theme::SELECTION),
                    StrokeKind::Outside,
                );
            }
            // header
            let header = egui::Rect::from_min_size(
                er.min,
                vec2(er.width(), layout::HEADER_H.min(er.height())),
            );
            painter.rect_filled(
                egui::Rect::from_min_size(header.min, vec2(6.0, header.height())),
                CornerRadius {
                    nw: 6,
                    sw: 0,
                    ne: 0,
                    se: 0,
                },
                theme::kind_color(z.kind),
            );
            let strip_w = if zoom >= 0.5 { 7.0 * 15.0 } else { 0.0 };
            let finding_w = if ea.is_some_and(|e| e.finding_count > 0) {
                30.0
            } else {
                0.0
            };
            let risk_w = if risk_badge::intolerable(ea) > 0 {
                risk_badge::ZONE_W
            } else {
                0.0
            };
            let marker_w = finding_w + risk_w;
            if readable {
                let name_w = er.width() - 22.0 - strip_w - marker_w;
                let g = t.fitted(&z.name, 17.0 * ls, text_color, name_w);
                t.galley(er.min + vec2(14.0, 7.0), g, text_color);
                let summary = match ea {
                    Some(e) => format!("{} · {}", z.kind.label(), sl_summary(e.sl_t, &e.sl_a)),
                    None => z.kind.label().to_owned(),
                };
                let g = t.fitted(
                    &summary,
                    12.5 * ls.min(1.2),
                    sub_color,
                    er.width() - 22.0 - marker_w,
                );
                t.galley(er.min + vec2(14.0, 31.0), g, sub_color);
            }
            // FR strip, zoomed in
            if let Some(e) = ea
                && strip_w > 0.0
            {
                let x0 = er.max.x - 8.0 - marker_w - strip_w;
                for (k, fr) in crate::model::Fr::ALL.iter().enumerate() {
                    let cell = egui::Rect::from_min_size(
                        pos2(x0 + k as f32 * 15.0, er.min.y + 8.0),
                        vec2(13.0, 13.0),
                    );
                    let sev = e.fr_severity[k];
                    painter.rect_filled(cell, CornerRadius::same(2), theme::gap_color(sev));
                    t.text(
                        cell.center(),
                        egui::Align2::CENTER_CENTER,
                        fr.number().to_string(),
                        9.0,
                        theme::gap_text_color(sev),
                    );
                }
            }
            // findings marker
            if let Some(e) = ea
                && e.finding_count > 0
            {
                let c = pos2(er.max.x - 19.0, er.min.y + 17.0);
                finding_badge(
                    &painter,
                    t,
                    f,
                    ElementRef::Zone(z.id),
                    c,
                    11.0,
                    e.finding_count,
                );
            }
            if let Some(e) = ea
                && e.risk.intolerable > 0
            {
                let r = risk_badge::zone_rect(er, e);
                risk_badge::paint(&painter, t, r, &project.risk.matrix, e);
            }
        }
        if let Some(e) = ea
            && e.risk.intolerable > 0
            && resp.hovered()
        {
            let risky = e.risk.intolerable;
            if pointer.is_some_and(|p| risk_badge::zone_rect(er, e).contains(p)) {
                let text = risk_badge::hover_text(risky, &project.risk.matrix);
                resp.clone().on_hover_text(text);
            }
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
            if hresp.drag_started()
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

        // assets
        if zoom < LOD_CHIPS {
            if f.paint && readable && !z.assets.is_empty() {
                t.text(
                    er.min + vec2(14.0, layout::HEADER_H + 6.0),
                    egui::Align2::LEFT_TOP,
                    crate::count_of(z.assets.len(), "asset", "assets"),
                    13.0 * ls,
                    sub_color,
                );
            }
            continue;
        }
        if !f.paint && zoom < LOD_CHIP_TEXT {
            continue; // chips without text take no clicks
        }
        let chips = layout::asset_chips(&rect, z.assets.len());
        for (asset, slot) in z.assets.iter().zip(&chips.slots) {
            let cr = to_egui(slot);
            if !visible.intersects(cr) {
                continue;
            }
            let moving = matches!(f.gesture, Gesture::MoveAsset { id, .. } if *id == asset.id);
            let asel = f.selection.contains(&ElementRef::Asset(asset.id));
            if zoom >= LOD_CHIP_TEXT {
                let asset_id = egui::Id::new(("asset", asset.id.0));
                let aresp = item_ui(ui, cr, asset_id, Sense::click_and_drag(), || {
                    format!("Asset {}", asset.name)
                });
                if aresp.hovered() {
                    out.hovered_item = true;
                }
                if aresp.clicked() {
                    click_intent(&aresp, ElementRef::Asset(asset.id), asel, &mut out);
                }
                if aresp.drag_started()
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
                    t, &painter, f, asset, cr, chip_fill, text_color, asel, moving, zoom,
                );
            }
        }
        if let Some(slot) = chips.overflow_slot
            && zoom >= LOD_CHIP_TEXT
            && f.paint
        {
            let cr = to_egui(&slot);
            painter.rect_stroke(
                cr,
                CornerRadius::same(4),
                Stroke::new(1.0, sub_color),
                StrokeKind::Inside,
            );
            t.text(
                cr.center(),
                egui::Align2::CENTER_CENTER,
                format!("+{} more — enlarge the zone", chips.hidden),
                12.0 * ls.min(1.15),
                sub_color,
            );
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
        let worst = ea.map_or(GapSeverity::Unknown, |e| e.worst);
        let color = theme::gap_color(worst);
        let selected = f.selection.contains(&ElementRef::Conduit(c.id));
        let label_rect = if f.paint {
            if selected {
                painter.line_segment(
                    [p0, p1],
                    Stroke::new(9.0, theme::SELECTION.gamma_multiply(0.45)),
                );
            }
            painter.line_segment([p0, p1], Stroke::new(3.5, color));
            let dir = (p1 - p0).normalized();
            if c.direction == Direction::OneWay {
                let tip = p1;
                let back = tip - dir * 16.0;
                let n = vec2(-dir.y, dir.x) * 8.0;
                painter.add(egui::Shape::convex_polygon(
                    vec![tip, back + n, back - n],
                    color,
                    Stroke::NONE,
                ));
            }
            // boundary device mark
            let boundary = c.devices.iter().find(|d| {
                f.catalog
                    .component(&d.component)
                    .is_some_and(|t| t.boundary)
            });
            if let Some(d) = boundary {
                let icon = f
                    .catalog
                    .component(&d.component)
                    .map_or("BD", |t| t.icon.as_str());
                let at = p0 + (p1 - p0) * 0.25;
                let r = egui::Rect::from_center_size(at, vec2(34.0, 20.0));
                painter.rect(
                    r,
                    CornerRadius::same(3),
                    Color32::from_rgb(0x26, 0x32, 0x38),
                    Stroke::new(1.5, color),
                    StrokeKind::Inside,
                );
                t.text(
                    r.center(),
                    egui::Align2::CENTER_CENTER,
                    icon,
                    11.0,
                    Color32::WHITE,
                );
            }
            // label
            if 12.0 * zoom >= 4.0 {
                let mid = p0 + (p1 - p0) * 0.55;
                let mut label = c.name.clone();
                if c.devices.len() > usize::from(boundary.is_some())
                    || (boundary.is_some() && c.devices.len() > 1)
                {
                    label = format!(
                        "{label} · {}",
                        crate::count_of(c.devices.len(), "device", "devices")
                    );
                }
                // a label across a short, mostly horizontal conduit must not spill onto the zones
                let span = p1 - p0;
                let max_w = if span.x.abs() > span.y.abs() {
                    (span.length() - 16.0).clamp(48.0, 220.0)
                } else {
                    220.0
                };
                let g = t.fitted(&label, 12.0 * ls.min(1.2), text_color, max_w);
                let size = t.scene_size(&g) + vec2(12.0, 6.0);
                let lr = egui::Rect::from_center_size(mid, size);
                let fill = if f.dark {
                    Color32::from_gray(40)
                } else {
                    Color32::WHITE
                };
                painter.rect(
                    lr,
                    CornerRadius::same(4),
                    fill,
                    Stroke::new(
                        if selected { 2.5 } else { 1.5 },
                        if selected { theme::SELECTION } else { color },
                    ),
                    StrokeKind::Inside,
                );
                t.galley(lr.min + vec2(6.0, 3.0), g, text_color);
                if let Some(e) = ea
                    && e.finding_count > 0
                {
                    let mc = pos2(lr.max.x + 2.0, lr.min.y - 2.0);
                    let id = ElementRef::Conduit(c.id);
                    finding_badge(&painter, t, f, id, mc, 8.0, e.finding_count);
                }
                if let Some(e) = ea
                    && e.risk.intolerable > 0
                {
                    let r = risk_badge::conduit_rect(lr);
                    risk_badge::paint(&painter, t, r, &project.risk.matrix, e);
                }
                Some(lr)
            } else {
                None
            }
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
                let from = project.element_name(ElementRef::Zone(c.from));
                let to = project.element_name(ElementRef::Zone(c.to));
                let arrow = if c.direction == Direction::OneWay {
                    "→"
                } else {
                    "↔"
                };
                let shown = crate::model::text::visible;
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
                        risk_badge::hover_text(risky, &project.risk.matrix)
                    );
                }
                resp.clone().on_hover_text(text);
            }
            if resp.clicked() && f.tool == Tool::Select {
                click_intent(&resp, ElementRef::Conduit(c.id), selected, &mut out);
            }
            out.conduit_labels.push((c.id, lr));
        }
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
            match zone_at(&out.zone_rects, now) {
                Some(to) if to != from => out.intents.push(Intent::CreateConduit { from, to }),
                _ => out.intents.push(Intent::Status(
                    "Release the connector over another zone to create a conduit.".into(),
                )),
            }
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
            zoom,
        );
        if out.end_gesture {
            let on_conduit = out
                .conduit_labels
                .iter()
                .find(|(_, r)| r.expand(6.0).contains(now))
                .map(|(c, _)| *c);
            if let Some(c) = on_conduit {
                let index = project.conduit(c).map_or(0, |c| c.devices.len());
                out.intents.push(Intent::MoveAsset {
                    id,
                    to: AssetParent::Conduit(c),
                    index,
                });
            } else if let Some(zone) = zone_at(&out.zone_rects, now) {
                let (rect, count) = project
                    .zone(zone)
                    .map_or((Rect::new(0.0, 0.0, 1.0, 1.0), 0), |z| {
                        (z.rect, z.assets.len())
                    });
                let index = layout::drop_index(&rect, count, now.x, now.y);
                out.intents.push(Intent::MoveAsset {
                    id,
                    to: AssetParent::Zone(zone),
                    index,
                });
            } else {
                out.intents.push(Intent::Status("Drop the asset into a zone, or onto a conduit's label to make it a conduit device.".into()));
            }
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

/// The number of findings on an element in a circle of the colour of the worst one.
fn finding_badge(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    element: ElementRef,
    center: Pos2,
    radius: f32,
    count: usize,
) {
    let worst = f.doc.cache.worst.get(&element).copied();
    let fill = theme::finding_color(worst.unwrap_or(FindingSeverity::Warning));
    painter.circle_filled(center, radius, fill);
    let text_size = if radius > 10.0 { 12.0 } else { 10.0 };
    t.text(
        center,
        egui::Align2::CENTER_CENTER,
        count.to_string(),
        text_size,
        Color32::WHITE,
    );
}

#[allow(clippy::too_many_arguments)]
fn draw_chip(
    t: &Text,
    painter: &Geometry,
    f: &Frame,
    asset: &crate::model::Asset,
    cr: egui::Rect,
    fill: Color32,
    text_color: Color32,
    selected: bool,
    faded: bool,
    zoom: f32,
) {
    let fill = if faded {
        fill.gamma_multiply(0.4)
    } else {
        fill
    };
    let stroke = if selected {
        Stroke::new(2.5, theme::SELECTION)
    } else {
        Stroke::new(1.0, Color32::from_gray(150))
    };
    if zoom < LOD_CHIP_TEXT {
        // too small for text: a plain box (its 4-unit corners and 1-unit border would be
        // under 2 and 0.5 pixels, and cost eight times the vertices)
        if selected {
            painter.rect(cr, CornerRadius::ZERO, fill, stroke, StrokeKind::Inside);
        } else {
            painter.rect_filled(cr, CornerRadius::ZERO, fill);
        }
        return;
    }
    painter.rect(cr, CornerRadius::same(4), fill, stroke, StrokeKind::Inside);
    let comp = f.catalog.component(&asset.component);
    let icon = comp.map_or("?", |c| c.icon.as_str());
    let badge = egui::Rect::from_min_size(cr.min + vec2(3.0, 3.0), vec2(36.0, cr.height() - 6.0));
    let badge_color = match comp {
        Some(c) if c.safety => Color32::from_rgb(0xd8, 0x43, 0x15),
        Some(c) if c.boundary => Color32::from_rgb(0x26, 0x32, 0x38),
        Some(c) if c.business_it => Color32::from_rgb(0x5c, 0x6b, 0xc0),
        Some(c) if c.wireless || c.external || c.temporary => Color32::from_rgb(0x00, 0x89, 0x7b),
        Some(_) => Color32::from_rgb(0x45, 0x5a, 0x64),
        None => Color32::from_rgb(0xc6, 0x28, 0x28),
    };
    painter.rect_filled(badge, CornerRadius::same(3), badge_color);
    t.text(
        badge.center(),
        egui::Align2::CENTER_CENTER,
        icon,
        10.5,
        Color32::WHITE,
    );
    let g = t.fitted(
        &asset.name,
        12.5 * f.label_scale.min(1.25),
        text_color,
        cr.width() - 48.0,
    );
    let y = cr.center().y - t.scene_size(&g).y / 2.0;
    t.galley(pos2(badge.max.x + 5.0, y), g, text_color);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resize_keeps_a_minimum_size() {
        let r = Rect::new(0.0, 0.0, 400.0, 300.0);
        let e = Edges {
            right: true,
            bottom: true,
            ..Default::default()
        };
        assert_eq!(
            resized(&r, e, vec2(50.0, 20.0)),
            Rect::new(0.0, 0.0, 450.0, 320.0)
        );
        let shrunk = resized(&r, e, vec2(-1000.0, -1000.0));
        assert_eq!(
            (shrunk.w, shrunk.h),
            (layout::MIN_ZONE_W, layout::MIN_ZONE_H)
        );
        let e = Edges {
            left: true,
            ..Default::default()
        };
        assert_eq!(
            resized(&r, e, vec2(30.0, 0.0)),
            Rect::new(30.0, 0.0, 370.0, 300.0)
        );
    }

    #[test]
    fn edges_are_found_near_the_border_only() {
        let r = Rect::new(0.0, 0.0, 100.0, 100.0);
        assert!(edges_at(&r, pos2(1.0, 50.0), 5.0).left);
        assert!(!edges_at(&r, pos2(50.0, 50.0), 5.0).any());
        let c = edges_at(&r, pos2(99.0, 101.0), 5.0);
        assert!(c.right && c.bottom);
    }

    #[test]
    fn sl_summary_uses_vectors_only_when_frs_differ() {
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
