//! Drives the real designer with egui_kittest through the risk assessment: threat scenarios in
//! the inspector, the risk register, the canvas badge, the SL-T rationale, the matrix and the
//! asset owner's approval.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zonewright::analysis::risk::ApprovalState;
use zonewright::model::{
    Asset, AssetId, ElementRef, Project, Rect, SlVector, ThreatScenario, Zone, ZoneId, ZoneKind,
};
use zonewright::ui::{DesignerApp, DockTab, Intent};

/// The designer in a window tall enough that a whole threat scenario fits in the inspector.
fn harness() -> Harness<'static, DesignerApp> {
    crate::common::harness_sized(1500.0, 2200.0)
}

fn zone(id: u32, name: &str, x: f32) -> Zone {
    let mut z = Zone::new(
        ZoneId(id),
        name,
        ZoneKind::Control,
        Rect::new(x, 0.0, 300.0, 200.0),
    );
    z.assets
        .push(Asset::new(AssetId(id * 10), format!("PLC-{id}"), "plc"));
    z
}

fn open(h: &mut Harness<'_, DesignerApp>, p: Project) {
    h.run();
    h.state_mut().set_document(p, None);
    h.run();
}

fn project<'h>(h: &'h Harness<'_, DesignerApp>) -> &'h Project {
    &h.state().doc.as_ref().expect("a document is open").project
}

fn assessment<'h>(h: &'h Harness<'_, DesignerApp>) -> &'h zonewright::analysis::Assessment {
    &h.state()
        .doc
        .as_ref()
        .expect("a document is open")
        .assessment
}

fn undo_label(h: &Harness<'_, DesignerApp>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label())
        .map(str::to_owned)
}

fn undo(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

fn select(h: &mut Harness<'_, DesignerApp>, e: Vec<ElementRef>) {
    h.state_mut().apply_intent(Intent::Select(e));
    h.run();
}

/// Opens the combo in the row of the first (topmost) label `row` in the inspector and picks
/// `option` in its popup.
fn pick(h: &mut Harness<'_, DesignerApp>, row: &str, option: &str) {
    let label = h
        .get_all_by_label(row)
        .filter(|n| n.rect().left() > 1000.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect())
        .expect("row label in the inspector");
    let combo = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| {
            (n.rect().center().y - label.center().y).abs() < 8.0 && n.rect().left() > label.right()
        })
        .map(|n| n.rect().center())
        .expect("combo in the row");
    common::click_at(h, combo);
    h.run();
    let item = h
        .get_all_by_label(option)
        .last()
        .map(|n| n.rect().center())
        .expect("option in the popup");
    common::click_at(h, item);
    h.run();
}

use crate::common;

