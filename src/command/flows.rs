//! Planning the edits of a conduit's data flows: add, change, remove, pick a protocol from the
//! catalog (its transport and ports fill in), paste copied flows onto another conduit. Each is
//! one labelled edit of the conduit, one undo step.

use super::{NoPlan, Plan};
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::file::limits::MAX_FLOWS_PER_CONDUIT;
use crate::model::{Conduit, ConduitId, DataFlow, Endpoint, Project, ZoneId};

/// Flows copied from a conduit, with the zones they were drawn between (so that a paste onto
/// another conduit maps "from" to "from" and "to" to "to").
#[derive(Debug, Clone, PartialEq)]
pub struct FlowClip {
    pub from: ZoneId,
    pub to: ZoneId,
    pub flows: Vec<DataFlow>,
}

impl FlowClip {
    /// The conduit's flows that are not blank.
    pub fn of(c: &Conduit) -> FlowClip {
        FlowClip {
            from: c.from,
            to: c.to,
            flows: c.flows.iter().filter(|f| !f.is_blank()).cloned().collect(),
        }
    }
}

/// A change to the flows of one conduit.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowAction {
    /// A new flow from the conduit's `from` zone to its `to` zone.
    Add {
        conduit: ConduitId,
    },
    /// Replaces flow `index`; edits with the same `merge_key` merge (typing into one field).
    Set {
        conduit: ConduitId,
        index: usize,
        flow: Box<DataFlow>,
        merge_key: Option<String>,
    },
    Remove {
        conduit: ConduitId,
        index: usize,
    },
    /// Sets the protocol of flow `index` to a catalog protocol and its transport and ports to
    /// the protocol's defaults.
    PickProtocol {
        conduit: ConduitId,
        index: usize,
        protocol: String,
    },
    /// Appends copied flows.
    Paste {
        conduit: ConduitId,
        clip: FlowClip,
    },
}

fn replace(label: String, c: Conduit, merge_key: Option<String>) -> Plan {
    Plan {
        label,
        edit: Edit::ReplaceConduit(c),
        selection_after: None,
        merge_key,
    }
}

pub(crate) fn plan_flow(
    action: &FlowAction,
    p: &Project,
    catalog: &Catalog,
) -> Result<Plan, NoPlan> {
    let id = match action {
        FlowAction::Add { conduit }
        | FlowAction::Set { conduit, .. }
        | FlowAction::Remove { conduit, .. }
        | FlowAction::PickProtocol { conduit, .. }
        | FlowAction::Paste { conduit, .. } => *conduit,
    };
    let c = p.conduit(id).ok_or(NoPlan::Nothing)?;
    let mut n = c.clone();
    match action {
        FlowAction::Add { .. } => {
            if n.flows.len() >= MAX_FLOWS_PER_CONDUIT {
                return Err(NoPlan::Refused(format!(
                    "A conduit holds at most {MAX_FLOWS_PER_CONDUIT} data flows."
                )));
            }
            n.flows.push(DataFlow::between(c.from, c.to));
            Ok(replace(
                format!("Add data flow to conduit {}", c.name),
                n,
                None,
            ))
        }
        FlowAction::Set {
            index,
            flow,
            merge_key,
            ..
        } => {
            let slot = n.flows.get_mut(*index).ok_or(NoPlan::Nothing)?;
            if *slot == **flow {
                return Err(NoPlan::Nothing);
            }
            *slot = (**flow).clone();
            Ok(replace(
                format!("Edit data flow {} of conduit {}", index + 1, c.name),
                n,
                merge_key.clone(),
            ))
        }
        FlowAction::Remove { index, .. } => {
            if *index >= n.flows.len() {
                return Err(NoPlan::Nothing);
            }
            n.flows.remove(*index);
            Ok(replace(
                format!("Remove data flow {} from conduit {}", index + 1, c.name),
                n,
                None,
            ))
        }
        FlowAction::PickProtocol {
            index, protocol, ..
        } => {
            let proto = catalog
                .protocol(protocol)
                .ok_or_else(|| NoPlan::Refused(format!("{protocol} is not in the catalog.")))?;
            let slot = n.flows.get_mut(*index).ok_or(NoPlan::Nothing)?;
            slot.protocol = proto.id.clone();
            slot.transport = proto.transport;
            slot.ports = proto.ports.clone();
            slot.port_text.clear();
            Ok(replace(
                format!(
                    "Set protocol {} on data flow {} of conduit {}",
                    proto.name,
                    index + 1,
                    c.name
                ),
                n,
                None,
            ))
        }
        FlowAction::Paste { clip, .. } => {
            if clip.flows.is_empty() {
                return Err(NoPlan::Nothing);
            }
            if n.flows.len() + clip.flows.len() > MAX_FLOWS_PER_CONDUIT {
                return Err(NoPlan::Refused(format!(
                    "Nothing pasted: a conduit holds at most {MAX_FLOWS_PER_CONDUIT} data flows."
                )));
            }
            for f in &clip.flows {
                n.flows.push(remap(p, clip, c, f));
            }
            Ok(replace(
                format!(
                    "Paste {} into conduit {}",
                    crate::count_of(clip.flows.len(), "data flow", "data flows"),
                    c.name
                ),
                n,
                None,
            ))
        }
    }
}

