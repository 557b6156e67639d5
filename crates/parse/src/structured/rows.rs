//! Reading Tables 2, 3 and 4 from table rows (HTML, DOCX and Markdown inputs).
//!
//! A row's **label** is the text of its leading cells: every cell before its first value,
//! including group cells that reach down from a row above (`三、本年度办理结果`, `（三）不予公开`).
//! Its **values** are its own cells after that, one per cell whatever the cell's column span, so a
//! non-canonical grid (a value spanning two columns, split header cells) maps by logical order,
//! and a blank cell keeps its place.
//!
//! Rows are matched to the template by label, in template order. The rows and the template are
//! aligned so that as many rows as possible match: a label that also occurs elsewhere (`其他`,
//! `总计`) cannot pull the rest of the table out of place. A row that lost its label in conversion
//! (values only) is placed only when the rows of values between two matched rows are exactly as
//! many as the template rows missing there, and then with a diagnostic.

use crate::text::lines::LineIndex;
use crate::text::tables::{
    alternatives, extra_values, normalised_alternatives, other_version_label, parse_value, row_not_found,
    table_name,
};
use nianbao_model::template::{self, RowSpec, TableId};
use nianbao_model::{Cell, CellValue, Diagnostic, Row, Severity, Spanned, Table, TemplateVersion};
use nianbao_normalize::Compact;
use std::ops::Range;

/// One table row: its cells left to right, as laid out in the extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The cells covering the row, each once.
    pub cells: Vec<RowCell>,
    /// Whether the row is a paragraph line shaped like a row (`行政许可 97`) rather than a row of a
    /// table; such a row matches only when its words are exactly a row label.
    pub loose: bool,
}

/// One cell of a [`TableRow`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCell {
    /// Where the cell's text is in the extracted text.
    pub range: Range<usize>,
    /// Whether the cell starts in this row (`false`: it reaches down from a row above).
    pub origin: bool,
}

/// Number of value cells in the Table 4 data row.
const TABLE4_VALUES: usize = 15;

/// What a value cell holds.
#[derive(Debug, Clone)]
enum Content {
    Blank,
    Value(CellValue),
    Text(String),
}

/// A row split into label and values.
#[derive(Debug)]
struct Shaped {
    /// The label, normalised for matching; empty when the row has no label of its own.
    label: String,
    /// Where the row's own label cells are.
    label_range: Option<Range<usize>>,
    /// The label as printed (its own cells).
    printed: String,
    /// The row's own cells after the label.
    values: Vec<(Range<usize>, Content)>,
    loose: bool,
}

impl Shaped {
    fn of(source: &str, row: &TableRow) -> Shaped {
        let contents: Vec<Content> = row
            .cells
            .iter()
            .map(|cell| {
                let text = source[cell.range.clone()].trim();
                if text.is_empty() {
                    Content::Blank
                } else if let Some(value) = parse_value(text) {
                    Content::Value(value)
                } else {
                    Content::Text(text.to_owned())
                }
            })
            .collect();
        let first_value = contents
            .iter()
            .position(|c| matches!(c, Content::Value(_)))
            .unwrap_or(contents.len());
        let label_end = contents[..first_value]
            .iter()
            .rposition(|c| matches!(c, Content::Text(_)))
            .map_or(0, |i| i + 1);
        let own_label: Vec<&RowCell> = row.cells[..label_end]
            .iter()
            .zip(&contents)
            .filter(|(cell, content)| cell.origin && matches!(content, Content::Text(_)))
            .map(|(cell, _)| cell)
            .collect();
        let (label, label_range, printed) = match (own_label.first(), own_label.last()) {
            (Some(first), Some(last)) => {
                let whole: String = contents[..label_end]
                    .iter()
                    .filter_map(|c| match c {
                        Content::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let printed = own_label
                    .iter()
                    .map(|c| source[c.range.clone()].trim())
                    .collect::<Vec<_>>()
                    .join("");
                (
                    Compact::label(&whole),
                    Some(first.range.start..last.range.end),
                    printed,
                )
            }
            _ => (String::new(), None, String::new()),
        };
        let values = row.cells[label_end..]
            .iter()
            .zip(contents.into_iter().skip(label_end))
            .filter(|(cell, _)| cell.origin)
            .map(|(cell, content)| (cell.range.clone(), content))
            .collect();
        Shaped {
            label,
            label_range,
            printed,
            values,
            loose: row.loose,
        }
    }

    /// A row of values with no label of its own.
    fn values_only(&self) -> bool {
        self.label.is_empty() && !self.values.is_empty() && !self.loose
    }
}

/// Reads the three tables from the rows of one report.
pub struct RowsReader<'a> {
    source: &'a str,
    lines: &'a LineIndex<'a>,
    version: TemplateVersion,
    rows: Vec<Shaped>,
    /// What the reader noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether a row was printed in the other version's wording.
    pub hybrid_label: bool,
}

impl<'a> RowsReader<'a> {
    /// A reader of `rows`, laid out in `source`, for a report of template `version`.
    pub fn new(
        source: &'a str,
        lines: &'a LineIndex<'a>,
        rows: &[TableRow],
        version: TemplateVersion,
    ) -> Self {
        RowsReader {
            source,
            lines,
            version,
            rows: rows.iter().map(|r| Shaped::of(source, r)).collect(),
            diagnostics: Vec::new(),
            hybrid_label: false,
        }
    }

