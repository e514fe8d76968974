//! The Arrange commands' shortcuts, tooltips and enabled state (the planning is in
//! `command::arrange`), and the Purdue bands switch.

use super::DesignerApp;
use crate::command::arrange::{Arrangement, selected_zones};
use egui::{Key, KeyboardShortcut, Modifiers};

const CTRL_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);

const fn sc(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(CTRL_ALT, key)
}

/// Ctrl+Alt with an arrow aligns that edge; C and M the centres and middles, H and V distribute.
pub(super) fn arrange_shortcut(how: Arrangement) -> &'static [KeyboardShortcut] {
    const LEFT: [KeyboardShortcut; 1] = [sc(Key::ArrowLeft)];
    const RIGHT: [KeyboardShortcut; 1] = [sc(Key::ArrowRight)];
    const TOP: [KeyboardShortcut; 1] = [sc(Key::ArrowUp)];
    const BOTTOM: [KeyboardShortcut; 1] = [sc(Key::ArrowDown)];
    const CENTRES: [KeyboardShortcut; 1] = [sc(Key::C)];
    const MIDDLES: [KeyboardShortcut; 1] = [sc(Key::M)];
    const HORIZONTAL: [KeyboardShortcut; 1] = [sc(Key::H)];
    const VERTICAL: [KeyboardShortcut; 1] = [sc(Key::V)];
    const PURDUE: [KeyboardShortcut; 1] = [sc(Key::P)];
    match how {
        Arrangement::AlignLeft => &LEFT,
        Arrangement::AlignRight => &RIGHT,
        Arrangement::AlignTop => &TOP,
        Arrangement::AlignBottom => &BOTTOM,
        Arrangement::AlignCentres => &CENTRES,
        Arrangement::AlignMiddles => &MIDDLES,
        Arrangement::DistributeHorizontally => &HORIZONTAL,
        Arrangement::DistributeVertically => &VERTICAL,
        Arrangement::ByPurdueLevel => &PURDUE,
    }
}

pub(super) fn arrange_tooltip(how: Arrangement) -> &'static str {
    match how {
        Arrangement::AlignLeft => "Move the selected zones so their left edges line up",
        Arrangement::AlignRight => "Move the selected zones so their right edges line up",
        Arrangement::AlignTop => "Move the selected zones so their top edges line up",
        Arrangement::AlignBottom => "Move the selected zones so their bottom edges line up",
        Arrangement::AlignCentres => "Centre the selected zones on one vertical line",
        Arrangement::AlignMiddles => "Centre the selected zones on one horizontal line",
        Arrangement::DistributeHorizontally => {
            "Equal gaps between three or more selected zones, left to right"
        }
        Arrangement::DistributeVertically => {
            "Equal gaps between three or more selected zones, top to bottom"
        }
        Arrangement::ByPurdueLevel => {
            "Every zone in rows by Purdue level (Level 5 at the top, the DMZ between 4 and 3), \
             zones under the zones they have conduits to"
        }
    }
}

/// Enabled with at least two selected zones (three to distribute); by Purdue level with any
/// zone.
pub(super) fn arrange_enabled(app: &DesignerApp, how: Arrangement) -> bool {
    app.doc.as_ref().is_some_and(|d| {
        if how == Arrangement::ByPurdueLevel {
            !d.project.zones.is_empty()
        } else {
            selected_zones(&d.project, &app.selection).len() >= how.min_zones()
        }
    })
}

impl DesignerApp {
    /// View → Purdue bands: switches the project's setting (one undo step; saved with the file).
    pub(super) fn toggle_purdue_bands(&mut self) {
        let Some(doc) = &self.doc else { return };
        let on = !doc.project.meta.purdue_bands;
        self.plan_and_apply(crate::command::Action::PurdueBands(on));
    }
}
