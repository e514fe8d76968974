//! Risk assessment data (IEC 62443-3-2 ZCR 2, 4, 5): the project's risk matrix, threat
//! scenarios of the system and of each zone and conduit, and the asset owner's approval (ZCR 7).
//! Plain data and the arithmetic of the matrix; what follows from it is in `analysis::risk`.

use super::AssetId;
use super::risk_record::{Acceptance, AssessmentRecord, MethodReference, ThreatSource};
use serde::{Deserialize, Serialize};

/// Most steps on a likelihood or consequence scale.
pub const MAX_SCALE_STEPS: usize = 10;
/// Most consequence categories.
pub const MAX_CATEGORIES: usize = 10;
/// Most risk levels.
pub const MAX_RISK_LEVELS: usize = 10;

/// One step of a likelihood or consequence scale; its rank is its position + 1.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScaleStep {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub name: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub description: String,
}

impl ScaleStep {
    fn new(name: &str, description: &str) -> Self {
        ScaleStep {
            name: name.to_owned(),
            description: description.to_owned(),
        }
    }
}

/// One risk level of the matrix (Low, Medium …) and the SL-T it proposes when it is the
/// unmitigated risk of an element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskLevel {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub name: String,
    /// Proposed SL-T (0–4) in every FR for an element whose worst unmitigated risk is this
    /// level.
    pub proposed_sl_t: u8,
}

/// The project's risk matrix: scales, categories, the risk level of every cell and the
/// tolerable risk. Everything is editable; the default is the common 5 × 5 matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskMatrix {
    /// Likelihood scale, lowest first (rank 1 = first).
    #[serde(deserialize_with = "crate::model::limits::scale")]
    pub likelihood: Vec<ScaleStep>,
    /// Consequence scale, lowest first.
    #[serde(deserialize_with = "crate::model::limits::scale")]
    pub consequence: Vec<ScaleStep>,
    /// Consequence categories (health and safety, environment …); a scenario rates its
    /// consequence in each, and the worst counts.
    #[serde(deserialize_with = "crate::model::limits::categories")]
    pub categories: Vec<String>,
    /// Risk levels, lowest first.
    #[serde(deserialize_with = "crate::model::limits::levels")]
    pub levels: Vec<RiskLevel>,
    /// `cells[l][c]`: index into `levels` for likelihood rank `l + 1` and consequence rank
    /// `c + 1`.
    #[serde(deserialize_with = "crate::model::limits::cells")]
    pub cells: Vec<Vec<u8>>,
    /// Index of the highest level that is still tolerable.
    pub tolerable: u8,
}

impl Default for RiskMatrix {
    fn default() -> Self {
        let likelihood = vec![
            ScaleStep::new("Rare", "Not expected in the life of the plant"),
            ScaleStep::new("Unlikely", "Could happen once in the life of the plant"),
            ScaleStep::new("Possible", "Could happen once in ten years"),
            ScaleStep::new("Likely", "Expected about once a year"),
            ScaleStep::new("Almost certain", "Expected several times a year"),
        ];
        let consequence = vec![
            ScaleStep::new("Negligible", "No injury, no release, no loss of production"),
            ScaleStep::new(
                "Minor",
                "First-aid injury, contained release, hours of lost production",
            ),
            ScaleStep::new(
                "Moderate",
                "Medical treatment, reportable release, days of lost production",
            ),
            ScaleStep::new(
                "Major",
                "Serious injury, release beyond the site, weeks of lost production",
            ),
            ScaleStep::new(
                "Catastrophic",
                "Fatality, major environmental damage, loss of the plant",
            ),
        ];
        let categories = [
            "Health and safety",
            "Environment",
            "Production / financial",
            "Reputation",
        ]
        .map(String::from)
        .to_vec();
        let levels = [("Low", 1), ("Medium", 2), ("High", 3), ("Critical", 4)]
            .map(|(name, sl)| RiskLevel {
                name: name.to_owned(),
                proposed_sl_t: sl,
            })
            .to_vec();
        let cells = (1..=5u8)
            .map(|l| (1..=5u8).map(|c| default_level(l * c)).collect())
            .collect();
        RiskMatrix {
            likelihood,
            consequence,
            categories,
            levels,
            cells,
            tolerable: 1,
        }
    }
}

/// The default level of a score (likelihood × consequence): Low 1–3, Medium 4–8, High 9–14,
/// Critical 15–25.
pub(crate) fn default_level(score: u8) -> u8 {
    match score {
        0..=3 => 0,
        4..=8 => 1,
        9..=14 => 2,
        _ => 3,
    }
}

