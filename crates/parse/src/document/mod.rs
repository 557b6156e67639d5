//! A report from its text: every reader ends here, with the text the report's spans point into
//! (the decoded input, or what a structured document was laid out as) and, for inputs with real
//! tables, their rows.
//!
//! Sections are found by heading text ([`sections`]), metadata in the wrapper text
//! ([`metadata`]), the template version by the tables' own wording ([`detect`]); the tables are
//! read by the one table reader ([`crate::table`]) from the rows when there are any, and from
//! the sections' text otherwise. Text layouts handled (spec §8.2): tab-separated rows with empty
//! fields for merged cells and labels wrapped onto the next line; one cell per line with blank
//! lines between rows; `cell |` lines and pipe rows; traditional characters with pinyin ruby;
//! whole reports run together on one line with their cell boundaries lost.

pub(crate) mod detect;
pub(crate) mod metadata;
pub(crate) mod sections;

use crate::error::ParseError;
use crate::lines::LineIndex;
use crate::table::{self, Region, TableRow, Tables, TextRegions};
use nianbao_model::{Code, Diagnostic, Metadata, Report, Section, SectionKind, Spanned, TableId};
use nianbao_normalize::Compact;
use sections::Heading;

/// A Table 3 label that only a report has; used to tell a report without headings from other text.
const TABLE3_MARKER: &str = "本年新收政府信息公开申请数量";

/// Reads a report from text, taking its tables from `rows` when the input had real tables
/// (HTML, DOCX, Markdown: see [`crate::layout`]) and from the text itself otherwise.
pub(crate) fn read(source: &str, rows: Option<&[TableRow]>) -> Result<(Report, Vec<Diagnostic>), ParseError> {
    let lines = LineIndex::new(source);
    // Only what is searched is normalised: where headings can be, then the table sections.
    let heading_text = Compact::of_ranges(source, sections::heading_windows(source, &lines));
    let headings = sections::find(source, &heading_text, &lines);
    if headings.is_empty() && !Compact::of(source, 0..source.len()).contains(TABLE3_MARKER) {
        return Err(match sections::pre_2019_marker(&heading_text) {
            Some(marker) => ParseError::Pre2019Format {
                marker: marker.to_owned(),
            },
            None => ParseError::NoReportStructure,
        });
    }
    let mut diagnostics = Vec::new();

    let first_heading = headings.first().map_or(source.len(), |h| h.source.start);
    let body_after_headings = headings.last().map_or(0, |h| h.source.end);
    let sign_off = metadata::sign_off(source, &lines, body_after_headings);
    let title = metadata::title(source, &lines, first_heading);
    let (title_agency, title_year) = title
        .as_ref()
        .map(|t| metadata::agency_and_year(&t.value))
        .unwrap_or_default();
    let period = metadata::period(source, &lines);
    let title_span = title.as_ref().and_then(|t| t.span);
    let agency = match title_agency {
        Some(agency) => Some(Spanned {
            value: agency,
            span: title_span,
        }),
        None => sign_off.as_ref().and_then(|s| s.agency.clone()),
    };
    let year = match (title_year, &period, &sign_off) {
        (Some(year), _, _) => Some(Spanned {
            value: year,
            span: title_span,
        }),
        (None, Some(period), _) => {
            diagnostics.push(
                Diagnostic::new(Code::YearFromPeriod, "标题中没有年份，报告年度取自统计期限").at(period.span),
            );
            Some(Spanned {
                value: period.value.end.year,
                span: period.span,
            })
        }
        (None, None, Some(sign_off)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::YearFromSignOff,
                    "没有标题年份和统计期限，报告年度按落款日期的上一年推定",
                )
                .at(sign_off.date.span),
            );
            Some(Spanned::derived(sign_off.date.value.year - 1))
        }
        (None, None, None) => {
            diagnostics.push(Diagnostic::new(
                Code::YearUnknown,
                "无法确定报告年度：没有标题年份、统计期限或落款日期",
            ));
            None
        }
    };
    if title.is_none() {
        diagnostics.push(Diagnostic::new(
            Code::NoTitle,
            "没有找到“……政府信息公开工作年度报告”标题",
        ));
    }

    let end_of_body = sign_off
        .as_ref()
        .and_then(|s| s.agency.as_ref().and_then(|a| a.span).or(s.date.span))
        .map_or(source.len(), |span| span.start);
    let sections = build_sections(source, &lines, &headings, end_of_body);
    for kind in SectionKind::ALL {
        if !headings.iter().any(|h| h.kind == kind) {
            diagnostics.push(Diagnostic::new(
                Code::SectionNotFound,
                format!(
                    "没有找到第{}部分“{}”的标题",
                    kind.number(),
                    kind.canonical_heading()
                ),
            ));
        }
    }

    // Only the sections holding the tables are normalised in full.
    let table_range = tables_range(source, &headings);
    let compact = Compact::of(source, table_range);
    let mut template = detect::detect(&compact, 0..compact.text().len(), year.as_ref().map(|y| y.value));
    let preamble = metadata::preamble(source, &lines, title.as_ref(), first_heading);
    let mut metadata = Metadata {
        title,
        agency,
        year,
        period,
        sign_off,
        preamble,
        template: Default::default(),
    };
    let tables = match template.version {
        Some(version) => {
            if template.basis == nianbao_model::DetectionBasis::ReportYear {
                diagnostics.push(Diagnostic::new(
                    Code::TemplateFromYear,
                    format!("表格中没有可识别版本的表头，按报告年度推定为{}版格式", version),
                ));
            }
            let regions = TextRegions {
                table2: table_region(source, &compact, &headings, SectionKind::Proactive),
                table3: table_region(source, &compact, &headings, SectionKind::Applications),
                table4: table_region(source, &compact, &headings, SectionKind::ReviewLitigation),
            };
            let mut tables = table::read(source, &compact, &lines, version, rows, &regions);
            diagnostics.append(&mut tables.diagnostics);
            tables
        }
        None => {
            diagnostics.push(Diagnostic::new(
                Code::TemplateUnknown,
                "无法判断表格格式版本，表格未读取",
            ));
            Tables::default()
        }
    };
    let Tables {
        table2,
        table3,
        table4,
        hybrid_label,
        ..
    } = tables;
    // A hybrid by header markers is reported here; a hybrid by a row label was reported at the row.
    if template.hybrid {
        diagnostics.push(Diagnostic::new(
            Code::HybridTemplate,
            format!(
                "表格混用了两版格式：2019版标志 {:?}，2021版标志 {:?}",
                template.markers_2019, template.markers_2021
            ),
        ));
    }
    for (id, table) in [
        (TableId::T2, &table2),
        (TableId::T3, &table3),
        (TableId::T4, &table4),
    ] {
        if table.is_none() && template.version.is_some() {
            diagnostics.push(Diagnostic::new(
                Code::TableNotFound,
                format!(
                    "没有找到表{}的内容（表格可能缺失或是图片）",
                    ["二", "三", "四"][id as usize]
                ),
            ));
        }
    }
    template.hybrid |= hybrid_label;
    metadata.template = template;
    let report = Report {
        metadata,
        sections,
        table2,
        table3,
        table4,
    };
    Ok((report, diagnostics))
}

