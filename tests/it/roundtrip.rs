//! Property: every valid project survives `to_string` → `from_str` unchanged, whatever its
//! text (quotes, backslashes, newlines, control characters, umlauts, CJK, emoji) and its
//! finite coordinates.

use proptest::prelude::*;
use zonewright::file;
use zonewright::model::component::{Certificate, CheckStatus, ComponentCheck};
use zonewright::model::{
    Acceptance, AssessmentRecord, Assessor, Asset, AssetId, Compensation, Conduit, ConduitId,
    Countermeasure, Criticality, DataFlow, Direction, MeasureStatus, MethodReference, Project,
    Rect, RequirementAssessment, Revision, SlOverride, SlVector, Status, ThreatScenario,
    ThreatSource, Zone, ZoneId, ZoneKind,
};

/// Text that tends to break escaping, or anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 \"\\\\\n\r\t'(),:\\[\\]{}#/*äöüÄÖÜß東京漢字🚀🏭\u{200b}]{0,16}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}

fn sl() -> impl Strategy<Value = SlVector> {
    proptest::array::uniform7(0u8..=4).prop_map(SlVector)
}

fn coord() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => -1.0e6f32..=1.0e6f32,
        1 => prop::sample::select(vec![0.0f32, -0.0, 0.1, -123.456, 1.0e6, -1.0e6, 1.0e-30]),
    ]
}

fn size() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => 0.001f32..=1.0e6f32,
        1 => prop::sample::select(vec![f32::MIN_POSITIVE, 1.0e-30, 0.1, 1.0e6, 333.333]),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn requirements() -> impl Strategy<Value = std::collections::BTreeMap<String, RequirementAssessment>>
{
    prop::collection::btree_map(
        prop_oneof!["SR [1-7]\\.[1-9]( RE [1-4])?", text()],
        (status(), text(), text(), text()).prop_map(|(status, text, evidence, notes)| {
            RequirementAssessment {
                status,
                text,
                evidence,
                notes,
            }
        }),
        0..4,
    )
}

fn certificate() -> impl Strategy<Value = Certificate> {
    ((text(), text(), text()), (text(), text()), sl(), text()).prop_map(
        |((scheme, number, body), (issued, valid_until), sl_c, scope)| Certificate {
            scheme,
            number,
            body,
            issued,
            valid_until,
            sl_c,
            scope,
        },
    )
}

fn component_checks() -> impl Strategy<Value = Vec<ComponentCheck>> {
    prop::collection::vec(
        (
            prop_oneof!["(CR|NDR|EDR) [1-7]\\.[1-9]( RE [1-4])?", text()],
            prop::sample::select(CheckStatus::ALL.to_vec()),
            text(),
        )
            .prop_map(|(requirement, status, evidence)| ComponentCheck {
                requirement,
                status,
                evidence,
            }),
        0..4,
    )
}

/// Network fields: IPv4/IPv6 addresses, MAC, VLAN, level, lists of texts.
fn network() -> impl Strategy<Value = zonewright::model::AssetNetwork> {
    use zonewright::model::{MacAddr, PurdueLevel};
    (
        (text(), text(), text()),
        prop::collection::vec(any::<std::net::IpAddr>(), 0..3),
        proptest::option::of(any::<[u8; 6]>().prop_map(MacAddr)),
        proptest::option::of(1u16..=4094),
        proptest::option::of(prop::sample::select(PurdueLevel::ALL.to_vec())),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(
                (hostname, building, cabinet),
                ip_addresses,
                mac,
                vlan,
                purdue_level,
                protocols,
                tags,
            )| {
                zonewright::model::AssetNetwork {
                    hostname,
                    ip_addresses,
                    mac,
                    vlan,
                    purdue_level,
                    protocols,
                    building,
                    cabinet,
                    tags,
                }
            },
        )
}

