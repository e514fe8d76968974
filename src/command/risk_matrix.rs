//! Planning of the project-level risk settings (without egui): the risk matrix (categories,
//! scales, levels), the initial risk assessment's scenarios and the asset owner's approval.
//! Each gives one labelled edit; typing into one field merges into one step.

use super::{NoPlan, Plan, plan_of};
use crate::edit::Edit;
use crate::model::{Approval, Project, ProjectRisk, RiskMatrix, ThreatScenario};

/// A change to the project's risk matrix, initial assessment or approval.
#[derive(Debug, Clone, PartialEq)]
pub enum MatrixAction {
    /// The matrix as edited in one field (`key` merges typing into one step).
    Set {
        matrix: RiskMatrix,
        label: String,
        key: Option<String>,
    },
    /// A consequence category at the end, named "Category n".
    AddCategory,
    /// Removes category `i` from the matrix and its rating from every scenario.
    RemoveCategory(usize),
    /// The initial assessment's scenarios as edited in one field.
    Initial {
        scenarios: Vec<ThreatScenario>,
        label: String,
        key: Option<String>,
    },
    /// The recorded approval (`None` withdraws it).
    Approval {
        approval: Option<Approval>,
        label: String,
        key: Option<String>,
    },
}

/// The one edit that carries out `action`.
pub fn plan(action: &MatrixAction, p: &Project) -> Result<Plan, NoPlan> {
    let with = |f: &dyn Fn(&mut ProjectRisk)| {
        let mut r = p.risk.clone();
        f(&mut r);
        r
    };
    match action {
        MatrixAction::Set { matrix, label, key } => {
            if *matrix == p.risk.matrix {
                return Err(NoPlan::Nothing);
            }
            Ok(plan_of(
                label.clone(),
                Edit::SetRisk(with(&|r| r.matrix = matrix.clone())),
                key.as_ref().map(|k| format!("matrix.{k}")),
            ))
        }
        MatrixAction::AddCategory => {
            let n = p.risk.matrix.categories.len();
            if n >= crate::model::risk::MAX_CATEGORIES {
                return Err(NoPlan::Refused(format!(
                    "The matrix has {n} consequence categories, the most it takes."
                )));
            }
            Ok(plan_of(
                "Add consequence category".to_owned(),
                Edit::SetRisk(with(&|r| {
                    r.matrix.categories.push(format!("Category {}", n + 1))
                })),
                None,
            ))
        }
        MatrixAction::RemoveCategory(i) => {
            let name = p.risk.matrix.categories.get(*i).ok_or(NoPlan::Nothing)?;
            Ok(plan_of(
                format!("Remove consequence category {name}"),
                remove_category(p, *i),
                None,
            ))
        }
        MatrixAction::Initial {
            scenarios,
            label,
            key,
        } => {
            if *scenarios == p.risk.initial {
                return Err(NoPlan::Nothing);
            }
            Ok(plan_of(
                format!("{label} in the initial assessment"),
                Edit::SetRisk(with(&|r| r.initial = scenarios.clone())),
                key.as_ref().map(|k| format!("initial.{k}")),
            ))
        }
        MatrixAction::Approval {
            approval,
            label,
            key,
        } => Ok(plan_of(
            label.clone(),
            Edit::SetApproval(approval.clone()),
            key.clone(),
        )),
    }
}

/// One edit removing category `i` from the matrix and its rating from every scenario.
pub(crate) fn remove_category(project: &Project, i: usize) -> Edit {
    fn strip(list: &mut [ThreatScenario], i: usize) -> bool {
        let mut changed = false;
        for s in list {
            for v in [&mut s.consequence, &mut s.residual_consequence] {
                if i < v.len() {
                    v.remove(i);
                    changed = true;
                }
            }
        }
        changed
    }
    let mut r = project.risk.clone();
    if i < r.matrix.categories.len() {
        r.matrix.categories.remove(i);
    }
    strip(&mut r.initial, i);
    let mut edits = vec![Edit::SetRisk(r)];
    for z in &project.zones {
        let mut n = z.clone();
        if strip(&mut n.risk.scenarios, i) {
            edits.push(Edit::ReplaceZone(n));
        }
    }
    for c in &project.conduits {
        let mut n = c.clone();
        if strip(&mut n.risk.scenarios, i) {
            edits.push(Edit::ReplaceConduit(n));
        }
    }
    Edit::Batch(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_changes_are_one_labelled_step_and_typing_merges() {
        let p = Project::default();
        let mut m = p.risk.matrix.clone();
        m.categories[0] = "People on site".into();
        let set = MatrixAction::Set {
            matrix: m.clone(),
            label: "Rename consequence category".into(),
            key: Some("cat.0".into()),
        };
        let plan = plan(&set, &p).expect("a plan");
        assert_eq!(plan.label, "Rename consequence category");
        assert_eq!(plan.merge_key.as_deref(), Some("matrix.cat.0"));
        let mut after = p.clone();
        let inverse = plan.edit.apply(&mut after).expect("applies");
        assert_eq!(after.risk.matrix, m);
        inverse.apply(&mut after).expect("undoes");
        assert_eq!(after, p);
        // the same matrix again: nothing to do
        let same = MatrixAction::Set {
            matrix: p.risk.matrix.clone(),
            label: "x".into(),
            key: None,
        };
        assert_eq!(super::plan(&same, &p), Err(NoPlan::Nothing));
    }

    #[test]
    fn categories_are_added_up_to_the_limit_and_removed_by_index() {
        let mut p = Project::default();
        let n = p.risk.matrix.categories.len();
        let add = plan(&MatrixAction::AddCategory, &p).expect("a plan");
        add.edit.apply(&mut p).expect("applies");
        assert_eq!(p.risk.matrix.categories.len(), n + 1);
        assert_eq!(p.risk.matrix.categories[n], format!("Category {}", n + 1));
        while p.risk.matrix.categories.len() < crate::model::risk::MAX_CATEGORIES {
            p.risk.matrix.categories.push("x".into());
        }
        assert!(matches!(
            plan(&MatrixAction::AddCategory, &p),
            Err(NoPlan::Refused(_))
        ));
        assert_eq!(
            plan(&MatrixAction::RemoveCategory(99), &p),
            Err(NoPlan::Nothing)
        );
        let remove = plan(&MatrixAction::RemoveCategory(0), &p).expect("a plan");
        assert!(remove.label.starts_with("Remove consequence category "));
    }

    #[test]
    fn an_approval_is_recorded_and_withdrawn() {
        let mut p = Project::default();
        let record = MatrixAction::Approval {
            approval: Some(Approval {
                approver: "A. Owner".into(),
                ..Default::default()
            }),
            label: "Record approval".into(),
            key: None,
        };
        plan(&record, &p)
            .expect("a plan")
            .edit
            .apply(&mut p)
            .expect("applies");
        assert_eq!(
            p.approval.as_ref().map(|a| a.approver.as_str()),
            Some("A. Owner")
        );
        let withdraw = MatrixAction::Approval {
            approval: None,
            label: "Withdraw approval".into(),
            key: None,
        };
        plan(&withdraw, &p)
            .expect("a plan")
            .edit
            .apply(&mut p)
            .expect("applies");
        assert!(p.approval.is_none());
    }
}
