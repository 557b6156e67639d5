//! The review workbook: many reports in one workbook for a county reviewer.
//!
//! Sheets:
//!
//! * `汇总` — one row per report, sorted by agency then year: agency, year, template version,
//!   file, key figures (documents issued, licensing / penalty decisions, applications received,
//!   carried in, handled, carried over, 复议 and 诉讼 cases, fees), the counts of errors and
//!   warnings, and a link to the report's own sheet; filterable, header frozen;
//! * `事实` — one row per report and fact key (label, value as printed), for pivot tables;
//! * `核对结果` — every finding of every report, linked to its cell;
//! * one sheet per report: Tables 2, 3 and 4 in the template's layout, one under the other, error
//!   cells marked and noted as in the single-report workbook.

use crate::layout::{self, TableWriter};
use crate::names::SheetNames;
use crate::style::{display_width, Styles};
use crate::{mark_findings, page_of, properties_for};
use nianbao_export::{ExportContext, ExportError};
use nianbao_model::template::{self, TableId};
use nianbao_model::{facts, CellValue, Document, FactValue, Severity};
use rust_xlsxwriter::{utility::row_col_to_cell, Url, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// Fixed sheet names of the review workbook.
pub mod sheets {
    /// One row per report.
    pub const SUMMARY: &str = "汇总";
    /// One row per report and fact.
    pub const FACTS: &str = "事实";
    /// Every finding.
    pub const FINDINGS: &str = "核对结果";
}

/// A key figure of the summary: its header and how to read it from a report's facts.
struct Figure {
    header: &'static str,
    keys: &'static [&'static str],
}

/// The key figures, each the first of its keys the report has (2021 key first, then 2019), or
/// the sum of the keys when `keys` lists parts of a sum.
const FIGURES: &[Figure] = &[
    Figure {
        header: "规范性文件（本年制发/新制作）",
        keys: &["t2.normative_docs.issued", "t2.normative_docs.new_made"],
    },
    Figure {
        header: "行政许可处理决定",
        keys: &["t2.licensing.decisions"],
    },
    Figure {
        header: "行政处罚处理决定",
        keys: &["t2.penalty.decisions"],
    },
    Figure {
        header: "本年新收申请",
        keys: &["t3.new_received.total"],
    },
    Figure {
        header: "上年结转申请",
        keys: &["t3.carried_in.total"],
    },
    Figure {
        header: "办理总计",
        keys: &["t3.total_processed.total"],
    },
    Figure {
        header: "结转下年度",
        keys: &["t3.carried_out.total"],
    },
    Figure {
        header: "行政复议总计",
        keys: &["t4.review.total"],
    },
    Figure {
        header: "行政诉讼总计",
        keys: &["t4.suit_direct.total", "t4.suit_after_review.total"],
    },
    Figure {
        header: "收费金额（万元）",
        keys: &["t2.admin_fees.amount"],
    },
];

/// The value of a figure: a sum for 行政诉讼, else the first key the report has.
fn figure(figure: &Figure, facts: &BTreeMap<String, FactValue>) -> Option<f64> {
    let number = |key: &&str| match facts.get(*key) {
        Some(FactValue::Integer(i)) => Some(*i as f64),
        Some(FactValue::Decimal(d)) => Some(*d),
        _ => None,
    };
    if figure.header == "行政诉讼总计" {
        figure.keys.iter().map(number).sum()
    } else {
        figure
            .keys
            .iter()
            .find(|k| facts.contains_key(**k))
            .and_then(number)
    }
}

/// One report of a review: the name it is shown under (the path as the user gave it) and the
/// document, findings attached.
pub struct Entry {
    /// How the report's file is shown.
    pub file: String,
    /// The report.
    pub document: Document,
}

/// The review workbook of `entries`, as bytes.
///
/// # Errors
/// [`ExportError::Format`] when the context's creation time is invalid or the workbook cannot be
/// built.
pub fn review_workbook(documents: &[Entry], context: &ExportContext) -> Result<Vec<u8>, ExportError> {
    build(documents, context).map_err(|e| match e {
        BuildError::Export(e) => e,
        BuildError::Xlsx(e) => ExportError::caused("xlsx", "审核工作簿无法生成", e),
    })
}

enum BuildError {
    Export(ExportError),
    Xlsx(XlsxError),
}

impl From<XlsxError> for BuildError {
    fn from(e: XlsxError) -> Self {
        BuildError::Xlsx(e)
    }
}

