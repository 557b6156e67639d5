//! Workbooks read back with calamine (and opened by LibreOffice when it is installed): every
//! fact of every corpus report where the template puts it, the template's merged header cells,
//! check formulas with their cached results, notes on the cells of error findings, determinism.

use calamine::{Data, Reader, Xlsx};
use nianbao_export::ExportContext;
use nianbao_export_xlsx::{report_workbook, sheets};
use nianbao_model::template::{self, TableId, T3_COLUMNS};
use nianbao_model::{facts, Document, FactValue};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    nianbao_tests::reports()
}

fn document(path: &Path) -> Document {
    nianbao_tests::checked_document(path)
}

fn workbook(document: &Document) -> (Vec<u8>, Xlsx<Cursor<Vec<u8>>>) {
    let bytes = report_workbook(document, &ExportContext::default()).expect("workbook");
    let xlsx = Xlsx::new(Cursor::new(bytes.clone())).expect("calamine opens it");
    (bytes, xlsx)
}

/// What a fact should look like in the sheet.
fn expected(value: &FactValue) -> Data {
    match value {
        FactValue::Integer(i) => Data::Float(*i as f64),
        FactValue::Decimal(d) => Data::Float(*d),
        FactValue::Text(t) => Data::String(t.clone()),
        FactValue::Null => Data::Empty,
    }
}

