//! Human-readable findings and diagnostics, in the style of rustc: the source line with the
//! offending cell underlined (CJK characters are two columns wide), the code, the message and a
//! hint.

use nianbao_model::template::{self, TemplateVersion};
use nianbao_model::{Diagnostic, Finding, Severity, Span};
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

/// How much of a long line is shown on each side of the underlined part, in characters.
const CONTEXT_CHARS: usize = 24;
/// How much of a long underlined part is shown, in characters.
const MARKED_CHARS: usize = 30;

/// One message to render: a finding or a reader diagnostic.
pub(crate) struct Message<'a> {
    /// Severity.
    pub severity: Severity,
    /// Rule code, or the reader's diagnostic code.
    pub code: &'a str,
    /// What it is.
    pub text: &'a str,
    /// What to do.
    pub hint: Option<&'a str>,
    /// Where, primary first.
    pub spans: &'a [Span],
    /// The cells concerned.
    pub cells: &'a [String],
}

impl<'a> From<&'a Finding> for Message<'a> {
    fn from(f: &'a Finding) -> Self {
        Message {
            severity: f.severity,
            code: &f.rule,
            text: &f.message,
            hint: f.hint.as_deref(),
            spans: &f.spans,
            cells: &f.cells,
        }
    }
}

impl<'a> From<&'a Diagnostic> for Message<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Message {
            severity: d.severity,
            code: &d.code,
            text: &d.message,
            hint: None,
            spans: d.span.as_slice(),
            cells: &d.facts,
        }
    }
}

/// The input a message is about.
pub(crate) struct Source<'a> {
    /// Its name, as given.
    pub file: &'a str,
    /// The text its spans point into.
    pub text: &'a str,
    /// The template version its tables follow, to name cells.
    pub version: Option<TemplateVersion>,
}

/// Renders `message` about `source`. A place on a printed page (PDF) is named the way a person
/// finds it: `第 5 页 表三 （七）总计 · 自然人`.
pub(crate) fn render(out: &mut String, source: &Source, message: &Message) {
    let file = source.file;
    let severity = message.severity.chinese();
    let _ = writeln!(out, "{severity}[{}]：{}", message.code, message.text);
    let primary = message.spans.first();
    match primary {
        Some(span) => {
            match span.place {
                Some(place) => {
                    let cell = message
                        .cells
                        .first()
                        .zip(source.version)
                        .and_then(|(key, version)| template::cell_name(version, key));
                    let at = match cell {
                        Some(cell) => format!("第 {} 页 {cell}", place.page),
                        None => format!("第 {} 页", place.page),
                    };
                    let _ = writeln!(out, "  --> {file} {at}");
                }
                None => {
                    let _ = writeln!(out, "  --> {file}:{}:{}", span.line, span.column);
                }
            }
            snippet(out, source.text, span);
        }
        None => {
            let _ = writeln!(out, "  --> {file}");
        }
    }
    let others = message.spans.iter().skip(1);
    if primary.is_some_and(|s| s.place.is_some()) {
        let mut pages: Vec<u32> = others.filter_map(|s| s.place.map(|p| p.page)).collect();
        pages.sort_unstable();
        pages.dedup();
        pages.retain(|&p| Some(p) != primary.and_then(|s| s.place).map(|p| p.page));
        if !pages.is_empty() {
            let shown: Vec<String> = pages.iter().map(u32::to_string).collect();
            let _ = writeln!(out, "   = 另见第 {} 页", shown.join("、"));
        }
    } else {
        let mut other_lines: Vec<u32> = others.map(|s| s.line).collect();
        other_lines.sort_unstable();
        other_lines.dedup();
        other_lines.retain(|&l| Some(l) != primary.map(|s| s.line));
        if !other_lines.is_empty() {
            let shown: Vec<String> = other_lines.iter().take(6).map(u32::to_string).collect();
            let more = if other_lines.len() > 6 { " …" } else { "" };
            let _ = writeln!(out, "   = 另见第 {} 行{more}", shown.join("、"));
        }
    }
    if !message.cells.is_empty() {
        let shown = &message.cells[..message.cells.len().min(4)];
        let more = if message.cells.len() > 4 {
            format!(" 等 {} 个单元格", message.cells.len())
        } else {
            String::new()
        };
        let names = template::cell_names(source.version, shown);
        let _ = writeln!(out, "   = 单元格：{}{more}", names.join("、"));
    }
    if let Some(hint) = message.hint {
        let _ = writeln!(out, "   = 提示：{hint}");
    }
    out.push('\n');
}

