//! Drives the real designer through the additional countermeasures' due date and status
//! (issue 23): an overdue planned countermeasure, edited to a later date and set implemented,
//! each one undo step, and the assessment following.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zonewright::analysis::FindingCode;
use zonewright::model::{
    Asset, AssetId, Countermeasure, ElementRef, MeasureStatus, Project, Rect, SlVector,
    ThreatScenario, Zone, ZoneId, ZoneKind,
};
use zonewright::ui::{DesignerApp, Intent};

use crate::common;

fn harness() -> Harness<'static, DesignerApp> {
    crate::common::harness_sized(1500.0, 2400.0)
}

/// One zone, one scenario: 4 × 4 = 16 Critical before and after the existing countermeasures,
/// 2 × 4 = 8 Medium after the additional one, which is planned and due 2026-02-01, a month
/// before the document date 2026-03-01: overdue, and the residual relies on it.
fn plant() -> Project {
    let mut p = Project::default();
    p.meta.date = "2026-03-01".into();
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    z.sl_t = Some(SlVector::uniform(4));
    z.assets.push(Asset::new(AssetId(1), "PLC-1", "plc"));
    z.risk.scenarios.push(ThreatScenario {
        title: "Ransomware".into(),
        likelihood: 4,
        consequence: vec![4, 0, 0, 0],
        residual_likelihood: 2,
        additional_countermeasures: vec![Countermeasure {
            measure: "Allow-listing".into(),
            owner: "OT security".into(),
            due: "2026-02-01".into(),
            status: MeasureStatus::Planned,
        }],
        ..Default::default()
    });
    p.zones.push(z);
    p
}

fn codes(h: &Harness<'_, DesignerApp>) -> Vec<FindingCode> {
    h.state()
        .doc
        .as_ref()
        .map(|d| d.assessment.findings.iter().map(|f| f.code).collect())
        .unwrap_or_default()
}

fn undo_label(h: &Harness<'_, DesignerApp>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label())
        .map(str::to_owned)
}

fn measure(h: &Harness<'_, DesignerApp>) -> Countermeasure {
    common::project(h).zones[0].risk.scenarios[0].additional_countermeasures[0].clone()
}

#[test]
fn due_date_and_status_of_a_countermeasure_are_edited_in_the_inspector() {
    let mut h = harness();
    h.run();
    h.state_mut().set_document(plant(), None);
    h.run();
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(ZoneId(1))]));
    h.run();
    assert!(codes(&h).contains(&FindingCode::RiskReliesOnPlanned));
    h.get_by_label("Overdue: due before the document date");
    h.get_by_label("Tolerable only thanks to additional countermeasures still to be implemented");

    // the due date: select the field's text and type a later one
    let due = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().value().as_deref() == Some("2026-02-01"))
        .map(|n| n.rect())
        .expect("the due date field");
    common::click_at(&mut h, due.center());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("2026-06-30".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(measure(&h).due, "2026-06-30");
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Edit countermeasure due date in zone BPCS")
    );
    assert!(
        h.query_by_label("Overdue: due before the document date")
            .is_none()
    );

    // the status drop-down beside it: implemented
    let combo = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| {
            (n.rect().center().y - due.center().y).abs() < 8.0 && n.rect().left() > due.right()
        })
        .map(|n| n.rect().center())
        .expect("the status drop-down");
    common::click_at(&mut h, combo);
    h.run();
    let item = h
        .get_all_by_label("implemented")
        .last()
        .map(|n| n.rect().center())
        .expect("the option");
    common::click_at(&mut h, item);
    h.run();
    assert_eq!(measure(&h).status, MeasureStatus::Implemented);
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Change countermeasure status in zone BPCS")
    );
    assert!(!codes(&h).contains(&FindingCode::RiskReliesOnPlanned));

    // one undo step each
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(measure(&h).status, MeasureStatus::Planned);
    assert_eq!(measure(&h).due, "2026-06-30");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        measure(&h),
        plant().zones[0].risk.scenarios[0].additional_countermeasures[0]
    );
}
