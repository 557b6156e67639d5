//! Messy real files, reproduced by reshaping a corpus case: each is read exactly, or the cells it
//! does not make certain are undetermined with a diagnostic naming them — never guessed.
//!
//! The case is Pingtan 2025 (its hand-checked facts), written out as text or Markdown by
//! `nianbao_tests::reshaped` and then broken the way real files are.

use nianbao_model::{Document, FactValue, InputKind};
use nianbao_tests::reshaped::{line_with, printed, report_lines, Style};
use nianbao_tests::{corpus_dir, differences, load_expected, Expected};
use std::collections::BTreeMap;

fn expected() -> Expected {
    load_expected(&corpus_dir().join("real/pingtan-2025-html/expected.json"))
}

fn read(lines: &[String], name: &str) -> Document {
    let text = lines.join("\n");
    nianbao_pipeline::read(text.as_bytes(), name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

/// Every fact equals the hand-checked one, except `undetermined`, which must be null and named by
/// a diagnostic of `code`.
fn assert_facts(document: &Document, expected: &Expected, undetermined: &[&str], code: &str) {
    let parsed: BTreeMap<String, FactValue> = nianbao_model::facts(&document.report).into_iter().collect();
    let named: Vec<&String> = document
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .flat_map(|d| &d.facts)
        .collect();
    for key in undetermined {
        assert_eq!(
            parsed[*key],
            FactValue::Null,
            "{key} should be undetermined: {:?}",
            document.diagnostics
        );
        assert!(
            named.iter().any(|k| k == key),
            "{key} not named by {code}: {:?}",
            document.diagnostics
        );
    }
    let mut reduced = expected.facts.clone();
    for key in undetermined {
        reduced.insert((*key).to_owned(), serde_json::Value::Null);
    }
    let reduced = Expected {
        facts: reduced,
        ..expected.clone()
    };
    let diffs = differences(document, &reduced);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// No arithmetic error comes from the reader: the case prints none.
fn assert_no_arithmetic_error(document: &Document) {
    let errors: Vec<&str> = document
        .findings
        .iter()
        .filter(|f| f.severity == nianbao_model::Severity::Error && f.rule.starts_with('T'))
        .map(|f| f.message.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_tab_separated_fixture_reads_exactly() {
    let expected = expected();
    let document = read(&report_lines(&expected, Style::Tabs), "report.txt");
    assert_eq!(document.source.kind, InputKind::Text);
    assert_facts(&document, &expected, &[], "");
    assert_no_arithmetic_error(&document);
    assert!(
        document
            .diagnostics
            .iter()
            .all(|d| d.severity < nianbao_model::Severity::Warning),
        "{:?}",
        document.diagnostics
    );
}

#[test]
fn markdown_inside_a_txt_file_is_read_as_markdown_and_the_other_way_round() {
    let expected = expected();
    let markdown = report_lines(&expected, Style::Markdown);
    let document = read(&markdown, "report.txt");
    assert_eq!(document.source.kind, InputKind::Markdown);
    assert_eq!(document.report.sections.len(), 6, "headings behind ## are found");
    assert_facts(&document, &expected, &[], "");
    assert_no_arithmetic_error(&document);
    assert!(!document.findings.iter().any(|f| f.rule == "S-001"));
    // Tab-separated text in a .md file is read as text.
    let document = read(&report_lines(&expected, Style::Tabs), "report.md");
    assert_eq!(document.source.kind, InputKind::Text);
    assert_facts(&document, &expected, &[], "");
}

#[test]
fn a_section_heading_is_not_taken_for_a_table_row() {
    // The heading of part 四 behind a stray `## ` is not recognised as a heading: Table 3 must
    // still end before Table 4, and its last row keep its own seven values.
    let expected = expected();
    let mut lines = report_lines(&expected, Style::Tabs);
    let at = line_with(&lines, "四、政府信息公开行政复议");
    lines[at] = format!("## {}", lines[at]);
    let document = read(&lines, "report.txt");
    assert_eq!(document.source.kind, InputKind::Text);
    assert_facts(&document, &expected, &[], "");
    assert_no_arithmetic_error(&document);
}

#[test]
fn an_extra_number_is_dropped_only_where_the_sums_decide() {
    let expected = expected();
    let mut lines = report_lines(&expected, Style::Tabs);
    // The fee row with a footnote number after its amount: Table 2 has no sums to decide which
    // number is the amount.
    let fee = line_with(&lines, "行政事业性收费\t");
    lines[fee].push_str("\t2");
    // 部分公开 with a stray 1 after its total: only without it does the row add up.
    let partial = line_with(&lines, "部分公开");
    lines[partial].push_str("\t1");
    // 予以公开 with a stray 1 before its values: 1 33 0 0 0 0 0 33 adds up only without the 1.
    let granted = line_with(&lines, "予以公开");
    lines[granted] = lines[granted].replacen("\t33\t", "\t1\t33\t", 1);
    let document = read(&lines, "report.txt");
    assert_facts(&document, &expected, &["t2.admin_fees.amount"], "extra-values");
    let fee_note = document
        .diagnostics
        .iter()
        .find(|d| d.facts.contains(&"t2.admin_fees.amount".to_owned()))
        .expect("a diagnostic for the fee row");
    assert!(fee_note.message.contains("4166.241619 2"), "{}", fee_note.message);
    let dropped: Vec<&str> = document
        .diagnostics
        .iter()
        .filter(|d| d.code == "extra-values" && d.message.contains("已去掉"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(dropped.len(), 2, "{dropped:?}");
    assert_no_arithmetic_error(&document);
}

#[test]
fn a_short_row_is_placed_only_where_the_source_shows_the_empty_cell() {
    let expected = expected();
    let mut lines = report_lines(&expected, Style::Tabs);
    // 予以公开 loses one of its zeros and its separator: which cell is empty is not shown.
    let granted = line_with(&lines, "予以公开");
    lines[granted] = lines[granted].replacen("\t0\t", "\t", 1);
    // 1.本机关不掌握相关政府信息 loses a value but keeps the separator: the cell is blank.
    let not_held = line_with(&lines, "本机关不掌握相关政府信息");
    lines[not_held] = lines[not_held].replacen("\t1\t", "\t\t", 1);
    let document = read(&lines, "report.txt");
    let granted_keys: Vec<String> = nianbao_model::template::T3_COLUMNS
        .iter()
        .map(|c| format!("t3.granted.{}", c.key))
        .collect();
    let undetermined: Vec<&str> = granted_keys.iter().map(String::as_str).collect();
    let mut reduced = expected.clone();
    reduced
        .facts
        .insert("t3.unable.not_held.commercial".into(), serde_json::Value::Null);
    assert_facts(&document, &reduced, &undetermined, "short-row");
    assert_no_arithmetic_error(&document);
}

#[test]
fn pdf_to_markdown_residue_is_read_where_order_and_sums_agree() {
    let expected = expected();
    let mut lines = report_lines(&expected, Style::Markdown);
    // Labels detached from their rows, printed as loose lines before them.
    for label in [
        "（二）部分公开",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ] {
        let at = line_with(&lines, label);
        let row = &lines[at];
        let values: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).skip(2).collect();
        lines[at] = format!("| {} |", values.join(" | "));
        lines.insert(at, label.to_owned());
    }
    // A row labelled with a fragment of its label, and one whose label is split over two cells.
    let internal = line_with(&lines, "5.属于三类内部事务信息");
    lines[internal] = lines[internal].replace("5.属于三类内部事务信息", "于三类内部事务信息");
    let no_supplement = line_with(&lines, "1.申请人无正当理由逾期不补正");
    lines[no_supplement] = lines[no_supplement].replace(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期 | 不补正、行政机关不再处理其政府信",
    );
    // An annotated value pulled out of its row onto loose lines: the row is a value short.
    let normative = line_with(&lines, "| 行政规范性文件 |");
    let issued = printed(&expected, "t2.normative_docs.issued");
    lines[normative] = lines[normative].replacen(&format!("| {issued} "), "", 1);
    lines.insert(normative, "（含修订 12 件）".to_owned());
    lines.insert(normative, issued);
    let document = read(&lines, "report.md");
    assert_eq!(document.source.kind, InputKind::Markdown);
    assert_facts(
        &document,
        &expected,
        &[
            "t2.normative_docs.issued",
            "t2.normative_docs.repealed",
            "t2.normative_docs.in_force",
        ],
        "short-row",
    );
    assert!(document.diagnostics.iter().any(|d| d.code == "row-by-position"));
    assert_no_arithmetic_error(&document);
}

#[test]
fn label_less_rows_that_break_the_sums_are_not_placed() {
    let expected = expected();
    let mut lines = report_lines(&expected, Style::Markdown);
    // (二)'s label detached, and its row of values not adding up (38 … 39): template order alone
    // would place it, the sums do not agree, so it is not placed.
    let at = line_with(&lines, "（二）部分公开");
    let row = &lines[at];
    let values: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).skip(2).collect();
    let mut broken: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    broken[6] = "39".to_owned();
    lines[at] = format!("| {} |", broken.join(" | "));
    lines.insert(at, "（二）部分公开".to_owned());
    let document = read(&lines, "report.md");
    let partial: Vec<String> = nianbao_model::template::T3_COLUMNS
        .iter()
        .map(|c| format!("t3.partial.{}", c.key))
        .collect();
    let undetermined: Vec<&str> = partial.iter().map(String::as_str).collect();
    assert_facts(&document, &expected, &undetermined, "row-by-position");
    assert_no_arithmetic_error(&document);
}
