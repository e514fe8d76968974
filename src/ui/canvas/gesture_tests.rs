//! Gestures and hit testing without egui painting: positions in, intents out.

use super::*;
use crate::command::Action;
use crate::model::{Asset, Conduit, Zone, ZoneKind};
use crate::ui::canvas::DrawCache;
use crate::ui::canvas::hit::{self, conduit_at, dist_to_segment, rubber_band_pick, zone_at};
use egui::{pos2, vec2};

fn plant() -> Project {
    let mut a = Zone::new(
        ZoneId(1),
        "A",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 400.0, 300.0),
    );
    a.assets.push(Asset::new(AssetId(10), "PLC", "plc"));
    let b = Zone::new(
        ZoneId(2),
        "B",
        ZoneKind::Dmz,
        Rect::new(600.0, 0.0, 400.0, 300.0),
    );
    // C overlaps A and is drawn after it
    let c = Zone::new(
        ZoneId(3),
        "C",
        ZoneKind::Field,
        Rect::new(300.0, 200.0, 200.0, 200.0),
    );
    Project {
        zones: vec![a, b, c],
        conduits: vec![Conduit::new(ConduitId(5), "A-B", ZoneId(1), ZoneId(2))],
        ..Project::default()
    }
}

fn rects(p: &Project) -> Vec<(ZoneId, Rect)> {
    p.zones.iter().map(|z| (z.id, z.rect)).collect()
}

fn cache(p: &Project) -> DrawCache {
    DrawCache::new(
        p,
        &crate::analysis::assess(p, crate::catalog::Catalog::embedded()),
    )
}

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
fn the_topmost_zone_is_hit_and_conduit_lines_within_tolerance() {
    let p = plant();
    let r = rects(&p);
    assert_eq!(zone_at(&r, pos2(10.0, 10.0)), Some(ZoneId(1)));
    // where A and C overlap, C (drawn last) is on top
    assert_eq!(zone_at(&r, pos2(350.0, 250.0)), Some(ZoneId(3)));
    assert_eq!(zone_at(&r, pos2(550.0, 10.0)), None);
    assert_eq!(
        dist_to_segment(pos2(5.0, 3.0), pos2(0.0, 0.0), pos2(10.0, 0.0)),
        3.0
    );
    assert_eq!(
        dist_to_segment(pos2(-4.0, 3.0), pos2(0.0, 0.0), pos2(0.0, 0.0)),
        5.0
    );
    let c = cache(&p);
    let (a, b) = hit::segment_of(&p, &c, 0, &Gesture::None).expect("conduit drawn");
    let mid = a + (b - a) / 2.0;
    assert_eq!(
        conduit_at(&p, &c, mid + vec2(0.0, 3.0), 4.0),
        Some(ConduitId(5))
    );
    assert_eq!(conduit_at(&p, &c, mid + vec2(0.0, 30.0), 4.0), None);
}

#[test]
fn a_rubber_band_picks_what_it_encloses_wholly() {
    let p = plant();
    let c = cache(&p);
    let around_a = egui::Rect::from_min_max(pos2(-10.0, -10.0), pos2(410.0, 310.0));
    assert_eq!(
        rubber_band_pick(&p, &c, around_a),
        vec![ElementRef::Zone(ZoneId(1))]
    );
    let all = egui::Rect::from_min_max(pos2(-10.0, -10.0), pos2(1100.0, 500.0));
    assert_eq!(
        rubber_band_pick(&p, &c, all),
        vec![
            ElementRef::Zone(ZoneId(1)),
            ElementRef::Zone(ZoneId(2)),
            ElementRef::Zone(ZoneId(3)),
            ElementRef::Conduit(ConduitId(5)),
        ]
    );
}

#[test]
fn clicks_select_toggle_or_drive_the_conduit_tool() {
    let z = ElementRef::Zone(ZoneId(1));
    assert_eq!(click_intent(z, false, false), Some(Intent::Select(vec![z])));
    assert_eq!(click_intent(z, true, false), None);
    assert_eq!(click_intent(z, true, true), Some(Intent::ToggleSelect(z)));
    // conduit tool: first click picks, second (on another zone) creates and leaves the tool
    let (i, t) = zone_click(Tool::Conduit { first: None }, ZoneId(1), false, false);
    assert_eq!(
        (i, t),
        (
            None,
            Some(Tool::Conduit {
                first: Some(ZoneId(1))
            })
        )
    );
    let first = Tool::Conduit {
        first: Some(ZoneId(1)),
    };
    assert_eq!(zone_click(first, ZoneId(1), false, false), (None, None));
    assert_eq!(
        zone_click(first, ZoneId(2), false, false),
        (
            Some(Intent::Act(Action::CreateConduit {
                from: ZoneId(1),
                to: ZoneId(2)
            })),
            Some(Tool::Select)
        )
    );
}

