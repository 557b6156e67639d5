//! Tables drawn without rules, found by how their text lines up.
//!
//! A line is split into chunks where its glyphs stand apart by more than [`CHUNK_GAP`] (cells
//! keep their padding between them; the glyphs of a word or a number touch). A *value row* is a
//! line whose chunks end in values (numbers, amounts, placeholders) after its label. A run of
//! value rows, with the header lines just above them, is a table when its value columns line up:
//!
//! * columns are the value chunks' x-ranges, merged where they overlap; a header word standing
//!   clear of every value column (`科研机构` over a column left blank) is a column of its own;
//! * every value goes to the one column it overlaps, a column with none stays an empty cell — a
//!   blank cell keeps its place. A row with a value overlapping no column, or two, is not placed
//!   at all: it stays a line of text, for the table reader to decide from the arithmetic;
//! * a label line with no values standing closer to a value row than the rows stand to each other
//!   is that row's label wrapped; otherwise it is a row of its own (a row left blank, a caption);
//! * a header line after value rows starts a new table (the blocks of Table 2 have their own
//!   columns);
//! * rows left blank (a label standing alone in the label column) belong to the table between
//!   value rows, and after them when they are not a section heading;
//! * a part without header lines — a table continued from the page before — takes the columns of
//!   the table before it when each of its values stands in exactly one of them (the columns left
//!   blank in the part are known only from the header), so that the two parts join.
//!
//! Only text running left to right is considered.

use crate::join;
use crate::lines::{self, Line};
use crate::{BBox, Cell};

/// A gap between glyphs, in ems, that separates two chunks of a line.
const CHUNK_GAP: f64 = 0.4;
/// The largest share of the text's width a value row's label may take (Table 3's take about 40 %).
const MAX_LABEL_SHARE: f64 = 0.6;
/// The most characters a header cell of a block after the first has (`处理决定数量`); running
/// text split by a wide gap has more.
const MAX_HEADER_WORDS: usize = 20;
/// A gap between a word and a number, in ems, that separates two chunks of a line: wider than
/// glyphs of one word stand apart.
const NUMBER_GAP: f64 = 0.15;
/// How far apart, in points, two x-ranges may be and still overlap.
const SLACK: f64 = 1.0;

/// A run of glyphs of one line standing together.
#[derive(Debug, Clone)]
struct Chunk {
    text: String,
    x0: f64,
    x1: f64,
    value: bool,
}

/// How a line takes part in a table.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Label chunks, then value chunks.
    Values,
    /// Chunks only in the label area: a label (wrapped, or a row left blank) or a caption.
    Label,
    /// Other text: a header line when it stands right above value rows.
    Text,
}

/// One line with its chunks.
struct Row {
    line: Line,
    chunks: Vec<Chunk>,
    kind: Kind,
}

/// The columns of a table read by alignment: the left edge of its labels and its value columns.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    left: f64,
    spans: Vec<Span>,
}

/// What [`tables`] found on a page: the lines it left alone and the tables, each with its rows.
pub(crate) struct Found {
    pub(crate) lines: Vec<Line>,
    pub(crate) tables: Vec<Vec<Vec<Cell>>>,
}

