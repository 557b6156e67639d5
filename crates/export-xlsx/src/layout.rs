//! The three tables laid out like the official template, written from a given row of a sheet so
//! that one report's workbook and the review workbook share them.
//!
//! Every value cell is recorded by fact key, so that findings can be marked and linked.

use crate::style::{Styles, Widths};
use nianbao_model::arithmetic::{self, Sum, SumKind, Term};
use nianbao_model::template::{self, TableId, TemplateVersion, T3_COLUMNS, T4_COLUMNS};
use nianbao_model::{Cell, CellValue, Document, Report, Severity};
use rust_xlsxwriter::{utility::row_col_to_cell, Format, Formula, Worksheet, XlsxError};
use std::collections::HashMap;

/// How a [`TableWriter`] marks a cell an error finding names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// The printed cell the finding says is wrong (its first cell: the total that disagrees).
    Wrong,
    /// A part of the sum that disagrees: a light hint only.
    Part,
}

/// The cells error findings name, by fact key: the first cell of each finding is wrong, the
/// others are the parts of its sum.
pub(crate) fn error_marks(document: &Document) -> HashMap<String, Mark> {
    let mut marks = HashMap::new();
    for finding in document.findings.iter().filter(|f| f.severity == Severity::Error) {
        for (index, key) in finding.cells.iter().enumerate() {
            let mark = if index == 0 { Mark::Wrong } else { Mark::Part };
            let entry = marks.entry(key.clone()).or_insert(mark);
            if mark == Mark::Wrong {
                *entry = Mark::Wrong;
            }
        }
    }
    marks
}

/// Writes tables into one sheet and remembers where each fact went.
pub(crate) struct TableWriter<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    /// The cells error findings name.
    flagged: &'a HashMap<String, Mark>,
    /// Where each fact was written: (row, column).
    pub placed: HashMap<String, (u32, u16)>,
    /// The widest text of each column.
    pub widths: Widths,
}

type Result<T> = std::result::Result<T, XlsxError>;

impl<'a> TableWriter<'a> {
    /// A writer for `sheet`.
    pub(crate) fn new(
        sheet: &'a mut Worksheet,
        styles: &'a Styles,
        flagged: &'a HashMap<String, Mark>,
    ) -> Self {
        TableWriter {
            sheet,
            styles,
            flagged,
            placed: HashMap::new(),
            widths: Widths::default(),
        }
    }

    /// The sheet being written.
    pub(crate) fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    /// Writes `text` over the range, merged when it spans more than one cell.
    pub(crate) fn merged(
        &mut self,
        (r1, c1): (u32, u16),
        (r2, c2): (u32, u16),
        text: &str,
        format: &Format,
    ) -> Result<()> {
        if (r1, c1) == (r2, c2) {
            self.sheet.write_string_with_format(r1, c1, text, format)?;
            self.widths.note(c1, text);
        } else {
            self.sheet.merge_range(r1, c1, r2, c2, text, format)?;
        }
        Ok(())
    }

