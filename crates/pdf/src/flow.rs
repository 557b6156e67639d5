//! Pages into a flow of paragraphs and tables, in reading order.
//!
//! On each page the ruled tables are found ([`crate::lattice`]) and every glyph goes to the cell
//! holding its reference point; the other glyphs become lines. Page numbers in the margins are
//! dropped. Lines become paragraphs: a line that reaches the right margin continues into the
//! next one — also onto the next page — unless the next is indented, starts with a heading's
//! numeral, or is a row of a table drawn without rules (it holds a wide gap, written as a tab).

use crate::collect::{Glyph, PageMarks};
use crate::join;
use crate::lattice::{self, Grid};
use crate::lines::{self, Line};
use crate::stream;
use crate::{Block, Cell, Paragraph, Place};

/// What stands on a page, top to bottom.
enum Item {
    Line(Line),
    /// A table: its rows of cells.
    Table(Vec<Vec<Cell>>),
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Line(line) => line.bbox.y0,
            Item::Table(rows) => rows
                .iter()
                .flatten()
                .map(|c| c.bbox.y0)
                .fold(f64::INFINITY, f64::min),
        }
    }
}

/// A page's items, and the margins of its body text.
struct Page {
    number: u32,
    items: Vec<Item>,
    /// Whether a table on it was read by alignment (drawn without rules).
    aligned: bool,
    left: f64,
    right: f64,
    height: f64,
}

/// The flow of all pages, and the pages holding a table read by alignment.
pub(crate) fn blocks(pages: Vec<PageMarks>) -> (Vec<Block>, Vec<u32>) {
    // The columns of the last table read by alignment, which the next may continue.
    let mut columns = None;
    let mut pages: Vec<Page> = pages
        .into_iter()
        .enumerate()
        .map(|(i, marks)| page(marks.upright(), i as u32 + 1, &mut columns))
        .collect();
    drop_running_lines(&mut pages);
    let aligned = pages.iter().filter(|p| p.aligned).map(|p| p.number).collect();
    let mut blocks = Vec::new();
    let mut open: Option<OpenParagraph> = None;
    // The page whose last item is the table last in `blocks`, which the next page may continue.
    let mut table_ending_page: Option<u32> = None;
    for page in &pages {
        let last_item = page.items.len().saturating_sub(1);
        for (i, item) in page.items.iter().enumerate() {
            match item {
                Item::Table(part) => {
                    if let Some(paragraph) = open.take() {
                        blocks.push(Block::Paragraph(paragraph.finish()));
                    }
                    let part = part.clone();
                    let continued = i == 0
                        && table_ending_page == Some(page.number - 1)
                        && matches!(blocks.last(), Some(Block::Table(table)) if join::continues(table, &part));
                    match blocks.last_mut() {
                        Some(Block::Table(table)) if continued => join::append(table, part),
                        _ if part.iter().flatten().all(|c| c.text.is_empty()) => {}
                        _ => blocks.push(Block::Table(part)),
                    }
                    table_ending_page = matches!(blocks.last(), Some(Block::Table(_)))
                        .then_some(page.number)
                        .filter(|_| i == last_item);
                }
                Item::Line(line) => {
                    table_ending_page = None;
                    let text = line.text();
                    let continues = open.as_ref().is_some_and(|p| p.continues_with(line, &text, page));
                    if !continues {
                        if let Some(paragraph) = open.take() {
                            blocks.push(Block::Paragraph(paragraph.finish()));
                        }
                    }
                    let paragraph = open.get_or_insert_with(OpenParagraph::default);
                    paragraph.push(line, text, page);
                }
            }
        }
    }
    if let Some(paragraph) = open {
        blocks.push(Block::Paragraph(paragraph.finish()));
    }
    (blocks, aligned)
}

/// Drops the lines in the top and bottom margins that are page furniture: page numbers, and
/// running headers and footers (the same words, numbers aside, on most pages).
fn drop_running_lines(pages: &mut [Page]) {
    let in_margin = |page: &Page, line: &Line| {
        line.bbox.y1 < page.height * MARGIN || line.bbox.y0 > page.height * (1.0 - MARGIN)
    };
    let furniture = |line: &Line| -> String {
        line.text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages.iter() {
        let mut on_page: Vec<String> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Line(line) if in_margin(page, line) => Some(furniture(line)),
                _ => None,
            })
            .collect();
        on_page.sort();
        on_page.dedup();
        for key in on_page {
            *seen.entry(key).or_default() += 1;
        }
    }
    let repeated =
        |key: &str| pages.len() >= 2 && seen.get(key).is_some_and(|&n| n >= 2 && 2 * n >= pages.len());
    let drop: Vec<Vec<bool>> = pages
        .iter()
        .map(|page| {
            page.items
                .iter()
                .map(|item| match item {
                    Item::Line(line) => {
                        in_margin(page, line) && (is_page_number(line) || repeated(&furniture(line)))
                    }
                    Item::Table(..) => false,
                })
                .collect()
        })
        .collect();
    for (page, drop) in pages.iter_mut().zip(drop) {
        let mut drop = drop.into_iter();
        page.items.retain(|_| !drop.next().unwrap_or(false));
    }
}

