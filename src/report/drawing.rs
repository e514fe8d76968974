//! The architecture drawing: the whole plant scaled onto one landscape page with a legend and a
//! title strip; zones, assets (or asset counts when they would be too small to read), conduits
//! with one-way arrows and boundary-device marks, coloured by their worst gap.

use super::content::{gap_colors, gap_tint};
use super::fonts::{Fonts, Weight};
use super::layout::{Item, PT_PER_MM, Page, Rgb, fit, line_height, text_width, wrap};
use crate::analysis::{Assessment, GapSeverity};
use crate::catalog::Catalog;
use crate::model::{Direction, Rect, layout};
use crate::palette;

const MARGIN: f32 = 12.0;
const STRIP_H: f32 = 24.0;
/// Smallest text on the drawing, in points, at the page size it is printed at.
const MIN_TEXT: f32 = 6.0;
/// At most this many rows of a zone's name (a name longer than that is cut with "…").
const MAX_NAME_ROWS: usize = 4;

fn overlaps(a: &(f32, f32, f32, f32), b: &(f32, f32, f32, f32)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// The drawing page of the PDF (with the title block).
pub(crate) fn drawing_page(
    p: &crate::model::Project,
    catalog: &Catalog,
    a: &Assessment,
    fonts: &Fonts,
    size: (f32, f32),
    amend: Option<&super::amendments::Amendments>,
) -> Page {
    drawing(p, catalog, a, fonts, size, true, amend)
}

/// The drawing as backend-free primitives (text runs, rectangles, lines, polygons in mm, y
/// down): the one description that the PDF, the SVG and the PNG render. Without the title
/// block the legend stays where it was.
pub fn drawing(
    p: &crate::model::Project,
    catalog: &Catalog,
    a: &Assessment,
    fonts: &Fonts,
    size: (f32, f32),
    title_block: bool,
    amend: Option<&super::amendments::Amendments>,
) -> Page {
    let (w, h) = size;
    let mut page = Page::new(w, h);
    let area = (
        MARGIN,
        18.0,
        w - 2.0 * MARGIN,
        h - 18.0 - MARGIN - STRIP_H - 3.0,
    );
    let bounds = p.bounds().unwrap_or(Rect::new(0.0, 0.0, 100.0, 100.0));
    let s = (area.2 / bounds.w.max(1.0)).min(area.3 / bounds.h.max(1.0));
    let ox = area.0 + (area.2 - bounds.w * s) / 2.0 - bounds.x * s;
    let oy = area.1 + (area.3 - bounds.h * s) / 2.0 - bounds.y * s;
    let map = |x: f32, y: f32| (ox + x * s, oy + y * s);
    let mut occupied: Vec<(f32, f32, f32, f32)> = Vec::new();

    if p.meta.purdue_bands {
        purdue_bands(&mut page, p, fonts, area, &map);
    }

    // zones
    for (z, e) in a.zones_of(p) {
        let (x, y) = map(z.rect.x, z.rect.y);
        let (zw, zh) = (z.rect.w * s, z.rect.h * s);
        let (stroke, _) = gap_colors(e.worst);
        page.rect(x, y, zw, zh, Some(gap_tint(e.worst)), Some((stroke, 0.45)));
        page.rect(x, y, 1.2, zh, Some(kind_rgb(z.kind)), None);
        occupied.push((x, y, zw, zh));
        // header: name, kind and SL-T; the gap mark in the corner
        let header_h = layout::HEADER_H * s;
        let name_size = (header_h * 0.32 * PT_PER_MM).clamp(MIN_TEXT, 10.0);
        let mark_w = text_width(fonts, "2+", Weight::Bold, name_size) + 2.0;
        // the whole name, wrapped, never cut (it may run past a zone too small for it)
        let name_w = (zw - mark_w - 4.0).max(text_width(fonts, "MMMM", Weight::Bold, name_size));
        let mut rows = wrap(fonts, &z.name, Weight::Bold, name_size, name_w);
        if rows.len() > MAX_NAME_ROWS {
            let rest = rows[MAX_NAME_ROWS - 1..].join(" ");
            rows.truncate(MAX_NAME_ROWS - 1);
            rows.push(fit(fonts, &rest, Weight::Bold, name_size, name_w));
        }
        let name_lh = line_height(name_size);
        for (k, row) in rows.iter().enumerate() {
            page.text(
                x + 2.2,
                y + name_lh * (0.95 + k as f32),
                name_size,
                Weight::Bold,
                Rgb::BLACK,
                row.clone(),
            );
        }
        let name_bottom = y + name_lh * (0.95 + (rows.len() - 1) as f32);
        let sub_size = (name_size * 0.78).max(MIN_TEXT);
        let slt = e.sl_t.map_or_else(
            || "SL-T not set".to_owned(),
            |t| match t.as_uniform() {
                Some(n) => format!("SL-T {n}"),
                None => format!("SL-T {t}"),
            },
        );
        let sub = fit(
            fonts,
            &format!("{} · {slt}", z.kind.label()),
            Weight::Regular,
            sub_size,
            zw - 4.0,
        );
        let sub_y = name_bottom + line_height(sub_size);
        if sub_y < y + zh - 1.0 {
            page.text(
                x + 2.2,
                sub_y,
                sub_size,
                Weight::Regular,
                Rgb(60, 60, 60),
                sub,
            );
        }
        let (fill, fg) = gap_colors(e.worst);
        let mw = mark_w;
        let mh = line_height(name_size);
        page.rect(x + zw - mw - 1.0, y + 1.0, mw, mh, Some(fill), None);
        let letter = e.worst.letter();
        let letter_size = (name_size * 0.8).max(MIN_TEXT);
        let lw = text_width(fonts, letter, Weight::Bold, letter_size);
        page.text(
            x + zw - mw - 1.0 + (mw - lw) / 2.0,
            y + 1.0 + mh * 0.78,
            letter_size,
            Weight::Bold,
            fg,
            letter,
        );

        // assets: chips when readable, else a count line
        let chips = layout::asset_chips(&z.rect, z.assets.len());
        let chip_text = layout::CHIP_H * s * 0.42 * PT_PER_MM;
        // chips where their icons (0.8) and two-row names (0.82 of it) reach the smallest text
        // (a zone sized for its groups, too small for all its chips, prints the groups)
        if chip_text * 0.8 >= MIN_TEXT && chips.hidden == 0 {
            for (asset, slot) in z.assets.iter().zip(&chips.slots) {
                let (cx, cy) = map(slot.x, slot.y);
                let (cw, ch) = (slot.w * s, slot.h * s);
                page.rect(
                    cx,
                    cy,
                    cw,
                    ch,
                    Some(Rgb::WHITE),
                    Some((Rgb(150, 150, 150), 0.15)),
                );
                let icon = catalog
                    .component(&asset.component)
                    .map_or("?", |c| c.icon.as_str());
                let bw = ch * 1.25;
                page.rect(
                    cx + 0.4,
                    cy + 0.4,
                    bw,
                    ch - 0.8,
                    Some(Rgb::of(palette::DEVICE)),
                    None,
                );
                let isz = (chip_text * 0.8).max(MIN_TEXT);
                let iw = text_width(fonts, icon, Weight::Bold, isz);
                page.text(
                    cx + 0.4 + (bw - iw) / 2.0,
                    cy + ch / 2.0 + isz / PT_PER_MM * 0.35,
                    isz,
                    Weight::Bold,
                    Rgb::WHITE,
                    icon,
                );
                let avail = cw - bw - 2.0;
                let (lines, size) = chip_lines(fonts, &asset.name, chip_text, avail);
                let lh = line_height(size);
                let top = cy + ch / 2.0 - lh * (lines.len() as f32) / 2.0;
                for (k, line) in lines.into_iter().enumerate() {
                    page.text(
                        cx + bw + 1.4,
                        top + lh * (k as f32 + 0.72),
                        size,
                        Weight::Regular,
                        Rgb::BLACK,
                        line,
                    );
                }
            }
            if let Some(slot) = chips.overflow_slot {
                let (cx, cy) = map(slot.x, slot.y);
                page.text(
                    cx + 1.0,
                    cy + slot.h * s * 0.7,
                    chip_text,
                    Weight::Regular,
                    Rgb::GREY,
                    format!("+{} more assets", chips.hidden),
                );
            }
        } else if !z.assets.is_empty() {
            // too small for chips: the assets by type (from assess), as far as the zone has room
            let lh = line_height(sub_size);
            let first = sub_y.max(name_bottom) + lh;
            let rows = ((y + zh - 0.5 - first) / lh).floor().max(-1.0) as i64 + 1;
            let lines = crate::analysis::groups::summary_lines(
                &e.asset_groups,
                z.assets.len(),
                rows.max(0) as usize,
            );
            for (k, line) in lines.into_iter().enumerate() {
                page.text(
                    x + 2.2,
                    first + lh * k as f32,
                    sub_size,
                    Weight::Regular,
                    Rgb(40, 40, 40),
                    fit(fonts, &line, Weight::Regular, sub_size, zw - 4.0),
                );
            }
        }
    }

    // conduits
    let lanes = layout::conduit_lanes(p);
    let mut labels: Vec<(f32, f32, f32, f32)> = Vec::new();
    let label_size = (9.0 * s * PT_PER_MM * 0.55).clamp(MIN_TEXT + 0.5, 7.5);
    for (i, (c, e)) in a.conduits_of(p).enumerate() {
        let (Some(za), Some(zb)) = (p.zone(c.from), p.zone(c.to)) else {
            continue;
        };
        let ((x0, y0), (x1, y1)) =
            layout::conduit_segment(&za.rect, &zb.rect, lanes.get(i).copied().unwrap_or(0.0));
        let (a0, a1) = (map(x0, y0), map(x1, y1));
        let (color, _) = gap_colors(e.worst);
        page.items.push(Item::Line {
            points: vec![a0, a1],
            width: 0.6,
            color,
            dashed: e.worst == GapSeverity::Unknown,
        });
        let (dx, dy) = (a1.0 - a0.0, a1.1 - a0.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (ux, uy) = (dx / len, dy / len);
        if c.direction == Direction::OneWay {
            let back = (a1.0 - ux * 3.2, a1.1 - uy * 3.2);
            let n = (-uy * 1.6, ux * 1.6);
            page.items.push(Item::Polygon {
                points: vec![
                    a1,
                    (back.0 + n.0, back.1 + n.1),
                    (back.0 - n.0, back.1 - n.1),
                ],
                fill: color,
            });
        }
        if let Some(d) = c
            .devices
            .iter()
            .find(|d| catalog.component(&d.component).is_some_and(|t| t.boundary))
        {
            let icon = catalog
                .component(&d.component)
                .map_or("BD", |t| t.icon.as_str());
            let at = (a0.0 + dx * 0.22, a0.1 + dy * 0.22);
            let bsz = label_size;
            let bw = text_width(fonts, icon, Weight::Bold, bsz) + 1.6;
            let bh = line_height(bsz);
            page.rect(
                at.0 - bw / 2.0,
                at.1 - bh / 2.0,
                bw,
                bh,
                Some(Rgb::of(palette::BOUNDARY_DEVICE)),
                Some((color, 0.3)),
            );
            page.text(
                at.0 - bw / 2.0 + 0.8,
                at.1 + bh * 0.28,
                bsz,
                Weight::Bold,
                Rgb::WHITE,
                icon,
            );
        }
        // the controls (firewall, VPN, diode …) as badges on the line
        // at the page's scale, laid out again from their own text widths: the scene's spacing
        // would let badges of readable text overlap
        let badge_size = (label_size * 0.85).max(MIN_TEXT);
        let row = crate::model::badges::badge_row((x0, y0), (x1, y1), &c.controls);
        if let (Some((first, _)), Some((last, _))) = (row.first(), row.last()) {
            let (mx, my) = map((first.x + last.x + last.w) / 2.0, first.y + first.h / 2.0);
            let gap = 0.6;
            let widths: Vec<f32> = row
                .iter()
                .map(|(_, t)| text_width(fonts, t, Weight::Bold, badge_size) + 1.2)
                .collect();
            let total = widths.iter().sum::<f32>() + gap * (widths.len() - 1) as f32;
            let bh = line_height(badge_size);
            let mut bx = mx - total / 2.0;
            for ((_, text), bw) in row.into_iter().zip(widths) {
                page.rect(
                    bx,
                    my - bh / 2.0,
                    bw,
                    bh,
                    Some(Rgb::of(palette::CONTROL_BADGE)),
                    Some((color, 0.2)),
                );
                page.text(
                    bx + 0.6,
                    my + bh * 0.28,
                    badge_size,
                    Weight::Bold,
                    Rgb::WHITE,
                    text,
                );
                bx += bw + gap;
            }
        }
        // label: full name where it fits, else the conduit id; never on top of another label
        let max_w = if dx.abs() > dy.abs() {
            (len - 6.0).max(8.0)
        } else {
            60.0
        };
        let full = fit(
            fonts,
            &label_along(&c.name, dx, dy),
            Weight::Regular,
            label_size,
            max_w,
        );
        let candidates = [full, c.id.to_string()];
        'place: for text in candidates.iter().filter(|t| !t.is_empty()) {
            let tw = text_width(fonts, text, Weight::Regular, label_size) + 2.0;
            let th = line_height(label_size) + 0.6;
            for t in [0.5, 0.4, 0.6, 0.3, 0.7] {
                let (cx, cy) = (a0.0 + dx * t, a0.1 + dy * t);
                let r = (cx - tw / 2.0, cy - th / 2.0, tw, th);
                let clear_of_zones = occupied.iter().all(|z| !overlaps(&r, z));
                if clear_of_zones && labels.iter().all(|l| !overlaps(&r, l)) {
                    page.rect(r.0, r.1, r.2, r.3, Some(Rgb::WHITE), Some((color, 0.25)));
                    page.text(
                        r.0 + 1.0,
                        r.1 + th * 0.74,
                        label_size,
                        Weight::Regular,
                        Rgb::BLACK,
                        text.clone(),
                    );
                    labels.push(r);
                    break 'place;
                }
            }
        }
    }

    if let Some(amend) = amend {
        super::amendments::drawing_marks(&mut page, p, amend, fonts, &map);
    }
    title_strip(&mut page, p, fonts, w, h, title_block);
    page
}

/// The Purdue bands (see `model::purdue`) across the drawing area, behind the zones, each
/// labelled at its top left.
fn purdue_bands(
    page: &mut Page,
    p: &crate::model::Project,
    fonts: &Fonts,
    area: (f32, f32, f32, f32),
    map: &dyn Fn(f32, f32) -> (f32, f32),
) {
    let size = MIN_TEXT;
    for (i, band) in crate::model::purdue::bands(p).iter().enumerate() {
        let (_, y0) = map(0.0, band.y0);
        let (_, y1) = map(0.0, band.y1);
        // clipped to the drawing area
        let (y0, y1) = (y0.max(area.1 - 4.0), y1.min(area.1 + area.3 + 4.0));
        if y1 - y0 < 0.5 {
            continue;
        }
        let fill = Rgb::of(if band.is_dmz() {
            palette::PURDUE_DMZ_PAPER
        } else if i.is_multiple_of(2) {
            palette::PURDUE_EVEN_PAPER
        } else {
            palette::PURDUE_ODD_PAPER
        });
        page.rect(area.0, y0, area.2, y1 - y0, Some(fill), None);
        let label = fit(fonts, &band.label(), Weight::Regular, size, area.2);
        page.text(
            area.0 + 1.0,
            y0 + line_height(size) * 0.8,
            size,
            Weight::Regular,
            Rgb(90, 90, 90),
            label,
        );
    }
}

/// An asset name on a chip `width` mm wide and the text size: one line at `size` when it
/// fits, else two lines at a smaller size (broken at a space where one fits), the second cut
/// with "…" if needed.
fn chip_lines(fonts: &Fonts, name: &str, size: f32, width: f32) -> (Vec<String>, f32) {
    let name = &*crate::model::text::visible(name);
    if text_width(fonts, name, Weight::Regular, size) <= width {
        return (vec![name.to_owned()], size);
    }
    let small = size * 0.82;
    let fits = |t: &str| text_width(fonts, t, Weight::Regular, small) <= width;
    let end = name
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([name.len()])
        .take_while(|i| fits(&name[..*i]))
        .last()
        .unwrap_or(0);
    if end == name.len() {
        return (vec![name.to_owned()], small);
    }
    if end == 0 {
        return (vec![fit(fonts, name, Weight::Regular, size, width)], size);
    }
    let at = name[..end].rfind(' ').filter(|i| *i > 0).unwrap_or(end);
    let (a, b) = name.split_at(at);
    let second = fit(fonts, b.trim_start(), Weight::Regular, small, width);
    (vec![a.trim_end().to_owned(), second], small)
}

/// The conduit's name with its arrow ("BPCS → DMZ") turned the way the conduit runs on the
/// page (`dx`, `dy`, y down), so that the label never reads against the drawn arrow: an arrow
/// drawn leftwards gives "DMZ ← BPCS", one drawn up or down "BPCS ↑ DMZ" or "BPCS ↓ DMZ".
pub(crate) fn label_along(name: &str, dx: f32, dy: f32) -> String {
    let name = name.replace("->", "→");
    if !name.contains('→') {
        return name;
    }
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            name
        } else {
            let parts: Vec<&str> = name.split('→').map(str::trim).rev().collect();
            parts.join(" ← ")
        }
    } else if dy >= 0.0 {
        name.replace('→', "↓")
    } else {
        name.replace('→', "↑")
    }
}

