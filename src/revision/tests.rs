//! Hand-made pairs and triples with known changes.

use super::*;
use crate::analysis::assess;
use crate::catalog::Catalog;
use crate::model::*;

fn plant() -> Project {
    let mut p = Project::default();
    p.meta.title = "Plant".into();
    p.meta.revision = "B".into();
    let mut z1 = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 200.0, 120.0),
    );
    z1.assets.push(Asset::new(AssetId(1), "PLC-1", "plc"));
    let mut z2 = Zone::new(
        ZoneId(2),
        "SIS",
        ZoneKind::Safety,
        Rect::new(300.0, 0.0, 200.0, 120.0),
    );
    z2.assets
        .push(Asset::new(AssetId(2), "SIS-1", "sis_controller"));
    let z3 = Zone::new(
        ZoneId(3),
        "DMZ",
        ZoneKind::Dmz,
        Rect::new(0.0, 300.0, 200.0, 120.0),
    );
    p.zones = vec![z1, z2, z3];
    let mut c = Conduit::new(ConduitId(1), "BPCS-SIS", ZoneId(1), ZoneId(2));
    c.owner = "OT team".into();
    p.conduits.push(c);
    p
}

fn d(old: &Project, new: &Project) -> Diff {
    let cat = Catalog::embedded();
    diff(old, &assess(old, cat), new, &assess(new, cat))
}

#[test]
fn the_same_project_has_an_empty_diff() {
    let p = plant();
    assert!(d(&p, &p).is_empty());
}

#[test]
fn moves_are_counted_in_one_line_not_listed() {
    let old = plant();
    let mut new = old.clone();
    new.zones[0].rect.x += 40.0;
    new.zones[2].rect.w += 10.0;
    let diff = d(&old, &new);
    assert_eq!(diff.layout_only, 2);
    assert!(diff.changes.is_empty(), "{:?}", diff.changes);
}

#[test]
fn field_changes_read_old_to_new_with_the_levels_from_assess() {
    let old = plant();
    let mut new = old.clone();
    new.zones[0].sl_t = Some(SlVector::uniform(4));
    new.zones[0].description = "Basic process control".into();
    new.conduits[0].owner = String::new();
    let diff = d(&old, &new);
    let zone = diff
        .change_of(ElementRef::Zone(ZoneId(1)))
        .expect("zone changed");
    assert_eq!(zone.change, ChangeKind::Changed);
    let field = |name: &str| zone.fields.iter().find(|f| f.field == name).cloned();
    let slt = field("SL-T").expect("SL-T listed");
    assert_eq!(
        (slt.old.as_str(), slt.new.as_str()),
        ("(2,2,2,2,2,2,2)", "(4,4,4,4,4,4,4)")
    );
    let desc = field("Description").expect("description listed");
    assert_eq!(
        (desc.old.as_str(), desc.new.as_str()),
        ("(empty)", "Basic process control")
    );
    // the conduit's owner went: its SL-T in effect follows the zone (from assess) and the
    // CONDUIT-OWNER finding appeared
    let conduit = diff
        .change_of(ElementRef::Conduit(ConduitId(1)))
        .expect("conduit changed");
    assert!(
        conduit
            .fields
            .iter()
            .any(|f| f.field == "Owner" && f.old == "OT team" && f.new == "(empty)")
    );
    assert!(conduit.fields.iter().any(|f| f.field == "SL-T (in effect)"
        && f.old == "(3,3,3,3,3,3,3)"
        && f.new == "(4,4,4,4,4,4,4)"));
    assert!(
        diff.findings_appeared
            .iter()
            .any(|f| f.code == "CONDUIT-OWNER")
    );
    assert!(diff.findings_resolved.is_empty());
}