#[test]
fn a_rated_scenario_shows_in_the_register_and_on_the_canvas_and_undoes_step_by_step() {
    let mut h = harness();
    let mut p = Project::default();
    p.zones.push(zone(1, "BPCS", 0.0));
    open(&mut h, p);
    let id = ElementRef::Zone(ZoneId(1));
    select(&mut h, vec![id]);
    assert!(
        !h.state().canvas.drawn_texts().iter().any(|t| t == "R"),
        "no risk badge without scenarios"
    );

    h.get_by_label("Add threat scenario").click();
    h.run();
    let z = &project(&h).zones[0];
    assert_eq!(z.risk.scenarios.len(), 1);
    assert_eq!(z.risk.scenarios[0].title, "Threat scenario 1");
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Add threat scenario in zone BPCS")
    );

    // likelihood 4 (Likely) × consequence 3 (Moderate) = 12: High, above "Medium or lower"
    pick(&mut h, "Likelihood", "4 Likely");
    assert_eq!(project(&h).zones[0].risk.scenarios[0].likelihood, 4);
    pick(&mut h, "Health and safety", "3 Moderate");
    assert_eq!(
        project(&h).zones[0].risk.scenarios[0].consequence,
        vec![3, 0, 0, 0]
    );
    let r = assessment(&h).zones[0].risk.scenarios[0];
    let un = r.unmitigated.expect("rated");
    assert_eq!((un.score, un.level, un.tolerable), (12, 2, false));
    assert_eq!(assessment(&h).zones[0].risk.intolerable, 1);
    // the inspector shows the three ratings (nothing re-rated: all 12 High); "above
    // tolerable" beside the one after the existing countermeasures and the residual one
    assert!(h.get_all_by_label("High · 12").count() >= 3);
    assert_eq!(h.get_all_by_label("above tolerable").count(), 2);
    // SL-T proposed from the worst unmitigated risk (High → 3)
    h.get_by_label("Proposed from risk: SL (3,3,3,3,3,3,3)");
    // the canvas badge
    assert!(h.state().canvas.drawn_texts().iter().any(|t| t == "R"));

    // the register: one row, its element and both ratings
    h.state_mut().dock_tab = DockTab::Risk;
    h.run();
    h.get_by_label("1 threat scenario, 1 above the tolerable risk (Medium or lower). Click a row to select its element.");
    let row_y = h
        .get_all_by_label("Threat scenario 1")
        .find(|n| n.rect().left() < 1000.0)
        .map(|n| n.rect().center().y)
        .expect("the scenario's row in the register");
    let in_row = |label: &str| {
        h.get_all_by_label(label)
            .filter(|n| n.rect().left() < 1000.0 && (n.rect().center().y - row_y).abs() < 8.0)
            .count()
    };
    assert_eq!(in_row("BPCS"), 1);
    assert_eq!(in_row("High · 12"), 2, "unmitigated and residual");
    assert_eq!(in_row("no"), 1, "not tolerable");

    // one undo per action: consequence, likelihood, then the scenario itself
    undo(&mut h);
    assert_eq!(
        project(&h).zones[0].risk.scenarios[0].consequence,
        vec![0, 0, 0, 0]
    );
    undo(&mut h);
    assert_eq!(project(&h).zones[0].risk.scenarios[0].likelihood, 0);
    undo(&mut h);
    assert!(project(&h).zones[0].risk.scenarios.is_empty());
    assert!(!h.state().canvas.drawn_texts().iter().any(|t| t == "R"));
    assert!(h.query_by_label("Threat scenario 1").is_none());
}

#[test]
fn typing_a_scenario_title_is_one_undo_step() {
    let mut h = harness();
    let mut p = Project::default();
    let mut z = zone(1, "BPCS", 0.0);
    z.risk.scenarios.push(ThreatScenario {
        title: "Ransomware".into(),
        consequence: vec![0; 4],
        ..Default::default()
    });
    p.zones.push(z);
    open(&mut h, p);
    select(&mut h, vec![ElementRef::Zone(ZoneId(1))]);
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().value().as_deref() == Some("Ransomware"))
        .map(|n| n.rect().center())
        .expect("the title field");
    common::click_at(&mut h, field);
    h.key_press(Key::End);
    h.event(Event::Text(" via".into()));
    h.run();
    h.event(Event::Text(" email".into()));
    h.run();
    assert_eq!(
        project(&h).zones[0].risk.scenarios[0].title,
        "Ransomware via email"
    );
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Edit scenario title in zone BPCS")
    );
    h.key_press(Key::Escape);
    h.run();
    undo(&mut h);
    assert_eq!(project(&h).zones[0].risk.scenarios[0].title, "Ransomware");
}

#[test]
fn register_sorts_by_residual_risk_and_a_row_click_selects_the_zone() {
    let mut h = harness();
    let mut p = Project::default();
    let mut a = zone(1, "Alpha", 0.0);
    // 1 × 2 = 2: Low
    a.risk.scenarios.push(ThreatScenario {
        title: "Low one".into(),
        likelihood: 1,
        consequence: vec![2],
        ..Default::default()
    });
    let mut b = zone(2, "Beta", 400.0);
    // 5 × 4 = 20: Critical
    b.risk.scenarios.push(ThreatScenario {
        title: "Critical one".into(),
        likelihood: 5,
        consequence: vec![4],
        ..Default::default()
    });
    p.zones.push(a);
    p.zones.push(b);
    open(&mut h, p);
    h.state_mut().dock_tab = DockTab::Risk;
    h.run();
    let y = |h: &Harness<'_, DesignerApp>, label: &str| h.get_by_label(label).rect().center().y;
    assert!(
        y(&h, "Critical one") < y(&h, "Low one"),
        "highest residual first by default"
    );
    h.get_by_label("Residual ⏷").click();
    h.run();
    assert!(
        y(&h, "Low one") < y(&h, "Critical one"),
        "a second click reverses"
    );
    h.get_by_label("Critical one").click();
    h.run();
    assert_eq!(
        h.state().selection.iter().copied().collect::<Vec<_>>(),
        vec![ElementRef::Zone(ZoneId(2))]
    );
    // the inspector now shows that zone (its heading, beside the canvas item)
    assert_eq!(h.get_all_by_label("Zone Beta").count(), 2);
}

