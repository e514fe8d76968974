//! Inline rename and Find in the real designer (egui_kittest): double-click, type, Enter; F2,
//! type, Esc; an empty name; Ctrl+F, type, Enter selects and centres.

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use zonewright::model::{ElementRef, ZoneId};
use zonewright::ui::{DesignerApp, Intent};

use crate::common;
use common::{harness_with, pointer, project, zone_named};

fn designer() -> Harness<'static, DesignerApp> {
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h
}

fn undo_label(h: &Harness<'_, DesignerApp>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label().map(str::to_owned))
}

/// A point in the zone's header (its title), on screen.
fn title_of(h: &Harness<'_, DesignerApp>, id: ZoneId) -> Pos2 {
    let r = project(h).zone(id).expect("zone").rect;
    h.state()
        .canvas
        .scene_to_screen(r.x + r.w * 0.6, r.y + 20.0)
}

fn double_click_at(h: &mut Harness<'_, DesignerApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    // a harness frame is long (a quarter of a second or more): the two clicks are given
    // their times, a tenth of a second apart
    let start = h.ctx.input(|i| i.time) + 10.0;
    for k in 0..2 {
        h.input_mut().time = Some(start + 0.1 * f64::from(k));
        pointer(h, pos, true, Modifiers::NONE);
        pointer(h, pos, false, Modifiers::NONE);
        h.step();
    }
    h.run();
}

fn type_text(h: &mut Harness<'_, DesignerApp>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn double_click_a_zone_type_and_enter_renames_it_in_one_step() {
    let mut h = designer();
    let sis = zone_named(&h, "SIS");
    let old = project(&h).zone(sis).expect("SIS").name.clone();
    // selected first: a selection change may still move the canvas (issue 13, defect 1)
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(sis)]));
    h.run();
    let at = title_of(&h, sis);
    double_click_at(&mut h, at);
    assert!(h.state().rename.is_open(), "the rename field is open");
    // the old name is selected: typing replaces it
    type_text(&mut h, "Safety system");
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().rename.is_open());
    assert_eq!(project(&h).zone(sis).expect("SIS").name, "Safety system");
    assert_eq!(
        undo_label(&h).as_deref(),
        Some(format!("Rename zone {old} to Safety system").as_str())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).zone(sis).expect("SIS").name, old);
}

#[test]
fn f2_type_and_esc_cancels_and_an_empty_name_is_refused() {
    let mut h = designer();
    let before = project(&h).clone();
    let bpcs = zone_named(&h, "BPCS");
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(bpcs)]));
    h.run();
    h.key_press(Key::F2);
    h.run();
    assert!(h.state().rename.is_open(), "F2 opens the rename field");
    type_text(&mut h, "Something else");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().rename.is_open());
    assert_eq!(project(&h), &before, "Esc changes nothing");
    assert_eq!(
        h.state().selection,
        [ElementRef::Zone(bpcs)].into_iter().collect(),
        "Esc in the field does not clear the selection"
    );

    h.key_press(Key::F2);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(project(&h), &before, "an empty name is not taken");
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.contains("cannot be empty"), "{status}");
}

#[test]
fn find_by_name_and_enter_selects_and_centres_the_zone() {
    let mut h = designer();
    let sis = zone_named(&h, "SIS");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().find.is_open());
    type_text(&mut h, "safety instrumented");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().selection,
        [ElementRef::Zone(sis)].into_iter().collect()
    );
    let (cx, cy) = project(&h).zone(sis).expect("SIS").rect.center();
    let on_screen = h.state().canvas.scene_to_screen(cx, cy);
    let canvas = h.state().canvas.screen_rect();
    assert!(
        (on_screen - canvas.center()).length() < 2.0,
        "centred: {on_screen:?} vs {:?}",
        canvas.center()
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().find.is_open(), "Esc closes Find");
}

#[test]
fn find_a_requirement_lists_the_zones_and_arrows_move() {
    let mut h = designer();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_text(&mut h, "SR 1.1");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().find.highlighted, 1);
    h.key_press(Key::Enter);
    h.run();
    let selected = h.state().selection.iter().next().copied();
    assert!(
        matches!(
            selected,
            Some(ElementRef::Zone(_)) | Some(ElementRef::Conduit(_))
        ),
        "{selected:?}"
    );
}

#[test]
fn clicking_elsewhere_commits_the_rename() {
    let mut h = designer();
    let sis = zone_named(&h, "SIS");
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(sis)]));
    h.run();
    h.key_press(Key::F2);
    h.run();
    type_text(&mut h, "SIS renamed");
    // the status line, outside the field and the canvas
    let away = egui::pos2(700.0, 940.0);
    common::click_at(&mut h, away);
    h.run();
    assert!(!h.state().rename.is_open());
    assert_eq!(project(&h).zone(sis).expect("SIS").name, "SIS renamed");
}