/// An asset; its id is assigned later so that ids are unique in the project.
fn asset() -> impl Strategy<Value = Asset> {
    (
        (text(), text(), text(), text(), text()),
        proptest::option::of((sl(), text())),
        prop::sample::select(Criticality::ALL.to_vec()),
        text(),
        (text(), text()),
        (proptest::option::of(certificate()), component_checks()),
        network(),
    )
        .prop_map(
            |(
                (name, component, vendor, model, firmware),
                over,
                criticality,
                notes,
                (tag, serial_number),
                (certificate, component_checks),
                network,
            )| Asset {
                id: AssetId(0),
                name,
                component,
                vendor,
                model,
                firmware,
                tag,
                serial_number,
                network,
                sl_c_override: over.map(|(sl, source)| SlOverride { sl, source }),
                certificate,
                component_checks,
                criticality,
                notes,
            },
        )
}

/// A threat scenario rated within the default 5 × 5 matrix (no affected assets: ids are
/// assigned later).
fn scenario() -> impl Strategy<Value = ThreatScenario> {
    (
        (text(), text(), text()),
        (0u8..=5, prop::collection::vec(0u8..=5, 0..=4)),
        (0u8..=5, prop::collection::vec(0u8..=5, 0..=4)),
        (0u8..=5, prop::collection::vec(0u8..=5, 0..=4)),
        (
            text(),
            text(),
            text(),
            prop::sample::select(MeasureStatus::ALL.to_vec()),
        ),
        (
            0u32..4,
            text(),
            proptest::option::of((text(), text(), text(), text())),
        ),
    )
        .prop_map(
            |(
                (title, threat_source, vector),
                (likelihood, consequence),
                (el, ec),
                (rl, rc),
                (measure, owner, due, status),
                (source, likelihood_rationale, acceptance),
            )| {
                ThreatScenario {
                    title,
                    threat_source,
                    vector,
                    likelihood,
                    consequence,
                    existing_likelihood: el,
                    existing_consequence: ec,
                    residual_likelihood: rl,
                    residual_consequence: rc,
                    additional_countermeasures: vec![Countermeasure {
                        measure,
                        owner,
                        due,
                        status,
                    }],
                    source,
                    likelihood_rationale,
                    acceptance: acceptance.map(|(by, role, date, justification)| Acceptance {
                        by,
                        role,
                        date,
                        justification,
                    }),
                    ..Default::default()
                }
            },
        )
}

fn zone() -> impl Strategy<Value = Zone> {
    (
        (text(), prop::sample::select(ZoneKind::ALL.to_vec()), text()),
        proptest::option::of(sl()),
        proptest::option::of((sl(), text())),
        (coord(), coord(), size(), size()),
        prop::collection::vec(asset(), 0..4),
        requirements(),
        text(),
        prop::collection::vec(scenario(), 0..3),
        (text(), text(), text(), text(), text()),
    )
        .prop_map(
            |(
                (name, kind, description),
                sl_t,
                comp,
                (x, y, w, h),
                assets,
                requirements,
                b,
                scenarios,
                (assessor, role, workshop, date, method_version),
            )| {
                let mut z = Zone::new(ZoneId(0), name, kind, Rect::new(x, y, w, h));
                z.risk.scenarios = scenarios;
                z.risk.record = AssessmentRecord {
                    assessors: vec![Assessor {
                        name: assessor,
                        role,
                    }],
                    workshop,
                    date,
                    method_version,
                };
                z.description = description;
                z.sl_t = sl_t;
                z.compensation = comp.map(|(sl, justification)| Compensation { sl, justification });
                z.assets = assets;
                z.requirements = requirements;
                z.characteristics.logical_boundary = b;
                z
            },
        )
}

