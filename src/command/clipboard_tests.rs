//! Copy, paste, cut, duplicate and rename planned on hand-made projects: fresh ids, unique names
//! and tags, conduits only with both ends, placement, one undo step.

use super::*;
use crate::command::{Action, plan};
use crate::edit::History;
use crate::model::{ZoneKind, risk::ThreatScenario};

fn zone(id: u32, name: &str, x: f32) -> Zone {
    Zone::new(
        ZoneId(id),
        name,
        ZoneKind::Control,
        Rect::new(x, 0.0, 300.0, 200.0),
    )
}

fn tagged(id: u32, name: &str, component: &str, tag: &str) -> Asset {
    let mut a = Asset::new(AssetId(id), name, component);
    a.tag = tag.into();
    a
}

/// BPCS (PLC-01, HMI-01) and SIS (empty) joined by a conduit with a firewall device.
fn plant() -> Project {
    let mut p = Project::default();
    let mut bpcs = zone(1, "Control", 0.0);
    bpcs.assets.push(tagged(10, "PLC", "plc", "PLC-01"));
    bpcs.assets.push(tagged(11, "HMI", "hmi_panel", "HMI-01"));
    bpcs.risk.scenarios.push(ThreatScenario {
        affected_assets: vec![AssetId(10), AssetId(99)],
        ..ThreatScenario::default()
    });
    p.zones.push(bpcs);
    p.zones.push(zone(2, "SIS", 500.0));
    let mut c = Conduit::new(ConduitId(1), "Control – SIS", ZoneId(1), ZoneId(2));
    c.devices.push(tagged(20, "FW", "firewall", "FW-01"));
    p.conduits.push(c);
    p
}

fn sel(items: &[ElementRef]) -> Selection {
    items.iter().copied().collect()
}

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

/// Plans and applies `action` as one step; checks one undo restores `p`.
fn run(action: Action, p: &Project, selection: &Selection) -> (Plan, Project) {
    let plan = plan(&action, p, selection, catalog()).expect("a plan");
    let mut after = p.clone();
    let mut h = History::default();
    h.apply(&mut after, plan.label.clone(), plan.edit.clone())
        .expect("the plan applies");
    let mut undone = after.clone();
    assert!(h.undo(&mut undone).expect("undo"));
    assert_eq!(&undone, p, "one undo restores the project");
    assert!(!h.can_undo(), "one undo step");
    crate::file::validate(&after).expect("the result is a valid project");
    (plan, after)
}

fn paste_action(clip: Clip, placement: Placement, into: Option<ZoneId>) -> Action {
    Action::Paste {
        clip: Box::new(clip),
        placement,
        into,
    }
}

#[test]
fn a_clip_goes_through_text_and_back() {
    let p = plant();
    let everything = sel(&[
        ElementRef::Zone(ZoneId(1)),
        ElementRef::Zone(ZoneId(2)),
        ElementRef::Conduit(ConduitId(1)),
    ]);
    let (clip, left_out) = Clip::of_selection(&p, &everything);
    assert_eq!(left_out, 0);
    assert_eq!(clip.summary(), "2 zones, 3 assets, 1 conduit");
    let text = clip.to_text().expect("text");
    assert!(text.starts_with("ZonewrightClip("), "{}", &text[..40]);
    assert_eq!(Clip::parse(&text), Ok(clip));
}

#[test]
fn text_that_is_no_clip_is_refused_with_a_message() {
    for text in [
        "",
        "hello",
        "(format: \"zonewright\", version: 3, project: ())",
        "ZonewrightClip",
        "ZonewrightClip(version: 1, zones: [(",
        "ZonewrightClip(version: 1, surprise: 3)",
        "ZonewrightClipboard(version: 1)",
    ] {
        let e = Clip::parse(text).expect_err(text);
        assert!(e.ends_with('.'), "{text}: {e}");
    }
    let newer = Clip::parse("ZonewrightClip(version: 9)").expect_err("newer");
    assert!(newer.contains("newer"), "{newer}");
    let deep = format!("ZonewrightClip(version: 1, zones: {})", "[".repeat(5000));
    assert!(Clip::parse(&deep).is_err());
    let huge = "x".repeat(limits::MAX_FILE_BYTES as usize + 1);
    assert!(Clip::parse(&huge).expect_err("huge").contains("MB"));
    // valid RON, invalid elements: two zones with the same id and a bad rectangle
    let mut bad = Clip {
        version: 1,
        zones: vec![zone(1, "A", 0.0)],
        ..Clip::default()
    };
    bad.zones[0].rect.w = f32::NAN;
    let text = bad.to_text().expect("text");
    assert!(Clip::parse(&text).is_err(), "{text}");
}

