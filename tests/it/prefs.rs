//! Preferences survive a restart: the designer saves them into a storage folder (a temporary
//! one here, a file like eframe's own), a new designer started from that folder shows the same
//! theme, dock tab, panel sizes, recent files and last folder; the old recent-files text file is
//! taken over once.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zonewright::ui::dialogs::{DialogResult, ScriptedDialogs};
use zonewright::ui::{DesignerApp, DockTab};

/// A key-value store kept in one file of a folder, as eframe's `FileStorage` does.
struct FolderStorage {
    file: PathBuf,
    values: BTreeMap<String, String>,
}

impl FolderStorage {
    fn open(dir: &Path) -> Self {
        let file = dir.join("app.json");
        let values = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        FolderStorage { file, values }
    }
}

impl eframe::Storage for FolderStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.values.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.values.remove(key);
    }
    fn flush(&mut self) {
        let text = serde_json::to_string(&self.values).expect("a string map serializes");
        std::fs::write(&self.file, text).expect("write the storage file");
    }
}

fn designer(
    dir: &Path,
    answers: Vec<DialogResult>,
    legacy: Option<&Path>,
) -> Harness<'static, DesignerApp> {
    let storage = FolderStorage::open(dir);
    let legacy = legacy.map(Path::to_owned);
    Harness::builder()
        .with_size([1500.0, 950.0])
        .build_eframe(move |cc| {
            let dialogs = ScriptedDialogs {
                answers: answers.into_iter().collect(),
            };
            DesignerApp::with_prefs(
                &cc.egui_ctx,
                Box::new(dialogs),
                Some(&storage),
                legacy.as_deref(),
            )
        })
}

/// Quits the designer the way eframe does: `App::save` into the storage, then flush.
fn save_and_quit(h: &mut Harness<'_, DesignerApp>, dir: &Path) {
    let mut storage = FolderStorage::open(dir);
    eframe::App::save(h.state_mut(), &mut storage);
    eframe::Storage::flush(&mut storage);
}

#[test]
fn preferences_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plants = tempfile::tempdir().expect("tempdir");
    let saved = plants.path().join("plant.ron");
    let mut h = designer(dir.path(), vec![DialogResult::Picked(saved.clone())], None);
    h.run();
    // as if the user had dragged the inspector and the dock wider
    h.state_mut().panels.inspector_width = 420.0;
    h.state_mut().panels.dock_height = 300.0;
    h.get_by_label("New project").click();
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Dark theme").click();
    h.run();
    h.get_by_label("Topology").click();
    h.run();
    assert_eq!(h.state().dock_tab, DockTab::Topology);
    h.state_mut().save_as();
    h.run();
    assert!(saved.is_file());
    let panels = h.state().panels;
    assert!((panels.inspector_width - 420.0).abs() < 1.0, "{panels:?}");
    save_and_quit(&mut h, dir.path());
    drop(h);

    let mut h = designer(dir.path(), Vec::new(), None);
    h.run();
    assert!(h.state().dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark, "the dark theme is shown");
    assert_eq!(h.state().panels, panels);
    let recent = std::fs::canonicalize(&saved).expect("canonical path");
    assert_eq!(h.state().recent.paths(), &[recent]);
    assert_eq!(h.state().last_folder.as_deref(), Some(plants.path()));
    h.get_by_label("New project").click();
    h.run();
    assert_eq!(
        h.state().panels,
        panels,
        "the panels open at their stored sizes"
    );
    let tab = h.get_by_label("Topology");
    assert_eq!(
        tab.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the Topology tab is the one shown"
    );
}

#[test]
fn the_old_recent_files_text_is_taken_over_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let legacy = dir.path().join("recent.txt");
    std::fs::write(&legacy, "/plants/old.ron\n").expect("write");
    let mut h = designer(dir.path(), Vec::new(), Some(&legacy));
    h.run();
    assert_eq!(
        h.state().recent.paths(),
        &[PathBuf::from("/plants/old.ron")]
    );
    h.get_by_label("/plants/old.ron");
    save_and_quit(&mut h, dir.path());
    drop(h);
    // the text file changes later: the preferences own the list now
    std::fs::write(&legacy, "/plants/other.ron\n").expect("write");
    let h = designer(dir.path(), Vec::new(), Some(&legacy));
    assert_eq!(
        h.state().recent.paths(),
        &[PathBuf::from("/plants/old.ron")]
    );
}

#[test]
fn a_fresh_storage_gives_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = designer(dir.path(), Vec::new(), None);
    h.run();
    assert!(!h.state().dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert_eq!(h.state().dock_tab, DockTab::Findings);
    assert!(h.state().recent.paths().is_empty());
}
