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
## What it checks
The `规章` row of Table 2 is 0 for a township (镇, 乡), street office (街道) or county-level body
(县).

## Why
Only 国务院部门 and provincial and 设区的市 governments have the power to make 规章 (立法法); a
township or county that reports them has most likely counted 规范性文件 in the wrong row.

## Example
`天池镇人民政府 … 规章 | 2 | 0 | 2`.

## Exceptions
The agency's level is read from its name; an unusual name may be misjudged. A warning.",
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
