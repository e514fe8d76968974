//! Read-only topology view: zones as nodes and conduits as edges, laid out by egui_graphs'
//! force-directed algorithm, with the paths from untrusted zones to safety zones highlighted.
//!
//! Use: keep one [`TopologyView`] in the app state, call [`TopologyView::sync`] every frame
//! (cheap unless `revision` changed) and [`TopologyView::show_ui`] while the tab is visible.
//!
//! Repainting: egui_graphs' `GraphView::show` requests a repaint on every frame it is called.
//! This view therefore calls it only while something is live — the layout is still settling,
//! a fit-to-screen is pending, the pointer is over the graph or a drag that began there is
//! still held. Otherwise it paints the same node and edge shapes itself from the stored
//! positions and zoom/pan and requests nothing, so a settled, untouched view lets the app go
//! idle. When the tab is hidden `show_ui` is not called and nothing is drawn at all.

use crate::analysis::{Assessment, GapSeverity};
use crate::model::{ConduitId, Direction, Project, ZoneId, ZoneKind};
use egui::epaint::{RectShape, TextShape};
use egui::{Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, EdgeShapeBuilder, EdgeShapeProps,
    ForceAlgorithm, FruchtermanReingoldWithCenterGravity,
    FruchtermanReingoldWithCenterGravityState, GraphChange, GraphView, Layout, LayoutState,
    MetadataFrame, Node, NodeProps, SettingsInteraction, SettingsNavigation, SettingsStyle,
    TipProps,
};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, NodeIndex};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// Fill of a zone whose worst gap is none (target reached).
pub const GAP_NONE_COLOR: Color32 = Color32::from_rgb(0x5A, 0xAE, 0x61);
/// Fill of a zone one level short.
pub const GAP_ONE_COLOR: Color32 = Color32::from_rgb(0xF1, 0xA3, 0x40);
/// Fill of a zone two or more levels short.
pub const GAP_TWO_COLOR: Color32 = Color32::from_rgb(0xE0, 0x5A, 0x4F);
/// Fill of a zone whose gap is unknown.
pub const GAP_UNKNOWN_COLOR: Color32 = Color32::from_rgb(0xBD, 0xBD, 0xBD);
/// Conduits and node rings on a path from an untrusted zone to a safety zone (darker than
/// [`GAP_TWO_COLOR`] so a ring stays visible around a red zone).
pub const PATH_COLOR: Color32 = Color32::from_rgb(0xA5, 0x00, 0x26);

/// The fill for a gap severity (green, amber, red, grey).
pub fn gap_color(severity: GapSeverity) -> Color32 {
    match severity {
        GapSeverity::None => GAP_NONE_COLOR,
        GapSeverity::One => GAP_ONE_COLOR,
        GapSeverity::Two => GAP_TWO_COLOR,
        GapSeverity::Unknown => GAP_UNKNOWN_COLOR,
    }
}

