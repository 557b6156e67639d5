//! The three tables as ruled grids in the template's layout: merged header cells, grouped row
//! labels, the right version of Table 2, header rows repeated when a table continues on the next
//! page, and labels wrapped inside their cells. Values are printed as in the source; a cell the
//! reader could not determine shows [`UNRESOLVED`].

use crate::fonts::Style;
use crate::layout::{wrap, Align, Composer, LEFT, MM_PER_PT, WIDTH};
use nianbao_model::template::{self, TableId, TemplateVersion, T3_COLUMNS, T4_COLUMNS};
use nianbao_model::{CellValue, Table};

/// What a cell the reader could not determine shows (a blank cell stays blank).
pub(crate) const UNRESOLVED: &str = "？";
/// Padding inside a cell, in mm.
const PADDING: f32 = 1.2;
/// Line spacing inside cells, as a multiple of the font size.
const CELL_LEADING: f32 = 1.25;

/// One cell of a grid row.
#[derive(Debug, Clone)]
struct GridCell {
    column: usize,
    span: usize,
    text: String,
    align: Align,
    /// Cells in the same column with the same key in consecutive rows are drawn as one.
    merge: Option<&'static str>,
    /// The text wrapped to the cell's width (filled in when the grid is drawn).
    lines: Vec<String>,
}

fn cell(column: usize, span: usize, text: impl Into<String>, align: Align) -> GridCell {
    GridCell {
        column,
        span,
        text: text.into(),
        align,
        merge: None,
        lines: Vec::new(),
    }
}

fn merged(column: usize, span: usize, text: &str, key: &'static str) -> GridCell {
    GridCell {
        merge: Some(key),
        ..cell(column, span, text, Align::Center)
    }
}

/// A table laid out as a grid of columns.
struct Grid {
    widths: Vec<f32>,
    size: f32,
    header: Vec<Vec<GridCell>>,
    body: Vec<Vec<GridCell>>,
    /// Body rows that must stay on the page of the row after them (Table 2's block captions and
    /// header rows).
    keep_with_next: Vec<bool>,
}

/// The grid of `table` as the template lays it out for `version`.
fn grid(table: &Table, version: TemplateVersion) -> Grid {
    match table.id {
        TableId::T2 => table2(table, version),
        TableId::T3 => table3(table, version),
        TableId::T4 => table4(table),
    }
}

/// Draws `table` as the template lays it out for `version`.
pub(crate) fn draw(composer: &mut Composer<'_>, table: &Table, version: TemplateVersion) {
    grid(table, version).draw(composer);
}

/// How much room the start of `table` takes — its header rows and first body row — so that
/// what leads into it (its section's heading) is not left alone at the foot of a page.
pub(crate) fn lead_height(composer: &Composer<'_>, table: &Table, version: TemplateVersion) -> f32 {
    let mut grid = grid(table, version);
    grid.wrap_cells(composer);
    let header: f32 = grid.heights(&grid.header).iter().sum();
    header + grid.heights(&grid.body).first().copied().unwrap_or(0.0)
}

fn value_text(table: &Table, row: usize, column: usize) -> String {
    table
        .rows
        .get(row)
        .and_then(|row| row.cells.get(column))
        .map(|cell| match &cell.value {
            CellValue::Unresolved { .. } => UNRESOLVED.to_owned(),
            value => value.printed(),
        })
        .unwrap_or_default()
}

/// Table 2: one block per article of the regulation — its caption, a header row with the
/// block's columns, then its rows; a row with fewer values than the widest block spans its last
/// value over the rest.
fn table2(table: &Table, version: TemplateVersion) -> Grid {
    let spec = template::spec(TableId::T2, version);
    let values = spec.rows.iter().map(|r| r.columns.len()).max().unwrap_or(1);
    let label_width = 40.0;
    let mut widths = vec![label_width];
    widths.extend(std::iter::repeat_n((WIDTH - label_width) / values as f32, values));
    let spread = |count: usize, index: usize| -> (usize, usize) {
        let span = if index + 1 == count { values - index } else { 1 };
        (1 + index, span)
    };
    let mut body = Vec::new();
    let mut keep_with_next = Vec::new();
    let mut previous: Option<(Option<&str>, *const [template::ColumnSpec])> = None;
    for (index, row) in spec.rows.iter().enumerate() {
        let block = (row.group, std::ptr::from_ref(row.columns));
        if previous != Some(block) {
            keep_with_next.extend([true, true]);
            body.push(vec![cell(
                0,
                values + 1,
                row.group.unwrap_or_default(),
                Align::Center,
            )]);
            let mut header = vec![cell(0, 1, "信息内容", Align::Center)];
            for (i, column) in row.columns.iter().enumerate() {
                let (start, span) = spread(row.columns.len(), i);
                header.push(cell(start, span, column.label, Align::Center));
            }
            body.push(header);
            previous = Some(block);
        }
        let mut cells = vec![cell(0, 1, row.label, Align::Left)];
        for i in 0..row.columns.len() {
            let (start, span) = spread(row.columns.len(), i);
            cells.push(cell(start, span, value_text(table, index, i), Align::Center));
        }
        body.push(cells);
        keep_with_next.push(false);
    }
    Grid {
        widths,
        size: 10.5,
        header: Vec::new(),
        body,
        keep_with_next,
    }
}

