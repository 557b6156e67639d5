//! N-003 `hybrid-template`: the tables mix the wording of both template versions.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::{TableId, TemplateVersion};
use nianbao_model::{Finding, Severity, Status};
use nianbao_normalize::Compact;

/// See [`INFO`].
pub struct HybridTemplate;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-003",
    name: "hybrid-template",
    severity: Severity::Warning,
    title: "表格混用了2019版和2021版格式",
    spec: "format-spec.md §6 N-6, §7.2 (hybrids → warning)",
    doc: "\
## What it checks
The tables use the wording of one template version only: no 2019 header (`本年新制作数量`,
`政府集中采购`, …) in 2021 tables and vice versa, and the 2021 row label `行政规范性文件` rather than
the 2019 `规范性文件`.

## Why
Mixed wording means the table was built from an outdated form; its figures may follow the old
definitions (〔2021〕30号 redefined Table 2 as the position at 31 December).

## Example
Seed 001: 2021 tables with the row `规范性文件`.

## Exceptions
The figures are still read; a warning.",
};

impl Rule for HybridTemplate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let template = &cx.report.metadata.template;
        if !template.hybrid {
            return;
        }
        let mut reporter = Reporter::new(&INFO, out);
        let label = cx
            .report
            .table2
            .as_ref()
            .and_then(|t| t.row("normative_docs"))
            .and_then(|r| r.label.as_ref());
        let old_label = label.filter(|l| {
            let words = Compact::label(&l.value);
            template.version == Some(TemplateVersion::V2021) && !words.contains("行政规范性文件")
        });
        if let Some(label) = old_label {
            reporter.report(
                Status::Failed,
                format!(
                    "2021版表格中使用了2019版的行名称“{}”，应为“行政规范性文件”",
                    label.value
                ),
                Some("使用〔2021〕30号格式的表格"),
                vec![format!("{}.normative_docs", TableId::T2.key())],
                label.span.into_iter().collect(),
            );
        }
        if !template.markers_2019.is_empty() && !template.markers_2021.is_empty() {
            reporter.report(
                Status::Failed,
                format!(
                    "表格同时有2019版（{}）和2021版（{}）的表头",
                    template.markers_2019.join("、"),
                    template.markers_2021.join("、")
                ),
                Some("按报告年度适用的格式统一表格"),
                Vec::new(),
                Vec::new(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, span};
    use nianbao_model::{Spanned, TemplateVersion::V2021};

    #[test]
    fn old_row_label_in_new_tables() {
        let mut r = report(V2021, 2021);
        assert!(run(&HybridTemplate, &r).is_empty());
        r.metadata.template.hybrid = true;
        r.table2.as_mut().unwrap().rows[1].label = Some(Spanned::new("规范性文件".to_owned(), span()));
        let found = run(&HybridTemplate, &r);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("“规范性文件”"));
        r.metadata.template.markers_2019 = vec!["政府集中采购".into()];
        r.metadata.template.markers_2021 = vec!["本年制发件数".into()];
        assert_eq!(run(&HybridTemplate, &r).len(), 2);
    }
}
