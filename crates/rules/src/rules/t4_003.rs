//! T4-003 `suit-after-review-total-mismatch`: 行政诉讼 · 复议后起诉 — the four results do not add up to its 总计.

use super::t4_001::GroupTotal;
use crate::context::RuleInfo;
use nianbao_model::Severity;

/// T4-003: 行政诉讼 · 复议后起诉.
pub static SUIT_AFTER_REVIEW_TOTAL_MISMATCH: GroupTotal = GroupTotal {
    group: "suit_after_review",
    name: "行政诉讼（复议后起诉）",
    info: &INFO,
};

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T4-003",
    name: "suit-after-review-total-mismatch",
    severity: Severity::Error,
    title: "复议后起诉的行政诉讼各结果之和不等于总计",
    spec: "format-spec.md §5.2 T4-3 (STRUCTURAL)",
    doc: "\
## 检查什么
表四“行政诉讼 · 复议后起诉”：`结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计`。

## 依据
模板把行政诉讼分为未经复议直接起诉和复议后起诉，各五列，最后一列是四种结果的总计。

## 示例
`3 3 0 0 | 5`：3 + 3 = 6，不是 5。

## 例外
无。复议机关作共同被告时，通知要求只统计原行政机关的案件；这一合计关系都成立。",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2019;

    #[test]
    fn group_sums() {
        let r = with(
            report(V2019, 2020),
            &[
                ("t4.suit_after_review.maintain", "3"),
                ("t4.suit_after_review.correct", "3"),
                ("t4.suit_after_review.total", "6"),
            ],
        );
        assert!(run(&SUIT_AFTER_REVIEW_TOTAL_MISMATCH, &r).is_empty());
        let r = with(r, &[("t4.suit_after_review.total", "5")]);
        assert_eq!(
            run(&SUIT_AFTER_REVIEW_TOTAL_MISMATCH, &r)[0].cells[0],
            "t4.suit_after_review.total"
        );
    }
}
