//! Planning of what the forms change (without egui): a zone, conduit or asset as its inspector
//! edited it, the project's metadata, a zone's or conduit's risk record, one requirement
//! assessment; and the small commands beside them: a device added to a conduit, the Purdue
//! bands switch. Each is one labelled
//! edit; typing into one field merges under the caller's key.

use super::{NoPlan, Plan, plan_of};
use crate::catalog::Catalog;
use crate::edit::Edit;
use crate::model::{
    Asset, AssetParent, Conduit, ConduitId, ElementRef, ElementRisk, Meta, Project,
    RequirementAssessment, Zone,
};

/// A value as one form field (or button) changed it.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAction {
    /// A zone as its inspector edited it (name, kind, SL-T, characteristics …).
    Zone(Zone),
    /// A conduit as its inspector edited it.
    Conduit(Conduit),
    /// An asset as its inspector edited it (component, certificate, network …).
    Asset(Asset),
    /// The project's metadata (title block, revisions).
    Meta(Meta),
    /// The risk record of a zone or conduit.
    Risk {
        element: ElementRef,
        risk: ElementRisk,
    },
    /// One requirement assessment of a zone or conduit; a default one is removed (files stay
    /// small).
    Requirement {
        element: ElementRef,
        id: String,
        assessment: RequirementAssessment,
    },
}

/// The one edit that carries out `action` under `label` (the form names the field it edits).
pub fn plan(
    action: &FormAction,
    label: &str,
    merge_key: Option<&String>,
    project: &Project,
) -> Result<Plan, NoPlan> {
    let keyed = |edit: Edit| Ok(plan_of(label.to_owned(), edit, merge_key.cloned()));
    match action {
        FormAction::Zone(z) => keyed(Edit::ReplaceZone(z.clone())),
        FormAction::Conduit(c) => keyed(Edit::ReplaceConduit(c.clone())),
        FormAction::Asset(a) => keyed(Edit::ReplaceAsset(a.clone())),
        FormAction::Meta(m) => keyed(Edit::SetMeta(m.clone())),
        FormAction::Risk { element, risk } => {
            keyed(with_element(project, *element, |r| *r.risk = risk.clone())?)
        }
        FormAction::Requirement {
            element,
            id,
            assessment,
        } => keyed(with_element(project, *element, |r| {
            if assessment.is_default() {
                r.requirements.remove(id);
            } else {
                r.requirements.insert(id.clone(), assessment.clone());
            }
        })?),
    }
}

/// A new device of the catalog type `component` at the end of the conduit's devices, named
/// after the type (made unique).
pub(crate) fn add_device(
    project: &Project,
    catalog: &Catalog,
    conduit: ConduitId,
    component: &str,
) -> Result<Plan, NoPlan> {
    let c = project.conduit(conduit).ok_or(NoPlan::Nothing)?;
    let base = catalog
        .component(component)
        .map_or("Device", |t| t.name.as_str());
    let name = super::unique_name(base, project.all_assets().map(|(a, _)| a.name.as_str()));
    Ok(plan_of(
        format!("Add device {name} to conduit {}", c.name),
        Edit::AddAsset {
            parent: AssetParent::Conduit(conduit),
            index: usize::MAX,
            asset: Asset::new(project.next_asset_id(), name, component),
        },
        None,
    ))
}

/// View → Purdue bands on or off (saved with the file).
pub fn purdue_bands(project: &Project, on: bool) -> Result<Plan, NoPlan> {
    if project.meta.purdue_bands == on {
        return Err(NoPlan::Nothing);
    }
    let mut meta = project.meta.clone();
    meta.purdue_bands = on;
    let label = if on {
        "Show Purdue bands"
    } else {
        "Hide Purdue bands"
    };
    Ok(plan_of(label.to_owned(), Edit::SetMeta(meta), None))
}

/// The parts of a zone or conduit that the risk and requirement forms change.
struct Record<'a> {
    risk: &'a mut ElementRisk,
    requirements: &'a mut crate::model::Requirements,
}