    /// Writes a label cell (recording its width).
    pub(crate) fn label(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<()> {
        self.sheet.write_string_with_format(row, col, text, format)?;
        self.widths.note(col, text);
        Ok(())
    }

    /// Writes a value as printed at `(row, col)`, spanning to `last_col` when it is wider than
    /// one cell, and records it under `key`.
    pub(crate) fn value(
        &mut self,
        row: u32,
        col: u16,
        last_col: u16,
        key: String,
        cell: Option<&Cell>,
    ) -> Result<()> {
        let styles = self.styles;
        let (integer, decimal, text) = match self.flagged.get(&key) {
            Some(Mark::Wrong) => (
                &styles.flagged_integer,
                &styles.flagged_decimal,
                &styles.flagged_text,
            ),
            Some(Mark::Part) => (&styles.part_integer, &styles.part_decimal, &styles.part_text),
            None => (&styles.integer, &styles.decimal, &styles.text),
        };
        let format = match cell.map(|c| &c.value) {
            Some(CellValue::Number { number }) if number.integer().is_some() => integer,
            Some(CellValue::Number { .. }) => decimal,
            Some(CellValue::Unresolved { .. }) | None => &styles.unresolved,
            Some(_) => text,
        };
        if last_col > col {
            self.sheet.merge_range(row, col, row, last_col, "", format)?;
        }
        match cell.map(|c| &c.value) {
            Some(CellValue::Number { number }) => {
                self.sheet
                    .write_number_with_format(row, col, number.as_f64(), format)?;
            }
            Some(
                value @ (CellValue::Quantity { .. } | CellValue::Placeholder { .. } | CellValue::Text { .. }),
            ) => {
                self.sheet
                    .write_string_with_format(row, col, value.printed(), format)?;
            }
            Some(CellValue::Blank) => {
                self.sheet.write_blank(row, col, format)?;
            }
            Some(CellValue::Unresolved { reason }) => {
                self.sheet.write_blank(row, col, format)?;
                self.sheet.insert_note(
                    row,
                    col,
                    &rust_xlsxwriter::Note::new(format!("未能读取：{reason}")).set_author("nianbao"),
                )?;
            }
            None => {
                self.sheet.write_blank(row, col, format)?;
            }
        }
        if let Some(cell) = cell {
            self.widths.note(col, &cell.value.printed());
        }
        self.placed.insert(key, (row, col));
        Ok(())
    }

    /// Writes a check formula with its cached result.
    pub(crate) fn check(&mut self, row: u32, col: u16, formula: String, result: String) -> Result<()> {
        let formula = Formula::new(formula).set_result(result);
        self.sheet
            .write_formula_with_format(row, col, formula, &self.styles.check)?;
        Ok(())
    }
}

/// What a check cell shows when a part of its sum is not a number.
pub(crate) const INCOMPLETE: &str = "不完整";

/// The integer a cell contributes to a check sum (blank, text and unresolved count 0, as in
/// Excel's `SUM`).
fn integer(cell: Option<&Cell>) -> i64 {
    cell.and_then(|c| c.value.integer()).unwrap_or(0)
}

impl TableWriter<'_> {
    /// Writes, at `(row, col)`, the check formula of a declared sum — the parts it adds and
    /// subtracts, as placed on this sheet — with its result cached; a run of added cells in one
    /// row or column is written as a `SUM` range.
    fn sum_check(&mut self, row: u32, col: u16, sum: &Sum, report: &Report) -> Result<()> {
        let at = |term: &Term| {
            self.placed
                .get(&term.fact_key(sum.table))
                .copied()
                .unwrap_or_default()
        };
        let cached: i64 = sum
            .parts
            .iter()
            .map(|t| i64::from(t.sign) * integer(cell(report, sum.table, t.row, t.column)))
            .sum();
        // A part that is not a number (blank, a placeholder, undetermined) makes the sum
        // incomplete: said so, rather than a number that reads like a disagreement.
        let complete = sum
            .parts
            .iter()
            .all(|t| cell(report, sum.table, t.row, t.column).is_some_and(|c| c.value.integer().is_some()));
        let added: Vec<(u32, u16)> = sum.parts.iter().filter(|t| t.sign > 0).map(at).collect();
        let subtracted: Vec<(u32, u16)> = sum.parts.iter().filter(|t| t.sign < 0).map(at).collect();
        let contiguous = added.windows(2).all(|pair| {
            let ((r1, c1), (r2, c2)) = (pair[0], pair[1]);
            (r1 == r2 && c2 == c1 + 1) || (c1 == c2 && r2 == r1 + 1)
        });
        // The parts, as a range when they are one run of added cells.
        let (mut sum_text, parts) = if contiguous && subtracted.is_empty() && added.len() > 1 {
            let (first, last) = (added[0], added[added.len() - 1]);
            let range = format!(
                "{}:{}",
                row_col_to_cell(first.0, first.1),
                row_col_to_cell(last.0, last.1)
            );
            (format!("SUM({range})"), range)
        } else {
            let cells: Vec<String> = added.iter().map(|&(r, c)| row_col_to_cell(r, c)).collect();
            let mut all = cells.clone();
            all.extend(subtracted.iter().map(|&(r, c)| row_col_to_cell(r, c)));
            (cells.join("+"), all.join(","))
        };
        for &(r, c) in &subtracted {
            sum_text.push('-');
            sum_text.push_str(&row_col_to_cell(r, c));
        }
        let formula = format!(
            "=IF(COUNT({parts})<{},\"{INCOMPLETE}\",{sum_text})",
            sum.parts.len()
        );
        let result = if complete {
            cached.to_string()
        } else {
            INCOMPLETE.to_owned()
        };
        self.check(row, col, formula, result)
    }
}

fn cell<'r>(report: &'r Report, table: TableId, row: &str, column: &str) -> Option<&'r Cell> {
    let version = report.metadata.template.version?;
    report.table(table)?.cell(version, row, column)
}

