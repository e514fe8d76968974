//! How far the requirement assessment of a zone or conduit has got, per FR: how many of the
//! applicable items have a status at all. Views use it to say what is missing ("SL-A: 1 of 13
//! items assessed") instead of showing a partial SL-A as a gap.

use super::{Applicable, ElementAssessment, GapSeverity};
use crate::model::{Fr, Status};
use serde::Serialize;

/// Applicable items of one FR and how many of them carry a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FrProgress {
    pub applicable: usize,
    /// Items whose status is anything but "not assessed".
    pub assessed: usize,
}

impl FrProgress {
    /// Some items apply and not all of them are assessed yet.
    pub(crate) fn is_partial(self) -> bool {
        self.assessed < self.applicable
    }

    /// "SL-A: 1 of 13 items assessed".
    pub fn text(self) -> String {
        format!(
            "SL-A: {} of {} assessed",
            self.assessed,
            crate::count_of(self.applicable, "item", "items")
        )
    }
}

/// Counts per FR over `applicable`; `levels` is (FR index, level) per catalog requirement.
pub(super) fn progress(applicable: &[Applicable], levels: &[(usize, u8)]) -> [FrProgress; 7] {
    let mut out = [FrProgress::default(); 7];
    for a in applicable {
        let Some(p) = levels
            .get(a.requirement)
            .and_then(|(fr, _)| out.get_mut(*fr))
        else {
            continue;
        };
        p.applicable += 1;
        if a.status != Status::NotAssessed {
            p.assessed += 1;
        }
    }
    out
}

impl ElementAssessment {
    /// Whether the SL-A of `fr` rests on a partial assessment (some applicable items carry no
    /// status yet): its gap is then not yet known for sure.
    pub(crate) fn sl_a_partial(&self, fr: Fr) -> bool {
        self.progress[fr.index()].is_partial()
    }

    /// What keeps the element's gap colour unknown or open, in words: no SL-T, no capability,
    /// items not assessed. Empty when nothing is missing.
    pub(crate) fn missing_text(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.sl_t.is_none() {
            out.push("no SL-T set".to_owned());
            return out;
        }
        let no_sl_c: Vec<&str> = Fr::ALL
            .iter()
            .filter(|f| self.sl_c[f.index()].is_none())
            .map(|f| f.code())
            .collect();
        if !no_sl_c.is_empty() {
            out.push(format!(
                "SL-C unknown in {} (no assets)",
                no_sl_c.join(", ")
            ));
        }
        let total = self
            .progress
            .iter()
            .fold(FrProgress::default(), |s, p| FrProgress {
                applicable: s.applicable + p.applicable,
                assessed: s.assessed + p.assessed,
            });
        if total.is_partial() {
            out.push(total.text());
        }
        out
    }

    /// The severity to show for the SL-A of `fr`: unknown while its assessment is partial and
    /// short of the target, else the achievement gap's.
    pub(crate) fn sl_a_severity(&self, fr: Fr) -> GapSeverity {
        let sev = self.achievement_severity[fr.index()];
        if sev != GapSeverity::None && self.sl_a_partial(fr) {
            GapSeverity::Unknown
        } else {
            sev
        }
    }
}