    fn note(
        &mut self,
        code: &str,
        severity: Severity,
        message: String,
        at: Option<Range<usize>>,
        facts: Vec<String>,
    ) {
        let diagnostic = self.lines.diagnostic(code, severity, message, at, facts);
        self.diagnostics.push(diagnostic);
    }

    /// Reads Table 2 or Table 3 and the index of the last row it used; `None` when not one row
    /// matches.
    pub fn row_table(&mut self, id: TableId) -> Option<(Table, usize)> {
        let spec = template::spec(id, self.version);
        let matched = self.align(id, spec.rows);
        let last_used = matched.iter().flatten().map(|&(r, _)| r).max()?;
        let placed = self.place_unlabelled(id, spec.rows, &matched);
        let mut rows = Vec::with_capacity(spec.rows.len());
        for (index, row_spec) in spec.rows.iter().enumerate() {
            let facts = || keys(id, row_spec);
            let (row_index, label) = match (matched[index], placed[index]) {
                (Some((r, alternative)), _) => {
                    if alternatives(id, self.version, row_spec.key)[alternative].1 {
                        self.hybrid_label = true;
                        let message = other_version_label(self.version, row_spec, &self.rows[r].printed);
                        let at = self.rows[r].label_range.clone();
                        self.note("hybrid-label", Severity::Warning, message, at, Vec::new());
                    }
                    let shaped = &self.rows[r];
                    let label = shaped.label_range.clone().map(|range| {
                        Spanned::new(shaped.printed.clone(), self.lines.span(range.start, range.end))
                    });
                    (r, label)
                }
                (None, Some(r)) => (r, None),
                (None, None) => {
                    self.note(
                        "row-not-found",
                        Severity::Warning,
                        row_not_found(id, row_spec),
                        None,
                        facts(),
                    );
                    rows.push(Row {
                        key: row_spec.key.to_owned(),
                        label: None,
                        cells: row_spec
                            .columns
                            .iter()
                            .map(|_| Cell::unresolved("未找到该行"))
                            .collect(),
                    });
                    continue;
                }
            };
            let name = label
                .as_ref()
                .map_or_else(|| row_spec.label.to_owned(), |l| l.value.clone());
            let cells = self.cells(row_index, &name, row_spec.columns.len(), facts());
            rows.push(Row {
                key: row_spec.key.to_owned(),
                label,
                cells,
            });
        }
        Some((Table { id, rows }, last_used))
    }

