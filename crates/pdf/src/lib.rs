//! Reading office-printed PDF reports: what each page draws, turned into the paragraphs and
//! tables of the report, each piece with its page and its box.
//!
//! Reports reach reviewers as PDFs printed from Word or WPS: text in embedded CID fonts with
//! ToUnicode maps (LibreOffice puts Chinese text in `/ActualText` spans), tables ruled with
//! stroked lines or thin filled bars, broken across pages. The pipeline:
//!
//! 1. `collect`: a hayro-interpret `Device` records every glyph (its text, baseline origin,
//!    size, direction; `/ActualText` honoured; kept as encoded), every straight rule, and the area
//!    images cover;
//! 2. `lattice`: the rules of a page grouped into grids, missing inner rules read as merged
//!    cells;
//! 3. `flow`: glyphs into cells and lines, page numbers dropped, lines into paragraphs across
//!    lines and pages; a table drawn without rules stays as lines whose columns are tabs.
//!
//! What comes out is the same kind of flow the HTML and Word readers produce, so that one table
//! reader reads all of them. Untrusted input is bounded: [`MAX_PAGES`] pages, `collect`'s mark
//! limit per page, and interpretation stops with an error, never a crash, when the PDF library
//! panics.

mod collect;
mod flow;
mod join;
mod lattice;
mod lines;
mod stream;

use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};
use std::ops::Range;

/// Most pages read; a report has 5 to 30.
pub const MAX_PAGES: usize = 500;

/// A box on a page, in points, origin at the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl BBox {
    /// The empty box, to take unions from.
    pub const EMPTY: BBox = BBox {
        x0: f64::INFINITY,
        y0: f64::INFINITY,
        x1: f64::NEG_INFINITY,
        y1: f64::NEG_INFINITY,
    };

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

/// What a PDF holds: its pages' paragraphs and tables, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// How many pages were read.
    pub pages: usize,
    /// How many icons drawn with private-use characters were left out (they are not text).
    pub icons: usize,
    /// The flow.
    pub blocks: Vec<Block>,
    /// The pages holding a table drawn without rules, read by how its values line up.
    pub aligned_pages: Vec<u32>,
}

/// One piece of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph, its lines joined.
    Paragraph(Paragraph),
    /// A table (ruled, or read by alignment): its rows, each with the cells that start in it.
    Table(Vec<Vec<Cell>>),
}

/// A paragraph and where each of its lines stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text, lines joined (no line breaks).
    pub text: String,
    /// Each source line: its byte range in `text`, page and box.
    pub lines: Vec<Place>,
}

/// Where a piece of text stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its byte range in the text it belongs to.
    pub range: Range<usize>,
    /// 1-based page number.
    pub page: u32,
    /// Its box on the page.
    pub bbox: BBox,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Its text, its lines joined.
    pub text: String,
    /// Rows it spans.
    pub rowspan: u32,
    /// Grid columns it spans.
    pub colspan: u32,
    /// Its first grid column.
    pub column: u32,
    /// 1-based page number.
    pub page: u32,
    /// Its box on the page.
    pub bbox: BBox,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Encrypted with a password.
    #[error("PDF 已加密，需要密码才能打开：请用原文件或去除密码后再试")]
    Encrypted,
    /// Not a PDF the library can read (truncated, damaged).
    #[error("PDF 文件已损坏或不完整，无法读取")]
    Broken,
    /// Pages of images without text: a scan.
    #[error("这是扫描件，没有文字层，需先做文字识别（OCR）后再读取")]
    Scanned,
    /// Text drawn with fonts that do not say which characters they draw.
    #[error("PDF 中的文字没有可用的 Unicode 对应（字体缺少 ToUnicode 映射），无法取出文字：请从原 Word/WPS 文件重新导出 PDF")]
    NoUnicode,
    /// More pages than [`MAX_PAGES`].
    #[error("PDF 有 {0} 页，超过上限 {MAX_PAGES} 页，不像是一份年度报告")]
    TooManyPages(usize),
    /// The PDF library failed on this file.
    #[error("读取 PDF 时内部出错（{0}），文件可能已损坏")]
    Internal(String),
}

/// Reads a PDF's paragraphs and tables.
///
/// # Errors
/// [`PdfError`] when the PDF is encrypted, damaged, a scan, has text without Unicode, has too
/// many pages, or makes the PDF library fail.
pub fn read(bytes: &[u8]) -> Result<Content, PdfError> {
    // A file cut short still opens — the PDF library rebuilds what it can — but its last pages
    // and the ends of its streams are gone; reading on would give a report with parts missing
    // or garbled. Every complete PDF ends with `%%EOF` (readers allow it within the last 1024
    // bytes).
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Broken);
    }
    let bytes = bytes.to_vec();
    // The PDF library is trusted not to misbehave, but not blindly: a panic in it is an error
    // about this file, never a crash of the tool.
    let marks = std::panic::catch_unwind(move || marks(bytes)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "未知错误".to_owned());
        PdfError::Internal(message)
    })??;
    let glyphs: usize = marks.iter().map(|m| m.glyphs.len()).sum();
    let unmapped: usize = marks.iter().map(|m| m.unmapped).sum();
    let image_area: f64 = marks.iter().map(|m| m.image_area).sum();
    if glyphs < 20 && unmapped < 20 && image_area > 0.0 {
        return Err(PdfError::Scanned);
    }
    if unmapped > glyphs {
        return Err(PdfError::NoUnicode);
    }
    let pages = marks.len();
    let icons = marks.iter().map(|m| m.icons).sum();
    let (blocks, aligned_pages) = flow::blocks(marks);
    Ok(Content {
        pages,
        icons,
        blocks,
        aligned_pages,
    })
}

/// What every page draws.
fn marks(bytes: Vec<u8>) -> Result<Vec<collect::PageMarks>, PdfError> {
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Broken,
    })?;
    let pages = pdf.pages();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let cache = InterpreterCache::new();
    let mut out = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let transform = Affine::new(page.initial_transform(true).as_coeffs());
        let mut context = Context::new(
            transform,
            Rect::new(0.0, 0.0, width, height),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut collector = collect::Collector::new((width, height));
        interpret_page(page, &mut context, &mut collector);
        out.push(collector.marks);
    }
    Ok(out)
}
