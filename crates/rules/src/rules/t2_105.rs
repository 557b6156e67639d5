//! T2-105 `procurement-count-amount-mismatch`: procurement projects without an amount, or an
//! amount without projects.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{CellValue, Finding, Severity, Status};

/// See [`INFO`].
pub struct ProcurementCountAmountMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-105",
    name: "procurement-count-amount-mismatch",
    severity: Severity::Warning,
    title: "政府集中采购的项目数量与总金额一个为零一个不为零",
    spec: "format-spec.md §5.4 T2'-5 (HEURISTIC)",
    doc: "\
## 检查什么
2019 版表二中：`采购项目数量 = 0` 当且仅当 `采购总金额 = 0`。

## 依据
项目要花钱，钱也花在项目上。

## 示例
`政府集中采购 | 0 | 251000元`。

## 例外
未见。金额可以带单位（`元`）；只看是否为零。",
};

impl Rule for ProcurementCountAmountMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() != Some(TemplateVersion::V2019) {
            return;
        }
        let Value::Int(projects) = cx.value(TableId::T2, "procurement", "projects") else {
            return;
        };
        let Some(cell) = cx.cell(TableId::T2, "procurement", "amount") else {
            return;
        };
        let (CellValue::Number { number } | CellValue::Quantity { number, .. }) = &cell.value else {
            return;
        };
        if (projects == 0) == (number.as_f64() == 0.0) {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!("政府集中采购：项目数量 {projects}，总金额 {number}，两者应同为零或同不为零"),
            Some("核对采购项目数量和采购总金额"),
            vec![
                fact_key(TableId::T2, "procurement", "projects"),
                fact_key(TableId::T2, "procurement", "amount"),
            ],
            [cx.span(TableId::T2, "procurement", "projects"), cell.span]
                .into_iter()
                .flatten()
                .collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2019;

    #[test]
    fn both_zero_or_neither() {
        assert!(run(&ProcurementCountAmountMismatch, &report(V2019, 2020)).is_empty());
        let r = with(
            report(V2019, 2020),
            &[
                ("t2.procurement.projects", "135"),
                ("t2.procurement.amount", "75394432.52"),
            ],
        );
        assert!(run(&ProcurementCountAmountMismatch, &r).is_empty());
        let r = with(r, &[("t2.procurement.projects", "0")]);
        assert_eq!(run(&ProcurementCountAmountMismatch, &r).len(), 1);
    }
}