#[test]
fn added_removed_and_moved_assets_and_requirement_statuses() {
    let old = plant();
    let mut new = old.clone();
    new.zones[2]
        .assets
        .push(Asset::new(AssetId(7), "Historian", "historian"));
    new.zones[1].assets.clear();
    let plc = new.zones[0].assets.remove(0);
    new.zones[2].assets.push(plc);
    new.zones[1].requirements.insert(
        "SR 1.1".into(),
        RequirementAssessment {
            status: Status::Met,
            evidence: "FAT-12".into(),
            ..Default::default()
        },
    );
    let diff = d(&old, &new);
    assert_eq!(
        diff.change_of(ElementRef::Asset(AssetId(7)))
            .map(|c| c.change),
        Some(ChangeKind::Added)
    );
    assert_eq!(
        diff.change_of(ElementRef::Asset(AssetId(2)))
            .map(|c| c.change),
        Some(ChangeKind::Removed)
    );
    let moved = diff
        .change_of(ElementRef::Asset(AssetId(1)))
        .expect("moved asset");
    assert_eq!(moved.fields[0].field, "Placed in");
    assert_eq!(
        (moved.fields[0].old.as_str(), moved.fields[0].new.as_str()),
        ("zone \"BPCS\"", "zone \"DMZ\"")
    );
    let sis = diff
        .change_of(ElementRef::Zone(ZoneId(2)))
        .expect("SIS changed");
    assert!(
        sis.fields
            .iter()
            .any(|f| f.field == "Requirement SR 1.1 status" && f.old == "(none)" && f.new == "Met"),
        "{:?}",
        sis.fields
    );
    // the zone is empty now: ZONE-EMPTY appeared for it
    assert!(
        diff.findings_appeared
            .iter()
            .any(|f| f.code == "ZONE-EMPTY" && f.element == ElementRef::Zone(ZoneId(2)))
    );
}

#[test]
fn approval_and_document_fields_are_project_changes() {
    let old = plant();
    let mut new = old.clone();
    new.meta.revision = "C".into();
    let diff = d(&old, &new);
    let p = diff
        .change_of(ElementRef::Project)
        .expect("project changed");
    assert_eq!(
        p.fields,
        vec![FieldChange {
            field: "Document › Revision".into(),
            old: "B".into(),
            new: "C".into()
        }]
    );
}

#[test]
fn different_zones_merge_cleanly() {
    let base = plant();
    let mut ours = base.clone();
    ours.zones[0].description = "ours".into();
    let mut theirs = base.clone();
    theirs.zones[1].name = "SIS (TÜV)".into();
    theirs.zones[1].rect.x = 400.0;
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.new_conflicts, 0);
    assert_eq!(m.project.zones[0].description, "ours");
    assert_eq!(m.project.zones[1].name, "SIS (TÜV)");
    assert_eq!(m.project.zones[1].rect.x, 400.0);
    assert!(m.project.conflicts.is_empty());
}

#[test]
fn one_field_changed_two_ways_is_a_conflict_that_keeps_ours_and_resolves() {
    let base = plant();
    let mut ours = base.clone();
    ours.conduits[0].owner = "Ops".into();
    ours.zones[0].name = "BPCS-A".into();
    let mut theirs = base.clone();
    theirs.conduits[0].owner = "Security".into();
    theirs.conduits[0].purpose = "Trips".into();
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.new_conflicts, 1);
    let c = &m.project.conduits[0];
    assert_eq!((c.owner.as_str(), c.purpose.as_str()), ("Ops", "Trips"));
    assert_eq!(m.project.zones[0].name, "BPCS-A");
    let conflict = &m.project.conflicts[0];
    assert_eq!(conflict.element, ElementRef::Conduit(ConduitId(1)));
    assert_eq!(conflict.field, vec!["owner".to_owned()]);
    assert_eq!(conflict.theirs.as_deref(), Some("\"Security\""));
    // it survives the file and is an error finding
    let text = crate::file::to_string(&m.project).expect("saves");
    let loaded = crate::file::from_str(&text).expect("loads");
    assert_eq!(loaded, m.project);
    let a = assess(&loaded, Catalog::embedded());
    assert_eq!(
        a.findings
            .iter()
            .filter(|f| f.code.code() == "MERGE-CONFLICT")
            .count(),
        1
    );
    // theirs
    let t = resolved(&loaded, 0, &Resolution::Theirs).expect("resolves");
    assert_eq!(t.conduits[0].owner, "Security");
    assert!(t.conflicts.is_empty());
    // ours
    let o = resolved(&loaded, 0, &Resolution::Ours).expect("resolves");
    assert_eq!(o.conduits[0].owner, "Ops");
    assert!(o.conflicts.is_empty());
    // edit
    let e = resolved(&loaded, 0, &Resolution::Value("Ops and Security".into())).expect("resolves");
    assert_eq!(e.conduits[0].owner, "Ops and Security");
    assert!(resolved(&e, 0, &Resolution::Ours).is_err());
}

