//! Excel export: one report as a workbook laid out like the official template, and many reports
//! as one review workbook ([`review_workbook`]), for county reviewers.
//!
//! Sheets:
//!
//! * `概况` — title, agency, year, template version, statistics period, sign-off, source; then
//!   the six sections with their original text;
//! * `表二`, `表三`, `表四` — the tables with the template's header rows, merged cells and row
//!   labels, in the report's version. Values are written as printed: numbers as numbers, a blank
//!   stays blank, `/` stays `/`; a cell the reader could not determine is grey with a note saying
//!   why. Every printed total has a check formula beside or below it (with its result cached, so
//!   viewers that do not recalculate show it). A cell involved in an error finding is filled red
//!   and carries a note with the rule and the message;
//! * `核对结果` — every finding (rule, severity, message, a link to its cell, hint) and the
//!   reader's warnings.
//!
//! Column widths count CJK characters double; header rows are frozen; sheets print on A4, one
//! page wide, header rows repeated. The creation time comes from the export context (a fixed
//! 1980-01-01 when none is given), so the same input gives byte-identical files.

mod layout;
mod names;
mod review;
mod style;

pub use review::{review_workbook, sheets as review_sheets, Entry};

use layout::TableWriter;
use nianbao_export::{ExportContext, ExportError, Exporter, ExporterEntry};
use nianbao_model::template;
use nianbao_model::{Document, Finding, SectionKind, Severity};
use rust_xlsxwriter::{
    utility::row_col_to_cell, DocProperties, ExcelDateTime, Note, Url, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;
use std::io::Write;
use style::{Styles, Widths};

/// Sheet names of a report workbook.
pub mod sheets {
    /// Metadata and sections.
    pub const OVERVIEW: &str = "概况";
    /// Table 2.
    pub const TABLE2: &str = "表二";
    /// Table 3.
    pub const TABLE3: &str = "表三";
    /// Table 4.
    pub const TABLE4: &str = "表四";
    /// Findings.
    pub const FINDINGS: &str = "核对结果";
}

fn format_error(error: XlsxError) -> ExportError {
    ExportError::caused("xlsx", "工作簿无法生成", error)
}

/// The workbook of one report, as bytes.
///
/// # Errors
/// [`ExportError::Format`] when the export context's creation time is not a date-time, or the
/// workbook cannot be built.
pub fn report_workbook(document: &Document, context: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(document, context)?);
    let styles = Styles::new();
    let flagged = layout::error_marks(document);
    overview_sheet(workbook.add_worksheet(), document, &styles).map_err(format_error)?;
    let mut placed = BTreeMap::new();
    if let Some(version) = document.report.metadata.template.version {
        type Layout = fn(
            &mut TableWriter,
            &nianbao_model::Report,
            nianbao_model::TemplateVersion,
        ) -> Result<u32, XlsxError>;
        let tables: [(&str, Layout); 3] = [
            (sheets::TABLE2, |w, r, v| layout::table2(w, r, v, 0, 1)),
            (sheets::TABLE3, |w, r, v| layout::table3(w, r, v, 0)),
            (sheets::TABLE4, |w, r, v| layout::table4(w, r, v, 0)),
        ];
        for (name, write) in tables {
            let sheet = workbook.add_worksheet();
            sheet.set_name(name).map_err(format_error)?;
            let mut writer = TableWriter::new(sheet, &styles, &flagged);
            write(&mut writer, &document.report, version).map_err(format_error)?;
            let TableWriter {
                placed: cells,
                widths,
                ..
            } = writer;
            let sheet = workbook.worksheet_from_name(name).map_err(format_error)?;
            finish_table_sheet(sheet, name, &widths).map_err(format_error)?;
            mark_findings(sheet, &document.findings, &cells).map_err(format_error)?;
            for (key, position) in cells {
                placed.insert(key, (name, position));
            }
        }
    }
    findings_sheet(workbook.add_worksheet(), document, &placed, &styles).map_err(format_error)?;
    workbook.save_to_buffer().map_err(format_error)
}

/// Document properties: title, author (the agency), subject, keywords, pinned creation time.
fn properties(document: &Document, context: &ExportContext) -> Result<DocProperties, ExportError> {
    let metadata = &document.report.metadata;
    let agency = metadata.agency.as_ref().map_or("", |a| a.value.as_str());
    let year = metadata
        .year
        .as_ref()
        .map(|y| y.value.to_string())
        .unwrap_or_default();
    let title = metadata.title.as_ref().map_or_else(
        || format!("{agency}{year}年政府信息公开工作年度报告"),
        |t| t.value.clone(),
    );
    let keywords = format!("{agency} {year} 政府信息公开");
    Ok(
        properties_for(&title, agency, &keywords, context)?.set_comment(format!(
            "nianbao {} · {}",
            env!("CARGO_PKG_VERSION"),
            document.source.file
        )),
    )
}

