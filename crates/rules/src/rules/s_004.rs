//! S-004 `blank-cell`: table cells left blank or filled with a placeholder.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct BlankCell;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "S-004",
    name: "blank-cell",
    severity: Severity::Warning,
    title: "表格中有空白或用“/”“—”“无”代替数字的单元格",
    spec: "format-spec.md §5.5 (blank_cell warnings)",
    doc: "\
## What it checks
No cell of Tables 2–4 is blank or holds a placeholder (`/`, `—`, `－`, `无`) instead of a number.
One finding per table row.

## Why
A blank is *missing*, not reliably 0: in the Shanghai 2019 report blanks behave as 0 in the
applicant columns, yet the 总计 column is blank on every outcome row although those rows have
non-zero components. The rules count a blank as 0 inside sums, report a sum that fails only
because of a blank as incomplete, and report every blank here.

## Example
`（四）1.本机关不掌握相关政府信息 | 0 0 0 0 0 0 |` — the 总计 cell is empty.

## Exceptions
None: write 0 for zero.",
};

impl Rule for BlankCell {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        for table in [TableId::T2, TableId::T3, TableId::T4] {
            for row in cx.rows(table) {
                let blank: Vec<_> = row
                    .columns
                    .iter()
                    .filter(|c| cx.value_printed(table, row.key, c.key) == Value::Missing)
                    .collect();
                if blank.is_empty() {
                    continue;
                }
                let names: Vec<&str> = blank.iter().map(|c| c.label).collect();
                let label = row.group.filter(|_| table == TableId::T4).unwrap_or("");
                reporter.report(
                    Status::Failed,
                    format!(
                        "“{label}{}”一行有 {} 个单元格未填数字：{}",
                        row.label,
                        blank.len(),
                        names.join("、")
                    ),
                    Some("没有的填 0，不要留空或填“/”"),
                    blank.iter().map(|c| fact_key(table, row.key, c.key)).collect(),
                    blank
                        .iter()
                        .filter_map(|c| cx.span(table, row.key, c.key))
                        .collect(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn one_finding_per_row_with_blanks() {
        assert!(run(&BlankCell, &report(V2021, 2022)).is_empty());
        let r = with(
            report(V2021, 2022),
            &[
                ("t3.unable.not_held.total", ""),
                ("t3.unable.not_held.research", "/"),
                ("t4.review.total", "—"),
            ],
        );
        let found = run(&BlankCell, &r);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].cells,
            ["t3.unable.not_held.research", "t3.unable.not_held.total"]
        );
        assert_eq!(
            found[0].message,
            "“1.本机关不掌握相关政府信息”一行有 2 个单元格未填数字：科研机构、总计"
        );
    }
}
