//! N-006 `overview-too-long`: 总体情况 is longer than about a thousand characters.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::template::TemplateVersion;
use nianbao_model::{Finding, SectionKind, Severity, Status};
use nianbao_normalize::count_cjk;

/// See [`INFO`].
pub struct OverviewTooLong;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-006",
    name: "overview-too-long",
    severity: Severity::Warning,
    title: "总体情况超过一千字",
    spec: "format-spec.md §6 N-9 (MANDATED as 原则上 → warning)",
    doc: "\
## 检查什么
按 2021 版格式写的报告，“一、总体情况”不超过 1000 个汉字（标点、数字和拉丁字母不计）。

## 依据
国办公开办函〔2021〕30号：总体情况要重点突出、简明扼要，“原则上不超过一千字”。

## 示例
样本 000：2622 个汉字。

## 例外
“原则上”——这是警告。",
};

/// The guideline, in Chinese characters.
const LIMIT: usize = 1000;

impl Rule for OverviewTooLong {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.version() != Some(TemplateVersion::V2021) {
            return;
        }
        let Some(section) = cx.report.section(SectionKind::Overview) else {
            return;
        };
        let count = count_cjk(&section.text);
        if count <= LIMIT {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!("“总体情况”有 {count} 个汉字，超过原则上不超过 {LIMIT} 字的要求"),
            Some("精简总体情况，突出重点"),
            Vec::new(),
            section.heading.span.into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn counts_chinese_characters_only() {
        let mut r = report(V2021, 2022);
        r.sections[0].text = "政".repeat(1000) + &"1,。 abc".repeat(100);
        assert!(run(&OverviewTooLong, &r).is_empty());
        r.sections[0].text.push('务');
        assert_eq!(
            run(&OverviewTooLong, &r)[0].message,
            "“总体情况”有 1001 个汉字，超过原则上不超过 1000 字的要求"
        );
        let mut old = report(V2019, 2020);
        old.sections[0].text = "政".repeat(2000);
        assert!(run(&OverviewTooLong, &old).is_empty());
    }
}