    /// Reads Table 4: the first row after row `after` with no label and at least 15 cells.
    pub fn table4(&mut self, after: Option<usize>) -> Option<Table> {
        let start = after.map_or(0, |r| r + 1);
        let found = (start..self.rows.len())
            .find(|&r| self.rows[r].values_only() && self.rows[r].values.len() >= TABLE4_VALUES)?;
        let spec = &template::TABLE4;
        let all_keys: Vec<String> = spec.rows.iter().flat_map(|row| keys(TableId::T4, row)).collect();
        let mut cells = self
            .cells(found, "表四数据行", TABLE4_VALUES, all_keys)
            .into_iter();
        let rows = spec
            .rows
            .iter()
            .map(|row| Row {
                key: row.key.to_owned(),
                label: None,
                cells: cells.by_ref().take(row.columns.len()).collect(),
            })
            .collect();
        Some(Table {
            id: TableId::T4,
            rows,
        })
    }

    /// Matches template rows to labelled rows, keeping template order and matching as many as
    /// possible; ties go to the earliest rows. Each match is (row index, alternative).
    fn align(&self, id: TableId, spec_rows: &[RowSpec]) -> Vec<Option<(usize, usize)>> {
        let words = normalised_alternatives(id, self.version);
        let candidates: Vec<usize> = (0..self.rows.len())
            .filter(|&r| !self.rows[r].label.is_empty() && !self.rows[r].values.is_empty())
            .collect();
        let (m, n) = (spec_rows.len(), candidates.len());
        let matches = |i: usize, c: usize| -> Option<usize> {
            let row = &self.rows[candidates[c]];
            words[i].iter().position(|w| {
                if row.loose {
                    without_numbering(&row.label) == w.as_str()
                } else {
                    row.label.contains(w.as_str())
                }
            })
        };
        let table: Vec<Vec<Option<usize>>> =
            (0..m).map(|i| (0..n).map(|c| matches(i, c)).collect()).collect();
        // best[i][c]: most matches of template rows i.. among candidates c..
        let mut best = vec![vec![0u16; n + 1]; m + 1];
        for i in (0..m).rev() {
            for c in (0..n).rev() {
                let matched = table[i][c].map_or(0, |_| 1 + best[i + 1][c + 1]);
                best[i][c] = matched.max(best[i + 1][c]).max(best[i][c + 1]);
            }
        }
        let mut result = vec![None; m];
        if id == TableId::T2 {
            // Table 2's labels are all distinct, and converters emit its blocks out of order
            // (the (一) grid after (五)–(八)): each row takes the first row printing its label.
            let mut used = vec![false; n];
            for (i, slot) in result.iter_mut().enumerate() {
                if let Some((c, alternative)) =
                    (0..n).find_map(|c| table[i][c].filter(|_| !used[c]).map(|a| (c, a)))
                {
                    used[c] = true;
                    *slot = Some((candidates[c], alternative));
                }
            }
            return result;
        }
        let (mut i, mut c) = (0, 0);
        while i < m && c < n {
            if let Some(alternative) = table[i][c].filter(|_| best[i][c] == 1 + best[i + 1][c + 1]) {
                result[i] = Some((candidates[c], alternative));
                i += 1;
                c += 1;
            } else if best[i][c] == best[i][c + 1] {
                c += 1;
            } else {
                i += 1;
            }
        }
        result
    }

