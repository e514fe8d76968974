//! Whether the asset owner's approval (ZCR 7.1) still covers the document: its content (the
//! document date included), its revision and the assessment result it approved, and the
//! digest of that result. Pure; read through `Assessment::risk.approval`.

use super::findings::Sink;
use super::{ElementAssessment, Finding, FindingCode};
use crate::model::text::is_blank;
use crate::model::{Approval, Decision, ElementRef, Project, content_hash, legacy_content_hash};
use serde::Serialize;

/// Where the asset owner's approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ApprovalState {
    /// No approval recorded.
    None,
    /// The approval covers the content, revision and assessment result as they are now.
    Current { decision: Decision },
    /// Something it covers changed since it was approved.
    Outdated {
        decision: Decision,
        /// The content (document date included) changed.
        content_changed: bool,
        /// The document revision changed.
        revision_changed: bool,
        /// The assessment result changed (a corrected rule, a catalog update) although the
        /// content may not have.
        result_changed: bool,
        /// Recorded before format version 4: it covers neither the document date nor the
        /// assessment result, so it cannot be current.
        legacy: bool,
    },
}

impl ApprovalState {
    pub fn label(&self) -> &'static str {
        match self {
            ApprovalState::None => "not approved",
            ApprovalState::Current { decision } => match decision {
                Decision::Approved => "approved",
                Decision::ApprovedWithConditions => "approved with conditions",
                Decision::Rejected => "rejected",
            },
            ApprovalState::Outdated { .. } => "outdated",
        }
    }

    /// What changed, in words: "the content and the assessment result have changed".
    pub(crate) fn why_outdated(&self) -> Option<String> {
        let ApprovalState::Outdated {
            content_changed,
            revision_changed,
            result_changed,
            legacy,
            ..
        } = *self
        else {
            return None;
        };
        let mut parts = Vec::new();
        if content_changed {
            parts.push("the content");
        }
        if revision_changed {
            parts.push("the document revision");
        }
        if result_changed {
            parts.push("the assessment result");
        }
        let changed = match parts.len() {
            0 => String::new(),
            1 => format!("{} has changed", parts[0]),
            n => format!(
                "{} and {} have changed",
                parts[..n - 1].join(", "),
                parts[n - 1]
            ),
        };
        Some(match (legacy, changed.is_empty()) {
            (true, true) => "it was recorded by an earlier zonewright and covers neither the document date nor the assessment result".to_owned(),
            (true, false) => format!("it was recorded by an earlier zonewright and covers neither the document date nor the assessment result, and {changed}"),
            (false, _) => changed,
        })
    }
}

/// What the assessment digest covers of one zone or conduit.
#[derive(Serialize)]
struct ElementDigest<'a> {
    element: ElementRef,
    sl_t: Option<crate::model::SlVector>,
    sl_c: &'a crate::model::MaybeLevels,
    sl_a: &'a crate::model::MaybeLevels,
    capability_gap: &'a crate::model::MaybeLevels,
    achievement_gap: &'a crate::model::MaybeLevels,
    /// The codes of its findings (those on its assets included), sorted.
    findings: Vec<&'static str>,
}

