//! A project taken apart into its elements as JSON values keyed by id — the project's own
//! fields, zones without their assets, conduits without their devices, and every asset with
//! its container as a `parent` field — and put back together. Diff, merge and resolution all
//! compare and change these values field by field.

use crate::model::{AssetParent, ElementRef, Project, ZoneId};
use serde_json::{Map, Value};

/// The key under which an asset's container is kept in its value.
pub(super) const PARENT: &str = "parent";

/// One element: which it is, and its value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Part {
    pub element: ElementRef,
    pub value: Value,
}

/// The elements of a project, in document order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parts {
    /// The project's own fields (meta, risk, approval, import settings).
    pub project: Value,
    pub zones: Vec<Part>,
    pub conduits: Vec<Part>,
    pub assets: Vec<Part>,
    /// Conflicts a merge left (kept as they are).
    pub conflicts: Vec<crate::model::MergeConflict>,
}

fn to_value<T: serde::Serialize>(t: &T) -> Result<Value, String> {
    serde_json::to_value(t).map_err(|e| format!("cannot take the project apart: {e}"))
}

impl Parts {
    pub fn of(project: &Project) -> Result<Parts, String> {
        let mut own = project.clone();
        own.zones.clear();
        own.conduits.clear();
        let conflicts = std::mem::take(&mut own.conflicts);
        let mut project_value = to_value(&own)?;
        if let Value::Object(m) = &mut project_value {
            m.remove("zones");
            m.remove("conduits");
        }
        let mut zones = Vec::with_capacity(project.zones.len());
        let mut conduits = Vec::with_capacity(project.conduits.len());
        let mut assets = Vec::with_capacity(project.asset_count());
        for z in &project.zones {
            let mut v = to_value(z)?;
            if let Value::Object(m) = &mut v {
                m.remove("assets");
            }
            zones.push(Part {
                element: ElementRef::Zone(z.id),
                value: v,
            });
        }
        for c in &project.conduits {
            let mut v = to_value(c)?;
            if let Value::Object(m) = &mut v {
                m.remove("devices");
            }
            conduits.push(Part {
                element: ElementRef::Conduit(c.id),
                value: v,
            });
        }
        for (a, parent) in project.all_assets() {
            let mut v = to_value(a)?;
            if let Value::Object(m) = &mut v {
                m.insert(PARENT.to_owned(), to_value(&parent)?);
            }
            assets.push(Part {
                element: ElementRef::Asset(a.id),
                value: v,
            });
        }
        Ok(Parts {
            project: project_value,
            zones,
            conduits,
            assets,
            conflicts,
        })
    }

    /// The list an element of this kind lives in.
    pub fn list_mut(&mut self, element: ElementRef) -> Option<&mut Vec<Part>> {
        match element {
            ElementRef::Project => None,
            ElementRef::Zone(_) => Some(&mut self.zones),
            ElementRef::Conduit(_) => Some(&mut self.conduits),
            ElementRef::Asset(_) => Some(&mut self.assets),
        }
    }

    /// Puts the project back together. Assets whose container is gone and conduits whose
    /// zones are gone are dropped, as deleting a zone in the designer drops them; what is left
    /// is checked as a file is on loading.
    pub fn compose(&self) -> Result<Project, String> {
        let zone_ids: Vec<ZoneId> = self
            .zones
            .iter()
            .filter_map(|p| zone_id(p.element))
            .collect();
        let mut project_value = self.project.clone();
        let Value::Object(m) = &mut project_value else {
            return Err("the project's own fields are not a record".to_owned());
        };
        let mut zone_assets: Vec<Vec<Value>> = vec![Vec::new(); self.zones.len()];
        let mut conduit_devices: Vec<Vec<Value>> = vec![Vec::new(); self.conduits.len()];
        for a in &self.assets {
            let mut v = a.value.clone();
            let parent = match &mut v {
                Value::Object(am) => am.remove(PARENT),
                _ => None,
            };
            let parent: Option<AssetParent> = parent.and_then(|p| serde_json::from_value(p).ok());
            match parent {
                Some(AssetParent::Zone(z)) => {
                    if let Some(i) = self
                        .zones
                        .iter()
                        .position(|p| p.element == ElementRef::Zone(z))
                    {
                        zone_assets[i].push(v);
                    }
                }
                Some(AssetParent::Conduit(c)) => {
                    if let Some(i) = self
                        .conduits
                        .iter()
                        .position(|p| p.element == ElementRef::Conduit(c))
                    {
                        conduit_devices[i].push(v);
                    }
                }
                None => {}
            }
        }
        let zones: Vec<Value> = self
            .zones
            .iter()
            .zip(zone_assets)
            .map(|(p, assets)| with_list(&p.value, "assets", assets))
            .collect();
        let conduits: Vec<Value> = self
            .conduits
            .iter()
            .zip(conduit_devices)
            .filter(|(p, _)| {
                let ends = |key: &str| {
                    p.value
                        .get(key)
                        .and_then(|v| serde_json::from_value::<ZoneId>(v.clone()).ok())
                        .is_some_and(|z| zone_ids.contains(&z))
                };
                ends("from") && ends("to")
            })
            .map(|(p, devices)| with_list(&p.value, "devices", devices))
            .collect();
        m.insert("zones".to_owned(), Value::Array(zones));
        m.insert("conduits".to_owned(), Value::Array(conduits));
        let mut project: Project = serde_json::from_value(project_value)
            .map_err(|e| format!("the merged project is not valid: {e}"))?;
        project.conflicts = self.conflicts.clone();
        crate::file::validate(&project).map_err(|e| e.to_string())?;
        Ok(project)
    }
}

fn with_list(value: &Value, key: &str, list: Vec<Value>) -> Value {
    let mut v = value.clone();
    if let Value::Object(m) = &mut v {
        m.insert(key.to_owned(), Value::Array(list));
    }
    v
}

fn zone_id(e: ElementRef) -> Option<ZoneId> {
    match e {
        ElementRef::Zone(id) => Some(id),
        _ => None,
    }
}

/// The zone a conduit part joins at `key` ("from" or "to").
pub(super) fn conduit_end(value: &Value, key: &str) -> Option<ZoneId> {
    serde_json::from_value(value.get(key)?.clone()).ok()
}

/// The container of an asset part.
pub(super) fn asset_parent(value: &Value) -> Option<AssetParent> {
    serde_json::from_value(value.get(PARENT)?.clone()).ok()
}

/// The value at `path` inside `value` (`None` when a step is missing).
pub(super) fn get<'a>(value: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut v = value;
    for step in path {
        v = v.as_object()?.get(step)?;
    }
    Some(v)
}

/// Sets (or with `None` removes) the value at `path` inside `value`, creating records on the
/// way.
pub(super) fn set(value: &mut Value, path: &[String], new: Option<Value>) -> Result<(), String> {
    let Some((last, way)) = path.split_last() else {
        return Err("a field path is empty".to_owned());
    };
    let mut v = value;
    for step in way {
        if !v.is_object() {
            *v = Value::Object(Map::new());
        }
        let Value::Object(m) = v else {
            return Err(format!("{step} is not a record"));
        };
        v = m
            .entry(step.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    let Value::Object(m) = v else {
        return Err(format!("{} is not a record", way.join(" › ")));
    };
    match new {
        Some(n) => {
            m.insert(last.clone(), n);
        }
        None => {
            m.remove(last);
        }
    }
    Ok(())
}
