//! File dialogs behind a trait (tests never reach rfd), and the recent-files list.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogResult {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): offer an in-app path field.
    Unavailable,
}

/// Native open/save dialogs, or a fake in tests.
pub trait FileDialogs {
    fn open(&mut self) -> DialogResult;
    fn save(&mut self, suggested_name: &str) -> DialogResult;
    /// Where to write an exported PDF.
    fn export_pdf(&mut self, suggested_name: &str) -> DialogResult;
    /// The folder the next dialog starts in (the last one used).
    fn start_in(&mut self, _folder: Option<&Path>) {}
    /// An asset inventory to import (CSV or XLSX).
    fn open_inventory(&mut self) -> DialogResult {
        DialogResult::Unavailable
    }
    /// Observed traffic to import (Zeek conn.log, flows CSV, pcap, pcapng).
    fn open_traffic(&mut self) -> DialogResult {
        DialogResult::Unavailable
    }
    /// Where to write an export of the format `label` (file extension `extension`).
    fn export_as(&mut self, suggested_name: &str, label: &str, extension: &str) -> DialogResult {
        let _ = (label, extension);
        self.export_pdf(suggested_name)
    }
    /// A filled-in compliance matrix to read (.xlsx).
    fn open_matrix(&mut self) -> DialogResult {
        self.open()
    }
}

/// rfd dialogs. rfd answers "nothing" both when the user cancels and when no dialog could be
/// shown at all; an answer within a fraction of a second means no person saw a dialog.
#[derive(Debug, Default)]
pub struct NativeDialogs {
    folder: Option<PathBuf>,
}

impl NativeDialogs {
    fn dialog(&self, title: &str) -> rfd::FileDialog {
        let d = rfd::FileDialog::new().set_title(title);
        match &self.folder {
            Some(f) if f.is_dir() => d.set_directory(f),
            _ => d,
        }
    }
}

const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(250);

fn interpret(result: Option<PathBuf>, started: Instant) -> DialogResult {
    match result {
        Some(p) => DialogResult::Picked(p),
        None if started.elapsed() < NO_DIALOG_THRESHOLD => DialogResult::Unavailable,
        None => DialogResult::Cancelled,
    }
}

impl FileDialogs for NativeDialogs {
    fn open(&mut self) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Open zonewright project")
            .add_filter("zonewright project", &["ron"])
            .pick_file();
        interpret(picked, started)
    }

    fn save(&mut self, suggested_name: &str) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Save zonewright project")
            .add_filter("zonewright project", &["ron"])
            .set_file_name(suggested_name)
            .save_file();
        interpret(picked, started)
    }

    fn export_pdf(&mut self, suggested_name: &str) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Export PDF tender pack")
            .add_filter("PDF document", &["pdf"])
            .set_file_name(suggested_name)
            .save_file();
        interpret(picked, started)
    }

    fn start_in(&mut self, folder: Option<&Path>) {
        self.folder = folder.map(Path::to_owned);
    }

    fn open_inventory(&mut self) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Import asset inventory")
            .add_filter("Inventory", &["csv", "txt", "tsv", "xlsx"])
            .pick_file();
        interpret(picked, started)
    }

    fn open_traffic(&mut self) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Import observed traffic")
            .add_filter("Traffic", &["log", "json", "csv", "pcap", "pcapng", "cap"])
            .add_filter("Any file", &["*"])
            .pick_file();
        interpret(picked, started)
    }

    fn export_as(&mut self, suggested_name: &str, label: &str, extension: &str) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog(&format!("Export {label}"))
            .add_filter(label, &[extension])
            .set_file_name(suggested_name)
            .save_file();
        interpret(picked, started)
    }

    fn open_matrix(&mut self) -> DialogResult {
        let started = Instant::now();
        let picked = self
            .dialog("Apply compliance matrix")
            .add_filter("Excel workbook", &["xlsx"])
            .pick_file();
        interpret(picked, started)
    }
}