/// A copied flow on conduit `c`: the copied conduit's `from` zone becomes `c.from`, its `to`
/// zone `c.to`; named assets stay only where they are in the end's zone; the enforcing device
/// only when it is on `c`.
fn remap(p: &Project, clip: &FlowClip, c: &Conduit, f: &DataFlow) -> DataFlow {
    let end = |e: &Endpoint| -> Endpoint {
        let zone = match e.zone {
            Some(z) if z == clip.from => Some(c.from),
            Some(z) if z == clip.to => Some(c.to),
            other => other,
        };
        let in_zone = |a: &crate::model::AssetId| {
            zone.and_then(|z| p.zone(z))
                .is_some_and(|z| z.assets.iter().any(|x| x.id == *a))
        };
        Endpoint {
            zone,
            assets: e.assets.iter().copied().filter(in_zone).collect(),
            subnet: if zone == e.zone { e.subnet } else { None },
        }
    };
    DataFlow {
        source: end(&f.source),
        destination: end(&f.destination),
        device: f.device.filter(|d| c.devices.iter().any(|x| x.id == *d)),
        ..f.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Asset, AssetId, PortRange, Rect, Transport, Zone, ZoneKind};

    fn plant() -> Project {
        let mut p = Project::default();
        for (id, name) in [(1, "DMZ"), (2, "Control"), (3, "Office"), (4, "Cell")] {
            let mut z = Zone::new(
                ZoneId(id),
                name,
                ZoneKind::Control,
                Rect::new(0.0, 0.0, 10.0, 10.0),
            );
            z.assets.push(Asset::new(
                AssetId(id * 10),
                format!("{name} host"),
                "server",
            ));
            p.zones.push(z);
        }
        p.conduits
            .push(Conduit::new(ConduitId(1), "A", ZoneId(1), ZoneId(2)));
        p.conduits
            .push(Conduit::new(ConduitId(2), "B", ZoneId(3), ZoneId(4)));
        p
    }

    fn apply(p: &mut Project, a: FlowAction) -> Plan {
        let plan = plan_flow(&a, p, Catalog::embedded()).expect("a plan");
        plan.edit.clone().apply(p).expect("applies");
        plan
    }

    #[test]
    fn add_pick_protocol_edit_and_remove_are_one_edit_each() {
        let mut p = plant();
        let plan = apply(
            &mut p,
            FlowAction::Add {
                conduit: ConduitId(1),
            },
        );
        assert_eq!(plan.label, "Add data flow to conduit A");
        assert_eq!(
            p.conduits[0].flows,
            vec![DataFlow::between(ZoneId(1), ZoneId(2))]
        );
        let plan = apply(
            &mut p,
            FlowAction::PickProtocol {
                conduit: ConduitId(1),
                index: 0,
                protocol: "Modbus/TCP".into(),
            },
        );
        assert_eq!(
            plan.label,
            "Set protocol Modbus/TCP on data flow 1 of conduit A"
        );
        let f = &p.conduits[0].flows[0];
        assert_eq!(
            (f.protocol.as_str(), f.transport),
            ("modbus_tcp", Transport::Tcp)
        );
        assert_eq!(f.ports, vec![PortRange::one(502)]);
        let mut g = f.clone();
        g.justification = "Polling".into();
        let plan = apply(
            &mut p,
            FlowAction::Set {
                conduit: ConduitId(1),
                index: 0,
                flow: Box::new(g.clone()),
                merge_key: Some("k".into()),
            },
        );
        assert_eq!(plan.merge_key.as_deref(), Some("k"));
        assert_eq!(p.conduits[0].flows[0], g);
        // the same value again is no edit
        assert_eq!(
            plan_flow(
                &FlowAction::Set {
                    conduit: ConduitId(1),
                    index: 0,
                    flow: Box::new(g),
                    merge_key: None
                },
                &p,
                Catalog::embedded()
            ),
            Err(NoPlan::Nothing)
        );
        apply(
            &mut p,
            FlowAction::Remove {
                conduit: ConduitId(1),
                index: 0,
            },
        );
        assert!(p.conduits[0].flows.is_empty());
        assert!(matches!(
            plan_flow(
                &FlowAction::PickProtocol {
                    conduit: ConduitId(1),
                    index: 0,
                    protocol: "Modbus".into()
                },
                &p,
                Catalog::embedded()
            ),
            Err(NoPlan::Nothing)
        ));
    }

    #[test]
    fn paste_maps_the_copied_ends_onto_the_target_conduit() {
        let mut p = plant();
        let mut f = DataFlow::between(ZoneId(2), ZoneId(1));
        f.source.assets = vec![AssetId(20)];
        f.destination.assets = vec![AssetId(10)];
        f.protocol = "ssh".into();
        p.conduits[0].flows = vec![f, DataFlow::default()];
        let clip = FlowClip::of(&p.conduits[0]);
        assert_eq!(clip.flows.len(), 1, "blank rows are not copied");
        let plan = apply(
            &mut p,
            FlowAction::Paste {
                conduit: ConduitId(2),
                clip,
            },
        );
        assert_eq!(plan.label, "Paste 1 data flow into conduit B");
        let g = &p.conduits[1].flows[0];
        // Control (the copied conduit's `to`) → Cell (B's `to`); assets of other zones dropped
        assert_eq!(g.source, Endpoint::zone(ZoneId(4)));
        assert_eq!(g.destination, Endpoint::zone(ZoneId(3)));
        assert_eq!(g.protocol, "ssh");
    }
}
