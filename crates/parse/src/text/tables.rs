//! Reading Tables 2, 3 and 4 from their sections.
//!
//! Every value is assigned by its row's label, never by its position in a stream of numbers:
//! row labels are found in template order in the normalised text, and a row's values are the ones
//! between its label and the next row's label. A stray number therefore stays in its own row,
//! and a row whose label cannot be found is reported, not filled from its neighbours.
//!
//! Within a row, values are read in one of two ways:
//!
//! * **delimited** — the source still separates cells (tabs, one cell per line, `|`): each field is
//!   one cell; an empty field between two values is a blank cell; a row with too few values is
//!   read left to right and its missing cells are blank, with a diagnostic;
//! * **glued** — the whole table sits on one line with its cell boundaries lost: digit runs are
//!   split by [`super::segment`], using the column grammar and the table's sums.

use super::lines::LineIndex;
use super::segment::{self, Piece, Split, Token};
use nianbao_model::template::{self, ColumnSpec, RowSpec, TableId, TableSpec, ValueKind};
use nianbao_model::{Cell, CellValue, Diagnostic, Number, Row, Severity, Spanned, Table, TemplateVersion};
use nianbao_normalize::{visible_chars, Compact};
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Where a table is searched: a range of the normalised text and the matching source range.
#[derive(Debug, Clone)]
pub struct Region {
    /// Range in the normalised text.
    pub compact: Range<usize>,
    /// Range in the source.
    pub source: Range<usize>,
}

/// How a row label may be printed: the words to look for, and whether this wording belongs to the
/// other template version.
pub(crate) type Alternative = (&'static str, bool);

/// The words of a row label as printed, in order of preference. Item numbers (`1.`) and group
/// numerals (`（一）`) are not part of the words; they are recognised around a match.
pub(crate) fn alternatives(table: TableId, version: TemplateVersion, row: &str) -> &'static [Alternative] {
    use TemplateVersion::{V2019, V2021};
    match (table, version, row) {
        (TableId::T2, _, "regulations") => &[("规章", false)],
        (TableId::T2, V2021, "normative_docs") => &[("行政规范性文件", false), ("规范性文件", true)],
        (TableId::T2, V2019, "normative_docs") => &[("规范性文件", false), ("行政规范性文件", true)],
        (TableId::T2, _, "licensing") => &[("行政许可", false)],
        (TableId::T2, _, "other_services") => &[("其他对外管理服务事项", false)],
        (TableId::T2, _, "penalty") => &[("行政处罚", false)],
        (TableId::T2, _, "coercion") => &[("行政强制", false)],
        (TableId::T2, _, "admin_fees") => &[("行政事业性收费", false)],
        (TableId::T2, _, "procurement") => &[("政府集中采购", false)],
        (TableId::T3, _, "new_received") => &[("本年新收政府信息公开申请数量", false)],
        (TableId::T3, _, "carried_in") => &[("上年结转政府信息公开申请数量", false)],
        (TableId::T3, _, "granted") => &[("予以公开", false)],
        (TableId::T3, _, "partial") => &[
            ("部分公开(区分处理的，只计这一情形，不计其他情形)", false),
            ("部分公开", false),
        ],
        (TableId::T3, _, "denied.state_secret") => &[("属于国家秘密", false)],
        (TableId::T3, _, "denied.law_forbidden") => &[("其他法律行政法规禁止公开", false)],
        (TableId::T3, _, "denied.three_safety") => &[("危及三安全一稳定", false)],
        (TableId::T3, _, "denied.third_party") => &[("保护第三方合法权益", false)],
        (TableId::T3, _, "denied.internal_affairs") => &[("属于三类内部事务信息", false)],
        (TableId::T3, _, "denied.process_info") => &[("属于四类过程性信息", false)],
        (TableId::T3, _, "denied.enforcement_file") => &[("属于行政执法案卷", false)],
        (TableId::T3, _, "denied.query_matter") => &[("属于行政查询事项", false)],
        (TableId::T3, _, "unable.not_held") => &[
            ("本机关不掌握相关政府信息", false),
            ("本单位不掌握相关政府信息", false),
            ("不掌握相关政府信息", false),
        ],
        (TableId::T3, _, "unable.needs_creation") => &[("没有现成信息需要另行制作", false)],
        (TableId::T3, _, "unable.unclear") => &[("补正后申请内容仍不明确", false)],
        (TableId::T3, _, "not_processed.complaint") => &[("信访举报投诉类申请", false)],
        (TableId::T3, _, "not_processed.repeat") => &[("重复申请", false)],
        (TableId::T3, _, "not_processed.publication") => &[("要求提供公开出版物", false)],
        (TableId::T3, _, "not_processed.mass_repeat") => &[("无正当理由大量反复申请", false)],
        (TableId::T3, _, "not_processed.confirm") => &[("要求行政机关确认或重新出具已获取信息", false)],
        (TableId::T3, _, "other") => &[("其他处理", false)],
        (TableId::T3, _, "other.no_supplement") => &[
            (
                "申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
                false,
            ),
            ("逾期不补正", false),
        ],
        (TableId::T3, _, "other.unpaid_fee") => &[
            (
                "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
                false,
            ),
            ("逾期未按收费通知要求缴纳费用", false),
        ],
        (TableId::T3, _, "other.other") => &[("其他", false)],
        (TableId::T3, _, "total_processed") => &[("（七）总计", false), ("总计", false)],
        (TableId::T3, _, "carried_out") => &[("结转下年度继续办理", false)],
        _ => &[],
    }
}

