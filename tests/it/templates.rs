//! The embedded templates: each loads as a new project with zones, conduits, a few assets and
//! SL-T set, nothing assessed, no error finding; `zonewright templates` lists them (text and
//! JSON), `template:NAME` works where a project file is expected, and File → New from template
//! opens one as a new document without a file.

use crate::common;

use std::process::Command;
use zonewright::analysis::{FindingSeverity, assess};
use zonewright::catalog::Catalog;
use zonewright::samples::TEMPLATES;
use zonewright::ui::commands::UiCommand;

fn zonewright(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn every_template_is_a_valid_starting_point_without_errors() {
    assert!(TEMPLATES.len() >= 5);
    for name in ["purdue", "process", "water", "manufacturing", "substation"] {
        assert!(
            TEMPLATES.iter().any(|t| t.name == name),
            "template {name} is missing"
        );
    }
    for t in TEMPLATES {
        let p = t.project().unwrap_or_else(|e| panic!("{}: {e}", t.name));
        assert_eq!(
            p.meta.title,
            format!("Untitled (from template {})", t.title)
        );
        assert!(p.zones.len() >= 5, "{}: zones", t.name);
        assert!(p.conduits.len() >= 4, "{}: conduits", t.name);
        assert!(p.asset_count() >= 5, "{}: assets", t.name);
        assert!(p.approval.is_none());
        for z in &p.zones {
            assert!(z.sl_t.is_some(), "{}: zone {} has no SL-T", t.name, z.name);
            assert!(z.requirements.is_empty(), "{}: {} assessed", t.name, z.name);
        }
        assert!(p.conduits.iter().all(|c| c.requirements.is_empty()));
        let a = assess(&p, Catalog::embedded());
        let errors: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .map(|f| f.message.as_str())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", t.name);
        // every component and control id is one the catalog knows
        for z in &p.zones {
            for asset in &z.assets {
                assert!(
                    Catalog::embedded().component(&asset.component).is_some(),
                    "{}: {}",
                    t.name,
                    asset.component
                );
            }
        }
    }
}

#[test]
fn the_cli_lists_templates_and_accepts_template_names() {
    let out = zonewright(&["templates"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for t in TEMPLATES {
        assert!(text.contains(&format!("template:{}", t.name)), "{text}");
        assert!(text.contains(t.description), "{text}");
    }
    let out = zonewright(&["templates", "--format", "json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), TEMPLATES.len());
    assert_eq!(list[0]["open_with"], "template:purdue");
    assert_eq!(list[4]["name"], "substation");
    for t in TEMPLATES {
        let name = format!("template:{}", t.name);
        let out = zonewright(&["check", &name]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Untitled (from template"));
    }
    let out = zonewright(&["check", "template:nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("substation"));
}

#[test]
fn new_from_template_opens_an_unsaved_document_without_a_file() {
    let mut h = common::harness_with(Vec::new());
    h.run();
    let ctx = h.ctx.clone();
    assert!(
        h.state_mut()
            .run_command(UiCommand::NewFromTemplate("substation"), &ctx)
    );
    h.run();
    let doc = h.state().doc.as_ref().expect("a document");
    assert_eq!(
        doc.project.meta.title,
        "Untitled (from template Substation (IEC 61850))"
    );
    assert!(doc.path.is_none(), "Save asks for a path");
    assert!(!doc.is_dirty(), "nothing the user did is in it yet");
    // the template is in the File menu and the palette
    assert!(UiCommand::all().contains(&UiCommand::NewFromTemplate("water")));
    assert_eq!(
        UiCommand::NewFromTemplate("water").text(),
        "New from template: Water utility"
    );
}
