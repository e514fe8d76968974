//! The risk register's rows, built once from the assessment: the initial assessment's
//! worst-case scenarios, then every zone's and conduit's threat scenarios, each looked up with
//! its rating by element id. The designer's Risk register tab, the PDF and Word pack and
//! `zonewright risk` show these rows; the title of an untitled scenario and the mark of an
//! empty cell are decided here, once.

use super::Assessment;
use super::risk::ScenarioRisk;
use crate::model::{ElementRef, ElementRisk, Project, ThreatScenario};

/// What an empty cell of a register shows.
pub const DASH: &str = "–";

/// `s` trimmed, or [`DASH`] when it is blank.
pub(crate) fn or_dash(s: &str) -> &str {
    match s.trim() {
        "" => DASH,
        t => t,
    }
}

/// A scenario's title: its own, trimmed, or "Scenario n" by its place in its list (from 1).
pub(crate) fn scenario_title(index: usize, s: &ThreatScenario) -> String {
    match s.title.trim() {
        "" => format!("Scenario {}", index + 1),
        t => t.to_owned(),
    }
}

/// One row: a scenario, where it belongs, and its risk.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow<'a> {
    /// `ElementRef::Project` for the initial assessment.
    pub element: ElementRef,
    /// "Z3", "C2"; empty for the initial assessment.
    pub element_id: String,
    /// The element's name, or "Initial assessment".
    pub element_name: String,
    pub scenario: &'a ThreatScenario,
    /// The risk record of the zone or conduit (its assessors, method); `None` for the initial
    /// assessment.
    pub element_risk: Option<&'a ElementRisk>,
    /// Position in its list (for a title when it has none).
    pub index: usize,
    pub risk: ScenarioRisk,
}

impl RiskRow<'_> {
    /// The scenario's title ([`scenario_title`]).
    pub fn title(&self) -> String {
        scenario_title(self.index, self.scenario)
    }

    /// "Z3 Control", or "Initial assessment".
    pub(crate) fn element_label(&self) -> String {
        if self.element_id.is_empty() {
            self.element_name.clone()
        } else {
            format!("{} {}", self.element_id, self.element_name)
        }
    }

    /// The owners of the additional countermeasures, each once, in order.
    pub(crate) fn owners(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.scenario.additional_countermeasures {
            let o = c.owner.trim();
            if !o.is_empty() && !out.contains(&o) {
                out.push(o);
            }
        }
        out.join(", ")
    }
}

/// A scenario the assessment has no rating for (a stale assessment) counts as unrated.
const UNRATED: ScenarioRisk = ScenarioRisk {
    unmitigated: None,
    after_existing: None,
    residual: None,
    relies_on_planned: false,
    accepted_although_intolerable: false,
};

fn rows_of<'a>(
    element: ElementRef,
    element_id: String,
    element_name: String,
    (list, element_risk): (&'a [ThreatScenario], Option<&'a ElementRisk>),
    rated: &[ScenarioRisk],
) -> impl Iterator<Item = RiskRow<'a>> {
    let rated: Vec<ScenarioRisk> = rated.to_vec();
    list.iter()
        .enumerate()
        .map(move |(index, scenario)| RiskRow {
            element,
            element_id: element_id.clone(),
            element_name: element_name.clone(),
            scenario,
            element_risk,
            index,
            risk: rated.get(index).copied().unwrap_or(UNRATED),
        })
}

/// The initial assessment's worst-case scenarios with their rating.
pub(crate) fn initial_rows<'a>(project: &'a Project, a: &Assessment) -> Vec<RiskRow<'a>> {
    rows_of(
        ElementRef::Project,
        String::new(),
        "Initial assessment".to_owned(),
        (&project.risk.initial, None),
        &a.risk.initial,
    )
    .collect()
}

/// The threat scenarios of the zones, then of the conduits, in project order, each with the
/// rating the assessment gives the element of that id.
pub(crate) fn element_rows<'a>(project: &'a Project, a: &Assessment) -> Vec<RiskRow<'a>> {
    let zones = project.zones.iter().enumerate().map(|(i, z)| {
        let e = ElementRef::Zone(z.id);
        (e, i, z.id.to_string(), &z.name, &z.risk)
    });
    let conduits = project.conduits.iter().enumerate().map(|(i, c)| {
        let e = ElementRef::Conduit(c.id);
        (e, i, c.id.to_string(), &c.name, &c.risk)
    });
    zones
        .chain(conduits)
        .flat_map(|(e, i, id, name, risk)| {
            let rated = a
                .element_at(e, i)
                .map_or(&[][..], |x| x.risk.scenarios.as_slice());
            rows_of(e, id, name.clone(), (&risk.scenarios, Some(risk)), rated)
        })
        .collect()
}

