//! The designer shows control and bidirectional characters of names visibly (inspector
//! heading, a note under the name field) while the name field keeps the raw text, and warns
//! under the name about characters no bundled font has.

use egui_kittest::kittest::Queryable;
use zonewright::model::ElementRef;
use zonewright::ui::Intent;
use zonewright::ui::dialogs::DialogResult;

use crate::common;
use common::harness_with;

#[test]
fn a_hostile_zone_name_is_shown_escaped_and_kept_raw_for_editing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = zonewright::samples::find("water").expect("sample");
    let mut project = zonewright::file::from_str(s.text).expect("loads");
    let raw = "\u{1b}[2JPumps\u{202e}\u{13000}";
    project.zones[0].name = raw.to_owned();
    let id = project.zones[0].id;
    let path = dir.path().join("hostile.ron");
    zonewright::file::save(&project, &path).expect("saved");

    let mut h = harness_with(Vec::<DialogResult>::new());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(id)]));
    h.run();
    h.get_by_label("Zone \\x1b[2JPumps\\u{202e}\u{13000}");
    h.get_by_label_contains("shown as escapes: \\x1b[2JPumps\\u{202e}");
    h.get_by_label_contains("Character U+13000 has no glyph in the bundled fonts");
    // the document keeps the name as it is, to be fixed in the field
    let doc_name = h
        .state()
        .doc
        .as_ref()
        .map(|d| d.project.zones[0].name.clone());
    assert_eq!(doc_name.as_deref(), Some(raw));
}

#[test]
fn the_export_status_line_warns_about_characters_no_bundled_font_has() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.pdf");
    let mut h = harness_with(vec![DialogResult::Picked(out.clone())]);
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    if let Some(doc) = h.state_mut().doc.as_mut() {
        doc.project.zones[0].name = "Intake \u{13000}".to_owned();
    }
    h.state_mut().export_options.pdf.sections.details = false;
    h.state_mut().start_export(out.clone());
    assert!(
        common::wait_for_export(&mut h, std::time::Duration::from_secs(120)),
        "the export finishes"
    );
    h.run();
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Exported"), "{status}");
    assert!(
        status.contains("warning: zone \"Intake \u{13000}\": character U+13000 has no glyph"),
        "{status}"
    );
    assert!(out.exists());
}
