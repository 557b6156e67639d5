//! Aggregation: a county's (or city's, province's) own tables are the sums of its constituents'.
//!
//! [`aggregate`] sums Tables 2, 3 and 4 cell by cell across reports of one template version and
//! one year (it refuses to mix them, naming the report that differs). Amounts are summed exactly
//! in decimal; signed changes keep their sign; a number printed with a unit sums only with numbers
//! of the same unit. Blank cells and placeholders count as 0, as everywhere in nianbao (spec
//! §5.5), and every constituent that had some is named in a diagnostic; a cell that is blank in
//! every constituent stays blank. A cell that cannot be summed — not read by the reader, text, or
//! units that differ — is unresolved in the aggregate, with a diagnostic naming the reports. The
//! aggregate lists its constituents (file, agency, year, hash) and has no narrative sections.

use nianbao_model::template::{self, TableId, TemplateVersion};
use nianbao_model::{
    Cell, CellValue, Code, Constituent, DetectionBasis, Diagnostic, Document, InputKind, Metadata, Number,
    Report, Row, SourceInfo, Spanned, Table, TemplateInfo,
};
use std::collections::BTreeMap;

/// Why reports cannot be aggregated.
#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    /// Nothing to aggregate.
    #[error("没有要汇总的报告")]
    Empty,
    /// A report whose template version is unknown.
    #[error("{file}：无法判断表格格式版本，不能汇总")]
    NoVersion {
        /// The report.
        file: String,
    },
    /// A report whose year is unknown.
    #[error("{file}：无法确定报告年度，不能汇总")]
    NoYear {
        /// The report.
        file: String,
    },
    /// Reports of different template versions.
    #[error("{file} 使用{found}版表格，而 {first} 使用{expected}版：不同格式版本的报告不能汇总")]
    MixedVersions {
        /// The report that differs.
        file: String,
        /// Its version.
        found: TemplateVersion,
        /// The first report.
        first: String,
        /// The first report's version.
        expected: TemplateVersion,
    },
    /// The same file given twice (same SHA-256 of its bytes).
    #[error("{file} 与 {first} 是同一份文件（内容完全相同），汇总会把它算两次：请去掉其中一个")]
    SameFile {
        /// The second occurrence.
        file: String,
        /// The first.
        first: String,
    },
    /// Two reports of one agency for one year.
    #[error("{file} 与 {first} 都是{agency} {year} 年度的报告，汇总会把这个机关算两次：请只保留一份")]
    SameReport {
        /// The second report.
        file: String,
        /// The first.
        first: String,
        /// Their agency.
        agency: String,
        /// Their year.
        year: i32,
    },
    /// Reports of different years.
    #[error("{file} 是 {found} 年度报告，而 {first} 是 {expected} 年度：不同年度的报告不能汇总")]
    MixedYears {
        /// The report that differs.
        file: String,
        /// Its year.
        found: i32,
        /// The first report.
        first: String,
        /// The first report's year.
        expected: i32,
    },
}

/// One report to sum, with the name it is listed under.
pub struct Input<'a> {
    /// The report's file, as given.
    pub file: &'a str,
    /// The report.
    pub document: &'a Document,
}

