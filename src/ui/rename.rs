//! Inline rename (F2 or a double-click on the canvas): a text field over the zone's title, the
//! asset's chip or the conduit's label, the old name selected. Enter or a click elsewhere
//! commits it as one undo step, Esc cancels.

use super::{DesignerApp, Intent};
use crate::command::Action;
use crate::model::{AssetParent, ElementRef, Project, layout};
use egui::text::{CCursor, CCursorRange};
use egui::{Rect, pos2, vec2};

/// The element being renamed and the text typed so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenameState {
    pub editing: Option<(ElementRef, String)>,
    /// The field takes the keyboard (with its text selected) on its first frame.
    focus_pending: bool,
}

impl RenameState {
    pub fn is_open(&self) -> bool {
        self.editing.is_some()
    }
}

/// The one zone, asset or conduit selected, if that is the whole selection.
pub(super) fn renameable(app: &DesignerApp) -> Option<ElementRef> {
    let mut it = app.selection.iter();
    match (it.next(), it.next()) {
        (Some(e), None) if !matches!(e, ElementRef::Project) => Some(*e),
        _ => None,
    }
}

/// Where the name of `e` is drawn, in scene coordinates: the zone's header, the asset's chip,
/// the conduit's label.
fn name_rect_in_scene(p: &Project, e: ElementRef) -> Option<Rect> {
    match e {
        ElementRef::Zone(id) => {
            let r = p.zone(id)?.rect;
            Some(Rect::from_min_size(
                pos2(r.x + 8.0, r.y + 8.0),
                vec2((r.w - 16.0).max(40.0), 28.0),
            ))
        }
        ElementRef::Asset(id) => match p.asset(id)?.1 {
            AssetParent::Zone(z) => {
                let zone = p.zone(z)?;
                let index = zone.assets.iter().position(|a| a.id == id)?;
                let chips = layout::asset_chips(&zone.rect, zone.assets.len());
                let s = chips.slots.get(index).copied().unwrap_or(zone.rect);
                Some(Rect::from_min_size(pos2(s.x, s.y), vec2(s.w, s.h)))
            }
            AssetParent::Conduit(c) => name_rect_in_scene(p, ElementRef::Conduit(c)),
        },
        ElementRef::Conduit(id) => {
            let index = p.conduit_index(id)?;
            let c = &p.conduits[index];
            let (a, b) = (p.zone(c.from)?.rect, p.zone(c.to)?.rect);
            let lane = layout::conduit_lanes(p).get(index).copied().unwrap_or(0.0);
            let ((x0, y0), (x1, y1)) = layout::conduit_segment(&a, &b, lane);
            let mid = pos2(x0 + (x1 - x0) * 0.55, y0 + (y1 - y0) * 0.55);
            Some(Rect::from_center_size(mid, vec2(220.0, 24.0)))
        }
        ElementRef::Project => None,
    }
}

impl DesignerApp {
    /// Opens the rename field on `e` (F2, double-click).
    pub(crate) fn begin_rename(&mut self, e: ElementRef) {
        let Some(doc) = &self.doc else { return };
        let exists = match e {
            ElementRef::Zone(id) => doc.project.zone(id).is_some(),
            ElementRef::Asset(id) => doc.project.asset(id).is_some(),
            ElementRef::Conduit(id) => doc.project.conduit(id).is_some(),
            ElementRef::Project => false,
        };
        if !exists {
            return;
        }
        let name = doc.project.element_name(e);
        self.rename = RenameState {
            editing: Some((e, name)),
            focus_pending: true,
        };
    }

    /// Esc while renaming or with Find open ends that, before the shortcuts see it (egui
    /// has already taken the keyboard focus away from the field by then).
    pub(super) fn handle_field_escape(&mut self, ctx: &egui::Context) {
        if !self.rename.is_open() && !self.find.is_open() {
            return;
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            if self.rename.is_open() {
                self.rename = RenameState::default();
                self.status = Some("Rename cancelled.".into());
            } else {
                self.find.close();
            }
        }
    }

    /// The rename field, while one is open.
    pub(super) fn rename_ui(&mut self, ctx: &egui::Context) {
        let Some((element, _)) = &self.rename.editing else {
            return;
        };
        let element = *element;
        let Some(scene_rect) = self
            .doc
            .as_ref()
            .and_then(|d| name_rect_in_scene(&d.project, element))
        else {
            self.rename = RenameState::default();
            return;
        };
        let min = self
            .canvas
            .scene_to_screen(scene_rect.min.x, scene_rect.min.y);
        let max = self
            .canvas
            .scene_to_screen(scene_rect.max.x, scene_rect.max.y);
        let width = (max.x - min.x).max(160.0);
        let id = egui::Id::new("zw-rename-field");
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        let enter = ctx.input(|i| i.key_pressed(egui::Key::Enter));
        let focus_pending = std::mem::take(&mut self.rename.focus_pending);
        let mut finished = false;
        egui::Area::new(egui::Id::new("zw-rename"))
            .order(egui::Order::Foreground)
            .fixed_pos(min)
            .show(ctx, |ui| {
                let Some((_, text)) = &mut self.rename.editing else {
                    return;
                };
                let len = text.chars().count();
                let out = egui::TextEdit::singleline(text)
                    .id(id)
                    .desired_width(width)
                    .show(ui);
                let resp = out.response;
                if focus_pending {
                    resp.request_focus();
                    let mut state = out.state;
                    state.cursor.set_char_range(Some(CCursorRange::two(
                        CCursor::new(0),
                        CCursor::new(len),
                    )));
                    state.store(ui.ctx(), id);
                } else if resp.lost_focus() || !resp.has_focus() {
                    finished = true;
                }
            });
        if !finished && !escape && !enter {
            return;
        }
        if focus_pending && !escape && !enter {
            return;
        }
        let Some((element, name)) = self.rename.editing.take() else {
            return;
        };
        self.rename = RenameState::default();
        if escape {
            self.status = Some("Rename cancelled.".into());
            return;
        }
        self.emit(Intent::Act(Action::Rename { element, name }));
    }
}