/// SHA-256 (hex) of the assessment result an approval covers: per zone and conduit its SL-T,
/// SL-C, SL-A, gaps and finding codes, and the codes of the project-wide findings. The
/// approval's own findings are left out (they follow from the approval).
pub fn assessment_hash(
    project: &Project,
    zones: &[ElementAssessment],
    conduits: &[ElementAssessment],
    findings: &[Finding],
) -> String {
    let counted: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            !matches!(
                f.code,
                FindingCode::ApprovalOutdated | FindingCode::ApprovalRejected
            )
        })
        .collect();
    // which zone or conduit an asset's finding belongs to
    let container = |el: ElementRef| -> ElementRef {
        match el {
            ElementRef::Asset(id) => project.all_assets().find(|(a, _)| a.id == id).map_or(
                el,
                |(_, parent)| match parent {
                    crate::model::AssetParent::Zone(z) => ElementRef::Zone(z),
                    crate::model::AssetParent::Conduit(c) => ElementRef::Conduit(c),
                },
            ),
            other => other,
        }
    };
    let mut by_element: Vec<(ElementRef, &'static str)> = counted
        .iter()
        .map(|f| (container(f.element), f.code.code()))
        .collect();
    by_element.sort_unstable_by_key(|(e, c)| (format!("{e:?}"), *c));
    let elements: Vec<ElementDigest> = zones
        .iter()
        .chain(conduits)
        .map(|e| ElementDigest {
            element: e.element,
            sl_t: e.sl_t,
            sl_c: &e.sl_c,
            sl_a: &e.sl_a,
            capability_gap: &e.capability_gap,
            achievement_gap: &e.achievement_gap,
            findings: by_element
                .iter()
                .filter(|(el, _)| *el == e.element)
                .map(|(_, c)| *c)
                .collect(),
        })
        .collect();
    let project_codes: Vec<&'static str> = by_element
        .iter()
        .filter(|(el, _)| !matches!(el, ElementRef::Zone(_) | ElementRef::Conduit(_)))
        .map(|(_, c)| *c)
        .collect();
    crate::model::json_sha256(&(elements, project_codes))
}

/// Compares an approval with the project and its assessment digest as they are.
pub fn approval_state(
    project: &Project,
    approval: Option<&Approval>,
    assessment_hash: &str,
) -> ApprovalState {
    let Some(a) = approval else {
        return ApprovalState::None;
    };
    let revision_changed = a.revision.trim() != project.meta.revision.trim();
    let legacy = is_blank(&a.assessment_hash);
    let (content_changed, result_changed) = if legacy {
        (a.content_hash.trim() != legacy_content_hash(project), false)
    } else {
        (
            a.content_hash.trim() != content_hash(project),
            a.assessment_hash.trim() != assessment_hash,
        )
    };
    if content_changed || revision_changed || result_changed || legacy {
        ApprovalState::Outdated {
            decision: a.decision,
            content_changed,
            revision_changed,
            result_changed,
            legacy,
        }
    } else {
        ApprovalState::Current {
            decision: a.decision,
        }
    }
}

/// `APPROVAL-OUTDATED` and `APPROVAL-REJECTED`.
pub(super) fn approval_findings(project: &Project, state: ApprovalState) -> Vec<Finding> {
    let mut sink = Sink::new();
    let Some(a) = &project.approval else {
        return Vec::new();
    };
    let revision = if is_blank(&a.revision) {
        "–"
    } else {
        a.revision.trim()
    };
    if let Some(why) = state.why_outdated() {
        sink.push(
            FindingCode::ApprovalOutdated,
            ElementRef::Project,
            format!(
                "The approval by {} of revision {revision} is outdated: {why}{}.",
                if is_blank(&a.approver) {
                    "the asset owner"
                } else {
                    a.approver.trim()
                },
                if matches!(state, ApprovalState::Outdated { legacy: true, .. }) {
                    ""
                } else {
                    " since"
                }
            ),
            "Have the asset owner approve the current revision (ZCR 7.1).",
        );
    } else if state
        == (ApprovalState::Current {
            decision: Decision::Rejected,
        })
    {
        sink.push(
            FindingCode::ApprovalRejected,
            ElementRef::Project,
            format!("The asset owner rejected revision {revision}."),
            "Address the asset owner's conditions and submit a new revision for approval.",
        );
    }
    sink.finish()
}

/// A new approval of the project as it is now: its revision, content hash and assessment
/// digest, the approver's fields from `base`.
pub fn record(project: &Project, catalog: &crate::catalog::Catalog, base: Approval) -> Approval {
    let a = super::assess(project, catalog);
    Approval {
        revision: project.meta.revision.clone(),
        content_hash: content_hash(project),
        assessment_hash: a.risk.assessment_hash,
        ..base
    }
}

#[cfg(test)]
mod tests;
