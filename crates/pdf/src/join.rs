//! A ruled table continued on the next page, joined back into one table.
//!
//! Office programs break Tables 2 and 3 across pages, usually without repeating the header, and
//! may cut a row, or a merged label cell, in two. A table that is the first thing on a page
//! continues the table that was the last thing on the page before when their outer edges line
//! up. Joining them:
//!
//! 1. the column boundaries of both parts are united, and every cell is placed on them by its
//!    edges (a stray rule in one part adds a boundary, which the other part's cells span);
//! 2. leading rows that repeat the first part's header are dropped;
//! 3. a row cut by the break (its rest holds no value) is joined to the row it continues, cell by
//!    cell, and a merged label cell cut by the break (`（四）无` | `法提供`) is joined to its
//!    first part: a group label continues when its continuation does not start a new numbered
//!    label.

use crate::Cell;

/// How close two cell edges must be to be one boundary, in points.
const SNAP: f64 = 2.0;
/// How far the outer edges of two parts may differ for one to continue the other, in points.
const EDGE: f64 = 4.0;

/// Whether `next`, the first thing on its page, continues `table`, the last thing on the page
/// before: the outer edges of `next` line up with those of `table`.
pub(crate) fn continues(table: &[Vec<Cell>], next: &[Vec<Cell>]) -> bool {
    let Some(last_page) = table.iter().flatten().map(|c| c.page).max() else {
        return false;
    };
    let edges = |cells: &mut dyn Iterator<Item = &Cell>| {
        cells.fold((f64::INFINITY, f64::NEG_INFINITY), |(x0, x1), c| {
            (x0.min(c.bbox.x0), x1.max(c.bbox.x1))
        })
    };
    let (left, right) = edges(&mut table.iter().flatten());
    let (next_left, next_right) = edges(&mut next.iter().flatten());
    next.iter().flatten().all(|c| c.page == last_page + 1)
        && (left - next_left).abs() <= EDGE
        && (right - next_right).abs() <= EDGE
}

/// Appends `next`, which [`continues`] `table`, to it.
pub(crate) fn append(table: &mut Vec<Vec<Cell>>, mut next: Vec<Vec<Cell>>) {
    let boundaries = united_boundaries(table.iter().chain(&next).flatten());
    for cell in table.iter_mut().chain(next.iter_mut()).flatten() {
        let first = nearest(&boundaries, cell.bbox.x0);
        let last = nearest(&boundaries, cell.bbox.x1).max(first + 1);
        cell.column = first as u32;
        cell.colspan = (last - first) as u32;
    }
    drop_repeated_header(table, &mut next);
    if !next.is_empty() && rejoin_cut_row(table, &next[0]) {
        // A cut row's cells spanning further rows now span them from the row they continue.
        next.remove(0);
    } else if let Some(first) = next.first_mut() {
        rejoin_group_labels(table, first);
    }
    table.extend(next);
}

/// The column boundaries of `cells`, edges within [`SNAP`] of each other taken as one.
fn united_boundaries<'a>(cells: impl Iterator<Item = &'a Cell>) -> Vec<f64> {
    let mut edges: Vec<f64> = cells.flat_map(|c| [c.bbox.x0, c.bbox.x1]).collect();
    edges.sort_by(f64::total_cmp);
    let mut boundaries: Vec<(f64, usize)> = Vec::new();
    for edge in edges {
        match boundaries.last_mut() {
            Some((sum, count)) if edge - *sum / *count as f64 <= SNAP => {
                *sum += edge;
                *count += 1;
            }
            _ => boundaries.push((edge, 1)),
        }
    }
    boundaries
        .into_iter()
        .map(|(sum, count)| sum / count as f64)
        .collect()
}

