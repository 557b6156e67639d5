//! From a row's values to the template's cells: the fields of a row whose cells are still
//! separated are fitted to its columns, and runs of glued digits are split by the solver
//! ([`super::segment`]) under the table's declared sums.

use super::segment::{self, Piece, Split, Token};
use super::values::{glued_tokens, parse_value, Field, FieldValue};
use super::Reading;
use nianbao_model::arithmetic::{self, Sum, Term};
use nianbao_model::template::{self, ColumnSpec, TableId, TemplateVersion, ValueKind};
use nianbao_model::{Cell, CellValue, Code};
use std::ops::Range;

/// How a row's fields were laid out, which decides what an empty field means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Text lines with separators (tabs, `|`, one cell per line): empty fields at the edges of
    /// a line were already dropped as layout; words between values are not cells.
    Lines,
    /// The cells of a table row: every cell is a cell, blank ones included, unless the row has
    /// more cells than the template (merge placeholders, padding).
    Grid,
}

/// The columns of one or more consecutive template rows read as one row (Table 4's three
/// groups are printed as one row of 15), and the declared sums that hold among them.
pub(super) struct Columns {
    /// The columns, in template order.
    pub(super) specs: Vec<ColumnSpec>,
    /// Each column's fact key.
    pub(super) keys: Vec<String>,
    /// The declared sums whose cells all lie in these rows.
    pub(super) sums: Vec<&'static Sum>,
    /// The template index of the first row.
    first_row: usize,
    /// Where each row's columns start among `specs`.
    offsets: Vec<usize>,
}

impl Columns {
    /// The columns of template rows `rows` of `table` in `version`.
    pub(super) fn of_rows(table: TableId, version: TemplateVersion, rows: std::ops::Range<usize>) -> Columns {
        let spec = template::spec(table, version);
        let mut columns = Columns {
            specs: Vec::new(),
            keys: Vec::new(),
            sums: arithmetic::sums_within(version, table, rows.clone()).collect(),
            first_row: rows.start,
            offsets: Vec::new(),
        };
        for row in &spec.rows[rows] {
            columns.offsets.push(columns.specs.len());
            for column in row.columns {
                columns.specs.push(*column);
                columns.keys.push(template::fact_key(table, row.key, column.key));
            }
        }
        columns
    }

    /// Whether every sum holds for `values` (one per column; `None` for a non-integer).
    fn sums_hold(&self, values: &[Option<i64>]) -> bool {
        let position = |term: &Term| self.offsets[term.row_index - self.first_row] + term.column_index;
        self.sums
            .iter()
            .all(|sum| sum.holds(|term| values.get(position(term)).copied().flatten()) == Some(true))
    }
}

