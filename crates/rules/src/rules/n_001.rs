//! N-001 `period-year-mismatch`: the statistics period, a period in the text, or the sign-off
//! date does not fit the report year.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Date, Finding, Severity, Span, Status};

/// See [`INFO`].
pub struct PeriodYearMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-001",
    name: "period-year-mismatch",
    severity: Severity::Warning,
    title: "统计期限、文中期间或落款日期与报告年度不符",
    spec: "format-spec.md §6 N-5 (HEURISTIC; DB51/T 2660—2019 LOCAL)",
    doc: "\
## 检查什么
对 Y 年度的报告：
* 写明的统计期限为 Y 年 1 月 1 日至 12 月 31 日；
* 正文中写出的整年期限（`…年1月1日至…年12月31日`）属于 Y 年；
* 落款日期在 Y + 1 年。

## 依据
年度报告报告上一自然年度的工作，于次年 1 月 31 日前公布（《条例》第四十九条；四川省地方标准
DB51/T 2660—2019 规定统计期限为当年 1 月 1 日至 12 月 31 日）。从别的年度抄来的段落会表现为年份不对的期限。

## 示例
样本 001，2021 年度报告：`2020年1月1日至2021年12月31日，张家坡镇未收到…申请`。

## 例外
不是整个自然年度的期限（某项活动、某个项目）不核对。",
};

impl Rule for PeriodYearMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(year) = cx.year() else { return };
        let metadata = &cx.report.metadata;
        let mut reporter = Reporter::new(&INFO, out);
        let full_year =
            |start: Date, end: Date| start.month == 1 && start.day == 1 && end.month == 12 && end.day == 31;
        let mut stated: Option<Span> = None;
        if let Some(period) = &metadata.period {
            let p = period.value;
            stated = period.span;
            if !(full_year(p.start, p.end) && p.start.year == year && p.end.year == year) {
                reporter.report(
                    Status::Failed,
                    format!(
                        "统计期限为 {} 至 {}，与报告年度 {year} 年（{year}年1月1日至12月31日）不符",
                        p.start, p.end
                    ),
                    Some("统计期限应为报告年度的1月1日至12月31日"),
                    Vec::new(),
                    period.span.into_iter().collect(),
                );
            }
        }
        for section in &cx.report.sections {
            for (period, range) in Date::ranges_in(&section.text) {
                let span = Span {
                    start: section.body.start + range.start,
                    end: section.body.start + range.end,
                    line: section.body.line + section.text[..range.start].matches('\n').count() as u32,
                    column: 0,
                    place: None,
                };
                let is_stated = stated.is_some_and(|s| s.start == span.start);
                if is_stated || !full_year(period.start, period.end) {
                    continue;
                }
                if period.start.year != year || period.end.year != year {
                    let column = section.text[..range.start]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count());
                    let column = if span.line == section.body.line {
                        section.body.column as usize + column
                    } else {
                        column + 1
                    };
                    reporter.report(
                        Status::Failed,
                        format!(
                            "“{}”中写的期间“{}”与报告年度 {year} 年不符",
                            section.heading.value, &section.text[range]
                        ),
                        Some("核对文中的年份，是否沿用了其他年度的文字"),
                        Vec::new(),
                        vec![Span {
                            column: column as u32,
                            ..span
                        }],
                    );
                }
            }
        }
        if let Some(sign_off) = &metadata.sign_off {
            let date = sign_off.date.value;
            if date.year != year + 1
                && sign_off.date.span.is_some()
                && metadata.year.as_ref().is_some_and(|y| y.span.is_some())
            {
                reporter.report(
                    Status::Failed,
                    format!("落款日期 {date} 不在报告年度的次年（{} 年）", year + 1),
                    Some("年度报告应在次年1月31日前公布"),
                    Vec::new(),
                    sign_off.date.span.into_iter().collect(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, span};
    use nianbao_model::{Period, SignOff, Spanned, TemplateVersion::V2021};

    #[test]
    fn a_copied_period_of_another_year() {
        let mut r = report(V2021, 2021);
        r.sections[0].text =
            "2021年1月1日至2021年12月31日，主动公开95条。\n2020年1月1日至2021年12月31日，未收到申请。"
                .to_owned();
        let found = run(&PeriodYearMismatch, &r);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("2020年1月1日至2021年12月31日"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].spans[0].line, 2);
    }

    #[test]
    fn stated_period_and_sign_off() {
        let mut r = report(V2021, 2022);
        let date = |year, month, day| Date { year, month, day };
        r.metadata.period = Some(Spanned::new(
            Period {
                start: date(2022, 1, 1),
                end: date(2022, 12, 31),
            },
            span(),
        ));
        r.metadata.year = Some(Spanned::new(2022, span()));
        r.metadata.sign_off = Some(SignOff {
            agency: None,
            date: Spanned::new(date(2023, 1, 13), span()),
        });
        assert!(run(&PeriodYearMismatch, &r).is_empty());
        r.metadata.sign_off = Some(SignOff {
            agency: None,
            date: Spanned::new(date(2022, 1, 13), span()),
        });
        r.metadata.period = Some(Spanned::new(
            Period {
                start: date(2021, 1, 1),
                end: date(2021, 12, 31),
            },
            span(),
        ));
        assert_eq!(run(&PeriodYearMismatch, &r).len(), 2);
    }
}
