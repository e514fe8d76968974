use super::*;
use crate::analysis::{FindingCode, assess};
use crate::file;
use crate::model::layout::asset_chips;

fn params(zones: usize, assets: usize, conduits: usize, seed: u64) -> GenerateParams {
    GenerateParams {
        zones,
        assets,
        conduits,
        seed,
    }
}

const SIZES: [(usize, usize, usize); 11] = [
    (0, 0, 0),
    (1, 0, 0),
    (1, 7, 0),
    (2, 0, 1),
    (2, 3, 5),
    (3, 10, 4),
    (5, 2, 9),
    (12, 80, 15),
    (40, 400, 60),
    (150, 3_000, 400),
    (600, 12_000, 1_600),
];

#[test]
fn counts_are_exact_and_the_project_validates() {
    for (zones, assets, conduits) in SIZES {
        for seed in [1, 2, 0xDEAD_BEEF] {
            let p = params(zones, assets, conduits, seed);
            assert_eq!(p.check(), Ok(()), "{p:?}");
            let project = generate(&p);
            assert_eq!(project.zones.len(), zones, "{p:?}");
            assert_eq!(project.conduits.len(), conduits, "{p:?}");
            assert_eq!(project.asset_count(), assets, "{p:?}");
            if let Err(e) = file::validate(&project) {
                panic!("{p:?}: {e}");
            }
        }
    }
}

#[test]
fn it_survives_a_round_trip_through_the_file_format() {
    let project = generate(&params(40, 400, 60, 5));
    let text = file::to_string(&project).expect("serialise");
    assert_eq!(file::from_str(&text), Ok(project));
}

#[test]
fn same_seed_same_plant_different_seed_different_plant() {
    let a = generate(&params(40, 400, 60, 11));
    let b = generate(&params(40, 400, 60, 11));
    let c = generate(&params(40, 400, 60, 12));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(
        file::to_string(&a).expect("serialise"),
        file::to_string(&b).expect("serialise")
    );
}

#[test]
fn zones_do_not_overlap_and_show_every_chip() {
    for (zones, assets, conduits) in [(40, 400, 60), (150, 3_000, 400), (7, 500, 3)] {
        let project = generate(&params(zones, assets, conduits, 3));
        for (i, a) in project.zones.iter().enumerate() {
            let chips = asset_chips(&a.rect, a.assets.len());
            assert_eq!(chips.hidden, 0, "zone {} hides chips", a.name);
            assert_eq!(chips.slots.len(), a.assets.len());
            for b in &project.zones[i + 1..] {
                let (r, s) = (a.rect, b.rect);
                let apart =
                    r.x + r.w <= s.x || s.x + s.w <= r.x || r.y + r.h <= s.y || s.y + s.h <= r.y;
                assert!(apart, "{} {:?} overlaps {} {:?}", a.name, r, b.name, s);
            }
        }
    }
}

/// Purdue row of a zone kind, as the generator lays them out.
fn layer(kind: ZoneKind) -> usize {
    match kind {
        ZoneKind::Enterprise | ZoneKind::External => 0,
        ZoneKind::Dmz | ZoneKind::RemoteAccess => 1,
        ZoneKind::Supervisory => 2,
        ZoneKind::Control | ZoneKind::Safety => 3,
        _ => 4,
    }
}

