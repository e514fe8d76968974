use super::*;
use crate::model::{ElementRef, ZoneId};
use crate::ui::dialogs::{RecentFiles, ScriptedDialogs};
use std::collections::HashSet;

fn designer() -> (DesignerApp, egui::Context) {
    let ctx = egui::Context::default();
    let app = DesignerApp::new(
        &ctx,
        Box::new(ScriptedDialogs::default()),
        RecentFiles::in_memory(),
    );
    (app, ctx)
}

#[test]
fn enabled_follows_the_document_the_selection_and_the_history() {
    let (mut app, ctx) = designer();
    assert!(UiCommand::New.enabled(&app) && UiCommand::CommandPalette.enabled(&app));
    for c in [
        UiCommand::Save,
        UiCommand::Undo,
        UiCommand::Delete,
        UiCommand::ZoomToFit,
    ] {
        assert!(!c.enabled(&app), "{c:?} needs a document");
    }
    app.open_sample("refinery");
    let nudge = UiCommand::Nudge {
        direction: Direction::Right,
        fine: true,
    };
    assert!(UiCommand::Save.enabled(&app));
    assert!(!UiCommand::Undo.enabled(&app) && !UiCommand::Delete.enabled(&app));
    assert!(!nudge.enabled(&app), "nothing selected");
    app.apply_intent(Intent::Select(vec![ElementRef::Zone(ZoneId(1))]));
    assert!(UiCommand::Delete.enabled(&app) && nudge.enabled(&app));
    let x = |app: &DesignerApp| {
        app.doc
            .as_ref()
            .and_then(|d| d.project.zone(ZoneId(1)))
            .map(|z| z.rect.x)
    };
    let before = x(&app);
    assert!(app.run_command(nudge, &ctx));
    app.apply_intents();
    assert_eq!(x(&app), before.map(|v| v + NUDGE_FINE_STEP));
    assert!(UiCommand::Undo.enabled(&app) && !UiCommand::Redo.enabled(&app));
    assert_eq!(
        UiCommand::Undo.menu_text(&app),
        format!(
            "Undo Move zone {}",
            app.doc
                .as_ref()
                .map(|d| d.project.element_name(ElementRef::Zone(ZoneId(1))))
                .unwrap_or_default()
        )
    );
    app.run_command(UiCommand::Undo, &ctx);
    app.apply_intents();
    assert_eq!(x(&app), before);
    assert!(
        !app.run_command(UiCommand::Undo, &ctx),
        "a disabled command does not run"
    );
}

#[test]
fn no_two_commands_share_a_shortcut() {
    let mut seen = HashSet::new();
    for c in UiCommand::all() {
        for s in c.shortcuts() {
            assert!(
                seen.insert((s.modifiers, s.logical_key)),
                "{} is bound twice ({c:?})",
                shortcut_text(s)
            );
        }
    }
}

#[test]
fn every_command_has_text_and_a_tooltip_and_appears_once() {
    let all = UiCommand::all();
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len());
    let texts: HashSet<String> = all.iter().map(|c| c.text()).collect();
    assert_eq!(texts.len(), all.len(), "palette rows are distinguishable");
    for c in all {
        assert!(!c.text().is_empty() && !c.tooltip().is_empty(), "{c:?}");
    }
}

#[test]
fn nudges_are_bound_to_plain_and_shifted_arrows() {
    let plain = UiCommand::Nudge {
        direction: Direction::Left,
        fine: false,
    };
    let fine = UiCommand::Nudge {
        direction: Direction::Left,
        fine: true,
    };
    assert_eq!(plain.shortcuts(), &[sc(NONE, Key::ArrowLeft)]);
    assert_eq!(fine.shortcuts(), &[sc(SHIFT, Key::ArrowLeft)]);
    assert_eq!(shortcut_text(&fine.shortcuts()[0]), "Shift+Left");
}

/// The README's list of shortcuts is the table's.
#[test]
fn readme_lists_every_shortcut_of_the_table() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("<!-- shortcuts:start -->")
        .expect("shortcut list start marker in README");
    let end = readme
        .find("<!-- shortcuts:end -->")
        .expect("shortcut list end marker in README");
    let listed = &readme[start..end];
    assert_eq!(
        listed.trim_start_matches("<!-- shortcuts:start -->").trim(),
        readme_shortcut_table().trim(),
        "README shortcut list differs from the command table; paste:\n{}",
        readme_shortcut_table()
    );
}

/// The README table generated from the commands.
fn readme_shortcut_table() -> String {
    let mut out = String::from("| Shortcut | Command |\n|---|---|\n");
    for c in UiCommand::all() {
        if c.shortcuts().is_empty() {
            continue;
        }
        let keys: Vec<String> = c
            .shortcuts()
            .iter()
            .map(|s| format!("`{}`", shortcut_text(s)))
            .collect();
        out.push_str(&format!("| {} | {} |\n", keys.join(", "), c.text()));
    }
    out
}