/// Document properties with a title, author and keywords, and the context's creation time.
pub(crate) fn properties_for(
    title: &str,
    author: &str,
    keywords: &str,
    context: &ExportContext,
) -> Result<DocProperties, ExportError> {
    // Workbooks record their creation time in UTC.
    let utc = context.created.to_utc();
    let created = ExcelDateTime::from_ymd(utc.year, utc.month, utc.day)
        .and_then(|date| date.and_hms(u16::from(utc.hour), utc.minute, utc.second))
        .map_err(|e| {
            ExportError::caused("xlsx", format!("创建时间 {} 无法写入工作簿", context.created), e)
        })?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_subject("政府信息公开工作年度报告")
        .set_keywords(keywords)
        .set_creation_datetime(&created))
}

/// Column widths, frozen header and A4 printing of a table sheet.
fn finish_table_sheet(sheet: &mut Worksheet, name: &str, widths: &Widths) -> Result<(), XlsxError> {
    for (col, width) in widths.columns(6, 36) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 0);
    match name {
        sheets::TABLE3 => {
            sheet.set_landscape();
            sheet.set_freeze_panes(3, 3)?;
            sheet.set_repeat_rows(0, 2)?;
        }
        sheets::TABLE4 => {
            sheet.set_landscape();
            sheet.set_freeze_panes(3, 0)?;
            sheet.set_repeat_rows(0, 2)?;
        }
        _ => {
            sheet.set_freeze_panes(0, 1)?;
        }
    }
    Ok(())
}

/// Where a finding's first place stands in a printed original (` （原件第 5 页）`), or nothing
/// for inputs without pages.
pub(crate) fn page_of(finding: &Finding) -> String {
    finding
        .spans
        .first()
        .and_then(|s| s.place)
        .map(|p| format!("（原件第 {} 页）", p.page))
        .unwrap_or_default()
}

/// Notes on the first cell of each error finding, with its rule, its message and, for a printed
/// original, its page.
pub(crate) fn mark_findings(
    sheet: &mut Worksheet,
    findings: &[Finding],
    placed: &std::collections::HashMap<String, (u32, u16)>,
) -> Result<(), XlsxError> {
    let mut notes: BTreeMap<(u32, u16), Vec<String>> = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
        if let Some(&position) = finding.cells.first().and_then(|k| placed.get(k)) {
            notes.entry(position).or_default().push(format!(
                "{} {}{}",
                finding.rule,
                finding.message,
                page_of(finding)
            ));
        }
    }
    for ((row, col), texts) in notes {
        sheet.insert_note(
            row,
            col,
            &Note::new(texts.join("\n"))
                .set_author("nianbao")
                .set_width(360)
                .set_height(120),
        )?;
    }
    Ok(())
}

