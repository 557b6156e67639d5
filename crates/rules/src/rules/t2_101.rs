//! T2-101 `invalid-count-2019`: a 2019 Table 2 count that is not an integer of the right sign.

use super::t2_001::check_table2_integers;
use crate::context::{Context, RuleInfo};
use crate::Rule;
use nianbao_model::template::TemplateVersion;
use nianbao_model::{Finding, Severity};

/// See [`INFO`].
pub struct InvalidCount2019;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-101",
    name: "invalid-count-2019",
    severity: Severity::Error,
    title: "2019版主动公开情况表中的数量不是整数",
    spec: "format-spec.md §5.4 T2'-1 (STRUCTURAL)",
    doc: "\
## 检查什么
2019 版表二中：`本年新制作数量`、`本年新公开数量`、`对外公开总数量`、`上一年项目数量`、`处理决定数量` 和
`采购项目数量` 都是不小于 0 的整数；`本年增/减` 是可以带正负号的整数。

## 依据
它们统计文件、事项、决定和项目的数量（国办公开办函〔2019〕60号）。只有本年增/减是变化量，可以为负。

## 示例
`行政许可 | 396 | 约10 | 278`。

## 例外
`采购总金额` 是金额，带不带单位均可；空白单元格由 S-004 报告。",
};

impl Rule for InvalidCount2019 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() == Some(TemplateVersion::V2019) {
            check_table2_integers(cx, &INFO, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2019;

    #[test]
    fn signed_only_where_signed() {
        let r = with(
            report(V2019, 2020),
            &[
                ("t2.penalty.delta", "-18"),
                ("t2.licensing.delta", "+2"),
                ("t2.procurement.amount", "75394432.52"),
            ],
        );
        assert!(run(&InvalidCount2019, &r).is_empty());
        let r = with(
            r,
            &[("t2.penalty.prev_items", "-1"), ("t2.licensing.delta", "约10")],
        );
        let cells: Vec<String> = run(&InvalidCount2019, &r)
            .into_iter()
            .map(|f| f.cells[0].clone())
            .collect();
        assert_eq!(cells, ["t2.licensing.delta", "t2.penalty.prev_items"]);
    }
}
