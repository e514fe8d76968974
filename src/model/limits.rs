//! The limits of a project file, in one table, and the serde helpers that enforce them while
//! the file is read: a list stops at its first element over the limit, a text at its first byte
//! over it, so a hostile file never makes the program build what it would then refuse. They
//! live with the model they read (its serde attributes name them); `file` uses them and
//! re-exports them as `file::limits`, and the model needs nothing from `file`.

use crate::model::risk::{MAX_CATEGORIES, MAX_RISK_LEVELS, MAX_SCALE_STEPS};
use crate::model::{
    Asset, AssetId, Conduit, Countermeasure, DataFlow, RequirementAssessment, Requirements,
    Revision, RiskLevel, ScaleStep, ThreatScenario, Zone,
};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

/// Larger files are refused: no real plant comes near this. Reading stops one byte past it,
/// whatever size the file system reports.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Longest name or text field accepted, in bytes: every string in a file (names, descriptions,
/// requirement texts and ids, flows, characteristics, risk texts, control ids …).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Most zones + conduits + assets (zone assets and conduit devices) in one project.
pub const MAX_ELEMENTS: usize = 100_000;
/// Most zones in one project (the largest real plants have a few hundred).
pub const MAX_ZONES: usize = 50_000;
/// Most conduits in one project.
pub const MAX_CONDUITS: usize = 50_000;
/// Most assets in one zone (a zone shows every asset as a chip).
pub const MAX_ASSETS_PER_ZONE: usize = 10_000;
/// Most devices on one conduit (firewalls, gateways, switches).
pub const MAX_DEVICES_PER_CONDUIT: usize = 1_000;
/// Most data flows on one conduit.
pub const MAX_FLOWS_PER_CONDUIT: usize = 1_000;
/// Most assets named by one end of a data flow.
pub const MAX_ENDPOINT_ASSETS: usize = 1_000;
/// Most port ranges of one data flow.
pub const MAX_PORT_RANGES: usize = 256;
/// Most controls on one conduit (the catalog has a dozen).
pub const MAX_CONTROLS_PER_CONDUIT: usize = 256;
/// Most requirement statuses on one zone or conduit: twice the catalog's SRs and REs.
pub const MAX_REQUIREMENTS_PER_ELEMENT: usize = 200;
/// Most rows in the revision history.
pub const MAX_REVISIONS: usize = 1_000;
/// Most threat scenarios on one element, and in the initial risk assessment.
pub const MAX_SCENARIOS: usize = 1_000;
/// Most additional countermeasures of one threat scenario.
pub const MAX_COUNTERMEASURES: usize = 100;
/// Most affected assets named by one scenario.
pub const MAX_SCENARIO_ASSETS: usize = 10_000;
/// Most consequence ratings of one scenario: one per category of the risk matrix.
pub const MAX_RATINGS: usize = MAX_CATEGORIES;
/// Most entries of all the lists and maps of a project together, besides its zones, conduits
/// and assets: flows, controls, requirement statuses, revisions, scenarios, countermeasures,
/// affected assets, ratings, matrix steps and cells. Keeps many elements each just under their
/// own limits from adding up to gigabytes.
pub const MAX_ENTRIES: usize = 1_000_000;
/// Most aggregates of observed traffic kept in a project (the busiest; the rest are counted).
pub const MAX_OBSERVED_FLOWS: usize = 20_000;
/// Most traffic files named in a project's summary, and most notes about them.
pub const MAX_TRAFFIC_SOURCES: usize = 100;

/// The state of the file being read on this thread: the elements being read (for messages),
/// and the running totals. Outside [`reading`], only the per-list limits apply.
#[derive(Default)]
struct Reading {
    active: bool,
    elements: usize,
    entries: usize,
    frames: Vec<Frame>,
}

struct Frame {
    kind: &'static str,
    /// 1-based position in its list.
    position: usize,
    /// The element's name once it has been read (a requirement's id).
    name: Option<String>,
}

thread_local! {
    static READING: RefCell<Reading> = RefCell::new(Reading::default());
}

/// Runs `f` (a parse of one file) with the totals counted from zero.
pub(crate) fn reading<T>(f: impl FnOnce() -> T) -> T {
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            READING.with(|r| *r.borrow_mut() = Reading::default());
        }
    }
    READING.with(|r| {
        *r.borrow_mut() = Reading {
            active: true,
            ..Reading::default()
        }
    });
    let _done = Done;
    f()
}

/// Pops the frame it pushed, also when reading the element failed.
struct FrameGuard;

