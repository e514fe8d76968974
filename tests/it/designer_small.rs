//! Small defects of the designer-fluency issue: counts in the singular, the open-error dialog
//! on the start page and the typed path kept after it, the Dark theme check mark.

use egui::accesskit::Toggled;
use egui_kittest::kittest::{NodeT, Queryable};
use zonewright::model::ElementRef;
use zonewright::ui::dialogs::DialogResult;
use zonewright::ui::{Intent, Modal, PathPurpose};

use crate::common;
use common::harness_with;

#[test]
fn one_of_a_kind_is_counted_in_the_singular() {
    let mut h = harness_with(Vec::<DialogResult>::new());
    h.run();
    h.get_by_label("New project").click();
    h.run();
    h.get_by_label("0 zones · 0 conduits · 0 assets");
    h.state_mut().open_sample("water");
    h.run();
    let zone = h.state().doc.as_ref().expect("open").project.zones[0].id;
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(zone)]));
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::DuplicateSelection));
    h.run();
    let label = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label().map(str::to_owned));
    // "Duplicate 1 zone, 3 assets": the zone and what it holds, each counted in the singular
    let label = label.unwrap_or_default();
    assert!(label.starts_with("Duplicate 1 zone,"), "{label}");
    // a project of one zone with one asset and no conduit
    if let Some(doc) = h.state_mut().doc.as_mut() {
        doc.project.zones.truncate(1);
        doc.project.conduits.clear();
        let first = doc.project.zones[0].assets.first().cloned();
        doc.project.zones[0].assets = first.into_iter().collect();
    }
    h.run();
    h.get_by_label_contains("1 zone · 0 conduits · 1 asset");
}

#[test]
fn a_failed_open_from_the_start_page_keeps_the_typed_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-plant.ron");
    let typed = missing.display().to_string();
    let mut h = harness_with(Vec::<DialogResult>::new());
    h.run();
    h.get_by_label("Open by path…").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&typed);
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(
        matches!(h.state().modal, Some(Modal::Error { .. })),
        "{:?}",
        h.state().modal
    );
    // nothing was open: the dialog does not speak of a document the user had open
    assert!(h.query_by_label_contains("you had open").is_none());
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        h.state().modal,
        Some(Modal::PathPrompt {
            purpose: PathPurpose::Open,
            text: typed.clone(),
        })
    );
}

#[test]
fn the_open_error_over_a_document_says_it_is_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("gone.ron");
    let mut h = harness_with(Vec::<DialogResult>::new());
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    h.state_mut().open_path(&missing);
    h.run();
    h.get_by_label("The document you had open is unchanged.");
}

#[test]
fn the_dark_theme_menu_item_shows_a_check_mark() {
    let mut h = harness_with(Vec::<DialogResult>::new());
    h.run();
    h.get_by_label("View").click();
    h.run();
    assert_eq!(
        h.get_by_label("Dark theme").accesskit_node().toggled(),
        Some(Toggled::False)
    );
    h.get_by_label("Dark theme").click();
    h.run();
    assert!(h.state().dark);
    if h.query_by_label("Dark theme").is_none() {
        h.get_by_label("View").click();
        h.run();
    }
    assert_eq!(
        h.get_by_label("Dark theme").accesskit_node().toggled(),
        Some(Toggled::True)
    );
}