impl RiskMatrix {
    /// The level index of a likelihood and consequence rank (1-based); `None` when either is
    /// unrated (0) or off the scales, or the cell is missing.
    pub fn level_of(&self, likelihood: u8, consequence: u8) -> Option<u8> {
        let l = usize::from(likelihood).checked_sub(1)?;
        let c = usize::from(consequence).checked_sub(1)?;
        let level = *self.cells.get(l)?.get(c)?;
        (usize::from(level) < self.levels.len()).then_some(level)
    }

    pub fn level_name(&self, level: u8) -> &str {
        self.levels
            .get(usize::from(level))
            .map_or("?", |l| l.name.as_str())
    }

    pub fn is_tolerable(&self, level: u8) -> bool {
        level <= self.tolerable
    }

    /// The name of the tolerable threshold, e.g. "Medium or lower".
    pub(crate) fn tolerable_text(&self) -> String {
        format!("{} or lower", self.level_name(self.tolerable))
    }

    #[cfg(test)]
    /// Every cell reset to the level its score gives by default (for a 5 × 5 matrix with four
    /// levels; other shapes scale the score to 1–25 first).
    pub(crate) fn default_cells(likelihood_steps: usize, consequence_steps: usize) -> Vec<Vec<u8>> {
        let scale = |rank: usize, steps: usize| -> f32 {
            if steps <= 1 {
                5.0
            } else {
                1.0 + 4.0 * (rank as f32 - 1.0) / (steps as f32 - 1.0)
            }
        };
        (1..=likelihood_steps)
            .map(|l| {
                (1..=consequence_steps)
                    .map(|c| {
                        let score =
                            (scale(l, likelihood_steps) * scale(c, consequence_steps)).round();
                        default_level(score.clamp(0.0, 25.0) as u8)
                    })
                    .collect()
            })
            .collect()
    }

    /// What is wrong with a matrix read from a file, in words.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let sizes = [
            ("likelihood scale", self.likelihood.len(), MAX_SCALE_STEPS),
            ("consequence scale", self.consequence.len(), MAX_SCALE_STEPS),
            (
                "consequence categories",
                self.categories.len(),
                MAX_CATEGORIES,
            ),
            ("risk levels", self.levels.len(), MAX_RISK_LEVELS),
        ];
        for (what, n, max) in sizes {
            if n == 0 || n > max {
                out.push(format!(
                    "the risk matrix has {n} {what}; between 1 and {max} are accepted"
                ));
            }
        }
        if self.cells.len() != self.likelihood.len()
            || self
                .cells
                .iter()
                .any(|row| row.len() != self.consequence.len())
        {
            out.push(format!(
                "the risk matrix needs {} rows of {} cells (one per likelihood and consequence step)",
                self.likelihood.len(),
                self.consequence.len()
            ));
        }
        if let Some(bad) = self
            .cells
            .iter()
            .flatten()
            .find(|&&v| usize::from(v) >= self.levels.len())
        {
            out.push(format!(
                "a risk matrix cell names level {bad}, but there are only {} levels (numbered from 0)",
                self.levels.len()
            ));
        }
        if usize::from(self.tolerable) >= self.levels.len().max(1) {
            out.push(format!(
                "the tolerable risk names level {}, but there are only {} levels (numbered from 0)",
                self.tolerable,
                self.levels.len()
            ));
        }
        if let Some(l) = self.levels.iter().find(|l| l.proposed_sl_t > super::MAX_SL) {
            out.push(format!(
                "risk level \"{}\" proposes SL-T {}; security levels go up to {}",
                l.name,
                l.proposed_sl_t,
                super::MAX_SL
            ));
        }
        out
    }
}

/// How far an additional countermeasure has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum MeasureStatus {
    #[default]
    Planned,
    InProgress,
    Implemented,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 3] = [
        MeasureStatus::Planned,
        MeasureStatus::InProgress,
        MeasureStatus::Implemented,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "planned",
            MeasureStatus::InProgress => "in progress",
            MeasureStatus::Implemented => "implemented",
        }
    }

    fn is_planned(&self) -> bool {
        *self == MeasureStatus::Planned
    }
}

/// An additional countermeasure decided in the assessment (ZCR 5.12): who carries it out, by
/// when, and how far it has come.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Countermeasure {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub measure: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub owner: String,
    /// Due date, YYYY-MM-DD; empty when none is set.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub due: String,
    /// Planned when the file says nothing (files before format version 4).
    #[serde(skip_serializing_if = "MeasureStatus::is_planned")]
    pub status: MeasureStatus,
}

