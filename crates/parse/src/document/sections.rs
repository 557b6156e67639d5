//! Finding the six top-level sections by their heading text (spec §1.3).
//!
//! A heading is recognised by its words after normalisation, never by its numeral: Table 3's own
//! rows begin with `一、`…`四、` and sections 5 and 6 often hold their own `一、二、三、` lists. A
//! numeral prefix (`一、`, `1、`, `一.`, `1.`) must stand right before the words, at the start of a
//! line — or anywhere in a line that holds a whole report whose line breaks were lost. A short line
//! that is exactly the heading's words counts without a numeral. The six are searched in order.

use crate::lines::LineIndex;
use nianbao_model::SectionKind;
use nianbao_normalize::Compact;
use std::sync::OnceLock;

/// A heading found in the source.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// Which section it opens.
    pub(crate) kind: SectionKind,
    /// Its range in the source, numeral included.
    pub(crate) source: std::ops::Range<usize>,
}

/// Heading words of each section, as printed in the template, the notices and real reports.
const HEADINGS: [(SectionKind, &[&str]); 6] = [
    (SectionKind::Overview, &["总体情况"]),
    (
        SectionKind::Proactive,
        &["主动公开政府信息情况", "行政机关主动公开政府信息情况"],
    ),
    (
        SectionKind::Applications,
        &[
            "收到和处理政府信息公开申请情况",
            "行政机关收到和处理政府信息公开申请情况",
        ],
    ),
    (
        SectionKind::ReviewLitigation,
        &[
            "政府信息公开行政复议、行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
            "政府信息公开申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开申请行政复议和提起行政诉讼情况",
        ],
    ),
    (
        SectionKind::Problems,
        &[
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的问题及改进情况",
            "存在的主要问题和改进情况",
            "存在问题及改进情况",
            "存在的主要问题及整改措施",
            "存在的主要问题及整改情况",
            "存在的问题及整改措施",
            "存在的问题及整改情况",
            "存在问题及整改措施",
            "存在问题及整改情况",
        ],
    ),
    (SectionKind::Other, &["其他需要报告的事项"]),
];

/// Headings of the pre-2019 format, which is out of scope (spec §7.3).
pub(crate) const PRE_2019_HEADINGS: &[&str] = &["概述", "政府信息公开的收费及减免情况"];

/// A line longer than this (in bytes) is treated as a whole report run together.
const RUN_TOGETHER_LINE: usize = 1500;

/// How much of the start of a line can hold a heading (in bytes): the longest heading with
/// pinyin ruby after every character and conversion residue before it fits.
const HEADING_WINDOW: usize = 180;

/// Whether a line ends in 况, 项 or 施 (every heading's words end in 情况, 事项 or 措施),
/// ignoring a trailing colon and pinyin ruby.
fn ends_like_a_heading(line: &str) -> bool {
    let mut end = line.trim_end().trim_end_matches([':', '：']);
    if end.ends_with(')') {
        end = end.rfind('(').map_or(end, |open| &end[..open]);
    }
    end.ends_with(['况', '況', '项', '項', '施'])
}

/// The parts of the source where headings can be, ascending and not overlapping: the start of
/// each line that begins with a numeral and a `、`/`.`, or that is short and ends like a heading;
/// and, in a line holding a whole report run together, every numeral followed by `、`/`.`.
pub(crate) fn heading_windows(source: &str, lines: &LineIndex) -> Vec<std::ops::Range<usize>> {
    let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
    let mut push = |start: usize, limit: usize| {
        let mut end = limit.min(start + HEADING_WINDOW);
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        match windows.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => windows.push(start..end),
        }
    };
    for line in 0..lines.len() {
        let range = lines.line_range(line);
        let text = &source[range.clone()];
        if range.len() > RUN_TOGETHER_LINE {
            let mut marks: Vec<usize> = ["、", ".", "．"]
                .iter()
                .flat_map(|mark| text.match_indices(mark).map(|(i, _)| i))
                .filter_map(|i| {
                    let numeral = text[..i].chars().next_back()?;
                    NUMERALS.contains(numeral).then(|| i - numeral.len_utf8())
                })
                .collect();
            marks.sort_unstable();
            for at in marks {
                push(range.start + at, range.end);
            }
            continue;
        }
        let mut start = text.trim_start();
        while let Some(len) = nianbao_normalize::residue_len(start) {
            start = start[len..].trim_start();
        }
        let mut chars = start.chars();
        let numbered = chars.next().is_some_and(|c| NUMERALS.contains(c))
            && chars.next().is_some_and(|c| "、.．".contains(c));
        let short_heading = text.len() <= HEADING_WINDOW && ends_like_a_heading(start);
        if numbered || short_heading {
            push(range.start, range.end);
        }
    }
    windows
}

/// The numerals of top-level headings, in every width.
const NUMERALS: &str = "一二三四五六123456１２３４５６";

/// One automaton for every heading wording, each pattern mapped to its section.
struct HeadingMatcher {
    automaton: aho_corasick::AhoCorasick,
    kinds: Vec<SectionKind>,
}

fn matcher() -> &'static HeadingMatcher {
    static CELL: OnceLock<HeadingMatcher> = OnceLock::new();
    CELL.get_or_init(|| {
        let (kinds, words): (Vec<SectionKind>, Vec<String>) = HEADINGS
            .iter()
            .flat_map(|(kind, words)| words.iter().map(|w| (*kind, Compact::label(w))))
            .unzip();
        HeadingMatcher {
            // The wordings are fixed and valid, so building cannot fail.
            // Wordings of one section may contain each other (`政府信息公开工作存在的主要问题…`
            // holds `存在的主要问题…`); wordings of different sections never do, so the longest
            // leftmost match loses no occurrence.
            automaton: aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&words)
                .unwrap_or_else(|e| panic!("heading patterns: {e}")),
            kinds,
        }
    })
}

