//! S-001 `missing-section`: one of the six sections of the template is not in the report.

use crate::context::{Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::{Finding, SectionKind, Severity, Status};

/// See [`INFO`].
pub struct MissingSection;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "S-001",
    name: "missing-section",
    severity: Severity::Error,
    title: "缺少年报格式规定的部分，或各部分顺序不对",
    spec: "format-spec.md §6 N-4 (MANDATED)",
    doc: "\
## 检查什么
报告按顺序具备模板的六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。

## 依据
通知规定了格式（国办公开办函〔2019〕60号、〔2021〕30号），并要求内容完整：“不能遗漏，也不宜泛化”。

## 示例
报告从“四”直接跳到“六”。

## 例外
标题按文字识别，包括实际报告中的各种写法（`其它`、`1、`、繁体字）。放错位置的部分在应在的位置找不到，也在这里报告。",
};

impl Rule for MissingSection {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut reporter = Reporter::new(&INFO, out);
        for kind in SectionKind::ALL {
            if cx.report.section(kind).is_none() {
                reporter.report(
                    Status::Failed,
                    format!(
                        "缺少第{}部分“{}”（或标题不规范、顺序不对）",
                        kind.number(),
                        kind.canonical_heading()
                    ),
                    Some("按年报格式补齐该部分，标题使用格式规定的文字"),
                    Vec::new(),
                    Vec::new(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run};
    use nianbao_model::TemplateVersion::V2021;

    #[test]
    fn each_missing_part_is_named() {
        let mut r = report(V2021, 2022);
        assert!(run(&MissingSection, &r).is_empty());
        r.sections.retain(|s| s.kind != SectionKind::Problems);
        let found = run(&MissingSection, &r);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("缺少第5部分“五、存在的主要问题及改进情况”"));
    }
}
