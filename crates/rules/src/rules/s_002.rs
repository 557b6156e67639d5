//! S-002 `empty-section`: a section has a heading and nothing under it.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Finding, Severity, Status};
use nianbao_normalize::residue_len;

/// See [`INFO`].
pub struct EmptySection;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "S-002",
    name: "empty-section",
    severity: Severity::Error,
    title: "某一部分只有标题没有内容",
    spec: "format-spec.md §6 N-4 (MANDATED)",
    doc: "\
## 检查什么
每个部分的标题下都有正文（转换残留如 `[image: …]` 不算）。

## 依据
通知要求各部分都要报告（“不能遗漏”）。没有可报告的内容时要写明：`无` 或 `本年度无其他需要报告的事项` 就是内容。

## 示例
`六、其他需要报告的事项` 后面直接是落款。

## 例外
无。",
};

impl Rule for EmptySection {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        for section in &cx.report.sections {
            if has_content(&section.text) {
                continue;
            }
            reporter.report(
                Status::Failed,
                format!("“{}”下面没有内容", section.heading.value),
                Some("填写该部分内容；没有需要报告的，写明“无”"),
                Vec::new(),
                section.heading.span.into_iter().collect(),
            );
        }
    }
}

/// Whether `text` holds anything but whitespace and conversion residue.
fn has_content(text: &str) -> bool {
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        match residue_len(rest) {
            Some(len) => rest = rest[len..].trim_start(),
            None => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn residue_is_not_content_but_wu_is() {
        let mut r = report(V2021, 2022);
        r.sections[5].text = "无".to_owned();
        assert!(run(&EmptySection, &r).is_empty());
        r.sections[5].text = "[image: scan.png]\n ".to_owned();
        assert_eq!(run(&EmptySection, &r).len(), 1);
    }
}