/// Finds the headings in order. Sections that are missing are simply absent from the result.
///
/// Every occurrence of every wording is found in one pass; then, section by section, the first
/// acceptable occurrence after the previous heading is taken.
pub(crate) fn find(source: &str, compact: &Compact, lines: &LineIndex) -> Vec<Heading> {
    let matcher = matcher();
    let occurrences: Vec<(usize, usize, SectionKind)> = matcher
        .automaton
        .find_iter(compact.text())
        .map(|m| (m.start(), m.end(), matcher.kinds[m.pattern().as_usize()]))
        .collect();
    let mut found = Vec::new();
    let mut from = 0;
    for kind in SectionKind::ALL {
        let accepted = occurrences
            .iter()
            .filter(|&&(at, _, k)| k == kind && at >= from)
            .find_map(|&(at, end, _)| accept(source, compact, lines, at, end));
        if let Some((start, end)) = accepted {
            found.push(Heading {
                kind,
                source: compact.source_range(source, start, end),
            });
            from = end;
        }
    }
    found
}

/// Whether the heading words at `at..end` of the normalised text stand where a heading can:
/// returns the heading's range, numeral included.
fn accept(
    source: &str,
    compact: &Compact,
    lines: &LineIndex,
    at: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let text = compact.text();
    let numeral = numeral_before(&text[..at]);
    let start = at - numeral.unwrap_or(0);
    let origin = compact.origin(start)?;
    let line_range = lines.line_range(lines.line_of(origin));
    let run_together = line_range.len() > RUN_TOGETHER_LINE;
    let before = &source[line_range.start..origin];
    let at_line_start = before.chars().all(char::is_whitespace) || starts_after_residue(before);
    let rest_of_line = || &source[compact.source_range(source, start, end).end..line_range.end];
    let alone = || {
        rest_of_line()
            .trim_matches(|c: char| c.is_whitespace() || "：:".contains(c))
            .is_empty()
    };
    // In run-together text, `(一)`-style and multi-digit numbers are sub-headings or list items,
    // not sections.
    let numeral_is_digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
    let inside_number = source[..origin]
        .chars()
        .next_back()
        .is_some_and(|c| (numeral_is_digit && c.is_ascii_digit()) || c == '(' || c == '（');
    let accepted = match numeral {
        Some(_) if run_together => !inside_number,
        Some(_) => at_line_start && rest_of_line().chars().count() <= 40,
        None => at_line_start && !run_together && alone(),
    };
    accepted.then_some((start, end))
}

/// Whether the text before a heading on its line is only conversion residue.
fn starts_after_residue(before: &str) -> bool {
    let mut rest = before.trim_start();
    while let Some(len) = nianbao_normalize::residue_len(rest) {
        rest = rest[len..].trim_start();
    }
    rest.is_empty() && !before.trim().is_empty()
}

/// Length in bytes of a top-level numeral prefix (`一、`, `6、`, `一.`) ending `text`.
fn numeral_before(text: &str) -> Option<usize> {
    let mut chars = text.chars().rev();
    let mark = chars.next()?;
    if !matches!(mark, '、' | '.') {
        return None;
    }
    let numeral = chars.next()?;
    if !NUMERALS.contains(numeral) {
        return None;
    }
    Some(mark.len_utf8() + numeral.len_utf8())
}

/// Whether the text looks like a pre-2019 report (`一、概述`), for the error message.
pub(crate) fn pre_2019_marker(compact: &Compact) -> Option<&'static str> {
    PRE_2019_HEADINGS
        .iter()
        .find(|h| compact.text().contains(&format!("一、{h}")) || compact.text().contains(*h))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SectionKind, String)> {
        let lines = LineIndex::new(text);
        let compact = Compact::of_ranges(text, heading_windows(text, &lines));
        find(text, &compact, &lines)
            .into_iter()
            .map(|h| (h.kind, text[h.source].to_owned()))
            .collect()
    }

    #[test]
    fn finds_headings_by_words_in_order() {
        let text = "标题\n1、 总体情况\n正文\n2、 主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    四、结转下年度继续办理\t0\n四、政府信息公开行政复议、行政诉讼情况\n\
                    5、 存在的主要问题及改进情况\n一、问题\n[bookmark: _GoBack]六、其它需要报告的事项\n无\n";
        let found = kinds(text);
        let headings: Vec<&str> = found.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(
            headings,
            [
                "1、 总体情况",
                "2、 主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "5、 存在的主要问题及改进情况",
                "六、其它需要报告的事项"
            ]
        );
    }

    #[test]
    fn the_fifth_section_under_its_wordings_seen_in_reports() {
        for heading in [
            "五、存在的主要问题及改进情况",
            "五、存在问题及改进情况",
            "五、存在的主要问题及整改措施",
            "五、存在的主要问题及整改情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "5、 存在的问题及改进情况",
        ] {
            let text = format!("一、总体情况\n正文\n{heading}\n（一）问题\n六、其他需要报告的事项\n无\n");
            let found = kinds(&text);
            assert_eq!(
                found.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                [SectionKind::Overview, SectionKind::Problems, SectionKind::Other],
                "{heading}"
            );
            assert_eq!(found[1].1, heading);
        }
    }

    #[test]
    fn ignores_sub_headings_and_words_inside_sentences() {
        let text = "一、总体情况\n（四）政府信息公开申请行政复议、提起行政诉讼情况\n\
                    本报告包括总体情况、主动公开政府信息情况等六个部分。\n二、主動(dòng)公開(kāi)政府信息情況\n";
        let found = kinds(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].0, SectionKind::Proactive);
    }
}
