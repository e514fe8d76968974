//! Copy, cut and paste in the real designer (egui_kittest): the text the app puts on the
//! clipboard is pasted back as the window would deliver it (`Event::Paste`), in the same
//! designer and in a second one; undo; text that is no clip; select all.

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use zonewright::model::ElementRef;
use zonewright::ui::{DesignerApp, Intent};

use crate::common;
use common::{harness_with, project, zone_named};

fn designer_with(sample: &str) -> Harness<'static, DesignerApp> {
    let mut h = harness_with(Vec::new());
    h.run();
    h.state_mut().open_sample(sample);
    h.run();
    h
}

fn select(h: &mut Harness<'_, DesignerApp>, items: Vec<ElementRef>) {
    h.state_mut().apply_intent(Intent::Select(items));
    h.run();
}

/// Sends the window's copy (or cut) event and returns the text the designer put on the
/// clipboard in that frame.
fn copied(h: &mut Harness<'_, DesignerApp>, event: Event) -> String {
    h.event(event);
    h.step();
    let text = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("the designer copied text");
    h.run();
    text
}

/// A free spot on the canvas, on screen.
fn empty_canvas_point(h: &Harness<'_, DesignerApp>) -> Pos2 {
    let r = h.state().canvas.screen_rect();
    let p = project(h);
    (1..40)
        .flat_map(|i| (1..40).map(move |j| (i, j)))
        .map(|(i, j)| r.min + egui::vec2(r.width() * i as f32 / 40.0, r.height() * j as f32 / 40.0))
        .find(|s| {
            let q = h.state().canvas.screen_to_scene(*s);
            !p.zones.iter().any(|z| {
                z.rect.contains(q.x, q.y)
                    || z.rect.contains(q.x - 300.0, q.y - 200.0)
                    || z.rect.contains(q.x + 300.0, q.y + 200.0)
            })
        })
        .expect("some empty canvas")
}

fn undo(h: &mut Harness<'_, DesignerApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

#[test]
fn copy_a_zone_paste_it_at_the_pointer_and_undo() {
    let mut h = designer_with("refinery");
    let before = project(&h).clone();
    let bpcs = zone_named(&h, "BPCS");
    select(&mut h, vec![ElementRef::Zone(bpcs)]);
    let text = copied(&mut h, Event::Copy);
    assert!(text.starts_with("ZonewrightClip("), "{}", &text[..60]);
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.starts_with("Copied 1 zone"), "{status}");

    let at = empty_canvas_point(&h);
    h.event(Event::PointerMoved(at));
    h.step();
    h.event(Event::Paste(text));
    h.run();
    let after = project(&h).clone();
    assert_eq!(after.zones.len(), before.zones.len() + 1);
    let original = before.zone(bpcs).expect("BPCS");
    let copy = after.zones.last().expect("the copy");
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.name, format!("{} 2", original.name));
    assert_eq!(copy.assets.len(), original.assets.len());
    let at_in_scene = h.state().canvas.screen_to_scene(at);
    let (cx, cy) = copy.rect.center();
    assert!(
        (cx - at_in_scene.x).abs() <= 1.0 && (cy - at_in_scene.y).abs() <= 1.0,
        "lands at the pointer: {:?} vs {at_in_scene:?}",
        (cx, cy)
    );
    let tags: Vec<&str> = after
        .all_assets()
        .map(|(a, _)| a.tag.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let unique: std::collections::HashSet<&&str> = tags.iter().collect();
    assert_eq!(unique.len(), tags.len(), "no two assets share a tag");
    assert_eq!(
        h.state().selection,
        [ElementRef::Zone(copy.id)].into_iter().collect()
    );
    let label = h
        .state()
        .doc
        .as_ref()
        .and_then(|d| d.history.undo_label().map(str::to_owned));
    assert_eq!(
        label.as_deref(),
        Some(
            format!(
                "Paste 1 zone, {}",
                zonewright::count_of(original.assets.len(), "asset", "assets")
            )
            .as_str()
        )
    );
    undo(&mut h);
    assert_eq!(project(&h), &before, "one undo step");
}