impl FrameGuard {
    fn push(kind: &'static str, position: usize, name: Option<String>) -> FrameGuard {
        READING.with(|r| {
            r.borrow_mut().frames.push(Frame {
                kind,
                position,
                name,
            })
        });
        FrameGuard
    }
}

impl Drop for FrameGuard {
    fn drop(&mut self) {
        READING.with(|r| {
            r.borrow_mut().frames.pop();
        });
    }
}

/// The element being read, in words: `asset "PLC-1" of zone "BPCS"`, or by position when its
/// name is not known yet. `None` outside any element.
fn current_element() -> Option<String> {
    READING.with(|r| {
        let r = r.borrow();
        if r.frames.is_empty() {
            return None;
        }
        let parts: Vec<String> = r
            .frames
            .iter()
            .rev()
            .map(|f| match &f.name {
                Some(n) => format!("{} \"{}\"", f.kind, crate::model::text::short(n)),
                None => format!("the {} at position {}", f.kind, f.position),
            })
            .collect();
        Some(parts.join(" of "))
    })
}

fn set_current_name(name: &str) {
    READING.with(|r| {
        if let Some(f) = r.borrow_mut().frames.last_mut() {
            f.name = Some(name.to_owned());
        }
    });
}

/// Counts one more zone, conduit or asset, or one more entry; the message when over the total.
fn count(element: bool) -> Option<String> {
    READING.with(|r| {
        let mut r = r.borrow_mut();
        if !r.active {
            return None;
        }
        if element {
            r.elements += 1;
            (r.elements > MAX_ELEMENTS).then(|| {
                format!(
                    "more than {MAX_ELEMENTS} zones, conduits and assets in the project (the limit)"
                )
            })
        } else {
            r.entries += 1;
            (r.entries > MAX_ENTRIES).then(|| {
                format!(
                    "more than {MAX_ENTRIES} list and map entries in the project (the limit; zones, conduits and assets not counted)"
                )
            })
        }
    })
}

fn too_long(field: &str, len: usize) -> String {
    let owner = current_element().unwrap_or_else(|| "the project".to_owned());
    format!(
        "{field} of {owner} is {} KB long; text fields are limited to {} KB",
        len / 1024,
        MAX_TEXT_BYTES / 1024
    )
}

/// A string of at most [`MAX_TEXT_BYTES`]; `name` records it as the current element's name.
#[derive(Clone, Copy)]
struct Text {
    name: bool,
}

impl<'de> DeserializeSeed<'de> for Text {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        self.visit_string(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        if v.len() > MAX_TEXT_BYTES {
            let field = if self.name { "the name" } else { "a text" };
            return Err(E::custom(too_long(field, v.len())));
        }
        if self.name {
            set_current_name(&v);
        }
        Ok(v)
    }
}

/// Deserialises a `T` as it is.
struct Plain<T>(PhantomData<T>);

impl<T> Clone for Plain<T> {
    fn clone(&self) -> Self {
        Plain(PhantomData)
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Plain<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

fn plain<T>() -> Plain<T> {
    Plain(PhantomData)
}

/// What a bounded list holds and what it is called in messages.
#[derive(Clone, Copy)]
struct List {
    /// Plural, for "has more than N …".
    items: &'static str,
    limit: usize,
    /// The owner named when no element is being read (top-level lists).
    top_owner: &'static str,
    /// Each entry is an element of this kind (for messages about what is inside it).
    frame: Option<&'static str>,
    /// Zones, conduits and assets count towards [`MAX_ELEMENTS`]; everything else towards
    /// [`MAX_ENTRIES`].
    element: bool,
}

impl List {
    fn over(&self) -> String {
        let owner = current_element().unwrap_or_else(|| self.top_owner.to_owned());
        format!(
            "{owner} has more than {} {} (the limit)",
            self.limit, self.items
        )
    }
}

/// A `Vec` of at most `list.limit` entries, each read with `seed`.
struct BoundedSeq<S> {
    list: List,
    seed: S,
}

impl<'de, S: DeserializeSeed<'de> + Clone> Visitor<'de> for BoundedSeq<S> {
    type Value = Vec<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}", self.list.items)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // the size hint comes from the file: never trust it beyond the limit
        let hint = seq.size_hint().unwrap_or(0).min(self.list.limit).min(1024);
        let mut out = Vec::with_capacity(hint);
        loop {
            let item = {
                let _frame = self
                    .list
                    .frame
                    .map(|kind| FrameGuard::push(kind, out.len() + 1, None));
                seq.next_element_seed(self.seed.clone())?
            };
            let Some(item) = item else { break };
            if out.len() == self.list.limit {
                return Err(de::Error::custom(self.list.over()));
            }
            if let Some(message) = count(self.list.element) {
                return Err(de::Error::custom(message));
            }
            out.push(item);
        }
        Ok(out)
    }
}

