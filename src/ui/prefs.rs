//! Preferences kept between runs in eframe's storage: theme, dock tab and height, panel widths,
//! recent files and the last folder of the file dialogs. The window's size and position are
//! eframe's own. Transient state (document, selection, dialogs) is never stored.

use super::dialogs::{MAX_RECENT, RecentFiles};
use super::{DesignerApp, DockTab};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The storage key of [`Prefs`].
pub const KEY: &str = "zonewright.prefs";

/// Longest stored text read back (preferences are a few hundred bytes).
const MAX_STORED_LEN: usize = 64 * 1024;

/// Sizes of the side panels and the dock, in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PanelSizes {
    pub palette_width: f32,
    pub inspector_width: f32,
    pub dock_height: f32,
}

impl Default for PanelSizes {
    fn default() -> Self {
        PanelSizes {
            palette_width: 230.0,
            inspector_width: 370.0,
            dock_height: 230.0,
        }
    }
}

impl PanelSizes {
    /// Sizes out of any sensible range (a hand-edited file) fall back to the defaults.
    fn sanitized(self) -> Self {
        let d = PanelSizes::default();
        let ok = |v: f32, min: f32, max: f32, default: f32| {
            if v.is_finite() && (min..=max).contains(&v) {
                v
            } else {
                default
            }
        };
        PanelSizes {
            palette_width: ok(self.palette_width, 80.0, 2000.0, d.palette_width),
            inspector_width: ok(self.inspector_width, 120.0, 2000.0, d.inspector_width),
            dock_height: ok(self.dock_height, 60.0, 2000.0, d.dock_height),
        }
    }
}

/// What the designer remembers between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub dock_tab: DockTab,
    pub panels: PanelSizes,
    /// Newest first.
    pub recent: Vec<PathBuf>,
    /// Where the last file dialog picked a file.
    pub last_folder: Option<PathBuf>,
    /// The recent-files text file of older versions has been read into `recent`.
    pub recent_migrated: bool,
    /// View → Snap to grid.
    pub snap_to_grid: bool,
    /// View → Overview map.
    pub overview_map: bool,
    /// View → Traffic without conduit.
    pub traffic_lines: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            dock_tab: DockTab::Findings,
            panels: PanelSizes::default(),
            recent: Vec::new(),
            last_folder: None,
            recent_migrated: false,
            snap_to_grid: true,
            overview_map: false,
            traffic_lines: true,
        }
    }
}

impl Prefs {
    /// The stored preferences; missing, oversized or unreadable ones give the defaults (they are
    /// a convenience, not worth an error).
    pub fn load(storage: &dyn eframe::Storage) -> Prefs {
        let Some(text) = storage.get_string(KEY) else {
            return Prefs::default();
        };
        if text.len() > MAX_STORED_LEN {
            return Prefs::default();
        }
        let mut prefs: Prefs = ron::from_str(&text).unwrap_or_default();
        prefs.recent.truncate(MAX_RECENT);
        prefs.panels = prefs.panels.sanitized();
        prefs
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = ron::to_string(self) {
            storage.set_string(KEY, text);
        }
    }

    /// Once: takes the recent files of the older text file (`legacy`) when it exists; from then
    /// on the preferences own the list.
    pub(crate) fn migrate_recent_file(&mut self, legacy: Option<&Path>) {
        if self.recent_migrated {
            return;
        }
        self.recent_migrated = true;
        let Some(legacy) = legacy.filter(|p| p.is_file()) else {
            return;
        };
        for p in RecentFiles::load(legacy.to_owned()).paths() {
            if !self.recent.contains(p) {
                self.recent.push(p.clone());
            }
        }
        self.recent.truncate(MAX_RECENT);
    }
}

