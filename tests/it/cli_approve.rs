//! `zonewright approve`, run as a user would: the approval lands in the file with the revision
//! and content hash, `check` sees it as current, and an edit of the file makes it outdated.

use std::process::{Command, Output};
use zonewright::analysis::assess;
use zonewright::analysis::risk::{ApprovalState, approval_state};
use zonewright::catalog::Catalog;
use zonewright::model::{Decision, content_hash};

fn zonewright(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonewright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn approve_records_revision_and_hash_and_an_edit_makes_it_outdated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plant.ron");
    let p = path.to_str().expect("utf-8 path");
    let o = zonewright(&[
        "generate",
        "--zones",
        "6",
        "--assets",
        "30",
        "--conduits",
        "6",
        "-o",
        p,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = zonewright(&[
        "approve",
        p,
        "--approver",
        "Sofia Brandt",
        "--role",
        "Plant manager",
        "--date",
        "2026-11-25",
        "--decision",
        "with-conditions",
        "--conditions",
        "Remove the 4G router by 2026-12-15",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout)
            .contains("recorded \"Approved with conditions\" by Sofia Brandt of revision A")
    );
    let project = zonewright::file::load(&path).expect("approved file loads");
    let a = project.approval.clone().expect("approval recorded");
    assert_eq!(
        (
            a.approver.as_str(),
            a.role.as_str(),
            a.date.as_str(),
            a.decision
        ),
        (
            "Sofia Brandt",
            "Plant manager",
            "2026-11-25",
            Decision::ApprovedWithConditions
        )
    );
    assert_eq!(a.revision, "A");
    assert_eq!(a.content_hash, content_hash(&project));
    let digest = assess(&project, Catalog::embedded()).risk.assessment_hash;
    assert_eq!(a.assessment_hash, digest);
    // the whole hashes are printed
    assert!(
        text(&o.stdout).contains(&a.content_hash),
        "{}",
        text(&o.stdout)
    );
    assert!(text(&o.stdout).contains(&digest), "{}", text(&o.stdout));
    assert!(matches!(
        approval_state(&project, Some(&a), &digest),
        ApprovalState::Current { .. }
    ));
    // the previous version is kept as a backup
    assert!(dir.path().join("plant.ron.bak").exists());

    // a colleague renames a zone in the file: the approval is outdated
    let before = std::fs::read_to_string(&path).expect("read");
    let name = &project.zones[0].name;
    let edited = before.replacen(&format!("name: \"{name}\""), "name: \"Renamed zone\"", 1);
    assert_ne!(before, edited);
    std::fs::write(&path, edited).expect("write");
    let o = zonewright(&["check", p, "--format", "json"]);
    assert!(
        text(&o.stdout).contains("APPROVAL-OUTDATED"),
        "{}",
        text(&o.stdout)
    );

    // withdrawn: no approval, no finding
    let o = zonewright(&["approve", p, "--withdraw"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let project = zonewright::file::load(&path).expect("loads");
    assert!(project.approval.is_none());
    let o = zonewright(&["check", p, "--format", "json"]);
    assert!(!text(&o.stdout).contains("APPROVAL-"));
}

#[test]
fn approve_refuses_what_it_cannot_do_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // a sample needs -o
    let o = zonewright(&[
        "approve",
        "sample:refinery",
        "--approver",
        "X",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("-o FILE"), "{}", text(&o.stderr));
    // an approver and a date are required
    let out = dir.path().join("out.ron");
    let o = zonewright(&[
        "approve",
        "sample:refinery",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    // a file that does not load
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"zonewright\", version: 2, project: (zones: [",
    )
    .expect("write");
    let o = zonewright(&[
        "approve",
        bad.to_str().expect("path"),
        "--approver",
        "X",
        "--date",
        "d",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("bad.ron"), "{}", text(&o.stderr));
    assert!(!dir.path().join("bad.ron.bak").exists());
}

#[test]
fn the_samples_carry_a_current_approval() {
    for name in ["refinery", "water", "manufacturing"] {
        let project = zonewright::cli::load_project(&format!("sample:{name}")).expect("sample");
        let a = project.approval.as_ref().expect("approval");
        assert!(!a.approver.is_empty(), "{name}");
        let digest = assess(&project, Catalog::embedded()).risk.assessment_hash;
        assert!(
            matches!(
                approval_state(&project, Some(a), &digest),
                ApprovalState::Current { .. }
            ),
            "{name}: the approval is outdated; re-run `zonewright approve` after editing a sample"
        );
    }
}
