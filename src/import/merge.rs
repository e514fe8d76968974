//! The plan of an import: rows parsed and matched to the project's assets by their stable key
//! (serial number, else MAC, else IP with hostname, else name), zones found or created and laid
//! out, and the preview with the changes it makes (planned as one edit by `command::import`).
//! Nothing here changes the project.

use super::rows::{self, Device, Key};
use super::table::Table;
use super::{ImportError, mapping, types, zones};
use crate::command::import::ImportChanges;
use crate::edit::Edit;
use crate::model::network::{ImportField, ImportSettings};
use crate::model::{Asset, AssetId, Project, Zone, ZoneId};
use std::collections::{BTreeMap, HashMap};

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub row: usize,
    pub reason: String,
}

/// An existing asset the file updates, and which of its fields change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub row: usize,
    pub id: AssetId,
    pub name: String,
    pub fields: Vec<&'static str>,
}

/// A new asset and the zone it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub row: usize,
    pub name: String,
    pub zone: String,
}

/// What an import would do; `changes` are made in one undo step.
#[derive(Debug, Clone)]
pub struct Preview {
    pub source: String,
    /// Column headers and the field each is read as.
    pub mapping: Vec<(String, ImportField)>,
    pub rows: usize,
    pub added: Vec<Added>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
    /// Assets of the project that the file does not list (kept).
    pub missing: Vec<(AssetId, String)>,
    pub rejected: Vec<Rejected>,
    /// Zones the import creates.
    pub new_zones: Vec<String>,
    /// Type values that named no component type, with how many new assets had each.
    pub unmapped_types: Vec<(String, usize)>,
    pub label: String,
    pub changes: ImportChanges,
}

impl Preview {
    /// Whether applying changes the project at all.
    pub fn changes_anything(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The one edit that makes the import (planned by `command::import`).
    pub fn edit(&self) -> Edit {
        crate::command::import::edit(&self.changes)
    }

    /// The action that carries the import out as one undo step.
    pub fn action(self) -> crate::command::Action {
        crate::command::Action::Import {
            label: self.label,
            changes: Box::new(self.changes),
        }
    }

    /// "2,000 rows: 1,990 added, 4 changed, 3 unchanged, 3 rejected; 12 missing from the file
    /// (kept); 5 zones created".
    pub fn summary(&self) -> String {
        format!(
            "{} rows: {} added, {} changed, {} unchanged, {} rejected; {} missing from the file (kept); {} created",
            thousands(self.rows),
            thousands(self.added.len()),
            thousands(self.changed.len()),
            thousands(self.unchanged),
            thousands(self.rejected.len()),
            thousands(self.missing.len()),
            crate::count_of(self.new_zones.len(), "zone", "zones"),
        )
    }
}

/// 12345 → "12,345".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether a new value for a field is given by the file (its column is mapped).
struct Mapped(Vec<ImportField>);

impl Mapped {
    fn has(&self, f: ImportField) -> bool {
        self.0.contains(&f)
    }
}

/// The asset as the file describes it: fields the file maps replace the old ones.
fn updated(old: &Asset, d: &Device, m: &Mapped) -> (Asset, Vec<&'static str>) {
    let mut a = old.clone();
    let mut changed = Vec::new();
    let mut set = |label: &'static str, slot: &mut String, v: &str, mapped: bool| {
        if mapped && slot != v {
            *slot = v.to_owned();
            changed.push(label);
        }
    };
    set("name", &mut a.name, &d.name, d.name_given);
    if let Ok(c) = &d.component {
        set(
            "type",
            &mut a.component,
            c,
            m.has(ImportField::Type) || m.has(ImportField::Model),
        );
    }
    set(
        "vendor",
        &mut a.vendor,
        &d.vendor,
        m.has(ImportField::Vendor),
    );
    set("model", &mut a.model, &d.model, m.has(ImportField::Model));
    set(
        "firmware",
        &mut a.firmware,
        &d.firmware,
        m.has(ImportField::Firmware),
    );
    set(
        "serial number",
        &mut a.serial_number,
        &d.serial,
        m.has(ImportField::Serial) && !d.serial.is_empty(),
    );
    set("plant tag", &mut a.tag, &d.tag, m.has(ImportField::Tag));
    set("notes", &mut a.notes, &d.notes, m.has(ImportField::Notes));
    let (n, o) = (&d.network, &mut a.network);
    set(
        "hostname",
        &mut o.hostname,
        &n.hostname,
        m.has(ImportField::Hostname),
    );
    set(
        "building",
        &mut o.building,
        &n.building,
        m.has(ImportField::Building),
    );
    set(
        "cabinet",
        &mut o.cabinet,
        &n.cabinet,
        m.has(ImportField::Cabinet),
    );
    macro_rules! field {
        ($label:literal, $f:ident, $col:expr) => {
            if m.has($col) && o.$f != n.$f {
                o.$f = n.$f.clone();
                changed.push($label);
            }
        };
    }
    field!("IP addresses", ip_addresses, ImportField::IpAddresses);
    field!("MAC", mac, ImportField::Mac);
    field!("VLAN", vlan, ImportField::Vlan);
    field!("Purdue level", purdue_level, ImportField::PurdueLevel);
    field!("protocols", protocols, ImportField::Protocols);
    field!("tags", tags, ImportField::Tags);
    (a, changed)
}