impl DesignerApp {
    /// A designer with the preferences in `storage` (the recent files of `legacy_recent`, the
    /// text file of older versions, taken over once).
    pub fn with_prefs(
        ctx: &egui::Context,
        dialogs: Box<dyn super::dialogs::FileDialogs>,
        storage: Option<&dyn eframe::Storage>,
        legacy_recent: Option<&Path>,
    ) -> Self {
        let mut app = DesignerApp::new(ctx, dialogs, RecentFiles::in_memory());
        let mut prefs = storage.map(Prefs::load).unwrap_or_default();
        prefs.migrate_recent_file(legacy_recent);
        app.restore_prefs(&prefs, ctx);
        app
    }

    /// The preferences as the designer stands now.
    pub fn prefs(&self) -> Prefs {
        Prefs {
            dark: self.dark,
            dock_tab: self.dock_tab,
            panels: self.panels,
            recent: self.recent.paths().to_vec(),
            last_folder: self.last_folder.clone(),
            recent_migrated: true,
            snap_to_grid: self.canvas.snap_to_grid,
            overview_map: self.canvas.overview_map,
            traffic_lines: self.canvas.traffic_lines,
        }
    }

    /// Takes over stored preferences (at start).
    pub(crate) fn restore_prefs(&mut self, prefs: &Prefs, ctx: &egui::Context) {
        self.set_dark(prefs.dark, ctx);
        self.dock_tab = prefs.dock_tab;
        self.panels = prefs.panels.sanitized();
        self.recent = RecentFiles::from_paths(prefs.recent.clone());
        self.last_folder = prefs.last_folder.clone();
        self.canvas.snap_to_grid = prefs.snap_to_grid;
        self.canvas.overview_map = prefs.overview_map;
        self.canvas.traffic_lines = prefs.traffic_lines;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Storage;
    use std::collections::HashMap;

    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn prefs_round_trip_through_storage() {
        let prefs = Prefs {
            dark: true,
            dock_tab: DockTab::Topology,
            panels: PanelSizes {
                palette_width: 250.0,
                inspector_width: 400.0,
                dock_height: 300.0,
            },
            recent: vec![PathBuf::from("/plants/a.ron")],
            last_folder: Some(PathBuf::from("/plants")),
            recent_migrated: true,
            snap_to_grid: false,
            overview_map: true,
            traffic_lines: false,
        };
        let mut storage = MemoryStorage::default();
        prefs.save(&mut storage);
        assert_eq!(Prefs::load(&storage), prefs);
    }

    #[test]
    fn damaged_or_hostile_prefs_give_defaults() {
        let mut storage = MemoryStorage::default();
        assert_eq!(Prefs::load(&storage), Prefs::default());
        storage.set_string(KEY, "(dark: tru".into());
        assert_eq!(Prefs::load(&storage), Prefs::default());
        storage.set_string(
            KEY,
            format!("(dark: true, recent: [{}])", "\"/x\",".repeat(50_000)),
        );
        assert_eq!(Prefs::load(&storage), Prefs::default(), "oversized");
        storage.set_string(
            KEY,
            format!(
                "(recent: [{}], panels: (palette_width: -5.0, inspector_width: 1e30, dock_height: 100.0))",
                "\"/x\",".repeat(40)
            ),
        );
        let p = Prefs::load(&storage);
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.panels.palette_width, PanelSizes::default().palette_width);
        assert_eq!(
            p.panels.inspector_width,
            PanelSizes::default().inspector_width
        );
        assert_eq!(p.panels.dock_height, 100.0);
    }

    #[test]
    fn the_old_recent_files_text_is_read_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let legacy = dir.path().join("recent.txt");
        std::fs::write(&legacy, "/x/a.ron\n/x/b.ron\n").expect("write");
        let mut prefs = Prefs {
            recent: vec![PathBuf::from("/x/b.ron")],
            ..Prefs::default()
        };
        prefs.migrate_recent_file(Some(&legacy));
        assert_eq!(
            prefs.recent,
            vec![PathBuf::from("/x/b.ron"), PathBuf::from("/x/a.ron")]
        );
        prefs.recent.clear();
        prefs.migrate_recent_file(Some(&legacy));
        assert!(prefs.recent.is_empty(), "storage owns the list after once");
    }
}