#[test]
fn a_zone_drag_resizes_at_the_border_and_moves_the_selection_elsewhere() {
    let p = plant();
    let a = &p.zones[0];
    let none = BTreeSet::new();
    let (g, i) = zone_drag_start(a.id, &a.rect, pos2(399.0, 100.0), 7.0, false, &none);
    assert!(matches!(g, Gesture::Resize { edges, .. } if edges.right && !edges.left));
    assert_eq!(i, None);
    // an unselected zone is selected and moves alone
    let (g, i) = zone_drag_start(a.id, &a.rect, pos2(100.0, 100.0), 7.0, false, &none);
    assert!(matches!(&g, Gesture::MoveZones { ids, .. } if ids == &vec![a.id]));
    assert_eq!(i, Some(Intent::Select(vec![ElementRef::Zone(a.id)])));
    // a selected one takes the other selected zones along
    let sel: BTreeSet<ElementRef> = [
        ElementRef::Zone(ZoneId(1)),
        ElementRef::Zone(ZoneId(2)),
        ElementRef::Asset(AssetId(10)),
    ]
    .into_iter()
    .collect();
    let (g, i) = zone_drag_start(a.id, &a.rect, pos2(100.0, 100.0), 7.0, true, &sel);
    assert!(matches!(&g, Gesture::MoveZones { ids, .. } if ids == &vec![ZoneId(1), ZoneId(2)]));
    assert_eq!(i, None);
    // while it lasts the zone is shown moved; the release is one intent
    assert_eq!(
        displayed_rect(
            &Gesture::MoveZones {
                ids: vec![a.id],
                grabbed: a.id,
                start: pos2(0.0, 0.0),
                now: pos2(5.0, 7.0),
                guides: [None, None],
            },
            a.id,
            &a.rect
        ),
        Rect::new(5.0, 7.0, 400.0, 300.0)
    );
    assert_eq!(
        move_zones_end(&[a.id], pos2(0.0, 0.0), pos2(0.2, 0.3)),
        None
    );
    assert_eq!(
        move_zones_end(&[a.id], pos2(0.0, 0.0), pos2(10.0, -2.0)),
        Some(Intent::Act(Action::MoveZones {
            ids: vec![a.id],
            dx: 10.0,
            dy: -2.0
        }))
    );
    let right = Edges {
        right: true,
        ..Default::default()
    };
    assert_eq!(
        resize_end(a.id, &a.rect, right, pos2(400.0, 0.0), pos2(400.0, 50.0)),
        None
    );
    assert_eq!(
        resize_end(a.id, &a.rect, right, pos2(400.0, 0.0), pos2(450.0, 0.0)),
        Some(Intent::Act(Action::ResizeZone {
            id: a.id,
            rect: Rect::new(0.0, 0.0, 450.0, 300.0)
        }))
    );
}

#[test]
fn releases_become_one_intent_or_a_hint() {
    let p = plant();
    let r = rects(&p);
    assert_eq!(
        connect_end(&r, ZoneId(1), pos2(700.0, 100.0)),
        Intent::Act(Action::CreateConduit {
            from: ZoneId(1),
            to: ZoneId(2)
        })
    );
    assert!(matches!(
        connect_end(&r, ZoneId(1), pos2(10.0, 10.0)),
        Intent::Status(_)
    ));
    assert!(matches!(
        connect_end(&r, ZoneId(1), pos2(550.0, 10.0)),
        Intent::Status(_)
    ));
    // an asset onto a conduit label becomes its last device; into a zone, at the slot
    let label = egui::Rect::from_center_size(pos2(500.0, 150.0), vec2(60.0, 20.0));
    let labels = [(ConduitId(5), label)];
    assert_eq!(
        asset_drop(&p, &labels, &r, AssetId(10), pos2(500.0, 150.0)),
        Intent::Act(Action::MoveAsset {
            id: AssetId(10),
            to: AssetParent::Conduit(ConduitId(5)),
            index: 0
        })
    );
    assert!(matches!(
        asset_drop(&p, &labels, &r, AssetId(10), pos2(700.0, 200.0)),
        Intent::Act(Action::MoveAsset {
            to: AssetParent::Zone(ZoneId(2)),
            ..
        })
    ));
    assert!(matches!(
        asset_drop(&p, &labels, &r, AssetId(10), pos2(-50.0, -50.0)),
        Intent::Status(_)
    ));
    // palette drops: a zone anywhere, a component only into a zone, at its end
    assert_eq!(
        palette_drop(
            &p,
            &PalettePayload::Zone(ZoneKind::Dmz),
            None,
            pos2(3.0, 4.0),
            false
        ),
        Intent::Act(Action::CreateZone {
            kind: ZoneKind::Dmz,
            center: (3.0, 4.0)
        })
    );
    // with the grid the new zone's corner lands on it
    let Intent::Act(Action::CreateZone { center, .. }) = palette_drop(
        &p,
        &PalettePayload::Zone(ZoneKind::Dmz),
        None,
        pos2(3.0, 4.0),
        true,
    ) else {
        panic!("a zone")
    };
    let (w, h) = layout::zone_size_for(4, 2);
    let corner = (center.0 - (w / 2.0).round(), center.1 - (h / 2.0).round());
    assert_eq!((corner.0 % 10.0, corner.1 % 10.0), (0.0, 0.0), "{corner:?}");
    let plc = PalettePayload::Component("plc".into());
    assert_eq!(
        palette_drop(&p, &plc, Some(ZoneId(1)), pos2(3.0, 4.0), true),
        Intent::Act(Action::CreateAsset {
            zone: ZoneId(1),
            component: "plc".into(),
            index: 1
        })
    );
    assert!(matches!(
        palette_drop(&p, &plc, None, pos2(3.0, 4.0), true),
        Intent::Status(_)
    ));
}