/// Black or white, whichever contrasts more with `fill` (WCAG relative luminance).
pub fn text_color_on(fill: Color32) -> Color32 {
    fn lin(c: u8) -> f32 {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let l = 0.2126 * lin(fill.r()) + 0.7152 * lin(fill.g()) + 0.0722 * lin(fill.b());
    // contrast with black (l+0.05)/0.05 against white 1.05/(l+0.05)
    if (l + 0.05) * (l + 0.05) >= 0.05 * 1.05 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Which zones and conduits lie on an untrusted-to-safety path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathHighlight {
    pub zones: HashSet<ZoneId>,
    pub conduits: HashSet<ConduitId>,
}

/// Marks the zones of every untrusted path in the assessment, and every conduit that carries
/// data along one of its hops (as `assess` found them).
pub fn path_highlight(assessment: &Assessment) -> PathHighlight {
    let mut out = PathHighlight::default();
    for path in &assessment.untrusted_paths {
        out.zones.extend(path.iter().copied());
    }
    out.conduits
        .extend(assessment.untrusted_path_conduits.iter().copied());
    out
}

/// The caption above the graph for a number of untrusted-to-safety paths.
pub fn path_caption(path_count: usize) -> String {
    match path_count {
        0 => "No untrusted path reaches a safety zone".to_owned(),
        1 => "1 path from an untrusted zone reaches a safety zone without passing a DMZ".to_owned(),
        n => format!("{n} paths from untrusted zones reach safety zones without passing a DMZ"),
    }
}

/// Whether `GraphView` (which repaints every frame) must be shown this frame, rather than the
/// static painting of the same shapes.
pub fn needs_live_view(
    settled: bool,
    fit_pending: bool,
    pointer_over: bool,
    drag_held: bool,
) -> bool {
    !settled || fit_pending || pointer_over || drag_held
}

// ---- geometry constants, in graph (canvas) units ----

/// Conduit names longer than this wrap.
const EDGE_LABEL_WRAP: f32 = 120.0;
/// Label font size in graph units (scaled by the zoom when drawn).
const LABEL_FONT: f32 = 14.0;
/// Edge label font size in graph units.
const EDGE_FONT: f32 = 11.0;
/// Labels longer than this wrap onto further lines.
const LABEL_WRAP: f32 = 160.0;
const PILL_PADDING: Vec2 = Vec2::new(10.0, 6.0);
/// Ideal conduit length for the force-directed layout.
const IDEAL_EDGE: f32 = 200.0;
/// Free space kept between zone boxes after the layout.
const BOX_MARGIN: f32 = 56.0;
/// The layout counts as settled when the mean step is below this.
const SETTLE_EPSILON: f32 = 0.05;
/// Hard cap on layout steps for one structure.
const MAX_LAYOUT_STEPS: u32 = 4000;
/// Time spent on layout steps per frame before showing an intermediate state.
const LAYOUT_BUDGET_MS: u128 = 25;

/// Node payload: one zone.
#[derive(Debug, Clone)]
pub struct ZoneNode {
    pub zone: ZoneId,
    pub name: String,
    pub kind: ZoneKind,
    pub severity: GapSeverity,
    pub on_path: bool,
    pub finding_count: usize,
    /// Name broken into lines (filled in by `show_ui`, which has the fonts).
    wrapped: String,
    /// Box size in graph units.
    size: Vec2,
}

/// Edge payload: one conduit.
#[derive(Debug, Clone)]
pub struct ConduitEdge {
    pub conduit: ConduitId,
    pub name: String,
    pub one_way: bool,
    pub on_path: bool,
}

/// How a zone is drawn: a rounded box in its gap colour with the name inside.
#[derive(Debug, Clone)]
pub struct ZoneShape {
    pos: Pos2,
    size: Vec2,
    fill: Color32,
    on_path: bool,
    selected: bool,
    hovered: bool,
    text: String,
    letter: &'static str,
}

impl From<NodeProps<ZoneNode>> for ZoneShape {
    fn from(props: NodeProps<ZoneNode>) -> Self {
        let mut s = ZoneShape {
            pos: Pos2::ZERO,
            size: Vec2::ZERO,
            fill: GAP_UNKNOWN_COLOR,
            on_path: false,
            selected: false,
            hovered: false,
            text: String::new(),
            letter: "",
        };
        DisplayNode::<ZoneNode, ConduitEdge, Directed, DefaultIx>::update(&mut s, &props);
        s
    }
}

impl ZoneShape {
    fn rect(&self) -> Rect {
        Rect::from_center_size(self.pos, self.size)
    }
}

impl DisplayNode<ZoneNode, ConduitEdge, Directed, DefaultIx> for ZoneShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let half = self.size / 2.0 + Vec2::splat(4.0);
        let d = dir.normalized();
        if !d.x.is_finite() || !d.y.is_finite() || d == Vec2::ZERO {
            return self.pos;
        }
        let tx = if d.x.abs() > f32::EPSILON {
            half.x / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > f32::EPSILON {
            half.y / d.y.abs()
        } else {
            f32::INFINITY
        };
        self.pos + d * tx.min(ty)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let meta = ctx.meta;
        let zoom = meta.zoom;
        let screen = Rect::from_center_size(meta.canvas_to_screen_pos(self.pos), self.size * zoom);
        let radius = 6.0 * zoom;
        let mut out = Vec::with_capacity(6);
        let visuals = ctx.ctx.global_style().visuals.clone();
        if self.selected {
            out.push(Shape::Rect(RectShape::stroke(
                screen.expand(9.0 * zoom),
                radius + 9.0 * zoom,
                Stroke::new((3.0 * zoom).max(2.0), visuals.selection.stroke.color),
                StrokeKind::Middle,
            )));
        }
        if self.on_path {
            out.push(Shape::Rect(RectShape::stroke(
                screen.expand(4.0 * zoom),
                radius + 4.0 * zoom,
                Stroke::new((3.5 * zoom).max(1.5), PATH_COLOR),
                StrokeKind::Middle,
            )));
        }
        let outline = if self.hovered {
            Stroke::new(2.0, visuals.strong_text_color())
        } else {
            Stroke::new(1.0, Color32::from_gray(0x40))
        };
        out.push(Shape::Rect(RectShape::new(
            screen,
            radius,
            self.fill,
            outline,
            StrokeKind::Inside,
        )));
        let text_color = text_color_on(self.fill);
        let galley = ctx.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                self.text.clone(),
                FontId::proportional(LABEL_FONT * zoom),
                text_color,
            )
        });
        let text_pos = screen.center() - galley.size() / 2.0;
        out.push(TextShape::new(text_pos, galley, text_color).into());
        // Severity letter badge on the top-right corner, for readers who cannot tell the fills
        // apart.
        let badge_font = FontId::proportional((10.0 * zoom).max(8.0));
        let badge = ctx.ctx.fonts_mut(|f| {
            f.layout_no_wrap(self.letter.to_owned(), badge_font, Color32::from_gray(0x20))
        });
        let badge_rect = Rect::from_center_size(
            screen.right_top(),
            badge.size() + Vec2::new(6.0, 2.0) * zoom,
        );
        out.push(Shape::Rect(RectShape::new(
            badge_rect,
            badge_rect.height() / 2.0,
            Color32::WHITE,
            Stroke::new(1.0, Color32::from_gray(0x40)),
            StrokeKind::Inside,
        )));
        out.push(
            TextShape::new(
                badge_rect.center() - badge.size() / 2.0,
                badge,
                Color32::from_gray(0x20),
            )
            .into(),
        );
        out
    }

    fn update(&mut self, props: &NodeProps<ZoneNode>) {
        let z = &props.payload;
        self.pos = props.location();
        self.size = z.size;
        self.fill = gap_color(z.severity);
        self.on_path = z.on_path;
        self.selected = props.selected;
        self.hovered = props.hovered;
        self.text = z.wrapped.clone();
        self.letter = z.severity.letter();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.rect().expand(2.0).contains(pos)
    }
}

