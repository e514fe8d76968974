//! SL discipline and CRS completeness: SL-A above SL-C, "met" without evidence, empty
//! compensations, and the ZCR 6.2–6.9 items of the cybersecurity requirements specification
//! that are still empty.

use super::findings::{FindingCode, Sink};
use crate::model::text::is_blank;
use crate::model::{Characteristics, Compensation, ElementRef, Fr, MaybeLevels, Meta};

/// One finding for an element with `count` met entries lacking evidence (none for 0).
pub(super) fn evidence_finding(what: &str, name: &str, el: ElementRef, count: usize, s: &mut Sink) {
    if count == 0 {
        return;
    }
    let n = if count == 1 {
        "1 requirement marked met has".to_owned()
    } else {
        format!("{count} requirements marked met have")
    };
    s.push(
        FindingCode::MetNoEvidence,
        el,
        format!("{what} \"{name}\": {n} no evidence reference."),
        "Name the document, test report or record that shows each requirement is met.",
    );
}

/// A compensation that raises no FR at all.
pub(super) fn compensation_findings(
    what: &str,
    name: &str,
    el: ElementRef,
    compensation: Option<&Compensation>,
    s: &mut Sink,
) {
    if let Some(c) = compensation
        && c.sl.0.iter().all(|&l| l == 0)
    {
        s.push(
            FindingCode::CompensationEmpty,
            el,
            format!("{what} \"{name}\" has a compensating countermeasure that covers no FR (its levels are all 0)."),
            "State the FRs the countermeasure covers and the level it reaches in each, or remove it.",
        );
    }
}

/// FRs in which both SL-A and SL-C are known and SL-A is higher (SL-C includes a justified
/// compensation already).
pub(super) fn sl_a_above_sl_c(
    what: &str,
    name: &str,
    el: ElementRef,
    sl_a: &MaybeLevels,
    sl_c: &MaybeLevels,
    s: &mut Sink,
) {
    let above =
        |fr: &Fr| matches!((sl_a[fr.index()], sl_c[fr.index()]), (Some(a), Some(c)) if a > c);
    if !Fr::ALL.iter().any(above) {
        return;
    }
    use std::fmt::Write;
    // one string written in place: this finding is frequent in partly assessed plants
    let mut message = String::with_capacity(name.len() + 160);
    let _ = write!(
        message,
        "{what} \"{name}\" is assessed above what its components can do: "
    );
    for (n, fr) in Fr::ALL.iter().filter(|fr| above(fr)).enumerate() {
        let _ = write!(
            message,
            "{}{fr}: SL-A {} > SL-C {}",
            if n == 0 { "" } else { "; " },
            sl_a[fr.index()].unwrap_or(0),
            sl_c[fr.index()].unwrap_or(0)
        );
    }
    message.push('.');
    s.push(
        FindingCode::SlAAboveSlC,
        el,
        message,
        "Components cannot achieve more than they are capable of: review the requirement statuses, take the SL-C from the vendors' certificates, or record a justified compensating countermeasure for these FRs.",
    );
}

/// The ZCR 6.4 characteristics held as text, with their item letters, in ZCR 6.4 order.
fn characteristics(c: &Characteristics) -> [(&'static str, &str); 9] {
    [
        ("b) Accountable organisation", &c.accountable_organisation),
        ("c) Logical boundary", &c.logical_boundary),
        ("d) Physical boundary", &c.physical_boundary),
        ("e) Safety designation", &c.safety_designation),
        ("f) Logical access points", &c.logical_access_points),
        ("g) Physical access points", &c.physical_access_points),
        ("m) Applicable security policies", &c.security_policies),
        ("n) Assumptions", &c.assumptions),
        ("n) External dependencies", &c.external_dependencies),
    ]
}

/// One finding listing the empty ZCR 6.4 characteristics of a zone or conduit; `no_flows` adds
/// h) data flows (conduits only).
pub(super) fn crs_element(
    what: &str,
    name: &str,
    el: ElementRef,
    c: &Characteristics,
    no_flows: bool,
    s: &mut Sink,
) {
    let fields = characteristics(c);
    let empty = |v: &&str| is_blank(v);
    if !no_flows && !fields.iter().any(|(_, v)| empty(v)) {
        return;
    }
    let (before, after) = fields.split_at(6);
    let flows = no_flows.then_some("h) Data flows");
    let missing = before
        .iter()
        .filter(|(_, v)| empty(v))
        .map(|(label, _)| *label)
        .chain(flows)
        .chain(
            after
                .iter()
                .filter(|(_, v)| empty(v))
                .map(|(label, _)| *label),
        );
    // one string written in place: every element of an early design has this note
    let mut message = String::with_capacity(name.len() + 200);
    message.push_str(what);
    message.push_str(" \"");
    message.push_str(name);
    message.push_str("\" has empty ZCR 6.4 characteristics: ");
    for (n, label) in missing.enumerate() {
        if n > 0 {
            message.push_str(", ");
        }
        message.push_str(label);
    }
    message.push('.');
    s.push(
        FindingCode::CrsIncomplete,
        el,
        message,
        "Describe them, so that the cybersecurity requirements specification covers the element (ZCR 6.4).",
    );
}

/// One finding listing the empty CRS items of the whole system under consideration.
pub(super) fn crs_project(meta: &Meta, s: &mut Sink) {
    let items: [(&str, &str); 6] = [
        ("ZCR 6.2 SUC description", &meta.description),
        ("ZCR 6.5 Operating environment", &meta.operating_environment),
        ("ZCR 6.6 Threat environment", &meta.threat_environment),
        ("ZCR 6.7 Security policies", &meta.security_policies),
        ("ZCR 6.8 Tolerable risk", &meta.tolerable_risk),
        (
            "ZCR 6.9 Regulatory requirements",
            &meta.regulatory_requirements,
        ),
    ];
    let missing: Vec<&str> = items
        .iter()
        .filter(|(_, v)| is_blank(v))
        .map(|(label, _)| *label)
        .collect();
    if missing.is_empty() {
        return;
    }
    s.push(
        FindingCode::CrsIncomplete,
        ElementRef::Project,
        format!(
            "The cybersecurity requirements specification has empty items: {}.",
            missing.join(", ")
        ),
        "Fill them in the project's properties, so that the CRS describes the system under consideration (ZCR 6.2, 6.5–6.9).",
    );
}
