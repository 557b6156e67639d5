//! N-005 `narrative-table-mismatch`: a figure written in 总体情况 differs from the tables.

use crate::context::{Context, Reporter, RuleInfo, Value};
use crate::Rule;
use nianbao_model::template::{fact_key, TableId};
use nianbao_model::{Finding, SectionKind, Severity, Status};

/// See [`INFO`].
pub struct NarrativeTableMismatch;

/// The rule's facts and documentation.
pub static INFO: RuleInfo = RuleInfo {
    code: "N-005",
    name: "narrative-table-mismatch",
    severity: Severity::Warning,
    title: "总体情况中的数字与统计表不一致",
    spec: "format-spec.md §6 N-8 (HEURISTIC)",
    doc: "\
## 检查什么
“一、总体情况”用文字写出的数字与统计表对照：
* `未收到…申请` ⇔ 表三“一、本年新收”总计 = 0；
* `收到…N件…申请` / `收到…申请N件` ⇔ 本年新收总计（或本年新收 + 上年结转）；
* `办结N件` ⇔ （七）总计；`N件结转` / `结转…N件` ⇔ “四、结转下年度继续办理”；
* `行政复议N起` ⇔ 表四行政复议总计；`行政诉讼N起` ⇔ 两项行政诉讼总计之和。

## 依据
通知要求数据准确、可核查（“统得出、报得准、可核查”）；正文数字与表格不一致，常见于抄来的或未改完的报告。

## 示例
平潭 2025：`收到…154件…办结148件…结转…6件`、`行政复议36起，行政诉讼9起`——都与表格一致。

## 例外
匹配方式简单而措辞自由：碰巧用了同样字眼的其他数字可能被误比。这是警告。",
};

/// A figure read from the text: what it claims (or `denied` for “未收到…申请”), where, and the
/// number.
struct Claim {
    what: &'static str,
    value: i64,
    at: usize,
}

impl Rule for NarrativeTableMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let words = cx.section_words(SectionKind::Overview);
        if words.is_empty() {
            return;
        }
        let t3 = |row| cx.value(TableId::T3, row, "total");
        let t4 = |row| cx.value(TableId::T4, row, "total");
        let mut reporter = Reporter::new(&INFO, out);
        let all_claims = claims(words);
        for claim in all_claims.iter().filter(|c| c.what != "denied") {
            let (expected, alternative, key): (Value, Option<Value>, String) = match claim.what {
                "received" => (
                    t3("new_received"),
                    sum(t3("new_received"), t3("carried_in")),
                    fact_key(TableId::T3, "new_received", "total"),
                ),
                "handled" => (
                    t3("total_processed"),
                    None,
                    fact_key(TableId::T3, "total_processed", "total"),
                ),
                "carried" => (
                    t3("carried_out"),
                    None,
                    fact_key(TableId::T3, "carried_out", "total"),
                ),
                "review" => (t4("review"), None, fact_key(TableId::T4, "review", "total")),
                _ => (
                    sum(t4("suit_direct"), t4("suit_after_review")).unwrap_or(Value::Unknown),
                    None,
                    fact_key(TableId::T4, "suit_direct", "total"),
                ),
            };
            let Value::Int(table) = expected else { continue };
            if table == claim.value || alternative == Some(Value::Int(claim.value)) {
                continue;
            }
            let what = match claim.what {
                "received" => "收到申请",
                "handled" => "办结申请",
                "carried" => "结转下年度申请",
                "review" => "行政复议",
                _ => "行政诉讼",
            };
            let context: String = words[claim.at..].chars().take(16).collect();
            reporter.report(
                Status::Failed,
                format!(
                    "总体情况写的{what} {} 件（“{context}…”），表中为 {table} 件",
                    claim.value
                ),
                Some("核对总体情况中的数字与统计表"),
                vec![key],
                Vec::new(),
            );
        }
        let denies = all_claims.iter().any(|c| c.what == "denied");
        if let (true, Value::Int(received @ 1..)) = (denies, t3("new_received")) {
            reporter.report(
                Status::Failed,
                format!("总体情况说未收到政府信息公开申请，但表三本年新收 {received} 件"),
                Some("核对总体情况与表三"),
                vec![fact_key(TableId::T3, "new_received", "total")],
                cx.span(TableId::T3, "new_received", "total")
                    .into_iter()
                    .collect(),
            );
        }
    }
}

fn sum(a: Value, b: Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(a), Value::Int(b)) => Some(Value::Int(a + b)),
        _ => None,
    }
}

