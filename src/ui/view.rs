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

/// The [`View`] of a `DesignerApp` expression, when a document is open: built from the app's
/// fields one by one, so that a panel can borrow its own state mutably beside it
/// (`let view = view_of!(app); panel_ui(view, &mut app.dock, …)`).
macro_rules! view_of {
    ($app:expr) => {
        $app.doc.as_ref().map(|doc| $crate::ui::view::View {
            doc,
            selection: &$app.selection,
            catalog: $app.catalog,
            dark: $app.dark,
            presentation: $app.presentation,
        })
    };
}
pub(crate) use view_of;

impl super::DesignerApp {
    /// The read access of a view, when a document is open.
    pub fn view(&self) -> Option<View<'_>> {
        view_of!(self)
    }
}

/// Where a view pushes what the user asked for; the designer carries the intents out after the
/// views have drawn.
pub type Intents = Vec<Intent>;
