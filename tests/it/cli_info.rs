//! `zonewright info`: the version, the state, preferences and recovery folders (where each OS
//! keeps them, `ZONEWRIGHT_STATE_DIR` first), what waits there, and the fonts in use.

use std::path::Path;
use std::process::{Command, Output};
use zonewright::file::lock::{HeldLock, Owner};
use zonewright::file::recovery::RecoveryStore;

/// Runs `zonewright info` with a clean environment for the state folder: `env` is set, every
/// other variable that chooses it is removed.
fn info(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zonewright"));
    cmd.arg("info").args(args);
    for var in ["ZONEWRIGHT_STATE_DIR", "XDG_STATE_HOME", "XDG_DATA_HOME"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn the_state_folder_variable_wins_and_what_waits_there_is_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("zustand mit Leerzeichen");
    let o = info(&[], &[("ZONEWRIGHT_STATE_DIR", &state)]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with(&format!("zonewright {} (", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "state folder:       {} (from ZONEWRIGHT_STATE_DIR)",
            state.display()
        )),
        "{text}"
    );
    assert!(text.contains("(0 recovery files waiting)"), "{text}");
    for font in ["DejaVu Sans", "DejaVu Sans Bold", "WenQuanYi Micro Hei"] {
        assert!(text.contains(font), "{font}: {text}");
    }
    assert!(text.contains("preferences folder: "), "{text}");

    // a recovery left behind and a document open in this (running) process
    let store = RecoveryStore::new(&state);
    let project = zonewright::cli::load_project("sample:water").expect("sample");
    store.write(&project, None).expect("recovery");
    let plant = dir.path().join("Anlage Süd.ron");
    let held =
        HeldLock::acquire(&state, "fabc", &Owner::new_instance(), Some(&plant)).expect("lock");
    let v = json(&info(
        &["--format", "json"],
        &[("ZONEWRIGHT_STATE_DIR", &state)],
    ));
    assert_eq!(v["state_folder"], state.to_string_lossy().as_ref());
    assert_eq!(v["recovery_folder"], v["state_folder"]);
    assert_eq!(v["state_folder_from_env"], true);
    assert_eq!(v["recovery_files"], 1);
    let open = v["open_documents"].as_array().expect("list");
    assert_eq!(open.len(), 1, "{v}");
    assert_eq!(open[0]["path"], plant.to_string_lossy().as_ref());
    assert_eq!(open[0]["pid"], std::process::id());
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["fonts"].as_array().map(Vec::len), Some(4));
    drop(held);
    let v = json(&info(
        &["--format", "json"],
        &[("ZONEWRIGHT_STATE_DIR", &state)],
    ));
    assert_eq!(v["open_documents"].as_array().map(Vec::len), Some(0));
}

/// Linux keeps state where XDG says: `$XDG_STATE_HOME/zonewright`, else
/// `~/.local/state/zonewright`. (Windows and macOS are checked under Wine and in
/// docs/platforms.md.)
#[cfg(target_os = "linux")]
#[test]
fn without_the_variable_linux_uses_the_xdg_state_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg-state");
    let v = json(&info(
        &["--format", "json"],
        &[("HOME", &home), ("XDG_STATE_HOME", &xdg)],
    ));
    assert_eq!(
        v["state_folder"],
        xdg.join("zonewright").to_string_lossy().as_ref()
    );
    assert_eq!(v["state_folder_from_env"], false);
    let v = json(&info(&["--format", "json"], &[("HOME", &home)]));
    assert_eq!(
        v["state_folder"],
        home.join(".local/state/zonewright")
            .to_string_lossy()
            .as_ref()
    );
    assert_eq!(
        v["preferences_folder"],
        home.join(".local/share/zonewright")
            .to_string_lossy()
            .as_ref()
    );
}
