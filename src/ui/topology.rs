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
//!
//! Files: `shapes` (node and edge payloads and how egui_graphs draws them), `layout` (start
//! positions, orientation and overlap removal, pure), `view` (the widget: sync with the
//! document, live or static painting, the legend). Colours come from [`super::theme`], path
//! marks from the assessment (`assess` found the paths; nothing here searches again).

use super::view::{Intents, View};
use super::{Intent, theme};
use crate::analysis::{Assessment, GapSeverity};
use crate::model::ElementRef;
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

mod layout;
mod shapes;
mod view;

pub use layout::*;
pub use shapes::*;
pub use view::*;

/// Black or white, whichever contrasts more with `fill` (WCAG relative luminance).
pub(crate) fn text_color_on(fill: Color32) -> Color32 {
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
pub(crate) fn path_highlight(assessment: &Assessment) -> PathHighlight {
    let mut out = PathHighlight::default();
    for path in &assessment.untrusted_paths {
        out.zones.extend(path.iter().copied());
    }
    out.conduits
        .extend(assessment.untrusted_path_conduits.iter().copied());
    out
}

/// The caption above the graph for a number of untrusted-to-safety paths.
pub(crate) fn path_caption(path_count: usize) -> String {
    match path_count {
        0 => "No untrusted path reaches a safety zone".to_owned(),
        1 => "1 path from an untrusted zone reaches a safety zone without passing a DMZ".to_owned(),
        n => format!("{n} paths from untrusted zones reach safety zones without passing a DMZ"),
    }
}

/// Whether `GraphView` (which repaints every frame) must be shown this frame, rather than the
/// static painting of the same shapes.
pub(crate) fn needs_live_view(
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

/// The topology tab: zones and conduits as a graph, untrusted paths to safety zones
/// highlighted; clicking a zone asks the designer to select it and centre it on the canvas.
pub(crate) fn topology_tab_ui(
    view: View,
    state: &mut TopologyView,
    out: &mut Intents,
    ui: &mut egui::Ui,
) {
    let doc = view.doc;
    state.sync(&doc.project, &doc.assessment, doc.cache.revision());
    let selected = match view.selection.iter().next() {
        Some(ElementRef::Zone(z)) if view.selection.len() == 1 => Some(*z),
        _ => None,
    };
    if let Some(zone) = state.show_ui(ui, selected) {
        out.push(Intent::FocusElement(ElementRef::Zone(zone)));
    }
}

#[cfg(test)]
mod tests;
