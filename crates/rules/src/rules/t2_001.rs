//! T2-001 `invalid-document-count`: a 2021 Table 2 count that is not a non-negative integer; and
//! the kind-aware check shared with T2-101.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion, ValueKind};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct InvalidDocumentCount;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-001",
    name: "invalid-document-count",
    severity: Severity::Error,
    title: "主动公开情况表中的件数不是非负整数",
    spec: "format-spec.md §5.3 T2-1 (STRUCTURAL)",
    doc: "\
## 检查什么
2021 版表二中，`本年制发件数`、`本年废止件数`、`现行有效件数` 和各项 `本年处理决定数量` 都是不小于 0 的整数。

## 依据
它们统计截至 12 月 31 日的文件和决定的件数（国办公开办函〔2021〕30号）。

## 示例
`行政许可 | 1,200` 或 `规章 | -1`。

## 例外
收费金额由 T2-002 核对；空白单元格由 S-004 报告。",
};

impl Rule for InvalidDocumentCount {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() == Some(TemplateVersion::V2021) {
            check_table2_integers(cx, &INFO, out);
        }
    }
}

/// Reports every Table 2 count that is not a non-negative integer and every signed count that is
/// not an integer.
pub fn check_table2_integers(cx: &Context, info: &'static RuleInfo, out: &mut Vec<Finding>) {
    let mut reporter = Reporter::new(info, out);
    for row in cx.rows(TableId::T2) {
        for column in row.columns {
            let bad = match (column.kind, cx.value(TableId::T2, row.key, column.key)) {
                (ValueKind::Amount, _) => false,
                (ValueKind::Count, Value::Int(v)) => v < 0,
                (ValueKind::SignedCount, Value::Int(_)) => false,
                (_, Value::Invalid) => true,
                (_, Value::Missing | Value::Unknown) => false,
            };
            if !bad {
                continue;
            }
            let Some(cell) = cx.cell(TableId::T2, row.key, column.key) else {
                continue;
            };
            let printed = cell.value.printed();
            let expected = if column.kind == ValueKind::SignedCount {
                "整数（可带 + 或 -）"
            } else {
                "0 或正整数"
            };
            reporter.report(
                Status::Failed,
                format!(
                    "“{}”的“{}”填的是“{printed}”，应为{expected}",
                    row.label, column.label
                ),
                Some("填写件数（整数），不加单位"),
                vec![fact_key(TableId::T2, row.key, column.key)],
                cell.span.into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn counts_must_be_whole_and_not_negative() {
        assert!(run(&InvalidDocumentCount, &report(V2021, 2022)).is_empty());
        let r = with(
            report(V2021, 2022),
            &[
                ("t2.regulations.issued", "-1"),
                ("t2.licensing.decisions", "1,200"),
                ("t2.admin_fees.amount", "0.5"),
            ],
        );
        let found = run(&InvalidDocumentCount, &r);
        let cells: Vec<&str> = found.iter().map(|f| f.cells[0].as_str()).collect();
        assert_eq!(cells, ["t2.regulations.issued", "t2.licensing.decisions"]);
        // The 2019 table is T2-101's.
        assert!(run(
            &InvalidDocumentCount,
            &with(report(V2019, 2020), &[("t2.regulations.new_made", "-1")])
        )
        .is_empty());
    }
}
