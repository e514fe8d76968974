//! Rules of the house that the compiler cannot check, read from the source tree: only
//! `src/command` (the planner) and `src/edit` (the edits and their history) build an `Edit`;
//! every view, import, export and the command line goes through `command::plan` or a planner
//! beside it.

use std::path::{Path, PathBuf};

/// Places outside `src/command` and `src/edit` allowed to name an `Edit` variant, each with its
/// reason. Empty: there is none.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The lines of `text` that name a variant of `Edit` (`Edit::ReplaceZone`, `edit::Edit::Batch`),
/// not of another type whose name ends in `Edit` (`egui::TextEdit::singleline`).
fn edit_variants(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        let mut offset = 0;
        while let Some(i) = rest.find("Edit::") {
            let at = offset + i;
            let before = code[..at].chars().next_back();
            let after = code[at + "Edit::".len()..].chars().next();
            let own_name = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if own_name && after.is_some_and(|c| c.is_ascii_uppercase()) {
                found.push((n + 1, line.trim().to_owned()));
                break;
            }
            offset = at + "Edit::".len();
            rest = &code[offset..];
        }
    }
    found
}

#[test]
fn the_scan_finds_edit_variants_and_nothing_else() {
    let text = "let e = Edit::ReplaceZone(z);\n\
                let t = egui::TextEdit::singleline(&mut s);\n\
                // Edit::Batch in a comment\n\
                x.push(crate::edit::Edit::Batch(v));\n\
                let i = Intent::SealEdit;\n\
                use crate::edit::Edit::{self};";
    let lines: Vec<usize> = edit_variants(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [1, 4]);
}

#[test]
fn only_the_planner_and_the_history_build_edits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let planner = [root.join("src/command"), root.join("src/edit")];
    let mut outside = Vec::new();
    for dir in ["src", "benches", "examples"] {
        for file in rust_files(&root.join(dir)) {
            if planner.iter().any(|p| file.starts_with(p)) {
                continue;
            }
            let rel = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            if EXCEPTIONS.iter().any(|(path, _)| *path == rel) {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("a source file");
            for (line, code) in edit_variants(&text) {
                outside.push(format!("{rel}:{line}: {code}"));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "an Edit is built outside src/command and src/edit; plan it there (an Action or a \
         planner beside command::plan) or list the place in EXCEPTIONS with its reason:\n{}",
        outside.join("\n")
    );
}
