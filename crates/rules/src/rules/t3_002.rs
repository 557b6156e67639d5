//! T3-002 `outcome-total-mismatch`: the outcomes of a column do not add up to （七）总计.

use crate::context::{signed, t3_column_name, Context, Reporter, RuleInfo};
use crate::Rule;
use nianbao_model::arithmetic::{sums_of, SumKind};
use nianbao_model::{Finding, Severity};

/// See [`INFO`].
pub struct OutcomeTotalMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "T3-002",
    name: "outcome-total-mismatch",
    severity: Severity::Error,
    title: "各项办理结果之和不等于（七）总计",
    spec: "format-spec.md §5.1 T3-2 (STRUCTURAL)",
    doc: "\
## 检查什么
表三的每一列：`（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）`，
其中（六）在 2019 版中是一行，在 2021 版中是三个子行。

## 依据
（七）是各项办理结果的总计，而（二）的行名写明区分处理的申请只计一次（“区分处理的，只计这一情形，不计其他情形”），
所以每件申请恰有一个办理结果。

## 示例
平潭 2020，自然人：予以公开 6 + 部分公开 6 + 不掌握 4 + 补正后仍不明确 3 + 重复申请 3 + 其他处理 4 = 26，
但（七）总计是 20。这一列满足 T3-001（20 + 0 = 20 + 0），所以要单独核对。

## 例外
无。空白按 0 计，结果记为不完整（警告）。",
};

impl Rule for OutcomeTotalMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(version) = cx.version() else {
            return;
        };
        Reporter::new(&INFO, out).sums(
            cx,
            sums_of(version, SumKind::Outcomes),
            "逐项核对（一）至（六）各项办理结果，或更正（七）总计",
            |sum, printed, computed| {
                format!(
                    "{}列：（七）总计 = {printed}，各项办理结果之和 = {computed}，相差 {}",
                    t3_column_name(sum.total.column),
                    signed(printed - computed)
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::{V2019, V2021};

    #[test]
    fn outcomes_adding_up_pass_in_both_versions() {
        for (version, other) in [(V2019, "t3.other.total"), (V2021, "t3.other.other.total")] {
            let r = with(
                report(version, 2022),
                &[
                    (other, "2"),
                    ("t3.granted.total", "1"),
                    ("t3.total_processed.total", "3"),
                ],
            );
            assert!(run(&OutcomeTotalMismatch, &r).is_empty(), "{version}");
        }
    }

    #[test]
    fn pingtan_2020_natural_person() {
        let r = with(
            report(V2019, 2020),
            &[
                ("t3.granted.natural_person", "6"),
                ("t3.partial.natural_person", "6"),
                ("t3.unable.not_held.natural_person", "4"),
                ("t3.unable.unclear.natural_person", "3"),
                ("t3.not_processed.repeat.natural_person", "3"),
                ("t3.other.natural_person", "4"),
                ("t3.total_processed.natural_person", "20"),
            ],
        );
        let found = run(&OutcomeTotalMismatch, &r);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "自然人列：（七）总计 = 20，各项办理结果之和 = 26，相差 -6"
        );
        assert_eq!(found[0].cells[0], "t3.total_processed.natural_person");
    }

    #[test]
    fn a_blank_total_is_derived_from_its_row() {
        // Shanghai 2019: 总计 blank on the outcome rows, components printed.
        let r = with(
            report(V2019, 2019),
            &[
                ("t3.granted.natural_person", "258"),
                ("t3.granted.commercial", "12"),
                ("t3.granted.total", ""),
                ("t3.total_processed.natural_person", "258"),
                ("t3.total_processed.commercial", "12"),
                ("t3.total_processed.total", "270"),
            ],
        );
        assert!(run(&OutcomeTotalMismatch, &r).is_empty());
    }
}