/// Finds the tables without rules among a page's `lines` (top to bottom). `previous` holds the
/// columns of the last table found on the pages before, which a part without header lines may
/// continue; it is left holding the columns of the last table found.
pub(crate) fn tables(lines: Vec<Line>, page: u32, previous: &mut Option<Columns>) -> Found {
    let left = lines.iter().map(|l| l.bbox.x0).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.bbox.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut rows: Vec<Row> = lines.into_iter().map(|line| row(line, (left, right))).collect();
    let mut used = vec![false; rows.len()];
    let mut tables = Vec::new();
    let mut at = 0;
    while at < rows.len() {
        // Two value rows, or one under a header line (Table 4 has a single row), or one that may
        // continue the table before (checked by its columns).
        let single = at > 0 && starts_a_block(&rows, at - 1) || previous.is_some();
        if rows[at].kind != Kind::Values || count_values(&rows, at) < 2 && !single {
            at += 1;
            continue;
        }
        // The run of value rows and the lines between them that belong to the table.
        let first = at;
        let mut last = at;
        let mut next = at + 1;
        let mut edge = value_edge(&rows[at]);
        while next < rows.len() && close(&rows[next - 1], &rows[next]) {
            if rows[next].kind == Kind::Text && in_label_column(&rows[next], edge) {
                // A label of several pieces (a group label beside its item).
                rows[next].kind = Kind::Label;
            }
            match rows[next].kind {
                Kind::Values => {
                    last = next;
                    edge = edge.min(value_edge(&rows[next]));
                }
                Kind::Label => {}
                Kind::Text if starts_a_block(&rows, next) => {}
                Kind::Text => break,
            }
            next += 1;
        }
        // Rows left blank, or a label wrapped, below the last value row.
        while last + 1 < rows.len()
            && rows[last + 1].kind == Kind::Label
            && close(&rows[last], &rows[last + 1])
            && (wrapped(&rows[last], &rows[last + 1]) || blank_row(&rows[last + 1], edge))
        {
            last += 1;
        }
        // Header lines above the first value row.
        let mut start = first;
        while start > 0 && rows[start - 1].kind != Kind::Values && close(&rows[start - 1], &rows[start]) {
            let above = &rows[start - 1];
            let header_like =
                above.chunks.len() >= 2 || above.kind == Kind::Label && wrapped(above, &rows[start]);
            if !header_like || above.chunks.iter().any(|c| c.text.chars().count() > 40) {
                break;
            }
            start -= 1;
        }
        // Rows left blank at the top of a part continuing the table before.
        if let Some(continued) = previous.as_ref().filter(|_| start == first) {
            let edge = continued.spans[0].x0;
            while start > 0
                && rows[start - 1].kind == Kind::Label
                && close(&rows[start - 1], &rows[start])
                && blank_row(&rows[start - 1], edge)
            {
                start -= 1;
            }
        }
        for (from, to) in blocks(&rows, start, last) {
            if let Some((table, columns)) = table(&rows[from..=to], page, previous.as_ref()) {
                used[from..=to].iter_mut().for_each(|u| *u = true);
                tables.push(table);
                *previous = Some(columns);
            }
        }
        at = last + 1;
    }
    let lines = rows
        .into_iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(row, _)| row.line)
        .collect();
    Found { lines, tables }
}

/// How many value rows stand in the run starting at `at`.
fn count_values(rows: &[Row], at: usize) -> usize {
    let mut count = 0;
    for i in at..rows.len() {
        if i > at && !close(&rows[i - 1], &rows[i]) {
            break;
        }
        match rows[i].kind {
            Kind::Values => count += 1,
            Kind::Label => {}
            Kind::Text if starts_a_block(rows, i) => {}
            Kind::Text => break,
        }
    }
    count
}

/// Whether the text line `at` is a header line: a value row follows it.
fn starts_a_block(rows: &[Row], at: usize) -> bool {
    rows[at].chunks.len() >= 2
        && rows[at]
            .chunks
            .iter()
            .all(|c| c.text.chars().count() <= MAX_HEADER_WORDS)
        && rows
            .get(at + 1)
            .is_some_and(|next| next.kind == Kind::Values && close(&rows[at], next))
}

/// The blocks of a table region `start..=last`: a header line after value rows starts a new one.
fn blocks(rows: &[Row], start: usize, last: usize) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut from = start;
    let mut seen_values = false;
    for i in start..=last {
        match rows[i].kind {
            Kind::Values => seen_values = true,
            Kind::Text if seen_values => {
                // The block ends before this header, and before a caption just above it.
                let mut end = i - 1;
                while end > from && rows[end].kind == Kind::Label && !wrapped(&rows[end - 1], &rows[end]) {
                    end -= 1;
                }
                blocks.push((from, end));
                from = end + 1;
                seen_values = false;
            }
            _ => {}
        }
    }
    blocks.push((from, last));
    blocks
}

