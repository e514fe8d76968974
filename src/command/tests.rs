//! Every action planned on hand-made projects: the label, the project after applying the plan,
//! the inverse restoring the original, and the selection after it.

use super::*;
use crate::edit::History;
use crate::model::{ConduitId, layout};

fn zone(id: u32, name: &str, x: f32) -> Zone {
    Zone::new(
        ZoneId(id),
        name,
        ZoneKind::Control,
        Rect::new(x, 0.0, 300.0, 200.0),
    )
}

/// Two zones (BPCS with one PLC, SIS empty) joined by a conduit that carries a firewall.
fn plant() -> Project {
    let mut p = Project::default();
    let mut bpcs = zone(1, "BPCS", 0.0);
    bpcs.assets.push(Asset::new(AssetId(10), "PLC", "plc"));
    p.zones.push(bpcs);
    p.zones.push(zone(2, "SIS", 500.0));
    let mut c = Conduit::new(ConduitId(1), "BPCS – SIS", ZoneId(1), ZoneId(2));
    c.devices.push(Asset::new(AssetId(20), "FW", "firewall"));
    p.conduits.push(c);
    p
}

fn sel(items: &[ElementRef]) -> Selection {
    items.iter().copied().collect()
}

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

/// Plans `action`, applies it as one history step, checks undo gives the original back and redo
/// the result; returns the plan and the project after it.
fn run(action: Action, p: &Project, selection: &Selection) -> (Plan, Project) {
    let plan = plan(&action, p, selection, catalog()).expect("a plan");
    let mut after = p.clone();
    let mut h = History::default();
    h.apply(&mut after, plan.label.clone(), plan.edit.clone())
        .expect("the plan applies");
    assert_eq!(h.undo_label(), Some(plan.label.as_str()));
    let mut undone = after.clone();
    let mut h2 = h.clone();
    assert!(h2.undo(&mut undone).expect("undo"));
    assert_eq!(&undone, p, "one undo restores the project");
    assert!(!h2.can_undo(), "the action is one undo step");
    assert!(h2.redo(&mut undone).expect("redo"));
    assert_eq!(undone, after, "redo gives the result again");
    (plan, after)
}

