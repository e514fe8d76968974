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

/// Where a view pushes what the user asked for; the designer carries the intents out after the
/// views have drawn.
pub type Intents = Vec<Intent>;
