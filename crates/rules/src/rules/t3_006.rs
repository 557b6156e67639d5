//! T3-006 `carry-over-not-chained`: this year's 上年结转 is not last year's 结转下年度继续办理.

use crate::context::{signed, t3_column_name, Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, T3_COLUMNS};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct CarryOverNotChained;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-006",
    name: "carry-over-not-chained",
    severity: Severity::Warning,
    title: "上年结转数与上一年度报告的结转下年度数不一致",
    spec: "format-spec.md §5.1 T3-6 (HEURISTIC, cross-year)",
    doc: "\
## 检查什么
同一机关相邻两个年度的报告一起核对时：每一列中，本年的“二、上年结转政府信息公开申请数量”等于上年的“四、结转下年度继续办理”。

## 依据
上一年结转出去的，就是下一年结转进来的。

## 示例
2021 年结转下年度 自然人 1，2022 年上年结转 自然人 0。

## 例外
机关会合并、调整；统计范围变化会打断衔接。只是警告。两个版本的表三行相同，所以也跨 2020 → 2021 核对。",
};

impl Rule for CarryOverNotChained {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(previous) = cx.previous else { return };
        let mut reporter = Reporter::new(&INFO, out);
        for column in T3_COLUMNS.iter().map(|c| c.key) {
            let now = cx.value(TableId::T3, "carried_in", column);
            let before = Context::value_of(previous, TableId::T3, "carried_out", column);
            let (Value::Int(now), Value::Int(before)) = (now, before) else {
                continue;
            };
            if now == before {
                continue;
            }
            let year = cx.year().unwrap_or_default();
            reporter.report(
                Status::Failed,
                format!(
                    "{}列：{year}年上年结转 = {now}，{}年结转下年度 = {before}，相差 {}",
                    t3_column_name(column),
                    year - 1,
                    signed(now - before)
                ),
                Some("核对两年报告的结转数；机构调整时请在“其他需要报告的事项”中说明"),
                vec![fact_key(TableId::T3, "carried_in", column)],
                cx.span(TableId::T3, "carried_in", column).into_iter().collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn compares_with_the_previous_year() {
        let last = with(
            report(V2021, 2021),
            &[
                ("t3.carried_out.natural_person", "1"),
                ("t3.carried_out.total", "1"),
            ],
        );
        let this = report(V2021, 2022);
        let mut found = Vec::new();
        CarryOverNotChained.check(&Context::new(&this, Some(&last)), &mut found);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "自然人列：2022年上年结转 = 0，2021年结转下年度 = 1，相差 -1"
        );
        let chained = with(
            report(V2021, 2022),
            &[
                ("t3.carried_in.natural_person", "1"),
                ("t3.carried_in.total", "1"),
            ],
        );
        found.clear();
        CarryOverNotChained.check(&Context::new(&chained, Some(&last)), &mut found);
        assert!(found.is_empty());
        CarryOverNotChained.check(&Context::new(&this, None), &mut found);
        assert!(found.is_empty());
    }
}
