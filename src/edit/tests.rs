//! Inverse edits, merged steps, and a property test: random edit sequences undone all the way
//! give back the original project, and redone give the final one.

use super::*;
use crate::model::{Rect, ZoneKind};
use proptest::prelude::*;

fn base() -> Project {
    let mut p = Project::default();
    for i in 1..=3 {
        let mut z = Zone::new(
            ZoneId(i),
            format!("Z{i}"),
            ZoneKind::Control,
            Rect::new(i as f32 * 400.0, 0.0, 300.0, 200.0),
        );
        z.assets
            .push(Asset::new(AssetId(i * 10), format!("A{i}"), "plc"));
        z.assets.push(Asset::new(
            AssetId(i * 10 + 1),
            format!("B{i}"),
            "hmi_panel",
        ));
        p.zones.push(z);
    }
    p.conduits
        .push(Conduit::new(ConduitId(1), "C1", ZoneId(1), ZoneId(2)));
    p.conduits
        .push(Conduit::new(ConduitId(2), "C2", ZoneId(2), ZoneId(3)));
    p.conduits
        .push(Conduit::new(ConduitId(3), "C3", ZoneId(1), ZoneId(3)));
    p
}

#[test]
fn remove_zone_takes_its_conduits_and_undo_restores_them_in_place() {
    let mut p = base();
    let original = p.clone();
    let mut h = History::default();
    h.apply(&mut p, "Delete zone Z1", Edit::RemoveZone { id: ZoneId(1) })
        .expect("remove");
    assert_eq!(p.zones.len(), 2);
    assert_eq!(p.conduits.len(), 1, "C1 and C3 were attached to Z1");
    assert_eq!(h.undo_label(), Some("Delete zone Z1"));
    assert!(h.undo(&mut p).expect("undo"));
    assert_eq!(p, original);
    assert!(h.redo(&mut p).expect("redo"));
    assert_eq!(p.conduits.len(), 1);
}

#[test]
fn move_asset_between_zones_and_back() {
    let mut p = base();
    let original = p.clone();
    let mut h = History::default();
    h.apply(
        &mut p,
        "Move asset",
        Edit::MoveAsset {
            id: AssetId(10),
            to: AssetParent::Zone(ZoneId(3)),
            index: 0,
        },
    )
    .expect("move");
    assert_eq!(
        p.asset(AssetId(10)).map(|(_, parent)| parent),
        Some(AssetParent::Zone(ZoneId(3)))
    );
    assert_eq!(p.zones[2].assets[0].id, AssetId(10));
    h.undo(&mut p).expect("undo");
    assert_eq!(p, original);
}

#[test]
fn merged_field_edits_are_one_step() {
    let mut p = base();
    let original = p.clone();
    let mut h = History::default();
    for name in ["B", "BP", "BPC", "BPCS"] {
        let mut z = p.zones[0].clone();
        z.name = name.into();
        h.apply_merging(
            &mut p,
            "Rename zone",
            Edit::ReplaceZone(z),
            Some("zone1.name".into()),
        )
        .expect("edit");
    }
    assert_eq!(p.zones[0].name, "BPCS");
    h.undo(&mut p).expect("undo");
    assert_eq!(p, original, "one undo reverts the whole field edit");
    assert!(!h.can_undo());
    // after a seal, the same key starts a new step
    let mut z = p.zones[0].clone();
    z.name = "X".into();
    h.apply_merging(&mut p, "Rename", Edit::ReplaceZone(z), Some("k".into()))
        .expect("edit");
    h.seal();
    let mut z = p.zones[0].clone();
    z.name = "XY".into();
    h.apply_merging(&mut p, "Rename", Edit::ReplaceZone(z), Some("k".into()))
        .expect("edit");
    h.undo(&mut p).expect("undo");
    assert_eq!(p.zones[0].name, "X");
}