fn overview_sheet(sheet: &mut Worksheet, document: &Document, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(sheets::OVERVIEW)?;
    let metadata = &document.report.metadata;
    let text = |s: Option<String>| s.unwrap_or_else(|| "（未找到）".to_owned());
    let template = metadata
        .template
        .version
        .map(|v| format!("{}版（{}）", v, v.notice()));
    let rows: [(&str, String); 8] = [
        ("标题", text(metadata.title.as_ref().map(|t| t.value.clone()))),
        ("机关", text(metadata.agency.as_ref().map(|a| a.value.clone()))),
        (
            "报告年度",
            text(metadata.year.as_ref().map(|y| y.value.to_string())),
        ),
        ("表格格式", text(template)),
        (
            "统计期限",
            text(
                metadata
                    .period
                    .as_ref()
                    .map(|p| format!("{} 至 {}", p.value.start, p.value.end)),
            ),
        ),
        (
            "落款日期",
            text(metadata.sign_off.as_ref().map(|s| s.date.value.to_string())),
        ),
        ("来源文件", document.source.file.clone()),
        ("编码", document.source.encoding.clone()),
    ];
    for (row, (label, value)) in rows.iter().enumerate() {
        sheet.write_string_with_format(row as u32, 0, *label, &styles.bold)?;
        sheet.write_string(row as u32, 1, value)?;
    }
    let mut row = rows.len() as u32 + 1;
    if !document.constituents.is_empty() {
        sheet.write_string_with_format(row, 0, "汇总来源", &styles.bold)?;
        for constituent in &document.constituents {
            let year = constituent.year.map(|y| format!(" {y}年")).unwrap_or_default();
            let hash = constituent
                .sha256
                .as_deref()
                .map(|h| format!(" SHA-256 {h}"))
                .unwrap_or_default();
            let agency = constituent.agency.as_deref().unwrap_or("");
            sheet.write_string(row, 1, format!("{}（{agency}{year}）{hash}", constituent.file))?;
            row += 1;
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "部分", &styles.bold)?;
    sheet.write_string_with_format(row, 1, "正文（原文）", &styles.bold)?;
    // One row per paragraph, as high as its wrapped lines, so that the text reads on screen and
    // on paper (a row is at most 409 points; Excel cells hold at most 32 767 characters).
    let mut write_text = |row: &mut u32, label: &str, text: &str| -> Result<(), XlsxError> {
        *row += 1;
        sheet.write_string_with_format(*row, 0, label, &styles.wrapped)?;
        for (index, paragraph) in nianbao_model::paragraphs(text).iter().enumerate() {
            if index > 0 {
                *row += 1;
            }
            let paragraph: String = paragraph.chars().take(32_000).collect();
            sheet.write_string_with_format(*row, 1, &paragraph, &styles.wrapped)?;
            let height = style::wrapped_height(style::display_width(&paragraph), BODY_WIDTH - 2);
            sheet.set_row_height(*row, height.min(409.0))?;
        }
        Ok(())
    };
    if let Some(preamble) = &metadata.preamble {
        write_text(&mut row, "前言", &preamble.value)?;
    }
    for kind in SectionKind::ALL {
        match document.report.section(kind) {
            Some(section) => write_text(&mut row, &section.heading.value, &section.text)?,
            None => write_text(&mut row, kind.canonical_heading(), "（未找到该部分）")?,
        }
    }
    if let Some(sign_off) = &metadata.sign_off {
        let agency = sign_off
            .agency
            .as_ref()
            .map(|a| a.value.as_str())
            .unwrap_or_default();
        let closing = format!("{agency}\n{}", sign_off.date.value.to_chinese());
        write_text(&mut row, "落款", closing.trim_start())?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, BODY_WIDTH as f64)?;
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The width of the overview's text column, in character units.
const BODY_WIDTH: usize = 100;

fn findings_sheet(
    sheet: &mut Worksheet,
    document: &Document,
    placed: &BTreeMap<String, (&str, (u32, u16))>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(sheets::FINDINGS)?;
    let headers = ["规则", "级别", "名称", "说明", "单元格", "提示"];
    let mut widths = Widths::default();
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.bold)?;
        widths.note(col as u16, header);
    }
    let mut row = 0;
    let mut ordered: Vec<&Finding> = document.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for finding in ordered {
        row += 1;
        let severity = finding.severity.chinese();
        let texts = [
            finding.rule.as_str(),
            severity,
            finding.name.as_str(),
            finding.message.as_str(),
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string(row, col as u16, *text)?;
            widths.note(col as u16, text);
        }
        if let Some((key, (sheet_name, (r, c)))) =
            finding.cells.first().and_then(|k| placed.get(k).map(|p| (k, p)))
        {
            let reference = row_col_to_cell(*r, *c);
            let name = template::cell_names(
                document.report.metadata.template.version,
                std::slice::from_ref(key),
            );
            let text = format!("{sheet_name}!{reference} {}{}", name[0], page_of(finding));
            let url = Url::new(format!("internal:'{sheet_name}'!{reference}")).set_text(&text);
            sheet.write_url(row, 4, url)?;
            widths.note(4, &text);
        }
        if let Some(hint) = &finding.hint {
            sheet.write_string(row, 5, hint)?;
            widths.note(5, hint);
        }
    }
    for diagnostic in document
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        row += 1;
        let texts = [
            diagnostic.code.as_str(),
            diagnostic.severity.chinese(),
            "读取提示",
            diagnostic.message.as_str(),
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string(row, col as u16, *text)?;
            widths.note(col as u16, text);
        }
    }
    for (col, width) in widths.columns(6, 80) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.max(1), headers.len() as u16 - 1)?;
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Writes report workbooks (`.xlsx`).
pub struct XlsxExporter;

impl Exporter for XlsxExporter {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["xlsx"]
    }

    fn description(&self) -> &'static str {
        "Excel 工作簿：按官方模板排版的三张统计表、核对公式、错误标注和核对结果"
    }

    fn export(
        &self,
        document: &Document,
        context: &ExportContext,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        out.write_all(&report_workbook(document, context)?)?;
        Ok(())
    }
}

inventory::submit! { ExporterEntry(&XlsxExporter) }
