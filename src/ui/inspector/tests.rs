use super::*;
use crate::catalog::Catalog;
use crate::command::Action;
use crate::ui::{Document, Intent};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::BTreeSet;

/// The inspector over one document and selection; every intent it pushes is kept.
struct Panel {
    doc: Document,
    selection: BTreeSet<ElementRef>,
    state: InspectorState,
    pushed: Intents,
}

fn panel(selection: Vec<ElementRef>) -> Harness<'static, Panel> {
    let text = crate::samples::find("refinery").map(|s| s.text);
    let project = crate::file::from_str(text.unwrap_or_default());
    assert!(project.is_ok(), "{project:?}");
    let project = project.unwrap_or_default();
    let doc = Document::new(project, None, Catalog::embedded());
    Harness::builder()
        .with_size(egui::vec2(420.0, 2400.0))
        .build_ui_state(
            |ui, p: &mut Panel| {
                let view = View {
                    doc: &p.doc,
                    selection: &p.selection,
                    catalog: Catalog::embedded(),
                    dark: false,
                    presentation: false,
                };
                inspector_ui(view, &mut p.state, &mut p.pushed, ui);
            },
            Panel {
                doc,
                selection: selection.into_iter().collect(),
                state: InspectorState::default(),
                pushed: Intents::new(),
            },
        )
}

/// Frames without input push no edit: the forms build an edit only when a field changed.
#[test]
fn drawing_a_form_without_input_pushes_nothing() {
    let doc = panel(Vec::new());
    let p = &doc.state().doc.project;
    let zone = p.zones.first().map(|z| ElementRef::Zone(z.id));
    let conduit = p.conduits.first().map(|c| ElementRef::Conduit(c.id));
    let asset = p.all_assets().next().map(|(a, _)| ElementRef::Asset(a.id));
    let (Some(zone), Some(conduit), Some(asset)) = (zone, conduit, asset) else {
        panic!("the sample has zones, conduits and assets");
    };
    for (selection, heading) in [
        (vec![], "Project"),
        (vec![zone], "Zone "),
        (vec![conduit], "Conduit "),
        (vec![asset], "Asset "),
        (vec![zone, conduit], "2 items selected"),
    ] {
        let mut h = panel(selection.clone());
        h.run();
        h.run();
        assert!(
            h.query_all_by_label_contains(heading).next().is_some(),
            "{selection:?}: the form is drawn"
        );
        let edits: Vec<&Intent> = h
            .state()
            .pushed
            .iter()
            .filter(|i| !matches!(i, Intent::SealEdit))
            .collect();
        assert!(edits.is_empty(), "{selection:?}: {edits:?}");
    }
}

/// Clicks the text field right under the label `label`.
fn click_field_under(h: &mut Harness<'static, Panel>, label: &str) {
    let below = h.get_by_label(label).rect().bottom();
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|n| n.rect().top() >= below - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .map(|n| n.rect().center());
    let Some(at) = field else {
        panic!("a field under {label}")
    };
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

#[test]
fn typing_in_an_asset_field_replaces_the_asset_under_one_key_per_field() {
    let probe = panel(Vec::new());
    let Some((asset, _)) = probe.state().doc.project.all_assets().next() else {
        panic!("the sample has assets");
    };
    let (id, tag) = (asset.id, asset.tag.clone());
    let mut h = panel(vec![ElementRef::Asset(id)]);
    h.run();
    click_field_under(&mut h, "Tag");
    h.event(egui::Event::Text("x".into()));
    h.run();
    let edits: Vec<(String, Option<String>, String)> = h
        .state()
        .pushed
        .iter()
        .filter_map(|i| match i {
            Intent::Act(Action::Form {
                label,
                form,
                merge_key,
            }) => match form.as_ref() {
                crate::command::form::FormAction::Asset(a) => {
                    Some((label.clone(), merge_key.clone(), a.tag.clone()))
                }
                other => panic!("{other:?}"),
            },
            _ => None,
        })
        .collect();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let (label, key, new_tag) = &edits[0];
    assert!(label.ends_with(" tag"), "{label}");
    assert_eq!(key.as_deref(), Some(format!("asset.{}.1", id.0).as_str()));
    assert_eq!(new_tag, &format!("{tag}x"));
}

/// An asset with a valid IEC 62443-4-2 certificate shows it as the source of its SL-C, and so
/// does the levels table of its zone.
#[test]
fn the_inspector_shows_the_certificate_as_the_sl_c_source() {
    let probe = panel(Vec::new());
    let p = &probe.state().doc.project;
    let Some((asset, parent)) = p.all_assets().find(|(a, _)| a.certificate.is_some()) else {
        panic!("the refinery has a certified asset");
    };
    let (id, parent) = (asset.id, parent);
    let mut h = panel(vec![ElementRef::Asset(id)]);
    h.run();
    assert!(h.query_by_label_contains("from certificate").is_some());
    assert!(
        h.query_by_label_contains("IEC 62443-4-2 product certificate")
            .is_some()
    );
    let crate::model::AssetParent::Zone(z) = parent else {
        panic!("the certified asset sits in a zone")
    };
    let mut h = panel(vec![ElementRef::Zone(z)]);
    h.run();
    assert!(h.query_by_label_contains("SL-C from").is_some());
    assert!(
        h.query_by_label_contains("Component requirements for suppliers")
            .is_some()
    );
}
