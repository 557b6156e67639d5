//! What the HTML, DOCX and Markdown readers share.
//!
//! Each of those readers turns its input into a flow of [`Block`]s: paragraphs, and tables as the
//! document declares them (cells with their row and column spans). [`extract`] places every
//! table on a dense [`grid`] and lays the flow out as text: one line per paragraph, one line per
//! table row with the row's own cells separated by tabs. It records where each cell landed, and
//! which cells reach into the row from above.
//!
//! The title, the sections and the sign-off are then found in that text as in any text
//! ([`crate::document`]), while the tables are read row by row from the cells
//! ([`crate::table`]): a blank cell keeps its place, and a value spanning two columns is still
//! one value. Spans in the report point into the extracted text, which
//! [`crate::parse_keeping_text`] hands back.

pub(crate) mod grid;

use crate::error::ParseError;
use crate::table::values::parse_value;
use crate::table::{RowCell, TableRow};
use grid::Grid;
use nianbao_model::PagePlace;
use std::ops::Range;

/// One block of a structured document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A paragraph; a line break inside it (`<br>`) is `\n`. For a printed input, where its
    /// stretches stand on their pages (byte ranges of the text).
    Paragraph(String, Vec<(Range<usize>, PagePlace)>),
    /// A table: its rows, each with the cells the document declares in it.
    Table(Vec<Vec<SourceCell>>),
}

impl Block {
    /// A paragraph of a document without pages.
    pub(crate) fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(text.into(), Vec::new())
    }
}

/// A table cell as its document declares it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceCell {
    /// The cell's text, its paragraphs joined.
    pub(crate) text: String,
    /// Rows covered, counting its own (`0`: the rest of the table).
    pub(crate) rowspan: u32,
    /// Columns covered.
    pub(crate) colspan: u32,
    /// The grid column the document placed it at, when it says (DOCX, PDF); otherwise the
    /// first free one.
    pub(crate) column: Option<u32>,
    /// Where it stands on its page, for a printed input.
    pub(crate) place: Option<PagePlace>,
}

impl SourceCell {
    /// A cell covering `rowspan` × `colspan` slots from the first free column.
    pub(crate) fn new(text: String, rowspan: u32, colspan: u32) -> Self {
        SourceCell {
            text,
            rowspan,
            colspan,
            column: None,
            place: None,
        }
    }
}

/// A structured document laid out as text.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// The text: paragraphs and table rows, one per line.
    pub(crate) text: String,
    /// Every table row, and every paragraph line shaped like one (`行政许可 97`), in order.
    pub(crate) rows: Vec<TableRow>,
    /// For a printed input, where the stretches of `text` stand on their pages.
    pub(crate) pages: Vec<(Range<usize>, PagePlace)>,
}

/// Longest paragraph line that is still considered as a loose table row.
const LOOSE_ROW_MAX_CHARS: usize = 80;

