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
## What it checks
With the same agency's 2021-template report for the previous year: for 规章 and 行政规范性文件,
`本年废止件数(Y) ≤ 现行有效件数(Y−1) + 本年制发件数(Y)`.

## Why
Only documents that exist can be repealed: those in force at the end of last year and those
issued this year.

## Example
2021 现行有效 10; 2022 制发 2, 废止 15.

## Exceptions
Recounts after a 清理 can change last year's stock. A warning. Not applied across the
2020 → 2021 change of template (2019's `对外公开总数量` is a different quantity).",
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
