//! Locating rows in text: each template row's label is searched in the normalised text in
//! template order, after the previous one found; a row's values are what stands between its
//! label and the next label found (or the end of the table's region).
//!
//! Whether the source still separates cells decides how the values are read: when the whole
//! table sits on one line (its labels on one line), its cell boundaries were lost and its digit
//! runs are split; otherwise tabs, lines and `|` separate fields.

use super::fit::Layout;
use super::labels::{self, alternatives};
use super::values::{delimited_fields, line_slots, Field};
use super::{table_name, Found, Label, Reading, Values};
use crate::lines::LineIndex;
use nianbao_model::template::{self, TableId};
use nianbao_model::{Code, Table};
use nianbao_normalize::Compact;
use std::ops::Range;

/// Where a table is searched: a range of the normalised text and the matching source range.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    /// Range in the normalised text.
    pub(crate) compact: Range<usize>,
    /// Range in the source.
    pub(crate) source: Range<usize>,
}

/// A row label found in the text.
#[derive(Debug, Clone)]
struct FoundLabel {
    /// Range in the source, item number included.
    source: Range<usize>,
    /// Which alternative matched.
    alternative: usize,
}

impl Reading<'_> {
    /// Reads Table 2 or Table 3 from `region`; `None` when not one row label is found.
    pub(super) fn text_table(&mut self, compact: &Compact, id: TableId, region: &Region) -> Option<Table> {
        let spec = template::spec(id, self.version);
        let start = match id {
            // Table 2 may follow a paragraph of narrative: start at its first caption or header.
            TableId::T2 => ["第二十条", "信息内容"]
                .iter()
                .filter_map(|w| compact.find(w, region.compact.start))
                .filter(|&at| at < region.compact.end)
                .min()
                .unwrap_or(region.compact.start),
            _ => region.compact.start,
        };
        let mut labels = self.find_labels(compact, id, start, region.compact.end);
        // The table ends where the next one begins, even when the heading between them was not
        // recognised: a heading or the next table must never become this table's last row.
        let first_label = labels.iter().flatten().next()?.source.start;
        let next_table = next_table_markers(id)
            .iter()
            .filter_map(|marker| compact.find(marker, compact.position_of(first_label)))
            .filter(|&at| at < region.compact.end)
            .min();
        let region = match next_table {
            Some(end) => {
                labels = self.find_labels(compact, id, start, end);
                Region {
                    compact: region.compact.start..end,
                    source: region.source.start..compact.origin(end).unwrap_or(region.source.end),
                }
            }
            None => region.clone(),
        };
        let region = &region;
        let found: Vec<&FoundLabel> = labels.iter().flatten().collect();
        let (first, last) = (found.first()?, found.last()?);
        let glued = self.lines.line_of(first.source.start) == self.lines.line_of(last.source.start)
            && found.len() > 1;
        if glued {
            self.note(
                Code::GluedTable,
                format!(
                    "{}的单元格边界在文本中已丢失，数字按每行的单元格数和合计关系拆分",
                    table_name(id)
                ),
                Some(first.source.start..last.source.end),
                Vec::new(),
            );
        }
        let ranges: Vec<Option<Range<usize>>> = (0..spec.rows.len())
            .map(|index| {
                let label = labels[index].as_ref()?;
                let next_start = labels[index + 1..]
                    .iter()
                    .flatten()
                    .map(|l| l.source.start)
                    .next()
                    .unwrap_or(region.source.end);
                Some(label.source.end..next_start.max(label.source.end))
            })
            .collect();
        let slots: Vec<Option<Slots>> = ranges
            .iter()
            .zip(&labels)
            .map(|(range, label)| {
                let (range, label) = (range.as_ref()?, label.as_ref()?);
                self.slots_on_label_line(label.source.start, range)
            })
            .collect();
        let profile = SlotProfile::of(&slots, spec.rows.iter().map(|r| r.columns.len()));
        let rows = (0..spec.rows.len())
            .map(|index| {
                let label = labels[index].as_ref()?;
                let values = ranges[index].clone()?;
                let wanted = spec.rows[index].columns.len();
                let other_version =
                    alternatives(id, self.version, spec.rows[index].key)[label.alternative].other_version;
                let values = if glued {
                    Values::Glued(values)
                } else if let Some(row) = &slots[index] {
                    match profile.cells(index, row, wanted) {
                        // The table's own layout shows which slot is which cell, empty ones
                        // included.
                        Some(cells) => Values::Fields(cells, Layout::Grid, values),
                        // Otherwise the slots from the first number to the end of the line are
                        // cells: an empty slot after the last number may be a cell too.
                        None => {
                            let first = row
                                .slots
                                .iter()
                                .position(Field::is_value)
                                .unwrap_or(row.slots.len());
                            Values::Fields(row.slots[first..].to_vec(), Layout::Grid, values)
                        }
                    }
                } else {
                    let fields = delimited_fields(self.source, values.clone());
                    Values::Fields(fields, Layout::Lines, values)
                };
                Some(Found {
                    label: Some(Label {
                        printed: printed(self.source, &label.source),
                        range: label.source.clone(),
                        other_version,
                    }),
                    values,
                    by_position: false,
                })
            })
            .collect();
        Some(self.table(id, rows))
    }

    /// Finds each row's label in template order, each after the previous one found.
    fn find_labels(
        &self,
        compact: &Compact,
        id: TableId,
        mut from: usize,
        until: usize,
    ) -> Vec<Option<FoundLabel>> {
        let text = compact.text();
        let spec = template::spec(id, self.version);
        spec.rows
            .iter()
            .zip(labels::normalised(id, self.version))
            .map(|(row, words)| {
                let (start, end, alternative) = words
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| {
                        compact
                            .find_within(w, from, until)
                            .map(|at| (at, at + w.len(), i))
                    })
                    .min_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)))?;
                let start = start - labels::prefix_len(&text[..start], row.label);
                from = end;
                Some(FoundLabel {
                    source: compact.source_range(self.source, start, end),
                    alternative,
                })
            })
            .collect()
    }

    /// Reads Table 4 from `region`: its header ends with the third `总计`; one row of 15 values
    /// follows.
    pub(super) fn text_table4(&mut self, compact: &Compact, region: &Region) -> Option<Table> {
        let review = compact
            .find("行政复议", region.compact.start)
            .filter(|&at| at < region.compact.end);
        let mut from = review.unwrap_or(region.compact.start);
        let mut header_end = None;
        for _ in 0..3 {
            match compact
                .find("总计", from)
                .filter(|&at| at + "总计".len() <= region.compact.end)
            {
                Some(at) => {
                    from = at + "总计".len();
                    header_end = Some(from);
                }
                None => break,
            }
        }
        let header_end = header_end?;
        let header_source_end = compact
            .source_range(self.source, header_end - "总计".len(), header_end)
            .end;
        let header_start = compact.origin(review.unwrap_or(header_end - "总计".len()))?;
        let values = header_source_end..region.source.end;
        let glued = self.lines.line_of(header_start) == self.lines.line_of(header_source_end)
            && values_on_line(self.source, self.lines, header_source_end);
        let values = if glued {
            self.note(
                Code::GluedTable,
                "表四的单元格边界在文本中已丢失，数字按15个单元格和各组合计关系拆分".to_owned(),
                Some(header_start..header_source_end),
                Vec::new(),
            );
            Values::Glued(values)
        } else {
            let fields = delimited_fields(self.source, values.clone());
            Values::Fields(fields, Layout::Lines, values)
        };
        Some(self.table4(values))
    }
}

