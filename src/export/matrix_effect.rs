//! What applying a compliance matrix does to SL-A: `assess` before and after the plan's one
//! edit, compared per zone or conduit the matrix changes. The command line's `apply-matrix`
//! report and the designer's preview print these same lines; neither computes SL-A itself.

use crate::analysis::{Assessment, assess};
use crate::catalog::Catalog;
use crate::import::compliance::Plan;
use crate::model::{ElementRef, MaybeLevels, Project, format_levels};

/// The SL-A of one zone or conduit before and after the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlAChange {
    pub element: ElementRef,
    pub name: String,
    pub before: MaybeLevels,
    pub after: MaybeLevels,
}

impl SlAChange {
    /// "SL-A of Z3 BPCS control: –,–,–,–,–,–,– → 2,–,–,–,–,–,–".
    pub fn describe(&self) -> String {
        format!(
            "SL-A of {} {}: {} → {}",
            super::element_id(self.element),
            self.name,
            format_levels(&self.before),
            format_levels(&self.after)
        )
    }
}

/// The elements the plan changes whose SL-A differs between `before` (of `project`) and
/// `after` (of the project with the plan applied), in the order the matrix first names them.
pub fn sl_a_changes(
    plan: &Plan,
    project: &Project,
    before: &Assessment,
    after: &Assessment,
) -> Vec<SlAChange> {
    let mut seen: Vec<ElementRef> = Vec::new();
    for c in &plan.changes {
        if !seen.contains(&c.element) {
            seen.push(c.element);
        }
    }
    seen.into_iter()
        .filter_map(|e| {
            let (b, a) = (before.element(project, e)?, after.element(project, e)?);
            (b.sl_a != a.sl_a).then(|| SlAChange {
                element: e,
                name: project.element_name(e),
                before: b.sl_a,
                after: a.sl_a,
            })
        })
        .collect()
}

/// [`sl_a_changes`] for a plan not applied yet: the plan's edit applied to a copy of `project`
/// and both assessed. `Err` when the edit cannot be applied (then it would not be applied
/// either).
pub(crate) fn preview_sl_a(
    plan: &Plan,
    project: &Project,
    catalog: &Catalog,
) -> Result<Vec<SlAChange>, String> {
    let Some(edit) = plan.edit(project) else {
        return Ok(Vec::new());
    };
    let mut after_project = project.clone();
    edit.apply(&mut after_project)
        .map_err(|e| format!("cannot apply the matrix: {e}"))?;
    let before = assess(project, catalog);
    let after = assess(&after_project, catalog);
    Ok(sl_a_changes(plan, project, &before, &after))
}
