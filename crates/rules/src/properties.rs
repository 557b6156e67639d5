//! Property tests: tables generated so that every identity holds give no arithmetic finding, and
//! changing one cell makes the rules accuse that cell and no other.

use crate::fixtures::{report, set};
use crate::{check, RULES};
use nianbao_model::template::{self, TableId, TemplateVersion, T3_COLUMNS, T4_COLUMNS};
use nianbao_model::{Finding, Report, Severity};
use proptest::prelude::*;

/// A consistent report: Table 3 and Table 4 from free outcome counts, every total derived.
fn consistent(
    version: TemplateVersion,
    outcomes: &[[u16; 6]],
    carried: [[u16; 6]; 2],
    cases: [[u16; 4]; 3],
) -> Report {
    let mut r = report(version, 2022);
    let rows: Vec<&str> = template::spec(TableId::T3, version)
        .rows
        .iter()
        .map(|r| r.key)
        .skip_while(|k| *k != "granted")
        .take_while(|k| *k != "total_processed")
        .collect();
    let set_row = |r: &mut Report, row: &str, values: [i64; 6]| {
        for (column, value) in T3_COLUMNS.iter().zip(values) {
            set(r, &format!("t3.{row}.{}", column.key), &value.to_string());
        }
        set(
            r,
            &format!("t3.{row}.total"),
            &values.iter().sum::<i64>().to_string(),
        );
    };
    let mut processed = [0i64; 6];
    for (row, values) in rows.iter().zip(outcomes.iter().cycle()) {
        let values = values.map(i64::from);
        for (p, v) in processed.iter_mut().zip(values) {
            *p += v;
        }
        set_row(&mut r, row, values);
    }
    let carried_out = carried[0].map(i64::from);
    // Carried in is at most what was processed plus carried out; new is the rest.
    let carried_in: [i64; 6] =
        std::array::from_fn(|i| i64::from(carried[1][i]).min(processed[i] + carried_out[i]));
    let new: [i64; 6] = std::array::from_fn(|i| processed[i] + carried_out[i] - carried_in[i]);
    set_row(&mut r, "total_processed", processed);
    set_row(&mut r, "carried_out", carried_out);
    set_row(&mut r, "carried_in", carried_in);
    set_row(&mut r, "new_received", new);
    for (group, results) in ["review", "suit_direct", "suit_after_review"].iter().zip(cases) {
        for (column, value) in T4_COLUMNS.iter().zip(results) {
            set(&mut r, &format!("t4.{group}.{}", column.key), &value.to_string());
        }
        set(
            &mut r,
            &format!("t4.{group}.total"),
            &results.iter().map(|&v| u32::from(v)).sum::<u32>().to_string(),
        );
    }
    r
}

fn arithmetic_errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error && ["T2-", "T3-", "T4-"].iter().any(|p| f.rule.starts_with(p))
        })
        .collect()
}

/// Every numeric cell key of Tables 3 and 4 of `version`.
fn keys(version: TemplateVersion) -> Vec<String> {
    template::spec(TableId::T3, version)
        .fact_keys()
        .chain(template::TABLE4.fact_keys())
        .collect()
}

fn version() -> impl Strategy<Value = TemplateVersion> {
    prop_oneof![Just(TemplateVersion::V2019), Just(TemplateVersion::V2021)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn consistent_tables_give_no_arithmetic_finding(
        version in version(),
        outcomes in prop::collection::vec(prop::array::uniform6(0u16..50), 1..6),
        carried in prop::array::uniform2(prop::array::uniform6(0u16..20)),
        cases in prop::array::uniform3(prop::array::uniform4(0u16..10)),
    ) {
        let r = consistent(version, &outcomes, carried, cases);
        let findings = check(&r);
        prop_assert!(arithmetic_errors(&findings).is_empty(), "{:#?}", arithmetic_errors(&findings));
    }

    #[test]
    fn one_changed_cell_is_the_one_accused(
        version in version(),
        outcomes in prop::collection::vec(prop::array::uniform6(0u16..50), 1..6),
        carried in prop::array::uniform2(prop::array::uniform6(0u16..20)),
        cases in prop::array::uniform3(prop::array::uniform4(0u16..10)),
        which in any::<prop::sample::Index>(),
        delta in 1i64..30,
    ) {
        let mut r = consistent(version, &outcomes, carried, cases);
        let keys = keys(version);
        let key = which.get(&keys);
        let (table, rest) = key.split_once('.').unwrap();
        let (row, column) = rest.rsplit_once('.').unwrap();
        let id = if table == "t3" { TableId::T3 } else { TableId::T4 };
        let crate::Value::Int(old) = crate::Context::value_of(&r, id, row, column) else { panic!("{key} is an integer") };
        set(&mut r, key, &(old + delta).to_string());
        let findings = check(&r);
        let errors = arithmetic_errors(&findings);
        prop_assert!(!errors.is_empty(), "changing {} found nothing", key);
        for error in &errors {
            prop_assert!(error.cells.contains(key), "{} accused without {}: {:?}", error.rule, key, error.cells);
        }
        // Only the sums the cell is part of can fail.
        let codes: Vec<&str> = errors.iter().map(|f| f.rule.as_str()).collect();
        prop_assert!(codes.iter().all(|c| ["T3-001", "T3-002", "T3-003", "T4-001", "T4-002", "T4-003"].contains(c)), "{:?}", codes);
    }
}

#[test]
fn every_rule_is_in_the_table_once() {
    assert_eq!(RULES.len(), 36);
}