#[test]
fn stale_edits_fail_without_changing_anything() {
    let mut p = base();
    let original = p.clone();
    let mut h = History::default();
    assert!(
        h.apply(&mut p, "x", Edit::RemoveZone { id: ZoneId(99) })
            .is_err()
    );
    let batch = Edit::Batch(vec![
        Edit::RemoveConduit { id: ConduitId(1) },
        Edit::RemoveConduit { id: ConduitId(77) },
    ]);
    assert!(h.apply(&mut p, "x", batch).is_err());
    assert_eq!(p, original);
    assert!(!h.can_undo());
    let c = Conduit::new(ConduitId(9), "bad", ZoneId(1), ZoneId(42));
    assert!(
        h.apply(
            &mut p,
            "x",
            Edit::AddConduit {
                index: 0,
                conduit: c
            }
        )
        .is_err()
    );
    assert_eq!(p, original);
}

#[test]
fn new_edit_clears_redo() {
    let mut p = base();
    let mut h = History::default();
    h.apply(&mut p, "a", Edit::RemoveConduit { id: ConduitId(1) })
        .expect("edit");
    h.undo(&mut p).expect("undo");
    assert!(h.can_redo());
    h.apply(&mut p, "b", Edit::RemoveConduit { id: ConduitId(2) })
        .expect("edit");
    assert!(!h.can_redo());
}

/// A random edit that refers to ids that may or may not exist (stale edits must fail cleanly).
fn edit_strategy() -> impl Strategy<Value = Edit> {
    let zone_id = (1u32..6).prop_map(ZoneId);
    let conduit_id = (1u32..6).prop_map(ConduitId);
    let asset_id = prop_oneof![
        Just(10u32),
        Just(11),
        Just(20),
        Just(21),
        Just(30),
        Just(31),
        Just(99)
    ]
    .prop_map(AssetId);
    let parent = prop_oneof![
        (1u32..5).prop_map(|z| AssetParent::Zone(ZoneId(z))),
        (1u32..5).prop_map(|c| AssetParent::Conduit(ConduitId(c))),
    ];
    prop_oneof![
        (0usize..5, 4u32..6, "[a-zA-ZäŁ東 ]{0,8}").prop_map(|(index, id, name)| Edit::AddZone {
            index,
            zone: Zone::new(
                ZoneId(id),
                name,
                ZoneKind::Dmz,
                Rect::new(0.0, 900.0, 200.0, 100.0)
            ),
        }),
        zone_id.clone().prop_map(|id| Edit::RemoveZone { id }),
        (zone_id.clone(), -500.0f32..500.0).prop_map(|(id, dx)| {
            let mut z = Zone::new(
                id,
                "moved",
                ZoneKind::Safety,
                Rect::new(dx, dx, 300.0, 200.0),
            );
            z.assets.clear();
            Edit::ReplaceZone(z)
        }),
        (0usize..4, 4u32..6, zone_id.clone(), zone_id.clone()).prop_map(|(index, id, a, b)| {
            Edit::AddConduit {
                index,
                conduit: Conduit::new(ConduitId(id), "new", a, b),
            }
        }),
        conduit_id.prop_map(|id| Edit::RemoveConduit { id }),
        asset_id.clone().prop_map(|id| Edit::RemoveAsset { id }),
        (asset_id.clone(), parent.clone(), 0usize..3).prop_map(|(id, to, index)| Edit::MoveAsset {
            id,
            to,
            index
        }),
        (parent, 0usize..3, 100u32..103).prop_map(|(parent, index, id)| Edit::AddAsset {
            parent,
            index,
            asset: Asset::new(AssetId(id), "new", "firewall"),
        }),
        "[a-z]{0,6}".prop_map(|t| Edit::SetMeta(Meta {
            title: t,
            ..Meta::default()
        })),
    ]
}

