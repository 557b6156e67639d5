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
## What it checks
In a column of Table 3 where `一、本年新收` and `二、上年结转` are both 0, every other cell must be 0.

## Why
It follows from T3-001, T3-002 and T3-004: with nothing received or carried in, nothing can be
handled or carried over. The finding names the exact cells that break it, which T3-001 and
T3-002 — whichever of them fails as well — cannot.

## Example
商业企业: 新收 0, 结转 0, but （一）予以公开 1.

## Exceptions
None. It is an explanatory note: the error itself is reported by T3-001 or T3-002.",
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