/// Where the values of a value row start.
fn value_edge(row: &Row) -> f64 {
    row.chunks
        .iter()
        .filter(|c| c.value)
        .map(|c| c.x0)
        .fold(f64::INFINITY, f64::min)
}

/// Whether every piece of a line stands left of the values, which start at `edge`.
fn in_label_column(row: &Row, edge: f64) -> bool {
    row.chunks.iter().all(|c| !c.value && c.x1 <= edge + SLACK)
}

/// Whether a label line is a row left blank: it stands in the label column and is not a section
/// heading (`四、…`), which ends a table.
fn blank_row(row: &Row, edge: f64) -> bool {
    let numerals = |c: char| "一二三四五六七八九十".contains(c);
    let text = row.line.text();
    let after_numeral = text.trim_start().trim_start_matches(numerals);
    let heading = after_numeral.len() < text.trim_start().len() && after_numeral.starts_with('、');
    in_label_column(row, edge) && !heading
}

/// Whether two lines stand close enough to be rows of one table.
fn close(upper: &Row, lower: &Row) -> bool {
    lower.line.bbox.y0 - upper.line.bbox.y1 < 2.5 * upper.line.size.max(lower.line.size)
}

/// Whether `lower` continues the label of `upper` (or the reverse): their baselines stand no
/// farther apart than lines of one paragraph.
fn wrapped(upper: &Row, lower: &Row) -> bool {
    let pitch = baseline(lower) - baseline(upper);
    pitch < 1.35 * upper.line.size.max(lower.line.size)
}

fn baseline(row: &Row) -> f64 {
    row.line.glyphs.first().map_or(row.line.bbox.y1, |g| g.origin.y)
}

/// A line with its chunks and kind; `text` is the left and right edge of the page's text.
fn row(line: Line, text: (f64, f64)) -> Row {
    let chunks = chunks(&line);
    let first_value = chunks.iter().position(|c| c.value);
    let kind = match first_value {
        _ if line.glyphs.iter().any(|g| g.direction != 0) => Kind::Text,
        Some(first)
            if chunks[first..].iter().all(|c| c.value)
                && (first > 0 || chunks.len() >= 2)
                && label_share(&chunks[..first], text) <= MAX_LABEL_SHARE =>
        {
            Kind::Values
        }
        None if chunks.len() == 1 => Kind::Label,
        _ => Kind::Text,
    };
    Row { line, chunks, kind }
}

/// How much of the width of the page's text (`text`: its left and right edge) a label takes: a
/// line of running text ending in a number (`…共计 95`) is words nearly to the end.
fn label_share(label: &[Chunk], (left, right): (f64, f64)) -> f64 {
    match label.last() {
        Some(last) if right > left => (last.x1 - left) / (right - left),
        _ => 0.0,
    }
}

/// A line split where its glyphs stand apart.
fn chunks(line: &Line) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    for (i, glyph) in line.glyphs.iter().enumerate() {
        let apart = i == 0 || {
            let gap = lines::gap(&line.glyphs[i - 1], glyph);
            // A number starting right after a label's last word, set apart only by the cells'
            // padding, starts a chunk when the two do not touch.
            let number_after_words =
                glyph.ch.is_ascii_digit() && !line.glyphs[i - 1].ch.is_ascii_alphanumeric();
            gap > CHUNK_GAP * line.size || number_after_words && gap > NUMBER_GAP * line.size
        };
        let bbox = lines::glyph_box(glyph);
        match chunks.last_mut() {
            Some(chunk) if !apart => {
                chunk.text.push(glyph.ch);
                chunk.x1 = chunk.x1.max(bbox.x1);
            }
            _ => chunks.push(Chunk {
                text: glyph.ch.to_string(),
                x0: bbox.x0,
                x1: bbox.x1,
                value: false,
            }),
        }
    }
    for chunk in &mut chunks {
        chunk.value = is_value(&chunk.text);
    }
    chunks
}

