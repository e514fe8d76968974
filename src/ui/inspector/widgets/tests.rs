use super::*;
use crate::command::Action;
use crate::edit::History;
use crate::model::Project;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The project title in one shared text field, and a button to move the focus to; the intents
/// are carried out the way the designer does.
struct Form {
    project: Project,
    history: History,
    multiline: bool,
}

fn harness(multiline: bool) -> Harness<'static, Form> {
    Harness::new_ui_state(
        |ui, form: &mut Form| {
            let mut out = Intents::new();
            let meta = &form.project.meta;
            TextField::labelled("Title", &meta.title)
                .multiline(form.multiline)
                .edit_ui(ui, &mut out, "meta.title".into(), |title| {
                    let mut m = meta.clone();
                    m.title = title;
                    ("Edit title".into(), FormAction::Meta(m))
                });
            let _ = ui.button("Elsewhere");
            for intent in out {
                match intent {
                    Intent::Act(Action::Form {
                        label,
                        form: change,
                        merge_key,
                    }) => {
                        let plan = crate::command::form::plan(
                            &change,
                            &label,
                            merge_key.as_ref(),
                            &form.project,
                        )
                        .expect("a plan");
                        let applied = form.history.apply_merging(
                            &mut form.project,
                            plan.label,
                            plan.edit,
                            plan.merge_key,
                        );
                        assert!(applied.is_ok(), "{applied:?}");
                    }
                    Intent::SealEdit => form.history.seal(),
                    other => panic!("unexpected {other:?}"),
                }
            }
        },
        Form {
            project: Project::default(),
            history: History::default(),
            multiline,
        },
    )
}

fn role(multiline: bool) -> Role {
    if multiline {
        Role::MultilineTextInput
    } else {
        Role::TextInput
    }
}

/// Clicks into the field and types `text` a character a frame (each one an edit).
fn type_into(h: &mut Harness<'static, Form>, text: &str) {
    let multiline = h.state().multiline;
    h.get_by_role(role(multiline)).click();
    h.run();
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
}

fn leave(h: &mut Harness<'static, Form>) {
    h.get_by_label("Elsewhere").click();
    h.run();
}

fn title(h: &Harness<'static, Form>) -> String {
    h.state().project.meta.title.clone()
}

fn undo(h: &mut Harness<'static, Form>) {
    let form = h.state_mut();
    let undone = form.history.undo(&mut form.project);
    assert_eq!(undone, Ok(true));
}

#[test]
fn typing_then_leaving_the_field_is_one_undo_step() {
    let mut h = harness(false);
    h.run();
    type_into(&mut h, "abc");
    leave(&mut h);
    assert_eq!(title(&h), "abc");
    assert_eq!(h.state().history.undo_label(), Some("Edit title"));
    undo(&mut h);
    assert_eq!(title(&h), "");
    assert!(!h.state().history.can_undo(), "one step for three letters");
}

#[test]
fn an_edit_after_the_field_lost_focus_is_a_new_step() {
    let mut h = harness(false);
    h.run();
    type_into(&mut h, "abc");
    leave(&mut h);
    type_into(&mut h, "d");
    leave(&mut h);
    assert_eq!(title(&h), "abcd");
    undo(&mut h);
    assert_eq!(title(&h), "abc");
    undo(&mut h);
    assert_eq!(title(&h), "");
    assert!(!h.state().history.can_undo());
}

#[test]
fn enter_in_a_multiline_field_inserts_a_line() {
    let mut h = harness(true);
    h.run();
    type_into(&mut h, "a");
    h.key_press(egui::Key::Enter);
    h.run();
    h.event(egui::Event::Text("b".into()));
    h.run();
    assert_eq!(title(&h), "a\nb");
    leave(&mut h);
    undo(&mut h);
    assert_eq!(title(&h), "", "the lines typed are one step");
}

#[test]
fn enter_in_a_single_line_field_leaves_it_and_seals_the_step() {
    let mut h = harness(false);
    h.run();
    type_into(&mut h, "a");
    h.key_press(egui::Key::Enter);
    h.run();
    type_into(&mut h, "b");
    assert_eq!(title(&h), "ab", "no line break in a single-line field");
    undo(&mut h);
    assert_eq!(title(&h), "a");
}
