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
        let labels = self.find_labels(compact, id, start, region.compact.end);
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
        let slots: Vec<Option<Vec<Field>>> = ranges
            .iter()
            .map(|range| range.as_ref().and_then(|range| self.slots_on_label_line(range)))
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
                } else if let Some(cells) = slots[index].as_ref().and_then(|s| profile.cells(s, wanted)) {
                    // The table's own layout shows which slot is which cell, empty ones included.
                    Values::Fields(cells, Layout::Grid, values)
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
    /// The slots after a row's label on its line, when the row is one line of a separated table
    /// (`label\t\t0\t0\t…`) and nothing after that line in its range is a number.
    fn slots_on_label_line(&self, range: &Range<usize>) -> Option<Vec<Field>> {
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
        Some(line_slots(self.source, range.start..end, separator))
    }
}

/// Where the cells stand in the rows of a separated table: for each number of slots after a
/// row's label, the slot of the first cell, learnt from the rows that have all their values in a
/// run. A row with the same number of slots has its cells in the same slots — also a row with an
/// empty cell that only its separators show (`0\t0\t…\t0\t` with its last cell empty).
struct SlotProfile {
    first_cell: std::collections::HashMap<usize, usize>,
}

impl SlotProfile {
    fn of(rows: &[Option<Vec<Field>>], wanted: impl Iterator<Item = usize>) -> SlotProfile {
        let mut seen: std::collections::HashMap<usize, Option<usize>> = std::collections::HashMap::new();
        for (slots, wanted) in rows.iter().zip(wanted) {
            let Some(slots) = slots else { continue };
            let values: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_value()).collect();
            let (Some(&first), Some(&last)) = (values.first(), values.last()) else {
                continue;
            };
            if values.len() != wanted || last - first + 1 != wanted {
                continue;
            }
            seen.entry(slots.len())
                .and_modify(|known| {
                    if *known != Some(first) {
                        *known = None;
                    }
                })
                .or_insert(Some(first));
        }
        SlotProfile {
            first_cell: seen
                .into_iter()
                .filter_map(|(count, first)| first.map(|f| (count, f)))
                .collect(),
        }
    }

    /// The `wanted` cells of a row's slots, when the profile places them and every number of the
    /// row lies among them.
    fn cells(&self, slots: &[Field], wanted: usize) -> Option<Vec<Field>> {
        let first = *self.first_cell.get(&slots.len())?;
        let cells = slots.get(first..first + wanted)?;
        let outside = slots[..first]
            .iter()
            .chain(&slots[first + wanted..])
            .any(Field::is_value);
        (!outside).then(|| cells.to_vec())
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