/// Whether a chunk is a value: a number (signed, with decimals, with its unit) or a placeholder.
fn is_value(text: &str) -> bool {
    if ["/", "／", "—", "－", "-", "无", "？", "?"].contains(&text) {
        return true;
    }
    let number = text
        .strip_suffix("万元")
        .or_else(|| text.strip_suffix('元'))
        .unwrap_or(text);
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// An x-range.
#[derive(Debug, Clone, Copy)]
struct Span {
    x0: f64,
    x1: f64,
}

impl Span {
    fn overlaps(self, x0: f64, x1: f64) -> bool {
        x0 < self.x1 + SLACK && x1 > self.x0 - SLACK
    }
}

/// The table of `rows` (header lines, value rows, labels) and its columns, if its values line up
/// in columns. A part without header lines takes the columns of `previous` when its values fit
/// them.
fn table(rows: &[Row], page: u32, previous: Option<&Columns>) -> Option<(Vec<Vec<Cell>>, Columns)> {
    let values: Vec<&Chunk> = rows
        .iter()
        .filter(|r| r.kind == Kind::Values)
        .flat_map(|r| r.chunks.iter().filter(|c| c.value))
        .collect();
    let own = merged(values.iter().map(|c| Span { x0: c.x0, x1: c.x1 }).collect());
    if own.is_empty() {
        return None;
    }
    let headed = rows.iter().any(|r| r.kind == Kind::Text);
    let continued = previous.filter(|p| !headed && fits(&own, p, rows));
    let value_rows = rows.iter().filter(|r| r.kind == Kind::Values).count();
    let (columns, left) = match continued {
        Some(previous) => (previous.spans.clone(), previous.left),
        // A single value row stands as a table under a header, or continuing the table before.
        None if value_rows < 2 && !headed => return None,
        None => {
            let columns = with_blank_columns(own, rows)?;
            let left = rows.iter().map(|r| r.line.bbox.x0).fold(f64::INFINITY, f64::min);
            (columns, left)
        }
    };
    let cells = cells(rows, page, &columns, left)?;
    Some((cells, Columns { left, spans: columns }))
}

/// Whether the value columns `own` of a part fit the columns of the table before: each stands
/// in exactly one of them, no two in the same, and every label stands left of them.
fn fits(own: &[Span], previous: &Columns, rows: &[Row]) -> bool {
    let edge = previous.spans[0].x0;
    let mut hit: Vec<usize> = Vec::new();
    for span in own {
        let overlapping: Vec<usize> = (0..previous.spans.len())
            .filter(|&k| previous.spans[k].overlaps(span.x0, span.x1))
            .collect();
        match overlapping.as_slice() {
            [k] if !hit.contains(k) => hit.push(*k),
            _ => return false,
        }
    }
    rows.iter()
        .flat_map(|r| r.chunks.iter())
        .all(|c| c.value || c.x1 <= edge + SLACK)
}

/// The value columns `columns` with the columns left blank added: header words standing clear
/// of every value column. `None` when columns overlap.
fn with_blank_columns(mut columns: Vec<Span>, rows: &[Row]) -> Option<Vec<Span>> {
    let label_edge = columns[0].x0;
    // Header words clear of every value column are columns left blank.
    let clear: Vec<Span> = rows
        .iter()
        .filter(|r| r.kind == Kind::Text)
        .flat_map(|r| r.chunks.iter())
        .filter(|c| c.x0 >= label_edge - SLACK && !columns.iter().any(|s| s.overlaps(c.x0, c.x1)))
        .map(|c| Span { x0: c.x0, x1: c.x1 })
        .collect();
    columns.extend(merged(clear));
    columns.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    if columns.windows(2).any(|w| w[0].overlaps(w[1].x0, w[1].x1)) {
        return None;
    }
    Some(columns)
}

/// The rows of cells of a table with its `columns`, its labels starting at `left`. `None` when a
/// value does not stand in exactly one column of its own.
fn cells(rows: &[Row], page: u32, columns: &[Span], left: f64) -> Option<Vec<Vec<Cell>>> {
    let label_edge = columns[0].x0;
    // A table with no text left of its values (Table 4) has no label column.
    let labelled = rows
        .iter()
        .flat_map(|r| r.chunks.iter())
        .any(|c| !c.value && c.x1 <= label_edge + SLACK);
    // Rows: a value row takes the label lines that belong to it.
    let owner = label_owners(rows, label_edge);
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.kind == Kind::Label && owner[i].is_some() {
            continue;
        }
        let mut label = String::new();
        let mut label_box = BBox::EMPTY;
        for (r, line) in rows.iter().enumerate() {
            if r == i || row.kind == Kind::Values && owner[r] == Some(i) {
                lines::join_line(&mut label, &label_text(line, label_edge));
                label_box = label_box.union(BBox {
                    x0: left,
                    x1: label_edge,
                    ..line.line.bbox
                });
            }
        }
        let mut cells = Vec::new();
        if labelled {
            cells.push(Cell {
                text: label,
                rowspan: 1,
                colspan: 1,
                column: 0,
                page,
                bbox: label_box,
            });
        }
        let first_column = u32::from(labelled);
        // Each column's text, and the header words spanning several columns.
        let mut placed: Vec<String> = vec![String::new(); columns.len()];
        let mut spanning: Vec<(usize, usize, String)> = Vec::new();
        for chunk in row.chunks.iter().filter(|c| c.x1 > label_edge + SLACK || c.value) {
            let hit: Vec<usize> = (0..columns.len())
                .filter(|&k| columns[k].overlaps(chunk.x0, chunk.x1))
                .collect();
            match (hit.as_slice(), row.kind == Kind::Values) {
                ([k], true) if placed[*k].is_empty() => placed[*k] = chunk.text.clone(),
                // A value stands in exactly one column of its own, or the row is not placed.
                (_, true) => return None,
                ([], false) => {}
                ([k], false) => placed[*k].push_str(&chunk.text),
                (many, false) => spanning.push((many[0], many[many.len() - 1], chunk.text.clone())),
            }
        }
        // Spanning words take the columns they cover, with any word standing in one of them.
        spanning.sort_by_key(|(from, _, _)| *from);
        let mut merged_spans: Vec<(usize, usize, String)> = Vec::new();
        for (from, to, text) in spanning {
            match merged_spans.last_mut() {
                Some(last) if from <= last.1 => {
                    last.1 = last.1.max(to);
                    last.2.push_str(&text);
                }
                _ => merged_spans.push((from, to, text)),
            }
        }
        let row_box = row.line.bbox;
        let mut k = 0;
        while k < columns.len() {
            if let Some((from, to, text)) = merged_spans.iter().find(|(from, _, _)| *from == k) {
                let mut text = text.clone();
                for word in &placed[*from..=*to] {
                    text.push_str(word);
                }
                cells.push(Cell {
                    text,
                    rowspan: 1,
                    colspan: (to - from + 1) as u32,
                    column: *from as u32 + first_column,
                    page,
                    bbox: BBox {
                        x0: columns[*from].x0,
                        x1: columns[*to].x1,
                        ..row_box
                    },
                });
                k = to + 1;
                continue;
            }
            cells.push(Cell {
                text: std::mem::take(&mut placed[k]),
                rowspan: 1,
                colspan: 1,
                column: k as u32 + first_column,
                page,
                bbox: BBox {
                    x0: columns[k].x0,
                    x1: columns[k].x1,
                    ..row_box
                },
            });
            k += 1;
        }
        out.push(cells);
    }
    Some(out)
}