/// How a conduit is drawn: a line (curved when parallel to another), an arrow for one-way
/// conduits, thick and red on an untrusted path, with its name at the middle.
#[derive(Debug, Clone)]
pub struct ConduitShape {
    order: usize,
    one_way: bool,
    on_path: bool,
    label: String,
}

impl From<EdgeProps<ConduitEdge>> for ConduitShape {
    fn from(props: EdgeProps<ConduitEdge>) -> Self {
        ConduitShape {
            order: props.order,
            one_way: props.payload.one_way,
            on_path: props.payload.on_path,
            label: props.payload.name.clone(),
        }
    }
}

type ZoneGraphNode = Node<ZoneNode, ConduitEdge, Directed, DefaultIx, ZoneShape>;

impl ConduitShape {
    fn width(&self) -> f32 {
        if self.on_path { 6.0 } else { 2.0 }
    }

    fn endpoints(&self, start: &ZoneGraphNode, end: &ZoneGraphNode) -> (Pos2, Pos2) {
        let dir = (end.location() - start.location()).normalized();
        (
            start.display().closest_boundary_point(dir),
            end.display().closest_boundary_point(-dir),
        )
    }

    fn geometry(&self, start: &ZoneGraphNode, end: &ZoneGraphNode) -> EdgeShapeProps {
        let bounds = self.endpoints(start, end);
        if self.order == 0 {
            EdgeShapeProps::Straight { bounds }
        } else {
            EdgeShapeProps::Curved {
                bounds,
                curve_size: 28.0,
                order: self.order,
            }
        }
    }
}

impl DisplayEdge<ZoneNode, ConduitEdge, Directed, DefaultIx, ZoneShape> for ConduitShape {
    fn shapes(
        &mut self,
        start: &ZoneGraphNode,
        end: &ZoneGraphNode,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        if start.id() == end.id() {
            return Vec::new();
        }
        let visuals = ctx.ctx.global_style().visuals.clone();
        let color = if self.on_path {
            PATH_COLOR
        } else {
            visuals.widgets.inactive.fg_stroke.color
        };
        let mut builder =
            EdgeShapeBuilder::new(self.geometry(start, end), Stroke::new(self.width(), color))
                .with_scaler(ctx.meta);
        if self.one_way {
            builder = builder.with_tip(TipProps {
                size: 16.0,
                angle: std::f32::consts::TAU / 14.0,
            });
        }
        let edge = builder.build();
        let mut out = edge.shapes().to_vec();
        let anchor = match edge.body() {
            Shape::CubicBezier(c) => c.sample(0.5),
            Shape::LineSegment { points, .. } => points[0] + (points[1] - points[0]) / 2.0,
            _ => return out,
        };
        let zoom = ctx.meta.zoom;
        // On a path: white on a red plate; otherwise the theme's text on its darkest fill.
        let (text_color, plate_fill) = if self.on_path {
            (Color32::WHITE, PATH_COLOR)
        } else {
            (
                visuals.text_color(),
                visuals.extreme_bg_color.gamma_multiply(0.9),
            )
        };
        let galley = ctx.ctx.fonts_mut(|f| {
            f.layout(
                self.label.clone(),
                FontId::proportional(EDGE_FONT * zoom),
                text_color,
                EDGE_LABEL_WRAP * zoom,
            )
        });
        let plate = Rect::from_center_size(anchor, galley.size() + Vec2::new(6.0, 2.0) * zoom);
        out.push(Shape::Rect(RectShape::filled(
            plate,
            3.0 * zoom,
            plate_fill,
        )));
        out.push(TextShape::new(plate.center() - galley.size() / 2.0, galley, text_color).into());
        out
    }

