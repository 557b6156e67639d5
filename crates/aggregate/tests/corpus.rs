//! Aggregating corpus reports gives the sums a test computes on its own from the hand-checked
//! facts in `expected.json`, and refuses what cannot be summed.

use nianbao_aggregate::{aggregate, AggregateError, Input};
use nianbao_model::{facts, FactValue};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    nianbao_tests::corpus_dir()
}

fn parse(path: &Path) -> nianbao_model::Document {
    nianbao_tests::checked_document(path)
}

#[test]
fn two_copies_of_pingtan_2025_sum_to_twice_its_expected_facts() {
    let case = corpus().join("real/pingtan-2025-txt");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).expect("expected"))
            .expect("json");
    let ambiguous: Vec<&str> = expected["ambiguous_keys"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    let document = parse(&case.join("source.txt"));
    // The same file twice would count one report twice, and is refused.
    let twice = [
        Input {
            file: "a.txt",
            document: &document,
        },
        Input {
            file: "a-copy.txt",
            document: &document,
        },
    ];
    assert!(matches!(
        aggregate(&twice, "测试县人民政府"),
        Err(AggregateError::SameFile { .. })
    ));
    // Its figures as another body's report (other bytes, another agency) are summed.
    let mut other = document.clone();
    other.source.sha256 = Some("0".repeat(64));
    other.report.metadata.agency = Some(nianbao_model::Spanned::derived("另一个镇".to_owned()));
    let inputs = [
        Input {
            file: "a.txt",
            document: &document,
        },
        Input {
            file: "b.txt",
            document: &other,
        },
    ];
    let sum = aggregate(&inputs, "测试县人民政府").expect("aggregates");
    let got: std::collections::HashMap<String, FactValue> = facts(&sum.report).into_iter().collect();
    let mut compared = 0;
    for (key, value) in expected["facts"].as_object().expect("facts") {
        let want = value.as_f64().map(|v| v * 2.0);
        let found = match &got[key] {
            FactValue::Integer(i) => Some(*i as f64),
            FactValue::Decimal(d) => Some(*d),
            FactValue::Null => None,
            FactValue::Text(t) => panic!("{key}: text {t}"),
        };
        if ambiguous.contains(&key.as_str()) && found.is_none() {
            assert!(
                sum.diagnostics
                    .iter()
                    .any(|d| d.code == "aggregate-unresolved" && d.facts.contains(key)),
                "{key}"
            );
            continue;
        }
        match (want, found) {
            (Some(w), Some(f)) => assert!((w - f).abs() < 1e-9, "{key}: {f} ≠ 2 × {value}"),
            _ => panic!("{key}: expected {want:?}, got {found:?}"),
        }
        compared += 1;
    }
    assert!(compared >= 190, "compared {compared} facts");
    assert_eq!(sum.report.metadata.year.as_ref().map(|y| y.value), Some(2025));
    assert_eq!(
        sum.constituents
            .iter()
            .map(|c| c.file.as_str())
            .collect::<Vec<_>>(),
        ["a.txt", "b.txt"]
    );
}

#[test]
fn blanks_count_zero_and_are_reported() {
    let seeds = corpus().join("seeds");
    let documents: Vec<_> = [
        "000_2ed7b50f6a4f35f4.txt",
        "003_ab0ddd5dad9ab753.txt",
        "004_208df7f24f8ec3dc.txt",
    ]
    .iter()
    .map(|f| (f.to_string(), parse(&seeds.join(f))))
    .collect();
    let inputs: Vec<Input> = documents
        .iter()
        .map(|(f, d)| Input { file: f, document: d })
        .collect();
    let sum = aggregate(&inputs, "保德县").expect("same year, same version");
    let got: std::collections::HashMap<String, FactValue> = facts(&sum.report).into_iter().collect();
    assert_eq!(got["t3.unable.not_held.total"], FactValue::Integer(0));
    let blank = sum
        .diagnostics
        .iter()
        .find(|d| d.code == "aggregate-blank")
        .expect("blank reported");
    assert!(
        blank.message.starts_with("000_2ed7b50f6a4f35f4.txt") && blank.facts == ["t3.unable.not_held.total"],
        "{blank:?}"
    );
}

#[test]
fn different_years_or_versions_are_refused_by_name() {
    let real = corpus().join("real");
    let y2019 = parse(&real.join("pingtan-2019-txt/source.txt"));
    let y2020 = parse(&real.join("pingtan-2020-txt/source.txt"));
    let y2021 = parse(&real.join("pingtan-2021-txt/source.txt"));
    let error = aggregate(
        &[
            Input {
                file: "2019.txt",
                document: &y2019,
            },
            Input {
                file: "2020.txt",
                document: &y2020,
            },
        ],
        "x",
    )
    .expect_err("years");
    assert!(
        matches!(&error, AggregateError::MixedYears { file, .. } if file == "2020.txt"),
        "{error}"
    );
    let error = aggregate(
        &[
            Input {
                file: "2020.txt",
                document: &y2020,
            },
            Input {
                file: "2021.txt",
                document: &y2021,
            },
        ],
        "x",
    )
    .expect_err("versions");
    assert!(
        matches!(&error, AggregateError::MixedVersions { file, .. } if file == "2021.txt"),
        "{error}"
    );
    assert!(error.to_string().contains("2021.txt 使用2021版表格"), "{error}");
    assert!(matches!(aggregate(&[], "x"), Err(AggregateError::Empty)));
}
