//! T3-001 `carry-over-mismatch`: 一 + 二 ≠ 三（七）+ 四 in a column of Table 3.

use crate::context::{signed, t3_column_name, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::arithmetic::{sums_of, SumKind};
use nianbao_model::{Finding, Severity};

/// See [`INFO`].
pub struct CarryOverMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-001",
    name: "carry-over-mismatch",
    severity: Severity::Error,
    title: "新收与上年结转之和不等于办理总计与结转下年之和",
    spec: "format-spec.md §5.1 T3-1 (MANDATED)",
    doc: "\
## 检查什么
表三的每一列（各类申请人和总计）：
`一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理`。

## 依据
模板在表头中写明了这条关系：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”
（国办公开办函〔2019〕60号、〔2021〕30号）。本年收到或结转来的每一件申请，要么本年办结，要么结转下年。

## 示例
自然人：新收 20，上年结转 0，总计 20，结转下年 1 → `20 + 0 ≠ 20 + 1`，差 1。

## 例外
无。空白按 0 计，结果记为不完整（警告）而不是错误。“第三项”按其总计即（七）总计读取；各项办理结果之和是否等于
（七）总计由 T3-002 核对。",
};

impl Rule for CarryOverMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(version) = cx.version() else {
            return;
        };
        Reporter::new(&INFO, out).sums(
            cx,
            sums_of(version, SumKind::CarryOver),
            "核对本年新收、上年结转、办理总计和结转下年度继续办理四项",
            |sum, printed, computed| {
                format!(
                    "{}列：一+二 = {computed}，三(七)+四 = {printed}，相差 {}",
                    t3_column_name(sum.total.column),
                    signed(computed - printed)
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::{Status, TemplateVersion::V2021};

    #[test]
    fn balanced_columns_pass() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.new_received.natural_person", "3"),
                ("t3.new_received.total", "3"),
                ("t3.total_processed.natural_person", "2"),
                ("t3.total_processed.total", "2"),
                ("t3.carried_out.natural_person", "1"),
                ("t3.carried_out.total", "1"),
            ],
        );
        assert!(run(&CarryOverMismatch, &r).is_empty());
    }

    #[test]
    fn an_unbalanced_column_is_an_error_with_its_numbers() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.new_received.natural_person", "20"),
                ("t3.new_received.total", "20"),
                ("t3.total_processed.natural_person", "26"),
                ("t3.total_processed.total", "20"),
            ],
        );
        let found = run(&CarryOverMismatch, &r);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].message, "自然人列：一+二 = 20，三(七)+四 = 26，相差 -6");
        assert_eq!(found[0].cells[0], "t3.total_processed.natural_person");
    }

    #[test]
    fn blank_makes_it_incomplete_and_unresolved_not_assessable() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.new_received.commercial", "2"),
                ("t3.new_received.total", "2"),
                ("t3.carried_out.commercial", ""),
            ],
        );
        let found = run(&CarryOverMismatch, &r);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found
            .iter()
            .all(|f| f.status == Status::Incomplete || f.status == Status::Failed));
        let commercial = found.iter().find(|f| f.cells[0].ends_with("commercial")).unwrap();
        assert_eq!(
            (commercial.status, commercial.severity),
            (Status::Incomplete, Severity::Warning)
        );
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.new_received.commercial", "?"),
                ("t3.new_received.total", "?"),
            ],
        );
        assert!(run(&CarryOverMismatch, &r).is_empty());
    }
}
