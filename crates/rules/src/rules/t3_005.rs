//! T3-005 `outcomes-without-applications`: outcomes counted in a column that received nothing.

use crate::context::{t3_column_name, Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId, T3_COLUMNS};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct OutcomesWithoutApplications;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-005",
    name: "outcomes-without-applications",
    severity: Severity::Info,
    title: "没有新收和结转申请的一列中出现了非零数字",
    spec: "format-spec.md §5.1 T3-5 (derived from T3-1, T3-2, T3-4)",
    doc: "\
## 检查什么
表三中“一、本年新收”和“二、上年结转”都为 0 的列，其余各格都必须为 0。

## 依据
由 T3-001、T3-002 和 T3-004 推出：既没有收到也没有结转来的申请，就没有可办理或结转的。本条指出违反的具体单元格，
这是 T3-001 和 T3-002（其中不成立的那条）做不到的。

## 示例
商业企业：新收 0，上年结转 0，但（一）予以公开 1。

## 例外
无。这是说明性的提示：错误本身由 T3-001 或 T3-002 报告。",
};

impl Rule for OutcomesWithoutApplications {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        for column in T3_COLUMNS.iter().map(|c| c.key) {
            let zero = |row| cx.value(TableId::T3, row, column) == Value::Int(0);
            if !(zero("new_received") && zero("carried_in")) {
                continue;
            }
            let nonzero: Vec<&str> = cx
                .rows(TableId::T3)
                .iter()
                .map(|r| r.key)
                .filter(|row| matches!(cx.value(TableId::T3, row, column), Value::Int(v) if v != 0))
                .collect();
            if nonzero.is_empty() {
                continue;
            }
            reporter.report(
                Status::Note,
                format!(
                    "{}列没有新收和上年结转的申请，但有 {} 个单元格不是 0",
                    t3_column_name(column),
                    nonzero.len()
                ),
                Some("这些单元格应为 0，或新收、结转数量填漏了"),
                nonzero
                    .iter()
                    .map(|row| fact_key(TableId::T3, row, column))
                    .collect(),
                nonzero
                    .iter()
                    .filter_map(|row| cx.span(TableId::T3, row, column))
                    .collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn names_the_cells_of_an_empty_column() {
        assert!(run(&OutcomesWithoutApplications, &report(V2021, 2022)).is_empty());
        let r = with(report(V2021, 2022), &[("t3.granted.commercial", "1")]);
        let found = run(&OutcomesWithoutApplications, &r);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].cells, ["t3.granted.commercial"]);
    }
}