/// Lays `blocks` out as text; `format` names the input in errors.
pub(crate) fn extract(blocks: &[Block], format: &'static str) -> Result<Extracted, ParseError> {
    let mut out = Extracted::default();
    let mut table_number = 0;
    for block in blocks {
        match block {
            Block::Paragraph(text, places) => {
                let mut offset = 0;
                for line in text.split('\n') {
                    let line_offset = offset;
                    offset += line.len() + 1;
                    let trimmed = line.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    // Where the trimmed line starts in the paragraph, and in the laid-out text.
                    let from = line_offset + (line.len() - line.trim_start().len());
                    let start = out.text.len();
                    out.text.push_str(trimmed);
                    out.text.push('\n');
                    let to = from + trimmed.len();
                    for (range, place) in places {
                        let (a, b) = (range.start.max(from), range.end.min(to));
                        if a < b {
                            out.pages.push((start + a - from..start + b - from, *place));
                        }
                    }
                    if let Some(row) = loose_row(trimmed, start) {
                        out.rows.push(row);
                    }
                }
            }
            Block::Table(rows) => {
                table_number += 1;
                let grid = Grid::build(rows).map_err(|too_large| ParseError::Invalid {
                    format,
                    detail: format!(
                        "第 {table_number} 个表格的行列合并需要 {} 个单元格位置，超过上限 {}",
                        too_large.slots,
                        grid::MAX_SLOTS
                    ),
                })?;
                let cells: Vec<&SourceCell> = rows.iter().flatten().collect();
                let mut ranges: Vec<std::ops::Range<usize>> = vec![0..0; cells.len()];
                for r in 0..rows.len() {
                    let covering = grid.row(r);
                    if covering.is_empty() {
                        continue;
                    }
                    let mut first = true;
                    for c in covering.iter().filter(|c| c.origin) {
                        if !first {
                            out.text.push('\t');
                        }
                        first = false;
                        let start = out.text.len();
                        push_cell_text(&mut out.text, &cells[c.cell].text);
                        ranges[c.cell] = start..out.text.len();
                        if let Some(place) = cells[c.cell].place {
                            out.pages.push((start..out.text.len(), place));
                        }
                    }
                    out.text.push('\n');
                    out.rows.push(TableRow {
                        cells: covering
                            .iter()
                            .map(|c| RowCell {
                                range: ranges[c.cell].clone(),
                                origin: c.origin,
                            })
                            .collect(),
                        loose: false,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// A cell's text on one line: line breaks and tabs inside it become spaces.
fn push_cell_text(out: &mut String, text: &str) {
    let text = text.trim();
    let mut last_space = false;
    for c in text.chars() {
        let c = if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
}

/// A paragraph line made of words followed by values (`行政许可 97`, `规章 0 0 3`), as document
/// converters print small tables: the words are one cell, each value another.
fn loose_row(line: &str, start: usize) -> Option<TableRow> {
    if line.chars().count() > LOOSE_ROW_MAX_CHARS {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let first_value = words.iter().position(|(_, w)| parse_value(w).is_some())?;
    if first_value == 0 || words[first_value..].iter().any(|(_, w)| parse_value(w).is_none()) {
        return None;
    }
    let (last_label_at, last_label) = words[first_value - 1];
    let mut cells = vec![RowCell {
        range: start..start + last_label_at + last_label.len(),
        origin: true,
    }];
    cells.extend(words[first_value..].iter().map(|&(at, w)| RowCell {
        range: start + at..start + at + w.len(),
        origin: true,
    }));
    Some(TableRow { cells, loose: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_laid_out_with_their_own_cells_and_know_the_cells_above() {
        let table = Block::Table(vec![
            vec![
                SourceCell::new("三、本年度办理结果".into(), 2, 1),
                SourceCell::new("（一）予以公开".into(), 1, 1),
                SourceCell::new("9".into(), 1, 1),
            ],
            vec![
                SourceCell::new("（二）部分\n公开".into(), 1, 1),
                SourceCell::new(" ".into(), 1, 1),
            ],
        ]);
        let extracted = extract(&[Block::paragraph("标题\n\n正文"), table], "HTML").unwrap();
        assert_eq!(
            extracted.text,
            "标题\n正文\n三、本年度办理结果\t（一）予以公开\t9\n（二）部分 公开\t\n"
        );
        let second = &extracted.rows[1];
        let texts: Vec<&str> = second
            .cells
            .iter()
            .map(|c| &extracted.text[c.range.clone()])
            .collect();
        assert_eq!(texts, ["三、本年度办理结果", "（二）部分 公开", ""]);
        assert!(!second.cells[0].origin && second.cells[1].origin);
    }

    #[test]
    fn label_and_value_lines_are_loose_rows() {
        let extracted = extract(
            &[Block::paragraph(
                "行政许可 97\n共收到申请 154 件\n规章 0 0 3\n2024",
            )],
            "Markdown",
        )
        .unwrap();
        let rows: Vec<Vec<&str>> = extracted
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| &extracted.text[c.range.clone()]).collect())
            .collect();
        assert_eq!(rows, [vec!["行政许可", "97"], vec!["规章", "0", "0", "3"]]);
        assert!(extracted.rows.iter().all(|r| r.loose));
    }
}
