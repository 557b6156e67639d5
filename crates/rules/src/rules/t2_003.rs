//! T2-003 `fee-too-many-decimals`: the fee amount has more than six decimals.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{CellValue, Finding, Severity, Status};

/// See [`INFO`].
pub struct FeeTooManyDecimals;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-003",
    name: "fee-too-many-decimals",
    severity: Severity::Warning,
    title: "收费金额的小数位数超过六位",
    spec: "format-spec.md §5.3 T2-3 (LOCAL / HEURISTIC)",
    doc: "\
## 检查什么
2021 版收费金额（万元）最多六位小数。

## 依据
全国模板没有规定精度。万元的第六位小数是分（0.01 元），货币的最小单位；河南的模板要求 `保留4位小数`。
超过六位不可能是真实的金额。

## 示例
`12.3456789`。

## 例外
未见。",
};

impl Rule for FeeTooManyDecimals {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(cell) = cx.fee_cell() else { return };
        let (CellValue::Number { number } | CellValue::Quantity { number, .. }) = &cell.value else {
            return;
        };
        if number.decimals() <= 6 {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!(
                "收费金额“{number}”有 {} 位小数，超过了分（万元的 6 位小数）",
                number.decimals()
            ),
            Some("核对金额及单位"),
            vec![fact_key(TableId::T2, "admin_fees", "amount")],
            cell.span.into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn six_decimals_are_the_limit() {
        assert!(run(
            &FeeTooManyDecimals,
            &with(report(V2021, 2022), &[("t2.admin_fees.amount", "4166.241619")])
        )
        .is_empty());
        assert_eq!(
            run(
                &FeeTooManyDecimals,
                &with(report(V2021, 2022), &[("t2.admin_fees.amount", "12.3456789")])
            )
            .len(),
            1
        );
    }
}
