//! The command table driven through the real designer: shortcuts act while a button or checkbox
//! has the keyboard focus, a text field keeps its own keys, Esc with a menu open only closes the
//! menu, and the command palette lists every command with its shortcut and runs one.

use crate::common;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zonewright::model::{ElementRef, ZoneId};
use zonewright::ui::commands::UiCommand;
use zonewright::ui::{DesignerApp, Intent};

fn refinery() -> Harness<'static, DesignerApp> {
    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h
}

fn zone_x(h: &Harness<'_, DesignerApp>, id: ZoneId) -> f32 {
    h.state()
        .doc
        .as_ref()
        .and_then(|d| d.project.zone(id))
        .map(|z| z.rect.x)
        .expect("the zone exists")
}

fn zone_count(h: &Harness<'_, DesignerApp>) -> usize {
    h.state().doc.as_ref().map_or(0, |d| d.project.zones.len())
}

fn select_zone(h: &mut Harness<'_, DesignerApp>, id: ZoneId) {
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(id)]));
    h.run();
}

/// Tab until a widget that is not a text field has the keyboard focus.
fn focus_a_button_or_checkbox(h: &mut Harness<'_, DesignerApp>) {
    for _ in 0..20 {
        h.key_press(Key::Tab);
        h.run();
        let focused = h.ctx.memory(|m| m.focused().is_some());
        if focused && !h.ctx.text_edit_focused() {
            return;
        }
    }
    panic!("Tab never focused a button or checkbox");
}

fn assert_focus_kept(h: &Harness<'_, DesignerApp>) {
    assert!(
        h.ctx.memory(|m| m.focused().is_some()) && !h.ctx.text_edit_focused(),
        "a non-text widget still has the focus"
    );
}

#[test]
fn shortcuts_act_while_a_button_or_checkbox_has_the_focus() {
    let mut h = refinery();
    let z = ZoneId(1);
    let x = zone_x(&h, z);
    select_zone(&mut h, z);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(zone_x(&h, z), x + 10.0, "nudged");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(zone_x(&h, z), x + 9.0, "Shift nudges a little");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(zone_x(&h, z), x + 10.0);

    focus_a_button_or_checkbox(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_focus_kept(&h);
    assert_eq!(zone_x(&h, z), x, "Ctrl+Z undid the nudge");

    select_zone(&mut h, z);
    let zones = zone_count(&h);
    focus_a_button_or_checkbox(&mut h);
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(zone_count(&h), zones - 1, "Delete removed the zone");

    focus_a_button_or_checkbox(&mut h);
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presentation, "F5 toggled presentation mode");
    h.key_press(Key::F5);
    h.run();
    assert!(!h.state().presentation);

    let other = ZoneId(2);
    select_zone(&mut h, other);
    focus_a_button_or_checkbox(&mut h);
    let before = zone_x(&h, other);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(
        zone_x(&h, other),
        before,
        "arrows belong to the focused widget"
    );

    focus_a_button_or_checkbox(&mut h);
    h.state_mut().canvas.zoom_by(0.1);
    h.run();
    let zoomed_out = h.state().canvas.zoom();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(3);
    assert!(
        (h.state().canvas.zoom() - zoomed_out).abs() > 1e-3,
        "Ctrl+0 fitted the plant"
    );
}

#[test]
fn ctrl_z_in_a_text_field_does_not_undo_the_document() {
    let mut h = refinery();
    let z = ZoneId(1);
    let x = zone_x(&h, z);
    select_zone(&mut h, z);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(zone_x(&h, z), x + 10.0);
    // the palette's filter field, top left
    let filter = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|n| n.rect().left() < 300.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center())
        .expect("the palette filter field");
    common::click_at(&mut h, filter);
    assert!(
        h.ctx.text_edit_focused(),
        "the palette filter has the keyboard"
    );
    h.event(Event::Text("plc".into()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(zone_x(&h, z), x + 10.0, "the document was not undone");
    assert!(
        h.state().doc.as_ref().is_some_and(|d| d.history.can_undo()),
        "the nudge is still on the undo stack"
    );
    assert!(
        h.state().selection.contains(&ElementRef::Zone(z)),
        "Delete in the field deleted no zone"
    );
    assert!(
        h.state()
            .doc
            .as_ref()
            .is_some_and(|d| d.project.zone(z).is_some())
    );
}

#[test]
fn escape_with_a_menu_open_only_closes_the_menu() {
    let mut h = refinery();
    select_zone(&mut h, ZoneId(1));
    h.get_by_label("View").click();
    h.run();
    assert!(
        h.query_by_label("Dark theme").is_some(),
        "the View menu is open"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Dark theme").is_none(), "the menu closed");
    assert!(
        h.state().selection.contains(&ElementRef::Zone(ZoneId(1))),
        "the selection is kept"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().selection.is_empty(), "a second Esc clears it");
}

#[test]
fn the_palette_lists_every_command_with_its_shortcut() {
    let mut h = refinery();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.state().command_palette.is_open());
    for command in UiCommand::all() {
        // narrow the list to this command's row, then read the row
        h.state_mut().command_palette.query = command.text();
        h.run();
        let text = command.text();
        let row = h
            .query_all_by_label_contains(&text)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(&text))
            })
            .unwrap_or_else(|| panic!("no palette row for {command:?}"));
        let label = row.accesskit_node().label().unwrap_or_default();
        if let Some(s) = command.shortcuts().first() {
            let shown = h.ctx.format_shortcut(s);
            assert!(
                label.contains(&shown),
                "row {label:?} shows the shortcut {shown}"
            );
        }
    }
}

#[test]
fn typing_in_the_palette_and_enter_runs_the_command() {
    let mut h = refinery();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(Event::Text("mode presentation".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().presentation, "Presentation mode ran");
    assert!(!h.state().command_palette.is_open(), "the palette closed");

    // a disabled command is shown but not run
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(Event::Text("redo".into()));
    h.run();
    assert!(h.query_by_label_contains("Redo").is_some());
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().command_palette.is_open(),
        "Redo is disabled: nothing ran"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        !h.state().command_palette.is_open(),
        "Esc closes the palette"
    );

    // arrows move the highlight
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(Event::Text("zoom".into()));
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().command_palette.highlighted, 1);
    h.state_mut().canvas.zoom_by(0.5);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        (h.state().canvas.zoom() - 1.0).abs() < 1e-3,
        "the second zoom command (Reset zoom) ran"
    );
}

/// A disabled command with Shift keeps its press: Ctrl+Shift+Z with nothing to redo does not
/// fall through to Ctrl+Z (undo), nor Ctrl+Shift+E with no zone selected to Ctrl+E (export).
#[test]
fn a_disabled_shift_shortcut_does_not_fall_through_to_the_plain_one() {
    let mut h = refinery();
    select_zone(&mut h, ZoneId(1));
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let after_duplicate = zone_count(&h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        zone_count(&h),
        after_duplicate,
        "nothing to redo, and nothing undone"
    );
    h.state_mut().apply_intent(Intent::Select(Vec::new()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    assert!(
        h.query_by_label_contains("Export PDF tender pack")
            .is_none(),
        "no export dialog"
    );
}
