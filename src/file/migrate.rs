//! Migrations of a project read from an older format version, one small function per version
//! step, run after the file has been parsed and before it is validated.

use crate::model::flow::parse_legacy_port;
use crate::model::{Conduit, DataFlow, Endpoint, Project, Zone};

/// Brings a project read from format version `version` up to the current one.
pub(super) fn migrate(project: &mut Project, version: u32) {
    if version < 5 {
        v4_to_v5(project);
    }
    // version 6 only adds the observed traffic summary, which older files do not have: there
    // is nothing to change
}

/// Version 5 structures the data flows. A version-4 flow had free text for its port and
/// initiator: "443/tcp" becomes transport and ports; an initiator naming one of the conduit's
/// zones (optionally with asset names in brackets, "DMZ (PATCH-01)") becomes the source, the
/// other zone the destination. Text that cannot be read so is kept as it was written.
fn v4_to_v5(project: &mut Project) {
    let zones = &project.zones;
    for c in &mut project.conduits {
        let ends = (
            zones.iter().find(|z| z.id == c.from),
            zones.iter().find(|z| z.id == c.to),
        );
        let mut flows = std::mem::take(&mut c.flows);
        for f in &mut flows {
            structure_flow(f, c, ends);
        }
        c.flows = flows;
    }
}

fn structure_flow(f: &mut DataFlow, c: &Conduit, (from, to): (Option<&Zone>, Option<&Zone>)) {
    if let Some((transport, ports)) = parse_legacy_port(&f.port_text) {
        f.transport = transport;
        f.ports = ports;
        f.port_text.clear();
    } else if f.port_text.trim().is_empty() {
        f.port_text.clear();
    }
    f.source = Endpoint::zone(c.from);
    f.destination = Endpoint::zone(c.to);
    let initiator = f.initiator_text.trim();
    if initiator.is_empty() {
        f.initiator_text.clear();
        return;
    }
    if let Some(z) = to
        && let Some(assets) = names_zone(initiator, z)
    {
        f.source = Endpoint::of_assets(z.id, assets);
        f.destination = Endpoint::zone(c.from);
        f.initiator_text.clear();
    } else if let Some(z) = from
        && let Some(assets) = names_zone(initiator, z)
    {
        f.source = Endpoint::of_assets(z.id, assets);
        f.initiator_text.clear();
    }
}

/// A name, and the parts before and inside one remark in brackets at its end.
fn names(name: &str) -> impl Iterator<Item = &str> {
    let parts = name
        .strip_suffix(')')
        .and_then(|r| r.split_once(" ("))
        .filter(|(_, inner)| !inner.contains('('));
    std::iter::once(name).chain(parts.into_iter().flat_map(|(a, b)| [a, b]))
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Whether `text` names the zone, alone or followed by asset names or tags in brackets: the
/// assets so named (empty for the whole zone). `None` when it is not the zone, or a bracketed
/// name is no asset of it.
fn names_zone(text: &str, z: &Zone) -> Option<Vec<crate::model::AssetId>> {
    // the zone's name, or the part before or inside its brackets ("Corporate IT (Unternehmens-IT)",
    // "Basic process control system (BPCS)")
    let is_zone = |t: &str| names(&z.name).any(|n| same(t, n));
    if is_zone(text) {
        return Some(Vec::new());
    }
    let rest = text.strip_suffix(')')?;
    let (zone, inner) = rest.rsplit_once('(')?;
    if !is_zone(zone) {
        return None;
    }
    inner
        .split(',')
        .map(|n| {
            z.assets
                .iter()
                .find(|a| {
                    names(&a.name).any(|x| same(x, n)) || (!a.tag.is_empty() && same(&a.tag, n))
                })
                .map(|a| a.id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{PortRange, Transport};

    const V4: &str = r#"(format: "zonewright", version: 4, project: (
        meta: (title: "Flows"),
        zones: [
            (id: 1, name: "Plant  DMZ (Historian-DMZ)", kind: Dmz, rect: (x: 0, y: 0, w: 100, h: 100),
             assets: [(id: 10, name: "Patch server", component: "server", tag: "PATCH-01")]),
            (id: 2, name: "Control", kind: Control, rect: (x: 200, y: 0, w: 100, h: 100)),
        ],
        conduits: [(id: 1, name: "C", from: 2, to: 1, flows: [
            (protocol: "HTTPS", port: "443/tcp", initiator: "Control", description: "updates"),
            (protocol: "WSUS", port: "8530-8531/tcp", initiator: "plant dmz (PATCH-01)"),
            (protocol: "Vendor", port: "dynamic", initiator: "the vendor"),
            (),
        ])],
    ))"#;

    #[test]
    fn version_4_flows_become_structured_and_unreadable_text_is_kept() {
        let p = crate::file::from_str(V4).expect("a version-4 file loads");
        let f = &p.conduits[0].flows;
        let (dmz, control) = (crate::model::ZoneId(1), crate::model::ZoneId(2));
        assert_eq!(f[0].transport, Transport::Tcp);
        assert_eq!(f[0].ports, vec![PortRange::one(443)]);
        assert_eq!(f[0].source.zone, Some(control));
        assert_eq!(f[0].destination.zone, Some(dmz));
        assert_eq!(f[0].justification, "updates");
        assert!(f[0].port_text.is_empty() && f[0].initiator_text.is_empty());
        // the DMZ is the conduit's `to` zone: the flow runs against the drawing order
        assert_eq!(f[1].source.zone, Some(dmz));
        assert_eq!(f[1].source.assets, vec![crate::model::AssetId(10)]);
        assert_eq!(f[1].destination.zone, Some(control));
        assert_eq!(f[1].ports, vec![PortRange(8530, 8531)]);
        assert_eq!(f[2].port_text, "dynamic");
        assert_eq!(f[2].initiator_text, "the vendor");
        assert!(f[2].ports.is_empty());
        assert_eq!(f[2].source.zone, Some(control));
        assert!(f[3].is_blank());
    }
}