    fn update(&mut self, props: &EdgeProps<ConduitEdge>) {
        self.order = props.order;
        self.one_way = props.payload.one_way;
        self.on_path = props.payload.on_path;
        self.label.clone_from(&props.payload.name);
    }

    fn is_inside(&self, start: &ZoneGraphNode, end: &ZoneGraphNode, pos: Pos2) -> bool {
        let (a, b) = self.endpoints(start, end);
        let ab = b - a;
        let len2 = ab.length_sq();
        if len2 <= f32::EPSILON {
            return false;
        }
        let t = ((pos - a).dot(ab) / len2).clamp(0.0, 1.0);
        (a + ab * t).distance(pos) <= self.width().max(4.0)
    }
}

/// The egui_graphs graph this view shows.
pub type TopologyGraph =
    egui_graphs::Graph<ZoneNode, ConduitEdge, Directed, DefaultIx, ZoneShape, ConduitShape>;

/// A layout that leaves positions alone: this view runs the force-directed algorithm itself
/// (so it controls when it stops), and `GraphView`'s default random layout would overwrite
/// positions on the first frame.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct FixedState;
impl LayoutState for FixedState {}

#[derive(Debug, Default)]
struct FixedLayout;
impl Layout<FixedState> for FixedLayout {
    fn from_state(_state: FixedState) -> impl Layout<FixedState> {
        FixedLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _g: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _ui: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> FixedState {
        FixedState
    }
}

type View = GraphView<FixedState, FixedLayout>;

/// What the structure of the graph depends on; a change re-runs the layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Structure {
    zones: Vec<ZoneId>,
    conduits: Vec<(ConduitId, ZoneId, ZoneId, bool)>,
}

impl Structure {
    fn of(project: &Project) -> Self {
        Structure {
            zones: project.zones.iter().map(|z| z.id).collect(),
            conduits: project
                .conduits
                .iter()
                .map(|c| (c.id, c.from, c.to, c.direction == Direction::OneWay))
                .collect(),
        }
    }
}

static NEXT_VIEW: AtomicU64 = AtomicU64::new(1);

/// The topology view widget. Owns the egui_graphs graph and the layout state.
pub struct TopologyView {
    graph: TopologyGraph,
    nodes: HashMap<ZoneId, NodeIndex>,
    /// `None` until the first `sync`.
    revision: Option<u64>,
    structure: Structure,
    path_count: usize,
    /// Labels need measuring with the fonts (done in `show_ui`).
    measure_pending: bool,
    layout: Option<FruchtermanReingoldWithCenterGravity>,
    layout_steps: u32,
    settled: bool,
    fit_pending: bool,
    was_live: bool,
    /// Width / height of the view when the layout ran (the drawing is flattened towards it).
    aspect: f32,
    /// Key of egui_graphs' stored zoom and pan, unique per view.
    custom_id: String,
    /// Screen rectangle of each zone box in the last frame shown.
    screen_rects: Vec<(ZoneId, Rect)>,
}

impl Default for TopologyView {
    fn default() -> Self {
        Self::new()
    }
}

impl TopologyView {
    pub fn new() -> Self {
        TopologyView {
            graph: TopologyGraph::new(),
            nodes: HashMap::new(),
            revision: None,
            structure: Structure::default(),
            path_count: 0,
            measure_pending: false,
            layout: None,
            layout_steps: 0,
            settled: true,
            fit_pending: true,
            was_live: false,
            aspect: 2.5,
            custom_id: format!(
                "zonewright_topology_{}",
                NEXT_VIEW.fetch_add(1, Ordering::Relaxed)
            ),
            screen_rects: Vec::new(),
        }
    }

