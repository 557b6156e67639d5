//! T3-008 `fee-refusal-not-explained`: applications dropped for unpaid fees, but section 六 says
//! nothing about fees.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, TemplateVersion};
use nianbao_model::{Finding, SectionKind, Severity, Status};

/// See [`INFO`].
pub struct FeeRefusalNotExplained;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-008",
    name: "fee-refusal-not-explained",
    severity: Severity::Warning,
    title: "有因逾期未缴费不再处理的申请，但第六部分未说明信息处理费",
    spec: "format-spec.md §5.1 T3-8 (HEURISTIC, cross-section)",
    doc: "\
## 检查什么
`（六）2.申请人逾期未按收费通知要求缴纳费用…` 大于 0 时（2021 版），第六部分提到信息处理费或收费通知。

## 依据
发出收费通知，说明机关收取了信息处理费，而国办公开办函〔2021〕30号要求在第六部分报告（“收取信息处理费情况在此处报告”）。

## 示例
（六）2 总计 1，第六部分：“无”。

## 例外
未见。第六部分措辞自由，定为警告。",
};

impl Rule for FeeRefusalNotExplained {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // The row exists in the 2021 template only.
        if cx.version() != Some(TemplateVersion::V2021) {
            return;
        }
        let Value::Int(count @ 1..) = cx.value(TableId::T3, "other.unpaid_fee", "total") else {
            return;
        };
        let words = cx.section_words(SectionKind::Other);
        if words.contains("信息处理费") || words.contains("收费通知") {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!("有 {count} 件申请因逾期未缴纳费用不再处理，但“其他需要报告的事项”中没有说明信息处理费的收取情况"),
            Some("在第六部分报告信息处理费的收取情况"),
            vec![fact_key(TableId::T3, "other.unpaid_fee", "total")],
            cx.span(TableId::T3, "other.unpaid_fee", "total").into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn wants_the_fee_explained() {
        let mut r = with(report(V2021, 2022), &[("t3.other.unpaid_fee.total", "1")]);
        assert_eq!(run(&FeeRefusalNotExplained, &r).len(), 1);
        r.sections[5].text = "本机关按规定收取信息處理費 2 笔。".to_owned();
        assert!(run(&FeeRefusalNotExplained, &r).is_empty());
    }
}
