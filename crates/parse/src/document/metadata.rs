//! Report metadata from the wrapper text (spec §1.2): title, agency, year, statistics period and
//! sign-off. None of these is required by the template; each is read when present.

use crate::lines::LineIndex;
use nianbao_model::{Date, Period, SignOff, Spanned};
use nianbao_normalize::visible_chars;

/// The words every title ends with.
const TITLE_END: &str = "信息公开工作年度报告";
/// A crawler's header line in archived pages.
const CRAWLER_TITLE: &str = "标题:";

/// The title, from the lines before the first heading (`before` is that range's end).
///
/// Accepts a title split over two lines (`2022年保德县孙家沟镇人民政府` / `信息公开工作年度报告`)
/// and a title at the start of a line that runs on into the body. A crawler's `标题:` header is
/// used only when the body has no title of its own.
pub(crate) fn title(source: &str, lines: &LineIndex, before: usize) -> Option<Spanned<String>> {
    let last_line = lines.line_of(before.min(source.len().saturating_sub(1)));
    let mut crawler = None;
    for line in 0..=last_line.min(lines.len() - 1) {
        let range = lines.line_range(line);
        let text = &source[range.clone()];
        let Some(end) = text.find(TITLE_END).map(|i| i + TITLE_END.len()) else {
            if let Some(title) = title_broken_in_its_words(source, lines, line) {
                return Some(title);
            }
            continue;
        };
        let trimmed_start = text.len() - text.trim_start().len();
        if let Some(rest) = text[trimmed_start..].strip_prefix(CRAWLER_TITLE) {
            let offset = range.start + text.len() - rest.trim_start().len();
            crawler.get_or_insert(spanned_text(source, lines, offset, range.start + end));
            continue;
        }
        let candidate = &text[trimmed_start..end];
        if is_crawler_header(candidate)
            || candidate.chars().count() > 60
            || candidate.contains(['《', '〈', '。', '，'])
        {
            continue;
        }
        let mut start = range.start + trimmed_start;
        // A title whose first half is on the line above: the line holds little more than the
        // title words, or no agency (`淮安市人民政府` / `2024年政府信息公开工作年度报告`).
        let short = candidate.chars().count() <= TITLE_END.chars().count() + 2;
        let without_agency = agency_and_year(candidate).0.is_none();
        if (short || without_agency) && line > 0 {
            let above = lines.line_range(line - 1);
            let above_text = source[above.clone()].trim();
            let names_an_agency = above_text
                .chars()
                .all(|c| nianbao_normalize::is_cjk(c) || "（）() ".contains(c));
            if !above_text.is_empty() && above_text.chars().count() <= 40 && (short || names_an_agency) {
                start = above.start + (source[above.clone()].len() - source[above].trim_start().len());
            }
        }
        return Some(spanned_text(source, lines, start, range.start + end));
    }
    crawler
}

/// A title broken inside its closing words (`2024 年上海市科委政府信息公开工作` / `年度报告`): line
/// `line` ends with the start of [`TITLE_END`] and the next line starts with the rest.
fn title_broken_in_its_words(source: &str, lines: &LineIndex, line: usize) -> Option<Spanned<String>> {
    let first = source[lines.line_range(line)].trim();
    if line + 1 >= lines.len() || first.is_empty() || first.chars().count() > 40 {
        return None;
    }
    let next_range = lines.line_range(line + 1);
    let next = &source[next_range.clone()];
    let next_trimmed = next.trim_start();
    let split = TITLE_END
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .find(|&i| first.ends_with(&TITLE_END[..i]) && next_trimmed.starts_with(&TITLE_END[i..]))?;
    let start = lines.line_range(line).start
        + (source[lines.line_range(line)].len() - source[lines.line_range(line)].trim_start().len());
    let end = next_range.start + (next.len() - next_trimmed.len()) + TITLE_END.len() - split;
    Some(spanned_text(source, lines, start, end))
}

/// Whether a line is a `key: value` header of an archived web page (`本地目录: …`).
fn is_crawler_header(line: &str) -> bool {
    line.split_once([':', '：']).is_some_and(|(key, value)| {
        let key_len = key.chars().count();
        (1..=6).contains(&key_len)
            && !key.contains(char::is_whitespace)
            && value.starts_with(char::is_whitespace)
    })
}

