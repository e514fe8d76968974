//! Painting the canvas drawing: zone bodies and headers, asset chips, conduits with their
//! labels and badges, into a [`Sink`] of shapes (geometry in scene coordinates, text laid out
//! at its on-screen size) that the retained mesh tessellates once. No input handling here.

use super::risk_badge;
use super::scene::Frame;
use super::{theme, to_egui};
use crate::analysis::{ElementAssessment, FindingSeverity, GapSeverity};
use crate::model::{Conduit, Direction, Zone, format_levels, layout};
use crate::ui::palette::Tool;
use egui::emath::TSTransform;
use egui::epaint::RectShape;
use egui::{Color32, CornerRadius, FontId, Pos2, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::cell::RefCell;

/// The theme-dependent greys of the drawing.
#[derive(Debug, Clone, Copy)]
pub(super) struct Greys {
    pub text: Color32,
    pub sub: Color32,
    pub chip_fill: Color32,
}

impl Greys {
    pub fn of(dark: bool) -> Self {
        use crate::palette::{CHIP_FILL, ZONE_SUB, ZONE_TEXT};
        Greys {
            text: theme::themed(ZONE_TEXT, dark),
            sub: theme::themed(ZONE_SUB, dark),
            chip_fill: theme::themed(CHIP_FILL, dark),
        }
    }
}

/// The shapes of one frame's drawing, collected instead of painted so that they can be
/// tessellated once and reused (see [`Retained`]): geometry in scene coordinates, text in
/// screen coordinates.
#[derive(Default)]
pub(super) struct Sink {
    pub geometry: RefCell<Vec<Shape>>,
    pub text: RefCell<Vec<Shape>>,
    /// Where a layer starts that is drawn over the text before it: (geometry, text) lengths.
    pub layers: RefCell<Vec<(usize, usize)>>,
}

impl Sink {
    /// Room for `(geometry, text)` shapes: a drawing built again is about as large as the
    /// last one, and growing a vector of shapes step by step copies it again and again.
    pub(crate) fn with_capacity((geometry, text): (usize, usize)) -> Self {
        Sink {
            geometry: RefCell::new(Vec::with_capacity(geometry)),
            text: RefCell::new(Vec::with_capacity(text)),
            layers: RefCell::default(),
        }
    }

    /// What follows is drawn over all text collected so far (a zone over another zone).
    pub(crate) fn start_layer(&self) {
        let at = (self.geometry.borrow().len(), self.text.borrow().len());
        self.layers.borrow_mut().push(at);
    }

    /// How many geometry and text shapes it holds.
    pub fn counts(&self) -> (usize, usize) {
        (self.geometry.borrow().len(), self.text.borrow().len())
    }
}

/// Painter-like access to the geometry of a [`Sink`] (scene coordinates).
pub(super) struct Geometry<'a>(pub &'a Sink);

impl Geometry<'_> {
    pub fn add(&self, shape: impl Into<Shape>) {
        self.0.geometry.borrow_mut().push(shape.into());
    }

    pub(crate) fn rect_filled(
        &self,
        r: egui::Rect,
        radius: impl Into<CornerRadius>,
        fill: Color32,
    ) {
        self.add(Shape::rect_filled(r, radius, fill));
    }

    pub(crate) fn rect_stroke(
        &self,
        r: egui::Rect,
        radius: impl Into<CornerRadius>,
        stroke: Stroke,
        kind: StrokeKind,
    ) {
        self.add(Shape::rect_stroke(r, radius, stroke, kind));
    }

    pub fn rect(
        &self,
        r: egui::Rect,
        radius: impl Into<CornerRadius>,
        fill: Color32,
        stroke: Stroke,
        kind: StrokeKind,
    ) {
        self.add(RectShape::new(r, radius, fill, stroke, kind));
    }

    pub(crate) fn circle_filled(&self, center: Pos2, radius: f32, fill: Color32) {
        self.add(Shape::circle_filled(center, radius, fill));
    }

    pub(crate) fn line_segment(&self, points: [Pos2; 2], stroke: Stroke) {
        self.add(Shape::line_segment(points, stroke));
    }
}

/// Canvas text, crisp at every zoom: laid out at its on-screen size and placed in screen
/// coordinates, drawn above all geometry (text scaled by the scene transform loses thin
/// strokes when zoomed out).
pub(super) struct Text<'a> {
    pub ctx: egui::Context,
    pub sink: &'a Sink,
    pub to_screen: TSTransform,
}

