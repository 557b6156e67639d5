//! The main part of a DOCX: paragraphs (runs joined, automatic numbers written out, tracked
//! changes accepted) and tables (cells at their grid columns, vertical merges as row spans).

use super::numbering::{Counters, Numbering, StyleNumbering};
use super::{attribute, number_value, walk, Step};
use crate::error::ParseError;
use crate::layout::{Block, SourceCell};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Elements whose content the document does not show: deleted or moved-away text, field
/// instructions, fallback copies, the old properties of a tracked property change, drawings.
const HIDDEN: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "Fallback",
    "rPrChange",
    "pPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "numberingChange",
    "drawing",
    "pict",
    "object",
];

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VerticalMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct DocxCell {
    text: String,
    column: u32,
    span: u32,
    merge: VerticalMerge,
}

#[derive(Debug, Default)]
struct RowBuilder {
    cells: Vec<DocxCell>,
    column: u32,
    deleted: bool,
}

/// The document body being read.
pub(super) struct Body<'n> {
    numbering: &'n Numbering,
    styles: &'n StyleNumbering,
    counters: Counters,
    blocks: Vec<Block>,
    /// Depth inside hidden content; text there is dropped.
    hidden: usize,
    in_text: bool,
    in_run: bool,
    in_properties: bool,
    paragraph: Option<ParagraphBuilder>,
    table_depth: usize,
    rows: Vec<RowBuilder>,
    row: Option<RowBuilder>,
    cell: Option<DocxCell>,
}

#[derive(Debug, Default)]
struct ParagraphBuilder {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    level: Option<u32>,
}

