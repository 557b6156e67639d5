//! T3-003 `row-total-mismatch`: a Table 3 row's 总计 is not the sum of its applicant columns.

use crate::context::{signed, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::arithmetic::{sums_of, SumKind};
use nianbao_model::template::TableId;
use nianbao_model::{Finding, Severity};

/// See [`INFO`].
pub struct RowTotalMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-003",
    name: "row-total-mismatch",
    severity: Severity::Error,
    title: "一行的总计不等于各类申请人之和",
    spec: "format-spec.md §5.1 T3-3 (STRUCTURAL)",
    doc: "\
## 检查什么
表三的每一行：`总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他`。

## 依据
总计是模板“申请人情况”表头的最后一列；没有别的列可加（“法人或其他组织”的五列没有小计）。

## 示例
`（一）予以公开 | 6 0 0 0 0 1 | 8`：6 + 1 = 7，不是 8。

## 例外
总计空白而六个分项都填了时，由分项推出总计用于核对（规格 §5.5）；空白本身由 S-004 报告。分项空白时，不一致记为不完整（警告）。",
};

impl Rule for RowTotalMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(version) = cx.version() else {
            return;
        };
        let rows = cx.rows(TableId::T3);
        Reporter::new(&INFO, out).sums(
            cx,
            sums_of(version, SumKind::RowTotal),
            "核对该行各类申请人的数量或总计",
            |sum, printed, computed| {
                format!(
                    "“{}”一行：总计 = {printed}，各类申请人之和 = {computed}，相差 {}",
                    rows[sum.total.row_index].label,
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
    fn row_sums_are_checked_row_by_row() {
        let good = with(
            report(V2021, 2022),
            &[
                ("t3.granted.natural_person", "6"),
                ("t3.granted.other_org", "1"),
                ("t3.granted.total", "7"),
            ],
        );
        assert!(run(&RowTotalMismatch, &good).is_empty());
        let bad = with(good, &[("t3.granted.total", "8")]);
        let found = run(&RowTotalMismatch, &bad);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "“（一）予以公开”一行：总计 = 8，各类申请人之和 = 7，相差 +1"
        );
        assert_eq!(found[0].cells[0], "t3.granted.total");
    }

    #[test]
    fn blank_total_is_not_a_failure() {
        let r = with(
            report(V2021, 2022),
            &[("t3.granted.natural_person", "6"), ("t3.granted.total", "")],
        );
        assert!(run(&RowTotalMismatch, &r).is_empty());
    }
}
