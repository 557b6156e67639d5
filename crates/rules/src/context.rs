//! What a rule sees: the report (and the previous year's, for cross-year rules), with the value
//! policy of spec §5.5 applied and the helpers every arithmetic rule shares.
//!
//! * An integer cell is its value.
//! * A blank or placeholder cell (`/`, `—`, `无`) is *missing*: it counts as 0 inside a sum, and a
//!   sum that fails only because of it is reported as incomplete, not as an error.
//! * A cell the reader could not determine, or a row it could not find, makes the check not
//!   assessable: the reader has already said why, and a parse problem is not an error in the
//!   source.
//! * Text, decimals and units where a count belongs are the business of the `invalid-*` rules;
//!   other rules do not assess them.

use nianbao_model::arithmetic::Sum;
use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_model::{Cell, CellValue, Finding, Report, SectionKind, Severity, Span, Status};
use nianbao_normalize::Compact;
use std::cell::OnceCell;

/// A cell's value as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// Blank, or a placeholder: counted as 0, makes a failure incomplete.
    Missing,
    /// Not determined by the reader, or not in the report: not assessable.
    Unknown,
    /// Text, a decimal or a unit where an integer belongs.
    Invalid,
}

/// The report under check and what the rules share about it.
pub struct Context<'a> {
    /// The report.
    pub report: &'a Report,
    /// The same agency's report for the previous year, when checked together.
    pub previous: Option<&'a Report>,
    normalised: [OnceCell<String>; 6],
    /// Each table's values, rows and columns in template order, read once.
    grids: [OnceCell<Vec<Vec<Value>>>; 3],
}

impl<'a> Context<'a> {
    /// A context for `report`, with the previous year's report when there is one.
    pub fn new(report: &'a Report, previous: Option<&'a Report>) -> Self {
        Context {
            report,
            previous,
            normalised: Default::default(),
            grids: Default::default(),
        }
    }

    /// The template version of the report.
    pub fn version(&self) -> Option<TemplateVersion> {
        self.report.metadata.template.version
    }

    /// The report year.
    pub fn year(&self) -> Option<i32> {
        self.report.metadata.year.as_ref().map(|y| y.value)
    }

    /// The cell `table.row.column` of `report`.
    pub fn cell_of<'r>(report: &'r Report, table: TableId, row: &str, column: &str) -> Option<&'r Cell> {
        let version = report.metadata.template.version?;
        report.table(table)?.cell(version, row, column)
    }

    /// The cell `table.row.column` of the report under check.
    pub fn cell(&self, table: TableId, row: &str, column: &str) -> Option<&'a Cell> {
        Self::cell_of(self.report, table, row, column)
    }

    /// The value of a cell of `report`.
    pub fn value_of(report: &Report, table: TableId, row: &str, column: &str) -> Value {
        match Self::cell_of(report, table, row, column).map(|c| &c.value) {
            None | Some(CellValue::Unresolved { .. }) => Value::Unknown,
            Some(CellValue::Blank | CellValue::Placeholder { .. }) => Value::Missing,
            Some(CellValue::Number { number }) => number.integer().map_or(Value::Invalid, Value::Int),
            Some(CellValue::Quantity { .. } | CellValue::Text { .. }) => Value::Invalid,
        }
    }

    /// The value of a cell of the report under check, as printed (no derivation).
    pub fn value_printed(&self, table: TableId, row: &str, column: &str) -> Value {
        self.printed_value(table, row, column)
    }

    fn printed_value(&self, table: TableId, row: &str, column: &str) -> Value {
        let Some(version) = self.version() else {
            return Value::Unknown;
        };
        let spec = template::spec(table, version);
        let grid = self.grids[table as usize].get_or_init(|| {
            spec.rows
                .iter()
                .map(|row| {
                    row.columns
                        .iter()
                        .map(|c| Self::value_of(self.report, table, row.key, c.key))
                        .collect()
                })
                .collect()
        });
        let position = spec.row_index(row).and_then(|row_index| {
            let columns = spec.rows[row_index].columns;
            columns
                .iter()
                .position(|c| std::ptr::eq(c.key, column))
                .or_else(|| columns.iter().position(|c| c.key == column))
                .map(|column_index| (row_index, column_index))
        });
        // Keys come from the rules' own code: one that names no cell of the version is a bug,
        // which the rules' tests catch here rather than as a check that silently does nothing.
        debug_assert!(
            position.is_some(),
            "no cell {}.{row}.{column} in the {version} template",
            table.key()
        );
        position.map_or(Value::Unknown, |(r, c)| grid[r][c])
    }

    /// The value of a cell of the report under check. A blank Table 3 `总计` whose six
    /// components are all printed is derived from them (spec §5.5), for checking only: the cell
    /// stays blank and the blank-cell rule reports it.
    pub fn value(&self, table: TableId, row: &str, column: &str) -> Value {
        let value = self.printed_value(table, row, column);
        if value != Value::Missing || table != TableId::T3 || column != "total" {
            return value;
        }
        let mut sum = 0i64;
        for component in &template::T3_COLUMNS[..template::T3_COLUMNS.len() - 1] {
            match self.printed_value(table, row, component.key) {
                Value::Int(v) => sum += v,
                _ => return Value::Missing,
            }
        }
        Value::Int(sum)
    }

    /// The 2021 fee amount cell (`行政事业性收费 · 本年收费金额`), when the report has the 2021
    /// tables.
    pub fn fee_cell(&self) -> Option<&'a Cell> {
        if self.version() != Some(TemplateVersion::V2021) {
            return None;
        }
        self.cell(TableId::T2, "admin_fees", "amount")
    }

    /// Where a cell was read, if anywhere.
    pub fn span(&self, table: TableId, row: &str, column: &str) -> Option<Span> {
        self.cell(table, row, column).and_then(|c| c.span)
    }

    /// The text of a section, normalised for word search (ruby removed, simplified characters,
    /// no whitespace); empty when the section is missing. Computed once per section.
    pub fn section_words(&self, kind: SectionKind) -> &str {
        self.normalised[kind as usize].get_or_init(|| {
            self.report
                .section(kind)
                .map(|s| Compact::label(&s.text))
                .unwrap_or_default()
        })
    }

    /// The rows of `table` in the report's version (empty when the version is unknown).
    pub fn rows(&self, table: TableId) -> &'static [template::RowSpec] {
        self.version().map_or(&[], |v| template::spec(table, v).rows)
    }
}

