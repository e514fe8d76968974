//! What a view may read — the open document with its assessment, the selection, the catalog and
//! the display flags — and nothing it could change: views push [`Intent`]s instead.

use super::{Document, Intent};
use crate::catalog::Catalog;
use crate::model::ElementRef;
use std::collections::BTreeSet;

/// Read access for one view for one frame.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub doc: &'a Document,
    pub selection: &'a BTreeSet<ElementRef>,
    pub catalog: &'static Catalog,
    pub dark: bool,
    pub presentation: bool,
}

impl super::DesignerApp {
    /// The read access of a view, when a document is open (for code that borrows nothing else
    /// of the app meanwhile; panels that also hand out their own state build it field by field).
    pub fn view(&self) -> Option<View<'_>> {
        Some(View {
            doc: self.doc.as_ref()?,
            selection: &self.selection,
            catalog: self.catalog,
            dark: self.dark,
            presentation: self.presentation,
        })
    }
}

/// Where a view pushes what the user asked for; the designer carries the intents out after the
/// views have drawn.
pub type Intents = Vec<Intent>;
