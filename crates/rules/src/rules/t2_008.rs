//! T2-008 `regulations-without-power`: 规章 reported by an agency that cannot make them.

use crate::context::{is_local_agency, Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{Finding, Severity, Status};

/// See [`INFO`].
pub struct RegulationsWithoutPower;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T2-008",
    name: "regulations-without-power",
    severity: Severity::Warning,
    title: "乡镇、街道或县级机关填报了规章件数",
    spec: "format-spec.md §5.3 T2-8 (HEURISTIC)",
    doc: "\
## 检查什么
乡镇（镇、乡）、街道或县级机关（县）的表二“规章”一行为 0。

## 依据
只有国务院部门和省、设区的市的人民政府有权制定规章（《立法法》）；乡镇或县报告规章，多半是把规范性文件填错了行。

## 示例
`天池镇人民政府 … 规章 | 2 | 0 | 2`。

## 例外
机关级别按名称判断；名称特别时可能判断有误。这是警告。",
};

impl Rule for RegulationsWithoutPower {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if !is_local_agency(cx.report) {
            return;
        }
        let Some(row) = cx.rows(TableId::T2).iter().find(|r| r.key == "regulations") else {
            return;
        };
        let nonzero: Vec<&str> = row
            .columns
            .iter()
            .map(|c| c.key)
            .filter(|c| matches!(cx.value(TableId::T2, "regulations", c), Value::Int(v) if v != 0))
            .collect();
        if nonzero.is_empty() {
            return;
        }
        Reporter::new(&INFO, out).report(
            Status::Failed,
            "乡镇、街道和县级机关没有规章制定权，但“规章”一行填了非零数字".to_owned(),
            Some("规范性文件请填在“行政规范性文件”一行"),
            nonzero
                .iter()
                .map(|c| fact_key(TableId::T2, "regulations", c))
                .collect(),
            nonzero
                .iter()
                .filter_map(|c| cx.span(TableId::T2, "regulations", c))
                .collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::{Spanned, TemplateVersion::V2021};

    #[test]
    fn townships_make_no_regulations() {
        let mut r = with(report(V2021, 2022), &[("t2.regulations.issued", "2")]);
        r.metadata.agency = Some(Spanned::derived("上海市人民政府办公厅".to_owned()));
        assert!(run(&RegulationsWithoutPower, &r).is_empty());
        r.metadata.agency = Some(Spanned::derived("天池镇人民政府".to_owned()));
        assert_eq!(
            run(&RegulationsWithoutPower, &r)[0].cells,
            ["t2.regulations.issued"]
        );
    }
}
