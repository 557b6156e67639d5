//! T4-004 `invalid-case-count`: a Table 4 cell that is not a non-negative integer.

use super::t3_004::check_counts;
use crate::context::{Context, RuleInfo};
use crate::Rule;
use nianbao_model::template::TableId;
use nianbao_model::{Finding, Severity};

/// See [`INFO`].
pub struct InvalidCaseCount;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T4-004",
    name: "invalid-case-count",
    severity: Severity::Error,
    title: "复议、诉讼案件数不是非负整数",
    spec: "format-spec.md §5.2 T4-4 (STRUCTURAL)",
    doc: "\
## 检查什么
表四的全部 15 个单元格都是案件数：不小于 0 的整数。

## 依据
表四按结果统计行政复议和行政诉讼的案件数。

## 示例
表四某格中的 `-1` 或 `二`。

## 例外
空白和占位符由 S-004 报告，不在这里。",
};

impl Rule for InvalidCaseCount {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        check_counts(cx, TableId::T4, &INFO, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn negative_case_counts_are_invalid() {
        let r = with(report(V2021, 2022), &[("t4.suit_direct.pending", "-1")]);
        let found = run(&InvalidCaseCount, &r);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "“未经复议直接起诉”一行“尚未审结”列填的是“-1”，应为 0 或正整数"
        );
    }
}
