//! T2-005 `in-force-below-issued`: fewer documents in force than were issued this year.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct InForceBelowIssued;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-005",
    name: "in-force-below-issued",
    severity: Severity::Warning,
    title: "现行有效件数少于本年制发件数",
    spec: "format-spec.md §5.3 T2-5 (HEURISTIC)",
    doc: "\
## 检查什么
2021 版表二中，规章和行政规范性文件：`现行有效件数 ≥ 本年制发件数`。

## 依据
本年制发的文件通常在 12 月 31 日仍然有效，而表二的数字都以这一天为准（国办公开办函〔2021〕30号）。

## 示例
`行政规范性文件 | 5 | 0 | 3`。

## 例外
本年制发的文件可能在 12 月 31 日前被废止或到期。这是警告。",
};

impl Rule for InForceBelowIssued {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() != Some(TemplateVersion::V2021) {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        for (row, label) in [("regulations", "规章"), ("normative_docs", "行政规范性文件")] {
            let (Value::Int(issued), Value::Int(in_force)) = (
                cx.value(TableId::T2, row, "issued"),
                cx.value(TableId::T2, row, "in_force"),
            ) else {
                continue;
            };
            if in_force >= issued {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!("{label}：现行有效 {in_force} 件，少于本年制发 {issued} 件"),
                Some("核对现行有效件数；本年制发后又废止的，请在报告中说明"),
                vec![
                    fact_key(TableId::T2, row, "in_force"),
                    fact_key(TableId::T2, row, "issued"),
                ],
                [
                    cx.span(TableId::T2, row, "in_force"),
                    cx.span(TableId::T2, row, "issued"),
                ]
                .into_iter()
                .flatten()
                .collect(),
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
    fn stock_below_new_documents() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t2.normative_docs.issued", "69"),
                ("t2.normative_docs.repealed", "3"),
                ("t2.normative_docs.in_force", "665"),
            ],
        );
        assert!(run(&InForceBelowIssued, &r).is_empty());
        let r = with(r, &[("t2.normative_docs.in_force", "5")]);
        assert_eq!(
            run(&InForceBelowIssued, &r)[0].message,
            "行政规范性文件：现行有效 5 件，少于本年制发 69 件"
        );
    }
}
