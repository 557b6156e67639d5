//! Ruled tables: the rules of a page grouped into grids.
//!
//! Rules are snapped and merged (collinear pieces across small gaps); each connected set of
//! crossing rules is a table; its rule positions, clustered, are the column and row boundaries.
//! An inner boundary counts for a cell when rules cover most of the cell's side; a cell whose
//! side is not drawn merges with its neighbour (a row or column span). A 1×1 "table" is a text
//! box, not a table.

use crate::collect::Segment;
use crate::BBox;

/// How close two rule positions must be to be one boundary, in points.
const SNAP: f64 = 2.0;
/// How far a rule may stop short of a crossing rule and still touch it.
const REACH: f64 = 3.0;
/// How much of a cell's side rules must cover for the side to be drawn.
const COVERED: f64 = 0.6;
/// Most rules a page's tables are built from (pairs are compared).
const MAX_SEGMENTS: usize = 5_000;

/// A table's grid: its boundaries, and its cells as rectangles of grid slots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, left to right.
    pub(crate) xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    pub(crate) ys: Vec<f64>,
    /// The cells in row-major order of their top-left slot.
    pub(crate) cells: Vec<GridCell>,
}

/// One cell: its first row and column, and how many it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GridCell {
    pub(crate) row: usize,
    pub(crate) column: usize,
    pub(crate) rowspan: usize,
    pub(crate) colspan: usize,
}

impl Grid {
    /// The outline of a cell.
    pub(crate) fn cell_box(&self, cell: &GridCell) -> BBox {
        BBox {
            x0: self.xs[cell.column],
            y0: self.ys[cell.row],
            x1: self.xs[cell.column + cell.colspan],
            y1: self.ys[cell.row + cell.rowspan],
        }
    }

    /// The index of the cell holding a point, if the grid holds it.
    pub(crate) fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let column = slot(&self.xs, x)?;
        let row = slot(&self.ys, y)?;
        self.cells.iter().position(|c| {
            (c.row..c.row + c.rowspan).contains(&row) && (c.column..c.column + c.colspan).contains(&column)
        })
    }
}

/// The slot between two boundaries holding `v`.
fn slot(boundaries: &[f64], v: f64) -> Option<usize> {
    if v < boundaries[0] || v > boundaries[boundaries.len() - 1] {
        return None;
    }
    Some(
        boundaries
            .partition_point(|&b| b <= v)
            .saturating_sub(1)
            .min(boundaries.len() - 2),
    )
}

