//! The one place where intents change the designer: document-changing intents are planned by
//! [`crate::command::plan`] and applied as one undo step each; the selection is written here and
//! nowhere else.

use super::{DesignerApp, Intent};
use crate::command::{Action, NoPlan, Plan, plan};
use crate::model::ElementRef;

impl DesignerApp {
    /// Queues an intent to be applied at the end of the frame.
    pub fn emit(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// Applies every queued intent.
    pub fn apply_intents(&mut self) {
        let intents = std::mem::take(&mut self.intents);
        for intent in intents {
            self.apply_intent(intent);
        }
        if let Some(doc) = &mut self.doc {
            doc.refresh(self.catalog);
            // drop selected elements that no longer exist (after undo or delete)
            let p = &doc.project;
            self.selection.retain(|e| match *e {
                ElementRef::Zone(id) => p.zone(id).is_some(),
                ElementRef::Conduit(id) => p.conduit(id).is_some(),
                ElementRef::Asset(id) => p.asset(id).is_some(),
                ElementRef::Project => false,
            });
        }
    }

    /// Replaces the selection: the only writer of [`DesignerApp::selection`] besides pruning
    /// elements that no longer exist.
    pub(super) fn select(&mut self, items: impl IntoIterator<Item = ElementRef>) {
        self.selection = items.into_iter().collect();
    }

    /// Applies a plan as one undo step, then its selection.
    fn apply_plan(&mut self, plan: Plan) {
        let Some(doc) = &mut self.doc else { return };
        match doc
            .history
            .apply_merging(&mut doc.project, plan.label, plan.edit, plan.merge_key)
        {
            Ok(()) => {
                if let Some(selection) = plan.selection_after {
                    self.select(selection);
                }
            }
            Err(e) => self.status = Some(format!("Not changed: {e}")),
        }
    }

    /// Plans `action` against the open document and applies it.
    pub(super) fn plan_and_apply(&mut self, action: Action) {
        let Some(doc) = &self.doc else { return };
        match plan(&action, &doc.project, &self.selection, self.catalog) {
            Ok(p) => self.apply_plan(p),
            Err(NoPlan::Nothing) => {}
            Err(NoPlan::Refused(why)) => self.status = Some(why),
        }
    }

    /// Carries out one intent (tests call this directly; views go through [`Self::emit`]).
    pub fn apply_intent(&mut self, intent: Intent) {
        let action = match intent {
            Intent::Select(items) => {
                self.select(items);
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
                return;
            }
            Intent::SelectAll => {
                let all: Vec<ElementRef> = match &self.doc {
                    Some(d) => d
                        .project
                        .zones
                        .iter()
                        .map(|z| ElementRef::Zone(z.id))
                        .chain(d.project.conduits.iter().map(|c| ElementRef::Conduit(c.id)))
                        .collect(),
                    None => return,
                };
                self.apply_intent(Intent::Select(all));
                return;
            }
            Intent::ToggleSelect(item) => {
                let mut next = self.selection.clone();
                if !next.remove(&item) {
                    next.insert(item);
                }
                self.select(next);
                return;
            }
            Intent::Status(s) => {
                self.status = Some(s);
                return;
            }
            Intent::FocusElement(e) => {
                self.select([e]);
                if let Some(doc) = &self.doc
                    && let Some(z) = super::zone_to_expand(&doc.project, e)
                {
                    self.canvas.expanded.insert(z);
                }
                if let Some(doc) = &self.doc
                    && let Some(r) = super::focus_rect(&doc.project, e)
                {
                    // an asset at a zoom where its chip's name reads; anything else whole
                    self.canvas
                        .bring_into_view(r, matches!(e, ElementRef::Asset(_)));
                }
                return;
            }
            Intent::Undo => {
                self.undo_or_redo(true);
                return;
            }
            Intent::Redo => {
                self.undo_or_redo(false);
                return;
            }
            Intent::SealEdit => {
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
                return;
            }
            Intent::Edit {
                label,
                edit,
                merge_key,
            } => Action::Edit {
                label,
                edit,
                merge_key,
            },
            Intent::CreateZone { kind, center } => Action::CreateZone { kind, center },
            Intent::CreateAsset {
                zone,
                component,
                index,
            } => Action::CreateAsset {
                zone,
                component,
                index,
            },
            Intent::CreateConduit { from, to } => Action::CreateConduit { from, to },
            Intent::MoveZones { ids, dx, dy } => Action::MoveZones { ids, dx, dy },
            Intent::ResizeZone { id, rect } => Action::ResizeZone { id, rect },
            Intent::MoveAsset { id, to, index } => Action::MoveAsset { id, to, index },
            Intent::DeleteSelection => Action::DeleteSelection,
            Intent::DuplicateSelection => Action::DuplicateSelection,
            Intent::Nudge { dx, dy } => Action::Nudge { dx, dy },
            Intent::Paste {
                clip,
                placement,
                into,
            } => Action::Paste {
                clip,
                placement,
                into,
            },
            Intent::CutSelection => Action::CutSelection,
            Intent::Rename { element, name } => Action::Rename { element, name },
            Intent::BeginRename(e) => {
                self.begin_rename(e);
                return;
            }
            Intent::Bulk(b) => Action::Bulk(b),
            Intent::Risk(r) => Action::Risk(r),
            Intent::Flow(f) => Action::Flow(f),
            Intent::Traffic(t) => Action::Traffic(t),
        };
        self.plan_and_apply(action);
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(doc) = &mut self.doc else { return };
        let (label, result) = if undo {
            let label = doc.history.undo_label().map(str::to_owned);
            (label, doc.history.undo(&mut doc.project))
        } else {
            let label = doc.history.redo_label().map(str::to_owned);
            (label, doc.history.redo(&mut doc.project))
        };
        let verb = if undo { "Undid" } else { "Redid" };
        match result {
            Ok(true) => self.status = label.map(|l| format!("{verb}: {l}")),
            Ok(false) => {}
            Err(e) => {
                let verb = if undo { "undo" } else { "redo" };
                self.status = Some(format!("Cannot {verb}: {e}"));
            }
        }
    }

    /// Presentation mode: side panels hidden, labels enlarged, the plant fitted to the window.
    pub fn toggle_presentation(&mut self) {
        // F5 is a request to show the plant to a room: entering fits it to the screen; leaving
        // keeps the view where it is (the side panels return around it)
        self.presentation = !self.presentation;
        if self.presentation {
            self.canvas.request_fit();
        }
    }
}
