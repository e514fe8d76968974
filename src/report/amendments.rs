//! Amendments in the tender pack: what changed since an older revision, as a register after
//! the revision history (per element, in words), a revision mark — a triangle with the revision
//! letter — on every changed zone and conduit of the drawing, and a change bar beside changed
//! rows of the tables. The changes are the semantic diff ([`crate::revision::diff`]) of the two
//! revisions, each assessed by `assess`.

use super::fonts::{Fonts, Weight};
use super::layout::{Cell, Item, Page, Rgb, col, text_width};
use super::writer::{Level, Writer};
use crate::analysis::{Assessment, assess};
use crate::catalog::Catalog;
use crate::model::{AssetParent, ElementRef, Project, ZoneId};
use crate::revision::{ChangeKind, Diff, diff};

/// The changes since an older revision, as the tender pack shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Amendments {
    /// The revision that carries the changes (the letter in the marks), e.g. "C".
    pub revision: String,
    /// The older revision compared with, e.g. "B" (its file name when it has no revision).
    pub since: String,
    pub diff: Diff,
}

impl Amendments {
    /// The amendments from `old` to `new`; `old_name` names `old` when it has no revision.
    pub fn between(old: &Project, new: &Project, catalog: &Catalog, old_name: &str) -> Amendments {
        Self::assessed(
            old,
            &assess(old, catalog),
            new,
            &assess(new, catalog),
            old_name,
        )
    }

    /// [`Self::between`] with the assessments already made.
    pub fn assessed(
        old: &Project,
        old_a: &Assessment,
        new: &Project,
        new_a: &Assessment,
        old_name: &str,
    ) -> Amendments {
        let since = if old.meta.revision.trim().is_empty() {
            old_name.to_owned()
        } else {
            old.meta.revision.trim().to_owned()
        };
        let revision = if new.meta.revision.trim().is_empty() {
            "*".to_owned()
        } else {
            new.meta.revision.trim().to_owned()
        };
        Amendments {
            revision,
            since,
            diff: diff(old, old_a, new, new_a),
        }
    }

    /// Whether `element` was added or changed (what a change bar and a mark stand for).
    pub fn changed(&self, element: ElementRef) -> bool {
        self.diff
            .change_of(element)
            .is_some_and(|c| c.change != ChangeKind::Removed)
    }

    /// Whether requirement `id` of `element` changed (its status, countermeasure, evidence or
    /// notes): "Requirement SR 1.1 status" is of SR 1.1, not of SR 1.1 RE 1.
    pub fn requirement_changed(&self, element: ElementRef, id: &str) -> bool {
        let prefix = format!("Requirement {id}");
        self.diff.change_of(element).is_some_and(|c| {
            c.fields.iter().any(|f| {
                f.field
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| rest.is_empty() || !rest.trim_start().starts_with("RE "))
            })
        })
    }

    /// Whether a zone carries a revision mark: it, or an asset in it, was added or changed.
    pub fn zone_marked(&self, p: &Project, zone: ZoneId) -> bool {
        self.changed(ElementRef::Zone(zone))
            || p.zone(zone).is_some_and(|z| {
                z.assets
                    .iter()
                    .any(|a| self.changed(ElementRef::Asset(a.id)))
            })
    }

    /// Whether a conduit carries a revision mark: it, or a device on it, was added or changed.
    pub fn conduit_marked(&self, p: &Project, id: crate::model::ConduitId) -> bool {
        self.changed(ElementRef::Conduit(id))
            || p.all_assets().any(|(a, parent)| {
                parent == AssetParent::Conduit(id) && self.changed(ElementRef::Asset(a.id))
            })
    }

    /// Whether a finding is new in this revision.
    pub fn finding_new(&self, code: &str, element: ElementRef, message: &str) -> bool {
        self.diff
            .findings_appeared
            .iter()
            .any(|f| f.code == code && f.element == element && f.message == message)
    }
}

/// Marks each row whose flag is set with a change bar.
pub(super) fn bar_rows(rows: &mut [Vec<Cell>], flags: impl IntoIterator<Item = bool>) {
    for (row, changed) in rows.iter_mut().zip(flags) {
        if changed && let Some(first) = row.first_mut() {
            first.changed = true;
        }
    }
}