/// The normalised alternatives of every row of `table` in `version`, indexed like the template's
/// rows; computed once per process.
pub(crate) fn normalised_alternatives(table: TableId, version: TemplateVersion) -> &'static [Vec<String>] {
    type Cache = [[Vec<Vec<String>>; 2]; 2];
    static CELL: OnceLock<Cache> = OnceLock::new();
    let cache = CELL.get_or_init(|| {
        let build = |table, version| {
            template::spec(table, version)
                .rows
                .iter()
                .map(|row| {
                    alternatives(table, version, row.key)
                        .iter()
                        .map(|(words, _)| Compact::label(words))
                        .collect()
                })
                .collect()
        };
        let both = |table| {
            [
                build(table, TemplateVersion::V2019),
                build(table, TemplateVersion::V2021),
            ]
        };
        [both(TableId::T2), both(TableId::T3)]
    });
    let by_table = match table {
        TableId::T2 => &cache[0],
        _ => &cache[1],
    };
    match version {
        TemplateVersion::V2019 => &by_table[0],
        TemplateVersion::V2021 => &by_table[1],
    }
}

/// A row label found in the text.
#[derive(Debug, Clone)]
struct Label {
    /// Range in the source, item number included.
    source: Range<usize>,
    /// Which alternative matched.
    alternative: usize,
}

/// Reads the tables of one report.
pub struct TableReader<'a> {
    source: &'a str,
    compact: &'a Compact,
    lines: &'a LineIndex<'a>,
    version: TemplateVersion,
    /// What the reader noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether a row was printed in the other version's wording.
    pub hybrid_label: bool,
}

impl<'a> TableReader<'a> {
    /// A reader for a report of template `version`.
    pub fn new(
        source: &'a str,
        compact: &'a Compact,
        lines: &'a LineIndex<'a>,
        version: TemplateVersion,
    ) -> Self {
        TableReader {
            source,
            compact,
            lines,
            version,
            diagnostics: Vec::new(),
            hybrid_label: false,
        }
    }

    fn note(
        &mut self,
        code: &str,
        severity: Severity,
        message: String,
        span: Option<Range<usize>>,
        facts: Vec<String>,
    ) {
        let diagnostic = self.lines.diagnostic(code, severity, message, span, facts);
        self.diagnostics.push(diagnostic);
    }