impl Reading<'_> {
    /// The slots of a row's line and the slot its label starts in, when the row is one line of a
    /// separated table (`\t\t4.保护第三方合法权益\t\t0\t0\t…`) and nothing after that line in
    /// its range is a number.
    fn slots_on_label_line(&self, label_start: usize, range: &Range<usize>) -> Option<Slots> {
        let line = self.lines.line_range(self.lines.line_of(range.start));
        let end = line.end.min(range.end);
        let rest = &self.source[range.start..end];
        let separator = if rest.contains('\t') {
            '\t'
        } else if rest.contains('|') {
            '|'
        } else {
            return None;
        };
        let beyond = delimited_fields(self.source, end..range.end);
        if beyond.iter().any(Field::is_value) {
            return None;
        }
        let slots = line_slots(self.source, line.start..end, separator);
        let label = slots
            .iter()
            .rposition(|slot| slot.range.start <= label_start.max(line.start))?;
        let after_label = slots[label + 1..]
            .iter()
            .all(|slot| slot.range.start >= range.start);
        after_label.then_some(Slots { slots, label })
    }
}

/// The slots of one row's line, and which of them holds its label.
struct Slots {
    slots: Vec<Field>,
    label: usize,
}

/// Where the cells stand in the rows of a separated table, learnt from the rows that have all
/// their values in a run: for rows of the same shape — as many slots on the line, the label in
/// the same slot — the slot of the first cell. A row of a known shape has its cells in the same
/// slots, also when one of them is empty and only its separators show it
/// (`…\t\t0\t0\t0\t0\t0\t0\t` with its last cell empty). A row never vouches for itself: a
/// shape is known from other rows.
struct SlotProfile {
    /// Shape → the first cell's slot and the rows showing it.
    shapes: std::collections::HashMap<Shape, (usize, Vec<usize>)>,
}

