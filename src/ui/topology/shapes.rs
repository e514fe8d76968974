//! What the topology graph holds and how it is drawn: zone nodes as boxes in their gap colour
//! with a severity letter, conduits as lines (arrows when one-way, thick on untrusted paths).

use super::*;

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
    pub(super) wrapped: String,
    /// Box size in graph units.
    pub(super) size: Vec2,
}

/// Edge payload: one conduit.
#[derive(Debug, Clone)]
pub struct ConduitEdge {
    pub conduit: ConduitId,
    pub name: String,
    pub one_way: bool,
    pub on_path: bool,
}

/// The fill of a zone box: the gap colour of the palette the canvas and the PDF use.
pub(crate) fn zone_fill(severity: GapSeverity) -> Color32 {
    theme::gap_color(severity)
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
            fill: theme::gap_color(GapSeverity::Unknown),
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
                Stroke::new((3.5 * zoom).max(1.5), theme::UNTRUSTED_PATH),
                StrokeKind::Middle,
            )));
        }
        let outline = if self.hovered {
            Stroke::new(2.0, visuals.strong_text_color())
        } else {
            Stroke::new(1.0, crate::ui::theme::rgb(crate::palette::OUTLINE))
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
            f.layout_no_wrap(
                self.letter.to_owned(),
                badge_font,
                crate::ui::theme::rgb(crate::palette::TEXT_DARK),
            )
        });
        let badge_rect = Rect::from_center_size(
            screen.right_top(),
            badge.size() + Vec2::new(6.0, 2.0) * zoom,
        );
        out.push(Shape::Rect(RectShape::new(
            badge_rect,
            badge_rect.height() / 2.0,
            Color32::WHITE,
            Stroke::new(1.0, crate::ui::theme::rgb(crate::palette::OUTLINE)),
            StrokeKind::Inside,
        )));
        out.push(
            TextShape::new(
                badge_rect.center() - badge.size() / 2.0,
                badge,
                crate::ui::theme::rgb(crate::palette::TEXT_DARK),
            )
            .into(),
        );
        out
    }

    fn update(&mut self, props: &NodeProps<ZoneNode>) {
        let z = &props.payload;
        self.pos = props.location();
        self.size = z.size;
        self.fill = zone_fill(z.severity);
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

pub(super) type ZoneGraphNode = Node<ZoneNode, ConduitEdge, Directed, DefaultIx, ZoneShape>;

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
            theme::UNTRUSTED_PATH
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
            (Color32::WHITE, theme::UNTRUSTED_PATH)
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
pub(super) struct FixedState;
impl LayoutState for FixedState {}

#[derive(Debug, Default)]
pub(super) struct FixedLayout;
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

pub(super) type LiveView = GraphView<FixedState, FixedLayout>;
