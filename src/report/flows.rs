//! The "Communication matrix and firewall rules" section of the tender pack: the matrix rows
//! of `assess` and each boundary device's rule schedule from `analysis::rules`, as tables.

use super::layout::{Cell, Rgb, col};
use super::writer::{Level, Writer};
use crate::analysis::Assessment;
use crate::analysis::rules::{RuleAction, schedules};
use crate::catalog::Catalog;
use crate::export::flows::service_text;
use crate::model::Project;

fn end(zone: &str, members: String) -> String {
    format!("{zone}: {members}")
}

pub(super) fn flows_section(flow: &mut dyn Writer, p: &Project, catalog: &Catalog, a: &Assessment) {
    flow.new_page();
    flow.heading(Level::H1, "Communication matrix", 14.0);
    if a.flows.is_empty() {
        flow.paragraph("No data flows recorded.", 9.0, Rgb::GREY);
        return;
    }
    flow.paragraph(
        "Every data flow the conduits carry. The source opens the connection (or sends); ports \
         are the destination's. The boundary devices enforce these flows and nothing else.",
        8.5,
        Rgb::GREY,
    );
    let rows: Vec<Vec<Cell>> = a
        .flows
        .iter()
        .map(|r| {
            vec![
                Cell::bold(&r.id),
                Cell::new(end(&r.source.zone_name, r.source.members_text())),
                Cell::new(end(&r.destination.zone_name, r.destination.members_text())),
                Cell::new(service_text(r)),
                Cell::new(format!("{}; {}", r.conduit_name, r.devices_text())),
                Cell::new(&r.justification),
            ]
        })
        .collect();
    flow.table(
        &[
            col("Flow", 13.0),
            col("Source (initiator)", 36.0),
            col("Destination", 36.0),
            col("Protocol / port", 30.0),
            col("Conduit; device", 30.0),
            col("Justification", 35.0),
        ],
        &rows,
        7.0,
    );
    for s in schedules(p, catalog, &a.flows) {
        flow.heading(
            Level::H2,
            &format!("Firewall rule schedule: {}", s.device_name),
            11.0,
        );
        let open = s.open_items().count();
        flow.paragraph(
            &format!(
                "{} in this order, the default deny last{}.",
                crate::count_of(s.rules.len(), "rule", "rules"),
                if open == 0 {
                    String::new()
                } else {
                    format!(
                        "; {} cannot be configured yet (see the last column)",
                        crate::count_of(open, "rule", "rules")
                    )
                }
            ),
            8.5,
            Rgb::GREY,
        );
        let addresses = |name: &str| -> String {
            let mut v: Vec<String> = Vec::new();
            let mut push = |n: &str| {
                if let Some(a) = s.addresses.iter().find(|a| a.name == n) {
                    v.extend(a.addresses.iter().map(ToString::to_string));
                }
            };
            match s.groups.iter().find(|g| g.name == name) {
                Some(g) => g.members.iter().for_each(|m| push(m)),
                None => push(name),
            }
            if v.is_empty() {
                name.to_owned()
            } else {
                format!("{name} ({})", v.join(", "))
            }
        };
        let rows: Vec<Vec<Cell>> = s
            .rules
            .iter()
            .map(|r| {
                vec![
                    Cell::new(r.position.to_string()),
                    Cell::bold(&r.id),
                    Cell::new(addresses(&r.source)),
                    Cell::new(addresses(&r.destination)),
                    Cell::new(&r.service),
                    Cell::new(match r.action {
                        RuleAction::Allow => "allow",
                        RuleAction::Deny => "deny",
                    }),
                    Cell::new(r.open.as_deref().unwrap_or("")),
                ]
            })
            .collect();
        flow.table(
            &[
                col("No.", 8.0),
                col("Rule", 25.0),
                col("Source", 38.0),
                col("Destination", 38.0),
                col("Service", 24.0),
                col("Action", 12.0),
                col("Open item", 35.0),
            ],
            &rows,
            7.0,
        );
    }
}
