//! The one table reader: Tables 2, 3 and 4 from the rows of any input kind.
//!
//! Every value is assigned by its row's label, never by its position in a stream of numbers.
//! A reader gives the table reader what its input has:
//!
//! * **text**: the regions where each table stands. Row labels are found in
//!   template order in the normalised text ([`text_rows`]), and a row's values are those between
//!   its label and the next row's label; a stray number therefore stays in its own row.
//! * **grid rows**: the rows of the document's tables (HTML, DOCX, Markdown, and
//!   lines shaped like rows), each with its cells. A row's label is its leading text cells; the
//!   rows and the template are aligned so that as many rows as possible match ([`grid_rows`]).
//!   A table the rows do not hold is read from the text ([`read`]).
//!
//! From there on every input kind is read the same way ([`Reading`]): label words and their
//! variants ([`labels`]), values as printed ([`values`]), fitting a row's fields to the
//! template's columns, splitting digit runs whose cell boundaries were lost under the table's
//! declared sums ([`segment`], [`nianbao_model::arithmetic`]), and one set of diagnostics.

mod fit;
mod grid_rows;
pub(crate) mod labels;
pub(crate) mod segment;
mod text_rows;
pub(crate) mod values;

use crate::lines::LineIndex;
use fit::{Columns, Fitted, Inferred, Layout};
pub(crate) use grid_rows::{RowCell, TableRow};
use nianbao_model::arithmetic::{self, Sum, SumKind, Term};
use nianbao_model::template::{self, RowSpec, TableId};
use nianbao_model::{Cell, Code, Diagnostic, Row, Spanned, Table, TemplateVersion};
use nianbao_normalize::Compact;
use std::ops::Range;
pub(crate) use text_rows::Region;
use values::Field;

/// The tables of one report, and what reading them noticed.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    /// Table 2, if any of its rows was found.
    pub(crate) table2: Option<Table>,
    /// Table 3, if any of its rows was found.
    pub(crate) table3: Option<Table>,
    /// Table 4, if its header or data row was found.
    pub(crate) table4: Option<Table>,
    /// What the reader noticed, in reading order.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether a row was printed in the other template version's wording.
    pub(crate) hybrid_label: bool,
}

/// Where the three tables of a text stand.
pub(crate) struct TextRegions {
    /// Table 2's region (section 二).
    pub(crate) table2: Region,
    /// Table 3's region (section 三).
    pub(crate) table3: Region,
    /// Table 4's region (section 四).
    pub(crate) table4: Region,
}

/// Reads the tables of a report: from the rows of its document's tables when it has any
/// (`rows`, laid out in `source`), and from the text's regions for a table those rows do not hold
/// (plain text, or a table a document holds as lines rather than as a table). `compact` is the
/// normalised view of the regions.
pub(crate) fn read(
    source: &str,
    compact: &Compact,
    lines: &LineIndex,
    version: TemplateVersion,
    rows: Option<&[TableRow]>,
    regions: &TextRegions,
) -> Tables {
    let mut reading = Reading::new(source, lines, version);
    let (mut table2, mut table3, mut table4) = (None, None, None);
    if let Some(rows) = rows {
        let shaped = grid_rows::shape(source, rows);
        let found2 = reading.grid_table(&shaped, TableId::T2);
        let found3 = reading.grid_table(&shaped, TableId::T3);
        let after = found3.as_ref().or(found2.as_ref()).map(|(_, last)| *last);
        table4 = reading.grid_table4(&shaped, after);
        table2 = found2.map(|(t, _)| t);
        table3 = found3.map(|(t, _)| t);
    }
    if table2.is_none() {
        table2 = reading.text_table(compact, TableId::T2, &regions.table2);
    }
    if table3.is_none() {
        table3 = reading.text_table(compact, TableId::T3, &regions.table3);
    }
    if table4.is_none() {
        table4 = reading.text_table4(compact, &regions.table4);
    }
    reading.finish(table2, table3, table4)
}

/// The state of reading one report's tables: what every locator hands its rows to.
struct Reading<'a> {
    source: &'a str,
    lines: &'a LineIndex<'a>,
    version: TemplateVersion,
    diagnostics: Vec<Diagnostic>,
    hybrid_label: bool,
}

