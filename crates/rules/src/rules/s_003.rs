//! S-003 `misplaced-content`: content that belongs elsewhere — next year's plans inside 总体情况,
//! or a list numbered like the top-level headings inside 六.

use crate::context::{section_lines, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Finding, SectionKind, Severity, Status};
use nianbao_normalize::Compact;

/// See [`INFO`].
pub struct MisplacedContent;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "S-003",
    name: "misplaced-content",
    severity: Severity::Warning,
    title: "内容放错了位置",
    spec: "format-spec.md §6 N-16 (HEURISTIC)",
    doc: "\
## 检查什么
* “一、总体情况”中没有关于工作打算的小标题（`工作打算`、`工作计划`、`下一步工作`）：改进打算应写在
  “五、存在的主要问题及改进情况”。
* “六、其他需要报告的事项”中没有 `一、二、三、` 编号的列表，那看起来像报告的更多个部分。

## 依据
通知规定了各部分的内容：总体情况写本年度工作；问题和改进写在第五部分（国办公开办函〔2021〕30号：“存在的主要问题及改进情况”）。

## 示例
样本 000：总体情况中有 `（六）2023年工作打算`，第六部分中有 `一、持续加强了重大政策的发布解读…`。

## 例外
其他部分完全可以有 `一、二、三、` 的列表（第五部分常有）。",
};

/// Words of a sub-heading about plans.
const PLAN_WORDS: &[&str] = &["工作打算", "工作计划", "下一步工作"];

impl Rule for MisplacedContent {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        if let Some(overview) = cx.report.section(SectionKind::Overview) {
            // A sub-heading is a short line: long ones are paragraphs and are not normalised.
            for (line, span) in section_lines(overview).filter(|(line, _)| line.len() <= SUBHEADING_BYTES) {
                let words = Compact::label(line);
                if is_subheading(&words)
                    && words.chars().count() <= 30
                    && PLAN_WORDS.iter().any(|w| words.contains(w))
                {
                    reporter.report(
                        Status::Failed,
                        format!(
                            "“总体情况”中有工作打算“{}”，应放在“五、存在的主要问题及改进情况”",
                            line.trim()
                        ),
                        Some("把下一年度的工作打算移到第五部分"),
                        Vec::new(),
                        vec![span],
                    );
                }
            }
        }
        if let Some(other) = cx.report.section(SectionKind::Other) {
            let numbered: Vec<_> = section_lines(other)
                .filter(|(line, _)| top_level_numeral(&Compact::label(line_start(line))))
                .collect();
            if let Some((first, span)) = numbered.first() {
                reporter.report(
                    Status::Failed,
                    format!(
                        "“其他需要报告的事项”中有 {} 行用“一、二、三、”编号（如“{}”），容易与报告的六个部分混淆",
                        numbered.len(),
                        first.trim().chars().take(20).collect::<String>()
                    ),
                    Some("改用（一）（二）或 1. 2. 编号"),
                    Vec::new(),
                    std::iter::once(*span).chain(numbered[1..].iter().map(|(_, s)| *s)).collect(),
                );
            }
        }
    }
}

/// The longest line (in bytes) that can be a sub-heading: 30 characters with pinyin ruby.
const SUBHEADING_BYTES: usize = 240;

/// The first few characters of a line, enough to see its numbering.
fn line_start(line: &str) -> &str {
    let end = line.char_indices().nth(8).map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// Whether a normalised line starts like a sub-heading: `(一)`, `一、`, `1、`, `1.`.
fn is_subheading(words: &str) -> bool {
    let mut chars = words.chars();
    match chars.next() {
        Some('(') => chars
            .next()
            .is_some_and(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit()),
        Some(c) if "一二三四五六七八九十".contains(c) || c.is_ascii_digit() => {
            chars.next().is_some_and(|m| m == '、' || m == '.')
        }
        _ => false,
    }
}

/// Whether a normalised line starts with `一、`…`十、`.
fn top_level_numeral(words: &str) -> bool {
    let mut chars = words.chars();
    chars.next().is_some_and(|c| "一二三四五六七八九十".contains(c)) && chars.next() == Some('、')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn plans_in_the_overview_and_headings_in_six() {
        let mut r = report(V2021, 2022);
        r.sections[0].text = "全年工作情况。\n（六）2023年工作打算\n2023年，继续……".to_owned();
        r.sections[5].text = "未收取信息处理费。\n一、持续加强了政策解读。\n二、不断完善平台。".to_owned();
        let found = run(&MisplacedContent, &r);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].spans[0].line, 2);
        assert_eq!(found[1].spans.len(), 2);
        r.sections[0].text = "一是做好下一步工作。".to_owned();
        r.sections[5].text = "（一）持续加强。".to_owned();
        assert!(run(&MisplacedContent, &r).is_empty());
    }
}