/// The start of `text` that can show in `max_rows` rows of `width_px` at `font_px`: no glyph
/// is narrower than a fifth of the font size, so more characters can never be seen. A cut text
/// ends in "…" so a name that happens to fit is still marked as cut.
pub(super) fn layout_prefix(
    text: &str,
    max_rows: usize,
    width_px: f32,
    font_px: f32,
) -> std::borrow::Cow<'_, str> {
    let per_row = (width_px / (font_px * 0.2).max(0.5))
        .ceil()
        .clamp(1.0, 10_000.0) as usize;
    let limit = per_row.saturating_mul(max_rows.max(1)).saturating_add(1);
    match text.char_indices().nth(limit) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..cut])),
    }
}

impl Text<'_> {
    /// On-screen font size for a size in scene units, in half points (keeps the layout cache warm).
    pub(crate) fn screen_size(&self, scene_size: f32) -> f32 {
        ((scene_size * self.to_screen.scaling) * 2.0)
            .round()
            .max(1.0)
            / 2.0
    }

    /// A single-line galley cut to `max_width` (scene units) with "…".
    pub fn fitted(
        &self,
        text: &str,
        scene_size: f32,
        color: Color32,
        max_width: f32,
    ) -> std::sync::Arc<egui::Galley> {
        self.fitted_rows(text, scene_size, color, max_width, 1)
    }

    /// `text` in at most `max_rows` rows of `max_width` scene units (wrapped at words where it
    /// can), cut with "…" when it does not fit.
    pub(crate) fn fitted_rows(
        &self,
        text: &str,
        scene_size: f32,
        color: Color32,
        max_width: f32,
        max_rows: usize,
    ) -> std::sync::Arc<egui::Galley> {
        let font_px = self.screen_size(scene_size);
        let font = FontId::proportional(font_px);
        let width_px = (max_width * self.to_screen.scaling).max(1.0);
        // Only what can be seen is laid out: a 3 KB name on 9,000 chips would otherwise keep
        // gigabytes of glyphs in the layout cache (issue 24).
        let shown = layout_prefix(text, max_rows, width_px, font_px);
        // names from the file: control and bidirectional characters shown, not interpreted
        let mut job = egui::text::LayoutJob::single_section(
            crate::model::text::visible(&shown).into_owned(),
            egui::TextFormat::simple(font, color),
        );
        job.wrap = egui::text::TextWrapping {
            max_width: width_px,
            max_rows,
            break_anywhere: max_rows == 1,
            overflow_character: Some('…'),
        };
        self.ctx.fonts_mut(|f| f.layout_job(job))
    }

    /// The size of a galley in scene units.
    pub(crate) fn scene_size(&self, galley: &egui::Galley) -> Vec2 {
        galley.size() / self.to_screen.scaling.max(1e-3)
    }

    pub(crate) fn galley(
        &self,
        pos_in_scene: Pos2,
        galley: std::sync::Arc<egui::Galley>,
        color: Color32,
    ) {
        self.sink.text.borrow_mut().push(Shape::galley(
            self.to_screen * pos_in_scene,
            galley,
            color,
        ));
    }

    pub fn text(
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
pub(crate) fn sl_summary(
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

/// A zone's body, outline, header with name and SL summary, FR strip and badges; returns the
/// scene y below its text.
pub(super) fn zone(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    z: &Zone,
    er: egui::Rect,
    ea: Option<&ElementAssessment>,
    selected: bool,
) -> f32 {
    let zoom = f.zoom.max(1e-3);
    let worst = ea.map_or(GapSeverity::Unknown, |e| e.worst);
    let project = &f.doc.project;
    // body
    let stroke_w = if selected { 3.0 } else { 2.0 };
    painter.rect_filled(
        er,
        CornerRadius::same(6),
        theme::gap_fill(worst, f.dark, f.label_scale > 1.0),
    );
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
    let header =
        egui::Rect::from_min_size(er.min, vec2(er.width(), layout::HEADER_H.min(er.height())));
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
    // the FR strip where chips are drawn (else the gap letter: the name needs the width)
    let strip_w = if zoom >= 0.5 && zoom >= super::chip_text_zoom(f.label_scale) {
        7.0 * 15.0
    } else {
        0.0
    };
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
    let badge_w = if strip_w == 0.0 {
        super::label::gap_badge(painter, t, f, er, worst, marker_w)
    } else {
        0.0
    };
    let below_text = super::label::zone_text(t, f, z, er, ea, strip_w + marker_w + badge_w);
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
        finding_badge(painter, t, e.worst_finding, c, 11.0, e.finding_count);
    }
    if let Some(e) = ea
        && e.risk.intolerable > 0
    {
        let r = risk_badge::zone_rect(er, e);
        risk_badge::paint(painter, t, r, &project.risk.matrix, e);
    }
    below_text
}

/// The "+n more" box of a zone with more assets than it shows.
pub(super) fn overflow(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    slot: &crate::model::Rect,
    hidden: usize,
) {
    let ls = f.label_scale;
    let sub_color = Greys::of(f.dark).sub;
    let cr = to_egui(slot);
    painter.rect_stroke(
        cr,
        CornerRadius::same(4),
        Stroke::new(1.0, sub_color),
        StrokeKind::Inside,
    );
    t.text(
        cr.center(),
        egui::Align2::CENTER_CENTER,
        format!("+{hidden} more — enlarge the zone"),
        12.0 * ls.min(1.15),
        sub_color,
    );
}

/// A conduit from `p0` to `p1` (scene coordinates): line, arrow, boundary device mark and,
/// when readable, its label with badges; returns the label's rectangle.
#[allow(clippy::too_many_arguments)]
pub(super) fn conduit(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    c: &Conduit,
    (p0, p1): (Pos2, Pos2),
    ea: Option<&ElementAssessment>,
    selected: bool,
) -> Option<egui::Rect> {
    let zoom = f.zoom.max(1e-3);
    let worst = ea.map_or(GapSeverity::Unknown, |e| e.worst);
    let color = theme::gap_color(worst);
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
            theme::rgb(crate::palette::BOUNDARY_DEVICE),
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
    let label = conduit_label(painter, t, f, c, (p0, p1), ea, selected, boundary.is_some());
    if 10.0 * zoom >= 4.0 {
        control_badges(painter, t, c, (p0, p1), color, label);
    }
    label
}

/// The conduit's name label (and its finding and risk marks), when readable; its rectangle.
#[allow(clippy::too_many_arguments)]
fn conduit_label(
    painter: &Geometry,
    t: &Text,
    f: &Frame,
    c: &Conduit,
    (p0, p1): (Pos2, Pos2),
    ea: Option<&ElementAssessment>,
    selected: bool,
    has_boundary: bool,
) -> Option<egui::Rect> {
    let zoom = f.zoom.max(1e-3);
    let ls = f.label_scale;
    let text_color = Greys::of(f.dark).text;
    let project = &f.doc.project;
    let color = theme::gap_color(ea.map_or(GapSeverity::Unknown, |e| e.worst));
    if 12.0 * zoom >= 4.0 {
        let mid = p0 + (p1 - p0) * 0.55;
        let mut label = c.name.clone();
        if c.devices.len() > usize::from(has_boundary) || (has_boundary && c.devices.len() > 1) {
            label = format!(
                "{label} · {}",
                crate::count_of(c.devices.len(), "device", "devices")
            );
        }
        // a label across a short, mostly horizontal conduit must not spill onto the zones
        let span = p1 - p0;
        // presentation: at least 14 points on screen (read from the back of the room), up to
        // 2.5 times the usual size in the scene when zoomed far out
        let scene_size = if ls > 1.0 {
            (12.0 * ls.min(1.2)).max((14.0 / zoom).min(30.0))
        } else {
            12.0
        };
        let wide = 220.0 * scene_size / 12.0;
        let max_w = if span.x.abs() > span.y.abs() {
            (span.length() - 16.0).clamp(48.0, wide)
        } else {
            wide
        };
        let g = t.fitted(&label, scene_size, text_color, max_w);
        let size = t.scene_size(&g) + vec2(12.0, 6.0);
        let lr = egui::Rect::from_center_size(mid, size);
        let fill = theme::themed(crate::palette::LABEL_FILL, f.dark);
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
            finding_badge(painter, t, e.worst_finding, mc, 8.0, e.finding_count);
        }
        if let Some(e) = ea
            && e.risk.intolerable > 0
        {
            let r = risk_badge::conduit_rect(lr);
            risk_badge::paint(painter, t, r, &project.risk.matrix, e);
        }
        Some(lr)
    } else {
        None
    }
}

