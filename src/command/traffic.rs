//! Planning from observed traffic: keeping an imported traffic summary in the project, and the
//! proposals for zone pairs that talk — a new conduit with its flows where no conduit joins
//! them, the undeclared flows where one does — applied as one undo step for the ones the user
//! ticked. Flows name the assets seen at each end (the whole zone when more than
//! [`MAX_NAMED_HOSTS`] or none are known) and take their protocol from the catalog by port.

use super::{NoPlan, Plan, unique_name};
use crate::analysis::traffic::{TrafficAssessment, TrafficRow, TrafficStatus};
use crate::edit::Edit;
use crate::file::limits::MAX_FLOWS_PER_CONDUIT;
use crate::model::traffic::ObservedTraffic;
use crate::model::{
    AssetId, Conduit, ConduitId, DataFlow, ElementRef, Endpoint, PortRange, Project, Transport,
    ZoneId,
};
use std::collections::{BTreeMap, BTreeSet};

/// Most assets named at one end of a proposed flow; beyond, the flow takes the whole zone.
pub const MAX_NAMED_HOSTS: usize = 20;

/// A change from observed traffic.
#[derive(Debug, Clone, PartialEq)]
pub enum TrafficAction {
    /// Keeps an imported summary in the project (replacing the one kept before) and applies
    /// the proposals ticked in the import's preview, as one undo step.
    Import {
        traffic: Box<ObservedTraffic>,
        proposals: Vec<Proposal>,
    },
    /// Removes the summary (and with it the findings on traffic).
    Forget,
    /// Applies these proposals (the ones the user ticked), as one undo step.
    Apply(Vec<Proposal>),
}

/// Flows to declare between two zones: on a new conduit, or added to an existing one.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The conduit the flows are added to; `None`: a new two-way conduit from `from` to `to`.
    pub conduit: Option<ConduitId>,
    pub from: ZoneId,
    pub to: ZoneId,
    pub flows: Vec<DataFlow>,
    /// "New conduit Control – SIS: Modbus/TCP (TCP 502), TCP 102".
    pub summary: String,
}

/// (source zone, destination zone, transport, port) → the rows observed.
type Group<'a> = BTreeMap<(ZoneId, ZoneId, TransportKey, u16), Vec<&'a TrafficRow>>;

/// A sortable form of a transport.
type TransportKey = (u8, u8);

fn transport_key(t: Transport) -> TransportKey {
    match t {
        Transport::Tcp => (0, 0),
        Transport::Udp => (1, 0),
        Transport::Icmp => (2, 0),
        Transport::Ip(n) => (3, n),
        Transport::Any => (4, 0),
    }
}

fn end_of(zone: ZoneId, assets: BTreeSet<AssetId>) -> Endpoint {
    if assets.is_empty() || assets.len() > MAX_NAMED_HOSTS {
        Endpoint::zone(zone)
    } else {
        Endpoint::of_assets(zone, assets.into_iter().collect())
    }
}

/// One proposed flow for the rows of one (source zone, destination zone, service).
fn proposed_flow(src: ZoneId, dst: ZoneId, rows: &[&TrafficRow]) -> DataFlow {
    let first = rows[0];
    let sources: BTreeSet<AssetId> = rows.iter().filter_map(|r| r.source.asset).collect();
    let destinations: BTreeSet<AssetId> = rows.iter().filter_map(|r| r.destination.asset).collect();
    // an unknown host among them: the flow takes the whole zone (or the assets would not cover it)
    let all_known = |f: fn(&TrafficRow) -> bool| rows.iter().all(|r| f(r));
    let connections: u64 = rows.iter().map(|r| r.connections).sum();
    DataFlow {
        source: if all_known(|r| r.source.asset.is_some()) {
            end_of(src, sources)
        } else {
            Endpoint::zone(src)
        },
        destination: if all_known(|r| r.destination.asset.is_some()) {
            end_of(dst, destinations)
        } else {
            Endpoint::zone(dst)
        },
        transport: first.transport,
        ports: if first.transport.has_ports() {
            vec![PortRange::one(first.port)]
        } else {
            Vec::new()
        },
        protocol: first.protocol_id.clone().unwrap_or_default(),
        justification: format!("Observed: {connections} connections."),
        ..DataFlow::default()
    }
}

