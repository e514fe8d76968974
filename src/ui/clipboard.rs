//! Copy, cut and paste through the system clipboard: the selection goes out as clip text
//! ([`Clip`]); pasted text comes back as `egui::Event::Paste` (Ctrl+V, or Edit → Paste asking the
//! window for it) and is pasted at the pointer, into the zone under it or the selected zone.

use super::{DesignerApp, Intent};
use crate::command::Action;
use crate::command::{Clip, Placement};
use crate::model::{AssetParent, ElementRef, ZoneId};

impl DesignerApp {
    /// Puts the selection on the clipboard; returns whether anything was copied.
    pub(super) fn copy_command(&mut self, ctx: &egui::Context) -> bool {
        let Some(doc) = &self.doc else { return false };
        let (clip, left_out) = Clip::of_selection(&doc.project, &self.selection);
        if clip.is_empty() {
            self.status = Some(
                "Nothing copied: select zones or assets (a conduit goes with both its zones)."
                    .into(),
            );
            return false;
        }
        match clip.to_text() {
            Ok(text) => {
                ctx.copy_text(text);
                let mut status = format!("Copied {}.", clip.summary());
                if left_out > 0 {
                    status.push_str(&format!(
                        " {} left out: a conduit is copied with both its zones.",
                        crate::count_of(left_out, "conduit", "conduits")
                    ));
                }
                self.status = Some(status);
                true
            }
            Err(e) => {
                self.status = Some(format!("Nothing copied: {e}"));
                false
            }
        }
    }

    /// Copies the selection, then deletes it in one undo step named "Cut …".
    pub(super) fn cut_command(&mut self, ctx: &egui::Context) {
        if self.copy_command(ctx) {
            self.emit(Intent::Act(Action::CutSelection));
        }
    }

    /// Edit → Paste: asks the window for the clipboard text, which arrives as a paste event.
    pub(super) fn paste_command(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
    }

    /// The copy, cut and paste events of this frame (Ctrl+C/X/V as the window reports them),
    /// unless a text field or a dialog takes them.
    pub(super) fn handle_clipboard_events(&mut self, ctx: &egui::Context) {
        if self.doc.is_none()
            || self.modal.is_some()
            || self.command_palette.is_open()
            || ctx.text_edit_focused()
        {
            return;
        }
        let events: Vec<egui::Event> = ctx.input(|i| {
            i.events
                .iter()
                .filter(|e| {
                    matches!(
                        e,
                        egui::Event::Copy | egui::Event::Cut | egui::Event::Paste(_)
                    )
                })
                .cloned()
                .collect()
        });
        for e in events {
            match e {
                egui::Event::Copy => {
                    self.copy_command(ctx);
                }
                egui::Event::Cut => self.cut_command(ctx),
                egui::Event::Paste(text) => self.paste_text(&text, ctx),
                _ => {}
            }
        }
    }

    /// Pastes clipboard text: at the pointer when it is over the canvas (assets into the zone
    /// under it), else beside where the elements were (assets into the selected zone).
    pub(crate) fn paste_text(&mut self, text: &str, ctx: &egui::Context) {
        let clip = match Clip::parse(text) {
            Ok(c) => c,
            Err(message) => {
                self.status = Some(message);
                return;
            }
        };
        let pointer_in_scene = ctx
            .input(|i| i.pointer.latest_pos())
            .filter(|p| self.canvas.screen_rect().contains(*p))
            .filter(|p| {
                ctx.layer_id_at(*p)
                    .is_none_or(|l| l.order == egui::Order::Background)
            })
            .map(|p| self.canvas.screen_to_scene(p));
        let placement = match pointer_in_scene {
            Some(p) => Placement::At((p.x, p.y)),
            None => Placement::Beside,
        };
        let into = pointer_in_scene
            .and_then(|p| self.zone_at_in_scene(p))
            .or_else(|| self.selected_zone());
        self.emit(Intent::Act(Action::Paste {
            clip: Box::new(clip),
            placement,
            into,
        }));
    }

    /// The topmost zone containing the scene point.
    fn zone_at_in_scene(&self, p: egui::Pos2) -> Option<ZoneId> {
        let doc = self.doc.as_ref()?;
        doc.project
            .zones
            .iter()
            .rev()
            .find(|z| z.rect.contains(p.x, p.y))
            .map(|z| z.id)
    }

    /// The zone selected, or the zone of the asset selected (the first of either).
    fn selected_zone(&self) -> Option<ZoneId> {
        let doc = self.doc.as_ref()?;
        self.selection.iter().find_map(|e| match *e {
            ElementRef::Zone(z) => Some(z),
            ElementRef::Asset(a) => match doc.project.asset(a)?.1 {
                AssetParent::Zone(z) => Some(z),
                AssetParent::Conduit(_) => None,
            },
            _ => None,
        })
    }
}
