//! The command table: every menu, keyboard and palette action of the designer with its menu
//! text, tooltip, default shortcuts and enabled state, and the keyboard handling generated from
//! it. No shortcut is written anywhere else.

use super::{DesignerApp, DockTab, Intent, Modal, PathPurpose, Pending};
use crate::command::Action;
use crate::command::{NUDGE_FINE_STEP, NUDGE_STEP};
use egui::{Key, KeyboardShortcut, Modifiers};

mod direction;
pub use direction::Direction;

/// Every action of the designer's menus, keys and command palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    OpenByPath,
    /// A bundled sample, by name.
    OpenSample(&'static str),
    Save,
    SaveAs,
    SaveAsByPath,
    ExportPdf,
    /// File → Import assets…: an asset inventory (CSV/XLSX) into the open project.
    ImportAssets,
    /// File → Import traffic…: observed traffic (Zeek, flows CSV, pcap) with a preview.
    ImportTraffic,
    /// View → Traffic without conduit: dashed red lines between zones that talk unjoined.
    TrafficLines,
    /// File → Apply compliance matrix…
    ApplyMatrix,
    /// File → Compare with…: the changes since an older revision.
    CompareWith,
    Close,
    Quit,
    Undo,
    Redo,
    Duplicate,
    Delete,
    SelectAll,
    /// Esc: ends a gesture or the conduit tool, else clears the selection.
    Cancel,
    ZoomToFit,
    ResetZoom,
    ZoomIn,
    ZoomOut,
    Presentation,
    DarkTheme,
    CommandPalette,
    ShowTab(DockTab),
    /// Moves the selected zones; `fine` is the small step (with Shift).
    Nudge {
        direction: Direction,
        fine: bool,
    },
    About,
    /// Help → Keyboard shortcuts (F1): the sheet, from this table.
    Shortcuts,
    /// Help → Documentation: the user docs embedded in the program.
    Documentation,
    // designer fluency (issue 13): clipboard, rename, find
    Copy,
    Cut,
    Paste,
    /// F2: the inline rename field on the one selected element.
    Rename,
    Find,
    // canvasfx: arranging zones and drawing aids (src/ui/arrange.rs)
    /// Aligns or distributes the selected zones.
    Arrange(crate::command::arrange::Arrangement),
    /// View → Snap to grid.
    SnapToGrid,
    /// View → Overview map: the whole plant in a corner of the canvas, with the view on it.
    OverviewMap,
    /// View → Show every asset: the selected zones drawn with every chip (or back to groups).
    ShowEveryAsset,
    /// View → Purdue bands (a project setting: the drawings show them too).
    PurdueBands,
    /// File → New from template, by name.
    NewFromTemplate(&'static str),
    /// Requirements tab: pick every row the filters show.
    SelectAllRequirements,
    /// Requirements tab: "Everything up to SL n is met" (asks first).
    MarkMetUpTo,
    /// Requirements tab: copy the assessment to other zones or conduits.
    CopyAssessment,
}

/// How a command shows its on/off state in a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    None,
    /// A checkbox (a setting).
    Toggle(bool),
    /// A highlighted item (a mode or the shown tab).
    Selected(bool),
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

impl UiCommand {
    /// Every command, in menu order (one per sample, four nudges each way).
    pub fn all() -> Vec<UiCommand> {
        use UiCommand::*;
        let mut all = vec![New, Open, OpenByPath];
        all.extend(crate::samples::SAMPLES.iter().map(|s| OpenSample(s.name)));
        all.extend([
            Save,
            SaveAs,
            SaveAsByPath,
            ExportPdf,
            ImportAssets,
            ImportTraffic,
            ApplyMatrix,
            CompareWith,
            Close,
            Quit,
            Undo,
            Redo,
            Duplicate,
            Delete,
            SelectAll,
            Cancel,
            ZoomToFit,
            ResetZoom,
            ZoomIn,
            ZoomOut,
            Presentation,
            DarkTheme,
            CommandPalette,
        ]);
        all.extend(DockTab::ALL.map(ShowTab));
        for fine in [false, true] {
            all.extend(Direction::ALL.map(|direction| Nudge { direction, fine }));
        }
        all.extend([Shortcuts, Documentation, About]);
        all.extend([Copy, Cut, Paste, Rename, Find]);
        all.extend(crate::command::arrange::Arrangement::ALL.map(Arrange));
        all.extend([
            SnapToGrid,
            OverviewMap,
            ShowEveryAsset,
            PurdueBands,
            TrafficLines,
        ]);
        all.extend(
            crate::samples::TEMPLATES
                .iter()
                .map(|t| NewFromTemplate(t.name)),
        );
        all.extend([SelectAllRequirements, MarkMetUpTo, CopyAssessment]);
        all
    }

    /// The menu and palette text.
    pub fn text(self) -> String {
        use UiCommand::*;
        let s = match self {
            New => "New",
            Open => "Open…",
            OpenByPath => "Open by path…",
            OpenSample(name) => {
                let title = crate::samples::find(name).map_or(name, |s| s.title);
                return format!("Open sample: {title}");
            }
            Save => "Save",
            SaveAs => "Save As…",
            SaveAsByPath => "Save As by path…",
            ExportPdf => "Export…",
            ImportAssets => "Import assets…",
            CompareWith => "Compare with…",
            ImportTraffic => "Import traffic…",
            TrafficLines => "Traffic without conduit",
            ApplyMatrix => "Apply compliance matrix…",
            Close => "Close",
            Quit => "Quit",
            Undo => "Undo",
            Redo => "Redo",
            Duplicate => "Duplicate",
            Delete => "Delete",
            SelectAll => "Select all",
            Cancel => "Cancel gesture or clear selection",
            ZoomToFit => "Zoom to fit",
            ResetZoom => "Reset zoom (100%)",
            ZoomIn => "Zoom in",
            ZoomOut => "Zoom out",
            Presentation => "Presentation mode",
            DarkTheme => "Dark theme",
            CommandPalette => "Command palette…",
            ShowTab(tab) => return format!("Show {}", tab.label()),
            Nudge { direction, fine } => {
                let size = if fine { "a little" } else { "" };
                return format!("Nudge selected zones {} {size}", direction.name())
                    .trim_end()
                    .to_owned();
            }
            About => "About zonewright",
            Shortcuts => "Keyboard shortcuts",
            Documentation => "Documentation",
            Copy => "Copy",
            Cut => "Cut",
            Paste => "Paste",
            Rename => "Rename",
            Find => "Find…",
            Arrange(how) => how.label(),
            SnapToGrid => "Snap to grid",
            OverviewMap => "Overview map",
            ShowEveryAsset => "Show every asset",
            PurdueBands => "Purdue bands",
            NewFromTemplate(name) => {
                let title = crate::samples::find_template(name).map_or(name, |t| t.title);
                return format!("New from template: {title}");
            }
            SelectAllRequirements => "Select all visible requirements",
            MarkMetUpTo => "Everything up to SL n is met…",
            CopyAssessment => "Copy assessment to…",
        };
        s.to_owned()
    }

    /// Hover text in menus.
    pub fn tooltip(self) -> &'static str {
        use UiCommand::*;
        match self {
            New => "Start a new, empty project",
            Open => "Open a project file (.ron)",
            OpenByPath => "Type the path of a project file to open",
            OpenSample(_) => "Open a bundled example plant (Save As to keep changes)",
            Save => "Save the project to its file",
            SaveAs => "Save the project to a new file",
            SaveAsByPath => "Type the path to save the project to",
            ExportPdf => {
                "Write the tender pack (PDF), the drawing (SVG, PNG, draw.io), the registers or the compliance matrix (XLSX, CSV)"
            }
            ApplyMatrix => {
                "Read back a compliance matrix a supplier filled in: preview, then apply as one undo step"
            }
            CompareWith => {
                "Mark what changed since an older revision of the project on the canvas and list it in the Changes tab"
            }
            ImportAssets => {
                "Add or update assets from an inventory (CSV or XLSX) with a preview first; with no project open, into a new one"
            }
            ImportTraffic => {
                "Compare the design with observed traffic (Zeek conn.log, flows CSV, pcap, pcapng): preview, proposed conduits to tick, one undo step"
            }
            TrafficLines => {
                "Draw observed traffic between zones that no conduit joins as a dashed red line"
            }
            Close => "Close the project",
            Quit => "Quit zonewright",
            Undo => "Undo the last change",
            Redo => "Redo the change last undone",
            Duplicate => "Copy the selected zones and assets",
            Delete => "Delete the selected elements",
            SelectAll => "Select every zone and conduit",
            Cancel => "End the current gesture or tool, or clear the selection",
            ZoomToFit => "Fit the whole plant into the canvas",
            ResetZoom => "Show the canvas at 100%",
            ZoomIn => "Zoom the canvas in",
            ZoomOut => "Zoom the canvas out",
            Presentation => "Hide the side panels and enlarge the labels",
            DarkTheme => "Switch between the light and the dark theme",
            CommandPalette => "Find any command by typing",
            ShowTab(_) => "Show this tab in the bottom dock",
            Nudge { .. } => "Move the selected zones",
            About => "Version, licences and credits",
            Shortcuts => "Every keyboard shortcut of the designer on one sheet",
            Documentation => {
                "The user documentation, offline: designer, findings, risk, components, import, exports, project files"
            }
            Copy => "Copy the selected zones (with their assets), assets and conduits",
            Cut => "Copy the selection, then delete it",
            Paste => "Paste copied elements at the pointer, or beside where they were",
            Rename => "Edit the name of the selected zone, asset or conduit in place",
            Find => "Find zones, assets and conduits by name, tag, IP, component or requirement",
            Arrange(how) => super::arrange::arrange_tooltip(how),
            PurdueBands => {
                "Show the Purdue levels 0–5 and the 3.5 DMZ as bands behind the zones, here and on the drawings"
            }
            ShowEveryAsset => {
                "Draw the selected zones with a chip for every asset, over their neighbours (a view setting; the file is not changed); again to go back to groups by type"
            }
            OverviewMap => {
                "A small map of the whole plant in the canvas's corner, the part on screen outlined; click or drag in it to go there"
            }
            SnapToGrid => {
                "Zones snap to a 10-unit grid when moved, resized or added (hold Alt while dragging to place freely)"
            }
            NewFromTemplate(name) => crate::samples::find_template(name)
                .map_or("A new project from a template", |t| t.description),
            SelectAllRequirements => {
                "Pick every requirement row the Requirements tab shows, for a bulk change"
            }
            MarkMetUpTo => {
                "Mark every applicable requirement up to a level met for the zone or conduit shown (asks first)"
            }
            CopyAssessment => {
                "Copy the requirement assessment of the zone or conduit shown to other zones or conduits"
            }
        }
    }

    /// Default shortcuts; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        use UiCommand::*;
        match self {
            New => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::N,
            }],
            Open => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::O,
            }],
            Save => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::S,
            }],
            SaveAs => &[KeyboardShortcut {
                modifiers: CMD_SHIFT,
                logical_key: Key::S,
            }],
            ExportPdf => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::E,
            }],
            Quit => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::Q,
            }],
            Undo => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::Z,
            }],
            Redo => &[
                KeyboardShortcut {
                    modifiers: CMD_SHIFT,
                    logical_key: Key::Z,
                },
                KeyboardShortcut {
                    modifiers: CMD,
                    logical_key: Key::Y,
                },
            ],
            Duplicate => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::D,
            }],
            Delete => &[
                KeyboardShortcut {
                    modifiers: NONE,
                    logical_key: Key::Delete,
                },
                KeyboardShortcut {
                    modifiers: NONE,
                    logical_key: Key::Backspace,
                },
            ],
            SelectAll => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::A,
            }],
            Cancel => &[KeyboardShortcut {
                modifiers: NONE,
                logical_key: Key::Escape,
            }],
            ZoomToFit => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::Num0,
            }],
            ResetZoom => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::Num1,
            }],
            ZoomIn => &[
                KeyboardShortcut {
                    modifiers: CMD,
                    logical_key: Key::Plus,
                },
                KeyboardShortcut {
                    modifiers: CMD,
                    logical_key: Key::Equals,
                },
            ],
            ZoomOut => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::Minus,
            }],
            Presentation => &[KeyboardShortcut {
                modifiers: NONE,
                logical_key: Key::F5,
            }],
            CommandPalette => &[KeyboardShortcut {
                modifiers: CMD_SHIFT,
                logical_key: Key::P,
            }],
            Nudge { direction, fine } => nudge_shortcut(direction, fine),
            Copy => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::C,
            }],
            Cut => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::X,
            }],
            Paste => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::V,
            }],
            Rename => &[KeyboardShortcut {
                modifiers: NONE,
                logical_key: Key::F2,
            }],
            Find => &[KeyboardShortcut {
                modifiers: CMD,
                logical_key: Key::F,
            }],
            Shortcuts => &[KeyboardShortcut {
                modifiers: NONE,
                logical_key: Key::F1,
            }],
            OpenByPath | OpenSample(_) | SaveAsByPath | ImportAssets | ApplyMatrix
            | CompareWith | Close | DarkTheme | ShowTab(_) | About | Documentation => &[],
            Arrange(how) => super::arrange::arrange_shortcut(how),
            PurdueBands | ImportTraffic | TrafficLines => &[],
            SnapToGrid => &[KeyboardShortcut {
                modifiers: CMD_SHIFT,
                logical_key: Key::G,
            }],
            OverviewMap => &[KeyboardShortcut {
                modifiers: CMD_SHIFT,
                logical_key: Key::M,
            }],
            ShowEveryAsset => &[KeyboardShortcut {
                modifiers: CMD_SHIFT,
                logical_key: Key::E,
            }],
            NewFromTemplate(_) | SelectAllRequirements | MarkMetUpTo | CopyAssessment => &[],
        }
    }

    /// Whether the shortcut also acts while a text field is being edited (none of these keys
    /// means anything to a text field).
    pub(crate) fn acts_in_text_field(self) -> bool {
        use UiCommand::*;
        matches!(
            self,
            New | Open | Save | SaveAs | ExportPdf | Quit | CommandPalette
        )
    }

    /// Whether the shortcut is left to a focused widget of any kind or an open menu: arrows move
    /// the keyboard focus and step sliders and drag values; without either they nudge.
    pub(crate) fn yields_to_focused_widget(self) -> bool {
        matches!(self, UiCommand::Nudge { .. })
    }

    /// Whether the command can run now.
    pub(crate) fn enabled(self, app: &DesignerApp) -> bool {
        use UiCommand::*;
        let doc = app.doc.as_ref();
        match self {
            New | Open | OpenByPath | OpenSample(_) | Quit | DarkTheme | CommandPalette | About
            | ImportAssets | Shortcuts | Documentation => true,
            NewFromTemplate(_) => true,
            SelectAllRequirements | MarkMetUpTo | CopyAssessment => {
                app.requirements_tab_target().is_some()
            }
            Save | SaveAs | SaveAsByPath | Close | SelectAll | Cancel | ZoomToFit | ResetZoom
            | ZoomIn | ZoomOut | Presentation | ShowTab(_) => doc.is_some(),
            ExportPdf => doc.is_some() && app.export.is_none(),
            ApplyMatrix | CompareWith | ImportTraffic => doc.is_some(),
            TrafficLines => true,
            Undo => doc.is_some_and(|d| d.history.can_undo()),
            Redo => doc.is_some_and(|d| d.history.can_redo()),
            Duplicate | Delete => doc.is_some() && !app.selection.is_empty(),
            Nudge { .. } => {
                doc.is_some()
                    && app
                        .selection
                        .iter()
                        .any(|e| matches!(e, crate::model::ElementRef::Zone(_)))
            }
            Copy | Cut => doc.is_some() && !app.selection.is_empty(),
            Paste | Find => doc.is_some(),
            Rename => doc.is_some() && super::rename::renameable(app).is_some(),
            Arrange(how) => super::arrange::arrange_enabled(app, how),
            SnapToGrid | OverviewMap => true,
            ShowEveryAsset => !app.selected_zone_ids().is_empty(),
            PurdueBands => doc.is_some(),
        }
    }

    /// The on/off state menus show.
    pub fn check(self, app: &DesignerApp) -> Check {
        match self {
            UiCommand::DarkTheme => Check::Toggle(app.dark),
            UiCommand::Presentation => Check::Selected(app.presentation),
            UiCommand::ShowTab(tab) => Check::Selected(app.dock_tab == tab),
            UiCommand::SnapToGrid => Check::Toggle(app.canvas.snap_to_grid),
            UiCommand::OverviewMap => Check::Toggle(app.canvas.overview_map),
            UiCommand::TrafficLines => Check::Toggle(app.canvas.traffic_lines),
            UiCommand::ShowEveryAsset => {
                let zones = app.selected_zone_ids();
                Check::Toggle(
                    !zones.is_empty() && zones.iter().all(|z| app.canvas.expanded.contains(z)),
                )
            }
            UiCommand::PurdueBands => Check::Toggle(
                app.doc
                    .as_ref()
                    .is_some_and(|d| d.project.meta.purdue_bands),
            ),
            _ => Check::None,
        }
    }

    /// The menu text with what it would act on ("Undo Move zone BPCS").
    pub(crate) fn menu_text(self, app: &DesignerApp) -> String {
        let history = app.doc.as_ref().map(|d| &d.history);
        let label = match self {
            UiCommand::Undo => history.and_then(|h| h.undo_label()),
            UiCommand::Redo => history.and_then(|h| h.redo_label()),
            UiCommand::ShowTab(tab) => return tab.label().to_owned(),
            UiCommand::OpenSample(name) => {
                return crate::samples::find(name)
                    .map_or(name, |s| s.title)
                    .to_owned();
            }
            UiCommand::NewFromTemplate(name) => {
                return crate::samples::find_template(name)
                    .map_or(name, |t| t.title)
                    .to_owned();
            }
            _ => None,
        };
        match label {
            Some(l) => format!("{} {l}", self.text()),
            None => self.text(),
        }
    }
}

