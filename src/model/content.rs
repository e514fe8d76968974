//! What an asset owner's approval covers, and its hash: the project's content without the
//! approval itself, the document's revision bookkeeping and the canvas layout.

use super::{
    Asset, Characteristics, Compensation, Conduit, ElementRisk, Meta, Project, ProjectRisk,
    Requirements, SlVector, Zone, ZoneId, ZoneKind,
};
use serde::Serialize;

/// SHA-256 (lower-case hex) of what an approval covers: the whole project except the approval
/// itself, the document's revision and revision history (the approval names its revision
/// separately) and where the zones sit on the canvas (moving a box changes no requirement).
/// The document date counts: it decides which certificates are valid. Stable across runs and
/// platforms: it hashes the JSON form of [`Content`], whose field order is the declaration
/// order. Reads the project in place (no copy).
pub fn content_hash(project: &Project) -> String {
    hash(&Content::of(project, true))
}

/// The content hash as approvals recorded before format version 4 computed it: without the
/// document date. Only to tell such an approval whether the rest of the content changed.
pub fn legacy_content_hash(project: &Project) -> String {
    hash(&Content::of(project, false))
}

/// SHA-256 of a value's JSON form, in lower-case hex.
pub fn hash<T: Serialize>(value: &T) -> String {
    use sha2::Digest;
    // plain data structs always serialise; a failure would hash an empty text, which can never
    // match a real one. One buffer, then one hash: faster than feeding the hash from the
    // serialiser's many small writes.
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let digest = sha2::Sha256::digest(&bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// What an approval covers, borrowed from the project. Built by destructuring, so a field added
/// to `Project`, `Meta` or `Zone` does not compile until it is decided here whether it counts.
#[derive(Serialize)]
struct Content<'a> {
    meta: MetaContent<'a>,
    zones: Vec<ZoneContent<'a>>,
    conduits: &'a [Conduit],
    risk: &'a ProjectRisk,
}

#[derive(Serialize)]
struct MetaContent<'a> {
    title: &'a str,
    site: &'a str,
    organisation: &'a str,
    author: &'a str,
    document_number: &'a str,
    /// The document date (absent in the legacy hash).
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    description: &'a str,
    operating_environment: &'a str,
    threat_environment: &'a str,
    security_policies: &'a str,
    tolerable_risk: &'a str,
    regulatory_requirements: &'a str,
}

#[derive(Serialize)]
struct ZoneContent<'a> {
    id: ZoneId,
    name: &'a str,
    kind: ZoneKind,
    description: &'a str,
    sl_t: &'a Option<SlVector>,
    compensation: &'a Option<Compensation>,
    characteristics: &'a Characteristics,
    assets: &'a [Asset],
    requirements: &'a Requirements,
    risk: &'a ElementRisk,
}

impl<'a> Content<'a> {
    fn of(project: &'a Project, with_date: bool) -> Content<'a> {
        let Project {
            meta,
            zones,
            conduits,
            risk,
            approval: _,
            // how the inventory was read, not what was designed
            import_settings: _,
            // merge bookkeeping: the fields themselves hold the content
            conflicts: _,
            // what the plant was seen doing: evidence, not design
            traffic: _,
        } = project;
        let Meta {
            title,
            site,
            organisation,
            author,
            document_number,
            revision: _,
            date,
            description,
            revisions: _,
            operating_environment,
            threat_environment,
            security_policies,
            tolerable_risk,
            regulatory_requirements,
            // a drawing setting, no text
            purdue_bands: _,
        } = meta;
        Content {
            meta: MetaContent {
                title,
                site,
                organisation,
                author,
                document_number,
                date: with_date.then_some(date.as_str()),
                description,
                operating_environment,
                threat_environment,
                security_policies,
                tolerable_risk,
                regulatory_requirements,
            },
            zones: zones.iter().map(ZoneContent::of).collect(),
            conduits,
            risk,
        }
    }
}

impl<'a> ZoneContent<'a> {
    fn of(zone: &'a Zone) -> ZoneContent<'a> {
        let Zone {
            id,
            name,
            kind,
            description,
            sl_t,
            compensation,
            characteristics,
            rect: _,
            assets,
            requirements,
            risk,
        } = zone;
        ZoneContent {
            id: *id,
            name,
            kind: *kind,
            description,
            sl_t,
            compensation,
            characteristics,
            assets,
            requirements,
            risk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Approval, AssetId, Rect};

    fn sample() -> Project {
        let mut p = Project::default();
        let mut z = Zone::new(
            ZoneId(1),
            "BPCS",
            ZoneKind::Control,
            Rect::new(0.0, 0.0, 100.0, 80.0),
        );
        z.assets.push(Asset::new(AssetId(7), "PLC-1", "plc"));
        p.zones.push(z);
        p
    }

    #[test]
    fn content_hash_ignores_the_approval_and_the_layout_but_not_the_content() {
        let mut p = sample();
        let h = content_hash(&p);
        assert_eq!(h.len(), 64);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        p.approval = Some(Approval {
            approver: "A. Owner".into(),
            content_hash: h.clone(),
            ..Default::default()
        });
        p.zones[0].rect.x += 40.0;
        assert_eq!(content_hash(&p), h);
        p.zones[0].name.push('!');
        assert_ne!(content_hash(&p), h);
    }

    #[test]
    fn content_hash_covers_the_document_date_and_the_legacy_hash_does_not() {
        let mut p = sample();
        let (h, legacy) = (content_hash(&p), legacy_content_hash(&p));
        assert_ne!(h, legacy);
        p.meta.date = "2026-03-01".into();
        assert_ne!(content_hash(&p), h);
        assert_eq!(legacy_content_hash(&p), legacy);
        // the revision is recorded by the approval itself, not hashed
        p.meta.revision = "C".into();
        assert_eq!(legacy_content_hash(&p), legacy);
    }

    #[test]
    fn content_hash_covers_the_network_fields_but_not_the_import_settings() {
        let mut p = sample();
        let h = content_hash(&p);
        p.import_settings.rules.clear();
        assert_eq!(content_hash(&p), h);
        p.zones[0].assets[0].network.vlan = Some(20);
        let with_vlan = content_hash(&p);
        assert_ne!(with_vlan, h);
        p.zones[0].assets[0]
            .network
            .ip_addresses
            .push("10.0.0.1".parse().unwrap());
        assert_ne!(content_hash(&p), with_vlan);
    }
}