/// Dialogs that answer from a queue (for tests and scripted use).
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    pub answers: std::collections::VecDeque<DialogResult>,
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self) -> DialogResult {
        self.answers
            .pop_front()
            .unwrap_or(DialogResult::Unavailable)
    }

    fn save(&mut self, _suggested_name: &str) -> DialogResult {
        self.answers
            .pop_front()
            .unwrap_or(DialogResult::Unavailable)
    }

    fn export_pdf(&mut self, _suggested_name: &str) -> DialogResult {
        self.answers
            .pop_front()
            .unwrap_or(DialogResult::Unavailable)
    }

    fn open_inventory(&mut self) -> DialogResult {
        self.answers
            .pop_front()
            .unwrap_or(DialogResult::Unavailable)
    }

    fn open_traffic(&mut self) -> DialogResult {
        self.answers
            .pop_front()
            .unwrap_or(DialogResult::Unavailable)
    }
}

/// The path field of an import dialog, typed where no file dialog appears: it takes the
/// keyboard focus after opening (`focus` is cleared once it has it: the window's first frame is
/// an invisible sizing pass); returns whether Enter was pressed in it.
pub fn path_field_ui(ui: &mut egui::Ui, path: &mut String, focus: &mut bool, hint: &str) -> bool {
    let field = ui.add(
        egui::TextEdit::singleline(path)
            .desired_width(320.0)
            .hint_text(hint),
    );
    if *focus {
        if field.has_focus() {
            *focus = false;
        } else {
            field.request_focus();
        }
    }
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The folder for the program's own state; see [`crate::file::recovery::state_dir`].
pub(crate) fn state_dir() -> Option<PathBuf> {
    crate::file::recovery::state_dir()
}

/// Most recently used project files, newest first. The designer keeps them in its preferences
/// ([`super::prefs`]); older versions kept them in a text file (one path a line), read once.
#[derive(Debug, Clone, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
}

/// Most recent files kept.
pub const MAX_RECENT: usize = 10;

impl RecentFiles {
    /// A list that is not stored anywhere.
    pub fn in_memory() -> Self {
        RecentFiles::default()
    }

    /// A list held in memory, starting with `paths` (at most [`MAX_RECENT`]).
    pub(crate) fn from_paths(mut paths: Vec<PathBuf>) -> Self {
        paths.truncate(MAX_RECENT);
        RecentFiles { paths, store: None }
    }

    /// The text file of versions before preferences, in the program's state folder.
    pub(crate) fn legacy_store() -> Option<PathBuf> {
        state_dir().map(|d| d.join("recent.txt"))
    }

    /// Reads the list from `store`; a missing or unreadable file gives an empty list.
    pub fn load(store: PathBuf) -> Self {
        let paths = std::fs::read_to_string(&store)
            .map(|t| {
                t.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .take(MAX_RECENT)
                    .collect()
            })
            .unwrap_or_default();
        RecentFiles {
            paths,
            store: Some(store),
        }
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` first and stores the list (a failure to store is not worth bothering the
    /// user: the list is a convenience).
    pub fn add(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
        if let Some(store) = &self.store {
            if let Some(dir) = store.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let text: String = self
                .paths
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect();
            let _ = crate::file::write_atomic(store, text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_unique_and_stored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = dir.path().join("recent.txt");
        let mut r = RecentFiles::load(store.clone());
        r.add(Path::new("/x/a.ron"));
        r.add(Path::new("/x/b.ron"));
        r.add(Path::new("/x/a.ron"));
        assert_eq!(
            r.paths(),
            &[PathBuf::from("/x/a.ron"), PathBuf::from("/x/b.ron")]
        );
        let again = RecentFiles::load(store);
        assert_eq!(again.paths(), r.paths());
    }

    #[test]
    fn quick_empty_answer_means_no_dialog() {
        assert_eq!(interpret(None, Instant::now()), DialogResult::Unavailable);
        let long_ago = Instant::now()
            .checked_sub(Duration::from_secs(2))
            .unwrap_or_else(Instant::now);
        assert_eq!(interpret(None, long_ago), DialogResult::Cancelled);
    }
}
