//! The same limits for a project built in memory (generated, edited, or read by `validate`):
//! every list and every text field, so a project that validates also loads once saved. The
//! structs are taken apart without `..`, so a new field does not compile until it is checked.

use super::*;
use crate::model::network::ZoneRule;
use crate::model::{
    Acceptance, Approval, AssessmentRecord, Assessor, AssetNetwork, Characteristics, Compensation,
    ElementRisk, ImportSettings, Meta, MethodReference, Project, ProjectRisk, RiskMatrix,
    SlOverride, ThreatSource,
};

struct Check<'a> {
    problems: &'a mut Vec<String>,
    /// Entries of lists and maps, as reading counts them towards [`MAX_ENTRIES`].
    entries: usize,
}

impl Check<'_> {
    fn text(&mut self, owner: &str, s: &str) {
        if s.len() > MAX_TEXT_BYTES {
            self.problems.push(format!(
                "a text of {owner} is {} KB long; text fields are limited to {} KB",
                s.len() / 1024,
                MAX_TEXT_BYTES / 1024
            ));
        }
    }

    fn texts(&mut self, owner: &str, all: &[&String]) {
        for s in all {
            self.text(owner, s);
        }
    }

    /// Checks a list's length; every list but zones, conduits and assets adds to the entries.
    fn count(&mut self, owner: &str, items: &str, n: usize, limit: usize) {
        if !matches!(items, "zones" | "conduits" | "assets" | "devices") {
            self.entries += n;
        }
        if n > limit {
            self.problems.push(format!(
                "{owner} has {n} {items}; at most {limit} are accepted (the limit)"
            ));
        }
    }

    fn characteristics(&mut self, owner: &str, c: &Characteristics) {
        let Characteristics {
            accountable_organisation,
            logical_boundary,
            physical_boundary,
            safety_designation,
            logical_access_points,
            physical_access_points,
            security_policies,
            assumptions,
            external_dependencies,
        } = c;
        self.texts(
            owner,
            &[
                accountable_organisation,
                logical_boundary,
                physical_boundary,
                safety_designation,
                logical_access_points,
                physical_access_points,
                security_policies,
                assumptions,
                external_dependencies,
            ],
        );
    }

    fn compensation(&mut self, owner: &str, c: Option<&Compensation>) {
        if let Some(Compensation {
            sl: _,
            justification,
        }) = c
        {
            self.text(owner, justification);
        }
    }

    fn asset(&mut self, owner: &str, a: &Asset) {
        let Asset {
            id: _,
            name,
            component,
            vendor,
            model,
            firmware,
            tag,
            serial_number,
            network,
            sl_c_override,
            certificate,
            component_checks,
            criticality: _,
            notes,
        } = a;
        let owner = format!("asset \"{}\" of {owner}", crate::model::text::short(name));
        self.texts(
            &owner,
            &[
                name,
                component,
                vendor,
                model,
                firmware,
                tag,
                serial_number,
                notes,
            ],
        );
        if let Some(SlOverride { sl: _, source }) = sl_c_override {
            self.text(&owner, source);
        }
        self.component_evidence(&owner, certificate.as_ref(), component_checks);
        self.network(&owner, network);
    }

    fn network(&mut self, owner: &str, n: &AssetNetwork) {
        use super::network::*;
        let AssetNetwork {
            hostname,
            ip_addresses,
            mac: _,
            vlan,
            purdue_level: _,
            protocols,
            building,
            cabinet,
            tags,
        } = n;
        self.texts(owner, &[hostname, building, cabinet]);
        self.count(owner, "IP addresses", ip_addresses.len(), MAX_IPS_PER_ASSET);
        self.count(owner, "protocols", protocols.len(), MAX_PROTOCOLS_PER_ASSET);
        self.count(owner, "tags", tags.len(), MAX_TAGS_PER_ASSET);
        for s in protocols.iter().chain(tags) {
            self.text(owner, s);
        }
        if let Some(v) = vlan {
            self.vlan(owner, *v);
        }
    }

    fn vlan(&mut self, owner: &str, v: u16) {
        self.problems.extend(super::network::vlan_problem(v, owner));
    }

    fn import_settings(&mut self, s: &ImportSettings) {
        use super::network::*;
        let ImportSettings {
            columns,
            rules,
            subnets,
            vlans,
            levels,
            types,
        } = s;
        let owner = "the import settings";
        self.count(owner, "column choices", columns.len(), MAX_IMPORT_COLUMNS);
        self.count(owner, "zone rules", rules.len(), ZoneRule::ALL.len());
        for (i, r) in rules.iter().enumerate() {
            if rules[..i].contains(r) {
                self.problems
                    .push(format!("{owner} list the zone rule {r:?} twice"));
            }
        }
        self.count(owner, "subnet rules", subnets.len(), MAX_IMPORT_TABLE);
        self.count(owner, "VLAN rules", vlans.len(), MAX_IMPORT_TABLE);
        self.count(owner, "level rules", levels.len(), MAX_IMPORT_TABLE);
        self.count(owner, "type choices", types.len(), MAX_IMPORT_TABLE);
        for c in columns {
            self.text(owner, &c.header);
        }
        for z in subnets {
            self.text(owner, &z.zone);
        }
        for z in vlans {
            self.text(owner, &z.zone);
            self.vlan(owner, z.vlan);
        }
        for z in levels {
            self.text(owner, &z.zone);
        }
        for t in types {
            self.texts(owner, &[&t.value, &t.component]);
        }
    }

    fn component_evidence(
        &mut self,
        owner: &str,
        certificate: Option<&crate::model::component::Certificate>,
        checks: &[crate::model::component::ComponentCheck],
    ) {
        use crate::model::component::{Certificate, ComponentCheck};
        if let Some(Certificate {
            scheme,
            number,
            body,
            issued,
            valid_until,
            sl_c: _,
            scope,
        }) = certificate
        {
            self.texts(owner, &[scheme, number, body, issued, valid_until, scope]);
        }
        self.count(
            owner,
            "component checks",
            checks.len(),
            MAX_COMPONENT_CHECKS,
        );
        for ComponentCheck {
            requirement,
            status: _,
            evidence,
        } in checks
        {
            self.texts(owner, &[requirement, evidence]);
        }
    }

    fn requirements(&mut self, owner: &str, r: &Requirements) {
        self.count(
            owner,
            "requirement statuses",
            r.len(),
            MAX_REQUIREMENTS_PER_ELEMENT,
        );
        for (id, a) in r {
            let RequirementAssessment {
                status: _,
                text,
                evidence,
                notes,
            } = a;
            self.texts(owner, &[id, text, evidence, notes]);
        }
    }

    /// Counts of scenarios and affected assets are checked with the risk ranks.
    fn scenarios(&mut self, owner: &str, list: &[ThreatScenario]) {
        self.entries += list.len();
        for s in list {
            let ThreatScenario {
                title,
                threat_source,
                source_capability,
                vector,
                vulnerability,
                affected_assets,
                consequence,
                likelihood: _,
                existing_countermeasures,
                existing_likelihood: _,
                existing_consequence,
                residual_likelihood: _,
                residual_consequence,
                additional_countermeasures,
                source: _,
                likelihood_rationale,
                acceptance,
            } = s;
            let owner = format!(
                "threat scenario \"{}\" of {owner}",
                crate::model::text::short(title)
            );
            self.texts(
                &owner,
                &[
                    title,
                    threat_source,
                    source_capability,
                    vector,
                    vulnerability,
                    existing_countermeasures,
                    likelihood_rationale,
                ],
            );
            if let Some(Acceptance {
                by,
                role,
                date,
                justification,
            }) = acceptance
            {
                self.texts(&owner, &[by, role, date, justification]);
            }
            self.entries += affected_assets.len();
            for r in [consequence, existing_consequence, residual_consequence] {
                self.count(&owner, "consequence ratings", r.len(), MAX_RATINGS);
            }
            self.count(
                &owner,
                "additional countermeasures",
                additional_countermeasures.len(),
                MAX_COUNTERMEASURES,
            );
            for Countermeasure {
                measure,
                owner: who,
                due,
                status: _,
            } in additional_countermeasures
            {
                self.texts(&owner, &[measure, who, due]);
            }
        }
    }

    fn element_risk(&mut self, owner: &str, r: &ElementRisk) {
        let ElementRisk {
            scenarios,
            sl_t_rationale,
            record:
                AssessmentRecord {
                    assessors,
                    workshop,
                    date,
                    method_version,
                },
        } = r;
        self.text(owner, sl_t_rationale);
        self.texts(owner, &[workshop, date, method_version]);
        self.count(owner, "assessors", assessors.len(), MAX_ASSESSORS);
        for Assessor { name, role } in assessors {
            self.texts(owner, &[name, role]);
        }
        self.scenarios(owner, scenarios);
    }

    fn meta(&mut self, m: &Meta) {
        let Meta {
            title,
            site,
            organisation,
            author,
            document_number,
            revision,
            date,
            description,
            revisions,
            operating_environment,
            threat_environment,
            security_policies,
            tolerable_risk,
            regulatory_requirements,
            // a drawing setting, no text
            purdue_bands: _,
        } = m;
        self.texts(
            "the project",
            &[
                title,
                site,
                organisation,
                author,
                document_number,
                revision,
                date,
                description,
                operating_environment,
                threat_environment,
                security_policies,
                tolerable_risk,
                regulatory_requirements,
            ],
        );
        self.count(
            "the revision history",
            "revisions",
            revisions.len(),
            MAX_REVISIONS,
        );
        for Revision {
            revision,
            date,
            author,
            change,
        } in revisions
        {
            self.texts("the revision history", &[revision, date, author, change]);
        }
    }

    fn matrix(&mut self, m: &RiskMatrix) {
        // the sizes are the matrix's own problems (`RiskMatrix::problems`)
        let RiskMatrix {
            likelihood,
            consequence,
            categories,
            levels,
            cells,
            tolerable: _,
        } = m;
        self.entries += likelihood.len() + consequence.len() + categories.len() + levels.len();
        self.entries += cells.len() + cells.iter().map(Vec::len).sum::<usize>();
        for ScaleStep { name, description } in likelihood.iter().chain(consequence) {
            self.texts("the risk matrix", &[name, description]);
        }
        for c in categories {
            self.text("the risk matrix", c);
        }
        for RiskLevel {
            name,
            proposed_sl_t: _,
        } in levels
        {
            self.text("the risk matrix", name);
        }
    }
}