/// The outcome of checking a declared sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// The sum holds.
    Holds,
    /// The sum fails and every cell was printed.
    Fails {
        /// The printed side: the total, plus the parts subtracted from the others.
        printed: i64,
        /// The computed side: the parts added up.
        computed: i64,
    },
    /// The sum fails, but blank cells were counted as 0.
    Incomplete {
        /// The printed side.
        printed: i64,
        /// The computed side.
        computed: i64,
    },
    /// A cell is unknown or invalid: the check cannot be made.
    NotAssessable,
}

/// Checks one declared sum ([`nianbao_model::arithmetic`]) with the §5.5 policy: `total + Σ
/// subtracted parts` (printed) against `Σ added parts` (computed).
pub fn compare(cx: &Context, sum: &Sum) -> Comparison {
    let mut missing = false;
    let mut printed = 0i64;
    let mut computed = 0i64;
    for (index, term) in sum.terms().enumerate() {
        let value = match cx.value(sum.table, term.row, term.column) {
            Value::Int(v) => v,
            Value::Missing => {
                missing = true;
                0
            }
            Value::Unknown | Value::Invalid => return Comparison::NotAssessable,
        };
        let side = if index == 0 || term.sign < 0 {
            &mut printed
        } else {
            &mut computed
        };
        match side.checked_add(value) {
            Some(total) => *side = total,
            None => return Comparison::NotAssessable,
        }
    }
    match (printed == computed, missing) {
        (true, _) => Comparison::Holds,
        (false, false) => Comparison::Fails { printed, computed },
        (false, true) => Comparison::Incomplete { printed, computed },
    }
}

/// Static facts about a rule: its code, name, severity and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// `T3-002`.
    pub code: &'static str,
    /// Kebab-case name naming the defect.
    pub name: &'static str,
    /// Severity of a failure (incomplete checks are reported as warnings).
    pub severity: Severity,
    /// One line, in Chinese.
    pub title: &'static str,
    /// The spec rule it implements (`§5.1 T3-2`).
    pub spec: &'static str,
    /// Markdown: what it checks, why (quoting the notice), an example, exceptions.
    pub doc: &'static str,
}