/// The edit replacing the zone or conduit `element` by a copy that `f` changed.
fn with_element(
    project: &Project,
    element: ElementRef,
    f: impl FnOnce(Record<'_>),
) -> Result<Edit, NoPlan> {
    match element {
        ElementRef::Zone(id) => {
            let mut z = project.zone(id).ok_or(NoPlan::Nothing)?.clone();
            f(Record {
                risk: &mut z.risk,
                requirements: &mut z.requirements,
            });
            Ok(Edit::ReplaceZone(z))
        }
        ElementRef::Conduit(id) => {
            let mut c = project.conduit(id).ok_or(NoPlan::Nothing)?.clone();
            f(Record {
                risk: &mut c.risk,
                requirements: &mut c.requirements,
            });
            Ok(Edit::ReplaceConduit(c))
        }
        ElementRef::Asset(_) | ElementRef::Project => Err(NoPlan::Nothing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AssetId, ConduitId, Rect, Status, ZoneId, ZoneKind};

    /// Two zones joined by a conduit that carries a firewall.
    fn plant() -> Project {
        let mut p = Project::default();
        for (id, x) in [(1, 0.0), (2, 500.0)] {
            let rect = Rect::new(x, 0.0, 300.0, 200.0);
            p.zones.push(Zone::new(
                ZoneId(id),
                format!("Z{id}"),
                ZoneKind::Control,
                rect,
            ));
        }
        let mut c = Conduit::new(ConduitId(1), "Z1 – Z2", ZoneId(1), ZoneId(2));
        c.devices.push(Asset::new(AssetId(20), "FW", "firewall"));
        p.conduits.push(c);
        p
    }

    #[test]
    fn an_edited_element_replaces_it_under_the_form_label_and_key() {
        let p = plant();
        let mut z = p.zones[0].clone();
        z.name = "Renamed".into();
        let key = "zone.1.name".to_owned();
        let plan =
            plan(&FormAction::Zone(z.clone()), "Rename zone", Some(&key), &p).expect("a plan");
        assert_eq!(plan.label, "Rename zone");
        assert_eq!(plan.merge_key.as_deref(), Some("zone.1.name"));
        assert_eq!(plan.edit, Edit::ReplaceZone(z));
        assert_eq!(plan.selection_after, None);
    }

    #[test]
    fn a_requirement_is_stored_and_a_default_one_removed() {
        let mut p = plant();
        let id = p.zones[0].id;
        let met = RequirementAssessment {
            status: Status::Met,
            ..Default::default()
        };
        let set = FormAction::Requirement {
            element: ElementRef::Zone(id),
            id: "SR 9.9".into(),
            assessment: met.clone(),
        };
        let step = plan(&set, "Set SR 9.9", None, &p).expect("a plan");
        step.edit.apply(&mut p).expect("applies");
        assert_eq!(
            p.zone(id).map(|z| z.requirements.get("SR 9.9")),
            Some(Some(&met))
        );
        let clear = FormAction::Requirement {
            element: ElementRef::Zone(id),
            id: "SR 9.9".into(),
            assessment: RequirementAssessment::default(),
        };
        let step = plan(&clear, "Clear SR 9.9", None, &p).expect("a plan");
        step.edit.apply(&mut p).expect("applies");
        assert!(
            p.zone(id)
                .is_some_and(|z| !z.requirements.contains_key("SR 9.9"))
        );
        // an asset has no requirements; a gone zone plans nothing
        let asset = FormAction::Requirement {
            element: ElementRef::Asset(AssetId(1)),
            id: "SR 1.1".into(),
            assessment: met.clone(),
        };
        assert_eq!(plan(&asset, "x", None, &p), Err(NoPlan::Nothing));
        let gone = FormAction::Risk {
            element: ElementRef::Zone(ZoneId(9_999)),
            risk: ElementRisk::default(),
        };
        assert_eq!(plan(&gone, "x", None, &p), Err(NoPlan::Nothing));
    }

    #[test]
    fn a_risk_record_replaces_only_the_risk_of_its_conduit() {
        let mut p = plant();
        let c = p.conduits[0].clone();
        let risk = ElementRisk {
            sl_t_rationale: "air gap".into(),
            ..Default::default()
        };
        let set = FormAction::Risk {
            element: ElementRef::Conduit(c.id),
            risk: risk.clone(),
        };
        plan(&set, "Edit SL-T rationale", None, &p)
            .expect("a plan")
            .edit
            .apply(&mut p)
            .expect("applies");
        let after = p.conduit(c.id).expect("the conduit");
        assert_eq!(after.risk, risk);
        assert_eq!(after.devices, c.devices, "the rest of the conduit is kept");
    }

    #[test]
    fn a_device_is_named_after_its_type_and_bands_switch_once() {
        let catalog = Catalog::embedded();
        let mut p = plant();
        let c = p.conduits[0].id;
        let firewall = catalog
            .components
            .iter()
            .find(|t| t.boundary)
            .expect("a boundary type");
        let step = add_device(&p, catalog, c, &firewall.id).expect("a plan");
        let next = p.next_asset_id();
        assert!(
            step.label
                .starts_with(&format!("Add device {}", firewall.name))
        );
        step.edit.apply(&mut p).expect("applies");
        let (a, parent) = p.asset(next).expect("the new device");
        assert_eq!(parent, AssetParent::Conduit(c));
        assert_eq!(a.component, firewall.id);
        assert_eq!(
            add_device(&p, catalog, ConduitId(9_999), &firewall.id),
            Err(NoPlan::Nothing)
        );
        let on = !p.meta.purdue_bands;
        let step = purdue_bands(&p, on).expect("a plan");
        assert_eq!(
            step.label,
            if on {
                "Show Purdue bands"
            } else {
                "Hide Purdue bands"
            }
        );
        step.edit.apply(&mut p).expect("applies");
        assert_eq!(purdue_bands(&p, on), Err(NoPlan::Nothing));
    }
}
