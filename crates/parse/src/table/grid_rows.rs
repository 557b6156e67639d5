//! Locating rows among the rows of a document's tables (HTML, DOCX, Markdown).
//!
//! A row's **label** is the text of its leading cells: every cell before its first value,
//! including group cells that reach down from a row above (`三、本年度办理结果`, `（三）不予公开`).
//! Its **values** are its own cells after that, one per cell whatever the cell's column span, so
//! a non-canonical grid (a value spanning two columns, split header cells) maps by logical
//! order, and a blank cell keeps its place.
//!
//! Rows are matched to the template by label, in template order. The rows and the template are
//! aligned so that as many rows as possible match: a label that also occurs elsewhere (`其他`,
//! `总计`) cannot pull the rest of the table out of place. A row that lost its label in
//! conversion (values only) is placed only when the rows of values between two matched rows are
//! exactly as many as the template rows missing there, and then with a diagnostic.

use super::fit::Columns;
use super::fit::Layout;
use super::labels::{self, alternatives, without_numbering};
use super::values::{Field, FieldValue};
use super::{table_name, Found, Label, Reading, Values};
use nianbao_model::template::{self, RowSpec, TableId};
use nianbao_model::{Code, Table};
use nianbao_normalize::Compact;
use std::ops::Range;

/// One table row: its cells left to right, as laid out in the text the report's spans point
/// into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableRow {
    /// The cells covering the row, each once.
    pub(crate) cells: Vec<RowCell>,
    /// Whether the row is a paragraph line shaped like a row (`行政许可 97`) rather than a row of a
    /// table; such a row matches only when its words are exactly a row label.
    pub(crate) loose: bool,
}

/// One cell of a [`TableRow`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowCell {
    /// Where the cell's text is.
    pub(crate) range: Range<usize>,
    /// Whether the cell starts in this row (`false`: it reaches down from a row above).
    pub(crate) origin: bool,
}

/// Fewest characters a cut label must keep to be matched as a fragment of a row's label.
const MIN_FRAGMENT_CHARS: usize = 4;

/// Number of value cells in the Table 4 data row.
const TABLE4_VALUES: usize = 15;

/// A row split into label and values.
#[derive(Debug)]
pub(super) struct Shaped {
    /// The label, normalised for matching; empty when the row has no label of its own.
    label: String,
    /// Where the row's own label cells are.
    label_range: Option<Range<usize>>,
    /// The label as printed (its own cells).
    printed: String,
    /// The row's own cells after the label.
    values: Vec<Field>,
    loose: bool,
}