/// Sums `inputs` into one report for `agency` (the aggregating body, named in the title).
///
/// # Errors
/// [`AggregateError`] when there are no inputs, or they differ in template version or year, or
/// one lacks either.
pub fn aggregate(inputs: &[Input], agency: &str) -> Result<Document, AggregateError> {
    let first = inputs.first().ok_or(AggregateError::Empty)?;
    let version_of = |input: &Input| {
        input
            .document
            .report
            .metadata
            .template
            .version
            .ok_or_else(|| AggregateError::NoVersion {
                file: input.file.to_owned(),
            })
    };
    let year_of = |input: &Input| {
        input
            .document
            .report
            .metadata
            .year
            .as_ref()
            .map(|y| y.value)
            .ok_or_else(|| AggregateError::NoYear {
                file: input.file.to_owned(),
            })
    };
    let (version, year) = (version_of(first)?, year_of(first)?);
    // No constituent counted twice: not the same bytes, nor one agency's report for the year twice.
    for (at, input) in inputs.iter().enumerate() {
        for earlier in &inputs[..at] {
            let (this, that) = (&input.document.source, &earlier.document.source);
            if this.sha256.is_some() && this.sha256 == that.sha256 {
                return Err(AggregateError::SameFile {
                    file: input.file.to_owned(),
                    first: earlier.file.to_owned(),
                });
            }
            let agency_of = |input: &Input| {
                input
                    .document
                    .report
                    .metadata
                    .agency
                    .as_ref()
                    .map(|a| a.value.clone())
            };
            let agency = agency_of(input);
            let same_agency = agency.is_some() && agency == agency_of(earlier);
            if let (true, Ok(year), Some(agency)) = (same_agency, year_of(input), agency) {
                if year_of(earlier).ok() == Some(year) {
                    return Err(AggregateError::SameReport {
                        file: input.file.to_owned(),
                        first: earlier.file.to_owned(),
                        agency,
                        year,
                    });
                }
            }
        }
    }
    for input in &inputs[1..] {
        let found = version_of(input)?;
        if found != version {
            return Err(AggregateError::MixedVersions {
                file: input.file.to_owned(),
                found,
                first: first.file.to_owned(),
                expected: version,
            });
        }
        let found = year_of(input)?;
        if found != year {
            return Err(AggregateError::MixedYears {
                file: input.file.to_owned(),
                found,
                first: first.file.to_owned(),
                expected: year,
            });
        }
    }

    let mut diagnostics = Vec::new();
    let mut blanks: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut tables = Vec::new();
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        let spec = template::spec(id, version);
        let mut rows = Vec::new();
        for row in spec.rows {
            let mut cells = Vec::new();
            for column in row.columns {
                let key = template::fact_key(id, row.key, column.key);
                let values: Vec<(&str, Option<&CellValue>)> = inputs
                    .iter()
                    .map(|input| {
                        let value = input
                            .document
                            .report
                            .table(id)
                            .and_then(|t| t.cell(version, row.key, column.key))
                            .map(|c| &c.value);
                        (input.file, value)
                    })
                    .collect();
                for (file, value) in &values {
                    if matches!(value, Some(CellValue::Blank | CellValue::Placeholder { .. })) {
                        blanks.entry(file).or_default().push(key.clone());
                    }
                }
                let value = match sum(&values) {
                    Ok(value) => value,
                    Err(files) => {
                        diagnostics.push(
                            Diagnostic::new(
                                Code::AggregateUnresolved,
                                format!(
                                    "{key} 无法汇总：{} 的该单元格未能读取、不是数字或单位不同",
                                    files.join("、")
                                ),
                            )
                            .with_facts(vec![key.clone()]),
                        );
                        CellValue::Unresolved {
                            reason: format!("无法汇总：{}", files.join("、")),
                        }
                    }
                };
                cells.push(Cell { value, span: None });
            }
            rows.push(Row {
                key: row.key.to_owned(),
                label: None,
                cells,
            });
        }
        tables.push(Table { id, rows });
    }
    for (file, keys) in blanks {
        diagnostics.push(
            Diagnostic::new(
                Code::AggregateBlank,
                format!("{file} 有 {} 个空白或占位单元格，汇总时按 0 计", keys.len()),
            )
            .with_facts(keys),
        );
    }
    let mut tables = tables.into_iter();
    let report = Report {
        metadata: Metadata {
            title: Some(Spanned::derived(format!(
                "{agency}{year}年政府信息公开工作年度报告（汇总）"
            ))),
            agency: Some(Spanned::derived(agency.to_owned())),
            year: Some(Spanned::derived(year)),
            period: None,
            sign_off: None,
            preamble: None,
            template: TemplateInfo {
                version: Some(version),
                basis: DetectionBasis::Markers,
                markers_2019: Vec::new(),
                markers_2021: Vec::new(),
                hybrid: inputs.iter().any(|i| i.document.report.metadata.template.hybrid),
            },
        },
        sections: Vec::new(),
        table2: tables.next(),
        table3: tables.next(),
        table4: tables.next(),
    };
    Ok(Document {
        source: SourceInfo {
            file: format!("汇总（{} 份报告）", inputs.len()),
            kind: InputKind::Aggregate,
            encoding: "UTF-8".to_owned(),
            bom: false,
            sha256: None,
        },
        report,
        diagnostics,
        findings: Vec::new(),
        pages: nianbao_model::PageMap::default(),
        constituents: inputs
            .iter()
            .map(|i| Constituent {
                file: i.file.to_owned(),
                agency: i
                    .document
                    .report
                    .metadata
                    .agency
                    .as_ref()
                    .map(|a| a.value.clone()),
                year: i.document.report.metadata.year.as_ref().map(|y| y.value),
                sha256: i.document.source.sha256.clone(),
            })
            .collect(),
    })
}