/// A paragraph being built, and what its last line tells about continuing it.
#[derive(Default)]
struct OpenParagraph {
    text: String,
    places: Vec<Place>,
    /// The last line: whether it reached its page's right margin, held a tab, its size and
    /// bottom, and its page.
    last: Option<(bool, bool, f64, f64, u32)>,
}

impl OpenParagraph {
    fn continues_with(&self, line: &Line, text: &str, page: &Page) -> bool {
        let Some((reached_margin, tabbed, size, bottom, last_page)) = self.last else {
            return false;
        };
        let indented = line.bbox.x0 > page.left + 0.8 * line.size;
        let close = last_page != page.number || line.bbox.y0 - bottom < 1.2 * size;
        reached_margin
            && !tabbed
            && !text.contains('\t')
            && !indented
            && close
            && (line.size - size).abs() < 0.2 * size
            && !join::starts_a_numbered_label(text)
    }

    fn push(&mut self, line: &Line, text: String, page: &Page) {
        lines::join_line(&mut self.text, &text);
        let start = self.text.len() - text.len();
        self.places.push(Place {
            range: start..self.text.len(),
            page: page.number,
            bbox: line.bbox,
        });
        let reached_margin = line.bbox.x1 >= page.right - 1.5 * line.size;
        self.last = Some((
            reached_margin,
            text.contains('\t'),
            line.size,
            line.bbox.y1,
            page.number,
        ));
    }

    fn finish(self) -> Paragraph {
        Paragraph {
            text: self.text,
            lines: self.places,
        }
    }
}

/// The share of a page's height at the top and at the bottom where page furniture stands.
const MARGIN: f64 = 0.08;

/// One page's items: its tables with their glyphs, its other glyphs as lines. `columns` carries
/// the columns of the last table read by alignment from page to page ([`stream::tables`]).
fn page(marks: PageMarks, number: u32, columns: &mut Option<stream::Columns>) -> Page {
    let (width, height) = marks.size;
    let grids = lattice::grids(&marks.segments);
    let mut in_cells: Vec<Vec<Vec<Glyph>>> = grids.iter().map(|g| vec![Vec::new(); g.cells.len()]).collect();
    let mut free = Vec::new();
    for glyph in marks.glyphs {
        let reference = glyph.reference();
        let cell = grids
            .iter()
            .enumerate()
            .find_map(|(t, grid)| grid.cell_at(reference.x, reference.y).map(|c| (t, c)));
        match cell {
            Some((t, c)) => in_cells[t][c].push(glyph),
            None => free.push(glyph),
        }
    }
    let lines: Vec<Line> = lines::lines(free);
    let found = stream::tables(lines, number, columns);
    let aligned = !found.tables.is_empty();
    let lines = found.lines;
    let mut xs0: Vec<f64> = lines.iter().map(|l| l.bbox.x0).collect();
    let mut xs1: Vec<f64> = lines.iter().map(|l| l.bbox.x1).collect();
    xs0.sort_by(f64::total_cmp);
    xs1.sort_by(f64::total_cmp);
    let left = xs0.get(xs0.len() / 10).copied().unwrap_or(0.0);
    let right = xs1
        .get(xs1.len() - xs1.len() / 10)
        .or(xs1.last())
        .copied()
        .unwrap_or(width);
    let mut items: Vec<Item> = lines.into_iter().map(Item::Line).collect();
    items.extend(
        grids
            .iter()
            .zip(in_cells)
            .map(|(grid, glyphs)| Item::Table(table(grid, glyphs, number))),
    );
    items.extend(found.tables.into_iter().map(Item::Table));
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    Page {
        number,
        items,
        aligned,
        left,
        right,
        height,
    }
}

/// Whether a line is a page number (`- 4 -`, `— 4 —`, `第4页`, `4/6`, `4`).
fn is_page_number(line: &Line) -> bool {
    let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
    let inner = text
        .trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·'))
        .trim_start_matches('第')
        .trim_end_matches('页');
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(inner) || inner.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

/// A grid's rows of cells, each cell with its text, spans, column, page and box.
fn table(grid: &Grid, glyphs: Vec<Vec<Glyph>>, page: u32) -> Vec<Vec<Cell>> {
    let rows = grid.ys.len() - 1;
    let mut out: Vec<Vec<Cell>> = vec![Vec::new(); rows];
    for (cell, glyphs) in grid.cells.iter().zip(glyphs) {
        out[cell.row].push(Cell {
            text: cell_text(glyphs),
            rowspan: cell.rowspan as u32,
            colspan: cell.colspan as u32,
            column: cell.column as u32,
            page,
            bbox: grid.cell_box(cell),
        });
    }
    out
}

/// The text of a cell: its lines joined ([`lines::join_line`]).
fn cell_text(glyphs: Vec<Glyph>) -> String {
    let mut text = String::new();
    for line in lines::lines(glyphs) {
        lines::join_line(&mut text, &line.text().replace('\t', " "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_list_items_start_paragraphs() {
        for heading in [
            "三、收到和处理政府信息公开申请情况",
            "（二）部分公开",
            "1.属于国家秘密",
            "12、其他",
        ] {
            assert!(join::starts_a_numbered_label(heading), "{heading}");
        }
        for text in ["三十余件申请", "2024年，本机关", "政府信息公开"] {
            assert!(!join::starts_a_numbered_label(text), "{text}");
        }
    }
}
