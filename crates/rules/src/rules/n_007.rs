//! N-007 `overview-aspect-missing`: 总体情况 does not cover one of its five aspects.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Finding, SectionKind, Severity, Status};

/// See [`INFO`].
pub struct OverviewAspectMissing;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-007",
    name: "overview-aspect-missing",
    severity: Severity::Warning,
    title: "总体情况缺少规定的方面",
    spec: "format-spec.md §6 N-10 (HEURISTIC)",
    doc: "\
## 检查什么
“一、总体情况”写到通知列出的五个方面：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障——
分别以“主动公开”“依申请”“信息管理”“平台”“监督”这些词识别。

## 依据
国办公开办函〔2019〕60号和〔2021〕30号：总体情况涵盖主动公开、依申请公开、政府信息管理、（政府信息公开）平台建设、
监督保障（各级政府还包括工作考核、社会评议和责任追究结果）。

## 示例
样本 000 通篇没有“信息管理”这几个字。

## 例外
只看关键词：换了说法写到的方面也会被报告。这是警告。",
};

/// The five aspects and the word that shows each.
const ASPECTS: &[(&str, &str)] = &[
    ("主动公开", "主动公开"),
    ("依申请公开", "依申请"),
    ("政府信息管理", "信息管理"),
    ("政府信息公开平台建设", "平台"),
    ("监督保障", "监督"),
];

impl Rule for OverviewAspectMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(section) = cx.report.section(SectionKind::Overview) else {
            return;
        };
        let words = cx.section_words(SectionKind::Overview);
        let missing: Vec<&str> = ASPECTS
            .iter()
            .filter(|(_, w)| !words.contains(w))
            .map(|(a, _)| *a)
            .collect();
        if missing.is_empty() {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            format!("“总体情况”没有写到：{}", missing.join("、")),
            Some("总体情况应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面"),
            Vec::new(),
            section.heading.span.into_iter().collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn names_the_missing_aspects() {
        let mut r = report(V2021, 2022);
        r.sections[0].text = "（一）主動公開。（二）依申請公開。（三）平臺建設。（四）監督保障。".to_owned();
        let found = run(&OverviewAspectMissing, &r);
        assert_eq!(found[0].message, "“总体情况”没有写到：政府信息管理");
        r.sections[0].text.push_str("（五）政府信息管理。");
        assert!(run(&OverviewAspectMissing, &r).is_empty());
    }
}
