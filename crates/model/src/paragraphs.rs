//! The paragraphs of a section's text: lines a converter broke at a fixed width (PDF-to-Markdown,
//! text pasted from a narrow page) joined back into the paragraphs they belong to, once, for
//! every reader and every exporter that sets text for people.
//!
//! A line continues into the next when the text is hard-wrapped — several lines reach one right
//! margin (where three lines in four end at most) — and the line reaches it without ending a sentence, and the next line does not start
//! a heading or a numbered item. Lines holding tabs or pipes (a table laid out as text) are never
//! joined. A blank line always ends a paragraph.

/// How close to the margin, as a share of it, a wrapped line reaches.
const AT_MARGIN: f64 = 0.85;
/// How many lines must reach the margin for the text to count as hard-wrapped.
const WRAPPED_LINES: usize = 3;
/// The narrowest margin, in display columns (CJK characters count two), taken for wrapping.
const NARROWEST_MARGIN: usize = 30;

/// The display width of a line: CJK and other wide characters count two.
fn width(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Whether a line ends a sentence (and so a paragraph, when it is the last of one).
fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end_matches(['”', '’', '）', ')', '」', '』']);
    line.ends_with(['。', '！', '？', '；', '：', '…', '.', '!', '?', ';', ':'])
}

/// Whether a line starts a heading or a numbered item: `（一）`, `一、`, `1.`, `2、`, `(3)`, `第…`.
fn starts_item(line: &str) -> bool {
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = line.chars();
    match chars.next() {
        Some('（' | '(') => chars.next().is_some_and(|c| numerals(c) || c.is_ascii_digit()),
        Some(c) if numerals(c) || c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| numerals(c) || c.is_ascii_digit());
            rest.starts_with(['、', '.', '．', '）', ')'])
        }
        Some('第') => true,
        _ => false,
    }
}

fn is_table_line(line: &str) -> bool {
    line.contains(['\t', '|'])
}

/// The paragraphs of `text`, each trimmed, hard-wrapped lines joined.
pub fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // The margin: where most long lines end (a longer line here and there does not move it).
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty() && !is_table_line(l))
        .map(|l| width(l))
        .collect();
    widths.sort_unstable();
    let margin = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
    let reaches = |line: &str| margin >= NARROWEST_MARGIN && width(line) as f64 >= AT_MARGIN * margin as f64;
    let wrapped = lines.iter().filter(|l| !is_table_line(l) && reaches(l)).count() >= WRAPPED_LINES;
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(paragraph) if open && !starts_item(line) && !is_table_line(line) => {
                let ascii_seam = paragraph.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.starts_with(|c: char| c.is_ascii_alphanumeric());
                if ascii_seam {
                    paragraph.push(' ');
                }
                paragraph.push_str(line);
            }
            _ => out.push((*line).to_owned()),
        }
        // The line goes on into the next when the text is wrapped at a margin this line reaches
        // mid-sentence.
        let next_starts_item = lines.get(i + 1).is_some_and(|next| starts_item(next));
        open = wrapped && !is_table_line(line) && reaches(line) && !ends_sentence(line) && !next_starts_item;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_lines_are_joined_into_their_paragraphs() {
        // shstcsm 2024, converted from PDF: every line broken at one width.
        let text = "上海市科委 2024 年深入贯彻《政府信息公开条例》和《上\n海市政府信息公开规定》，认真落实市委、市政府关于政务公开\n工作的各项部署，紧密围绕国际科创中心建设等国家战略和市委、\n市政府重点工作任务。2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为\n0 件。\n（一）主动公开\n市科委积极做好政府信息主动公开工作。截至 2024 年 12 月\n31 日，市科委通过部门网站当年发布政府信息 393 件。";
        let paragraphs = paragraphs(text);
        assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
        assert!(paragraphs[0]
            .starts_with("上海市科委 2024 年深入贯彻《政府信息公开条例》和《上海市政府信息公开规定》"));
        assert!(
            paragraphs[0].ends_with("涉及的行政诉讼数为0 件。"),
            "{}",
            paragraphs[0]
        );
        assert_eq!(paragraphs[1], "（一）主动公开");
        assert!(
            paragraphs[2].contains("截至 2024 年 12 月31 日"),
            "{}",
            paragraphs[2]
        );
    }

    #[test]
    fn text_with_one_paragraph_per_line_is_left_alone() {
        let text = "2024年，本镇严格落实《条例》要求，扎实推进政务公开工作，取得了积极成效，群众满意度进一步提高。\n联系电话：0591-12345678\n地址：某某县某某镇人民路1号\n规章\t0\t0\t0\n规范性文件\t1\t0\t5";
        assert_eq!(paragraphs(text).len(), 5);
    }
}
