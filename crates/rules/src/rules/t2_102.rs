//! T2-102 `negative-item-stock`: last year's items plus this year's change is below zero.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct NegativeItemStock;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-102",
    name: "negative-item-stock",
    severity: Severity::Warning,
    title: "上一年项目数量加本年增减后小于零",
    spec: "format-spec.md §5.4 T2'-2 (HEURISTIC)",
    doc: "\
## 检查什么
2019 版表二中，凡有 `上一年项目数量` 和 `本年增/减` 的行：`上一年项目数量 + 本年增/减 ≥ 0`。

## 依据
两者之和是本年的事项数，不可能为负。

## 示例
`行政事业性收费 | 35 | -40`。

## 例外
未见；因数字常为估计，定为警告。",
};

impl Rule for NegativeItemStock {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() != Some(TemplateVersion::V2019) {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        for row in cx
            .rows(TableId::T2)
            .iter()
            .filter(|r| r.columns.iter().any(|c| c.key == "delta"))
        {
            let (Value::Int(prev), Value::Int(delta)) = (
                cx.value(TableId::T2, row.key, "prev_items"),
                cx.value(TableId::T2, row.key, "delta"),
            ) else {
                continue;
            };
            if prev + delta >= 0 {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!(
                    "{}：上一年项目数量 {prev} 加本年增/减 {delta} 为 {}，项目数不能为负",
                    row.label,
                    prev + delta
                ),
                Some("核对上一年项目数量和本年增减"),
                vec![
                    fact_key(TableId::T2, row.key, "delta"),
                    fact_key(TableId::T2, row.key, "prev_items"),
                ],
                cx.span(TableId::T2, row.key, "delta").into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2019;

    #[test]
    fn stock_cannot_go_negative() {
        let r = with(
            report(V2019, 2020),
            &[("t2.admin_fees.prev_items", "35"), ("t2.admin_fees.delta", "-15")],
        );
        assert!(run(&NegativeItemStock, &r).is_empty());
        let r = with(r, &[("t2.admin_fees.delta", "-40")]);
        assert_eq!(run(&NegativeItemStock, &r)[0].cells[0], "t2.admin_fees.delta");
    }
}
