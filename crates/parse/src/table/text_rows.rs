//! Locating rows in text: each template row's label is searched in the normalised text in
//! template order, after the previous one found; a row's values are what stands between its
//! label and the next label found (or the end of the table's region).
//!
//! Whether the source still separates cells decides how the values are read: when the whole
//! table sits on one line (its labels on one line), its cell boundaries were lost and its digit
//! runs are split; otherwise tabs, lines and `|` separate fields.

use super::fit::Layout;
use super::labels::{self, alternatives};
use super::values::delimited_fields;
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
        let rows = (0..spec.rows.len())
            .map(|index| {
                let label = labels[index].as_ref()?;
                let next_start = labels[index + 1..]
                    .iter()
                    .flatten()
                    .map(|l| l.source.start)
                    .next()
                    .unwrap_or(region.source.end);
                let values = label.source.end..next_start.max(label.source.end);
                let other_version =
                    alternatives(id, self.version, spec.rows[index].key)[label.alternative].other_version;
                Some(Found {
                    label: Some(Label {
                        printed: printed(self.source, &label.source),
                        range: label.source.clone(),
                        other_version,
                    }),
                    values: if glued {
                        Values::Glued(values)
                    } else {
                        let fields = delimited_fields(self.source, values.clone());
                        Values::Fields(fields, Layout::Lines, values)
                    },
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
