//! T2-103 `total-below-new-published`: fewer documents published in all than newly this year.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct TotalBelowNewPublished;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-103",
    name: "total-below-new-published",
    severity: Severity::Warning,
    title: "对外公开总数量少于本年新公开数量",
    spec: "format-spec.md §5.4 T2'-3 (HEURISTIC)",
    doc: "\
## 检查什么
2019 版表二中，规章和规范性文件：`对外公开总数量 ≥ 本年新公开数量`。

## 依据
本年公开的是全部公开的一部分。

## 示例
`规范性文件 | 33 | 8 | 5`。

## 例外
`本年新公开数量 ≤ 本年新制作数量` *不是*规则：以前的文件可能晚些才公开。",
};

impl Rule for TotalBelowNewPublished {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() != Some(TemplateVersion::V2019) {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        for (row, label) in [("regulations", "规章"), ("normative_docs", "规范性文件")] {
            let (Value::Int(new), Value::Int(total)) = (
                cx.value(TableId::T2, row, "new_published"),
                cx.value(TableId::T2, row, "total_published"),
            ) else {
                continue;
            };
            if total >= new {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!("{label}：对外公开总数量 {total} 少于本年新公开数量 {new}"),
                Some("核对对外公开总数量"),
                vec![
                    fact_key(TableId::T2, row, "total_published"),
                    fact_key(TableId::T2, row, "new_published"),
                ],
                cx.span(TableId::T2, row, "total_published").into_iter().collect(),
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
    fn total_covers_new() {
        let r = with(
            report(V2019, 2020),
            &[
                ("t2.normative_docs.new_made", "33"),
                ("t2.normative_docs.new_published", "8"),
                ("t2.normative_docs.total_published", "166"),
            ],
        );
        assert!(run(&TotalBelowNewPublished, &r).is_empty());
        let r = with(r, &[("t2.normative_docs.total_published", "5")]);
        assert_eq!(run(&TotalBelowNewPublished, &r).len(), 1);
    }
}