/// The conduit's controls (firewall, VPN, diode …) as small badges on its line; none over
/// the conduit's label (`label`), which names the conduit (the tooltip lists them all).
fn control_badges(
    painter: &Geometry,
    t: &Text,
    c: &Conduit,
    (p0, p1): (Pos2, Pos2),
    line: Color32,
    label: Option<egui::Rect>,
) {
    let fill = theme::rgb(crate::palette::CONTROL_BADGE);
    for (r, text) in crate::model::badges::badge_row((p0.x, p0.y), (p1.x, p1.y), &c.controls) {
        let r = super::to_egui(&r);
        if label.is_some_and(|l| l.intersects(r)) {
            continue;
        }
        painter.rect(
            r,
            CornerRadius::same(3),
            fill,
            Stroke::new(1.0, line),
            StrokeKind::Inside,
        );
        t.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            text,
            10.0,
            Color32::WHITE,
        );
    }
}

/// The number of findings on an element in a circle of the colour of the worst one.
pub(super) fn finding_badge(
    painter: &Geometry,
    t: &Text,
    worst: Option<FindingSeverity>,
    center: Pos2,
    radius: f32,
    count: usize,
) {
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
pub(super) fn draw_chip(
    t: &Text,
    painter: &Geometry,
    f: &Frame,
    asset: &crate::model::Asset,
    cr: egui::Rect,
    fill: Color32,
    text_color: Color32,
    selected: bool,
    faded: bool,
) {
    let fill = if faded {
        fill.gamma_multiply(0.4)
    } else {
        fill
    };
    let stroke = if selected {
        Stroke::new(2.5, theme::SELECTION)
    } else {
        Stroke::new(1.0, theme::rgb(crate::palette::CHIP_BORDER))
    };
    painter.rect(cr, CornerRadius::same(4), fill, stroke, StrokeKind::Inside);
    let comp = f.catalog.component(&asset.component);
    let icon = comp.map_or("?", |c| c.icon.as_str());
    let badge = egui::Rect::from_min_size(cr.min + vec2(3.0, 3.0), vec2(36.0, cr.height() - 6.0));
    let badge_color = theme::rgb(crate::palette::component_badge(comp));
    painter.rect_filled(badge, CornerRadius::same(3), badge_color);
    t.text(
        badge.center(),
        egui::Align2::CENTER_CENTER,
        icon,
        10.5,
        Color32::WHITE,
    );
    // a name too long for one row takes two smaller ones
    let size = 12.5 * f.label_scale.min(1.25);
    let mut g = t.fitted(&asset.name, size, text_color, cr.width() - 48.0);
    if g.elided {
        g = t.fitted_rows(&asset.name, size * 0.82, text_color, cr.width() - 48.0, 2);
    }
    let y = cr.center().y - t.scene_size(&g).y / 2.0;
    t.galley(pos2(badge.max.x + 5.0, y), g, text_color);
}

/// Whether the last of `zone_rects` overlaps one before it (its text must then hide theirs).
/// Past a few thousand zones it is assumed to.
pub(super) fn overlaps_earlier(zone_rects: &[(crate::model::ZoneId, crate::model::Rect)]) -> bool {
    let Some(((_, last), earlier)) = zone_rects.split_last() else {
        return false;
    };
    earlier.len() > 4096
        || earlier.iter().any(|(_, r)| {
            r.x < last.x + last.w
                && last.x < r.x + r.w
                && r.y < last.y + last.h
                && last.y < r.y + r.h
        })
}

#[cfg(test)]
mod tests {
    use super::layout_prefix;

    #[test]
    fn only_what_can_show_is_laid_out() {
        // 100 px at 10 px: at most 100 / 2 = 50 glyphs a row, two rows, plus one to be cut
        let long = "a".repeat(3_000);
        let shown = layout_prefix(&long, 2, 100.0, 10.0);
        assert_eq!(shown.chars().count(), 102);
        assert!(shown.ends_with("a…"));
        let fits = "é".repeat(101);
        assert_eq!(layout_prefix(&fits, 2, 100.0, 10.0), fits.as_str());
        let one_more = "é".repeat(102);
        assert_eq!(
            layout_prefix(&one_more, 2, 100.0, 10.0).chars().count(),
            102
        );
        // a name that fits on one row stays whole
        assert_eq!(layout_prefix("PLC 7", 1, 100.0, 10.0), "PLC 7");
    }
}
