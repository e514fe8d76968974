//! File → New from template: a new, unsaved project from one of the embedded templates
//! (`crate::samples::TEMPLATES`). It has no file, so Save asks where to write it.

use super::{DesignerApp, Modal};

impl DesignerApp {
    /// Opens the template `name` as a new project without a file. Like a fresh "New" it holds
    /// nothing the user did, so it is not an unsaved change until it is edited.
    pub(crate) fn open_template(&mut self, name: &str) {
        match crate::samples::find_template(name).map(|t| (t.title, t.project())) {
            Some((title, Ok(project))) => {
                self.set_document(project, None);
                self.status = Some(format!(
                    "New project from the template \"{title}\" — Save asks where to keep it"
                ));
            }
            Some((_, Err(e))) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot open the template".into(),
                    message: e.to_string(),
                })
            }
            None => self.status = Some(format!("There is no template \"{name}\"")),
        }
    }
}
