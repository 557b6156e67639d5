//! The arithmetic of Tables 3 and 4 (勾稽关系), declared once as data.
//!
//! Every relation is written as one printed total and the signed cells it must equal:
//! `total = Σ ± part`. The rules check them, the Excel exporter writes them as check formulas,
//! and the reader uses them to choose among the ways a run of glued digits can be split. Table 2
//! has no sums.
//!
//! Relations are declared with the template's row and column keys and resolved against
//! [`template`] when first used; a key that names no cell is a bug, and the
//! tests of this module (which resolve every relation of both versions) catch it.

use crate::template::{self, RowSpec, TableId, TemplateVersion, T3_COLUMNS, T4_COLUMNS};
use std::sync::OnceLock;

/// What a relation states, one per rule of spec §5.1–§5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SumKind {
    /// Table 3, in each column: `一 + 二 − 四 = 三（七）总计` (spec T3-1, printed in the table's
    /// own header).
    CarryOver,
    /// Table 3, in each column: the outcomes （一）…（六） add up to `（七）总计` (spec T3-2).
    Outcomes,
    /// Table 3, in each row: the six applicant columns add up to `总计` (spec T3-3).
    RowTotal,
    /// Table 4, in each group (复议, 直接起诉, 复议后起诉): the four results add up to `总计`
    /// (spec T4-1…T4-3).
    CaseTotal,
}

/// One cell of a relation: where it is in the template, and its sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The row's key (`granted`).
    pub row: &'static str,
    /// The column's key (`natural_person`).
    pub column: &'static str,
    /// The row's index in the template version's table.
    pub row_index: usize,
    /// The column's index within the row.
    pub column_index: usize,
    /// `+1` or `-1`.
    pub sign: i8,
}

impl Term {
    /// The cell's fact key (`t3.granted.natural_person`).
    pub fn fact_key(&self, table: TableId) -> String {
        template::fact_key(table, self.row, self.column)
    }
}

/// One relation: `total = Σ sign · part`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    /// What it states.
    pub kind: SumKind,
    /// The table it is about.
    pub table: TableId,
    /// The printed total the parts must add up to.
    pub total: Term,
    /// The parts, each with its sign, in template order.
    pub parts: Vec<Term>,
}

impl Sum {
    /// Every cell of the relation: the total first, then the parts.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        std::iter::once(&self.total).chain(&self.parts)
    }

    /// Whether the relation holds for the values of its cells, given by `value` (a total of
    /// `None` or a part of `None` makes it undecided: `None`). Sums that overflow are undecided.
    pub fn holds(&self, mut value: impl FnMut(&Term) -> Option<i64>) -> Option<bool> {
        let total = value(&self.total)?;
        let mut sum = 0i64;
        for part in &self.parts {
            let v = value(part)?;
            sum = if part.sign < 0 {
                sum.checked_sub(v)?
            } else {
                sum.checked_add(v)?
            };
        }
        Some(sum == total)
    }
}

/// Every relation of Tables 3 and 4 in `version`, in rule order: carry-over and outcomes per
/// column, then row totals per row of Table 3, then the case totals of Table 4.
pub fn sums(version: TemplateVersion) -> &'static [Sum] {
    static CELL: OnceLock<[Vec<Sum>; 2]> = OnceLock::new();
    let all = CELL.get_or_init(|| [declare(TemplateVersion::V2019), declare(TemplateVersion::V2021)]);
    match version {
        TemplateVersion::V2019 => &all[0],
        TemplateVersion::V2021 => &all[1],
    }
}

/// The relations of `version` of kind `kind`.
pub fn sums_of(version: TemplateVersion, kind: SumKind) -> impl Iterator<Item = &'static Sum> {
    sums(version).iter().filter(move |s| s.kind == kind)
}

/// The relations whose every cell lies in `rows` (template row indices) of `table`: those a
/// reader can use to check the values of those rows alone.
pub fn sums_within(
    version: TemplateVersion,
    table: TableId,
    rows: std::ops::Range<usize>,
) -> impl Iterator<Item = &'static Sum> {
    sums(version)
        .iter()
        .filter(move |s| s.table == table && s.terms().all(|t| rows.contains(&t.row_index)))
}