    /// Reads Table 2 or Table 3 from `region`; `None` when not one row label is found.
    pub fn row_table(&mut self, id: TableId, region: &Region) -> Option<Table> {
        let spec = template::spec(id, self.version);
        let start = match id {
            // Table 2 may follow a paragraph of narrative: start at its first caption or header.
            TableId::T2 => ["第二十条", "信息内容"]
                .iter()
                .filter_map(|w| self.compact.find(w, region.compact.start))
                .filter(|&at| at < region.compact.end)
                .min()
                .unwrap_or(region.compact.start),
            _ => region.compact.start,
        };
        let labels = self.find_labels(id, spec, start, region.compact.end);
        let found: Vec<&Label> = labels.iter().flatten().collect();
        let (first, last) = (found.first()?, found.last()?);
        let glued = self.lines.line_of(first.source.start) == self.lines.line_of(last.source.start)
            && found.len() > 1;
        if glued {
            self.note(
                "glued-table",
                Severity::Info,
                format!(
                    "{}的单元格边界在文本中已丢失，数字按每行的单元格数和合计关系拆分",
                    table_name(id)
                ),
                Some(first.source.start..last.source.end),
                Vec::new(),
            );
        }
        let mut rows = Vec::with_capacity(spec.rows.len());
        for (index, row_spec) in spec.rows.iter().enumerate() {
            let keys = Keys {
                table: id,
                rows: std::slice::from_ref(row_spec),
            };
            let Some(label) = &labels[index] else {
                self.note(
                    "row-not-found",
                    Severity::Warning,
                    row_not_found(id, row_spec),
                    None,
                    keys.all(),
                );
                rows.push(unresolved_row(row_spec, "未找到该行"));
                continue;
            };
            if alternatives(id, self.version, row_spec.key)[label.alternative].1 {
                self.hybrid_label = true;
                let printed = self.source[label.source.clone()].trim();
                let message = other_version_label(self.version, row_spec, printed);
                self.note(
                    "hybrid-label",
                    Severity::Warning,
                    message,
                    Some(label.source.clone()),
                    Vec::new(),
                );
            }
            let next_start = labels[index + 1..]
                .iter()
                .flatten()
                .map(|l| l.source.start)
                .next()
                .unwrap_or(region.source.end);
            let values = label.source.end..next_start.max(label.source.end);
            let name = printed(self.source, &label.source);
            let cells = if glued {
                let sums: Option<SumsHold<'_>> = (id == TableId::T3).then_some(&row_sum_holds);
                self.glued_cells(&name, &keys, row_spec.columns, values, sums)
            } else {
                self.delimited_cells(&name, &keys, row_spec.columns, values)
            };
            rows.push(Row {
                key: row_spec.key.to_owned(),
                label: Some(Spanned::new(
                    name,
                    self.lines.span(label.source.start, label.source.end),
                )),
                cells,
            });
        }
        Some(Table { id, rows })
    }