/// Writes Table 3 from `top`; returns the first free row.
///
/// Columns: A–C the label area (three levels), D–J the seven applicant columns, K a check column
/// (the sum of D–I, which must equal J). Below the table, two check rows: the sum of the
/// outcomes, and 一 + 二 − 四, each of which must equal （七）总计.
pub(crate) fn table3(
    w: &mut TableWriter,
    report: &Report,
    version: TemplateVersion,
    top: u32,
) -> Result<u32> {
    let s = w.styles;
    let (first_value, total_col, check_col) = (3u16, 9u16, 10u16);
    w.merged(
        (top, 0),
        (top + 2, 2),
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        &s.header,
    )?;
    w.merged((top, first_value), (top, total_col), "申请人情况", &s.header)?;
    w.merged(
        (top + 1, first_value),
        (top + 2, first_value),
        "自然人",
        &s.header,
    )?;
    w.merged(
        (top + 1, first_value + 1),
        (top + 1, first_value + 5),
        "法人或其他组织",
        &s.header,
    )?;
    w.merged((top + 1, total_col), (top + 2, total_col), "总计", &s.header)?;
    for (i, column) in T3_COLUMNS[1..6].iter().enumerate() {
        w.label(top + 2, first_value + 1 + i as u16, column.label, &s.header)?;
    }
    w.merged(
        (top, check_col),
        (top + 2, check_col),
        "核对：各类申请人之和（应等于总计）",
        &s.check_label,
    )?;
    w.widths.fix(check_col, 14);

    let spec = template::spec(TableId::T3, version);
    let first_row = top + 3;
    let row_of = |index: usize| first_row + index as u32;
    // Label area: level 1 (A), level 2 (B), level 3 (C), merged as in the template.
    let results: Vec<usize> = (0..spec.rows.len())
        .filter(|&i| spec.rows[i].group.is_some())
        .collect();
    let mut i = 0;
    while i < spec.rows.len() {
        let row = &spec.rows[i];
        match row.group {
            None => w.merged((row_of(i), 0), (row_of(i), 2), row.label, &s.label)?,
            Some(group) if group.starts_with("三、") => {
                w.merged((row_of(i), 1), (row_of(i), 2), row.label, &s.label)?
            }
            Some(group) => {
                let end = (i..spec.rows.len())
                    .take_while(|&j| spec.rows[j].group == Some(group))
                    .last()
                    .unwrap_or(i);
                w.merged((row_of(i), 1), (row_of(end), 1), group, &s.label)?;
                for j in i..=end {
                    w.label(row_of(j), 2, spec.rows[j].label, &s.label)?;
                }
                i = end;
            }
        }
        i += 1;
    }
    if let (Some(&first), Some(&last)) = (results.first(), results.last()) {
        w.merged(
            (row_of(first), 0),
            (row_of(last), 0),
            "三、本年度办理结果",
            &s.label,
        )?;
    }
    // Label columns have fixed widths; rows whose label wraps get the height it needs.
    let label_widths = [10usize, 12, 34];
    for (col, width) in label_widths.iter().enumerate() {
        w.widths.fix(col as u16, *width);
    }
    for (index, row) in spec.rows.iter().enumerate() {
        let available = match row.group {
            None => label_widths.iter().sum(),
            Some(group) if group.starts_with("三、") => label_widths[1] + label_widths[2],
            Some(_) => label_widths[2],
        };
        let needed = crate::style::display_width(row.label);
        if needed + 1 > available {
            w.sheet()
                .set_row_height(row_of(index), crate::style::wrapped_height(needed + 1, available))?;
        }
    }
    // Values and the check column.
    for (index, row) in spec.rows.iter().enumerate() {
        let r = row_of(index);
        for (c, column) in T3_COLUMNS.iter().enumerate() {
            let key = template::fact_key(TableId::T3, row.key, column.key);
            w.value(
                r,
                first_value + c as u16,
                first_value + c as u16,
                key,
                cell(report, TableId::T3, row.key, column.key),
            )?;
        }
        // Written row by row, so that formats are registered in the order they are first used.
        if let Some(sum) =
            arithmetic::sums_of(version, SumKind::RowTotal).find(|s| s.total.row_index == index)
        {
            w.sum_check(r, check_col, sum, report)?;
        }
    }
    // Check rows under the table: the outcomes, and 一 + 二 − 四, under each column's （七）总计.
    let outcome_row = row_of(spec.rows.len());
    let balance_row = outcome_row + 1;
    w.merged(
        (outcome_row, 0),
        (outcome_row, 2),
        "核对：各项办理结果之和（应等于（七）总计）",
        &s.check_label,
    )?;
    w.merged(
        (balance_row, 0),
        (balance_row, 2),
        "核对：一＋二－四（应等于（七）总计）",
        &s.check_label,
    )?;
    for (kind, check_row) in [
        (SumKind::Outcomes, outcome_row),
        (SumKind::CarryOver, balance_row),
    ] {
        for sum in arithmetic::sums_of(version, kind) {
            let col = first_value + sum.total.column_index as u16;
            w.sum_check(check_row, col, sum, report)?;
        }
    }
    Ok(balance_row + 1)
}

