//! S-004 `blank-cell`: table cells left blank or filled with a placeholder.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct BlankCell;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "S-004",
    name: "blank-cell",
    severity: Severity::Warning,
    title: "表格中有空白或用“/”“—”“无”代替数字的单元格",
    spec: "format-spec.md §5.5 (blank_cell warnings)",
    doc: "\
## 检查什么
表二至表四没有空白的单元格，也没有用占位符（`/`、`—`、`－`、`无`）代替数字的单元格。每个表格行报告一次。

## 依据
空白是*缺失*，不能可靠地当作 0：上海 2019 年报告中，申请人各列的空白相当于 0，但各办理结果行的“总计”列都是空白，
而这些行的分项并不为 0。规则在求和时把空白按 0 计，只因空白而不成立的合计报告为不完整，所有空白都在这里报告。

## 示例
`（四）1.本机关不掌握相关政府信息 | 0 0 0 0 0 0 |`——总计单元格是空的。

## 例外
无：为零请填 0。",
};

impl Rule for BlankCell {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        for table in [TableId::T2, TableId::T3, TableId::T4] {
            for row in cx.rows(table) {
                let blank: Vec<_> = row
                    .columns
                    .iter()
                    .filter(|c| cx.value_printed(table, row.key, c.key) == Value::Missing)
                    .collect();
                if blank.is_empty() {
                    continue;
                }
                let names: Vec<&str> = blank.iter().map(|c| c.label).collect();
                let label = row.group.filter(|_| table == TableId::T4).unwrap_or("");
                reporter.report(
                    Status::Failed,
                    format!(
                        "“{label}{}”一行有 {} 个单元格未填数字：{}",
                        row.label,
                        blank.len(),
                        names.join("、")
                    ),
                    Some("没有的填 0，不要留空或填“/”"),
                    blank.iter().map(|c| fact_key(table, row.key, c.key)).collect(),
                    blank
                        .iter()
                        .filter_map(|c| cx.span(table, row.key, c.key))
                        .collect(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn one_finding_per_row_with_blanks() {
        assert!(run(&BlankCell, &report(V2021, 2022)).is_empty());
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.unable.not_held.total", ""),
                ("t3.unable.not_held.research", "/"),
                ("t4.review.total", "—"),
            ],
        );
        let found = run(&BlankCell, &r);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].cells,
            ["t3.unable.not_held.research", "t3.unable.not_held.total"]
        );
        assert_eq!(
            found[0].message,
            "“1.本机关不掌握相关政府信息”一行有 2 个单元格未填数字：科研机构、总计"
        );
    }
}