const RESULTS: &str = "三、本年度办理结果";

/// Table 3: three label columns (part, item, sub-item) and the seven applicant columns under
/// 申请人情况 / 法人或其他组织.
fn table3(table: &Table, version: TemplateVersion) -> Grid {
    let spec = template::spec(TableId::T3, version);
    // The group labels' column fits `（三）不予公开` on one line at 9 pt.
    let mut widths = vec![14.0, 26.0, 43.0];
    widths.extend(std::iter::repeat_n((WIDTH - 83.0) / 7.0, 7));
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let header = vec![
        vec![
            merged(0, 3, corner, "corner"),
            cell(3, 7, "申请人情况", Align::Center),
        ],
        vec![
            merged(0, 3, corner, "corner"),
            merged(3, 1, T3_COLUMNS[0].label, "natural"),
            cell(4, 5, "法人或其他组织", Align::Center),
            merged(9, 1, T3_COLUMNS[6].label, "total"),
        ],
        {
            let mut row = vec![
                merged(0, 3, corner, "corner"),
                merged(3, 1, T3_COLUMNS[0].label, "natural"),
            ];
            row.extend((1..6).map(|i| cell(3 + i, 1, T3_COLUMNS[i].label, Align::Center)));
            row.push(merged(9, 1, T3_COLUMNS[6].label, "total"));
            row
        },
    ];
    let body: Vec<Vec<GridCell>> = spec
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mut cells = match row.group {
                None => vec![cell(0, 3, row.label, Align::Left)],
                Some(RESULTS) => vec![merged(0, 1, RESULTS, RESULTS), cell(1, 2, row.label, Align::Left)],
                Some(group) => vec![
                    merged(0, 1, RESULTS, RESULTS),
                    GridCell {
                        align: Align::Left,
                        ..merged(1, 1, group, group)
                    },
                    cell(2, 1, row.label, Align::Left),
                ],
            };
            cells.extend((0..7).map(|i| cell(3 + i, 1, value_text(table, index, i), Align::Center)));
            cells
        })
        .collect();
    Grid {
        widths,
        size: 9.0,
        header,
        keep_with_next: vec![false; body.len()],
        body,
    }
}

/// Table 4: 行政复议 (five columns) and 行政诉讼 (two groups of five), one row of values.
fn table4(table: &Table) -> Grid {
    let widths = vec![WIDTH / 15.0; 15];
    const KEYS: [&str; 5] = ["maintain", "correct", "other", "pending", "total"];
    let review_header = |row: &mut Vec<GridCell>| {
        row.extend((0..5).map(|i| merged(i, 1, T4_COLUMNS[i].label, KEYS[i])));
    };
    let mut second = Vec::new();
    review_header(&mut second);
    second.push(cell(5, 5, "未经复议直接起诉", Align::Center));
    second.push(cell(10, 5, "复议后起诉", Align::Center));
    let mut third = Vec::new();
    review_header(&mut third);
    for group in 0..2 {
        third.extend((0..5).map(|i| cell(5 + group * 5 + i, 1, T4_COLUMNS[i].label, Align::Center)));
    }
    let values = (0..3)
        .flat_map(|row| (0..5).map(move |column| (row, column)))
        .enumerate()
        .map(|(index, (row, column))| cell(index, 1, value_text(table, row, column), Align::Center))
        .collect();
    Grid {
        widths,
        size: 9.0,
        header: vec![
            vec![
                cell(0, 5, "行政复议", Align::Center),
                cell(5, 10, "行政诉讼", Align::Center),
            ],
            second,
            third,
        ],
        body: vec![values],
        keep_with_next: vec![false],
    }
}

impl Grid {
    fn cell_width(&self, cell: &GridCell) -> f32 {
        span_width(&self.widths, cell)
    }

