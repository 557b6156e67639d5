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
## 检查什么
表格只使用一个格式版本的措辞：2021 版表格中没有 2019 版的表头（`本年新制作数量`、`政府集中采购`……），
反之亦然；2021 版的行名是 `行政规范性文件`，不是 2019 版的 `规范性文件`。

## 依据
措辞混用说明表格是用过时的表样做的，其中的数字可能沿用旧口径（〔2021〕30号把表二改为截至 12 月 31 日的状态）。

## 示例
样本 001：2021 版表格中有 `规范性文件` 一行。

## 例外
数字仍照常读取；这是警告。",
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