#[test]
fn an_sl_t_below_the_proposal_asks_for_a_rationale() {
    let mut h = harness();
    let mut p = Project::default();
    let mut z = zone(1, "BPCS", 0.0);
    z.sl_t = Some(SlVector::uniform(2));
    // 5 × 5 = 25: Critical, proposes SL-T 4
    z.risk.scenarios.push(ThreatScenario {
        title: "Worst".into(),
        likelihood: 5,
        consequence: vec![5],
        ..Default::default()
    });
    p.zones.push(z);
    open(&mut h, p);
    select(&mut h, vec![ElementRef::Zone(ZoneId(1))]);
    h.get_by_label("Proposed from risk: SL (4,4,4,4,4,4,4)");
    h.get_by_label("SL-T below the proposal in IAC, UC, SI, DC, RDF, TRE, RA: rationale");
    let below = h
        .get_by_label("SL-T below the proposal in IAC, UC, SI, DC, RDF, TRE, RA: rationale")
        .rect()
        .bottom();
    let code = zonewright::analysis::FindingCode::SlTBelowProposal;
    assert!(assessment(&h).findings.iter().any(|f| f.code == code));
    let field = h
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .filter(|n| n.rect().left() > 1000.0 && n.rect().top() > below)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center())
        .expect("the rationale field");
    common::click_at(&mut h, field);
    h.event(Event::Text("Isolated by an air gap".into()));
    h.run();
    assert_eq!(
        project(&h).zones[0].risk.sl_t_rationale,
        "Isolated by an air gap"
    );
    assert!(!assessment(&h).findings.iter().any(|f| f.code == code));
}

#[test]
fn a_matrix_cell_click_moves_it_to_the_next_level_in_one_step() {
    let mut h = harness();
    let mut p = Project::default();
    p.zones.push(zone(1, "BPCS", 0.0));
    open(&mut h, p);
    h.get_by_label("Risk matrix").click();
    h.run();
    // likelihood 1 × consequence 1 is Low by default
    assert_eq!(project(&h).risk.matrix.cells[0][0], 0);
    // the bottom-left cell: likelihood 1 (last row) × consequence 1 (first column)
    let cell = h
        .get_all_by_label("Low")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .max_by(|a, b| {
            (a.rect().top() - a.rect().left() / 1000.0)
                .total_cmp(&(b.rect().top() - b.rect().left() / 1000.0))
        })
        .map(|n| n.rect().center())
        .expect("matrix cell");
    common::click_at(&mut h, cell);
    h.run();
    h.run();
    assert_eq!(project(&h).risk.matrix.cells[0][0], 1);
    assert_eq!(undo_label(&h).as_deref(), Some("Change risk matrix cell"));
    undo(&mut h);
    assert_eq!(project(&h).risk.matrix.cells[0][0], 0);
}

