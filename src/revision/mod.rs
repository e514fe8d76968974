//! Revisions and teams, without any UI: the semantic diff of two projects by element id
//! ([`diff`]), the three-way merge by element id and field that `zonewright merge` runs as a
//! git merge driver ([`merge`]), and the resolution of the conflicts a merge leaves in the
//! file ([`resolve`]).

pub mod diff;
pub mod merge;
mod parts;
pub mod resolve;
mod words;

pub use diff::{ChangeKind, Diff, ElementChange, FieldChange, FindingChange, diff};
pub use merge::{MergeOutcome, merge};
pub use resolve::{Resolution, resolved};

#[cfg(test)]
mod tests;
