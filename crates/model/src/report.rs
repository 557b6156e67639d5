//! The report: metadata, the six sections and the three tables.

use crate::cell::Cell;
use crate::span::{Span, Spanned};
use crate::template::{self, TableId, TableSpec, TemplateVersion};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One annual report, as read from its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Title, agency, year, statistics period, sign-off and template version.
    pub metadata: Metadata,
    /// The top-level sections found, in source order.
    pub sections: Vec<Section>,
    /// Table 2 (主动公开), if found.
    pub table2: Option<Table>,
    /// Table 3 (申请), if found.
    pub table3: Option<Table>,
    /// Table 4 (复议/诉讼), if found.
    pub table4: Option<Table>,
}

impl Report {
    /// The table `id`, if the report has it.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        match id {
            TableId::T2 => self.table2.as_ref(),
            TableId::T3 => self.table3.as_ref(),
            TableId::T4 => self.table4.as_ref(),
        }
    }

    /// The section of kind `kind`, if present.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Calls `visit` on every span of the report: metadata, section headings and bodies, row
    /// labels and cells.
    pub fn for_each_span_mut(&mut self, mut visit: impl FnMut(&mut Span)) {
        let metadata = &mut self.metadata;
        let spans = [
            metadata.title.as_mut().and_then(|t| t.span.as_mut()),
            metadata.agency.as_mut().and_then(|t| t.span.as_mut()),
            metadata.year.as_mut().and_then(|t| t.span.as_mut()),
            metadata.period.as_mut().and_then(|t| t.span.as_mut()),
            metadata.preamble.as_mut().and_then(|t| t.span.as_mut()),
        ];
        spans.into_iter().flatten().for_each(&mut visit);
        if let Some(sign_off) = &mut metadata.sign_off {
            if let Some(span) = sign_off.agency.as_mut().and_then(|a| a.span.as_mut()) {
                visit(span);
            }
            if let Some(span) = sign_off.date.span.as_mut() {
                visit(span);
            }
        }
        for section in &mut self.sections {
            if let Some(span) = section.heading.span.as_mut() {
                visit(span);
            }
            visit(&mut section.body);
        }
        for table in [&mut self.table2, &mut self.table3, &mut self.table4]
            .into_iter()
            .flatten()
        {
            for row in &mut table.rows {
                if let Some(span) = row.label.as_mut().and_then(|l| l.span.as_mut()) {
                    visit(span);
                }
                for cell in &mut row.cells {
                    if let Some(span) = cell.span.as_mut() {
                        visit(span);
                    }
                }
            }
        }
    }
}

/// Facts about the report as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// The title line(s) as printed, joined when split over two lines.
    pub title: Option<Spanned<String>>,
    /// The issuing body, from the title or else the sign-off.
    pub agency: Option<Spanned<String>>,
    /// The report (data) year.
    pub year: Option<Spanned<i32>>,
    /// The statistics period stated in the text (`统计期限为…`).
    pub period: Option<Spanned<Period>>,
    /// The sign-off at the end (agency line and date).
    pub sign_off: Option<SignOff>,
    /// What stands between the title and the first section: the legal basis, the statistics
    /// period, where the report can be had, contacts. Part of the report as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<Spanned<String>>,
    /// Which template version the tables follow, and why the reader thinks so.
    pub template: TemplateInfo,
}

/// A calendar date as printed (`2023年1月13日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

impl Date {
    /// The date as a Chinese document writes it: `2024年1月20日`.
    pub fn to_chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Reads a date printed as `YYYY年M月D日` at the start of `text`; with `default_year`, the
    /// short form `M月D日` too. Returns the date and its length in bytes.
    pub fn parse_prefix(text: &str, default_year: Option<i32>) -> Option<(Date, usize)> {
        let mut pos = 0;
        let mut number = |suffix: char, max_digits: usize| -> Option<u32> {
            let rest = &text[pos..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > max_digits || !rest[digits..].starts_with(suffix) {
                return None;
            }
            let value = rest[..digits].parse().ok()?;
            pos += digits + suffix.len_utf8();
            Some(value)
        };
        let year = match number('年', 4) {
            Some(year) => i32::try_from(year).ok()?,
            None => default_year?,
        };
        let month = number('月', 2)?;
        let day = number('日', 2)?;
        ((1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1990)
            .then_some((Date { year, month, day }, pos))
    }

    /// Finds date ranges `YYYY年M月D日 [起] 至/到/— YYYY年M月D日` (the second year may be left
    /// out) in `text`: each with its byte range in `text`.
    pub fn ranges_in(text: &str) -> Vec<(Period, std::ops::Range<usize>)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(offset) = text[at..].find('年') {
            let year_end = at + offset;
            let start = year_end.saturating_sub(4);
            at = year_end + '年'.len_utf8();
            if !text.is_char_boundary(start) {
                continue;
            }
            let Some((first, len)) = Date::parse_prefix(&text[start..], None) else {
                continue;
            };
            let after = &text[start + len..];
            let skipped: usize = after
                .char_indices()
                .take_while(|&(_, c)| "起至到—－-~～ ".contains(c))
                .map(|(_, c)| c.len_utf8())
                .sum();
            if skipped == 0 || !after[..skipped].contains(['至', '到', '—', '－', '-', '~', '～']) {
                continue;
            }
            let second_at = start + len + skipped;
            if let Some((second, second_len)) = Date::parse_prefix(&text[second_at..], Some(first.year)) {
                found.push((
                    Period {
                        start: first,
                        end: second,
                    },
                    start..second_at + second_len,
                ));
                at = second_at + second_len;
            }
        }
        found
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A statistics period, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// The closing lines of a report: the agency's name and the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SignOff {
    /// The agency line above the date, if any.
    pub agency: Option<Spanned<String>>,
    /// The date.
    pub date: Spanned<Date>,
}

/// The template version and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TemplateInfo {
    /// The version the tables are read as; `None` when neither markers nor year decide.
    pub version: Option<TemplateVersion>,
    /// How the version was decided.
    pub basis: DetectionBasis,
    /// Markers of the 2019 template found in the text (header labels such as `本年新制作数量`).
    pub markers_2019: Vec<String>,
    /// Markers of the 2021 template found in the text (`本年制发件数`, `逾期不补正`, …).
    pub markers_2021: Vec<String>,
    /// Both versions' markers (or a 2019 label in 2021 tables) are present.
    pub hybrid: bool,
}

/// How the template version was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DetectionBasis {
    /// By the template's own wording in the tables.
    #[default]
    Markers,
    /// No markers: inferred from the report year.
    ReportYear,
    /// Neither markers nor a year: unknown.
    Undetermined,
}

