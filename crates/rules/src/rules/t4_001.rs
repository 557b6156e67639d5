//! T4-001 `review-total-mismatch`: 行政复议's four results do not add up to its 总计; and the
//! check shared with T4-002 and T4-003.

use crate::context::{signed, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::arithmetic::{sums_of, SumKind};
use nianbao_model::{Finding, Severity};

/// A Table 4 group whose four results must add up to its 总计.
pub struct GroupTotal {
    /// Row key of the group (`review`, `suit_direct`, `suit_after_review`).
    pub group: &'static str,
    /// How messages name it.
    pub name: &'static str,
    /// The rule's facts.
    pub info: &'static RuleInfo,
}

/// T4-001: 行政复议.
pub static REVIEW_TOTAL_MISMATCH: GroupTotal = GroupTotal {
    group: "review",
    name: "行政复议",
    info: &INFO,
};

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T4-001",
    name: "review-total-mismatch",
    severity: Severity::Error,
    title: "行政复议各结果之和不等于总计",
    spec: "format-spec.md §5.2 T4-1 (STRUCTURAL)",
    doc: "\
## 检查什么
表四“行政复议”：`结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计`。

## 依据
总计是模板行政复议五列中的最后一列；每个案件处于四种状态之一。

## 示例
`1 0 2 0 | 4`：1 + 2 = 3，不是 4。

## 例外
无。表四与表三没有勾稽关系（案件可能涉及以前年度的申请），不作核对。",
};

impl Rule for GroupTotal {
    fn info(&self) -> &'static RuleInfo {
        self.info
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(version) = cx.version() else {
            return;
        };
        Reporter::new(self.info, out).sums(
            cx,
            sums_of(version, SumKind::CaseTotal).filter(|s| s.total.row == self.group),
            "核对该组四项结果或总计",
            |_, printed, computed| {
                format!(
                    "{}：总计 = {printed}，维持、纠正、其他、尚未审结之和 = {computed}，相差 {}",
                    self.name,
                    signed(printed - computed)
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn group_sums() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t4.review.maintain", "1"),
                ("t4.review.other", "2"),
                ("t4.review.total", "3"),
            ],
        );
        assert!(run(&REVIEW_TOTAL_MISMATCH, &r).is_empty());
        let r = with(r, &[("t4.review.total", "4")]);
        let found = run(&REVIEW_TOTAL_MISMATCH, &r);
        assert_eq!(
            found[0].message,
            "行政复议：总计 = 4，维持、纠正、其他、尚未审结之和 = 3，相差 +1"
        );
        assert_eq!(found[0].cells[0], "t4.review.total");
    }
}