#[test]
fn create_zone_is_centred_named_uniquely_and_selected() {
    let mut p = plant();
    p.zones[1].name = "Control".into();
    let (plan, after) = run(
        Action::CreateZone {
            kind: ZoneKind::Control,
            center: (1000.0, 500.0),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Add zone Control 2");
    let z = after.zone(ZoneId(3)).expect("new zone with the next id");
    let (w, h) = layout::zone_size_for(4, 2);
    assert_eq!((z.rect.w, z.rect.h), (w, h));
    assert_eq!(z.rect.x, (1000.0 - w / 2.0).round());
    assert_eq!(
        plan.selection_after,
        Some(sel(&[ElementRef::Zone(ZoneId(3))]))
    );
}

#[test]
fn create_asset_names_from_the_catalog_and_selects_it() {
    let p = plant();
    let (plan, after) = run(
        Action::CreateAsset {
            zone: ZoneId(2),
            component: "plc".into(),
            index: 0,
        },
        &p,
        &sel(&[ElementRef::Zone(ZoneId(2))]),
    );
    let name = catalog().component("plc").map(|c| c.name.clone());
    assert_eq!(name.as_deref(), Some("PLC"));
    assert_eq!(plan.label, "Add asset PLC 2", "PLC is taken in BPCS");
    assert_eq!(after.zones[1].assets.len(), 1);
    assert_eq!(after.zones[1].assets[0].tag, "PLC-01");
    assert_eq!(after.zones[1].rect, p.zones[1].rect, "one chip fits");
    assert_eq!(
        plan.selection_after,
        Some(sel(&[ElementRef::Asset(AssetId(21))]))
    );
}

#[test]
fn an_asset_that_does_not_fit_grows_its_zone_in_the_same_step() {
    let mut p = plant();
    let capacity = (0..1000)
        .find(|n| layout::asset_chips(&p.zones[1].rect, n + 1).hidden > 0)
        .expect("a zone holds a limited number of chips");
    for i in 0..capacity {
        p.zones[1]
            .assets
            .push(Asset::new(AssetId(100 + i as u32), format!("A{i}"), "plc"));
    }
    let (_, after) = run(
        Action::CreateAsset {
            zone: ZoneId(2),
            component: "plc".into(),
            index: usize::MAX,
        },
        &p,
        &sel(&[]),
    );
    let z = &after.zones[1];
    assert!(z.rect.h > p.zones[1].rect.h, "the zone grew");
    assert_eq!(layout::asset_chips(&z.rect, z.assets.len()).hidden, 0);
}

#[test]
fn moving_an_asset_into_a_full_zone_grows_it_and_is_one_step() {
    let mut p = plant();
    let capacity = (0..1000)
        .find(|n| layout::asset_chips(&p.zones[1].rect, n + 1).hidden > 0)
        .expect("a zone holds a limited number of chips");
    for i in 0..capacity {
        p.zones[1]
            .assets
            .push(Asset::new(AssetId(100 + i as u32), format!("A{i}"), "plc"));
    }
    let (plan, after) = run(
        Action::MoveAsset {
            id: AssetId(10),
            to: AssetParent::Zone(ZoneId(2)),
            index: 0,
        },
        &p,
        &sel(&[ElementRef::Asset(AssetId(10))]),
    );
    assert_eq!(plan.label, "Move asset PLC to SIS");
    assert_eq!(after.zones[1].assets[0].id, AssetId(10));
    assert!(after.zones[1].rect.h > p.zones[1].rect.h);
    assert_eq!(plan.selection_after, None, "the moved asset stays selected");
}

#[test]
fn reordering_within_a_zone_does_not_grow_it() {
    let mut p = plant();
    p.zones[0]
        .assets
        .push(Asset::new(AssetId(11), "HMI", "hmi_panel"));
    let (_, after) = run(
        Action::MoveAsset {
            id: AssetId(11),
            to: AssetParent::Zone(ZoneId(1)),
            index: 0,
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(after.zones[0].assets[0].id, AssetId(11));
    assert_eq!(after.zones[0].rect, p.zones[0].rect);
}

#[test]
fn create_conduit_between_two_zones_and_refuses_a_loop() {
    let p = plant();
    let (plan, after) = run(
        Action::CreateConduit {
            from: ZoneId(2),
            to: ZoneId(1),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Add conduit SIS – BPCS");
    assert_eq!(after.conduits.len(), 2);
    assert_eq!(
        plan.selection_after,
        Some(sel(&[ElementRef::Conduit(ConduitId(2))]))
    );
    let refused = super::plan(
        &Action::CreateConduit {
            from: ZoneId(1),
            to: ZoneId(1),
        },
        &p,
        &sel(&[]),
        catalog(),
    );
    assert!(matches!(refused, Err(NoPlan::Refused(_))));
}

#[test]
fn move_zones_rounds_and_keeps_everything_else() {
    let p = plant();
    let (plan, after) = run(
        Action::MoveZones {
            ids: vec![ZoneId(1), ZoneId(2)],
            dx: 10.4,
            dy: -5.6,
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Move 2 zones");
    assert_eq!((after.zones[0].rect.x, after.zones[0].rect.y), (10.0, -6.0));
    assert_eq!(after.zones[0].assets, p.zones[0].assets);
    let (one, _) = run(
        Action::MoveZones {
            ids: vec![ZoneId(2)],
            dx: 1.0,
            dy: 0.0,
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(one.label, "Move zone SIS");
}

#[test]
fn resize_zone_sets_the_rectangle() {
    let p = plant();
    let rect = Rect::new(0.0, 0.0, 640.0, 480.0);
    let (plan, after) = run(
        Action::ResizeZone {
            id: ZoneId(1),
            rect,
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Resize zone BPCS");
    assert_eq!(after.zones[0].rect, rect);
    assert_eq!(after.zones[0].assets.len(), 1);
}

#[test]
fn nudge_moves_only_the_selected_zones() {
    let p = plant();
    let selection = sel(&[ElementRef::Zone(ZoneId(2)), ElementRef::Asset(AssetId(10))]);
    let (plan, after) = run(
        Action::Nudge {
            dx: NUDGE_STEP,
            dy: 0.0,
        },
        &p,
        &selection,
    );
    assert_eq!(plan.label, "Move zone SIS");
    assert_eq!(after.zones[1].rect.x, 510.0);
    assert_eq!(after.zones[0].rect, p.zones[0].rect);
    let nothing = super::plan(
        &Action::Nudge { dx: 1.0, dy: 0.0 },
        &p,
        &sel(&[ElementRef::Asset(AssetId(10))]),
        catalog(),
    );
    assert_eq!(nothing, Err(NoPlan::Nothing));
}

#[test]
fn delete_a_zone_takes_its_conduits_and_clears_the_selection() {
    let p = plant();
    let selection = sel(&[
        ElementRef::Zone(ZoneId(1)),
        ElementRef::Conduit(ConduitId(1)),
        ElementRef::Asset(AssetId(20)),
    ]);
    let (plan, after) = run(Action::DeleteSelection, &p, &selection);
    assert_eq!(plan.label, "Delete 3 items");
    assert_eq!(after.zones.len(), 1);
    assert!(after.conduits.is_empty());
    assert_eq!(plan.selection_after, Some(Selection::new()));
    let (one, _) = run(
        Action::DeleteSelection,
        &p,
        &sel(&[ElementRef::Asset(AssetId(10))]),
    );
    assert_eq!(one.label, "Delete asset PLC");
    assert_eq!(
        super::plan(&Action::DeleteSelection, &p, &sel(&[]), catalog()),
        Err(NoPlan::Nothing)
    );
}

#[test]
fn duplicate_copies_zones_with_new_ids_and_selects_the_copies() {
    let p = plant();
    let selection = sel(&[ElementRef::Zone(ZoneId(1)), ElementRef::Asset(AssetId(10))]);
    let (plan, after) = run(Action::DuplicateSelection, &p, &selection);
    assert_eq!(
        plan.label, "Duplicate 1 zone, 1 asset",
        "the PLC goes with its zone"
    );
    let copy = after.zone(ZoneId(3)).expect("copy");
    assert_eq!(copy.name, "BPCS 2");
    assert_eq!(
        copy.rect.x, 840.0,
        "right of BPCS, past SIS, overlapping none"
    );
    assert_eq!(copy.rect.y, 0.0);
    assert_eq!(copy.assets[0].id, AssetId(21));
    assert_eq!(
        plan.selection_after,
        Some(sel(&[ElementRef::Zone(ZoneId(3))]))
    );
    let refused = super::plan(
        &Action::DuplicateSelection,
        &p,
        &sel(&[ElementRef::Conduit(ConduitId(1))]),
        catalog(),
    );
    assert!(matches!(refused, Err(NoPlan::Refused(_))));
}

#[test]
fn a_form_edit_passes_through_with_its_merge_key() {
    let p = plant();
    let mut z = p.zones[1].clone();
    z.name = "Safety".into();
    let (plan, after) = run(
        Action::Form {
            label: "Rename zone".into(),
            form: Box::new(form::FormAction::Zone(z)),
            merge_key: Some("zone2.name".into()),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Rename zone");
    assert_eq!(plan.merge_key.as_deref(), Some("zone2.name"));
    assert_eq!(after.zones[1].name, "Safety");
    assert_eq!(plan.selection_after, None);
}

#[test]
fn actions_on_elements_that_are_gone_plan_nothing() {
    let p = plant();
    for action in [
        Action::ResizeZone {
            id: ZoneId(9),
            rect: Rect::new(0.0, 0.0, 1.0, 1.0),
        },
        Action::MoveAsset {
            id: AssetId(99),
            to: AssetParent::Zone(ZoneId(1)),
            index: 0,
        },
        Action::CreateAsset {
            zone: ZoneId(9),
            component: "plc".into(),
            index: 0,
        },
        Action::MoveZones {
            ids: vec![ZoneId(9)],
            dx: 1.0,
            dy: 1.0,
        },
    ] {
        assert_eq!(
            plan(&action, &p, &sel(&[]), catalog()),
            Err(NoPlan::Nothing),
            "{action:?}"
        );
    }
}

#[test]
fn unique_names_count_up() {
    let taken = ["Zone", "Zone 2"];
    assert_eq!(unique_name("Zone", taken.into_iter()), "Zone 3");
    assert_eq!(unique_name("Other", taken.into_iter()), "Other");
}

/// Zones Control (1) and SIS (2) with conduits "Control – SIS", "Control – SIS 2" (numbered
/// to keep it unique), "SIS – Control" and one named by hand: renaming Control to BPCS renames
/// the three made from its name and keeps the hand-named one, in one undo step.
#[test]
fn renaming_a_zone_renames_the_conduits_named_after_it() {
    let mut p = plant();
    p.zones[0].name = "Control".into();
    p.zones[1].name = "SIS".into();
    p.conduits.clear();
    let (a, b) = (p.zones[0].id, p.zones[1].id);
    for (i, (name, from, to)) in [
        ("Control – SIS", a, b),
        ("Control – SIS 2", a, b),
        ("SIS – Control", b, a),
        ("Engineering access", a, b),
        ("Control – SIS spare", a, b),
    ]
    .into_iter()
    .enumerate()
    {
        p.conduits.push(crate::model::Conduit::new(
            ConduitId(i as u32 + 1),
            name,
            from,
            to,
        ));
    }
    let (plan, after) = run(
        Action::Rename {
            element: ElementRef::Zone(a),
            name: "BPCS".into(),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Rename zone Control to BPCS and its 3 conduits");
    let names: Vec<&str> = after.conduits.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BPCS – SIS",
            "BPCS – SIS 2",
            "SIS – BPCS",
            "Engineering access",
            "Control – SIS spare"
        ]
    );
}

#[test]
fn a_name_set_gives_what_unique_name_gives() {
    let existing = ["PLC", "PLC 2", "PLC 4", "HMI"];
    let mut set = super::NameSet::new(existing);
    let mut taken: Vec<String> = existing.iter().map(|s| (*s).to_owned()).collect();
    for base in ["PLC", "PLC", "HMI", "PLC", "New", "New", "PLC 2"] {
        let expected = unique_name(base, taken.iter().map(String::as_str));
        assert_eq!(set.unique(base), expected, "{base}");
        taken.push(expected);
    }
    // by hand: PLC 3, PLC 5, HMI 2, PLC 6, New, New 2, PLC 2 2
    assert_eq!(
        taken[4..],
        [
            "PLC 3", "PLC 5", "HMI 2", "PLC 6", "New", "New 2", "PLC 2 2"
        ]
    );
}

#[test]
fn a_merging_action_is_planned_as_its_inner_one_under_the_key() {
    let p = plant();
    let inner = Action::Bulk(bulk::BulkAction::Zones {
        ids: vec![ZoneId(1), ZoneId(2)],
        change: bulk::ZoneChange::Organisation("Operations".into()),
    });
    let alone = plan(&inner, &p, &sel(&[]), catalog()).expect("a plan");
    let (merged, after) = run(
        Action::Merging {
            action: Box::new(inner),
            key: "multi.org".into(),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(merged.label, alone.label);
    assert_eq!(merged.edit, alone.edit);
    assert_eq!(merged.merge_key.as_deref(), Some("multi.org"));
    assert!(
        after
            .zones
            .iter()
            .all(|z| z.characteristics.accountable_organisation == "Operations")
    );
}