/// What in `p` is over a limit of [`super`], in words (the element total, scenario counts and
/// the matrix sizes are checked by `validate` itself).
pub(crate) fn problems(p: &Project, problems: &mut Vec<String>) {
    let Project {
        meta,
        zones,
        conduits,
        risk,
        approval,
        import_settings,
        conflicts: _,
        traffic,
    } = p;
    let mut c = Check {
        problems,
        entries: 0,
    };
    c.meta(meta);
    if let Some(t) = traffic {
        let owner = "the observed traffic";
        c.count(
            owner,
            "observed flows",
            t.flows.len(),
            super::MAX_OBSERVED_FLOWS,
        );
        c.count(
            owner,
            "traffic files",
            t.sources.len(),
            super::MAX_TRAFFIC_SOURCES,
        );
        c.count(owner, "notes", t.notes.len(), super::MAX_TRAFFIC_SOURCES);
        for s in t.sources.iter().chain(&t.notes) {
            c.text(owner, s);
        }
    }
    c.count("the project", "zones", zones.len(), MAX_ZONES);
    c.count("the project", "conduits", conduits.len(), MAX_CONDUITS);
    for z in zones {
        let Zone {
            id: _,
            name,
            kind: _,
            description,
            sl_t: _,
            compensation,
            characteristics,
            rect: _,
            assets,
            requirements,
            risk,
        } = z;
        let owner = format!("zone \"{}\"", crate::model::text::short(name));
        c.texts(&owner, &[name, description]);
        c.compensation(&owner, compensation.as_ref());
        c.characteristics(&owner, characteristics);
        c.count(&owner, "assets", assets.len(), MAX_ASSETS_PER_ZONE);
        for a in assets {
            c.asset(&owner, a);
        }
        c.requirements(&owner, requirements);
        c.element_risk(&owner, risk);
    }
    for k in conduits {
        let Conduit {
            id: _,
            name,
            from: _,
            to: _,
            direction: _,
            description,
            flows,
            controls,
            devices,
            owner: who,
            purpose,
            test_method,
            sl_t_override: _,
            compensation,
            characteristics,
            requirements,
            risk,
        } = k;
        let owner = format!("conduit \"{}\"", crate::model::text::short(name));
        c.texts(&owner, &[name, description, who, purpose, test_method]);
        c.count(&owner, "data flows", flows.len(), MAX_FLOWS_PER_CONDUIT);
        for DataFlow {
            source,
            destination,
            transport: _,
            ports,
            protocol,
            device: _,
            justification,
            port_text,
            initiator_text,
        } in flows
        {
            c.texts(
                &owner,
                &[protocol, justification, port_text, initiator_text],
            );
            for end in [source, destination] {
                c.count(
                    &owner,
                    "assets of a flow end",
                    end.assets.len(),
                    MAX_ENDPOINT_ASSETS,
                );
            }
            c.count(&owner, "port ranges", ports.len(), MAX_PORT_RANGES);
        }
        c.count(&owner, "controls", controls.len(), MAX_CONTROLS_PER_CONDUIT);
        for s in controls {
            c.text(&owner, s);
        }
        c.count(&owner, "devices", devices.len(), MAX_DEVICES_PER_CONDUIT);
        for a in devices {
            c.asset(&owner, a);
        }
        c.compensation(&owner, compensation.as_ref());
        c.characteristics(&owner, characteristics);
        c.requirements(&owner, requirements);
        c.element_risk(&owner, risk);
    }
    let ProjectRisk {
        matrix,
        initial,
        method: MethodReference { document, version },
        threat_sources,
    } = risk;
    c.matrix(matrix);
    c.texts("the risk method", &[document, version]);
    c.count(
        "the risk method",
        "threat sources",
        threat_sources.len(),
        MAX_THREAT_SOURCES,
    );
    for ThreatSource {
        id: _,
        source,
        capability,
        motivation,
        in_scope: _,
    } in threat_sources
    {
        c.texts("a threat source", &[source, capability, motivation]);
    }
    // the default settings are not written, so reading counts nothing for them
    if !import_settings.is_default() {
        c.import_settings(import_settings);
    }
    c.scenarios("the initial risk assessment", initial);
    if c.entries > MAX_ENTRIES {
        let n = c.entries;
        c.problems.push(format!(
            "the project has {n} list and map entries; at most {MAX_ENTRIES} are accepted (the limit; zones, conduits and assets not counted)"
        ));
    }
    if let Some(Approval {
        approver,
        role,
        organisation,
        date,
        decision: _,
        conditions,
        revision,
        content_hash,
        assessment_hash,
    }) = approval
    {
        c.texts(
            "the approval",
            &[
                approver,
                role,
                organisation,
                date,
                conditions,
                revision,
                content_hash,
                assessment_hash,
            ],
        );
    }
}
