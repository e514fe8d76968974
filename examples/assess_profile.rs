//! Runs `assess` on the generated plant of the performance budgets a given number of times, for
//! instruction counts under callgrind (`valgrind --tool=callgrind target/release/examples/
//! assess_profile 11` minus the same with 1, divided by 10, is the cost of one call).
//! Arguments: CALLS [ZONES ASSETS CONDUITS].

use std::hint::black_box;
use zonewright::analysis::assess;
use zonewright::catalog::Catalog;
use zonewright::generate::{GenerateParams, generate};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let calls = args.first().copied().unwrap_or(1);
    let mut params = GenerateParams::default();
    if let [_, zones, assets, conduits] = args[..] {
        params.zones = zones;
        params.assets = assets;
        params.conduits = conduits;
    }
    let mut project = generate(&params);
    if std::env::var_os("APPROVED").is_some() {
        // with an approval, assess also hashes the content to see whether it is outdated
        project.approval = Some(zonewright::model::Approval {
            approver: "A. Owner".into(),
            revision: project.meta.revision.clone(),
            content_hash: zonewright::model::content_hash(&project),
            ..Default::default()
        });
    }
    let started = std::time::Instant::now();
    let catalog = Catalog::embedded();
    let mut findings = 0;
    for _ in 0..calls {
        findings = black_box(assess(black_box(&project), catalog))
            .findings
            .len();
    }
    println!(
        "{} zones, {} assets, {} conduits: {findings} findings, {calls} calls, {:.3} ms per call",
        project.zones.len(),
        project.asset_count(),
        project.conduits.len(),
        started.elapsed().as_secs_f64() * 1e3 / calls.max(1) as f64
    );
}