    /// Finds each row's label in template order, each after the previous one found.
    fn find_labels(
        &self,
        id: TableId,
        spec: &TableSpec,
        mut from: usize,
        until: usize,
    ) -> Vec<Option<Label>> {
        let text = self.compact.text();
        let all_words = normalised_alternatives(id, self.version);
        spec.rows
            .iter()
            .zip(all_words)
            .map(|(row, words)| {
                let (start, end, alternative) = words
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| {
                        self.compact
                            .find_within(w, from, until)
                            .map(|at| (at, at + w.len(), i))
                    })
                    .min_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)))?;
                let start = start - prefix_len(&text[..start], row.label);
                from = end;
                Some(Label {
                    source: self.compact.source_range(self.source, start, end),
                    alternative,
                })
            })
            .collect()
    }

    /// Reads Table 4 from `region`: its header ends with the third `总计`; one row of 15 values
    /// follows.
    pub fn table4(&mut self, region: &Region) -> Option<Table> {
        let review = self
            .compact
            .find("行政复议", region.compact.start)
            .filter(|&at| at < region.compact.end);
        let mut from = review.unwrap_or(region.compact.start);
        let mut header_end = None;
        for _ in 0..3 {
            match self
                .compact
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
        let header_source_end = self
            .compact
            .source_range(self.source, header_end - "总计".len(), header_end)
            .end;
        let header_start = self.compact.origin(review.unwrap_or(header_end - "总计".len()))?;
        let values = header_source_end..region.source.end;
        let glued = self.lines.line_of(header_start) == self.lines.line_of(header_source_end)
            && values_on_line(self.source, self.lines, header_source_end);
        let spec = &template::TABLE4;
        let keys = Keys {
            table: TableId::T4,
            rows: spec.rows,
        };
        let columns: Vec<ColumnSpec> = spec.rows.iter().flat_map(|r| r.columns.iter().copied()).collect();
        let name = "表四数据行".to_owned();
        let cells = if glued {
            self.note(
                "glued-table",
                Severity::Info,
                "表四的单元格边界在文本中已丢失，数字按15个单元格和各组合计关系拆分".to_owned(),
                Some(header_start..header_source_end),
                Vec::new(),
            );
            let sums = |v: &[Option<i64>]| v.chunks(5).all(row_sum_holds);
            self.glued_cells(&name, &keys, &columns, values, Some(&sums))
        } else {
            self.delimited_cells(&name, &keys, &columns, values)
        };
        let mut cells = cells.into_iter();
        let rows = spec
            .rows
            .iter()
            .map(|row| Row {
                key: row.key.to_owned(),
                label: None,
                cells: cells.by_ref().take(row.columns.len()).collect(),
            })
            .collect();
        Some(Table {
            id: TableId::T4,
            rows,
        })
    }

    /// Cells of a row whose source still separates cells.
    fn delimited_cells(
        &mut self,
        name: &str,
        keys: &Keys,
        columns: &[ColumnSpec],
        range: Range<usize>,
    ) -> Vec<Cell> {
        let fields = delimited_fields(self.source, range.clone());
        let wanted = columns.len();
        let is_value = |f: &Field| matches!(f.value, FieldValue::Value(_));
        let (Some(first), Some(last)) = (
            fields.iter().position(is_value),
            fields.iter().rposition(is_value),
        ) else {
            self.note(
                "row-without-values",
                Severity::Warning,
                format!("“{name}”一行没有数值，各单元格无法读取"),
                Some(range),
                keys.all(),
            );
            return columns.iter().map(|_| Cell::unresolved("该行没有数值")).collect();
        };
        let inner = &fields[first..=last];
        let values = inner.iter().filter(|f| is_value(f)).count();
        let chosen: Vec<&Field> = if inner.len() == wanted {
            inner.iter().collect()
        } else if values >= wanted {
            let extra: Vec<&Field> = inner.iter().filter(|f| is_value(f)).collect();
            if values > wanted {
                let ignored: Vec<&str> = extra[..values - wanted]
                    .iter()
                    .map(|f| &self.source[f.range.clone()])
                    .collect();
                self.note(
                    "extra-values",
                    Severity::Warning,
                    extra_values(name, values, wanted, &ignored),
                    Some(extra[0].range.start..extra[values - wanted - 1].range.end),
                    Vec::new(),
                );
            }
            extra[values - wanted..].to_vec()
        } else {
            let present: Vec<&Field> = inner.iter().filter(|f| is_value(f)).collect();
            self.note(
                "short-row",
                Severity::Warning,
                format!(
                    "“{name}”一行只有 {values} 个数值（应为 {wanted} 个），按从左到右读取，缺少的 {} 个单元格按空白处理",
                    wanted - values
                ),
                Some(inner[0].range.start..inner[inner.len() - 1].range.end),
                keys.all()[values..].to_vec(),
            );
            present
        };
        let mut cells: Vec<Cell> = chosen
            .iter()
            .map(|f| Cell {
                value: match &f.value {
                    FieldValue::Value(v) => v.clone(),
                    FieldValue::Empty => CellValue::Blank,
                    FieldValue::Text => CellValue::Text {
                        text: self.source[f.range.clone()].trim().to_owned(),
                    },
                },
                span: Some(self.lines.span(f.range.start, f.range.end)),
            })
            .collect();
        // Cells the row does not print are blank, placed just after its last value.
        let end = inner[inner.len() - 1].range.end;
        cells.resize(
            wanted,
            Cell {
                value: CellValue::Blank,
                span: Some(self.lines.span(end, end)),
            },
        );
        cells
    }

    /// Cells of a row whose cell boundaries were lost.
    fn glued_cells(
        &mut self,
        name: &str,
        keys: &Keys,
        columns: &[ColumnSpec],
        range: Range<usize>,
        sums: Option<SumsHold<'_>>,
    ) -> Vec<Cell> {
        let sums_checked = sums.is_some();
        let tokens = glued_tokens(self.source, range.clone());
        let kinds: Vec<ValueKind> = columns.iter().map(|c| c.kind).collect();
        let digits = || {
            tokens
                .iter()
                .map(|t| t.chars.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if tokens.is_empty() {
            self.note(
                "row-without-values",
                Severity::Warning,
                format!("“{name}”一行没有数值，各单元格无法读取"),
                Some(range),
                keys.all(),
            );
            return columns.iter().map(|_| Cell::unresolved("该行没有数值")).collect();
        }
        let token_span = tokens[0].offsets[0]..token_end(self.source, &tokens[tokens.len() - 1]);
        let direct = tokens.len() == kinds.len()
            && tokens
                .iter()
                .zip(&kinds)
                .all(|(t, &k)| segment::is_literal(&t.chars, k));
        let split = if direct {
            Split::Unique(
                (0..tokens.len())
                    .map(|token| Piece {
                        token,
                        start: 0,
                        end: tokens[token].chars.len(),
                    })
                    .collect(),
            )
        } else {
            segment::split(&tokens, &kinds, sums.unwrap_or(&|_| true))
        };
        match split {
            Split::Unique(pieces) => pieces.iter().map(|p| self.piece_cell(&tokens, p)).collect(),
            Split::Ambiguous { agreed, count } => {
                let unresolved: Vec<String> = agreed
                    .iter()
                    .zip(keys.all())
                    .filter(|(p, _)| p.is_none())
                    .map(|(_, k)| k)
                    .collect();
                self.note(
                    "ambiguous-digits",
                    Severity::Warning,
                    format!(
                        "“{name}”一行的数字“{}”连在一起，有{}种符合格式{}的拆分；不能确定的 {} 个单元格留空，请核对原件",
                        digits(),
                        if count > segment::MAX_SPLITS { "许多".to_owned() } else { format!(" {count} ") },
                        if sums_checked { "和合计关系" } else { "" },
                        unresolved.len()
                    ),
                    Some(token_span),
                    unresolved,
                );
                agreed
                    .iter()
                    .map(|p| match p {
                        Some(p) => self.piece_cell(&tokens, p),
                        None => Cell::unresolved("数字连在一起，拆分不唯一"),
                    })
                    .collect()
            }
            Split::Impossible => {
                self.note(
                    "unsplittable-digits",
                    Severity::Warning,
                    format!(
                        "“{name}”一行的数字“{}”连在一起，无法拆成 {} 个单元格并满足合计关系（原件可能有误），各单元格留空",
                        digits(),
                        kinds.len()
                    ),
                    Some(token_span),
                    keys.all(),
                );
                columns
                    .iter()
                    .map(|_| Cell::unresolved("数字连在一起，无法拆分"))
                    .collect()
            }
        }
    }

    fn piece_cell(&self, tokens: &[Token], piece: &Piece) -> Cell {
        let token = &tokens[piece.token];
        let text: String = token.chars[piece.start..piece.end].iter().collect();
        let start = token.offsets[piece.start];
        let last = token.offsets[piece.end - 1];
        let end = last + self.source[last..].chars().next().map_or(0, char::len_utf8);
        Cell {
            value: parse_value(&text).unwrap_or(CellValue::Text { text }),
            span: Some(self.lines.span(start, end)),
        }
    }
}

fn token_end(source: &str, token: &Token) -> usize {
    let last = token.offsets[token.offsets.len() - 1];
    last + source[last..].chars().next().map_or(0, char::len_utf8)
}

/// Whether a candidate split keeps the table's sums (integer value of each cell, `None` for
/// non-integers).
type SumsHold<'f> = &'f dyn Fn(&[Option<i64>]) -> bool;

/// The fact keys of a run of cells, formatted only when a diagnostic names them.
struct Keys<'s> {
    table: TableId,
    rows: &'s [RowSpec],
}

impl Keys<'_> {
    fn all(&self) -> Vec<String> {
        self.rows
            .iter()
            .flat_map(|row| {
                row.columns
                    .iter()
                    .map(|c| template::fact_key(self.table, row.key, c.key))
            })
            .collect()
    }
}

