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
    /// Font atlas size, fill and text options: the galleys' glyph positions are only valid
    /// for this atlas (egui starts a new one when it fills up, and when the text options
    /// change with the theme).
    pub fonts: ([usize; 2], u32, egui::epaint::text::TextOptions),
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
            chunks: Vec::new(),
            on_screen: Arc::new(Mesh::default()),
            on_screen_chunks: Vec::new(),
            texts: Vec::new(),
            text_sizes: Vec::new(),
            font_image_size: [0, 0],
            labels: Vec::new(),
            shape_counts: (0, 0),
        }
    }
}

impl Retained {
    pub fn valid_for(&self, key: &RetainedKey, visible_in_scene: egui::Rect) -> bool {
        self.key.as_ref() == Some(key) && self.region_in_scene.contains_rect(visible_in_scene)
    }
}

impl Retained {
    /// The chunks that intersect `visible_on_screen` (in the drawing's own screen
    /// coordinates), as one mesh; joined again only when that set changed.
    pub fn on_screen_mesh(&mut self, visible_on_screen: egui::Rect) -> Arc<Mesh> {
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
