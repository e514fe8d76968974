//! The "Supplier requirements" register: per zone and conduit and per component class among
//! its assets, each IEC 62443-4-2 item required at the element's SL-T and how many of the
//! class's components are shown to meet it — the list an EPC hands each supplier.

use super::tables::{Column, Register, Value};
use crate::analysis::{Assessment, ElementAssessment};
use crate::catalog::Catalog;
use crate::model::{Asset, Project};

const COLUMNS: [Column; 12] = [
    Column {
        title: "Element",
        width: 9.0,
    },
    Column {
        title: "Name",
        width: 26.0,
    },
    Column {
        title: "Kind",
        width: 9.0,
    },
    Column {
        title: "SL-T",
        width: 16.0,
    },
    Column {
        title: "Component class",
        width: 20.0,
    },
    Column {
        title: "Components",
        width: 30.0,
    },
    Column {
        title: "Requirement",
        width: 14.0,
    },
    Column {
        title: "FR",
        width: 6.0,
    },
    Column {
        title: "SL",
        width: 5.0,
    },
    Column {
        title: "Title",
        width: 44.0,
    },
    Column {
        title: "Shown met by",
        width: 12.0,
    },
    Column {
        title: "Of",
        width: 6.0,
    },
];

/// The register; elements without an SL-T or without components of a known type have no rows.
pub fn suppliers(project: &Project, catalog: &Catalog, a: &Assessment) -> Register {
    let mut rows = Vec::new();
    for (z, e) in a.zones_of(project) {
        let head = [z.id.to_string(), z.name.clone(), "zone".to_owned()];
        element_rows(&mut rows, catalog, head, &z.assets, e);
    }
    for (c, e) in a.conduits_of(project) {
        let head = [c.id.to_string(), c.name.clone(), "conduit".to_owned()];
        element_rows(&mut rows, catalog, head, &c.devices, e);
    }
    Register {
        name: "Supplier requirements",
        columns: COLUMNS.to_vec(),
        rows,
    }
}

fn element_rows(
    rows: &mut Vec<Vec<Value>>,
    catalog: &Catalog,
    head: [String; 3],
    assets: &[Asset],
    e: &ElementAssessment,
) {
    let sl_t = e.sl_t.map_or_else(String::new, |t| t.to_string());
    for s in &e.suppliers {
        let names: Vec<&str> = s
            .assets
            .iter()
            .filter_map(|id| assets.iter().find(|x| x.id == *id))
            .map(|x| x.name.as_str())
            .collect();
        let names = names.join(", ");
        for (&i, &met) in s.requirements.iter().zip(&s.met_by) {
            let Some(r) = catalog.component_requirements.get(i) else {
                continue;
            };
            rows.push(vec![
                Value::Text(head[0].clone()),
                Value::Text(head[1].clone()),
                Value::Text(head[2].clone()),
                Value::Text(sl_t.clone()),
                Value::Text(s.class.label().to_owned()),
                Value::Text(names.clone()),
                Value::Text(r.id.clone()),
                Value::Text(r.fr.code().to_owned()),
                Value::Number(f64::from(r.level)),
                Value::Text(r.title.clone()),
                Value::Number(met as f64),
                Value::Number(s.assets.len() as f64),
            ]);
        }
    }
}