/// Whether values follow on the same line as the header (a table run together).
fn values_on_line(source: &str, lines: &LineIndex, at: usize) -> bool {
    let line = lines.line_range(lines.line_of(at));
    source[at..line.end].chars().any(|c| c.is_ascii_digit())
}

pub(crate) fn table_name(id: TableId) -> &'static str {
    match id {
        TableId::T2 => "表二（主动公开政府信息情况）",
        TableId::T3 => "表三（收到和处理政府信息公开申请情况）",
        TableId::T4 => "表四（行政复议、行政诉讼情况）",
    }
}

/// The message for a row whose label was not found.
pub(crate) fn row_not_found(id: TableId, row: &RowSpec) -> String {
    format!(
        "{}中没有找到“{}”一行，该行各单元格无法读取",
        table_name(id),
        row.label
    )
}

/// The message for a row printed with the other template version's label.
pub(crate) fn other_version_label(version: TemplateVersion, row: &RowSpec, printed: &str) -> String {
    format!(
        "{version}版表格中的“{}”一行使用了另一版格式的名称“{printed}”",
        row.label
    )
}

/// The message for a row with `count` values where `wanted` are expected, the first ones ignored.
pub(crate) fn extra_values(name: &str, count: usize, wanted: usize, ignored: &[&str]) -> String {
    format!(
        "“{name}”一行有 {count} 个数值（应为 {wanted} 个），取最后 {wanted} 个，忽略了 {}",
        ignored.join("、")
    )
}

