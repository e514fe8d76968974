//! A user's session on the real designer, counted: every click, drag, key chord or typed
//! string is one action, recorded by name (the counted tasks `workshop.rs` and
//! `brownfield.rs` add their own steps to it).

use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zonewright::ui::DesignerApp;

/// The app and the count of what the user did.
pub struct Session {
    pub h: Harness<'static, DesignerApp>,
    pub actions: Vec<String>,
}

impl Session {
    pub fn new(h: Harness<'static, DesignerApp>) -> Self {
        Session {
            h,
            actions: Vec::new(),
        }
    }

    pub fn act(&mut self, what: impl Into<String>) {
        self.actions.push(what.into());
    }

    pub fn click_at(&mut self, what: &str, pos: Pos2) {
        self.act(format!("click {what}"));
        super::click_at(&mut self.h, pos);
        // a click can start a background read (Browse… in the import dialog) whose result
        // arrives between frames and lays the dialog out again: let it settle, a few runs at
        // most, rather than failing on the first run that needs more steps
        for _ in 0..10 {
            if self.h.try_run().is_ok() {
                break;
            }
        }
    }

    /// Clicks the widget labelled `label` (the last one, when several carry it: popups and
    /// menus are drawn last).
    pub fn click_label(&mut self, label: &str) {
        let pos = self
            .h
            .get_all_by_label(label)
            .last()
            .map(|n| n.rect().center())
            .unwrap_or_else(|| panic!("a widget labelled {label:?}"));
        self.click_at(label, pos);
    }

    pub fn drag(&mut self, what: &str, from: Pos2, to: Pos2) {
        self.act(format!("drag {what}"));
        super::drag(&mut self.h, from, to);
    }

    pub fn key(&mut self, modifiers: Modifiers, key: Key) {
        let ctrl = if modifiers.command { "Ctrl+" } else { "" };
        self.act(format!("key {ctrl}{}", key.name()));
        self.h.key_press_modifiers(modifiers, key);
        self.h.run();
    }

    pub fn type_text(&mut self, text: &str) {
        self.act(format!("type {text:?}"));
        self.h.event(Event::Text(text.to_owned()));
        self.h.run();
    }
}
