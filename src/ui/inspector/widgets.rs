//! The form widgets every inspector section shares: the one undoable text field (labelled, in
//! a table cell, single- or multi-line, date), field tables that build their edit only when a
//! field changed, the level combo and the SL vector editor.

use crate::command::Action;
use crate::command::form::FormAction;
use crate::model::text::visible;
use crate::model::{Fr, MAX_SL, SlVector};
use crate::ui::Intent;
use crate::ui::view::Intents;

/// Pushes what a form changed as one undo step; changes with the same `key` in a row merge
/// into it (typing a word in one field is one step).
pub(crate) fn push_form(
    out: &mut Intents,
    label: impl Into<String>,
    form: FormAction,
    key: Option<String>,
) {
    out.push(Intent::Act(Action::Form {
        label: label.into(),
        form: Box::new(form),
        merge_key: key,
    }));
}

/// The text field that seals its undo step when it loses focus: the edits it causes merge under
/// the key the caller gives (one per element and field), and the next typing after focus left
/// it is a new undo step. The field shows and edits the raw text (so that hidden characters can
/// be fixed); where the whole text is offered on hover it is shown through
/// [`visible`].
pub struct TextField<'a> {
    id: egui::Id,
    label: Option<&'a str>,
    value: &'a str,
    multiline: bool,
    hint: Option<&'a str>,
    /// A table cell of this width (no label above, not the full width).
    cell_width: Option<f32>,
    hover_value: bool,
}

/// The hint of a date field.
pub const DATE_HINT: &str = "YYYY-MM-DD";

impl<'a> TextField<'a> {
    /// A field with a small label above it; the label is also its id and hover text.
    pub fn labelled(label: &'a str, value: &'a str) -> Self {
        TextField {
            id: egui::Id::new(label),
            label: Some(label),
            value,
            multiline: false,
            hint: None,
            cell_width: None,
            hover_value: false,
        }
    }

    /// A labelled date field (free text, the hint shows the expected form).
    pub fn date(label: &'a str, value: &'a str) -> Self {
        Self::labelled(label, value).hint(DATE_HINT)
    }

    /// A single-line field in a table cell, `width` wide, without a label.
    pub fn cell(id: impl std::hash::Hash + std::fmt::Debug, value: &'a str, width: f32) -> Self {
        TextField {
            id: egui::Id::new(id),
            label: None,
            value,
            multiline: false,
            hint: None,
            cell_width: Some(width),
            hover_value: false,
        }
    }

    /// Another id than the label (for fields of the same label side by side).
    pub fn id(mut self, id: impl std::hash::Hash + std::fmt::Debug) -> Self {
        self.id = egui::Id::new(id);
        self
    }

    pub(crate) fn multiline(mut self, multiline: bool) -> Self {
        self.multiline = multiline;
        self
    }

    /// Grey text shown while the field is empty.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Hovering shows the whole text (for narrow cells that cut it).
    pub(crate) fn hover_value(mut self) -> Self {
        self.hover_value = true;
        self
    }