/// The amendment register: one row per changed element, what changed in words.
pub(super) fn register(flow: &mut dyn Writer, amend: &Amendments) {
    let d = &amend.diff;
    flow.heading(
        Level::H1,
        &format!(
            "Amendments in revision {} since revision {}",
            amend.revision, amend.since
        ),
        11.0,
    );
    flow.paragraph(
        &format!(
            "Every zone, conduit and asset changed since revision {}. In the drawing a triangle with the letter {} marks each changed zone and conduit; in the tables a bar in the margin marks each changed row.",
            amend.since, amend.revision
        ),
        8.5,
        Rgb::GREY,
    );
    if d.changes.is_empty() {
        flow.paragraph("No element changed.", 9.0, Rgb::BLACK);
    } else {
        let mut rows: Vec<Vec<Cell>> = d
            .changes
            .iter()
            .map(|c| {
                let what = match c.change {
                    ChangeKind::Added => "Added.".to_owned(),
                    ChangeKind::Removed => "Removed.".to_owned(),
                    ChangeKind::Changed => c
                        .fields
                        .iter()
                        .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                vec![
                    Cell::new(&amend.revision),
                    Cell::new(c.label()),
                    Cell::new(what),
                ]
            })
            .collect();
        let flags: Vec<bool> = d
            .changes
            .iter()
            .map(|c| c.change != ChangeKind::Removed)
            .collect();
        bar_rows(&mut rows, flags);
        flow.table(
            &[
                col("Rev.", 12.0),
                col("Element", 55.0),
                col("What changed", 113.0),
            ],
            &rows,
            8.5,
        );
    }
    let mut notes = Vec::new();
    if d.layout_only > 0 {
        notes.push(format!(
            "The drawing only: {} moved or resized.",
            crate::count_of(d.layout_only, "zone", "zones")
        ));
    }
    if !d.findings_appeared.is_empty() || !d.findings_resolved.is_empty() {
        notes.push(format!(
            "Findings: {} new (marked in the findings register), {} resolved since revision {}.",
            d.findings_appeared.len(),
            d.findings_resolved.len(),
            amend.since
        ));
    }
    for n in notes {
        flow.paragraph(&n, 9.0, Rgb::BLACK);
    }
}

/// A revision mark: a triangle with the revision letter, its centre at `(cx, cy)`.
fn mark(page: &mut Page, fonts: &Fonts, (cx, cy): (f32, f32), letter: &str, size: f32) {
    let r = size;
    let tri = |k: f32| {
        vec![
            (cx, cy - r * k),
            (cx + r * k, cy + r * 0.75 * k),
            (cx - r * k, cy + r * 0.75 * k),
        ]
    };
    page.items.push(Item::Polygon {
        points: tri(1.0),
        fill: Rgb::BLACK,
    });
    page.items.push(Item::Polygon {
        points: tri(0.8),
        fill: Rgb::WHITE,
    });
    let text_size = (r * 0.85 * super::layout::PT_PER_MM).clamp(4.0, 9.0);
    let short: String = letter.chars().take(2).collect();
    let w = text_width(fonts, &short, Weight::Bold, text_size);
    page.text(
        cx - w / 2.0,
        cy + r * 0.45,
        text_size,
        Weight::Bold,
        Rgb::BLACK,
        short,
    );
}

/// The revision marks of the drawing: above the top right corner of each marked zone, beside
/// the middle of each marked conduit. `map` takes scene units to the page.
pub(super) fn drawing_marks(
    page: &mut Page,
    p: &Project,
    amend: &Amendments,
    fonts: &Fonts,
    map: &dyn Fn(f32, f32) -> (f32, f32),
) {
    let r = 2.8;
    for z in &p.zones {
        if amend.zone_marked(p, z.id) {
            let (x1, y0) = map(z.rect.x + z.rect.w, z.rect.y);
            mark(
                page,
                fonts,
                (x1 - r, y0 - r * 0.75 - 0.6),
                &amend.revision,
                r,
            );
        }
    }
    let lanes = crate::model::layout::conduit_lanes(p);
    for (i, c) in p.conduits.iter().enumerate() {
        if !amend.conduit_marked(p, c.id) {
            continue;
        }
        let (Some(za), Some(zb)) = (p.zone(c.from), p.zone(c.to)) else {
            continue;
        };
        let ((x0, y0), (x1, y1)) = crate::model::layout::conduit_segment(
            &za.rect,
            &zb.rect,
            lanes.get(i).copied().unwrap_or(0.0),
        );
        let (a, b) = (map(x0, y0), map(x1, y1));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        // beside the line, at a third of its length (its label sits in the middle)
        let (nx, ny) = (-dy / len, dx / len);
        let at = (a.0 + dx * 0.35 + nx * 4.0, a.1 + dy * 0.35 + ny * 4.0);
        mark(page, fonts, at, &amend.revision, r);
    }
}