impl<'de, S: DeserializeSeed<'de> + Clone> DeserializeSeed<'de> for BoundedSeq<S> {
    type Value = Vec<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<S: Clone> Clone for BoundedSeq<S> {
    fn clone(&self) -> Self {
        BoundedSeq {
            list: self.list,
            seed: self.seed.clone(),
        }
    }
}

fn seq<'de, D: Deserializer<'de>, S: DeserializeSeed<'de> + Clone>(
    d: D,
    list: List,
    seed: S,
) -> Result<Vec<S::Value>, D::Error> {
    d.deserialize_seq(BoundedSeq { list, seed })
}

const fn list(items: &'static str, limit: usize, top_owner: &'static str) -> List {
    List {
        items,
        limit,
        top_owner,
        frame: None,
        element: false,
    }
}

const fn elements(items: &'static str, limit: usize, kind: &'static str) -> List {
    List {
        items,
        limit,
        top_owner: "the project",
        frame: Some(kind),
        element: true,
    }
}

const fn framed(mut l: List, kind: &'static str) -> List {
    l.frame = Some(kind);
    l
}

// The `deserialize_with` helpers named by the model's fields.

pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text { name: false }.deserialize(d)
}

/// The name of a zone, conduit or asset, or the title of a threat scenario: also names the
/// element in messages about what follows it.
pub(crate) fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text { name: true }.deserialize(d)
}

pub(crate) fn zones<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Zone>, D::Error> {
    seq(d, elements("zones", MAX_ZONES, "zone"), plain())
}

pub(crate) fn conduits<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Conduit>, D::Error> {
    seq(d, elements("conduits", MAX_CONDUITS, "conduit"), plain())
}

pub(crate) fn zone_assets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Asset>, D::Error> {
    seq(d, elements("assets", MAX_ASSETS_PER_ZONE, "asset"), plain())
}

pub(crate) fn devices<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Asset>, D::Error> {
    seq(
        d,
        elements("devices", MAX_DEVICES_PER_CONDUIT, "device"),
        plain(),
    )
}

pub(crate) fn flows<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DataFlow>, D::Error> {
    let l = list("data flows", MAX_FLOWS_PER_CONDUIT, "the project");
    seq(d, framed(l, "data flow"), plain())
}

pub(crate) fn endpoint_assets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<AssetId>, D::Error> {
    seq(
        d,
        list("assets", MAX_ENDPOINT_ASSETS, "an end of a data flow"),
        plain(),
    )
}

pub(crate) fn port_ranges<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::PortRange>, D::Error> {
    seq(
        d,
        list("port ranges", MAX_PORT_RANGES, "a data flow"),
        plain(),
    )
}

pub(crate) fn controls<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let l = list("controls", MAX_CONTROLS_PER_CONDUIT, "the project");
    seq(d, l, Text { name: false })
}

/// Assessed IEC 62443-4-2 items of one asset (the catalog has 122 rows).
pub const MAX_COMPONENT_CHECKS: usize = 256;

pub(crate) fn component_checks<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::component::ComponentCheck>, D::Error> {
    let l = list("component checks", MAX_COMPONENT_CHECKS, "an asset");
    seq(d, framed(l, "component check"), plain())
}

pub(crate) fn observed_flows<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::traffic::ObservedFlow>, D::Error> {
    let l = list("observed flows", MAX_OBSERVED_FLOWS, "the observed traffic");
    seq(d, framed(l, "observed flow"), plain())
}

pub(crate) fn traffic_sources<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let l = list("traffic files", MAX_TRAFFIC_SOURCES, "the observed traffic");
    seq(d, l, Text { name: false })
}

pub(crate) fn traffic_notes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let l = list("notes", MAX_TRAFFIC_SOURCES, "the observed traffic");
    seq(d, l, Text { name: false })
}

pub(crate) fn revisions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Revision>, D::Error> {
    let l = list("revisions", MAX_REVISIONS, "the revision history");
    seq(d, framed(l, "revision"), plain())
}

/// Most merge conflicts kept in one project.
pub const MAX_CONFLICTS: usize = 10_000;
/// Most steps of the field path of one merge conflict.
pub const MAX_CONFLICT_PATH: usize = 16;