    /// Draws the field. Pushes [`Intent::SealEdit`] when it loses focus; returns the new text
    /// when the user changed it this frame.
    pub fn show_ui(self, ui: &mut egui::Ui, out: &mut Intents) -> Option<String> {
        if let Some(label) = self.label {
            ui.label(egui::RichText::new(label).small().weak());
        }
        let mut text = self.value.to_owned();
        let mut edit = if self.multiline {
            egui::TextEdit::multiline(&mut text).desired_rows(2)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        if let Some(hint) = self.hint {
            edit = edit.hint_text(hint);
        }
        let edit = edit.id_salt(self.id);
        let mut r = match self.cell_width {
            // a grid cell offers only last frame's column width: the field takes its own
            // a multi-line cell wraps its text and grows with it
            Some(w) if self.multiline => ui.add(edit.desired_width(w).desired_rows(1)),
            Some(w) => ui.add_sized([w, ui.spacing().interact_size.y], edit.desired_width(w)),
            None => ui.add(edit.desired_width(f32::INFINITY)),
        };
        if let Some(label) = self.label {
            r = r.on_hover_text(label);
        } else if self.hover_value && !self.value.is_empty() {
            r = r.on_hover_text(visible(self.value));
        }
        if r.lost_focus() {
            out.push(Intent::SealEdit);
        }
        (r.changed() && text != self.value).then_some(text)
    }

    /// Draws the field and, when the text changed, pushes the change `make` builds from the
    /// new text, under the merge key `key`. Nothing is built while the text stays as it is.
    pub(crate) fn edit_ui(
        self,
        ui: &mut egui::Ui,
        out: &mut Intents,
        key: String,
        make: impl FnOnce(String) -> (String, FormAction),
    ) {
        if let Some(text) = self.show_ui(ui, out) {
            let (label, form) = make(text);
            push_form(out, label, form, Some(key));
        }
    }
}

/// A labelled text field of a `T`: how to read it and how to set it.
pub struct Field<T> {
    pub label: &'static str,
    pub get: fn(&T) -> &str,
    pub set: fn(&mut T, String),
    pub multiline: bool,
    pub date: bool,
}

/// `field!(Type, "Label", member)`, `field!(Type, "Label", member, multiline)` or
/// `field!(Type, "Label", member, date)`: a [`Field`] of that member.
macro_rules! field {
    ($t:ty, $label:expr, $f:ident) => {
        $crate::ui::inspector::widgets::Field::<$t> {
            label: $label,
            get: |x| x.$f.as_str(),
            set: |x, v| x.$f = v,
            multiline: false,
            date: false,
        }
    };
    ($t:ty, $label:expr, $f:ident, multiline) => {
        $crate::ui::inspector::widgets::Field::<$t> {
            multiline: true,
            ..field!($t, $label, $f)
        }
    };
    ($t:ty, $label:expr, $f:ident, date) => {
        $crate::ui::inspector::widgets::Field::<$t> {
            date: true,
            ..field!($t, $label, $f)
        }
    };
}
pub(crate) use field;

impl<T: Clone> Field<T> {
    /// Draws the field of `item`; when it changed, returns a copy of `item` with the new text
    /// (the copy is made then, not every frame).
    pub fn show_ui(&self, ui: &mut egui::Ui, out: &mut Intents, item: &T) -> Option<T> {
        self.field(item)
            .show_ui(ui, out)
            .map(|text| self.with(item, text))
    }

    /// As [`Field::show_ui`], for lists whose items have the same labels: `id` keeps them apart.
    pub(crate) fn show_with_id_ui(
        &self,
        ui: &mut egui::Ui,
        out: &mut Intents,
        item: &T,
        id: impl std::hash::Hash + std::fmt::Debug,
    ) -> Option<T> {
        self.field(item)
            .id(id)
            .show_ui(ui, out)
            .map(|text| self.with(item, text))
    }

    fn field<'a>(&self, item: &'a T) -> TextField<'a> {
        let value = (self.get)(item);
        let field = if self.date {
            TextField::date(self.label, value)
        } else {
            TextField::labelled(self.label, value)
        };
        field.multiline(self.multiline)
    }

    fn with(&self, item: &T, text: String) -> T {
        let mut next = item.clone();
        (self.set)(&mut next, text);
        next
    }
}

/// A combo of the security levels 0 to 4; returns the level picked.
pub(crate) fn level_combo_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    level: u8,
) -> Option<u8> {
    let mut v = level;
    egui::ComboBox::from_id_salt(id)
        .width(38.0)
        .selected_text(v.to_string())
        .show_ui(ui, |ui| {
            for l in 0..=MAX_SL {
                ui.selectable_value(&mut v, l, l.to_string());
            }
        });
    (v != level).then_some(v)
}

/// Seven FR selectors and "set all"; returns the changed vector.
pub(crate) fn sl_vector_ui(ui: &mut egui::Ui, id: &str, v: SlVector) -> Option<SlVector> {
    let mut changed = None;
    egui::Grid::new(("slv", id))
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            for fr in Fr::ALL {
                ui.label(egui::RichText::new(fr.code()).small())
                    .on_hover_text(fr.title());
            }
            ui.end_row();
            for fr in Fr::ALL {
                if let Some(l) = level_combo_ui(ui, (id, fr), v.get(fr)) {
                    let mut n = v;
                    n.set(fr, l);
                    changed = Some(n);
                }
            }
            ui.end_row();
        });
    ui.horizontal(|ui| {
        if let Some(l) = set_all_buttons_ui(ui, |l| format!("SL {l} in every FR")) {
            changed = Some(SlVector::uniform(l));
        }
    });
    changed
}

/// "Set all:" and a button per level (inside a horizontal row); returns the level clicked.
pub(crate) fn set_all_buttons_ui(ui: &mut egui::Ui, hover: impl Fn(u8) -> String) -> Option<u8> {
    ui.label(egui::RichText::new("Set all:").small());
    let mut clicked = None;
    for l in 0..=MAX_SL {
        if ui
            .small_button(l.to_string())
            .on_hover_text(hover(l))
            .clicked()
        {
            clicked = Some(l);
        }
    }
    clicked
}

#[cfg(test)]
mod tests;