/// The figures `words` (normalised text) states: a keyword, then within a few characters a number
/// and its measure word.
fn claims(words: &str) -> Vec<Claim> {
    /// Keyword, what a figure after it claims, and how far after it the figure may stand.
    const PATTERNS: [(&str, &str, usize); 5] = [
        ("收到", "received", 14),
        ("办结", "handled", 4),
        ("结转", "carried", 10),
        ("行政复议", "review", 4),
        ("行政诉讼", "suit", 4),
    ];
    static AUTOMATON: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    // The keywords' first bytes are everywhere in Chinese text: one pass beats one search each.
    let automaton = AUTOMATON.get_or_init(|| {
        aho_corasick::AhoCorasick::new(PATTERNS.map(|(keyword, _, _)| keyword))
            .unwrap_or_else(|e| panic!("keywords: {e}"))
    });
    let mut found = Vec::new();
    for hit in automaton.find_iter(words) {
        let (keyword, what, reach) = PATTERNS[hit.pattern().as_usize()];
        let at = hit.start();
        let before = &words[..at];
        if what == "received" && (before.ends_with('未') || before.ends_with("没有")) {
            let clause: String = words[at..]
                .chars()
                .take_while(|c| !"。；;".contains(*c))
                .collect();
            if clause.contains("申请") && !clause.contains("复议") && !clause.contains("诉讼") {
                found.push(Claim {
                    what: "denied",
                    value: 0,
                    at,
                });
            }
            continue;
        }
        // 上年(度)结转 is carried in, not carried out.
        if what == "carried"
            && ["上年", "上一年", "上年度", "上一年度"]
                .iter()
                .any(|w| before.ends_with(w))
        {
            continue;
        }
        // Figures about applications must stand in a sentence about applications (not 工单,
        // 诉求, 提案 …).
        let about_applications = matches!(what, "received" | "handled" | "carried");
        if about_applications && !sentence_around(words, at).contains("申请") {
            continue;
        }
        // `1件结转下年`: the number before the keyword.
        if what == "carried" {
            if let Some(counted) = before.strip_suffix('件') {
                let digits = counted.len() - counted.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                if let Ok(value) = counted[counted.len() - digits..].parse() {
                    found.push(Claim { what, value, at });
                    continue;
                }
            }
        }
        let after = &words[at + keyword.len()..];
        // A number belongs to the words around it: the clause ends at a bracket as at a comma.
        let clause: String = after
            .chars()
            .take_while(|c| !"，。；;、,()".contains(*c))
            .take(reach + 6)
            .collect();
        if let Some(value) = number_before_measure(&clause, reach) {
            found.push(Claim { what, value, at });
        }
    }
    found
}

/// The sentence (between `。`s) around byte `at` of `words`.
fn sentence_around(words: &str, at: usize) -> &str {
    let start = words[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let end = words[at..].find('。').map_or(words.len(), |i| at + i);
    &words[start..end]
}

/// The first number within `reach` characters of `clause` that is followed by 件, 起 or 宗.
fn number_before_measure(clause: &str, reach: usize) -> Option<i64> {
    let chars: Vec<char> = clause.chars().collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    if start > reach {
        return None;
    }
    let end = start + chars[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    matches!(chars.get(end), Some('件' | '起' | '宗'))
        .then(|| chars[start..end].iter().collect::<String>().parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{report, run, with};
    use nianbao_model::TemplateVersion::V2021;

    fn pingtan_2025() -> nianbao_model::Report {
        with(
            report(V2021, 2025),
            &[
                ("t3.new_received.total", "154"),
                ("t3.total_processed.total", "148"),
                ("t3.carried_out.total", "6"),
                ("t4.review.total", "36"),
                ("t4.suit_direct.total", "6"),
                ("t4.suit_after_review.total", "3"),
            ],
        )
    }

    #[test]
    fn matching_figures_pass() {
        let mut r = pingtan_2025();
        r.sections[0].text =
            "全年共收到政府信息公开申请154件，办结148件，结转至2026年6件。行政复议36起，行政诉讼9起。"
                .to_owned();
        assert!(
            run(&NarrativeTableMismatch, &r).is_empty(),
            "{:?}",
            run(&NarrativeTableMismatch, &r)
        );
        r.sections[0].text = "收到70件申请，办结69件，1件结转下年。".to_owned();
        let r = with(
            r,
            &[
                ("t3.new_received.total", "70"),
                ("t3.total_processed.total", "69"),
                ("t3.carried_out.total", "1"),
            ],
        );
        assert!(run(&NarrativeTableMismatch, &r).is_empty());
    }

    #[test]
    fn differing_figures_and_denials_are_reported() {
        let mut r = pingtan_2025();
        r.sections[0].text = "全年共收到政府信息公开申请150件，办结148件。行政诉讼8起。".to_owned();
        let found = run(&NarrativeTableMismatch, &r);
        let keys: Vec<&str> = found.iter().map(|f| f.cells[0].as_str()).collect();
        assert_eq!(keys, ["t3.new_received.total", "t4.suit_direct.total"]);
        r.sections[0].text = "本年度未收到公民、法人或其他组织提出的政府信息公开申请。".to_owned();
        assert_eq!(run(&NarrativeTableMismatch, &r).len(), 1);
        r.sections[0].text = "本年度未收到行政复议申请。".to_owned();
        assert!(run(&NarrativeTableMismatch, &r).is_empty());
        // Seed 001: work orders of a hotline are not applications.
        r.sections[0].text = "通过12345热线办结工单1380件、满意1243件。".to_owned();
        assert!(run(&NarrativeTableMismatch, &r).is_empty());
    }

    #[test]
    fn a_number_in_brackets_belongs_to_the_words_in_the_brackets() {
        // Shanghai 2019: 18 is carried in from the year before; 72 are carried forward.
        let r = with(
            report(V2021, 2019),
            &[
                ("t3.new_received.total", "859"),
                ("t3.carried_in.total", "18"),
                ("t3.total_processed.total", "805"),
                ("t3.carried_out.total", "72"),
            ],
        );
        let mut r = r;
        r.sections[0].text = "全年共收到政府信息公开申请859件，答复805件（含上年度结转申请18件，\
            另有72件因在答复期限内顺延到下年度）。"
            .to_owned();
        let found = run(&NarrativeTableMismatch, &r);
        assert!(found.is_empty(), "{found:?}");
        // A figure right after a keyword but inside brackets is not that keyword's figure.
        r.sections[0].text = "办结（含转办12件）805件，结转（不含上年度）72件。".to_owned();
        assert!(run(&NarrativeTableMismatch, &r).is_empty());
    }
}