    /// Rebuilds the graph when `revision` differs from the last call (call it every frame; it
    /// returns at once when nothing changed). Bump `revision` on every edit of the project.
    /// Names, colours and path marks are refreshed in place; the layout runs again only when
    /// zones or conduit endpoints/directions changed, starting from the previous positions.
    pub fn sync(&mut self, project: &Project, assessment: &Assessment, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.path_count = assessment.untrusted_paths.len();
        let marks = path_highlight(assessment);
        let structure = Structure::of(project);
        let relayout = structure != self.structure;
        self.structure = structure;

        let old: HashMap<ZoneId, Pos2> = self
            .nodes
            .iter()
            .filter_map(|(z, i)| Some((*z, self.graph.node(*i)?.location())))
            .collect();
        let seeds = seed_positions(project);
        let mut graph = TopologyGraph::new();
        let mut nodes = HashMap::new();
        // names from the file: control and bidirectional characters shown as escapes
        let shown = |name: &str| crate::model::text::visible(name).into_owned();
        for (i, z) in project.zones.iter().enumerate() {
            let a = assessment.zones.get(i);
            let name = shown(&z.name);
            let payload = ZoneNode {
                zone: z.id,
                name: name.clone(),
                kind: z.kind,
                severity: a.map_or(GapSeverity::Unknown, |a| a.worst),
                on_path: marks.zones.contains(&z.id),
                finding_count: a.map_or(0, |a| a.finding_count),
                wrapped: name.clone(),
                size: estimate_size(&name),
            };
            let pos = old
                .get(&z.id)
                .copied()
                .or_else(|| seeds.get(i).copied())
                .unwrap_or(Pos2::ZERO);
            let idx = graph.add_node_with_label_and_location(payload, name, pos);
            nodes.insert(z.id, idx);
        }
        for c in &project.conduits {
            let (Some(&a), Some(&b)) = (nodes.get(&c.from), nodes.get(&c.to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let name = shown(&c.name);
            let payload = ConduitEdge {
                conduit: c.id,
                name: name.clone(),
                one_way: c.direction == Direction::OneWay,
                on_path: marks.conduits.contains(&c.id),
            };
            graph.add_edge_with_label(a, b, payload, name);
        }
        self.graph = graph;
        self.nodes = nodes;
        self.measure_pending = true;
        if relayout {
            self.layout = Some(new_layout(project.zones.len()));
            self.layout_steps = 0;
            self.settled = false;
        }
    }

    /// Number of untrusted-to-safety paths found at the last `sync`.
    pub fn path_count(&self) -> usize {
        self.path_count
    }

    /// Whether the layout has settled (positions no longer move).
    pub fn is_settled(&self) -> bool {
        self.settled
    }

    /// The graph shown (positions, payloads), e.g. for tests or an export.
    pub fn graph(&self) -> &TopologyGraph {
        &self.graph
    }

    /// Screen rectangle of a zone's box in the last frame shown.
    pub fn zone_screen_rect(&self, zone: ZoneId) -> Option<Rect> {
        self.screen_rects
            .iter()
            .find(|(z, _)| *z == zone)
            .map(|(_, r)| *r)
    }

    /// Zooms and pans so the whole graph fits on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Shows the caption, legend and graph; returns the zone the user clicked (the designer
    /// then selects it). `selected` is drawn with the selection ring. Ctrl + wheel zooms, drag
    /// pans, "Fit" (or a new layout) fits the graph to the view.
    pub fn show_ui(&mut self, ui: &mut egui::Ui, selected: Option<ZoneId>) -> Option<ZoneId> {
        let id = self.custom_id.clone();
        ui.push_id(id, |ui| self.inner_ui(ui, selected)).inner
    }

    fn inner_ui(&mut self, ui: &mut egui::Ui, selected: Option<ZoneId>) -> Option<ZoneId> {
        let mut clicked = None;
        ui.horizontal_wrapped(|ui| {
            let caption = path_caption(self.path_count);
            if self.path_count > 0 {
                // The theme's error colour stays readable on dark and light panels.
                let color = ui.visuals().error_fg_color;
                ui.label(egui::RichText::new(caption).color(color).strong());
            } else {
                ui.label(caption);
            }
            ui.separator();
            legend_ui(ui);
            if ui
                .button("Fit")
                .on_hover_text("Zoom and pan so the whole graph is visible")
                .clicked()
            {
                self.fit_pending = true;
            }
        });
        if self.graph.node_count() == 0 {
            ui.weak("No zones yet: add zones and conduits on the canvas to see the topology.");
            self.screen_rects.clear();
            self.was_live = false;
            return None;
        }
        if self.measure_pending {
            self.measure_labels(ui.ctx());
        }
        if !self.settled {
            let avail = ui.available_size();
            self.aspect = (avail.x / avail.y.max(1.0)).clamp(1.0, 4.0);
            self.step_layout();
        }
        for (zone, idx) in &self.nodes {
            if let Some(n) = self.graph.node_mut(*idx) {
                n.set_selected(Some(*zone) == selected);
            }
        }

        let area = ui.available_rect_before_wrap();
        let pointer_over = ui.rect_contains_pointer(area);
        let drag_held = self.was_live && ui.input(|i| i.pointer.any_down());
        let live = needs_live_view(self.settled, self.fit_pending, pointer_over, drag_held);
        let origin;
        if live {
            let resp = View::new()
                .with_id(Some(self.custom_id.clone()))
                .with_interactions(
                    &SettingsInteraction::new()
                        .with_dragging_enabled(false)
                        .with_hover_enabled(true)
                        .with_node_clicking_enabled(true),
                )
                .with_navigations(
                    &SettingsNavigation::new()
                        .with_zoom_and_pan_enabled(true)
                        .with_fit_to_screen_enabled(self.fit_pending)
                        .with_fit_to_screen_padding(0.12),
                )
                .with_styles(&SettingsStyle::new().with_labels_always(true))
                .show(ui, &mut self.graph);
            if self.settled {
                self.fit_pending = false;
            }
            origin = resp.response.rect.left_top();
            for change in &resp.changes {
                if let GraphChange::NodeClicked { node } = change {
                    clicked = self.zone_of(*node);
                }
            }
            if let Some(z) = self.graph.hovered_node().and_then(|n| self.graph.node(n)) {
                let z = z.payload();
                resp.response.on_hover_text_at_pointer(format!(
                    "{} — {}\nGap: {} · {} finding(s){}",
                    z.name,
                    z.kind.label(),
                    z.severity.label(),
                    z.finding_count,
                    if z.on_path {
                        "\nOn a path from an untrusted zone to a safety zone"
                    } else {
                        ""
                    }
                ));
            }
        } else {
            let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
            origin = resp.rect.left_top();
            let mut meta = MetadataFrame::new(Some(self.custom_id.clone())).load(ui);
            meta.pan += origin.to_vec2();
            let style = SettingsStyle::new().with_labels_always(true);
            let ctx = DrawContext {
                ctx: ui.ctx(),
                painter: &painter,
                style: &style,
                is_directed: true,
                meta: &meta,
            };
            paint_static(&mut self.graph, &ctx);
            if resp.clicked()
                && let Some(pos) = resp.interact_pointer_pos()
            {
                clicked = self
                    .graph
                    .node_by_screen_pos(&meta, pos)
                    .and_then(|n| self.zone_of(n));
            }
        }
        self.was_live = live;
        self.record_screen_rects(ui, origin);
        clicked
    }

    fn zone_of(&self, node: NodeIndex) -> Option<ZoneId> {
        self.graph.node(node).map(|n| n.payload().zone)
    }

    /// Word-wraps the names with the real fonts and sizes the boxes.
    fn measure_labels(&mut self, ctx: &egui::Context) {
        let idxs: Vec<NodeIndex> = self.nodes.values().copied().collect();
        for idx in idxs {
            let Some(n) = self.graph.node_mut(idx) else {
                continue;
            };
            let name = n.payload().name.clone();
            let (wrapped, size) = ctx.fonts_mut(|f| {
                let mut measure = |s: &str| {
                    f.layout_no_wrap(
                        s.to_owned(),
                        FontId::proportional(LABEL_FONT),
                        Color32::BLACK,
                    )
                    .size()
                };
                let wrapped = wrap_words(&name, LABEL_WRAP, |s| measure(s).x);
                let size = measure(&wrapped);
                (wrapped, size)
            });
            let p = n.payload_mut();
            p.wrapped = wrapped;
            p.size = size + PILL_PADDING * 2.0;
        }
        self.measure_pending = false;
    }

    /// Runs force-directed steps within the frame budget; on convergence separates
    /// overlapping boxes, turns the drawing to its widest axis and asks for a fit.
    fn step_layout(&mut self) {
        let Some(layout) = self.layout.as_mut() else {
            self.settled = true;
            return;
        };
        let n = self.graph.node_count().max(1) as f32;
        // The algorithm derives its ideal edge length from the area it is given.
        let side = IDEAL_EDGE * n.sqrt();
        let area = Rect::from_center_size(Pos2::ZERO, Vec2::splat(side));
        let start = std::time::Instant::now();
        let mut done = false;
        while self.layout_steps < MAX_LAYOUT_STEPS {
            layout.step(&mut self.graph, area);
            self.layout_steps += 1;
            let avg = layout.state().base.last_avg_displacement.unwrap_or(0.0);
            if avg < SETTLE_EPSILON {
                done = true;
                break;
            }
            if start.elapsed().as_millis() >= LAYOUT_BUDGET_MS {
                break;
            }
        }
        if done || self.layout_steps >= MAX_LAYOUT_STEPS {
            self.finish_layout();
        }
    }

    fn finish_layout(&mut self) {
        let order: Vec<(NodeIndex, Vec2, ZoneKind)> = self
            .graph
            .nodes_iter()
            .map(|(i, n)| (i, n.payload().size, n.payload().kind))
            .collect();
        let mut pos: Vec<Pos2> = order
            .iter()
            .filter_map(|(i, _, _)| self.graph.node(*i).map(|n| n.location()))
            .collect();
        let sizes: Vec<Vec2> = order.iter().map(|(_, s, _)| *s).collect();
        let kinds: Vec<ZoneKind> = order.iter().map(|(_, _, k)| *k).collect();
        orient(&mut pos, &kinds);
        flatten(&mut pos, self.aspect);
        separate_boxes(&mut pos, &sizes, BOX_MARGIN);
        for ((i, _, _), p) in order.iter().zip(pos) {
            if let Some(n) = self.graph.node_mut(*i) {
                n.set_location(p);
            }
        }
        self.layout = None;
        self.settled = true;
        self.fit_pending = true;
    }

    fn record_screen_rects(&mut self, ui: &egui::Ui, origin: Pos2) {
        let mut meta = MetadataFrame::new(Some(self.custom_id.clone())).load(ui);
        meta.pan += origin.to_vec2();
        self.screen_rects.clear();
        for (zone, idx) in &self.nodes {
            let Some(n) = self.graph.node(*idx) else {
                continue;
            };
            let r = Rect::from_center_size(
                meta.canvas_to_screen_pos(n.location()),
                n.payload().size * meta.zoom,
            );
            self.screen_rects.push((*zone, r));
            // An accessible node per zone, so screen readers and tests can find the boxes.
            let name = format!("Zone: {}", n.payload().name);
            ui.ctx()
                .accesskit_node_builder(ui.id().with(("topology_zone", zone.0)), |node| {
                    node.set_role(egui::accesskit::Role::Button);
                    node.set_label(name);
                    node.set_bounds(egui::accesskit::Rect {
                        x0: r.min.x.into(),
                        y0: r.min.y.into(),
                        x1: r.max.x.into(),
                        y1: r.max.y.into(),
                    });
                });
        }
        self.screen_rects.sort_by_key(|(z, _)| *z);
    }
}

fn new_layout(zone_count: usize) -> FruchtermanReingoldWithCenterGravity {
    let mut state = FruchtermanReingoldWithCenterGravityState::default();
    state.base.is_running = true;
    // Gentle gravity keeps unconnected zones near the rest without crushing the graph.
    state.extras.0.params.c = if zone_count > 1 { 0.05 } else { 0.0 };
    FruchtermanReingoldWithCenterGravity::from_state(state)
}

/// Paints the graph exactly as `GraphView` would (edges, then nodes, selected on top), without
/// requesting a repaint.
fn paint_static(graph: &mut TopologyGraph, ctx: &DrawContext) {
    let nodes: Vec<NodeIndex> = graph.g().node_indices().collect();
    for idx in &nodes {
        if let Some(n) = graph.node_mut(*idx) {
            let props = n.props().clone();
            n.display_mut().update(&props);
        }
    }
    let edges: Vec<_> = graph.g().edge_indices().collect();
    for e in edges {
        let Some((a, b)) = graph.edge_endpoints(e) else {
            continue;
        };
        let (Some(start), Some(end)) = (graph.node(a).cloned(), graph.node(b).cloned()) else {
            continue;
        };
        if let Some(edge) = graph.edge_mut(e) {
            let props = edge.props().clone();
            let d = edge.display_mut();
            d.update(&props);
            for s in d.shapes(&start, &end, ctx) {
                ctx.painter.add(s);
            }
        }
    }
    let mut delayed = Vec::new();
    for idx in nodes {
        if let Some(n) = graph.node_mut(idx) {
            let on_top = n.selected();
            let shapes = n.display_mut().shapes(ctx);
            if on_top {
                delayed.extend(shapes);
            } else {
                for s in shapes {
                    ctx.painter.add(s);
                }
            }
        }
    }
    for s in delayed {
        ctx.painter.add(s);
    }
}

fn legend_ui(ui: &mut egui::Ui) {
    for (sev, text) in [
        (GapSeverity::None, "no gap"),
        (GapSeverity::One, "1 level"),
        (GapSeverity::Two, "≥ 2 levels"),
        (GapSeverity::Unknown, "unknown"),
    ] {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 12.0), Sense::hover());
        ui.painter().add(RectShape::new(
            rect,
            2.0,
            gap_color(sev),
            Stroke::new(1.0, Color32::from_gray(0x40)),
            StrokeKind::Inside,
        ));
        ui.label(text);
    }
    let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 12.0), Sense::hover());
    ui.painter().line_segment(
        [rect.left_center(), rect.right_center()],
        Stroke::new(4.0, PATH_COLOR),
    );
    ui.label("untrusted path");
    let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 12.0), Sense::hover());
    let color = ui.visuals().widgets.inactive.fg_stroke.color;
    ui.painter().arrow(
        rect.left_center(),
        Vec2::new(rect.width(), 0.0),
        Stroke::new(2.0, color),
    );
    ui.label("one-way");
}

