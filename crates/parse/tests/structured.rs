//! HTML, DOCX and Markdown inputs that are broken, hostile or not reports: each gives a clear
//! error or diagnostics, never a panic.

use nianbao_model::{facts, CellValue, FactValue};
use nianbao_parse::{parse, ParseError};
use proptest::prelude::*;

const HEADINGS: &str = "<p>某镇2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文</p>\
    <p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>\
    <p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>";

fn value(document: &nianbao_model::Document, key: &str) -> FactValue {
    facts(&document.report)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no fact {key}"))
}

#[test]
fn a_page_with_headings_but_no_tables_reads_with_diagnostics() {
    let document = parse(HEADINGS.as_bytes(), "no-tables.html").unwrap();
    assert_eq!(document.report.sections.len(), 6);
    assert!(document.report.table3.is_none());
    let missing: Vec<&str> = document
        .diagnostics
        .iter()
        .filter(|d| d.code == "table-not-found" || d.code == "template-unknown")
        .map(|d| d.code.as_str())
        .collect();
    assert!(!missing.is_empty(), "{:?}", document.diagnostics);
}

#[test]
fn a_page_that_is_not_a_report_is_refused() {
    let error = parse(
        b"<html><body><p>\xe9\xa6\x96\xe9\xa1\xb5</p><table><tr><td>1</td></tr></table></body></html>",
        "x.html",
    )
    .unwrap_err();
    assert!(matches!(error, ParseError::NoReportStructure), "{error}");
    let error = parse(b"# \xe6\xa0\x87\xe9\xa2\x98\n| a | b |\n", "x.md").unwrap_err();
    assert!(matches!(error, ParseError::NoReportStructure), "{error}");
}

#[test]
fn a_table_of_the_wrong_shape_is_not_guessed() {
    // Table 3 rows with five cells instead of seven, one with nine, and one with eight whose
    // stray number only one placement can drop.
    let page = format!(
        "{HEADINGS}<table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>\
         <tr><td>二、上年结转政府信息公开申请数量</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td></tr>\
         <tr><td>（一）予以公开</td><td>5</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>7</td><td>1</td></tr></table>"
    );
    let document = parse(page.as_bytes(), "shape.html").unwrap();
    // Five values for seven cells: the page does not show which two are empty, and the row total
    // cannot decide it. Nothing is placed.
    let row_keys = |row: &str| -> Vec<String> {
        [
            "natural_person",
            "commercial",
            "research",
            "public_welfare",
            "legal_service",
            "other_org",
            "total",
        ]
        .iter()
        .map(|c| format!("t3.{row}.{c}"))
        .collect()
    };
    for key in row_keys("new_received") {
        assert_eq!(value(&document, &key), FactValue::Null, "{key}");
    }
    let short = document
        .diagnostics
        .iter()
        .find(|d| d.code == "short-row")
        .expect("short-row");
    assert_eq!(short.facts, row_keys("new_received"));
    assert!(
        short.message.contains("3 0 0 0 3") && short.message.contains("原件没有标出"),
        "{}",
        short.message
    );
    // Nine values, no seven of which add up: every cell undetermined.
    for key in row_keys("carried_in") {
        assert_eq!(value(&document, &key), FactValue::Null, "{key}");
    }
    let extra = document
        .diagnostics
        .iter()
        .find(|d| d.code == "extra-values" && d.facts.contains(&"t3.carried_in.total".to_owned()))
        .expect("extra-values for 二");
    assert!(extra.message.contains("没有一种去法"), "{}", extra.message);
    // 5 2 0 0 0 0 7 1: only without the stray 1 does the row add up (5 + 2 = 7).
    let granted: Vec<FactValue> = row_keys("granted").iter().map(|k| value(&document, k)).collect();
    assert_eq!(
        granted,
        [5, 2, 0, 0, 0, 0, 7].map(FactValue::Integer),
        "{:?}",
        document.diagnostics
    );
    assert!(document.diagnostics.iter().any(|d| d.code == "row-not-found"));
}

#[test]
fn blank_cells_keep_their_place() {
    let page = format!(
        "{HEADINGS}<table><tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>&nbsp;</td><td>2</td><td></td><td>　</td><td>/</td><td>1</td><td>3</td></tr></table>"
    );
    let document = parse(page.as_bytes(), "blanks.html").unwrap();
    let row = &document.report.table3.as_ref().unwrap().rows[0];
    let values: Vec<&CellValue> = row.cells.iter().map(|c| &c.value).collect();
    assert!(matches!(values[0], CellValue::Blank));
    assert!(matches!(values[2], CellValue::Blank) && matches!(values[3], CellValue::Blank));
    assert!(matches!(values[4], CellValue::Placeholder { .. }));
    assert_eq!(
        value(&document, "t3.new_received.commercial"),
        FactValue::Integer(2)
    );
    assert_eq!(value(&document, "t3.new_received.total"), FactValue::Integer(3));
}

#[test]
fn absurd_spans_are_refused_not_allocated() {
    let rows = "<tr><td colspan=1000 rowspan=0>x</td></tr>".repeat(1500);
    let page = format!("{HEADINGS}<table>{rows}</table>");
    let error = parse(page.as_bytes(), "spans.html").unwrap_err();
    assert!(error.to_string().contains("上限"), "{error}");
    // Spans that are not numbers count as one.
    let page = format!("{HEADINGS}<table><tr><td rowspan=abc colspan=-2>一、本年新收政府信息公开申请数量</td><td>1</td></tr></table>");
    assert!(parse(page.as_bytes(), "odd.html").is_ok());
}

#[test]
fn the_declared_gbk_encoding_is_reported() {
    let page = format!("<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'></head><body>{HEADINGS}</body></html>");
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let document = parse(&bytes, "gbk.html").unwrap();
    assert_eq!(document.source.encoding, "GBK");
    assert_eq!(document.report.sections.len(), 6);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for name in ["x.html", "x.md", "x.docx"] {
            let _ = parse(&bytes, name);
        }
    }

    #[test]
    fn arbitrary_markup_never_panics(
        cells in proptest::collection::vec(
            ("[0-9 /—]{0,4}|[一二三本年新收予以公开总计]{0,6}", 0u32..4, 0u32..4), 0..40),
        width in 1usize..9,
    ) {
        let mut page = String::from(HEADINGS);
        page.push_str("<table><tr>");
        for (i, (text, rowspan, colspan)) in cells.iter().enumerate() {
            if i > 0 && i % width == 0 {
                page.push_str("</tr><tr>");
            }
            page.push_str(&format!("<td rowspan={rowspan} colspan={colspan}>{text}</td>"));
        }
        page.push_str("</tr></table>");
        let _ = parse(page.as_bytes(), "x.html");
        let markdown: String = cells
            .chunks(width)
            .map(|row| format!("| {} |\n", row.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(" | ")))
            .collect();
        let _ = parse(format!("三、收到和处理政府信息公开申请情况\n{markdown}").as_bytes(), "x.md");
    }
}