/// A row's shape: the number of slots on its line, and the slot of its label.
type Shape = (usize, usize);

impl SlotProfile {
    fn of(rows: &[Option<Slots>], wanted: impl Iterator<Item = usize>) -> SlotProfile {
        let mut shapes: std::collections::HashMap<Shape, Option<(usize, Vec<usize>)>> =
            std::collections::HashMap::new();
        for (index, (row, wanted)) in rows.iter().zip(wanted).enumerate() {
            let Some(Slots { slots, label }) = row else {
                continue;
            };
            let values: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_value()).collect();
            let (Some(&first), Some(&last)) = (values.first(), values.last()) else {
                continue;
            };
            if values.len() != wanted || last - first + 1 != wanted || first <= *label {
                continue;
            }
            let entry = shapes
                .entry((slots.len(), *label))
                .or_insert(Some((first, Vec::new())));
            match entry {
                Some((known, supporters)) if *known == first => supporters.push(index),
                // Rows of one shape that disagree: the shape says nothing.
                _ => *entry = None,
            }
        }
        SlotProfile {
            shapes: shapes
                .into_iter()
                .filter_map(|(shape, known)| known.map(|k| (shape, k)))
                .collect(),
        }
    }

    /// The `wanted` cells of row `index`, when other rows show its shape and every number of
    /// the row lies among the cells.
    fn cells(&self, index: usize, row: &Slots, wanted: usize) -> Option<Vec<Field>> {
        let (first, supporters) = self.shapes.get(&(row.slots.len(), row.label))?;
        if !supporters.iter().any(|&other| other != index) {
            return None;
        }
        let cells = row.slots.get(*first..first + wanted)?;
        let outside = row.slots[row.label + 1..*first]
            .iter()
            .chain(&row.slots[first + wanted..])
            .any(Field::is_value);
        (!outside).then(|| cells.to_vec())
    }
}

/// Words that begin the table after table `id` (normalised): its header or its first row label.
fn next_table_markers(id: TableId) -> &'static [&'static str] {
    match id {
        TableId::T2 => &["申请人情况", "本列数据的勾稽关系", "本年新收政府信息公开申请数量"],
        TableId::T3 => &["行政复议"],
        TableId::T4 => &[],
    }
}

/// Whether values follow on the same line as the header (a table run together).
fn values_on_line(source: &str, lines: &LineIndex, at: usize) -> bool {
    let line = lines.line_range(lines.line_of(at));
    source[at..line.end].chars().any(|c| c.is_ascii_digit())
}

/// The label as printed, lines joined.
fn printed(source: &str, range: &Range<usize>) -> String {
    source[range.clone()]
        .split(['\n', '\t', '|'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}