#[test]
fn pasting_zones_gives_fresh_ids_names_tags_and_keeps_their_conduit() {
    let p = plant();
    let (clip, _) = Clip::of_selection(
        &p,
        &sel(&[
            ElementRef::Zone(ZoneId(1)),
            ElementRef::Zone(ZoneId(2)),
            ElementRef::Conduit(ConduitId(1)),
        ]),
    );
    let (plan, after) = run(
        paste_action(clip, Placement::At((1000.0, 1000.0)), None),
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Paste 2 zones, 3 assets, 1 conduit");
    assert_eq!(after.zones.len(), 4);
    let (a, b) = (&after.zones[2], &after.zones[3]);
    assert_eq!((a.id, b.id), (ZoneId(3), ZoneId(4)));
    assert_eq!((a.name.as_str(), b.name.as_str()), ("Control 2", "SIS 2"));
    // the pair's middle (400, 100) lands at the pointer
    assert_eq!((a.rect.x, a.rect.y), (600.0, 900.0));
    assert_eq!(b.rect.x, 1100.0);
    let tags: Vec<&str> = a.assets.iter().map(|x| x.tag.as_str()).collect();
    assert_eq!(tags, ["PLC-02", "HMI-02"]);
    assert_eq!(a.assets[0].name, "PLC 2");
    assert_eq!(a.assets[0].id, AssetId(21));
    assert_eq!(
        a.risk.scenarios[0].affected_assets,
        vec![AssetId(21)],
        "the scenario names the copy; the unknown asset is dropped"
    );
    let c = &after.conduits[1];
    assert_eq!((c.id, c.from, c.to), (ConduitId(2), ZoneId(3), ZoneId(4)));
    assert_eq!(c.devices[0].tag, "FW-02");
    assert_eq!(
        plan.selection_after,
        Some(sel(&[
            ElementRef::Zone(ZoneId(3)),
            ElementRef::Zone(ZoneId(4)),
            ElementRef::Conduit(ConduitId(2)),
        ]))
    );
}

#[test]
fn a_conduit_comes_along_only_with_both_ends() {
    let p = plant();
    let (clip, left_out) = Clip::of_selection(
        &p,
        &sel(&[
            ElementRef::Zone(ZoneId(1)),
            ElementRef::Conduit(ConduitId(1)),
        ]),
    );
    assert_eq!(left_out, 1);
    assert!(clip.conduits.is_empty());
    // a hand-written clip with a conduit to a zone it does not hold: the conduit is dropped
    let mut clip = clip;
    clip.conduits.push(p.conduits[0].clone());
    let (_, after) = run(paste_action(clip, Placement::Beside, None), &p, &sel(&[]));
    assert_eq!(after.conduits.len(), 1);
    assert_eq!(after.zones.len(), 3);
}

#[test]
fn assets_paste_into_the_given_zone_which_grows() {
    let p = plant();
    let (clip, _) = Clip::of_selection(
        &p,
        &sel(&[
            ElementRef::Asset(AssetId(10)),
            ElementRef::Asset(AssetId(20)),
        ]),
    );
    assert_eq!(clip.assets.len(), 2, "a zone asset and a conduit device");
    let refused = plan(
        &paste_action(clip.clone(), Placement::Beside, None),
        &p,
        &sel(&[]),
        catalog(),
    );
    assert!(
        matches!(refused, Err(NoPlan::Refused(_))),
        "no zone to go to"
    );
    let (plan, after) = run(
        paste_action(clip, Placement::Beside, Some(ZoneId(2))),
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Paste 2 assets");
    let names: Vec<(&str, &str)> = after.zones[1]
        .assets
        .iter()
        .map(|a| (a.name.as_str(), a.tag.as_str()))
        .collect();
    assert_eq!(names, [("PLC 2", "PLC-02"), ("FW 2", "FW-02")]);
    // a zone full of chips grows to hold the pasted ones
    let mut full = p.clone();
    let capacity = (0..1000)
        .find(|n| crate::model::layout::asset_chips(&full.zones[1].rect, n + 1).hidden > 0)
        .expect("a zone holds a limited number of chips");
    for i in 0..capacity {
        full.zones[1]
            .assets
            .push(Asset::new(AssetId(100 + i as u32), format!("A{i}"), "plc"));
    }
    let (clip, _) = Clip::of_selection(&p, &sel(&[ElementRef::Asset(AssetId(10))]));
    let (_, after) = run(
        paste_action(clip, Placement::Beside, Some(ZoneId(2))),
        &full,
        &sel(&[]),
    );
    assert!(after.zones[1].rect.h > full.zones[1].rect.h);
}

#[test]
fn duplicate_lands_beside_the_original_overlapping_no_zone() {
    let mut p = plant();
    // a third zone right of SIS: the copy of Control must pass both
    p.zones.push(zone(3, "DMZ", 850.0));
    let (plan, after) = run(
        Action::DuplicateSelection,
        &p,
        &sel(&[ElementRef::Zone(ZoneId(1))]),
    );
    assert_eq!(plan.label, "Duplicate 1 zone, 2 assets");
    let copy = after.zone(ZoneId(4)).expect("copy");
    for z in &p.zones {
        assert!(!overlaps(&copy.rect, &z.rect), "overlaps {}", z.name);
    }
    assert_eq!(copy.rect.x, 1190.0, "right of DMZ (850 + 300) and a gap");
    let tags: Vec<&str> = copy.assets.iter().map(|a| a.tag.as_str()).collect();
    assert_eq!(
        tags,
        ["PLC-02", "HMI-02"],
        "copies never keep identical tags"
    );
    // an asset duplicates into its own zone or conduit
    let (_, after) = run(
        Action::DuplicateSelection,
        &p,
        &sel(&[ElementRef::Asset(AssetId(20))]),
    );
    assert_eq!(after.conduits[0].devices.len(), 2);
    assert_eq!(after.conduits[0].devices[1].tag, "FW-02");
}

#[test]
fn free_place_steps_past_every_blocking_rectangle() {
    let r = Rect::new(0.0, 0.0, 100.0, 100.0);
    assert_eq!(free_offset_right(&r, &[r]), (140.0, 0.0));
    let wall: Vec<Rect> = (0..50)
        .map(|i| Rect::new(150.0 + 150.0 * i as f32, 0.0, 100.0, 100.0))
        .collect();
    let (dx, _) = free_offset_right(&r, &wall);
    let moved = Rect::new(dx, 0.0, 100.0, 100.0);
    assert!(wall.iter().all(|w| !overlaps(&moved, w)));
}

#[test]
fn cut_deletes_in_one_step_named_cut() {
    let p = plant();
    let (plan, after) = run(
        Action::CutSelection,
        &p,
        &sel(&[ElementRef::Zone(ZoneId(2))]),
    );
    assert_eq!(plan.label, "Cut 1 zone");
    assert_eq!(after.zones.len(), 1);
    assert!(after.conduits.is_empty(), "its conduit goes with it");
}

#[test]
fn rename_is_one_step_and_refuses_an_empty_name() {
    let p = plant();
    let (plan, after) = run(
        Action::Rename {
            element: ElementRef::Zone(ZoneId(2)),
            name: "  Safety  ".into(),
        },
        &p,
        &sel(&[]),
    );
    // the conduit "Control – SIS" was named after the zones, so it follows the new name
    assert_eq!(plan.label, "Rename zone SIS to Safety and its conduit");
    assert_eq!(after.zones[1].name, "Safety");
    assert_eq!(after.conduits[0].name, "Control – Safety");
    let (plan, _) = run(
        Action::Rename {
            element: ElementRef::Asset(AssetId(20)),
            name: "Edge FW".into(),
        },
        &p,
        &sel(&[]),
    );
    assert_eq!(plan.label, "Rename asset FW to Edge FW");
    for (name, expected) in [("   ", "refused"), ("SIS", "nothing")] {
        let r = plan_rename(&p, name);
        match expected {
            "refused" => assert!(matches!(r, Err(NoPlan::Refused(_))), "{name:?}"),
            _ => assert_eq!(r, Err(NoPlan::Nothing), "{name:?}"),
        }
    }
}

fn plan_rename(p: &Project, name: &str) -> Result<Plan, NoPlan> {
    plan(
        &Action::Rename {
            element: ElementRef::Zone(ZoneId(2)),
            name: name.into(),
        },
        p,
        &sel(&[]),
        catalog(),
    )
}

/// A clip of `n` loose assets named `Device i`.
fn loose_assets(n: u32) -> Clip {
    Clip {
        version: 1,
        zones: Vec::new(),
        assets: (0..n)
            .map(|i| Asset::new(AssetId(1_000 + i), format!("Device {i}"), "plc"))
            .collect(),
        conduits: Vec::new(),
    }
}

#[test]
fn a_paste_past_the_assets_per_zone_limit_is_refused_before_anything_changes() {
    let p = plant();
    let clip = loose_assets(crate::file::limits::MAX_ASSETS_PER_ZONE as u32);
    let action = paste_action(clip, Placement::Beside, Some(ZoneId(2)));
    // the first 10,000 fit into the empty SIS zone
    let (_, once) = run(action.clone(), &p, &Selection::default());
    assert_eq!(
        once.zone(ZoneId(2)).expect("SIS").assets.len(),
        crate::file::limits::MAX_ASSETS_PER_ZONE
    );
    // 10,000 more do not: refused, naming the reason
    match plan(&action, &once, &Selection::default(), catalog()) {
        Err(NoPlan::Refused(why)) => {
            assert!(why.starts_with("Nothing pasted"), "{why}");
            assert!(why.contains("10000"), "{why}");
        }
        other => panic!("refused expected, got {:?}", other.map(|p| p.label)),
    }
}

#[test]
fn a_paste_beyond_the_drawing_area_is_refused() {
    let p = plant();
    let (clip, _) = Clip::of_selection(&p, &sel(&[ElementRef::Zone(ZoneId(2))]));
    let far = paste_action(clip, Placement::At((1_500_000.0, 0.0)), None);
    match plan(&far, &p, &Selection::default(), catalog()) {
        Err(NoPlan::Refused(why)) => assert!(why.contains("drawing area"), "{why}"),
        other => panic!("refused expected, got {:?}", other.map(|p| p.label)),
    }
}

#[test]
fn a_picked_threat_source_follows_its_name_into_another_project() {
    use crate::model::ThreatSource;
    let source = |id: u32, name: &str| ThreatSource {
        id,
        source: name.into(),
        capability: format!("{name} capability"),
        ..ThreatSource::default()
    };
    let mut p = plant();
    p.risk.threat_sources = vec![source(1, "Insider"), source(2, "Criminal group")];
    p.zones[0].risk.scenarios[0].source = 2;
    let (clip, _) = Clip::of_selection(&p, &sel(&[ElementRef::Zone(ZoneId(1))]));
    // the clip carries the source's words
    let s = &clip.zones[0].risk.scenarios[0];
    assert_eq!(
        (
            s.source,
            s.threat_source.as_str(),
            s.source_capability.as_str()
        ),
        (2, "Criminal group", "Criminal group capability")
    );
    // pasted where "criminal  group" is id 7: picks 7
    let mut other = Project::default();
    other.risk.threat_sources = vec![source(2, "Nation state"), source(7, "criminal  group")];
    let (_, after) = run(
        paste_action(clip.clone(), Placement::Beside, None),
        &other,
        &sel(&[]),
    );
    assert_eq!(after.zones[0].risk.scenarios[0].source, 7);
    // pasted where no such source is listed: no pick, the words stay
    let (_, after) = run(
        paste_action(clip, Placement::Beside, None),
        &Project::default(),
        &sel(&[]),
    );
    let s = &after.zones[0].risk.scenarios[0];
    assert_eq!((s.source, s.threat_source.as_str()), (0, "Criminal group"));
    // duplicated in its own project: the same source
    let (_, after) = run(
        Action::DuplicateSelection,
        &p,
        &sel(&[ElementRef::Zone(ZoneId(1))]),
    );
    assert_eq!(after.zones[2].risk.scenarios[0].source, 2);
}