fn build(documents: &[Entry], context: &ExportContext) -> Result<Vec<u8>, BuildError> {
    let mut order: Vec<&Entry> = documents.iter().collect();
    let key = |e: &Entry| {
        let m = &e.document.report.metadata;
        (
            m.agency.as_ref().map(|a| a.value.clone()).unwrap_or_default(),
            m.year.as_ref().map(|y| y.value),
            e.file.clone(),
        )
    };
    order.sort_by_cached_key(|e| key(e));

    let mut workbook = Workbook::new();
    let properties = properties_for(
        "政府信息公开工作年度报告审阅汇总",
        "",
        &format!("{} 份报告", documents.len()),
        context,
    )
    .map_err(BuildError::Export)?;
    workbook.set_properties(&properties);
    let styles = Styles::new();
    let mut names = SheetNames::default();
    for fixed in [sheets::SUMMARY, sheets::FACTS, sheets::FINDINGS] {
        names.reserve(fixed);
    }
    let report_sheets: Vec<String> = order
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let m = &e.document.report.metadata;
            let agency = m.agency.as_ref().map_or("未知机关", |a| a.value.as_str());
            let year = m.year.as_ref().map(|y| y.value.to_string()).unwrap_or_default();
            names.unique(&format!("{:02} {agency} {year}", i + 1))
        })
        .collect();

    // Fixed sheets first, so they open first; filled after the report sheets give the links.
    workbook.add_worksheet().set_name(sheets::SUMMARY)?;
    workbook.add_worksheet().set_name(sheets::FACTS)?;
    workbook.add_worksheet().set_name(sheets::FINDINGS)?;
    let mut placements = Vec::with_capacity(order.len());
    for (entry, name) in order.iter().zip(&report_sheets) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        placements.push(report_sheet(sheet, &entry.document, &styles)?);
    }
    summary_sheet(
        workbook.worksheet_from_name(sheets::SUMMARY)?,
        &order,
        &report_sheets,
        &styles,
    )?;
    facts_sheet(workbook.worksheet_from_name(sheets::FACTS)?, &order, &styles)?;
    findings_sheet(
        workbook.worksheet_from_name(sheets::FINDINGS)?,
        &order,
        &report_sheets,
        &placements,
        &styles,
    )?;
    Ok(workbook.save_to_buffer()?)
}

/// One report's tables, one under the other; returns where each fact went.
fn report_sheet(
    sheet: &mut Worksheet,
    document: &Document,
    styles: &Styles,
) -> Result<std::collections::HashMap<String, (u32, u16)>, XlsxError> {
    let flagged = layout::error_marks(document);
    let mut writer = TableWriter::new(sheet, styles, &flagged);
    let m = &document.report.metadata;
    let title = m
        .title
        .as_ref()
        .map_or_else(|| document.source.file.clone(), |t| t.value.clone());
    writer
        .sheet()
        .write_string_with_format(0, 0, &title, &styles.bold)?;
    let mut row = 2;
    if let Some(version) = m.template.version {
        writer
            .sheet()
            .write_string_with_format(row, 0, "表二 主动公开政府信息情况", &styles.bold)?;
        row = layout::table2(&mut writer, &document.report, version, row + 1, 3)? + 1;
        writer.sheet().write_string_with_format(
            row,
            0,
            "表三 收到和处理政府信息公开申请情况",
            &styles.bold,
        )?;
        row = layout::table3(&mut writer, &document.report, version, row + 1)? + 1;
        writer.sheet().write_string_with_format(
            row,
            0,
            "表四 政府信息公开行政复议、行政诉讼情况",
            &styles.bold,
        )?;
        layout::table4(&mut writer, &document.report, version, row + 1)?;
    } else {
        writer
            .sheet()
            .write_string(row, 0, "无法判断表格格式版本，表格未读取")?;
    }
    let TableWriter { placed, widths, .. } = writer;
    for (col, width) in widths.columns(6, 36) {
        sheet.set_column_width(col, width)?;
    }
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    mark_findings(sheet, &document.findings, &placed)?;
    Ok(placed)
}