/// The sum of one cell across the reports, or the files whose cell makes it impossible.
fn sum(values: &[(&str, Option<&CellValue>)]) -> Result<CellValue, Vec<String>> {
    let mut total = Decimal::default();
    let mut unit: Option<&str> = None;
    let mut bare_nonzero = false;
    let mut printed_any = false;
    let mut problems = Vec::new();
    for (file, value) in values {
        match value {
            Some(CellValue::Number { number }) => {
                let d = Decimal::of(number);
                bare_nonzero |= !d.is_zero();
                total = total.add(d);
                printed_any = true;
            }
            Some(CellValue::Quantity { number, unit: u }) => {
                match unit {
                    Some(existing) if existing != u => problems.push((*file).to_owned()),
                    _ => unit = Some(u),
                }
                total = total.add(Decimal::of(number));
                printed_any = true;
            }
            Some(CellValue::Blank | CellValue::Placeholder { .. }) => {}
            Some(CellValue::Text { .. } | CellValue::Unresolved { .. }) | None => {
                problems.push((*file).to_owned())
            }
        }
    }
    if unit.is_some() && bare_nonzero {
        problems.extend(
            values
                .iter()
                .filter(|(_, v)| matches!(v, Some(CellValue::Number { .. })))
                .map(|(f, _)| (*f).to_owned()),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if !printed_any {
        return Ok(CellValue::Blank);
    }
    let number = total.number();
    Ok(match unit {
        Some(unit) => CellValue::Quantity {
            number,
            unit: unit.to_owned(),
        },
        None => CellValue::Number { number },
    })
}

/// An exact decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    fn of(number: &Number) -> Decimal {
        let printed = number.printed();
        let negative = printed.starts_with('-');
        let unsigned = printed.trim_start_matches(['+', '-']);
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits: String = format!("{int}{frac}");
        let magnitude: i128 = digits.parse().unwrap_or(0);
        Decimal {
            mantissa: if negative { -magnitude } else { magnitude },
            scale: frac.len() as u32,
        }
    }

    fn rescale(self, scale: u32) -> i128 {
        self.mantissa * 10i128.pow(scale - self.scale)
    }

    fn add(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal {
            mantissa: self.rescale(scale) + other.rescale(scale),
            scale,
        }
    }

    fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    fn number(self) -> Number {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let magnitude = self.mantissa.unsigned_abs().to_string();
        let text = if self.scale == 0 {
            format!("{sign}{magnitude}")
        } else {
            let scale = self.scale as usize;
            let padded = format!("{magnitude:0>width$}", width = scale + 1);
            let (int, frac) = padded.split_at(padded.len() - scale);
            format!("{sign}{int}.{frac}")
        };
        Number::parse(&text).unwrap_or_else(|| unreachable_number(&text))
    }
}

/// Formatting a decimal always yields a valid number; this is never reached.
fn unreachable_number(text: &str) -> Number {
    Number::parse("0").unwrap_or_else(|| panic!("{text} and 0 are numbers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> CellValue {
        CellValue::Number {
            number: Number::parse(s).expect("number"),
        }
    }

    #[test]
    fn sums_exactly() {
        let values = [
            ("a", Some(&number("24252.311082"))),
            ("b", Some(&number("4166.24"))),
            ("c", Some(&number("0"))),
        ];
        assert_eq!(sum(&values), Ok(number("28418.551082")));
        let signed = [("a", Some(&number("-18"))), ("b", Some(&number("+2")))];
        assert_eq!(sum(&signed), Ok(number("-16")));
        let small = [("a", Some(&number("0.1"))), ("b", Some(&number("0.2")))];
        assert_eq!(sum(&small), Ok(number("0.3")));
    }

    #[test]
    fn blanks_count_zero_and_unknowns_are_named() {
        let blank = CellValue::Blank;
        let slash = CellValue::Placeholder { text: "/".into() };
        assert_eq!(
            sum(&[("a", Some(&blank)), ("b", Some(&number("3")))]),
            Ok(number("3"))
        );
        assert_eq!(
            sum(&[("a", Some(&blank)), ("b", Some(&slash))]),
            Ok(CellValue::Blank)
        );
        let unresolved = CellValue::Unresolved { reason: "x".into() };
        assert_eq!(
            sum(&[("a", Some(&number("1"))), ("b", Some(&unresolved))]),
            Err(vec!["b".to_owned()])
        );
    }

    #[test]
    fn units_must_agree() {
        let yuan = |n: &str| CellValue::Quantity {
            number: Number::parse(n).expect("n"),
            unit: "元".into(),
        };
        let wan = CellValue::Quantity {
            number: Number::parse("1").expect("n"),
            unit: "万元".into(),
        };
        assert_eq!(
            sum(&[("a", Some(&yuan("251000"))), ("b", Some(&yuan("100.5")))]),
            Ok(yuan("251100.5"))
        );
        assert_eq!(
            sum(&[("a", Some(&yuan("1"))), ("b", Some(&number("0")))]),
            Ok(yuan("1"))
        );
        assert_eq!(
            sum(&[("a", Some(&yuan("1"))), ("b", Some(&wan))]),
            Err(vec!["b".to_owned()])
        );
        assert_eq!(
            sum(&[("a", Some(&yuan("1"))), ("b", Some(&number("5")))]),
            Err(vec!["b".to_owned()])
        );
    }
}
