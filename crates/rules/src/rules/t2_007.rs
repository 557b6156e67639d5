//! T2-007 `stock-does-not-chain`: this year's 现行有效件数 does not follow from last year's.

use crate::context::{signed, Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct StockDoesNotChain;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-007",
    name: "stock-does-not-chain",
    severity: Severity::Warning,
    title: "现行有效件数与上年现行有效、本年制发和废止对不上",
    spec: "format-spec.md §5.3 T2-7 (HEURISTIC, weak, cross-year)",
    doc: "\
## 检查什么
有同一机关上一年度按 2021 版格式写的报告时，规章和行政规范性文件：
`现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)`。

## 依据
年末存量等于上年存量加上本年制发，减去本年废止。

## 示例
2021 年现行有效 665 件；2022 年制发 58 件、废止 45 件、现行有效 546 件（应为 678 件）。

## 例外
弱规则：有有效期的文件到期失效而不废止，修改和清理会改变存量。这是警告。从不跨 2020 → 2021 适用：2019 版的
`对外公开总数量` 是另一个量（平潭：2020 年 166，2021 年 665）。",
};

impl Rule for StockDoesNotChain {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(previous) = cx.previous else { return };
        let v2021 = Some(TemplateVersion::V2021);
        if cx.version() != v2021 || previous.metadata.template.version != v2021 {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        for (row, label) in [("regulations", "规章"), ("normative_docs", "行政规范性文件")] {
            let values = (
                cx.value(TableId::T2, row, "in_force"),
                cx.value(TableId::T2, row, "issued"),
                cx.value(TableId::T2, row, "repealed"),
                Context::value_of(previous, TableId::T2, row, "in_force"),
            );
            let (Value::Int(stock), Value::Int(issued), Value::Int(repealed), Value::Int(before)) = values
            else {
                continue;
            };
            let expected = before + issued - repealed;
            if stock == expected {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!(
                    "{label}：现行有效 {stock} 件，按上年现行有效 {before} + 本年制发 {issued} − 废止 {repealed} 应为 {expected} 件，相差 {}",
                    signed(stock - expected)
                ),
                Some("有效期届满或清理造成的差异请在报告中说明"),
                vec![fact_key(TableId::T2, row, "in_force")],
                cx.span(TableId::T2, row, "in_force").into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, with};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn stock_chains_within_the_2021_template_only() {
        let last = with(report(V2021, 2021), &[("t2.normative_docs.in_force", "665")]);
        let this = with(
            report(V2021, 2022),
            &[
                ("t2.normative_docs.issued", "58"),
                ("t2.normative_docs.repealed", "45"),
                ("t2.normative_docs.in_force", "546"),
            ],
        );
        let mut found = Vec::new();
        StockDoesNotChain.check(&Context::new(&this, Some(&last)), &mut found);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("应为 678 件，相差 -132"),
            "{}",
            found[0].message
        );
        let old = report(V2019, 2020);
        found.clear();
        StockDoesNotChain.check(&Context::new(&this, Some(&old)), &mut found);
        assert!(found.is_empty());
    }
}