/// One threat scenario (ZCR 5.1–5.12): who attacks how through which weakness, what it would
/// cost, how likely it is before and after the countermeasures.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThreatScenario {
    #[serde(deserialize_with = "crate::model::limits::name")]
    pub title: String,
    /// Who or what attacks (insider, criminal group, state actor, malware …).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub threat_source: String,
    /// What the source is capable of (skills, resources, motivation).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub source_capability: String,
    /// How the attack arrives (phishing, remote access, removable media …).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub vector: String,
    /// The weakness it exploits (ZCR 5.2).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub vulnerability: String,
    #[serde(deserialize_with = "crate::model::limits::affected_assets")]
    pub affected_assets: Vec<AssetId>,
    /// Unmitigated consequence rank per category, in the matrix's category order; 0 = not
    /// rated. Missing entries count as not rated.
    #[serde(deserialize_with = "crate::model::limits::ratings")]
    pub consequence: Vec<u8>,
    /// Unmitigated likelihood rank; 0 = not rated.
    pub likelihood: u8,
    /// Countermeasures already in place (ZCR 5.8).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub existing_countermeasures: String,
    /// Likelihood after the existing countermeasures only (ZCR 5.9); 0 = not rated (then the
    /// unmitigated one). Written only when rated (format version 4).
    #[serde(skip_serializing_if = "is_zero")]
    pub existing_likelihood: u8,
    /// Consequence rank per category after the existing countermeasures only; 0 or missing =
    /// not rated (then the unmitigated one in that category).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::ratings")]
    pub existing_consequence: Vec<u8>,
    /// Likelihood after the existing and the additional countermeasures: the final residual;
    /// 0 = not rated (then the one after the existing countermeasures).
    pub residual_likelihood: u8,
    /// Consequence rank per category after all countermeasures; 0 or missing = not rated.
    #[serde(deserialize_with = "crate::model::limits::ratings")]
    pub residual_consequence: Vec<u8>,
    /// Countermeasures still to be put in place (ZCR 5.12).
    #[serde(deserialize_with = "crate::model::limits::countermeasures")]
    pub additional_countermeasures: Vec<Countermeasure>,
    /// The threat source picked from the project's list (its id); 0 = none picked (format
    /// version 5).
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub source: u32,
    /// Why the unmitigated likelihood is what it is (format version 5).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub likelihood_rationale: String,
    /// The acceptance of the residual risk (format version 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
}

fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// Per category: the re-rated value where one is given (not 0), else the value before.
/// Countermeasures nobody rated in a category earn no credit there.
pub(crate) fn carry_forward(before: &[u8], after: &[u8]) -> Vec<u8> {
    (0..before.len().max(after.len()))
        .map(|i| match after.get(i).copied().unwrap_or(0) {
            0 => before.get(i).copied().unwrap_or(0),
            v => v,
        })
        .collect()
}

impl ThreatScenario {
    /// The worst consequence rank over the categories (0 = none rated).
    pub(crate) fn worst_consequence(&self) -> u8 {
        self.consequence.iter().copied().max().unwrap_or(0)
    }

    /// Consequence per category after the existing countermeasures: re-rated categories take
    /// their new value, the others keep the unmitigated one.
    pub(crate) fn consequence_after_existing(&self) -> Vec<u8> {
        carry_forward(&self.consequence, &self.existing_consequence)
    }

    /// Consequence per category after all countermeasures (the final residual).
    pub(crate) fn consequence_after_all(&self) -> Vec<u8> {
        carry_forward(
            &self.consequence_after_existing(),
            &self.residual_consequence,
        )
    }

    /// Likelihood after the existing countermeasures (the unmitigated one when not re-rated).
    pub(crate) fn likelihood_after_existing(&self) -> u8 {
        match self.existing_likelihood {
            0 => self.likelihood,
            l => l,
        }
    }

    /// Likelihood after all countermeasures.
    pub(crate) fn likelihood_after_all(&self) -> u8 {
        match self.residual_likelihood {
            0 => self.likelihood_after_existing(),
            l => l,
        }
    }

    #[cfg(test)]
    pub(crate) fn worst_residual_consequence(&self) -> u8 {
        self.consequence_after_all().into_iter().max().unwrap_or(0)
    }
}

/// The detailed risk assessment of one zone or conduit (ZCR 5).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElementRisk {
    #[serde(deserialize_with = "crate::model::limits::scenarios")]
    pub scenarios: Vec<ThreatScenario>,
    /// Why the chosen SL-T differs from (is below) the one the risk proposes.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub sl_t_rationale: String,
    /// Who assessed the element, when, against which method version (format version 5).
    #[serde(skip_serializing_if = "AssessmentRecord::is_empty")]
    pub record: AssessmentRecord,
}

impl ElementRisk {
    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty() && self.sl_t_rationale.is_empty() && self.record.is_empty()
    }
}

