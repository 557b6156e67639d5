//! The review workbook read back with calamine: one summary row per report sorted by agency, the
//! key figures equal to the reports' facts, every fact in the long sheet, every finding listed,
//! valid and unique sheet names.

use calamine::{Data, Reader, Xlsx};
use nianbao_export::ExportContext;
use nianbao_export_xlsx::review_sheets as sheets;
use nianbao_export_xlsx::{review_workbook, Entry};
use nianbao_model::{facts, FactValue, Severity};
use std::io::Cursor;

fn entries() -> Vec<Entry> {
    let files = nianbao_tests::reports();
    let mut entries: Vec<Entry> = files
        .iter()
        .map(|path| Entry {
            file: path.display().to_string(),
            document: nianbao_parse::parse(&std::fs::read(path).expect("read"), &path.to_string_lossy())
                .expect("parses"),
        })
        .collect();
    let reports: Vec<&nianbao_model::Report> = entries.iter().map(|e| &e.document.report).collect();
    let findings = nianbao_rules::check_series(&reports);
    for (entry, findings) in entries.iter_mut().zip(findings) {
        entry.document.findings = findings;
    }
    entries
}

fn text(data: Option<&Data>) -> String {
    match data {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        _ => String::new(),
    }
}

#[test]
fn summary_facts_and_findings_cover_every_report() {
    let entries = entries();
    assert!(entries.len() >= 9);
    let bytes = review_workbook(&entries, &ExportContext::default()).expect("workbook");
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).expect("opens");
    let names = xlsx.sheet_names();
    assert_eq!(&names[..3], [sheets::SUMMARY, sheets::FACTS, sheets::FINDINGS]);
    assert_eq!(names.len(), 3 + entries.len());
    let mut unique = std::collections::HashSet::new();
    for name in &names {
        assert!(
            name.chars().count() <= 31 && !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
        assert!(unique.insert(name.to_lowercase()), "{name} twice");
    }

    let summary = xlsx.worksheet_range(sheets::SUMMARY).expect("summary");
    let headers: Vec<String> = (0..summary.width() as u32)
        .map(|c| text(summary.get_value((0, c))))
        .collect();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}")) as u32
    };
    assert_eq!(summary.height(), entries.len() + 1);
    let agencies: Vec<String> = (1..summary.height() as u32)
        .map(|r| text(summary.get_value((r, 0))))
        .collect();
    let mut sorted = agencies.clone();
    sorted.sort();
    assert_eq!(agencies, sorted, "sorted by agency");
    for r in 1..summary.height() as u32 {
        let file = text(summary.get_value((r, column("文件"))));
        let entry = entries
            .iter()
            .find(|e| e.file == file)
            .unwrap_or_else(|| panic!("row for {file}"));
        let facts: std::collections::HashMap<String, FactValue> =
            facts(&entry.document.report).into_iter().collect();
        let figure = |header: &str| {
            summary
                .get_value((r, column(header)))
                .cloned()
                .unwrap_or(Data::Empty)
        };
        let fact = |key: &str| match facts.get(key) {
            Some(FactValue::Integer(i)) => Data::Float(*i as f64),
            _ => Data::Empty,
        };
        assert_eq!(figure("本年新收申请"), fact("t3.new_received.total"), "{file}");
        assert_eq!(figure("办理总计"), fact("t3.total_processed.total"), "{file}");
        assert_eq!(figure("行政复议总计"), fact("t4.review.total"), "{file}");
        let errors = entry
            .document
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        assert_eq!(figure("错误"), Data::Float(errors as f64), "{file}");
    }

    let fact_rows = xlsx.worksheet_range(sheets::FACTS).expect("facts");
    let total_facts: usize = entries.iter().map(|e| facts(&e.document.report).len()).sum();
    assert_eq!(fact_rows.height(), total_facts + 1);
    let pt20 = (1..fact_rows.height() as u32)
        .find(|&r| {
            text(fact_rows.get_value((r, 2))).contains("pingtan-2020")
                && text(fact_rows.get_value((r, 3))) == "t3.total_processed.natural_person"
        })
        .expect("pingtan 2020 (七)总计 自然人");
    assert_eq!(fact_rows.get_value((pt20, 7)), Some(&Data::Float(20.0)));

    let finding_rows = xlsx.worksheet_range(sheets::FINDINGS).expect("findings");
    let total_findings: usize = entries.iter().map(|e| e.document.findings.len()).sum();
    assert_eq!(finding_rows.height(), total_findings + 1);
    assert!((1..finding_rows.height() as u32).any(|r| text(finding_rows.get_value((r, 3))) == "T3-002"));
}

#[test]
fn labels_have_room_and_files_can_be_told_apart() {
    let entries = entries();
    let bytes = review_workbook(&entries, &ExportContext::default()).expect("workbook");
    let mut xlsx = Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    // The first report sheet (sheet 4): Table 2's labels span A–C, where Table 3's label area is.
    let names = xlsx.sheet_names().to_vec();
    let report = xlsx.worksheet_range(&names[3]).expect("a report sheet");
    let label_row = report
        .rows()
        .position(|row| row.first().is_some_and(|c| *c == Data::String("规章".to_owned())))
        .expect("Table 2's first row") as u32;
    let sheet4 = nianbao_tests::zip_part(&bytes, "xl/worksheets/sheet4.xml");
    assert!(
        sheet4.contains(&format!("<mergeCell ref=\"A{0}:C{0}\"/>", label_row + 1)),
        "{label_row}"
    );
    // The summary's file column is as wide as the longest file name (CJK counted double).
    let sheet1 = nianbao_tests::zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let longest = entries
        .iter()
        .map(|e| unicode_width::UnicodeWidthStr::width(e.file.as_str()))
        .max()
        .unwrap();
    let width: f64 = sheet1
        .split("<col ")
        .find(|c| c.starts_with("min=\"4\""))
        .and_then(|c| c.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .expect("column D's width");
    assert!(width >= (longest as f64).min(80.0), "{width} < {longest}");
}