fn unresolved_row(spec: &RowSpec, reason: &str) -> Row {
    Row {
        key: spec.key.to_owned(),
        label: None,
        cells: spec.columns.iter().map(|_| Cell::unresolved(reason)).collect(),
    }
}

/// The label as printed, lines joined.
fn printed(source: &str, range: &Range<usize>) -> String {
    source[range.clone()]
        .split(['\n', '\t', '|'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}

/// Whether the last value equals the sum of the others (all integers).
fn row_sum_holds(values: &[Option<i64>]) -> bool {
    let Some((total, parts)) = values.split_last() else {
        return false;
    };
    let sum: Option<i64> = parts.iter().copied().sum();
    sum.is_some() && sum == *total
}

/// Length of the numbering printed before a label in the normalised text: the row's own item
/// number (`2.`, `2、`), a group numeral (`(一)`) or a level-1 numeral (`一、`).
fn prefix_len(before: &str, canonical_label: &str) -> usize {
    if let Some(item) = canonical_label.chars().next().filter(char::is_ascii_digit) {
        for mark in ['.', '、'] {
            let prefix: String = [item, mark].iter().collect();
            if before.ends_with(&prefix) {
                return prefix.len();
            }
        }
        return 0;
    }
    let mut chars = before.chars().rev();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(')'), Some(n), Some('(')) if "一二三四五六七".contains(n) => 2 + n.len_utf8(),
        (Some('、'), Some(n), _) if "一二三四".contains(n) => '、'.len_utf8() + n.len_utf8(),
        _ => 0,
    }
}

