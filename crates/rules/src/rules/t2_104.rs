//! T2-104 `items-do-not-chain`: this year's 上一年项目数量 is not last year's plus its change.

use crate::context::{signed, Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct ItemsDoNotChain;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-104",
    name: "items-do-not-chain",
    severity: Severity::Warning,
    title: "上一年项目数量与上一年度报告的项目数量和增减对不上",
    spec: "format-spec.md §5.4 T2'-4 (HEURISTIC, cross-year)",
    doc: "\
## 检查什么
有同一机关上一年度按 2019 版格式写的报告时，凡有事项数的行：
`上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1)`。

## 依据
上年的数量加上上年的增减，就是本年的起始数量。

## 示例
平潭：行政许可 396（2019 年），本年增/减 0，2020 年仍为 396。

## 例外
目录调整会改变统计口径。这是警告。只在两份 2019 版报告之间核对。",
};

impl Rule for ItemsDoNotChain {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(previous) = cx.previous else { return };
        let v2019 = Some(TemplateVersion::V2019);
        if cx.version() != v2019 || previous.metadata.template.version != v2019 {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        for row in cx
            .rows(TableId::T2)
            .iter()
            .filter(|r| r.columns.iter().any(|c| c.key == "delta"))
        {
            let values = (
                cx.value(TableId::T2, row.key, "prev_items"),
                Context::value_of(previous, TableId::T2, row.key, "prev_items"),
                Context::value_of(previous, TableId::T2, row.key, "delta"),
            );
            let (Value::Int(now), Value::Int(before), Value::Int(delta)) = values else {
                continue;
            };
            if now == before + delta {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!(
                    "{}：上一年项目数量 {now}，按上一年度报告应为 {before} {} = {}，相差 {}",
                    row.label,
                    signed(delta),
                    before + delta,
                    signed(now - before - delta)
                ),
                Some("核对两年报告的项目数量；目录调整请在报告中说明"),
                vec![fact_key(TableId::T2, row.key, "prev_items")],
                cx.span(TableId::T2, row.key, "prev_items").into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, with};
    use nianbao_model::TemplateVersion::V2019;

    #[test]
    fn items_chain_between_2019_reports() {
        let last = with(
            report(V2019, 2019),
            &[("t2.licensing.prev_items", "396"), ("t2.licensing.delta", "0")],
        );
        let this = with(report(V2019, 2020), &[("t2.licensing.prev_items", "396")]);
        let mut found = Vec::new();
        ItemsDoNotChain.check(&Context::new(&this, Some(&last)), &mut found);
        assert!(found.is_empty());
        let this = with(this, &[("t2.licensing.prev_items", "390")]);
        ItemsDoNotChain.check(&Context::new(&this, Some(&last)), &mut found);
        assert_eq!(found.len(), 1);
    }
}