impl Reading<'_> {
    /// The cells of a row whose fields are still separated.
    pub(super) fn fitted_cells(
        &mut self,
        name: &str,
        columns: &Columns,
        fields: Vec<Field>,
        layout: Layout,
        range: Range<usize>,
    ) -> Vec<Cell> {
        let wanted = columns.specs.len();
        let (chosen, end) = match layout {
            Layout::Lines => {
                let (Some(first), Some(last)) = (
                    fields.iter().position(Field::is_value),
                    fields.iter().rposition(Field::is_value),
                ) else {
                    return self.row_without_values(name, columns, range);
                };
                let inner = &fields[first..=last];
                let values: Vec<&Field> = inner.iter().filter(|f| f.is_value()).collect();
                let end = inner[inner.len() - 1].range.end;
                let chosen: Vec<Field> = if inner.len() == wanted {
                    inner.to_vec()
                } else if values.len() >= wanted {
                    let extra = values.len() - wanted;
                    if extra > 0 {
                        self.extra_values(name, values.len(), wanted, &values[..extra]);
                    }
                    values[extra..].iter().map(|f| (*f).clone()).collect()
                } else {
                    self.note(
                        Code::ShortRow,
                        format!(
                            "“{name}”一行只有 {} 个数值（应为 {wanted} 个），按从左到右读取，缺少的 {} 个单元格按空白处理",
                            values.len(),
                            wanted - values.len()
                        ),
                        Some(inner[0].range.start..end),
                        columns.keys[values.len()..].to_vec(),
                    );
                    values.into_iter().cloned().collect()
                };
                (chosen, end)
            }
            Layout::Grid => {
                let mut values = fields;
                // Blank cells beyond the template's count are layout (padding, merge placeholders).
                while values.len() > wanted && values.last().is_some_and(Field::is_empty) {
                    values.pop();
                }
                while values.len() > wanted && values.first().is_some_and(Field::is_empty) {
                    values.remove(0);
                }
                while values.len() > wanted {
                    match values.iter().rposition(Field::is_empty) {
                        Some(at) => {
                            values.remove(at);
                        }
                        None => break,
                    }
                }
                if values.len() > wanted {
                    let extra = values.len() - wanted;
                    let ignored: Vec<&Field> = values[..extra].iter().collect();
                    self.extra_values(name, values.len(), wanted, &ignored);
                    values.drain(..extra);
                } else if values.len() < wanted {
                    let at = values.first().map(|v| v.range.start).unwrap_or_default()
                        ..values.last().map(|v| v.range.end).unwrap_or_default();
                    self.note(
                        Code::ShortRow,
                        format!(
                            "“{name}”一行只有 {} 个单元格（应为 {wanted} 个），按从左到右读取，缺少的 {} 个单元格按空白处理",
                            values.len(),
                            wanted - values.len()
                        ),
                        Some(at),
                        columns.keys[values.len().min(columns.keys.len())..].to_vec(),
                    );
                }
                let end = values.last().map_or(0, |v| v.range.end);
                (values, end)
            }
        };
        let mut cells: Vec<Cell> = chosen.into_iter().map(|field| self.field_cell(field)).collect();
        // Cells the row does not print are blank, placed just after its last value.
        cells.resize(
            wanted,
            Cell {
                value: CellValue::Blank,
                span: Some(self.lines.span(end, end)),
            },
        );
        cells
    }

    fn field_cell(&self, field: Field) -> Cell {
        Cell {
            value: match field.value {
                FieldValue::Value(value) => value,
                FieldValue::Empty => CellValue::Blank,
                FieldValue::Text => CellValue::Text {
                    text: self.source[field.range.clone()].trim().to_owned(),
                },
            },
            span: Some(self.lines.span(field.range.start, field.range.end)),
        }
    }

    fn row_without_values(&mut self, name: &str, columns: &Columns, range: Range<usize>) -> Vec<Cell> {
        self.note(
            Code::RowWithoutValues,
            format!("“{name}”一行没有数值，各单元格无法读取"),
            Some(range),
            columns.keys.clone(),
        );
        columns
            .specs
            .iter()
            .map(|_| Cell::unresolved("该行没有数值"))
            .collect()
    }

    fn extra_values(&mut self, name: &str, count: usize, wanted: usize, ignored: &[&Field]) {
        let printed: Vec<&str> = ignored
            .iter()
            .map(|f| self.source[f.range.clone()].trim())
            .collect();
        let at = ignored[0].range.start..ignored[ignored.len() - 1].range.end;
        self.note(
            Code::ExtraValues,
            format!(
                "“{name}”一行有 {count} 个数值（应为 {wanted} 个），取最后 {wanted} 个，忽略了 {}",
                printed.join("、")
            ),
            Some(at),
            Vec::new(),
        );
    }

    /// The cells of a row whose cell boundaries were lost: its digit runs in `range`, split under
    /// the column grammar and, when several splits remain, the sums among the columns.
    pub(super) fn glued_cells(&mut self, name: &str, columns: &Columns, range: Range<usize>) -> Vec<Cell> {
        let tokens = glued_tokens(self.source, range.clone());
        let kinds: Vec<ValueKind> = columns.specs.iter().map(|c| c.kind).collect();
        let digits = || {
            tokens
                .iter()
                .map(|t| t.chars.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if tokens.is_empty() {
            return self.row_without_values(name, columns, range);
        }
        let token_span = tokens[0].offsets[0]..token_end(self.source, &tokens[tokens.len() - 1]);
        let direct = tokens.len() == kinds.len()
            && tokens
                .iter()
                .zip(&kinds)
                .all(|(t, &k)| segment::is_literal(&t.chars, k));
        let split = if direct {
            Split::Unique(
                (0..tokens.len())
                    .map(|token| Piece {
                        token,
                        start: 0,
                        end: tokens[token].chars.len(),
                    })
                    .collect(),
            )
        } else {
            segment::split(&tokens, &kinds, &|values| columns.sums_hold(values))
        };
        match split {
            Split::Unique(pieces) => pieces.iter().map(|p| self.piece_cell(&tokens, p)).collect(),
            Split::Ambiguous { agreed, count } => {
                let unresolved: Vec<String> = agreed
                    .iter()
                    .zip(&columns.keys)
                    .filter(|(p, _)| p.is_none())
                    .map(|(_, k)| k.clone())
                    .collect();
                self.note(
                    Code::AmbiguousDigits,
                    format!(
                        "“{name}”一行的数字“{}”连在一起，有{}种符合格式{}的拆分；不能确定的 {} 个单元格留空，请核对原件",
                        digits(),
                        if count > segment::MAX_SPLITS { "许多".to_owned() } else { format!(" {count} ") },
                        if columns.sums.is_empty() { "" } else { "和合计关系" },
                        unresolved.len()
                    ),
                    Some(token_span),
                    unresolved,
                );
                agreed
                    .iter()
                    .map(|p| match p {
                        Some(p) => self.piece_cell(&tokens, p),
                        None => Cell::unresolved("数字连在一起，拆分不唯一"),
                    })
                    .collect()
            }
            Split::Impossible => {
                self.note(
                    Code::UnsplittableDigits,
                    format!(
                        "“{name}”一行的数字“{}”连在一起，无法拆成 {} 个单元格并满足合计关系（原件可能有误），各单元格留空",
                        digits(),
                        kinds.len()
                    ),
                    Some(token_span),
                    columns.keys.clone(),
                );
                columns
                    .specs
                    .iter()
                    .map(|_| Cell::unresolved("数字连在一起，无法拆分"))
                    .collect()
            }
        }
    }

    fn piece_cell(&self, tokens: &[Token], piece: &Piece) -> Cell {
        let token = &tokens[piece.token];
        let text: String = token.chars[piece.start..piece.end].iter().collect();
        let start = token.offsets[piece.start];
        let last = token.offsets[piece.end - 1];
        let end = last + self.source[last..].chars().next().map_or(0, char::len_utf8);
        Cell {
            value: parse_value(&text).unwrap_or(CellValue::Text { text }),
            span: Some(self.lines.span(start, end)),
        }
    }
}

fn token_end(source: &str, token: &Token) -> usize {
    let last = token.offsets[token.offsets.len() - 1];
    last + source[last..].chars().next().map_or(0, char::len_utf8)
}
