use super::*;
use crate::catalog::Catalog;
use std::collections::HashSet;

const REFERENCE_CSV: &str = include_str!("../../../tests/data/iec62443-4-2.csv");

fn catalog() -> Catalog {
    match Catalog::parse_embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog does not parse: {e}"),
    }
}

/// Splits one CSV line into fields, honouring double-quoted fields.
fn split(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// (id, fr number, title, lowest level) of every reference row.
fn reference() -> Vec<(String, u8, String, u8)> {
    REFERENCE_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f = split(l.trim_end_matches('\r'));
            assert_eq!(f.len(), 8, "{l}");
            let sl: Vec<u8> = f[4..8].iter().map(|s| s.parse().unwrap_or(9)).collect();
            let level = sl.iter().position(|&x| x == 1).map_or(9, |p| p as u8 + 1);
            (f[2].clone(), f[0].parse().unwrap_or(0), f[3].clone(), level)
        })
        .collect()
}

#[test]
fn rows_match_the_reference_table() {
    let c = catalog();
    let reference = reference();
    assert_eq!(reference.len(), 122);
    assert_eq!(c.component_requirements.len(), reference.len());
    for (row, (id, fr, title, level)) in c.component_requirements.iter().zip(&reference) {
        assert_eq!(&row.id, id);
        assert_eq!(row.fr.number(), *fr, "{id}");
        assert_eq!(&row.title, title, "{id}");
        assert_eq!(row.level, *level, "{id}");
    }
}

#[test]
fn counts_per_level_equal_the_reference_readme() {
    let c = catalog();
    let at = |level: u8| {
        c.component_requirements
            .iter()
            .filter(|r| r.level <= level)
            .count()
    };
    assert_eq!([at(1), at(2), at(3), at(4)], [50, 93, 116, 122]);
}

#[test]
fn counts_per_class_equal_the_reference_readme() {
    let c = catalog();
    let counts = |class: ComponentClass| {
        let rows: Vec<_> = c.component_requirements_for(class).collect();
        let at = |l: u8| rows.iter().filter(|r| r.level <= l).count();
        [rows.len(), at(1), at(2), at(3), at(4)]
    };
    assert_eq!(
        counts(ComponentClass::SoftwareApplication),
        [73, 34, 53, 67, 73]
    );
    assert_eq!(counts(ComponentClass::EmbeddedDevice), [83, 36, 61, 77, 83]);
    assert_eq!(counts(ComponentClass::HostDevice), [84, 36, 62, 78, 84]);
    assert_eq!(counts(ComponentClass::NetworkDevice), [92, 40, 67, 86, 92]);
}

#[test]
fn counts_per_fr() {
    let c = catalog();
    let per_fr: Vec<usize> = Fr::ALL
        .iter()
        .map(|&fr| {
            c.component_requirements
                .iter()
                .filter(|r| r.fr == fr)
                .count()
        })
        .collect();
    let reference = reference();
    let expected: Vec<usize> = (1..=7u8)
        .map(|n| reference.iter().filter(|r| r.1 == n).count())
        .collect();
    assert_eq!(per_fr, expected);
    assert_eq!(per_fr, vec![24, 32, 42, 5, 6, 3, 10]);
}

#[test]
fn ids_are_unique_well_formed_and_indexed() {
    let c = catalog();
    let mut seen = HashSet::new();
    for r in &c.component_requirements {
        assert!(seen.insert(r.id.as_str()), "duplicate {}", r.id);
        let prefix = r.id.split(' ').next().unwrap_or_default();
        assert!(
            prefix == "CR" || class_of_prefix(prefix).is_some(),
            "{}",
            r.id
        );
        assert!(
            r.number().starts_with(&format!("{}.", r.fr.number())),
            "{}",
            r.id
        );
        assert_eq!(c.component_requirement(&r.id), Some(r));
        assert!((1..=4).contains(&r.level), "{}", r.id);
    }
    assert!(c.component_requirement("CR 2.3").is_none());
    assert!(c.component_requirement("CR 5.4").is_none());
    assert!(c.component_requirement("CR 7.5").is_none());
}

#[test]
fn levels_are_cumulative_and_enhancements_follow_their_base() {
    let c = catalog();
    for r in &c.component_requirements {
        if let Some(base) = r.base_id() {
            let b = c
                .component_requirement(base)
                .unwrap_or_else(|| panic!("{} has no base row {base}", r.id));
            assert!(r.level >= b.level, "{} below {base}", r.id);
            assert_eq!(r.class(), b.class(), "{}", r.id);
        }
    }
}

#[test]
fn explanations_are_our_own_one_liners() {
    let c = catalog();
    for r in &c.component_requirements {
        assert!(r.explanation.len() > r.title.len(), "{}", r.id);
        assert!(!r.explanation.contains('\n'), "{}", r.id);
        assert_ne!(r.explanation, r.title, "{}", r.id);
    }
}

#[test]
fn class_rows_apply_only_to_their_class() {
    let c = catalog();
    let row = |id: &str| {
        c.component_requirement(id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert!(row("NDR 5.2").applies_to(ComponentClass::NetworkDevice));
    assert!(!row("NDR 5.2").applies_to(ComponentClass::EmbeddedDevice));
    assert!(row("CR 1.1").applies_to(ComponentClass::SoftwareApplication));
    assert!(row("EDR 3.14 RE 1").supports_sr("SR 3.14"));
    assert!(row("CR 1.1 RE 1").supports_sr("SR 1.1 RE 2"));
    assert!(!row("CR 1.1").supports_sr("SR 1.10"));
}

#[test]
fn every_component_type_names_a_class_with_rows() {
    let c = catalog();
    for t in &c.components {
        assert!(
            c.component_requirements_for(t.class)
                .any(|r| r.class() == Some(t.class)),
            "{} has a class without own rows",
            t.id
        );
    }
    assert_eq!(
        c.component("plc").map(|t| t.class),
        Some(ComponentClass::EmbeddedDevice)
    );
    assert_eq!(
        c.component("managed_switch").map(|t| t.class),
        Some(ComponentClass::NetworkDevice)
    );
}
