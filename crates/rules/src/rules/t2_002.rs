//! T2-002 `fee-not-in-wan-yuan`: the 2021 fee amount is not a non-negative number of 万元.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{CellValue, Finding, Severity, Status};

/// See [`INFO`].
pub struct FeeNotInWanYuan;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-002",
    name: "fee-not-in-wan-yuan",
    severity: Severity::Error,
    title: "行政事业性收费金额不是以万元为单位的非负数",
    spec: "format-spec.md §5.3 T2-2 (MANDATED)",
    doc: "\
## 检查什么
2021 版表二中，“行政事业性收费 · 本年收费金额”是以万元为单位的非负数：只写数字或带“万元”，不能带其他单位。

## 依据
模板表头规定了单位：`本年收费金额（单位：万元）`（国办公开办函〔2021〕30号）。

## 示例
`251000元`、`-3`、`约5万`。

## 例外
无。小数位数由 T2-003 核对；数额是否合理由 T2-004 核对。",
};

impl Rule for FeeNotInWanYuan {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(cell) = cx.fee_cell() else { return };
        let problem = match &cell.value {
            CellValue::Number { number } if number.as_f64() < 0.0 => format!("是负数“{number}”"),
            CellValue::Quantity { number, unit } if unit != "万元" => format!("带了单位“{number}{unit}”"),
            CellValue::Quantity { number, .. } if number.as_f64() < 0.0 => format!("是负数“{number}”"),
            CellValue::Text { text } => format!("填的是“{text}”"),
            _ => return,
        };
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!("行政事业性收费的本年收费金额{problem}，应为以万元为单位的非负数"),
            Some("换算为万元后填写数字，例如 251000 元填 25.1"),
            vec![fact_key(TableId::T2, "admin_fees", "amount")],
            cell.span.into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, set};
    use nianbao_model::{Number, TemplateVersion::V2021};

    #[test]
    fn unit_must_be_wan_yuan() {
        let mut r = report(V2021, 2022);
        set(&mut r, "t2.admin_fees.amount", "24252.311082");
        assert!(run(&FeeNotInWanYuan, &r).is_empty());
        let cell = &mut r.table2.as_mut().unwrap().rows[5].cells[0];
        cell.value = CellValue::Quantity {
            number: Number::parse("251000").unwrap(),
            unit: "元".into(),
        };
        let found = run(&FeeNotInWanYuan, &r);
        assert_eq!(
            found[0].message,
            "行政事业性收费的本年收费金额带了单位“251000元”，应为以万元为单位的非负数"
        );
        set(&mut r, "t2.admin_fees.amount", "-3");
        assert_eq!(run(&FeeNotInWanYuan, &r).len(), 1);
    }
}
