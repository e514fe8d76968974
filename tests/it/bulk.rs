//! Multi-select editing and bulk assessment, driven through the real designer: several zones
//! get one SL-T in one undo step and their differing kinds read "— mixed —"; in the
//! Requirements tab "Select all visible" picks every row, "Everything up to SL n is met" asks
//! once (naming how many items change) and is one undo step; the table uses the same columns
//! in every FR group and shows many rows in the dock.

use crate::common;

fn refinery() -> Harness<'static, DesignerApp> {
    common::with_sample("refinery")
}

use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use zonewright::command::bulk::{BulkAction, ZoneChange, met_up_to_count};
use zonewright::model::{ElementRef, SlVector, Status, ZoneId};
use zonewright::ui::{DesignerApp, DockTab, Intent};

fn undo_label(h: &Harness<'_, DesignerApp>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label().map(str::to_owned))
}

#[test]
fn several_zones_share_one_form_and_one_undo_step() {
    let mut h = refinery();
    let zones = [ZoneId(2), ZoneId(5), ZoneId(6)];
    h.state_mut().apply_intent(Intent::Select(
        zones.iter().map(|z| ElementRef::Zone(*z)).collect(),
    ));
    h.run();
    assert!(h.query_by_label("3 items selected").is_some());
    assert!(h.query_by_label("All 3 selected zones").is_some());
    // DMZ, Safety, Field: the kinds differ
    assert!(h.query_by_label_contains("Mixed: kind, SL-T").is_some());
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Bulk(
            BulkAction::Zones {
                ids: zones.to_vec(),
                change: ZoneChange::SlT(Some(SlVector::uniform(2))),
            },
        )));
    h.run();
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Set SL-T of 2 zones to (2,…)"),
        "the DMZ already had SL-T 2: two zones change"
    );
    let sl_t = |h: &Harness<'_, DesignerApp>, z: ZoneId| {
        h.state()
            .doc
            .as_ref()
            .and_then(|d| d.project.zone(z))
            .and_then(|z| z.sl_t)
    };
    assert!(
        zones
            .iter()
            .all(|z| sl_t(&h, *z) == Some(SlVector::uniform(2)))
    );
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert_eq!(sl_t(&h, ZoneId(5)), Some(SlVector::uniform(3)));
    assert_eq!(sl_t(&h, ZoneId(6)), Some(SlVector([1, 1, 1, 1, 1, 1, 2])));
}

fn show_requirements_of(h: &mut Harness<'_, DesignerApp>, zone: ZoneId) {
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(zone)]));
    h.state_mut().dock_tab = DockTab::Requirements;
    h.run();
    h.run();
}

#[test]
fn the_table_fills_the_dock_with_the_same_columns_in_every_fr_group() {
    let mut h = refinery();
    show_requirements_of(&mut h, ZoneId(4));
    let a = h.get_by_label("SR 1.1").rect();
    let b = h.get_by_label("SR 2.1").rect();
    assert!(
        (a.left() - b.left()).abs() < 0.5 && (a.width() - b.width()).abs() < 0.5,
        "the Id column is the same in FR 1 and FR 2: {a:?} {b:?}"
    );
    // each row's status combo sits on the row of its id (the workshop test finds it so)
    let row_y = a.center().y;
    assert!(
        h.get_all_by_role(egui::accesskit::Role::ComboBox)
            .any(|n| (n.rect().center().y - row_y).abs() < 8.0),
        "no status combo on the row of SR 1.1"
    );
    // the "From" column starts at the same x in every FR group (one grid per group did not)
    let from_x: Vec<f32> = h
        .query_all_by_label("SL 1")
        .map(|n| n.rect().left())
        .collect();
    assert!(from_x.len() >= 7, "a level-1 row in every FR: {from_x:?}");
    assert!(
        from_x.iter().all(|x| (x - from_x[0]).abs() < 0.5),
        "the From column moves between FR groups: {from_x:?}"
    );
    // rows shown one below the other inside the dock: more than one of them is in view
    let dock_top = h.get_by_label("Select all visible").rect().bottom();
    let dock_bottom = h.ctx.content_rect().bottom();
    let ids = ["SR 1.1", "SR 1.2", "SR 1.3", "SR 1.4", "SR 1.5"];
    let in_view = ids
        .iter()
        .filter_map(|id| h.query_by_label(id).map(|n| n.rect()))
        .filter(|r| r.top() > dock_top && r.bottom() < dock_bottom)
        .count();
    assert!(in_view >= 4, "only {in_view} rows in view");
}

