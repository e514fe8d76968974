//! Unsaved-changes state, driven through the real designer: undoing back to the saved state
//! makes the document clean again (no ● in the title, no "save changes?" question), and a
//! different edit at the same undo depth does not.

use crate::common;

use egui::{Key, Modifiers};
use zonewright::model::{ElementRef, ZoneId};
use zonewright::ui::{Intent, Modal};

fn dirty(h: &egui_kittest::Harness<'_, zonewright::ui::DesignerApp>) -> bool {
    h.state()
        .doc
        .as_ref()
        .expect("a document is open")
        .is_dirty()
}

#[test]
fn undo_back_to_the_saved_state_is_clean_again() {
    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    assert!(!dirty(&h));
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(ZoneId(1))]));
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(dirty(&h), "a nudged zone is an unsaved change");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!dirty(&h), "undone to the opened state");
    // opening another sample asks nothing
    h.state_mut().open_sample("water");
    h.run();
    assert!(
        !matches!(h.state().modal, Some(Modal::ConfirmDiscard { .. })),
        "no question about changes that are not there"
    );
    assert!(
        h.state()
            .doc
            .as_ref()
            .is_some_and(|d| d.project.meta.title.contains("Millbrook"))
    );
    // redo makes it dirty again; a different edit after an undo stays dirty
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(ZoneId(1))]));
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(dirty(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(
        dirty(&h),
        "another change at the same depth is still a change"
    );
}