/// The index of the boundary nearest to `x`.
fn nearest(boundaries: &[f64], x: f64) -> usize {
    boundaries
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// The texts of a row's cells that hold text.
fn texts(row: &[Cell]) -> Vec<&str> {
    row.iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Drops the rows at the top of `next` that repeat the header rows of `table`: rows without
/// values, each with the texts of the row of `table` at the same place.
fn drop_repeated_header(table: &[Vec<Cell>], next: &mut Vec<Vec<Cell>>) {
    let repeated = table
        .iter()
        .zip(next.iter())
        .take_while(|(header, row)| {
            !header.iter().any(|c| is_value(&c.text))
                && !texts(header).is_empty()
                && texts(header) == texts(row)
        })
        .count();
    next.drain(..repeated);
}

/// Whether `text` is a value or a placeholder standing for one, not words.
fn is_value(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,+-−—–/元万".contains(c))
}

/// The last row index a table's cells reach.
fn last_row(table: &[Vec<Cell>]) -> usize {
    table
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().map(move |c| r + c.rowspan.max(1) as usize - 1))
        .max()
        .unwrap_or(0)
}

/// The cell of `table` reaching row `last` over exactly the columns of `cell`.
fn above<'a>(table: &'a mut [Vec<Cell>], last: usize, cell: &Cell) -> Option<&'a mut Cell> {
    table
        .iter_mut()
        .enumerate()
        .flat_map(|(r, row)| row.iter_mut().map(move |c| (r, c)))
        .find(|(r, c)| {
            r + c.rowspan.max(1) as usize - 1 == last && c.column == cell.column && c.colspan == cell.colspan
        })
        .map(|(_, c)| c)
}

/// Joins `row`, the first row of a continuation, to the last row of `table` when it is the rest
/// of a row cut by the page break: it holds no value while the row it continues does, and every
/// one of its cells continues a cell of the same columns. Returns whether it was joined.
fn rejoin_cut_row(table: &mut [Vec<Cell>], row: &[Cell]) -> bool {
    let last = last_row(table);
    let last_has_values = table
        .iter()
        .enumerate()
        .flat_map(|(r, cells)| cells.iter().map(move |c| (r, c)))
        .any(|(r, c)| r + c.rowspan.max(1) as usize - 1 == last && is_value(&c.text));
    if row.iter().any(|c| is_value(&c.text)) || !last_has_values {
        return false;
    }
    if !row.iter().all(|cell| above(table, last, cell).is_some()) {
        return false;
    }
    for cell in row {
        if let Some(target) = above(table, last, cell) {
            target.text.push_str(&cell.text);
            target.rowspan += cell.rowspan.max(1) - 1;
        }
    }
    true
}

/// Joins the group labels of `row`, the first row of a continuation, to the labels they
/// continue: a label cell followed by another label in its row, under one that is followed by
/// another label in the last row of `table`, whose text is empty or does not start a new
/// numbered label.
fn rejoin_group_labels(table: &mut [Vec<Cell>], row: &mut Vec<Cell>) {
    let followed_by_label = |cells: &[Cell], cell: &Cell| {
        cells
            .iter()
            .any(|c| c.column > cell.column && !c.text.is_empty() && !is_value(&c.text))
    };
    let last = last_row(table);
    let last_cells: Vec<Cell> = table
        .iter()
        .enumerate()
        .flat_map(|(r, cells)| cells.iter().map(move |c| (r, c)))
        .filter(|(r, c)| r + c.rowspan.max(1) as usize - 1 == last)
        .map(|(_, c)| c.clone())
        .collect();
    let mut joined = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        if is_value(&cell.text) || starts_a_numbered_label(&cell.text) || !followed_by_label(row, cell) {
            continue;
        }
        let Some(target) = above(table, last, cell) else {
            continue;
        };
        if target.text.is_empty() || !followed_by_label(&last_cells, target) {
            continue;
        }
        target.text.push_str(&cell.text);
        target.rowspan += cell.rowspan.max(1);
        joined.push(i);
    }
    for i in joined.into_iter().rev() {
        row.remove(i);
    }
}