#[test]
fn a_zone_removed_on_one_side_and_changed_on_the_other_stays_as_a_conflict() {
    let base = plant();
    let mut ours = base.clone();
    ours.zones[2].description = "still needed".into();
    let mut theirs = base.clone();
    theirs.zones.remove(2);
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.new_conflicts, 1);
    assert!(m.project.zone(ZoneId(3)).is_some());
    assert!(m.project.conflicts[0].field.is_empty());
    let gone = resolved(&m.project, 0, &Resolution::Theirs).expect("resolves");
    assert!(gone.zone(ZoneId(3)).is_none());
}

#[test]
fn a_zone_removed_while_the_other_side_adds_a_conduit_to_it_comes_back_as_a_conflict() {
    let base = plant();
    let mut ours = base.clone();
    ours.conduits
        .push(Conduit::new(ConduitId(2), "BPCS-DMZ", ZoneId(1), ZoneId(3)));
    let mut theirs = base.clone();
    theirs.zones.remove(2);
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert!(m.project.zone(ZoneId(3)).is_some());
    assert!(m.project.conduit(ConduitId(2)).is_some());
    assert_eq!(m.project.conflicts.len(), 1);
    assert_eq!(m.project.conflicts[0].element, ElementRef::Zone(ZoneId(3)));
}

#[test]
fn zones_added_on_both_sides_under_one_id_are_both_kept() {
    let base = plant();
    let mut ours = base.clone();
    let mut z = Zone::new(
        ZoneId(4),
        "Historian",
        ZoneKind::Dmz,
        Rect::new(600.0, 0.0, 100.0, 100.0),
    );
    z.assets.push(Asset::new(AssetId(3), "HIS-1", "historian"));
    ours.zones.push(z);
    let mut theirs = base.clone();
    let mut z = Zone::new(
        ZoneId(4),
        "Wireless",
        ZoneKind::Wireless,
        Rect::new(600.0, 300.0, 100.0, 100.0),
    );
    z.assets.push(Asset::new(AssetId(3), "AP-1", "wireless_ap"));
    theirs.zones.push(z);
    theirs
        .conduits
        .push(Conduit::new(ConduitId(2), "AP-BPCS", ZoneId(4), ZoneId(1)));
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.new_conflicts, 0, "{:?}", m.project.conflicts);
    assert_eq!(m.renumbered, 2);
    let names: Vec<&str> = m.project.zones.iter().map(|z| z.name.as_str()).collect();
    assert_eq!(names, ["BPCS", "SIS", "DMZ", "Historian", "Wireless"]);
    let wireless = &m.project.zones[4];
    assert_eq!(wireless.id, ZoneId(5));
    assert_eq!(wireless.assets[0].id, AssetId(4));
    assert_eq!(m.project.conduits[1].from, ZoneId(5));
}

#[test]
fn every_sample_survives_taking_apart_and_putting_back() {
    for s in crate::samples::SAMPLES {
        let p = crate::file::from_str(s.text).expect("sample loads");
        let parts = parts::Parts::of(&p).expect("apart");
        assert_eq!(parts.compose().expect("together"), p, "{}", s.name);
        let m = merge(&p, &p, &p).expect("merges");
        assert_eq!(m.project, p);
    }
}

/// Renaming a zone is one change: its conduits and assets refer to it by id, and are not listed
/// as moved (they were, each, when references were compared by name).
#[test]
fn a_renamed_zone_is_one_change_not_one_per_reference() {
    let text = crate::samples::SAMPLES
        .iter()
        .find(|s| s.name == "refinery")
        .expect("the refinery sample")
        .text;
    let old = crate::file::from_str(text).expect("sample loads");
    let mut new = old.clone();
    new.zones[0].name = "Corporate IT".into();
    let d = d(&old, &new);
    let changed: Vec<_> = d.changes.iter().map(|c| c.element).collect();
    assert_eq!(
        changed,
        [crate::model::ElementRef::Zone(new.zones[0].id)],
        "{d:?}"
    );
}
