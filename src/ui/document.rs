//! The open document: the project, its file, its undo history, and what is derived from it
//! (assessment, drawing cache), refreshed once per revision.

use super::canvas;
use crate::analysis::{Assessment, assess};
use crate::catalog::Catalog;
use crate::edit::History;
use crate::model::Project;
use std::path::PathBuf;

/// An open project with its undo history and its current assessment.
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    pub history: History,
    pub(super) saved_state: u64,
    pub assessment: Assessment,
    assessed_revision: u64,
    /// Derived drawing data, refreshed with the assessment.
    pub cache: canvas::DrawCache,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>, catalog: &Catalog) -> Self {
        let assessment = assess(&project, catalog);
        let cache = canvas::DrawCache::new(&project, &assessment);
        Document {
            cache,
            project,
            path,
            history: History::default(),
            saved_state: 0,
            assessment,
            assessed_revision: 0,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Marks the document as holding changes that are in no file (restored unsaved work).
    pub(crate) fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Re-runs `assess` when the project changed since the last run.
    pub(super) fn refresh(&mut self, catalog: &Catalog) {
        if self.assessed_revision != self.history.revision() {
            self.assessment = assess(&self.project, catalog);
            self.cache = canvas::DrawCache::new(&self.project, &self.assessment);
            self.assessed_revision = self.history.revision();
        }
    }

    /// The file name or title, control and bidirectional characters shown as escapes.
    pub(crate) fn display_name(&self) -> String {
        let name = match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None if !self.project.meta.title.is_empty() => self.project.meta.title.clone(),
            None => "Untitled".to_owned(),
        };
        crate::model::text::visible(&name).into_owned()
    }
}