/// Every row of the register: [`initial_rows`], then [`element_rows`].
pub(crate) fn risk_rows<'a>(project: &'a Project, a: &Assessment) -> Vec<RiskRow<'a>> {
    let mut rows = initial_rows(project, a);
    rows.extend(element_rows(project, a));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::risk::Rating;
    use crate::model::{Conduit, ConduitId, Rect, Zone, ZoneId, ZoneKind};

    fn scenario(title: &str) -> ThreatScenario {
        ThreatScenario {
            title: title.into(),
            ..Default::default()
        }
    }

    fn rated(level: u8) -> ScenarioRisk {
        ScenarioRisk {
            residual: Some(Rating {
                likelihood: 1,
                consequence: level,
                score: level,
                level,
                tolerable: true,
            }),
            ..UNRATED
        }
    }

    #[test]
    fn rows_follow_the_project_and_take_the_rating_of_their_element_by_id() {
        let mut p = Project::default();
        let rect = Rect::new(0.0, 0.0, 100.0, 100.0);
        let mut a_zone = Zone::new(ZoneId(7), "Cell", ZoneKind::Control, rect);
        a_zone.risk.scenarios = vec![scenario(" worm "), scenario("")];
        p.zones.push(a_zone);
        p.zones
            .push(Zone::new(ZoneId(2), "Office", ZoneKind::Enterprise, rect));
        let mut c = Conduit::new(ConduitId(4), "Cell – Office", ZoneId(7), ZoneId(2));
        c.risk.scenarios = vec![scenario("tunnel")];
        p.conduits.push(c);
        p.risk.initial = vec![scenario("")];
        let mut a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        a.zones[0].risk.scenarios = vec![rated(1), rated(2)];
        a.conduits[0].risk.scenarios = vec![rated(3)];
        // no rating for the initial scenario: unrated
        a.risk.initial.clear();
        let rows = risk_rows(&p, &a);
        let seen: Vec<(String, String, Option<u8>)> = rows
            .iter()
            .map(|r| {
                (
                    r.element_label(),
                    r.title(),
                    r.risk.residual.map(|x| x.level),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("Initial assessment".into(), "Scenario 1".into(), None),
                ("Z7 Cell".into(), "worm".into(), Some(1)),
                ("Z7 Cell".into(), "Scenario 2".into(), Some(2)),
                ("C4 Cell – Office".into(), "tunnel".into(), Some(3)),
            ]
        );
        assert_eq!(rows[3].element, ElementRef::Conduit(ConduitId(4)));
        assert_eq!(initial_rows(&p, &a).len(), 1);
        assert_eq!(element_rows(&p, &a).len(), 3);
    }

    #[test]
    fn blank_cells_show_one_dash() {
        assert_eq!(or_dash("  "), "–");
        assert_eq!(or_dash(" x "), "x");
        assert_eq!(DASH, "–");
    }

    #[test]
    fn elements_pair_with_their_assessment_by_id_when_the_order_changed() {
        let mut p = Project::default();
        let rect = Rect::new(0.0, 0.0, 100.0, 100.0);
        p.zones
            .push(Zone::new(ZoneId(1), "A", ZoneKind::Control, rect));
        p.zones
            .push(Zone::new(ZoneId(2), "B", ZoneKind::Enterprise, rect));
        let a = crate::analysis::assess(&p, crate::catalog::Catalog::embedded());
        p.zones.reverse();
        let pairs: Vec<(ZoneId, ElementRef)> =
            a.zones_of(&p).map(|(z, e)| (z.id, e.element)).collect();
        assert_eq!(
            pairs,
            [
                (ZoneId(2), ElementRef::Zone(ZoneId(2))),
                (ZoneId(1), ElementRef::Zone(ZoneId(1)))
            ]
        );
        // a zone the assessment does not know is left out
        p.zones
            .push(Zone::new(ZoneId(3), "C", ZoneKind::Control, rect));
        assert_eq!(a.zones_of(&p).count(), 2);
        assert!(a.element_at(ElementRef::Zone(ZoneId(3)), 2).is_none());
        assert!(a.element_at(ElementRef::Project, 0).is_none());
    }
}