pub(crate) fn kind_rgb(kind: crate::model::ZoneKind) -> Rgb {
    Rgb::of(crate::palette::zone_kind(kind))
}

fn title_strip(
    page: &mut Page,
    p: &crate::model::Project,
    fonts: &Fonts,
    w: f32,
    h: f32,
    title_block: bool,
) {
    let m = &p.meta;
    let y = h - MARGIN - STRIP_H;
    let x0 = MARGIN;
    let width = w - 2.0 * MARGIN;
    if title_block {
        page.rect(x0, y, width, STRIP_H, None, Some((Rgb::BLACK, 0.35)));
    }
    // legend on the left
    let legend_w = 120.0_f32.min(width * 0.45);
    page.rect(x0, y, legend_w, STRIP_H, None, Some((Rgb::BLACK, 0.25)));
    page.text(
        x0 + 2.0,
        y + 4.0,
        7.0,
        Weight::Bold,
        Rgb::BLACK,
        "Legend — worst gap per zone and conduit",
    );
    let items = [
        GapSeverity::None,
        GapSeverity::One,
        GapSeverity::Two,
        GapSeverity::Unknown,
    ];
    for (k, sev) in items.iter().enumerate() {
        let lx = x0 + 2.0 + (k as f32) * (legend_w - 4.0) / 4.0;
        let (fill, fg) = gap_colors(*sev);
        page.rect(lx, y + 6.5, 6.0, 4.0, Some(fill), None);
        let lw = text_width(fonts, sev.letter(), Weight::Bold, 6.0);
        page.text(
            lx + (6.0 - lw) / 2.0,
            y + 9.6,
            6.0,
            Weight::Bold,
            fg,
            sev.letter(),
        );
        page.text(
            lx + 7.0,
            y + 9.6,
            6.0,
            Weight::Regular,
            Rgb::BLACK,
            sev.label(),
        );
    }
    // one-way arrow and boundary mark
    let ly = y + 16.0;
    page.line((x0 + 2.0, ly), (x0 + 12.0, ly), 0.6, Rgb::BLACK);
    page.items.push(Item::Polygon {
        points: vec![
            (x0 + 14.0, ly),
            (x0 + 11.0, ly - 1.5),
            (x0 + 11.0, ly + 1.5),
        ],
        fill: Rgb::BLACK,
    });
    page.text(
        x0 + 16.0,
        ly + 1.0,
        6.0,
        Weight::Regular,
        Rgb::BLACK,
        "one-way conduit",
    );
    page.rect(
        x0 + 42.0,
        ly - 2.0,
        7.0,
        4.0,
        Some(Rgb::of(palette::BOUNDARY_DEVICE)),
        None,
    );
    page.text(
        x0 + 43.0,
        ly + 1.0,
        MIN_TEXT,
        Weight::Bold,
        Rgb::WHITE,
        "FW",
    );
    page.text(
        x0 + 51.0,
        ly + 1.0,
        6.0,
        Weight::Regular,
        Rgb::BLACK,
        "boundary device",
    );
    page.items.push(Item::Line {
        points: vec![(x0 + 76.0, ly), (x0 + 86.0, ly)],
        width: 0.6,
        color: gap_colors(GapSeverity::Unknown).0,
        dashed: true,
    });
    page.text(
        x0 + 88.0,
        ly + 1.0,
        6.0,
        Weight::Regular,
        Rgb::BLACK,
        "unknown (dashed)",
    );
    page.text(
        x0 + 2.0,
        y + STRIP_H - 2.0,
        MIN_TEXT,
        Weight::Regular,
        Rgb::GREY,
        "Letters repeat the colours for greyscale prints.",
    );
    // the conduit control badges (model::badges)
    let (bx, by) = (x0 + 54.0, y + STRIP_H - 4.4);
    page.rect(
        bx,
        by,
        8.0,
        3.4,
        Some(Rgb::of(palette::CONTROL_BADGE)),
        None,
    );
    page.text(
        bx + 0.9,
        by + 2.6,
        MIN_TEXT,
        Weight::Bold,
        Rgb::WHITE,
        "VPN",
    );
    page.text(
        bx + 9.5,
        y + STRIP_H - 2.0,
        MIN_TEXT,
        Weight::Regular,
        Rgb::GREY,
        "conduit controls (FW firewall, 1→ data diode …)",
    );
    if !title_block {
        return;
    }
    // title block on the right
    let tx = x0 + legend_w;
    let tw = width - legend_w;
    let cells: [(&str, String, f32); 6] = [
        (
            "Drawing",
            "Zone and conduit drawing (ZCR 6.3)".to_owned(),
            0.0,
        ),
        ("Project", m.title.clone(), 0.0),
        ("Plant / site", m.site.clone(), 0.0),
        ("Document", m.document_number.clone(), 0.55),
        ("Revision", m.revision.clone(), 0.75),
        ("Date", m.date.clone(), 0.87),
    ];
    let row_h = STRIP_H / 3.0;
    let left_w = tw * 0.5;
    for (i, (label, value, _)) in cells.iter().take(3).enumerate() {
        let ry = y + i as f32 * row_h;
        page.rect(tx, ry, left_w, row_h, None, Some((Rgb::BLACK, 0.2)));
        page.text(
            tx + 1.5,
            ry + 2.6,
            MIN_TEXT,
            Weight::Regular,
            Rgb::GREY,
            *label,
        );
        page.text(
            tx + 1.5,
            ry + row_h - 1.3,
            7.0,
            Weight::Bold,
            Rgb::BLACK,
            fit(fonts, value, Weight::Bold, 7.0, left_w - 3.0),
        );
    }
    // document number, revision and date: widths follow their text
    let rest = &cells[3..];
    let size = 8.0;
    let natural: Vec<f32> = rest
        .iter()
        .map(|(label, v, _)| {
            text_width(fonts, v, Weight::Bold, size).max(text_width(
                fonts,
                label,
                Weight::Regular,
                MIN_TEXT,
            )) + 4.0
        })
        .collect();
    let total: f32 = natural.iter().sum::<f32>().max(1.0);
    let avail = tw - left_w;
    let mut cx = tx + left_w;
    for ((label, value, _), nat) in rest.iter().zip(&natural) {
        let cw = if total <= avail {
            avail * nat / total
        } else {
            avail / rest.len() as f32
        };
        page.rect(cx, y, cw, STRIP_H, None, Some((Rgb::BLACK, 0.2)));
        page.text(
            cx + 1.5,
            y + 3.5,
            MIN_TEXT,
            Weight::Regular,
            Rgb::GREY,
            *label,
        );
        page.text(
            cx + 1.5,
            y + 12.0,
            size,
            Weight::Bold,
            Rgb::BLACK,
            fit(fonts, value, Weight::Bold, size, cw - 3.0),
        );
        cx += cw;
    }
}

#[cfg(test)]
mod tests {
    use super::label_along;

    #[test]
    fn a_conduit_label_reads_along_its_arrow() {
        let name = "BPCS → DMZ historian";
        assert_eq!(label_along(name, 10.0, 1.0), name);
        assert_eq!(label_along(name, -10.0, 1.0), "DMZ historian ← BPCS");
        assert_eq!(label_along(name, 1.0, -10.0), "BPCS ↑ DMZ historian");
        assert_eq!(label_along(name, 1.0, 10.0), "BPCS ↓ DMZ historian");
        assert_eq!(label_along("A -> B", -1.0, 0.0), "B ← A");
        assert_eq!(label_along("Plain name", -1.0, 0.0), "Plain name");
    }
}
