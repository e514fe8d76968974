//! IEC 62443-4-2 evidence for one asset: its product certificate and its per-requirement
//! assessment, and the dates they are judged by.

use super::SlVector;
use serde::{Deserialize, Serialize};

/// A product's IEC 62443-4-2 certificate, as written on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Certificate {
    /// Certification scheme, e.g. "IECEE CB" or "ISASecure CSA".
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub scheme: String,
    /// The certificate's number.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub number: String,
    /// The certification body that issued it.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub body: String,
    /// Issue date, YYYY-MM-DD.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub issued: String,
    /// Last day of validity, YYYY-MM-DD; empty when the certificate names none.
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub valid_until: String,
    /// Certified capability per FR.
    pub sl_c: SlVector,
    /// What the certificate covers (product, versions, configuration).
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub scope: String,
}

/// Why a certificate's dates cannot be checked, so that it does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateProblem {
    /// The issue date is blank or not a real calendar date `YYYY-MM-DD`.
    IssuedUnreadable,
    /// The expiry date is written but is not a real calendar date `YYYY-MM-DD`.
    ExpiryUnreadable,
    /// The certificate was issued after the assessment date.
    NotYetIssued,
    /// The issue date lies after the expiry date.
    IssuedAfterExpiry,
    /// The document has no assessment date (no document date, no readable revision date).
    NoAssessmentDate,
}

impl DateProblem {
    /// In words, for messages: "its issue date "30.04.2026" is not a calendar date …".
    pub fn describe(self, c: &Certificate, on: Option<Date>) -> String {
        match self {
            DateProblem::IssuedUnreadable if super::text::is_blank(&c.issued) => {
                "it has no issue date".to_owned()
            }
            DateProblem::IssuedUnreadable => format!(
                "its issue date \"{}\" is not a calendar date YYYY-MM-DD",
                c.issued.trim()
            ),
            DateProblem::ExpiryUnreadable => format!(
                "its expiry date \"{}\" is not a calendar date YYYY-MM-DD",
                c.valid_until.trim()
            ),
            DateProblem::NotYetIssued => format!(
                "it was issued on {}, after the assessment date {}",
                c.issued.trim(),
                on.map_or_else(|| "–".to_owned(), |d| d.to_string())
            ),
            DateProblem::IssuedAfterExpiry => format!(
                "its issue date {} lies after its expiry date {}",
                c.issued.trim(),
                c.valid_until.trim()
            ),
            DateProblem::NoAssessmentDate => {
                "the document has no date to judge it on (no document date and no readable revision date)".to_owned()
            }
        }
    }

    /// A few words for tight cells.
    pub fn short(self) -> &'static str {
        match self {
            DateProblem::IssuedUnreadable => "issue date unreadable",
            DateProblem::ExpiryUnreadable => "expiry date unreadable",
            DateProblem::NotYetIssued => "not yet issued",
            DateProblem::IssuedAfterExpiry => "issued after expiry",
            DateProblem::NoAssessmentDate => "no assessment date",
        }
    }
}

/// Whether a certificate holds on the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Validity {
    Valid,
    /// Its `valid_until` lies before the date.
    Expired,
    /// Its dates cannot be checked: it does not count.
    Unchecked(DateProblem),
}

impl Validity {
    /// The certificate's SL-C counts.
    pub fn counts(self) -> bool {
        self == Validity::Valid
    }
}

