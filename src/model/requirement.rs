//! How one IEC 62443-3-3 requirement stands for a zone or conduit: its status, the
//! countermeasure or justification, the evidence — and when that counts towards SL-A.

use super::text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Assessment status of one SR or RE for a zone or conduit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    #[default]
    NotAssessed,
    Met,
    Compensated,
    NotMet,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NotAssessed,
        Status::Met,
        Status::Compensated,
        Status::NotMet,
        Status::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotAssessed => "Not assessed",
            Status::Met => "Met",
            Status::Compensated => "Compensated",
            Status::NotMet => "Not met",
            Status::NotApplicable => "Not applicable",
        }
    }

    /// Whether this status needs a countermeasure or justification text to count.
    pub(crate) fn needs_text(self) -> bool {
        matches!(self, Status::Compensated | Status::NotApplicable)
    }
}

/// The assessment of one requirement for one zone or conduit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequirementAssessment {
    pub status: Status,
    /// Compensating countermeasure (status Compensated) or justification (Not applicable).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub text: String,
    /// Where an auditor finds the evidence (document, test report, screenshot …).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub evidence: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub notes: String,
}

impl RequirementAssessment {
    /// Satisfied for SL-A: met, or compensated / not applicable with a written reason.
    pub(crate) fn satisfies(&self) -> bool {
        match self.status {
            Status::Met => true,
            Status::Compensated | Status::NotApplicable => !text::is_blank(&self.text),
            Status::NotAssessed | Status::NotMet => false,
        }
    }

    pub(crate) fn is_default(&self) -> bool {
        *self == RequirementAssessment::default()
    }
}

/// Requirement assessments keyed by SR/RE id ("SR 1.1 RE 1"); sorted for stable files.
pub type Requirements = BTreeMap<String, RequirementAssessment>;