#[test]
fn cut_in_one_window_and_paste_into_another_project() {
    let mut one = designer_with("refinery");
    let before = project(&one).clone();
    let bpcs = zone_named(&one, "BPCS");
    let sis = zone_named(&one, "SIS");
    let between: Vec<ElementRef> = before
        .conduits
        .iter()
        .filter(|c| (c.from == bpcs && c.to == sis) || (c.from == sis && c.to == bpcs))
        .map(|c| ElementRef::Conduit(c.id))
        .collect();
    let mut items = vec![ElementRef::Zone(bpcs), ElementRef::Zone(sis)];
    items.extend(between.iter().copied());
    select(&mut one, items);
    let text = copied(&mut one, Event::Cut);
    assert_eq!(project(&one).zones.len(), before.zones.len() - 2);
    undo(&mut one);
    assert_eq!(project(&one), &before, "cut is one undo step");

    let mut two = designer_with("water");
    let zones = project(&two).zones.len();
    let conduits = project(&two).conduits.len();
    // the pointer away from the canvas: beside where the zones were, overlapping nothing
    two.event(Event::PointerMoved(egui::pos2(5.0, 5.0)));
    two.step();
    two.event(Event::Paste(text));
    two.run();
    let p = project(&two);
    assert_eq!(p.zones.len(), zones + 2);
    assert_eq!(p.conduits.len(), conduits + between.len());
    let pasted = &p.zones[zones..];
    for z in pasted {
        for other in &p.zones[..zones] {
            let (a, b) = (z.rect, other.rect);
            let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            assert!(!overlap, "{} overlaps {}", z.name, other.name);
        }
    }
}

#[test]
fn assets_paste_into_the_selected_zone() {
    let mut h = designer_with("refinery");
    let bpcs = zone_named(&h, "BPCS");
    let sis = zone_named(&h, "SIS");
    let asset = project(&h).zone(bpcs).expect("BPCS").assets[0].clone();
    select(&mut h, vec![ElementRef::Asset(asset.id)]);
    let text = copied(&mut h, Event::Copy);
    select(&mut h, vec![ElementRef::Zone(sis)]);
    let count = project(&h).zone(sis).expect("SIS").assets.len();
    h.event(Event::PointerMoved(egui::pos2(5.0, 5.0)));
    h.step();
    h.event(Event::Paste(text));
    h.run();
    let zone = project(&h).zone(sis).expect("SIS");
    assert_eq!(zone.assets.len(), count + 1);
    let copy = zone.assets.last().expect("copy");
    assert_eq!(copy.component, asset.component);
    assert_ne!(copy.tag, asset.tag);
    assert_ne!(copy.name, asset.name);
}

#[test]
fn text_that_is_no_clip_changes_nothing_and_says_so() {
    let mut h = designer_with("refinery");
    let before = project(&h).clone();
    for text in [
        "just some words",
        "ZonewrightClip(version: 1, zones: [(id: 1",
    ] {
        h.event(Event::Paste(text.to_owned()));
        h.run();
        assert_eq!(project(&h), &before);
        let status = h.state().status.clone().unwrap_or_default();
        assert!(
            status.contains("nothing pasted") || status.contains("no zonewright"),
            "{status}"
        );
    }
}

#[test]
fn select_all_selects_zones_and_conduits() {
    let mut h = designer_with("refinery");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let p = project(&h);
    let zones = h
        .state()
        .selection
        .iter()
        .filter(|e| matches!(e, ElementRef::Zone(_)))
        .count();
    let conduits = h
        .state()
        .selection
        .iter()
        .filter(|e| matches!(e, ElementRef::Conduit(_)))
        .count();
    assert_eq!((zones, conduits), (p.zones.len(), p.conduits.len()));
}
