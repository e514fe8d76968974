//! `zonewright info`: what a support request needs — the version, the platform, where the
//! program keeps its state, preferences and recovery files, and the fonts it uses.

use super::CheckFormat;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Most entries of the state folder looked at.
const MAX_ENTRIES: usize = 10_000;

/// The fonts every copy of the program uses: embedded in the exe, never taken from the system.
const FONTS: [(&str, &str, &str); 4] = [
    (
        "egui's default fonts (Ubuntu Light, Hack, Noto Emoji, emoji-icon-font)",
        "designer",
        "built into egui",
    ),
    (
        "DejaVu Sans",
        "designer fallback (Latin, Greek, Cyrillic); PDF, SVG, PNG",
        "assets/fonts/DejaVuSans.ttf",
    ),
    (
        "DejaVu Sans Bold",
        "PDF, SVG, PNG",
        "assets/fonts/DejaVuSans-Bold.ttf",
    ),
    (
        "WenQuanYi Micro Hei",
        "designer fallback (CJK); PDF, SVG, PNG",
        "assets/fonts/wqy-microhei.ttc",
    ),
];

#[derive(Serialize)]
struct Font {
    name: &'static str,
    used_by: &'static str,
    embedded_from: &'static str,
}

#[derive(Serialize)]
struct OpenDocument {
    /// The document's file; `None` for one never saved.
    path: Option<PathBuf>,
    pid: u32,
    host: String,
    /// When it was opened, seconds since 1970-01-01 UTC.
    since_unix: u64,
}

#[derive(Serialize)]
struct Info {
    version: &'static str,
    os: &'static str,
    arch: &'static str,
    /// Recovery files and locks; `None` when the OS names no folder for it.
    state_folder: Option<PathBuf>,
    /// Whether `ZONEWRIGHT_STATE_DIR` chose the state folder.
    state_folder_from_env: bool,
    /// The designer's preferences (window, panels, theme, recent files).
    preferences_folder: Option<PathBuf>,
    /// Recovery files are kept in the state folder.
    recovery_folder: Option<PathBuf>,
    /// Recovery files waiting there now.
    recovery_files: usize,
    /// Documents open in a running designer now (their locks in the state folder).
    open_documents: Vec<OpenDocument>,
    fonts: Vec<Font>,
}

fn gather() -> Info {
    let state = crate::file::recovery::state_dir();
    let names: Vec<(String, PathBuf)> = state
        .as_ref()
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|entries| {
            entries
                .flatten()
                .take(MAX_ENTRIES)
                .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
                .filter(|(n, _)| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    let recovery_files = names
        .iter()
        .filter(|(n, _)| n.starts_with("recovery"))
        .count();
    let mut open_documents: Vec<OpenDocument> = names
        .iter()
        .filter(|(n, _)| n.starts_with("lock-"))
        .filter_map(|(_, p)| crate::file::lock::read_lock(p))
        .filter(|l| l.is_live())
        .map(|l| OpenDocument {
            path: l.path,
            pid: l.owner.pid,
            host: l.owner.host,
            since_unix: l.since_unix,
        })
        .collect();
    open_documents.sort_by(|a, b| a.path.cmp(&b.path).then(a.pid.cmp(&b.pid)));
    Info {
        version: env!("CARGO_PKG_VERSION"),
        os: std::env::consts::OS,
        arch: std::env::consts::ARCH,
        state_folder_from_env: std::env::var_os("ZONEWRIGHT_STATE_DIR")
            .is_some_and(|d| !d.is_empty()),
        preferences_folder: eframe::storage_dir("zonewright"),
        recovery_folder: state.clone(),
        state_folder: state,
        recovery_files,
        open_documents,
        fonts: FONTS
            .iter()
            .map(|&(name, used_by, embedded_from)| Font {
                name,
                used_by,
                embedded_from,
            })
            .collect(),
    }
}

fn folder(p: &Option<PathBuf>) -> String {
    p.as_ref().map_or_else(
        || "none found (no home or local application data folder)".to_owned(),
        |p| p.display().to_string(),
    )
}

/// Prints the information; returns the exit status.
pub fn run(format: CheckFormat, out: &mut dyn Write) -> std::io::Result<i32> {
    let info = gather();
    match format {
        CheckFormat::Text => {
            writeln!(
                out,
                "zonewright {} ({} {})",
                info.version, info.os, info.arch
            )?;
            let env = if info.state_folder_from_env {
                " (from ZONEWRIGHT_STATE_DIR)"
            } else {
                ""
            };
            writeln!(
                out,
                "state folder:       {}{env}",
                folder(&info.state_folder)
            )?;
            writeln!(
                out,
                "preferences folder: {}",
                folder(&info.preferences_folder)
            )?;
            writeln!(
                out,
                "recovery folder:    {} ({} recovery file{} waiting)",
                folder(&info.recovery_folder),
                info.recovery_files,
                if info.recovery_files == 1 { "" } else { "s" }
            )?;
            for d in &info.open_documents {
                let path = d.path.as_ref().map_or_else(
                    || "an unsaved project".to_owned(),
                    |p| p.display().to_string(),
                );
                writeln!(
                    out,
                    "open in a running designer: {path} (process {} on {})",
                    d.pid, d.host
                )?;
            }
            if info.state_folder.is_none() {
                writeln!(
                    out,
                    "crash recovery and file locks are off: set ZONEWRIGHT_STATE_DIR to a folder"
                )?;
            }
            writeln!(out, "fonts (embedded; no system font is used):")?;
            for f in &info.fonts {
                writeln!(out, "  {} — {} ({})", f.name, f.used_by, f.embedded_from)?;
            }
        }
        CheckFormat::Json => {
            let text = serde_json::to_string_pretty(&info).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(super::EXIT_OK)
}
