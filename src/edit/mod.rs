//! Edit commands with an inverse, and the undo/redo history. Every change the designer makes to
//! a project goes through [`History::apply`].

use crate::model::{
    Approval, Asset, AssetId, AssetParent, Conduit, ConduitId, Meta, Project, ProjectRisk, Rect,
    Zone, ZoneId,
};
use std::fmt;

/// One change to a project. Applying it returns the edit that undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    AddZone {
        index: usize,
        zone: Zone,
    },
    /// Removes the zone and every conduit attached to it.
    RemoveZone {
        id: ZoneId,
    },
    ReplaceZone(Zone),
    /// Moves or resizes a zone; everything else about it is kept.
    SetZoneRect {
        id: ZoneId,
        rect: Rect,
    },
    AddConduit {
        index: usize,
        conduit: Conduit,
    },
    RemoveConduit {
        id: ConduitId,
    },
    ReplaceConduit(Conduit),
    AddAsset {
        parent: AssetParent,
        index: usize,
        asset: Asset,
    },
    RemoveAsset {
        id: AssetId,
    },
    ReplaceAsset(Asset),
    MoveAsset {
        id: AssetId,
        to: AssetParent,
        index: usize,
    },
    SetMeta(Meta),
    /// The risk matrix and the initial assessment.
    SetRisk(ProjectRisk),
    /// Records, replaces or withdraws the asset owner's approval.
    SetApproval(Option<Approval>),
    /// How inventory imports are set up (kept for the next import).
    SetImportSettings(Box<crate::model::ImportSettings>),
    /// The merge conflicts still to resolve.
    SetConflicts(Vec<crate::model::MergeConflict>),
    /// Keeps, replaces or removes the summary of observed traffic.
    SetTraffic(Option<Box<crate::model::traffic::ObservedTraffic>>),
    /// Applied in order; undone in reverse order.
    Batch(Vec<Edit>),
}

/// An edit that does not fit the project (a stale id): nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

fn missing(what: impl fmt::Display) -> EditError {
    EditError(format!("{what} no longer exists"))
}

fn assets_of(project: &mut Project, parent: AssetParent) -> Result<&mut Vec<Asset>, EditError> {
    match parent {
        AssetParent::Zone(id) => project
            .zone_mut(id)
            .map(|z| &mut z.assets)
            .ok_or_else(|| missing(id)),
        AssetParent::Conduit(id) => project
            .conduit_mut(id)
            .map(|c| &mut c.devices)
            .ok_or_else(|| missing(id)),
    }
}

fn locate_asset(project: &Project, id: AssetId) -> Result<(AssetParent, usize), EditError> {
    let (_, parent) = project.asset(id).ok_or_else(|| missing(id))?;
    let list = match parent {
        AssetParent::Zone(z) => &project.zone(z).ok_or_else(|| missing(z))?.assets,
        AssetParent::Conduit(c) => &project.conduit(c).ok_or_else(|| missing(c))?.devices,
    };
    let index = list
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| missing(id))?;
    Ok((parent, index))
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        match self {
            Edit::AddZone { index, zone } => {
                let id = zone.id;
                let index = index.min(project.zones.len());
                project.zones.insert(index, zone);
                Ok(Edit::RemoveZone { id })
            }
            Edit::RemoveZone { id } => {
                let index = project.zone_index(id).ok_or_else(|| missing(id))?;
                let mut undo = Vec::new();
                // conduits attached to the zone go with it; restore them after the zone
                let mut i = 0;
                let mut removed = Vec::new();
                while i < project.conduits.len() {
                    let c = &project.conduits[i];
                    if c.from == id || c.to == id {
                        removed.push((i + removed.len(), project.conduits.remove(i)));
                    } else {
                        i += 1;
                    }
                }
                let zone = project.zones.remove(index);
                undo.push(Edit::AddZone { index, zone });
                for (index, conduit) in removed {
                    undo.push(Edit::AddConduit { index, conduit });
                }
                Ok(if undo.len() == 1 {
                    undo.remove(0)
                } else {
                    Edit::Batch(undo)
                })
            }
            Edit::ReplaceZone(zone) => {
                let slot = project.zone_mut(zone.id).ok_or_else(|| missing(zone.id))?;
                Ok(Edit::ReplaceZone(std::mem::replace(slot, zone)))
            }
            Edit::SetZoneRect { id, rect } => {
                let zone = project.zone_mut(id).ok_or_else(|| missing(id))?;
                let old = std::mem::replace(&mut zone.rect, rect);
                Ok(Edit::SetZoneRect { id, rect: old })
            }
            Edit::AddConduit { index, conduit } => {
                if project.zone(conduit.from).is_none() {
                    return Err(missing(conduit.from));
                }
                if project.zone(conduit.to).is_none() {
                    return Err(missing(conduit.to));
                }
                let id = conduit.id;
                let index = index.min(project.conduits.len());
                project.conduits.insert(index, conduit);
                Ok(Edit::RemoveConduit { id })
            }
            Edit::RemoveConduit { id } => {
                let index = project.conduit_index(id).ok_or_else(|| missing(id))?;
                let conduit = project.conduits.remove(index);
                Ok(Edit::AddConduit { index, conduit })
            }
            Edit::ReplaceConduit(conduit) => {
                if project.zone(conduit.from).is_none() || project.zone(conduit.to).is_none() {
                    return Err(EditError("a conduit must join two existing zones".into()));
                }
                let slot = project
                    .conduit_mut(conduit.id)
                    .ok_or_else(|| missing(conduit.id))?;
                Ok(Edit::ReplaceConduit(std::mem::replace(slot, conduit)))
            }
            Edit::AddAsset {
                parent,
                index,
                asset,
            } => {
                let id = asset.id;
                let list = assets_of(project, parent)?;
                let index = index.min(list.len());
                list.insert(index, asset);
                Ok(Edit::RemoveAsset { id })
            }
            Edit::RemoveAsset { id } => {
                let (parent, index) = locate_asset(project, id)?;
                let asset = assets_of(project, parent)?.remove(index);
                Ok(Edit::AddAsset {
                    parent,
                    index,
                    asset,
                })
            }
            Edit::ReplaceAsset(asset) => {
                let slot = project
                    .asset_mut(asset.id)
                    .ok_or_else(|| missing(asset.id))?;
                Ok(Edit::ReplaceAsset(std::mem::replace(slot, asset)))
            }
            Edit::MoveAsset { id, to, index } => {
                let (from, old_index) = locate_asset(project, id)?;
                assets_of(project, to)?; // check the target exists before removing
                let asset = assets_of(project, from)?.remove(old_index);
                let list = assets_of(project, to)?;
                let index = index.min(list.len());
                list.insert(index, asset);
                Ok(Edit::MoveAsset {
                    id,
                    to: from,
                    index: old_index,
                })
            }
            Edit::SetMeta(meta) => Ok(Edit::SetMeta(std::mem::replace(&mut project.meta, meta))),
            Edit::SetRisk(risk) => Ok(Edit::SetRisk(std::mem::replace(&mut project.risk, risk))),
            Edit::SetApproval(approval) => Ok(Edit::SetApproval(std::mem::replace(
                &mut project.approval,
                approval,
            ))),
            Edit::SetImportSettings(s) => Ok(Edit::SetImportSettings(Box::new(std::mem::replace(
                &mut project.import_settings,
                *s,
            )))),
            Edit::SetConflicts(c) => Ok(Edit::SetConflicts(std::mem::replace(
                &mut project.conflicts,
                c,
            ))),
            Edit::SetTraffic(t) => Ok(Edit::SetTraffic(
                std::mem::replace(&mut project.traffic, t.map(|t| *t)).map(Box::new),
            )),
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(project) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // roll back what was applied so the project is unchanged
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(project);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Step {
    label: String,
    /// Applying this undoes (on the undo stack) or redoes (on the redo stack) the step.
    edit: Edit,
    /// Consecutive edits with the same key (typing in one field) merge into one step.
    merge_key: Option<String>,
    /// The document state after this step (see [`History::state`]).
    state: u64,
}

/// Undo and redo stacks. One step per user action: a whole drag, one field edit.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Set by [`History::seal`]: the next edit starts a new step even with the same key.
    sealed: bool,
    /// Counts changes (also undo and redo): the staleness key of what is derived from the
    /// project.
    revision: u64,
    /// The last state number handed out.
    last_state: u64,
    /// The state when the undo stack is empty.
    base_state: u64,
}