/// A first guess of a box size before the fonts are available.
fn estimate_size(name: &str) -> Vec2 {
    let chars = name.chars().count().max(1) as f32;
    let width = (chars * LABEL_FONT * 0.55).min(LABEL_WRAP);
    let lines = (chars * LABEL_FONT * 0.55 / LABEL_WRAP).ceil().max(1.0);
    Vec2::new(width, lines * LABEL_FONT * 1.3) + PILL_PADDING * 2.0
}

/// Greedy word wrap: joins words into lines no wider than `max` (a single longer word gets a
/// line of its own).
pub fn wrap_words(text: &str, max: f32, mut width: impl FnMut(&str) -> f32) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
            continue;
        }
        let candidate = format!("{line} {word}");
        if width(&candidate) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// Starting positions: the zones' canvas centres, normalised to the layout's scale, with a
/// small deterministic offset so that coincident zones can separate.
fn seed_positions(project: &Project) -> Vec<Pos2> {
    let centers: Vec<Vec2> = project
        .zones
        .iter()
        .map(|z| {
            let (x, y) = z.rect.center();
            if x.is_finite() && y.is_finite() {
                Vec2::new(x, y)
            } else {
                Vec2::ZERO
            }
        })
        .collect();
    let n = centers.len().max(1) as f32;
    let mean = centers.iter().fold(Vec2::ZERO, |a, c| a + *c) / n;
    let spread = centers
        .iter()
        .map(|c| (*c - mean).length())
        .fold(0.0f32, f32::max)
        .max(1.0);
    let target = IDEAL_EDGE * n.sqrt() / 2.0;
    centers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let jitter =
                Vec2::new(((i * 7) % 13) as f32, ((i * 11) % 17) as f32) - Vec2::splat(7.0);
            ((*c - mean) * (target / spread) + jitter).to_pos2()
        })
        .collect()
}

