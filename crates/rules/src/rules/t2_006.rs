//! T2-006 `repealed-exceeds-stock`: more documents repealed than were in force plus issued.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct RepealedExceedsStock;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-006",
    name: "repealed-exceeds-stock",
    severity: Severity::Warning,
    title: "本年废止件数超过上年现行有效与本年制发之和",
    spec: "format-spec.md §5.3 T2-6 (HEURISTIC, cross-year)",
    doc: "\
## 检查什么
有同一机关上一年度按 2021 版格式写的报告时，规章和行政规范性文件：
`本年废止件数(Y) ≤ 现行有效件数(Y−1) + 本年制发件数(Y)`。

## 依据
只有存在的文件才能废止：上年末有效的和本年制发的。

## 示例
2021 年现行有效 10 件；2022 年制发 2 件、废止 15 件。

## 例外
清理后重新统计会改变上年的存量。这是警告。不跨 2020 → 2021 的格式变更适用（2019 版的 `对外公开总数量` 是另一个量）。",
};

impl Rule for RepealedExceedsStock {
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
                cx.value(TableId::T2, row, "repealed"),
                cx.value(TableId::T2, row, "issued"),
                Context::value_of(previous, TableId::T2, row, "in_force"),
            );
            let (Value::Int(repealed), Value::Int(issued), Value::Int(stock)) = values else {
                continue;
            };
            if repealed <= stock + issued {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!(
                    "{label}：本年废止 {repealed} 件，多于上年现行有效 {stock} 件与本年制发 {issued} 件之和"
                ),
                Some("核对废止件数及上年现行有效件数"),
                vec![fact_key(TableId::T2, row, "repealed")],
                cx.span(TableId::T2, row, "repealed").into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn cannot_repeal_what_never_existed() {
        let last = with(report(V2021, 2021), &[("t2.normative_docs.in_force", "10")]);
        let this = with(
            report(V2021, 2022),
            &[
                ("t2.normative_docs.issued", "2"),
                ("t2.normative_docs.repealed", "15"),
            ],
        );
        let mut found = Vec::new();
        RepealedExceedsStock.check(&Context::new(&this, Some(&last)), &mut found);
        assert_eq!(found.len(), 1);
        let fine = with(this, &[("t2.normative_docs.repealed", "12")]);
        found.clear();
        RepealedExceedsStock.check(&Context::new(&fine, Some(&last)), &mut found);
        assert!(found.is_empty());
    }
}