/// A template row as a locator found it.
struct Found {
    /// Its label as printed, or `None` for a row placed by template order.
    label: Option<Label>,
    /// Its values.
    values: Values,
    /// Whether it was placed by template order, having no label of its own.
    by_position: bool,
}

/// A row label as printed.
struct Label {
    /// The words, lines joined.
    printed: String,
    /// Where, numbering included.
    range: Range<usize>,
    /// Whether the wording is the other template version's.
    other_version: bool,
}

/// A row's values as the source has them.
enum Values {
    /// Fields still separated, laid out as `Layout` says; `Range` is where they are.
    Fields(Vec<Field>, Layout, Range<usize>),
    /// Digits whose cell boundaries were lost, in this range.
    Glued(Range<usize>),
    /// None: the row stands where a row was refused, for this reason (already said).
    Refused(&'static str),
}

impl<'a> Reading<'a> {
    fn new(source: &'a str, lines: &'a LineIndex<'a>, version: TemplateVersion) -> Self {
        Reading {
            source,
            lines,
            version,
            diagnostics: Vec::new(),
            hybrid_label: false,
        }
    }

    fn finish(self, table2: Option<Table>, table3: Option<Table>, table4: Option<Table>) -> Tables {
        Tables {
            table2,
            table3,
            table4,
            diagnostics: self.diagnostics,
            hybrid_label: self.hybrid_label,
        }
    }

    fn note(&mut self, code: Code, message: String, range: Option<Range<usize>>, facts: Vec<String>) {
        let diagnostic = self.lines.diagnostic(code, message, range, facts);
        self.diagnostics.push(diagnostic);
    }

    /// Builds table `id` from the rows found for each template row, in template order; rows left
    /// open by their own sums are then decided by the table's column sums where they can be.
    fn table(&mut self, id: TableId, found: Vec<Option<Found>>) -> Table {
        let spec = template::spec(id, self.version);
        let mut rows = Vec::with_capacity(spec.rows.len());
        let mut open = Vec::new();
        let mut by_position = Vec::new();
        let mut chosen = Vec::new();
        for ((index, row_spec), found) in spec.rows.iter().enumerate().zip(found) {
            let columns = Columns::of_rows(id, self.version, index..index + 1);
            let Some(found) = found else {
                self.note(
                    Code::RowNotFound,
                    format!(
                        "{}中没有找到“{}”一行，该行各单元格无法读取",
                        table_name(id),
                        row_spec.label
                    ),
                    None,
                    columns.keys,
                );
                rows.push(unresolved_row(row_spec, "未找到该行"));
                continue;
            };
            if let Some(label) = found.label.as_ref().filter(|l| l.other_version) {
                self.hybrid_label = true;
                self.note(
                    Code::HybridLabel,
                    format!(
                        "{}版表格中的“{}”一行使用了另一版格式的名称“{}”",
                        self.version, row_spec.label, label.printed
                    ),
                    Some(label.range.clone()),
                    Vec::new(),
                );
            }
            let name = found
                .label
                .as_ref()
                .map_or(row_spec.label, |l| l.printed.as_str())
                .to_owned();
            if found.by_position {
                by_position.push(index);
            }
            let fitted = self.cells(&name, &columns, found.values);
            if fitted.inferred != Inferred::Nothing {
                chosen.push((index, name.clone(), fitted.inferred));
            }
            if !fitted.candidates.is_empty() {
                open.push(Open {
                    row: index,
                    candidates: fitted.candidates,
                    diagnostic: self.diagnostics.len() - 1,
                });
            }
            rows.push(Row {
                key: row_spec.key.to_owned(),
                label: found
                    .label
                    .map(|l| Spanned::new(l.printed, self.lines.span(l.range.start, l.range.end))),
                cells: fitted.cells,
            });
        }
        self.decide_by_columns(id, &mut rows, open);
        self.corroborate(id, &mut rows, &chosen);
        self.check_by_position(id, &mut rows, &by_position);
        Table { id, rows }
    }

