//! T2-004 `fee-unit-suspect`: a fee amount so large that it was probably entered in 元.

use crate::context::{is_local_agency, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{CellValue, Finding, Severity, Status};

/// See [`INFO`].
pub struct FeeUnitSuspect;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-004",
    name: "fee-unit-suspect",
    severity: Severity::Warning,
    title: "收费金额过大，可能误以元为单位填写",
    spec: "format-spec.md §5.3 T2-4 (HEURISTIC; thresholds are nianbao's)",
    doc: "\
## 检查什么
2021 版收费金额（万元）：乡镇、街道或县级机关低于 10000 万元；任何机关都低于 1000000 万元（100 亿元）。

## 依据
表头要求以万元填写（`本年收费金额（单位：万元）`）；误按元填写的金额大了一万倍，通常表现为不合常理的数字。

## 示例
某镇报告 `35000`（3.5 亿元的收费）。

## 例外
大机关可能收费很多；阈值只拦截不合常理的数额。",
};

impl Rule for FeeUnitSuspect {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(cell) = cx.fee_cell() else { return };
        let (CellValue::Number { number } | CellValue::Quantity { number, .. }) = &cell.value else {
            return;
        };
        let limit = if is_local_agency(cx.report) {
            10_000.0
        } else {
            1_000_000.0
        };
        if number.as_f64() < limit {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!(
                "收费金额 {number} 万元（即 {:.0} 元）异常偏大，可能是按元填写的",
                number.as_f64() * 10_000.0
            ),
            Some("表中金额单位为万元，请换算后填写"),
            vec![fact_key(TableId::T2, "admin_fees", "amount")],
            cell.span.into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::{Spanned, TemplateVersion::V2021};

    #[test]
    fn township_thresholds() {
        let mut r = with(report(V2021, 2022), &[("t2.admin_fees.amount", "35000")]);
        r.metadata.agency = Some(Spanned::derived("某市某局".to_owned()));
        assert!(run(&FeeUnitSuspect, &r).is_empty());
        r.metadata.agency = Some(Spanned::derived("天池镇人民政府".to_owned()));
        assert_eq!(run(&FeeUnitSuspect, &r).len(), 1);
    }
}
