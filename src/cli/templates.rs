//! `zonewright templates`: the embedded templates, name and one-line description, as text or
//! JSON.

use super::CheckFormat;
use crate::samples::TEMPLATES;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    title: &'a str,
    description: &'a str,
    /// What to pass where a project file is expected.
    open_with: String,
}

/// Lists the templates; returns the exit status.
pub fn run(format: CheckFormat, out: &mut dyn Write) -> std::io::Result<i32> {
    match format {
        CheckFormat::Text => {
            let width = TEMPLATES
                .iter()
                .map(|t| t.name.len() + "template:".len())
                .max()
                .unwrap_or(0);
            for t in TEMPLATES {
                let open = format!("template:{}", t.name);
                writeln!(out, "{open:<width$}  {} — {}", t.title, t.description)?;
            }
        }
        CheckFormat::Json => {
            let list: Vec<Listed> = TEMPLATES
                .iter()
                .map(|t| Listed {
                    name: t.name,
                    title: t.title,
                    description: t.description,
                    open_with: format!("template:{}", t.name),
                })
                .collect();
            let text = serde_json::to_string_pretty(&list).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(super::EXIT_OK)
}
