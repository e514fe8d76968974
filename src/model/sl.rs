//! Foundational requirements and security-level vectors (SL-T, SL-C, SL-A).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Highest security level defined by IEC 62443.
pub const MAX_SL: u8 = 4;

/// The seven foundational requirements, in the standard's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Fr {
    Iac,
    Uc,
    Si,
    Dc,
    Rdf,
    Tre,
    Ra,
}

impl Fr {
    pub const ALL: [Fr; 7] = [Fr::Iac, Fr::Uc, Fr::Si, Fr::Dc, Fr::Rdf, Fr::Tre, Fr::Ra];

    /// Zero-based position in an SL vector.
    pub fn index(self) -> usize {
        self as usize
    }

    /// FR number as the standard writes it (1–7).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    #[cfg(test)]
    pub(crate) fn from_number(n: u8) -> Option<Fr> {
        Fr::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// Short code, e.g. "IAC".
    pub fn code(self) -> &'static str {
        match self {
            Fr::Iac => "IAC",
            Fr::Uc => "UC",
            Fr::Si => "SI",
            Fr::Dc => "DC",
            Fr::Rdf => "RDF",
            Fr::Tre => "TRE",
            Fr::Ra => "RA",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Fr::Iac => "Identification and authentication control",
            Fr::Uc => "Use control",
            Fr::Si => "System integrity",
            Fr::Dc => "Data confidentiality",
            Fr::Rdf => "Restricted data flow",
            Fr::Tre => "Timely response to events",
            Fr::Ra => "Resource availability",
        }
    }
}

impl fmt::Display for Fr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FR{} {}", self.number(), self.code())
    }
}

/// One security level (0–4) per foundational requirement, `(IAC, UC, SI, DC, RDF, TRE, RA)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SlVector(pub [u8; 7]);

impl SlVector {
    /// The vector with `level` in every FR ("SL 2" is shorthand for this).
    pub fn uniform(level: u8) -> Self {
        SlVector([level.min(MAX_SL); 7])
    }

    pub fn get(&self, fr: Fr) -> u8 {
        self.0[fr.index()]
    }

    pub fn set(&mut self, fr: Fr, level: u8) {
        self.0[fr.index()] = level.min(MAX_SL);
    }

    /// Element-wise maximum.
    pub fn max(&self, other: &SlVector) -> SlVector {
        let mut out = *self;
        for (o, b) in out.0.iter_mut().zip(other.0) {
            *o = (*o).max(b);
        }
        out
    }

    /// Element-wise minimum.
    pub fn min(&self, other: &SlVector) -> SlVector {
        let mut out = *self;
        for (o, b) in out.0.iter_mut().zip(other.0) {
            *o = (*o).min(b);
        }
        out
    }

    /// `Some(n)` when every FR has the same level.
    pub(crate) fn as_uniform(&self) -> Option<u8> {
        let first = self.0[0];
        self.0.iter().all(|&l| l == first).then_some(first)
    }

    /// Largest level in any FR.
    pub fn highest(&self) -> u8 {
        self.0.iter().copied().max().unwrap_or(0)
    }

    /// Whether every level is within 0..=4.
    pub(crate) fn is_valid(&self) -> bool {
        self.0.iter().all(|&l| l <= MAX_SL)
    }
}

impl fmt::Display for SlVector {
    /// `(3,3,3,2,3,2,3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(")?;
        for (i, l) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, ",")?;
            }
            write!(f, "{l}")?;
        }
        write!(f, ")")
    }
}

/// A per-FR level that may be unknown (no assets, nothing assessed): shown as "–", never as 0.
pub type MaybeLevels = [Option<u8>; 7];

/// Formats a per-FR vector with unknown entries as `–`, e.g. `(2,–,1,1,2,–,2)`.
pub(crate) fn format_levels(levels: &MaybeLevels) -> String {
    let mut s = String::from("(");
    for (i, l) in levels.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        match l {
            Some(l) => s.push_str(&l.to_string()),
            None => s.push('–'),
        }
    }
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_and_min_are_element_wise() {
        let a = SlVector([3, 1, 2, 0, 4, 1, 2]);
        let b = SlVector([1, 2, 2, 3, 0, 1, 3]);
        assert_eq!(a.max(&b), SlVector([3, 2, 2, 3, 4, 1, 3]));
        assert_eq!(a.min(&b), SlVector([1, 1, 2, 0, 0, 1, 2]));
    }

    #[test]
    fn display_and_uniform() {
        assert_eq!(
            SlVector([3, 3, 3, 2, 3, 2, 3]).to_string(),
            "(3,3,3,2,3,2,3)"
        );
        assert_eq!(SlVector::uniform(2).as_uniform(), Some(2));
        assert_eq!(SlVector([2, 2, 2, 2, 2, 2, 1]).as_uniform(), None);
        assert_eq!(SlVector::uniform(9), SlVector::uniform(4));
        assert_eq!(
            format_levels(&[Some(1), None, Some(2), None, None, None, Some(0)]),
            "(1,–,2,–,–,–,0)"
        );
    }

    #[test]
    fn fr_numbers_round_trip() {
        for fr in Fr::ALL {
            assert_eq!(Fr::from_number(fr.number()), Some(fr));
        }
        assert_eq!(Fr::from_number(0), None);
        assert_eq!(Fr::from_number(8), None);
    }
}
