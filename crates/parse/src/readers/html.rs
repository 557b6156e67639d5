//! The HTML reader: government portal pages and fragments of them.
//!
//! * **Encoding**: a byte-order mark decides; then a `<meta charset>` or `<meta http-equiv>`
//!   declaration in the first 4 KB (GBK/GB2312 pages are common), used when the bytes decode
//!   cleanly in it; then detection as for text ([`crate::decode`]).
//! * **Body**: the page is parsed with html5ever (through scraper). Scripts, styles, forms'
//!   controls, navigation, headers, footers and hidden elements are ignored. The report body is
//!   the smallest element holding every report table and the headings' words (`总体情况`,
//!   `其他需要报告的事项`), so site chrome around it is left out; the page's title line before it
//!   is kept, since reports often print their title outside the article body.
//! * **Blocks**: block elements and `<br>` break lines; inline elements (a heading split into
//!   many `<span>`s) join. A table becomes rows of cells with their `rowspan`/`colspan`; a cell's
//!   paragraphs join into one text (`三、本` `年度办` `理结果`). A table holding another table is
//!   page layout, and its cells are read as blocks.

use crate::decode::{self, Decoded};
use crate::error::ParseError;
use crate::layout::{Block, SourceCell};
use crate::Read;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// How far into the page a charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Words that mark the report's own tables.
const TABLE_MARKERS: &[&str] = &["本年新收", "信息内容", "行政复议", "第二十条"];
/// Words of the report's first and last section headings.
const HEADING_MARKERS: &[&str] = &["总体情况", "其他需要报告"];

/// Elements whose content is never report text.
const IGNORED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "option", "button", "input", "textarea", "nav", "header", "footer", "aside", "map", "audio",
    "video", "title",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "tr",
    "td",
    "th",
    "caption",
    "body",
    "html",
    "form",
    "fieldset",
    "table",
    "tbody",
    "thead",
    "tfoot",
];

/// Reads an HTML report.
pub(crate) fn read(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode_html(bytes)?;
    let blocks = blocks(&decoded.text);
    crate::readers::read_blocks(&blocks, "HTML", decoded.encoding, decoded.bom)
}

/// Whether `start` declares itself a web page: it opens with `<!DOCTYPE html` or `<html`
/// (after an XML declaration, for XHTML). Strong enough to override a file's extension.
pub(crate) fn declares_html(start: &[u8]) -> bool {
    let head = &start[..start.len().min(1024)];
    let mut lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml") {
        let end = lower
            .windows(2)
            .position(|w| w == b"?>")
            .map_or(lower.len(), |at| at + 2);
        lower = lower[end..].trim_ascii_start().to_vec();
    }
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// Whether content without an extension looks like HTML.
pub(crate) fn looks_like_html(start: &[u8]) -> bool {
    let head = &start[..start.len().min(512)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<")
            && (contains(&lower, b"<p") || contains(&lower, b"<table") || contains(&lower, b"<div")))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Decodes an HTML page: byte-order mark, then the declared charset when the bytes decode in it
/// without error, then detection.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<Decoded<'_>, ParseError> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode::decode(bytes);
    }
    match declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page cannot declare UTF-16 in ASCII; the HTML standard reads such a label as UTF-8.
        Some(encoding)
            if encoding == encoding_rs::UTF_8 || encoding.output_encoding() == encoding_rs::UTF_8 =>
        {
            decode::decode(bytes)
        }
        Some(encoding) => decode::decode_as(bytes, encoding).or_else(|_| decode::decode(bytes)),
        None => decode::decode(bytes),
    }
}

/// The encoding a `<meta>` tag declares: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find_from(&lower, b"<meta", from) {
        let end = find_from(&lower, b">", at).unwrap_or(lower.len());
        let tag = &lower[at..end];
        if let Some(charset) = find_from(tag, b"charset", 0) {
            let value: Vec<u8> = tag[charset + b"charset".len()..]
                .iter()
                .copied()
                .skip_while(|&b| b == b' ' || b == b'=' || b == b'"' || b == b'\'')
                .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                .collect();
            if let Some(encoding) = encoding_rs::Encoding::for_label(&value) {
                return Some(encoding);
            }
        }
        from = end;
    }
    None
}

fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The report's blocks in a page.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let document = Html::parse_document(text);
    let page = document.root_element();
    let root = report_root(page);
    let mut walker = Walker::default();
    walker.walk(root);
    walker.finish();
    let mut blocks = walker.blocks;
    let has_title = blocks
        .iter()
        .take(8)
        .any(|b| matches!(b, Block::Paragraph(p, _) if names_a_report(p)));
    if !has_title {
        if let Some(title) = title_before(page, root).or_else(|| page_title(page)) {
            blocks.insert(0, Block::paragraph(title));
        }
    }
    blocks
}

/// The smallest element holding every report table and heading marker (the page itself when
/// fewer than two are found).
fn report_root(page: ElementRef<'_>) -> ElementRef<'_> {
    let mut anchors = Vec::new();
    for node in page.descendants() {
        match node.value() {
            Node::Element(element) if element.name() == "table" => {
                let table = ElementRef::wrap(node).unwrap_or(page);
                if !has_nested_table(table) {
                    let text: String = table.text().collect();
                    if TABLE_MARKERS.iter().any(|m| text.contains(m)) {
                        anchors.push(node.id());
                    }
                }
            }
            Node::Text(text) if HEADING_MARKERS.iter().any(|m| text.contains(m)) => {
                if let Some(parent) = node.parent() {
                    anchors.push(parent.id());
                }
            }
            _ => {}
        }
    }
    if anchors.len() < 2 {
        return page;
    }
    // The common ancestor: the deepest element on the first anchor's chain holding all others.
    let tree = page.tree();
    let first = tree.get(anchors[0]).map(|n| n.ancestors().collect::<Vec<_>>());
    let Some(chain) = first else {
        return page;
    };
    for candidate in std::iter::once(tree.get(anchors[0])).flatten().chain(chain) {
        let holds_all = anchors[1..].iter().all(|&a| {
            tree.get(a)
                .is_some_and(|n| n.id() == candidate.id() || n.ancestors().any(|p| p.id() == candidate.id()))
        });
        if holds_all {
            if let Some(element) = ElementRef::wrap(candidate) {
                return element;
            }
        }
    }
    page
}

fn has_nested_table(table: ElementRef<'_>) -> bool {
    table
        .descendants()
        .skip(1)
        .any(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
}

/// The last short text naming a report (`……年度报告`) before `root` in the page: a title printed
/// above the article body.
fn title_before(page: ElementRef<'_>, root: ElementRef<'_>) -> Option<String> {
    let mut title = None;
    for node in page.descendants() {
        if node.id() == root.id() {
            break;
        }
        if let Node::Text(text) = node.value() {
            let trimmed = text.trim();
            let inside_ignored = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| IGNORED.contains(&e.name()))
            });
            if names_a_report(trimmed) && !inside_ignored {
                title = Some(collapse(trimmed));
            }
        }
    }
    title
}

/// The part of the page's `<title>` that names the report (`…年度报告_栏目_网站`).
fn page_title(page: ElementRef<'_>) -> Option<String> {
    let title = page
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
        .and_then(ElementRef::wrap)?;
    let text: String = title.text().collect();
    text.split(['_', '|'])
        .map(str::trim)
        .find(|part| names_a_report(part))
        .map(collapse)
}

/// Whether a line reads like a report's title: short, naming a 年度报告, not a sentence citing one.
fn names_a_report(line: &str) -> bool {
    line.contains("年度报告") && line.chars().count() <= 100 && !line.contains(['《', '〈', '。', '，'])
}

/// HTML whitespace runs as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    collapse_into(&mut out, text);
    out
}

/// Appends `text` to `out` with HTML whitespace runs as one space.
fn collapse_into(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
}

/// Collects blocks from elements in document order.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    paragraph: String,
}

impl Walker {
    fn walk(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => collapse_into(&mut self.paragraph, text),
                Node::Element(e) => {
                    if ignored(e) {
                        continue;
                    }
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    match e.name() {
                        "br" => self.paragraph.push('\n'),
                        "table" if !has_nested_table(child) => {
                            self.flush();
                            let rows = table_rows(child);
                            if !rows.is_empty() {
                                self.blocks.push(Block::Table(rows));
                            }
                        }
                        name if BLOCKS.contains(&name) => {
                            self.flush();
                            self.walk(child);
                            self.flush();
                        }
                        _ => self.walk(child),
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.paragraph);
        let lines: Vec<&str> = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(Block::paragraph(lines.join("\n")));
        }
    }

