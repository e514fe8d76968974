//! The retained drawing: the canvas's shapes tessellated once into meshes in screen
//! coordinates and reused, frame after frame, while nothing they show changes (see
//! [`RetainedKey`]); of its chunks, those on screen are joined into one mesh.

use super::paint::Sink;
use crate::model::ElementRef;
use crate::ui::palette::Tool;
use egui::emath::TSTransform;
use egui::epaint::{Mesh, Tessellator};
use egui::{Shape, Vec2};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the retained drawing depends on besides the view position: when any of it changes,
/// the drawing is built again.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RetainedKey {
    /// The document revision ([`super::DrawCache::revision`]): changes with every edit, undo
    /// and redo, and differs between documents.
    pub content: u64,
    /// The zones shown expanded (a hash of the set).
    pub expanded: u64,
    pub tool: Tool,
    pub dark: bool,
    pub label_scale: u32,
    /// Whether traffic without a conduit is drawn.
    pub traffic_lines: bool,
    pub zoom: u32,
    pub pixels_per_point: u32,
    /// Font atlas size and text options: the galleys' glyph positions are only valid for this
    /// atlas (it grows as it fills, and egui starts a new one when the text options change
    /// with the theme; see also [`Retained::font_fill`]).
    pub fonts: ([usize; 2], egui::epaint::text::TextOptions),
}

/// The static drawing of the canvas, tessellated once and reused while nothing it shows
/// changes: geometry and text as one mesh in screen coordinates at the translation it was
/// built with; panning within the region it covers only moves the layer it is drawn on. Zooming, edits, selection, tool and theme changes and gestures build
/// it again. Hover effects (the connector handle) are drawn on an overlay every frame.
#[derive(Debug, Clone)]
pub(super) struct Retained {
    pub key: Option<RetainedKey>,
    pub selection: BTreeSet<ElementRef>,
    /// The scene region the drawing covers (the view when it was built and half a view
    /// around it).
    pub region_in_scene: egui::Rect,
    /// Translation of the scene → screen transform when it was built.
    pub translation: Vec2,
    /// Zoom (screen points per scene unit) it was built at.
    pub zoom: f32,
    /// Geometry and text (text last, above all geometry) in meshes of consecutive shapes with
    /// their bounds on screen, so that what is off screen is skipped without a look at its
    /// vertices.
    pub chunks: Vec<(egui::Rect, Mesh)>,
    /// The chunks on screen, joined into one mesh (egui copies each mesh it is given once
    /// more per frame, so one mesh of what is visible is cheapest), and which they were.
    pub on_screen: Arc<Mesh>,
    pub on_screen_chunks: Vec<bool>,
    /// The texts in `chunks`, in drawing order.
    pub texts: Vec<String>,
    /// Their font sizes on screen, in points (parallel to `texts`).
    pub text_sizes: Vec<f32>,
    /// Size of the font atlas the glyph texture coordinates of `mesh` were computed for.
    pub font_image_size: [usize; 2],
    /// How full the atlas was after the build. New glyphs laid out elsewhere only add to it
    /// and leave these glyphs where they are; a lower fill means egui started a new atlas
    /// (it does when one is 80 % full) and the drawing must be built again.
    pub font_fill: f32,
    /// Conduit label rectangles (scene coordinates) by conduit index, for hit testing.
    pub labels: Vec<Option<egui::Rect>>,
    /// How many geometry and text shapes the drawing had (the next build reserves as many).
    pub shape_counts: (usize, usize),
}

impl Default for Retained {
    fn default() -> Self {
        Retained {
            key: None,
            selection: BTreeSet::new(),
            region_in_scene: egui::Rect::NOTHING,
            translation: Vec2::ZERO,
            zoom: 1.0,
            chunks: Vec::new(),
            on_screen: Arc::new(Mesh::default()),
            on_screen_chunks: Vec::new(),
            texts: Vec::new(),
            text_sizes: Vec::new(),
            font_image_size: [0, 0],
            font_fill: 0.0,
            labels: Vec::new(),
            shape_counts: (0, 0),
        }
    }
}

/// How far a zoom gesture may scale the drawing before it is built again: up to twice (text a
/// little soft until the gesture rests, as a map's tiles are) and down to half (the drawing
/// covers twice the view). Once the gesture rests it is built at the zoom reached.
pub(super) const MAX_GESTURE_SCALE: f32 = 2.0;

impl Retained {
    pub(crate) fn valid_for(&self, key: &RetainedKey, visible_in_scene: egui::Rect) -> bool {
        self.key.as_ref() == Some(key) && self.region_in_scene.contains_rect(visible_in_scene)
    }