pub(crate) fn conflicts<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::MergeConflict>, D::Error> {
    let l = list("merge conflicts", MAX_CONFLICTS, "the project");
    seq(d, framed(l, "merge conflict"), plain())
}

pub(crate) fn conflict_path<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let l = list("field path steps", MAX_CONFLICT_PATH, "a merge conflict");
    seq(d, l, Text { name: false })
}

pub(crate) fn scenarios<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ThreatScenario>, D::Error> {
    let l = list(
        "threat scenarios",
        MAX_SCENARIOS,
        "the initial risk assessment",
    );
    seq(d, framed(l, "threat scenario"), plain())
}

pub(crate) fn countermeasures<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Countermeasure>, D::Error> {
    let l = list("additional countermeasures", MAX_COUNTERMEASURES, "");
    seq(d, framed(l, "countermeasure"), plain())
}

/// Most assessors named on one zone or conduit.
pub const MAX_ASSESSORS: usize = 100;
/// Most threat sources in the project's list.
pub const MAX_THREAT_SOURCES: usize = 200;

pub(crate) fn assessors<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::Assessor>, D::Error> {
    let l = list("assessors", MAX_ASSESSORS, "an assessment record");
    seq(d, framed(l, "assessor"), plain())
}

pub(crate) fn threat_sources<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<crate::model::ThreatSource>, D::Error> {
    let l = list("threat sources", MAX_THREAT_SOURCES, "the risk method");
    seq(d, framed(l, "threat source"), plain())
}

pub(crate) fn affected_assets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<AssetId>, D::Error> {
    seq(
        d,
        list("affected assets", MAX_SCENARIO_ASSETS, "a threat scenario"),
        plain(),
    )
}

pub(crate) fn ratings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    seq(
        d,
        list("consequence ratings", MAX_RATINGS, "a threat scenario"),
        plain(),
    )
}

pub(crate) fn scale<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ScaleStep>, D::Error> {
    let l = list("scale steps", MAX_SCALE_STEPS, "a risk matrix scale");
    seq(d, framed(l, "scale step"), plain())
}

pub(crate) fn categories<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    seq(
        d,
        list("consequence categories", MAX_CATEGORIES, "the risk matrix"),
        Text { name: false },
    )
}

pub(crate) fn levels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RiskLevel>, D::Error> {
    let l = list("risk levels", MAX_RISK_LEVELS, "the risk matrix");
    seq(d, framed(l, "risk level"), plain())
}

pub(crate) fn cells<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<u8>>, D::Error> {
    let row = BoundedSeq {
        list: list("cells", MAX_SCALE_STEPS, "a row of the risk matrix"),
        seed: plain::<u8>(),
    };
    seq(
        d,
        list("rows of cells", MAX_SCALE_STEPS, "the risk matrix"),
        row,
    )
}

/// Requirement statuses: at most [`MAX_REQUIREMENTS_PER_ELEMENT`], each id once.
pub(crate) fn requirements<'de, D: Deserializer<'de>>(d: D) -> Result<Requirements, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Requirements;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map of requirement ids to statuses")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Requirements, A::Error> {
            let mut out = Requirements::new();
            while let Some(id) = map.next_key_seed(Text { name: false })? {
                let owner = || current_element().unwrap_or_else(|| "an element".to_owned());
                if out.contains_key(&id) {
                    return Err(de::Error::custom(format!(
                        "{} gives requirement \"{}\" twice; each requirement has one status",
                        owner(),
                        crate::model::text::short(&id)
                    )));
                }
                if out.len() == MAX_REQUIREMENTS_PER_ELEMENT {
                    return Err(de::Error::custom(format!(
                        "{} has more than {MAX_REQUIREMENTS_PER_ELEMENT} requirement statuses (the limit)",
                        owner()
                    )));
                }
                if let Some(message) = count(false) {
                    return Err(de::Error::custom(message));
                }
                let value = {
                    let _frame = FrameGuard::push("requirement", out.len() + 1, Some(id.clone()));
                    map.next_value::<RequirementAssessment>()?
                };
                out.insert(id, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

mod network;
mod project;
pub use network::{
    MAX_IMPORT_COLUMNS, MAX_IMPORT_TABLE, MAX_IPS_PER_ASSET, MAX_PROTOCOLS_PER_ASSET,
    MAX_TAGS_PER_ASSET,
};
pub(crate) use network::{
    import_columns, ip_addresses, level_zones, protocols, subnet_zones, tags, type_choices, vlan,
    vlan_id, vlan_zones, zone_rules,
};
pub(crate) use project::problems as project_problems;
