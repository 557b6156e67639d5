//! PDF reports, as offices print them from Word or WPS.
//!
//! `nianbao-pdf` turns the pages into paragraphs and tables (ruled, or read by alignment), each piece with its page and
//! box; here they become the same blocks the HTML and Word readers produce, so that the one table
//! reader reads Tables 2–4 from them, and every stretch of the laid-out text keeps the place on
//! the page it was printed at.

use super::read_blocks;
use crate::error::ParseError;
use crate::layout::{Block, SourceCell};
use crate::Read;
use nianbao_model::{Code, Diagnostic, PagePlace};
use nianbao_pdf::{BBox, Content};

/// The bytes a PDF starts with.
const MAGIC: &[u8] = b"%PDF-";

/// Whether `bytes` are a PDF: they start with its header, perhaps after white space.
pub(crate) fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(MAGIC)
}

pub(crate) fn read(bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    let content = nianbao_pdf::read(bytes)?;
    let icons = content.icons;
    let aligned = content.aligned_pages.clone();
    let mut read = read_blocks(&blocks(content), "PDF", "UTF-8", false)?;
    if !aligned.is_empty() {
        let pages: Vec<String> = aligned.iter().map(|page| format!("第 {page} 页")).collect();
        read.diagnostics.push(Diagnostic::new(
            Code::PdfAlignedTable,
            format!(
                "{}的表格没有框线，按数值在页面上的对齐读取，请对照原件复核",
                pages.join("、")
            ),
        ));
    }
    if icons > 0 {
        read.diagnostics.push(Diagnostic::new(
            Code::PdfIcons,
            format!("PDF 中有 {icons} 个图标字符（私用区字符）未作为文字读取"),
        ));
    }
    Ok(read)
}

/// The PDF's flow as layout blocks.
fn blocks(content: Content) -> Vec<Block> {
    content
        .blocks
        .into_iter()
        .map(|block| match block {
            nianbao_pdf::Block::Paragraph(paragraph) => Block::Paragraph(
                paragraph.text,
                paragraph
                    .lines
                    .into_iter()
                    .map(|line| (line.range, place(line.page, line.bbox)))
                    .collect(),
            ),
            nianbao_pdf::Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|row| {
                        row.into_iter()
                            .map(|cell| SourceCell {
                                place: Some(place(cell.page, cell.bbox)),
                                column: Some(cell.column),
                                ..SourceCell::new(cell.text, cell.rowspan, cell.colspan)
                            })
                            .collect()
                    })
                    .collect(),
            ),
        })
        .collect()
}

/// A page box in whole points, rounded outwards.
fn place(page: u32, bbox: BBox) -> PagePlace {
    let point = |v: f64| v.clamp(0.0, f64::from(u32::MAX)) as u32;
    PagePlace {
        page,
        bbox: [
            point(bbox.x0.floor()),
            point(bbox.y0.floor()),
            point(bbox.x1.ceil()),
            point(bbox.y1.ceil()),
        ],
    }
}