impl Certificate {
    /// Validity on the assessment date `date`. The issue date must be a real calendar date on
    /// or before it; the expiry date, when written, a real calendar date on or after it (a
    /// certificate is valid through its last day). A blank expiry date means none.
    pub(crate) fn validity_on(&self, date: Option<Date>) -> Validity {
        let Some(issued) = Date::parse(&self.issued) else {
            return Validity::Unchecked(DateProblem::IssuedUnreadable);
        };
        let until = if super::text::is_blank(&self.valid_until) {
            None
        } else {
            match Date::parse(&self.valid_until) {
                Some(d) => Some(d),
                None => return Validity::Unchecked(DateProblem::ExpiryUnreadable),
            }
        };
        if until.is_some_and(|u| issued > u) {
            return Validity::Unchecked(DateProblem::IssuedAfterExpiry);
        }
        let Some(on) = date else {
            return Validity::Unchecked(DateProblem::NoAssessmentDate);
        };
        if on < issued {
            Validity::Unchecked(DateProblem::NotYetIssued)
        } else if until.is_some_and(|u| on > u) {
            Validity::Expired
        } else {
            Validity::Valid
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
    pub(crate) fn satisfies(self) -> bool {
        matches!(self, CheckStatus::Met | CheckStatus::NotApplicable)
    }
}

/// One assessed IEC 62443-4-2 item of an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentCheck {
    /// Catalog id, e.g. "CR 1.1 RE 1" or "NDR 5.2".
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub requirement: String,
    pub status: CheckStatus,
    /// Test report, supplier statement or document reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(deserialize_with = "crate::model::limits::text")]
    pub evidence: String,
}

/// A real calendar date (the `jiff` civil date), written and read as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// Parses `YYYY-MM-DD` (surrounding blanks allowed) of a day that exists: 2026-02-31 and
    /// 30.04.2026 are `None`, so is anything with a time or an offset.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        // jiff also reads forms such as 20260301; the documents write the extended form only
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        s.parse::<jiff::civil::Date>().ok().map(Date)
    }

    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
        assert_eq!(Date::parse(" 2026-03-01 "), Date::new(2026, 3, 1));
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29)); // a leap year
        for bad in [
            "",
            "2026-3-01",
            "2026-13-01",
            "2026-01-00",
            "01.03.2026",
            "30.04.2026",
            "2026-01-01-1",
            "2026-02-31",
            "2026-02-29", // not a leap year
            "2026-04-31",
            "20260301",
            "2026-03-01T00:00",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_certificate_counts_only_on_checkable_dates() {
        let c = Certificate {
            issued: "2025-01-15".into(),
            valid_until: "2026-06-30".into(),
            ..Certificate::default()
        };
        let on = |s| Date::parse(s);
        // valid from its issue day through its last day
        assert_eq!(c.validity_on(on("2025-01-15")), Validity::Valid);
        assert_eq!(c.validity_on(on("2026-06-30")), Validity::Valid);
        assert_eq!(c.validity_on(on("2026-07-01")), Validity::Expired);
        // the day before it was issued: not yet issued
        assert_eq!(
            c.validity_on(on("2025-01-14")),
            Validity::Unchecked(DateProblem::NotYetIssued)
        );
        // no assessment date: nothing to judge by, it does not count
        assert_eq!(
            c.validity_on(None),
            Validity::Unchecked(DateProblem::NoAssessmentDate)
        );
        // an expiry that ran out in 2020 with no assessment date does not count either
        let old = Certificate {
            issued: "2017-01-01".into(),
            valid_until: "2020-01-01".into(),
            ..Certificate::default()
        };
        assert!(!old.validity_on(None).counts());
        // no expiry date written: valid from the issue date on
        let open = Certificate {
            issued: "2025-01-15".into(),
            ..Certificate::default()
        };
        assert_eq!(open.validity_on(on("2040-01-01")), Validity::Valid);
        let bad = |issued: &str, until: &str| {
            Certificate {
                issued: issued.into(),
                valid_until: until.into(),
                ..Certificate::default()
            }
            .validity_on(on("2026-03-01"))
        };
        use DateProblem::*;
        assert_eq!(bad("", "2027-01-01"), Validity::Unchecked(IssuedUnreadable));
        assert_eq!(
            bad("30.04.2026", "2027-01-01"),
            Validity::Unchecked(IssuedUnreadable)
        );
        assert_eq!(
            bad("2025-01-01", "2026-02-31"),
            Validity::Unchecked(ExpiryUnreadable)
        );
        assert_eq!(
            bad("2026-02-01", "2025-12-31"),
            Validity::Unchecked(IssuedAfterExpiry)
        );
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