    /// Rows of values only, placed in the template rows missing between two matched rows when
    /// they are exactly as many.
    fn place_unlabelled(
        &mut self,
        id: TableId,
        spec_rows: &[RowSpec],
        matched: &[Option<(usize, usize)>],
    ) -> Vec<Option<usize>> {
        let mut placed = vec![None; spec_rows.len()];
        let anchors: Vec<(usize, usize)> = matched
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|(r, _)| (i, r)))
            .collect();
        for pair in anchors.windows(2) {
            let ((i1, r1), (i2, r2)) = (pair[0], pair[1]);
            if i2 == i1 + 1 {
                continue;
            }
            let unlabelled: Vec<usize> = (r1 + 1..r2).filter(|&r| self.rows[r].values_only()).collect();
            if unlabelled.len() != i2 - i1 - 1 {
                continue;
            }
            let mut facts = Vec::new();
            for (offset, &r) in unlabelled.iter().enumerate() {
                placed[i1 + 1 + offset] = Some(r);
                facts.extend(keys(id, &spec_rows[i1 + 1 + offset]));
            }
            let names: Vec<&str> = spec_rows[i1 + 1..i2].iter().map(|r| r.label).collect();
            let first = &self.rows[unlabelled[0]].values;
            let last = &self.rows[unlabelled[unlabelled.len() - 1]].values;
            let at = first.first().map_or(0, |(range, _)| range.start)
                ..last.last().map_or(0, |(range, _)| range.end);
            self.note(
                "row-by-position",
                Severity::Info,
                format!(
                    "{}中“{}”与“{}”之间有 {} 行数值没有行名，按模板顺序依次作为“{}”",
                    table_name(id),
                    spec_rows[i1].label,
                    spec_rows[i2].label,
                    unlabelled.len(),
                    names.join("”“")
                ),
                Some(at),
                facts,
            );
        }
        placed
    }

    /// The `wanted` cells of row `r`.
    fn cells(&mut self, r: usize, name: &str, wanted: usize, facts: Vec<String>) -> Vec<Cell> {
        let mut values: Vec<(Range<usize>, Content)> = self.rows[r].values.clone();
        let blank = |v: &(Range<usize>, Content)| matches!(v.1, Content::Blank);
        // Blank cells beyond the template's count are layout (padding, merge placeholders).
        while values.len() > wanted && values.last().is_some_and(blank) {
            values.pop();
        }
        while values.len() > wanted && values.first().is_some_and(blank) {
            values.remove(0);
        }
        while values.len() > wanted {
            match values.iter().rposition(blank) {
                Some(at) => {
                    values.remove(at);
                }
                None => break,
            }
        }
        if values.len() > wanted {
            let extra = values.len() - wanted;
            let ignored: Vec<&str> = values[..extra]
                .iter()
                .map(|(range, _)| self.source[range.clone()].trim())
                .collect();
            let message = extra_values(name, values.len(), wanted, &ignored);
            let at = values[0].0.start..values[extra - 1].0.end;
            self.note("extra-values", Severity::Warning, message, Some(at), Vec::new());
            values.drain(..extra);
        } else if values.len() < wanted {
            let message = format!(
                "“{name}”一行只有 {} 个单元格（应为 {wanted} 个），按从左到右读取，缺少的 {} 个单元格按空白处理",
                values.len(),
                wanted - values.len()
            );
            let at = values.first().map(|v| v.0.start).unwrap_or_default()
                ..values.last().map(|v| v.0.end).unwrap_or_default();
            let missing = facts[values.len().min(facts.len())..].to_vec();
            self.note("short-row", Severity::Warning, message, Some(at), missing);
        }
        let end = values.last().map_or(0, |v| v.0.end);
        let mut cells: Vec<Cell> = values
            .into_iter()
            .map(|(range, content)| Cell {
                value: match content {
                    Content::Blank => CellValue::Blank,
                    Content::Value(value) => value,
                    Content::Text(text) => CellValue::Text { text },
                },
                span: Some(self.lines.span(range.start, range.end)),
            })
            .collect();
        cells.resize(
            wanted,
            Cell {
                value: CellValue::Blank,
                span: Some(self.lines.span(end, end)),
            },
        );
        cells
    }
}

/// The fact keys of one row.
fn keys(table: TableId, row: &RowSpec) -> Vec<String> {
    row.columns
        .iter()
        .map(|c| template::fact_key(table, row.key, c.key))
        .collect()
}

/// A normalised label without its leading item number or numeral (`1.`, `1、`, `(一)`, `一、`).
fn without_numbering(label: &str) -> &str {
    let rest = label.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < label.len() {
        return rest.strip_prefix(['.', '、']).unwrap_or(label);
    }
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(inner) = label.strip_prefix('(') {
        let after = inner.trim_start_matches(numerals);
        if after.len() < inner.len() {
            if let Some(rest) = after.strip_prefix(')') {
                return rest;
            }
        }
    }
    let after = label.trim_start_matches(numerals);
    if after.len() < label.len() {
        if let Some(rest) = after.strip_prefix('、') {
            return rest;
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_dropped_before_a_loose_label() {
        assert_eq!(without_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(without_numbering("(一)予以公开"), "予以公开");
        assert_eq!(without_numbering("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(without_numbering("行政许可"), "行政许可");
        assert_eq!(without_numbering("2024"), "2024");
    }
}
