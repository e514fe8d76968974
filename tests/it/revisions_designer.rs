//! The designer's side of revisions and teams, driven with egui_kittest: the Conflicts tab
//! resolves what `zonewright merge` left (keep ours, take theirs, edit — one undo step each,
//! the file loads at every step), and File → Compare with… lists the changes since an older
//! revision in the Changes tab, where a click selects the element.

use egui_kittest::kittest::Queryable;
use zonewright::file;
use zonewright::model::{ElementRef, Project};
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{DockTab, Intent};

use crate::common::{harness_with, project};

fn refinery() -> Project {
    file::from_str(zonewright::samples::find("refinery").expect("sample").text).expect("loads")
}

#[test]
fn the_conflicts_tab_resolves_a_merge_conflict_step_by_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("merged.ron");
    let base = refinery();
    let mut ours = base.clone();
    ours.zones[1].description = "Ops says".into();
    ours.conduits[0].owner = "Ops".into();
    let mut theirs = base.clone();
    theirs.zones[1].description = "Security says".into();
    theirs.conduits[0].owner = "Security".into();
    let merged = zonewright::revision::merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(merged.project.conflicts.len(), 2);
    file::save(&merged.project, &path).expect("saves");
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    assert_eq!(project(&h).conflicts.len(), 2);
    // the file opens on its conflicts
    assert_eq!(h.state().dock_tab, DockTab::Conflicts);
    h.get_by_label("Conflicts");
    // take theirs for the zone's description (listed first: zones before conduits? the merge
    // lists them in document order of its kinds: zones, then conduits)
    h.get_all_by_label("Take theirs")
        .next()
        .expect("a button")
        .click();
    h.run();
    assert_eq!(project(&h).zones[1].description, "Security says");
    assert_eq!(project(&h).conflicts.len(), 1);
    // the file loads after this step
    assert!(h.state_mut().save());
    assert_eq!(file::load(&path).expect("loads").conflicts.len(), 1);
    // edit the conduit's owner
    h.get_by_label("Edit…").click();
    h.run();
    // the field beside "Use this value"
    let button = h.get_by_label("Use this value").rect();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .map(|n| n.rect())
        .filter(|r| (r.center().y - button.center().y).abs() < 6.0 && r.right() <= button.left())
        .max_by(|a, b| a.right().total_cmp(&b.right()))
        .expect("the value field");
    crate::common::click_at(&mut h, field.center());
    h.run();
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.event(egui::Event::Text("Ops and Security".into()));
    h.run();
    h.get_by_label("Use this value").click();
    h.run();
    assert_eq!(project(&h).conduits[0].owner, "Ops and Security");
    assert!(project(&h).conflicts.is_empty());
    // no conflicts: the tab is gone, the findings are back
    assert!(h.query_by_label("Conflicts").is_none());
    assert_eq!(h.state().dock_tab, DockTab::Findings);
    // one undo step brings the last conflict back
    h.state_mut().apply_intent(Intent::Undo);
    h.run();
    assert_eq!(project(&h).conflicts.len(), 1);
    assert_eq!(project(&h).conduits[0].owner, "Ops");
    h.state_mut().apply_intent(Intent::Redo);
    h.run();
    assert!(h.state_mut().save());
    let saved = file::load(&path).expect("loads");
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.zones[1].description, "Security says");
}

#[test]
fn compare_with_lists_the_changes_and_a_click_selects_the_element() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old_path = dir.path().join("rev-b.ron");
    let new_path = dir.path().join("rev-c.ron");
    let old = refinery();
    let mut new = old.clone();
    new.zones[2].description = "Changed for revision C".into();
    let gone = new.zones[1].assets.remove(0);
    file::save(&old, &old_path).expect("saves");
    file::save(&new, &new_path).expect("saves");
    let mut h = harness_with(vec![DialogResult::Picked(old_path.clone())]);
    h.run();
    h.state_mut().open_path(&new_path);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    assert_eq!(h.state().dock_tab, DockTab::Changes);
    let c = h.state().comparison.as_ref().expect("a comparison");
    assert!(
        c.diff
            .change_of(ElementRef::Asset(gone.id))
            .is_some_and(|ch| ch.change == zonewright::revision::ChangeKind::Removed)
    );
    let zone = new.zones[2].clone();
    h.get_by_label(&format!("Change {}", zone.name)).click();
    h.run();
    assert!(h.state().selection.contains(&ElementRef::Zone(zone.id)));
    // an edit is in the comparison at once
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Rename {
            element: ElementRef::Zone(new.zones[0].id),
            name: "Corporate".into(),
        }));
    h.run();
    let c = h.state().comparison.as_ref().expect("a comparison");
    assert!(
        c.diff
            .change_of(ElementRef::Zone(new.zones[0].id))
            .is_some()
    );
    h.get_by_label("End comparison").click();
    h.run();
    assert!(h.state().comparison.is_none());
    assert!(h.query_by_label("Changes").is_none());
}

#[test]
fn the_export_dialog_offers_the_compared_revision_for_the_amendments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old_path = dir.path().join("rev-b.ron");
    let new_path = dir.path().join("rev-c.ron");
    let pdf = dir.path().join("rev-c.pdf");
    let mut old = refinery();
    old.meta.revision = "B".into();
    let mut new = old.clone();
    new.meta.revision = "C".into();
    new.zones[2].description = "Changed for revision C".into();
    file::save(&old, &old_path).expect("saves");
    file::save(&new, &new_path).expect("saves");
    let mut h = harness_with(vec![DialogResult::Picked(pdf.clone())]);
    h.run();
    h.state_mut().open_path(&new_path);
    h.run();
    h.state_mut().compare_with(&old_path);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    assert_eq!(
        h.state().export_options.changes_since,
        old_path.display().to_string(),
        "the compared revision is offered"
    );
    h.get_by_label("Compare with… (older revision, .ron):");
    h.get_by_label("Export…").click();
    h.step();
    assert!(
        crate::common::wait_for_export(&mut h, std::time::Duration::from_secs(120)),
        "the export finishes"
    );
    h.run();
    let text = crate::pdf_text::pdf_text(&std::fs::read(&pdf).expect("written"));
    assert!(text.contains("Amendments in revision C since revision B"));
    assert!(text.contains("Changed for revision C"));
}