#[test]
fn recording_an_approval_then_renaming_a_zone_makes_it_outdated() {
    let mut h = harness();
    let mut p = Project::default();
    p.meta.revision = "B".into();
    p.zones.push(zone(1, "BPCS", 0.0));
    open(&mut h, p);
    h.get_by_label("No approval recorded");
    h.get_by_label("Record approval of the current content")
        .click();
    h.run();
    let approval = project(&h).approval.clone().expect("recorded");
    assert_eq!(approval.revision, "B");
    assert_eq!(
        approval.content_hash,
        zonewright::model::content_hash(project(&h))
    );
    // and the digest of the assessment result the designer shows
    assert_eq!(
        approval.assessment_hash,
        assessment(&h).risk.assessment_hash
    );
    assert_eq!(approval.assessment_hash.len(), 64);
    assert_eq!(undo_label(&h).as_deref(), Some("Record approval"));
    assert!(matches!(
        assessment(&h).risk.approval,
        ApprovalState::Current { .. }
    ));
    h.get_by_label("Current: Approved (covers the content as it is)");

    // rename the zone in its inspector
    select(&mut h, vec![ElementRef::Zone(ZoneId(1))]);
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.accesskit_node().value().as_deref() == Some("BPCS"))
        .map(|n| n.rect().center())
        .expect("the name field");
    common::click_at(&mut h, field);
    h.key_press(Key::End);
    h.event(Event::Text(" 2".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(project(&h).zones[0].name, "BPCS 2");
    assert_eq!(
        assessment(&h).risk.approval,
        ApprovalState::Outdated {
            decision: zonewright::model::Decision::Approved,
            content_changed: true,
            revision_changed: false,
            result_changed: false,
            legacy: false,
        }
    );
    select(&mut h, Vec::new());
    h.get_by_label("Outdated: Approved — the content has changed");
    // recording again covers the new content; withdrawing removes it
    h.get_by_label("Record approval of the current content")
        .click();
    h.run();
    assert!(matches!(
        assessment(&h).risk.approval,
        ApprovalState::Current { .. }
    ));
    h.get_by_label("Withdraw approval").click();
    h.run();
    assert_eq!(project(&h).approval, None);
    undo(&mut h);
    assert!(project(&h).approval.is_some());
}

#[test]
fn the_register_and_an_open_risk_section_settle_without_repainting() {
    let mut h = harness();
    let mut p = Project::default();
    let mut z = zone(1, "BPCS", 0.0);
    z.risk.scenarios.push(ThreatScenario {
        title: "Worst".into(),
        likelihood: 5,
        consequence: vec![5],
        ..Default::default()
    });
    p.zones.push(z);
    open(&mut h, p);
    h.state_mut().dock_tab = DockTab::Risk;
    select(&mut h, vec![ElementRef::Zone(ZoneId(1))]);
    // kittest's run() fails with "exceeded max_steps" if the app keeps asking for repaints
    let steps = h.run();
    assert!(steps < 10, "settles after {steps} steps");
    h.get_by_label("Worst — Critical 25");
}

#[test]
fn the_requirements_tab_filters_met_items_without_evidence() {
    use zonewright::model::{RequirementAssessment, Status};
    let mut h = harness();
    let mut z = zone(1, "Control", 0.0);
    z.sl_t = Some(SlVector::uniform(1));
    for (id, evidence) in [("SR 1.1", ""), ("SR 1.2", "FAT report 7"), ("SR 2.1", "")] {
        z.requirements.insert(
            id.into(),
            RequirementAssessment {
                status: Status::Met,
                evidence: evidence.into(),
                ..Default::default()
            },
        );
    }
    let mut p = Project::default();
    p.zones.push(z);
    open(&mut h, p);
    select(&mut h, vec![ElementRef::Zone(ZoneId(1))]);
    h.state_mut().dock_tab = DockTab::Requirements;
    h.run();
    // SR 1.2 is required from SL 2 only: at SL-T 1 two items are met without evidence
    h.get_by_label("SR 1.1");
    h.get_by_label("SR 1.3");
    h.get_by_label("Only met without evidence (2)").click();
    h.run();
    assert!(h.state().dock.only_no_evidence);
    h.get_by_label("SR 1.1");
    h.get_by_label("SR 2.1");
    assert!(
        h.query_by_label("SR 1.3").is_none(),
        "an unassessed item is hidden"
    );
    // the finding counts the same two
    let f = assessment(&h)
        .findings
        .iter()
        .find(|f| f.code == zonewright::analysis::FindingCode::MetNoEvidence)
        .expect("REQ-NO-EVIDENCE");
    assert!(f.message.contains('2'), "{}", f.message);
}

#[test]
fn a_serial_number_typed_twice_is_one_device_modelled_twice() {
    let mut h = harness();
    let mut p = Project::default();
    p.zones.push(zone(1, "BPCS", 0.0));
    p.zones.push(zone(2, "SIS", 400.0));
    p.zones[0].assets[0].serial_number = "SN-4711".into();
    open(&mut h, p);
    let code = zonewright::analysis::FindingCode::DeviceDuplicate;
    assert!(!assessment(&h).findings.iter().any(|f| f.code == code));
    select(&mut h, vec![ElementRef::Asset(AssetId(20))]);
    let label = h.get_by_label("Serial number").rect().bottom();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|n| n.rect().top() >= label - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center())
        .expect("the serial number field");
    common::click_at(&mut h, field);
    h.event(Event::Text("sn-4711 ".into()));
    h.run();
    assert_eq!(project(&h).zones[1].assets[0].serial_number, "sn-4711 ");
    // trimmed and case-folded, the serials are one: the second asset is reported
    let f = assessment(&h)
        .findings
        .iter()
        .find(|f| f.code == code)
        .expect("DEVICE-DUP");
    assert_eq!(f.element, ElementRef::Asset(AssetId(20)));
    assert_eq!(
        undo_label(&h).as_deref(),
        Some("Edit asset PLC-2 serial number")
    );
}