fn new_asset(id: AssetId, d: &Device) -> Asset {
    let mut a = Asset::new(
        id,
        d.name.clone(),
        d.component
            .clone()
            .unwrap_or_else(|_| types::UNCLASSIFIED.to_owned()),
    );
    a.vendor = d.vendor.clone();
    a.model = d.model.clone();
    a.firmware = d.firmware.clone();
    a.serial_number = d.serial.clone();
    a.tag = d.tag.clone();
    a.notes = d.notes.clone();
    a.network = d.network.clone();
    a
}

/// Works out what importing `table` into `project` does.
pub fn plan(
    project: &Project,
    table: &Table,
    settings: &ImportSettings,
) -> Result<Preview, ImportError> {
    let source = table.source.as_str();
    let fields = mapping::map_columns(&table.headers, settings);
    if !fields
        .iter()
        .any(|f| matches!(f, ImportField::Name | ImportField::Hostname))
    {
        let headers: Vec<String> = table
            .headers
            .iter()
            .map(|h| crate::file::short(h))
            .collect();
        return Err(ImportError::file(
            source,
            format!(
                "no column names the devices: a header such as \"name\", \"device name\" or \"hostname\" is needed (the headers are: {})",
                headers.join(", ")
            ),
        ));
    }
    let mapped = Mapped(fields.clone());
    let mut rejected = Vec::new();
    let mut devices: Vec<Device> = Vec::with_capacity(table.rows.len());
    let mut first_row_of: HashMap<Key, usize> = HashMap::with_capacity(table.rows.len());
    for (row, cells) in &table.rows {
        match rows::parse(*row, cells, &fields, settings) {
            Err(reason) => rejected.push(Rejected { row: *row, reason }),
            Ok(d) => {
                let keys = rows::keys(&d.serial, &d.network, &d.name);
                let primary = keys.into_iter().next();
                if let Some(k) = primary {
                    if let Some(first) = first_row_of.get(&k) {
                        rejected.push(Rejected {
                            row: d.row,
                            reason: format!(
                                "duplicate key in the file: {} is also in row {first}",
                                k.describe()
                            ),
                        });
                        continue;
                    }
                    first_row_of.insert(k, d.row);
                }
                devices.push(d);
            }
        }
    }

    // every key of every asset of the project, the first asset holding it wins
    let mut index: HashMap<Key, AssetId> = HashMap::new();
    let mut serial_of: HashMap<AssetId, String> = HashMap::new();
    for (a, _) in project.all_assets() {
        for k in rows::keys(&a.serial_number, &a.network, &a.name) {
            index.entry(k).or_insert(a.id);
        }
        serial_of.insert(a.id, a.serial_number.trim().to_uppercase());
    }
    let by_id: HashMap<AssetId, &Asset> = project.all_assets().map(|(a, _)| (a.id, a)).collect();
    let mut claimed: HashMap<AssetId, usize> = HashMap::new();
    let mut replaced: HashMap<AssetId, Asset> = HashMap::new();
    let mut changed = Vec::new();
    let mut unchanged = 0usize;
    let mut fresh: Vec<Device> = Vec::new();
    for d in devices {
        let serial = d.serial.trim().to_uppercase();
        let hit = rows::keys(&d.serial, &d.network, &d.name)
            .iter()
            .filter_map(|k| index.get(k).copied())
            // two different serial numbers are two devices, whatever else they share
            .find(|id| {
                let s = serial_of.get(id).map_or("", String::as_str);
                s.is_empty() || serial.is_empty() || *s == serial
            });
        let Some(id) = hit else {
            fresh.push(d);
            continue;
        };
        if let Some(first) = claimed.get(&id) {
            rejected.push(Rejected {
                row: d.row,
                reason: format!(
                    "the same device as row {first} (asset {})",
                    project.element_name(crate::model::ElementRef::Asset(id))
                ),
            });
            continue;
        }
        claimed.insert(id, d.row);
        let Some(old) = by_id.get(&id) else { continue };
        let (new, what) = updated(old, &d, &mapped);
        if what.is_empty() {
            unchanged += 1;
        } else {
            changed.push(Changed {
                row: d.row,
                id,
                name: new.name.clone(),
                fields: what,
            });
            replaced.insert(id, new);
        }
    }
    rejected.sort_by_key(|r| r.row);
    let missing: Vec<(AssetId, String)> = project
        .all_assets()
        .filter(|(a, _)| !claimed.contains_key(&a.id))
        .map(|(a, _)| (a.id, a.name.clone()))
        .collect();

    // new assets into zones, by the rules; zones matched by name, case-insensitively
    let existing_zone: HashMap<String, ZoneId> = project
        .zones
        .iter()
        .rev()
        .map(|z| (z.name.trim().to_lowercase(), z.id))
        .collect();
    let mut next_asset = project.next_asset_id().0;
    let mut into_existing: BTreeMap<ZoneId, Vec<Asset>> = BTreeMap::new();
    // new zones in order of first appearance: (name, level of its first asset, assets)
    let mut new_zones: Vec<(String, Option<crate::model::PurdueLevel>, Vec<Asset>)> = Vec::new();
    let mut new_zone_index: HashMap<String, usize> = HashMap::new();
    let mut added = Vec::with_capacity(fresh.len());
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    for d in &fresh {
        let zone = zones::zone_for(d, settings);
        let key = zone.trim().to_lowercase();
        if let Err(v) = &d.component {
            *unmapped
                .entry(if v.is_empty() {
                    "(no type given)".to_owned()
                } else {
                    v.clone()
                })
                .or_default() += 1;
        }
        let asset = new_asset(AssetId(next_asset), d);
        next_asset = next_asset.saturating_add(1);
        added.push(Added {
            row: d.row,
            name: d.name.clone(),
            zone: zone.clone(),
        });
        if let Some(id) = existing_zone.get(&key) {
            into_existing.entry(*id).or_default().push(asset);
        } else {
            let i = *new_zone_index.entry(key).or_insert_with(|| {
                new_zones.push((zone.trim().to_owned(), d.network.purdue_level, Vec::new()));
                new_zones.len() - 1
            });
            new_zones[i].2.push(asset);
        }
    }

    // zones that change: assets replaced in place, new ones appended, grown to fit
    let mut zones_after: Vec<Zone> = project.zones.clone();
    let mut touched = vec![false; zones_after.len()];
    let mut grew = vec![false; zones_after.len()];
    for (i, z) in zones_after.iter_mut().enumerate() {
        for a in z.assets.iter_mut() {
            if let Some(n) = replaced.remove(&a.id) {
                *a = n;
                touched[i] = true;
            }
        }
        if let Some(mut extra) = into_existing.remove(&z.id) {
            z.assets.append(&mut extra);
            touched[i] = true;
            let r = zones::grown(z.rect, z.assets.len());
            if r != z.rect {
                z.rect = r;
                grew[i] = true;
            }
        }
    }
    let before: Vec<_> = zones_after.iter().map(|z| z.rect).collect();
    let mut rects = before.clone();
    zones::push_apart(&mut rects, &grew);
    for (i, z) in zones_after.iter_mut().enumerate() {
        if rects[i] != before[i] {
            z.rect = rects[i];
            touched[i] = true;
        }
    }
    let mut changes = ImportChanges {
        zones: zones_after
            .iter()
            .zip(&touched)
            .filter(|(_, t)| **t)
            .map(|(z, _)| z.clone())
            .collect(),
        ..ImportChanges::default()
    };
    let bounds = zones_after
        .iter()
        .map(|z| z.rect)
        .reduce(|a, b| a.union(&b));
    let (left, below) = bounds.map_or((0.0, -zones::ZONE_GAP), |b| (b.x, b.y + b.h));
    // created zones in rows by Purdue level (the level their kind suggests, else their
    // assets'), below the drawing
    let items: Vec<crate::model::purdue_layout::Item> = new_zones
        .iter()
        .map(|(name, level, assets)| {
            let r = zones::rect_for(0.0, 0.0, assets.len());
            let kind = zones::kind_for(name, *level);
            crate::model::purdue_layout::Item {
                level: crate::model::purdue::level_of(kind).or(*level),
                w: r.w,
                h: r.h,
                x: 0.0,
            }
        })
        .collect();
    let places = crate::model::purdue_layout::rows_by_level(
        &items,
        &[],
        left,
        below + zones::ZONE_GAP,
        crate::model::purdue_layout::block_width(&items),
    );
    let mut next_zone = project.next_zone_id().0;
    let mut created = Vec::new();
    for ((name, level, assets), rect) in new_zones.into_iter().zip(places) {
        let kind = zones::kind_for(&name, level);
        let mut z = Zone::new(ZoneId(next_zone), name.clone(), kind, rect);
        next_zone = next_zone.saturating_add(1);
        z.assets = assets;
        created.push(name);
        changes.new_zones.push(z);
    }
    // devices on conduits that changed
    for c in &project.conduits {
        if c.devices.iter().any(|a| replaced.contains_key(&a.id)) {
            let mut n = c.clone();
            for a in n.devices.iter_mut() {
                if let Some(r) = replaced.remove(&a.id) {
                    *a = r;
                }
            }
            changes.conduits.push(n);
        }
    }
    let has_content = !changes.is_empty();
    if *settings != project.import_settings && has_content {
        changes.settings = Some(Box::new(settings.clone()));
    }
    if has_content {
        let edit = crate::command::import::edit(&changes);
        // the result must load once saved: every limit and rule of the file format
        let mut after = project.clone();
        edit.apply(&mut after)
            .map_err(|e| ImportError::file(source, format!("cannot be applied: {e}")))?;
        crate::file::validate(&after).map_err(|e| {
            ImportError::file(
                source,
                format!("the imported project would be refused: {e}"),
            )
        })?;
        // and the file it saves to must open again (its size)
        crate::command::saveable(&after).map_err(|why| {
            ImportError::file(
                source,
                format!("importing would make a project that cannot be saved: {why}; nothing was imported"),
            )
        })?;
    }
    let label = match (added.len(), changed.len()) {
        (n, 0) => format!("Import {} from {source}", plural_assets(n)),
        (0, c) => format!("Update {} from {source}", plural_assets(c)),
        (n, c) => format!(
            "Import {} ({} changed) from {source}",
            plural_assets(n),
            thousands(c)
        ),
    };
    Ok(Preview {
        source: source.to_owned(),
        mapping: table.headers.iter().cloned().zip(fields).collect(),
        rows: table.rows.len(),
        added,
        changed,
        unchanged,
        missing,
        rejected,
        new_zones: created,
        unmapped_types: unmapped.into_iter().collect(),
        label,
        changes,
    })
}

fn plural_assets(n: usize) -> String {
    if n == 1 {
        "1 asset".to_owned()
    } else {
        format!("{} assets", thousands(n))
    }
}