proptest! {
    #[test]
    fn undo_all_gives_back_the_original_and_redo_all_the_final(edits in proptest::collection::vec(edit_strategy(), 0..30)) {
        let original = base();
        let mut p = original.clone();
        let mut h = History::default();
        let mut applied = 0;
        for e in edits {
            // duplicate ids would make the project invalid; skip edits that would add them
            let adds_duplicate = match &e {
                Edit::AddZone { zone, .. } => p.zone(zone.id).is_some(),
                Edit::AddConduit { conduit, .. } => p.conduit(conduit.id).is_some(),
                Edit::AddAsset { asset, .. } => p.asset(asset.id).is_some(),
                _ => false,
            };
            if adds_duplicate {
                continue;
            }
            let before = p.clone();
            let replaces = matches!(
                e,
                Edit::ReplaceZone(_)
                    | Edit::ReplaceConduit(_)
                    | Edit::ReplaceAsset(_)
                    | Edit::SetZoneRect { .. }
                    | Edit::SetMeta(_)
            );
            match h.apply(&mut p, "step", e) {
                // a replacement by an equal value is no step
                Ok(()) if p != before || !replaces => applied += 1,
                Ok(()) => {}
                Err(_) => prop_assert_eq!(&p, &before, "a failed edit changed the project"),
            }
        }
        let last = p.clone();
        let mut undone = 0;
        while h.undo(&mut p).expect("undo of a recorded step") {
            undone += 1;
        }
        prop_assert_eq!(undone, applied);
        prop_assert_eq!(&p, &original);
        while h.redo(&mut p).expect("redo of a recorded step") {}
        prop_assert_eq!(&p, &last);
    }
}

#[test]
fn state_comes_back_when_undo_returns_to_it() {
    let mut p = base();
    let mut h = History::default();
    let saved = h.state();
    let mut z = p.zones[0].clone();
    z.name = "A".into();
    h.apply(&mut p, "rename", Edit::ReplaceZone(z.clone()))
        .unwrap();
    let after_rename = h.state();
    assert_ne!(after_rename, saved);
    h.undo(&mut p).unwrap();
    assert_eq!(h.state(), saved, "undone to the saved state: clean again");
    h.redo(&mut p).unwrap();
    assert_eq!(h.state(), after_rename);
    // typing that merges into the step leads to a new state, not back to the old one
    z.name = "AB".into();
    h.apply_merging(
        &mut p,
        "rename",
        Edit::ReplaceZone(z.clone()),
        Some("k".into()),
    )
    .unwrap();
    z.name = "ABC".into();
    let before_merge = h.state();
    h.apply_merging(&mut p, "rename", Edit::ReplaceZone(z), Some("k".into()))
        .unwrap();
    assert_ne!(h.state(), before_merge);
    // a new edit after an undo is a new state even at the same depth
    h.undo(&mut p).unwrap();
    let mut z = p.zones[0].clone();
    z.name = "other".into();
    h.apply(&mut p, "rename", Edit::ReplaceZone(z)).unwrap();
    assert_ne!(h.state(), before_merge);
    assert_ne!(h.state(), saved);
    h.clear();
    assert_ne!(h.state(), saved, "a cleared history is a state of its own");
}

#[test]
fn an_edit_that_changes_nothing_is_no_step_and_keeps_the_state() {
    let mut p = Project::default();
    p.zones.push(Zone::new(
        ZoneId(1),
        "Z1",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 100.0, 80.0),
    ));
    let mut h = History::default();
    let saved = h.state();
    let rect = p.zones[0].rect;
    h.apply(
        &mut p,
        "Move zone Z1",
        Edit::SetZoneRect {
            id: ZoneId(1),
            rect,
        },
    )
    .expect("applies");
    let same = p.zones[0].clone();
    h.apply(&mut p, "Rename zone Z1", Edit::ReplaceZone(same))
        .expect("applies");
    assert!(!h.can_undo(), "nothing changed, nothing to undo");
    assert_eq!(h.state(), saved, "still the saved state");
    // a real change is still a step
    let mut moved = rect;
    moved.x += 10.0;
    h.apply(
        &mut p,
        "Move zone Z1",
        Edit::SetZoneRect {
            id: ZoneId(1),
            rect: moved,
        },
    )
    .expect("applies");
    assert!(h.can_undo());
    assert_ne!(h.state(), saved);
}