#[test]
fn select_all_visible_and_everything_up_to_sl_1_is_met_with_one_confirmation() {
    let mut h = refinery();
    show_requirements_of(&mut h, ZoneId(4));
    h.get_by_label("Select all visible").click();
    h.run();
    h.run();
    let picked = h.state().dock.rows.ids.len();
    let applicable = h.state().doc.as_ref().map_or(0, |d| {
        d.assessment
            .element(&d.project, ElementRef::Zone(ZoneId(4)))
            .map_or(0, |e| e.applicable.len())
    });
    assert!(
        picked > 10 && picked == applicable,
        "{picked} of {applicable}"
    );
    assert!(
        h.query_by_label(&format!("{picked} rows picked:"))
            .is_some()
    );
    let expected = {
        let d = h.state().doc.as_ref().expect("doc");
        met_up_to_count(
            &d.project,
            h.state().catalog,
            ElementRef::Zone(ZoneId(4)),
            1,
        )
    };
    assert!(expected > 0);
    h.get_by_label("is met…").click();
    h.run();
    h.run();
    let button = format!(
        "Mark {expected} {} met",
        if expected == 1 { "item" } else { "items" }
    );
    h.get_by_label(&button).click();
    h.run();
    h.run();
    let label = undo_label(&h).expect("one step");
    assert!(
        label.starts_with(&format!("Mark {expected} items of zone")),
        "{label}"
    );
    let d = h.state().doc.as_ref().expect("doc");
    let z = d.project.zone(ZoneId(4)).expect("zone");
    let sl1_met = d
        .assessment
        .element(&d.project, ElementRef::Zone(ZoneId(4)))
        .map_or(0, |e| {
            e.applicable
                .iter()
                .filter(|x| h.state().catalog.requirements[x.requirement].level == 1 && x.satisfied)
                .count()
        });
    assert!(sl1_met >= expected);
    assert!(z.requirements.values().any(|r| r.status == Status::Met));
    assert!(
        h.state().dock.rows.confirm_met.is_none(),
        "the dialog closed"
    );
    // one undo takes all of it back
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    let d = h.state().doc.as_ref().expect("doc");
    assert_eq!(
        met_up_to_count(
            &d.project,
            h.state().catalog,
            ElementRef::Zone(ZoneId(4)),
            1
        ),
        expected
    );
}

#[test]
fn copy_assessment_to_a_ticked_zone_is_one_step_that_counts_what_it_skipped() {
    let mut h = refinery();
    show_requirements_of(&mut h, ZoneId(4));
    let before = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(2)))
        .map(|z| z.requirements.clone())
        .expect("DMZ");
    h.get_by_label("Copy assessment to…").click();
    h.run();
    h.run();
    h.get_by_label("zone Refinery DMZ (Historian-DMZ)").click();
    h.run();
    h.run();
    h.get_by_label("Copy to 1 element").click();
    h.run();
    h.run();
    let label = undo_label(&h).expect("one step");
    assert!(
        label.starts_with(
            "Copy assessment of zone Basic process control system (BPCS) to 1 element ("
        ),
        "{label}"
    );
    let after = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(2)))
        .map(|z| z.requirements.clone())
        .expect("DMZ");
    assert_ne!(after, before, "the DMZ got the BPCS statuses");
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    let undone = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(2)))
        .map(|z| z.requirements.clone())
        .expect("DMZ");
    assert_eq!(undone, before);
}

