//! IEC 62443-4-2 evidence for one asset: its product certificate and its per-requirement
//! assessment, and the dates they are judged by.

use super::SlVector;
use serde::{Deserialize, Serialize};

/// A product's IEC 62443-4-2 certificate, as written on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Certificate {
    /// Certification scheme, e.g. "IECEE CB" or "ISASecure CSA".
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub scheme: String,
    /// The certificate's number.
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub number: String,
    /// The certification body that issued it.
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub body: String,
    /// Issue date, YYYY-MM-DD.
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub issued: String,
    /// Last day of validity, YYYY-MM-DD; empty when the certificate names none.
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub valid_until: String,
    /// Certified capability per FR.
    pub sl_c: SlVector,
    /// What the certificate covers (product, versions, configuration).
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub scope: String,
}

/// Whether a certificate holds on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Validity {
    Valid,
    /// Its `valid_until` lies before the date.
    Expired,
    /// No usable date to judge by (the certificate's or the assessment date is missing or not
    /// YYYY-MM-DD): the certificate counts, with a finding-free benefit of the doubt.
    Undated,
}

impl Certificate {
    /// Validity on `date` (YYYY-MM-DD). A certificate is valid through its `valid_until` day.
    pub fn validity_on(&self, date: Option<Date>) -> Validity {
        match (Date::parse(&self.valid_until), date) {
            (Some(until), Some(on)) if on > until => Validity::Expired,
            (Some(_), Some(_)) => Validity::Valid,
            _ => Validity::Undated,
        }
    }
}

/// How one 4-2 item stands for one asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CheckStatus {
    Met,
    NotMet,
    NotApplicable,
}

impl CheckStatus {
    pub const ALL: [CheckStatus; 3] = [
        CheckStatus::Met,
        CheckStatus::NotMet,
        CheckStatus::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Met => "Met",
            CheckStatus::NotMet => "Not met",
            CheckStatus::NotApplicable => "Not applicable",
        }
    }

    /// Counts towards the asset's SL-C.
    pub fn satisfies(self) -> bool {
        matches!(self, CheckStatus::Met | CheckStatus::NotApplicable)
    }
}

/// One assessed IEC 62443-4-2 item of an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentCheck {
    /// Catalog id, e.g. "CR 1.1 RE 1" or "NDR 5.2".
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub requirement: String,
    pub status: CheckStatus,
    /// Test report, supplier statement or document reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::file::limits::text")]
    pub evidence: String,
}

/// A calendar date, compared as (year, month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` (surrounding blanks allowed); anything else is `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date certificates are judged on: the document date of the title block, else the latest
/// date of its revision history. Never the clock: the same file assesses the same every day.
pub fn assessment_date(meta: &super::Meta) -> Option<Date> {
    Date::parse(&meta.date).or_else(|| {
        meta.revisions
            .iter()
            .filter_map(|r| Date::parse(&r.date))
            .max()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::parse(" 2026-03-01 "),
            Some(Date {
                year: 2026,
                month: 3,
                day: 1
            })
        );
        for bad in [
            "",
            "2026-3-01",
            "2026-13-01",
            "2026-01-00",
            "01.03.2026",
            "2026-01-01-1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_certificate_holds_through_its_last_day() {
        let c = Certificate {
            valid_until: "2026-06-30".into(),
            ..Certificate::default()
        };
        let on = |s| Date::parse(s);
        assert_eq!(c.validity_on(on("2026-06-30")), Validity::Valid);
        assert_eq!(c.validity_on(on("2026-07-01")), Validity::Expired);
        assert_eq!(c.validity_on(None), Validity::Undated);
        let undated = Certificate::default();
        assert_eq!(undated.validity_on(on("2030-01-01")), Validity::Undated);
    }

    #[test]
    fn the_assessment_date_is_the_document_date_else_the_latest_revision() {
        let mut meta = super::super::Meta::default();
        assert_eq!(assessment_date(&meta), None);
        for d in ["2025-01-10", "2025-11-02", "soon"] {
            meta.revisions.push(super::super::Revision {
                date: d.into(),
                ..Default::default()
            });
        }
        assert_eq!(assessment_date(&meta), Date::parse("2025-11-02"));
        meta.date = "2026-02-01".into();
        assert_eq!(assessment_date(&meta), Date::parse("2026-02-01"));
    }
}