    /// Cell boundaries the reader inferred in digits run together are checked once more against
    /// the table's column sums, which a stray or a lost number would break: a reading is withdrawn
    /// (its cells undetermined) when every column sum of one of its cells fails — except that a
    /// split the grammar forced in an outcome row stands against its one sum, the outcomes, which
    /// also fails when the source misprints （七）总计 (Pingtan 2020). A source's own error in
    /// one column otherwise leaves a cell's other sum holding.
    fn corroborate(&mut self, id: TableId, rows: &mut [Row], chosen: &[(usize, String, Inferred)]) {
        let sums: Vec<&Sum> = arithmetic::sums(self.version)
            .iter()
            .filter(|s| s.table == id && matches!(s.kind, SumKind::CarryOver | SumKind::Outcomes))
            .collect();
        let value = |rows: &[Row], t: &Term| {
            rows[t.row_index]
                .cells
                .get(t.column_index)
                .and_then(|c| c.value.integer())
        };
        // Every row is judged on the readings as they stand, before any is withdrawn: a
        // withdrawn row would make its neighbours' sums undecidable, and them seem sound.
        let mut contradicted_rows = Vec::new();
        for (row, name, inferred) in chosen {
            let columns = rows[*row].cells.len();
            let contradicted = (0..columns).find(|&column| {
                let touching: Vec<&&Sum> = sums
                    .iter()
                    .filter(|s| s.terms().any(|t| t.row_index == *row && t.column_index == column))
                    .collect();
                let verdicts: Vec<Option<bool>> = touching
                    .iter()
                    .map(|s| s.holds(|t| value(rows, t)))
                    .filter(Option::is_some)
                    .collect();
                // An outcome row's one sum also fails when the source misprints （七）总计:
                // for a split the grammar forced, that alone proves nothing.
                let only_outcomes = touching.iter().all(|s| s.kind == SumKind::Outcomes);
                let needed = match inferred {
                    Inferred::BySums => 1,
                    _ if only_outcomes => 2,
                    _ => 1,
                };
                verdicts.len() >= needed && verdicts.iter().all(|v| *v == Some(false))
            });
            if let Some(column) = contradicted {
                contradicted_rows.push((*row, name, column));
            }
        }
        for (row, name, column) in contradicted_rows {
            let row = &row;
            let spec = template::spec(id, self.version);
            let row_spec = &spec.rows[*row];
            let facts: Vec<String> = row_spec
                .columns
                .iter()
                .map(|c| template::fact_key(id, row_spec.key, c.key))
                .collect();
            for cell in &mut rows[*row].cells {
                *cell = Cell::unresolved("连在一起的数字按该行合计拆分，但与各列合计关系不符");
            }
            self.note(
                Code::UnsplittableDigits,
                format!(
                    "“{name}”一行连在一起的数字拆开后，“{}”列与表三各列的合计关系都不符，拆分不可信（可能混入或缺少了数字），该行各单元格留空",
                    row_spec.columns[column].label
                ),
                None,
                facts,
            );
        }
    }

    /// Rows placed by template order stand only where the table's column sums agree: a column
    /// sum that fails through one of them may come from the placement, not from the source, so
    /// those rows' cells become undetermined and the sum is not judged.
    fn check_by_position(&mut self, id: TableId, rows: &mut [Row], placed: &[usize]) {
        if placed.is_empty() {
            return;
        }
        let failing: Vec<&Sum> = arithmetic::sums(self.version)
            .iter()
            .filter(|s| s.table == id && matches!(s.kind, SumKind::CarryOver | SumKind::Outcomes))
            .filter(|s| {
                s.terms().any(|t| placed.contains(&t.row_index))
                    && s.holds(|t| {
                        rows[t.row_index]
                            .cells
                            .get(t.column_index)
                            .and_then(|c| c.value.integer())
                    }) == Some(false)
            })
            .collect();
        let mut refused: Vec<usize> = failing
            .iter()
            .flat_map(|s| s.terms().map(|t| t.row_index))
            .filter(|row| placed.contains(row))
            .collect();
        refused.sort_unstable();
        refused.dedup();
        if refused.is_empty() {
            return;
        }
        let spec = template::spec(id, self.version);
        let mut facts = Vec::new();
        for &row in &refused {
            for (cell, column) in rows[row].cells.iter_mut().zip(spec.rows[row].columns) {
                *cell = Cell::unresolved("按模板顺序放置后列合计关系不成立，位置不可信");
                facts.push(template::fact_key(id, spec.rows[row].key, column.key));
            }
        }
        let names: Vec<&str> = refused.iter().map(|&r| spec.rows[r].label).collect();
        self.note(
            Code::RowByPosition,
            format!(
                "{}中按模板顺序放置的“{}”使列的合计关系不成立，位置不可信，这些行的单元格未读取",
                table_name(id),
                names.join("”“")
            ),
            None,
            facts,
        );
    }