#[test]
fn picked_rows_get_one_status_in_one_step() {
    let mut h = refinery();
    show_requirements_of(&mut h, ZoneId(3));
    h.get_by_label("Select all visible").click();
    h.run();
    h.run();
    let picked = h.state().dock.rows.ids.len();
    h.get(by().value("Set status…")).click();
    h.run();
    h.run();
    h.get_by_label("Not met").click();
    h.run();
    h.run();
    let label = undo_label(&h).expect("one step");
    assert!(
        label.starts_with("Set ") && label.ends_with(" to not met"),
        "{label}"
    );
    let d = h.state().doc.as_ref().expect("doc");
    let z = d.project.zone(ZoneId(3)).expect("zone");
    let not_met = z
        .requirements
        .values()
        .filter(|r| r.status == Status::NotMet)
        .count();
    assert_eq!(not_met, picked, "every picked row, nothing else");
}

#[test]
fn several_assets_get_one_criticality_and_one_vendor_by_clicks_and_typing() {
    let mut h = refinery();
    let ids: Vec<zonewright::model::AssetId> = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(ZoneId(4)))
        .map(|z| z.assets.iter().take(3).map(|a| a.id).collect())
        .unwrap_or_default();
    assert_eq!(ids.len(), 3);
    h.state_mut().apply_intent(Intent::Select(
        ids.iter().map(|a| ElementRef::Asset(*a)).collect(),
    ));
    h.run();
    assert!(h.query_by_label("All 3 selected assets").is_some());
    let before_crit: Vec<zonewright::model::Criticality> = {
        let p = &h.state().doc.as_ref().expect("doc").project;
        ids.iter()
            .filter_map(|id| p.asset(*id).map(|(a, _)| a.criticality))
            .collect()
    };
    // Criticality: open the drop-down under its label, pick "Critical"
    let combo = common::below_label(&h, "Criticality", &[egui::accesskit::Role::ComboBox]);
    common::click_at(&mut h, combo);
    h.run();
    let critical = h
        .get_all_by_label("Critical")
        .last()
        .map(|n| n.rect().center())
        .expect("Critical in the popup");
    common::click_at(&mut h, critical);
    h.run();
    let crit = |h: &Harness<'_, DesignerApp>| -> Vec<zonewright::model::Criticality> {
        let p = &h.state().doc.as_ref().expect("doc").project;
        ids.iter()
            .filter_map(|id| p.asset(*id).map(|(a, _)| a.criticality))
            .collect()
    };
    assert_eq!(crit(&h), vec![zonewright::model::Criticality::Critical; 3]);
    // one step, named by how many actually changed
    let label = undo_label(&h).unwrap_or_default();
    let changed = before_crit
        .iter()
        .filter(|c| **c != zonewright::model::Criticality::Critical)
        .count();
    assert!(changed >= 1);
    assert_eq!(
        label,
        format!(
            "Set criticality of {} to Critical",
            if changed == 1 {
                "1 asset".to_owned()
            } else {
                format!("{changed} assets")
            }
        )
    );
    // Vendor: type into the shared field; one undo step restores every asset's own vendor
    let before: Vec<String> = {
        let p = &h.state().doc.as_ref().expect("doc").project;
        ids.iter()
            .filter_map(|id| p.asset(*id).map(|(a, _)| a.vendor.clone()))
            .collect()
    };
    let field = common::below_label(&h, "Vendor", &[egui::accesskit::Role::TextInput]);
    common::click_at(&mut h, field);
    h.event(egui::Event::Text("Yokogawa".to_owned()));
    h.run();
    let vendors = |h: &Harness<'_, DesignerApp>| -> Vec<String> {
        let p = &h.state().doc.as_ref().expect("doc").project;
        ids.iter()
            .filter_map(|id| p.asset(*id).map(|(a, _)| a.vendor.clone()))
            .collect()
    };
    assert!(
        vendors(&h).iter().all(|v| v.ends_with("Yokogawa")),
        "{:?}",
        vendors(&h)
    );
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert_eq!(vendors(&h), before, "one undo step for the typing");
    assert_eq!(crit(&h), vec![zonewright::model::Criticality::Critical; 3]);
}