impl<'n> Body<'n> {
    pub(super) fn parse(
        xml: &str,
        numbering: &'n Numbering,
        styles: &'n StyleNumbering,
    ) -> Result<Vec<Block>, ParseError> {
        let mut body = Body {
            numbering,
            styles,
            counters: Counters::default(),
            blocks: Vec::new(),
            hidden: 0,
            in_text: false,
            in_run: false,
            in_properties: false,
            paragraph: None,
            table_depth: 0,
            rows: Vec::new(),
            row: None,
            cell: None,
        };
        walk(xml, "word/document.xml", |step| match step {
            Step::Start(e) => body.start(e),
            Step::End(name) => body.end(name),
            Step::Text(text) => {
                if body.in_text && body.hidden == 0 {
                    if let Some(p) = body.paragraph.as_mut() {
                        p.text.push_str(text);
                    }
                }
            }
        })?;
        Ok(body.blocks)
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.hidden > 0 || HIDDEN.contains(&name) {
            self.hidden += 1;
            return;
        }
        match name {
            "p" => self.paragraph = Some(ParagraphBuilder::default()),
            "pPr" | "tcPr" | "trPr" | "tblPr" => self.in_properties = true,
            "pStyle" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.style = attribute(e, "val");
                }
            }
            "numId" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.num_id = number_value(e);
                }
            }
            "ilvl" => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.level = number_value(e);
                }
            }
            "r" => self.in_run = true,
            "t" => self.in_text = true,
            "tab" if self.in_run => self.push_text(" "),
            "br" | "cr" if self.in_run => self.push_text("\n"),
            "noBreakHyphen" if self.in_run => self.push_text("-"),
            "tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.finish_paragraph_into_blocks();
                    self.rows.clear();
                }
            }
            "tr" if self.table_depth == 1 => self.row = Some(RowBuilder::default()),
            "gridBefore" if self.table_depth == 1 && self.cell.is_none() => {
                if let Some(row) = self.row.as_mut() {
                    row.column += number_value(e).unwrap_or(0);
                }
            }
            "tc" if self.table_depth == 1 => {
                let column = self.row.as_ref().map_or(0, |r| r.column);
                self.cell = Some(DocxCell {
                    text: String::new(),
                    column,
                    span: 1,
                    merge: VerticalMerge::None,
                });
            }
            "gridSpan" if self.table_depth == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.span = number_value(e).unwrap_or(1).clamp(1, 1000);
                }
            }
            "vMerge" if self.table_depth == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.merge = match attribute(e, "val").as_deref() {
                        Some("restart") => VerticalMerge::Restart,
                        _ => VerticalMerge::Continue,
                    };
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.hidden > 0 {
            self.hidden -= 1;
            // The end of a w:del directly inside w:trPr: the row was deleted.
            if self.hidden == 0 && name == "del" && self.in_properties && self.cell.is_none() {
                if let Some(row) = self.row.as_mut() {
                    row.deleted = true;
                }
            }
            return;
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = false,
            "pPr" | "tcPr" | "trPr" | "tblPr" => self.in_properties = false,
            "p" => {
                let Some(paragraph) = self.paragraph.take() else {
                    return;
                };
                let text = self.paragraph_text(paragraph);
                match self.cell.as_mut() {
                    Some(cell) if self.table_depth >= 1 => {
                        if !cell.text.is_empty() && !text.trim().is_empty() {
                            cell.text.push('\n');
                        }
                        cell.text.push_str(text.trim());
                    }
                    _ => self.blocks.push(Block::paragraph(text)),
                }
            }
            "tc" if self.table_depth == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.column = cell.column + cell.span;
                    row.cells.push(cell);
                }
            }
            "tr" if self.table_depth == 1 => {
                if let Some(row) = self.row.take() {
                    if !row.deleted {
                        self.rows.push(row);
                    }
                }
            }
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    let rows = std::mem::take(&mut self.rows);
                    let table = merged(rows);
                    if !table.is_empty() {
                        self.blocks.push(Block::Table(table));
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraph.as_mut() {
            p.text.push_str(text);
        }
    }

    /// A paragraph open when a table starts (a table inside a paragraph is not valid DOCX, but
    /// keep its text).
    fn finish_paragraph_into_blocks(&mut self) {
        if self.cell.is_none() {
            if let Some(paragraph) = self.paragraph.take() {
                let text = self.paragraph_text(paragraph);
                self.blocks.push(Block::paragraph(text));
            }
        }
    }

    /// The paragraph's text with its automatic number in front.
    fn paragraph_text(&mut self, paragraph: ParagraphBuilder) -> String {
        let style = paragraph.style.as_deref().and_then(|s| self.styles.numbering(s));
        let num_id = paragraph.num_id.or(style.map(|s| s.0));
        let level = paragraph.level.or(style.map(|s| s.1)).unwrap_or(0);
        let number = match num_id {
            Some(id) if id != 0 => self.counters.next(self.numbering, id, level),
            _ => String::new(),
        };
        if number.is_empty() {
            paragraph.text
        } else {
            number + &paragraph.text
        }
    }
}

/// Cells at their grid columns, vertical merges turned into row spans.
fn merged(rows: Vec<RowBuilder>) -> Vec<Vec<SourceCell>> {
    let mut table: Vec<Vec<SourceCell>> = Vec::with_capacity(rows.len());
    // For each grid column, the cell that a continuing merge there extends: (row, index in row).
    let mut open: HashMap<u32, (usize, usize)> = HashMap::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.cells.len());
        for cell in row.cells {
            if cell.merge == VerticalMerge::Continue {
                if let Some(&(top_row, index)) = open.get(&cell.column) {
                    let top = &mut table[top_row][index];
                    if top_row + top.rowspan as usize == r {
                        top.rowspan += 1;
                        if !cell.text.trim().is_empty() {
                            top.text.push('\n');
                            top.text.push_str(&cell.text);
                        }
                        continue;
                    }
                }
            }
            open.insert(cell.column, (r, cells.len()));
            cells.push(SourceCell {
                text: cell.text,
                rowspan: 1,
                colspan: cell.span,
                column: Some(cell.column),
                place: None,
            });
        }
        table.push(cells);
    }
    table
}
