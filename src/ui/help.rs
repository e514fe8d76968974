//! Help, offline: the keyboard shortcuts, listed from the command table itself, and the user
//! documentation (README and docs/) embedded in the binary, shown page by page.

use super::commands::{UiCommand, shortcut_text};

/// The documents Help shows: a title and the Markdown text.
pub const DOCS: &[(&str, &str)] = &[
    ("Using zonewright", include_str!("../../README.md")),
    ("Design findings", include_str!("../../docs/findings.md")),
    ("Risk assessment", include_str!("../../docs/risk.md")),
    (
        "Components (IEC 62443-4-2)",
        include_str!("../../docs/components.md"),
    ),
    (
        "Importing an inventory",
        include_str!("../../docs/import.md"),
    ),
    ("Exports", include_str!("../../docs/exports.md")),
    ("Project files", include_str!("../../docs/files.md")),
    (
        "Revisions and teams",
        include_str!("../../docs/revisions.md"),
    ),
];

/// Which Help page is shown: the shortcuts, or one of [`DOCS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HelpPage {
    Shortcuts,
    Doc(usize),
}

/// Every command that has a shortcut, with its keys, in menu order.
pub(crate) fn shortcut_rows() -> Vec<(String, String)> {
    UiCommand::all()
        .into_iter()
        .filter(|c| !c.shortcuts().is_empty())
        .map(|c| {
            let keys: Vec<String> = c.shortcuts().iter().map(shortcut_text).collect();
            (c.text(), keys.join(" or "))
        })
        .collect()
}

/// The Help window's content: page buttons on top, the page below in a scroll area; returns
/// whether Close was clicked.
pub(crate) fn help_ui(ui: &mut egui::Ui, page: &mut HelpPage) -> bool {
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(page, HelpPage::Shortcuts, "Keyboard shortcuts");
        for (i, (title, _)) in DOCS.iter().enumerate() {
            ui.selectable_value(page, HelpPage::Doc(i), *title);
        }
    });
    ui.separator();
    let height = (ui.ctx().content_rect().height() - 220.0).max(200.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, false])
        .id_salt(*page)
        .show(ui, |ui| match *page {
            HelpPage::Shortcuts => {
                egui::Grid::new("zw-help-shortcuts")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (text, keys) in shortcut_rows() {
                            ui.label(text);
                            ui.monospace(keys);
                            ui.end_row();
                        }
                    });
            }
            HelpPage::Doc(i) => {
                if let Some((_, text)) = DOCS.get(i) {
                    markdown_ui(ui, text);
                }
            }
        });
    ui.separator();
    if ui.button("Close").clicked() {
        close = true;
    }
    close
}

/// Markdown as the docs use it, drawn plainly: headings larger, code blocks and tables in
/// monospace, everything else as wrapped text (links and emphasis marks shown as written).
fn markdown_ui(ui: &mut egui::Ui, text: &str) {
    let mut in_code = false;
    let mut paragraph = String::new();
    let flush = |ui: &mut egui::Ui, p: &mut String| {
        if !p.is_empty() {
            ui.label(std::mem::take(p));
        }
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            flush(ui, &mut paragraph);
            in_code = !in_code;
            continue;
        }
        if in_code || trimmed.starts_with('|') {
            flush(ui, &mut paragraph);
            ui.monospace(line);
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            flush(ui, &mut paragraph);
            ui.heading(h);
        } else if let Some(h) = trimmed.strip_prefix("## ").or(trimmed.strip_prefix("### ")) {
            flush(ui, &mut paragraph);
            ui.add_space(6.0);
            ui.label(egui::RichText::new(h).strong().size(16.0));
        } else if trimmed.is_empty() {
            flush(ui, &mut paragraph);
            ui.add_space(4.0);
        } else if trimmed.starts_with("- ") || trimmed.starts_with("![") {
            flush(ui, &mut paragraph);
            paragraph.push_str(line);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(if paragraph.is_empty() { line } else { trimmed });
        }
    }
    flush(ui, &mut paragraph);
}
