//! Unit tests of the topology view's pure parts: path marks, caption, colours, layout helpers.

use super::*;
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::{Conduit, Rect as ZRect, Zone};

fn zone(id: u32, name: &str, kind: ZoneKind, x: f32) -> Zone {
    Zone::new(ZoneId(id), name, kind, ZRect::new(x, 0.0, 100.0, 80.0))
}

/// Enterprise — Control — Safety (two-way), plus a DMZ hanging off Enterprise and a one-way
/// conduit Control → DMZ that must never be marked.
fn plant() -> Project {
    Project {
        zones: vec![
            zone(1, "Enterprise", ZoneKind::Enterprise, 0.0),
            zone(2, "Control", ZoneKind::Control, 200.0),
            zone(3, "SIS", ZoneKind::Safety, 400.0),
            zone(4, "DMZ", ZoneKind::Dmz, 200.0),
        ],
        conduits: vec![
            Conduit::new(ConduitId(1), "IT-Control", ZoneId(1), ZoneId(2)),
            Conduit::new(ConduitId(2), "Control-SIS", ZoneId(3), ZoneId(2)),
            Conduit::new(ConduitId(3), "IT-DMZ", ZoneId(1), ZoneId(4)),
            {
                let mut c = Conduit::new(ConduitId(4), "Diode", ZoneId(2), ZoneId(4));
                c.direction = Direction::OneWay;
                c
            },
        ],
        ..Default::default()
    }
}

#[test]
fn path_highlight_marks_path_zones_and_two_way_hops_only() {
    let p = plant();
    let a = assess(&p, Catalog::embedded());
    // the diode Control → DMZ has no gateway, so it counts as two-way, but the DMZ stops data
    assert_eq!(
        a.untrusted_paths,
        vec![vec![ZoneId(1), ZoneId(2), ZoneId(3)]]
    );
    let h = path_highlight(&a);
    assert_eq!(
        h.zones,
        [ZoneId(1), ZoneId(2), ZoneId(3)].into_iter().collect()
    );
    // conduit 2 is stored SIS→Control, against the path's direction: still marked
    assert_eq!(
        h.conduits,
        [ConduitId(1), ConduitId(2)].into_iter().collect()
    );
}

/// A one-way conduit enforced by the unidirectional-gateway control.
fn enforced_one_way(id: u32, name: &str, from: u32, to: u32) -> Conduit {
    let mut c = Conduit::new(ConduitId(id), name, ZoneId(from), ZoneId(to));
    c.direction = Direction::OneWay;
    c.controls = vec!["unidirectional_gateway".into()];
    c
}

#[test]
fn path_highlight_marks_one_way_conduits_only_in_the_direction_of_the_path() {
    let mut p = plant();
    // parallel to IT-Control: one enforced diode with the path (IT → Control), one against it
    p.conduits
        .push(enforced_one_way(8, "IT-Control diode", 1, 2));
    p.conduits
        .push(enforced_one_way(9, "Control-IT diode", 2, 1));
    let h = path_highlight(&assess(&p, Catalog::embedded()));
    assert!(h.conduits.contains(&ConduitId(1)));
    assert!(h.conduits.contains(&ConduitId(8)));
    assert!(!h.conduits.contains(&ConduitId(9)));
    assert!(!h.conduits.contains(&ConduitId(4)));
}

#[test]
fn no_paths_no_marks() {
    let mut p = plant();
    // only an enforced one-way conduit out of the SIS blocks the path; a bare one-way does not
    p.conduits[1].direction = Direction::OneWay;
    assert_eq!(assess(&p, Catalog::embedded()).untrusted_paths.len(), 1);
    p.conduits[1] = enforced_one_way(2, "Control-SIS", 3, 2);
    let a = assess(&p, Catalog::embedded());
    assert!(a.untrusted_paths.is_empty());
    assert_eq!(path_highlight(&a), PathHighlight::default());
}

#[test]
fn caption_counts_paths() {
    assert_eq!(path_caption(0), "No untrusted path reaches a safety zone");
    assert!(path_caption(1).starts_with("1 path from an untrusted zone reaches a safety zone"));
    assert!(path_caption(3).starts_with("3 paths from untrusted zones"));
}

#[test]
fn live_view_only_when_something_moves_or_the_pointer_is_there() {
    assert!(!needs_live_view(true, false, false, false));
    assert!(needs_live_view(false, false, false, false));
    assert!(needs_live_view(true, true, false, false));
    assert!(needs_live_view(true, false, true, false));
    assert!(needs_live_view(true, false, false, true));
}

#[test]
fn gap_colours_are_distinct_and_text_contrasts() {
    let all = [
        GapSeverity::None,
        GapSeverity::One,
        GapSeverity::Two,
        GapSeverity::Unknown,
    ];
    let colours: HashSet<Color32> = all.iter().map(|s| theme::gap_color(*s)).collect();
    assert_eq!(colours.len(), 4);
    assert_eq!(text_color_on(Color32::WHITE), Color32::BLACK);
    assert_eq!(text_color_on(Color32::BLACK), Color32::WHITE);
    assert_eq!(
        text_color_on(theme::gap_color(GapSeverity::One)),
        Color32::BLACK
    );
}

