//! A stray number deleted from, or inserted into, any place of a table region never produces a
//! wrong value: every number the reader gives is the one the source prints in that cell; a cell
//! it cannot be sure of is undetermined. Checked on the samples, the corpus's text cases (glued
//! digit runs included) and the reshaped tab-separated and Markdown fixtures, against their
//! hand-checked facts.

use nianbao_model::FactValue;
use nianbao_tests::reshaped::{report_lines, Style};
use nianbao_tests::{corpus_dir, load_expected, readable_real_cases, repo_dir, samples, Expected};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A report's text, its name (which picks the reader) and its hand-checked facts.
struct Case {
    name: String,
    text: String,
    expected: Expected,
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut cases = Vec::new();
        for sample in samples() {
            let stem = sample.file_stem().expect("stem").to_string_lossy().into_owned();
            cases.push(Case {
                name: format!("{stem}.txt"),
                text: std::fs::read_to_string(&sample).expect("sample"),
                expected: load_expected(&repo_dir().join(format!("tests/expected/seeds/{stem}.json"))),
            });
        }
        for (name, source) in readable_real_cases() {
            if source.extension().is_some_and(|e| e == "txt" || e == "md") {
                cases.push(Case {
                    name: source.file_name().expect("name").to_string_lossy().into_owned(),
                    text: std::fs::read_to_string(&source).expect("source"),
                    expected: load_expected(&corpus_dir().join(format!("real/{name}/expected.json"))),
                });
            }
        }
        let pingtan = load_expected(&corpus_dir().join("real/pingtan-2025-html/expected.json"));
        for (style, name) in [(Style::Tabs, "reshaped.txt"), (Style::Markdown, "reshaped.md")] {
            cases.push(Case {
                name: name.to_owned(),
                text: report_lines(&pingtan, style).join("\n"),
                expected: pingtan.clone(),
            });
        }
        for case in &cases {
            assert!(
                !numbers_in_tables(&case.text).is_empty(),
                "{}: no numbers in its tables",
                case.name
            );
        }
        cases
    })
}

/// The byte ranges of the numbers standing in a case's table sections (二 to 四), or in the
/// whole text where those headings are not printed in simplified characters.
fn numbers_in_tables(text: &str) -> Vec<std::ops::Range<usize>> {
    let start = text
        .rfind("第二十条第")
        .and_then(|last| text[..last].find("第二十条第"))
        .unwrap_or(0);
    let end = ["存在的主要问题", "存在问题", "其他需要报告的事项"]
        .iter()
        .filter_map(|words| text[start..].find(words))
        .min()
        .map_or(text.len(), |i| start + i);
    let mut numbers = Vec::new();
    let mut at = start;
    while at < end {
        let rest = &text[at..end];
        let Some(offset) = rest.find(|c: char| c.is_ascii_digit()) else {
            break;
        };
        let begin = at + offset;
        let length = text[begin..end]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(end - begin);
        numbers.push(begin..begin + length);
        at = begin + length;
    }
    numbers
}

/// Every number the reader gives equals the case's fact for that cell (a cell may be left
/// undetermined; text is what the source prints and is not a number).
fn check(case: &Case, text: &str) -> Result<(), TestCaseError> {
    let Ok(read) = nianbao_pipeline::read(text.as_bytes(), &case.name) else {
        return Ok(());
    };
    let facts: BTreeMap<String, FactValue> =
        nianbao_model::facts(&read.document.report).into_iter().collect();
    for (key, value) in facts {
        let given = match value {
            FactValue::Integer(v) => v as f64,
            FactValue::Decimal(v) => v,
            FactValue::Text(_) | FactValue::Null => continue,
        };
        let truth = case.expected.facts.get(&key).and_then(serde_json::Value::as_f64);
        prop_assert_eq!(truth, Some(given), "{}: {} read as {}", case.name, key, given);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_deleted_number_is_never_replaced_by_a_wrong_one(case in 0usize..64, pick in 0usize..10_000) {
        let case = &cases()[case % cases().len()];
        let numbers = numbers_in_tables(&case.text);
        let range = numbers[pick % numbers.len()].clone();
        let mut text = case.text.clone();
        text.replace_range(range, "");
        check(case, &text)?;
    }

    #[test]
    fn an_inserted_number_is_never_read_into_a_cell(
        case in 0usize..64,
        pick in 0usize..10_000,
        stray in 1u32..1000,
        separator in prop::sample::select(vec![" ", "\t", "|"]),
    ) {
        let case = &cases()[case % cases().len()];
        let numbers = numbers_in_tables(&case.text);
        let after = numbers[pick % numbers.len()].end;
        let mut text = case.text.clone();
        text.insert_str(after, &format!("{separator}{stray}"));
        check(case, &text)?;
    }
}

#[test]
fn the_cases_read_right_unmutated() {
    for case in cases() {
        check(case, &case.text).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(cases().len() >= 11);
}