fn summary_sheet(
    sheet: &mut Worksheet,
    order: &[&Entry],
    report_sheets: &[String],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut headers = vec!["机关", "年度", "格式", "文件"];
    headers.extend(FIGURES.iter().map(|f| f.header));
    headers.extend(["错误", "警告", "明细"]);
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    sheet.set_row_height(0, 30)?;
    for (i, (entry, sheet_name)) in order.iter().zip(report_sheets).enumerate() {
        let row = i as u32 + 1;
        let document = &entry.document;
        let m = &document.report.metadata;
        sheet.write_string(row, 0, m.agency.as_ref().map_or("", |a| a.value.as_str()))?;
        if let Some(year) = &m.year {
            sheet.write_number(row, 1, f64::from(year.value))?;
        }
        sheet.write_string(row, 2, m.template.version.map_or("", |v| v.as_str()))?;
        sheet.write_string(row, 3, &entry.file)?;
        let facts: BTreeMap<String, FactValue> = facts(&document.report).into_iter().collect();
        for (f, spec) in FIGURES.iter().enumerate() {
            if let Some(value) = figure(spec, &facts) {
                sheet.write_number(row, 4 + f as u16, value)?;
            }
        }
        let count = |s| document.findings.iter().filter(|f| f.severity == s).count() as f64;
        let col = 4 + FIGURES.len() as u16;
        // Errors stand out: bold on red; warnings bold.
        let errors = count(Severity::Error);
        if errors > 0.0 {
            sheet.write_number_with_format(row, col, errors, &styles.error_count)?;
        } else {
            sheet.write_number(row, col, errors)?;
        }
        let warnings = count(Severity::Warning);
        if warnings > 0.0 {
            sheet.write_number_with_format(row, col + 1, warnings, &styles.bold)?;
        } else {
            sheet.write_number(row, col + 1, warnings)?;
        }
        sheet.write_url(
            row,
            col + 2,
            Url::new(format!("internal:'{sheet_name}'!A1")).set_text("查看"),
        )?;
    }
    let last = order.len().max(1) as u32;
    sheet.autofilter(0, 0, last, headers.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_column_width(0, 30)?;
    // Wide enough to tell apart two files of one agency: the longest name, within reason.
    let file_width = order.iter().map(|e| display_width(&e.file)).max().unwrap_or(0);
    sheet.set_column_width(3, (file_width as f64 + 2.0).clamp(24.0, 80.0))?;
    for col in 4..headers.len() as u16 - 1 {
        sheet.set_column_width(col, 12)?;
    }
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

fn facts_sheet(sheet: &mut Worksheet, order: &[&Entry], styles: &Styles) -> Result<(), XlsxError> {
    let headers = ["机关", "年度", "文件", "事实键", "表", "行", "列", "值"];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    let mut row = 0;
    for entry in order {
        let document = &entry.document;
        let m = &document.report.metadata;
        let Some(version) = m.template.version else {
            continue;
        };
        let agency = m.agency.as_ref().map_or("", |a| a.value.as_str());
        for table in [TableId::T2, TableId::T3, TableId::T4] {
            let spec = template::spec(table, version);
            for row_spec in spec.rows {
                for column in row_spec.columns {
                    row += 1;
                    sheet.write_string(row, 0, agency)?;
                    if let Some(year) = &m.year {
                        sheet.write_number(row, 1, f64::from(year.value))?;
                    }
                    sheet.write_string(row, 2, &entry.file)?;
                    sheet.write_string(row, 3, template::fact_key(table, row_spec.key, column.key))?;
                    sheet.write_string(row, 4, table.key())?;
                    let row_label = row_spec
                        .group
                        .map_or_else(|| row_spec.label.to_owned(), |g| format!("{g}{}", row_spec.label));
                    sheet.write_string(row, 5, row_label)?;
                    sheet.write_string(row, 6, column.label)?;
                    let value = document
                        .report
                        .table(table)
                        .and_then(|t| t.cell(version, row_spec.key, column.key))
                        .map(|c| &c.value);
                    match value {
                        Some(CellValue::Number { number }) => {
                            sheet.write_number(row, 7, number.as_f64())?;
                        }
                        Some(other) => {
                            let printed = other.printed();
                            if !printed.is_empty() {
                                sheet.write_string(row, 7, printed)?;
                            }
                        }
                        None => {}
                    }
                }
            }
        }
    }
    sheet.autofilter(0, 0, row.max(1), headers.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in [(0u16, 30.0), (2, 24.0), (3, 34.0), (5, 40.0), (6, 18.0)] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    order: &[&Entry],
    report_sheets: &[String],
    placements: &[std::collections::HashMap<String, (u32, u16)>],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let headers = ["机关", "年度", "文件", "规则", "级别", "说明", "单元格", "提示"];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    let mut row = 0;
    for ((entry, sheet_name), placed) in order.iter().zip(report_sheets).zip(placements) {
        let document = &entry.document;
        let m = &document.report.metadata;
        let mut findings: Vec<_> = document.findings.iter().collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for finding in findings {
            row += 1;
            sheet.write_string(row, 0, m.agency.as_ref().map_or("", |a| a.value.as_str()))?;
            if let Some(year) = &m.year {
                sheet.write_number(row, 1, f64::from(year.value))?;
            }
            sheet.write_string(row, 2, &entry.file)?;
            sheet.write_string(row, 3, &finding.rule)?;
            sheet.write_string(row, 4, finding.severity.chinese())?;
            sheet.write_string(row, 5, &finding.message)?;
            if let Some((key, &(r, c))) = finding.cells.first().and_then(|k| placed.get(k).map(|p| (k, p))) {
                let reference = row_col_to_cell(r, c);
                let name = template::cell_names(m.template.version, std::slice::from_ref(key));
                let url = Url::new(format!("internal:'{sheet_name}'!{reference}")).set_text(format!(
                    "{sheet_name}!{reference} {}{}",
                    name[0],
                    page_of(finding)
                ));
                sheet.write_url(row, 6, url)?;
            }
            if let Some(hint) = &finding.hint {
                sheet.write_string(row, 7, hint)?;
            }
        }
    }
    sheet.autofilter(0, 0, row.max(1), headers.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in [(0u16, 30.0), (2, 24.0), (5, 70.0), (6, 30.0), (7, 40.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    Ok(())
}
