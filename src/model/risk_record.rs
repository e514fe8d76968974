//! The records that make a risk assessment stand in an audit (ZCR 5, 7): the method document the
//! project follows, the project's list of threat sources, who assessed each zone and conduit
//! and when, and the acceptance of a scenario's residual risk. Plain data; what follows from it
//! is in `analysis::risk` and `analysis::record`.

use super::component::Date;
use super::text::is_blank;
use serde::{Deserialize, Serialize};

/// The method document the risk assessment follows (project level): its reference and version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MethodReference {
    /// Document reference and title, e.g. "RA-OT-001 OT risk assessment procedure".
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub document: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub version: String,
}

impl MethodReference {
    /// Whether nothing readable is named (both texts blank); what reports ask.
    pub fn is_empty(&self) -> bool {
        is_blank(&self.document) && is_blank(&self.version)
    }

    /// Whether both texts are exactly empty: only then is the record left out of the file, so
    /// that a blank-looking text ("\r", " ") still survives a save and a load.
    pub(crate) fn is_default(&self) -> bool {
        self.document.is_empty() && self.version.is_empty()
    }

    /// "RA-OT-001 version 3", or what there is of it.
    pub fn text(&self) -> String {
        match (is_blank(&self.document), is_blank(&self.version)) {
            (false, false) => format!("{} version {}", self.document.trim(), self.version.trim()),
            (false, true) => self.document.trim().to_owned(),
            (true, false) => format!("version {}", self.version.trim()),
            (true, true) => String::new(),
        }
    }
}

/// One entry of the project's list of threat sources that scenarios pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThreatSource {
    /// Stable id that scenarios name (unique in the list, never 0).
    pub id: u32,
    /// Who or what (insider, criminal group, state actor …).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub source: String,
    /// What it can do: skills, resources, access.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub capability: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub motivation: String,
    /// Whether the assessment considers it.
    pub in_scope: bool,
}

impl Default for ThreatSource {
    fn default() -> Self {
        ThreatSource {
            id: 0,
            source: String::new(),
            capability: String::new(),
            motivation: String::new(),
            in_scope: true,
        }
    }
}

/// One person who assessed a zone or conduit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assessor {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub name: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub role: String,
}

/// Who assessed one zone or conduit, when, and against which version of the project's method.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssessmentRecord {
    /// The assessors by name and role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::assessors")]
    pub assessors: Vec<Assessor>,
    /// Or: the workshop that assessed it and its participants.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub workshop: String,
    /// When, YYYY-MM-DD.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub date: String,
    /// The version of the project's method document it was assessed against.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub method_version: String,
}

impl AssessmentRecord {
    pub fn is_empty(&self) -> bool {
        *self == AssessmentRecord::default()
    }

    /// Whether someone is named: an assessor with a name, or a workshop.
    pub(crate) fn has_assessors(&self) -> bool {
        self.assessors.iter().any(|a| !is_blank(&a.name)) || !is_blank(&self.workshop)
    }

    /// "A. Jansen (OT security lead), B. Smit (process engineer)"; the workshop after them.
    pub(crate) fn assessors_text(&self) -> String {
        let mut parts: Vec<String> = self
            .assessors
            .iter()
            .filter(|a| !is_blank(&a.name))
            .map(|a| {
                if is_blank(&a.role) {
                    a.name.trim().to_owned()
                } else {
                    format!("{} ({})", a.name.trim(), a.role.trim())
                }
            })
            .collect();
        if !is_blank(&self.workshop) {
            parts.push(format!("workshop: {}", self.workshop.trim()));
        }
        parts.join(", ")
    }
}

/// The acceptance of a scenario's residual risk: by whom, in which role, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Acceptance {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub by: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub role: String,
    /// YYYY-MM-DD.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub date: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub justification: String,
}

impl Acceptance {
    /// Whether anything is filled in.
    pub(crate) fn is_recorded(&self) -> bool {
        [&self.by, &self.role, &self.date, &self.justification]
            .iter()
            .any(|s| !is_blank(s))
    }

    /// What an explicit acceptance lacks: "name", "role", "date" (or "readable date") and, when
    /// `justified` is asked for, "justification". Empty when it is complete.
    pub fn missing(&self, justified: bool) -> Vec<&'static str> {
        let mut out = Vec::new();
        if is_blank(&self.by) {
            out.push("name");
        }
        if is_blank(&self.role) {
            out.push("role");
        }
        if is_blank(&self.date) {
            out.push("date");
        } else if Date::parse(&self.date).is_none() {
            out.push("readable date (YYYY-MM-DD)");
        }
        if justified && is_blank(&self.justification) {
            out.push("justification");
        }
        out
    }

    /// "J. de Vries (plant manager), 2026-03-10: …".
    pub fn text(&self) -> String {
        let mut s = self.by.trim().to_owned();
        if !is_blank(&self.role) {
            s.push_str(&format!(" ({})", self.role.trim()));
        }
        if !is_blank(&self.date) {
            s.push_str(&format!(", {}", self.date.trim()));
        }
        if !is_blank(&self.justification) {
            s.push_str(&format!(": {}", self.justification.trim()));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acceptance_says_what_it_lacks() {
        let a = Acceptance {
            by: "J. de Vries".into(),
            role: " ".into(),
            date: "2026-02-31".into(),
            justification: String::new(),
        };
        assert!(a.is_recorded());
        assert_eq!(
            a.missing(true),
            vec!["role", "readable date (YYYY-MM-DD)", "justification"]
        );
        assert_eq!(a.missing(false), vec!["role", "readable date (YYYY-MM-DD)"]);
        let full = Acceptance {
            role: "Plant manager".into(),
            date: "2026-03-10".into(),
            justification: "Replacement in the 2027 turnaround".into(),
            ..a
        };
        assert!(full.missing(true).is_empty());
        assert_eq!(
            full.text(),
            "J. de Vries (Plant manager), 2026-03-10: Replacement in the 2027 turnaround"
        );
        assert!(!Acceptance::default().is_recorded());
    }

    #[test]
    fn a_record_names_its_assessors_or_workshop() {
        let mut r = AssessmentRecord::default();
        assert!(r.is_empty() && !r.has_assessors());
        r.assessors.push(Assessor {
            name: " ".into(),
            role: "OT lead".into(),
        });
        assert!(!r.has_assessors(), "a role without a name names no one");
        r.assessors.push(Assessor {
            name: "A. Jansen".into(),
            role: "OT lead".into(),
        });
        r.workshop = "HAZOP 12".into();
        assert!(r.has_assessors());
        assert_eq!(
            r.assessors_text(),
            "A. Jansen (OT lead), workshop: HAZOP 12"
        );
        let m = MethodReference {
            document: "RA-OT-001".into(),
            version: "3".into(),
        };
        assert_eq!(m.text(), "RA-OT-001 version 3");
        assert!(MethodReference::default().is_empty());
    }
}