    /// Rows whose own sums left several readings open are decided by the table's column sums
    /// (Table 3: each column's outcomes and its carry-over): a reading is taken when it is the
    /// only one those sums allow, and it leaves every one of them decidable and holding.
    /// Repeated while a decision makes another possible.
    fn decide_by_columns(&mut self, id: TableId, rows: &mut [Row], mut open: Vec<Open>) {
        let sums: Vec<&Sum> = arithmetic::sums(self.version)
            .iter()
            .filter(|s| s.table == id && matches!(s.kind, SumKind::CarryOver | SumKind::Outcomes))
            .collect();
        while let Some((at, chosen)) = open.iter().enumerate().find_map(|(at, row)| {
            let touching: Vec<&Sum> = sums
                .iter()
                .copied()
                .filter(|s| s.terms().any(|t| t.row_index == row.row))
                .collect();
            if touching.is_empty() {
                return None;
            }
            let verdict = |candidate: &[Cell]| -> Option<bool> {
                let value = |term: &Term| {
                    let cells = if term.row_index == row.row {
                        candidate
                    } else {
                        &rows[term.row_index].cells
                    };
                    cells.get(term.column_index).and_then(|c| c.value.integer())
                };
                let mut verdict = Some(true);
                for sum in &touching {
                    match sum.holds(value) {
                        Some(false) => return Some(false),
                        None => verdict = None,
                        Some(true) => {}
                    }
                }
                verdict
            };
            let allowed: Vec<(usize, Option<bool>)> = row
                .candidates
                .iter()
                .map(|c| verdict(c))
                .enumerate()
                .filter(|(_, v)| *v != Some(false))
                .collect();
            match allowed.as_slice() {
                [(chosen, Some(true))] => Some((at, *chosen)),
                _ => None,
            }
        }) {
            let row = open.remove(at);
            rows[row.row].cells = row.candidates.into_iter().nth(chosen).unwrap_or_default();
            // What was open is said up to the first `；`; what decided it replaces the rest.
            let diagnostic = &mut self.diagnostics[row.diagnostic];
            let open_part = diagnostic
                .message
                .split('；')
                .next()
                .unwrap_or_default()
                .to_owned();
            diagnostic.message = format!("{open_part}；表三各列的合计关系只容许其中一种读法，已按它读取该行");
            diagnostic.facts.clear();
        }
    }

    /// Builds Table 4 from its one row of 15 values.
    fn table4(&mut self, values: Values) -> Table {
        let spec = &template::TABLE4;
        let columns = Columns::of_rows(TableId::T4, self.version, 0..spec.rows.len());
        let mut cells = self.cells("表四数据行", &columns, values).cells.into_iter();
        let rows = spec
            .rows
            .iter()
            .map(|row| Row {
                key: row.key.to_owned(),
                label: None,
                cells: cells.by_ref().take(row.columns.len()).collect(),
            })
            .collect();
        Table {
            id: TableId::T4,
            rows,
        }
    }

    fn cells(&mut self, name: &str, columns: &Columns, values: Values) -> Fitted {
        match values {
            Values::Fields(fields, layout, range) => self.fitted_cells(name, columns, fields, layout, range),
            Values::Glued(range) => self.glued_cells(name, columns, range),
            Values::Refused(reason) => {
                Fitted::certain(columns.specs.iter().map(|_| Cell::unresolved(reason)).collect())
            }
        }
    }
}

/// A row its own sums left open: its template index, the whole-row readings still possible,
/// and the diagnostic that said so.
struct Open {
    row: usize,
    candidates: Vec<Vec<Cell>>,
    diagnostic: usize,
}

/// A table's name in messages.
pub(crate) fn table_name(id: TableId) -> &'static str {
    match id {
        TableId::T2 => "表二（主动公开政府信息情况）",
        TableId::T3 => "表三（收到和处理政府信息公开申请情况）",
        TableId::T4 => "表四（行政复议、行政诉讼情况）",
    }
}

fn unresolved_row(spec: &RowSpec, reason: &str) -> Row {
    Row {
        key: spec.key.to_owned(),
        label: None,
        cells: spec.columns.iter().map(|_| Cell::unresolved(reason)).collect(),
    }
}
