//! T3-007 `high-other-handling-share`: （六）其他处理 is a large share of all outcomes.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct HighOtherHandlingShare;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-007",
    name: "high-other-handling-share",
    severity: Severity::Warning,
    title: "“其他处理”占办理总数的比例过高",
    spec: "format-spec.md §5.1 T3-7 (HEURISTIC; the 20 % threshold is nianbao's)",
    doc: "\
## 检查什么
总计列中，“（六）其他处理”（2019 版的一行，或 2021 版三个子行之和）超过“（七）总计”的 20%。

## 依据
国办公开办函〔2019〕60号说明，其他处理只用于过渡性和个别情形，主管部门应关注其他处理较多的机关。

## 示例
（七）总计 10，其中（六）3：30%。

## 例外
申请很少的小机关可能正常地超过阈值。这是警告。",
};

/// Above this share (in percent) of （七）总计 the rule warns.
const THRESHOLD_PERCENT: i64 = 20;

impl Rule for HighOtherHandlingShare {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let rows: Vec<&str> = cx
            .rows(TableId::T3)
            .iter()
            .map(|r| r.key)
            .filter(|k| *k == "other" || k.starts_with("other."))
            .collect();
        let mut other = 0;
        for row in &rows {
            match cx.value(TableId::T3, row, "total") {
                Value::Int(v) => other += v,
                Value::Missing => {}
                Value::Unknown | Value::Invalid => return,
            }
        }
        let Value::Int(total) = cx.value(TableId::T3, "total_processed", "total") else {
            return;
        };
        if other == 0 || other * 100 <= total * THRESHOLD_PERCENT {
            return;
        }
        let mut cells: Vec<String> = rows
            .iter()
            .map(|row| fact_key(TableId::T3, row, "total"))
            .collect();
        cells.push(fact_key(TableId::T3, "total_processed", "total"));
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!(
                "“其他处理”共 {other} 件，占办理总计 {total} 件的 {}%，超过 {THRESHOLD_PERCENT}%",
                other * 100 / total.max(1)
            ),
            Some("其他处理仅适用于少数特殊情形，请核对是否应归入其他办理结果"),
            cells,
            rows.iter()
                .filter_map(|row| cx.span(TableId::T3, row, "total"))
                .collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn warns_above_a_fifth() {
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.other.other.total", "2"),
                ("t3.other.no_supplement.total", "1"),
                ("t3.total_processed.total", "10"),
            ],
        );
        let found = run(&HighOtherHandlingShare, &r);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "“其他处理”共 3 件，占办理总计 10 件的 30%，超过 20%"
        );
        let r = with(
            report(V2019, 2020),
            &[("t3.other.total", "2"), ("t3.total_processed.total", "10")],
        );
        assert!(run(&HighOtherHandlingShare, &r).is_empty());
    }
}
