//! Form defects fixed in issue 13, driven through the real designer: the revision history's
//! fields are wide enough for their content and stay inside the inspector; the levels table
//! says how far a partly assessed FR has got instead of showing a red gap.

use crate::common;

use egui_kittest::kittest::{Queryable, by};
use zonewright::model::{ElementRef, RequirementAssessment, Status};
use zonewright::ui::Intent;

#[test]
fn revision_fields_fit_their_content_inside_the_inspector() {
    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("refinery");
    h.run();
    h.run();
    // the last text input with this value: the title block's date comes first
    let field = |value: &str| {
        h.query_all(by().value(value).role(egui::accesskit::Role::TextInput))
            .map(|n| n.rect())
            .max_by(|a, b| a.top().total_cmp(&b.top()))
            .expect("the field is shown")
    };
    let date = field("2026-10-14");
    let author = field("Łukasz Wójcik, Jörg Meißner");
    let window = h.ctx.content_rect();
    assert!(date.width() >= 90.0, "date field {date:?}");
    assert!(author.width() >= 180.0, "author field {author:?}");
    assert!(
        author.right() <= window.right(),
        "inside the window: {author:?}"
    );
    // the inspector is the right panel: the fields start in its half of the window
    assert!(date.left() > window.center().x, "{date:?}");
}

#[test]
fn a_partly_assessed_fr_says_how_far_it_has_got() {
    let mut h = common::harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample("water");
    h.run();
    // a zone with SL-T and nothing assessed in FR 1: mark one item met
    let (zone, label) = {
        let d = h.state().doc.as_ref().expect("doc");
        let z = d
            .project
            .zones
            .iter()
            .find(|z| z.sl_t.is_some() && !z.requirements.keys().any(|k| k.starts_with("SR 1.")))
            .expect("a zone with nothing assessed in FR 1");
        let mut n = z.clone();
        n.requirements.insert(
            "SR 1.1".into(),
            RequirementAssessment {
                status: Status::Met,
                ..Default::default()
            },
        );
        (z.id, n)
    };
    h.state_mut()
        .apply_intent(Intent::Act(zonewright::command::Action::Form {
            label: "Set SR 1.1 met".into(),
            form: Box::new(zonewright::command::form::FormAction::Zone(label)),
            merge_key: None,
        }));
    h.state_mut()
        .apply_intent(Intent::Select(vec![ElementRef::Zone(zone)]));
    h.run();
    h.run();
    let p = {
        let d = h.state().doc.as_ref().expect("doc");
        d.assessment
            .element(&d.project, ElementRef::Zone(zone))
            .expect("assessed")
            .progress[0]
    };
    assert!(p.assessed == 1 && p.applicable > 1, "{p:?}");
    // the SL-A cell of FR 1 reads "1/13", not a red "0"
    assert!(
        h.query_by_label(&format!("1/{}", p.applicable)).is_some(),
        "the FR 1 SL-A cell shows the progress"
    );
    assert!(h.query_by_label_contains("Still missing:").is_some());
}