    /// Whether, during a zoom gesture, the drawing may be shown scaled instead of built again:
    /// it shows the same things (all of `key` but the zoom), covers the view, and its zoom is
    /// within [`MAX_GESTURE_SCALE`] of `key`'s.
    pub fn valid_scaled(&self, key: &RetainedKey, visible_in_scene: egui::Rect) -> bool {
        let Some(built) = &self.key else {
            return false;
        };
        let scale = f32::from_bits(key.zoom) / self.zoom;
        RetainedKey {
            zoom: built.zoom,
            ..key.clone()
        } == *built
            && (1.0 / MAX_GESTURE_SCALE..=MAX_GESTURE_SCALE).contains(&scale)
            && self.region_in_scene.contains_rect(visible_in_scene)
    }

    /// The transform from the drawing's own screen coordinates (as built) to the screen under
    /// `to_screen` now: a move by whole pixels at the zoom it was built at, else a scale about
    /// the scene as well.
    pub fn layer_transform(&self, to_screen: TSTransform, pixels_per_point: f32) -> TSTransform {
        if to_screen.scaling == self.zoom {
            let delta = ((to_screen.translation - self.translation) * pixels_per_point).round()
                / pixels_per_point;
            TSTransform::from_translation(delta)
        } else {
            // scene p: built screen q = z0·p + t0, now z1·p + t1 = k·q + (t1 − k·t0)
            let k = to_screen.scaling / self.zoom;
            TSTransform::new(to_screen.translation - self.translation * k, k)
        }
    }
}

impl Retained {
    /// The chunks that intersect `visible_on_screen` (in the drawing's own screen
    /// coordinates), as one mesh; joined again only when that set changed.
    pub(crate) fn on_screen_mesh(&mut self, visible_on_screen: egui::Rect) -> Arc<Mesh> {
        let is_on_screen = |(bounds, _): &(egui::Rect, Mesh)| bounds.intersects(visible_on_screen);
        // compared in place: the common frame (nothing scrolled into or out of view) allocates nothing
        let same_chunks = self.chunks.len() == self.on_screen_chunks.len()
            && self
                .chunks
                .iter()
                .zip(&self.on_screen_chunks)
                .all(|(c, on)| is_on_screen(c) == *on);
        if !same_chunks {
            let on_screen: Vec<bool> = self.chunks.iter().map(is_on_screen).collect();
            let mut mesh = Mesh::default();
            let (vertices, indices) = self
                .chunks
                .iter()
                .zip(&on_screen)
                .filter(|(_, on)| **on)
                .fold((0, 0), |(v, i), ((_, m), _)| {
                    (v + m.vertices.len(), i + m.indices.len())
                });
            mesh.vertices.reserve_exact(vertices);
            mesh.indices.reserve_exact(indices);
            for ((_, m), on) in self.chunks.iter().zip(&on_screen) {
                if *on {
                    mesh.append_ref(m);
                }
            }
            self.on_screen = Arc::new(mesh);
            self.on_screen_chunks = on_screen;
        }
        self.on_screen.clone()
    }
}

/// The texts of a collected drawing and their on-screen font sizes, in drawing order (for tests
/// and accessibility checks).
pub(super) fn texts_of(sink: &Sink) -> (Vec<String>, Vec<f32>) {
    sink.text
        .borrow()
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some((
                t.galley.text().to_owned(),
                t.galley
                    .job
                    .sections
                    .first()
                    .map_or(0.0, |s| s.format.font_id.size),
            )),
            _ => None,
        })
        .unzip()
}

/// Shapes per retained mesh: small enough to skip what is off screen, large enough that a
/// frame adds few meshes.
pub(super) const CHUNK_SHAPES: usize = 16;

