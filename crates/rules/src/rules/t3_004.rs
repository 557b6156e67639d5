//! T3-004 `invalid-count`: a Table 3 cell that is not a non-negative integer.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, T3_COLUMNS};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct InvalidCount;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-004",
    name: "invalid-count",
    severity: Severity::Error,
    title: "申请数量不是非负整数",
    spec: "format-spec.md §5.1 T3-4 (STRUCTURAL)",
    doc: "\
## 检查什么
表三的每个单元格都是申请件数：不小于 0 的整数。

## 依据
表三按申请人类别和办理结果统计申请件数；负数、小数或文字都不是件数，而表中各项合计都依赖这些单元格。

## 示例
表三某格中的 `-1`、`2.5`、`约3件`。

## 例外
空白和占位符（`/`、`—`、`无`）不算无效：由 S-004 报告。",
};

impl Rule for InvalidCount {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        check_counts(cx, TableId::T3, &INFO, out);
    }
}

/// Reports every cell of `table` that is not a non-negative integer (shared with T4-004).
pub fn check_counts(cx: &Context, table: TableId, info: &'static RuleInfo, out: &mut Vec<Finding>) {
    let mut reporter = Reporter::new(info, out);
    for row in cx.rows(table) {
        for column in row.columns {
            let value = cx.value(table, row.key, column.key);
            let bad = match value {
                Value::Int(v) => v < 0,
                Value::Invalid => true,
                Value::Missing | Value::Unknown => false,
            };
            if !bad {
                continue;
            }
            let Some(cell) = cx.cell(table, row.key, column.key) else {
                continue;
            };
            let printed = cell.value.printed();
            let column_name = if table == TableId::T3 {
                T3_COLUMNS
                    .iter()
                    .find(|c| c.key == column.key)
                    .map_or("", |c| c.label)
            } else {
                column.label
            };
            reporter.report(
                Status::Failed,
                format!(
                    "“{}”一行“{}”列填的是“{printed}”，应为 0 或正整数",
                    row.label, column_name
                ),
                Some("填写件数（整数）；没有的填 0"),
                vec![fact_key(table, row.key, column.key)],
                cell.span.into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn negatives_fractions_and_words_are_invalid() {
        assert!(run(&InvalidCount, &report(V2021, 2022)).is_empty());
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.granted.natural_person", "-1"),
                ("t3.partial.total", "2.5"),
                ("t3.carried_out.research", "约3件"),
                ("t3.carried_in.total", "/"),
                ("t3.new_received.total", ""),
            ],
        );
        let found = run(&InvalidCount, &r);
        let cells: Vec<&str> = found.iter().map(|f| f.cells[0].as_str()).collect();
        assert_eq!(
            cells,
            [
                "t3.granted.natural_person",
                "t3.partial.total",
                "t3.carried_out.research"
            ]
        );
        assert_eq!(
            found[2].message,
            "“四、结转下年度继续办理”一行“科研机构”列填的是“约3件”，应为 0 或正整数"
        );
    }
}