/// The text of a row's label: its words left of the values, which start at `label_edge`.
fn label_text(row: &Row, label_edge: f64) -> String {
    let mut label = String::new();
    for chunk in row
        .chunks
        .iter()
        .filter(|c| c.x1 <= label_edge + SLACK && !c.value)
    {
        lines::join_line(&mut label, &chunk.text);
    }
    label
}

/// Which value row each label line belongs to (`None`: a row of its own, left blank).
///
/// A value row takes the label lines below it that stand as close as the lines of a paragraph,
/// up to one that starts a numbered label (`3.其他`). Above it, a value row whose label is not
/// numbered, or that has none (values set in the middle of a tall row), takes the label lines up
/// to and including one that starts a numbered label (`2.申请人逾期…`); otherwise it takes the
/// lines as close as a paragraph's (a group label beside it, a label wrapped above its values).
fn label_owners(rows: &[Row], label_edge: f64) -> Vec<Option<usize>> {
    let numbered = |row: &Row| join::starts_a_numbered_label(&label_text(row, label_edge));
    let mut owner: Vec<Option<usize>> = vec![None; rows.len()];
    for i in (0..rows.len()).filter(|&i| rows[i].kind == Kind::Values) {
        let mut below = i + 1;
        while below < rows.len()
            && rows[below].kind == Kind::Label
            && wrapped(&rows[below - 1], &rows[below])
            && !numbered(&rows[below])
        {
            owner[below] = Some(i);
            below += 1;
        }
        // Above: the lines up to the one starting the label, when the value row's own label is
        // not numbered; otherwise the lines set as close as a paragraph's.
        let mut candidates = Vec::new();
        let mut above = i;
        while above > 0
            && rows[above - 1].kind == Kind::Label
            && owner[above - 1].is_none()
            && close(&rows[above - 1], &rows[above])
            && candidates.len() < 4
        {
            above -= 1;
            candidates.push(above);
            if numbered(&rows[above]) {
                break;
            }
        }
        let starts_label = !numbered(&rows[i]) && candidates.last().is_some_and(|&c| numbered(&rows[c]));
        for (k, &line) in candidates.iter().enumerate() {
            let next = if k == 0 { i } else { candidates[k - 1] };
            if !starts_label && !wrapped(&rows[line], &rows[next]) {
                break;
            }
            owner[line] = Some(i);
        }
    }
    owner
}