#[test]
fn the_plant_looks_like_a_plant() {
    let project = generate(&GenerateParams::default());
    let catalog = Catalog::embedded();
    // every kind of zone appears
    for kind in ZoneKind::ALL {
        if kind != ZoneKind::Other {
            assert!(
                project.zones.iter().any(|z| z.kind == kind),
                "no {kind:?} zone"
            );
        }
    }
    // assets are catalog components that fit their zone (a few strays are deliberate)
    let mut fitting = 0;
    for z in &project.zones {
        for a in &z.assets {
            assert!(catalog.component(&a.component).is_some(), "{}", a.component);
            assert!(!a.vendor.is_empty() && !a.model.is_empty() && !a.firmware.is_empty());
            if components_for(z.kind)
                .iter()
                .any(|(_, c)| *c == a.component)
            {
                fitting += 1;
            }
        }
    }
    let in_zones: usize = project.zones.iter().map(|z| z.assets.len()).sum();
    assert!(
        fitting * 100 >= in_zones * 97,
        "{fitting} of {in_zones} fit"
    );
    // conduits mostly join neighbouring layers of one site
    let zone = |id: ZoneId| project.zone(id).map(|z| (layer(z.kind), z.kind));
    let mut neighbouring = 0;
    let mut differing = 0;
    let mut with_boundary = 0;
    for c in &project.conduits {
        assert_ne!(c.from, c.to);
        let (Some((la, ka)), Some((lb, kb))) = (zone(c.from), zone(c.to)) else {
            panic!("conduit {} leads nowhere", c.name);
        };
        if la.abs_diff(lb) <= 1 {
            neighbouring += 1;
        }
        let boundary = c
            .devices
            .iter()
            .any(|d| catalog.component(&d.component).is_some_and(|t| t.boundary));
        if ka != kb {
            differing += 1;
            with_boundary += usize::from(boundary);
        }
        if c.direction == Direction::OneWay {
            assert!(
                c.devices
                    .iter()
                    .any(|d| d.component == "unidirectional_gateway"),
                "one-way conduit {} without a data diode",
                c.name
            );
        }
    }
    let n = project.conduits.len();
    assert!(neighbouring * 100 >= n * 80, "{neighbouring} of {n}");
    assert!(
        with_boundary * 100 >= differing * 85,
        "{with_boundary} of {differing}"
    );
    // documentation on most conduits, but not all
    let owned = project
        .conduits
        .iter()
        .filter(|c| !c.owner.is_empty())
        .count();
    assert!(owned * 100 >= n * 80 && owned < n, "{owned} of {n} owned");
    let controlled = project
        .conduits
        .iter()
        .filter(|c| !c.controls.is_empty())
        .count();
    assert!(controlled * 100 >= n * 85 && controlled < n);
    for c in &project.conduits {
        for ctl in &c.controls {
            assert!(catalog.control(ctl).is_some(), "{ctl}");
        }
    }
}

#[test]
fn assess_has_work_to_do() {
    let project = generate(&GenerateParams::default());
    let a = assess(&project, Catalog::embedded());
    let zones_with_sl_a = a
        .zones
        .iter()
        .filter(|e| e.sl_a.iter().any(Option::is_some))
        .count();
    assert!(zones_with_sl_a >= 20, "{zones_with_sl_a}");
    assert!(
        zones_with_sl_a < project.zones.len(),
        "not everything is assessed"
    );
    let conduits_with_sl_a = a
        .conduits
        .iter()
        .filter(|e| e.sl_a.iter().any(Option::is_some))
        .count();
    assert!(conduits_with_sl_a >= 20, "{conduits_with_sl_a}");
    assert!(!a.findings.is_empty());
    let codes: BTreeSet<FindingCode> = a.findings.iter().map(|f| f.code).collect();
    // typical gaps of a design in progress, and none that only a broken file would give
    for expected in [FindingCode::ConduitNoOwner, FindingCode::ConduitNoTest] {
        assert!(codes.contains(&expected), "{expected:?} missing: {codes:?}");
    }
    for absent in [
        FindingCode::AssetDuplicate,
        FindingCode::ComponentUnknown,
        FindingCode::ControlUnknown,
        FindingCode::RequirementUnknown,
        FindingCode::NameDuplicate,
    ] {
        assert!(!codes.contains(&absent), "{absent:?} found");
    }
    // a design with a DMZ in every site and diodes is mostly sound: findings stay a minority
    // (generated assets carry no 4-2 evidence, so every zone rests on typical SL-C; generated
    // mitigated scenarios rely on a planned countermeasure: neither is counted)
    let design_findings = a
        .findings
        .iter()
        .filter(|f| {
            !matches!(
                f.code,
                FindingCode::SlCTypicalOnly
                    | FindingCode::RiskReliesOnPlanned
                    // generated flows use the classic protocols plants run (Modbus, S7)
                    | FindingCode::FlowCleartext
            )
        })
        .count();
    assert!(
        design_findings < project.zones.len() + project.conduits.len(),
        "{design_findings} findings"
    );
}