/// Writes Table 4 from `top`; returns the first free row.
///
/// Three header rows as in the template, the row of 15 values, and a check row with the sum of
/// each group's four results under its 总计.
pub(crate) fn table4(
    w: &mut TableWriter,
    report: &Report,
    version: TemplateVersion,
    top: u32,
) -> Result<u32> {
    let s = w.styles;
    w.merged((top, 0), (top, 4), "行政复议", &s.header)?;
    w.merged((top, 5), (top, 14), "行政诉讼", &s.header)?;
    for (c, column) in T4_COLUMNS.iter().enumerate() {
        w.merged((top + 1, c as u16), (top + 2, c as u16), column.label, &s.header)?;
    }
    w.merged((top + 1, 5), (top + 1, 9), "未经复议直接起诉", &s.header)?;
    w.merged((top + 1, 10), (top + 1, 14), "复议后起诉", &s.header)?;
    for group in 0..2u16 {
        for (c, column) in T4_COLUMNS.iter().enumerate() {
            w.label(top + 2, 5 + group * 5 + c as u16, column.label, &s.header)?;
        }
    }
    let values = top + 3;
    let check = top + 4;
    for (g, group) in template::TABLE4.rows.iter().enumerate() {
        let base = g as u16 * 5;
        for (c, column) in T4_COLUMNS.iter().enumerate() {
            let key = template::fact_key(TableId::T4, group.key, column.key);
            w.value(
                values,
                base + c as u16,
                base + c as u16,
                key,
                cell(report, TableId::T4, group.key, column.key),
            )?;
        }
        w.merged(
            (check, base),
            (check, base + 3),
            "核对：四项之和（应等于总计）",
            &s.check_label,
        )?;
    }
    for sum in arithmetic::sums_of(version, SumKind::CaseTotal) {
        let base = sum.total.row_index as u16 * 5;
        w.sum_check(check, base + sum.total.column_index as u16, sum, report)?;
    }
    Ok(check + 1)
}

/// Writes Table 2 from `top` in the template's blocks (caption, header row, rows); returns the
/// first free row. The labels (信息内容) take the first `label_columns` columns — one on a
/// sheet of its own, three where Table 3's label area lies below, so that they have room — and
/// the values the three after them (a single value spans all three).
pub(crate) fn table2(
    w: &mut TableWriter,
    report: &Report,
    version: TemplateVersion,
    top: u32,
    label_columns: u16,
) -> Result<u32> {
    let s = w.styles;
    let spec = template::spec(TableId::T2, version);
    let v = label_columns;
    let label = |w: &mut TableWriter, r: u32, text: &str, format: &Format| -> Result<()> {
        if label_columns > 1 {
            w.merged((r, 0), (r, label_columns - 1), text, format)
        } else {
            w.label(r, 0, text, format)
        }
    };
    let mut r = top;
    let mut i = 0;
    while i < spec.rows.len() {
        let group = spec.rows[i].group.unwrap_or("");
        let block: Vec<_> = spec.rows[i..]
            .iter()
            .take_while(|row| row.group.unwrap_or("") == group)
            .collect();
        w.merged((r, 0), (r, v + 2), group, &s.caption)?;
        r += 1;
        let columns = block[0].columns;
        label(w, r, "信息内容", &s.header)?;
        let spans = |c: usize| -> (u16, u16) {
            if columns.len() == 1 {
                (v, v + 2)
            } else {
                (v + c as u16, v + c as u16)
            }
        };
        for (c, column) in columns.iter().enumerate() {
            let (first, last) = spans(c);
            w.merged((r, first), (r, last), column.label, &s.header)?;
            if columns.len() == 1 {
                w.widths.note(first, "");
            } else {
                w.widths.note(first, column.label);
            }
        }
        if columns.len() == 2 {
            w.merged((r, v + 2), (r, v + 2), "", &s.header)?;
        }
        r += 1;
        for row in &block {
            label(w, r, row.label, &s.label)?;
            for (c, column) in row.columns.iter().enumerate() {
                let (first, last) = spans(c);
                let key = template::fact_key(TableId::T2, row.key, column.key);
                w.value(
                    r,
                    first,
                    last,
                    key,
                    cell(report, TableId::T2, row.key, column.key),
                )?;
            }
            if row.columns.len() == 2 {
                w.merged((r, v + 2), (r, v + 2), "", &s.text)?;
            }
            r += 1;
        }
        i += block.len();
    }
    Ok(r)
}