fn at(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// The row whose label area (columns `cols`) holds `label`.
fn row_labelled(range: &calamine::Range<Data>, cols: std::ops::Range<u32>, label: &str) -> u32 {
    (0..range.end().map_or(0, |e| e.0 + 1))
        .find(|&r| {
            cols.clone()
                .any(|c| at(range, r, c) == Data::String(label.to_owned()))
        })
        .unwrap_or_else(|| panic!("no row labelled {label}"))
}

#[test]
fn every_fact_is_where_the_template_puts_it() {
    for path in inputs() {
        let document = document(&path);
        let version = document.report.metadata.template.version.expect("version");
        let (_, mut xlsx) = workbook(&document);
        let facts: std::collections::HashMap<String, FactValue> =
            facts(&document.report).into_iter().collect();
        let t3 = xlsx.worksheet_range(sheets::TABLE3).expect("表三");
        for row in template::spec(TableId::T3, version).rows {
            let r = row_labelled(&t3, 0..3, row.label);
            for (c, column) in T3_COLUMNS.iter().enumerate() {
                let key = template::fact_key(TableId::T3, row.key, column.key);
                assert_eq!(
                    at(&t3, r, 3 + c as u32),
                    expected(&facts[&key]),
                    "{}: {key}",
                    path.display()
                );
            }
        }
        let t4 = xlsx.worksheet_range(sheets::TABLE4).expect("表四");
        for (i, key) in template::TABLE4.fact_keys().enumerate() {
            assert_eq!(
                at(&t4, 3, i as u32),
                expected(&facts[&key]),
                "{}: {key}",
                path.display()
            );
        }
        let t2 = xlsx.worksheet_range(sheets::TABLE2).expect("表二");
        for row in template::spec(TableId::T2, version).rows {
            let r = row_labelled(&t2, 0..1, row.label);
            for (c, column) in row.columns.iter().enumerate() {
                let key = template::fact_key(TableId::T2, row.key, column.key);
                assert_eq!(
                    at(&t2, r, 1 + c as u32),
                    expected(&facts[&key]),
                    "{}: {key}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn headers_are_merged_as_in_the_template() {
    let document =
        document(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/001_0ed6c5173e6d400e.txt"));
    let (_, mut xlsx) = workbook(&document);
    let mut merged = |sheet: &str| -> Vec<((u32, u32), (u32, u32))> {
        xlsx.merge_cells_by_sheet_name(sheet)
            .expect("merged cells")
            .iter()
            .map(|d| (d.start, d.end))
            .collect()
    };
    let t3 = merged(sheets::TABLE3);
    for region in [
        ((0, 0), (2, 2)),   // the note, colspan 3, rowspan 3
        ((0, 3), (0, 9)),   // 申请人情况
        ((1, 3), (2, 3)),   // 自然人, rowspan 2
        ((1, 4), (1, 8)),   // 法人或其他组织, colspan 5
        ((1, 9), (2, 9)),   // 总计, rowspan 2
        ((3, 0), (3, 2)),   // 一、本年新收…
        ((5, 0), (26, 0)),  // 三、本年度办理结果: 22 rows in the 2021 template
        ((7, 1), (14, 1)),  // （三）不予公开: 8 rows
        ((26, 1), (26, 2)), // （七）总计 spans B–C
    ] {
        assert!(t3.contains(&region), "表三 lacks {region:?}: {t3:?}");
    }
    let t4 = merged(sheets::TABLE4);
    for region in [
        ((0, 0), (0, 4)),
        ((0, 5), (0, 14)),
        ((1, 0), (2, 0)),
        ((1, 5), (1, 9)),
        ((1, 10), (1, 14)),
    ] {
        assert!(t4.contains(&region), "表四 lacks {region:?}");
    }
    // 2021 Table 2: one value spans the three value columns.
    let t2 = merged(sheets::TABLE2);
    assert!(
        t2.iter().any(|&(start, end)| start.1 == 1 && end.1 == 3),
        "{t2:?}"
    );
}

#[test]
fn check_formulas_carry_their_results() {
    let document = document(&nianbao_tests::corpus_dir().join("real/pingtan-2020-txt/source.txt"));
    let (_, mut xlsx) = workbook(&document);
    let values = xlsx.worksheet_range(sheets::TABLE3).expect("表三");
    let formulas = xlsx.worksheet_formula(sheets::TABLE3).expect("formulas");
    let total_row = row_labelled(&values, 0..3, "（七）总计");
    let outcome_row = row_labelled(&values, 0..3, "核对：各项办理结果之和（应等于（七）总计）");
    // Printed （七）总计 自然人 20, 总计 21; the outcomes add up to 26 and 27 (the source's error).
    assert_eq!(at(&values, total_row, 3), Data::Float(20.0));
    assert_eq!(at(&values, outcome_row, 3), Data::Float(26.0));
    assert_eq!(at(&values, outcome_row, 9), Data::Float(27.0));
    // Live in Excel: incomplete while a part is not a number, else the sum.
    let formula = formulas.get_value((outcome_row, 3)).cloned().unwrap_or_default();
    let formula = formula.trim_start_matches('=');
    assert!(
        formula.starts_with("IF(COUNT(D") && formula.contains(",\"不完整\",SUM(D"),
        "{formula}"
    );
    // The row-total check column: （一）予以公开 6 + 1 = 7.
    let granted = row_labelled(&values, 0..3, "（一）予以公开");
    assert_eq!(at(&values, granted, 10), Data::Float(7.0));
}

#[test]
fn error_cells_carry_notes_with_rule_and_message() {
    let document = document(&nianbao_tests::corpus_dir().join("real/pingtan-2020-txt/source.txt"));
    let (bytes, _) = workbook(&document);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut notes = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        if file.name().is_ok_and(|name| name.starts_with("xl/comments")) {
            file.read_to_string(&mut notes).expect("utf-8");
        }
    }
    assert!(
        notes.contains("T3-002 自然人列：（七）总计 = 20，各项办理结果之和 = 26，相差 -6"),
        "{notes}"
    );
    assert!(notes.contains("T3-002 总计列：（七）总计 = 21"), "{notes}");
}

#[test]
fn same_input_same_bytes() {
    let document =
        document(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/004_208df7f24f8ec3dc.txt"));
    let (first, _) = workbook(&document);
    let (second, _) = workbook(&document);
    assert!(first == second);
    let pinned = |time: &str| ExportContext {
        created: nianbao_export::Timestamp::parse(time).expect("a valid time"),
        ..ExportContext::default()
    };
    let at_eight_utc = report_workbook(&document, &pinned("2026-01-31T08:00:00Z")).expect("workbook");
    assert!(at_eight_utc != first);
    // A workbook records its creation time in UTC: 16:00 in China is 08:00 UTC.
    let same_instant = report_workbook(&document, &pinned("2026-01-31T16:00:00+08:00")).expect("workbook");
    assert!(same_instant == at_eight_utc);
    let core = nianbao_tests::zip_part(&at_eight_utc, "docProps/core.xml");
    assert!(core.contains(">2026-01-31T08:00:00Z<"), "{core}");
}

#[test]
fn libreoffice_opens_the_workbooks() {
    if !nianbao_tests::tool_available("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("nianbao-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let document = document(&nianbao_tests::corpus_dir().join("real/pingtan-2020-txt/source.txt"));
    let (bytes, _) = workbook(&document);
    let input = dir.join("pt20.xlsx");
    std::fs::write(&input, bytes).expect("write");
    // Table 3 to CSV, read by LibreOffice itself.
    nianbao_tests::soffice(
        std::slice::from_ref(&input),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
        &dir,
    );
    let csv = std::fs::read_dir(&dir)
        .expect("out dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("LibreOffice wrote a CSV");
    let text = std::fs::read_to_string(&csv).expect("UTF-8 CSV");
    let total = text
        .lines()
        .find(|l| l.contains("（七）总计"))
        .expect("（七）总计 row");
    assert!(total.contains(",20,0,0,0,0,1,21,"), "{total}");
    let check = text
        .lines()
        .find(|l| l.contains("核对：各项办理结果之和"))
        .expect("check row");
    assert!(check.contains(",26,0,0,0,0,1,27"), "{check}");
    // A review workbook of every corpus report prints.
    let entries: Vec<nianbao_export_xlsx::Entry> = inputs()
        .iter()
        .map(|p| nianbao_export_xlsx::Entry {
            file: p.display().to_string(),
            document: self::document(p),
        })
        .collect();
    let review = dir.join("review.xlsx");
    let bytes = nianbao_export_xlsx::review_workbook(&entries, &ExportContext::default()).expect("review");
    std::fs::write(&review, bytes).expect("write");
    nianbao_tests::soffice(std::slice::from_ref(&review), "pdf", &dir);
    let pdf = std::fs::read(dir.join("review.pdf")).expect("LibreOffice printed the review workbook");
    assert!(pdf.starts_with(b"%PDF"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Converts `input` with LibreOffice to `target` (a `--convert-to` argument) into `dir`, with a
/// private user profile so that tests do not share LibreOffice's state.
#[test]
fn cells_are_named_as_the_template_names_them_where_people_read() {
    for path in inputs() {
        let document = document(&path);
        let (_, mut xlsx) = workbook(&document);
        let range = xlsx.worksheet_range("核对结果").expect("the findings sheet");
        for row in range.rows() {
            for cell in row {
                let text = cell.to_string();
                let key = ["t2.", "t3.", "t4."].iter().any(|k| text.contains(k));
                assert!(
                    !key,
                    "{}: a fact key where a person reads: {text}",
                    path.display()
                );
            }
        }
        if let Some(finding) = document
            .findings
            .iter()
            .find(|f| f.cells.first().is_some_and(|k| k.starts_with("t3.")))
        {
            let named = range.rows().flatten().any(|c| c.to_string().contains("表三 "));
            assert!(named, "{}: {finding:?} not named by its table", path.display());
        }
    }
}

/// The fill colour (`RRGGBB`) of the cell `reference` of the sheet named `sheet`, from the
/// workbook's own XML.
fn fill_of(workbook: &[u8], sheet: &str, reference: &str) -> Option<String> {
    let names = nianbao_tests::zip_part(workbook, "xl/workbook.xml");
    let position = names
        .match_indices("<sheet ")
        .position(|(at, _)| names[at..].starts_with(&format!("<sheet name=\"{sheet}\"")))?;
    let xml = nianbao_tests::zip_part(workbook, &format!("xl/worksheets/sheet{}.xml", position + 1));
    let cell = xml.find(&format!("<c r=\"{reference}\""))?;
    let tag = &xml[cell..cell + xml[cell..].find('>')?];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .map_or(Some(0), |s| s.split('"').next()?.parse().ok())?;
    let styles = nianbao_tests::zip_part(workbook, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs")?..];
    let xf = xfs.split("<xf ").nth(style + 1)?;
    let fill: usize = xf.split("fillId=\"").nth(1)?.split('"').next()?.parse().ok()?;
    let fills = &styles[styles.find("<fills")?..styles.find("</fills>")?];
    let fill = fills.split("<fill>").nth(fill + 1)?;
    let argb = fill.split("rgb=\"").nth(1)?.split('"').next()?;
    Some(argb.get(2..).unwrap_or(argb).to_owned())
}

#[test]
fn a_wrong_total_is_marked_red_and_its_parts_only_hinted() {
    // Pingtan 2020: （七）总计 自然人 printed 20, its outcomes add up to 26 (T3-002, an error).
    let document = document(&nianbao_tests::corpus_dir().join("real/pingtan-2020-txt/source.txt"));
    let (bytes, mut xlsx) = workbook(&document);
    let values = xlsx.worksheet_range(sheets::TABLE3).expect("表三");
    let total_row = row_labelled(&values, 0..3, "（七）总计");
    let granted = row_labelled(&values, 0..3, "（一）予以公开");
    let new_received = row_labelled(&values, 0..3, "一、本年新收政府信息公开申请数量");
    let cell = |row: u32, col: u16| rust_xlsxwriter::utility::row_col_to_cell(row, col);
    assert_eq!(
        fill_of(&bytes, sheets::TABLE3, &cell(total_row, 3)).as_deref(),
        Some("FFC7CE")
    );
    assert_eq!(
        fill_of(&bytes, sheets::TABLE3, &cell(granted, 3)).as_deref(),
        Some("FFF8E5")
    );
    // A cell no error names keeps no fill.
    assert_eq!(fill_of(&bytes, sheets::TABLE3, &cell(new_received, 4)), None);
}

#[test]
fn a_check_with_a_part_that_is_no_number_says_it_is_incomplete() {
    // shgov 2019 leaves most cells of Table 3 blank: its check sums are incomplete.
    let document = document(&nianbao_tests::corpus_dir().join("real/shgov-office-2019-html/source.html"));
    let (_, mut xlsx) = workbook(&document);
    let values = xlsx.worksheet_range(sheets::TABLE3).expect("表三");
    let outcome_row = row_labelled(&values, 0..3, "核对：各项办理结果之和（应等于（七）总计）");
    // 科研机构 (column E) is blank throughout.
    assert_eq!(at(&values, outcome_row, 5), Data::String("不完整".to_owned()));
}

#[test]
fn the_overview_holds_the_whole_report_a_paragraph_a_row() {
    // Seed 003: a preamble, six sections, a sign-off (保德县孙家沟镇人民政府, 2023年1月13日).
    let document = document(&nianbao_tests::repo_dir().join("samples/003_ab0ddd5dad9ab753.txt"));
    let (_, mut xlsx) = workbook(&document);
    let overview = xlsx.worksheet_range(sheets::OVERVIEW).expect("概况");
    let label_of = |row: &[Data]| row.first().map(ToString::to_string).unwrap_or_default();
    let text_of = |row: &[Data]| row.get(1).map(ToString::to_string).unwrap_or_default();
    let rows: Vec<&[Data]> = overview.rows().collect();
    let preamble = rows.iter().find(|r| label_of(r) == "前言").expect("a 前言 row");
    assert!(text_of(preamble).starts_with("根据《中华人民共和国信息公开条例》"));
    let closing = rows
        .iter()
        .position(|r| label_of(r) == "落款")
        .expect("a 落款 row");
    assert_eq!(text_of(rows[closing]), "保德县孙家沟镇人民政府");
    assert_eq!(text_of(rows[closing + 1]), "2023年1月13日");
    // 一、总体情况 runs over several rows, one per paragraph, none of them a bare line break.
    let first = rows
        .iter()
        .position(|r| label_of(r).starts_with("一、"))
        .expect("section 一");
    let paragraphs = rows[first + 1..]
        .iter()
        .take_while(|r| label_of(r).is_empty())
        .count()
        + 1;
    assert!(paragraphs >= 3, "{paragraphs}");
    assert!(rows.iter().all(|r| !text_of(r).contains('\n')));
}
