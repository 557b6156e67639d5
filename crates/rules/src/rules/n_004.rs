//! N-004 `processing-fee-not-reported`: a 2021-or-later report does not report 信息处理费 in 六.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Finding, SectionKind, Severity, Status};

/// See [`INFO`].
pub struct ProcessingFeeNotReported;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-004",
    name: "processing-fee-not-reported",
    severity: Severity::Error,
    title: "第六部分未报告信息处理费收取情况",
    spec: "format-spec.md §6 N-7 (MANDATED)",
    doc: "\
## What it checks
For reports on 2021 and later, 六、其他需要报告的事项 mentions 信息处理费 — also when none was
collected (`本年度未收取信息处理费`).

## Why
国办公开办函〔2021〕30号: “收取信息处理费情况在此处报告” — the collection of 信息处理费 under
《政府信息公开信息处理费管理办法》 must be reported in part 六.

## Example
Seed 002: `六、其他需要报告的事项 / 无`. Seed 004 reports 行政事业性收费, which is Table 2 (八), a
different thing, and does not satisfy the rule.

## Exceptions
None. When part 六 is missing, S-001 reports that instead.",
};

impl Rule for ProcessingFeeNotReported {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(section) = cx.report.section(SectionKind::Other) else {
            return;
        };
        if cx.year().is_none_or(|y| y < 2021) || cx.section_words(SectionKind::Other).contains("信息处理费")
        {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            "“其他需要报告的事项”中没有报告信息处理费的收取情况".to_owned(),
            Some("写明本年度收取（或未收取）信息处理费的情况，例如“本年度未收取信息处理费”"),
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
    fn fee_must_be_reported_from_2021() {
        let mut r = report(V2021, 2022);
        r.sections[5].text = "2022年度無收取行政事業性收費情況。".to_owned();
        assert_eq!(run(&ProcessingFeeNotReported, &r).len(), 1);
        r.sections[5].text = "本單位未收取信息處理費。".to_owned();
        assert!(run(&ProcessingFeeNotReported, &r).is_empty());
        assert!(run(&ProcessingFeeNotReported, &report(V2019, 2020)).is_empty());
    }
}