#[test]
fn absurd_parameters_are_refused() {
    assert!(matches!(
        params(50_000, 50_000, 1, 1).check(),
        Err(ParamError::TooLarge { .. })
    ));
    assert!(matches!(
        params(usize::MAX, usize::MAX, usize::MAX, 1).check(),
        Err(ParamError::TooLarge { .. })
    ));
    assert!(matches!(
        params(1, 10, 1, 1).check(),
        Err(ParamError::ConduitsNeedZones { .. })
    ));
    assert!(matches!(
        params(0, 10, 0, 1).check(),
        Err(ParamError::AssetsNeedZone { .. })
    ));
    assert_eq!(params(2, 0, 50, 1).check(), Ok(()));
    // impossible parts are left out rather than invented
    let p = generate(&params(1, 3, 4, 1));
    assert!(p.conduits.is_empty());
    assert_eq!(p.asset_count(), 3);
    assert!(file::validate(&p).is_ok());
}

#[test]
fn apportion_splits_exactly() {
    assert_eq!(apportion(10, &[1, 1]), vec![5, 5]);
    assert_eq!(apportion(3, &[1, 1, 1, 1]), vec![1, 1, 1, 0]);
    assert_eq!(apportion(0, &[5]), vec![0]);
    assert_eq!(apportion(7, &[]), Vec::<usize>::new());
    let w = [3, 100, 7, 1, 55];
    for total in [0, 4, 5, 6, 99, 1000, 12345] {
        let out = apportion(total, &w);
        assert_eq!(out.iter().sum::<usize>(), total);
        if total >= w.len() {
            assert!(out.iter().all(|&n| n >= 1));
        }
    }
}

#[test]
fn a_dense_small_plant_uses_parallel_conduits() {
    let p = generate(&params(3, 6, 10, 9));
    assert_eq!(p.conduits.len(), 10);
    let pairs: BTreeSet<(ZoneId, ZoneId)> = p
        .conduits
        .iter()
        .map(|c| (c.from.min(c.to), c.from.max(c.to)))
        .collect();
    assert_eq!(
        pairs.len(),
        3,
        "all three pairs are used before any repeats"
    );
    assert!(file::validate(&p).is_ok());
}

/// The whole file text of a small generated plant as an `insta` snapshot
/// (`src/generate/snapshots/`): a change to the generator or to the file format fails here with
/// a readable line diff; `INSTA_UPDATE=always cargo test --lib generate::` writes the new text
/// for review in `git diff`.
#[test]
fn a_small_plant_is_written_as_its_snapshot() {
    let text = file::to_string(&generate(&params(3, 12, 3, 7))).expect("serialise");
    insta::assert_snapshot!(text);
}

/// FNV-1a of the file text: pins the generator's output so that refactoring it cannot change
/// a single byte of what it makes (re-pinned when the file format went to version 3 and to
/// version 4: same lengths, only the version number differs; and for version 5, which added
/// the method document, the assessment records, the likelihood rationales and the structured
/// flows; and for version 6, the merge conflicts and the observed traffic: same lengths, only
/// the version differs). The large plants stay pinned by hash (their text is megabytes); the
/// small one above is a readable snapshot.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn the_output_is_byte_identical_to_the_pinned_one() {
    let cases = [
        (params(40, 400, 60, 7), 10_694_468_924_822_460_537, 487_637),
        (
            params(150, 3_000, 400, 0xDEAD_BEEF),
            17_503_768_391_315_928_108,
            2_661_644,
        ),
    ];
    for (p, hash, len) in cases {
        let text = file::to_string(&generate(&p)).expect("serialise");
        assert_eq!((fnv1a(&text), text.len()), (hash, len), "{p:?}");
    }
}