/// The project's risk method and its initial assessment (ZCR 2, 4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectRisk {
    pub matrix: RiskMatrix,
    /// Worst-case scenarios for the whole system under consideration, before partitioning.
    #[serde(deserialize_with = "crate::model::limits::scenarios")]
    pub initial: Vec<ThreatScenario>,
    /// The method document the assessment follows (format version 5).
    #[serde(skip_serializing_if = "MethodReference::is_default")]
    pub method: MethodReference,
    /// The threat sources scenarios pick from (format version 5).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::threat_sources")]
    pub threat_sources: Vec<ThreatSource>,
}

impl ProjectRisk {
    /// The listed threat source with this id.
    pub fn threat_source(&self, id: u32) -> Option<&ThreatSource> {
        (id != 0)
            .then(|| self.threat_sources.iter().find(|t| t.id == id))
            .flatten()
    }

    /// A scenario's threat source in words: the listed one it picks, else its own text.
    pub(crate) fn source_text(&self, s: &ThreatScenario) -> String {
        match self.threat_source(s.source) {
            Some(t) => t.source.trim().to_owned(),
            None => s.threat_source.trim().to_owned(),
        }
    }

    /// An id no listed threat source has.
    pub(crate) fn next_threat_source_id(&self) -> u32 {
        self.threat_sources
            .iter()
            .map(|t| t.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    pub(crate) fn is_default(&self) -> bool {
        *self == ProjectRisk::default()
    }
}

/// The asset owner's decision on the CRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Decision {
    #[default]
    Approved,
    ApprovedWithConditions,
    Rejected,
}

impl Decision {
    pub const ALL: [Decision; 3] = [
        Decision::Approved,
        Decision::ApprovedWithConditions,
        Decision::Rejected,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Decision::Approved => "Approved",
            Decision::ApprovedWithConditions => "Approved with conditions",
            Decision::Rejected => "Rejected",
        }
    }
}

/// The asset owner's approval of the design (ZCR 7.1). `content_hash` is the
/// [`content_hash`](super::content_hash) of the project when it was approved: a later change
/// makes the approval outdated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Approval {
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub approver: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub role: String,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub organisation: String,
    /// As written by the approver (the program never inserts the clock time).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub date: String,
    pub decision: Decision,
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub conditions: String,
    /// The document revision that was approved.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub revision: String,
    /// SHA-256 (hex) of the approved content, the document date included.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub content_hash: String,
    /// SHA-256 (hex) of the assessment result that was approved (per zone and conduit: SL-T,
    /// SL-C, SL-A, gaps and finding codes). Empty in approvals recorded before format version
    /// 4, which covered neither the result nor the document date.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub assessment_hash: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_levels_follow_the_score_bands() {
        let m = RiskMatrix::default();
        assert!(m.problems().is_empty(), "{:?}", m.problems());
        // score 3 (1×3) Low, 4 (2×2) Medium, 8 (2×4) Medium, 9 (3×3) High, 12 (3×4) High,
        // 15 (3×5) Critical, 25 Critical
        let cases = [
            (1, 1, 0),
            (1, 3, 0),
            (2, 2, 1),
            (2, 4, 1),
            (3, 3, 2),
            (3, 4, 2),
            (3, 5, 3),
            (5, 5, 3),
            (4, 1, 1),
        ];
        for (l, c, want) in cases {
            assert_eq!(m.level_of(l, c), Some(want), "{l} × {c}");
        }
        assert_eq!(m.level_of(0, 3), None);
        assert_eq!(m.level_of(3, 6), None);
        assert_eq!(m.tolerable_text(), "Medium or lower");
        assert!(m.is_tolerable(1) && !m.is_tolerable(2));
        assert_eq!(RiskMatrix::default_cells(5, 5), m.cells);
    }

    #[test]
    fn broken_matrices_are_described() {
        let mut m = RiskMatrix::default();
        m.cells[2].pop();
        m.cells[0][0] = 9;
        m.tolerable = 7;
        m.levels[0].proposed_sl_t = 5;
        let p = m.problems().join("\n");
        assert!(p.contains("5 rows of 5 cells"), "{p}");
        assert!(p.contains("names level 9"), "{p}");
        assert!(p.contains("tolerable risk names level 7"), "{p}");
        assert!(p.contains("proposes SL-T 5"), "{p}");
    }

    #[test]
    fn worst_consequence_is_the_maximum_over_categories() {
        let s = ThreatScenario {
            consequence: vec![2, 0, 4, 1],
            residual_consequence: vec![1, 0, 2],
            ..Default::default()
        };
        assert_eq!(s.worst_consequence(), 4);
        // per category: (1, 0→0, 2, unrated→1) = (1, 0, 2, 1)
        assert_eq!(s.consequence_after_all(), vec![1, 0, 2, 1]);
        assert_eq!(s.worst_residual_consequence(), 2);
        assert_eq!(ThreatScenario::default().worst_consequence(), 0);
    }
}