/// The text of `start..end` as printed, lines joined, without pinyin ruby or conversion residue.
fn spanned_text(source: &str, lines: &LineIndex, start: usize, end: usize) -> Spanned<String> {
    let text: String = source[start..end]
        .split(['\r', '\n'])
        .map(|line| clean(line.trim()))
        .collect();
    Spanned::new(text, lines.span(start, end))
}

/// `text` without pinyin ruby and conversion residue.
fn clean(text: &str) -> String {
    visible_chars(text).map(|(_, c)| c).collect()
}

/// Agency and year from a title: `<agency><year>年[度]…`, `<year>年[度]<agency>…`, with spaces
/// around the year allowed.
pub(crate) fn agency_and_year(title: &str) -> (Option<String>, Option<i32>) {
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((year_at, year)) = find_year(&compact) else {
        return (None, None);
    };
    let before = &compact[..year_at];
    let mut after = &compact[year_at + 4..];
    after = after.strip_prefix('年').unwrap_or(after);
    after = after.strip_prefix('度').unwrap_or(after);
    let agency = if !before.is_empty() {
        before.to_owned()
    } else {
        let body = after.strip_suffix(TITLE_END).unwrap_or(after);
        // `某局政府信息公开…`: 政府 belongs to the title words; in `…人民政府信息公开…` it
        // belongs to the agency.
        match body.strip_suffix("政府") {
            Some(name) if !name.ends_with("人民") => name.to_owned(),
            _ => body.to_owned(),
        }
    };
    (
        (!agency.is_empty() && agency != "政府").then_some(agency),
        Some(year),
    )
}

/// The first four-digit year followed by `年`.
fn find_year(text: &str) -> Option<(usize, i32)> {
    text.char_indices().find_map(|(i, _)| {
        let digits = text.get(i..i + 4)?;
        let year: i32 = digits
            .parse()
            .ok()
            .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
        let preceded_by_digit = text[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit());
        (text[i + 4..].starts_with('年') && !preceded_by_digit && (1990..2100).contains(&year))
            .then_some((i, year))
    })
}

/// A date `YYYY年M月D日` starting at byte `at` of `text`, with its length.
pub(crate) fn date_at(text: &str, at: usize) -> Option<(Date, usize)> {
    Date::parse_prefix(&text[at..], None)
}