/// One field of a delimited row.
#[derive(Debug)]
struct Field {
    range: Range<usize>,
    value: FieldValue,
}

#[derive(Debug)]
enum FieldValue {
    Empty,
    Value(CellValue),
    Text,
}

/// Splits a source range into fields: lines, then tabs or `|` within a line. Empty fields at the
/// edges of a line are layout (merged cells, indentation) and dropped; a line holding only a tab
/// or `|` is one empty cell; an empty line separates rows and is no field.
fn delimited_fields(source: &str, range: Range<usize>) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut offset = range.start;
    for line in source[range.clone()].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let separator = if content.contains('|') { '|' } else { '\t' };
        if content.trim().is_empty() {
            if content.contains(separator) {
                fields.push(Field {
                    range: line_start..line_start,
                    value: FieldValue::Empty,
                });
            }
            continue;
        }
        // The line's fields with their offsets, without the empty ones at its edges.
        let leading = content.len()
            - content
                .trim_start_matches(|c: char| c == separator || c.is_whitespace())
                .len();
        let inner = content.trim_matches(|c: char| c == separator || c.is_whitespace());
        let mut part_start = line_start + leading;
        let parts = inner.split(separator).map(|part| {
            let start = part_start;
            part_start += part.len() + separator.len_utf8();
            (start, part)
        });
        for (start, part) in parts {
            let trimmed = part.trim();
            let start = start + (part.len() - part.trim_start().len());
            let end = start + trimmed.len();
            if trimmed.is_empty() {
                fields.push(Field {
                    range: start..start,
                    value: FieldValue::Empty,
                });
                continue;
            }
            match parse_value(trimmed) {
                Some(value) => fields.push(Field {
                    range: start..end,
                    value: FieldValue::Value(value),
                }),
                None => {
                    // Several numbers separated by spaces within one field.
                    let words: Vec<&str> = trimmed.split_whitespace().collect();
                    let values: Option<Vec<CellValue>> = words.iter().map(|w| parse_value(w)).collect();
                    match values {
                        Some(values) if words.len() > 1 => {
                            let mut at = start;
                            for (word, value) in words.iter().zip(values) {
                                let word_start = at + source[at..].find(word).unwrap_or(0);
                                at = word_start + word.len();
                                fields.push(Field {
                                    range: word_start..at,
                                    value: FieldValue::Value(value),
                                });
                            }
                        }
                        _ => fields.push(Field {
                            range: start..end,
                            value: FieldValue::Text,
                        }),
                    }
                }
            }
        }
    }
    fields
}

/// Placeholders printed instead of a value (spec §5.5).
const PLACEHOLDERS: &[&str] = &["/", "-", "—", "——", "--", "–", "―", "无"];

/// Parses one printed cell: a number, a number with its unit, or a placeholder. `None` for text.
pub fn parse_value(printed: &str) -> Option<CellValue> {
    let trimmed = printed.trim();
    let normal: std::borrow::Cow<str> = if trimmed.is_ascii() {
        trimmed.into()
    } else if trimmed != "无" && trimmed.contains(|c| nianbao_normalize::is_cjk(c) && c != '元' && c != '万')
    {
        // Labels and other words: no value holds an ideograph but its unit.
        return None;
    } else {
        trimmed.nfkc().collect::<String>().into()
    };
    let normal = normal.as_ref();
    if PLACEHOLDERS.contains(&normal) {
        return Some(CellValue::Placeholder {
            text: printed.trim().to_owned(),
        });
    }
    if let Some(number) = Number::parse(normal) {
        return Some(CellValue::Number { number });
    }
    for unit in ["万元", "元"] {
        if let Some(number) = normal
            .strip_suffix(unit)
            .and_then(|n| Number::parse(n.trim_end()))
        {
            return Some(CellValue::Quantity {
                number,
                unit: unit.to_owned(),
            });
        }
    }
    None
}