fn nudge_shortcut(direction: Direction, fine: bool) -> &'static [KeyboardShortcut] {
    const fn pair(key: Key) -> [KeyboardShortcut; 2] {
        [sc(NONE, key), sc(SHIFT, key)]
    }
    const LEFT: [KeyboardShortcut; 2] = pair(Key::ArrowLeft);
    const RIGHT: [KeyboardShortcut; 2] = pair(Key::ArrowRight);
    const UP: [KeyboardShortcut; 2] = pair(Key::ArrowUp);
    const DOWN: [KeyboardShortcut; 2] = pair(Key::ArrowDown);
    let pair: &'static [KeyboardShortcut; 2] = match direction {
        Direction::Left => &LEFT,
        Direction::Right => &RIGHT,
        Direction::Up => &UP,
        Direction::Down => &DOWN,
    };
    &pair[usize::from(fine)..=usize::from(fine)]
}

/// The shortcut as README and tests spell it (Ctrl, not ⌘).
pub(crate) fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    shortcut.format(&egui::ModifierNames::NAMES, false)
}

fn modifier_count(shortcut: &KeyboardShortcut) -> usize {
    let m = shortcut.modifiers;
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .filter(|b| *b)
        .count()
}

impl DesignerApp {
    /// The ids of the selected zones.
    pub(crate) fn selected_zone_ids(&self) -> Vec<crate::model::ZoneId> {
        self.selection
            .iter()
            .filter_map(|e| match e {
                crate::model::ElementRef::Zone(z) => Some(*z),
                _ => None,
            })
            .collect()
    }