/// The sections with their original text; the last one ends before the sign-off.
fn build_sections(source: &str, lines: &LineIndex, headings: &[Heading], end_of_body: usize) -> Vec<Section> {
    headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            let end = headings
                .get(i + 1)
                .map_or(end_of_body.max(heading.source.end), |next| next.source.start);
            let raw = &source[heading.source.end..end];
            let start = heading.source.end + (raw.len() - raw.trim_start().len());
            let text = raw.trim();
            let heading_text = source[heading.source.clone()].trim().to_owned();
            Section {
                kind: heading.kind,
                heading: Spanned::new(heading_text, lines.span(heading.source.start, heading.source.end)),
                text: text.to_owned(),
                body: lines.span(start, start + text.len()),
            }
        })
        .collect()
}

/// The source from the heading of section 二 to that of section 五 (or as much of it as the
/// headings that were found allow), where the three tables are.
fn tables_range(source: &str, headings: &[Heading]) -> std::ops::Range<usize> {
    let start = headings
        .iter()
        .rfind(|h| h.kind < SectionKind::Proactive)
        .map_or(0, |h| h.source.end);
    let start = headings
        .iter()
        .find(|h| h.kind == SectionKind::Proactive)
        .map_or(start, |h| h.source.start);
    let end = headings
        .iter()
        .find(|h| h.kind >= SectionKind::Problems)
        .map_or(source.len(), |h| h.source.start);
    start..end.max(start)
}

/// Where the table of section `kind` is searched: its body, or — when its heading is missing —
/// the text between the neighbouring headings that were found.
fn table_region(source: &str, compact: &Compact, headings: &[Heading], kind: SectionKind) -> Region {
    let start = headings
        .iter()
        .rfind(|h| h.kind <= kind)
        .map_or(0, |h| h.source.end);
    let end = headings
        .iter()
        .find(|h| h.kind > kind)
        .map_or(source.len(), |h| h.source.start)
        .max(start);
    Region {
        compact: compact.position_of(start)..compact.position_of(end),
        source: start..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_model::{facts, TemplateVersion};

    fn read_text(text: &str) -> Result<(Report, Vec<Diagnostic>), ParseError> {
        read(text, None)
    }

    #[test]
    fn text_without_report_structure_is_an_error() {
        assert!(matches!(
            read_text("随便一段文字\n没有标题"),
            Err(ParseError::NoReportStructure)
        ));
        assert!(read_text("某局2017年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况").is_ok());
        assert!(matches!(
            read_text("某局2017年政府信息公开工作年度报告\n一、概述\n四、政府信息公开的收费及减免情况"),
            Err(ParseError::Pre2019Format { .. })
        ));
    }

    #[test]
    fn a_stray_number_stays_in_its_row() {
        let text = "某镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
            一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\
            二、上年结转政府信息公开申请数量\t9\t0\t0\t0\t0\t0\t0\t0\n\
            （一）予以公开\t1\t0\t0\t0\t0\t0\t1\n";
        let (report, diagnostics) = read_text(text).unwrap();
        let facts: std::collections::HashMap<String, _> = facts(&report).into_iter().collect();
        assert_eq!(
            facts["t3.granted.natural_person"],
            nianbao_model::FactValue::Integer(1)
        );
        assert_eq!(facts["t3.granted.total"], nianbao_model::FactValue::Integer(1));
        assert_eq!(
            facts["t3.carried_in.natural_person"],
            nianbao_model::FactValue::Integer(0)
        );
        assert!(diagnostics.iter().any(|d| d.code == "extra-values"));
        assert_eq!(report.metadata.template.version, Some(TemplateVersion::V2021));
    }
}
