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
## 检查什么
2021 年度及以后的报告，在“六、其他需要报告的事项”中报告信息处理费——没有收取也要写明。算作报告的写法：
`未收取信息处理费`、`未收取信息公开处理费`、`信息公开处理费收费情况…`、`无收取信息处理费情况`，以及说政府信息公开
本身收费情况的句子（`政府信息公开未发生收费情况`、`未发生政府信息公开收费事项`）。

## 依据
国办公开办函〔2021〕30号：“收取信息处理费情况在此处报告”——按《政府信息公开信息处理费管理办法》收取信息处理费的情况
须在第六部分报告。

## 示例
样本 002：`六、其他需要报告的事项 / 无`。样本 004 报告的是行政事业性收费，那是表二（八），另一回事，不满足本规则。

## 例外
无。第六部分缺失时由 S-001 报告。关于行政事业性收费的句子不算：那是表二（八），不是信息处理费。",
};

impl Rule for ProcessingFeeNotReported {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(section) = cx.report.section(SectionKind::Other) else {
            return;
        };
        if cx.year().is_none_or(|y| y < 2021) || reports_the_fee(cx.section_words(SectionKind::Other)) {
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

/// Whether normalised text reports the processing fee: it names the fee (`信息处理费`,
/// `信息公开处理费`), or a sentence speaks of fees (`收费`, `收取…费`) of 政府信息公开 and not of
/// 行政事业性收费.
fn reports_the_fee(words: &str) -> bool {
    if words.contains("信息处理费") || words.contains("信息公开处理费") {
        return true;
    }
    words.split(['。', '；', ';', '\n']).any(|sentence| {
        let about_fees = sentence.contains("收费") || (sentence.contains("收取") && sentence.contains('费'));
        about_fees && sentence.contains("信息公开") && !sentence.contains("行政事业性收费")
    })
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

    #[test]
    fn wordings_that_report_the_fee_are_accepted() {
        let mut r = report(V2021, 2024);
        for reported in [
            "本年度未收取信息公开处理费。",
            "本年度信息公开处理费收费情况\n2024 年，市科委未发生政府信息公开收费事项。",
            "政府信息公开未发生收费情况。",
            "2024年无收取信息处理费情况。",
        ] {
            r.sections[5].text = reported.to_owned();
            assert!(run(&ProcessingFeeNotReported, &r).is_empty(), "{reported}");
        }
        for silent in [
            "无",
            "暂无其他需要报告的事项。",
            "本年度行政事业性收费未发生变化，信息公开工作平稳。",
            "加强政府信息公开工作。按规定收取停车费。",
        ] {
            r.sections[5].text = silent.to_owned();
            assert_eq!(run(&ProcessingFeeNotReported, &r).len(), 1, "{silent}");
        }
    }
}
