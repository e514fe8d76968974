//! The project form (nothing selected): the title block, the revision history and the
//! cybersecurity requirements specification (ZCR 6.5–6.9).

use super::widgets::{DATE_HINT, Field, TextField, field, push_form};
use crate::command::form::FormAction;
use crate::model::{Meta, Revision};
use crate::ui::view::Intents;

const TITLE_BLOCK: [Field<Meta>; 8] = [
    field!(Meta, "Title", title),
    field!(Meta, "Plant / site", site),
    field!(Meta, "Organisation", organisation),
    field!(Meta, "Author", author),
    field!(Meta, "Document number", document_number),
    field!(Meta, "Revision", revision),
    field!(Meta, "Date", date, date),
    field!(Meta, "Description (SUC, ZCR 6.2)", description, multiline),
];

const SPECIFICATION: [Field<Meta>; 5] = [
    field!(
        Meta,
        "Operating environment assumptions",
        operating_environment,
        multiline
    ),
    field!(Meta, "Threat environment", threat_environment, multiline),
    field!(
        Meta,
        "Organisational security policies",
        security_policies,
        multiline
    ),
    field!(Meta, "Tolerable risk", tolerable_risk, multiline),
    field!(
        Meta,
        "Regulatory requirements",
        regulatory_requirements,
        multiline
    ),
];

/// A column of the revision history: read, write, width.
type Column = (fn(&Revision) -> &str, fn(&mut Revision, String), f32);

pub(crate) fn project_ui(ui: &mut egui::Ui, out: &mut Intents, meta: &Meta) {
    ui.heading("Project");
    ui.label(
        egui::RichText::new(
            "Title block for the PDF and the file. Select an element on the canvas to edit it.",
        )
        .small()
        .weak(),
    );
    for f in &TITLE_BLOCK {
        if let Some(m) = f.show_ui(ui, out, meta) {
            push_form(
                out,
                format!("Edit project {}", f.label.to_lowercase()),
                FormAction::Meta(m),
                Some(format!("meta.{}", f.label)),
            );
        }
    }
    ui.separator();
    revisions_ui(ui, out, meta);
    ui.separator();
    egui::CollapsingHeader::new("Cybersecurity requirements specification (ZCR 6.5–6.9)").show(
        ui,
        |ui| {
            for f in &SPECIFICATION {
                if let Some(m) = f.show_ui(ui, out, meta) {
                    push_form(
                        out,
                        format!("Edit {}", f.label.to_lowercase()),
                        FormAction::Meta(m),
                        Some(format!("meta.{}", f.label)),
                    );
                }
            }
        },
    );
}

fn revisions_ui(ui: &mut egui::Ui, out: &mut Intents, meta: &Meta) {
    ui.label(egui::RichText::new("Revision history").strong());
    // one card per revision: revision, date and author on a line (the author takes what is
    // left), the change below over the whole width, wrapping; no field is narrower than its
    // usual content ("2026-08-31", "Priya Ramanathan")
    let spacing = ui.spacing().item_spacing.x;
    let full = ui.available_width().clamp(240.0, 1200.0) - 14.0;
    let (rev_w, date_w, remove_w) = (44.0, 96.0, 24.0);
    let beside = full - rev_w - date_w - remove_w - 4.0 * spacing;
    // a narrow panel puts the author on a line of its own, the whole width
    let author_inline = beside >= 180.0;
    let author_w = if author_inline { beside } else { full };
    let columns: [Column; 4] = [
        (|r| r.revision.as_str(), |r, v| r.revision = v, rev_w),
        (|r| r.date.as_str(), |r, v| r.date = v, date_w),
        (|r| r.author.as_str(), |r, v| r.author = v, author_w),
        (|r| r.change.as_str(), |r, v| r.change = v, full),
    ];
    let field_ui = |ui: &mut egui::Ui, out: &mut Intents, i: usize, k: usize, r: &Revision| {
        let (get, set, w) = columns[k];
        let mut cell = TextField::cell(("rev", i, k), get(r), w).hover_value();
        cell = match k {
            1 => cell.hint(DATE_HINT),
            2 => cell.hint("author"),
            3 => cell.hint("what changed").multiline(true),
            _ => cell.hint("rev."),
        };
        cell.edit_ui(ui, out, format!("rev.{i}.{k}"), |text| {
            let mut m = meta.clone();
            if let Some(row) = m.revisions.get_mut(i) {
                set(row, text);
            }
            ("Edit revision history".into(), FormAction::Meta(m))
        });
    };
    for (i, r) in meta.revisions.iter().enumerate() {
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(3))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let inline = if author_inline { 3 } else { 2 };
                    for k in 0..inline {
                        field_ui(ui, out, i, k, r);
                    }
                    if ui
                        .small_button("✖")
                        .on_hover_text("Remove this revision")
                        .clicked()
                    {
                        let mut m = meta.clone();
                        m.revisions.remove(i);
                        push_form(out, "Remove revision", FormAction::Meta(m), None);
                    }
                });
                if !author_inline {
                    field_ui(ui, out, i, 2, r);
                }
                field_ui(ui, out, i, 3, r);
            });
    }
    if ui.button("Add revision").clicked() {
        let mut m = meta.clone();
        m.revisions.push(Revision {
            revision: m.revision.clone(),
            date: m.date.clone(),
            author: m.author.clone(),
            change: String::new(),
        });
        push_form(out, "Add revision", FormAction::Meta(m), None);
    }
}