/// Most undo steps kept.
const MAX_STEPS: usize = 500;

impl History {
    /// Applies an edit as one undoable step named `label` ("Move zone BPCS").
    pub fn apply(
        &mut self,
        project: &mut Project,
        label: impl Into<String>,
        edit: Edit,
    ) -> Result<(), EditError> {
        self.apply_merging(project, label, edit, None)
    }

    /// Like [`History::apply`], but merges into the previous step when it has the same
    /// `merge_key` and no [`History::seal`] came between (typing into one field is one step).
    pub(crate) fn apply_merging(
        &mut self,
        project: &mut Project,
        label: impl Into<String>,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        // a replacement by an equal value changes nothing: no step, and the document stays
        // as clean as it was (a zone dropped where it was, a field set to its own value)
        let probe = matches!(
            edit,
            Edit::ReplaceZone(_)
                | Edit::ReplaceConduit(_)
                | Edit::ReplaceAsset(_)
                | Edit::SetZoneRect { .. }
                | Edit::SetMeta(_)
        )
        .then(|| edit.clone());
        let inverse = edit.apply(project)?;
        if probe.is_some_and(|p| p == inverse) {
            return Ok(());
        }
        self.revision += 1;
        self.redo.clear();
        let merges = !self.sealed
            && merge_key.is_some()
            && self.undo.last().is_some_and(|s| s.merge_key == merge_key);
        self.sealed = false;
        self.last_state += 1;
        let state = self.last_state;
        match self.undo.last_mut() {
            // the merged step now leads to a state of its own
            Some(last) if merges => last.state = state,
            _ => {
                self.undo.push(Step {
                    label: label.into(),
                    edit: inverse,
                    merge_key,
                    state,
                });
                if self.undo.len() > MAX_STEPS {
                    let dropped = self.undo.remove(0);
                    self.base_state = dropped.state;
                }
            }
        }
        Ok(())
    }

    /// Ends the current step: the next edit is a new step even with the same merge key.
    pub(crate) fn seal(&mut self) {
        self.sealed = true;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub(crate) fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub(crate) fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn undo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match step.edit.clone().apply(project) {
            Ok(forward) => {
                self.redo.push(Step {
                    label: step.label,
                    edit: forward,
                    merge_key: None,
                    state: step.state,
                });
                self.revision += 1;
                self.sealed = true;
                Ok(true)
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<bool, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match step.edit.clone().apply(project) {
            Ok(inverse) => {
                self.undo.push(Step {
                    label: step.label,
                    edit: inverse,
                    merge_key: None,
                    state: step.state,
                });
                self.revision += 1;
                self.sealed = true;
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// A number that changes with every applied, undone or redone edit.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Which document state the undo and redo steps have led to: the same number whenever the
    /// project is back where it was (undone to the saved state, say), a new one after every new
    /// or merged edit. The designer compares it with the state at the last save.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base_state, |s| s.state)
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.sealed = false;
        self.last_state += 1;
        self.base_state = self.last_state;
    }
}

#[cfg(test)]
mod tests;