/// A conduit between zone indices `from` and `to` (mapped to ids later).
fn conduit() -> impl Strategy<Value = (usize, usize, Conduit)> {
    (
        (any::<usize>(), any::<usize>()),
        (text(), text(), text()),
        prop::sample::select(vec![Direction::default(), Direction::OneWay]),
        prop::collection::vec(
            (
                (text(), text(), text(), text()),
                (any::<u16>(), any::<u16>(), any::<bool>()),
            )
                .prop_map(
                    |((protocol, port_text, initiator_text, justification), (lo, hi, udp))| {
                        DataFlow {
                            protocol,
                            port_text,
                            initiator_text,
                            justification,
                            transport: if udp {
                                zonewright::model::Transport::Udp
                            } else {
                                zonewright::model::Transport::Tcp
                            },
                            ports: vec![zonewright::model::PortRange(lo.min(hi), lo.max(hi))],
                            ..DataFlow::default()
                        }
                    },
                ),
            0..3,
        ),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(asset(), 0..2),
        (proptest::option::of(sl()), requirements()),
    )
        .prop_map(
            |((a, b), (name, owner, purpose), direction, flows, controls, devices, (o, req))| {
                let mut c = Conduit::new(ConduitId(0), name, ZoneId(0), ZoneId(0));
                c.owner = owner;
                c.purpose = purpose;
                c.direction = direction;
                c.flows = flows;
                c.controls = controls;
                c.devices = devices;
                c.sl_t_override = o;
                c.requirements = req;
                (a, b, c)
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        (text(), text(), text()),
        prop::collection::vec((text(), text(), text(), text()), 0..3),
        prop::collection::btree_set(1u32..u32::MAX, 1..6),
        prop::collection::vec(zone(), 6),
        prop::collection::vec(conduit(), 0..6),
        1u32..1_000_000,
        (
            (text(), text()),
            prop::collection::vec((text(), text(), text(), any::<bool>()), 0..4),
        ),
    )
        .prop_map(
            |(
                (title, site, description),
                revisions,
                zone_ids,
                zones,
                conduits,
                first_asset,
                ((document, version), sources),
            )| {
                let mut p = Project::default();
                p.risk.method = MethodReference { document, version };
                p.risk.threat_sources = (1u32..)
                    .zip(sources)
                    .map(
                        |(id, (source, capability, motivation, in_scope))| ThreatSource {
                            id,
                            source,
                            capability,
                            motivation,
                            in_scope,
                        },
                    )
                    .collect();
                p.meta.title = title;
                p.meta.site = site;
                p.meta.description = description;
                p.meta.revisions = revisions
                    .into_iter()
                    .map(|(revision, date, author, change)| Revision {
                        revision,
                        date,
                        author,
                        change,
                    })
                    .collect();
                let ids: Vec<ZoneId> = zone_ids.into_iter().map(ZoneId).collect();
                p.zones = ids
                    .iter()
                    .zip(zones)
                    .map(|(id, mut z)| {
                        z.id = *id;
                        z
                    })
                    .collect();
                let n = ids.len();
                for (i, (a, b, mut c)) in conduits.into_iter().enumerate() {
                    let (from, to) = (ids[a % n], ids[b % n]);
                    if from == to {
                        continue;
                    }
                    c.id = ConduitId(i as u32 + 1);
                    c.from = from;
                    c.to = to;
                    p.conduits.push(c);
                }
                let zone_assets = p.zones.iter_mut().flat_map(|z| z.assets.iter_mut());
                let devices = p.conduits.iter_mut().flat_map(|c| c.devices.iter_mut());
                for (id, a) in (first_asset..).zip(zone_assets.chain(devices)) {
                    a.id = AssetId(id);
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_projects_survive_a_round_trip(p in project()) {
        prop_assert_eq!(file::validate(&p), Ok(()), "the generator makes valid projects");
        let text = file::to_string(&p).expect("serialise");
        let back = file::from_str(&text);
        prop_assert_eq!(back.as_ref(), Ok(&p), "text was:\n{}", text);
        // and the text is stable: writing what was read gives the same text
        if let Ok(back) = back {
            prop_assert_eq!(file::to_string(&back).expect("serialise"), text);
        }
    }
}