/// The grids the rules of a page draw.
pub(crate) fn grids(segments: &[Segment]) -> Vec<Grid> {
    let merged = merge(segments);
    if merged.len() > MAX_SEGMENTS {
        return Vec::new();
    }
    // Connected sets of crossing rules.
    let mut sets = UnionFind::new(merged.len());
    for (i, a) in merged.iter().enumerate() {
        for (j, b) in merged.iter().enumerate().skip(i + 1) {
            if a.horizontal != b.horizontal && touch(a, b) {
                sets.union(i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Segment>> = std::collections::BTreeMap::new();
    for (i, segment) in merged.iter().enumerate() {
        groups.entry(sets.find(i)).or_default().push(*segment);
    }
    let mut grids: Vec<Grid> = groups.into_values().filter_map(|rules| grid(&rules)).collect();
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    grids
}

/// Whether a horizontal and a vertical rule cross or touch.
fn touch(a: &Segment, b: &Segment) -> bool {
    let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
    v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH
}

/// Rules snapped to common positions, collinear pieces across small gaps joined.
fn merge(segments: &[Segment]) -> Vec<Segment> {
    let mut out = Vec::new();
    for horizontal in [true, false] {
        let mut rules: Vec<Segment> = segments
            .iter()
            .filter(|s| s.horizontal == horizontal)
            .copied()
            .collect();
        rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
        for line in cluster(&rules, |s| s.at) {
            let at = line.iter().map(|s| s.at).sum::<f64>() / line.len() as f64;
            let mut pieces: Vec<(f64, f64)> = line.iter().map(|s| (s.from, s.to)).collect();
            pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut current = pieces[0];
            for &(from, to) in &pieces[1..] {
                if from <= current.1 + SNAP {
                    current.1 = current.1.max(to);
                } else {
                    out.push(Segment {
                        horizontal,
                        at,
                        from: current.0,
                        to: current.1,
                    });
                    current = (from, to);
                }
            }
            out.push(Segment {
                horizontal,
                at,
                from: current.0,
                to: current.1,
            });
        }
    }
    out
}

/// Runs of items (sorted by `key`) whose keys are within [`SNAP`] of the previous one.
fn cluster<T: Copy>(items: &[T], key: impl Fn(&T) -> f64) -> Vec<Vec<T>> {
    let mut clusters: Vec<Vec<T>> = Vec::new();
    for item in items {
        match clusters.last_mut() {
            Some(last) if key(item) - key(&last[last.len() - 1]) <= SNAP => last.push(*item),
            _ => clusters.push(vec![*item]),
        }
    }
    clusters
}

/// The grid of one connected set of rules, if it has at least two boundaries each way and more
/// than one cell.
fn grid(rules: &[Segment]) -> Option<Grid> {
    let positions = |horizontal: bool| -> Vec<f64> {
        let mut at: Vec<f64> = rules
            .iter()
            .filter(|s| s.horizontal == horizontal)
            .map(|s| s.at)
            .collect();
        at.sort_by(f64::total_cmp);
        cluster(&at, |v| *v)
            .into_iter()
            .map(|c| c.iter().sum::<f64>() / c.len() as f64)
            .collect()
    };
    let (ys, xs) = (positions(true), positions(false));
    if xs.len() < 2 || ys.len() < 2 || (xs.len() == 2 && ys.len() == 2) {
        return None;
    }
    let (rows, columns) = (ys.len() - 1, xs.len() - 1);
    // Whether the rules along `at` cover most of `from..to`.
    let covered = |horizontal: bool, at: f64, from: f64, to: f64| -> bool {
        let length: f64 = rules
            .iter()
            .filter(|s| s.horizontal == horizontal && (s.at - at).abs() <= SNAP)
            .map(|s| (s.to.min(to) - s.from.max(from)).max(0.0))
            .sum();
        length >= COVERED * (to - from)
    };
    let mut slots = UnionFind::new(rows * columns);
    for row in 0..rows {
        for column in 0..columns {
            if column + 1 < columns && !covered(false, xs[column + 1], ys[row], ys[row + 1]) {
                slots.union(row * columns + column, row * columns + column + 1);
            }
            if row + 1 < rows && !covered(true, ys[row + 1], xs[column], xs[column + 1]) {
                slots.union(row * columns + column, (row + 1) * columns + column);
            }
        }
    }
    let mut extent: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        std::collections::BTreeMap::new();
    for row in 0..rows {
        for column in 0..columns {
            let root = slots.find(row * columns + column);
            let e = extent.entry(root).or_insert((row, column, row, column));
            e.0 = e.0.min(row);
            e.1 = e.1.min(column);
            e.2 = e.2.max(row);
            e.3 = e.3.max(column);
        }
    }
    let mut cells: Vec<GridCell> = extent
        .into_values()
        .map(|(r0, c0, r1, c1)| GridCell {
            row: r0,
            column: c0,
            rowspan: r1 - r0 + 1,
            colspan: c1 - c0 + 1,
        })
        .collect();
    if cells.len() < 2 {
        return None;
    }
    cells.sort_by_key(|c| (c.row, c.column));
    Some(Grid { xs, ys, cells })
}

/// Disjoint sets of indices.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, from: f64, to: f64) -> Segment {
        Segment {
            horizontal: true,
            at,
            from,
            to,
        }
    }

    fn v(at: f64, from: f64, to: f64) -> Segment {
        Segment {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn a_ruled_grid_with_a_merged_cell() {
        // Two rows, three columns; the first column's middle rule is missing: one cell spans
        // both rows. A rule drawn in two pieces is one rule.
        let rules = vec![
            h(0.0, 0.0, 150.0),
            h(20.0, 50.0, 100.0),
            h(20.2, 100.0, 150.0),
            h(40.0, 0.0, 150.0),
            v(0.0, 0.0, 40.0),
            v(50.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(150.0, 0.0, 40.0),
        ];
        let grids = grids(&rules);
        assert_eq!(grids.len(), 1);
        let grid = &grids[0];
        assert_eq!(grid.xs.len(), 4);
        assert_eq!(grid.ys.len(), 3);
        assert_eq!(
            grid.cells[0],
            GridCell {
                row: 0,
                column: 0,
                rowspan: 2,
                colspan: 1
            }
        );
        assert_eq!(grid.cells.len(), 5);
        assert_eq!(grid.cell_at(10.0, 30.0), Some(0));
        assert_eq!(grid.cell_at(120.0, 30.0), Some(4));
        assert_eq!(grid.cell_at(200.0, 30.0), None);
    }

    #[test]
    fn a_box_is_not_a_table_and_apart_rules_are_apart_tables() {
        let boxed = vec![
            h(0.0, 0.0, 100.0),
            h(20.0, 0.0, 100.0),
            v(0.0, 0.0, 20.0),
            v(100.0, 0.0, 20.0),
        ];
        assert!(grids(&boxed).is_empty());
        let mut two = Vec::new();
        for top in [0.0, 200.0] {
            two.extend([
                h(top, 0.0, 100.0),
                h(top + 20.0, 0.0, 100.0),
                h(top + 40.0, 0.0, 100.0),
                v(0.0, top, top + 40.0),
                v(100.0, top, top + 40.0),
            ]);
        }
        let grids = grids(&two);
        assert_eq!(grids.len(), 2);
        assert!(grids[0].ys[0] < grids[1].ys[0]);
    }
}