    /// Runs `command` if it is enabled; returns whether it ran.
    pub fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) -> bool {
        if !command.enabled(self) {
            return false;
        }
        use UiCommand::*;
        match command {
            New => self.guarded(Pending::New),
            Open => self.guarded(Pending::Open),
            OpenByPath => {
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::Open,
                    text: String::new(),
                })
            }
            OpenSample(name) => self.guarded(Pending::OpenSample(name)),
            Save => {
                self.save();
            }
            SaveAs => self.save_as(),
            SaveAsByPath => {
                let text = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path.as_ref())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::SaveAs,
                    text,
                });
            }
            ExportPdf => self.ask_export(),
            ImportAssets => {
                // with no project open, the import starts a new one
                if self.doc.is_none() {
                    self.run_pending(Pending::New);
                }
                if let Some(d) = &self.doc {
                    self.import.open(&d.project.import_settings);
                }
            }
            ApplyMatrix => self.ask_apply_matrix(),
            CompareWith => self.ask_compare(),
            ImportTraffic => self.traffic.open(),
            TrafficLines => self.canvas.traffic_lines = !self.canvas.traffic_lines,
            Close => self.guarded(Pending::Close),
            Quit => self.guarded(Pending::Quit),
            Undo => self.emit(Intent::Undo),
            Redo => self.emit(Intent::Redo),
            Duplicate => self.emit(Intent::Act(Action::DuplicateSelection)),
            Delete => self.emit(Intent::Act(Action::DeleteSelection)),
            SelectAll => self.emit(Intent::SelectAll),
            Cancel => {
                // Escape closes an open context menu first
                if self.canvas.context_menu.take().is_some() || self.canvas.end_focus() {
                    return true;
                }
                if !self.canvas.cancel_gesture() && !self.palette.cancel_tool() {
                    self.emit(Intent::Select(Vec::new()));
                }
            }
            ZoomToFit => self.canvas.request_fit(),
            ResetZoom => {
                let zoom = self.canvas.zoom();
                if zoom > 0.0 {
                    self.canvas.zoom_by(1.0 / zoom);
                }
            }
            ZoomIn => self.canvas.zoom_by(1.25),
            ZoomOut => self.canvas.zoom_by(0.8),
            Presentation => self.toggle_presentation(),
            DarkTheme => self.set_dark(!self.dark, ctx),
            CommandPalette => self.command_palette.open(),
            ShowTab(tab) => self.dock_tab = tab,
            Nudge { direction, fine } => {
                let step = if fine { NUDGE_FINE_STEP } else { NUDGE_STEP };
                let (dx, dy) = direction.offset(step);
                self.emit(Intent::Act(Action::Nudge { dx, dy }));
            }
            About => self.modal = Some(Modal::About),
            Shortcuts => self.modal = Some(Modal::Help(super::help::HelpPage::Shortcuts)),
            Documentation => self.modal = Some(Modal::Help(super::help::HelpPage::Doc(0))),
            Copy => {
                self.copy_command(ctx);
            }
            Cut => self.cut_command(ctx),
            Paste => self.paste_command(ctx),
            Rename => {
                if let Some(e) = super::rename::renameable(self) {
                    self.begin_rename(e);
                }
            }
            Find => self.find.open(),
            Arrange(how) => self.plan_and_apply(crate::command::Action::Arrange(how)),
            SnapToGrid => self.canvas.snap_to_grid = !self.canvas.snap_to_grid,
            OverviewMap => self.canvas.overview_map = !self.canvas.overview_map,
            ShowEveryAsset => {
                let zones = self.selected_zone_ids();
                if zones.iter().all(|z| self.canvas.expanded.contains(z)) {
                    for z in &zones {
                        self.canvas.expanded.remove(z);
                    }
                } else {
                    self.canvas.expanded.extend(zones);
                }
            }
            PurdueBands => self.toggle_purdue_bands(),
            NewFromTemplate(name) => self.guarded(Pending::OpenTemplate(name)),
            SelectAllRequirements => self.select_all_requirements(),
            MarkMetUpTo => self.ask_met_up_to(),
            CopyAssessment => self.ask_copy_assessment(),
        }
        true
    }

    /// Switches the theme.
    pub(crate) fn set_dark(&mut self, dark: bool, ctx: &egui::Context) {
        self.dark = dark;
        self.show_theme(ctx);
    }

    /// Makes egui show the theme of [`DesignerApp::dark`] (the designer's choice wins over the
    /// system's and over whoever set egui's theme before the first frame).
    pub(super) fn show_theme(&self, ctx: &egui::Context) {
        let theme = if self.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.options(|o| o.theme_preference) != theme.into() {
            ctx.set_theme(theme);
        }
    }

    /// Runs the commands whose shortcuts were pressed this frame. Shortcuts act unless a text
    /// field is being edited (then its own keys win) or a dialog is open; Esc with a menu open
    /// is left to the menu, arrows to a focused widget.
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.command_palette.is_open() {
            return;
        }
        let in_text = ctx.text_edit_focused();
        let any_focus = ctx.memory(|m| m.focused().is_some());
        let popup_open = egui::Popup::is_any_open(ctx);
        // Ctrl+Shift+Z before Ctrl+Z: a pattern without Shift also matches a press with it
        let mut bindings: Vec<(UiCommand, &'static KeyboardShortcut)> = UiCommand::all()
            .into_iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (c, s)))
            .collect();
        bindings.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s)));
        for (command, shortcut) in bindings {
            if (in_text && !command.acts_in_text_field())
                || ((any_focus || popup_open) && command.yields_to_focused_widget())
                || (popup_open && command == UiCommand::Cancel)
            {
                continue;
            }
            // a disabled command with Shift or Alt still takes its own press (no two commands
            // share a shortcut): Ctrl+Shift+Z with nothing to redo must not fall through to
            // Ctrl+Z and undo; other keys of disabled commands stay with the widgets
            let enabled = command.enabled(self);
            if !(enabled || shortcut.modifiers.shift || shortcut.modifiers.alt) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(shortcut)) && enabled {
                self.run_command(command, ctx);
            }
        }
    }
}

#[cfg(test)]
mod tests;