/// Turns the drawing so that its longest extent is horizontal (the view is a wide bottom dock)
/// and, when there are untrusted and safety zones, so that the untrusted ones are on the left.
pub fn orient(pos: &mut [Pos2], kinds: &[ZoneKind]) {
    if pos.len() < 2 {
        return;
    }
    let n = pos.len() as f32;
    let c = pos.iter().fold(Vec2::ZERO, |a, p| a + p.to_vec2()) / n;
    let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
    for p in pos.iter() {
        let d = p.to_vec2() - c;
        sxx += d.x * d.x;
        syy += d.y * d.y;
        sxy += d.x * d.y;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (sin, cos) = (-angle).sin_cos();
    for p in pos.iter_mut() {
        let d = p.to_vec2() - c;
        *p = Pos2::new(d.x * cos - d.y * sin, d.x * sin + d.y * cos);
    }
    let mean_x = |f: fn(ZoneKind) -> bool| {
        let xs: Vec<f32> = pos
            .iter()
            .zip(kinds)
            .filter(|(_, k)| f(**k))
            .map(|(p, _)| p.x)
            .collect();
        (!xs.is_empty()).then(|| xs.iter().sum::<f32>() / xs.len() as f32)
    };
    if let (Some(u), Some(s)) = (
        mean_x(ZoneKind::is_untrusted),
        mean_x(|k| k == ZoneKind::Safety),
    ) && u > s
    {
        for p in pos.iter_mut() {
            p.x = -p.x;
        }
    }
}

/// Squeezes the drawing vertically (to no less than half) when it is taller than `aspect` allows,
/// so that a fit in a wide, low dock does not shrink everything.
pub fn flatten(pos: &mut [Pos2], aspect: f32) {
    let Some(bounds) = bounds_of(pos) else {
        return;
    };
    let (w, h) = (bounds.width(), bounds.height());
    if h <= f32::EPSILON || w / h >= aspect {
        return;
    }
    let factor = (w / h / aspect).max(0.5);
    let cy = bounds.center().y;
    for p in pos.iter_mut() {
        p.y = cy + (p.y - cy) * factor;
    }
}

fn bounds_of(pos: &[Pos2]) -> Option<Rect> {
    let first = pos.first()?;
    Some(pos.iter().fold(Rect::from_min_max(*first, *first), |r, p| {
        r.union(Rect::from_min_max(*p, *p))
    }))
}

/// Pushes apart boxes (centres `pos`, sizes `sizes`) that overlap or come closer than `margin`,
/// along the axis that needs the smaller move.
pub fn separate_boxes(pos: &mut [Pos2], sizes: &[Vec2], margin: f32) {
    let n = pos.len().min(sizes.len());
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let d = pos[j] - pos[i];
                let need = (sizes[i] + sizes[j]) / 2.0 + Vec2::splat(margin);
                let over = need - d.abs();
                if over.x <= 0.0 || over.y <= 0.0 {
                    continue;
                }
                moved = true;
                // Prefer horizontal moves a little: the view is wide.
                let push = if over.x <= over.y * 1.5 {
                    let s = if d.x >= 0.0 { 1.0 } else { -1.0 };
                    Vec2::new(s * (over.x / 2.0 + 0.5), 0.0)
                } else {
                    let s = if d.y >= 0.0 { 1.0 } else { -1.0 };
                    Vec2::new(0.0, s * (over.y / 2.0 + 0.5))
                };
                let push = if d == Vec2::ZERO {
                    Vec2::new(over.x / 2.0 + 0.5, 0.0)
                } else {
                    push
                };
                pos[i] -= push;
                pos[j] += push;
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests;