/// Tessellates the collected drawing into meshes in screen coordinates, as egui would at the
/// end of the frame (same options and pixel density): geometry (given in scene coordinates)
/// first, then text (already in screen coordinates), each in runs of [`CHUNK_SHAPES`]
/// consecutive shapes (drawing order is kept), with the bounds of each.
pub(super) fn tessellate(
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
    // layer by layer (a zone drawn over another hides its text): geometry, then its text
    let mut runs = Vec::new();
    let (mut geometry, mut text) = (geometry.into_iter(), text.into_iter());
    let (mut g_at, mut t_at) = (0, 0);
    for (g_end, t_end) in sink
        .layers
        .into_inner()
        .into_iter()
        .chain([(usize::MAX, usize::MAX)])
    {
        runs.push(
            geometry
                .by_ref()
                .take(g_end.saturating_sub(g_at))
                .collect::<Vec<_>>(),
        );
        runs.push(
            text.by_ref()
                .take(t_end.saturating_sub(t_at))
                .collect::<Vec<_>>(),
        );
        (g_at, t_at) = (g_end.max(g_at), t_end.max(t_at));
    }
    for run in runs {
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

#[cfg(test)]
mod layer_tests {
    use super::*;
    use egui::{Color32, Rect, pos2, vec2};

    /// A zone drawn over another hides the text of the one below: its geometry comes after
    /// that text, and only then its own text.
    #[test]
    fn each_layer_draws_its_geometry_then_its_text() {
        let ctx = egui::Context::default();
        let sink = Sink::default();
        let rect = |c: Color32| {
            Shape::rect_filled(
                Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 10.0)),
                0.0,
                c,
            )
        };
        sink.geometry.borrow_mut().push(rect(Color32::RED));
        sink.text.borrow_mut().push(rect(Color32::GREEN));
        sink.start_layer();
        sink.geometry.borrow_mut().push(rect(Color32::BLUE));
        sink.text.borrow_mut().push(rect(Color32::YELLOW));
        let chunks = tessellate(
            &ctx,
            sink,
            TSTransform::IDENTITY,
            Rect::from_min_size(pos2(-100.0, -100.0), vec2(1000.0, 1000.0)),
            [64, 64],
        );
        let colours: Vec<Color32> = chunks
            .iter()
            .filter_map(|(_, m)| {
                m.vertices
                    .iter()
                    .find(|v| v.color.a() == 255)
                    .map(|v| v.color)
            })
            .collect();
        assert_eq!(
            colours,
            [Color32::RED, Color32::GREEN, Color32::BLUE, Color32::YELLOW]
        );
    }

    fn key(zoom: f32) -> RetainedKey {
        RetainedKey {
            content: 7,
            expanded: 0,
            tool: Tool::Select,
            traffic_lines: true,
            dark: false,
            label_scale: 1.0f32.to_bits(),
            zoom: zoom.to_bits(),
            pixels_per_point: 1.0f32.to_bits(),
            fonts: ([1024, 64], egui::epaint::text::TextOptions::default()),
        }
    }

    fn built_at(zoom: f32, translation: Vec2) -> Retained {
        Retained {
            key: Some(key(zoom)),
            region_in_scene: Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 1000.0)),
            translation,
            zoom,
            ..Retained::default()
        }
    }

    /// Built at zoom 2 with translation (10, 20): a scene point p is at 2p + (10, 20) in the
    /// drawing; at zoom 3, translation (−5, 4) it belongs at 3p + (−5, 4). With k = 3/2 the
    /// layer must map q to k·q + (−5 − 15, 4 − 30) = 1.5·q + (−20, −26).
    #[test]
    fn a_scaled_drawing_lands_where_the_view_now_puts_the_scene() {
        let r = built_at(2.0, vec2(10.0, 20.0));
        let now = TSTransform::new(vec2(-5.0, 4.0), 3.0);
        let layer = r.layer_transform(now, 1.0);
        assert_eq!(layer, TSTransform::new(vec2(-20.0, -26.0), 1.5));
        let p = pos2(100.0, 50.0);
        let q = TSTransform::new(vec2(10.0, 20.0), 2.0) * p;
        assert_eq!(layer * q, now * p);
        // at the zoom it was built at: a move by whole pixels (2 px per point: half points)
        let moved = r.layer_transform(TSTransform::new(vec2(10.3, 20.8), 2.0), 2.0);
        assert_eq!(moved, TSTransform::from_translation(vec2(0.5, 1.0)));
    }

    #[test]
    fn a_zoom_gesture_may_scale_the_drawing_to_twice_or_half_and_no_more() {
        let r = built_at(2.0, Vec2::ZERO);
        let view = Rect::from_min_size(pos2(100.0, 100.0), vec2(200.0, 200.0));
        assert!(r.valid_scaled(&key(3.9), view));
        assert!(r.valid_scaled(&key(1.1), view));
        assert!(!r.valid_scaled(&key(4.1), view), "more than twice");
        assert!(!r.valid_scaled(&key(0.9), view), "less than half");
        let other = RetainedKey {
            content: 8,
            ..key(2.2)
        };
        assert!(!r.valid_scaled(&other, view), "an edit builds it again");
        let beyond = Rect::from_min_size(pos2(900.0, 900.0), vec2(200.0, 200.0));
        assert!(!r.valid_scaled(&key(2.2), beyond), "outside what it covers");
        assert!(!r.valid_for(&key(2.2), view), "only a gesture may scale it");
    }

    #[test]
    fn only_an_overlapping_zone_starts_a_layer() {
        use crate::model::{Rect as R, ZoneId};
        let a = (ZoneId(1), R::new(0.0, 0.0, 100.0, 100.0));
        let b = (ZoneId(2), R::new(200.0, 0.0, 100.0, 100.0));
        let c = (ZoneId(3), R::new(50.0, 50.0, 100.0, 100.0));
        assert!(!super::super::paint::overlaps_earlier(&[a]));
        assert!(!super::super::paint::overlaps_earlier(&[a, b]));
        assert!(super::super::paint::overlaps_earlier(&[a, b, c]));
    }
}
