//! From a row's values to the template's cells, placing a value only where its cell is certain.
//!
//! A row whose fields are still separated (tabs, lines, `|`, grid cells) is certain when it has
//! exactly one field per column. Otherwise the possible placements are enumerated and the row's
//! own sums (Table 3's row total, Table 4's group totals) choose among them:
//!
//! * **too many fields**: fields that hold no number (empty cells, words) may be dropped as
//!   layout; when numbers must be dropped (a footnote, a page number, a number from the next
//!   row), exactly one placement must make the row's sums hold, decidably — otherwise every cell
//!   of the row is undetermined, and the table's column sums may still decide later
//!   ([`super::Reading::decide_by_columns`]);
//! * **too few fields**, the source not showing which cell is empty: every placement of the
//!   missing cells is tried; a cell on which every placement the sums allow agrees is read, the
//!   others are undetermined.
//!
//! Runs of glued digits are split by the solver ([`super::segment`]) under the same sums. Each
//! undetermined cell carries a diagnostic naming the row, the candidates and what would decide.

use super::segment::{self, Piece, Split, Token};
use super::values::{glued_tokens, parse_value, Field, FieldValue};
use super::Reading;
use nianbao_model::arithmetic::{self, Sum, Term};
use nianbao_model::template::{self, ColumnSpec, TableId, TemplateVersion, ValueKind};
use nianbao_model::{Cell, CellValue, Code};
use std::ops::Range;

/// Most placements tried for one row; past it the row's cells are undetermined.
const MAX_PLACEMENTS: usize = 4096;

/// How a row's fields were laid out, which decides what an empty field means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Text lines with separators (tabs, `|`, one cell per line): empty fields at the edges of
    /// a line were dropped as layout, and words before the first and after the last number are
    /// not cells.
    Lines,
    /// The cells of a table row: every cell is a cell, blank ones included.
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
    pub(super) fn of_rows(table: TableId, version: TemplateVersion, rows: Range<usize>) -> Columns {
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

    fn position(&self, term: &Term) -> usize {
        self.offsets[term.row_index - self.first_row] + term.column_index
    }

    /// The verdict of the row's sums on `values` (one per column; `None` for a cell that is not
    /// an integer): `Some(false)` when a sum that can be decided fails, `Some(true)` when every
    /// sum can be decided and holds, `None` when none fails but some cannot be decided.
    pub(super) fn verdict(&self, values: &[Option<i64>]) -> Option<bool> {
        let mut all_decided = true;
        for sum in &self.sums {
            match sum.holds(|term| values.get(self.position(term)).copied().flatten()) {
                Some(false) => return Some(false),
                Some(true) => {}
                None => all_decided = false,
            }
        }
        all_decided.then_some(true)
    }
}

/// A row's cells, and — when its fields allowed several placements that its own sums could not
/// tell apart, every one of them numeric — those placements, for the table's column sums.
pub(super) struct Fitted {
    /// The cells: values where certain, unresolved where not.
    pub(super) cells: Vec<Cell>,
    /// The remaining placements, each a whole row of cells, when the column sums may decide.
    pub(super) candidates: Vec<Vec<Cell>>,
    /// How much of the reading is the reader's inference from digits run together, which the
    /// table's column sums must not contradict ([`super::Reading::corroborate`]).
    pub(super) inferred: Inferred,
}

impl Fitted {
    pub(super) fn certain(cells: Vec<Cell>) -> Fitted {
        Fitted {
            cells,
            candidates: Vec::new(),
            inferred: Inferred::Nothing,
        }
    }
}

/// What a glued row's reading rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inferred {
    /// Printed cells, or one run of digits per cell: nothing inferred.
    Nothing,
    /// Cell boundaries inside runs, the only ones the column grammar allows.
    Boundaries,
    /// Cell boundaries the row's own sums chose among several (or the cells several splits agree
    /// on): a stray number can happen to satisfy a row total.
    BySums,
}

/// One way of placing a row's fields in its columns: for each column, the field it takes, or
/// `None` for a cell the source does not print.
type Placement = Vec<Option<usize>>;

