//! The rules of `nianbao`: the 勾稽关系 of Tables 2–4 and the structure and narrative checks that
//! county reviewers apply, each pointing at the cells or text it concerns.
//!
//! Every rule lives in its own file under [`rules`], with its code (`T3-002`), a kebab-case name
//! naming the defect, its documentation (what it checks, why — quoting the notice —, an example,
//! exceptions, the spec section) and its own tests. [`RULES`] is the one table of all of them.
//! Codes are never reused.
//!
//! Severity follows the spec's strength tags: MANDATED and STRUCTURAL rules report errors,
//! HEURISTIC and LOCAL ones warnings. A check that fails only because blank cells were counted as
//! 0 is reported as incomplete (a warning); a cell the reader could not determine makes a check
//! not assessable, and nothing is reported — the reader's own diagnostic says why.
//!
//! [`check`] runs every rule on one report; [`check_series`] also runs the cross-year rules on the
//! reports of one agency for consecutive years. No rule changes a value.

mod context;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod properties;
pub mod rules;

pub use context::{compare, Comparison, Context, RuleInfo, Value};
use nianbao_model::{Finding, Report};
use nianbao_normalize::Compact;

/// One rule.
pub trait Rule: Sync {
    /// Its code, name, severity and documentation.
    fn info(&self) -> &'static RuleInfo;
    /// Appends what it finds in `cx` to `out`.
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
}

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    &rules::t2_001::InvalidDocumentCount,
    &rules::t2_002::FeeNotInWanYuan,
    &rules::t2_003::FeeTooManyDecimals,
    &rules::t2_004::FeeUnitSuspect,
    &rules::t2_005::InForceBelowIssued,
    &rules::t2_006::RepealedExceedsStock,
    &rules::t2_007::StockDoesNotChain,
    &rules::t2_008::RegulationsWithoutPower,
    &rules::t2_101::InvalidCount2019,
    &rules::t2_102::NegativeItemStock,
    &rules::t2_103::TotalBelowNewPublished,
    &rules::t2_104::ItemsDoNotChain,
    &rules::t2_105::ProcurementCountAmountMismatch,
    &rules::t3_001::CarryOverMismatch,
    &rules::t3_002::OutcomeTotalMismatch,
    &rules::t3_003::RowTotalMismatch,
    &rules::t3_004::InvalidCount,
    &rules::t3_005::OutcomesWithoutApplications,
    &rules::t3_006::CarryOverNotChained,
    &rules::t3_007::HighOtherHandlingShare,
    &rules::t3_008::FeeRefusalNotExplained,
    &rules::t4_001::REVIEW_TOTAL_MISMATCH,
    &rules::t4_002::SUIT_DIRECT_TOTAL_MISMATCH,
    &rules::t4_003::SUIT_AFTER_REVIEW_TOTAL_MISMATCH,
    &rules::t4_004::InvalidCaseCount,
    &rules::s_001::MissingSection,
    &rules::s_002::EmptySection,
    &rules::s_003::MisplacedContent,
    &rules::s_004::BlankCell,
    &rules::n_001::PeriodYearMismatch,
    &rules::n_002::TemplateVersionMismatch,
    &rules::n_003::HybridTemplate,
    &rules::n_004::ProcessingFeeNotReported,
    &rules::n_005::NarrativeTableMismatch,
    &rules::n_006::OverviewTooLong,
    &rules::n_007::OverviewAspectMissing,
];

/// The full explanation of a rule, in Markdown: code, name, title, severity, source, then its
/// documentation.
pub fn explanation(rule: &dyn Rule) -> String {
    let info = rule.info();
    let severity = info.severity.chinese();
    format!(
        "## {} `{}`\n\n{}\n\n级别：{severity} · 依据：{}\n\n{}\n",
        info.code, info.name, info.title, info.spec, info.doc
    )
}