/// The six top-level sections of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    Proactive,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    ReviewLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionKind {
    /// All six, in template order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::Applications,
        SectionKind::ReviewLitigation,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// The canonical heading, with its numeral.
    pub fn canonical_heading(self) -> &'static str {
        match self {
            SectionKind::Overview => "一、总体情况",
            SectionKind::Proactive => "二、主动公开政府信息情况",
            SectionKind::Applications => "三、收到和处理政府信息公开申请情况",
            SectionKind::ReviewLitigation => "四、政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "五、存在的主要问题及改进情况",
            SectionKind::Other => "六、其他需要报告的事项",
        }
    }

    /// 1-based position in the template.
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

/// One top-level section: its heading and its text, both as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Which of the six.
    pub kind: SectionKind,
    /// The heading as printed (numeral included).
    pub heading: Spanned<String>,
    /// The body text as printed, conversion residue included, without the heading.
    pub text: String,
    /// Where the body is in the source.
    pub body: Span,
}

/// One statistical table, laid out as in [`template`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Which table.
    pub id: TableId,
    /// Every row of the template version, in template order (rows missing from the source hold
    /// unresolved cells).
    pub rows: Vec<Row>,
}

impl Table {
    /// A table of `spec`'s shape with every cell unresolved for `reason`.
    pub fn unresolved(spec: &TableSpec, reason: &str) -> Table {
        Table {
            id: spec.id,
            rows: spec
                .rows
                .iter()
                .map(|row| Row {
                    key: row.key.to_owned(),
                    label: None,
                    cells: row.columns.iter().map(|_| Cell::unresolved(reason)).collect(),
                })
                .collect(),
        }
    }

    /// The row with key `key`.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.key == key)
    }

    /// The cell at `row`/`column` (column keys from the template), for `version`.
    pub fn cell(&self, version: TemplateVersion, row: &str, column: &str) -> Option<&Cell> {
        let spec = template::spec(self.id, version);
        let row_index = spec.row_index(row)?;
        let column_index = spec.rows[row_index]
            .columns
            .iter()
            .position(|c| c.key == column)?;
        // Rows are kept in template order; fall back to a search for tables built otherwise.
        let row = match self.rows.get(row_index) {
            Some(found) if found.key == spec.rows[row_index].key => found,
            _ => self.row(row)?,
        };
        row.cells.get(column_index)
    }
}

/// One row: its key, the label as printed, and its cells in template column order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// Row key from the template (`granted`, `denied.state_secret`, `review`).
    pub key: String,
    /// The label as printed in the source, if the row was found.
    pub label: Option<Spanned<String>>,
    /// The cells, one per template column.
    pub cells: Vec<Cell>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ranges_as_printed() {
        assert_eq!(
            Date::parse_prefix("2023年1月13日落款", None),
            Some((
                Date {
                    year: 2023,
                    month: 1,
                    day: 13
                },
                "2023年1月13日".len()
            ))
        );
        assert_eq!(
            Date::parse_prefix("12月31日", Some(2021)).map(|(d, _)| d.year),
            Some(2021)
        );
        assert!(Date::parse_prefix("12月31日", None).is_none());
        assert!(Date::parse_prefix("2023年13月1日", None).is_none());
        let text = "统计期限为2021年1月1日至12月31日。2020年1月1日至2021年12月31日，未收到申请。2022年，我镇";
        let ranges: Vec<(i32, i32)> = Date::ranges_in(text)
            .iter()
            .map(|(p, _)| (p.start.year, p.end.year))
            .collect();
        assert_eq!(ranges, [(2021, 2021), (2020, 2021)]);
        let (_, range) = &Date::ranges_in(text)[1];
        assert_eq!(&text[range.clone()], "2020年1月1日至2021年12月31日");
    }
}