    fn finish(&mut self) {
        self.flush();
    }
}

/// Whether an element and its content are left out: not report text, or hidden.
fn ignored(element: &Element) -> bool {
    if IGNORED.contains(&element.name()) || element.attr("hidden").is_some() {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// The rows of a table (without nested tables), each with its cells and their spans.
fn table_rows(table: ElementRef<'_>) -> Vec<Vec<SourceCell>> {
    let mut rows = Vec::new();
    for node in table.descendants() {
        let Some(row) = ElementRef::wrap(node).filter(|e| e.value().name() == "tr") else {
            continue;
        };
        if ignored(row.value()) {
            continue;
        }
        let cells: Vec<SourceCell> = row
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th") && !ignored(c.value()))
            .map(|cell| {
                let span = |name: &str, default: u32| {
                    cell.value()
                        .attr(name)
                        .and_then(|v| v.trim().trim_end_matches(';').parse::<u32>().ok())
                        .unwrap_or(default)
                };
                SourceCell::new(cell_text(cell), span("rowspan", 1), span("colspan", 1).max(1))
            })
            .collect();
        rows.push(cells);
    }
    rows
}

/// A cell's text: its paragraphs and lines joined without a break (`本年新<br/>制作数量`), except
/// that two numbers stay apart.
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut walker = Walker::default();
    walker.walk(cell);
    walker.finish();
    let mut text = String::new();
    for block in &walker.blocks {
        let Block::Paragraph(paragraph, _) = block else {
            continue;
        };
        for line in paragraph.split('\n') {
            let line = line.trim();
            let digits_meet = text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && line.starts_with(|c: char| c.is_ascii_alphanumeric());
            if digits_meet {
                text.push(' ');
            }
            text.push_str(line);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p, _) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn declared_charsets_are_found() {
        assert_eq!(
            declared_charset(b"<meta charset=\"GB2312\">"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"<META http-equiv=Content-Type content='text/html; charset=gbk'>"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
    }

    #[test]
    fn a_gbk_page_is_decoded_by_its_declaration() {
        let page = "<html><head><meta charset=gbk></head><body><p>二、主动公开政府信息情况</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let decoded = decode_html(&bytes).unwrap();
        assert_eq!((decoded.text.as_ref(), decoded.encoding), (page, "GBK"));
    }

    #[test]
    fn chrome_scripts_and_hidden_text_are_left_out() {
        let page =
            "<html><head><title>某局2024年度报告_网站</title><script>var x='总体情况';</script></head><body>\
            <nav>首页 总体情况</nav><div class=title>某局2024年政府信息公开工作年度报告</div>\
            <div class=article><p>一、<span>总体</span><span>情况</span></p><p style='display: none'>隐藏</p>\
            <table><tr><td>信息内容</td><td>本年制发件数</td></tr></table><p>六、其他需要报告的事项</p></div>\
            <footer>版权所有</footer></body></html>";
        let blocks = blocks(page);
        assert_eq!(
            paragraphs(&blocks),
            [
                "某局2024年政府信息公开工作年度报告",
                "一、总体情况",
                "六、其他需要报告的事项"
            ]
        );
    }

    #[test]
    fn cells_keep_spans_and_join_their_lines() {
        let page = "<table><tr><td rowspan=2 colspan='3'><p>三、本</p><p>年度办</p><p>理结果</p></td>\
            <td>结果<br/>纠正</td><td><p>1</p><p>2</p></td></tr></table>";
        let blocks = blocks(page);
        let Block::Table(rows) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        let cells: Vec<(&str, u32, u32)> = rows[0]
            .iter()
            .map(|c| (c.text.as_str(), c.rowspan, c.colspan))
            .collect();
        assert_eq!(
            cells,
            [("三、本年度办理结果", 2, 3), ("结果纠正", 1, 1), ("1 2", 1, 1)]
        );
    }

    #[test]
    fn a_layout_table_is_read_as_blocks() {
        let page =
            "<table><tr><td><p>一、总体情况</p><table><tr><td>信息内容</td></tr></table></td></tr></table>";
        let blocks = blocks(page);
        assert_eq!(paragraphs(&blocks), ["一、总体情况"]);
        assert!(matches!(&blocks[1], Block::Table(rows) if rows[0][0].text == "信息内容"));
    }
}