/// `RULES.md`: an index of every rule, then each rule's explanation.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# 核对规则\n\n由 `cargo xtask codegen` 从各规则自带的说明（`crates/rules/src/rules/`）生成，请勿手改。\
         `nianbao rules` 列出全部规则，`nianbao rule 编号` 解释一条。\n\n| 编号 | 级别 | 名称 | 核对内容 |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        let info = rule.info();
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            info.code,
            info.severity.chinese(),
            info.name,
            info.title
        ));
    }
    for rule in RULES {
        out.push('\n');
        out.push_str(&explanation(*rule));
    }
    out
}

/// The rule with code `code` or name `code` (`T3-002`, `outcome-total-mismatch`; case-insensitive).
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.info().code.eq_ignore_ascii_case(code) || r.info().name.eq_ignore_ascii_case(code))
}

/// Runs every rule on `report` alone (cross-year rules need [`check_series`]).
pub fn check(report: &Report) -> Vec<Finding> {
    check_with_previous(report, None)
}

/// Runs every rule on `report`, with the same agency's report for the previous year if known.
pub fn check_with_previous(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let cx = Context::new(report, previous);
    let mut findings = Vec::new();
    for rule in RULES {
        rule.check(&cx, &mut findings);
    }
    findings
}

/// Runs only the rules of Tables 2–4 (codes `T2-`, `T3-`, `T4-`): for an aggregate, which has
/// tables but no narrative of its own.
pub fn check_tables(report: &Report) -> Vec<Finding> {
    let cx = Context::new(report, None);
    let mut findings = Vec::new();
    for rule in RULES.iter().filter(|r| r.info().code.starts_with('T')) {
        rule.check(&cx, &mut findings);
    }
    findings
}

/// Runs every rule on each of `reports`, pairing each with the report of the same agency for
/// the previous year when it is among them. Returns the findings in the order of `reports`.
pub fn check_series(reports: &[&Report]) -> Vec<Vec<Finding>> {
    let keys: Vec<Option<(String, i32)>> = reports.iter().map(|r| series_key(r)).collect();
    reports
        .iter()
        .zip(&keys)
        .map(|(report, key)| {
            let previous = key.as_ref().and_then(|(agency, year)| {
                keys.iter()
                    .position(|k| k.as_ref().is_some_and(|(a, y)| a == agency && *y == year - 1))
                    .map(|i| reports[i])
            });
            check_with_previous(report, previous)
        })
        .collect()
}

/// Agency (normalised) and year: what makes reports one series.
fn series_key(report: &Report) -> Option<(String, i32)> {
    let agency = Compact::label(&report.metadata.agency.as_ref()?.value);
    Some((agency, report.metadata.year.as_ref()?.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.info().code).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| {
            (
                c.split('-')
                    .next()
                    .map(|f| ["T2", "T3", "T4", "S", "N"].iter().position(|x| *x == f)),
                c.to_string(),
            )
        });
        assert_eq!(codes, sorted, "RULES is in code order");
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len(), "codes are unique");
        for rule in RULES {
            let info = rule.info();
            let (family, number) = info.code.split_once('-').expect("family-NNN");
            assert!(
                ["T2", "T3", "T4", "S", "N"].contains(&family) && number.len() == 3,
                "{}",
                info.code
            );
            assert!(
                info.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                info.name
            );
            for heading in ["## 检查什么", "## 依据", "## 示例", "## 例外"] {
                assert!(info.doc.contains(heading), "{} lacks {heading}", info.code);
            }
            assert!(info.spec.starts_with("format-spec.md §"), "{}", info.code);
        }
    }

    #[test]
    fn published_rules_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../RULES.md");
        let published = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            published == rules_markdown(),
            "RULES.md is stale: run `cargo xtask codegen`"
        );
    }

    #[test]
    fn rules_are_found_by_code() {
        assert_eq!(
            rule("t3-002").map(|r| r.info().name),
            Some("outcome-total-mismatch")
        );
        assert!(rule("X-999").is_none());
    }
}
