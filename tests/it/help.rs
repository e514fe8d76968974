//! Help, offline: F1 shows every shortcut of the command table; Help → Documentation shows the
//! embedded docs page by page.

use crate::common;
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn f1_lists_the_shortcuts_and_the_docs_are_one_click_away() {
    let mut h = common::with_sample("refinery");
    h.key_press(Key::F1);
    h.run();
    // rows of the sheet: a command and its keys
    h.get_by_label("Find…");
    h.get_by_label("Ctrl+F");
    h.get_by_label("Presentation mode");
    h.get_by_label("Design findings").click();
    h.run();
    h.get_by_label_contains("Design findings: what each code checks");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().modal.is_none(), "Close closes Help");
    // and from the menu
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Documentation").click();
    h.run();
    h.get_by_label("Using zonewright").click();
    h.run();
    h.get_by_label_contains("A desktop tool for designing");
}
