//! Drives the real designer with egui_kittest through the records of the risk assessment: a
//! scenario's likelihood rationale typed in the inspector (one undo step), its threat source
//! picked from the project's list, its residual accepted although intolerable (shown so in the
//! inspector and the register), and a zone's assessment record.

use crate::common;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::command::risk::{RiskAction, ScenarioChange};
use zonewright::model::{
    Acceptance, Asset, AssetId, ElementRef, Project, Rect, SlVector, ThreatScenario, ThreatSource,
    Zone, ZoneId, ZoneKind,
};
use zonewright::ui::{DesignerApp, DockTab, Intent};

fn harness() -> Harness<'static, DesignerApp> {
    crate::common::harness_sized(1500.0, 2600.0)
}

/// Zone BPCS with one scenario: 4 × 5 = 20 Critical, residual 3 × 5 = 15 Critical (above the
/// tolerable), and a list of one threat source.
fn plant() -> Project {
    let mut p = Project::default();
    p.risk.threat_sources.push(ThreatSource {
        id: 1,
        source: "Criminal group".into(),
        ..ThreatSource::default()
    });
    let mut z = Zone::new(
        ZoneId(1),
        "BPCS",
        ZoneKind::Control,
        Rect::new(0.0, 0.0, 300.0, 200.0),
    );
    z.sl_t = Some(SlVector::uniform(4));
    z.assets.push(Asset::new(AssetId(10), "PLC-1", "plc"));
    z.risk.scenarios.push(ThreatScenario {
        title: "Vendor access abuse".into(),
        likelihood: 4,
        consequence: vec![5, 0, 0, 0],
        residual_likelihood: 3,
        ..Default::default()
    });
    p.zones.push(z);
    p
}

fn scenario(h: &Harness<'_, DesignerApp>) -> ThreatScenario {
    common::project(h).zones[0].risk.scenarios[0].clone()
}

fn undo_label(h: &Harness<'_, DesignerApp>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label())
        .map(str::to_owned)
}

fn open_selected(h: &mut Harness<'_, DesignerApp>) {
    h.run();
    h.state_mut().set_document(plant(), None);
    h.run();
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(ZoneId(1))]));
    h.run();
}

#[test]
fn typing_a_likelihood_rationale_is_one_undo_step() {
    let mut h = harness();
    open_selected(&mut h);
    let field = common::below_label(
        &h,
        "Why this likelihood",
        &[Role::MultilineTextInput, Role::TextInput],
    );
    common::click_at(&mut h, field);
    h.event(Event::Text("Vendor sessions".into()));
    h.run();
    h.event(Event::Text(" weekly".into()));
    h.run();
    assert_eq!(scenario(&h).likelihood_rationale, "Vendor sessions weekly");
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Edit likelihood rationale in zone BPCS")
    );
    h.key_press(Key::Escape);
    h.run();
    // one undo removes the whole text typed
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scenario(&h).likelihood_rationale, "");
    // and the assessment no longer counts it
    let a = &h.state().doc.as_ref().expect("document").assessment;
    assert!(
        a.findings
            .iter()
            .any(|f| f.code.code() == "RISK-LIKELIHOOD-NO-REASON")
    );
}

#[test]
fn accepting_an_intolerable_residual_is_shown_as_accepted_although_intolerable() {
    let mut h = harness();
    open_selected(&mut h);
    // the threat source from the project's list
    let combo = common::below_label(
        &h,
        "Threat source from the project's list",
        &[Role::ComboBox],
    );
    common::click_at(&mut h, combo);
    h.run();
    let item = h
        .get_all_by_label("Criminal group")
        .last()
        .map(|n| n.rect().center())
        .expect("the source in the popup");
    common::click_at(&mut h, item);
    h.run();
    assert_eq!(scenario(&h).source, 1);
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Pick threat source in zone BPCS")
    );

    // switching the acceptance on is one step; with nothing filled in it does not count
    h.get_by_label("Residual risk accepted although intolerable")
        .click();
    h.run();
    assert_eq!(scenario(&h).acceptance, Some(Acceptance::default()));
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Edit acceptance of residual risk in zone BPCS")
    );
    h.get_by_label(
        "Not accepted yet: an intolerable residual needs a name, role, date and justification",
    );
    // filled in (through the same action the fields push): accepted although intolerable
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Risk(Box::new(
            RiskAction::Scenario {
                element: ElementRef::Zone(ZoneId(1)),
                index: 0,
                change: ScenarioChange::Acceptance(Some(Acceptance {
                    by: "J. de Vries".into(),
                    role: "Plant manager".into(),
                    date: "2026-03-10".into(),
                    justification: "Supervised sessions until the turnaround".into(),
                })),
            },
        ))));
    h.run();
    h.get_by_label("Accepted although intolerable");
    let a = &h.state().doc.as_ref().expect("document").assessment;
    assert_eq!(a.zones[0].risk.accepted_intolerable, 1);
    assert_eq!(a.error_count(), 0, "accepted: a warning, not an error");
    h.state_mut().dock_tab = DockTab::Risk;
    h.run();
    h.get_by_label("no, accepted");
    // undo twice: the acceptance is off again, the source stays picked
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scenario(&h).acceptance, None);
    assert_eq!(scenario(&h).source, 1);
}

#[test]
fn a_zone_gets_an_assessor_and_a_date() {
    let mut h = harness();
    open_selected(&mut h);
    h.get_by_label("Add assessor").click();
    h.run();
    assert_eq!(common::project(&h).zones[0].risk.record.assessors.len(), 1);
    let date = common::below_label(&h, "Assessed on", &[Role::TextInput]);
    common::click_at(&mut h, date);
    h.event(Event::Text("2026-03-02".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(common::project(&h).zones[0].risk.record.date, "2026-03-02");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let r = &common::project(&h).zones[0].risk.record;
    assert_eq!((r.date.as_str(), r.assessors.len()), ("", 1));
}

#[test]
fn with_nothing_selected_the_method_and_a_threat_source_are_edited_one_step_each() {
    let mut h = harness();
    h.run();
    h.state_mut().set_document(plant(), None);
    h.run();
    h.get_by_label("Method and threat sources (1)").click();
    h.run();
    let field = common::below_label(&h, "Method version", &[Role::TextInput]);
    common::click_at(&mut h, field);
    h.event(Event::Text("2.1".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(common::project(&h).risk.method.version, "2.1");
    assert_eq!(undo_label(&h).as_deref(), Some("Edit risk method document"));
    h.get_by_label("Add threat source").click();
    h.run();
    let sources = &common::project(&h).risk.threat_sources;
    assert_eq!(sources.iter().map(|t| t.id).collect::<Vec<_>>(), vec![1, 2]);
    assert!(sources[1].in_scope, "a new source is in scope");
    // the picked source cannot be removed while a scenario uses it; the new one can
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Risk(Box::new(
            RiskAction::Scenario {
                element: ElementRef::Zone(ZoneId(1)),
                index: 0,
                change: ScenarioChange::Source(1),
            },
        ))));
    h.run();
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Risk(Box::new(
            RiskAction::RemoveThreatSource(1),
        ))));
    h.run();
    assert_eq!(common::project(&h).risk.threat_sources.len(), 2);
    // undo: the pick, then the added source; the method stays
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let p = common::project(&h);
    assert_eq!(p.risk.threat_sources.len(), 1);
    assert_eq!(p.risk.method.version, "2.1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(common::project(&h).risk.method.version, "");
}