    /// Wraps every cell's text to its width, once.
    fn wrap_cells(&mut self, composer: &Composer<'_>) {
        for row in self.header.iter_mut().chain(self.body.iter_mut()) {
            for cell in row {
                if !cell.text.is_empty() {
                    let width = span_width(&self.widths, cell) - 2.0 * PADDING;
                    cell.lines = wrap(composer.fonts(), &cell.text, self.size, width, 0.0, Style::Body);
                }
            }
        }
    }

    fn leading(&self) -> f32 {
        self.size * CELL_LEADING * MM_PER_PT
    }

    /// Row heights: the tallest unmerged cell of each row, then merged cells that need more
    /// room lengthen the last row they span.
    fn heights(&self, rows: &[Vec<GridCell>]) -> Vec<f32> {
        let leading = self.leading();
        let needed = |cell: &GridCell| cell.lines.len().max(1) as f32 * leading + 2.0 * PADDING;
        let mut heights: Vec<f32> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .filter(|cell| cell.merge.is_none())
                    .map(needed)
                    .fold(leading + 2.0 * PADDING, f32::max)
            })
            .collect();
        for (start, cell) in merge_starts(rows) {
            let end = run_end(rows, start, cell);
            let have: f32 = heights[start..end].iter().sum();
            let need = needed(cell);
            if need > have {
                heights[end - 1] += need - have;
            }
        }
        heights
    }

    fn draw(mut self, composer: &mut Composer<'_>) {
        self.wrap_cells(composer);
        let header_heights = self.heights(&self.header);
        let body_heights = self.heights(&self.body);
        let header_height: f32 = header_heights.iter().sum();
        let mut start = 0;
        while start < self.body.len() {
            composer.ensure(header_height + body_heights[start]);
            let mut room = composer.remaining() - header_height;
            let mut end = start;
            while end < self.body.len() && (body_heights[end] <= room + 0.01 || end == start) {
                room -= body_heights[end];
                end += 1;
            }
            while end < self.body.len() && end > start + 1 && self.keep_with_next[end - 1] {
                end -= 1;
            }
            end = self.break_outside_short_runs(start, end, &body_heights);
            self.draw_block(composer, &self.header, &header_heights);
            self.draw_block(composer, &self.body[start..end], &body_heights[start..end]);
            start = end;
            if start < self.body.len() {
                composer.new_page();
            }
        }
    }

    /// Where to break the body rows `start..end` so that a merged label cut by the page break
    /// keeps room for its text on both sides: a break that leaves either part of a merged cell
    /// shorter than its lines moves up to the row the cell starts in (when rows remain before
    /// it on the page).
    fn break_outside_short_runs(&self, start: usize, end: usize, heights: &[f32]) -> usize {
        if end >= self.body.len() {
            return end;
        }
        let leading = self.leading();
        let mut end = end;
        for (first, cell) in merge_starts(&self.body) {
            let last = run_end(&self.body, first, cell);
            if !(first < end && end < last) || first <= start {
                continue;
            }
            let need = cell.lines.len().max(1) as f32 * leading + 2.0 * PADDING;
            let before: f32 = heights[first..end].iter().sum();
            let after: f32 = heights[end..last].iter().sum();
            if before < need || after < need {
                end = end.min(first);
            }
        }
        end.max(start + 1)
    }

    /// Draws consecutive rows at the cursor, merging cells within these rows only.
    fn draw_block(&self, composer: &mut Composer<'_>, rows: &[Vec<GridCell>], heights: &[f32]) {
        let top = composer.cursor();
        let tops: Vec<f32> = heights
            .iter()
            .scan(top, |y, h| {
                let this = *y;
                *y += h;
                Some(this)
            })
            .collect();
        let leading = self.leading();
        for (index, row) in rows.iter().enumerate() {
            for cell in row {
                if index > 0 && cell.merge.is_some() && same_cell(&rows[index - 1], cell) {
                    continue;
                }
                let end = if cell.merge.is_some() {
                    run_end(rows, index, cell)
                } else {
                    index + 1
                };
                let height: f32 = heights[index..end].iter().sum();
                let x = LEFT + self.widths[..cell.column].iter().sum::<f32>();
                let width = self.cell_width(cell);
                composer.rectangle(x, tops[index], width, height);
                let text_top = tops[index] + (height - cell.lines.len() as f32 * leading) / 2.0;
                for (i, line) in cell.lines.iter().enumerate() {
                    let line_top = text_top + i as f32 * leading + (leading - self.size * MM_PER_PT) / 2.0;
                    composer.aligned(
                        x + PADDING,
                        width - 2.0 * PADDING,
                        line_top,
                        self.size,
                        cell.align,
                        line,
                    );
                }
            }
        }
        composer.advance(heights.iter().sum());
    }
}

