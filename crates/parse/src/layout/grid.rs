//! Dense grids: a table as its document declares it (rows of cells with row and column spans)
//! turned into the slots a reader sees, so every row knows which cells cover it.
//!
//! Placement follows the HTML table model: each cell takes the first column of its row that no
//! cell from an earlier row still covers, unless its document placed it explicitly (DOCX cells
//! sit at known grid columns). A row span never reaches past the last row; `rowspan="0"` covers
//! the rest of the table.

use super::SourceCell;

/// Most slots a table may have; a table past this is hostile or broken, not a report.
pub(crate) const MAX_SLOTS: usize = 1 << 20;

/// Most columns a cell may span (the HTML limit).
const MAX_COLSPAN: u32 = 1000;

/// A table placed on its grid.
#[derive(Debug)]
pub(crate) struct Grid {
    width: usize,
    /// Row-major: the cell covering each slot, as an index into the table's cells in document
    /// order.
    slots: Vec<Option<u32>>,
    /// The first row of every cell.
    first_rows: Vec<usize>,
}

/// One cell as one row sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Covering {
    /// The cell, as an index into the table's cells in document order.
    pub(crate) cell: usize,
    /// Whether the cell starts in this row (`false`: it reaches down from a row above).
    pub(crate) origin: bool,
}

/// Why a table cannot be placed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooLarge {
    /// How many slots the table would need.
    pub(crate) slots: usize,
}

impl Grid {
    /// Places `rows` on a grid.
    pub(crate) fn build(rows: &[Vec<SourceCell>]) -> Result<Grid, TooLarge> {
        let height = rows.len();
        let mut grid = Grid {
            width: 0,
            slots: Vec::new(),
            first_rows: Vec::new(),
        };
        let mut cell_index = 0u32;
        for (r, row) in rows.iter().enumerate() {
            let mut column = 0usize;
            for cell in row {
                if let Some(explicit) = cell.column {
                    column = column.max(explicit as usize);
                }
                while grid.get(r, column).is_some() {
                    column += 1;
                }
                let span_rows = match cell.rowspan {
                    0 => height - r,
                    n => (n as usize).min(height - r),
                };
                let span_columns = cell.colspan.clamp(1, MAX_COLSPAN) as usize;
                let needed_width = grid.width.max(column + span_columns);
                if needed_width.saturating_mul(height) > MAX_SLOTS {
                    return Err(TooLarge {
                        slots: needed_width.saturating_mul(height),
                    });
                }
                grid.widen(needed_width, height);
                for covered_row in r..r + span_rows {
                    for covered_column in column..column + span_columns {
                        grid.slots[covered_row * grid.width + covered_column] = Some(cell_index);
                    }
                }
                grid.first_rows.push(r);
                cell_index += 1;
                column += span_columns;
            }
        }
        Ok(grid)
    }

    fn get(&self, row: usize, column: usize) -> Option<u32> {
        if column >= self.width {
            return None;
        }
        self.slots.get(row * self.width + column).copied().flatten()
    }

    fn widen(&mut self, width: usize, height: usize) {
        if width == self.width && self.slots.len() == width * height {
            return;
        }
        let mut slots = vec![None; width * height];
        for row in 0..self.slots.len().checked_div(self.width).unwrap_or(0) {
            let old = &self.slots[row * self.width..(row + 1) * self.width];
            slots[row * width..row * width + self.width].copy_from_slice(old);
        }
        self.slots = slots;
        self.width = width;
    }

    /// Number of columns.
    #[cfg(test)]
    fn width(&self) -> usize {
        self.width
    }

    /// The cells covering row `row`, left to right, each once.
    pub(crate) fn row(&self, row: usize) -> Vec<Covering> {
        let mut cells: Vec<Covering> = Vec::new();
        if self.width == 0 {
            return cells;
        }
        for slot in &self.slots[row * self.width..(row + 1) * self.width] {
            if let Some(cell) = slot.map(|c| c as usize) {
                if cells.iter().all(|c| c.cell != cell) {
                    cells.push(Covering {
                        cell,
                        origin: self.first_rows[cell] == row,
                    });
                }
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(rowspan: u32, colspan: u32) -> SourceCell {
        SourceCell::new(String::new(), rowspan, colspan)
    }

    #[test]
    fn spans_push_later_cells_right() {
        // | A (2 rows) | B (2 cols) |
        // |            | C | D      |
        let rows = vec![vec![cell(2, 1), cell(1, 2)], vec![cell(1, 1), cell(1, 1)]];
        let grid = Grid::build(&rows).unwrap();
        assert_eq!(grid.width(), 3);
        assert_eq!(
            grid.row(1),
            [
                Covering {
                    cell: 0,
                    origin: false
                },
                Covering {
                    cell: 2,
                    origin: true
                },
                Covering {
                    cell: 3,
                    origin: true
                },
            ]
        );
    }

    #[test]
    fn row_spans_stop_at_the_last_row_and_zero_means_the_rest() {
        let rows = vec![vec![cell(0, 1), cell(9, 1)], vec![cell(1, 1)]];
        let grid = Grid::build(&rows).unwrap();
        assert_eq!(grid.width(), 3);
        assert_eq!(grid.row(1).len(), 3);
        assert!(grid.row(1)[..2].iter().all(|c| !c.origin));
    }

    #[test]
    fn explicit_columns_leave_gaps() {
        let mut placed = cell(1, 1);
        placed.column = Some(2);
        let grid = Grid::build(&[vec![placed]]).unwrap();
        assert_eq!(grid.width(), 3);
        assert_eq!(
            grid.row(0),
            [Covering {
                cell: 0,
                origin: true
            }]
        );
    }

    #[test]
    fn hostile_spans_are_refused() {
        let rows: Vec<Vec<SourceCell>> = (0..2000).map(|_| vec![cell(1, 1000)]).collect();
        assert!(Grid::build(&rows).is_err());
    }
}