/// Spans merged where they overlap, left to right.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        match out.last_mut() {
            Some(last) if last.overlaps(span.x0, span.x1) => last.x1 = last.x1.max(span.x1),
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::Glyph;
    use hayro_interpret::kurbo::Point;

    /// The glyphs of `text` set from `x` on the baseline `y`, 10 points a character (5 for
    /// ASCII).
    fn text(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|ch| {
                let advance = if ch.is_ascii() { 5.0 } else { 10.0 };
                let glyph = Glyph {
                    ch,
                    origin: Point::new(x, y),
                    size: 10.0,
                    advance,
                    direction: 0,
                };
                x += advance;
                glyph
            })
            .collect()
    }

    /// The lines of a page holding the pieces `(text, x, y)`.
    fn page(pieces: &[(&str, f64, f64)]) -> Vec<Line> {
        lines::lines(pieces.iter().flat_map(|&(t, x, y)| text(t, x, y)).collect())
    }

    fn texts(table: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        table
            .iter()
            .map(|row| row.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn values_lined_up_make_a_table_with_columns_left_blank_kept() {
        // `科研机构` heads a column no row fills; `行政许可` wraps onto a second line.
        let lines = page(&[
            ("收到和处理申请情况", 0.0, 10.0),
            ("信息内容", 0.0, 40.0),
            ("自然人", 200.0, 40.0),
            ("科研机构", 260.0, 40.0),
            ("总计", 340.0, 40.0),
            ("规章", 0.0, 60.0),
            ("3", 205.0, 60.0),
            ("3", 345.0, 60.0),
            ("行政", 0.0, 80.0),
            ("12", 205.0, 80.0),
            ("/", 345.0, 80.0),
            ("许可", 0.0, 92.0),
            ("以上为全部数据。", 0.0, 160.0),
        ]);
        let mut previous = None;
        let found = tables(lines, 1, &mut previous);
        assert_eq!(found.tables.len(), 1);
        assert_eq!(
            texts(&found.tables[0]),
            [
                vec!["信息内容", "自然人", "科研机构", "总计"],
                vec!["规章", "3", "", "3"],
                vec!["行政许可", "12", "", "/"],
            ]
        );
        let rest: Vec<String> = found.lines.iter().map(Line::text).collect();
        assert_eq!(rest, ["收到和处理申请情况", "以上为全部数据。"]);
        assert_eq!(found.tables[0][1][1].page, 1);
        assert!(previous.is_some());
    }

    #[test]
    fn a_value_standing_across_two_columns_leaves_the_lines_alone() {
        let lines = page(&[
            ("信息内容", 0.0, 40.0),
            ("自然人", 200.0, 40.0),
            ("法人", 260.0, 40.0),
            ("规章", 0.0, 60.0),
            ("3", 205.0, 60.0),
            ("4", 265.0, 60.0),
            ("规范性文件", 0.0, 80.0),
            ("1234567890123", 205.0, 80.0),
        ]);
        let found = tables(lines, 1, &mut None);
        assert!(found.tables.is_empty());
        assert_eq!(found.lines.len(), 3);
    }

    #[test]
    fn a_part_without_header_takes_the_columns_before_and_its_blank_rows() {
        let first = page(&[
            ("项目", 0.0, 40.0),
            ("自然人", 200.0, 40.0),
            ("商业企业", 260.0, 40.0),
            ("科研机构", 320.0, 40.0),
            ("1.属于国家秘密", 0.0, 60.0),
            ("14", 205.0, 60.0),
            ("2", 265.0, 60.0),
            ("2.其他法律行政法规禁止公开", 0.0, 80.0),
        ]);
        let mut previous = None;
        let first = tables(first, 4, &mut previous);
        assert_eq!(
            texts(&first.tables[0])[2],
            ["2.其他法律行政法规禁止公开", "", "", ""]
        );
        // The next page: a row left blank, then values in the first and third columns only.
        let next = page(&[
            ("3.危及“三安全一稳定”", 0.0, 40.0),
            ("4.保护第三方合法权益", 0.0, 60.0),
            ("5", 205.0, 60.0),
            ("1", 325.0, 60.0),
            ("四、政府信息公开行政复议、行政诉讼情况", 0.0, 80.0),
        ]);
        let next = tables(next, 5, &mut previous);
        assert_eq!(
            texts(&next.tables[0]),
            [
                vec!["3.危及“三安全一稳定”", "", "", ""],
                vec!["4.保护第三方合法权益", "5", "", "1"],
            ]
        );
        let rest: Vec<String> = next.lines.iter().map(Line::text).collect();
        assert_eq!(rest, ["四、政府信息公开行政复议、行政诉讼情况"]);
        assert!(join::continues(&first.tables[0], &next.tables[0]));
    }

    #[test]
    fn running_text_ending_in_numbers_stays_text() {
        // Justified lines of a paragraph, each with a wide gap before a number at the margin.
        let lines = page(&[
            (
                "答复三千零五十件，均在法定期限内予以答复。政府信息公开行政复议",
                0.0,
                40.0,
            ),
            ("351", 380.0, 40.0),
            (
                "件，其中结果维持七十二件，结果纠正六十四件，其他结果一百七十八",
                0.0,
                58.0,
            ),
            ("25", 385.0, 58.0),
            (
                "表述不规范等新老问题。截至目前，全市在运维政务新媒体共计",
                0.0,
                76.0,
            ),
            ("95", 385.0, 76.0),
        ]);
        let found = tables(lines, 1, &mut None);
        assert!(found.tables.is_empty());
        assert_eq!(found.lines.len(), 3);
    }
}
