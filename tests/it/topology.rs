//! egui_kittest tests of the topology view: rendering, caption, idling once settled, and
//! clicking a zone box reporting its zone.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::analysis::{Assessment, assess};
use zonewright::catalog::Catalog;
use zonewright::model::{Conduit, ConduitId, Direction, Project, Rect, Zone, ZoneId, ZoneKind};
use zonewright::ui::topology::TopologyView;

struct State {
    view: TopologyView,
    project: Project,
    assessment: Assessment,
    revision: u64,
    selected: Option<ZoneId>,
    clicked: Vec<ZoneId>,
}

/// Enterprise → Supervisory → Control → Safety (two-way: one path), a DMZ fed one-way from
/// Control, and a Field zone under Control.
fn plant() -> Project {
    let z = |id: u32, name: &str, kind: ZoneKind, x: f32, y: f32| {
        Zone::new(ZoneId(id), name, kind, Rect::new(x, y, 160.0, 100.0))
    };
    let c = |id: u32, name: &str, from: u32, to: u32| {
        Conduit::new(ConduitId(id), name, ZoneId(from), ZoneId(to))
    };
    let mut diode = c(4, "Diode", 3, 5);
    diode.direction = Direction::OneWay;
    Project {
        zones: vec![
            z(1, "Enterprise IT", ZoneKind::Enterprise, 0.0, 0.0),
            z(2, "Supervisory", ZoneKind::Supervisory, 0.0, 200.0),
            z(3, "Control", ZoneKind::Control, 0.0, 400.0),
            z(4, "SIS", ZoneKind::Safety, 300.0, 400.0),
            z(5, "DMZ", ZoneKind::Dmz, 300.0, 100.0),
            z(6, "Field", ZoneKind::Field, 0.0, 600.0),
        ],
        conduits: vec![
            c(1, "IT-Sup", 1, 2),
            c(2, "Sup-Ctl", 2, 3),
            c(3, "Ctl-SIS", 3, 4),
            diode,
            c(5, "Ctl-Field", 3, 6),
        ],
        ..Default::default()
    }
}

/// Makes the Control–SIS conduit one-way out of the SIS, enforced by the unidirectional-gateway
/// control: the only way to block the path (a one-way conduit into a safety zone, or one
/// without a gateway, does not).
fn block_sis(c: &mut Conduit) {
    c.from = ZoneId(4);
    c.to = ZoneId(3);
    c.direction = Direction::OneWay;
    c.controls = vec!["unidirectional_gateway".into()];
}

fn harness(project: Project) -> Harness<'static, State> {
    let assessment = assess(&project, Catalog::embedded());
    let state = State {
        view: TopologyView::new(),
        project,
        assessment,
        revision: 1,
        selected: None,
        clicked: Vec::new(),
    };
    Harness::builder()
        .with_size([1000.0, 420.0])
        .build_ui_state(
            |ui, s: &mut State| {
                s.view.sync(&s.project, &s.assessment, s.revision);
                if let Some(z) = s.view.show_ui(ui, s.selected) {
                    s.clicked.push(z);
                    s.selected = Some(z);
                }
            },
            state,
        )
}

#[test]
fn renders_caption_with_path_count_and_settles() {
    let mut h = harness(plant());
    h.run_steps(5);
    h.get_by_label_contains("1 path from an untrusted zone reaches a safety zone");
    for name in [
        "Enterprise IT",
        "Supervisory",
        "Control",
        "SIS",
        "DMZ",
        "Field",
    ] {
        h.get_by_label(&format!("Zone: {name}"));
    }
    assert!(h.state().view.is_settled());
    // All boxes lie inside the window after the fit.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 420.0));
    for id in 1..=6 {
        let r = h
            .state()
            .view
            .zone_screen_rect(ZoneId(id))
            .unwrap_or_else(|| panic!("zone {id} not shown"));
        assert!(
            screen.contains_rect(r),
            "zone {id} at {r:?} is outside the view"
        );
    }
}

#[test]
fn idle_once_settled_and_pointer_away() {
    let mut h = harness(plant());
    h.run_steps(5);
    // With the pointer away, the settled view must not request repaints: run() would fail
    // with "exceeded max_steps" if GraphView were still shown every frame.
    assert!(
        h.try_run().is_ok(),
        "the settled topology view keeps repainting"
    );
}

#[test]
fn caption_reports_no_path_when_blocked() {
    let mut p = plant();
    // one-way into the SIS without a gateway: still a path
    p.conduits[2].direction = Direction::OneWay;
    assert_eq!(assess(&p, Catalog::embedded()).untrusted_paths.len(), 1);
    block_sis(&mut p.conduits[2]);
    let mut h = harness(p);
    h.run_steps(5);
    h.get_by_label("No untrusted path reaches a safety zone");
    assert!(
        h.query_by_label_contains("paths from untrusted").is_none()
            && h.query_by_label_contains("1 path from").is_none()
    );
}

#[test]
fn clicking_a_zone_reports_and_selects_it() {
    let mut h = harness(plant());
    h.run_steps(5);
    h.get_by_label("Zone: SIS").hover();
    h.run_steps(2);
    h.get_by_label("Zone: SIS").click();
    h.run_steps(3);
    assert_eq!(h.state().clicked, vec![ZoneId(4)]);
    assert_eq!(h.state().selected, Some(ZoneId(4)));
    h.get_by_label("Zone: Field").click();
    h.run_steps(3);
    assert_eq!(h.state().clicked, vec![ZoneId(4), ZoneId(6)]);
    // A click on empty space reports nothing.
    h.hover_at(egui::pos2(995.0, 415.0));
    h.run_steps(1);
    h.drag_at(egui::pos2(995.0, 415.0));
    h.drop_at(egui::pos2(995.0, 415.0));
    h.run_steps(3);
    assert_eq!(h.state().clicked.len(), 2);
}

#[test]
fn click_while_idle_is_not_lost() {
    let mut h = harness(plant());
    h.run_steps(5);
    assert!(h.try_run().is_ok());
    // Move, press and release in one frame, starting from the static (idle) painting.
    h.get_by_label("Zone: Control").click();
    h.run_steps(3);
    assert_eq!(h.state().clicked, vec![ZoneId(3)]);
}

#[test]
fn edits_rebuild_the_view() {
    let mut h = harness(plant());
    h.run_steps(5);
    let s = h.state_mut();
    s.project.zones[3].name = "Safety instrumented system".into();
    block_sis(&mut s.project.conduits[2]);
    s.assessment = assess(&s.project, Catalog::embedded());
    s.revision = 2;
    h.run_steps(5);
    h.get_by_label("Zone: Safety instrumented system");
    h.get_by_label("No untrusted path reaches a safety zone");
}

#[test]
fn empty_project_shows_a_hint() {
    let mut h = harness(Project::default());
    h.run_steps(3);
    h.get_by_label_contains("No zones yet");
    assert!(h.try_run().is_ok());
}