impl Shaped {
    fn of(source: &str, row: &TableRow) -> Shaped {
        let fields: Vec<Field> = row
            .cells
            .iter()
            .map(|cell| Field::of_cell(source, cell.range.clone()))
            .collect();
        // The label is words: a cell of digits that is not a value (`32 1`) is where the values
        // begin, not part of the label.
        let is_words = |f: &Field| matches!(f.value, FieldValue::Text) && !source[f.range.clone()].is_ascii();
        let first_value = fields
            .iter()
            .position(|f| f.is_value() || (matches!(f.value, FieldValue::Text) && !is_words(f)))
            .unwrap_or(fields.len());
        let is_text = is_words;
        let label_end = fields[..first_value]
            .iter()
            .rposition(is_text)
            .map_or(0, |i| i + 1);
        let own_label: Vec<&RowCell> = row.cells[..label_end]
            .iter()
            .zip(&fields)
            .filter(|(cell, field)| cell.origin && is_text(field))
            .map(|(cell, _)| cell)
            .collect();
        let (label, label_range, printed) = match (own_label.first(), own_label.last()) {
            (Some(first), Some(last)) => {
                let whole: String = fields[..label_end]
                    .iter()
                    .filter(|f| is_text(f))
                    .map(|f| source[f.range.clone()].trim())
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
            .zip(fields.into_iter().skip(label_end))
            .filter(|(cell, _)| cell.origin)
            .map(|(_, field)| field)
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

    /// The row's values, to be fitted to the template.
    fn fields(&self) -> Values {
        let range =
            self.values.first().map_or(0, |f| f.range.start)..self.values.last().map_or(0, |f| f.range.end);
        Values::Fields(self.values.clone(), Layout::Grid, range)
    }
}

/// Every row split into label and values.
pub(super) fn shape(source: &str, rows: &[TableRow]) -> Vec<Shaped> {
    rows.iter().map(|r| Shaped::of(source, r)).collect()
}

impl Reading<'_> {
    /// Reads Table 2 or Table 3 and the index of the last row it used; `None` when not one row
    /// matches.
    pub(super) fn grid_table(&mut self, rows: &[Shaped], id: TableId) -> Option<(Table, usize)> {
        let spec = template::spec(id, self.version);
        let matched = self.align(rows, id, spec.rows);
        let last_used = matched.iter().flatten().map(|&(r, _)| r).max()?;
        let placed = self.place_unlabelled(rows, id, spec.rows, &matched);
        let found = spec
            .rows
            .iter()
            .enumerate()
            .map(|(index, row_spec)| match (matched[index], placed[index]) {
                (Some((r, alternative)), _) => {
                    let shaped = &rows[r];
                    let other_version =
                        alternatives(id, self.version, row_spec.key)[alternative].other_version;
                    Some(Found {
                        label: shaped.label_range.clone().map(|range| Label {
                            printed: shaped.printed.clone(),
                            range,
                            other_version,
                        }),
                        values: shaped.fields(),
                        by_position: false,
                    })
                }
                (None, Placed::Row(r)) => Some(Found {
                    label: None,
                    values: rows[r].fields(),
                    by_position: true,
                }),
                (None, Placed::Refused) => Some(Found {
                    label: None,
                    values: Values::Refused("按模板顺序放置的数值行与合计关系不符，未放置"),
                    by_position: true,
                }),
                (None, Placed::Nothing) => None,
            })
            .collect();
        Some((self.table(id, found), last_used))
    }

    /// Reads Table 4: the first row after row `after` with no label and at least 15 cells.
    pub(super) fn grid_table4(&mut self, rows: &[Shaped], after: Option<usize>) -> Option<Table> {
        let start = after.map_or(0, |r| r + 1);
        let found =
            (start..rows.len()).find(|&r| rows[r].values_only() && rows[r].values.len() >= TABLE4_VALUES)?;
        Some(self.table4(rows[found].fields()))
    }

    /// Matches template rows to labelled rows, keeping template order and matching as many as
    /// possible; ties go to the earliest rows. Each match is (row index, alternative).
    fn align(&self, rows: &[Shaped], id: TableId, spec_rows: &[RowSpec]) -> Vec<Option<(usize, usize)>> {
        let words = labels::normalised(id, self.version);
        let candidates: Vec<usize> = (0..rows.len())
            .filter(|&r| !rows[r].label.is_empty() && !rows[r].values.is_empty())
            .collect();
        let (m, n) = (spec_rows.len(), candidates.len());
        // A label cut by conversion (`于三类内部事务信息`) matches the one template row whose words
        // hold it, when it is long enough to say something and no other row's words hold it.
        let fragment_of = |row: &Shaped| -> Option<(usize, usize)> {
            let fragment = without_numbering(&row.label);
            if row.loose || fragment.chars().count() < MIN_FRAGMENT_CHARS {
                return None;
            }
            let mut holders = (0..m).filter_map(|i| {
                words[i]
                    .iter()
                    .position(|w| w.contains(fragment))
                    .map(|alternative| (i, alternative))
            });
            let first = holders.next()?;
            holders.next().is_none().then_some(first)
        };
        let fragments: Vec<Option<(usize, usize)>> =
            candidates.iter().map(|&r| fragment_of(&rows[r])).collect();
        let matches = |i: usize, c: usize| -> Option<usize> {
            let row = &rows[candidates[c]];
            words[i]
                .iter()
                .position(|w| {
                    if row.loose {
                        without_numbering(&row.label) == w.as_str()
                    } else {
                        row.label.contains(w.as_str())
                    }
                })
                .or_else(|| {
                    fragments[c]
                        .filter(|(row, _)| *row == i)
                        .map(|(_, alternative)| alternative)
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
    /// they are exactly as many, and each adds up as far as its own sums can tell; a gap whose
    /// rows would break a sum is refused as a whole (its cells undetermined).
    fn place_unlabelled(
        &mut self,
        rows: &[Shaped],
        id: TableId,
        spec_rows: &[RowSpec],
        matched: &[Option<(usize, usize)>],
    ) -> Vec<Placed> {
        let mut placed = vec![Placed::Nothing; spec_rows.len()];
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
            let unlabelled: Vec<usize> = (r1 + 1..r2).filter(|&r| rows[r].values_only()).collect();
            if unlabelled.len() != i2 - i1 - 1 {
                continue;
            }
            let gap = i1 + 1..i2;
            let facts: Vec<String> = spec_rows[gap.clone()]
                .iter()
                .flat_map(|row| {
                    row.columns
                        .iter()
                        .map(move |c| template::fact_key(id, row.key, c.key))
                })
                .collect();
            let names: Vec<&str> = spec_rows[gap.clone()].iter().map(|r| r.label).collect();
            let first = &rows[unlabelled[0]].values;
            let last = &rows[unlabelled[unlabelled.len() - 1]].values;
            let at = first.first().map_or(0, |f| f.range.start)..last.last().map_or(0, |f| f.range.end);
            let opening = format!(
                "{}中“{}”与“{}”之间有 {} 行数值没有行名",
                table_name(id),
                spec_rows[i1].label,
                spec_rows[i2].label,
                unlabelled.len(),
            );
            let names = names.join("”“");
            let broken = gap.clone().zip(&unlabelled).find(|&(index, &r)| {
                let columns = Columns::of_rows(id, self.version, index..index + 1);
                let values: Vec<Option<i64>> = rows[r]
                    .values
                    .iter()
                    .map(|f| match &f.value {
                        FieldValue::Value(value) => value.integer(),
                        _ => None,
                    })
                    .collect();
                values.len() == columns.specs.len() && columns.verdict(&values) == Some(false)
            });
            if let Some((index, _)) = broken {
                self.note(
                    Code::RowByPosition,
                    format!(
                        "{opening}，按模板顺序应依次为“{names}”；但放在“{}”的那行数值的合计关系不成立，行的顺序不可信，这些行都不按位置放置，其单元格未读取",
                        spec_rows[index].label
                    ),
                    Some(at),
                    facts,
                );
                for slot in &mut placed[gap] {
                    *slot = Placed::Refused;
                }
                continue;
            }
            self.note(
                Code::RowByPosition,
                format!("{opening}，按模板顺序依次作为“{names}”"),
                Some(at),
                facts,
            );
            for (slot, &r) in placed[gap].iter_mut().zip(&unlabelled) {
                *slot = Placed::Row(r);
            }
        }
        placed
    }
}

/// What [`Reading::place_unlabelled`] did for a template row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placed {
    /// Nothing: the row was matched by its label, or is missing.
    Nothing,
    /// This row of values, by template order.
    Row(usize),
    /// A row of values stood here by template order but broke the sums.
    Refused,
}