/// The statistics period: a date range within a short distance after `统计`.
pub(crate) fn period(source: &str, lines: &LineIndex) -> Option<Spanned<Period>> {
    source.match_indices("统计").find_map(|(at, _)| {
        let window_end = floor_char_boundary(source, (at + 90).min(source.len()));
        let (period, range) = Date::ranges_in(&source[at..window_end]).into_iter().next()?;
        Some(Spanned::new(period, lines.span(at + range.start, at + range.end)))
    })
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What stands between the title and the first section heading (`first_heading`): the legal
/// basis, the statistics period, contacts (without a title, from the start of the text), leaving
/// out the `名称: 值` lines a web crawler puts at the top of a saved page.
pub(crate) fn preamble(
    source: &str,
    lines: &LineIndex,
    title: Option<&Spanned<String>>,
    first_heading: usize,
) -> Option<Spanned<String>> {
    let start = title
        .and_then(|t| t.span)
        .map_or(0, |span| span.end)
        .min(first_heading);
    let start = floor_char_boundary(source, start);
    let kept: Vec<&str> = source[start..first_heading]
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter(|line| !is_crawler_field(line))
        .collect();
    let text = kept.join("\n");
    if text.is_empty() {
        return None;
    }
    // The span runs from the first kept line to the end of the last.
    let first = source[start..first_heading].find(kept[0]).map(|at| start + at)?;
    let last = kept[kept.len() - 1];
    let end = source[first..first_heading]
        .rfind(last)
        .map(|at| first + at + last.len())?;
    Some(Spanned::new(text, lines.span(first, end)))
}

/// Whether a line is a field a crawler wrote above a saved page (`标题: …`, `原文链接: …`, `文号:`)
/// or its rule (`==== 正文 ====`).
fn is_crawler_field(line: &str) -> bool {
    let field = |(name, _): (&str, &str)| {
        (2..=6).contains(&name.chars().count()) && !name.contains(char::is_whitespace)
    };
    line.split_once(": ").is_some_and(field)
        || line.strip_suffix(':').is_some_and(|name| field((name, "")))
        || line.contains("====")
}

/// How the names of the bodies that publish reports end, for a sign-off on one line (where the
/// name must be told from a sentence ending in a date).
const AGENCY_ENDINGS: &[&str] = &[
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "署",
    "中心",
    "街道",
    "办事处",
    "管委会",
    "管理处",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "公司",
    "所",
    "站",
    "部",
    "会",
    "处",
];

/// The sign-off: the last non-empty line when it is only a date, and the agency line above it —
/// or the agency and the date on that one line, set apart by spaces.
pub(crate) fn sign_off(source: &str, lines: &LineIndex, after: usize) -> Option<SignOff> {
    let mut line = lines.len();
    let date_line = loop {
        line = line.checked_sub(1)?;
        let range = lines.line_range(line);
        if range.end <= after {
            return None;
        }
        if !source[range].trim().is_empty() {
            break line;
        }
    };
    let range = lines.line_range(date_line);
    let text = &source[range.clone()];
    let start = text.len() - text.trim_start().len();
    let fits = |t: &str| t.chars().count() <= 30 && !t.ends_with(['。', '；', ';', '：', ':', '，', ',']);
    // The agency and the date on one line, set apart by spaces: `某某县人民政府　2024年1月20日`.
    let one_line = text
        .char_indices()
        .filter(|&(at, c)| at > start && c.is_whitespace())
        .map(|(at, c)| at + c.len_utf8())
        .filter(|&at| !text[at..].starts_with(char::is_whitespace))
        .find_map(|at| {
            let (date, len) = date_at(text, at)?;
            let agency = text[start..at].trim_end();
            let named = AGENCY_ENDINGS.iter().any(|ending| agency.ends_with(ending));
            (text[at + len..].trim().is_empty() && fits(agency) && named && range.start >= after)
                .then_some((at, date, len, agency))
        });
    if let Some((at, date, len, agency)) = one_line {
        let date = Spanned::new(date, lines.span(range.start + at, range.start + at + len));
        let agency = Spanned::new(
            clean(agency),
            lines.span(range.start + start, range.start + start + agency.len()),
        );
        return Some(SignOff {
            agency: Some(agency),
            date,
        });
    }
    let (date, len) = date_at(text, start)?;
    if !text[start + len..].trim().is_empty() {
        return None;
    }
    let date = Spanned::new(date, lines.span(range.start + start, range.start + start + len));
    let agency = (0..date_line).rev().find_map(|l| {
        let r = lines.line_range(l);
        let t = source[r.clone()].trim();
        if t.is_empty() {
            return None;
        }
        Some((fits(t) && r.start >= after).then(|| {
            let offset = r.start + (source[r.clone()].len() - source[r].trim_start().len());
            Spanned::new(clean(t), lines.span(offset, offset + t.len()))
        }))
    });
    Some(SignOff {
        agency: agency.flatten(),
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_and_year_from_title_variants() {
        let cases = [
            (
                "天池镇人民政府2022年政府信息公开工作年度报告",
                Some("天池镇人民政府"),
                2022,
            ),
            ("焦虎镇 2024 年政府信息公开工作年度报告", Some("焦虎镇"), 2024),
            (
                "2022年保德县孙家沟镇人民政府信息公开工作年度报告",
                Some("保德县孙家沟镇人民政府"),
                2022,
            ),
            (
                "平潭综合实验区2019年度政府信息公开工作年度报告",
                Some("平潭综合实验区"),
                2019,
            ),
            ("2021年政府信息公开工作年度报告", None, 2021),
            (
                "2023年某县教育局政府信息公开工作年度报告",
                Some("某县教育局"),
                2023,
            ),
        ];
        for (title, agency, year) in cases {
            let (a, y) = agency_and_year(title);
            assert_eq!((a.as_deref(), y), (agency, Some(year)), "{title}");
        }
    }

    #[test]
    fn title_split_over_two_lines() {
        let text = "2022年保德县孙家沟镇人民政府\n信息公开工作年度报告\n根据…\n一、总体情况\n";
        let lines = LineIndex::new(text);
        let title = title(text, &lines, text.find("一、").unwrap()).unwrap();
        assert_eq!(title.value, "2022年保德县孙家沟镇人民政府信息公开工作年度报告");
        assert_eq!(title.span.unwrap().line, 1);
    }

    #[test]
    fn an_agency_on_the_line_above_a_title_without_one_belongs_to_it() {
        // Huaian 2024, printed as two centred lines.
        let source = "淮安市人民政府\n2024年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。\n一、总体情况\n";
        let lines = LineIndex::new(source);
        let found = title(source, &lines, source.find("一、").unwrap()).unwrap();
        assert_eq!(found.value, "淮安市人民政府2024年政府信息公开工作年度报告");
        assert_eq!(
            agency_and_year(&found.value),
            (Some("淮安市人民政府".to_owned()), Some(2024))
        );
        // A page's breadcrumb above such a title is not an agency.
        let source = "首页 > 政务公开\n2024年政府信息公开工作年度报告\n一、总体情况\n";
        let lines = LineIndex::new(source);
        let found = title(source, &lines, source.find("一、").unwrap()).unwrap();
        assert_eq!(found.value, "2024年政府信息公开工作年度报告");
    }

    #[test]
    fn sentences_citing_the_format_are_not_titles() {
        let text = "标题: 某区2025年度政府信息公开工作年度报告\n本报告根据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》编制。";
        let lines = LineIndex::new(text);
        assert_eq!(
            title(text, &lines, text.len()).unwrap().value,
            "某区2025年度政府信息公开工作年度报告"
        );
    }

    #[test]
    fn body_title_wins_over_crawler_header() {
        let text = "标题: 某区2019年度政府信息公开工作年度报告\n本地目录: zwgk/80576_某区2019年度政府信息公开工作年度报告\n\n某区2019年政府信息公开工作年度报告 根据…";
        let lines = LineIndex::new(text);
        assert_eq!(
            title(text, &lines, text.len()).unwrap().value,
            "某区2019年政府信息公开工作年度报告"
        );
    }

    #[test]
    fn period_and_sign_off() {
        let text = "本报告所列数据统计期限自2019年1月1日起至2019年12月31日止。\n六、其他\n无\n\n某鎮(zhèn)人民政府\n2020年1月13日\n ";
        let lines = LineIndex::new(text);
        let period = period(text, &lines).unwrap().value;
        assert_eq!((period.start.month, period.end.day), (1, 31));
        let implied = "报告涉及的数据统计期限为2021年1月1日至12月31日。";
        let period = super::period(implied, &LineIndex::new(implied)).unwrap().value;
        assert_eq!(
            period.end,
            Date {
                year: 2021,
                month: 12,
                day: 31
            }
        );
        let sign_off = sign_off(text, &lines, text.find("六、").unwrap()).unwrap();
        assert_eq!(
            sign_off.date.value,
            Date {
                year: 2020,
                month: 1,
                day: 13
            }
        );
        assert_eq!(sign_off.agency.unwrap().value, "某鎮人民政府");
        // On one line, set apart by an ideographic space or spaces.
        for text in [
            "六、其他\n无。\n某某县人民政府　2024年1月20日\n",
            "六、其他\n无。\n某某县人民政府   2024年1月20日",
        ] {
            let lines = LineIndex::new(text);
            let found = super::sign_off(text, &lines, text.find("六、").unwrap()).unwrap();
            assert_eq!(found.agency.unwrap().value, "某某县人民政府", "{text}");
            assert_eq!(
                (
                    found.date.value.year,
                    found.date.value.month,
                    found.date.value.day
                ),
                (2024, 1, 20)
            );
        }
        // A sentence ending in a date is no sign-off.
        let text = "六、其他\n本报告于 2024年1月20日";
        let lines = LineIndex::new(text);
        assert!(super::sign_off(text, &lines, text.find("六、").unwrap()).is_none_or(|s| s.agency.is_none()));
    }
}