/// Builds findings of one rule.
pub(crate) struct Reporter<'o> {
    info: &'static RuleInfo,
    out: &'o mut Vec<Finding>,
}

impl<'o> Reporter<'o> {
    /// A reporter for `info` appending to `out`.
    pub(crate) fn new(info: &'static RuleInfo, out: &'o mut Vec<Finding>) -> Self {
        Reporter { info, out }
    }

    /// Reports a finding with the rule's own severity (`Failed`), a warning (`Incomplete`) or an
    /// info note (`Note`).
    pub(crate) fn report(
        &mut self,
        status: Status,
        message: String,
        hint: Option<&str>,
        cells: Vec<String>,
        spans: Vec<Span>,
    ) {
        let severity = match status {
            Status::Failed => self.info.severity,
            Status::Incomplete => Severity::Warning,
            Status::Note => Severity::Info,
        };
        self.out.push(Finding {
            rule: self.info.code.to_owned(),
            name: self.info.name.to_owned(),
            severity,
            status,
            message,
            hint: hint.map(str::to_owned),
            cells,
            spans,
        });
    }

    /// Checks each of `sums` ([`compare`]) and reports those that do not hold: `describe` gets
    /// the sum, its printed and its computed side; each finding names the sum's cells, its total
    /// first.
    pub(crate) fn sums<'s>(
        &mut self,
        cx: &Context,
        sums: impl IntoIterator<Item = &'s Sum>,
        hint: &str,
        describe: impl Fn(&Sum, i64, i64) -> String,
    ) {
        for sum in sums {
            self.comparison(
                cx,
                sum,
                &compare(cx, sum),
                |printed, computed| describe(sum, printed, computed),
                hint,
            );
        }
    }

    /// Reports the outcome of [`compare`] on `sum` when it is not `Holds`: `describe` gets the
    /// printed and the computed side; the finding names the sum's cells, its total first.
    fn comparison(
        &mut self,
        cx: &Context,
        sum: &Sum,
        comparison: &Comparison,
        describe: impl FnOnce(i64, i64) -> String,
        hint: &str,
    ) {
        let (status, printed, computed) = match *comparison {
            Comparison::Fails { printed, computed } => (Status::Failed, printed, computed),
            Comparison::Incomplete { printed, computed } => (Status::Incomplete, printed, computed),
            Comparison::Holds | Comparison::NotAssessable => return,
        };
        let mut message = describe(printed, computed);
        if status == Status::Incomplete {
            message.push_str("（有空白单元格按 0 计，无法判断是否有误）");
        }
        let keys = sum.terms().map(|t| t.fact_key(sum.table)).collect();
        let spans = sum
            .terms()
            .filter_map(|t| cx.span(sum.table, t.row, t.column))
            .collect();
        let hint = if status == Status::Incomplete {
            "补填空白单元格后再核对"
        } else {
            hint
        };
        self.report(status, message, Some(hint), keys, spans);
    }
}

/// The Chinese name of a Table 3 column, for messages.
pub(crate) fn t3_column_name(column: &str) -> &'static str {
    template::T3_COLUMNS
        .iter()
        .find(|c| c.key == column)
        .map_or("", |c| c.label)
}

/// A signed difference for messages: `+6`, `-6`, `0`.
pub(crate) fn signed(value: i64) -> String {
    if value > 0 {
        format!("+{value}")
    } else {
        value.to_string()
    }
}

/// Whether the agency's name is that of a township, town, street office or county-level body,
/// which has no power to make 规章.
pub(crate) fn is_local_agency(report: &Report) -> bool {
    report.metadata.agency.as_ref().is_some_and(|a| {
        let name = Compact::label(&a.value);
        ["镇", "乡", "街道", "县"].iter().any(|w| name.contains(w))
    })
}

/// The lines of a section's text, each with its span in the source (the section's text is the
/// source's, trimmed, so its offsets map back directly).
pub(crate) fn section_lines(section: &nianbao_model::Section) -> impl Iterator<Item = (&str, Span)> + '_ {
    let body = section.body;
    let mut offset = 0;
    section.text.split('\n').enumerate().map(move |(index, line)| {
        let start = body.start + offset;
        offset += line.len() + 1;
        let span = Span {
            start,
            end: start + line.len(),
            line: body.line + index as u32,
            column: if index == 0 { body.column } else { 1 },
            place: None,
        };
        (line, span)
    })
}