/// The width of the columns `cell` spans, in mm.
fn span_width(widths: &[f32], cell: &GridCell) -> f32 {
    widths[cell.column..cell.column + cell.span].iter().sum()
}

/// Whether `row` has a cell merged with `cell`.
fn same_cell(row: &[GridCell], cell: &GridCell) -> bool {
    row.iter()
        .any(|other| other.column == cell.column && other.merge.is_some() && other.merge == cell.merge)
}

/// The first row of every run of merged cells, with the cell.
fn merge_starts(rows: &[Vec<GridCell>]) -> impl Iterator<Item = (usize, &GridCell)> {
    rows.iter().enumerate().flat_map(move |(index, row)| {
        row.iter()
            .filter(move |cell| cell.merge.is_some() && (index == 0 || !same_cell(&rows[index - 1], cell)))
            .map(move |cell| (index, cell))
    })
}

/// One past the last row of the run of `cell` starting at `start`.
fn run_end(rows: &[Vec<GridCell>], start: usize, cell: &GridCell) -> usize {
    let mut end = start + 1;
    while end < rows.len() && same_cell(&rows[end], cell) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::template::TemplateVersion;

    fn grids() -> Vec<Grid> {
        let mut grids = Vec::new();
        for version in [TemplateVersion::V2019, TemplateVersion::V2021] {
            for id in [TableId::T2, TableId::T3, TableId::T4] {
                let table = Table::unresolved(template::spec(id, version), "test");
                grids.push(match id {
                    TableId::T2 => table2(&table, version),
                    TableId::T3 => table3(&table, version),
                    TableId::T4 => table4(&table),
                });
            }
        }
        grids
    }

    #[test]
    fn every_row_fills_the_grid_exactly_once() {
        for grid in grids() {
            assert_eq!(grid.keep_with_next.len(), grid.body.len());
            for row in grid.header.iter().chain(&grid.body) {
                let mut covered = vec![0; grid.widths.len()];
                for cell in row {
                    (cell.column..cell.column + cell.span).for_each(|c| covered[c] += 1);
                }
                assert!(covered.iter().all(|&n| n == 1), "{row:?}");
            }
            assert!((grid.widths.iter().sum::<f32>() - WIDTH).abs() < 0.01);
        }
    }

    #[test]
    fn table2_blocks_follow_the_version() {
        let captions = |grid: &Grid| -> Vec<String> {
            grid.body
                .iter()
                .filter(|row| row.len() == 1)
                .map(|row| row[0].text.clone())
                .collect()
        };
        let grids = grids();
        assert_eq!(
            captions(&grids[0]),
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项",
                "第二十条第（九）项"
            ]
        );
        assert_eq!(
            captions(&grids[3]),
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项"
            ]
        );
        // Table 3's 2021 version has three rows under （六）其他处理, 2019 one.
        assert_eq!(grids[4].body.len(), grids[1].body.len() + 2);
    }

    #[test]
    fn a_page_break_never_leaves_a_merged_label_without_room_for_its_lines() {
        // A plain row, then a label merged over three rows, every row 5 mm high.
        let label = |lines: usize| GridCell {
            lines: vec!["（三）不予公开".to_owned(); lines],
            ..merged(0, 1, "（三）不予公开", "denied")
        };
        let grid = |lines: usize| Grid {
            widths: vec![WIDTH],
            size: 9.0,
            header: Vec::new(),
            body: vec![
                vec![cell(0, 1, "（二）部分公开", Align::Left)],
                vec![label(lines)],
                vec![label(lines)],
                vec![label(lines)],
            ],
            keep_with_next: vec![false; 4],
        };
        let heights = [5.0; 4];
        // Two lines need about 10.3 mm: one row before the break is too little, the break moves
        // up to the row the label starts in.
        assert_eq!(grid(2).break_outside_short_runs(0, 2, &heights), 1);
        // One line needs about 6.4 mm: two rows before the break are room enough, but one row
        // after it is not.
        assert_eq!(grid(1).break_outside_short_runs(0, 3, &heights), 1);
        // A break outside the run, or a run that began on an earlier page, stays.
        assert_eq!(grid(2).break_outside_short_runs(0, 1, &heights), 1);
        assert_eq!(grid(2).break_outside_short_runs(1, 2, &heights), 2);
        // Group labels fit their column on one line.
        let t3 = table3(
            &Table::unresolved(template::spec(TableId::T3, TemplateVersion::V2021), "test"),
            TemplateVersion::V2021,
        );
        let one_line = "（三）不予公开".chars().count() as f32 * t3.size * MM_PER_PT + 2.0 * PADDING;
        assert!(t3.widths[1] >= one_line, "{} < {one_line}", t3.widths[1]);
    }
}
