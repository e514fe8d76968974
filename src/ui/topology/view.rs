//! The topology widget: rebuilds its graph when the document revision changes, runs the
//! force-directed layout within a frame budget, and shows the graph live (egui_graphs) only
//! while something moves; otherwise it paints the same shapes itself and asks for no repaint.

use super::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the structure of the graph depends on; a change re-runs the layout.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Structure {
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

pub(super) static NEXT_VIEW: AtomicU64 = AtomicU64::new(1);

/// Whether the graph should fit itself again: never fitted yet, or the view grew since the last
/// fit and the user has not zoomed or panned it since.
pub(super) fn refit_needed(fitted_for: Option<Vec2>, now: Vec2, user_moved: bool) -> bool {
    match fitted_for {
        None => now.x > 1.0 && now.y > 1.0,
        Some(was) => !user_moved && (now.x > was.x + 0.5 || now.y > was.y + 0.5),
    }
}

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
    /// The size of the view the graph was last fitted to; a larger view fits again unless the
    /// user zoomed or panned since.
    fitted_for: Option<Vec2>,
    /// The user zoomed or panned since the last fit.
    user_moved: bool,
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
            fitted_for: None,
            user_moved: false,
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
            let a = assessment.element_at(ElementRef::Zone(z.id), i);
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
    pub(crate) fn request_fit(&mut self) {
        self.fit_pending = true;
        self.user_moved = false;
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
        if refit_needed(self.fitted_for, area.size(), self.user_moved) {
            self.fit_pending = true;
        }
        let pointer_over = ui.rect_contains_pointer(area);
        if pointer_over
            && ui.input(|i| {
                i.zoom_delta() != 1.0
                    || i.smooth_scroll_delta != Vec2::ZERO
                    || i.pointer.is_decidedly_dragging()
            })
        {
            self.user_moved = true;
        }
        let drag_held = self.was_live && ui.input(|i| i.pointer.any_down());
        let live = needs_live_view(self.settled, self.fit_pending, pointer_over, drag_held);
        let origin;
        if live {
            let resp = LiveView::new()
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
            if self.settled && self.fit_pending {
                self.fit_pending = false;
                self.fitted_for = Some(area.size());
                self.user_moved = false;
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
    pub(super) fn step_layout(&mut self) {
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

/// Paints the graph exactly as `GraphView` would (edges, then nodes, selected on top), without
/// requesting a repaint.
pub(super) fn paint_static(graph: &mut TopologyGraph, ctx: &DrawContext) {
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

pub(super) fn legend_ui(ui: &mut egui::Ui) {
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
            theme::gap_color(sev),
            Stroke::new(1.0, crate::ui::theme::rgb(crate::palette::OUTLINE)),
            StrokeKind::Inside,
        ));
        ui.label(text);
    }
    let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 12.0), Sense::hover());
    ui.painter().line_segment(
        [rect.left_center(), rect.right_center()],
        Stroke::new(4.0, theme::UNTRUSTED_PATH),
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