/// The runs of value characters in a glued row: digits with signs, decimal points and a unit;
/// text in brackets is skipped, and the run ends at the first text after a value.
fn glued_tokens(source: &str, range: Range<usize>) -> Vec<Token> {
    let chars: Vec<(usize, char)> = visible_chars(&source[range.clone()])
        .map(|(offset, c)| (range.start + offset, ascii_form(c)))
        .collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut current = Token {
        chars: Vec::new(),
        offsets: Vec::new(),
    };
    let mut depth = 0usize;
    for (i, &(offset, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let next_is_digit = next.is_some_and(|c| c.is_ascii_digit());
        let last = current.chars.last().copied();
        let last_is_digit = last.is_some_and(|c| c.is_ascii_digit());
        match c {
            '(' | '（' => {
                depth += 1;
                continue;
            }
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        let joins = c.is_ascii_digit()
            || (matches!(c, '+' | '-') && next_is_digit)
            || (c == '.' && last_is_digit && next_is_digit)
            || (c == '元' && (last_is_digit || last == Some('万')))
            || (c == '万' && last_is_digit && next == Some('元'));
        if joins {
            current.chars.push(c);
            current.offsets.push(offset);
            continue;
        }
        if !current.chars.is_empty() {
            tokens.push(std::mem::replace(
                &mut current,
                Token {
                    chars: Vec::new(),
                    offsets: Vec::new(),
                },
            ));
        }
        if !c.is_whitespace() && !tokens.is_empty() {
            break;
        }
    }
    if !current.chars.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Full-width digits and signs as ASCII.
fn ascii_form(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '－' => '-',
        '＋' => '+',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_placeholders_and_units() {
        let number = |s: &str| {
            Some(CellValue::Number {
                number: Number::parse(s).unwrap(),
            })
        };
        assert_eq!(parse_value(" 0 "), number("0"));
        assert_eq!(parse_value("１２"), number("12"));
        assert_eq!(parse_value("+2"), number("+2"));
        assert_eq!(
            parse_value("／"),
            Some(CellValue::Placeholder { text: "／".into() })
        );
        assert_eq!(
            parse_value("—"),
            Some(CellValue::Placeholder { text: "—".into() })
        );
        assert_eq!(
            parse_value("251000元"),
            Some(CellValue::Quantity {
                number: Number::parse("251000").unwrap(),
                unit: "元".into()
            })
        );
        assert_eq!(parse_value("信息内容"), None);
        assert_eq!(parse_value("1,000"), None);
    }

    #[test]
    fn delimited_fields_keep_interior_blanks() {
        let source = "\t\t0\t\t3\t\n\n\t提供\t";
        let fields = delimited_fields(source, 0..source.len());
        let kinds: Vec<&str> = fields
            .iter()
            .map(|f| match f.value {
                FieldValue::Empty => "empty",
                FieldValue::Value(_) => "value",
                FieldValue::Text => "text",
            })
            .collect();
        assert_eq!(kinds, ["value", "empty", "value", "text"]);
    }

    #[test]
    fn glued_tokens_stop_at_text_and_skip_brackets() {
        let source = "（单位：4）230 000023二、上年结转5";
        let tokens = glued_tokens(source, 0..source.len());
        let texts: Vec<String> = tokens.iter().map(|t| t.chars.iter().collect()).collect();
        assert_eq!(texts, ["230", "000023"]);
        let source = "政府集中采购13575394432.52元三、";
        let tokens = glued_tokens(source, "政府集中采购".len()..source.len());
        assert_eq!(tokens[0].chars.iter().collect::<String>(), "13575394432.52元");
    }

    #[test]
    fn item_numbers_and_numerals_before_labels() {
        assert_eq!(prefix_len("00000002.", "2.其他法律行政法规禁止公开"), 2);
        assert_eq!(prefix_len("0000000", "2.其他法律行政法规禁止公开"), 0);
        assert_eq!(prefix_len("情形)(一)", "（一）予以公开"), "(一)".len());
        assert_eq!(
            prefix_len("0二、", "二、上年结转政府信息公开申请数量"),
            "二、".len()
        );
    }
}