/// The source line of `span` with the span underlined; a long line is cut around the span.
fn snippet(out: &mut String, source: &str, span: &Span) {
    let line_start = source[..span.start.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source[span.start.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |i| span.start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    let start = (span.start - line_start).min(line.len());
    let end = (span.end.max(span.start) - line_start).min(line.len());
    let before: Vec<char> = line[..start].chars().collect();
    let marked: Vec<char> = line[start..end].chars().collect();
    let after: Vec<char> = line[end..].chars().collect();
    let cut_before = before.len() > CONTEXT_CHARS;
    let cut_after = after.len() > CONTEXT_CHARS;
    let before: String = before[before.len().saturating_sub(CONTEXT_CHARS)..]
        .iter()
        .collect();
    // A long marked part (a whole paragraph) is marked by its start.
    let marked: String = if marked.len() > MARKED_CHARS {
        marked[..MARKED_CHARS].iter().chain(['…'].iter()).collect()
    } else {
        marked.iter().collect()
    };
    let (after, cut_after) = if marked.ends_with('…') {
        (Vec::new(), false)
    } else {
        (after, cut_after)
    };
    let after: String = after[..after.len().min(CONTEXT_CHARS)].iter().collect();
    let lead = if cut_before { "…" } else { "" };
    let tail = if cut_after { "…" } else { "" };
    let number = span.line.to_string();
    let gutter = " ".repeat(number.len());
    let shown_before = format!("{lead}{}", expand(&before));
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(
        out,
        "{number} | {shown_before}{}{}{tail}",
        expand(&marked),
        expand(&after)
    );
    let carets = width(&expand(&marked)).max(1);
    let _ = writeln!(
        out,
        "{gutter} | {}{}",
        " ".repeat(width(&shown_before)),
        "^".repeat(carets)
    );
}

/// Tabs as four spaces, so that the underline lines up.
fn expand(text: &str) -> String {
    text.replace('\t', "    ")
}

/// Display width in terminal columns: CJK characters count two.
fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underline_counts_cjk_twice() {
        let source = "标题\n（七）总计\t20\t0\n";
        let start = source.find("20").unwrap();
        let span = Span::new(start, start + 2, 2, 7);
        let finding = Finding {
            rule: "T3-002".into(),
            name: "outcome-total-mismatch".into(),
            severity: Severity::Error,
            status: nianbao_model::Status::Failed,
            message: "自然人列：相差 -6".into(),
            hint: Some("核对".into()),
            cells: vec!["t3.total_processed.natural_person".into()],
            spans: vec![span],
        };
        let mut out = String::new();
        let text = Source {
            file: "r.txt",
            text: source,
            version: Some(TemplateVersion::V2021),
        };
        render(&mut out, &text, &Message::from(&finding));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "错误[T3-002]：自然人列：相差 -6");
        assert_eq!(lines[1], "  --> r.txt:2:7");
        assert_eq!(lines[3], "2 | （七）总计    20    0");
        // （七）总计 is 5 wide characters (10 columns) plus a 4-column tab.
        assert_eq!(lines[4], format!("  | {}^^", " ".repeat(14)));
        assert_eq!(lines[6], "   = 提示：核对");
        // The same finding on a printed page names the page and the cell.
        let placed = |page| Span {
            place: Some(nianbao_model::PagePlace {
                page,
                bbox: [300, 700, 320, 712],
            }),
            ..span
        };
        let finding = Finding {
            spans: vec![placed(5), placed(4), placed(5)],
            ..finding
        };
        let mut out = String::new();
        render(
            &mut out,
            &Source {
                file: "r.pdf",
                ..text
            },
            &Message::from(&finding),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "  --> r.pdf 第 5 页 表三 （七）总计 · 自然人");
        assert_eq!(lines[5], "   = 另见第 4 页");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let source = format!("{}X{}", "字".repeat(100), "尾".repeat(100));
        let start = source.find('X').unwrap();
        let span = Span::new(start, start + 1, 1, 101);
        let mut out = String::new();
        snippet(&mut out, &source, &span);
        let shown = out.lines().nth(1).unwrap();
        assert!(shown.starts_with("1 | …") && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().filter(|&c| c == '字').count(), CONTEXT_CHARS);
        let paragraph = "一".repeat(200);
        let mut out = String::new();
        snippet(&mut out, &paragraph, &Span::new(0, paragraph.len(), 1, 1));
        let carets = out.lines().nth(2).unwrap().matches('^').count();
        assert_eq!(carets, MARKED_CHARS * 2 + 1);
    }
}
