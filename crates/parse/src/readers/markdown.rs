//! The Markdown reader: reports as document converters emit them — headings, lines of text and
//! pipe tables.
//!
//! Pipe rows are split here rather than by a CommonMark parser: GFM drops the cells of a row
//! beyond its table's header width, and converted reports often have a fragment of header over
//! a full row of values (a 12-cell header over Table 4's 15 values). Every cell is kept; an
//! empty cell is a merge placeholder or a blank, which the row reader tells apart
//! ([`crate::table`]). Lines of text stay lines, as the converter broke them, the
//! way the text reader reads any text.

use crate::layout::{Block, SourceCell};
use crate::{decode, error::ParseError, Read};

/// Reads a Markdown report.
pub(crate) fn read(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let decoded = decode::decode(bytes)?;
    let blocks = blocks(&decoded.text);
    crate::readers::read_blocks(&blocks, "Markdown", decoded.encoding, decoded.bom)
}

/// The paragraphs and tables of a Markdown text.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<SourceCell>> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            let cells = cells(trimmed);
            if !is_delimiter_row(&cells) {
                table.push(
                    cells
                        .into_iter()
                        .map(|text| SourceCell::new(text, 1, 1))
                        .collect(),
                );
            }
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        let text = trimmed.trim_start_matches('#');
        let text = if text.len() < trimmed.len() && (text.is_empty() || text.starts_with(' ')) {
            text.trim()
        } else {
            trimmed
        };
        if !text.is_empty() {
            blocks.push(Block::paragraph(inline_text(text)));
        }
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    blocks
}

/// The cells of a pipe row: split on `|` that is not escaped, outer pipes dropped.
fn cells(row: &str) -> Vec<String> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = match inner.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => cells.push(inline_text(std::mem::take(&mut current).trim())),
            c => current.push(c),
        }
    }
    cells.push(inline_text(current.trim()));
    cells
}

/// Whether a line (as bytes, trimmed) is a pipe table's delimiter row: `|---|:--:|`, pipes
/// and at least one run of three dashes, nothing else but colons and spaces.
pub(crate) fn is_delimiter_line(line: &[u8]) -> bool {
    line.first() == Some(&b'|')
        && line.windows(3).any(|w| w == b"---")
        && line
            .iter()
            .all(|&b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// A row like `|---|:--:|`, which only separates a table's header from its body.
fn is_delimiter_row(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        let inner = c.strip_prefix(':').unwrap_or(c);
        let inner = inner.strip_suffix(':').unwrap_or(inner);
        !inner.is_empty() && inner.chars().all(|c| c == '-')
    })
}

/// Text without the inline markup converters add: line breaks written `<br>` become spaces,
/// and `**` / `__` emphasis markers go.
fn inline_text(text: &str) -> String {
    let mut out = text.to_owned();
    for br in ["<br/>", "<br />", "<br>", "<BR>"] {
        if out.contains(br) {
            out = out.replace(br, " ");
        }
    }
    for marker in ["**", "__"] {
        if out.contains(marker) {
            out = out.replace(marker, "");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(block: &Block) -> Vec<Vec<&str>> {
        match block {
            Block::Table(rows) => rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.as_str()).collect())
                .collect(),
            Block::Paragraph(..) => panic!("not a table"),
        }
    }

    #[test]
    fn pipe_rows_keep_every_cell_and_delimiter_rows_go() {
        let blocks = blocks("## 表二\n| 信息内容 | 本年制发件数 |\n|---|:--:|\n| 规章 | 0 | 0 | 0 |\n|  | a\\|b | **3** |\n正文");
        assert_eq!(blocks[0], Block::paragraph("表二"));
        assert_eq!(
            texts(&blocks[1]),
            [
                vec!["信息内容", "本年制发件数"],
                vec!["规章", "0", "0", "0"],
                vec!["", "a|b", "3"]
            ]
        );
        assert_eq!(blocks[2], Block::paragraph("正文"));
    }

    #[test]
    fn a_hash_without_space_is_text() {
        assert_eq!(blocks("#标签"), [Block::paragraph("#标签")]);
    }
}
