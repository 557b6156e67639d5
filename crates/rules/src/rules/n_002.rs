//! N-002 `template-version-mismatch`: the tables follow the template of another year.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::TemplateVersion;
use nianbao_model::{DetectionBasis, Finding, Severity, Status};

/// See [`INFO`].
pub struct TemplateVersionMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-002",
    name: "template-version-mismatch",
    severity: Severity::Error,
    title: "表格格式版本与报告年度不符",
    spec: "format-spec.md §6 N-6, §7 (MANDATED)",
    doc: "\
## 检查什么
2019、2020 年度的报告使用国办公开办函〔2019〕60号的表格；2021 年度及以后的报告使用〔2021〕30号的表格。

## 依据
〔2021〕30号自 2021 年度报告起取代 2019 版格式，并要求“请认真贯彻执行”；两个版本统计的内容不同
（表二（一）（五）（六）（八）（九）和表三（六））。

## 示例
2022 年度报告的表二中有 `本年新制作数量` 和 `政府集中采购`。

## 例外
2019 年度报告只是鼓励使用新格式。格式版本只能按年度推定时，没有可比较的依据。",
};

impl Rule for TemplateVersionMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let template = &cx.report.metadata.template;
        let (Some(version), Some(year)) = (template.version, cx.year()) else {
            return;
        };
        let expected = TemplateVersion::for_report_year(year);
        if template.basis != DetectionBasis::Markers || version == expected || year == 2019 {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!(
                "{year}年度报告应使用{}规定的表格，但表格是{}版（{}）",
                expected.notice(),
                version,
                version.notice()
            ),
            Some("按报告年度适用的格式重新填报表格"),
            Vec::new(),
            cx.report
                .metadata
                .year
                .as_ref()
                .and_then(|y| y.span)
                .into_iter()
                .collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn version_follows_the_year() {
        assert!(run(&TemplateVersionMismatch, &report(V2021, 2022)).is_empty());
        assert!(run(&TemplateVersionMismatch, &report(V2019, 2020)).is_empty());
        assert_eq!(run(&TemplateVersionMismatch, &report(V2019, 2022)).len(), 1);
        assert!(run(&TemplateVersionMismatch, &report(V2021, 2019)).is_empty());
    }
}