/// Declares the relations of `version` (resolving every key; an unknown key panics, which the
/// tests catch).
fn declare(version: TemplateVersion) -> Vec<Sum> {
    let table3 = template::spec(TableId::T3, version);
    let term = |spec: &'static template::TableSpec, row: &'static str, column: &'static str, sign: i8| {
        let row_index = spec
            .row_index(row)
            .unwrap_or_else(|| panic!("arithmetic: no row `{row}` in {:?} {version}", spec.id));
        let column_index = spec.rows[row_index]
            .columns
            .iter()
            .position(|c| c.key == column)
            .unwrap_or_else(|| panic!("arithmetic: no column `{column}` in row `{row}`"));
        Term {
            row,
            column,
            row_index,
            column_index,
            sign,
        }
    };
    let outcome_rows: Vec<&'static RowSpec> = table3
        .rows
        .iter()
        .skip_while(|r| r.key != "granted")
        .take_while(|r| r.key != "total_processed")
        .collect();
    let mut sums = Vec::new();
    for column in T3_COLUMNS.iter().map(|c| c.key) {
        // 三（七） = 一 + 二 − 四; parts in the order findings name the cells: the printed side
        // (（七）, 四) before the computed one (一, 二).
        sums.push(Sum {
            kind: SumKind::CarryOver,
            table: TableId::T3,
            total: term(table3, "total_processed", column, 1),
            parts: vec![
                term(table3, "carried_out", column, -1),
                term(table3, "new_received", column, 1),
                term(table3, "carried_in", column, 1),
            ],
        });
        sums.push(Sum {
            kind: SumKind::Outcomes,
            table: TableId::T3,
            total: term(table3, "total_processed", column, 1),
            parts: outcome_rows
                .iter()
                .map(|r| term(table3, r.key, column, 1))
                .collect(),
        });
    }
    let (applicants, total) = T3_COLUMNS.split_at(T3_COLUMNS.len() - 1);
    for row in table3.rows {
        sums.push(Sum {
            kind: SumKind::RowTotal,
            table: TableId::T3,
            total: term(table3, row.key, total[0].key, 1),
            parts: applicants
                .iter()
                .map(|c| term(table3, row.key, c.key, 1))
                .collect(),
        });
    }
    let (results, total) = T4_COLUMNS.split_at(T4_COLUMNS.len() - 1);
    for group in template::TABLE4.rows {
        sums.push(Sum {
            kind: SumKind::CaseTotal,
            table: TableId::T4,
            total: term(&template::TABLE4, group.key, total[0].key, 1),
            parts: results
                .iter()
                .map(|c| term(&template::TABLE4, group.key, c.key, 1))
                .collect(),
        });
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_names_template_cells() {
        for version in [TemplateVersion::V2019, TemplateVersion::V2021] {
            let all = sums(version);
            for sum in all {
                let spec = template::spec(sum.table, version);
                for term in sum.terms() {
                    let row = &spec.rows[term.row_index];
                    assert_eq!(row.key, term.row);
                    assert_eq!(row.columns[term.column_index].key, term.column);
                }
            }
            let count = |kind| sums_of(version, kind).count();
            assert_eq!(count(SumKind::CarryOver), 7);
            assert_eq!(count(SumKind::Outcomes), 7);
            assert_eq!(
                count(SumKind::RowTotal),
                template::spec(TableId::T3, version).rows.len()
            );
            assert_eq!(count(SumKind::CaseTotal), 3);
        }
    }

    #[test]
    fn outcomes_follow_the_version() {
        let parts = |version| {
            sums_of(version, SumKind::Outcomes)
                .next()
                .map(|s| s.parts.len())
                .unwrap_or_default()
        };
        // （一）（二）, （三）1–8, （四）1–3, （五）1–5, then （六）: one row in 2019, three in 2021.
        assert_eq!(parts(TemplateVersion::V2019), 2 + 8 + 3 + 5 + 1);
        assert_eq!(parts(TemplateVersion::V2021), 2 + 8 + 3 + 5 + 3);
    }

    #[test]
    fn holds_applies_the_signs() {
        let carry = sums_of(TemplateVersion::V2021, SumKind::CarryOver)
            .next()
            .expect("a carry-over relation");
        // 一 64 + 二 0 − 四 1 = 三（七）63 (Pingtan 2021, 自然人).
        let values = |t: &Term| match t.row {
            "new_received" => Some(64),
            "carried_in" => Some(0),
            "carried_out" => Some(1),
            _ => Some(63),
        };
        assert_eq!(carry.holds(values), Some(true));
        assert_eq!(carry.holds(|t| (t.row != "carried_in").then_some(1)), None);
    }

    #[test]
    fn relations_within_rows() {
        let t3 = template::spec(TableId::T3, TemplateVersion::V2021);
        let granted = t3.row_index("granted").expect("granted");
        let within: Vec<&Sum> =
            sums_within(TemplateVersion::V2021, TableId::T3, granted..granted + 1).collect();
        assert_eq!(within.len(), 1);
        assert_eq!(within[0].kind, SumKind::RowTotal);
        assert_eq!(sums_within(TemplateVersion::V2019, TableId::T4, 0..3).count(), 3);
    }
}