/// Whether a label or a line starts with its number (`（五）`, `三、`, `2.`, `2、`): a numbered
/// row label, or a heading or list item that starts a paragraph.
pub(crate) fn starts_a_numbered_label(text: &str) -> bool {
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = text.trim_start().chars();
    match chars.next() {
        Some('（' | '(') => chars.next().is_some_and(|c| numerals(c) || c.is_ascii_digit()),
        Some(c) if numerals(c) || c.is_ascii_digit() => {
            let rest: String = text
                .trim_start()
                .chars()
                .skip_while(|&c| numerals(c) || c.is_ascii_digit())
                .take(1)
                .collect();
            matches!(rest.as_str(), "、" | "." | "．")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BBox;

    /// A cell of one text line at columns `x0..x1` (in 10-point steps) of page `page`.
    fn cell(text: &str, x0: u32, x1: u32, rowspan: u32, page: u32) -> Cell {
        Cell {
            text: text.to_owned(),
            rowspan,
            colspan: 1,
            column: 0,
            page,
            bbox: BBox {
                x0: f64::from(x0) * 10.0,
                y0: 0.0,
                x1: f64::from(x1) * 10.0,
                y1: 10.0,
            },
        }
    }

    fn rows(table: &[Vec<Cell>]) -> Vec<String> {
        table
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| format!("{}@{}x{}+{}", c.text, c.column, c.rowspan, c.colspan))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn a_merged_label_cut_by_the_break_is_joined() {
        // Huaian 2024: `（四）无` ends page 4, `法提供` continues it on page 5.
        let mut table = vec![
            vec![
                cell("三、本年度办理结果", 0, 1, 2, 4),
                cell("（三）不予公开", 1, 2, 1, 4),
                cell("8.属于行政查询事项", 2, 3, 1, 4),
                cell("105", 3, 4, 1, 4),
            ],
            vec![
                cell("（四）无", 1, 2, 1, 4),
                cell("1.本机关不掌握相关政府信息", 2, 3, 1, 4),
                cell("746", 3, 4, 1, 4),
            ],
        ];
        let next = vec![
            vec![
                cell("", 0, 1, 2, 5),
                cell("法提供", 1, 2, 1, 5),
                cell("2.没有现成信息需要另行制作", 2, 3, 1, 5),
                cell("11", 3, 4, 1, 5),
            ],
            vec![
                cell("（五）不予处理", 1, 2, 1, 5),
                cell("1.信访举报投诉类申请", 2, 3, 1, 5),
                cell("56", 3, 4, 1, 5),
            ],
        ];
        assert!(continues(&table, &next));
        append(&mut table, next);
        assert_eq!(
            rows(&table),
            [
                "三、本年度办理结果@0x4+1 | （三）不予公开@1x1+1 | 8.属于行政查询事项@2x1+1 | 105@3x1+1",
                "（四）无法提供@1x2+1 | 1.本机关不掌握相关政府信息@2x1+1 | 746@3x1+1",
                "2.没有现成信息需要另行制作@2x1+1 | 11@3x1+1",
                "（五）不予处理@1x1+1 | 1.信访举报投诉类申请@2x1+1 | 56@3x1+1",
            ]
        );
    }

    #[test]
    fn a_new_group_at_the_top_of_a_page_stays_apart() {
        let mut table = vec![vec![
            cell("（三）不予公开", 1, 2, 1, 4),
            cell("8.属于行政查询事项", 2, 3, 1, 4),
            cell("105", 3, 4, 1, 4),
        ]];
        let next = vec![vec![
            cell("（四）无法提供", 1, 2, 1, 5),
            cell("1.本机关不掌握相关政府信息", 2, 3, 1, 5),
            cell("746", 3, 4, 1, 5),
        ]];
        append(&mut table, next);
        assert_eq!(table.len(), 2);
        assert_eq!(table[0][0].text, "（三）不予公开");
        assert_eq!(table[1][0].text, "（四）无法提供");
    }

    #[test]
    fn a_row_cut_by_the_break_is_joined_and_a_repeated_header_dropped() {
        // Pingtan 2025 printed by LibreOffice: `3.危及“三安全一` | `稳定”`.
        let mut table = vec![
            vec![cell("信息内容", 0, 2, 1, 2), cell("总计", 2, 3, 1, 2)],
            vec![
                cell("2.其他法律行政法规禁止公开", 1, 2, 1, 2),
                cell("0", 2, 3, 1, 2),
            ],
            vec![cell("3.危及“三安全一", 1, 2, 1, 2), cell("0", 2, 3, 1, 2)],
        ];
        let next = vec![
            vec![cell("信息内容", 0, 2, 1, 3), cell("总计", 2, 3, 1, 3)],
            vec![cell("稳定”", 1, 2, 1, 3), cell("", 2, 3, 1, 3)],
            vec![cell("4.保护第三方合法权益", 1, 2, 1, 3), cell("0", 2, 3, 1, 3)],
        ];
        append(&mut table, next);
        let labels: Vec<&str> = table.iter().map(|r| r[0].text.as_str()).collect();
        assert_eq!(
            labels,
            [
                "信息内容",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益"
            ]
        );
    }

    #[test]
    fn a_stray_rule_in_one_part_is_spanned_by_the_other() {
        let mut table = vec![vec![cell("规章", 0, 1, 1, 2), cell("13", 1, 3, 1, 2)]];
        let next = vec![vec![
            cell("行政许可", 0, 1, 1, 3),
            cell("0", 1, 2, 1, 3),
            cell("", 2, 3, 1, 3),
        ]];
        append(&mut table, next);
        assert_eq!(
            rows(&table),
            ["规章@0x1+1 | 13@1x1+2", "行政许可@0x1+1 | 0@1x1+1 | @2x1+1"]
        );
    }
}