impl Reading<'_> {
    /// The cells of a row whose fields are still separated.
    pub(super) fn fitted_cells(
        &mut self,
        name: &str,
        columns: &Columns,
        fields: Vec<Field>,
        layout: Layout,
        range: Range<usize>,
    ) -> Fitted {
        let wanted = columns.specs.len();
        let fields = match layout {
            // Words before the first and after the last number are labels and notes, not cells.
            Layout::Lines => {
                let (Some(first), Some(last)) = (
                    fields.iter().position(Field::is_value),
                    fields.iter().rposition(Field::is_value),
                ) else {
                    return Fitted::certain(self.row_without_values(name, columns, range));
                };
                fields[first..=last].to_vec()
            }
            Layout::Grid => fields,
        };
        if fields.len() == wanted {
            return Fitted::certain(fields.into_iter().map(|f| self.field_cell(f)).collect());
        }
        if fields.len() > wanted {
            self.too_many(name, columns, &fields)
        } else {
            self.too_few(name, columns, &fields)
        }
    }

    /// A row with more fields than columns.
    fn too_many(&mut self, name: &str, columns: &Columns, fields: &[Field]) -> Fitted {
        let wanted = columns.specs.len();
        let extra = fields.len() - wanted;
        let free: Vec<usize> = (0..fields.len()).filter(|&i| !fields[i].is_value()).collect();
        if free.len() >= extra {
            // Only empty cells and words need to go: no printed number is lost.
            let placements = combinations(&free, extra).map(|dropped| {
                (0..fields.len())
                    .filter(|i| !dropped.contains(i))
                    .map(Some)
                    .collect::<Placement>()
            });
            return self.agreeing(name, columns, fields, placements, Shortfall::None);
        }
        // Numbers must go: only when the row's sums leave exactly one placement.
        let all: Vec<usize> = (0..fields.len()).collect();
        let mut kept: Vec<(Vec<usize>, Placement, Option<bool>)> = Vec::new();
        let mut counted = 0;
        for dropped in combinations(&all, extra) {
            counted += 1;
            if counted > MAX_PLACEMENTS {
                kept.clear();
                break;
            }
            let placement: Placement = (0..fields.len())
                .filter(|i| !dropped.contains(i))
                .map(Some)
                .collect();
            let verdict = columns.verdict(&self.values_of(fields, &placement));
            if verdict != Some(false) {
                kept.push((dropped, placement, verdict));
            }
        }
        let printed = |indices: &[usize]| -> String {
            indices
                .iter()
                .map(|&i| format!("第 {} 个“{}”", i + 1, self.source[fields[i].range.clone()].trim()))
                .collect::<Vec<_>>()
                .join("、")
        };
        let numbers: Vec<&str> = fields
            .iter()
            .map(|f| self.source[f.range.clone()].trim())
            .collect();
        let at = fields[0].range.start..fields[fields.len() - 1].range.end;
        if let [(dropped, placement, Some(true))] = kept.as_slice() {
            self.note(
                Code::ExtraValues,
                format!(
                    "“{name}”一行有 {} 个数值（应为 {wanted} 个）：{}；只有去掉{}时该行的合计关系成立，已去掉",
                    fields.len(),
                    numbers.join(" "),
                    printed(dropped)
                ),
                Some(at),
                Vec::new(),
            );
            return Fitted::certain(self.cells_of(fields, placement));
        }
        let candidates: Vec<Vec<Cell>> = kept
            .iter()
            .filter(|(_, _, verdict)| *verdict == Some(true))
            .map(|(_, placement, _)| self.cells_of(fields, placement))
            .collect();
        let choices = if kept.is_empty() {
            "没有一种去法能使该行的合计关系成立".to_owned()
        } else {
            let listed: Vec<String> = kept
                .iter()
                .take(6)
                .map(|(dropped, _, _)| format!("去掉{}", printed(dropped)))
                .collect();
            let more = if kept.len() > 6 {
                format!(" 等 {} 种", kept.len())
            } else {
                String::new()
            };
            format!("去掉哪个不能由合计关系唯一确定（{}{more}）", listed.join("；"))
        };
        self.note(
            Code::ExtraValues,
            format!(
                "“{name}”一行有 {} 个数值（应为 {wanted} 个）：{}；{choices}。该行 {wanted} 个单元格未读取，请核对原件：删去多出的数字（脚注、页码、下一行的数字）即可",
                fields.len(),
                numbers.join(" ")
            ),
            Some(at),
            columns.keys.clone(),
        );
        Fitted {
            cells: columns
                .specs
                .iter()
                .map(|_| Cell::unresolved("数值多于列数，无法确定各数值所在的单元格"))
                .collect(),
            candidates,
            inferred: Inferred::Nothing,
        }
    }

    /// A row with fewer fields than columns, the source not showing which cells are empty.
    fn too_few(&mut self, name: &str, columns: &Columns, fields: &[Field]) -> Fitted {
        let wanted = columns.specs.len();
        let missing = wanted - fields.len();
        let positions: Vec<usize> = (0..wanted).collect();
        let placements = combinations(&positions, missing).map(|gaps| {
            let mut next = 0;
            (0..wanted)
                .map(|column| {
                    if gaps.contains(&column) {
                        None
                    } else {
                        next += 1;
                        Some(next - 1)
                    }
                })
                .collect::<Placement>()
        });
        self.agreeing(name, columns, fields, placements, Shortfall::Missing(missing))
    }

    /// Keeps the placements the row's sums allow and reads the cells they all agree on.
    fn agreeing(
        &mut self,
        name: &str,
        columns: &Columns,
        fields: &[Field],
        placements: impl Iterator<Item = Placement>,
        shortfall: Shortfall,
    ) -> Fitted {
        let wanted = columns.specs.len();
        let mut allowed: Vec<Vec<Cell>> = Vec::new();
        let mut tried = 0;
        for placement in placements {
            tried += 1;
            if tried > MAX_PLACEMENTS {
                allowed.clear();
                break;
            }
            if columns.verdict(&self.values_of(fields, &placement)) != Some(false) {
                allowed.push(self.cells_of(fields, &placement));
            }
        }
        let cells: Vec<Cell> = (0..wanted)
            .map(|column| {
                let first = allowed.first().map(|cells| &cells[column]);
                match first {
                    Some(cell)
                        if !matches!(cell.value, CellValue::Unresolved { .. })
                            && allowed.iter().all(|cells| cells[column].value == cell.value) =>
                    {
                        cell.clone()
                    }
                    _ => Cell::unresolved(match shortfall {
                        Shortfall::None => "多余的空白单元格位置不确定，该单元格无法确定",
                        Shortfall::Missing(_) => "数值少于列数，原件没有标出空白单元格的位置",
                    }),
                }
            })
            .collect();
        let undetermined: Vec<String> = cells
            .iter()
            .zip(&columns.keys)
            .filter(|(cell, _)| matches!(cell.value, CellValue::Unresolved { .. }))
            .map(|(_, key)| key.clone())
            .collect();
        if matches!(shortfall, Shortfall::None) && undetermined.is_empty() {
            // Empty cells or words beyond the template's count, in one place only: layout.
            return Fitted::certain(cells);
        }
        let at = fields.first().map_or(0, |f| f.range.start)..fields.last().map_or(0, |f| f.range.end);
        let numbers: Vec<&str> = fields
            .iter()
            .map(|f| match f.value {
                FieldValue::Empty => "（空）",
                _ => self.source[f.range.clone()].trim(),
            })
            .collect();
        let (code, what, remedy) = match shortfall {
            Shortfall::None => (
                Code::ExtraValues,
                format!(
                    "有 {} 个单元格（应为 {wanted} 个）：{}，多出的是空白单元格或文字",
                    fields.len(),
                    numbers.join(" ")
                ),
                "删去多余的空白单元格即可确定",
            ),
            Shortfall::Missing(missing) => (
                Code::ShortRow,
                format!(
                    "只有 {} 个数值（应为 {wanted} 个）：{}，原件没有标出缺少的 {missing} 个单元格在哪里",
                    fields.len(),
                    numbers.join(" ")
                ),
                "在原件中为空白单元格留出位置（如制表符、“/”或 0）即可确定",
            ),
        };
        let outcome = if allowed.is_empty() {
            format!("没有一种放法能使该行的合计关系成立，{wanted} 个单元格都未读取")
        } else if undetermined.is_empty() {
            format!(
                "{} 种放法中只有一种符合该行的合计关系，已按它读取",
                tried.min(MAX_PLACEMENTS)
            )
        } else {
            format!(
                "{} 种放法符合该行的合计关系，它们一致的 {} 个单元格照常读取，其余 {} 个单元格未读取",
                allowed.len(),
                wanted - undetermined.len(),
                undetermined.len()
            )
        };
        self.note(
            code,
            format!("“{name}”一行{what}；{outcome}。{remedy}"),
            Some(at),
            undetermined,
        );
        Fitted::certain(cells)
    }

    /// The integer value of each column under `placement` (`None` for anything else).
    fn values_of(&self, fields: &[Field], placement: &Placement) -> Vec<Option<i64>> {
        placement
            .iter()
            .map(|field| match field.map(|i| &fields[i].value) {
                Some(FieldValue::Value(value)) => value.integer(),
                _ => None,
            })
            .collect()
    }

    /// The cells of `placement`: a missing cell is undetermined (the source does not print it).
    fn cells_of(&self, fields: &[Field], placement: &Placement) -> Vec<Cell> {
        placement
            .iter()
            .map(|field| match field {
                Some(i) => self.field_cell(fields[*i].clone()),
                None => Cell::unresolved("原件此处没有数值"),
            })
            .collect()
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

    /// The cells of a row whose cell boundaries were lost: its digit runs in `range`, split under
    /// the column grammar and, when several splits remain, the sums among the columns.
    pub(super) fn glued_cells(&mut self, name: &str, columns: &Columns, range: Range<usize>) -> Fitted {
        let glued = glued_tokens(self.source, range.clone());
        let tokens = glued.tokens;
        let kinds: Vec<ValueKind> = columns.specs.iter().map(|c| c.kind).collect();
        let digits = || {
            tokens
                .iter()
                .map(|t| t.chars.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if tokens.is_empty() {
            return Fitted::certain(self.row_without_values(name, columns, range));
        }
        let token_span = tokens[0].offsets[0]..token_end(self.source, &tokens[tokens.len() - 1]);
        let direct = tokens.len() == kinds.len()
            && tokens
                .iter()
                .zip(&kinds)
                .all(|(t, &k)| segment::is_literal(&t.chars, k));
        let split = if glued.dangling_sign || glued.digits_after_text {
            Split::Impossible
        } else if direct {
            // One run per cell: the boundaries are printed, and the values are as printed (a sum
            // they break is the source's).
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
            let sums_hold = |values: &[Option<i64>]| columns.verdict(values) == Some(true);
            segment::split(&tokens, &kinds, &sums_hold)
        };
        let split = if columns.sums.is_empty() && tokens.len() > 1 {
            // With no sums to check a reading, a space between runs is no proof of a cell
            // boundary (a stray number may stand there): a cell is read only where the digits run
            // together allow no other reading of it.
            segment::also_unbroken(split, &tokens, &kinds)
        } else {
            split
        };
        match split {
            Split::Unique(pieces) => Fitted {
                inferred: if direct {
                    Inferred::Nothing
                } else {
                    Inferred::Boundaries
                },
                ..Fitted::certain(pieces.iter().map(|p| self.piece_cell(&tokens, p)).collect())
            },
            Split::Chosen(pieces) => {
                let left_out: Vec<String> = (0..tokens.len())
                    .filter(|&token| pieces.iter().all(|p| p.token != token))
                    .map(|token| format!("“{}”", tokens[token].chars.iter().collect::<String>()))
                    .collect();
                if !left_out.is_empty() {
                    self.note(
                        Code::ExtraValues,
                        format!(
                            "“{name}”一行的数字“{}”多出一段：只有去掉{}时能拆成 {} 个单元格并满足合计关系，已去掉",
                            digits(),
                            left_out.join("、"),
                            kinds.len()
                        ),
                        Some(token_span.clone()),
                        Vec::new(),
                    );
                }
                Fitted {
                    inferred: Inferred::BySums,
                    ..Fitted::certain(pieces.iter().map(|p| self.piece_cell(&tokens, p)).collect())
                }
            }
            Split::Ambiguous {
                agreed,
                count,
                splits,
            } => {
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
                Fitted {
                    // The cells all splits agree on are as uncertain as a split the sums chose.
                    inferred: Inferred::BySums,
                    cells: agreed
                        .iter()
                        .map(|p| match p {
                            Some(p) => self.piece_cell(&tokens, p),
                            None => Cell::unresolved("数字连在一起，拆分不唯一"),
                        })
                        .collect(),
                    candidates: splits
                        .iter()
                        .map(|pieces| pieces.iter().map(|p| self.piece_cell(&tokens, p)).collect())
                        .collect(),
                }
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
                Fitted::certain(
                    columns
                        .specs
                        .iter()
                        .map(|_| Cell::unresolved("数字连在一起，无法拆分"))
                        .collect(),
                )
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

/// Why a row's placements are enumerated.
#[derive(Debug, Clone, Copy)]
enum Shortfall {
    /// Too many fields, only ones holding no number to drop.
    None,
    /// This many cells are not printed.
    Missing(usize),
}

fn token_end(source: &str, token: &Token) -> usize {
    let last = token.offsets[token.offsets.len() - 1];
    last + source[last..].chars().next().map_or(0, char::len_utf8)
}

/// Every way of choosing `k` of `items`, in lexicographic order.
fn combinations(items: &[usize], k: usize) -> impl Iterator<Item = Vec<usize>> + '_ {
    let mut indices: Vec<usize> = (0..k).collect();
    let mut done = k > items.len();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let current: Vec<usize> = indices.iter().map(|&i| items[i]).collect();
        // Advance: the rightmost index that can move, then the ones after it.
        let mut i = k;
        loop {
            if i == 0 {
                done = true;
                break;
            }
            i -= 1;
            if indices[i] < items.len() - k + i {
                indices[i] += 1;
                for j in i + 1..k {
                    indices[j] = indices[j - 1] + 1;
                }
                break;
            }
        }
        Some(current)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_in_order() {
        let all: Vec<Vec<usize>> = combinations(&[1, 3, 5, 7], 2).collect();
        assert_eq!(all, [[1, 3], [1, 5], [1, 7], [3, 5], [3, 7], [5, 7]]);
        assert_eq!(
            combinations(&[1, 2], 0).collect::<Vec<_>>(),
            [Vec::<usize>::new()]
        );
        assert_eq!(combinations(&[1], 2).count(), 0);
        assert_eq!(combinations(&(0..10).collect::<Vec<_>>(), 3).count(), 120);
    }
}
