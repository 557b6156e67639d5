//! `check` on the corpus: the seeds give exactly the findings read off them by hand, and every
//! real report gives each arithmetic error printed in it and no other.

use nianbao_model::{Finding, Severity};
use nianbao_tests::{code_of, corpus_dir, key_matches, load_expected, repo_dir};
use std::collections::BTreeMap;
use std::path::Path;

fn findings_of(path: &Path) -> Vec<Finding> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let document = nianbao_parse::parse(&bytes, &path.to_string_lossy()).expect("parses");
    nianbao_rules::check(&document.report)
}

/// Findings of the arithmetic families (Tables 2, 3, 4).
fn arithmetic(finding: &Finding) -> bool {
    ["T2-", "T3-", "T4-"].iter().any(|f| finding.rule.starts_with(f))
}

#[test]
fn seeds_give_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(corpus_dir().join("seeds")).expect("seeds") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = load_expected(&repo_dir().join(format!("tests/expected/seeds/{stem}.json")));
        let expected = expected.findings.expect("seed expectations list findings");
        let findings = findings_of(&path);
        assert!(
            !findings.iter().any(arithmetic),
            "{stem}: all-zero tables, yet {:?}",
            findings.iter().filter(|f| arithmetic(f)).collect::<Vec<_>>()
        );
        let mut got: BTreeMap<String, usize> = BTreeMap::new();
        for finding in &findings {
            *got.entry(finding.rule.clone()).or_default() += 1;
        }
        if got != expected {
            failures.push(format!("{stem}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn real_reports_give_their_printed_errors_and_no_other() {
    let mut checked = 0;
    for case in std::fs::read_dir(corpus_dir().join("real")).expect("real") {
        let case = case.expect("entry").path();
        let Some(source) = std::fs::read_dir(&case)
            .expect("case")
            .map(|e| e.expect("entry").path())
            .find(|p| p.file_stem().is_some_and(|s| s == "source"))
        else {
            continue;
        };
        if nianbao_parse::reader_for(&source.to_string_lossy()).is_err() {
            continue; // listed as pending by the corpus fact test
        }
        let expected = load_expected(&case.join("expected.json"));
        let findings = findings_of(&source);
        let errors: Vec<&Finding> = findings
            .iter()
            .filter(|f| arithmetic(f) && f.severity == Severity::Error)
            .collect();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let mut matched = vec![false; errors.len()];
        for source_error in &expected.source_errors {
            let code = code_of(&source_error.rule);
            let found = errors.iter().position(|f| {
                f.rule == code
                    && f.cells
                        .first()
                        .is_some_and(|k| key_matches(&source_error.place, k))
                    && f.message.contains(&source_error.printed.to_string())
                    && f.message.contains(&source_error.computed.to_string())
            });
            match found {
                Some(i) => matched[i] = true,
                None => panic!(
                    "{name}: {} at {} (printed {}, computed {}) not reported; got {errors:#?}",
                    code, source_error.place, source_error.printed, source_error.computed
                ),
            }
        }
        let extra: Vec<&&Finding> = errors
            .iter()
            .zip(&matched)
            .filter(|(_, m)| !**m)
            .map(|(f, _)| f)
            .collect();
        assert!(
            extra.is_empty(),
            "{name}: error-severity findings the source does not have: {extra:#?}"
        );
        checked += 1;
    }
    assert!(checked >= 4);
}

#[test]
fn spec_rule_ids_map_to_codes() {
    assert_eq!(code_of("T3-2"), "T3-002");
    assert_eq!(code_of("T2'-1"), "T2-101");
    assert!(key_matches(
        "t3.*.natural_person",
        "t3.total_processed.natural_person"
    ));
    assert!(!key_matches("t3.*.natural_person", "t3.total_processed.total"));
}

#[test]
fn cross_year_series_of_pingtan_chains() {
    let real = corpus_dir().join("real");
    let docs: Vec<nianbao_model::Document> = ["pingtan-2019-txt", "pingtan-2020-txt", "pingtan-2021-txt"]
        .iter()
        .map(|c| {
            let path = real.join(c).join("source.txt");
            nianbao_parse::parse(&std::fs::read(&path).expect("read"), &path.to_string_lossy())
                .expect("parses")
        })
        .collect();
    let reports: Vec<&nianbao_model::Report> = docs.iter().map(|d| &d.report).collect();
    let series = nianbao_rules::check_series(&reports);
    // Carry-over chains (all zero) and the 2019 → 2020 items cannot be compared where the
    // reader left them unresolved: no cross-year finding.
    for findings in &series {
        assert!(
            !findings
                .iter()
                .any(|f| ["T3-006", "T2-104", "T2-006", "T2-007"].contains(&f.rule.as_str())),
            "{findings:#?}"
        );
    }
    // The 2020 report still has its two printed errors.
    assert_eq!(series[1].iter().filter(|f| f.rule == "T3-002").count(), 2);
    // The reports are paired: break 2021's carry-in and the chain rule names the cell.
    let mut broken = docs[2].report.clone();
    let carried_in = broken
        .table3
        .as_mut()
        .and_then(|t| t.rows.iter_mut().find(|r| r.key == "carried_in"))
        .expect("row");
    carried_in.cells[0].value = nianbao_model::CellValue::Number {
        number: nianbao_model::Number::parse("5").expect("number"),
    };
    let series = nianbao_rules::check_series(&[reports[0], reports[1], &broken]);
    let chain: Vec<&Finding> = series[2].iter().filter(|f| f.rule == "T3-006").collect();
    assert_eq!(chain.len(), 1, "{:#?}", series[2]);
    assert_eq!(chain[0].cells, ["t3.carried_in.natural_person"]);
    assert!(
        chain[0]
            .message
            .contains("2021年上年结转 = 5，2020年结转下年度 = 0"),
        "{}",
        chain[0].message
    );
}