#[test]
fn wrap_words_breaks_at_width() {
    let w = |s: &str| s.chars().count() as f32;
    assert_eq!(wrap_words("aa bb cc", 5.0, w), "aa bb\ncc");
    assert_eq!(wrap_words("averylongword x", 5.0, w), "averylongword\nx");
    assert_eq!(wrap_words("", 5.0, w), "");
}

#[test]
fn separate_boxes_removes_overlaps() {
    let sizes = vec![Vec2::new(100.0, 40.0); 3];
    let mut pos = vec![Pos2::ZERO, Pos2::new(10.0, 5.0), Pos2::ZERO];
    separate_boxes(&mut pos, &sizes, 10.0);
    for i in 0..3 {
        for j in (i + 1)..3 {
            let a = Rect::from_center_size(pos[i], sizes[i]);
            let b = Rect::from_center_size(pos[j], sizes[j]);
            assert!(!a.intersects(b), "{i} and {j} overlap: {pos:?}");
        }
    }
}

#[test]
fn orient_lays_the_long_axis_flat_with_untrusted_left() {
    // a vertical chain, safety on top, enterprise at the bottom
    let mut pos = vec![
        Pos2::new(0.0, 300.0),
        Pos2::new(5.0, 0.0),
        Pos2::new(0.0, -300.0),
    ];
    let kinds = [ZoneKind::Enterprise, ZoneKind::Control, ZoneKind::Safety];
    orient(&mut pos, &kinds);
    let xs: Vec<f32> = pos.iter().map(|p| p.x).collect();
    let ys: Vec<f32> = pos.iter().map(|p| p.y.abs()).collect();
    assert!(xs[0] < xs[1] && xs[1] < xs[2], "{pos:?}");
    assert!(ys.iter().all(|y| *y < 10.0), "{pos:?}");
}

#[test]
fn sync_builds_marked_graph_and_layout_settles_without_overlap() {
    let p = plant();
    let a = assess(&p, Catalog::embedded());
    let mut v = TopologyView::new();
    v.sync(&p, &a, 1);
    assert_eq!(v.path_count(), 1);
    assert_eq!(v.graph().node_count(), 4);
    assert_eq!(v.graph().edge_count(), 4);
    let on_path: HashSet<ZoneId> = v
        .graph()
        .nodes_iter()
        .filter(|(_, n)| n.payload().on_path)
        .map(|(_, n)| n.payload().zone)
        .collect();
    assert_eq!(
        on_path,
        [ZoneId(1), ZoneId(2), ZoneId(3)].into_iter().collect()
    );
    let one_way: Vec<ConduitId> = v
        .graph()
        .edges_iter()
        .filter(|(_, e)| e.payload().one_way)
        .map(|(_, e)| e.payload().conduit)
        .collect();
    assert_eq!(one_way, vec![ConduitId(4)]);
    assert!(!v.is_settled());
    for _ in 0..200 {
        if v.is_settled() {
            break;
        }
        v.step_layout();
    }
    assert!(v.is_settled());
    let rects: Vec<Rect> = v
        .graph()
        .nodes_iter()
        .map(|(_, n)| Rect::from_center_size(n.location(), n.payload().size))
        .collect();
    for i in 0..rects.len() {
        for j in (i + 1)..rects.len() {
            assert!(!rects[i].intersects(rects[j]));
        }
    }
    // same revision: nothing happens; a rename keeps the layout settled
    v.sync(&p, &a, 1);
    assert!(v.is_settled());
    let mut renamed = p.clone();
    renamed.zones[0].name = "Corporate IT".into();
    v.sync(&renamed, &a, 2);
    assert!(v.is_settled());
    // a new conduit re-runs the layout
    let mut linked = renamed.clone();
    linked
        .conduits
        .push(Conduit::new(ConduitId(5), "DMZ-SIS", ZoneId(4), ZoneId(3)));
    v.sync(&linked, &a, 3);
    assert!(!v.is_settled());
}

#[test]
fn the_graph_fits_when_first_shown_and_when_its_view_grows_unless_moved() {
    let v = |x: f32, y: f32| egui::vec2(x, y);
    assert!(refit_needed(None, v(800.0, 300.0), false));
    assert!(!refit_needed(None, v(0.0, 0.0), false), "not into nothing");
    assert!(!refit_needed(Some(v(800.0, 300.0)), v(800.0, 300.0), false));
    assert!(refit_needed(Some(v(800.0, 300.0)), v(800.0, 420.0), false));
    assert!(
        !refit_needed(Some(v(800.0, 300.0)), v(800.0, 200.0), false),
        "not when it shrinks"
    );
    assert!(
        !refit_needed(Some(v(800.0, 300.0)), v(800.0, 420.0), true),
        "not after a zoom"
    );
}