/// The proposals for the project's observed traffic: a new conduit for each zone pair that
/// talks without one (in order of the busiest traffic), then the undeclared flows of each
/// existing conduit. Traffic against a one-way conduit is not proposed: it is to be stopped
/// or the conduit changed by hand.
pub fn proposals(p: &Project, t: &TrafficAssessment) -> Vec<Proposal> {
    let mut new_pairs: Vec<(ZoneId, ZoneId)> = Vec::new();
    let mut new_groups: BTreeMap<(ZoneId, ZoneId), Group> = BTreeMap::new();
    let mut existing: BTreeMap<ConduitId, Group> = BTreeMap::new();
    for r in &t.rows {
        let (Some(a), Some(b)) = (r.source.zone, r.destination.zone) else {
            continue;
        };
        let key = (a, b, transport_key(r.transport), r.port);
        match r.status {
            TrafficStatus::NoConduit => {
                let pair = (a.min(b), a.max(b));
                if !new_pairs
                    .iter()
                    .any(|(x, y)| (*x.min(y), *x.max(y)) == pair)
                {
                    new_pairs.push((a, b));
                }
                new_groups
                    .entry(pair)
                    .or_default()
                    .entry(key)
                    .or_default()
                    .push(r);
            }
            TrafficStatus::Undeclared(c) => {
                existing
                    .entry(c)
                    .or_default()
                    .entry(key)
                    .or_default()
                    .push(r);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (from, to) in new_pairs {
        let Some(groups) = new_groups.get(&(from.min(to), from.max(to))) else {
            continue;
        };
        let flows: Vec<DataFlow> = groups
            .iter()
            .take(MAX_FLOWS_PER_CONDUIT)
            .map(|((s, d, _, _), rows)| proposed_flow(*s, *d, rows))
            .collect();
        out.push(Proposal {
            conduit: None,
            from,
            to,
            summary: format!(
                "New conduit {} – {}: {}",
                p.element_name(ElementRef::Zone(from)),
                p.element_name(ElementRef::Zone(to)),
                services(groups)
            ),
            flows,
        });
    }
    for (c, groups) in existing {
        let Some(conduit) = p.conduit(c) else {
            continue;
        };
        let room = MAX_FLOWS_PER_CONDUIT.saturating_sub(conduit.flows.len());
        let flows: Vec<DataFlow> = groups
            .iter()
            .take(room)
            .map(|((s, d, _, _), rows)| proposed_flow(*s, *d, rows))
            .collect();
        if flows.is_empty() {
            continue;
        }
        out.push(Proposal {
            conduit: Some(c),
            from: conduit.from,
            to: conduit.to,
            summary: format!("Declare on conduit {}: {}", conduit.name, services(&groups)),
            flows,
        });
    }
    out
}

fn services(groups: &Group) -> String {
    let v: Vec<&str> = groups
        .values()
        .map(|rows| rows[0].service.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shown: Vec<&str> = v.iter().take(6).copied().collect();
    if v.len() > shown.len() {
        format!("{} and {} more", shown.join(", "), v.len() - shown.len())
    } else {
        shown.join(", ")
    }
}

pub fn plan_traffic(action: &TrafficAction, p: &Project) -> Result<Plan, NoPlan> {
    match action {
        TrafficAction::Import { traffic, proposals } => {
            let keep = Edit::SetTraffic(Some(traffic.clone()));
            let label = format!("Import traffic {}", traffic.sources_text());
            if proposals.is_empty() {
                return Ok(Plan {
                    label,
                    edit: keep,
                    selection_after: None,
                    merge_key: None,
                });
            }
            let applied = apply(proposals, p)?;
            Ok(Plan {
                label: format!(
                    "{label} and apply {}",
                    crate::count_of(proposals.len(), "proposal", "proposals")
                ),
                edit: Edit::Batch(vec![keep, applied.edit]),
                selection_after: applied.selection_after,
                merge_key: None,
            })
        }
        TrafficAction::Forget => {
            if p.traffic.is_none() {
                return Err(NoPlan::Nothing);
            }
            Ok(Plan {
                label: "Remove the observed traffic".into(),
                edit: Edit::SetTraffic(None),
                selection_after: None,
                merge_key: None,
            })
        }
        TrafficAction::Apply(proposals) => apply(proposals, p),
    }
}

fn apply(proposals: &[Proposal], p: &Project) -> Result<Plan, NoPlan> {
    if proposals.is_empty() {
        return Err(NoPlan::Nothing);
    }
    let mut edits = Vec::new();
    let mut selected = Vec::new();
    let mut next = p.next_conduit_id().0;
    let mut names: Vec<String> = p.conduits.iter().map(|c| c.name.clone()).collect();
    let mut changed: BTreeMap<ConduitId, Conduit> = BTreeMap::new();
    for pr in proposals {
        if p.zone(pr.from).is_none() || p.zone(pr.to).is_none() || pr.from == pr.to {
            return Err(NoPlan::Refused(
                "A proposal names a zone that is no longer in the project; import the traffic again.".into(),
            ));
        }
        match pr.conduit {
            None => {
                let id = ConduitId(next);
                next += 1;
                let base = format!(
                    "{} – {}",
                    p.element_name(ElementRef::Zone(pr.from)),
                    p.element_name(ElementRef::Zone(pr.to))
                );
                let name = unique_name(&base, names.iter().map(String::as_str));
                names.push(name.clone());
                let mut c = Conduit::new(id, name, pr.from, pr.to);
                c.flows = pr
                    .flows
                    .iter()
                    .take(MAX_FLOWS_PER_CONDUIT)
                    .cloned()
                    .collect();
                c.purpose = "Proposed from observed traffic".into();
                edits.push(Edit::AddConduit {
                    index: p.conduits.len() + selected.len(),
                    conduit: c,
                });
                selected.push(ElementRef::Conduit(id));
            }
            Some(id) => {
                let c = match changed.get_mut(&id) {
                    Some(c) => c,
                    None => {
                        let c = p.conduit(id).ok_or_else(|| {
                            NoPlan::Refused("A proposal names a conduit that is no longer in the project; import the traffic again.".into())
                        })?;
                        changed.entry(id).or_insert_with(|| c.clone())
                    }
                };
                let room = MAX_FLOWS_PER_CONDUIT.saturating_sub(c.flows.len());
                c.flows.extend(pr.flows.iter().take(room).cloned());
            }
        }
    }
    for (id, c) in changed {
        edits.push(Edit::ReplaceConduit(c));
        selected.push(ElementRef::Conduit(id));
    }
    let label = match proposals {
        [one] => format!("Apply traffic proposal: {}", one.summary),
        many => format!("Apply {} traffic proposals", many.len()),
    };
    Ok(Plan {
        label,
        edit: Edit::Batch(edits),
        selection_after: Some(selected.into_iter().collect()),
        merge_key: None,
    })
}
